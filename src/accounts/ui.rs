//! Sign-up, sign-in and account pages. Server-rendered; the forms post to the server
//! functions in `api.rs` and work the same with JavaScript off.
use super::api::{
    my_account, ChangePassword, RequestReset, ResetPassword, SignIn, SignOutEverywhere, SignUp,
};
use crate::auth::Role;
use crate::i18n::{k, t, use_locale};
use crate::roadmaps::RoadmapSummary;
use crate::ui::form::{FormAlert, FormView, PendingForm, TextField};
use crate::ui::{page_error, PageTitle, SignOutButton};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

#[component]
pub fn SignUpPage() -> impl IntoView {
    let f = FormView::new("sign_up");
    // "Become a mentor" links here with ?role=mentor; a failed post brings back what was chosen
    let asked =
        leptos_router::hooks::use_query_map().with_untracked(|q| q.get("role").unwrap_or_default());
    let chosen = Some(f.value("role"))
        .filter(|v| !v.is_empty())
        .unwrap_or(asked);
    let role_error = f.error("role");
    let role_described = role_error.is_some().then_some("sign_up-role-error");
    view! {
        <PageTitle key=k::SIGNUP_TITLE/>
        <h1 class="text-2xl font-bold">{t(k::SIGNUP_TITLE)}</h1>
        <p class="mb-4 mt-1 text-stone-700">{t(k::SIGNUP_LEAD)}</p>
        <FormAlert form=f.clone()/>
        <PendingForm
            action=SignUp::PATH.to_string()
            label=t(k::SIGNUP_SUBMIT).to_string()
            pending=t(k::SIGNUP_PENDING).to_string()
        >
            <TextField form=f.clone() name="email" label=k::FIELD_EMAIL kind="email" autocomplete="email" maxlength=254/>
            <TextField form=f.clone() name="display_name" label=k::FIELD_DISPLAY_NAME hint=k::FIELD_DISPLAY_NAME_HINT autocomplete="name" maxlength=80/>
            <TextField form=f.clone() name="password" label=k::FIELD_PASSWORD kind="password" hint=k::FIELD_PASSWORD_HINT autocomplete="new-password" maxlength=128 secret=true/>
            <fieldset class="mb-4" aria-describedby=role_described>
                <legend class="font-medium">{t(k::FIELD_ROLE)}</legend>
                {Role::SELF_CHOSEN.into_iter().map(|role| {
                    let id = format!("sign_up-role-{}", role.code());
                    let hint = match role { Role::Mentor => k::ROLE_MENTOR_HINT, _ => k::ROLE_MENTEE_HINT };
                    let checked = chosen == role.code() || (chosen.is_empty() && role == Role::Mentee);
                    view! {
                        <div class="mt-2 flex items-start gap-2">
                            <input id=id.clone() type="radio" name="role" value=role.code() checked=checked class="mt-1 h-5 w-5"/>
                            <label for=id>
                                <span class="font-medium">{t(role.label())}</span>
                                <span class="block text-sm text-stone-600">{t(hint)}</span>
                            </label>
                        </div>
                    }
                }).collect_view()}
                {role_error.map(|e| view! { <p id="sign_up-role-error" class="mt-1 text-sm font-medium text-red-800">{e}</p> })}
            </fieldset>
        </PendingForm>
        <p class="mt-6">{t(k::SIGNUP_HAVE_ACCOUNT)}" "<a class="font-medium text-fuchsia-900 underline" href="/signin">{t(k::NAV_SIGN_IN)}</a></p>
    }
}

