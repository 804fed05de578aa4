//! The award's island: nominating and voting without a page load. Like the roadmap editor it
//! renders nothing itself: the nomination form and the ballots are server-rendered plain forms
//! (they work without JavaScript), and the island catches their submissions, calls the typed
//! server function (`nominate`, `cast_vote`), and swaps in the HTML the server renders in
//! answer: the viewer's nominations list, or the category's ballot with its receipt. A vote
//! shows as pressed at once; a refused one goes back, with the reason next to the form.
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// Part of a page, rendered on the server for the island to swap in.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct AwardFragment {
    pub html: String,
}

/// Texts the island shows, in the reader's language: saving, failed, offline.
pub type LiveText = Vec<String>;

#[island]
pub fn AwardLive(
    text: LiveText,
    /// Message templates by key name, for the errors a nomination or vote can meet.
    messages: Vec<(String, String)>,
    children: Children,
) -> impl IntoView {
    let root = NodeRef::<leptos::html::Div>::new();
    let status = RwSignal::new(String::new());
    let text = StoredValue::new(text);
    let messages = StoredValue::new(messages);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        #[cfg(feature = "hydrate")]
        client::submit(ev, root, status, text, messages);
        #[cfg(not(feature = "hydrate"))]
        let _ = (ev, text, messages);
    };
    view! {
        <p class="sr-only" aria-live="polite">{move || status.get()}</p>
        <div node_ref=root on:submit=on_submit>{children()}</div>
    }
}

#[cfg(feature = "hydrate")]
mod client {
    use super::super::api::{CastVote, Nominate, NominationFields};
    use super::*;
    use leptos::server_fn::ServerFn;
    use wasm_bindgen::JsCast;
    use web_sys::{Element, HtmlElement, HtmlFormElement};

    fn value(form: &HtmlFormElement, name: &str) -> String {
        crate::ui::dom::field_value(form, name)
    }

    fn escape(s: &str) -> String {
        s.replace('&', "&amp;").replace('<', "&lt;")
    }

