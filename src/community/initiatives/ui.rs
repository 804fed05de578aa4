//! Initiative pages: `/community/initiatives` (every initiative, with its organisations; for
//! administrators the form to record one) and `/community/initiatives/:id` (an
//! administrator changes one).
use super::api::{load_initiative, load_initiatives, SaveInitiative};
use super::*;
use crate::community::ui::{body, options, tabs};
use crate::i18n::{k, t, use_locale};
use crate::ui::form::{
    checkbox_group, FormAlert, FormView, PendingForm, SelectField, TextArea, TextField,
};
use crate::ui::{page_error, PageTitle};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

/// "1 June 2024 – 31 May 2025", or "from 1 June 2024".
fn dates(i: &InitiativeSummary) -> String {
    let locale = use_locale();
    let day = |s: &str| {
        crate::time::parse_date(s)
            .map(|d| locale.day(d))
            .unwrap_or_default()
    };
    match &i.ends_on {
        Some(end) => format!("{} – {}", day(&i.starts_on), day(end)),
        None => crate::i18n::fill(t(k::INITIATIVE_FROM), &[("date", &day(&i.starts_on))]),
    }
}

pub fn initiative_card(i: InitiativeSummary) -> impl IntoView {
    let locale = use_locale();
    let status = InitiativeStatus::from_code(&i.status)
        .map(|s| t(s.label()))
        .unwrap_or("");
    let admin = crate::auth::use_viewer()
        .user
        .is_some_and(|u| u.role == crate::auth::Role::Admin);
    let when = dates(&i);
    view! {
        <li class="rounded-lg border border-stone-200 bg-white p-4" data-testid="initiative">
            <h3 class="text-lg font-semibold">{i.title.clone()}</h3>
            <p class="text-sm text-stone-700">{status}" · "{when}</p>
            <p class="mt-1 text-sm">
                {i.orgs.into_iter().enumerate().map(|(n, (id, names))| view! {
                    {(n > 0).then_some(", ")}
                    <a class="underline" href=format!("/community/{id}")>{names.in_locale(locale).to_string()}</a>
                }).collect_view()}
            </p>
            {body(&i.description)}
            {(!i.outcomes.is_empty()).then(|| view! {
                <p class="mt-2 font-medium">{t(k::INITIATIVE_FIELD_OUTCOMES)}</p>
                {body(&i.outcomes)}
            })}
            {admin.then(|| view! { <p class="mt-2"><a class="underline" href=format!("/community/initiatives/{}", i.id)>{t(k::INITIATIVE_EDIT)}</a></p> })}
        </li>
    }
}

fn initiative_form(
    saved: Option<&InitiativeSummary>,
    orgs: Vec<(i64, String)>,
) -> impl IntoView + use<> {
    let f = FormView::new(if saved.is_some() {
        "initiative"
    } else {
        "initiative-new"
    });
    let v = saved.map(InitiativeSummary::fields).unwrap_or_default();
    let chosen: Vec<i64> = saved
        .map(|s| s.orgs.iter().map(|(id, _)| *id).collect())
        .unwrap_or_default();
    let get = |s: &str| (!s.is_empty()).then(|| s.to_string());
    let id = saved.map(|s| s.id.to_string()).unwrap_or_default();
    view! {
        <FormAlert form=f.clone()/>
        <PendingForm action=SaveInitiative::PATH.to_string() label=t(k::COMMUNITY_SAVE).to_string() pending=t(k::ROADMAP_SAVING).to_string()>
            <input type="hidden" name="initiative_id" value=id/>
            <TextField form=f.clone() name="title" label=k::INITIATIVE_FIELD_TITLE maxlength=TITLE_MAX saved=get(&v.title)/>
            <SelectField form=f.clone() name="status" label=k::INITIATIVE_FIELD_STATUS options={options::<InitiativeStatus>()} saved=get(&v.status)/>
            <TextField form=f.clone() name="starts_on" label=k::INITIATIVE_FIELD_STARTS kind="date" saved=get(&v.starts_on)/>
            <TextField form=f.clone() name="ends_on" label=k::INITIATIVE_FIELD_ENDS kind="date" required=false hint=k::INITIATIVE_FIELD_ENDS_HINT saved=get(&v.ends_on)/>
            <TextArea form=f.clone() name="description" label=k::INITIATIVE_FIELD_DESCRIPTION maxlength=TEXT_MAX required=false saved=get(&v.description)/>
            <TextArea form=f.clone() name="outcomes" label=k::INITIATIVE_FIELD_OUTCOMES maxlength=TEXT_MAX required=false saved=get(&v.outcomes)/>
            {checkbox_group(&f, "orgs", k::INITIATIVE_FIELD_ORGS, orgs, &chosen)}
        </PendingForm>
    }
}

#[component]
pub fn InitiativesPage() -> impl IntoView {
    let page = leptos_router::hooks::use_query_map().with_untracked(|q| {
        q.get("page")
            .and_then(|p| p.parse::<i64>().ok())
            .unwrap_or(1)
            .clamp(1, 10_000)
    });
    view! {
        <PageTitle key=k::INITIATIVE_TITLE/>
        <h1 class="text-2xl font-bold">{t(k::INITIATIVE_TITLE)}</h1>
        <p class="mt-1 text-stone-700">{t(k::INITIATIVE_LEAD)}</p>
        {tabs("/community/initiatives")}
        <Await future=load_initiatives(page) let:data>
            {match data.clone() {
                Ok(l) => {
                    let pages = crate::ui::pages(l.total, crate::community::PER_PAGE);
                    let admin = !l.orgs.is_empty();
                    view! {
                        <h2 class="sr-only">{t(k::INITIATIVE_TITLE)}</h2>
                        {if l.initiatives.is_empty() {
                            view! { <p class="mt-4">{t(k::INITIATIVE_NONE)}</p> }.into_any()
                        } else {
                            view! { <ul class="mt-4 space-y-3">{l.initiatives.into_iter().map(initiative_card).collect_view()}</ul> }.into_any()
                        }}
                        {(pages > 1).then(|| crate::ui::pager(page as usize, pages, &|p| format!("/community/initiatives?page={p}")))}
                        {admin.then(|| view! {
                            <section id="new" aria-labelledby="new-h" class="mt-8 rounded-lg border border-stone-200 bg-white p-4">
                                <h2 id="new-h" class="text-xl font-bold">{t(k::INITIATIVE_NEW)}</h2>
                                {initiative_form(None, l.orgs.clone())}
                            </section>
                        })}
                    }.into_any()
                }
                Err(e) => page_error(e),
            }}
        </Await>
    }
}

#[component]
pub fn InitiativeEditPage() -> impl IntoView {
    let id = crate::ui::param_id();
    view! {
        <PageTitle key=k::INITIATIVE_EDIT/>
        <h1 class="text-2xl font-bold">{t(k::INITIATIVE_EDIT)}</h1>
        <Await future=load_initiative(id) let:data>
            {match data.clone() {
                Ok((one, orgs)) => view! { <div class="mt-4">{initiative_form(Some(&one), orgs)}</div> }.into_any(),
                Err(e) => page_error(e),
            }}
        </Await>
    }
}
