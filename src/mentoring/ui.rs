//! The mentor discovery page. The server renders it in full (a GET form and the first page of
//! results) so it works without JavaScript; the `Discover` island re-queries the typed server
//! function as filters change. Every string reaches the island as a prop, already translated.
use super::api::discover_mentors;
use super::{DiscoverPage, Filters, MentorCard};
use crate::accounts::profiles::api::load_taxonomy;
use crate::accounts::profiles::{Choice, FieldGroup, Language};
use crate::auth::{use_viewer, Role};
use crate::i18n::{fill, k, t};
use crate::ui::{page_error, PageTitle};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// Every text the island shows, in the reader's language.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DiscoverText {
    pub filters: String,
    pub field: String,
    pub skill: String,
    pub any: String,
    pub language: String,
    pub scope: String,
    pub scope_regional: String,
    pub scope_international: String,
    pub include_full: String,
    pub search: String,
    pub show: String,
    pub loading: String,
    pub results: String,
    pub none: String,
    pub fit: String,
    pub spots: String,
    pub full: String,
    pub paused: String,
    pub prev: String,
    pub next: String,
    pub page_of: String,
    pub failed: String,
    pub profile_hint: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DiscoverOptions {
    pub taxonomy: Vec<FieldGroup>,
    pub languages: Vec<(String, String)>,
}

fn text() -> DiscoverText {
    let s = |key| t(key).to_string();
    DiscoverText {
        filters: s(k::DISCOVER_FILTERS),
        field: s(k::DISCOVER_FIELD),
        skill: s(k::DISCOVER_SKILL),
        any: s(k::DISCOVER_ANY),
        language: s(k::DISCOVER_LANGUAGE),
        scope: s(k::DISCOVER_SCOPE),
        scope_regional: s(k::DISCOVER_SCOPE_REGIONAL),
        scope_international: s(k::DISCOVER_SCOPE_INTERNATIONAL),
        include_full: s(k::DISCOVER_INCLUDE_FULL),
        search: s(k::DISCOVER_SEARCH),
        show: s(k::DISCOVER_SHOW),
        loading: s(k::DISCOVER_LOADING),
        results: s(k::DISCOVER_RESULTS),
        none: s(k::DISCOVER_NONE),
        fit: s(k::DISCOVER_FIT),
        spots: s(k::DISCOVER_SPOTS),
        full: s(k::DISCOVER_FULL),
        paused: s(k::DISCOVER_PAUSED),
        prev: s(k::DISCOVER_PREV),
        next: s(k::DISCOVER_NEXT),
        page_of: s(k::DISCOVER_PAGE_OF),
        failed: s(k::DISCOVER_FAILED),
        profile_hint: s(k::DISCOVER_PROFILE_HINT),
    }
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
            {match data.clone() {
                (Ok(page), Ok(taxonomy)) => {
                    let options = DiscoverOptions {
                        taxonomy,
                        languages: Language::ALL.iter().map(|l| (l.code().to_string(), t(l.label()).to_string())).collect(),
                    };
                    let hint = is_mentee && !page.scored;
                    view! { <Discover initial=page filters=filters.clone() text=text() options=options profile_hint=hint/> }.into_any()
                }
                (Err(e), _) | (_, Err(e)) => page_error(e),
            }}
        </Await>
    }
}

const SELECT: &str = "mt-1 block w-full rounded-md border border-stone-400 bg-white px-3 py-2";

