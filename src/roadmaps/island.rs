//! The roadmap editor: a small island around the server-rendered steps. The steps are plain
//! forms posting to the roadmap server functions, so without JavaScript every button works
//! through a page load. Once hydrated, the island catches those forms' submissions: the change
//! shows at once (a status pressed, a step moved or removed, a title renamed), saves through
//! the typed server function, and the server's freshly rendered steps replace the old ones. A
//! refused or failed save rolls back visibly with its message; a stale save (another tab saved
//! first) brings in the fresh steps. The island renders no step itself, which keeps the
//! browser's wasm small: it only handles events and swaps server-rendered HTML.
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The steps section rendered on the server, and the roadmap version it shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StepsFragment {
    pub version: i64,
    pub html: String,
}

/// Texts the island shows, in the reader's language, by these indexes.
pub type EditorText = Vec<String>;
pub const T_PROGRESS: usize = 0;
pub const T_SAVING: usize = 1;
pub const T_FAILED: usize = 2;
pub const T_OFFLINE: usize = 3;
pub const T_COUNT: usize = 4;

#[island]
pub fn RoadmapEditor(
    roadmap_id: i64,
    text: EditorText,
    /// Message templates by key name, for the errors a save can meet.
    messages: Vec<(String, String)>,
    children: Children,
) -> impl IntoView {
    let alert = RwSignal::new(Vec::<String>::new());
    let saving = RwSignal::new(false);
    let root = NodeRef::<leptos::html::Div>::new();
    let text = StoredValue::new(text);
    let messages = StoredValue::new(messages);
    let tx = move |i: usize| text.with_value(|t| t.get(i).cloned().unwrap_or_default());
    let explain = move |e: &AppError| -> Vec<String> {
        messages.with_value(|m| {
            crate::error::explain(e, m, &tx(T_FAILED), &tx(T_OFFLINE))
                .into_iter()
                .map(|(_, text)| text)
                .collect()
        })
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        #[cfg(feature = "hydrate")]
        client::submit(ev, roadmap_id, root, alert, saving, tx, explain);
        #[cfg(not(feature = "hydrate"))]
        let _ = (ev, roadmap_id, explain);
    };
    view! {
        <div aria-live="polite" class="mt-2">
            {move || saving.get().then(|| view! { <p class="text-sm text-stone-700">{tx(T_SAVING)}</p> })}
            {move || (!alert.with(Vec::is_empty)).then(|| view! {
                <div role="alert" class="rounded-md border border-red-300 bg-red-50 p-3 text-red-900">
                    {alert.get().into_iter().map(|m| view! { <p>{m}</p> }).collect_view()}
                </div>
            })}
        </div>
        <div node_ref=root on:submit=on_submit>{children()}</div>
    }
}

#[cfg(feature = "hydrate")]
mod client {
    use super::super::api;
    use super::*;
    use leptos::server_fn::ServerFn;
    use wasm_bindgen::JsCast;
    use web_sys::{Element, HtmlElement, HtmlFormElement, HtmlInputElement};

    fn value(form: &HtmlFormElement, name: &str) -> String {
        crate::ui::dom::field_value(form, name)
    }

    fn set_text(scope: &Element, selector: &str, text: &str) {
        if let Ok(Some(el)) = scope.query_selector(selector) {
            el.set_text_content(Some(text));
        }
    }

    /// Recounts finished steps and redraws the progress line and bar.
    fn progress(root: &Element, template: &str) {
        let count = |sel: &str| {
            root.query_selector_all(sel)
                .map(|l| l.length())
                .unwrap_or(0)
        };
        let (done, total) = (count("li[data-finished=\"1\"]"), count("li[data-step]"));
        let percent = (done * 100).checked_div(total).unwrap_or(0);
        let line = crate::i18n::fill(
            template,
            &[
                ("done", &done.to_string()),
                ("total", &total.to_string()),
                ("percent", &percent.to_string()),
            ],
        );
        set_text(root, "[data-progress]", &line);
        if let Ok(Some(bar)) = root.query_selector("[data-bar]") {
            let _ = bar.set_attribute("style", &format!("width: {percent}%"));
        }
    }

