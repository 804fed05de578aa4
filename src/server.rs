//! The HTTP server: application state, the router with its middleware, static files with
//! long-lived caching, and the health check. `main.rs` and the HTTP tests both build the
//! router here, so tests drive exactly what production serves.
use crate::app::{shell, App};
use crate::auth::middleware::{check_origin, cookie, log_requests, resolve_viewer};
use crate::auth::{Viewer, FLASH_COOKIE};
use crate::form::Flash;
use crate::state::AppState;
use axum::{
    body::Body,
    extract::State,
    http::{header, HeaderValue, Method, Request, StatusCode},
    middleware::{from_fn, from_fn_with_state},
    response::{IntoResponse, Response},
    routing::get,
    Router,
};
use leptos::prelude::*;
use leptos_axum::{generate_route_list, handle_server_fns_with_context, LeptosRoutes};
use std::sync::Arc;
use tower::ServiceExt;
use tower_http::{catch_panic::CatchPanicLayer, services::ServeDir};

pub fn router(state: AppState) -> Router {
    // Once per process: generating the list sets a process-wide flag under which any page's
    // data that starts loading meanwhile never loads (leptos_server's SuppressResourceLoad,
    // leptos-rs/leptos#4773). A second router built while another serves pages (each test
    // builds one) hung a page for good; the first is built before any page is served.
    static ROUTES: std::sync::OnceLock<Vec<leptos_axum::AxumRouteListing>> =
        std::sync::OnceLock::new();
    let routes = ROUTES.get_or_init(|| generate_route_list(App)).clone();
    let app = Router::new()
        .route("/healthz", get(healthz))
        .route(
            "/notifications/open/{id}",
            get(crate::notifications::api::open_handler),
        )
        .route(
            "/admin/matching/{id}/pairs.csv",
            get(crate::matching::cohort::api::csv_handler),
        )
        .route("/admin/audit.csv", get(crate::audit::api::csv_handler))
        .route(
            "/account/{file}",
            get(crate::data_rights::api::download_handler),
        )
        .route(
            "/admin/dashboard/{file}",
            get(crate::dashboard::api::csv_handler),
        )
        .route(
            "/admin/import/upload",
            axum::routing::post(crate::matching::import::api::upload_handler).layer(
                axum::extract::DefaultBodyLimit::max(crate::matching::import::api::UPLOAD_BODY_MAX),
            ),
        )
        .route(
            "/lectures/{id}/calendar.ics",
            get(crate::learning::calendar::api::lecture_handler),
        )
        .route(
            "/calendar/{file}",
            get(crate::learning::calendar::api::feed_handler),
        )
        .route("/files/{name}", get(crate::community::files::serve_handler))
        .route(
            "/community/{id}/logo",
            axum::routing::post(crate::community::organisations::api::logo_handler).layer(
                axum::extract::DefaultBodyLimit::max(
                    crate::community::organisations::api::IMAGE_BODY_MAX,
                ),
            ),
        )
        .route(
            "/community/practices/{id}/image",
            axum::routing::post(crate::community::practices::api::image_handler).layer(
                axum::extract::DefaultBodyLimit::max(
                    crate::community::organisations::api::IMAGE_BODY_MAX,
                ),
            ),
        )
        .route(
            "/community/documents",
            axum::routing::post(crate::community::documents::api::upload_handler).layer(
                axum::extract::DefaultBodyLimit::max(
                    crate::community::documents::api::PDF_BODY_MAX,
                ),
            ),
        )
        .route(
            "/confirm/{token}",
            get(crate::accounts::api::confirm_handler),
        )
        .route(
            "/api/{*fn_name}",
            get(server_fn_handler).post(server_fn_handler),
        )
        .leptos_routes_with_handler(routes, get(page_handler))
        .fallback(fallback)
        .layer(from_fn_with_state(state.clone(), check_origin))
        .layer(from_fn_with_state(
            state.clone(),
            crate::auth::middleware::limit_writes,
        ))
        .layer(from_fn_with_state(state.clone(), resolve_viewer))
        .layer(from_fn(log_requests))
        .layer(from_fn(crate::compress::compress))
        .with_state(state.clone());
    // The hashed assets come from memory, outside the middleware above: an asset never
    // costs a session lookup (see `crate::assets`).
    let pkg = format!(
        "{}/{}",
        state.leptos_options.site_root, state.leptos_options.site_pkg_dir
    );
    let assets = Router::new()
        .route("/pkg/{file}", get(crate::assets::serve))
        .with_state(Arc::new(crate::assets::Assets::new(pkg)));
    harden(assets.merge(app), state.config.https())
}

