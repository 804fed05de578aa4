//! Compression of the dynamic answers (pages, server functions). tower-http's streaming
//! brotli encoder sets up a 4 MB window and its hash tables for every response, whatever its
//! size: on the signed-in discovery page that took a third of the server's time. A page is
//! rendered whole before it is sent (`SsrMode::Async`), so here the body is collected and
//! compressed in one pass, with a 256 KB window (lgwin 18) and the body's size as a hint. The hashed assets never pass
//! here: they are compressed once, at start-up (`crate::assets`).
//!
//! How hard it compresses depends on how busy the server is. On a quiet server a page gets the
//! smallest encoding (brotli 5: the signed-in discovery page's 19 KB become 4.0 KB in about
//! 0.5 ms), which is what a phone on a slow link in Naryn needs. When the server answers more
//! than [`BUSY_PER_SECOND`] requests a second, pages get gzip at level 1 (zlib-rs' quick deflate: 5.9 KB),
//! so a crowd's pages are compressed in a tenth of the time, for about a third more bytes each.
use axum::{
    body::{Body, Bytes},
    extract::Request,
    http::{header, HeaderValue, StatusCode},
    middleware::Next,
    response::{IntoResponse, Response},
};
use futures_util::StreamExt;
use http_body_util::BodyExt;

/// Bodies smaller than this go as they are (compression would not pay for its headers).
const MIN_BYTES: usize = 860;
/// Bodies larger than this go on as they are, uncompressed (none of the app's answers are near
/// it; reading stops at the limit).
const MAX_BYTES: usize = 4 * 1024 * 1024;

/// Answers a second above which the server counts as busy. A quiet server's
/// brotli 5 costs at most about 0.5 ms a page, so below this at most a fortieth of one core
/// goes to compression.
pub const BUSY_PER_SECOND: u64 = 50;

/// How many answers passed the middleware this second and the last: the server's pace. A
/// count of answers in flight would stay low under a crowd (a page takes a millisecond), so
/// the pace is counted over time.
pub struct Pace {
    /// this second (upper bits) and its count so far (lower [`COUNT_BITS`])
    now: std::sync::atomic::AtomicU64,
    /// the count of the second before
    last: std::sync::atomic::AtomicU64,
}

const COUNT_BITS: u32 = 20;
const COUNT_MAX: u64 = (1 << COUNT_BITS) - 1;

impl Pace {
    pub const fn new() -> Pace {
        Pace {
            now: std::sync::atomic::AtomicU64::new(0),
            last: std::sync::atomic::AtomicU64::new(0),
        }
    }

    /// Counts one answer at second `second` and says whether the server is busy: more than
    /// [`BUSY_PER_SECOND`] answers in this second or the one before.
    pub fn tick(&self, second: u64) -> bool {
        use std::sync::atomic::Ordering::Relaxed;
        let before = self
            .now
            .fetch_update(Relaxed, Relaxed, |w| {
                let (s, n) = (w >> COUNT_BITS, w & COUNT_MAX);
                // a thread that read the clock just before another moved on counts into the
                // newer second: the pace never goes back
                Some(if second <= s {
                    (s << COUNT_BITS) | (n + 1).min(COUNT_MAX)
                } else {
                    (second << COUNT_BITS) | 1
                })
            })
            .unwrap_or_default();
        let (s, n) = (before >> COUNT_BITS, before & COUNT_MAX);
        let count = if second <= s {
            n + 1
        } else {
            // a new second: the one that ended is "the last" only if it was the one before
            self.last
                .store(if s + 1 == second { n } else { 0 }, Relaxed);
            1
        };
        count > BUSY_PER_SECOND || self.last.load(Relaxed) > BUSY_PER_SECOND
    }
}

impl Default for Pace {
    fn default() -> Pace {
        Pace::new()
    }
}

/// The server's pace, for [`compress`].
static PACE: Pace = Pace::new();

