//! Shared pieces of every page: the layout (skip link, header with navigation and language
//! switch, footer), notices, the not-found and error pages, and form parts ([`form`]).
pub mod chart;
#[cfg(feature = "hydrate")]
pub mod dom;
pub mod filter;
pub mod form;

use crate::auth::api::{SetLocale, SignOut};
use crate::auth::use_viewer;
use crate::i18n::{fill, k, t, use_locale, Locale};
use form::PendingForm;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;

/// Renders part of a page on the server (in the request's context: language, viewer) for an
/// island to swap in. The part may hold islands of its own (a report form's `PendingForm`):
/// they need the shared context a page has, which a server function's owner lacks, so the
/// part renders under a root of its own with the request's contexts
/// (`auth::provide_request_contexts`, the request's parts and response options), and the
/// server function's owner is current again afterwards. Islands in a swapped-in part are not
/// hydrated: their forms work as plain posts until the page loads again.
#[cfg(feature = "ssr")]
pub fn render_fragment<V: RenderHtml>(f: impl FnOnce() -> V) -> String {
    let outer = Owner::current();
    let state = use_context::<crate::state::AppState>();
    let viewer = use_context::<crate::auth::Viewer>();
    let parts = use_context::<http::request::Parts>();
    let response = use_context::<leptos_axum::ResponseOptions>();
    let root = Owner::new_root(Some(std::sync::Arc::new(
        hydration_context::SsrSharedContext::new(),
    )));
    let html = root.with(|| {
        if let (Some(state), Some(viewer)) = (state, viewer) {
            crate::auth::provide_request_contexts(state, viewer);
        }
        parts.into_iter().for_each(provide_context);
        response.into_iter().for_each(provide_context);
        f().to_html()
    });
    if let Some(outer) = outer {
        outer.set();
    }
    html
}

/// The path and query of the current request ("/" outside a request).
pub fn current_path() -> String {
    #[cfg(feature = "ssr")]
    {
        use_context::<http::request::Parts>()
            .and_then(|p| p.uri.path_and_query().map(|pq| pq.as_str().to_string()))
            .unwrap_or_else(|| "/".into())
    }
    #[cfg(not(feature = "ssr"))]
    {
        "/".into()
    }
}

/// Sets the HTTP status of the page being rendered.
pub fn set_status(_code: u16) {
    #[cfg(feature = "ssr")]
    if let (Some(res), Ok(code)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        http::StatusCode::from_u16(_code),
    ) {
        res.set_status(code);
    }
}

/// `<title>` as "Page · STEM4ALL Mentoring".
#[component]
pub fn PageTitle(key: crate::i18n::Key) -> impl IntoView {
    let text = format!("{} · {}", t(key), t(k::APP_NAME));
    view! { <Title text=text/> }
}

#[component]
pub fn Layout(children: Children) -> impl IntoView {
    view! {
        <a href="#main" class="print:hidden sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:p-2">
            {t(k::NAV_SKIP)}
        </a>
        <Header/>
        <main id="main" tabindex="-1" class="mx-auto w-full max-w-3xl flex-1 px-4 py-6">
            <Notice/>
            {children()}
        </main>
        <Footer/>
    }
}

fn nav_links() -> impl IntoView {
    let viewer = use_viewer();
    let link =
        "block rounded px-3 py-2 font-medium text-stone-800 underline-offset-4 hover:underline";
    view! {
        <ul class="flex flex-col gap-1 md:flex-row md:items-center">
            <li><a class=link href="/">{t(k::NAV_HOME)}</a></li>
            <li><a class=link href="/lectures">{t(k::NAV_LECTURES)}</a></li>
            <li><a class=link href="/awards">{t(k::NAV_AWARD)}</a></li>
            <li><a class=link href="/community">{t(k::NAV_COMMUNITY)}</a></li>
            {match viewer.user {
                Some(ref u) => view! {
                    <li><a class=link href="/mentors">{t(k::NAV_MENTORS)}</a></li>
                    {matches!(u.role, crate::auth::Role::Mentor | crate::auth::Role::Mentee).then(|| view! {
                        <li><a class=link href="/requests">{t(k::NAV_REQUESTS)}</a></li>
                        <li><a class=link href="/mentorships">{t(k::NAV_MENTORSHIPS)}</a></li>
                        <li><a class=link href="/roadmaps">{t(k::NAV_ROADMAPS)}</a></li>
                        <li><a class=link href="/groups">{t(k::NAV_GROUPS)}</a></li>
                    })}
                    {(u.role == crate::auth::Role::Jury).then(|| view! {
                        <li><a class=link href="/jury">{t(k::NAV_JURY)}</a></li>
                    })}
                    <li>
                        <a class=link href="/notifications">
                            {t(k::NAV_NOTIFICATIONS)}
                            {(viewer.unread > 0).then(|| view! {
                                " "<span class="rounded-full bg-fuchsia-800 px-2 py-0.5 text-sm text-white" data-testid="unread">
                                    <span aria-hidden="true">{viewer.unread}</span>
                                    <span class="sr-only">{fill(t(k::NAV_UNREAD), &[("n", &viewer.unread.to_string())])}</span>
                                </span>
                            })}
                        </a>
                    </li>
                    <li><a class=link href="/account">{t(k::NAV_ACCOUNT)}</a></li>
                }.into_any(),
                None => view! {
                    <li><a class=link href="/signin">{t(k::NAV_SIGN_IN)}</a></li>
                    <li><a class=link href="/signup">{t(k::NAV_SIGN_UP)}</a></li>
                }.into_any(),
            }}
        </ul>
    }
}

