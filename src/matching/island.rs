//! `DiscoverLive`, the thin island of the discovery page: it listens to the filters, calls
//! the typed `discover_results` server function and swaps in the cards the server renders.
#[cfg(feature = "hydrate")]
use super::Filters;
#[cfg(feature = "hydrate")]
use crate::i18n::fill;
use leptos::prelude::*;

#[island]
pub fn DiscoverLive(
    /// Loading, failed, and "Mentors found: {total}", in the reader's language.
    text: Vec<String>,
    children: Children,
) -> impl IntoView {
    let root = NodeRef::<leptos::html::Div>::new();
    let on_change = move |_: leptos::ev::Event| {
        #[cfg(feature = "hydrate")]
        client::refresh(root, &text);
        #[cfg(not(feature = "hydrate"))]
        let _ = (root, &text);
    };
    view! { <div node_ref=root on:change=on_change>{children()}</div> }
}

#[cfg(feature = "hydrate")]
mod client {
    use super::*;
    use web_sys::Element;

    thread_local! {
        /// The latest query: an older answer arriving late is dropped.
        static LATEST: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
    }

    pub fn refresh(root: NodeRef<leptos::html::Div>, text: &[String]) {
        let Some(container) = root.get_untracked() else {
            return;
        };
        let container: Element = container.into();
        let filters =
            Filters::from_query(|name| Some(crate::ui::dom::field_value(&container, name)));
        let status = container.query_selector("[data-status]").ok().flatten();
        let results = container.query_selector("[data-results]").ok().flatten();
        let tx = |i: usize| text.get(i).cloned().unwrap_or_default();
        let (loading, failed, found) = (tx(0), tx(1), tx(2));
        if let Some(s) = &status {
            s.set_text_content(Some(&loading));
        }
        let generation = LATEST.get().wrapping_add(1);
        LATEST.set(generation);
        leptos::task::spawn_local(async move {
            let answer = super::super::api::discover_results(filters).await;
            if LATEST.get() != generation {
                return;
            }
            match answer {
                Ok(fragment) => {
                    if let Some(r) = &results {
                        r.set_inner_html(&fragment.html);
                    }
                    if let Some(s) = &status {
                        let line = fill(&found, &[("total", &fragment.total.to_string())]);
                        s.set_text_content(Some(&line));
                    }
                }
                Err(_) => {
                    if let Some(s) = &status {
                        s.set_text_content(Some(&failed));
                    }
                }
            }
        });
    }
}
