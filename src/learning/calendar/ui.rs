//! The calendar feed's part of a page (`/lectures`, `/groups`): get a secret address, replace
//! it, or end it. Plain forms, so it works without JavaScript.
use super::api::{load_feed, RenewFeed, RevokeFeed};
use crate::i18n::{fill, k, t, use_locale};
use crate::ui::form::{PendingForm, DANGER_BUTTON_CLASS, SECONDARY_BUTTON_CLASS};
use crate::ui::page_error;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

/// Her calendar feed: get an address, replace it, or end it.
#[component]
pub fn FeedSection() -> impl IntoView {
    let locale = use_locale();
    view! {
        <section id="calendar" aria-labelledby="calendar-h" class="mt-8 rounded-lg border border-stone-200 bg-white p-4">
            <h2 id="calendar-h" class="text-xl font-bold">{t(k::CALENDAR_TITLE)}</h2>
            <p class="text-sm text-stone-700">{t(k::CALENDAR_LEAD)}</p>
            <Await future=load_feed() let:data>
                {match data.clone() {
                    Ok(Some(since)) => view! {
                        <p class="mt-2">{fill(t(k::CALENDAR_ON), &[("date", &locale.date(since))])}</p>
                        <div class="mt-2 flex flex-wrap gap-3">
                            <PendingForm action=RenewFeed::PATH.to_string() label=t(k::CALENDAR_RENEW).to_string() pending=t(k::ROADMAP_SAVING).to_string()
                                button_class=SECONDARY_BUTTON_CLASS.to_string()><span></span></PendingForm>
                            <PendingForm action=RevokeFeed::PATH.to_string() label=t(k::CALENDAR_END).to_string() pending=t(k::ROADMAP_SAVING).to_string()
                                button_class=DANGER_BUTTON_CLASS.to_string()><span></span></PendingForm>
                        </div>
                    }.into_any(),
                    Ok(None) => view! {
                        <div class="mt-2">
                            <PendingForm action=RenewFeed::PATH.to_string() label=t(k::CALENDAR_GET).to_string() pending=t(k::ROADMAP_SAVING).to_string()><span></span></PendingForm>
                        </div>
                    }.into_any(),
                    Err(e) => page_error(e),
                }}
            </Await>
        </section>
    }
}
