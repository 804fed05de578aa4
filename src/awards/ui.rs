//! Award pages: the cycles, one cycle (how it works, nominating, accepting, the ballots), the
//! results, a receipt check and the jurors' scoring page (the administrators' pages are in
//! `admin/ui.rs`). All are
//! server-rendered plain forms; `AwardLive` (see `island.rs`) enhances nominating and voting.
use super::api::{
    load_award_cycle, load_award_cycles, load_jury_work, load_receipt, load_results,
    AnswerNomination, CastVote, Nominate, ScoreFinalist,
};
use super::island::{live_messages, live_text, AwardLive};
use super::*;
use crate::i18n::{fill, k, t, use_locale};
use crate::ui::form::{
    FormAlert, FormView, PendingForm, SelectField, TextArea, TextField, BUTTON_CLASS,
    SECONDARY_BUTTON_CLASS,
};
use crate::ui::{page_error, PageTitle};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::use_query_map;

/// A closing time (the end of a day in Bishkek) as the day it closes.
pub(crate) fn until_text(at: i64) -> String {
    use_locale().day(crate::time::closing_day(at, crate::time::programme_zone()))
}

/// The same day as "YYYY-MM-DD", for date inputs.
pub(crate) fn until_input(at: i64) -> String {
    crate::time::iso_date(crate::time::closing_day(at, crate::time::programme_zone()))
}

pub(crate) fn rule_text(rule: Rule, jury_weight: i64) -> String {
    fill(
        t(rule.label()),
        &[
            ("jury", &jury_weight.to_string()),
            ("public", &(100 - jury_weight).to_string()),
        ],
    )
}

pub(crate) fn phase_badge(phase: Phase) -> impl IntoView {
    view! {
        <span class="rounded-full bg-fuchsia-100 px-3 py-1 text-sm font-semibold text-fuchsia-950" data-testid="phase">
            {t(phase.label())}
        </span>
    }
}