/// A panic anywhere in `router` becomes a 500 page, never a reset connection; every response
/// (that page too) carries the security headers ([`security_headers`]).
pub fn harden(router: Router, https: bool) -> Router {
    router
        .layer(CatchPanicLayer::custom(panic_page))
        .layer(from_fn_with_state(https, security_headers))
}

/// The Content-Security-Policy of a response whose inline scripts carry `nonce`: scripts only
/// from this site or with the nonce (Leptos's hydration scripts), WebAssembly compiled from
/// this site's module, nothing framed, no plugins, forms posted only here. Inline styles stay
/// allowed (progress bars set a width; no script runs from a style).
pub fn content_security_policy(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; \
         connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; \
         frame-ancestors 'none'"
    )
}

/// Security headers on every response: pages, server functions, static files, redirects and
/// errors. A fresh nonce per request goes into the request (the page renderer gives it to
/// Leptos's inline scripts) and into the policy. Over https, browsers are told to stay on it.
async fn security_headers(
    State(https): State<bool>,
    mut req: Request<Body>,
    next: axum::middleware::Next,
) -> Response {
    let nonce = leptos::nonce::Nonce::new();
    req.extensions_mut().insert(nonce.clone());
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    if let Ok(csp) = HeaderValue::from_str(&content_security_policy(&nonce)) {
        h.insert(header::CONTENT_SECURITY_POLICY, csp);
    }
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    // a reset link's token never leaves in a Referer
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    if https {
        h.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        );
    }
    res
}

/// The answer to a request whose handler panicked (the panic itself is logged).
fn panic_page(err: Box<dyn std::any::Any + Send + 'static>) -> Response {
    let what = err
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| err.downcast_ref::<&str>().copied())
        .unwrap_or("(no message)");
    tracing::error!(panic = what, "a request handler panicked");
    let mut res = (
        StatusCode::INTERNAL_SERVER_ERROR,
        axum::response::Html(crate::auth::middleware::simple_page(
            crate::i18n::Locale::default(),
            crate::i18n::k::ERR_SERVER_TITLE,
            crate::i18n::k::ERR_SERVER_BODY,
        )),
    )
        .into_response();
    no_store(&mut res);
    res
}

fn viewer_of(req: &Request<Body>) -> Viewer {
    req.extensions()
        .get::<Viewer>()
        .cloned()
        .unwrap_or_default()
}

async fn server_fn_handler(State(state): State<AppState>, req: Request<Body>) -> Response {
    let viewer = viewer_of(&req);
    let mut res = handle_server_fns_with_context(
        move || crate::auth::provide_request_contexts(state.clone(), viewer.clone()),
        req,
    )
    .await
    .into_response();
    if res.status() == StatusCode::INTERNAL_SERVER_ERROR {
        res = with_error_status(res).await;
    }
    no_store(&mut res);
    res
}