#[component]
fn Header() -> impl IntoView {
    view! {
        <header class="border-b border-stone-200 bg-white print:hidden">
            <div class="mx-auto flex max-w-3xl flex-wrap items-center justify-between gap-2 px-4 py-3">
                <a href="/" class="text-lg font-bold text-fuchsia-900">{t(k::APP_NAME)}</a>
                <nav aria-label=t(k::NAV_MAIN) class="hidden md:block">{nav_links()}</nav>
                <details class="md:hidden">
                    <summary class="min-h-11 cursor-pointer rounded border border-stone-300 px-3 py-2 font-medium">
                        {t(k::NAV_MENU)}
                    </summary>
                    <nav aria-label=t(k::NAV_MAIN) class="pt-2">{nav_links()}</nav>
                </details>
            </div>
            <LanguageSwitch/>
        </header>
    }
}

/// Three buttons, one per language; a plain form, so it works without JavaScript.
#[component]
fn LanguageSwitch() -> impl IntoView {
    let current = use_locale();
    view! {
        <form method="post" action=SetLocale::PATH class="mx-auto flex max-w-3xl items-center gap-2 px-4 pb-2 text-sm">
            <input type="hidden" name="back" value=current_path()/>
            <span id="lang-label" class="text-stone-700">{t(k::LANG_LABEL)}":"</span>
            <div role="group" aria-labelledby="lang-label" class="flex gap-1">
                {Locale::ALL.into_iter().map(|loc| {
                    let active = loc == current;
                    view! {
                        <button
                            type="submit"
                            name="locale"
                            value=loc.code()
                            lang=loc.code()
                            aria-pressed=if active { "true" } else { "false" }
                            class=if active {
                                "min-h-11 rounded px-2 font-semibold text-fuchsia-900 underline"
                            } else {
                                "min-h-11 rounded px-2 text-stone-800 hover:underline"
                            }
                        >
                            {loc.t(language_name(loc))}
                        </button>
                    }
                }).collect_view()}
            </div>
        </form>
    }
}

fn language_name(loc: Locale) -> crate::i18n::Key {
    match loc {
        Locale::Ky => k::LANG_KY,
        Locale::Ru => k::LANG_RU,
        Locale::En => k::LANG_EN,
    }
}

#[component]
fn Footer() -> impl IntoView {
    view! {
        <footer class="mt-8 border-t border-stone-200 bg-white print:hidden">
            <div class="mx-auto max-w-3xl space-y-2 px-4 py-6 text-sm text-stone-700">
                <p>{t(k::FOOTER_ABOUT)}</p>
                <p class="font-medium">{t(k::FOOTER_STAT)}</p>
                <p>{t(k::FOOTER_PRIVACY)}</p>
            </div>
        </footer>
    }
}

/// A one-time notice carried by the flash cookie ("You have signed out.").
#[component]
fn Notice() -> impl IntoView {
    let locale = use_locale();
    use_context::<crate::form::Flash>().and_then(|f| f.notice).map(|n| {
        view! {
            <p role="status" class="mb-4 rounded-md border border-emerald-300 bg-emerald-50 p-3 text-emerald-900">
                {n.render(locale)}
            </p>
        }
    })
}

/// The sign-out button (a POST, so a link prefetch can never sign anyone out).
#[component]
pub fn SignOutButton() -> impl IntoView {
    view! {
        <PendingForm
            action=SignOut::PATH.to_string()
            label=t(k::ACCOUNT_SIGN_OUT).to_string()
            pending=t(k::ACCOUNT_SIGN_OUT_PENDING).to_string()
        >
            ""
        </PendingForm>
    }
}

#[component]
pub fn NotFound() -> impl IntoView {
    set_status(404);
    view! {
        <PageTitle key=k::ERR_NOT_FOUND_TITLE/>
        <h1 class="text-2xl font-bold">{t(k::ERR_NOT_FOUND_TITLE)}</h1>
        <p class="mt-2">{t(k::ERR_NOT_FOUND_BODY)}</p>
        <p class="mt-4"><a class="font-medium text-fuchsia-900 underline" href="/">{t(k::ERR_GO_HOME)}</a></p>
    }
}

