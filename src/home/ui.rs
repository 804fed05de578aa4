use super::api::load_programme_counts;
use crate::auth::use_viewer;
use crate::i18n::{k, t};
use crate::ui::{ErrorPage, PageTitle};
use leptos::prelude::*;

#[component]
pub fn HomePage(
    /// The next lectures (the learning area's part).
    lectures: fn() -> AnyView,
) -> impl IntoView {
    let signed_in = use_viewer().user.is_some();
    let areas = [
        (k::HOME_MENTORING_TITLE, k::HOME_MENTORING_BODY, "/mentors"),
        (k::HOME_ROADMAPS_TITLE, k::HOME_ROADMAPS_BODY, "/roadmaps"),
        (k::HOME_LECTURES_TITLE, k::HOME_LECTURES_BODY, "/lectures"),
        (k::HOME_AWARDS_TITLE, k::HOME_AWARDS_BODY, "/awards"),
        (
            k::HOME_COMMUNITY_TITLE,
            k::HOME_COMMUNITY_BODY,
            "/community",
        ),
    ];
    view! {
        <PageTitle key=k::NAV_HOME/>
        <section aria-labelledby="home-title">
            <p class="text-sm font-semibold uppercase tracking-wide text-fuchsia-900">{t(k::APP_TAGLINE)}</p>
            <h1 id="home-title" class="mt-1 text-3xl font-bold leading-tight">{t(k::HOME_TITLE)}</h1>
            <p class="mt-3 text-lg text-stone-700">{t(k::HOME_LEAD)}</p>
            {(!signed_in).then(|| view! {
                <div class="mt-5 flex flex-wrap gap-3">
                    <a href="/signup" class="inline-flex min-h-11 items-center rounded-md bg-fuchsia-800 px-5 py-2 font-semibold text-white hover:bg-fuchsia-900">{t(k::HOME_CTA_MENTEE)}</a>
                    <a href="/signup?role=mentor" class="inline-flex min-h-11 items-center rounded-md border-2 border-fuchsia-800 px-5 py-2 font-semibold text-fuchsia-900">{t(k::HOME_CTA_MENTOR)}</a>
                </div>
            })}
        </section>
        <section aria-labelledby="stats-title" class="mt-8">
            <h2 id="stats-title" class="text-xl font-bold">{t(k::HOME_STATS_HEADING)}</h2>
            <Await future=load_programme_counts() let:counts>
                {match *counts {
                    Ok(c) if c.mentees + c.mentors == 0 => view! { <p class="mt-2">{t(k::HOME_STATS_EMPTY)}</p> }.into_any(),
                    Ok(c) => view! {
                        <dl class="mt-3 grid grid-cols-3 gap-2 text-center" data-testid="programme-counts">
                            <Stat value=c.mentees label=k::HOME_STAT_MENTEES/>
                            <Stat value=c.mentors label=k::HOME_STAT_MENTORS/>
                            <Stat value=c.places label=k::HOME_STAT_REGIONS/>
                        </dl>
                    }.into_any(),
                    Err(ref e) => view! { <ErrorPage error=e.clone()/> }.into_any(),
                }}
            </Await>
        </section>
        {lectures()}
        <section aria-labelledby="areas-title" class="mt-8">
            <h2 id="areas-title" class="text-xl font-bold">{t(k::HOME_AREAS_HEADING)}</h2>
            <ul class="mt-3 grid gap-3 sm:grid-cols-2">
                {areas.into_iter().map(|(title, body, href)| view! {
                    <li class="rounded-lg border border-stone-200 bg-white p-4">
                        <h3 class="font-semibold"><a class="underline" href=href>{t(title)}</a></h3>
                        <p class="mt-1 text-stone-700">{t(body)}</p>
                    </li>
                }).collect_view()}
            </ul>
        </section>
    }
}

#[component]
fn Stat(value: i64, label: crate::i18n::Key) -> impl IntoView {
    view! {
        <div class="flex flex-col-reverse rounded-lg bg-white p-3 shadow-sm">
            <dt class="text-sm text-stone-700">{t(label)}</dt>
            <dd class="text-2xl font-bold text-fuchsia-900">{value}</dd>
        </div>
    }
}
