//! Server functions for moderation: the held texts, the queue of reported content and appeals
//! (administrators), a case's page and an appeal (its author).
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
    let post = FormPost::new("held_text", "/admin/moderation#held");
    cx.finish(post, result, |release| {
        let key = if *release {
            k::NOTICE_HELD_RELEASED
        } else {
            k::NOTICE_HELD_REMOVED
        };
        ("/admin/moderation#held".into(), Some(Msg::new(key)))
    })
    .await
    .map(|_| ())
}

/// How many open cases, and appeals, the queue shows at once.
pub const QUEUE_MAX: i64 = 50;

/// Open cases and waiting appeals (administrators only).
#[server(endpoint = "moderation_queue")]
pub async fn load_queue() -> Result<super::Queue, AppError> {
    let cx = guard(Access::Roles(&[Role::Admin]))?;
    Ok(super::store::queue(cx.pool(), QUEUE_MAX, cx.me()?.id).await?)
}

/// An administrator decides an open case (with a reason, perhaps a sanction on the author).
#[server(endpoint = "moderation_decide")]
pub async fn decide_case(#[server(flatten)] form: super::DecisionFields) -> Result<(), AppError> {
    use crate::i18n::{k, Msg};
    let cx = guard(Access::Roles(&[Role::Admin]))?;
    let id = AppError::id(&form.case_id).unwrap_or(0);
    let result = async {
        let id = AppError::id(&form.case_id)?;
        let seen = form.version.trim().parse::<i64>().unwrap_or(-1);
        let now = crate::db::now();
        let d = form.check(now)?;
        super::store::decide_case(cx.pool(), id, seen, &d, cx.me()?.id, now).await?;
        Ok(())
    }
    .await;
    let name = format!("case-{id}");
    let back = format!("/admin/moderation#case-{id}");
    let post = FormPost::refill(&name, &back, &form);
    cx.finish(post, result, |_| {
        ("/admin/moderation".into(), Some(Msg::new(k::MOD_DECIDED)))
    })
    .await
}

/// A case as its author (or an administrator) reads it; anyone else: 404.
#[server(endpoint = "moderation_case")]
pub async fn load_case(id: i64) -> Result<super::CaseView, AppError> {
    let cx = guard(Access::SignedIn)?;
    let me = cx.me()?;
    Ok(super::store::case_view(
        cx.pool(),
        id,
        me.id,
        me.role == Role::Admin,
        crate::db::now(),
    )
    .await?)
}

/// The author appeals a decision (once, within 14 days).
#[server(endpoint = "moderation_appeal")]
pub async fn appeal_case(#[server(flatten)] form: super::AppealFields) -> Result<(), AppError> {
    use crate::i18n::{k, Msg};
    let cx = guard(Access::SignedIn)?;
    let back = crate::auth::guard::id_path("/moderation", &form.case_id);
    let result = async {
        let id = AppError::id(&form.case_id)?;
        let text = form.check()?;
        super::store::appeal(cx.pool(), id, cx.me()?.id, &text, crate::db::now()).await?;
        Ok(())
    }
    .await;
    let post = FormPost::refill("appeal", &back, &form);
    cx.finish(post, result, |_| {
        (back.clone(), Some(Msg::new(k::MOD_APPEAL_SENT)))
    })
    .await
}

/// Another administrator decides an appeal: keep the decision, or reverse it.
#[server(endpoint = "moderation_decide_appeal")]
pub async fn decide_appeal(
    #[server(flatten)] form: super::AppealDecisionFields,
) -> Result<(), AppError> {
    use crate::i18n::{k, Msg};
    let cx = guard(Access::Roles(&[Role::Admin]))?;
    let id = AppError::id(&form.case_id).unwrap_or(0);
    let result = async {
        let id = AppError::id(&form.case_id)?;
        let seen = form.version.trim().parse::<i64>().unwrap_or(-1);
        let (overturn, reason) = form.check()?;
        super::store::decide_appeal(
            cx.pool(),
            id,
            seen,
            overturn,
            &reason,
            cx.me()?.id,
            crate::db::now(),
        )
        .await?;
        Ok(())
    }
    .await;
    let name = format!("appeal-{id}");
    let back = format!("/admin/moderation#appeal-{id}");
    let post = FormPost::refill(&name, &back, &form);
    cx.finish(post, result, |_| {
        (
            "/admin/moderation".into(),
            Some(Msg::new(k::MOD_APPEAL_DECIDED)),
        )
    })
    .await
}

/// Anyone signed in reports content of any kind that she can see and did not write (one
/// report per person per item); what she cannot see is 404.
#[server(endpoint = "report_content")]
pub async fn report_content(
    #[server(default)] kind: String,
    #[server(default)] item_id: String,
    #[server(flatten)] form: super::ReportFields,
) -> Result<(), AppError> {
    use crate::i18n::{k, Msg};
    let cx = guard(Access::SignedIn)?;
    let id = AppError::id(&item_id).unwrap_or(0);
    let kind = super::ItemKind::from_code(kind.trim());
    let now = crate::db::now();
    // where she goes back to: the item's page (from the database), else home
    let back = match kind {
        Some(kind) => super::store::page_for(cx.pool(), kind, id, cx.me()?.id)
            .await
            .ok()
            .flatten()
            .filter(|p| crate::auth::guard::is_local_path(p))
            .unwrap_or_else(|| "/".into()),
        None => "/".into(),
    };
    let result = async {
        let kind = kind.ok_or(AppError::NotFound)?;
        let id = AppError::id(&item_id)?;
        let (reason, details) = form.check()?;
        super::store::report_item(cx.pool(), kind, id, cx.me()?.id, reason, &details, now).await?;
        Ok(())
    }
    .await;
    let name = kind
        .map(|k| k.report_fields(id).0)
        .unwrap_or_else(|| "report".into());
    let post = FormPost::refill(&name, &back, &form);
    cx.finish(post, result, |_| {
        (back.clone(), Some(Msg::new(k::REPORT_SENT)))
    })
    .await
}
