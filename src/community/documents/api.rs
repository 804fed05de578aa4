//! Documents: anyone lists the public ones, partners and administrators every one; the files
//! themselves are served by `community::files` to the same people. Administrators upload a
//! new document or a new version through a multipart form (`POST /community/documents`,
//! [`upload_handler`]).
use super::Documents;
use crate::error::AppError;
use leptos::prelude::*;

#[server(endpoint = "community_documents")]
pub async fn load_documents() -> Result<Documents, AppError> {
    use crate::auth::{guard::*, Role};
    let cx = guard(Access::Anyone)?;
    let role = cx.user.as_ref().map(|u| u.role);
    let partner = matches!(role, Some(Role::Partner | Role::Admin));
    Ok(Documents {
        documents: super::store::list(cx.pool(), partner).await?,
        admin: role == Some(Role::Admin),
    })
}

/// The largest upload form read (a PDF and the form around it).
#[cfg(feature = "ssr")]
pub const PDF_BODY_MAX: usize = crate::community::PDF_MAX + 64 * 1024;

/// `POST /community/documents` (`document_id` empty for a new document, `title`, `audience`,
/// `note`, `file`): administrators only (anyone else: 404, before the body is read).
#[cfg(feature = "ssr")]
pub async fn upload_handler(
    axum::extract::State(state): axum::extract::State<crate::state::AppState>,
    axum::Extension(viewer): axum::Extension<crate::auth::Viewer>,
    req: axum::extract::Request,
) -> axum::response::Response {
    use super::*;
    use crate::auth::{guard::*, Role};
    use crate::community::files;
    use crate::form::Checker;
    use crate::i18n::{k, Msg};
    let Ok(Some(me)) = check(Access::Roles(&[Role::Admin]), &viewer) else {
        return crate::auth::middleware::error_response(viewer.locale, http::StatusCode::NOT_FOUND);
    };
    let result = async {
        let form = files::read_upload(req, &state, crate::community::PDF_MAX)
            .await
            .map_err(|s| AppError::Transport(s.to_string()))?;
        let id = match form.field("document_id").trim() {
            "" => None,
            raw => Some(AppError::id(raw)?),
        };
        let mut c = Checker::default();
        let title = c.name("title", form.field("title"), TITLE_MAX, false);
        let audience = c.choice::<DocAudience>("audience", form.field("audience"));
        let note = c.text("note", form.field("note"), NOTE_MAX, true);
        let bytes = match (form.file, form.too_big) {
            (_, true) => {
                c.fail("file", Msg::new(k::DOCUMENT_ERR_SIZE));
                None
            }
            (None, _) => {
                c.fail("file", Msg::new(k::ERR_REQUIRED));
                None
            }
            (Some(bytes), false) => Some(bytes),
        };
        let (audience, bytes) = c.finish(audience.zip(bytes))?;
        let pdf = files::pdf(bytes)?;
        let saved = files::save(&state.pool, pdf).await.map_err(|e| {
            tracing::error!(error = ?e, "a document could not be written");
            AppError::Internal
        })?;
        let file_name = match form.file_name.trim() {
            n if n.to_lowercase().ends_with(".pdf") && !n.contains(['/', '\\']) => n.to_string(),
            _ => format!("{title}.pdf"),
        };
        let pool = state.pool.clone();
        // the write and keeping its file end together, even if the request is cut off
        let (_, version) = tokio::spawn(async move {
            store::upload(
                &pool,
                id,
                &title,
                audience,
                &note,
                &file_name,
                saved,
                me.id,
                crate::db::now(),
            )
            .await
        })
        .await
        .map_err(|_| AppError::Internal)??;
        Ok((
            "/community/documents".to_string(),
            Msg::new(k::DOCUMENT_SAVED).with("version", version),
        ))
    }
    .await;
    files::answer(
        &state,
        &viewer,
        result,
        "document",
        "/community/documents#upload",
    )
    .await
}
