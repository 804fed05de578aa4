//! The dashboard for administrators: its sections for a filter, and each section as CSV.
use super::{Dashboard, Filter};
use crate::error::AppError;
use leptos::prelude::*;

/// Every section for a filter (administrators only; anyone else: 404).
#[server(endpoint = "dashboard")]
pub async fn load_dashboard(#[server(flatten)] filter: Filter) -> Result<Dashboard, AppError> {
    use crate::auth::{guard::*, Role};
    let cx = guard(Access::Roles(&[Role::Admin]))?;
    let figures = super::store::figures(cx.pool(), &filter.query(), crate::db::now()).await?;
    Ok(Dashboard {
        sections: super::sections(&figures),
    })
}

/// `GET /admin/dashboard/{section}.csv?from=…&to=…&region=…`: one section's table as CSV, in
/// the reader's language; administrators only, anyone else (and an unknown section) gets the
/// 404 page.
#[cfg(feature = "ssr")]
pub async fn csv_handler(
    axum::extract::State(state): axum::extract::State<crate::state::AppState>,
    axum::extract::Path(file): axum::extract::Path<String>,
    axum::Extension(viewer): axum::Extension<crate::auth::Viewer>,
    query: Result<axum::extract::Query<Filter>, axum::extract::rejection::QueryRejection>,
) -> axum::response::Response {
    use crate::auth::{guard::check, guard::Access, middleware::error_response, Role};
    use axum::http::StatusCode;
    if check(Access::Roles(&[Role::Admin]), &viewer).is_err() {
        crate::auth::guard::refused(&viewer, "/admin/dashboard/*.csv");
        return error_response(viewer.locale, StatusCode::NOT_FOUND);
    }
    let filter = query.map(|q| q.0).unwrap_or_default();
    let figures = match super::store::figures(&state.pool, &filter.query(), crate::db::now()).await
    {
        Ok(f) => f,
        Err(e) => {
            tracing::error!(error = ?e, "the dashboard's CSV failed");
            return error_response(viewer.locale, StatusCode::INTERNAL_SERVER_ERROR);
        }
    };
    // the labels in her language, as on the page
    let sections = crate::i18n::with_locale(viewer.locale, || super::sections(&figures));
    let name = file.strip_suffix(".csv").unwrap_or("");
    match sections.into_iter().find(|s| s.id == name) {
        Some(s) => crate::csv::download(&format!("{}.csv", s.id), s.csv()),
        None => error_response(viewer.locale, StatusCode::NOT_FOUND),
    }
}
