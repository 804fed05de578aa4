//! The hashed assets under `/pkg` (the stylesheet, the JS glue, the wasm), served from memory:
//! each file is read once, with the `.br` and `.gz` copies `main` writes at start-up, and then
//! answered without touching the disk or the database. (Through tower-http's `ServeDir` every
//! request opened and read the file on the blocking pool: 1,612 stylesheets a second against
//! 12,851 health checks on the same server.) The names are content hashes, so a year of
//! caching is safe; a missing file is a 404 no phone keeps.
use axum::{
    body::Body,
    extract::{Path, State},
    http::{header, HeaderMap, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
};
use std::collections::HashMap;
use std::sync::{Arc, RwLock};

pub struct Assets {
    dir: std::path::PathBuf,
    files: RwLock<HashMap<String, Arc<Asset>>>,
}

struct Asset {
    raw: axum::body::Bytes,
    br: Option<axum::body::Bytes>,
    gz: Option<axum::body::Bytes>,
    content_type: &'static str,
}

/// A file name of the asset folder: flat, no path, no hidden file.
fn plain_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 200
        && !name.starts_with('.')
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'))
}

fn content_type(name: &str) -> &'static str {
    match name.rsplit('.').next().unwrap_or("") {
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "svg" => "image/svg+xml",
        "json" => "application/json",
        "ts" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

impl Assets {
    pub fn new(dir: impl Into<std::path::PathBuf>) -> Assets {
        Assets {
            dir: dir.into(),
            files: RwLock::default(),
        }
    }

    /// The file, from memory, else read once from the folder (missing files are not kept).
    async fn get(&self, name: &str) -> Option<Arc<Asset>> {
        if let Some(hit) = self
            .files
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .get(name)
        {
            return Some(hit.clone());
        }
        let path = self.dir.join(name);
        let read = |p: std::path::PathBuf| async move {
            tokio::fs::read(p).await.ok().map(axum::body::Bytes::from)
        };
        let raw = read(path.clone()).await?;
        let asset = Arc::new(Asset {
            raw,
            br: read(path.with_extension(format!("{}.br", ext(name)))).await,
            gz: read(path.with_extension(format!("{}.gz", ext(name)))).await,
            content_type: content_type(name),
        });
        self.files
            .write()
            .unwrap_or_else(|e| e.into_inner())
            .insert(name.to_string(), asset.clone());
        Some(asset)
    }
}

fn ext(name: &str) -> &str {
    name.rsplit_once('.').map(|(_, e)| e).unwrap_or("")
}

/// Which encodings the client takes (`br`, `gzip`), by its `Accept-Encoding` (q=0 refuses).
pub(crate) fn accepts(headers: &HeaderMap, coding: &str) -> bool {
    headers
        .get_all(header::ACCEPT_ENCODING)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|part| {
            let mut it = part.split(';');
            let name = it.next().unwrap_or("").trim();
            let refused = it.any(|p| {
                p.trim()
                    .strip_prefix("q=")
                    .and_then(|q| q.trim().parse::<f32>().ok())
                    == Some(0.0)
            });
            name.eq_ignore_ascii_case(coding) && !refused
        })
}

pub async fn serve(
    State(assets): State<Arc<Assets>>,
    Path(name): Path<String>,
    headers: HeaderMap,
) -> Response {
    let found = if plain_name(&name) {
        assets.get(&name).await
    } else {
        None
    };
    let Some(asset) = found else {
        let mut res = StatusCode::NOT_FOUND.into_response();
        res.headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        return res;
    };
    let (body, coding) = match (&asset.br, &asset.gz) {
        (Some(br), _) if accepts(&headers, "br") => (br.clone(), Some("br")),
        (_, Some(gz)) if accepts(&headers, "gzip") => (gz.clone(), Some("gzip")),
        _ => (asset.raw.clone(), None),
    };
    let mut res = Response::new(Body::from(body));
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(asset.content_type),
    );
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=31536000, immutable"),
    );
    h.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    h.insert(
        "x-content-type-options",
        HeaderValue::from_static("nosniff"),
    );
    if let Some(coding) = coding {
        h.insert(header::CONTENT_ENCODING, HeaderValue::from_static(coding));
    }
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_names_and_the_encodings_asked_for() {
        assert!(plain_name("stem4all.aSKaThDI6kClu8ix_ZsW4w.js"));
        for bad in ["", "../db", "a/b.js", ".env", "a b.js", "x%2e%2e"] {
            assert!(!plain_name(bad), "{bad}");
        }
        let h = |v: &'static str| {
            let mut m = HeaderMap::new();
            m.insert(header::ACCEPT_ENCODING, HeaderValue::from_static(v));
            m
        };
        assert!(accepts(&h("gzip, deflate, br"), "br"));
        assert!(!accepts(&h("gzip, br;q=0"), "br"));
        assert!(accepts(&h("gzip, br;q=0"), "gzip"));
        assert!(!accepts(&HeaderMap::new(), "gzip"));
    }
}
