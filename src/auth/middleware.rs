//! Per-request middleware: who is asking (session, language, address), the cross-site
//! forgery check on every state-changing request, and the request log.
use super::{store, Viewer, LOCALE_COOKIE, SESSION_COOKIE};
use crate::i18n::{k, Locale};
use crate::state::AppState;
use axum::{
    body::Body,
    extract::{ConnectInfo, State},
    http::{header, HeaderMap, Method, Request, StatusCode},
    middleware::Next,
    response::{Html, IntoResponse, Response},
};
use std::net::SocketAddr;

/// The value of one cookie in a request.
pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(n, _)| *n == name)
        .map(|(_, v)| v)
}

/// Language: the switcher's cookie, else Accept-Language, else English.
pub fn locale_of(headers: &HeaderMap) -> Locale {
    cookie(headers, LOCALE_COOKIE)
        .and_then(Locale::from_code)
        .or_else(|| {
            headers
                .get(header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .and_then(Locale::from_accept_language)
        })
        .unwrap_or_default()
}

/// The client's address as the one trusted proxy in front saw it: the last entry of the last
/// `X-Forwarded-For` (the proxy appends it; everything before it the client may have written).
/// Anything but an IP address is ignored.
pub fn forwarded_for(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all("x-forwarded-for")
        .iter()
        .next_back()
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.rsplit(',').next())
        .and_then(|s| s.trim().parse::<std::net::IpAddr>().ok())
        .map(client_key)
}

/// The address as the limits count it: an IPv4 address (also written as IPv6-mapped), or an
/// IPv6 /64 (one household or phone holds a whole /64).
pub fn client_key(ip: std::net::IpAddr) -> String {
    match ip.to_canonical() {
        std::net::IpAddr::V6(v6) => {
            let s = v6.segments();
            format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
        }
        v4 => v4.to_string(),
    }
}

pub async fn resolve_viewer(
    State(state): State<AppState>,
    mut req: Request<Body>,
    next: Next,
) -> Response {
    let headers = req.headers();
    let mut viewer = Viewer {
        locale: locale_of(headers),
        ..Viewer::default()
    };
    viewer.secure = state.config.https()
        || (state.config.trust_proxy
            && headers
                .get("x-forwarded-proto")
                .and_then(|v| v.to_str().ok())
                == Some("https"));
    viewer.ip = if state.config.trust_proxy {
        forwarded_for(headers)
    } else {
        None
    }
    .or_else(|| {
        req.extensions()
            .get::<ConnectInfo<SocketAddr>>()
            .map(|c| client_key(c.0.ip()))
    });
    if let Some(token) = cookie(headers, SESSION_COOKIE).filter(|t| !t.is_empty() && t.len() <= 64)
    {
        let id = store::hash_token(token);
        let memo = state.caches.get::<store::SessionMemo>();
        match store::session_viewer(&state.pool, &memo, &id, crate::db::now()).await {
            Ok(Some((user, unread))) => {
                viewer.unread = unread;
                viewer.user = Some(user);
                viewer.session_id = Some(id);
            }
            Ok(None) => {}
            Err(e) => tracing::error!(error = %e, "session lookup failed"),
        }
    }
    req.extensions_mut().insert(viewer);
    next.run(req).await
}

/// Whether a state-changing request comes from this site: its Origin (or, failing that, its
/// Referer) must be the configured public origin, or this request's own host.
pub fn same_origin(headers: &HeaderMap, public_origin: Option<&str>) -> bool {
    let claimed = headers
        .get(header::ORIGIN)
        .and_then(|v| v.to_str().ok())
        .filter(|o| *o != "null")
        .map(str::to_string)
        .or_else(|| {
            let referer = headers.get(header::REFERER)?.to_str().ok()?;
            let (scheme, rest) = referer.split_once("://")?;
            let host = rest.split(['/', '?', '#']).next()?;
            Some(format!("{scheme}://{host}"))
        });
    let Some(claimed) = claimed else { return false };
    match public_origin {
        Some(origin) => claimed == origin,
        None => {
            let Some(host) = headers.get(header::HOST).and_then(|v| v.to_str().ok()) else {
                return false;
            };
            claimed == format!("http://{host}") || claimed == format!("https://{host}")
        }
    }
}

/// How many state-changing requests one client may make: a bucket of `burst` that refills
/// `per_second`.
#[derive(Clone, Copy, Debug)]
pub struct WriteRate {
    pub burst: f64,
    pub per_second: f64,
}

