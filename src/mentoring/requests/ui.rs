//! The request form on a mentor's page and the requests page (sent or received).
use crate::i18n::{k, t, use_locale};
use crate::mentoring::requests::api::{load_my_requests, RequestAction, SendRequest};
use crate::mentoring::requests::{DeclineReason, State, MESSAGE_MAX};
use crate::mentoring::RequestView;
use crate::ui::form::{
    FormAlert, FormView, PendingForm, SelectField, TextArea, SECONDARY_BUTTON_CLASS,
};
use crate::ui::{page_error, PageTitle};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

/// "Ask for mentorship", shown to a mentee on an approved mentor's page.
#[component]
pub fn RequestForm(mentor_id: i64) -> impl IntoView {
    let f = FormView::new("send_request");
    view! {
        <section aria-labelledby="request-heading" class="mt-8 rounded-lg border border-fuchsia-200 bg-white p-4">
            <h2 id="request-heading" class="text-lg font-bold">{t(k::REQUEST_SEND_HEADING)}</h2>
            <p class="mb-3 text-sm text-stone-700">{t(k::REQUEST_SEND_LEAD)}</p>
            <FormAlert form=f.clone()/>
            <PendingForm action=SendRequest::PATH.to_string() label=t(k::REQUEST_SEND).to_string() pending=t(k::REQUEST_SENDING).to_string()>
                <input type="hidden" name="mentor_id" value=mentor_id.to_string()/>
                <TextArea form=f.clone() name="message" label=k::REQUEST_MESSAGE hint=k::REQUEST_MESSAGE_HINT maxlength=MESSAGE_MAX/>
                <TextArea form=f.clone() name="hopes" label=k::REQUEST_HOPES hint=k::REQUEST_HOPES_HINT maxlength=MESSAGE_MAX/>
            </PendingForm>
        </section>
    }
}

#[component]
pub fn RequestsPage() -> impl IntoView {
    view! {
        <PageTitle key=k::REQUEST_TITLE/>
        <h1 class="text-2xl font-bold">{t(k::REQUEST_TITLE)}</h1>
        <Await future=load_my_requests() let:data>
            {match data.clone() {
                Ok(mine) if mine.requests.is_empty() => {
                    let key = if mine.as_mentor { k::REQUEST_EMPTY_MENTOR } else { k::REQUEST_EMPTY_MENTEE };
                    view! {
                        <p class="mt-4">{t(key)}</p>
                        {(!mine.as_mentor).then(|| view! {
                            <p class="mt-2"><a class="font-medium text-fuchsia-900 underline" href="/mentors">{t(k::NAV_MENTORS)}</a></p>
                        })}
                    }.into_any()
                }
                Ok(mine) => view! {
                    <ul class="mt-4 space-y-4">
                        {mine.requests.into_iter().map(|r| view! { <RequestItem r=r as_mentor=mine.as_mentor/> }).collect_view()}
                    </ul>
                }.into_any(),
                Err(e) => page_error(e),
            }}
        </Await>
    }
}

fn hidden(id: i64, action: &'static str) -> impl IntoView {
    view! {
        <input type="hidden" name="request_id" value=id.to_string()/>
        <input type="hidden" name="action" value=action/>
    }
}

