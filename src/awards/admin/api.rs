//! Server functions for the administrators' half of the award: cycles, phases, screening,
//! the shortlist, jurors and voided votes. Each: the guard first, then the input read and
//! checked, then one store call that checks the phase and the clock under the write lock.
use crate::awards::*;
use crate::error::AppError;
use crate::form::{EmailFields, ReasonFields};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use crate::awards::api::server::*;

#[server(endpoint = "award_admin_cycle")]
pub async fn load_admin_cycle(id: i64) -> Result<AdminCycle, AppError> {
    let cx = guard(ADMIN)?;
    store::admin_cycle(cx.pool(), id, crate::db::now())
        .await
        .map_err(AppError::from)
}

/// A cycle's two closing dates as posted, "YYYY-MM-DD" (`parse_schedule` reads them): part of
/// the new-cycle form ([`NewCycleFields`]) and of the cycle's settings ([`ConfigureFields`]).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ScheduleFields {
    pub nominations_until: String,
    pub voting_until: String,
}

/// The new-cycle form's text fields, as posted (the categories are a list of their own).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct NewCycleFields {
    pub name: String,
    #[serde(flatten)]
    pub schedule: ScheduleFields,
}

#[server(endpoint = "award_create")]
pub async fn create_award_cycle(
    #[server(flatten)] form: NewCycleFields,
    #[server(default)] categories: Vec<String>,
) -> Result<(), AppError> {
    let cx = guard(ADMIN)?;
    let result = async {
        let now = crate::db::now();
        let title = required_text("name", &form.name, NAME_MAX);
        let schedule = parse_schedule(&form.schedule, now);
        let chosen: Vec<&str> = categories.iter().map(String::as_str).collect();
        if !chosen
            .iter()
            .any(|c| DEFAULT_CATEGORIES.iter().any(|d| d.0 == *c))
        {
            return Err(AppError::invalid("categories", Msg::new(k::ERR_CHOOSE_ONE)));
        }
        store::create_cycle(cx.pool(), &title?, schedule?, &chosen, cx.me()?.id, now)
            .await
            .map_err(AppError::from)
    }
    .await;
    let post = FormPost::refill("new_cycle", "/admin/awards", &form);
    cx.finish(post, result, |id| {
        (
            format!("/admin/awards/{id}"),
            Some(Msg::new(k::NOTICE_SAVED)),
        )
    })
    .await
    .map(|_| ())
}

/// The cycle's settings form's text fields, as posted (each criterion's weight is a list of
/// its own).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ConfigureFields {
    pub rule: String,
    pub jury_weight: String,
    #[serde(flatten)]
    pub schedule: ScheduleFields,
}

#[server(endpoint = "award_configure")]
pub async fn configure_award(
    cycle_id: String,
    #[server(flatten)] form: ConfigureFields,
    #[server(default)] criteria: Vec<String>,
    #[server(default)] weights: Vec<String>,
) -> Result<(), AppError> {
    let cx = guard(ADMIN)?;
    let back = id_path("/admin/awards", &cycle_id);
    let result = async {
        let id = AppError::id(&cycle_id)?;
        let now = crate::db::now();
        let rule = Rule::from_code(&form.rule)
            .ok_or_else(|| AppError::invalid("rule", Msg::new(k::ERR_CHOOSE_ONE)))?;
        let jury_weight = form
            .jury_weight
            .trim()
            .parse::<i64>()
            .ok()
            .filter(|w| (0..=100).contains(w))
            .ok_or_else(|| AppError::invalid("jury_weight", Msg::new(k::ERR_AWARD_PERCENT)))?;
        let schedule = parse_schedule(&form.schedule, now)?;
        let mut weights_of = Vec::new();
        for (c, w) in criteria.iter().zip(weights.iter()) {
            let w = w
                .trim()
                .parse::<i64>()
                .ok()
                .filter(|w| (0..=100).contains(w))
                .ok_or_else(|| AppError::invalid("weights", Msg::new(k::ERR_AWARD_PERCENT)))?;
            weights_of.push((AppError::id(c)?, w));
        }
        if weights_of.iter().map(|p| p.1).sum::<i64>() == 0 {
            return Err(AppError::invalid("weights", Msg::new(k::ERR_AWARD_PERCENT)));
        }
        let settings = store::CycleSettings {
            rule,
            jury_weight,
            schedule,
            weights: weights_of,
        };
        store::configure(cx.pool(), id, &settings, cx.me()?.id, now)
            .await
            .map_err(AppError::from)
    }
    .await;
    let post = FormPost::refill("configure", &back, &form);
    cx.finish(post, result, |_| {
        (back.clone(), Some(Msg::new(k::NOTICE_SAVED)))
    })
    .await
}

