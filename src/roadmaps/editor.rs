//! The roadmap editor, the page's one island. Its markup is made of ordinary forms posting to
//! the roadmap server functions, so without JavaScript every button works through a page load.
//! Once hydrated it intercepts them: the change shows at once, saves through the typed server
//! function, and the server's fresh roadmap replaces the local one; a refused or failed save
//! rolls back visibly, with the message, and a stale save (another tab saved first) brings in
//! the fresh state. Strings arrive as props (`EditorText`), so no translation table ships.
use super::api::{load_roadmap, AddStep, DeleteStep, EditStep, MoveStep, SetStepStatus};
use super::{resources_text, Resource, RoadmapView, StepStatus, StepView};
use crate::accounts::profiles::Choice;
use crate::error::AppError;
use crate::i18n::fill;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use serde::{Deserialize, Serialize};

/// Texts, indexed by the `T_*` constants (a plain list keeps the wasm small).
pub type EditorText = Vec<String>;
pub const T_STATUS: [usize; 4] = [0, 1, 2, 3];
pub const T_UP: usize = 4;
pub const T_DOWN: usize = 5;
pub const T_EDIT: usize = 6;
pub const T_DELETE: usize = 7;
pub const T_DELETE_CONFIRM: usize = 8;
pub const T_SAVE: usize = 9;
pub const T_ADD: usize = 10;
pub const T_TITLE: usize = 11;
pub const T_DETAILS: usize = 12;
pub const T_CRITERION: usize = 13;
pub const T_DUE: usize = 14;
pub const T_RESOURCES: usize = 15;
pub const T_RESOURCES_HINT: usize = 16;
pub const T_DONE_WHEN: usize = 17;
pub const T_DUE_ON: usize = 18;
pub const T_OVERDUE: usize = 19;
pub const T_NOT_SMART: usize = 20;
pub const T_EMPTY: usize = 21;
pub const T_SAVING: usize = 22;
pub const T_FAILED: usize = 23;
pub const T_OFFLINE: usize = 24;
pub const T_FORM: usize = 25;
pub const T_PROGRESS: usize = 26;
pub const T_STEPS: usize = 27;
pub const T_COMMENTS: usize = 28;
pub const T_STATUS_LABEL: usize = 29;
pub const T_DONE_ON: usize = 30;
pub const T_COUNT: usize = 31;

/// A refused post coming back without JavaScript, or a refused save with it: which form,
/// the messages per field ("" for the form), and what was typed.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Problem {
    pub form: String,
    pub errors: Vec<(String, String)>,
    pub values: Vec<(String, String)>,
}

impl Problem {
    fn error(&self, form: &str, field: &str) -> Option<String> {
        (self.form == form)
            .then(|| {
                self.errors
                    .iter()
                    .find(|e| e.0 == field)
                    .map(|e| e.1.clone())
            })
            .flatten()
    }
    fn value(&self, form: &str, field: &str) -> Option<String> {
        (self.form == form)
            .then(|| {
                self.values
                    .iter()
                    .find(|e| e.0 == field)
                    .map(|e| e.1.clone())
            })
            .flatten()
    }
}

#[derive(Clone)]
struct Fields {
    title: String,
    details: String,
    criterion: String,
    due: String,
    resources: String,
}

#[derive(Clone)]
enum Act {
    Status(i64, StepStatus),
    Move(i64, i64),
    Delete(i64),
    Edit(i64, Fields),
    Add(Fields),
}

/// The change as the page shows it before the server answers.
fn apply(v: &mut RoadmapView, act: &Act) {
    let at = |v: &RoadmapView, id: i64| v.steps.iter().position(|s| s.id == id);
    match act {
        Act::Status(id, s) => {
            if let Some(i) = at(v, *id) {
                v.steps[i].status = *s;
            }
        }
        Act::Move(id, to) => {
            if let Some(i) = at(v, *id) {
                let step = v.steps.remove(i);
                let to = (*to).clamp(0, v.steps.len() as i64) as usize;
                v.steps.insert(to, step);
            }
        }
        Act::Delete(id) => v.steps.retain(|s| s.id != *id),
        Act::Edit(id, f) => {
            if let Some(i) = at(v, *id) {
                let s = &mut v.steps[i];
                s.title = f.title.trim().into();
                s.details = f.details.trim().into();
                s.criterion = f.criterion.trim().into();
                s.due_date = (!f.due.trim().is_empty()).then(|| f.due.trim().into());
            }
        }
        Act::Add(f) => v.steps.push(StepView {
            id: -1,
            title: f.title.trim().into(),
            details: f.details.trim().into(),
            criterion: f.criterion.trim().into(),
            due_date: (!f.due.trim().is_empty()).then(|| f.due.trim().into()),
            status: StepStatus::NotStarted,
            done_at: None,
            resources: Vec::<Resource>::new(),
            comments: Vec::new(),
        }),
    }
}

