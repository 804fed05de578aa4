//! Roadmap pages: the list (with the new-roadmap form), one roadmap (the owner gets the
//! editor island; her mentor reads, comments and suggests; a public roadmap is read only), a
//! printable view. The administrators' templates are `templates/ui.rs`.
use super::api::{
    load_my_roadmaps, load_roadmap, AddStep, CommentStep, CreateRoadmap, DecideSuggestion,
    DeleteRoadmap, DeleteStep, EditStep, MoveStep, SetStepStatus, SuggestStep, UpdateRoadmap,
};
use super::island::RoadmapEditor;
use super::*;
use crate::i18n::{fill, k, t, use_locale};
use crate::ui::form::{
    FormAlert, FormView, PendingForm, SelectField, TextArea, TextField, DANGER_BUTTON_CLASS,
    SECONDARY_BUTTON_CLASS,
};
use crate::ui::{page_error, PageTitle};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

/// A stored YYYY-MM-DD date written the way the reader's language writes dates.
fn day(date: &str) -> String {
    match crate::time::parse_date(date) {
        Some(d) => use_locale().day(d),
        None => date.to_string(),
    }
}

fn progress_bar(p: Progress) -> impl IntoView {
    let label = fill(
        t(k::ROADMAP_PROGRESS),
        &[
            ("done", &p.finished.to_string()),
            ("total", &p.total.to_string()),
            ("percent", &p.percent().to_string()),
        ],
    );
    view! {
        <p class="text-sm font-medium" data-testid="progress">{label}</p>
        <div class="mt-1 h-3 w-full rounded-full bg-stone-200" aria-hidden="true">
            <div class="h-3 rounded-full bg-fuchsia-700" style=format!("width: {}%", p.percent())></div>
        </div>
    }
}

