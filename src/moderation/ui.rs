//! Moderation's pages: the administrators' queue (`/admin/moderation`: open cases with the
//! content as reported, the reports and the author's history, each decided with a reason and
//! perhaps a sanction; appeals, decided by another administrator; the texts held for a safety
//! check), and a case's page for its author (`/moderation/{id}`: what was decided and why, in
//! her language, and her one appeal).
use super::api::{
    load_case, load_held_texts, load_queue, AppealCase, DecideAppeal, DecideCase, DecideHeldText,
};
use super::{
    Case, CaseState, CaseView, HiddenBecause, Outcome, QueuedCase, ReportReason, Sanction,
    SanctionKind,
};
use crate::form::Choice;
use crate::i18n::{k, t, use_locale};
use crate::ui::form::{
    choice_options, FormAlert, FormView, PendingForm, SelectField, TextArea, DANGER_BUTTON_CLASS,
    SECONDARY_BUTTON_CLASS,
};
use crate::ui::{page_error, readable, PageTitle};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

/// Held texts from every channel but mentorship messages, each with Release and Remove.
#[component]
pub fn HeldTexts() -> impl IntoView {
    let locale = use_locale();
    view! {
        <section id="held" aria-labelledby="held-texts-h" class="mt-8">
            <h2 id="held-texts-h" class="text-xl font-bold">{t(k::HELD_TEXTS_TITLE)}</h2>
            <FormAlert form=FormView::new("held_text")/>
            <Await future=load_held_texts() let:data>
                {match data.clone() {
                    Ok(list) if list.is_empty() => view! { <p class="mt-2">{t(k::HELD_TEXTS_EMPTY)}</p> }.into_any(),
                    Ok(list) => view! {
                        <ul class="mt-3 space-y-3">
                            {list.into_iter().map(|h| view! {
                                <li class="rounded-lg border border-stone-200 bg-white p-4" data-testid="held-text">
                                    <p class="text-sm font-medium">{t(h.channel.label())}" · "{h.author_name}" · "{locale.date(h.created_at)}</p>
                                    <p class="mt-1 whitespace-pre-line">{h.text}</p>
                                    <div class="mt-3 flex flex-wrap gap-3">
                                        <PendingForm action=DecideHeldText::PATH.to_string() label=t(k::HELD_RELEASE).to_string() pending=t(k::REVIEW_WORKING).to_string()>
                                            <input type="hidden" name="held_id" value=h.id.to_string()/>
                                            <input type="hidden" name="decision" value="release"/>
                                        </PendingForm>
                                        <PendingForm action=DecideHeldText::PATH.to_string() label=t(k::HELD_REMOVE).to_string() pending=t(k::REVIEW_WORKING).to_string()
                                            button_class=DANGER_BUTTON_CLASS.to_string()>
                                            <input type="hidden" name="held_id" value=h.id.to_string()/>
                                            <input type="hidden" name="decision" value="remove"/>
                                        </PendingForm>
                                    </div>
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                    Err(e) => page_error(e),
                }}
            </Await>
        </section>
    }
}

/// `/admin/moderation`.
#[component]
pub fn ModerationPage() -> impl IntoView {
    crate::ui::admin_only(|| {
        view! {
            <PageTitle key=k::MOD_TITLE/>
            <h1 class="text-2xl font-bold">{t(k::MOD_TITLE)}</h1>
            <p class="mt-1 text-stone-700">{t(k::MOD_LEAD)}</p>
            <Await future=load_queue() let:data>
                {match data.clone() {
                    Ok(q) => {
                        let me = q.me;
                        view! {
                            <section id="open" aria-labelledby="open-h" class="mt-6">
                                <h2 id="open-h" class="text-xl font-bold">{t(k::MOD_OPEN_TITLE)}</h2>
                                {if q.open.is_empty() {
                                    view! { <p class="mt-2">{t(k::MOD_OPEN_EMPTY)}</p> }.into_any()
                                } else {
                                    view! { <ul class="mt-3 space-y-4">{q.open.into_iter().map(open_case).collect_view()}</ul> }.into_any()
                                }}
                            </section>
                            <section id="appeals" aria-labelledby="appeals-h" class="mt-8">
                                <h2 id="appeals-h" class="text-xl font-bold">{t(k::MOD_APPEALS_TITLE)}</h2>
                                {if q.appeals.is_empty() {
                                    view! { <p class="mt-2">{t(k::MOD_APPEALS_EMPTY)}</p> }.into_any()
                                } else {
                                    view! { <ul class="mt-3 space-y-4">{q.appeals.into_iter().map(|c| appeal_case(c, me)).collect_view()}</ul> }.into_any()
                                }}
                            </section>
                        }.into_any()
                    }
                    Err(e) => page_error(e),
                }}
            </Await>
            <HeldTexts/>
            <p class="mt-4"><a class="underline" href="/admin/messages">{t(k::MOD_HELD_MESSAGES)}</a></p>
        }
        .into_any()
    })
}

fn kind_label(c: &Case) -> &'static str {
    t(c.item_kind.label())
}

/// What the queue shows of any case: its kind, author, the words as reported, where it is,
/// the reports and her history.
fn case_body(q: &QueuedCase) -> impl IntoView + use<> {
    let locale = use_locale();
    let c = &q.case;
    let author = c
        .author_name
        .clone()
        .unwrap_or_else(|| t(k::MOD_NO_AUTHOR).to_string());
    let hidden = c.hidden.then(|| {
        let why = c
            .hidden_because
            .map_or(t(k::MOD_HIDDEN_NOW), |b| t(b.label()));
        view! { <p class="mt-2 rounded bg-amber-100 px-2 py-1 text-sm font-medium text-amber-950" data-testid="hidden">{why}</p> }
    });
    let reports = q
        .reports
        .iter()
        .map(|r| {
            let reason = t(r.reason.label());
            let who = format!(
                "{}{}",
                r.reporter_name.clone().unwrap_or_default(),
                r.reporter_role
                    .as_deref()
                    .map(|role| format!(" ({role})"))
                    .unwrap_or_default()
            );
            let details = (!r.details.is_empty()).then(|| format!(": {}", r.details));
            view! { <li class="text-sm"><span class="font-medium">{reason}</span>{details}" — "{who}", "{locale.date(r.created_at)}</li> }
        })
        .collect_view();
    let h = &q.history;
    let history = locale.tf(
        k::MOD_HISTORY,
        &[
            ("cases", &h.cases.to_string()),
            ("removed", &h.removed.to_string()),
        ],
    );
    let sanctions = (!h.sanctions.is_empty()).then(|| {
        let list = h
            .sanctions
            .iter()
            .map(|s| view! { <li>{sanction_line(s)}</li> })
            .collect_view();
        view! { <p class="mt-1 text-sm font-medium">{t(k::MOD_SANCTIONS_TITLE)}</p><ul class="text-sm">{list}</ul> }
    });
    view! {
        <p class="text-sm font-medium">{kind_label(c)}" · "{t(k::MOD_AUTHOR)}": "{author}" · "{locale.date(c.opened_at)}</p>
        {hidden}
        <p class="mt-2 text-sm font-medium">{t(k::MOD_AS_REPORTED)}</p>
        <blockquote class="mt-1 whitespace-pre-line break-words border-l-4 border-stone-300 pl-3" data-testid="snapshot">{readable(&c.snapshot)}</blockquote>
        {c.page.clone().map(|href| view! { <p class="mt-1"><a class="underline" href=href>{t(k::MOD_OPEN_PLACE)}</a></p> })}
        <p class="mt-2 text-sm font-medium">{t(k::MOD_REPORTS_TITLE)}</p>
        <ul class="mt-1 space-y-1">{reports}</ul>
        <p class="mt-2 text-sm">{history}</p>
        {sanctions}
    }
}

fn sanction_line(s: &Sanction) -> String {
    let locale = use_locale();
    let kind = t(s.kind.label());
    let mut line = locale.tf(
        k::MOD_SANCTION_UNTIL,
        &[("kind", kind), ("date", &locale.date(s.ends_at - 1))],
    );
    if s.lifted_at.is_some() {
        line.push_str(&format!(" ({})", t(k::MOD_SANCTION_LIFTED)));
    }
    if !s.reason.is_empty() {
        line.push_str(&format!(": {}", s.reason));
    }
    line
}

/// An open case with its decision form.
fn open_case(q: QueuedCase) -> impl IntoView {
    let id = q.case.id;
    let f = FormView::new(format!("case-{id}"));
    let mut sanctions = vec![(String::new(), t(k::MOD_SANCTION_NONE).to_string())];
    sanctions.extend(choice_options::<SanctionKind>());
    let until_id = f.id("until", "input");
    let until_error = f.error("until");
    let until_error_id = f.id("until", "error");
    view! {
        <li id=format!("case-{id}") class="rounded-lg border border-stone-200 bg-white p-4" data-testid="case">
            {case_body(&q)}
            <FormAlert form=f.clone()/>
            <PendingForm action=DecideCase::PATH.to_string() label=t(k::MOD_DECIDE).to_string() pending=t(k::MOD_DECIDING).to_string()>
                <input type="hidden" name="case_id" value=id.to_string()/>
                <input type="hidden" name="version" value=q.case.version.to_string()/>
                <SelectField form=f.clone() name="outcome" label=k::MOD_OUTCOME options={choice_options::<Outcome>()} placeholder=k::FIELD_CHOOSE/>
                <TextArea form=f.clone() name="reason" label=k::MOD_REASON maxlength=super::REASON_MAX/>
                <SelectField form=f.clone() name="sanction" label=k::MOD_SANCTION options=sanctions required=false/>
                <div class="mb-4">
                    <label for=until_id.clone() class="block font-medium">{t(k::MOD_UNTIL)}</label>
                    <input id=until_id type="date" name="until" value=f.value("until")
                        aria-invalid=until_error.is_some().then_some("true")
                        aria-describedby=until_error.is_some().then(|| until_error_id.clone())
                        class=crate::ui::form::INPUT_CLASS/>
                    {until_error.map(|e| view! { <p id=until_error_id class="mt-1 text-sm font-medium text-red-800">{e}</p> })}
                </div>
            </PendingForm>
        </li>
    }
}

/// An appeal with its decision form (for an administrator other than the one who decided).
fn appeal_case(q: QueuedCase, me: i64) -> impl IntoView {
    let id = q.case.id;
    let f = FormView::new(format!("appeal-{id}"));
    let outcome = q.case.outcome.map(|o| t(o.label())).unwrap_or("");
    let mine = q.case.decided_by == Some(me);
    view! {
        <li id=format!("appeal-{id}") class="rounded-lg border border-stone-200 bg-white p-4" data-testid="appeal">
            {case_body(&q)}
            <p class="mt-2 text-sm"><span class="font-medium">{t(k::MOD_OUTCOME)}": "</span>{outcome}" — "{q.case.reason.clone()}</p>
            <p class="mt-2 text-sm font-medium">{t(k::MOD_APPEAL_OF)}</p>
            <blockquote class="mt-1 whitespace-pre-line break-words border-l-4 border-fuchsia-300 pl-3">{q.case.appeal.clone().unwrap_or_default()}</blockquote>
            {if mine {
                view! { <p class="mt-3 text-sm">{t(k::MOD_ERR_SAME_ADMIN)}</p> }.into_any()
            } else {
                view! {
                    <FormAlert form=f.clone()/>
                    <PendingForm action=DecideAppeal::PATH.to_string() label=t(k::MOD_DECIDE).to_string() pending=t(k::MOD_DECIDING).to_string()>
                        <input type="hidden" name="case_id" value=id.to_string()/>
                        <input type="hidden" name="version" value=q.case.version.to_string()/>
                        <SelectField form=f.clone() name="decision" label=k::MOD_OUTCOME
                            options={choice_options::<super::AppealDecision>()}
                            placeholder=k::FIELD_CHOOSE/>
                        <TextArea form=f.clone() name="reason" label=k::MOD_REASON maxlength=super::REASON_MAX/>
                    </PendingForm>
                }.into_any()
            }}
        </li>
    }
}

/// `/moderation/{id}`: a case as its author reads it.
#[component]
pub fn CasePage() -> impl IntoView {
    let id = crate::ui::param_id();
    view! {
        <PageTitle key=k::MOD_CASE_TITLE/>
        <Await future=load_case(id) let:data>
            {match data.clone() {
                Ok(v) => case_view(v).into_any(),
                Err(e) => page_error(e),
            }}
        </Await>
    }
}

fn case_view(v: CaseView) -> impl IntoView {
    let locale = use_locale();
    let c = v.case;
    let state = match (c.state, c.outcome) {
        (CaseState::Open, _) if c.hidden => {
            format!("{} {}", t(k::MOD_CASE_OPEN), t(k::MOD_CASE_HIDDEN))
        }
        (CaseState::Open, _) => t(k::MOD_CASE_OPEN).to_string(),
        (CaseState::Closed, Some(Outcome::Dismiss)) => t(k::MOD_OUTCOME_DISMISSED).to_string(),
        (CaseState::Closed, Some(Outcome::Hide)) => t(k::MOD_OUTCOME_HIDDEN).to_string(),
        (CaseState::Closed, Some(Outcome::Restore)) => t(k::MOD_OUTCOME_RESTORED).to_string(),
        (CaseState::Closed, Some(Outcome::Remove)) => t(k::MOD_OUTCOME_REMOVED).to_string(),
        (CaseState::Closed, None) => t(k::MOD_CASE_DECIDED).to_string(),
    };
    let why = match (c.state, c.hidden_because) {
        (CaseState::Open, Some(HiddenBecause::Personal)) => {
            Some(t(k::MOD_CASE_HIDDEN_PERSONAL).to_string())
        }
        (CaseState::Open, Some(HiddenBecause::Reports)) => {
            Some(t(k::MOD_HIDDEN_REPORTS).to_string())
        }
        (CaseState::Open, None) => None,
        (CaseState::Closed, _) => (!c.reason.is_empty()).then(|| c.reason.clone()),
    };
    let appeal_state = match (c.appealed_at, c.appeal_outcome) {
        (Some(_), None) => Some(t(k::MOD_APPEAL_WAITING).to_string()),
        (Some(_), Some(o)) => Some(format!("{} {}", t(o.label()), c.appeal_reason)),
        (None, _) => None,
    };
    let f = FormView::new("appeal");
    view! {
        <h1 class="text-2xl font-bold">{t(k::MOD_CASE_TITLE)}</h1>
        <p class="mt-1 text-sm text-stone-700">{kind_label(&c)}" · "{locale.date(c.opened_at)}</p>
        <p class="mt-3 font-medium" data-testid="case-state">{state}</p>
        {why.map(|w| view! { <p class="mt-1"><span class="font-medium">{t(k::MOD_WHY)}": "</span>{w}</p> })}
        {(!v.sanctions.is_empty()).then(|| view! {
            <ul class="mt-2 list-disc pl-5">{v.sanctions.iter().map(|s| view! { <li>{sanction_line(s)}</li> }).collect_view()}</ul>
        })}
        <h2 class="mt-4 text-lg font-bold">{t(k::MOD_YOUR_WORDS)}</h2>
        <blockquote class="mt-1 whitespace-pre-line break-words border-l-4 border-stone-300 pl-3">{readable(&c.snapshot)}</blockquote>
        {c.page.clone().map(|href| view! { <p class="mt-1"><a class="underline" href=href>{t(k::MOD_OPEN_PLACE)}</a></p> })}
        {appeal_state.map(|s| view! { <p class="mt-4 font-medium" data-testid="appeal-state">{s}</p> })}
        {v.appealable.then(|| view! {
            <section aria-labelledby="appeal-h" class="mt-6">
                <h2 id="appeal-h" class="text-lg font-bold">{t(k::MOD_APPEAL)}</h2>
                <p class="mt-1 text-sm text-stone-700">{t(k::MOD_APPEAL_HINT)}</p>
                <FormAlert form=f.clone()/>
                <PendingForm action=AppealCase::PATH.to_string() label=t(k::MOD_APPEAL_SEND).to_string() pending=t(k::MOD_DECIDING).to_string()
                    button_class=SECONDARY_BUTTON_CLASS.to_string()>
                    <input type="hidden" name="case_id" value=c.id.to_string()/>
                    <TextArea form=f.clone() name="appeal" label=k::MOD_APPEAL maxlength=super::REASON_MAX/>
                </PendingForm>
            </section>
        })}
    }
}

/// The report form beside an item of any kind, through the one route every kind shares. The
/// one piece of moderation's ui other areas' pages show (like `ui::readable`, it is part of
/// the shared safeguarding mechanism); it is built from public types over the kit's form.
pub fn report_form(kind: super::ItemKind, item: i64, reported: bool) -> AnyView {
    use super::api::ReportContent;
    let (name, hidden) = kind.report_fields(item);
    crate::ui::form::report_form(
        name,
        ReportContent::PATH.to_string(),
        hidden,
        choice_options::<ReportReason>(),
        reported,
    )
}