fn form_of(act: &Act) -> String {
    match act {
        Act::Edit(id, _) => format!("step-{id}"),
        Act::Add(_) => "add_step".into(),
        _ => "steps".into(),
    }
}

#[island]
pub fn RoadmapEditor(
    roadmap: RoadmapView,
    text: EditorText,
    /// Message templates by key name, for the errors a save can meet.
    messages: Vec<(String, String)>,
    #[prop(optional)] problem: Option<Problem>,
) -> impl IntoView {
    let state = RwSignal::new(roadmap);
    let problem = RwSignal::new(problem);
    let saving = RwSignal::new(false);
    let text = StoredValue::new(text);
    let messages = StoredValue::new(messages);
    let tx = move |i: usize| text.with_value(|t| t.get(i).cloned().unwrap_or_default());

    let explain = move |e: &AppError| -> Vec<(String, String)> {
        match e {
            AppError::Invalid(list) => list
                .iter()
                .map(|fe| {
                    let template = messages.with_value(|m| {
                        m.iter()
                            .find(|(k, _)| k == fe.msg.key.name())
                            .map(|(_, v)| v.clone())
                    });
                    let args: Vec<(&str, &str)> = fe
                        .msg
                        .args
                        .iter()
                        .map(|(a, b)| (a.as_str(), b.as_str()))
                        .collect();
                    (
                        fe.field.clone(),
                        fill(&template.unwrap_or_else(|| tx(T_FAILED)), &args),
                    )
                })
                .collect(),
            AppError::Transport(_) => vec![(String::new(), tx(T_OFFLINE))],
            _ => vec![(String::new(), tx(T_FAILED))],
        }
    };

    let run = move |act: Act, typed: Vec<(String, String)>| {
        let before = state.get_untracked();
        let id = before.id.to_string();
        let version = before.version.to_string();
        state.update(|v| apply(v, &act));
        problem.set(None);
        saving.set(true);
        leptos::task::spawn_local(async move {
            let result = match act.clone() {
                Act::Status(s, st) => {
                    super::api::set_step_status(id, version, s.to_string(), st.code().into()).await
                }
                Act::Move(s, to) => {
                    super::api::move_step(id, version, s.to_string(), to.to_string()).await
                }
                Act::Delete(s) => super::api::delete_step(id, version, s.to_string()).await,
                Act::Edit(s, f) => {
                    super::api::edit_step(
                        id,
                        version,
                        s.to_string(),
                        f.title,
                        f.details,
                        f.criterion,
                        f.due,
                        f.resources,
                    )
                    .await
                }
                Act::Add(f) => {
                    super::api::add_step(
                        id,
                        version,
                        f.title,
                        f.details,
                        f.criterion,
                        f.due,
                        f.resources,
                    )
                    .await
                }
            };
            saving.set(false);
            match result {
                Ok(fresh) => state.set(fresh),
                Err(e) => {
                    let stale = matches!(&e, AppError::Invalid(l) if l.iter().any(|f| f.msg.key.name() == "err.roadmap_stale"));
                    let roadmap_id = before.id;
                    state.set(before);
                    problem.set(Some(Problem {
                        form: form_of(&act),
                        errors: explain(&e),
                        values: typed,
                    }));
                    if stale {
                        if let Ok(fresh) = load_roadmap(roadmap_id).await {
                            state.set(fresh);
                        }
                    }
                }
            }
        });
    };

    let hidden = move |step: Option<i64>| {
        let v = state.get();
        view! {
            <input type="hidden" name="roadmap_id" value=v.id.to_string()/>
            <input type="hidden" name="version" value=v.version.to_string()/>
            {step.map(|s| view! { <input type="hidden" name="step_id" value=s.to_string()/> })}
        }
    };

    let fields_form = move |form: String, step: Option<StepView>| {
        let refs: [NodeRef<leptos::html::Input>; 3] = Default::default();
        let area: [NodeRef<leptos::html::Textarea>; 2] = Default::default();
        let p = problem.get();
        let p = p.unwrap_or_default();
        let saved = |field: &str, v: String| p.value(&form, field).unwrap_or(v);
        let s = step.clone();
        let get = move |f: fn(&StepView) -> String| s.as_ref().map(f).unwrap_or_default();
        let values = [
            saved("title", get(|s| s.title.clone())),
            saved("criterion", get(|s| s.criterion.clone())),
            saved("due_date", get(|s| s.due_date.clone().unwrap_or_default())),
            saved("details", get(|s| s.details.clone())),
            saved("resources", get(|s| resources_text(&s.resources))),
        ];
        let field = {
            let form = form.clone();
            let p = p.clone();
            move |name: &'static str,
                  label: usize,
                  kind: &'static str,
                  node: usize,
                  value: String| {
                let id = format!("{form}-{name}");
                let err = p.error(&form, name);
                let err_id = format!("{id}-error");
                let described = err.as_ref().map(|_| err_id.clone());
                view! {
                    <div class="mb-3">
                        <label for=id.clone() class="block font-medium">{tx(label)}</label>
                        {(name == "resources").then(|| view! { <p class="text-sm text-stone-600">{tx(T_RESOURCES_HINT)}</p> })}
                        {if kind == "textarea" {
                            view! { <textarea id=id name=name node_ref=area[node] rows="3" aria-invalid=err.is_some().then_some("true") aria-describedby=described
                                class="mt-1 block w-full rounded-md border border-stone-400 px-3 py-2">{value}</textarea> }.into_any()
                        } else {
                            view! { <input id=id name=name type=kind value=value node_ref=refs[node] aria-invalid=err.is_some().then_some("true") aria-describedby=described
                                class="mt-1 block w-full rounded-md border border-stone-400 px-3 py-2"/> }.into_any()
                        }}
                        {err.map(|e| view! { <p id=err_id class="mt-1 text-sm font-medium text-red-800">{e}</p> })}
                    </div>
                }
            }
        };
        let [v_title, v_crit, v_due, v_details, v_res] = values;
        let step_id = step.as_ref().map(|s| s.id);
        let action = if step_id.is_some() {
            EditStep::PATH
        } else {
            AddStep::PATH
        };
        let submit = move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let input = |i: usize| refs[i].get().map(|e| e.value()).unwrap_or_default();
            let textarea = |i: usize| area[i].get().map(|e| e.value()).unwrap_or_default();
            let f = Fields {
                title: input(0),
                criterion: input(1),
                due: input(2),
                details: textarea(0),
                resources: textarea(1),
            };
            let typed = vec![
                ("title".to_string(), f.title.clone()),
                ("criterion".to_string(), f.criterion.clone()),
                ("due_date".to_string(), f.due.clone()),
                ("details".to_string(), f.details.clone()),
                ("resources".to_string(), f.resources.clone()),
            ];
            run(
                match step_id {
                    Some(s) => Act::Edit(s, f),
                    None => Act::Add(f),
                },
                typed,
            );
        };
        view! {
            <form method="post" action=action on:submit=submit class="mt-2">
                {hidden(step_id)}
                {field("title", T_TITLE, "text", 0, v_title)}
                {field("criterion", T_CRITERION, "text", 1, v_crit)}
                {field("due_date", T_DUE, "date", 2, v_due)}
                {field("details", T_DETAILS, "textarea", 0, v_details)}
                {field("resources", T_RESOURCES, "textarea", 1, v_res)}
                <button type="submit" class=crate::ui::form::BUTTON_CLASS disabled=move || saving.get()>
                    {tx(if step_id.is_some() { T_SAVE } else { T_ADD })}
                </button>
            </form>
        }
    };

    let step_item = move |index: usize, count: usize, s: StepView, today: i64| {
        let id = s.id;
        let overdue = s.is_overdue(today);
        let smart = s.is_smart();
        let form = format!("step-{id}");
        let open_edit = problem.with(|p| p.as_ref().is_some_and(|p| p.form == form));
        let status_buttons = StepStatus::ALL.iter().enumerate().map(|(i, st)| {
            let st = *st;
            let current = s.status == st;
            view! {
                <button type="submit" name="status" value=st.code() aria-pressed=if current { "true" } else { "false" }
                    on:click=move |ev| { ev.prevent_default(); if !current { run(Act::Status(id, st), vec![]) } }
                    class=if current { "min-h-11 rounded-md bg-fuchsia-800 px-3 py-1 text-sm font-semibold text-white" } else { "min-h-11 rounded-md border border-stone-400 bg-white px-3 py-1 text-sm" }>
                    {tx(T_STATUS[i])}
                </button>
            }
        }).collect_view();
        let mover = move |to: i64, label: usize| {
            view! {
                <form method="post" action=MoveStep::PATH on:submit=move |ev| { ev.prevent_default(); run(Act::Move(id, to), vec![]) }>
                    {hidden(Some(id))}
                    <input type="hidden" name="to" value=to.to_string()/>
                    <button type="submit" class="min-h-11 rounded-md border border-stone-400 px-3 text-sm">{tx(label)}</button>
                </form>
            }
        };
        let class = if overdue {
            "rounded-lg border-2 border-red-700 bg-red-50 p-3"
        } else {
            "rounded-lg border border-stone-200 bg-white p-3"
        };
        view! {
            <li class=class data-testid="step">
                <h3 class="text-lg font-semibold">{format!("{}. ", index + 1)}{s.title.clone()}</h3>
                <p class="text-sm">
                    <span data-testid="step-status">{tx(T_STATUS[StepStatus::ALL.iter().position(|x| *x == s.status).unwrap_or(0)])}</span>
                    {s.due_date.clone().map(|d| view! { " · "{fill(&tx(T_DUE_ON), &[("date", &d)])} })}
                    {overdue.then(|| view! { " · "<strong class="text-red-800">{tx(T_OVERDUE)}</strong> })}
                </p>
                {(!s.criterion.is_empty()).then(|| view! { <p class="mt-1 text-sm">{fill(&tx(T_DONE_WHEN), &[("criterion", &s.criterion)])}</p> })}
                {(!smart).then(|| view! { <p class="mt-1 text-sm text-amber-900">{tx(T_NOT_SMART)}</p> })}
                {(!s.details.is_empty()).then(|| view! { <p class="mt-1 whitespace-pre-line text-sm">{s.details.clone()}</p> })}
                {(!s.resources.is_empty()).then(|| view! {
                    <ul class="mt-1 list-disc pl-5 text-sm">
                        {s.resources.iter().map(|r| view! { <li><a class="underline" href=r.url.clone() rel="noopener noreferrer nofollow">{r.title.clone()}</a></li> }).collect_view()}
                    </ul>
                })}
                {(!s.comments.is_empty()).then(|| view! {
                    <div class="mt-2 rounded-md bg-fuchsia-50 p-2 text-sm">
                        <p class="font-medium">{tx(T_COMMENTS)}</p>
                        {s.comments.iter().map(|c| view! { <p data-testid="comment"><strong>{c.author_name.clone()}": "</strong>{c.body.clone()}</p> }).collect_view()}
                    </div>
                })}
                {(id > 0).then(|| view! {
                    <form method="post" action=SetStepStatus::PATH class="mt-2" role="group" aria-label=tx(T_STATUS_LABEL)>
                        {hidden(Some(id))}
                        <div class="flex flex-wrap gap-1">{status_buttons}</div>
                    </form>
                    <div class="mt-2 flex flex-wrap gap-2">
                        {(index > 0).then(|| mover(index as i64 - 1, T_UP))}
                        {(index + 1 < count).then(|| mover(index as i64 + 1, T_DOWN))}
                    </div>
                    <details class="mt-2" open=open_edit>
                        <summary class="min-h-11 cursor-pointer py-2 font-medium">{tx(T_EDIT)}</summary>
                        {fields_form(form.clone(), Some(s.clone()))}
                    </details>
                    <details class="mt-1">
                        <summary class="min-h-11 cursor-pointer py-2 font-medium text-red-900">{tx(T_DELETE)}</summary>
                        <form method="post" action=DeleteStep::PATH on:submit=move |ev| { ev.prevent_default(); run(Act::Delete(id), vec![]) }>
                            {hidden(Some(id))}
                            <button type="submit" class=crate::ui::form::DANGER_BUTTON_CLASS>{tx(T_DELETE_CONFIRM)}</button>
                        </form>
                    </details>
                })}
            </li>
        }
    };

    view! {
        <section aria-labelledby="steps-heading" class="mt-6">
            {move || {
                let p = state.with(|v| v.progress());
                view! {
                    <p class="font-medium" data-testid="progress">{fill(&tx(T_PROGRESS), &[("done", &p.finished.to_string()), ("total", &p.total.to_string()), ("percent", &p.percent().to_string())])}</p>
                    <div class="mt-1 h-3 w-full rounded-full bg-stone-200" aria-hidden="true">
                        <div class="h-3 rounded-full bg-fuchsia-700" style=format!("width: {}%", p.percent())></div>
                    </div>
                }
            }}
            <h2 id="steps-heading" class="mt-4 text-xl font-bold">{tx(T_STEPS)}</h2>
            <div aria-live="polite">
                {move || saving.get().then(|| view! { <p class="text-sm text-stone-700">{tx(T_SAVING)}</p> })}
                {move || problem.with(|p| p.as_ref().filter(|p| !p.errors.is_empty()).map(|p| view! {
                    <div role="alert" class="mt-2 rounded-md border border-red-300 bg-red-50 p-3 text-red-900">
                        <p class="font-semibold">{tx(T_FORM)}</p>
                        {p.errors.iter().filter(|e| e.0.is_empty()).map(|e| view! { <p>{e.1.clone()}</p> }).collect_view()}
                    </div>
                }))}
            </div>
            {move || {
                let v = state.get();
                let count = v.steps.len();
                if count == 0 {
                    view! { <p class="mt-2">{tx(T_EMPTY)}</p> }.into_any()
                } else {
                    view! {
                        <ol class="mt-2 space-y-3">
                            {v.steps.into_iter().enumerate().map(|(i, s)| step_item(i, count, s, v.today)).collect_view()}
                        </ol>
                    }.into_any()
                }
            }}
            <details class="mt-4 rounded-lg border border-stone-200 bg-white p-3" open=move || problem.with(|p| p.as_ref().is_some_and(|p| p.form == "add_step"))>
                <summary class="min-h-11 cursor-pointer py-2 font-semibold">{tx(T_ADD)}</summary>
                {move || fields_form("add_step".into(), None)}
            </details>
        </section>
    }
}