#[component]
fn RequestItem(r: RequestView, as_mentor: bool) -> impl IntoView {
    let locale = use_locale();
    let f = FormView::new(format!("request_{}", r.id));
    let profile = if as_mentor {
        format!("/mentees/{}", r.other_id)
    } else {
        format!("/mentors/{}", r.other_id)
    };
    let who = if as_mentor {
        k::REQUEST_FROM
    } else {
        k::REQUEST_TO
    };
    let state_class = if r.state.is_open() {
        "bg-amber-100 text-amber-950"
    } else {
        "bg-stone-200 text-stone-900"
    };
    let id = r.id;
    let mentor_actions = as_mentor && r.state.is_open();
    let can_accept = as_mentor && matches!(r.state, State::Pending | State::Viewed);
    let (f1, f2, f3) = (f.clone(), f.clone(), f.clone());
    let decline_options: Vec<(String, String)> = DeclineReason::ALL
        .iter()
        .map(|d| (d.code().to_string(), t(d.label()).to_string()))
        .collect();
    view! {
        <li class="rounded-lg border border-stone-200 bg-white p-4" data-testid="request">
            <div class="flex flex-wrap items-center justify-between gap-2">
                <h2 class="text-lg font-semibold">{t(who)}" "<a class="underline" href=profile>{crate::ui::readable(&r.other_name)}</a></h2>
                <span class=format!("rounded-full px-3 py-1 text-sm font-medium {state_class}")>{t(r.state.label())}</span>
            </div>
            <p class="text-sm text-stone-600">{locale.date(r.updated_at)}</p>
            <p class="mt-2 whitespace-pre-line">{crate::ui::readable(&r.message)}</p>
            <p class="mt-2 text-sm"><span class="font-medium">{t(k::REQUEST_HOPES)}": "</span>{crate::ui::readable(&r.hopes)}</p>
            {r.decline_reason.map(|d| view! { <p class="mt-2 text-sm"><span class="font-medium">{t(k::REQUEST_DECLINE_REASON)}": "</span>{t(d.label())}</p> })}
            {r.question.clone().map(|q| view! { <p class="mt-2 text-sm"><span class="font-medium">{t(k::REQUEST_QUESTION)}": "</span>{crate::ui::readable(&q)}</p> })}
            {r.answer.clone().map(|a| view! { <p class="mt-2 text-sm"><span class="font-medium">{t(k::REQUEST_ANSWER)}": "</span>{crate::ui::readable(&a)}</p> })}
            <FormAlert form=f.clone()/>
            <div class="mt-3 flex flex-col gap-3">
                {can_accept.then(|| view! {
                    <PendingForm action=RequestAction::PATH.to_string() label=t(k::REQUEST_ACCEPT).to_string() pending=t(k::REQUEST_WORKING).to_string()>
                        {hidden(id, "accept")}
                    </PendingForm>
                    <PendingForm action=RequestAction::PATH.to_string() label=t(k::REQUEST_ASK).to_string() pending=t(k::REQUEST_WORKING).to_string() button_class=SECONDARY_BUTTON_CLASS.to_string()>
                        {hidden(id, "ask")}
                        <TextArea form=f1.clone() name="text" label=k::REQUEST_QUESTION maxlength=MESSAGE_MAX/>
                    </PendingForm>
                })}
                {mentor_actions.then(|| view! {
                    <PendingForm action=RequestAction::PATH.to_string() label=t(k::REQUEST_DECLINE).to_string() pending=t(k::REQUEST_WORKING).to_string() button_class=SECONDARY_BUTTON_CLASS.to_string()>
                        {hidden(id, "decline")}
                        <SelectField form=f2.clone() name="reason" label=k::REQUEST_DECLINE_REASON options=decline_options placeholder=k::FIELD_CHOOSE/>
                    </PendingForm>
                })}
                {(!as_mentor && r.state == State::NeedsInfo).then(|| view! {
                    <PendingForm action=RequestAction::PATH.to_string() label=t(k::REQUEST_ANSWER_SEND).to_string() pending=t(k::REQUEST_WORKING).to_string()>
                        {hidden(id, "answer")}
                        <TextArea form=f3.clone() name="text" label=k::REQUEST_ANSWER maxlength=MESSAGE_MAX/>
                    </PendingForm>
                })}
                {(!as_mentor && r.state.is_open()).then(|| view! {
                    <PendingForm action=RequestAction::PATH.to_string() label=t(k::REQUEST_WITHDRAW).to_string() pending=t(k::REQUEST_WORKING).to_string() button_class=SECONDARY_BUTTON_CLASS.to_string()>
                        {hidden(id, "withdraw")}
                    </PendingForm>
                })}
            </div>
        </li>
    }
}
