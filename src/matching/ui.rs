//! The mentor discovery page. The server renders it in full (a GET form and the first page of
//! results) so it works without JavaScript. With JavaScript, the thin `DiscoverLive` island
//! listens to the filters' changes, calls the typed `discover_results` server function and
//! swaps in the result cards the server renders with the same `results_section` as the page;
//! the island itself renders nothing, which keeps the browser's wasm small.
use super::api::discover_mentors;
use super::island::DiscoverLive;
use super::{DiscoverPage, Filters, MentorCard};
use crate::accounts::profiles::api::load_taxonomy;
use crate::accounts::profiles::{FieldGroup, Language};
use crate::auth::{use_viewer, Role};
use crate::form::Choice;
use crate::i18n::{fill, k, t};
use crate::ui::{page_error, PageTitle};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The result cards and pagination rendered on the server, and how many mentors matched.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct DiscoverFragment {
    pub total: usize,
    pub html: String,
}

#[component]
pub fn MentorsPage() -> impl IntoView {
    let query = leptos_router::hooks::use_query_map();
    let filters = Filters::from_query(|key| query.with_untracked(|q| q.get(key)));
    let is_mentee = use_viewer().user.is_some_and(|u| u.role == Role::Mentee);
    let f = filters.clone();
    let load = async move { (discover_mentors(f).await, load_taxonomy().await) };
    view! {
        <PageTitle key=k::DISCOVER_TITLE/>
        <h1 class="text-2xl font-bold">{t(k::DISCOVER_TITLE)}</h1>
        <Await future=load let:data>
            {match data {
                (Ok(page), Ok(taxonomy)) => {
                    let hint = is_mentee && !page.scored;
                    let text = vec![
                        t(k::DISCOVER_LOADING).to_string(),
                        t(k::DISCOVER_FAILED).to_string(),
                        t(k::DISCOVER_RESULTS).to_string(),
                    ];
                    // built here, from the borrowed answer: the island's children own them
                    let form = filters_view(&filters, taxonomy);
                    let found = fill(t(k::DISCOVER_RESULTS), &[("total", &page.total.to_string())]);
                    let results = results_section(page, &filters);
                    view! {
                        {hint.then(|| view! {
                            <p class="mt-2 rounded-md border border-amber-300 bg-amber-50 p-3 text-amber-950">
                                <a class="underline" href="/profile">{t(k::DISCOVER_PROFILE_HINT)}</a>
                            </p>
                        })}
                        <DiscoverLive text=text>
                            {form}
                            <p role="status" aria-live="polite" class="mt-4 font-medium" data-status>
                                {found}
                            </p>
                            <div data-results>{results}</div>
                        </DiscoverLive>
                    }.into_any()
                }
                (Err(e), _) | (_, Err(e)) => page_error(e.clone()),
            }}
        </Await>
    }
}

/// The filter form. As most visits first see it (nothing chosen yet) it is rendered once per
/// language and kept in [`FilterForms`]: the taxonomy and the labels do not change while the
/// server runs. Any other choice renders it afresh.
fn filters_view(filters: &Filters, taxonomy: &[FieldGroup]) -> AnyView {
    #[cfg(feature = "ssr")]
    if filters.untouched() {
        if let Some(state) = use_context::<crate::state::AppState>() {
            let locale = crate::i18n::use_locale();
            let forms = state.caches.get::<FilterForms>();
            let html =
                forms.0[locale as usize].get_or_init(|| filters_form(filters, taxonomy).to_html());
            return leptos::tachys::html::InertElement::new(html.clone()).into_any();
        }
    }
    filters_form(filters, taxonomy).into_any()
}

/// The untouched filter form's HTML, one per language (indexed by `Locale as usize`).
#[cfg(feature = "ssr")]
#[derive(Default)]
pub struct FilterForms([std::sync::OnceLock<String>; crate::i18n::Locale::ALL.len()]);

const SELECT: &str = "mt-1 block w-full rounded-md border border-stone-400 bg-white px-3 py-2";