#[component]
pub fn SignInPage() -> impl IntoView {
    let f = FormView::new("sign_in");
    view! {
        <PageTitle key=k::SIGNIN_TITLE/>
        <h1 class="mb-4 text-2xl font-bold">{t(k::SIGNIN_TITLE)}</h1>
        <FormAlert form=f.clone()/>
        <PendingForm
            action=SignIn::PATH.to_string()
            label=t(k::SIGNIN_SUBMIT).to_string()
            pending=t(k::SIGNIN_PENDING).to_string()
        >
            <TextField form=f.clone() name="email" label=k::FIELD_EMAIL kind="email" autocomplete="email" maxlength=254/>
            <TextField form=f.clone() name="password" label=k::FIELD_PASSWORD kind="password" autocomplete="current-password" maxlength=128 secret=true/>
        </PendingForm>
        <p class="mt-4"><a class="font-medium text-fuchsia-900 underline" href="/forgot">{t(k::SIGNIN_FORGOT)}</a></p>
        <p class="mt-6">{t(k::SIGNIN_NO_ACCOUNT)}" "<a class="font-medium text-fuchsia-900 underline" href="/signup">{t(k::NAV_SIGN_UP)}</a></p>
    }
}

/// "Forgot your password?": asks for the address; the answer is the same whether or not it
/// has an account.
#[component]
pub fn ForgotPage() -> impl IntoView {
    let f = FormView::new("forgot");
    view! {
        <PageTitle key=k::FORGOT_TITLE/>
        <h1 class="text-2xl font-bold">{t(k::FORGOT_TITLE)}</h1>
        <p class="mb-4 mt-1 text-stone-700">{t(k::FORGOT_LEAD)}</p>
        <FormAlert form=f.clone()/>
        <PendingForm
            action=RequestReset::PATH.to_string()
            label=t(k::FORGOT_SUBMIT).to_string()
            pending=t(k::FORGOT_PENDING).to_string()
        >
            <TextField form=f.clone() name="email" label=k::FIELD_EMAIL kind="email" autocomplete="email" maxlength=254/>
        </PendingForm>
    }
}

/// Where a reset link leads (`/reset?token=…`): a new password for that account.
#[component]
pub fn ResetPage() -> impl IntoView {
    let f = FormView::new("reset");
    let token = leptos_router::hooks::use_query_map()
        .with_untracked(|q| q.get("token").unwrap_or_default());
    let failed = f.error("").is_some();
    view! {
        <PageTitle key=k::RESET_TITLE/>
        <h1 class="text-2xl font-bold">{t(k::RESET_TITLE)}</h1>
        {if token.is_empty() {
            view! {
                <p class="mt-2">{t(k::RESET_NO_TOKEN)}" "<a class="font-medium text-fuchsia-900 underline" href="/forgot">{t(k::RESET_ASK_AGAIN)}</a></p>
            }.into_any()
        } else {
            view! {
                <p class="mb-4 mt-1 text-stone-700">{t(k::RESET_LEAD)}</p>
                <FormAlert form=f.clone()/>
                {failed.then(|| view! {
                    <p class="mb-4"><a class="font-medium text-fuchsia-900 underline" href="/forgot">{t(k::RESET_ASK_AGAIN)}</a></p>
                })}
                <PendingForm
                    action=ResetPassword::PATH.to_string()
                    label=t(k::RESET_SUBMIT).to_string()
                    pending=t(k::RESET_PENDING).to_string()
                >
                    <input type="hidden" name="token" value=token/>
                    <TextField form=f.clone() name="password" label=k::ACCOUNT_NEW_PASSWORD kind="password" hint=k::FIELD_PASSWORD_HINT autocomplete="new-password" maxlength=128 secret=true/>
                </PendingForm>
            }.into_any()
        }}
    }
}

