//! The downloads: `GET /account/data.json` and `GET /account/data.html` give the signed-in
//! person her own data; with `?email=…` an administrator gets that person's (on her written
//! request). Each download is audited; ten an hour per person. Deleting an account: hers with
//! her password, or someone's by an administrator on her written request.
use leptos::prelude::*;
#[cfg(feature = "ssr")]
#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub struct Whose {
    /// for administrators: the address of the person who asked
    pub email: String,
}

#[cfg(feature = "ssr")]
pub async fn download_handler(
    axum::extract::State(state): axum::extract::State<crate::state::AppState>,
    axum::extract::Path(file): axum::extract::Path<String>,
    axum::Extension(viewer): axum::Extension<crate::auth::Viewer>,
    query: Result<axum::extract::Query<Whose>, axum::extract::rejection::QueryRejection>,
) -> axum::response::Response {
    use crate::auth::middleware::{error_response, simple_page};
    use crate::i18n::k;
    use axum::http::{header, StatusCode};
    use axum::response::{Html, IntoResponse};
    let locale = viewer.locale;
    let html = match file.as_str() {
        "data.json" => false,
        "data.html" => true,
        _ => return error_response(locale, StatusCode::NOT_FOUND),
    };
    let Some(me) = viewer.user.clone() else {
        return (
            StatusCode::UNAUTHORIZED,
            Html(simple_page(locale, k::NAV_SIGN_IN, k::ERR_SIGN_IN_NEEDED)),
        )
            .into_response();
    };
    let whose = query.map(|q| q.0).unwrap_or_default();
    let now = crate::db::now();
    let result = async {
        // whose data: her own, or (administrators only) the person named
        let account = match whose.email.trim() {
            "" => Some(me.id),
            email if me.role == crate::auth::Role::Admin => {
                super::store::by_email(&state.pool, email).await?
            }
            _ => {
                crate::auth::guard::refused(&viewer, "/account/data.* for someone else");
                None
            }
        };
        let Some(account) = account else {
            return Ok(None);
        };
        let how = match (html, account == me.id) {
            (false, true) => "json",
            (true, true) => "html",
            (false, false) => "json, on her written request",
            (true, false) => "html, on her written request",
        };
        match super::store::claim_export(&state.pool, me.id, account, how, now).await {
            Ok(()) => {}
            Err(crate::db::StoreError::Db(e)) => return Err(e),
            Err(crate::db::StoreError::Refused(_)) => return Ok(Some(Err(()))),
        }
        let Some(export) = super::store::export(&state.pool, account, now).await? else {
            return Ok(None);
        };
        Ok::<_, sqlx::Error>(Some(Ok(export)))
    }
    .await;
    match result {
        Ok(Some(Ok(export))) => {
            let (body, kind, name) = if html {
                (
                    export.html(locale),
                    "text/html; charset=utf-8",
                    "my-data.html",
                )
            } else {
                (export.json(), "application/json", "my-data.json")
            };
            (
                [
                    (header::CONTENT_TYPE, kind.to_string()),
                    (
                        header::CONTENT_DISPOSITION,
                        format!("attachment; filename=\"{name}\""),
                    ),
                    (header::CACHE_CONTROL, "no-store".to_string()),
                ],
                body,
            )
                .into_response()
        }
        Ok(Some(Err(()))) => (
            StatusCode::TOO_MANY_REQUESTS,
            Html(simple_page(locale, k::DATA_TITLE, k::DATA_TOO_MANY)),
        )
            .into_response(),
        Ok(None) => error_response(locale, StatusCode::NOT_FOUND),
        Err(e) => {
            tracing::error!(error = ?e, "a data export failed");
            error_response(locale, StatusCode::INTERNAL_SERVER_ERROR)
        }
    }
}

/// She deletes her own account, with her password (a borrowed phone with her session open is
/// not enough). Her sessions end with it.
#[server(endpoint = "delete_my_account")]
pub async fn delete_my_account(
    #[server(default)] password: String,
) -> Result<(), crate::error::AppError> {
    use crate::auth::guard::*;
    use crate::auth::{store as sessions, SESSION_COOKIE};
    use crate::error::AppError;
    use crate::form::FormPost;
    use crate::i18n::{k, Msg};
    let cx = guard(Access::SignedIn)?;
    let result = async {
        let me = cx.me()?.id;
        if password.is_empty() {
            return Err(AppError::invalid("password", Msg::new(k::ERR_REQUIRED)));
        }
        let now = crate::db::now();
        let attempt =
            crate::accounts::api::current_password_is(&cx, me, "password", &password).await?;
        sessions::forgive_ids(cx.pool(), &attempt).await?;
        super::store::erase(cx.pool(), me, me, "", now).await?;
        cx.set_cookie(SESSION_COOKIE, "", 0, true);
        Ok(())
    }
    .await;
    let post = FormPost::new("delete", "/account/data");
    cx.finish(post, result, |_| {
        ("/".into(), Some(Msg::new(k::DATA_DELETED_NOTICE)))
    })
    .await
}

/// An administrator deletes a person's account on her written request, named in the audit
/// log.
#[server(endpoint = "delete_account_on_request")]
pub async fn delete_account_on_request(
    #[server(default)] email: String,
    #[server(default)] request: String,
) -> Result<(), crate::error::AppError> {
    use crate::auth::{guard::*, Role};
    use crate::db::rule;
    use crate::form::FormPost;
    use crate::i18n::{k, Msg};
    let cx = guard(Access::Roles(&[Role::Admin]))?;
    let result = async {
        let mut c = crate::form::Checker::default();
        let address = c.text("email", &email, 254, false);
        let request = c.text("request", &request, super::REQUEST_MAX, false);
        c.finish(Some(()))?;
        let Some(account) = super::store::by_email(cx.pool(), &address).await? else {
            return Err(rule("email", k::DATA_ERR_NO_ACCOUNT).into());
        };
        super::store::erase(cx.pool(), account, cx.me()?.id, &request, crate::db::now()).await?;
        Ok(())
    }
    .await;
    let mut post = FormPost::new("delete-on-request", "/account/data#delete-on-request-h");
    post.values = vec![
        ("email".into(), email.clone()),
        ("request".into(), request.clone()),
    ];
    cx.finish(post, result, |_| {
        (
            "/account/data".into(),
            Some(Msg::new(k::DATA_DELETED_ON_REQUEST)),
        )
    })
    .await
}
