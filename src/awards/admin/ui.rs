//! The administrators' pages of the award: the cycles, one cycle's phases, settings,
//! nominations, jurors, flagged votes and log.
use super::api::{
    load_admin_cycle, AdvanceAward, AssignJuror, ConfigureAward, CreateAwardCycle, CreateJuror,
    ScreenNomination, VoidVote,
};
use crate::awards::ui::{
    cycle_list, how_it_works, phase_badge, rule_text, screening_label, status_label, until_input,
};
use crate::awards::*;
use crate::i18n::{fill, k, t, use_locale};
use crate::ui::form::{
    FormAlert, FormView, PendingForm, SelectField, TextArea, TextField, DANGER_BUTTON_CLASS,
    SECONDARY_BUTTON_CLASS,
};
use crate::ui::{page_error, PageTitle};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
#[component]
pub fn AdminAwardsPage() -> impl IntoView {
    let f = FormView::new("new_cycle");
    let j = FormView::new("new_juror");
    let (cats_error, cats_error_view) = crate::ui::form::group_error(&f, "categories");
    // the forms below are for administrators only (their server functions say so too)
    crate::ui::admin_only(move || {
        view! {
        <PageTitle key=k::AWARD_ADMIN_TITLE/>
        <h1 class="text-2xl font-bold">{t(k::AWARD_ADMIN_TITLE)}</h1>
        {cycle_list("/admin/awards", k::AWARD_ADMIN_EMPTY)}
        <section aria-labelledby="new-cycle" class="mt-8 rounded-lg border border-stone-200 bg-white p-4">
            <h2 id="new-cycle" class="text-xl font-bold">{t(k::AWARD_NEW_CYCLE)}</h2>
            <FormAlert form=f.clone()/>
            <PendingForm action=CreateAwardCycle::PATH.to_string() label=t(k::AWARD_CREATE).to_string() pending=t(k::AWARD_SAVING).to_string()>
                <TextField form=f.clone() name="name" label=k::AWARD_CYCLE_NAME hint=k::AWARD_CYCLE_NAME_HINT maxlength=NAME_MAX/>
                <TextField form=f.clone() name="nominations_until" label=k::AWARD_NOMINATIONS_UNTIL kind="date"/>
                <TextField form=f.clone() name="voting_until" label=k::AWARD_VOTING_UNTIL kind="date"/>
                <fieldset class="mb-4" aria-describedby=cats_error>
                    <legend class="font-medium">{t(k::AWARD_CATEGORIES)}</legend>
                    {DEFAULT_CATEGORIES.iter().map(|(code, nominee, regional)| {
                        let id = format!("new-cycle-{code}");
                        view! {
                            <div class="mt-1 flex items-start gap-2">
                                <input id=id.clone() type="checkbox" name="categories[]" value=*code checked=true class="mt-1 h-5 w-5"/>
                                <label for=id>{t(category_label(code))}<span class="block text-sm text-stone-600">{t(eligibility_label(*nominee, *regional))}</span></label>
                            </div>
                        }
                    }).collect_view()}
                    {cats_error_view}
                </fieldset>
            </PendingForm>
        </section>
        <section aria-labelledby="new-juror" class="mt-8 rounded-lg border border-stone-200 bg-white p-4">
            <h2 id="new-juror" class="text-xl font-bold">{t(k::AWARD_NEW_JUROR)}</h2>
            <p class="text-sm text-stone-700">{t(k::AWARD_NEW_JUROR_HINT)}</p>
            <FormAlert form=j.clone()/>
            <PendingForm action=CreateJuror::PATH.to_string() label=t(k::AWARD_NEW_JUROR_SUBMIT).to_string() pending=t(k::AWARD_SAVING).to_string()>
                <TextField form=j.clone() name="display_name" label=k::FIELD_DISPLAY_NAME maxlength=80/>
                <TextField form=j.clone() name="email" label=k::FIELD_EMAIL kind="email" maxlength=254/>
                <TextField form=j.clone() name="password" label=k::AWARD_NEW_JUROR_PASSWORD kind="password" hint=k::FIELD_PASSWORD_HINT maxlength=128 secret=true/>
            </PendingForm>
        </section>
    }.into_any()
    })
}