/// The account page. For a mentee it lists her roadmaps (loaded through roadmaps' `api`);
/// `roadmaps` renders that list, passed by the composition root (`app.rs`), so this area
/// reaches into no other area's `ui`.
#[component]
pub fn AccountPage(
    roadmaps: fn(Vec<RoadmapSummary>) -> AnyView,
    /// Her lectures (the learning area's part).
    lectures: fn() -> AnyView,
) -> impl IntoView {
    let locale = use_locale();
    view! {
        <PageTitle key=k::ACCOUNT_TITLE/>
        <Await future=my_account() let:account>
            {match account.clone() {
                Ok(a) => view! {
                    <h1 class="text-2xl font-bold">{t(k::ACCOUNT_TITLE)}</h1>
                    <dl class="mt-4 grid grid-cols-[auto_1fr] gap-x-4 gap-y-2">
                        <dt class="font-medium">{t(k::ACCOUNT_NAME)}</dt><dd>{a.display_name}</dd>
                        <dt class="font-medium">{t(k::ACCOUNT_EMAIL)}</dt><dd class="break-all">{a.email}</dd>
                        <dt class="font-medium">{t(k::ACCOUNT_ROLE)}</dt><dd>{t(a.role.label())}</dd>
                        <dt class="font-medium">{t(k::ACCOUNT_MEMBER_SINCE)}</dt><dd>{locale.date(a.created_at)}</dd>
                    </dl>
                    {(!a.email_confirmed).then(|| view! {
                        <section aria-labelledby="confirm-h" class="mt-4 rounded-md border border-amber-300 bg-amber-50 p-3 text-amber-950" data-testid="confirm-email">
                            <h2 id="confirm-h" class="font-semibold">{t(k::ACCOUNT_CONFIRM_TITLE)}</h2>
                            <p class="text-sm">{t(k::ACCOUNT_CONFIRM_BODY)}</p>
                            <FormAlert form=FormView::new("confirm")/>
                            <PendingForm action=super::api::ResendConfirmation::PATH.to_string() label=t(k::ACCOUNT_CONFIRM_RESEND).to_string() pending=t(k::AWARD_SAVING).to_string()
                                button_class=crate::ui::form::SECONDARY_BUTTON_CLASS.to_string()>
                                ""
                            </PendingForm>
                        </section>
                    })}
                    <ul class="mt-6 space-y-2">
                        {matches!(a.role, Role::Mentor | Role::Mentee).then(|| view! {
                            <li><a class="font-medium text-fuchsia-900 underline" href="/profile">{t(k::ACCOUNT_EDIT_PROFILE)}</a></li>
                        })}
                        {(a.role == Role::Admin).then(|| view! {
                            <li><a class="font-medium text-fuchsia-900 underline" href="/admin/mentors">{t(k::ACCOUNT_REVIEW_QUEUE)}</a></li>
                            <li><a class="font-medium text-fuchsia-900 underline" href="/admin/dashboard">{t(k::DASH_TITLE)}</a></li>
                            <li><a class="font-medium text-fuchsia-900 underline" href="/admin/moderation">{t(k::MOD_TITLE)}</a></li>
                            <li><a class="font-medium text-fuchsia-900 underline" href="/admin/messages">{t(k::HELD_TITLE)}</a></li>
                            <li><a class="font-medium text-fuchsia-900 underline" href="/admin/outbox">{t(k::ACCOUNT_OUTBOX)}</a></li>
                            <li><a class="font-medium text-fuchsia-900 underline" href="/admin/templates">{t(k::TEMPLATES_TITLE)}</a></li>
                            <li><a class="font-medium text-fuchsia-900 underline" href="/admin/awards">{t(k::AWARD_ADMIN_TITLE)}</a></li>
                            <li><a class="font-medium text-fuchsia-900 underline" href="/admin/matching">{t(k::MATCHING_TITLE)}</a></li>
                            <li><a class="font-medium text-fuchsia-900 underline" href="/admin/import">{t(k::IMPORT_TITLE)}</a></li>
                            <li><a class="font-medium text-fuchsia-900 underline" href="/admin/community">{t(k::COMMUNITY_QUEUE)}</a></li>
                            <li><a class="font-medium text-fuchsia-900 underline" href="/admin/audit">{t(k::AUDIT_TITLE)}</a></li>
                        })}
                        {(a.role == Role::Partner).then(|| view! {
                            <li><a class="font-medium text-fuchsia-900 underline" href="/community/mine">{t(k::COMMUNITY_MINE)}</a></li>
                        })}
                    </ul>
                    {(a.role == Role::Mentee).then(|| view! {
                        <section aria-labelledby="dashboard-roadmaps" class="mt-6">
                            <h2 id="dashboard-roadmaps" class="text-xl font-bold">{t(k::ROADMAP_TITLE)}</h2>
                            <Await future=crate::roadmaps::api::load_my_roadmaps() let:mine>
                                {match mine.clone() {
                                    Ok(my) if my.mine.is_empty() => view! {
                                        <p class="mt-2">{t(k::ROADMAP_EMPTY)}" "<a class="font-medium text-fuchsia-900 underline" href="/roadmaps">{t(k::ROADMAP_NEW)}</a></p>
                                    }.into_any(),
                                    Ok(my) => roadmaps(my.mine),
                                    Err(e) => page_error(e),
                                }}
                            </Await>
                        </section>
                    })}
                    {lectures()}
                    {time_zone_section()}
                    <section aria-labelledby="password-h" class="mt-8">
                        <h2 id="password-h" class="text-xl font-bold">{t(k::ACCOUNT_PASSWORD_TITLE)}</h2>
                        <FormAlert form=FormView::new("password")/>
                        <PendingForm
                            action=ChangePassword::PATH.to_string()
                            label=t(k::ACCOUNT_PASSWORD_SUBMIT).to_string()
                            pending=t(k::ACCOUNT_PASSWORD_PENDING).to_string()
                            button_class=crate::ui::form::SECONDARY_BUTTON_CLASS.to_string()
                        >
                            <TextField form=FormView::new("password") name="current_password" label=k::ACCOUNT_CURRENT_PASSWORD kind="password" autocomplete="current-password" maxlength=128 secret=true/>
                            <TextField form=FormView::new("password") name="password" label=k::ACCOUNT_NEW_PASSWORD kind="password" hint=k::FIELD_PASSWORD_HINT autocomplete="new-password" maxlength=128 secret=true/>
                        </PendingForm>
                    </section>
                    <section aria-labelledby="everywhere-h" class="mt-8">
                        <h2 id="everywhere-h" class="text-xl font-bold">{t(k::ACCOUNT_EVERYWHERE_TITLE)}</h2>
                        <p class="mt-1 text-stone-700">{t(k::ACCOUNT_EVERYWHERE_BODY)}</p>
                        <FormAlert form=FormView::new("everywhere")/>
                        <PendingForm
                            action=SignOutEverywhere::PATH.to_string()
                            label=t(k::ACCOUNT_EVERYWHERE_SUBMIT).to_string()
                            pending=t(k::ACCOUNT_EVERYWHERE_PENDING).to_string()
                            button_class=crate::ui::form::SECONDARY_BUTTON_CLASS.to_string()
                        >
                            ""
                        </PendingForm>
                    </section>
                    <section aria-labelledby="my-data-h" class="mt-8">
                        <h2 id="my-data-h" class="text-xl font-bold">{t(k::DATA_TITLE)}</h2>
                        <p class="mt-1"><a class="font-medium text-fuchsia-900 underline" href="/account/data">{t(k::DATA_OPEN)}</a></p>
                    </section>
                    <div class="mt-6"><SignOutButton/></div>
                }.into_any(),
                Err(e) => page_error(e),
            }}
        </Await>
    }
}

