//! The administrators' cohort matching pages: `/admin/matching` (ask for proposals, the drafts)
//! and `/admin/matching/:id` (one draft: its pairs with score and reasons, what changed since,
//! change or remove a pair, pair a mentee left out, publish, discard, download as CSV). Every
//! form is a plain post, so the pages work without JavaScript.
use super::api::{
    load_draft, load_drafts, load_exclusions, AllowPair, DiscardDraft, EditPair, ProposePairs,
    PublishDraft, RefreshDraft,
};
use super::*;
use crate::accounts::profiles::api::load_taxonomy;
use crate::accounts::profiles::Region;
use crate::form::Choice;
use crate::i18n::{fill, k, t, use_locale};
use crate::ui::form::{
    FormAlert, FormView, PendingForm, SelectField, DANGER_BUTTON_CLASS, SECONDARY_BUTTON_CLASS,
};
use crate::ui::{page_error, PageTitle};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

#[component]
pub fn AdminMatchingPage() -> impl IntoView {
    crate::ui::admin_only(|| {
        let f = FormView::new("propose");
        let load = async { (load_drafts().await, load_taxonomy().await) };
        view! {
            <PageTitle key=k::MATCHING_TITLE/>
            <h1 class="text-2xl font-bold">{t(k::MATCHING_TITLE)}</h1>
            <p class="mt-1 text-stone-700">{t(k::MATCHING_LEAD)}</p>
            <Await future=load let:data>
                {match data.clone() {
                    (Ok(drafts), Ok(taxonomy)) => {
                        let regions: Vec<(String, String)> = Region::ALL
                            .iter()
                            .map(|r| (r.code().to_string(), t(r.label()).to_string()))
                            .collect();
                        let fields: Vec<(String, String)> =
                            taxonomy.into_iter().map(|g| (g.id.to_string(), g.name)).collect();
                        let goal = f.value_or("goal", Some(Goal::Best.code().into()));
                        view! {
                            <section aria-labelledby="propose-h" class="mt-6 rounded-lg border border-stone-200 bg-white p-4">
                                <h2 id="propose-h" class="text-xl font-bold">{t(k::MATCHING_PROPOSE_TITLE)}</h2>
                                <p class="text-sm text-stone-700">{t(k::MATCHING_PROPOSE_HINT)}</p>
                                <FormAlert form=f.clone()/>
                                <PendingForm action=ProposePairs::PATH.to_string() label=t(k::MATCHING_PROPOSE).to_string() pending=t(k::MATCHING_WORKING).to_string()>
                                    <SelectField form=f.clone() name="region" label=k::MATCHING_REGION options=regions placeholder=k::MATCHING_ALL_REGIONS required=false/>
                                    <SelectField form=f.clone() name="field" label=k::MATCHING_FIELD options=fields placeholder=k::MATCHING_ALL_FIELDS required=false/>
                                    <fieldset class="mb-4">
                                        <legend class="font-medium">{t(k::MATCHING_GOAL)}</legend>
                                        {Goal::ALL.iter().map(|g| {
                                            let id = format!("goal-{}", g.code());
                                            let hint = match g {
                                                Goal::Best => k::MATCHING_GOAL_BEST_HINT,
                                                Goal::Most => k::MATCHING_GOAL_MOST_HINT,
                                            };
                                            view! {
                                                <div class="mt-1 flex items-start gap-2">
                                                    <input id=id.clone() type="radio" name="goal" value=g.code() checked=goal == g.code() class="mt-1 h-5 w-5"/>
                                                    <label for=id>{t(g.label())}<span class="block text-sm text-stone-600">{t(hint)}</span></label>
                                                </div>
                                            }
                                        }).collect_view()}
                                    </fieldset>
                                </PendingForm>
                            </section>
                            <section aria-labelledby="drafts-h" class="mt-8">
                                <h2 id="drafts-h" class="text-xl font-bold">{t(k::MATCHING_DRAFTS)}</h2>
                                {if drafts.is_empty() {
                                    view! { <p class="mt-2">{t(k::MATCHING_DRAFTS_NONE)}</p> }.into_any()
                                } else {
                                    view! {
                                        <ul class="mt-3 space-y-3">
                                            {drafts.into_iter().map(draft_item).collect_view()}
                                        </ul>
                                    }.into_any()
                                }}
                            </section>
                            <ExclusionsSection/>
                            <crate::matching::model::ui::ModelSection/>
                        }.into_any()
                    }
                    (Err(e), _) | (_, Err(e)) => page_error(e),
                }}
            </Await>
        }
        .into_any()
    })
}