/// The cycles, each linking to `{base}/{id}` with its phase; `empty` says what to do if none.
pub(crate) fn cycle_list(base: &'static str, empty: crate::i18n::Key) -> impl IntoView {
    view! {
        <Await future=load_award_cycles() let:data>
            {match data.clone() {
                Ok(list) if list.is_empty() => view! { <p class="mt-4">{t(empty)}</p> }.into_any(),
                Ok(list) => view! {
                    <ul class="mt-4 space-y-3">
                        {list.into_iter().map(|c| view! {
                            <li class="flex flex-wrap items-center justify-between gap-2 rounded-lg border border-stone-200 bg-white p-4">
                                <a class="text-lg font-semibold underline" href=format!("{base}/{}", c.id)>{c.name}</a>
                                {phase_badge(c.phase)}
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any(),
                Err(e) => page_error(e),
            }}
        </Await>
    }
}

#[component]
pub fn AwardsPage() -> impl IntoView {
    view! {
        <PageTitle key=k::AWARD_TITLE/>
        <h1 class="text-2xl font-bold">{t(k::AWARD_TITLE)}</h1>
        <p class="mt-1 text-stone-700">{t(k::AWARD_LEAD)}</p>
        {cycle_list("/awards", k::AWARD_NONE)}
        {receipt_form(String::new())}
    }
}

fn receipt_form(code: String) -> impl IntoView {
    view! {
        <section aria-labelledby="receipt-check" class="mt-8 rounded-lg border border-stone-200 bg-white p-4">
            <h2 id="receipt-check" class="text-xl font-bold">{t(k::AWARD_RECEIPT_CHECK)}</h2>
            <p class="text-sm text-stone-700">{t(k::AWARD_RECEIPT_HINT)}</p>
            <form method="get" action="/awards/receipt" class="mt-2 flex flex-wrap items-end gap-2">
                <div>
                    <label for="receipt-code" class="block font-medium">{t(k::AWARD_RECEIPT)}</label>
                    <input id="receipt-code" name="code" value=code maxlength="20" autocomplete="off"
                        class="mt-1 block rounded-md border border-stone-400 bg-white px-3 py-2 font-mono uppercase"/>
                </div>
                <button type="submit" class=SECONDARY_BUTTON_CLASS>{t(k::AWARD_RECEIPT_SUBMIT)}</button>
            </form>
        </section>
    }
}

#[component]
pub fn ReceiptPage() -> impl IntoView {
    let code = use_query_map().with_untracked(|q| q.get("code").unwrap_or_default());
    let typed = code.clone();
    view! {
        <PageTitle key=k::AWARD_RECEIPT_CHECK/>
        <h1 class="text-2xl font-bold">{t(k::AWARD_RECEIPT_CHECK)}</h1>
        <Await future=load_receipt(code) let:data>
            {match data.clone() {
                Ok(Some(r)) => {
                    let key = if r.voided { k::AWARD_RECEIPT_VOIDED } else { k::AWARD_RECEIPT_COUNTED };
                    view! {
                        <p class="mt-4 rounded-md border border-green-300 bg-green-50 p-3 text-green-950" data-testid="receipt-result">
                            {fill(t(key), &[
                                ("cycle", &r.cycle_name),
                                ("category", t(category_label(&r.category))),
                                ("date", &use_locale().date(r.changed_at)),
                            ])}
                        </p>
                    }.into_any()
                }
                Ok(None) => view! {
                    <p class="mt-4 rounded-md border border-amber-300 bg-amber-50 p-3 text-amber-950" data-testid="receipt-result">{t(k::AWARD_RECEIPT_UNKNOWN)}</p>
                }.into_any(),
                Err(e) => page_error(e),
            }}
        </Await>
        {receipt_form(typed)}
    }
}

#[component]
pub fn CyclePage() -> impl IntoView {
    let id = crate::ui::param_id();
    view! {
        <PageTitle key=k::AWARD_TITLE/>
        <Await future=load_award_cycle(id) let:data>
            {match data.clone() {
                Ok(v) => cycle_page(v).into_any(),
                Err(e) => page_error(e),
            }}
        </Await>
    }
}

fn cycle_page(v: CycleView) -> impl IntoView {
    let signed_in = v.voter != VoterStatus::SignedOut;
    let nominating = allowed(Act::Nominate, v.phase, v.schedule, v.now).is_ok();
    let voting = allowed(Act::Vote, v.phase, v.schedule, v.now).is_ok();
    let published = v.phase >= Phase::Published;
    let for_me = v.for_me.clone();
    let answering = allowed(Act::Answer, v.phase, v.schedule, v.now).is_ok();
    let cycle_id = v.id;
    view! {
        <div class="flex flex-wrap items-center justify-between gap-2">
            <h1 class="text-2xl font-bold">{v.name.clone()}</h1>
            {phase_badge(v.phase)}
        </div>
        {published.then(|| view! {
            <p class="mt-4"><a class=BUTTON_CLASS href=format!("/awards/{}/results", v.id)>{t(k::AWARD_SEE_RESULTS)}</a></p>
        })}
        {how_it_works(&v)}
        {(!for_me.is_empty()).then(|| view! {
            <section id="for-you" aria-labelledby="for-you-h" class="mt-6 rounded-lg border border-fuchsia-300 bg-fuchsia-50 p-4">
                <h2 id="for-you-h" class="text-xl font-bold">{t(k::AWARD_FOR_YOU)}</h2>
                <FormAlert form=FormView::new("for-you")/>
                <ul class="mt-2 space-y-3">
                    {for_me.into_iter().map(|n| view! {
                        <li class="rounded-md bg-white p-3" data-testid="for-you">
                            <p>{fill(t(k::AWARD_NOMINATED_YOU), &[("name", &n.nominator_name), ("category", t(category_label(&n.category)))])}</p>
                            <blockquote class="mt-1 whitespace-pre-line border-l-4 border-fuchsia-300 pl-3 text-sm">{crate::ui::readable(&n.reason)}</blockquote>
                            <p class="mt-1 text-sm font-medium">{t(status_label(&n.status))}</p>
                            // what someone wrote about her: she may report it in any state
                            {crate::safeguard::shown(&n.reason).is_none().then(|| {
                                crate::moderation::ui::report_form(crate::moderation::ItemKind::Nomination, n.id, n.reported)
                            })}
                            {(answering && n.status == "awaiting").then(|| view! {
                                <div class="mt-2 flex flex-wrap gap-2">
                                    <PendingForm action=AnswerNomination::PATH.to_string() label=t(k::AWARD_ACCEPT).to_string() pending=t(k::AWARD_SAVING).to_string()>
                                        <input type="hidden" name="cycle_id" value=cycle_id.to_string()/>
                                        <input type="hidden" name="nomination_id" value=n.id.to_string()/>
                                        <input type="hidden" name="accept" value="yes"/>
                                    </PendingForm>
                                    <PendingForm action=AnswerNomination::PATH.to_string() label=t(k::AWARD_DECLINE).to_string() pending=t(k::AWARD_SAVING).to_string()
                                        button_class=SECONDARY_BUTTON_CLASS.to_string()>
                                        <input type="hidden" name="cycle_id" value=cycle_id.to_string()/>
                                        <input type="hidden" name="nomination_id" value=n.id.to_string()/>
                                        <input type="hidden" name="accept" value="no"/>
                                    </PendingForm>
                                </div>
                            })}
                        </li>
                    }).collect_view()}
                </ul>
            </section>
        })}
        <AwardLive text=live_text() messages=live_messages()>
            {nominating.then(|| nominate_section(&v, signed_in))}
            {voting.then(|| voter_notice(v.voter))}
            {categories_section(&v, voting)}
        </AwardLive>
    }
}

pub(crate) fn status_label(status: &str) -> crate::i18n::Key {
    match status {
        "awaiting" => k::AWARD_STATUS_AWAITING,
        "declined" => k::AWARD_STATUS_DECLINED,
        _ => k::AWARD_STATUS_ACCEPTED,
    }
}

pub(crate) fn screening_label(screening: &str) -> crate::i18n::Key {
    match screening {
        "eligible" => k::AWARD_SCREEN_ELIGIBLE,
        "ineligible" => k::AWARD_SCREEN_INELIGIBLE,
        _ => k::AWARD_SCREEN_PENDING,
    }
}

/// The rule, the criteria, the categories and the dates: public before voting opens.
pub(crate) fn how_it_works(v: &CycleView) -> impl IntoView {
    let history = v.history.clone();
    view! {
        <section aria-labelledby="how" class="mt-6 rounded-lg border border-stone-200 bg-white p-4">
            <h2 id="how" class="text-xl font-bold">{t(k::AWARD_HOW)}</h2>
            <dl class="mt-2 grid gap-2 sm:grid-cols-2">
                <div>
                    <dt class="font-medium">{t(k::AWARD_NOMINATIONS_UNTIL)}</dt>
                    <dd>{until_text(v.schedule.nominations_until)}</dd>
                </div>
                <div>
                    <dt class="font-medium">{t(k::AWARD_VOTING_UNTIL)}</dt>
                    <dd>{until_text(v.schedule.voting_until)}</dd>
                </div>
            </dl>
            <h3 class="mt-3 font-semibold">{t(k::AWARD_RULE)}</h3>
            <p data-testid="rule">{rule_text(v.rule, v.jury_weight)}</p>
            <p class="text-sm text-stone-700">{t(k::AWARD_COMMUNITY_CHOICE_RULE)}</p>
            <h3 class="mt-3 font-semibold">{t(k::AWARD_CRITERIA)}</h3>
            <ul class="list-disc pl-5">
                {v.criteria.iter().map(|c| view! {
                    <li>{fill(t(k::AWARD_CRITERION_LINE), &[("name", t(criterion_label(&c.code))), ("weight", &c.weight.to_string())])}</li>
                }).collect_view()}
            </ul>
            <p class="text-sm text-stone-700">{t(k::AWARD_CRITERIA_HINT)}</p>
            <h3 class="mt-3 font-semibold">{t(k::AWARD_TIMELINE)}</h3>
            <ol class="text-sm">
                {history.into_iter().map(|h| view! {
                    <li>{fill(t(k::AWARD_PHASE_SINCE), &[("phase", t(h.phase.label())), ("date", &use_locale().date(h.at))])}</li>
                }).collect_view()}
            </ol>
        </section>
    }
}

fn nominate_section(v: &CycleView, signed_in: bool) -> impl IntoView {
    let f = FormView::new("nominate");
    let options: Vec<(String, String)> = v
        .categories
        .iter()
        .map(|c| {
            (
                c.id.to_string(),
                format!(
                    "{} — {}",
                    t(category_label(&c.code)),
                    t(eligibility_label(c.nominee, c.regional))
                ),
            )
        })
        .collect();
    let made = v.made.clone();
    let listed = v.listed.clone();
    view! {
        <section id="nominate" aria-labelledby="nominate-h" class="mt-6 rounded-lg border border-stone-200 bg-white p-4">
            <h2 id="nominate-h" class="text-xl font-bold">{t(k::AWARD_NOMINATE)}</h2>
            <p class="text-sm text-stone-700">{fill(t(k::AWARD_NOMINATE_LEAD), &[("date", &until_text(v.schedule.nominations_until))])}</p>
            {if signed_in {
                view! {
                    <FormAlert form=f.clone()/>
                    <form method="post" action=Nominate::PATH novalidate class="mt-2">
                        <input type="hidden" name="cycle_id" value=v.id.to_string()/>
                        <SelectField form=f.clone() name="category_id" label=k::AWARD_CATEGORY options=options/>
                        <TextField form=f.clone() name="email" label=k::AWARD_NOMINEE_EMAIL kind="email" hint=k::AWARD_NOMINEE_EMAIL_HINT maxlength=254 required=false/>
                        {(!listed.is_empty()).then(|| view! {
                            <SelectField form=f.clone() name="listed" label=k::AWARD_LISTED hint=k::AWARD_LISTED_HINT options=listed.clone() placeholder=k::AWARD_LISTED_NONE required=false/>
                        })}
                        <TextField form=f.clone() name="org_name" label=k::AWARD_ORG_NAME hint=k::AWARD_ORG_NAME_HINT maxlength=ORG_MAX required=false/>
                        <TextArea form=f.clone() name="reason" label=k::AWARD_REASON hint=k::AWARD_REASON_HINT maxlength=REASON_MAX/>
                        <button type="submit" class=BUTTON_CLASS>{t(k::AWARD_NOMINATE_SUBMIT)}</button>
                    </form>
                    {made_list(&made)}
                }.into_any()
            } else {
                view! { <p class="mt-2"><a class="underline" href="/signin">{t(k::AWARD_SIGN_IN_TO_NOMINATE)}</a></p> }.into_any()
            }}
        </section>
    }
}

/// The nominations the viewer made (the island swaps this in after a nomination).
pub fn made_list(made: &[MyNomination]) -> impl IntoView {
    let made = made.to_vec();
    view! {
        <div data-made class="mt-4">
            <h3 class="font-semibold">{t(k::AWARD_YOUR_NOMINATIONS)}</h3>
            {if made.is_empty() {
                view! { <p class="text-sm text-stone-700">{t(k::AWARD_YOUR_NOMINATIONS_EMPTY)}</p> }.into_any()
            } else {
                view! {
                    <ul class="mt-1 space-y-1 text-sm">
                        {made.into_iter().map(|n| view! {
                            <li data-testid="made">
                                <strong>{crate::ui::readable(&n.nominee_name)}</strong>" · "{t(category_label(&n.category))}" · "{t(status_label(&n.status))}
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </div>
    }
}

fn voter_notice(status: VoterStatus) -> impl IntoView {
    let (key, link) = match status {
        VoterStatus::Allowed => (k::AWARD_VOTE_LEAD, None),
        VoterStatus::SignedOut => (k::AWARD_SIGN_IN_TO_VOTE, Some("/signin")),
        VoterStatus::Unconfirmed => (k::AWARD_CONFIRM_TO_VOTE, Some("/account")),
        VoterStatus::Suspended => (k::ERR_AWARD_SUSPENDED, None),
    };
    view! {
        <p class="mt-6 rounded-md border border-amber-300 bg-amber-50 p-3 text-amber-950" data-testid="voter-notice">
            {match link {
                Some(href) => view! { <a class="underline" href=href>{t(key)}</a> }.into_any(),
                None => view! { {t(key)} }.into_any(),
            }}
        </p>
    }
}

fn categories_section(v: &CycleView, voting: bool) -> impl IntoView {
    view! {
        <h2 class="mt-8 text-xl font-bold">{t(if v.phase.before_voting() { k::AWARD_CATEGORIES } else { k::AWARD_FINALISTS })}</h2>
        <div class="mt-2 space-y-4">
            {v.categories.iter().map(|c| {
                if voting {
                    ballot(v, c).into_any()
                } else {
                    category_list(c, v.voter != VoterStatus::SignedOut).into_any()
                }
            }).collect_view()}
        </div>
    }
}

/// The report form under a nomination others wrote, for anyone signed in; once she has
/// reported it, the words saying so. One about her has its form in her "For you" list.
fn report(signed_in: bool, n: &NominationView) -> Option<AnyView> {
    (signed_in && !n.mine && !n.about_me && crate::safeguard::shown(&n.reason).is_none()).then(
        || {
            crate::moderation::ui::report_form(
                crate::moderation::ItemKind::Nomination,
                n.id,
                n.reported,
            )
        },
    )
}

fn category_list(c: &CategoryView, signed_in: bool) -> impl IntoView {
    let list = c.nominations.clone();
    view! {
        <section id=format!("category-{}", c.id) class="rounded-lg border border-stone-200 bg-white p-4" aria-labelledby=format!("category-{}-h", c.id)>
            <h3 id=format!("category-{}-h", c.id) class="text-lg font-semibold">{t(category_label(&c.code))}</h3>
            <p class="text-sm text-stone-700">{t(eligibility_label(c.nominee, c.regional))}</p>
            {if list.is_empty() {
                view! { <p class="mt-1 text-sm">{t(k::AWARD_NO_NOMINATIONS)}</p> }.into_any()
            } else {
                view! {
                    <ul class="mt-2 space-y-2">
                        {list.into_iter().map(|n| view! {
                            <li data-testid="nomination">
                                <p class="font-medium">{crate::ui::readable(&n.nominee_name)}{n.finalist.then(|| view! { " · "<span class="text-fuchsia-900">{t(k::AWARD_FINALIST)}</span> })}</p>
                                <p class="whitespace-pre-line text-sm">{crate::ui::readable(&n.reason)}</p>
                                {report(signed_in, &n)}
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}

/// One category's ballot: a vote button per finalist (pressed for the viewer's choice), the
/// receipt once she voted. Counts are never shown here. The island swaps it after a vote.
pub fn ballot(v: &CycleView, c: &CategoryView) -> impl IntoView {
    let f = FormView::new(format!("vote-{}", c.id));
    let can_vote = v.voter == VoterStatus::Allowed;
    let signed_in = v.voter != VoterStatus::SignedOut;
    let mine = c.my_vote.clone();
    let chosen = mine.as_ref().map(|m| m.0);
    let category = c.id;
    view! {
        <section id=format!("category-{}", c.id) data-ballot class="rounded-lg border border-stone-200 bg-white p-4" aria-labelledby=format!("category-{}-h", c.id)>
            <h3 id=format!("category-{}-h", c.id) class="text-lg font-semibold">{t(category_label(&c.code))}</h3>
            <FormAlert form=f/>
            <ul class="mt-2 space-y-3">
                {c.nominations.iter().map(|n| {
                    let pressed = chosen == Some(n.id);
                    let label = fill(t(if pressed { k::AWARD_VOTED_FOR } else { k::AWARD_VOTE_FOR }), &[("name", &crate::ui::readable(&n.nominee_name))]);
                    view! {
                        <li class="rounded-md border border-stone-200 p-3" data-testid="finalist">
                            <p class="font-medium">{crate::ui::readable(&n.nominee_name)}</p>
                            <p class="whitespace-pre-line text-sm">{crate::ui::readable(&n.reason)}</p>
                            {can_vote.then(|| view! {
                                <form method="post" action=CastVote::PATH class="mt-2" data-category=category.to_string()>
                                    <input type="hidden" name="cycle_id" value=v.id.to_string()/>
                                    <input type="hidden" name="category_id" value=category.to_string()/>
                                    <input type="hidden" name="nomination_id" value=n.id.to_string()/>
                                    <button type="submit" aria-pressed=if pressed { "true" } else { "false" }
                                        class="inline-flex min-h-11 items-center rounded-md border-2 border-fuchsia-800 px-4 py-2 font-semibold text-fuchsia-900 aria-pressed:bg-fuchsia-800 aria-pressed:text-white">
                                        {label}
                                    </button>
                                </form>
                            })}
                            {report(signed_in, n)}
                        </li>
                    }
                }).collect_view()}
            </ul>
            {mine.map(|(_, receipt)| view! {
                <p class="mt-2 text-sm" data-testid="receipt">
                    {t(k::AWARD_YOUR_RECEIPT)}" "<strong class="font-mono">{receipt.clone()}</strong>" · "
                    <a class="underline" href=format!("/awards/receipt?code={receipt}")>{t(k::AWARD_RECEIPT_SUBMIT)}</a>
                </p>
            })}
        </section>
    }
}

#[component]
pub fn ResultsPage() -> impl IntoView {
    let id = crate::ui::param_id();
    view! {
        <PageTitle key=k::AWARD_RESULTS/>
        <Await future=load_results(id) let:data>
            {match data.clone() {
                Ok(r) => view! {
                    <h1 class="text-2xl font-bold">{fill(t(k::AWARD_RESULTS_OF), &[("name", &r.name)])}</h1>
                    <p class="mt-1 text-stone-700">{fill(t(k::AWARD_PUBLISHED_ON), &[("date", &use_locale().date(r.published_at))])}</p>
                    <p class="mt-1 text-sm">{rule_text(r.rule, r.jury_weight)}</p>
                    <div class="mt-4 space-y-4">
                        {r.categories.into_iter().map(|c| view! {
                            <section class="rounded-lg border border-stone-200 bg-white p-4" data-testid="result-category">
                                <h2 class="text-xl font-bold">{t(category_label(&c.code))}</h2>
                                <ol class="mt-2 space-y-3">
                                    {c.lines.into_iter().map(|l| view! {
                                        <li class=if l.winner { "rounded-md border-2 border-fuchsia-700 bg-fuchsia-50 p-3" } else { "rounded-md border border-stone-200 p-3" }
                                            data-testid=if l.winner { "winner" } else { "finalist" }>
                                            <p class="font-semibold">
                                                {l.winner.then(|| view! { <span class="text-fuchsia-900">{t(k::AWARD_WINNER)}": "</span> })}
                                                {l.nominee_name}
                                                {l.community_choice.then(|| view! { " · "<span class="text-sm text-fuchsia-900">{t(k::AWARD_COMMUNITY_CHOICE)}</span> })}
                                            </p>
                                            <p class="whitespace-pre-line text-sm">{crate::ui::readable(&l.reason)}</p>
                                            <p class="mt-1 text-sm text-stone-700">
                                                {fill(t(k::AWARD_RESULT_LINE), &[
                                                    ("place", &l.place.to_string()),
                                                    ("votes", &l.votes.to_string()),
                                                    ("jury", &l.jury_x100.map(score_text).unwrap_or_else(|| "—".into())),
                                                    ("jurors", &l.jurors.to_string()),
                                                ])}
                                            </p>
                                        </li>
                                    }).collect_view()}
                                </ol>
                            </section>
                        }).collect_view()}
                    </div>
                }.into_any(),
                Err(e) => page_error(e),
            }}
        </Await>
    }
}

// ---- jurors ----

#[component]
pub fn JuryPage() -> impl IntoView {
    view! {
        <PageTitle key=k::AWARD_JURY_TITLE/>
        <h1 class="text-2xl font-bold">{t(k::AWARD_JURY_TITLE)}</h1>
        <p class="mt-1 text-stone-700">{t(k::AWARD_JURY_LEAD)}</p>
        <Await future=load_jury_work() let:data>
            {match data.clone() {
                Ok(list) if list.is_empty() => view! { <p class="mt-4">{t(k::AWARD_JURY_EMPTY)}</p> }.into_any(),
                Ok(list) => list.into_iter().map(jury_category).collect_view().into_any(),
                Err(e) => page_error(e),
            }}
        </Await>
    }
}

fn jury_category(c: JuryCategory) -> impl IntoView {
    let open = c.phase == Phase::Jury;
    let criteria = c.criteria.clone();
    view! {
        <section class="mt-6 rounded-lg border border-stone-200 bg-white p-4" data-testid="jury-category">
            <h2 class="text-xl font-bold">{c.cycle_name.clone()}": "{t(category_label(&c.code))}</h2>
            {(!open).then(|| view! { <p class="text-sm text-amber-900">{t(k::AWARD_JURY_NOT_YET)}</p> })}
            <ul class="mt-2 space-y-4">
                {c.finalists.into_iter().map(|item| {
                    let f = FormView::new(format!("score-{}", item.nomination_id));
                    let criteria = criteria.clone();
                    let state = match (&item.abstained, item.scores.is_empty()) {
                        (Some(r), _) => fill(t(k::AWARD_JURY_ABSTAINED), &[("reason", r)]),
                        (None, false) => t(k::AWARD_JURY_SCORED).to_string(),
                        (None, true) => t(k::AWARD_JURY_TO_SCORE).to_string(),
                    };
                    let nid = item.nomination_id;
                    view! {
                        <li class="rounded-md border border-stone-200 p-3" data-testid="jury-finalist">
                            <h3 class="text-lg font-semibold">{item.nominee_name.clone()}</h3>
                            <p class="whitespace-pre-line text-sm">{crate::ui::readable(&item.reason)}</p>
                            <p class="mt-1 text-sm font-medium" data-testid="jury-state">{state}</p>
                            {open.then(|| view! {
                                <FormAlert form=f.clone()/>
                                <PendingForm action=ScoreFinalist::PATH.to_string() label=t(k::AWARD_JURY_SAVE).to_string() pending=t(k::AWARD_SAVING).to_string()>
                                    <input type="hidden" name="nomination_id" value=nid.to_string()/>
                                    <div class="grid gap-2 sm:grid-cols-3">
                                        {criteria.iter().map(|cr| {
                                            let current = item.scores.iter().find(|(id, _)| *id == cr.id).map(|(_, s)| *s);
                                            let id = format!("score-{nid}-{}", cr.id);
                                            view! {
                                                <div class="mb-2">
                                                    <input type="hidden" name="criteria[]" value=cr.id.to_string()/>
                                                    <label for=id.clone() class="block font-medium">
                                                        {fill(t(k::AWARD_CRITERION_LINE), &[("name", t(criterion_label(&cr.code))), ("weight", &cr.weight.to_string())])}
                                                    </label>
                                                    <select id=id name="scores[]" class="mt-1 block w-full rounded-md border border-stone-400 bg-white px-3 py-2">
                                                        <option value="">{t(k::AWARD_JURY_CHOOSE)}</option>
                                                        {(1..=5).map(|s| view! { <option value=s.to_string() selected=current == Some(s)>{s.to_string()}</option> }).collect_view()}
                                                    </select>
                                                </div>
                                            }
                                        }).collect_view()}
                                    </div>
                                </PendingForm>
                                <details class="mt-2">
                                    <summary class="min-h-11 cursor-pointer py-2 font-medium">{t(k::AWARD_JURY_ABSTAIN)}</summary>
                                    <PendingForm action=ScoreFinalist::PATH.to_string() label=t(k::AWARD_JURY_ABSTAIN_SUBMIT).to_string() pending=t(k::AWARD_SAVING).to_string()
                                        button_class=SECONDARY_BUTTON_CLASS.to_string()>
                                        <input type="hidden" name="nomination_id" value=nid.to_string()/>
                                        <input type="hidden" name="abstain" value="yes"/>
                                        <TextArea form=f.clone() name="reason" label=k::AWARD_JURY_ABSTAIN_REASON maxlength=REASON_MAX/>
                                    </PendingForm>
                                </details>
                            })}
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    }
}
