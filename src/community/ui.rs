//! What the community's pages share: the tabs between its four parts, the option lists of its
//! forms, a plain body shown as paragraphs with links, and the badge of something waiting for
//! approval.
use super::{paragraphs, Audience, OrgKind, Piece, Status};
use crate::form::Choice;
use crate::i18n::{k, t};
use leptos::prelude::*;

/// The community's parts, the current one marked.
pub fn tabs(current: &'static str) -> impl IntoView {
    let parts = [
        ("/community", k::COMMUNITY_ORGS),
        ("/community/practices", k::PRACTICE_TITLE),
        ("/community/initiatives", k::INITIATIVE_TITLE),
        ("/community/documents", k::DOCUMENT_TITLE),
    ];
    view! {
        <nav aria-label=t(k::COMMUNITY_TITLE) class="mt-2">
            <ul class="flex flex-wrap gap-x-4 gap-y-1">
                {parts.into_iter().map(|(href, key)| {
                    let here = href == current;
                    view! {
                        <li><a href=href class="inline-flex min-h-11 items-center underline" aria-current=here.then_some("page")>{t(key)}</a></li>
                    }
                }).collect_view()}
            </ul>
        </nav>
    }
}

pub use crate::ui::form::choice_options as options;

pub fn kind_label(code: &str) -> &'static str {
    OrgKind::from_code(code).map(|c| t(c.label())).unwrap_or("")
}

pub fn audience_label(code: &str) -> &'static str {
    Audience::from_code(code)
        .map(|c| t(c.label()))
        .unwrap_or("")
}

/// A plain body as paragraphs, its web addresses as links (opened without this site's
/// referrer or any claim of endorsement).
pub fn body(text: &str) -> impl IntoView {
    paragraphs(text)
        .into_iter()
        .map(|p| {
            let pieces = p
                .into_iter()
                .map(|piece| match piece {
                    Piece::Text(s) => s.to_string().into_any(),
                    Piece::Link(url) => view! {
                        <a class="underline break-all" href=url.to_string() rel="nofollow noopener ugc">{url.to_string()}</a>
                    }
                    .into_any(),
                })
                .collect_view();
            view! { <p class="mt-2 whitespace-pre-line">{pieces}</p> }
        })
        .collect_view()
}

/// "Waiting for approval" or "Not approved: reason", for what is not listed.
pub fn status_badge(status: &str, reason: &str) -> Option<impl IntoView + use<>> {
    let s = Status::from_code(status)?;
    let (class, text) = match s {
        Status::Approved => return None,
        Status::Pending => (
            "bg-amber-100 text-amber-950",
            t(k::COMMUNITY_STATUS_PENDING).to_string(),
        ),
        Status::Rejected => (
            "bg-red-100 text-red-950",
            if reason.is_empty() {
                t(k::COMMUNITY_STATUS_REJECTED).to_string()
            } else {
                format!("{}: {reason}", t(k::COMMUNITY_STATUS_REJECTED))
            },
        ),
    };
    Some(
        view! { <p class=format!("mt-2 rounded px-2 py-1 text-sm font-medium {class}") data-testid="status">{text}</p> },
    )
}

/// The address of an uploaded file.
pub fn file_href(name: &str) -> String {
    format!("/files/{name}")
}

/// A list page's query value `name` (at most 100 characters; "" when absent).
pub fn param(q: &leptos_router::params::ParamsMap, name: &str) -> String {
    q.get(name).unwrap_or_default().chars().take(100).collect()
}

/// A list page's page number from its query (1 when absent or out of range).
pub fn page_param(q: &leptos_router::params::ParamsMap) -> i64 {
    param(q, "page")
        .parse::<i64>()
        .unwrap_or(1)
        .clamp(1, 10_000)
}

/// One of a filter form's selects: "All …" first, then `options`, `chosen` selected.
pub fn filter_select(
    name: &'static str,
    label: crate::i18n::Key,
    all: crate::i18n::Key,
    options: Vec<(String, String)>,
    chosen: &str,
) -> impl IntoView {
    let id = format!("filter-{name}");
    let chosen = chosen.to_string();
    view! {
        <div>
            <label for=id.clone() class="block text-sm font-medium">{t(label)}</label>
            <select id=id name=name class="mt-1 block w-full rounded-md border border-stone-400 bg-white px-3 py-2">
                <option value="">{t(all)}</option>
                {options.into_iter().map(|(v, l)| {
                    let selected = v == chosen;
                    view! { <option value=v selected=selected>{l}</option> }
                }).collect_view()}
            </select>
        </div>
    }
}

/// A list page's filter form: a plain GET form to `action` (works without JavaScript, and the
/// address it leads to can be shared) with the search field and `selects`.
pub fn filter_form(
    action: &'static str,
    search: crate::i18n::Key,
    q: &str,
    selects: impl IntoView,
) -> impl IntoView {
    view! {
        <form method="get" action=action role="search" class="mt-4 grid gap-3 rounded-lg border border-stone-200 bg-white p-4 sm:grid-cols-2">
            <div class="sm:col-span-2">
                <label for="filter-q" class="block text-sm font-medium">{t(search)}</label>
                <input id="filter-q" type="search" name="q" value=q.to_string() maxlength="100" class="mt-1 block w-full rounded-md border border-stone-400 bg-white px-3 py-2"/>
            </div>
            {selects}
            <div class="flex items-end">
                <button type="submit" class=crate::ui::form::BUTTON_CLASS>{t(k::COMMUNITY_SHOW)}</button>
            </div>
        </form>
    }
}