fn state_badge(s: DraftState) -> impl IntoView {
    let class = match s {
        DraftState::Draft => {
            "rounded-full bg-amber-100 px-3 py-1 text-sm font-semibold text-amber-950"
        }
        DraftState::Published => {
            "rounded-full bg-emerald-100 px-3 py-1 text-sm font-semibold text-emerald-950"
        }
        DraftState::Discarded => {
            "rounded-full bg-stone-200 px-3 py-1 text-sm font-semibold text-stone-900"
        }
    };
    view! { <span class=class>{t(s.label())}</span> }
}

/// "Naryn · Engineering · best total fit", the cohort's filters and the goal.
fn cohort_line(s: &DraftSummary) -> String {
    let mut parts = Vec::new();
    parts.push(if s.region.is_empty() {
        t(k::MATCHING_ALL_REGIONS).to_string()
    } else {
        s.region.clone()
    });
    parts.push(if s.field.is_empty() {
        t(k::MATCHING_ALL_FIELDS).to_string()
    } else {
        s.field.clone()
    });
    parts.push(t(s.goal.label()).to_string());
    parts.join(" · ")
}

fn draft_item(s: DraftSummary) -> impl IntoView {
    let locale = use_locale();
    let title = fill(
        t(k::MATCHING_DRAFT_OF),
        &[("date", &locale.date(s.created_at))],
    );
    view! {
        <li class="rounded-lg border border-stone-200 bg-white p-4" data-testid="draft">
            <div class="flex flex-wrap items-center justify-between gap-2">
                <a class="text-lg font-semibold underline" href=format!("/admin/matching/{}", s.id)>{title}</a>
                {state_badge(s.state)}
            </div>
            <p class="text-sm text-stone-700">{cohort_line(&s)}" · "{s.created_by.clone()}</p>
            <p class="text-sm">{locale.count(k::MATCHING_PAIRS, s.pairs)}</p>
        </li>
    }
}

#[component]
pub fn AdminDraftPage() -> impl IntoView {
    let id = crate::ui::param_id();
    let query = leptos_router::hooks::use_query_map();
    let page = query.with_untracked(|q| q.get("page").and_then(|p| p.parse().ok()).unwrap_or(1));
    crate::ui::admin_only(move || {
        view! {
            <PageTitle key=k::MATCHING_TITLE/>
            <p><a class="underline" href="/admin/matching">{t(k::MATCHING_TITLE)}</a></p>
            <Await future=load_draft(id, page) let:data>
                {match data.clone() {
                    Ok(d) => draft_page(d).into_any(),
                    Err(e) => page_error(e),
                }}
            </Await>
        }
        .into_any()
    })
}

