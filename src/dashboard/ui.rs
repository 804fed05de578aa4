//! `/admin/dashboard`: the filters (dates and region, a plain GET form), then every section as
//! a chart with its table and its CSV download.
use super::api::load_dashboard;
use super::{Filter, Section};
use crate::i18n::{k, t};
use crate::ui::chart::BarChart;
use crate::ui::filter::{filter_input, filter_select, param};
use crate::ui::{page_error, PageTitle};
use leptos::prelude::*;

fn filter() -> Filter {
    let q = leptos_router::hooks::use_query_map().get_untracked();
    Filter {
        from: param(&q, "from"),
        to: param(&q, "to"),
        region: param(&q, "region"),
    }
}

#[component]
pub fn DashboardPage() -> impl IntoView {
    crate::ui::admin_only(|| {
        let f = filter();
        let params = f.params();
        let owned: Vec<(&'static str, String)> =
            params.iter().map(|(k, v)| (*k, v.to_string())).collect();
        view! {
            <PageTitle key=k::DASH_TITLE/>
            <h1 class="text-2xl font-bold">{t(k::DASH_TITLE)}</h1>
            <p class="mt-1 text-stone-700">{t(k::DASH_LEAD)}</p>
            {filters(&f)}
            <Await future=load_dashboard(f.clone()) let:data>
                {match data.clone() {
                    Ok(d) => {
                        let owned = owned.clone();
                        view! {
                            <div class="mt-4 space-y-8">
                                {d.sections.into_iter().map(|s| section(s, &owned)).collect_view()}
                            </div>
                        }.into_any()
                    }
                    Err(e) => page_error(e),
                }}
            </Await>
        }
        .into_any()
    })
}

fn filters(f: &Filter) -> impl IntoView {
    crate::ui::filter::filter_fields(
        "/admin/dashboard",
        view! {
            {filter_input("date", "from", k::AUDIT_FROM, &f.from)}
            {filter_input("date", "to", k::AUDIT_TO, &f.to)}
            {filter_select("region", k::FIELD_REGION, k::COMMUNITY_ALL_REGIONS, crate::ui::form::choice_options::<crate::accounts::profiles::Region>(), &f.region)}
        },
    )
}

fn section(s: Section, params: &[(&'static str, String)]) -> impl IntoView {
    let p: Vec<(&str, &str)> = params.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let csv = crate::ui::query_href(&format!("/admin/dashboard/{}.csv", s.id), &p, 1);
    let heading = format!("{}-h", s.id);
    let labelled = heading.clone();
    let id = s.id.clone();
    let empty = s.rows.is_empty();
    view! {
        <section aria-labelledby=labelled data-testid="dashboard-section">
            <h2 id=heading class="text-xl font-bold">{s.title.clone()}</h2>
            {(!s.note.is_empty()).then(|| view! { <p class="mt-1 text-stone-700">{s.note.clone()}</p> })}
            {if empty {
                view! { <p class="mt-2">{t(k::DASH_EMPTY)}</p> }.into_any()
            } else {
                view! { <BarChart id=id.clone() title=s.title.clone() bars=s.bars.clone() head=s.head.clone() rows=s.rows.clone()/> }.into_any()
            }}
            <p class="mt-2"><a class="inline-flex min-h-11 items-center underline" href=csv download=format!("{}.csv", s.id)>{t(k::DASH_CSV)}" ("{s.title.clone()}")"</a></p>
        </section>
    }
}
