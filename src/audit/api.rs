//! Reading the audit log: a page for administrators, and the CSV download. Nothing here (or
//! anywhere) changes an entry.
use super::{Filter, Page};
use crate::error::AppError;
use leptos::prelude::*;

/// A page of the log under a filter (administrators only; anyone else: 404).
#[server(endpoint = "audit_page")]
pub async fn load_audit(
    #[server(flatten)] filter: Filter,
    #[server(default)] page: i64,
) -> Result<Page, AppError> {
    use crate::auth::{guard::*, Role};
    let cx = guard(Access::Roles(&[Role::Admin]))?;
    Ok(super::store::page(cx.pool(), &filter.query(), page.clamp(1, 100_000)).await?)
}

/// `GET /admin/audit.csv?action=…&who=…&from=…&to=…`: what the filter gives, as a CSV file;
/// administrators only, anyone else gets the 404 page.
#[cfg(feature = "ssr")]
pub async fn csv_handler(
    axum::extract::State(state): axum::extract::State<crate::state::AppState>,
    axum::Extension(viewer): axum::Extension<crate::auth::Viewer>,
    query: Result<axum::extract::Query<Filter>, axum::extract::rejection::QueryRejection>,
) -> axum::response::Response {
    use crate::auth::{guard::check, guard::Access, middleware::error_response, Role};
    use axum::http::StatusCode;
    if check(Access::Roles(&[Role::Admin]), &viewer).is_err() {
        crate::auth::guard::refused(&viewer, "/admin/audit.csv");
        return error_response(viewer.locale, StatusCode::NOT_FOUND);
    }
    let filter = query.map(|q| q.0).unwrap_or_default();
    match super::store::all(&state.pool, &filter.query()).await {
        Ok(entries) => crate::csv::download("audit.csv", super::csv(&entries, viewer.locale)),
        Err(e) => {
            tracing::error!(error = ?e, "the audit CSV failed");
            error_response(viewer.locale, StatusCode::INTERNAL_SERVER_ERROR)
        }
    }
}