/// The filters: a plain GET form (without JavaScript, "Show mentors" loads the page again).
fn filters_form(filters: &Filters, taxonomy: &[FieldGroup]) -> impl IntoView {
    let chosen_lang = filters.language.clone().unwrap_or_default();
    let chosen_scope = filters.scope.clone().unwrap_or_default();
    let (field, skill) = (filters.field, filters.skill);
    view! {
        <form method="get" action="/mentors" class="mt-4 rounded-lg border border-stone-200 bg-white p-4" role="search">
            <h2 class="sr-only">{t(k::DISCOVER_FILTERS)}</h2>
            <div class="grid gap-3 sm:grid-cols-2">
                <div>
                    <label for="f-q" class="block font-medium">{t(k::DISCOVER_SEARCH)}</label>
                    <input id="f-q" name="q" type="search" maxlength="100" value=filters.q.clone() class=SELECT/>
                </div>
                <div>
                    <label for="f-field" class="block font-medium">{t(k::DISCOVER_FIELD)}</label>
                    <select id="f-field" name="field" class=SELECT>
                        <option value="">{t(k::DISCOVER_ANY)}</option>
                        {taxonomy.iter().map(|fg| view! {
                            <option value=fg.id.to_string() selected=field == Some(fg.id)>{fg.name.clone()}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div>
                    <label for="f-skill" class="block font-medium">{t(k::DISCOVER_SKILL)}</label>
                    <select id="f-skill" name="skill" class=SELECT>
                        <option value="">{t(k::DISCOVER_ANY)}</option>
                        {taxonomy.iter().map(|fg| view! {
                            <optgroup label=fg.name.clone()>
                                {fg.skills.iter().map(|s| view! {
                                    <option value=s.id.to_string() selected=skill == Some(s.id)>{s.name.clone()}</option>
                                }).collect_view()}
                            </optgroup>
                        }).collect_view()}
                    </select>
                </div>
                <div>
                    <label for="f-language" class="block font-medium">{t(k::DISCOVER_LANGUAGE)}</label>
                    <select id="f-language" name="language" class=SELECT>
                        <option value="">{t(k::DISCOVER_ANY)}</option>
                        {Language::ALL.iter().map(|l| view! {
                            <option value=l.code() selected=l.code() == chosen_lang>{t(l.label())}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div>
                    <label for="f-scope" class="block font-medium">{t(k::DISCOVER_SCOPE)}</label>
                    <select id="f-scope" name="scope" class=SELECT>
                        <option value="">{t(k::DISCOVER_ANY)}</option>
                        <option value="regional" selected=chosen_scope == "regional">{t(k::DISCOVER_SCOPE_REGIONAL)}</option>
                        <option value="international" selected=chosen_scope == "international">{t(k::DISCOVER_SCOPE_INTERNATIONAL)}</option>
                    </select>
                </div>
                <div class="flex items-center gap-2 self-end">
                    <input id="f-full" name="include_full" type="checkbox" value="1" checked=filters.include_full class="h-5 w-5"/>
                    <label for="f-full">{t(k::DISCOVER_INCLUDE_FULL)}</label>
                </div>
            </div>
            <button type="submit" class="mt-4 inline-flex min-h-11 items-center rounded-md bg-fuchsia-800 px-5 py-2 font-semibold text-white">
                {t(k::DISCOVER_SHOW)}
            </button>
        </form>
    }
}

/// The cards of one page of results and the pagination (the page, and the island's swaps).
pub fn results_section(r: &DiscoverPage, f: &Filters) -> impl IntoView + use<> {
    if r.cards.is_empty() {
        return view! { <p class="mt-2 text-stone-700">{t(k::DISCOVER_NONE)}</p> }.into_any();
    }
    let pages = crate::ui::pager(r.page, r.pages, &|p| format!("/mentors?{}", f.query(p)));
    view! {
        <ul class="mt-2 space-y-3">
            {r.cards.iter().cloned().map(card).collect_view()}
        </ul>
        {pages}
    }
    .into_any()
}

fn card(c: MentorCard) -> impl IntoView {
    let availability = if !c.open {
        t(k::DISCOVER_PAUSED).to_string()
    } else if c.spots_left <= 0 {
        t(k::DISCOVER_FULL).to_string()
    } else {
        fill(
            t(k::DISCOVER_SPOTS),
            &[
                ("left", &c.spots_left.to_string()),
                ("capacity", &c.capacity.to_string()),
            ],
        )
    };
    view! {
        <li class="rounded-lg border border-stone-200 bg-white p-4" data-testid="mentor-card">
            <div class="flex items-start justify-between gap-2">
                <div>
                    <h2 class="text-lg font-semibold"><a class="underline" href=format!("/mentors/{}", c.id)>{c.name}</a></h2>
                    <p class="text-stone-700">{c.title}" · "{c.organisation}</p>
                </div>
                {c.score.map(|s| view! {
                    <p class="shrink-0 rounded-full bg-fuchsia-100 px-3 py-1 text-sm font-bold text-fuchsia-950">
                        {fill(t(k::DISCOVER_FIT), &[("score", &s.to_string())])}
                    </p>
                })}
            </div>
            {(!c.reasons.is_empty()).then(|| view! {
                <p class="mt-1 text-sm text-fuchsia-950">{c.reasons.join(" · ")}</p>
            })}
            <p class="mt-2 text-sm">{c.place}" · "{c.languages}</p>
            <p class="mt-1 text-sm text-stone-700">{c.skills.join(", ")}</p>
            <p class="mt-1 text-sm font-medium">{availability}" · "<span class="font-normal text-stone-700">{c.replies}</span></p>
        </li>
    }
}