/// Seconds since the process started.
fn second() -> u64 {
    static START: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();
    START
        .get_or_init(std::time::Instant::now)
        .elapsed()
        .as_secs()
}

/// The encodings this server writes, best first.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Coding {
    Br,
    Gzip,
}

/// How hard to compress.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Effort {
    Small,
    Fast,
}

impl Coding {
    /// The coding to answer with: the smallest the client accepts, or, when speed matters
    /// more, gzip if she accepts it (brotli's fast levels are both slower and larger).
    pub fn choose(headers: &axum::http::HeaderMap, effort: Effort) -> Option<Coding> {
        let br = crate::assets::accepts(headers, "br");
        let gzip = crate::assets::accepts(headers, "gzip");
        match (effort, br, gzip) {
            (Effort::Fast, _, true) | (Effort::Small, false, true) => Some(Coding::Gzip),
            (_, true, _) => Some(Coding::Br),
            _ => None,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Coding::Br => "br",
            Coding::Gzip => "gzip",
        }
    }

    /// The body compressed in one pass: brotli at quality 5 (1 when fast) with a 256 KB window
    /// and the body's size as a hint, or gzip at level 6 (1 when fast).
    pub fn encode(self, data: &[u8], effort: Effort) -> std::io::Result<Vec<u8>> {
        use std::io::Write;
        let fast = effort == Effort::Fast;
        match self {
            Coding::Br => {
                let mut out = Vec::with_capacity(data.len() / 3);
                let params = brotli::enc::BrotliEncoderParams {
                    quality: if fast { 1 } else { 5 },
                    lgwin: 18,
                    size_hint: data.len(),
                    ..Default::default()
                };
                brotli::BrotliCompress(&mut &data[..], &mut out, &params)?;
                Ok(out)
            }
            Coding::Gzip => {
                let mut enc = flate2::write::GzEncoder::new(
                    Vec::with_capacity(data.len() / 3),
                    flate2::Compression::new(if fast { 1 } else { 6 }),
                );
                enc.write_all(data)?;
                enc.finish()
            }
        }
    }
}

/// Whether a response of this type is worth compressing.
fn compressible(res: &Response) -> bool {
    let Some(kind) = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
    else {
        return false;
    };
    let kind = kind.split(';').next().unwrap_or("").trim();
    kind.starts_with("text/")
        || matches!(
            kind,
            "application/json" | "application/xml" | "image/svg+xml" | "application/javascript"
        )
}

/// The middleware: compresses a text answer when the client takes br or gzip.
pub async fn compress(req: Request, next: Next) -> Response {
    let effort = if PACE.tick(second()) {
        Effort::Fast
    } else {
        Effort::Small
    };
    let coding = Coding::choose(req.headers(), effort);
    let head_request = req.method() == axum::http::Method::HEAD;
    let res = next.run(req).await;
    if !compressible(&res) {
        return res;
    }
    let Some(coding) = coding else {
        return with_vary(res);
    };
    if head_request
        || res.status() == StatusCode::PARTIAL_CONTENT
        || res.headers().contains_key(header::CONTENT_RANGE)
        || res.headers().contains_key(header::CONTENT_ENCODING)
        || res
            .headers()
            .get(header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok()?.parse::<usize>().ok())
            .is_some_and(|n| !(MIN_BYTES..=MAX_BYTES).contains(&n))
    {
        return with_vary(res);
    }
    let (mut parts, mut body) = res.into_parts();
    // read the body up to the limit; a larger one goes on as it is, uncompressed
    let mut data: Vec<u8> = Vec::new();
    while let Some(frame) = body.frame().await {
        let frame = match frame {
            Ok(frame) => frame,
            Err(e) => {
                tracing::error!(error = %e, "could not read a response body to compress it");
                return StatusCode::INTERNAL_SERVER_ERROR.into_response();
            }
        };
        let Ok(chunk) = frame.into_data() else {
            continue;
        };
        data.extend_from_slice(&chunk);
        if data.len() > MAX_BYTES {
            let read =
                futures_util::stream::once(async move { Ok::<_, axum::Error>(Bytes::from(data)) });
            let rest = read.chain(body.into_data_stream());
            return with_vary(Response::from_parts(parts, Body::from_stream(rest)));
        }
    }
    let data = Bytes::from(data);
    if data.len() < MIN_BYTES {
        return with_vary(Response::from_parts(parts, Body::from(data)));
    }
    let encoded = match coding.encode(&data, effort) {
        Ok(e) => e,
        Err(e) => {
            tracing::error!(error = %e, "compression failed");
            return with_vary(Response::from_parts(parts, Body::from(data)));
        }
    };
    parts.headers.remove(header::CONTENT_LENGTH);
    parts.headers.remove(header::ACCEPT_RANGES);
    parts.headers.insert(
        header::CONTENT_ENCODING,
        HeaderValue::from_static(coding.name()),
    );
    with_vary(Response::from_parts(parts, Body::from(encoded)))
}