fn draft_page(d: DraftPage) -> impl IntoView {
    let locale = use_locale();
    let s = d.summary.clone();
    let id = s.id;
    let open = s.state == DraftState::Draft;
    let title = fill(
        t(k::MATCHING_DRAFT_OF),
        &[("date", &locale.date(s.created_at))],
    );
    let publish = FormView::new("publish");
    let pairs_form = FormView::new("pairs");
    let empty_reason = (s.pairs == 0).then(|| {
        t(if s.mentees == 0 {
            k::MATCHING_EMPTY_NO_MENTEES
        } else if s.mentors == 0 {
            k::MATCHING_EMPTY_NO_MENTORS
        } else {
            k::MATCHING_EMPTY_NO_FIT
        })
    });
    let size = fill(
        t(k::MATCHING_COHORT_SIZE),
        &[
            ("mentees", &locale.count(k::MATCHING_MENTEES, s.mentees)),
            ("mentors", &locale.count(k::MATCHING_MENTORS, s.mentors)),
        ],
    );
    let totals = fill(
        t(k::MATCHING_TOTALS),
        &[
            ("pairs", &locale.count(k::MATCHING_PAIRS, s.pairs)),
            ("total", &s.total_fit.to_string()),
        ],
    );
    let pager = (d.pages > 1).then(|| {
        crate::ui::pager(d.page, d.pages, &|p| {
            format!("/admin/matching/{id}?page={p}")
        })
    });
    view! {
        <div class="mt-2 flex flex-wrap items-center justify-between gap-2">
            <h1 class="text-2xl font-bold">{title}</h1>
            {state_badge(s.state)}
        </div>
        <p class="mt-1 text-stone-700">{cohort_line(&s)}</p>
        <p class="mt-1">{size}</p>
        <p class="mt-1 font-medium" data-testid="totals">{totals}</p>
        {empty_reason.map(|r| view! { <p class="mt-3 rounded-md border border-amber-300 bg-amber-50 p-3 text-amber-950">{r}</p> })}
        <p class="mt-2"><a class="underline" href=format!("/admin/matching/{id}/pairs.csv") download="">{t(k::MATCHING_CSV)}</a></p>
        {open.then(|| view! {
            <section aria-labelledby="publish-h" class="mt-6 rounded-lg border border-stone-200 bg-white p-4">
                <h2 id="publish-h" class="text-xl font-bold">{t(k::MATCHING_PUBLISH_TITLE)}</h2>
                <FormAlert form=publish/>
                {(d.changed > 0).then(|| view! {
                    <div class="mt-2 rounded-md border border-amber-300 bg-amber-50 p-3 text-amber-950" data-testid="changed">
                        <p>{locale.count(k::MATCHING_CHANGED_COUNT, d.changed)}</p>
                        <div class="mt-2">
                            <PendingForm action=RefreshDraft::PATH.to_string() label=t(k::MATCHING_REFRESH).to_string() pending=t(k::MATCHING_WORKING).to_string()
                                button_class=SECONDARY_BUTTON_CLASS.to_string()>
                                <input type="hidden" name="draft_id" value=id.to_string()/>
                            </PendingForm>
                        </div>
                    </div>
                })}
                {(s.pairs > 0).then(|| view! {
                    <details class="mt-2">
                        <summary class="min-h-11 cursor-pointer py-2 font-medium">{t(k::MATCHING_PUBLISH)}</summary>
                        <p class="text-sm">{locale.count(k::MATCHING_PUBLISH_WARNING, s.pairs)}</p>
                        <PendingForm action=PublishDraft::PATH.to_string() label=t(k::MATCHING_PUBLISH_CONFIRM).to_string() pending=t(k::MATCHING_WORKING).to_string()>
                            <input type="hidden" name="draft_id" value=id.to_string()/>
                            <input type="hidden" name="revision" value=s.revision.to_string()/>
                        </PendingForm>
                    </details>
                })}
                <details class="mt-2">
                    <summary class="min-h-11 cursor-pointer py-2 font-medium">{t(k::MATCHING_DISCARD)}</summary>
                    <p class="text-sm">{t(k::MATCHING_DISCARD_WARNING)}</p>
                    <PendingForm action=DiscardDraft::PATH.to_string() label=t(k::MATCHING_DISCARD_CONFIRM).to_string() pending=t(k::MATCHING_WORKING).to_string()
                        button_class=DANGER_BUTTON_CLASS.to_string()>
                        <input type="hidden" name="draft_id" value=id.to_string()/>
                    </PendingForm>
                </details>
            </section>
        })}
        <section aria-labelledby="pairs-h" class="mt-8">
            <h2 id="pairs-h" class="text-xl font-bold">{t(k::MATCHING_PAIRS_TITLE)}</h2>
            <FormAlert form=pairs_form/>
            <ul class="mt-3 space-y-3">
                {d.pairs.into_iter().map(|p| pair_item(id, open, p)).collect_view()}
            </ul>
            {pager}
        </section>
        {(open && d.unmatched_total > 0).then(|| view! {
            <section aria-labelledby="unmatched-h" class="mt-8">
                <h2 id="unmatched-h" class="text-xl font-bold">{locale.count(k::MATCHING_UNMATCHED, d.unmatched_total)}</h2>
                <p class="text-sm text-stone-700">{t(k::MATCHING_UNMATCHED_HINT)}</p>
                <ul class="mt-3 space-y-3">
                    {d.unmatched.into_iter().map(|u| unmatched_item(id, u)).collect_view()}
                </ul>
            </section>
        })}
    }
}

