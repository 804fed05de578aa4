//! Imports for administrators (anyone else gets 404, and nothing changes): the list of imports,
//! one import's report, and the upload itself (`POST /admin/import/upload`, a multipart form
//! that works without JavaScript: it answers with a redirect to the import's report).
use super::{BatchPage, BatchSummary};
use crate::error::AppError;
use leptos::prelude::*;

/// How many imports the list shows at once.
pub const BATCHES_PER_PAGE: i64 = 20;

/// The newest imports (`before`: the page after the one that ended there).
#[server(endpoint = "import_batches")]
pub async fn load_batches(
    #[server(default)] before: Option<i64>,
) -> Result<Vec<BatchSummary>, AppError> {
    use crate::auth::{guard::*, Role};
    let cx = guard(Access::Roles(&[Role::Admin]))?;
    Ok(super::store::batches(cx.pool(), before, BATCHES_PER_PAGE + 1).await?)
}

/// One import and its problems.
#[server(endpoint = "import_batch")]
pub async fn load_batch(id: i64) -> Result<BatchPage, AppError> {
    use crate::auth::{guard::*, Role};
    let cx = guard(Access::Roles(&[Role::Admin]))?;
    Ok(super::store::batch(cx.pool(), id).await?)
}

/// The largest upload body read (a file up to [`super::FILE_MAX`] and the form around it;
/// anything bigger up to this is read to its end and reported as too big, so the browser gets
/// the report rather than a cut connection).
#[cfg(feature = "ssr")]
pub const UPLOAD_BODY_MAX: usize = 16 * 1024 * 1024;

/// `POST /admin/import/upload` (`kind`, `file`): imports the file if every row is clean, and
/// redirects to its report either way. Non-administrators get the 404 page before the body is
/// read.
#[cfg(feature = "ssr")]
pub async fn upload_handler(
    axum::extract::State(state): axum::extract::State<crate::state::AppState>,
    axum::Extension(viewer): axum::Extension<crate::auth::Viewer>,
    req: axum::extract::Request,
) -> axum::response::Response {
    use super::store::{import, Importer};
    use super::Kind;
    use crate::auth::guard::{check, Access};
    use crate::auth::middleware::error_response;
    use crate::auth::Role;
    use crate::form::Choice;
    use axum::extract::{FromRequest, Multipart};
    use axum::http::StatusCode;
    use axum::response::{IntoResponse, Redirect};
    let Ok(Some(me)) = check(Access::Roles(&[Role::Admin]), &viewer).map(|u| u.map(|u| u.id))
    else {
        return error_response(viewer.locale, StatusCode::NOT_FOUND);
    };
    let Ok(mut form) = Multipart::from_request(req, &state).await else {
        return error_response(viewer.locale, StatusCode::BAD_REQUEST);
    };
    let (mut kind, mut name, mut bytes, mut too_big) = (None, None, Vec::new(), false);
    'fields: loop {
        let mut field = match form.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => break,
            // past the body limit: what was read is enough to say the file is too big
            Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE && name.is_some() => {
                too_big = true;
                break;
            }
            Err(_) => return error_response(viewer.locale, StatusCode::BAD_REQUEST),
        };
        match field.name() {
            Some("kind") => kind = field.text().await.ok().as_deref().and_then(Kind::from_code),
            // one file a form
            Some("file") if name.is_none() => {
                name = Some(field.file_name().unwrap_or("").to_string());
                loop {
                    match field.chunk().await {
                        Ok(Some(chunk)) if bytes.len() <= super::FILE_MAX => {
                            bytes.extend_from_slice(&chunk)
                        }
                        // past the limit: read on to the end, keep nothing more
                        Ok(Some(_)) => too_big = true,
                        Ok(None) => break,
                        // past the body limit: nothing after it can be read
                        Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                            too_big = true;
                            break 'fields;
                        }
                        // the link dropped mid-file: nothing to report on
                        Err(_) => return error_response(viewer.locale, StatusCode::BAD_REQUEST),
                    }
                }
            }
            _ => return error_response(viewer.locale, StatusCode::BAD_REQUEST),
        }
    }
    let (Some(kind), Some(name)) = (kind, name) else {
        return error_response(viewer.locale, StatusCode::BAD_REQUEST);
    };
    if too_big {
        // `csv::parse` refuses anything over the limit with the limit in its message
        bytes.resize(super::FILE_MAX + 1, b' ');
    }
    let who = Importer {
        by: Some(me),
        locale: viewer.locale,
    };
    match import(&state.pool, kind, &name, bytes, who, crate::db::now()).await {
        Ok((id, state_now)) => {
            if state_now == super::BatchState::Imported {
                // the invitations go out now, not at the mailer's next minute
                crate::notifications::wake_mailer(&state);
            }
            Redirect::to(&format!("/admin/import/{id}")).into_response()
        }
        Err(e) => {
            tracing::error!(error = ?e, "an import failed");
            error_response(viewer.locale, StatusCode::INTERNAL_SERVER_ERROR)
        }
    }
}