/// A signed-in person (counted by account, so a school's shared address does not pool its
/// pupils): 60 at once, then one a second.
pub const SIGNED_IN_WRITES: WriteRate = WriteRate {
    burst: 60.0,
    per_second: 1.0,
};
/// Anyone not signed in (counted by address: sign-in and sign-up forms, the language switch):
/// 120 at once, then two a second.
pub const ANONYMOUS_WRITES: WriteRate = WriteRate {
    burst: 120.0,
    per_second: 2.0,
};

/// Token buckets of state-changing requests per client, in memory (a flood meets a limit
/// before any database work; the sign-in and sign-up limits in the database hold across
/// servers). Buckets full again are dropped when the map grows.
#[derive(Default)]
pub struct WriteLimiter {
    buckets: std::sync::Mutex<std::collections::HashMap<String, (f64, std::time::Instant)>>,
}

impl WriteLimiter {
    /// Takes one request from `key`'s bucket; false when it is empty.
    pub fn take(&self, key: &str, rate: WriteRate, now: std::time::Instant) -> bool {
        let mut buckets = self.buckets.lock().unwrap_or_else(|e| e.into_inner());
        if buckets.len() > 50_000 {
            let full = rate.burst / rate.per_second;
            buckets.retain(|_, (_, at)| now.duration_since(*at).as_secs_f64() < full);
        }
        let (tokens, at) = buckets.entry(key.to_string()).or_insert((rate.burst, now));
        let refill = now.duration_since(*at).as_secs_f64() * rate.per_second;
        *tokens = (*tokens + refill).min(rate.burst);
        *at = now;
        if *tokens >= 1.0 {
            *tokens -= 1.0;
            true
        } else {
            false
        }
    }
}

/// Every state-changing request counts against its client's [`WriteLimiter`] bucket (by
/// account when signed in, else by address); an empty bucket is a 429 with `Retry-After`,
/// before any handler runs.
pub async fn limit_writes(
    State(state): State<AppState>,
    req: Request<Body>,
    next: Next,
) -> Response {
    if !state.config.limit_writes
        || matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS)
    {
        return next.run(req).await;
    }
    let viewer = req
        .extensions()
        .get::<Viewer>()
        .cloned()
        .unwrap_or_default();
    let (key, rate) = match &viewer.user {
        Some(u) => (format!("a:{}", u.id), SIGNED_IN_WRITES),
        None => (format!("i:{}", viewer.address()), ANONYMOUS_WRITES),
    };
    let limiter = state.caches.get::<WriteLimiter>();
    if limiter.take(&key, rate, std::time::Instant::now()) {
        return next.run(req).await;
    }
    tracing::warn!(throttled = true, path = %req.uri().path(), "too many state-changing requests");
    let mut res = if req.uri().path().starts_with("/api/") {
        // what a server function's caller decodes: the same error as any other refusal
        let body = serde_json::to_string(&crate::error::AppError::Throttled { minutes: 1 })
            .unwrap_or_default();
        (
            StatusCode::TOO_MANY_REQUESTS,
            [(header::CONTENT_TYPE, "application/json")],
            body,
        )
            .into_response()
    } else {
        (
            StatusCode::TOO_MANY_REQUESTS,
            Html(simple_page(
                viewer.locale,
                k::ERR_TOO_MANY_TITLE,
                k::ERR_TOO_MANY_BODY,
            )),
        )
            .into_response()
    };
    res.headers_mut().insert(
        header::RETRY_AFTER,
        axum::http::HeaderValue::from_static("60"),
    );
    res
}

pub async fn check_origin(
    State(state): State<AppState>,
    req: Request<Body>,
    next: Next,
) -> Response {
    let safe = matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    if safe || same_origin(req.headers(), state.config.public_origin.as_deref()) {
        return next.run(req).await;
    }
    tracing::warn!(path = %req.uri().path(), "refused a state-changing request from a foreign origin");
    let locale = req
        .extensions()
        .get::<Viewer>()
        .map(|v| v.locale)
        .unwrap_or_default();
    (
        StatusCode::FORBIDDEN,
        Html(simple_page(
            locale,
            k::ERR_FORBIDDEN_ORIGIN_TITLE,
            k::ERR_FORBIDDEN_ORIGIN,
        )),
    )
        .into_response()
}