fn minor_badge(minor: bool) -> impl IntoView {
    minor.then(|| view! {
        <span class="ml-2 rounded-full bg-sky-100 px-2 py-0.5 text-xs font-semibold text-sky-950">{t(k::MATCHING_UNDER_18)}</span>
    })
}

fn change_text(c: &Change, was: u8) -> String {
    match c {
        Change::MenteeMatched => t(k::MATCHING_CHANGE_MENTEE_MATCHED).to_string(),
        Change::MenteeGone => t(k::MATCHING_CHANGE_MENTEE_GONE).to_string(),
        Change::MentorFull => t(k::MATCHING_CHANGE_MENTOR_FULL).to_string(),
        Change::MentorGone => t(k::MATCHING_CHANGE_MENTOR_GONE).to_string(),
        Change::RuledOut => t(k::MATCHING_CHANGE_RULED_OUT).to_string(),
        Change::FitChanged(now) => fill(
            t(k::MATCHING_CHANGE_FIT),
            &[("was", &was.to_string()), ("now", &now.to_string())],
        ),
    }
}

/// A select of other mentors and its button, posting an edit of one mentee's pair.
fn pair_with(
    draft_id: i64,
    mentee_id: i64,
    mentee_name: &str,
    options: Vec<MentorOption>,
    label: crate::i18n::Key,
) -> impl IntoView {
    let select_label = fill(t(k::MATCHING_OTHER_MENTOR_FOR), &[("name", mentee_name)]);
    let select_id = format!("pair-{mentee_id}-mentor");
    view! {
        <PendingForm action=EditPair::PATH.to_string() label=t(label).to_string() pending=t(k::MATCHING_WORKING).to_string()
            button_class=SECONDARY_BUTTON_CLASS.to_string()>
            <input type="hidden" name="draft_id" value=draft_id.to_string()/>
            <input type="hidden" name="mentee_id" value=mentee_id.to_string()/>
            <label for=select_id.clone() class="block text-sm font-medium">{select_label}</label>
            <select id=select_id name="mentor_id" class="mb-2 mt-1 block w-full rounded-md border border-stone-400 bg-white px-3 py-2 text-base">
                {options.into_iter().map(|(id, text)| view! { <option value=id.to_string()>{text}</option> }).collect_view()}
            </select>
        </PendingForm>
    }
}

fn pair_item(draft_id: i64, open: bool, p: PairView) -> impl IntoView {
    let change = p.change.as_ref().map(|c| change_text(c, p.fit));
    let mentee_id = p.mentee_id;
    view! {
        <li class="rounded-lg border border-stone-200 bg-white p-4" data-testid="pair">
            <div class="flex items-start justify-between gap-2">
                <h3 class="font-semibold">
                    <a class="underline" href=format!("/mentees/{}", p.mentee_id)>{p.mentee_name.clone()}</a>
                    {minor_badge(p.minor)}
                    " → "
                    <a class="underline" href=format!("/mentors/{}", p.mentor_id)>{p.mentor_name.clone()}</a>
                </h3>
                <p class="shrink-0 rounded-full bg-fuchsia-100 px-3 py-1 text-sm font-bold text-fuchsia-950">
                    {fill(t(k::DISCOVER_FIT), &[("score", &p.fit.to_string())])}
                </p>
            </div>
            {(!p.reasons.is_empty()).then(|| view! {
                <p class="mt-1 text-sm text-fuchsia-950">{p.reasons.join(" · ")}</p>
            })}
            {change.map(|c| view! {
                <p class="mt-2 rounded-md border border-amber-300 bg-amber-50 p-2 text-sm text-amber-950" data-testid="pair-change">{c}</p>
            })}
            {p.mentorship_id.map(|m| view! {
                <p class="mt-1 text-sm"><a class="underline" href=format!("/mentorships/{m}")>{t(k::MATCHING_MENTORSHIP)}</a></p>
            })}
            {open.then(|| view! {
                <div class="mt-3 flex flex-wrap items-end gap-3">
                    {(!p.options.is_empty()).then(|| pair_with(draft_id, mentee_id, &p.mentee_name, p.options.clone(), k::MATCHING_CHANGE_MENTOR))}
                    <PendingForm action=EditPair::PATH.to_string() label=t(k::MATCHING_REMOVE).to_string() pending=t(k::MATCHING_WORKING).to_string()
                        button_class=DANGER_BUTTON_CLASS.to_string()>
                        <input type="hidden" name="draft_id" value=draft_id.to_string()/>
                        <input type="hidden" name="mentee_id" value=mentee_id.to_string()/>
                        <input type="hidden" name="remove" value="1"/>
                    </PendingForm>
                    <PendingForm action=EditPair::PATH.to_string() label=t(k::MATCHING_EXCLUDE).to_string() pending=t(k::MATCHING_WORKING).to_string()
                        button_class=SECONDARY_BUTTON_CLASS.to_string()>
                        <input type="hidden" name="draft_id" value=draft_id.to_string()/>
                        <input type="hidden" name="mentee_id" value=mentee_id.to_string()/>
                        <input type="hidden" name="mentor_id" value=p.mentor_id.to_string()/>
                        <input type="hidden" name="remove" value="exclude"/>
                    </PendingForm>
                </div>
            })}
        </li>
    }
}

