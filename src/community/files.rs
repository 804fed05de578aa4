//! Uploaded files: logos and practice images (checked to be a PNG, JPEG or WebP image within
//! [`IMAGE_MAX`], decoded one at a time within limits, resized on the server and stored as a
//! small WebP or JPEG) and
//! documents (checked to be a PDF within [`PDF_MAX`]). Each is kept outside the web root, in
//! the `uploads` folder beside the database, under a generated name (`files` row: its type,
//! size, hash and audience), and served by [`serve_handler`] with its type, `nosniff` and a
//! `Content-Disposition`, only to its audience (anyone else: 404).
//!
//! A file is written before the write that names it commits; [`Saved`] removes it again when
//! that write never commits (a refusal, or the request cut off at any await).
use super::*;
use crate::db::{rule, StoreError};
use crate::i18n::k;
use axum::http::StatusCode;
use sqlx::{SqliteConnection, SqlitePool};
use std::path::{Path, PathBuf};

choice!(FileAudience {
    Public = "public" => DOCUMENT_PUBLIC,
    Partners = "partners" => DOCUMENT_PARTNERS,
    Review = "review" => COMMUNITY_STATUS_PENDING,
});

/// The folder uploads are kept in: `uploads` beside the database file.
pub fn folder(pool: &SqlitePool) -> PathBuf {
    let db = pool.connect_options().get_filename().to_path_buf();
    db.parent()
        .unwrap_or_else(|| Path::new("."))
        .join("uploads")
}

/// A checked upload, ready to store: its bytes and type.
pub struct Checked {
    pub bytes: Vec<u8>,
    pub content_type: &'static str,
}

/// How an image is kept: a logo as a small lossless WebP (flat colours and text stay sharp), a
/// picture as a JPEG (a photo: a tenth of the size).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Kept {
    Logo,
    Picture,
}

impl Kept {
    fn side(self) -> u32 {
        match self {
            Kept::Logo => LOGO_SIDE,
            Kept::Picture => PICTURE_SIDE,
        }
    }
}

/// The largest image decoded, in pixels a side, and the memory one decode may take.
const DECODE_SIDE_MAX: u32 = 4_096;
const DECODE_ALLOC_MAX: u64 = 64 * 1024 * 1024;

/// Decodes run one at a time: a flood of uploads waits its turn instead of taking the
/// server's memory (each decode may take [`DECODE_ALLOC_MAX`]).
fn decode_turn() -> &'static tokio::sync::Semaphore {
    static TURN: std::sync::OnceLock<tokio::sync::Semaphore> = std::sync::OnceLock::new();
    TURN.get_or_init(|| tokio::sync::Semaphore::new(1))
}

/// An image as uploaded, resized to fit its side (never enlarged) and re-encoded, which drops
/// anything else the file carried (metadata, scripts in a polyglot). Anything that is not a
/// PNG, JPEG or WebP image, is over [`IMAGE_MAX`], or is more than 4,096 pixels a side is
/// refused. Decodes one at a time, on a blocking thread (decoding is CPU work).
pub async fn picture(bytes: Vec<u8>, kept: Kept) -> Result<Checked, StoreError> {
    if bytes.len() > IMAGE_MAX {
        return Err(rule("file", k::COMMUNITY_ERR_IMAGE_SIZE));
    }
    let Ok(_turn) = decode_turn().acquire().await else {
        return Err(rule("file", k::COMMUNITY_ERR_IMAGE));
    };
    tokio::task::spawn_blocking(move || resize(&bytes, kept))
        .await
        .unwrap_or_else(|_| Err(rule("file", k::COMMUNITY_ERR_IMAGE)))
}