/// A handler's "not found" (404) or "something went wrong" (500, any other status) page.
pub fn error_response(locale: Locale, status: StatusCode) -> Response {
    let (title, body) = if status == StatusCode::NOT_FOUND {
        (k::ERR_NOT_FOUND_TITLE, k::ERR_NOT_FOUND_BODY)
    } else {
        (k::ERR_SERVER_TITLE, k::ERR_SERVER_BODY)
    };
    (status, Html(simple_page(locale, title, body))).into_response()
}

/// A minimal, translated page for responses produced outside the Leptos app.
pub fn simple_page(locale: Locale, title: crate::i18n::Key, body: crate::i18n::Key) -> String {
    fn esc(s: &str) -> String {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    }
    format!(
        "<!DOCTYPE html><html lang=\"{lang}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{title} · {app}</title></head>\
         <body style=\"font-family:sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem\"><main><h1>{title}</h1><p>{body}</p><p><a href=\"/\">{home}</a></p></main></body></html>",
        lang = locale.code(),
        title = esc(locale.t(title)),
        app = esc(locale.t(k::APP_NAME)),
        body = esc(locale.t(body)),
        home = esc(locale.t(k::ERR_GO_HOME)),
    )
}

/// One structured line per request: method, path (no query string), status, time. No cookies,
/// no bodies, no query strings, so nothing secret reaches the log.
pub async fn log_requests(req: Request<Body>, next: Next) -> Response {
    let method = req.method().clone();
    // a confirmation link's token never reaches the log
    let path = super::masked(req.uri().path());
    let started = std::time::Instant::now();
    let res = next.run(req).await;
    let ms = started.elapsed().as_secs_f64() * 1000.0;
    let status = res.status().as_u16();
    if status >= 500 {
        tracing::error!(%method, %path, status, ms, "request");
    } else {
        tracing::info!(%method, %path, status, ms, "request");
    }
    res
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.append(*k, HeaderValue::from_static(v));
        }
        h
    }

    #[test]
    fn origin_must_match_host_or_public_url() {
        assert!(same_origin(
            &headers(&[("host", "a.kg"), ("origin", "http://a.kg")]),
            None
        ));
        assert!(!same_origin(
            &headers(&[("host", "a.kg"), ("origin", "http://evil.kg")]),
            None
        ));
        assert!(same_origin(
            &headers(&[("host", "a.kg"), ("referer", "https://a.kg/signin?x")]),
            None
        ));
        assert!(!same_origin(&headers(&[("host", "a.kg")]), None));
        assert!(!same_origin(
            &headers(&[("host", "a.kg"), ("origin", "null")]),
            None
        ));
        let public = Some("https://m.example.kg");
        assert!(same_origin(
            &headers(&[
                ("host", "internal:3000"),
                ("origin", "https://m.example.kg")
            ]),
            public
        ));
        assert!(!same_origin(
            &headers(&[
                ("host", "internal:3000"),
                ("origin", "http://internal:3000")
            ]),
            public
        ));
    }

    #[test]
    fn the_client_address_is_the_one_the_proxy_appended() {
        let h = headers(&[("x-forwarded-for", "6.6.6.6, 203.0.113.9")]);
        assert_eq!(forwarded_for(&h).as_deref(), Some("203.0.113.9"));
        let h = headers(&[
            ("x-forwarded-for", "6.6.6.6"),
            ("x-forwarded-for", "10.1.1.1, 2001:db8::1"),
        ]);
        assert_eq!(forwarded_for(&h).as_deref(), Some("2001:db8:0:0::/64"));
        let h = headers(&[("x-forwarded-for", "::ffff:203.0.113.9")]);
        assert_eq!(forwarded_for(&h).as_deref(), Some("203.0.113.9"));
        assert_eq!(
            forwarded_for(&headers(&[("x-forwarded-for", "evil")])),
            None
        );
        assert_eq!(forwarded_for(&headers(&[])), None);
    }

    #[test]
    fn locale_prefers_the_cookie() {
        assert_eq!(
            locale_of(&headers(&[
                ("cookie", "a=b; s4a_lang=ky"),
                ("accept-language", "ru")
            ])),
            Locale::Ky
        );
        assert_eq!(
            locale_of(&headers(&[("accept-language", "ru-RU,en;q=0.5")])),
            Locale::Ru
        );
        assert_eq!(
            locale_of(&headers(&[("cookie", "s4a_lang=xx")])),
            Locale::En
        );
    }
}