    #[derive(Clone)]
    pub(super) enum Act {
        Status(String),
        Move(String),
        Delete,
        Edit,
        Add,
    }

    /// One save waiting its turn: saves go one at a time, each from the version the previous
    /// one produced, so quick taps never trip over each other.
    struct Job {
        act: Act,
        step: String,
        fields: api::StepFields,
        errors_box: Option<Element>,
        renamed: Option<(Element, String)>,
    }

    thread_local! {
        static QUEUE: std::cell::RefCell<std::collections::VecDeque<Job>> = Default::default();
        static RUNNING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
        /// The steps as they were before the first unsaved change (for a rollback).
        static BEFORE: std::cell::RefCell<String> = Default::default();
    }

    pub fn submit(
        ev: leptos::ev::SubmitEvent,
        roadmap_id: i64,
        root: NodeRef<leptos::html::Div>,
        alert: RwSignal<Vec<String>>,
        saving: RwSignal<bool>,
        tx: impl Fn(usize) -> String + Copy + 'static,
        explain: impl Fn(&AppError) -> Vec<String> + Copy + 'static,
    ) {
        let Some((form, container, action)) = crate::ui::dom::submitted(&ev, root) else {
            return;
        };
        let submitter: Option<HtmlElement> = ev.submitter();
        let act = if action == api::SetStepStatus::PATH {
            Act::Status(
                submitter
                    .as_ref()
                    .and_then(|b| b.get_attribute("value"))
                    .unwrap_or_default(),
            )
        } else if action == api::MoveStep::PATH {
            Act::Move(value(&form, "to"))
        } else if action == api::DeleteStep::PATH {
            Act::Delete
        } else if action == api::EditStep::PATH {
            Act::Edit
        } else if action == api::AddStep::PATH {
            Act::Add
        } else {
            return;
        };
        ev.prevent_default();
        if !RUNNING.get() {
            BEFORE.set(container.inner_html());
        }
        let item = form.closest("li[data-step]").ok().flatten();
        let errors_box = form.query_selector("[data-errors]").ok().flatten();
        if let Some(b) = &errors_box {
            b.set_text_content(None);
        }
        let fields = api::StepFields {
            title: value(&form, "title"),
            details: value(&form, "details"),
            criterion: value(&form, "criterion"),
            due_date: value(&form, "due_date"),
            resources: value(&form, "resources"),
        };
        let mut renamed = None;

        // the change shows at once
        match (&act, &item) {
            (Act::Status(code), Some(li)) => {
                if let Ok(buttons) = form.query_selector_all("button[name=\"status\"]") {
                    for i in 0..buttons.length() {
                        if let Some(b) = buttons.item(i).and_then(|n| n.dyn_into::<Element>().ok())
                        {
                            let on = b.get_attribute("value").as_deref() == Some(code.as_str());
                            let _ =
                                b.set_attribute("aria-pressed", if on { "true" } else { "false" });
                        }
                    }
                }
                if let Some(b) = &submitter {
                    set_text(li, "[data-status]", &b.text_content().unwrap_or_default());
                }
                let finished = code == "done" || code == "skipped";
                let _ = li.set_attribute("data-finished", if finished { "1" } else { "0" });
                progress(&container, &tx(T_PROGRESS));
            }
            (Act::Move(to), Some(li)) => {
                let mut index = 0;
                let mut n = li.previous_element_sibling();
                while let Some(p) = n {
                    index += 1;
                    n = p.previous_element_sibling();
                }
                let to: i32 = to.parse().unwrap_or(index);
                if let Some(parent) = li.parent_node() {
                    if to < index {
                        if let Some(prev) = li.previous_element_sibling() {
                            let _ = parent.insert_before(li, Some(&prev));
                        }
                    } else if let Some(next) = li.next_element_sibling() {
                        let _ = parent.insert_before(li, next.next_sibling().as_ref());
                    }
                }
            }
            (Act::Delete, Some(li)) => {
                li.remove();
                progress(&container, &tx(T_PROGRESS));
            }
            (Act::Edit, Some(li)) => {
                if let Ok(Some(title)) = li.query_selector("[data-title]") {
                    renamed = Some((title.clone(), title.text_content().unwrap_or_default()));
                    title.set_text_content(Some(fields.title.trim()));
                }
            }
            _ => {}
        }
        let step = value(&form, "step_id");
        QUEUE.with_borrow_mut(|q| {
            q.push_back(Job {
                act,
                step,
                fields,
                errors_box,
                renamed,
            })
        });
        alert.set(Vec::new());
        if RUNNING.replace(true) {
            return;
        }
        saving.set(true);
        leptos::task::spawn_local(async move {
            let id = roadmap_id.to_string();
            // the version the page shows; later saves use the one the previous save produced
            let mut version = container
                .query_selector("input[name=\"version\"]")
                .ok()
                .flatten()
                .and_then(|e| e.dyn_into::<HtmlInputElement>().ok())
                .map(|i| i.value())
                .unwrap_or_default();
            let mut fresh_html = None;
            let mut failure = None;
            while let Some(job) = QUEUE.with_borrow_mut(|q| q.pop_front()) {
                let (v, step) = (version.clone(), job.step.clone());
                let result = match job.act.clone() {
                    Act::Status(code) => api::set_step_status(id.clone(), v, step, code).await,
                    Act::Move(to) => api::move_step(id.clone(), v, step, to).await,
                    Act::Delete => api::delete_step(id.clone(), v, step).await,
                    Act::Edit => api::edit_step(id.clone(), v, step, job.fields.clone()).await,
                    Act::Add => api::add_step(id.clone(), v, job.fields.clone()).await,
                };
                match result {
                    Ok(fresh) => {
                        version = fresh.version.to_string();
                        fresh_html = Some(fresh.html);
                    }
                    Err(e) => {
                        // what was queued after a refused save was built on it: drop it too
                        QUEUE.with_borrow_mut(|q| q.clear());
                        failure = Some((job, e));
                    }
                }
            }
            RUNNING.set(false);
            saving.set(false);
            let Some((job, e)) = failure else {
                if let Some(html) = fresh_html {
                    container.set_inner_html(&html);
                }
                return;
            };
            let messages = explain(&e);
            alert.set(messages.clone());
            let invalid = matches!(&e, AppError::Invalid(_));
            let stale = matches!(&e, AppError::Invalid(l) if l.iter().any(|f| f.msg.key.name() == "err.roadmap_stale"));
            match (&job.act, &job.errors_box) {
                // a refused edit or new step keeps what she typed, with the reason in the form
                (Act::Edit | Act::Add, Some(b)) if invalid && !stale && fresh_html.is_none() => {
                    if let Some((el, old)) = &job.renamed {
                        el.set_text_content(Some(old));
                    }
                    b.set_text_content(Some(&messages.join(" ")));
                }
                // otherwise the steps go back to what the server has (or, offline, to before)
                _ => match api::load_roadmap_steps(roadmap_id).await {
                    Ok(fresh) => container.set_inner_html(&fresh.html),
                    Err(_) => container.set_inner_html(&BEFORE.with_borrow(|b| b.clone())),
                },
            }
        });
    }
}

/// The texts for the editor, in the reader's language (called by the server-rendered page;
/// the island itself never looks strings up).
pub fn editor_text() -> EditorText {
    use crate::i18n::{k, t};
    let keys = [
        k::ROADMAP_PROGRESS,
        k::ROADMAP_SAVING,
        k::ROADMAP_SAVE_FAILED,
        k::ROADMAP_OFFLINE,
    ];
    debug_assert_eq!(keys.len(), T_COUNT);
    keys.iter().map(|key| t(*key).to_string()).collect()
}

/// The messages a save can come back with, by key name (for the server-rendered page).
pub fn editor_messages() -> Vec<(String, String)> {
    use crate::i18n::{k, t};
    [
        k::ERR_REQUIRED,
        k::ERR_TOO_LONG,
        k::ERR_INVALID_CHARS,
        k::ERR_DATE_INVALID,
        k::ERR_DATE_BEFORE_START,
        k::ERR_RESOURCE_LINE,
        k::ERR_ROADMAP_STALE,
        k::ERR_STEP_POSITION,
        k::ERR_ROADMAP_STEPS_MAX,
        k::ERR_CHOOSE_ONE,
    ]
    .iter()
    .map(|key| (key.name().to_string(), t(*key).to_string()))
    .collect()
}