fn unmatched_item(draft_id: i64, u: UnmatchedView) -> impl IntoView {
    view! {
        <li class="rounded-lg border border-stone-200 bg-white p-4" data-testid="unmatched">
            <h3 class="font-semibold">
                <a class="underline" href=format!("/mentees/{}", u.mentee_id)>{u.name.clone()}</a>
                {minor_badge(u.minor)}
            </h3>
            {if u.options.is_empty() {
                view! { <p class="mt-1 text-sm text-stone-700">{t(k::MATCHING_NO_OPTIONS)}</p> }.into_any()
            } else {
                view! { <div class="mt-2">{pair_with(draft_id, u.mentee_id, &u.name, u.options, k::MATCHING_ADD_PAIR)}</div> }.into_any()
            }}
        </li>
    }
}

/// The pairs administrators said never to propose, each with "Allow again".
#[component]
fn ExclusionsSection() -> impl IntoView {
    let f = FormView::new("exclusions");
    view! {
        <section aria-labelledby="exclusions-h" class="mt-8">
            <h2 id="exclusions-h" class="text-xl font-bold">{t(k::MATCHING_EXCLUSIONS)}</h2>
            <p class="text-sm text-stone-700">{t(k::MATCHING_EXCLUSIONS_HINT)}</p>
            <FormAlert form=f/>
            <Await future=load_exclusions() let:data>
                {match data.clone() {
                    Ok(list) if list.is_empty() => view! { <p class="mt-2">{t(k::MATCHING_EXCLUSIONS_NONE)}</p> }.into_any(),
                    Ok(list) => {
                        let locale = use_locale();
                        view! {
                            <ul class="mt-3 space-y-3">
                                {list.into_iter().map(|x| {
                                    let by = fill(t(k::MATCHING_EXCLUDED_BY), &[("name", &x.created_by), ("date", &locale.date(x.created_at))]);
                                    view! {
                                        <li class="flex flex-wrap items-center justify-between gap-2 rounded-lg border border-stone-200 bg-white p-4" data-testid="exclusion">
                                            <div>
                                                <p class="font-semibold">{x.mentee_name.clone()}" ≠ "{x.mentor_name.clone()}</p>
                                                <p class="text-sm text-stone-700">{by}</p>
                                            </div>
                                            <PendingForm action=AllowPair::PATH.to_string() label=t(k::MATCHING_ALLOW).to_string() pending=t(k::MATCHING_WORKING).to_string()
                                                button_class=SECONDARY_BUTTON_CLASS.to_string()>
                                                <input type="hidden" name="mentee_id" value=x.mentee_id.to_string()/>
                                                <input type="hidden" name="mentor_id" value=x.mentor_id.to_string()/>
                                            </PendingForm>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        }.into_any()
                    }
                    Err(e) => page_error(e),
                }}
            </Await>
        </section>
    }
}