/// Caches must keep the answers for each `Accept-Encoding` apart.
fn with_vary(mut res: Response) -> Response {
    let h = res.headers_mut();
    let already = h
        .get_all(header::VARY)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .any(|v| v.to_ascii_lowercase().contains("accept-encoding") || v.trim() == "*");
    if !already {
        h.append(header::VARY, HeaderValue::from_static("accept-encoding"));
    }
    res
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::{http::StatusCode, routing::get, Router};
    use tower::ServiceExt;

    fn page() -> String {
        "<li class=\"rounded-lg border border-stone-200 bg-white p-4\">Айнура · Data</li>"
            .repeat(200)
    }

    async fn fetch(
        accept: Option<&str>,
        path: &str,
    ) -> (StatusCode, axum::http::HeaderMap, Vec<u8>) {
        let app = Router::new()
            .route("/page", get(|| async { axum::response::Html(page()) }))
            .route(
                "/small",
                get(|| async { axum::response::Html("<p>hi</p>") }),
            )
            .route(
                "/bin",
                get(|| async { ([(header::CONTENT_TYPE, "image/png")], vec![7u8; 5000]) }),
            )
            .route(
                "/huge",
                get(|| async {
                    let chunks = (0..9).map(|_| Ok::<_, std::io::Error>(vec![b'a'; 512 * 1024]));
                    (
                        [(header::CONTENT_TYPE, "text/plain")],
                        Body::from_stream(futures_util::stream::iter(chunks)),
                    )
                }),
            )
            .layer(axum::middleware::from_fn(compress));
        let mut req = Request::get(path);
        if let Some(a) = accept {
            req = req.header(header::ACCEPT_ENCODING, a);
        }
        let res = app.oneshot(req.body(Body::empty()).unwrap()).await.unwrap();
        let (parts, body) = res.into_parts();
        (
            parts.status,
            parts.headers,
            body.collect().await.unwrap().to_bytes().to_vec(),
        )
    }

    fn decode(coding: &str, body: &[u8]) -> String {
        use std::io::Read;
        let mut plain = String::new();
        match coding {
            "br" => brotli::Decompressor::new(body, 4096).read_to_string(&mut plain),
            "gzip" => flate2::read::GzDecoder::new(body).read_to_string(&mut plain),
            other => panic!("unexpected coding {other}"),
        }
        .unwrap();
        plain
    }

    // (other tests of this process may be serving at the same time, which makes the server
    // "busy": brotli or gzip are both right for a client taking both)
    #[tokio::test]
    async fn pages_come_compressed_in_a_coding_the_client_takes() {
        let (status, h, body) = fetch(Some("gzip, deflate, br"), "/page").await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(h[header::VARY], "accept-encoding");
        assert!(
            !h.contains_key(header::CONTENT_LENGTH)
                || h[header::CONTENT_LENGTH] == body.len().to_string().as_str()
        );
        assert!(body.len() < page().len() / 10, "{} bytes", body.len());
        assert_eq!(
            decode(h[header::CONTENT_ENCODING].to_str().unwrap(), &body),
            page()
        );

        let (_, h, body) = fetch(Some("gzip, br;q=0"), "/page").await;
        assert_eq!(h[header::CONTENT_ENCODING], "gzip");
        assert_eq!(decode("gzip", &body), page());
        let (_, h, body) = fetch(Some("br"), "/page").await;
        assert_eq!(h[header::CONTENT_ENCODING], "br");
        assert_eq!(decode("br", &body), page());
    }

    #[test]
    fn the_pace_counts_this_second_and_the_last() {
        let pace = Pace::new();
        for _ in 0..BUSY_PER_SECOND {
            assert!(!pace.tick(10), "a quiet second");
        }
        assert!(pace.tick(10), "one more than the limit in a second is busy");
        assert!(pace.tick(11), "the second after a busy one is still busy");
        assert!(!pace.tick(12), "then quiet again: one answer in second 11");
        for _ in 0..BUSY_PER_SECOND + 1 {
            pace.tick(13);
        }
        assert!(!pace.tick(15), "a busy second long ago does not count");
        for _ in 0..BUSY_PER_SECOND {
            pace.tick(16);
        }
        assert!(pace.tick(15), "a late tick counts into the newer second");
        assert!(pace.tick(17), "and the busy second stays the last one");
    }

    #[test]
    fn a_busy_server_compresses_fast_and_a_quiet_one_small() {
        use axum::http::HeaderMap;
        let h = |v: &'static str| {
            let mut m = HeaderMap::new();
            m.insert(header::ACCEPT_ENCODING, HeaderValue::from_static(v));
            m
        };
        let both = h("br, gzip");
        assert_eq!(Coding::choose(&both, Effort::Small), Some(Coding::Br));
        assert_eq!(Coding::choose(&both, Effort::Fast), Some(Coding::Gzip));
        assert_eq!(Coding::choose(&h("br"), Effort::Fast), Some(Coding::Br));
        assert_eq!(
            Coding::choose(&h("gzip"), Effort::Small),
            Some(Coding::Gzip)
        );
        assert_eq!(Coding::choose(&h("identity"), Effort::Small), None);
        let data = page();
        let small = Coding::Gzip.encode(data.as_bytes(), Effort::Small).unwrap();
        let fast = Coding::Gzip.encode(data.as_bytes(), Effort::Fast).unwrap();
        assert!(small.len() <= fast.len());
        let fast_br = Coding::Br.encode(data.as_bytes(), Effort::Fast).unwrap();
        let mut plain = String::new();
        std::io::Read::read_to_string(
            &mut brotli::Decompressor::new(&fast_br[..], 4096),
            &mut plain,
        )
        .unwrap();
        assert_eq!(plain, data);
    }

    #[tokio::test]
    async fn small_binary_and_unasked_answers_go_as_they_are() {
        let (_, h, body) = fetch(None, "/page").await;
        assert!(!h.contains_key(header::CONTENT_ENCODING));
        assert_eq!(body, page().as_bytes());
        let (_, h, body) = fetch(Some("br"), "/small").await;
        assert!(!h.contains_key(header::CONTENT_ENCODING));
        assert_eq!(body, b"<p>hi</p>");
        assert_eq!(h[header::VARY], "accept-encoding");
        let (_, h, _) = fetch(None, "/page").await;
        assert_eq!(h[header::VARY], "accept-encoding");
        // past the limit (4.5 MB, no length given), the whole body goes on uncompressed
        let (status, h, body) = fetch(Some("br"), "/huge").await;
        assert_eq!(status, StatusCode::OK);
        assert!(!h.contains_key(header::CONTENT_ENCODING));
        assert_eq!(body.len(), 9 * 512 * 1024);
        assert!(body.iter().all(|b| *b == b'a'));
        let (_, h, body) = fetch(Some("br"), "/bin").await;
        assert!(!h.contains_key(header::CONTENT_ENCODING));
        assert_eq!(body.len(), 5000);
    }
}
