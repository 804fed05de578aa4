//! Mentorship pages: the list, one mentorship (messages and session log), and the
//! administrators' queue of held messages.
use crate::i18n::{fill, k, t, use_locale};
use crate::mentoring::mentorships::api::{
    load_held_messages, load_mentorship, load_mentorships, ChangeMentorship, LogSession,
    RateMentorship, ReviewMessage, SendMessage,
};
use crate::mentoring::mentorships::lifecycle::{Change, COMMENT_MAX, REASON_MAX};
use crate::mentoring::mentorships::{MESSAGE_MAX, TOPICS_MAX};
use crate::mentoring::{EventView, MentorshipState, RatingView};
use crate::ui::form::{
    FormAlert, FormView, PendingForm, SelectField, TextArea, TextField, DANGER_BUTTON_CLASS,
    SECONDARY_BUTTON_CLASS,
};
use crate::ui::{page_error, PageTitle};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::use_query_map;

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
                                    <h2 class="text-lg font-semibold"><a class="underline" href=format!("/mentorships/{}", m.id)>{crate::ui::readable(&m.other_name)}</a></h2>
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
    let id = crate::ui::param_id();
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
                        <h1 class="text-2xl font-bold"><a class="underline" href=profile>{crate::ui::readable(&m.other_name)}</a></h1>
                        <p class="text-stone-700">
                            <span data-testid="mentorship-state">{t(m.state.label())}</span>
                            " · "{fill(t(k::MENTORSHIP_SINCE), &[("date", &locale.date(m.started_at))])}
                        </p>
                        {history(page.events.clone())}
                        {ratings(id, m.state, page.ratings.clone())}
                        {controls(id, m.state)}
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
                                                    <p class="text-sm font-medium">{crate::ui::readable(&msg.sender_name)}" · "<span class="font-normal text-stone-600">{locale.date(msg.created_at)}</span></p>
                                                    <p class="mt-1 whitespace-pre-line">{crate::ui::readable(&msg.body)}</p>
                                                    {msg.held.then(|| view! { <p class="mt-1 text-sm font-medium text-amber-900">{t(k::MENTORSHIP_HELD)}</p> })}
                                                    {(!msg.mine && !msg.held && crate::safeguard::shown(&msg.body).is_none()).then(|| crate::moderation::ui::report_form(crate::moderation::ItemKind::Message, msg.id, msg.reported))}
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
                            <p class="text-sm text-stone-700">{use_locale().tf(k::MENTORSHIP_TOTAL, &[("n", &page.sessions.len().to_string()), ("minutes", &use_locale().count(k::MENTORSHIP_MINUTES, total))])}</p>
                            <ul class="mt-2 space-y-2">
                                {page.sessions.into_iter().map(|s| view! {
                                    <li class="rounded-md border border-stone-200 bg-white p-3" data-testid="session">
                                        <p class="font-medium">{s.held_on}" · "{use_locale().count(k::MENTORSHIP_MINUTES, s.minutes)}</p>
                                        <p class="mt-1 whitespace-pre-line">{crate::ui::readable(&s.topics)}</p>
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

/// Pauses, resumes and the end: who, why, when.
fn history(events: Vec<EventView>) -> impl IntoView {
    let locale = use_locale();
    (!events.is_empty()).then(|| {
        view! {
            <section aria-labelledby="history-heading" class="mt-4">
                <h2 id="history-heading" class="text-lg font-semibold">{t(k::MENTORSHIP_HISTORY)}</h2>
                <ol class="mt-1 space-y-1 text-sm">
                    {events.into_iter().map(|e| {
                        let line = fill(t(k::MENTORSHIP_EVENT), &[
                            ("state", t(e.to.label())),
                            ("name", &crate::ui::readable(&e.actor_name)),
                            ("date", &locale.date(e.at)),
                        ]);
                        view! {
                            <li data-testid="event">
                                {line}
                                {(!e.reason.is_empty()).then(|| view! { ": "<q>{crate::ui::readable(&e.reason)}</q> })}
                            </li>
                        }
                    }).collect_view()}
                </ol>
            </section>
        }
    })
}

/// Pause or resume, complete, cancel. Completing and cancelling open behind a disclosure, so
/// a stray tap cannot end a mentorship; cancelling needs a reason.
fn controls(id: i64, state: MentorshipState) -> impl IntoView {
    let offered = Change::offered(state);
    (!offered.is_empty()).then(|| {
        view! {
            <section aria-labelledby="manage-heading" class="mt-6 rounded-lg border border-stone-200 bg-white p-4">
                <h2 id="manage-heading" class="text-lg font-semibold">{t(k::MENTORSHIP_MANAGE)}</h2>
                <div class="mt-2 space-y-3">
                    {offered.iter().map(|change| change_form(id, *change)).collect_view()}
                </div>
            </section>
        }
    })
}

fn change_form(id: i64, change: Change) -> impl IntoView {
    let f = FormView::new(format!("change-{}", change.code()));
    let (summary, button, hint) = match change {
        Change::Pause => (
            k::MENTORSHIP_PAUSE,
            k::MENTORSHIP_PAUSE_CONFIRM,
            k::MENTORSHIP_PAUSE_HINT,
        ),
        Change::Resume => (
            k::MENTORSHIP_RESUME,
            k::MENTORSHIP_RESUME,
            k::MENTORSHIP_RESUME_HINT,
        ),
        Change::Complete => (
            k::MENTORSHIP_COMPLETE,
            k::MENTORSHIP_COMPLETE_CONFIRM,
            k::MENTORSHIP_COMPLETE_HINT,
        ),
        Change::Cancel => (
            k::MENTORSHIP_CANCEL,
            k::MENTORSHIP_CANCEL_CONFIRM,
            k::MENTORSHIP_CANCEL_HINT,
        ),
    };
    let class = if change == Change::Cancel {
        DANGER_BUTTON_CLASS
    } else {
        SECONDARY_BUTTON_CLASS
    };
    let open = f.has_errors();
    view! {
        <details class="rounded-md border border-stone-200 p-3" open=open data-testid=format!("change-{}", change.code())>
            <summary class="min-h-11 cursor-pointer font-medium">{t(summary)}</summary>
            <p class="mt-1 text-sm text-stone-700">{t(hint)}</p>
            <FormAlert form=f.clone()/>
            <PendingForm action=ChangeMentorship::PATH.to_string() label=t(button).to_string()
                pending=t(k::MENTORSHIP_SENDING).to_string() button_class=class.to_string()>
                <input type="hidden" name="mentorship_id" value=id.to_string()/>
                <input type="hidden" name="change" value=change.code()/>
                <TextArea form=f.clone() name="reason" label=k::MENTORSHIP_REASON maxlength=REASON_MAX
                    required=change.needs_reason()/>
            </PendingForm>
        </details>
    }
}

/// Ratings given at completion, and the form for whoever has not rated yet.
fn ratings(id: i64, state: MentorshipState, list: Vec<RatingView>) -> impl IntoView {
    let rated = list.iter().any(|r| r.mine);
    let can_rate = state == MentorshipState::Completed && !rated;
    (state == MentorshipState::Completed).then(|| {
        let f = FormView::new("rating");
        let options: Vec<(String, String)> = [
            (5, k::RATING_5),
            (4, k::RATING_4),
            (3, k::RATING_3),
            (2, k::RATING_2),
            (1, k::RATING_1),
        ]
        .into_iter()
        .map(|(n, key)| (n.to_string(), format!("{n} – {}", t(key))))
        .collect();
        view! {
            <section aria-labelledby="ratings-heading" class="mt-6">
                <h2 id="ratings-heading" class="text-lg font-semibold">{t(k::RATING_TITLE)}</h2>
                {if list.is_empty() {
                    view! { <p class="text-sm">{t(k::RATING_NONE)}</p> }.into_any()
                } else {
                    view! {
                        <ul class="mt-1 space-y-2">
                            {list.into_iter().map(|r| view! {
                                <li class="rounded-md border border-stone-200 bg-white p-3" data-testid="rating">
                                    <p class="font-medium">{crate::ui::readable(&r.rater_name)}" · "{fill(t(k::RATING_STARS), &[("n", &r.rating.to_string())])}</p>
                                    <p class="mt-1 whitespace-pre-line">{crate::ui::readable(&r.comment)}</p>
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }}
                {can_rate.then(|| view! {
                    <div class="mt-3">
                        <p class="text-sm text-stone-700">{t(k::RATING_LEAD)}</p>
                        <FormAlert form=f.clone()/>
                        <PendingForm action=RateMentorship::PATH.to_string() label=t(k::RATING_SAVE).to_string()
                            pending=t(k::MENTORSHIP_SENDING).to_string()>
                            <input type="hidden" name="mentorship_id" value=id.to_string()/>
                            <SelectField form=f.clone() name="rating" label=k::RATING_LABEL options=options placeholder=k::RATING_PICK/>
                            <TextArea form=f.clone() name="comment" label=k::RATING_COMMENT maxlength=COMMENT_MAX/>
                        </PendingForm>
                    </div>
                })}
            </section>
        }
    })
}

/// The administrators' held queue: held messages here, and `held_texts` (the other channels'
/// held texts, the moderation area's part, passed by the composition root) below them.
#[component]
pub fn HeldMessagesPage(held_texts: fn() -> AnyView) -> impl IntoView {
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
                            let who = fill(t(k::HELD_FROM_TO), &[("from", &crate::ui::readable(&m.sender_name)), ("to", &crate::ui::readable(&m.recipient_name))]);
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
        {held_texts()}
    }
}
