//! Mentorship pages: the list, one mentorship (messages and session log), and the
//! administrators' queue of held messages.
use super::conversation::{MESSAGE_MAX, TOPICS_MAX};
use super::conversation_api::{
    load_held_messages, load_mentorship, load_mentorships, LogSession, ReviewMessage, SendMessage,
};
use crate::i18n::{fill, k, t, use_locale};
use crate::ui::form::{FormAlert, FormView, PendingForm, TextArea, TextField, DANGER_BUTTON_CLASS};
use crate::ui::{page_error, PageTitle};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn MentorshipsPage() -> impl IntoView {
    let locale = use_locale();
    view! {
        <PageTitle key=k::MENTORSHIP_TITLE/>
        <h1 class="text-2xl font-bold">{t(k::MENTORSHIP_TITLE)}</h1>
        <Await future=load_mentorships() let:data>
            {match data.clone() {
                Ok(list) if list.is_empty() => view! { <p class="mt-4">{t(k::MENTORSHIP_EMPTY)}</p> }.into_any(),
                Ok(list) => view! {
                    <ul class="mt-4 space-y-3">
                        {list.into_iter().map(|m| {
                            let since = fill(t(k::MENTORSHIP_SINCE), &[("date", &locale.date(m.started_at))]);
                            view! {
                                <li class="rounded-lg border border-stone-200 bg-white p-4">
                                    <h2 class="text-lg font-semibold"><a class="underline" href=format!("/mentorships/{}", m.id)>{m.other_name}</a></h2>
                                    <p class="text-sm text-stone-700">{t(m.state.label())}" · "{since}</p>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any(),
                Err(e) => page_error(e),
            }}
        </Await>
    }
}

#[component]
pub fn MentorshipPage() -> impl IntoView {
    let locale = use_locale();
    let id = use_params_map()
        .with_untracked(|p| p.get("id").and_then(|v| v.parse::<i64>().ok()).unwrap_or(0));
    let before =
        use_query_map().with_untracked(|q| q.get("before").and_then(|v| v.parse::<i64>().ok()));
    view! {
        <PageTitle key=k::MENTORSHIP_TITLE/>
        <Await future=load_mentorship(id, before) let:data>
            {match data.clone() {
                Ok(page) => {
                    let m = page.summary.clone();
                    let profile = if m.as_mentor { format!("/mentees/{}", m.other_id) } else { format!("/mentors/{}", m.other_id) };
                    let ongoing = m.state.is_ongoing();
                    let total: i64 = page.sessions.iter().map(|s| s.minutes).sum();
                    view! {
                        <h1 class="text-2xl font-bold"><a class="underline" href=profile>{m.other_name.clone()}</a></h1>
                        <p class="text-stone-700">{t(m.state.label())}" · "{fill(t(k::MENTORSHIP_SINCE), &[("date", &locale.date(m.started_at))])}</p>
                        <section aria-labelledby="messages-heading" class="mt-6">
                            <h2 id="messages-heading" class="text-xl font-bold">{t(k::MENTORSHIP_MESSAGES)}</h2>
                            <p class="text-sm text-stone-600">{t(k::MENTORSHIP_PRIVACY)}</p>
                            {page.older.map(|o| view! {
                                <p class="mt-2"><a class="underline" href=format!("/mentorships/{id}?before={o}")>{t(k::MENTORSHIP_OLDER)}</a></p>
                            })}
                            {if page.messages.is_empty() {
                                view! { <p class="mt-3">{t(k::MENTORSHIP_NO_MESSAGES)}</p> }.into_any()
                            } else {
                                view! {
                                    <ol class="mt-3 space-y-2">
                                        {page.messages.into_iter().map(|msg| {
                                            let class = if msg.mine { "ml-8 rounded-lg bg-fuchsia-50 p-3" } else { "mr-8 rounded-lg bg-white p-3 border border-stone-200" };
                                            view! {
                                                <li class=class data-testid="message">
                                                    <p class="text-sm font-medium">{msg.sender_name}" · "<span class="font-normal text-stone-600">{locale.date(msg.created_at)}</span></p>
                                                    <p class="mt-1 whitespace-pre-line">{msg.body}</p>
                                                    {msg.held.then(|| view! { <p class="mt-1 text-sm font-medium text-amber-900">{t(k::MENTORSHIP_HELD)}</p> })}
                                                </li>
                                            }
                                        }).collect_view()}
                                    </ol>
                                }.into_any()
                            }}
                            {ongoing.then(|| {
                                let f = FormView::new("message");
                                view! {
                                    <div class="mt-4">
                                        <FormAlert form=f.clone()/>
                                        <PendingForm action=SendMessage::PATH.to_string() label=t(k::MENTORSHIP_SEND).to_string() pending=t(k::MENTORSHIP_SENDING).to_string()>
                                            <input type="hidden" name="mentorship_id" value=id.to_string()/>
                                            <TextArea form=f.clone() name="body" label=k::MENTORSHIP_NEW_MESSAGE maxlength=MESSAGE_MAX/>
                                        </PendingForm>
                                    </div>
                                }
                            })}
                        </section>
                        <section aria-labelledby="sessions-heading" class="mt-8">
                            <h2 id="sessions-heading" class="text-xl font-bold">{t(k::MENTORSHIP_SESSIONS)}</h2>
                            <p class="text-sm text-stone-700">{fill(t(k::MENTORSHIP_TOTAL), &[("n", &page.sessions.len().to_string()), ("minutes", &total.to_string())])}</p>
                            <ul class="mt-2 space-y-2">
                                {page.sessions.into_iter().map(|s| view! {
                                    <li class="rounded-md border border-stone-200 bg-white p-3" data-testid="session">
                                        <p class="font-medium">{s.held_on}" · "{fill(t(k::MENTORSHIP_MINUTES), &[("n", &s.minutes.to_string())])}</p>
                                        <p class="mt-1 whitespace-pre-line">{s.topics}</p>
                                        <p class="text-sm text-stone-600">{s.logged_by}</p>
                                    </li>
                                }).collect_view()}
                            </ul>
                            {ongoing.then(|| {
                                let f = FormView::new("session");
                                view! {
                                    <div class="mt-4">
                                        <FormAlert form=f.clone()/>
                                        <PendingForm action=LogSession::PATH.to_string() label=t(k::MENTORSHIP_LOG).to_string() pending=t(k::MENTORSHIP_SENDING).to_string()>
                                            <input type="hidden" name="mentorship_id" value=id.to_string()/>
                                            <TextField form=f.clone() name="held_on" label=k::MENTORSHIP_DATE kind="date"/>
                                            <TextField form=f.clone() name="minutes" label=k::MENTORSHIP_DURATION hint=k::MENTORSHIP_DURATION_HINT kind="number"/>
                                            <TextArea form=f.clone() name="topics" label=k::MENTORSHIP_TOPICS maxlength=TOPICS_MAX/>
                                        </PendingForm>
                                    </div>
                                }
                            })}
                        </section>
                    }.into_any()
                }
                Err(e) => page_error(e),
            }}
        </Await>
    }
}

#[component]
pub fn HeldMessagesPage() -> impl IntoView {
    let locale = use_locale();
    view! {
        <PageTitle key=k::HELD_TITLE/>
        <h1 class="text-2xl font-bold">{t(k::HELD_TITLE)}</h1>
        <p class="mt-1 text-stone-700">{t(k::HELD_LEAD)}</p>
        <Await future=load_held_messages() let:data>
            {match data.clone() {
                Ok(list) if list.is_empty() => view! { <p class="mt-4">{t(k::HELD_EMPTY)}</p> }.into_any(),
                Ok(list) => view! {
                    <ul class="mt-4 space-y-3">
                        {list.into_iter().map(|m| {
                            let who = fill(t(k::HELD_FROM_TO), &[("from", &m.sender_name), ("to", &m.recipient_name)]);
                            view! {
                                <li class="rounded-lg border border-stone-200 bg-white p-4" data-testid="held">
                                    <p class="text-sm font-medium">{who}" · "{locale.date(m.created_at)}</p>
                                    <p class="mt-1 whitespace-pre-line">{m.body}</p>
                                    <div class="mt-3 flex flex-wrap gap-3">
                                        <PendingForm action=ReviewMessage::PATH.to_string() label=t(k::HELD_DELIVER).to_string() pending=t(k::REVIEW_WORKING).to_string()>
                                            <input type="hidden" name="message_id" value=m.id.to_string()/>
                                            <input type="hidden" name="decision" value="deliver"/>
                                        </PendingForm>
                                        <PendingForm action=ReviewMessage::PATH.to_string() label=t(k::HELD_REJECT).to_string() pending=t(k::REVIEW_WORKING).to_string()
                                            button_class=DANGER_BUTTON_CLASS.to_string()>
                                            <input type="hidden" name="message_id" value=m.id.to_string()/>
                                            <input type="hidden" name="decision" value="reject"/>
                                        </PendingForm>
                                    </div>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any(),
                Err(e) => page_error(e),
            }}
        </Await>
    }
}