#[island]
pub fn Discover(
    initial: DiscoverPage,
    filters: Filters,
    text: DiscoverText,
    options: DiscoverOptions,
    profile_hint: bool,
) -> impl IntoView {
    let text = StoredValue::new(text);
    let current = RwSignal::new(filters.clone());
    let results = RwSignal::new(initial);
    let loading = RwSignal::new(false);
    let failed = RwSignal::new(false);
    let refresh = move || {
        current.update(|f| f.page = 1);
        let f = current.get_untracked();
        loading.set(true);
        leptos::task::spawn_local(async move {
            match discover_mentors(f).await {
                Ok(p) => {
                    results.set(p);
                    failed.set(false);
                }
                Err(_) => failed.set(true),
            }
            loading.set(false);
        });
    };
    let tx = move |f: fn(&DiscoverText) -> &String| text.with_value(|t| f(t).clone());
    let chosen_lang = filters.language.clone().unwrap_or_default();
    let chosen_scope = filters.scope.clone().unwrap_or_default();
    view! {
        {profile_hint.then(|| view! {
            <p class="mt-2 rounded-md border border-amber-300 bg-amber-50 p-3 text-amber-950">
                <a class="underline" href="/profile">{tx(|t| &t.profile_hint)}</a>
            </p>
        })}
        <form method="get" action="/mentors" class="mt-4 rounded-lg border border-stone-200 bg-white p-4" role="search">
            <h2 class="sr-only">{tx(|t| &t.filters)}</h2>
            <div class="grid gap-3 sm:grid-cols-2">
                <div>
                    <label for="f-q" class="block font-medium">{tx(|t| &t.search)}</label>
                    <input id="f-q" name="q" type="search" maxlength="100" value=filters.q.clone() class=SELECT
                        on:change=move |ev| { current.update(|f| f.q = event_target_value(&ev)); refresh(); }/>
                </div>
                <div>
                    <label for="f-field" class="block font-medium">{tx(|t| &t.field)}</label>
                    <select id="f-field" name="field" class=SELECT
                        on:change=move |ev| { current.update(|f| f.field = event_target_value(&ev).parse().ok()); refresh(); }>
                        <option value="">{tx(|t| &t.any)}</option>
                        {options.taxonomy.iter().map(|fg| view! {
                            <option value=fg.id.to_string() selected=filters.field == Some(fg.id)>{fg.name.clone()}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div>
                    <label for="f-skill" class="block font-medium">{tx(|t| &t.skill)}</label>
                    <select id="f-skill" name="skill" class=SELECT
                        on:change=move |ev| { current.update(|f| f.skill = event_target_value(&ev).parse().ok()); refresh(); }>
                        <option value="">{tx(|t| &t.any)}</option>
                        {options.taxonomy.iter().map(|fg| view! {
                            <optgroup label=fg.name.clone()>
                                {fg.skills.iter().map(|s| view! {
                                    <option value=s.id.to_string() selected=filters.skill == Some(s.id)>{s.name.clone()}</option>
                                }).collect_view()}
                            </optgroup>
                        }).collect_view()}
                    </select>
                </div>
                <div>
                    <label for="f-language" class="block font-medium">{tx(|t| &t.language)}</label>
                    <select id="f-language" name="language" class=SELECT
                        on:change=move |ev| { current.update(|f| f.language = Some(event_target_value(&ev)).filter(|v| !v.is_empty())); refresh(); }>
                        <option value="">{tx(|t| &t.any)}</option>
                        {options.languages.iter().map(|(code, name)| view! {
                            <option value=code.clone() selected=*code == chosen_lang>{name.clone()}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div>
                    <label for="f-scope" class="block font-medium">{tx(|t| &t.scope)}</label>
                    <select id="f-scope" name="scope" class=SELECT
                        on:change=move |ev| { current.update(|f| f.scope = Some(event_target_value(&ev)).filter(|v| !v.is_empty())); refresh(); }>
                        <option value="">{tx(|t| &t.any)}</option>
                        <option value="regional" selected=chosen_scope == "regional">{tx(|t| &t.scope_regional)}</option>
                        <option value="international" selected=chosen_scope == "international">{tx(|t| &t.scope_international)}</option>
                    </select>
                </div>
                <div class="flex items-center gap-2 self-end">
                    <input id="f-full" name="include_full" type="checkbox" value="1" checked=filters.include_full class="h-5 w-5"
                        on:change=move |ev| { current.update(|f| f.include_full = event_target_checked(&ev)); refresh(); }/>
                    <label for="f-full">{tx(|t| &t.include_full)}</label>
                </div>
            </div>
            <button type="submit" class="mt-4 inline-flex min-h-11 items-center rounded-md bg-fuchsia-800 px-5 py-2 font-semibold text-white">
                {tx(|t| &t.show)}
            </button>
        </form>
        <p role="status" aria-live="polite" class="mt-4 font-medium">
            {move || {
                if loading.get() {
                    tx(|t| &t.loading)
                } else if failed.get() {
                    tx(|t| &t.failed)
                } else {
                    fill(&tx(|t| &t.results), &[("total", &results.with(|r| r.total).to_string())])
                }
            }}
        </p>
        {move || results.with(|r| {
            if r.cards.is_empty() {
                return view! { <p class="mt-2 text-stone-700">{tx(|t| &t.none)}</p> }.into_any();
            }
            let cards = r.cards.clone();
            let (page, pages) = (r.page, r.pages);
            let f = current.get_untracked();
            // the page's position, with the numbers filled in (also the navigation's name)
            let position = fill(&tx(|t| &t.page_of), &[("page", &page.to_string()), ("pages", &pages.to_string())]);
            let nav_label = position.clone();
            view! {
                <ul class="mt-2 space-y-3">
                    {cards.into_iter().map(|c| card(c, text)).collect_view()}
                </ul>
                <nav class="mt-4 flex items-center justify-between" aria-label=nav_label>
                    {(page > 1).then(|| view! { <a class="underline" rel="prev" href=format!("/mentors?{}", f.query(page - 1))>{tx(|t| &t.prev)}</a> })}
                    <span class="text-sm text-stone-700">{position}</span>
                    {(page < pages).then(|| view! { <a class="underline" rel="next" href=format!("/mentors?{}", f.query(page + 1))>{tx(|t| &t.next)}</a> })}
                </nav>
            }.into_any()
        })}
    }
}

fn card(c: MentorCard, text: StoredValue<DiscoverText>) -> impl IntoView {
    let tx = move |f: fn(&DiscoverText) -> &String| text.with_value(|t| f(t).clone());
    let availability = if !c.open {
        tx(|t| &t.paused)
    } else if c.spots_left <= 0 {
        tx(|t| &t.full)
    } else {
        fill(
            &tx(|t| &t.spots),
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
                    <h2 class="text-lg font-semibold"><a class="underline" href=format!("/mentors/{}", c.id)>{c.name.clone()}</a></h2>
                    <p class="text-stone-700">{c.title.clone()}" · "{c.organisation.clone()}</p>
                </div>
                {c.score.map(|s| view! {
                    <p class="shrink-0 rounded-full bg-fuchsia-100 px-3 py-1 text-sm font-bold text-fuchsia-950">
                        {fill(&tx(|t| &t.fit), &[("score", &s.to_string())])}
                    </p>
                })}
            </div>
            {(!c.reasons.is_empty()).then(|| view! {
                <p class="mt-1 text-sm text-fuchsia-950">{c.reasons.join(" · ")}</p>
            })}
            <p class="mt-2 text-sm">{c.place.clone()}" · "{c.languages.clone()}</p>
            <p class="mt-1 text-sm text-stone-700">{c.skills.join(", ")}</p>
            <p class="mt-1 text-sm font-medium">{availability}" · "<span class="font-normal text-stone-700">{c.replies.clone()}</span></p>
        </li>
    }
}
