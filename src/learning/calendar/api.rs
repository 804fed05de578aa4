//! Calendar files: `GET /lectures/{id}/calendar.ics` (one lecture, for anyone who can see it:
//! lectures are public; the online link is never in it) and `GET /calendar/{secret}.ics` (her
//! feed: the lectures she registered for and her groups' coming meetings), plus the server
//! functions that make, replace and end her feed's secret address.
use crate::error::AppError;
use leptos::prelude::*;

/// Since when the viewer's feed exists (None: she has none).
#[server(endpoint = "calendar_feed")]
pub async fn load_feed() -> Result<Option<i64>, AppError> {
    use crate::auth::guard::*;
    let cx = guard(Access::SignedIn)?;
    Ok(super::store::since(cx.pool(), cx.me()?.id).await?)
}

/// The site's own address for a server function (see [`site_origin`]).
#[cfg(feature = "ssr")]
fn origin(cx: &crate::auth::guard::Cx) -> String {
    let headers = use_context::<http::request::Parts>()
        .map(|p| p.headers)
        .unwrap_or_default();
    site_origin(&cx.state, &headers, cx.viewer.secure)
}

/// Makes the viewer a new feed address (an old one stops working) and shows it once, in the
/// page's notice.
#[server(endpoint = "renew_calendar_feed")]
pub async fn renew_feed() -> Result<(), AppError> {
    use crate::auth::guard::*;
    use crate::i18n::{k, Msg};
    let cx = guard(Access::SignedIn)?;
    let result = async {
        let me = cx.me()?.id;
        Ok(super::store::renew(cx.pool(), me, crate::db::now()).await?)
    }
    .await;
    let address = |token: &String| format!("{}/calendar/{token}.ics", origin(&cx));
    cx.finish(
        crate::form::FormPost::new("feed", "/lectures"),
        result,
        |token| {
            (
                "/lectures#calendar".into(),
                Some(Msg::new(k::CALENDAR_FEED_NEW).with("address", address(token))),
            )
        },
    )
    .await
    .map(|_| ())
}

/// Ends the viewer's feed.
#[server(endpoint = "revoke_calendar_feed")]
pub async fn revoke_feed() -> Result<(), AppError> {
    use crate::auth::guard::*;
    use crate::i18n::{k, Msg};
    let cx = guard(Access::SignedIn)?;
    let result = async {
        let me = cx.me()?.id;
        Ok(super::store::revoke(cx.pool(), me).await?)
    }
    .await;
    cx.finish(
        crate::form::FormPost::new("feed", "/lectures"),
        result,
        |_| {
            (
                "/lectures#calendar".into(),
                Some(Msg::new(k::CALENDAR_FEED_ENDED)),
            )
        },
    )
    .await
}

/// An event of a lecture, its description in `locale`.
#[cfg(feature = "ssr")]
fn event(
    l: crate::learning::lectures::store::CalendarRow,
    origin: &str,
    locale: crate::i18n::Locale,
) -> super::Event {
    use crate::i18n::k;
    super::Event {
        uid: format!("lecture-{}@stem4all", l.id),
        starts_at: l.starts_at,
        ends_at: crate::learning::lectures::ends_at(l.starts_at, l.minutes),
        description: locale.tf(k::CALENDAR_EVENT_DESCRIPTION, &[("speaker", &l.speaker)]),
        title: l.title,
        url: format!("{origin}/lectures/{}", l.id),
        stamp: l.updated_at,
    }
}

/// The coming meetings of a group, one event each (a calendar program needs no rule to expand,
/// and each lands at its wall-clock time in the group's zone, summer time included).
#[cfg(feature = "ssr")]
fn meeting_events(
    g: crate::learning::groups::store::MeetingRow,
    origin: &str,
    locale: crate::i18n::Locale,
    now: i64,
) -> Vec<super::Event> {
    use crate::learning::groups::{upcoming, FEED_MEETINGS};
    upcoming(
        &g.meeting_frequency,
        g.meeting_first_at,
        &g.meeting_zone,
        now,
        FEED_MEETINGS,
    )
    .into_iter()
    .map(|at| super::Event {
        uid: format!("group-{}-{at}@stem4all", g.id),
        starts_at: at,
        ends_at: at + g.meeting_minutes * 60,
        title: locale.tf(crate::i18n::k::CALENDAR_GROUP_MEETING, &[("name", &g.name)]),
        description: String::new(),
        url: format!("{origin}/groups/{}", g.id),
        stamp: g.updated_at,
    })
    .collect()
}

