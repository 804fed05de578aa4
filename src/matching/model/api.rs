//! Server functions for the learned fit score (administrators only; anyone else gets 404): the
//! versions and outcomes, training a version, choosing the one in use.
use super::ModelPage;
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::auth::{guard::*, Role};
#[cfg(feature = "ssr")]
use crate::form::FormPost;
#[cfg(feature = "ssr")]
use crate::i18n::{k, Msg};

#[cfg(feature = "ssr")]
const ADMIN: Access = Access::Roles(&[Role::Admin]);

#[server(endpoint = "matching_models")]
pub async fn load_models() -> Result<ModelPage, AppError> {
    let cx = guard(ADMIN)?;
    let (good, bad) = super::store::counts(cx.pool(), crate::db::now()).await?;
    Ok(ModelPage {
        good,
        bad,
        active: super::store::active(cx.pool()).await?,
        versions: super::store::versions(cx.pool(), 20).await?,
        hand_set: crate::matching::Weights::HAND_SET.0,
    })
}

/// Trains a new version from the past outcomes (it is kept, not put in use).
#[server(endpoint = "matching_train")]
pub async fn train_model() -> Result<(), AppError> {
    let cx = guard(ADMIN)?;
    let result = async {
        let by = cx.me()?.id;
        Ok(super::store::train(cx.pool(), Some(by), crate::db::now())
            .await?
            .0)
    }
    .await;
    let post = FormPost::new("model", "/admin/matching");
    cx.finish(post, result, |id| {
        (
            "/admin/matching".into(),
            Some(Msg::new(k::MODEL_TRAINED).with("id", id)),
        )
    })
    .await
    .map(|_| ())
}

/// Puts a version in use (`model_id`), or the hand-set weights (`model_id` empty).
#[server(endpoint = "matching_activate")]
pub async fn activate_model(#[server(default)] model_id: String) -> Result<(), AppError> {
    let cx = guard(ADMIN)?;
    let result = async {
        let id = match model_id.trim() {
            "" => None,
            raw => Some(AppError::id(raw)?),
        };
        let by = cx.me()?.id;
        let by = super::store::Chooser::Admin(by);
        super::store::activate(cx.pool(), id, by, crate::db::now()).await?;
        Ok(id)
    }
    .await;
    let post = FormPost::new("model", "/admin/matching");
    cx.finish(post, result, |id| {
        let notice = match id {
            Some(id) => Msg::new(k::MODEL_ACTIVATED).with("id", id),
            None => Msg::new(k::MODEL_HAND_ACTIVATED),
        };
        ("/admin/matching".into(), Some(notice))
    })
    .await
    .map(|_| ())
}