fn resize(bytes: &[u8], kept: Kept) -> Result<Checked, StoreError> {
    use image::{ImageFormat, ImageReader, Limits};
    let not_image = || rule("file", k::COMMUNITY_ERR_IMAGE);
    let reader = || {
        ImageReader::new(std::io::Cursor::new(bytes))
            .with_guessed_format()
            .map_err(|_| not_image())
    };
    let mut limits = Limits::default();
    limits.max_image_width = Some(DECODE_SIDE_MAX);
    limits.max_image_height = Some(DECODE_SIDE_MAX);
    limits.max_alloc = Some(DECODE_ALLOC_MAX);
    let mut first = reader()?;
    if !matches!(
        first.format(),
        Some(ImageFormat::Png | ImageFormat::Jpeg | ImageFormat::WebP)
    ) {
        return Err(not_image());
    }
    // its size from the header first: a small file that would decode huge is refused unread
    first.limits(limits.clone());
    let (w, h) = first.into_dimensions().map_err(|_| not_image())?;
    if w > DECODE_SIDE_MAX || h > DECODE_SIDE_MAX {
        return Err(not_image());
    }
    let mut reader = reader()?;
    reader.limits(limits);
    let image = reader.decode().map_err(|_| not_image())?;
    let side = kept.side();
    let image = if image.width() > side || image.height() > side {
        image.thumbnail(side, side)
    } else {
        image
    };
    let mut out = Vec::new();
    let content_type = match kept {
        Kept::Logo => {
            image::codecs::webp::WebPEncoder::new_lossless(&mut out)
                .encode(
                    image.to_rgba8().as_raw(),
                    image.width(),
                    image.height(),
                    image::ExtendedColorType::Rgba8,
                )
                .map_err(|_| not_image())?;
            "image/webp"
        }
        Kept::Picture => {
            image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 80)
                .encode(
                    image.to_rgb8().as_raw(),
                    image.width(),
                    image.height(),
                    image::ExtendedColorType::Rgb8,
                )
                .map_err(|_| not_image())?;
            "image/jpeg"
        }
    };
    Ok(Checked {
        bytes: out,
        content_type,
    })
}

/// A PDF as uploaded: within [`PDF_MAX`], starting with a PDF header and ending with its
/// end-of-file mark.
pub fn pdf(bytes: Vec<u8>) -> Result<Checked, StoreError> {
    if bytes.len() > PDF_MAX {
        return Err(rule("file", k::DOCUMENT_ERR_SIZE));
    }
    let tail = &bytes[bytes.len().saturating_sub(1024)..];
    let header = bytes.starts_with(b"%PDF-1.") || bytes.starts_with(b"%PDF-2.");
    if !header || !tail.windows(5).any(|w| w == b"%%EOF") {
        return Err(rule("file", k::DOCUMENT_ERR_TYPE));
    }
    Ok(Checked {
        bytes,
        content_type: "application/pdf",
    })
}

fn extension(content_type: &str) -> &'static str {
    match content_type {
        "image/webp" => "webp",
        "image/jpeg" => "jpg",
        _ => "pdf",
    }
}

/// A file written to the uploads folder that no row names yet: dropped without
/// [`Saved::keep`], it is removed again.
pub struct Saved {
    pub name: String,
    pub size: i64,
    pub sha256: String,
    pub content_type: &'static str,
    path: Option<PathBuf>,
}

impl Saved {
    /// The row that names it committed: the file stays.
    pub fn keep(mut self) {
        self.path = None;
    }
}

impl Drop for Saved {
    fn drop(&mut self) {
        if let Some(path) = self.path.take() {
            let _ = std::fs::remove_file(path);
        }
    }
}