/// The site's own address (`https://host`): the configured public origin, else the request's
/// host (only when it is a plain host name).
#[cfg(feature = "ssr")]
fn site_origin(state: &crate::state::AppState, headers: &http::HeaderMap, secure: bool) -> String {
    if let Some(o) = &state.config.public_origin {
        return o.trim_end_matches('/').to_string();
    }
    let host = headers
        .get(http::header::HOST)
        .and_then(|h| h.to_str().ok())
        .filter(|h| {
            h.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b".-:[]".contains(&b))
        })
        .unwrap_or("localhost");
    format!("{}://{host}", if secure { "https" } else { "http" })
}

/// A calendar file's response (`private`: a feed is nobody else's to keep).
#[cfg(feature = "ssr")]
fn calendar_response(body: String, file: &str) -> axum::response::Response {
    use axum::http::header;
    use axum::response::IntoResponse;
    (
        [
            (
                header::CONTENT_TYPE,
                "text/calendar; charset=utf-8".to_string(),
            ),
            (header::CACHE_CONTROL, "no-store".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{file}\""),
            ),
        ],
        body,
    )
        .into_response()
}

/// `GET /lectures/{id}/calendar.ics`
#[cfg(feature = "ssr")]
pub async fn lecture_handler(
    axum::extract::State(state): axum::extract::State<crate::state::AppState>,
    axum::extract::Path(id): axum::extract::Path<String>,
    axum::Extension(viewer): axum::Extension<crate::auth::Viewer>,
    headers: http::HeaderMap,
) -> axum::response::Response {
    use crate::auth::middleware::error_response;
    use axum::http::StatusCode;
    let Ok(id) = AppError::id(&id) else {
        return error_response(viewer.locale, StatusCode::NOT_FOUND);
    };
    match crate::learning::lectures::store::calendar_one(&state.pool, id).await {
        Ok(Some(l)) => {
            let origin = site_origin(&state, &headers, viewer.secure);
            let name = l.title.clone();
            let body = super::ics(&name, &[event(l, &origin, viewer.locale)]);
            calendar_response(body, &format!("lecture-{id}.ics"))
        }
        Ok(None) => error_response(viewer.locale, StatusCode::NOT_FOUND),
        Err(e) => {
            tracing::error!(error = %e, "a lecture's calendar failed");
            error_response(viewer.locale, StatusCode::INTERNAL_SERVER_ERROR)
        }
    }
}

/// `GET /calendar/{secret}.ics`: her registered lectures, in her saved language. Anyone with
/// the address reads it (that is what a calendar program does, without her session); an
/// unknown or replaced secret is 404.
#[cfg(feature = "ssr")]
pub async fn feed_handler(
    axum::extract::State(state): axum::extract::State<crate::state::AppState>,
    axum::extract::Path(file): axum::extract::Path<String>,
    axum::Extension(viewer): axum::Extension<crate::auth::Viewer>,
    headers: http::HeaderMap,
) -> axum::response::Response {
    use crate::auth::middleware::error_response;
    use axum::http::StatusCode;
    let token = file.strip_suffix(".ics").unwrap_or(&file);
    if token.is_empty() || token.len() > 64 {
        return error_response(viewer.locale, StatusCode::NOT_FOUND);
    }
    let now = crate::db::now();
    let answer = async {
        let Some((me, locale)) = super::store::owner(&state.pool, token).await? else {
            return Ok(None);
        };
        let lectures =
            crate::learning::lectures::store::calendar_mine(&state.pool, me, now).await?;
        let meetings = crate::learning::groups::store::calendar_mine(&state.pool, me).await?;
        Ok::<_, sqlx::Error>(Some((lectures, meetings, locale)))
    }
    .await;
    match answer {
        Ok(Some((lectures, meetings, locale))) => {
            let locale = crate::i18n::Locale::from_code(&locale).unwrap_or_default();
            let origin = site_origin(&state, &headers, viewer.secure);
            let mut events: Vec<_> = lectures
                .into_iter()
                .map(|l| event(l, &origin, locale))
                .collect();
            for g in meetings {
                events.extend(meeting_events(g, &origin, locale, now));
            }
            let body = super::ics(locale.t(crate::i18n::k::CALENDAR_NAME), &events);
            calendar_response(body, "stem4all.ics")
        }
        Ok(None) => error_response(viewer.locale, StatusCode::NOT_FOUND),
        Err(e) => {
            tracing::error!(error = %e, "a calendar feed failed");
            error_response(viewer.locale, StatusCode::INTERNAL_SERVER_ERROR)
        }
    }
}