#[component]
pub fn AdminCyclePage() -> impl IntoView {
    let id = crate::ui::param_id();
    view! {
        <PageTitle key=k::AWARD_ADMIN_TITLE/>
        <Await future=load_admin_cycle(id) let:data>
            {match data.clone() {
                Ok(a) => admin_cycle(a).into_any(),
                Err(e) => page_error(e),
            }}
        </Await>
    }
}

fn admin_cycle(a: AdminCycle) -> impl IntoView {
    let v = a.cycle.clone();
    let next = v.phase.next();
    let advance = FormView::new("advance");
    let configurable = v.phase.before_voting();
    let screening = v.phase == Phase::Screening;
    let voids = allowed(Act::Void, v.phase, v.schedule, v.now).is_ok();
    let juries = allowed(Act::AssignJurors, v.phase, v.schedule, v.now).is_ok();
    let cycle_id = v.id;
    view! {
        <p><a class="underline" href="/admin/awards">{t(k::AWARD_ADMIN_TITLE)}</a></p>
        <div class="mt-2 flex flex-wrap items-center justify-between gap-2">
            <h1 class="text-2xl font-bold">{v.name.clone()}</h1>
            {phase_badge(v.phase)}
        </div>
        <p class="mt-1"><a class="underline" href=format!("/awards/{cycle_id}")>{t(k::AWARD_PUBLIC_PAGE)}</a></p>
        <section aria-labelledby="phase-h" class="mt-6 rounded-lg border border-stone-200 bg-white p-4">
            <h2 id="phase-h" class="text-xl font-bold">{t(k::AWARD_PHASE)}</h2>
            <FormAlert form=advance/>
            {next.map(|to| view! {
                <details class="mt-2">
                    <summary class="min-h-11 cursor-pointer py-2 font-medium">{fill(t(k::AWARD_ADVANCE), &[("phase", t(to.label()))])}</summary>
                    <p class="text-sm">{t(k::AWARD_ADVANCE_WARNING)}</p>
                    <PendingForm action=AdvanceAward::PATH.to_string() label=fill(t(k::AWARD_ADVANCE_CONFIRM), &[("phase", t(to.label()))]) pending=t(k::AWARD_SAVING).to_string()>
                        <input type="hidden" name="cycle_id" value=cycle_id.to_string()/>
                        <input type="hidden" name="from" value=v.phase.code()/>
                    </PendingForm>
                </details>
            })}
        </section>
        {configurable.then(|| configure_form(&v))}
        {(!configurable).then(|| how_it_works(&v))}
        <h2 class="mt-8 text-xl font-bold">{t(k::AWARD_CATEGORIES)}</h2>
        {a.categories.into_iter().map(|c| admin_category(c, cycle_id, screening, juries)).collect_view()}
        <section aria-labelledby="flagged-h" class="mt-8 rounded-lg border border-stone-200 bg-white p-4">
            <h2 id="flagged-h" class="text-xl font-bold">{t(k::AWARD_FLAGGED)}</h2>
            <p class="text-sm text-stone-700">{fill(t(k::AWARD_FLAGGED_HINT), &[("n", &BURST_VOTES.to_string()), ("minutes", &BURST_MINUTES.to_string())])}</p>
            {if a.flagged.is_empty() {
                view! { <p class="mt-2">{t(k::AWARD_FLAGGED_NONE)}</p> }.into_any()
            } else {
                view! {
                    <ul class="mt-2 space-y-2">
                        {a.flagged.into_iter().map(|fv| {
                            let f = FormView::new(format!("void-{}", fv.id));
                            view! {
                                <li class="rounded-md border border-amber-300 bg-amber-50 p-3" data-testid="flagged">
                                    <p>
                                        <span class="font-mono">{fv.receipt.clone()}</span>" · "{fv.nominee_name.clone()}" · "
                                        {fill(t(k::AWARD_FLAGGED_AGE), &[("minutes", &fv.account_age_minutes.to_string())])}
                                    </p>
                                    {match fv.voided.clone() {
                                        Some(r) => view! { <p class="text-sm font-medium">{fill(t(k::AWARD_VOIDED_BECAUSE), &[("reason", &r)])}</p> }.into_any(),
                                        None if voids => view! {
                                            <details class="mt-1">
                                                <summary class="min-h-11 cursor-pointer py-2 font-medium text-red-900">{t(k::AWARD_VOID)}</summary>
                                                <FormAlert form=f.clone()/>
                                                <PendingForm action=VoidVote::PATH.to_string() label=t(k::AWARD_VOID_CONFIRM).to_string() pending=t(k::AWARD_SAVING).to_string()
                                                    button_class=DANGER_BUTTON_CLASS.to_string()>
                                                    <input type="hidden" name="cycle_id" value=cycle_id.to_string()/>
                                                    <input type="hidden" name="vote_id" value=fv.id.to_string()/>
                                                    <TextArea form=f.clone() name="reason" label=k::AWARD_VOID_REASON maxlength=REASON_MAX/>
                                                </PendingForm>
                                            </details>
                                        }.into_any(),
                                        None => ().into_any(),
                                    }}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
        <section aria-labelledby="log-h" class="mt-8 rounded-lg border border-stone-200 bg-white p-4">
            <h2 id="log-h" class="text-xl font-bold">{t(k::AWARD_LOG)}</h2>
            <ul class="mt-2 space-y-1 text-sm" data-testid="award-log">
                {a.log.into_iter().map(|l| view! {
                    <li>
                        {use_locale().date(l.at)}" · "{if l.actor.is_empty() { t(k::AWARD_LOG_SYSTEM).to_string() } else { l.actor }}" · "
                        {log_action(&l.action)}" "{log_detail(&l.action, l.detail)}
                        {(!l.reason.is_empty()).then(|| view! { " — "{l.reason} })}
                    </li>
                }).collect_view()}
            </ul>
        </section>
    }
}

/// A log entry's detail as people read it: phases and rules by name, not by code.
fn log_detail(action: &str, detail: String) -> String {
    match action {
        "phase" => Phase::from_code(&detail)
            .map(|p| t(p.label()).to_string())
            .unwrap_or(detail),
        "configured" => {
            let mut parts = detail.split(' ');
            match (
                parts.next().and_then(Rule::from_code),
                parts.next().and_then(|w| w.parse().ok()),
            ) {
                (Some(rule), Some(weight)) => rule_text(rule, weight),
                _ => detail,
            }
        }
        _ => detail,
    }
}

fn log_action(action: &str) -> &'static str {
    t(match action {
        "phase" => k::AWARD_LOG_PHASE,
        "configured" => k::AWARD_LOG_CONFIGURED,
        "eligible" => k::AWARD_LOG_ELIGIBLE,
        "ineligible" => k::AWARD_LOG_INELIGIBLE,
        "shortlisted" => k::AWARD_LOG_SHORTLISTED,
        "unshortlisted" => k::AWARD_LOG_UNSHORTLISTED,
        "juror_added" => k::AWARD_LOG_JUROR_ADDED,
        "juror_removed" => k::AWARD_LOG_JUROR_REMOVED,
        "voided" => k::AWARD_LOG_VOIDED,
        _ => k::AWARD_LOG_BURST,
    })
}

fn configure_form(v: &CycleView) -> impl IntoView {
    let f = FormView::new("configure");
    let rules: Vec<(String, String)> = Rule::ALL
        .iter()
        .map(|r| (r.code().to_string(), rule_text(*r, v.jury_weight)))
        .collect();
    let criteria = v.criteria.clone();
    let (id, rule, weight) = (v.id, v.rule.code().to_string(), v.jury_weight);
    let (nominations, voting) = (
        until_input(v.schedule.nominations_until),
        until_input(v.schedule.voting_until),
    );
    view! {
        <section aria-labelledby="configure-h" class="mt-6 rounded-lg border border-stone-200 bg-white p-4">
            <h2 id="configure-h" class="text-xl font-bold">{t(k::AWARD_CONFIGURE)}</h2>
            <p class="text-sm text-stone-700">{t(k::AWARD_CONFIGURE_HINT)}</p>
            <FormAlert form=f.clone()/>
            <PendingForm action=ConfigureAward::PATH.to_string() label=t(k::AWARD_SAVE).to_string() pending=t(k::AWARD_SAVING).to_string()>
                <input type="hidden" name="cycle_id" value=id.to_string()/>
                <SelectField form=f.clone() name="rule" label=k::AWARD_RULE options=rules saved=Some(rule)/>
                <TextField form=f.clone() name="jury_weight" label=k::AWARD_JURY_WEIGHT kind="number" hint=k::AWARD_JURY_WEIGHT_HINT saved=Some(weight.to_string())/>
                <TextField form=f.clone() name="nominations_until" label=k::AWARD_NOMINATIONS_UNTIL kind="date" saved=Some(nominations)/>
                <TextField form=f.clone() name="voting_until" label=k::AWARD_VOTING_UNTIL kind="date" saved=Some(voting)/>
                <fieldset class="mb-4">
                    <legend class="font-medium">{t(k::AWARD_CRITERIA)}</legend>
                    {f.error("weights").map(|e| view! { <p class="text-sm font-medium text-red-800">{e}</p> })}
                    {criteria.into_iter().map(|c| {
                        let id = format!("weight-{}", c.id);
                        view! {
                            <div class="mt-1 flex items-center gap-2">
                                <input type="hidden" name="criteria[]" value=c.id.to_string()/>
                                <input id=id.clone() name="weights[]" type="number" inputmode="numeric" min="0" max="100" value=c.weight.to_string()
                                    class="w-24 rounded-md border border-stone-400 bg-white px-3 py-2"/>
                                <label for=id>{t(criterion_label(&c.code))}" (%)"</label>
                            </div>
                        }
                    }).collect_view()}
                </fieldset>
            </PendingForm>
        </section>
    }
}

fn admin_category(c: AdminCategory, cycle: i64, screening: bool, juries: bool) -> impl IntoView {
    let jf = FormView::new(format!("jurors-{}", c.id));
    let category = c.id;
    view! {
        <section class="mt-4 rounded-lg border border-stone-200 bg-white p-4" data-testid="admin-category">
            <h3 class="text-lg font-semibold">{t(category_label(&c.code))}</h3>
            <p class="text-sm text-stone-700">{t(eligibility_label(c.nominee, c.regional))}</p>
            {if c.nominations.is_empty() {
                view! { <p class="mt-1 text-sm">{t(k::AWARD_NO_NOMINATIONS)}</p> }.into_any()
            } else {
                view! {
                    <ul class="mt-2 space-y-3">
                        {c.nominations.into_iter().map(|n| admin_nomination(n, cycle, screening)).collect_view()}
                    </ul>
                }.into_any()
            }}
            <h4 class="mt-3 font-semibold">{t(k::AWARD_JURORS)}</h4>
            {if c.jurors.is_empty() {
                view! { <p class="text-sm">{t(k::AWARD_JURORS_NONE)}</p> }.into_any()
            } else {
                view! {
                    <ul class="text-sm">
                        {c.jurors.into_iter().map(|(id, name)| view! {
                            <li class="flex items-center gap-2" data-testid="juror">
                                {name}
                                {juries.then(|| view! {
                                    <PendingForm action=AssignJuror::PATH.to_string() label=t(k::AWARD_JUROR_REMOVE).to_string() pending=t(k::AWARD_SAVING).to_string()
                                        button_class=SECONDARY_BUTTON_CLASS.to_string()>
                                        <input type="hidden" name="cycle_id" value=cycle.to_string()/>
                                        <input type="hidden" name="category_id" value=category.to_string()/>
                                        <input type="hidden" name="remove" value=id.to_string()/>
                                    </PendingForm>
                                })}
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            {juries.then(|| view! {
                <FormAlert form=jf.clone()/>
                <PendingForm action=AssignJuror::PATH.to_string() label=t(k::AWARD_JUROR_ADD).to_string() pending=t(k::AWARD_SAVING).to_string()>
                    <input type="hidden" name="cycle_id" value=cycle.to_string()/>
                    <input type="hidden" name="category_id" value=category.to_string()/>
                    <TextField form=jf.clone() name="email" label=k::AWARD_JUROR_EMAIL kind="email" hint=k::AWARD_JUROR_EMAIL_HINT maxlength=254/>
                </PendingForm>
            })}
        </section>
    }
}

fn admin_nomination(n: AdminNomination, cycle: i64, screening: bool) -> impl IntoView {
    let f = FormView::new(format!("screen-{}", n.id));
    let id = n.id.to_string();
    let accepted = n.status == "accepted";
    let open_ineligible = f.has_errors();
    let eligible = n.screening == "eligible";
    let hidden = |decision: &'static str| {
        view! {
            <input type="hidden" name="cycle_id" value=cycle.to_string()/>
            <input type="hidden" name="nomination_id" value=id.clone()/>
            <input type="hidden" name="decision" value=decision/>
        }
    };
    let (h_eligible, h_finalist, h_not_finalist, h_ineligible) = (
        hidden("eligible"),
        hidden("finalist"),
        hidden("not_finalist"),
        hidden("ineligible"),
    );
    view! {
        <li class="rounded-md border border-stone-200 p-3" data-testid="admin-nomination">
            <p class="font-medium">{n.nominee_name.clone()}{n.finalist.then(|| view! { " · "<span class="text-fuchsia-900">{t(k::AWARD_FINALIST)}</span> })}</p>
            <p class="text-sm text-stone-700">{fill(t(k::AWARD_NOMINATED_BY), &[("name", &n.nominator_name)])}" · "{t(status_label(&n.status))}" · "{t(screening_label(&n.screening))}</p>
            {(!n.screening_reason.is_empty()).then(|| view! { <p class="text-sm">{n.screening_reason.clone()}</p> })}
            <p class="mt-1 whitespace-pre-line text-sm">{crate::ui::readable(&n.reason)}</p>
            <p class="mt-1 text-sm font-medium" data-testid="votes">
                {fill(t(k::AWARD_VOTES_ADMIN), &[("n", &n.votes.to_string())])}
                {(n.flagged > 0).then(|| view! { " · "<span class="text-amber-900">{fill(t(k::AWARD_FLAGGED_COUNT), &[("n", &n.flagged.to_string())])}</span> })}
            </p>
            {(screening && accepted).then(|| view! {
                <FormAlert form=f.clone()/>
                <div class="mt-2 flex flex-wrap gap-2">
                    {(!eligible).then(|| view! {
                        <PendingForm action=ScreenNomination::PATH.to_string() label=t(k::AWARD_MARK_ELIGIBLE).to_string() pending=t(k::AWARD_SAVING).to_string()
                            button_class=SECONDARY_BUTTON_CLASS.to_string()>
                            {h_eligible}
                        </PendingForm>
                    })}
                    {(eligible && !n.finalist).then(|| view! {
                        <PendingForm action=ScreenNomination::PATH.to_string() label=t(k::AWARD_SHORTLIST).to_string() pending=t(k::AWARD_SAVING).to_string()>
                            {h_finalist}
                        </PendingForm>
                    })}
                    {n.finalist.then(|| view! {
                        <PendingForm action=ScreenNomination::PATH.to_string() label=t(k::AWARD_UNSHORTLIST).to_string() pending=t(k::AWARD_SAVING).to_string()
                            button_class=SECONDARY_BUTTON_CLASS.to_string()>
                            {h_not_finalist}
                        </PendingForm>
                    })}
                </div>
                {(n.screening != "ineligible").then(|| view! {
                    <details class="mt-2" open=open_ineligible>
                        <summary class="min-h-11 cursor-pointer py-2 font-medium text-red-900">{t(k::AWARD_MARK_INELIGIBLE)}</summary>
                        <PendingForm action=ScreenNomination::PATH.to_string() label=t(k::AWARD_MARK_INELIGIBLE).to_string() pending=t(k::AWARD_SAVING).to_string()
                            button_class=DANGER_BUTTON_CLASS.to_string()>
                            {h_ineligible}
                            <TextArea form=f.clone() name="reason" label=k::AWARD_INELIGIBLE_REASON maxlength=REASON_MAX/>
                        </PendingForm>
                    </details>
                })}
            })}
        </li>
    }
}