/// Writes a checked upload under a new generated name (32 random hex digits and its
/// extension): to a temporary name first, then renamed, so a half-written file never has a
/// name a row could point to.
pub async fn save(pool: &SqlitePool, file: Checked) -> std::io::Result<Saved> {
    use rand::RngCore;
    use sha2::{Digest, Sha256};
    let dir = folder(pool);
    tokio::fs::create_dir_all(&dir).await?;
    let mut raw = [0u8; 16];
    rand::thread_rng().fill_bytes(&mut raw);
    let stem: String = raw.iter().map(|b| format!("{b:02x}")).collect();
    let name = format!("{stem}.{}", extension(file.content_type));
    let sha256 = Sha256::digest(&file.bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let path = dir.join(&name);
    let part = dir.join(format!("{stem}.part"));
    let saved = Saved {
        name,
        size: file.bytes.len() as i64,
        sha256,
        content_type: file.content_type,
        path: Some(path.clone()),
    };
    let written = async {
        tokio::fs::write(&part, &file.bytes).await?;
        tokio::fs::rename(&part, &path).await
    }
    .await;
    if written.is_err() {
        let _ = tokio::fs::remove_file(&part).await;
    }
    written.map(|_| saved)
}

/// The row that names a saved file, in the write that uses it.
pub async fn record(
    conn: &mut SqliteConnection,
    file: &Saved,
    audience: FileAudience,
    by: i64,
    now: i64,
) -> sqlx::Result<()> {
    use crate::form::Choice;
    sqlx::query(
        "INSERT INTO files (name, content_type, size, sha256, audience, uploaded_by, created_at) \
         VALUES (?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(&file.name)
    .bind(file.content_type)
    .bind(file.size)
    .bind(&file.sha256)
    .bind(audience.code())
    .bind(by)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Uploads one account (not an administrator) may make in a day: what a partner needs, and a
/// wall against filling the disk.
pub const UPLOADS_PER_DAY: i64 = 20;

/// Refuses another upload by `by` once she made [`UPLOADS_PER_DAY`] in the last day: checked
/// before an upload is read, and again in the write that records it.
pub async fn check_quota(conn: &mut SqliteConnection, by: i64, now: i64) -> Result<(), StoreError> {
    let n: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM files WHERE uploaded_by = ? AND created_at > ?")
            .bind(by)
            .bind(now - 86_400)
            .fetch_one(&mut *conn)
            .await?;
    if n >= UPLOADS_PER_DAY {
        return Err(rule("file", k::COMMUNITY_ERR_QUOTA));
    }
    Ok(())
}

/// A logo or picture that another replaced: nobody but administrators and its uploader reads
/// it any more (a withdrawn photo stops being public).
pub async fn retire(conn: &mut SqliteConnection, name: Option<&str>) -> sqlx::Result<()> {
    match name {
        Some(name) => set_audience(conn, name, FileAudience::Review).await,
        None => Ok(()),
    }
}

/// Who may download file `name` from now on.
pub async fn set_audience(
    conn: &mut SqliteConnection,
    name: &str,
    audience: FileAudience,
) -> sqlx::Result<()> {
    use crate::form::Choice;
    sqlx::query("UPDATE files SET audience = ? WHERE name = ?")
        .bind(audience.code())
        .bind(name)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// A generated name: 32 hex digits, a dot, a known extension. Anything else never reaches the
/// file system.
pub fn generated(name: &str) -> bool {
    match name.split_once('.') {
        Some((stem, ext)) => {
            stem.len() == 32
                && stem
                    .bytes()
                    .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
                && matches!(ext, "webp" | "jpg" | "pdf")
        }
        None => false,
    }
}

/// A `Content-Disposition` value: `attachment` with the name offered for saving (an ASCII
/// fallback and the UTF-8 name, RFC 6266), or `inline`.
pub fn disposition(download_as: Option<&str>) -> String {
    let Some(name) = download_as else {
        return "inline".into();
    };
    let ascii: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | ' ') {
                c
            } else {
                '_'
            }
        })
        .collect();
    format!(
        "attachment; filename=\"{ascii}\"; filename*=UTF-8''{}",
        urlencoding::encode(name)
    )
}

#[derive(sqlx::FromRow)]
struct FileRow {
    content_type: String,
    audience: String,
    uploaded_by: Option<i64>,
    /// a document version's name, when the file is one
    file_name: Option<String>,
}

/// `GET /files/{name}`: the file, to its audience (public; partners and administrators;
/// administrators and the uploader while it waits for review). Anyone else, and any name that
/// is not one this server generated: 404.
pub async fn serve_handler(
    axum::extract::State(state): axum::extract::State<crate::state::AppState>,
    axum::Extension(viewer): axum::Extension<crate::auth::Viewer>,
    axum::extract::Path(name): axum::extract::Path<String>,
    req: axum::extract::Request,
) -> axum::response::Response {
    use crate::auth::middleware::error_response;
    use crate::auth::Role;
    use axum::http::{header, HeaderValue};
    use axum::response::IntoResponse;
    use tower::ServiceExt;
    let not_found = || error_response(viewer.locale, StatusCode::NOT_FOUND);
    if !generated(&name) {
        return not_found();
    }
    let row: Option<FileRow> = match sqlx::query_as(
        "SELECT f.content_type, f.audience, f.uploaded_by, \
           (SELECT v.file_name FROM document_versions v WHERE v.file = f.name) AS file_name \
         FROM files f WHERE f.name = ?",
    )
    .bind(&name)
    .fetch_optional(&state.pool)
    .await
    {
        Ok(row) => row,
        Err(e) => {
            tracing::error!(error = ?e, "a file's row could not be read");
            return error_response(viewer.locale, StatusCode::INTERNAL_SERVER_ERROR);
        }
    };
    let Some(row) = row else { return not_found() };
    let role = viewer.user.as_ref().map(|u| u.role);
    let me = viewer.user.as_ref().map(|u| u.id);
    let allowed = match row.audience.as_str() {
        "public" => true,
        "partners" => matches!(role, Some(Role::Partner | Role::Admin)),
        _ => role == Some(Role::Admin) || (me.is_some() && me == row.uploaded_by),
    };
    if !allowed {
        return not_found();
    }
    let path = folder(&state.pool).join(&name);
    let served = tower_http::services::ServeFile::new(path)
        .oneshot(req)
        .await;
    let Ok(mut res) = served.map(IntoResponse::into_response);
    if res.status() == StatusCode::NOT_FOUND {
        return not_found();
    }
    let headers = res.headers_mut();
    if let Ok(v) = HeaderValue::from_str(&row.content_type) {
        headers.insert(header::CONTENT_TYPE, v);
    }
    let download = row
        .file_name
        .as_deref()
        .filter(|_| row.content_type == "application/pdf");
    if let Ok(v) = HeaderValue::from_str(&disposition(
        download.or((row.content_type == "application/pdf").then_some("document.pdf")),
    )) {
        headers.insert(header::CONTENT_DISPOSITION, v);
    }
    let cache = if row.audience == "public" {
        // a name never changes its bytes, but its audience can narrow (a replaced picture)
        "public, max-age=86400"
    } else {
        "private, no-store"
    };
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    res
}

/// An upload form as read: its text fields, and its one file (`None` when none was chosen).
#[derive(Default)]
pub struct UploadForm {
    pub fields: std::collections::HashMap<String, String>,
    pub file: Option<Vec<u8>>,
    /// the file's name as the browser gave it
    pub file_name: String,
    /// the file was over `max` (what was read of it is dropped)
    pub too_big: bool,
}

impl UploadForm {
    pub fn field(&self, name: &str) -> &str {
        self.fields.get(name).map(String::as_str).unwrap_or("")
    }
}

/// Reads a multipart form with at most one file of at most `max` bytes (a bigger one is read
/// to its end, or to the body limit, and reported as too big, so the browser gets a message
/// rather than a cut connection) and a few short text fields. `Err` for anything that is not
/// such a form, or a link that dropped mid-file.
pub async fn read_upload(
    req: axum::extract::Request,
    state: &crate::state::AppState,
    max: usize,
) -> Result<UploadForm, StatusCode> {
    use axum::extract::{FromRequest, Multipart};
    let mut form = Multipart::from_request(req, state)
        .await
        .map_err(|_| StatusCode::BAD_REQUEST)?;
    let mut out = UploadForm::default();
    loop {
        let mut field = match form.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => break,
            Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE && out.file.is_some() => {
                out.too_big = true;
                break;
            }
            Err(_) => return Err(StatusCode::BAD_REQUEST),
        };
        let name = field.name().unwrap_or("").to_string();
        if name == "file" && out.file.is_none() {
            out.file_name = field.file_name().unwrap_or("").chars().take(200).collect();
            let mut bytes = Vec::new();
            loop {
                match field.chunk().await {
                    Ok(Some(chunk)) if !out.too_big && bytes.len() + chunk.len() <= max => {
                        bytes.extend_from_slice(&chunk)
                    }
                    Ok(Some(_)) => {
                        out.too_big = true;
                        bytes = Vec::new();
                    }
                    Ok(None) => break,
                    Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                        out.too_big = true;
                        break;
                    }
                    Err(_) => return Err(StatusCode::BAD_REQUEST),
                }
            }
            // a file input left empty sends a part with no name and no bytes
            out.file = Some(bytes).filter(|b| !b.is_empty() || out.too_big);
            if out.too_big {
                break;
            }
        } else if out.fields.len() < 16 && !out.fields.contains_key(&name) {
            let text = field.text().await.map_err(|_| StatusCode::BAD_REQUEST)?;
            if text.len() > 4_000 {
                return Err(StatusCode::BAD_REQUEST);
            }
            out.fields.insert(name, text);
        } else {
            return Err(StatusCode::BAD_REQUEST);
        }
    }
    Ok(out)
}

