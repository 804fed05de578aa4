//! Server functions for the held queue: what waits, and an administrator's decision.
use super::HeldText;
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::auth::{guard::*, Role};
#[cfg(feature = "ssr")]
use crate::form::FormPost;

/// Held texts waiting for a decision (administrators only).
#[server(endpoint = "held_texts")]
pub async fn load_held_texts() -> Result<Vec<HeldText>, AppError> {
    let cx = guard(Access::Roles(&[Role::Admin]))?;
    Ok(super::store::waiting(cx.pool(), 100).await?)
}

/// Reported content, the most recently reported first (administrators only).
#[server(endpoint = "reported")]
pub async fn load_reported() -> Result<Vec<super::ReportedItem>, AppError> {
    let cx = guard(Access::Roles(&[Role::Admin]))?;
    Ok(super::store::reported(cx.pool(), 100).await?)
}

/// Releases a held text (it goes back in its place) or removes it.
#[server(endpoint = "decide_held_text")]
pub async fn decide_held_text(
    #[server(default)] held_id: String,
    #[server(default)] decision: String,
) -> Result<(), AppError> {
    use crate::i18n::{k, Msg};
    let cx = guard(Access::Roles(&[Role::Admin]))?;
    let result = async {
        let id = AppError::id(&held_id)?;
        let release = match decision.as_str() {
            "release" => true,
            "remove" => false,
            _ => return Err(AppError::invalid("decision", Msg::new(k::ERR_CHOOSE_ONE))),
        };
        super::store::decide(cx.pool(), id, release, cx.me()?.id, crate::db::now()).await?;
        Ok(release)
    }
    .await;
    let post = FormPost::new("held_text", "/admin/messages");
    cx.finish(post, result, |release| {
        let key = if *release {
            k::NOTICE_HELD_RELEASED
        } else {
            k::NOTICE_HELD_REMOVED
        };
        ("/admin/messages".into(), Some(Msg::new(key)))
    })
    .await
    .map(|_| ())
}