/// The zone her times of day are shown in (lectures, meetings).
fn time_zone_section() -> impl IntoView {
    let f = FormView::new("time-zone");
    let saved = crate::auth::use_viewer()
        .user
        .and_then(|u| u.time_zone)
        .unwrap_or_default();
    let options: Vec<(String, String)> = crate::time::ZONES
        .iter()
        .map(|z| (z.to_string(), use_locale().zone(z)))
        .collect();
    view! {
        <section id="time-zone" aria-labelledby="time-zone-h" class="mt-8">
            <h2 id="time-zone-h" class="text-xl font-bold">{t(k::ACCOUNT_ZONE_TITLE)}</h2>
            <p class="mt-1 text-stone-700">{t(k::ACCOUNT_ZONE_LEAD)}</p>
            <FormAlert form=f.clone()/>
            <PendingForm action=super::api::SetTimeZone::PATH.to_string() label=t(k::ACCOUNT_ZONE_SAVE).to_string() pending=t(k::AWARD_SAVING).to_string()
                button_class=crate::ui::form::SECONDARY_BUTTON_CLASS.to_string()>
                <crate::ui::form::SelectField form=f.clone() name="time_zone" label=k::ACCOUNT_ZONE_LABEL options=options placeholder=k::ACCOUNT_ZONE_PROGRAMME required=false saved=Some(saved)/>
            </PendingForm>
        </section>
    }
}