/// Reads a form with one image (a logo, a practice's image), checks it and writes it resized
/// and re-encoded as `kept` says (not yet named by any row: see [`Saved`]). A body that is no such form is a
/// [`AppError::Transport`] (400).
pub async fn upload_picture(
    req: axum::extract::Request,
    state: &crate::state::AppState,
    kept: Kept,
) -> Result<Saved, crate::error::AppError> {
    use crate::error::AppError;
    use crate::i18n::Msg;
    let form = read_upload(req, state, IMAGE_MAX)
        .await
        .map_err(|s| AppError::Transport(s.to_string()))?;
    let bytes = match (form.file, form.too_big) {
        (_, true) => {
            return Err(AppError::invalid(
                "file",
                Msg::new(k::COMMUNITY_ERR_IMAGE_SIZE),
            ))
        }
        (None, _) => return Err(AppError::invalid("file", Msg::new(k::ERR_REQUIRED))),
        (Some(bytes), false) => bytes,
    };
    let picture = picture(bytes, kept).await?;
    save(&state.pool, picture).await.map_err(|e| {
        tracing::error!(error = ?e, "an upload could not be written");
        AppError::Internal
    })
}

/// Where an upload form goes next, as [`crate::auth::guard::Cx::finish`] does for server
/// functions: on success to `to` with `notice`, when refused back to `back` with the messages
/// on form `form`.
pub async fn answer(
    state: &crate::state::AppState,
    viewer: &crate::auth::Viewer,
    result: Result<(String, crate::i18n::Msg), crate::error::AppError>,
    form: &str,
    back: &str,
) -> axum::response::Response {
    use crate::form::Flash;
    use axum::http::header;
    use axum::response::{IntoResponse, Redirect};
    let (to, flash) = match result {
        Ok((to, notice)) => (
            to,
            Flash {
                notice: Some(notice),
                ..Flash::default()
            },
        ),
        Err(crate::error::AppError::NotFound) => {
            return crate::auth::middleware::error_response(viewer.locale, StatusCode::NOT_FOUND)
        }
        Err(crate::error::AppError::Transport(_)) => {
            return crate::auth::middleware::error_response(viewer.locale, StatusCode::BAD_REQUEST)
        }
        Err(e @ crate::error::AppError::Invalid(_)) => (
            back.to_string(),
            Flash {
                form: Some(form.to_string()),
                errors: e.messages(),
                ..Flash::default()
            },
        ),
        Err(e) => {
            tracing::error!(error = ?e, "an upload failed");
            return crate::auth::middleware::error_response(
                viewer.locale,
                StatusCode::INTERNAL_SERVER_ERROR,
            );
        }
    };
    let mut res = Redirect::to(&to).into_response();
    if let Ok(token) = flash.keep(&state.pool, crate::db::now()).await {
        let c = crate::auth::guard::cookie(
            crate::auth::FLASH_COOKIE,
            &token,
            crate::form::FLASH_SECONDS,
            true,
            viewer.secure,
        );
        if let Ok(v) = axum::http::HeaderValue::from_str(&c) {
            res.headers_mut().append(header::SET_COOKIE, v);
        }
    }
    res
}