/// An administrators' page: its content for an administrator; for anyone else what its server
/// functions answer them — the sign-in page when signed out, else the 404 page — so the page's
/// forms are never shown to someone who may not use them.
pub fn admin_only(content: impl FnOnce() -> AnyView) -> AnyView {
    match crate::auth::use_viewer().user {
        Some(u) if u.role == crate::auth::Role::Admin => content(),
        Some(_) => page_error(crate::error::AppError::NotFound),
        None => page_error(crate::error::AppError::SignInNeeded),
    }
}

/// How many pages `total` things make at `per` a page (at least one).
pub fn pages(total: i64, per: i64) -> usize {
    ((total.max(0) + per - 1) / per.max(1)).max(1) as usize
}

/// Page `page` of `pages`, with links to the pages before and after (`href` makes a page's
/// address); the position in words is also the navigation's name.
pub fn pager(page: usize, pages: usize, href: &dyn Fn(usize) -> String) -> impl IntoView + use<> {
    let position = fill(
        t(k::DISCOVER_PAGE_OF),
        &[("page", &page.to_string()), ("pages", &pages.to_string())],
    );
    let prev = (page > 1).then(|| href(page - 1));
    let next = (page < pages).then(|| href(page + 1));
    let label = position.clone();
    view! {
        <nav class="mt-4 flex items-center justify-between" aria-label=label>
            {prev.map(|to| view! { <a class="underline" rel="prev" href=to>{t(k::DISCOVER_PREV)}</a> })}
            <span class="text-sm text-stone-700">{position}</span>
            {next.map(|to| view! { <a class="underline" rel="next" href=to>{t(k::DISCOVER_NEXT)}</a> })}
        </nav>
    }
}

/// The page's `:id` parameter (0, which names nothing, when it is not a number).
pub fn param_id() -> i64 {
    leptos_router::hooks::use_params_map()
        .with_untracked(|p| p.get("id").and_then(|v| v.parse::<i64>().ok()).unwrap_or(0))
}

/// What a page shows for a failed load: the sign-in page for a signed-out visitor, else the
/// translated error page.
pub fn page_error(error: crate::error::AppError) -> AnyView {
    match error {
        crate::error::AppError::SignInNeeded => {
            view! { <leptos_router::components::Redirect path="/signin"/> }.into_any()
        }
        e => view! { <ErrorPage error=e/> }.into_any(),
    }
}

/// What a page shows when loading its data failed: a translated message, no internals.
#[component]
pub fn ErrorPage(error: crate::error::AppError) -> impl IntoView {
    if matches!(error, crate::error::AppError::NotFound) {
        return view! { <NotFound/> }.into_any();
    }
    set_status(error.status());
    let locale = use_locale();
    let messages = error.messages();
    view! {
        <PageTitle key=k::ERR_SERVER_TITLE/>
        <h1 class="text-2xl font-bold">{t(k::ERR_SERVER_TITLE)}</h1>
        {messages.into_iter().map(|m| view! { <p class="mt-2">{m.msg.render(locale)}</p> }).collect_view()}
        <p class="mt-4"><a class="font-medium text-fuchsia-900 underline" href="/">{t(k::ERR_GO_HOME)}</a></p>
    }
    .into_any()
}

/// A text one person wrote for another, as it may be shown: itself, or, when it is held for a
/// safety check or was removed (`crate::safeguard::shown`), the notice in its place in the
/// reader's language. Every page that shows such a text goes through here.
pub fn readable(text: &str) -> String {
    crate::safeguard::readable(crate::i18n::use_locale(), text).to_string()
}

/// `value` percent-encoded for a query string (what a link with a search or filter carries);
/// letters, digits and `-_.~` stay as they are.
pub fn url_encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for b in value.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A link to `base` with the non-empty `params` and, past the first, the page: what a paged
/// list's filters carry from page to page.
pub fn query_href(base: &str, params: &[(&str, &str)], page: usize) -> String {
    let mut parts: Vec<String> = params
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| format!("{k}={}", url_encode(v)))
        .collect();
    if page > 1 {
        parts.push(format!("page={page}"));
    }
    match parts.is_empty() {
        true => base.to_string(),
        false => format!("{base}?{}", parts.join("&")),
    }
}

#[cfg(test)]
mod url_tests {
    #[test]
    fn query_values_are_encoded() {
        assert_eq!(
            super::url_encode("Нарын & co"),
            "%D0%9D%D0%B0%D1%80%D1%8B%D0%BD%20%26%20co"
        );
        assert_eq!(super::url_encode("a-b_c.d~"), "a-b_c.d~");
        assert_eq!(
            super::query_href("/c", &[("q", "a b"), ("kind", "")], 1),
            "/c?q=a%20b"
        );
        assert_eq!(super::query_href("/c", &[("q", "")], 2), "/c?page=2");
        assert_eq!(super::query_href("/c", &[], 1), "/c");
    }
}