    /// Clears the messages a previous try left in the form.
    fn clear(form: &HtmlFormElement) {
        if let Ok(old) = form.query_selector_all("[data-live-error]") {
            for i in 0..old.length() {
                if let Some(el) = old.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
                    el.remove();
                }
            }
        }
    }

    /// Each message goes next to its field (or at the end of the form, for the whole form).
    fn show(form: &HtmlFormElement, errors: Vec<(String, String)>) {
        for (field, message) in errors {
            let html = format!(
                "<p data-live-error role=\"alert\" class=\"mt-1 text-sm font-medium text-red-800\">{}</p>",
                escape(&message)
            );
            let target = (!field.is_empty())
                .then(|| {
                    form.query_selector(&format!("[name=\"{field}\"]"))
                        .ok()
                        .flatten()
                })
                .flatten();
            match target {
                Some(input) => {
                    let _ = input.set_attribute("aria-invalid", "true");
                    let _ = input.insert_adjacent_html("afterend", &html);
                }
                None => {
                    let _ = form.insert_adjacent_html("beforeend", &html);
                }
            }
        }
    }

    pub fn submit(
        ev: leptos::ev::SubmitEvent,
        root: NodeRef<leptos::html::Div>,
        status: RwSignal<String>,
        text: StoredValue<LiveText>,
        messages: StoredValue<Vec<(String, String)>>,
    ) {
        let Some((form, container, action)) = crate::ui::dom::submitted(&ev, root) else {
            return;
        };
        let voting = action == CastVote::PATH;
        if !voting && action != Nominate::PATH {
            return;
        }
        ev.prevent_default();
        let tx = move |i: usize| text.with_value(|t| t.get(i).cloned().unwrap_or_default());
        let button: Option<HtmlElement> = ev.submitter();
        let ballot = form.closest("[data-ballot]").ok().flatten();
        // a vote shows at once: the chosen finalist pressed, the others not
        let before = ballot.as_ref().map(|b| b.outer_html());
        if let (Some(b), true) = (&ballot, voting) {
            if let Ok(all) = b.query_selector_all("button[aria-pressed]") {
                for i in 0..all.length() {
                    if let Some(el) = all.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
                        let _ = el.set_attribute("aria-pressed", "false");
                    }
                }
            }
            if let Some(chosen) = &button {
                let _ = chosen.set_attribute("aria-pressed", "true");
            }
        }
        clear(&form);
        if let Some(b) = &button {
            let _ = b.set_attribute("disabled", "");
        }
        status.set(tx(0));
        let fields: Vec<String> = [
            "cycle_id",
            "category_id",
            "nomination_id",
            "email",
            "org_name",
            "listed",
            "reason",
        ]
        .iter()
        .map(|n| value(&form, n))
        .collect();
        leptos::task::spawn_local(async move {
            let [cycle, category, nomination, email, org, listed, reason] =
                <[String; 7]>::try_from(fields).unwrap_or_default();
            let result = if voting {
                super::super::api::cast_vote(cycle, category, nomination).await
            } else {
                let entry = NominationFields {
                    category_id: category,
                    email,
                    org_name: org,
                    listed,
                    reason,
                };
                super::super::api::nominate(cycle, entry).await
            };
            if let Some(b) = &button {
                let _ = b.remove_attribute("disabled");
            }
            match result {
                Ok(fragment) if voting => {
                    if let Some(b) = &ballot {
                        b.set_outer_html(&fragment.html);
                    }
                    status.set(String::new());
                }
                Ok(fragment) => {
                    if let Ok(Some(list)) = container.query_selector("[data-made]") {
                        list.set_outer_html(&fragment.html);
                    }
                    form.reset();
                    status.set(String::new());
                }
                Err(e) => {
                    let errors =
                        messages.with_value(|m| crate::error::explain(&e, m, &tx(1), &tx(2)));
                    // the messages are alerts next to their fields: announced once, there
                    status.set(String::new());
                    if let (Some(b), Some(html)) = (&ballot, &before) {
                        // the vote goes back to what it was; the message stays under the ballot
                        b.set_outer_html(html);
                        if let Ok(Some(f)) = container.query_selector(&format!(
                            "form[data-category=\"{}\"]",
                            escape(&value(&form, "category_id"))
                        )) {
                            if let Ok(f) = f.dyn_into::<HtmlFormElement>() {
                                show(&f, errors);
                            }
                        }
                    } else {
                        show(&form, errors);
                    }
                }
            }
        });
    }
}

/// The island's texts, in the reader's language (for the server-rendered page).
pub fn live_text() -> LiveText {
    use crate::i18n::{k, t};
    [k::AWARD_SAVING, k::ROADMAP_SAVE_FAILED, k::AWARD_OFFLINE]
        .iter()
        .map(|key| t(*key).to_string())
        .collect()
}

/// The messages a nomination or a vote can come back with, by key name.
pub fn live_messages() -> Vec<(String, String)> {
    use crate::i18n::{k, t};
    [
        k::ERR_REQUIRED,
        k::ERR_TOO_LONG,
        k::ERR_AWARD_NOMINATIONS_CLOSED,
        k::ERR_AWARD_VOTING_CLOSED,
        k::ERR_AWARD_NOMINEE_UNKNOWN,
        k::ERR_AWARD_SELF_NOMINATION,
        k::ERR_AWARD_DUPLICATE_NOMINATION,
        k::ERR_AWARD_NOT_FINALIST,
        k::ERR_AWARD_SELF_VOTE,
        k::ERR_AWARD_UNCONFIRMED,
        k::ERR_AWARD_SUSPENDED,
        k::ERR_AWARD_VOTE_VOIDED,
        k::ERR_AWARD_WRONG_NOMINEE,
    ]
    .iter()
    .map(|key| (key.name().to_string(), t(*key).to_string()))
    .collect()
}