pub fn summary_list(list: Vec<RoadmapSummary>, show_owner: bool) -> impl IntoView {
    view! {
        <ul class="mt-3 space-y-3">
            {list.into_iter().map(|r| {
                let p = Progress { finished: r.finished, total: r.total };
                view! {
                    <li class="rounded-lg border border-stone-200 bg-white p-4" data-testid="roadmap">
                        <h3 class="text-lg font-semibold"><a class="underline" href=format!("/roadmaps/{}", r.id)>{r.title}</a></h3>
                        <p class="text-sm text-stone-700">
                            {show_owner.then(|| view! { {r.owner_name}" · " })}
                            {t(r.visibility.label())}
                            {r.target_date.map(|d| view! { " · "{fill(t(k::ROADMAP_TARGET_ON), &[("date", &day(&d))])} })}
                        </p>
                        <div class="mt-2">{progress_bar(p)}</div>
                        {(r.overdue > 0).then(|| view! {
                            <p class="mt-1 text-sm font-medium text-red-800">{fill(t(k::ROADMAP_OVERDUE_COUNT), &[("n", &r.overdue.to_string())])}</p>
                        })}
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}

fn visibility_options(minor: bool) -> Vec<(String, String)> {
    Visibility::ALL
        .iter()
        .filter(|v| !(minor && **v == Visibility::Public))
        .map(|v| (v.code().to_string(), t(v.label()).to_string()))
        .collect()
}

#[component]
pub fn RoadmapsPage() -> impl IntoView {
    view! {
        <PageTitle key=k::ROADMAP_TITLE/>
        <h1 class="text-2xl font-bold">{t(k::ROADMAP_TITLE)}</h1>
        <p class="mt-1 text-stone-700">{t(k::ROADMAP_LEAD)}</p>
        <Await future=load_my_roadmaps() let:data>
            {match data.clone() {
                Ok(my) if crate::auth::use_viewer().user.is_some_and(|u| u.role == crate::auth::Role::Mentor) => view! {
                    <h2 class="mt-6 text-xl font-bold">{t(k::ROADMAP_SHARED)}</h2>
                    {if my.shared.is_empty() {
                        view! { <p class="mt-2">{t(k::ROADMAP_SHARED_EMPTY)}</p> }.into_any()
                    } else {
                        summary_list(my.shared, true).into_any()
                    }}
                }.into_any(),
                Ok(my) => {
                    let f = FormView::new("new_roadmap");
                    let mut templates = vec![("blank".to_string(), t(k::ROADMAP_TEMPLATE_BLANK).to_string())];
                    let mine = crate::i18n::use_locale();
                    templates.extend(my.templates.iter().map(|tp| {
                        let mut label = mine.tf(k::ROADMAP_TEMPLATE_OPTION, &[("title", &tp.title), ("n", &tp.steps.to_string())]);
                        // a template in another language says which
                        if let Some(l) = crate::i18n::Locale::from_code(&tp.language).filter(|l| *l != mine) {
                            label.push_str(" · ");
                            label.push_str(t(crate::form::Choice::label(l)));
                        }
                        (tp.id.to_string(), label)
                    }));
                    view! {
                        {if my.mine.is_empty() {
                            view! { <p class="mt-4">{t(k::ROADMAP_EMPTY)}</p> }.into_any()
                        } else {
                            summary_list(my.mine, false).into_any()
                        }}
                        <section aria-labelledby="new-roadmap" class="mt-8 rounded-lg border border-stone-200 bg-white p-4">
                            <h2 id="new-roadmap" class="text-xl font-bold">{t(k::ROADMAP_NEW)}</h2>
                            <FormAlert form=f.clone()/>
                            <PendingForm action=CreateRoadmap::PATH.to_string() label=t(k::ROADMAP_CREATE).to_string() pending=t(k::ROADMAP_SAVING).to_string()>
                                <SelectField form=f.clone() name="template" label=k::ROADMAP_TEMPLATE options=templates saved=Some("blank".to_string()) hint=k::ROADMAP_TEMPLATE_HINT/>
                                <TextField form=f.clone() name="title" label=k::ROADMAP_GOAL hint=k::ROADMAP_GOAL_HINT maxlength=TITLE_MAX/>
                                <TextArea form=f.clone() name="description" label=k::ROADMAP_DESCRIPTION maxlength=DESCRIPTION_MAX required=false/>
                                <TextField form=f.clone() name="target_date" label=k::ROADMAP_TARGET kind="date" required=false/>
                                <SelectField form=f.clone() name="visibility" label=k::ROADMAP_VISIBILITY options=visibility_options(my.minor)
                                    saved=Some("private".to_string()) hint=if my.minor { k::ROADMAP_VISIBILITY_HINT_MINOR } else { k::ROADMAP_VISIBILITY_HINT }/>
                            </PendingForm>
                        </section>
                    }.into_any()
                }
                Err(e) => page_error(e),
            }}
        </Await>
    }
}

/// What a step says, the same for its owner (with the SMART hint, and the `data-` hooks the
/// editor island updates), her mentor, a reader and paper (links written out).
fn step_body(i: usize, s: &StepView, today: i64, owner: bool) -> impl IntoView {
    let overdue = s.is_overdue(today);
    view! {
        <h3 class="text-lg font-semibold">{format!("{}. ", i + 1)}<span data-title>{s.title.clone()}</span></h3>
        <p class="text-sm">
            <span data-status data-testid="step-status">{t(s.status.label())}</span>
            {s.due_date.clone().map(|d| view! { " · "{fill(t(k::ROADMAP_DUE_ON), &[("date", &day(&d))])} })}
            {overdue.then(|| view! { " · "<strong class="text-red-800">{t(k::ROADMAP_OVERDUE)}</strong> })}
        </p>
        {(!s.criterion.is_empty()).then(|| view! { <p class="mt-1 text-sm">{fill(t(k::ROADMAP_DONE_WHEN), &[("criterion", &s.criterion)])}</p> })}
        {(owner && !s.is_smart()).then(|| view! { <p class="mt-1 text-sm text-amber-900">{t(k::ROADMAP_NOT_SMART)}</p> })}
        {(!s.details.is_empty()).then(|| view! { <p class="mt-1 whitespace-pre-line text-sm">{crate::ui::readable(&s.details)}</p> })}
        {(!s.resources.is_empty()).then(|| view! {
            <ul class="mt-1 list-disc pl-5 text-sm">
                {s.resources.iter().map(|r| view! { <li><a class="underline" href=r.url.clone() rel="noopener noreferrer nofollow">{r.title.clone()}</a><span class="hidden print:inline">" ("{r.url.clone()}")"</span></li> }).collect_view()}
            </ul>
        })}
        {(!s.comments.is_empty()).then(|| view! {
            <div class="mt-2 rounded-md bg-fuchsia-50 p-2 text-sm">
                <p class="font-medium">{t(k::ROADMAP_COMMENTS)}</p>
                {s.comments.iter().map(|c| view! {
                    <p data-testid="comment"><strong>{crate::ui::readable(&c.author_name)}": "</strong>{crate::ui::readable(&c.body)}</p>
                    // she reports a comment on her own roadmap (her mentors write them)
                    {(owner && crate::safeguard::shown(&c.body).is_none()).then(|| view! {
                        <div class="print:hidden">{crate::moderation::ui::report_form(crate::moderation::ItemKind::RoadmapComment, c.id, c.reported)}</div>
                    })}
                }).collect_view()}
            </div>
        })}
    }
}

/// The outline of a step card; overdue steps stand out on screen, not on paper.
fn step_class(overdue: bool) -> &'static str {
    if overdue {
        "rounded-lg border-2 border-red-700 bg-red-50 p-3 print:border-stone-400 print:bg-white"
    } else {
        "rounded-lg border border-stone-200 bg-white p-3"
    }
}

/// Steps as her mentor or a reader sees them (and as they print).
fn read_only_steps(v: &RoadmapView, comment_forms: bool) -> impl IntoView {
    let today = v.today;
    let roadmap = v.id;
    if v.steps.is_empty() {
        return view! { <p class="mt-2">{t(k::ROADMAP_NO_STEPS)}</p> }.into_any();
    }
    view! {
        <ol class="mt-2 space-y-3">
            {v.steps.iter().enumerate().map(|(i, s)| {
                let overdue = s.is_overdue(today);
                let f = FormView::new(format!("comment-{}", s.id));
                let (open, alert, area, sid) = (f.has_errors(), f.clone(), f, s.id);
                view! {
                    <li class=step_class(overdue) data-testid="step">
                        {step_body(i, s, today, false)}
                        {comment_forms.then(move || view! {
                            <details class="mt-2 print:hidden" open=open>
                                <summary class="min-h-11 cursor-pointer py-2 font-medium">{t(k::ROADMAP_COMMENT)}</summary>
                                <FormAlert form=alert/>
                                <PendingForm action=CommentStep::PATH.to_string() label=t(k::ROADMAP_COMMENT_SEND).to_string() pending=t(k::ROADMAP_SAVING).to_string()>
                                    <input type="hidden" name="roadmap_id" value=roadmap.to_string()/>
                                    <input type="hidden" name="step_id" value=sid.to_string()/>
                                    <TextArea form=area.clone() name="body" label=k::ROADMAP_COMMENT_BODY maxlength=COMMENT_MAX/>
                                </PendingForm>
                            </details>
                        })}
                    </li>
                }
            }).collect_view()}
        </ol>
    }.into_any()
}

#[component]
pub fn RoadmapPage() -> impl IntoView {
    let id = crate::ui::param_id();
    view! {
        <PageTitle key=k::ROADMAP_TITLE/>
        <Await future=load_roadmap(id) let:data>
            {match data.clone() {
                Ok(v) => roadmap_page(v).into_any(),
                Err(e) => page_error(e),
            }}
        </Await>
    }
}

fn roadmap_header(v: &RoadmapView) -> impl IntoView {
    view! {
        <h1 class="text-2xl font-bold">{v.title.clone()}</h1>
        <p class="text-stone-700">
            {(v.access != Relation::Owner).then(|| view! { {v.owner_name.clone()}" · " })}
            {t(v.visibility.label())}
            {v.target_date.clone().map(|d| view! { " · "{fill(t(k::ROADMAP_TARGET_ON), &[("date", &day(&d))])} })}
        </p>
        {(!v.description.is_empty()).then(|| view! { <p class="mt-2 whitespace-pre-line">{v.description.clone()}</p> })}
    }
}

fn roadmap_page(v: RoadmapView) -> impl IntoView {
    let print = format!("/roadmaps/{}/print", v.id);
    let header = roadmap_header(&v);
    let body = match v.access {
        Relation::Owner => owner_view(v).into_any(),
        Relation::Mentor => mentor_view(v).into_any(),
        Relation::Reader => view! {
            <div class="mt-4">{progress_bar(v.progress())}</div>
            <h2 class="mt-4 text-xl font-bold">{t(k::ROADMAP_STEPS)}</h2>
            {read_only_steps(&v, false)}
        }
        .into_any(),
    };
    view! {
        <p class="text-sm"><a class="underline" href="/roadmaps">{t(k::ROADMAP_BACK)}</a></p>
        {header}
        <p class="mt-2 text-sm"><a class="underline" href=print>{t(k::ROADMAP_PRINT)}</a></p>
        {body}
    }
}

fn owner_view(v: RoadmapView) -> impl IntoView {
    let f = FormView::new("roadmap");
    let f_open = f.has_errors();
    let suggestions = FormView::new("suggestions");
    let delete = FormView::new("delete_roadmap");
    let delete_open = delete.has_errors();
    let (id, version) = (v.id.to_string(), v.version.to_string());
    let minor_hint = k::ROADMAP_VISIBILITY_HINT;
    let saved = v.clone();
    let (saved_id, saved_version) = (saved.id.to_string(), saved.version.to_string());
    let (delete_id, delete_version) = (saved_id.clone(), saved_version.clone());
    let open_suggestions = v.suggestions.clone();
    view! {
        {(!open_suggestions.is_empty()).then(move || view! {
            <section aria-labelledby="suggestions-heading" class="mt-6 rounded-lg border border-fuchsia-300 bg-fuchsia-50 p-4">
                <h2 id="suggestions-heading" class="text-lg font-semibold">{t(k::ROADMAP_SUGGESTIONS)}</h2>
                <FormAlert form=suggestions.clone()/>
                <ul class="space-y-3">
                    {open_suggestions.into_iter().map(|s| {
                        let from = fill(t(k::ROADMAP_SUGGESTED_BY), &[("name", &crate::ui::readable(&s.author_name))]);
                        let (id, version, sid) = (id.clone(), version.clone(), s.id.to_string());
                        let fields = move |decision: &'static str| view! {
                            <input type="hidden" name="roadmap_id" value=id.clone()/>
                            <input type="hidden" name="version" value=version.clone()/>
                            <input type="hidden" name="suggestion_id" value=sid.clone()/>
                            <input type="hidden" name="decision" value=decision/>
                        };
                        let fields2 = fields.clone();
                        view! {
                            <li data-testid="suggestion">
                                <p class="font-medium">{crate::ui::readable(&s.title)}</p>
                                {(!s.details.is_empty()).then(|| view! { <p class="whitespace-pre-line text-sm">{crate::ui::readable(&s.details)}</p> })}
                                <p class="text-sm text-stone-700">{from}</p>
                                <div class="mt-2 flex flex-wrap gap-2">
                                    <PendingForm action=DecideSuggestion::PATH.to_string() label=t(k::ROADMAP_SUGGESTION_ACCEPT).to_string() pending=t(k::ROADMAP_SAVING).to_string()>
                                        {fields2("accept")}
                                    </PendingForm>
                                    <PendingForm action=DecideSuggestion::PATH.to_string() label=t(k::ROADMAP_SUGGESTION_DISMISS).to_string() pending=t(k::ROADMAP_SAVING).to_string()
                                        button_class=SECONDARY_BUTTON_CLASS.to_string()>
                                        {fields("dismiss")}
                                    </PendingForm>
                                </div>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </section>
        })}
        <RoadmapEditor roadmap_id=v.id text=super::island::editor_text() messages=super::island::editor_messages()>
            {steps_section(&v)}
        </RoadmapEditor>
        <details class="mt-6 rounded-lg border border-stone-200 bg-white p-3" open=f_open>
            <summary class="min-h-11 cursor-pointer py-2 font-semibold">{t(k::ROADMAP_EDIT)}</summary>
            <FormAlert form=f.clone()/>
            <PendingForm action=UpdateRoadmap::PATH.to_string() label=t(k::ROADMAP_SAVE).to_string() pending=t(k::ROADMAP_SAVING).to_string()>
                <input type="hidden" name="roadmap_id" value=saved_id.clone()/>
                <input type="hidden" name="version" value=saved_version.clone()/>
                <TextField form=f.clone() name="title" label=k::ROADMAP_GOAL maxlength=TITLE_MAX saved=Some(saved.title.clone())/>
                <TextArea form=f.clone() name="description" label=k::ROADMAP_DESCRIPTION maxlength=DESCRIPTION_MAX required=false saved=Some(saved.description.clone())/>
                <TextField form=f.clone() name="target_date" label=k::ROADMAP_TARGET kind="date" required=false saved=saved.target_date.clone()/>
                <SelectField form=f.clone() name="visibility" label=k::ROADMAP_VISIBILITY options=visibility_options(false)
                    saved=Some(saved.visibility.code().to_string()) hint=minor_hint/>
            </PendingForm>
        </details>
        <details class="mt-3 rounded-lg border border-red-200 bg-white p-3" open=delete_open>
            <summary class="min-h-11 cursor-pointer py-2 font-semibold text-red-900">{t(k::ROADMAP_DELETE)}</summary>
            <p class="text-sm">{t(k::ROADMAP_DELETE_HINT)}</p>
            <FormAlert form=delete.clone()/>
            <PendingForm action=DeleteRoadmap::PATH.to_string() label=t(k::ROADMAP_DELETE_CONFIRM).to_string() pending=t(k::ROADMAP_SAVING).to_string()
                button_class=DANGER_BUTTON_CLASS.to_string()>
                <input type="hidden" name="roadmap_id" value=delete_id.clone()/>
                <input type="hidden" name="version" value=delete_version.clone()/>
            </PendingForm>
        </details>
    }
}

fn mentor_view(v: RoadmapView) -> impl IntoView {
    let f = FormView::new("suggest");
    view! {
        <p class="mt-2 rounded-md bg-stone-100 p-2 text-sm">{t(k::ROADMAP_MENTOR_NOTE)}</p>
        <div class="mt-4">{progress_bar(v.progress())}</div>
        <h2 class="mt-4 text-xl font-bold">{t(k::ROADMAP_STEPS)}</h2>
        {read_only_steps(&v, true)}
        {(!v.suggestions.is_empty()).then(|| view! {
            <h2 class="mt-6 text-lg font-semibold">{t(k::ROADMAP_SUGGESTIONS_OPEN)}</h2>
            <ul class="list-disc pl-5">{v.suggestions.iter().map(|s| view! { <li data-testid="suggestion">{crate::ui::readable(&s.title)}</li> }).collect_view()}</ul>
        })}
        <section aria-labelledby="suggest-heading" class="mt-6 rounded-lg border border-stone-200 bg-white p-4">
            <h2 id="suggest-heading" class="text-lg font-semibold">{t(k::ROADMAP_SUGGEST)}</h2>
            <FormAlert form=f.clone()/>
            <PendingForm action=SuggestStep::PATH.to_string() label=t(k::ROADMAP_SUGGEST_SEND).to_string() pending=t(k::ROADMAP_SAVING).to_string()>
                <input type="hidden" name="roadmap_id" value=v.id.to_string()/>
                <TextField form=f.clone() name="title" label=k::ROADMAP_STEP_TITLE maxlength=STEP_TITLE_MAX/>
                <TextArea form=f.clone() name="details" label=k::ROADMAP_STEP_DETAILS maxlength=DETAILS_MAX required=false/>
            </PendingForm>
        </section>
    }
}

/// Clean on paper: no navigation, no forms, links written out.
#[component]
pub fn PrintRoadmapPage() -> impl IntoView {
    let id = crate::ui::param_id();
    let locale = use_locale();
    view! {
        <PageTitle key=k::ROADMAP_TITLE/>
        <Await future=load_roadmap(id) let:data>
            {match data.clone() {
                Ok(v) => view! {
                    <p class="text-sm print:hidden"><a class="underline" href=format!("/roadmaps/{}", v.id)>{t(k::ROADMAP_BACK_TO)}</a>" · "{t(k::ROADMAP_PRINT_HINT)}</p>
                    <article class="print:text-black">
                        {roadmap_header(&v)}
                        <p class="text-sm text-stone-700">{fill(t(k::ROADMAP_PRINTED), &[("date", &locale.day(v.today))])}</p>
                        <div class="mt-3">{progress_bar(v.progress())}</div>
                        {read_only_steps(&v, false)}
                    </article>
                }.into_any(),
                Err(e) => page_error(e),
            }}
        </Await>
    }
}

/// Hidden fields every step form carries: which roadmap, the version this page shows, the step.
fn step_fields(roadmap: i64, version: i64, step: Option<i64>) -> impl IntoView {
    view! {
        <input type="hidden" name="roadmap_id" value=roadmap.to_string()/>
        <input type="hidden" name="version" value=version.to_string()/>
        {step.map(|s| view! { <input type="hidden" name="step_id" value=s.to_string()/> })}
    }
}

/// The fields of a step (to edit one, or to add one), refilled after a refused post.
fn step_form(roadmap: i64, version: i64, step: Option<&StepView>) -> impl IntoView {
    let f = match step {
        Some(s) => FormView::new(format!("step-{}", s.id)),
        None => FormView::new("add_step"),
    };
    let saved = |get: fn(&StepView) -> String| step.map(get);
    let (action, button) = match step {
        Some(_) => (EditStep::PATH, k::ROADMAP_SAVE_STEP),
        None => (AddStep::PATH, k::ROADMAP_ADD_STEP),
    };
    view! {
        <form method="post" action=action novalidate class="mt-2">
            {step_fields(roadmap, version, step.map(|s| s.id))}
            <FormAlert form=f.clone()/>
            <TextField form=f.clone() name="title" label=k::ROADMAP_STEP_TITLE maxlength=STEP_TITLE_MAX saved=saved(|s| s.title.clone())/>
            <TextField form=f.clone() name="criterion" label=k::ROADMAP_STEP_CRITERION maxlength=CRITERION_MAX required=false saved=saved(|s| s.criterion.clone())/>
            <TextField form=f.clone() name="due_date" label=k::ROADMAP_STEP_DUE kind="date" required=false saved=step.and_then(|s| s.due_date.clone())/>
            <TextArea form=f.clone() name="details" label=k::ROADMAP_STEP_DETAILS maxlength=DETAILS_MAX required=false saved=saved(|s| s.details.clone())/>
            <TextArea form=f.clone() name="resources" label=k::ROADMAP_STEP_RESOURCES hint=k::ROADMAP_STEP_RESOURCES_HINT maxlength=6_000 required=false saved=saved(|s| resources_text(&s.resources))/>
            <p data-errors class="mb-2 text-sm font-medium text-red-800"></p>
            <button type="submit" class=crate::ui::form::BUTTON_CLASS>{t(button)}</button>
        </form>
    }
}

/// The owner's steps: every change is a plain form, which the editor island enhances. The
/// server functions render this same section for the island to swap in after a save.
pub fn steps_section(v: &RoadmapView) -> impl IntoView {
    let (roadmap, version, today) = (v.id, v.version, v.today);
    let p = v.progress();
    let count = v.steps.len();
    let add = FormView::new("add_step");
    let steps_form = FormView::new("steps");
    let pressed = "min-h-11 rounded-md border border-stone-400 bg-white px-3 py-1 text-sm aria-pressed:border-fuchsia-800 aria-pressed:bg-fuchsia-800 aria-pressed:font-semibold aria-pressed:text-white";
    view! {
        <section aria-labelledby="steps-heading" class="mt-4">
            <p class="font-medium" data-progress data-testid="progress">
                {fill(t(k::ROADMAP_PROGRESS), &[("done", &p.finished.to_string()), ("total", &p.total.to_string()), ("percent", &p.percent().to_string())])}
            </p>
            <div class="mt-1 h-3 w-full rounded-full bg-stone-200" aria-hidden="true">
                <div class="h-3 rounded-full bg-fuchsia-700" data-bar style=format!("width: {}%", p.percent())></div>
            </div>
            <h2 id="steps-heading" class="mt-4 text-xl font-bold">{t(k::ROADMAP_STEPS)}</h2>
            <FormAlert form=steps_form/>
            {(count == 0).then(|| view! { <p class="mt-2">{t(k::ROADMAP_NO_STEPS)}</p> })}
            <ol class="mt-2 space-y-3">
                {v.steps.iter().enumerate().map(|(i, s)| {
                    let overdue = s.is_overdue(today);
                    let id = s.id;
                    let mover = move |to: usize, label| view! {
                        <form method="post" action=MoveStep::PATH>
                            {step_fields(roadmap, version, Some(id))}
                            <input type="hidden" name="to" value=to.to_string()/>
                            <button type="submit" class="min-h-11 rounded-md border border-stone-400 px-3 text-sm">{t(label)}</button>
                        </form>
                    };
                    let edit_open = FormView::new(format!("step-{id}")).has_errors();
                    view! {
                        <li data-step=id.to_string() data-finished=if s.status.finished() { "1" } else { "0" } data-testid="step"
                            class=step_class(overdue)>
                            {step_body(i, s, today, true)}
                            <form method="post" action=SetStepStatus::PATH class="mt-2">
                                {step_fields(roadmap, version, Some(id))}
                                <div role="group" aria-label=t(k::ROADMAP_STATUS_LABEL) class="flex flex-wrap gap-1">
                                    {StepStatus::ALL.iter().map(|st| view! {
                                        <button type="submit" name="status" value=st.code() class=pressed
                                            aria-pressed=if *st == s.status { "true" } else { "false" }>{t(st.label())}</button>
                                    }).collect_view()}
                                </div>
                            </form>
                            <div class="mt-2 flex flex-wrap gap-2">
                                {(i > 0).then(|| mover(i - 1, k::ROADMAP_UP))}
                                {(i + 1 < count).then(|| mover(i + 1, k::ROADMAP_DOWN))}
                            </div>
                            <details class="mt-2" open=edit_open>
                                <summary class="min-h-11 cursor-pointer py-2 font-medium">{t(k::ROADMAP_EDIT_STEP)}</summary>
                                {step_form(roadmap, version, Some(s))}
                            </details>
                            <details class="mt-1">
                                <summary class="min-h-11 cursor-pointer py-2 font-medium text-red-900">{t(k::ROADMAP_DELETE_STEP)}</summary>
                                <form method="post" action=DeleteStep::PATH>
                                    {step_fields(roadmap, version, Some(id))}
                                    <button type="submit" class=DANGER_BUTTON_CLASS>{t(k::ROADMAP_DELETE_STEP_CONFIRM)}</button>
                                </form>
                            </details>
                        </li>
                    }
                }).collect_view()}
            </ol>
            <details class="mt-4 rounded-lg border border-stone-200 bg-white p-3" open=add.has_errors()>
                <summary class="min-h-11 cursor-pointer py-2 font-semibold">{t(k::ROADMAP_ADD_STEP)}</summary>
                {step_form(roadmap, version, None)}
            </details>
        </section>
    }
}