#[server(endpoint = "award_advance")]
pub async fn advance_award(cycle_id: String, from: String) -> Result<(), AppError> {
    let cx = guard(ADMIN)?;
    let back = id_path("/admin/awards", &cycle_id);
    let result = async {
        let id = AppError::id(&cycle_id)?;
        let from = Phase::from_code(&from).ok_or(AppError::NotFound)?;
        store::advance(cx.pool(), id, from, cx.me()?.id, crate::db::now())
            .await
            .map_err(AppError::from)
    }
    .await;
    let post = FormPost::new("advance", &back);
    cx.finish(post, result, |_| {
        (back.clone(), Some(Msg::new(k::NOTICE_SAVED)))
    })
    .await
    .map(|_| ())
}

#[server(endpoint = "award_screen")]
pub async fn screen_nomination(
    #[server(default)] cycle_id: String,
    nomination_id: String,
    decision: String,
    #[server(flatten)] form: ReasonFields,
) -> Result<(), AppError> {
    let cx = guard(ADMIN)?;
    let result = async {
        let id = AppError::id(&nomination_id)?;
        let now = crate::db::now();
        let me = cx.me()?.id;
        match decision.as_str() {
            "eligible" => store::screen(cx.pool(), id, true, "", me, now)
                .await
                .map_err(AppError::from),
            "ineligible" => {
                let why = required_text("reason", &form.reason, REASON_MAX)?;
                store::screen(cx.pool(), id, false, &why, me, now)
                    .await
                    .map_err(AppError::from)
            }
            "finalist" => store::shortlist(cx.pool(), id, true, me, now)
                .await
                .map_err(AppError::from),
            "not_finalist" => store::shortlist(cx.pool(), id, false, me, now)
                .await
                .map_err(AppError::from),
            _ => Err(AppError::invalid("", Msg::new(k::ERR_CHOOSE_ONE))),
        }
    }
    .await;
    let back = id_path("/admin/awards", &cycle_id);
    let name = format!("screen-{nomination_id}");
    let post = FormPost::refill(&name, &back, &form);
    cx.finish(post, result, |cycle| admin_post(cycle))
        .await
        .map(|_| ())
}

#[server(endpoint = "award_juror")]
pub async fn assign_juror(
    #[server(default)] cycle_id: String,
    category_id: String,
    #[server(flatten)] form: EmailFields,
    #[server(default)] remove: String,
) -> Result<(), AppError> {
    let cx = guard(ADMIN)?;
    let result = async {
        let category = AppError::id(&category_id)?;
        let now = crate::db::now();
        let me = cx.me()?.id;
        if !remove.is_empty() {
            return store::remove_juror(cx.pool(), category, AppError::id(&remove)?, me, now)
                .await
                .map_err(AppError::from);
        }
        let email = required_text("email", &form.email, 254)?;
        store::assign_juror(cx.pool(), category, &email, me, now)
            .await
            .map_err(AppError::from)
    }
    .await;
    let back = id_path("/admin/awards", &cycle_id);
    let name = format!("jurors-{category_id}");
    let post = FormPost::refill(&name, &back, &form);
    cx.finish(post, result, |cycle| admin_post(cycle))
        .await
        .map(|_| ())
}

#[server(endpoint = "award_void")]
pub async fn void_vote(
    #[server(default)] cycle_id: String,
    vote_id: String,
    #[server(flatten)] form: ReasonFields,
) -> Result<(), AppError> {
    let cx = guard(ADMIN)?;
    let result = async {
        let id = AppError::id(&vote_id)?;
        let why = required_text("reason", &form.reason, REASON_MAX)?;
        store::void_vote(cx.pool(), id, &why, cx.me()?.id, crate::db::now())
            .await
            .map_err(AppError::from)
    }
    .await;
    let back = id_path("/admin/awards", &cycle_id);
    let name = format!("void-{vote_id}");
    let post = FormPost::refill(&name, &back, &form);
    cx.finish(post, result, |cycle| admin_post(cycle))
        .await
        .map(|_| ())
}

/// An account for an outside expert on the jury: created confirmed, with the role `jury` and a
/// first password the administrator passes on (its own argument, so it is never put back into
/// a refused form).
#[server(endpoint = "award_new_juror")]
pub async fn create_juror(
    #[server(flatten)] form: crate::accounts::AccountFields,
    #[server(default)] password: String,
) -> Result<(), AppError> {
    let cx = guard(ADMIN)?;
    let result = async {
        // checked like a sign-up (the role is set below)
        let account = crate::accounts::SignUpFields {
            account: form.clone(),
            role: Role::Mentee.code().into(),
        };
        let v = crate::accounts::validate_sign_up(&account, &password)?;
        let hash = crate::auth::password::hash(v.password.clone()).await?;
        let new = crate::accounts::store::NewAccount {
            email: &v.email,
            display_name: &v.display_name,
            password_hash: &hash,
            role: Role::Jury,
            locale: cx.viewer.locale,
            region: None,
            district: None,
            email_confirmed: true,
        };
        Ok(crate::accounts::store::create(cx.pool(), &new, crate::db::now()).await?)
    }
    .await;
    let post = FormPost::refill("new_juror", "/admin/awards", &form);
    cx.finish(post, result, |_| {
        (
            "/admin/awards".into(),
            Some(Msg::new(k::NOTICE_JUROR_CREATED)),
        )
    })
    .await
    .map(|_| ())
}
