//! Server functions for notifications and the administrators' outbox, and the plain GET
//! route that opens a notification (marks it read, then goes to what it is about).
use super::{Inbox, Outbox};
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::auth::guard::*;
#[cfg(feature = "ssr")]
use crate::form::FormPost;

#[server(endpoint = "notifications")]
pub async fn load_notifications(#[server(default)] before: Option<i64>) -> Result<Inbox, AppError> {
    let cx = guard(Access::SignedIn)?;
    Ok(super::store::inbox(cx.pool(), cx.me()?.id, before, super::PAGE).await?)
}

#[server(endpoint = "notifications_read")]
pub async fn mark_notifications_read() -> Result<(), AppError> {
    use crate::i18n::{k, Msg};
    let cx = guard(Access::SignedIn)?;
    let result = async {
        super::store::mark_all_read(cx.pool(), cx.me()?.id, crate::db::now()).await?;
        Ok(())
    }
    .await;
    let post = FormPost::new("notifications", "/notifications");
    cx.finish(post, result, |_| {
        ("/notifications".into(), Some(Msg::new(k::NOTICE_ALL_READ)))
    })
    .await
}

#[server(endpoint = "outbox")]
pub async fn load_outbox() -> Result<Outbox, AppError> {
    use crate::auth::Role;
    let cx = guard(Access::Roles(&[Role::Admin]))?;
    let (queued, emails) = super::store::outbox(cx.pool(), 100).await?;
    Ok(Outbox {
        smtp_configured: cx.state.config.smtp_url.is_some(),
        queued,
        emails,
    })
}

/// `GET /notifications/open/{id}`: marks the notification read and redirects to its link.
/// Someone else's notification is a 404, and signed-out visitors go to the sign-in page.
#[cfg(feature = "ssr")]
pub async fn open_handler(
    axum::extract::State(state): axum::extract::State<crate::state::AppState>,
    axum::extract::Path(id): axum::extract::Path<String>,
    axum::Extension(viewer): axum::Extension<crate::auth::Viewer>,
) -> axum::response::Response {
    use axum::http::{header, StatusCode};
    use axum::response::IntoResponse;
    let see_other =
        |to: &str| (StatusCode::SEE_OTHER, [(header::LOCATION, to.to_string())]).into_response();
    let Some(user) = viewer.user else {
        return see_other("/signin");
    };
    let link = match id.parse::<i64>() {
        Ok(id) => super::store::open(&state.pool, user.id, id, crate::db::now()).await,
        Err(_) => Ok(None),
    };
    match link {
        // links are written by the app itself; only same-site paths are followed
        Ok(Some(link)) if link.starts_with('/') && !link.starts_with("//") => see_other(&link),
        Ok(_) => crate::auth::middleware::error_response(viewer.locale, StatusCode::NOT_FOUND),
        Err(e) => {
            tracing::error!(error = %e, "opening a notification failed");
            crate::auth::middleware::error_response(
                viewer.locale,
                StatusCode::INTERNAL_SERVER_ERROR,
            )
        }
    }
}
