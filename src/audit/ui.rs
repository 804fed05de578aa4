//! `/admin/audit`: the log, newest first, with its filters (action, person, dates), pages and
//! the CSV download of what the filter gives.
use super::api::load_audit;
use super::{utc, Action, Entry, Filter, Target};
use crate::form::Choice;
use crate::i18n::{k, t, use_locale};
use crate::ui::filter::{filter_input, filter_select, page_param, param};
use crate::ui::{page_error, PageTitle};
use leptos::prelude::*;

/// The filter and page the address asks for.
fn filter() -> (Filter, i64) {
    let q = leptos_router::hooks::use_query_map().get_untracked();
    let f = Filter {
        action: param(&q, "action"),
        who: param(&q, "who"),
        from: param(&q, "from"),
        to: param(&q, "to"),
    };
    (f, page_param(&q))
}

#[component]
pub fn AuditPage() -> impl IntoView {
    crate::ui::admin_only(|| {
        let (f, page) = filter();
        let locale = use_locale();
        let csv = crate::ui::query_href("/admin/audit.csv", &f.params(), 1);
        view! {
            <PageTitle key=k::AUDIT_TITLE/>
            <h1 class="text-2xl font-bold">{t(k::AUDIT_TITLE)}</h1>
            <p class="mt-1 text-stone-700">{t(k::AUDIT_LEAD)}</p>
            {filters(&f)}
            <Await future=load_audit(f.clone(), page) let:data>
                {match data.clone() {
                    Ok(p) => {
                        let pages = crate::ui::pages(p.total, super::PAGE_SIZE);
                        view! {
                            <div class="mt-4 flex flex-wrap items-center justify-between gap-2">
                                <p class="text-sm text-stone-700" role="status">{locale.count(k::AUDIT_FOUND, p.total)}</p>
                                <a class="inline-flex min-h-11 items-center font-medium underline" href=csv.clone() download="audit.csv">{t(k::AUDIT_CSV)}</a>
                            </div>
                            {if p.entries.is_empty() {
                                view! { <p class="mt-3">{t(k::AUDIT_NONE)}" "<a class="underline" href="/admin/audit">{t(k::AUDIT_CLEAR)}</a></p> }.into_any()
                            } else {
                                view! { <ol class="mt-3 space-y-2">{p.entries.into_iter().map(entry).collect_view()}</ol> }.into_any()
                            }}
                            {(pages > 1).then(|| crate::ui::pager(page as usize, pages, &|n| crate::ui::query_href("/admin/audit", &f.params(), n)))}
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
        "/admin/audit",
        view! {
            {filter_select("action", k::AUDIT_ACTION, k::AUDIT_ALL_ACTIONS, crate::ui::form::choice_options::<Action>(), &f.action)}
            {filter_input("search", "who", k::AUDIT_WHO, &f.who)}
            {filter_input("date", "from", k::AUDIT_FROM, &f.from)}
            {filter_input("date", "to", k::AUDIT_TO, &f.to)}
        },
    )
}

/// A person as the log names her: her name (or "deleted account") and her id.
fn person(id: Option<i64>, name: Option<String>) -> String {
    match (id, name) {
        (None, _) => t(k::AUDIT_NOBODY).to_string(),
        (Some(id), Some(name)) => format!("{} (#{id})", crate::ui::readable(&name)),
        (Some(id), None) => format!("{} (#{id})", t(k::AUDIT_UNKNOWN_ACCOUNT)),
    }
}

fn entry(e: Entry) -> impl IntoView {
    let action = Action::from_code(&e.action)
        .map(|a| t(a.label()).to_string())
        .unwrap_or_else(|| e.action.clone());
    let target = match (e.target_kind.as_str(), e.target_id) {
        ("account", id) => Some(person(id, e.target_name.clone()).into_any()),
        (kind, Some(id)) => {
            let text = format!("{kind} #{id}");
            Some(match Target::href(kind, id) {
                Some(href) => view! { <a class="underline" href=href>{text}</a> }.into_any(),
                None => text.into_any(),
            })
        }
        _ => None,
    };
    let change = match (e.before.is_empty(), e.after.is_empty()) {
        (true, true) => None,
        (true, false) => Some(e.after.clone()),
        (false, true) => Some(format!("{} →", e.before)),
        (false, false) => Some(format!("{} → {}", e.before, e.after)),
    };
    view! {
        <li class="rounded-lg border border-stone-200 bg-white p-3" data-testid="audit-entry">
            <p class="text-sm text-stone-700"><time datetime=format!("{}Z", utc(e.at))>{utc(e.at)}" UTC"</time>
                {(!e.address.is_empty()).then(|| format!(" · {}", e.address))}</p>
            <p class="mt-1"><span class="font-medium">{person(e.actor_id, e.actor_name.clone())}</span>" · "{action}
                {target.map(|v| view! { " · "{v} })}</p>
            {change.map(|c| view! { <p class="mt-1 break-words text-sm">{c}</p> })}
        </li>
    }
}