#[cfg(test)]
mod rules {
    use super::*;

    #[test]
    fn only_generated_names_reach_the_disk() {
        assert!(generated("0123456789abcdef0123456789abcdef.webp"));
        assert!(generated("0123456789abcdef0123456789abcdef.pdf"));
        assert!(generated("0123456789abcdef0123456789abcdef.jpg"));
        assert!(!generated("0123456789ABCDEF0123456789abcdef.pdf"));
        assert!(!generated("../../etc/passwd"));
        assert!(!generated("0123456789abcdef0123456789abcdef.html"));
        assert!(!generated("0123456789abcdef0123456789abcde.pdf"));
        assert!(!generated("0123456789abcdef0123456789abcdef.part"));
    }

    #[test]
    fn disposition_offers_a_safe_name() {
        assert_eq!(disposition(None), "inline");
        assert_eq!(
            disposition(Some("Стратегия \"v2\".pdf")),
            "attachment; filename=\"_________ _v2_.pdf\"; filename*=UTF-8''%D0%A1%D1%82%D1%80%D0%B0%D1%82%D0%B5%D0%B3%D0%B8%D1%8F%20%22v2%22.pdf"
        );
    }

    #[test]
    fn a_pdf_has_its_header_and_end() {
        assert!(pdf(b"%PDF-1.4\n1 0 obj\n%%EOF\n".to_vec()).is_ok());
        assert!(pdf(b"<html>%%EOF".to_vec()).is_err());
        assert!(pdf(b"%PDF-1.4 but cut".to_vec()).is_err());
        let mut big = b"%PDF-1.4\n".to_vec();
        big.resize(PDF_MAX + 1, b' ');
        big.extend_from_slice(b"%%EOF");
        assert!(pdf(big).is_err());
    }