/// Errors raised before a server function's body runs (an argument missing or malformed)
/// come back from server_fn as 500; give them the status their `AppError` names.
async fn with_error_status(res: Response) -> Response {
    use http_body_util::BodyExt;
    let (mut parts, body) = res.into_parts();
    let bytes = body
        .collect()
        .await
        .map(|b| b.to_bytes())
        .unwrap_or_default();
    if let Ok(err) = serde_json::from_slice::<crate::error::AppError>(&bytes) {
        parts.status =
            StatusCode::from_u16(err.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    }
    Response::from_parts(parts, Body::from(bytes))
}

async fn page_handler(State(state): State<AppState>, req: Request<Body>) -> Response {
    let viewer = viewer_of(&req);
    // the nonce the policy names (`security_headers`), for Leptos's inline scripts
    let nonce = req.extensions().get::<leptos::nonce::Nonce>().cloned();
    // the flash belongs to the next page a person sees, not to a stray asset request
    let navigation = req
        .headers()
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("text/html"));
    let flash_cookie = cookie(req.headers(), FLASH_COOKIE)
        .filter(|_| navigation)
        .map(str::to_string);
    let flash = match flash_cookie.as_deref() {
        Some(token) => Flash::take(&state.pool, token, crate::db::now())
            .await
            .unwrap_or_else(|e| {
                tracing::error!(error = %e, "could not read a form's messages");
                None
            }),
        None => None,
    };
    let options = state.leptos_options.clone();
    let secure = viewer.secure;
    let handler = leptos_axum::render_app_async_with_context(
        move || {
            crate::auth::provide_request_contexts(state.clone(), viewer.clone());
            if let Some(f) = flash.clone() {
                provide_context(f);
            }
            if let Some(n) = nonce.clone() {
                provide_context(n);
            }
        },
        move || shell(options.clone()),
    );
    let mut res = handler(req).await.into_response();
    if flash_cookie.is_some() {
        // the flash is shown once
        let clear = crate::auth::guard::cookie(FLASH_COOKIE, "", 0, true, secure);
        if let Ok(v) = HeaderValue::from_str(&clear) {
            res.headers_mut().append(header::SET_COOKIE, v);
        }
    }
    no_store(&mut res);
    res
}

/// Pages and API answers depend on who is asking and may hold private data: never stored by
/// any cache, the phone's own included.
fn no_store(res: &mut Response) {
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
}

/// The few static files outside `/pkg` (the favicon), else the app's 404 page.
async fn fallback(State(state): State<AppState>, req: Request<Body>) -> Response {
    let path = req.uri().path().to_string();
    if matches!(*req.method(), Method::GET | Method::HEAD) && path != "/" && !path.contains("..") {
        let mut probe = Request::builder()
            .method(req.method().clone())
            .uri(req.uri().clone());
        for (name, value) in req.headers() {
            probe = probe.header(name, value);
        }
        let probe = probe.body(Body::empty()).expect("request parts are valid");
        let root = state.leptos_options.site_root.to_string();
        let served = ServeDir::new(root)
            .precompressed_br()
            .precompressed_gzip()
            .oneshot(probe)
            .await;
        let Ok(res) = served;
        {
            if res.status() != StatusCode::NOT_FOUND {
                let mut res = res.into_response();
                res.headers_mut().insert(
                    header::CACHE_CONTROL,
                    HeaderValue::from_static("public, max-age=86400"),
                );
                return res;
            }
        }
    }
    page_handler(State(state), req).await
}

async fn healthz(State(state): State<AppState>) -> Response {
    match sqlx::query_scalar::<_, i64>("SELECT 1")
        .fetch_one(&state.pool)
        .await
    {
        Ok(_) => (StatusCode::OK, "ok").into_response(),
        Err(e) => {
            tracing::error!(error = %e, "health check failed");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable").into_response()
        }
    }
}

/// Writes `.br` and `.gz` beside every compressible file under `site_root/pkg` (best
/// compression, once per build), so the hashed assets are served precompressed.
pub fn precompress_assets(site_root: &str) -> std::io::Result<usize> {
    use std::io::Write;
    let dir = std::path::Path::new(site_root).join("pkg");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Ok(0);
    };
    let mut written = 0;
    for entry in entries {
        let path = entry?.path();
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        if !matches!(ext, "wasm" | "js" | "css" | "svg" | "json") {
            continue;
        }
        let data = std::fs::read(&path)?;
        let br = path.with_extension(format!("{ext}.br"));
        if !br.exists() {
            let mut out = Vec::new();
            let params = brotli::enc::BrotliEncoderParams {
                quality: 11,
                lgwin: 22,
                ..Default::default()
            };
            brotli::BrotliCompress(&mut &data[..], &mut out, &params)?;
            std::fs::write(&br, out)?;
            written += 1;
        }
        let gz = path.with_extension(format!("{ext}.gz"));
        if !gz.exists() {
            let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
            enc.write_all(&data)?;
            std::fs::write(&gz, enc.finish()?)?;
            written += 1;
        }
    }
    Ok(written)
}
