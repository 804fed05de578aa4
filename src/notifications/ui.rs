//! The notifications page and the administrators' email outbox.
use super::api::{load_notifications, load_outbox, MarkNotificationsRead};
use crate::i18n::{fill, k, t, use_locale};
use crate::ui::form::{FormAlert, FormView, PendingForm, SECONDARY_BUTTON_CLASS};
use crate::ui::{page_error, PageTitle};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::use_query_map;

#[component]
pub fn NotificationsPage() -> impl IntoView {
    let locale = use_locale();
    let before =
        use_query_map().with_untracked(|q| q.get("before").and_then(|v| v.parse::<i64>().ok()));
    view! {
        <PageTitle key=k::NOTIFY_TITLE/>
        <h1 class="text-2xl font-bold">{t(k::NOTIFY_TITLE)}</h1>
        <Await future=load_notifications(before) let:data>
            {match data.clone() {
                Ok(inbox) if inbox.items.is_empty() && before.is_none() => view! {
                    <p class="mt-4">{t(k::NOTIFY_EMPTY)}</p>
                }.into_any(),
                Ok(inbox) => view! {
                    <p class="mt-1 text-stone-700">{fill(t(k::NOTIFY_UNREAD), &[("n", &inbox.unread.to_string())])}</p>
                    {(inbox.unread > 0).then(|| {
                        let f = FormView::new("notifications");
                        view! {
                            <div class="mt-3">
                                <FormAlert form=f/>
                                <PendingForm action=MarkNotificationsRead::PATH.to_string() label=t(k::NOTIFY_MARK_READ).to_string()
                                    pending=t(k::MENTORSHIP_SENDING).to_string() button_class=SECONDARY_BUTTON_CLASS.to_string()>
                                    <span></span>
                                </PendingForm>
                            </div>
                        }
                    })}
                    <ul class="mt-4 space-y-2">
                        {inbox.items.into_iter().map(|n| {
                            let text = n.kind.render(locale, &n.param);
                            let class = if n.unread {
                                "rounded-lg border-l-4 border-fuchsia-700 bg-white p-3"
                            } else {
                                "rounded-lg border border-stone-200 bg-stone-50 p-3"
                            };
                            view! {
                                <li class=class data-testid="notification">
                                    <a class="font-medium underline" href=format!("/notifications/open/{}", n.id)>{text}</a>
                                    <p class="text-sm text-stone-700">
                                        {locale.date(n.created_at)}
                                        {n.unread.then(|| view! { " · "<strong>{t(k::NOTIFY_NEW)}</strong> })}
                                    </p>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                    {inbox.older.map(|o| view! {
                        <p class="mt-4"><a class="underline" href=format!("/notifications?before={o}")>{t(k::NOTIFY_OLDER)}</a></p>
                    })}
                }.into_any(),
                Err(e) => page_error(e),
            }}
        </Await>
    }
}

#[component]
pub fn OutboxPage() -> impl IntoView {
    let locale = use_locale();
    view! {
        <PageTitle key=k::OUTBOX_TITLE/>
        <h1 class="text-2xl font-bold">{t(k::OUTBOX_TITLE)}</h1>
        <Await future=load_outbox() let:data>
            {match data.clone() {
                Ok(outbox) => view! {
                    <p class="mt-1 text-stone-700">
                        {if outbox.smtp_configured { t(k::OUTBOX_SMTP_ON) } else { t(k::OUTBOX_SMTP_OFF) }}
                        " "{fill(t(k::OUTBOX_QUEUED), &[("n", &outbox.queued.to_string())])}
                    </p>
                    {if outbox.emails.is_empty() {
                        view! { <p class="mt-4">{t(k::OUTBOX_EMPTY)}</p> }.into_any()
                    } else {
                        view! {
                            <ul class="mt-4 space-y-3">
                                {outbox.emails.into_iter().map(|e| {
                                    let status = match e.status.as_str() {
                                        "sent" => t(k::OUTBOX_SENT),
                                        "failed" => t(k::OUTBOX_FAILED),
                                        _ => t(k::OUTBOX_WAITING),
                                    };
                                    view! {
                                        <li class="rounded-lg border border-stone-200 bg-white p-4" data-testid="email">
                                            <p class="text-sm text-stone-700">{e.to_address}" · "{locale.date(e.created_at)}" · "<strong>{status}</strong></p>
                                            <p class="font-medium">{e.subject}</p>
                                            <p class="mt-1 whitespace-pre-line text-sm">{e.body}</p>
                                            {e.last_error.map(|err| view! { <p class="mt-1 text-sm text-red-800">{err}</p> })}
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        }.into_any()
                    }}
                }.into_any(),
                Err(e) => page_error(e),
            }}
        </Await>
    }
}