    #[tokio::test]
    async fn pictures_are_resized_and_anything_else_refused() {
        // a 400×200 PNG becomes a WebP of at most 160 wide, keeping its shape
        let mut png = Vec::new();
        image::RgbImage::from_pixel(400, 200, image::Rgb([10, 120, 90]))
            .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
            .unwrap();
        let out = picture(png.clone(), Kept::Logo).await.unwrap();
        assert_eq!(out.content_type, "image/webp");
        let back = image::load_from_memory(&out.bytes).unwrap();
        assert_eq!((back.width(), back.height()), (160, 80));
        // a picture: a JPEG, not enlarged
        let out = picture(png, Kept::Picture).await.unwrap();
        assert_eq!(out.content_type, "image/jpeg");
        let back = image::load_from_memory(&out.bytes).unwrap();
        assert_eq!((back.width(), back.height()), (400, 200));
        // a header that claims 20,000 × 20,000 pixels is refused before decoding
        let mut bomb = Vec::new();
        image::GrayImage::new(1, 1)
            .write_to(
                &mut std::io::Cursor::new(&mut bomb),
                image::ImageFormat::Png,
            )
            .unwrap();
        bomb[16..20].copy_from_slice(&20_000u32.to_be_bytes());
        bomb[20..24].copy_from_slice(&20_000u32.to_be_bytes());
        assert!(picture(bomb, Kept::Logo).await.is_err());
        // not an image; a PDF; a truncated PNG; an SVG (scripts) are all refused
        for bad in [
            b"hello".to_vec(),
            b"%PDF-1.4\n%%EOF".to_vec(),
            b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec(),
            b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>".to_vec(),
        ] {
            assert!(picture(bad, Kept::Logo).await.is_err());
        }
        assert!(picture(vec![0; IMAGE_MAX + 1], Kept::Logo).await.is_err());
    }
}
