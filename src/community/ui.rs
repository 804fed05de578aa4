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