/// The texts for the editor, in the reader's language (called by the server-rendered page;
/// the island itself never looks strings up).
pub fn editor_text() -> EditorText {
    use crate::i18n::{k, t};
    let keys = [
        k::STEP_STATUS_NOT_STARTED,
        k::STEP_STATUS_IN_PROGRESS,
        k::STEP_STATUS_DONE,
        k::STEP_STATUS_SKIPPED,
        k::ROADMAP_UP,
        k::ROADMAP_DOWN,
        k::ROADMAP_EDIT_STEP,
        k::ROADMAP_DELETE_STEP,
        k::ROADMAP_DELETE_STEP_CONFIRM,
        k::ROADMAP_SAVE_STEP,
        k::ROADMAP_ADD_STEP,
        k::ROADMAP_STEP_TITLE,
        k::ROADMAP_STEP_DETAILS,
        k::ROADMAP_STEP_CRITERION,
        k::ROADMAP_STEP_DUE,
        k::ROADMAP_STEP_RESOURCES,
        k::ROADMAP_STEP_RESOURCES_HINT,
        k::ROADMAP_DONE_WHEN,
        k::ROADMAP_DUE_ON,
        k::ROADMAP_OVERDUE,
        k::ROADMAP_NOT_SMART,
        k::ROADMAP_NO_STEPS,
        k::ROADMAP_SAVING,
        k::ROADMAP_SAVE_FAILED,
        k::ROADMAP_OFFLINE,
        k::ERR_FORM,
        k::ROADMAP_PROGRESS,
        k::ROADMAP_STEPS,
        k::ROADMAP_COMMENTS,
        k::ROADMAP_STATUS_LABEL,
        k::ROADMAP_DONE_ON,
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
