//! Server functions for mentorships: the list, one mentorship's page, messages (held when they
//! carry contact details), the session log, and the administrators' review of held messages.
use crate::error::AppError;
use crate::form::{BodyFields, ReasonFields};
use crate::mentoring::{HeldMessage, MentorshipPage, MentorshipSummary};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use crate::auth::{guard::*, Role};
#[cfg(feature = "ssr")]
use crate::form::FormPost;

#[server(endpoint = "my_mentorships")]
pub async fn load_mentorships() -> Result<Vec<MentorshipSummary>, AppError> {
    let cx = guard(Access::Roles(&[Role::Mentor, Role::Mentee]))?;
    Ok(crate::mentoring::mentorships::store::list_for(cx.pool(), cx.me()?.id).await?)
}

#[server(endpoint = "mentorship")]
pub async fn load_mentorship(
    id: i64,
    #[server(default)] before: Option<i64>,
) -> Result<MentorshipPage, AppError> {
    use crate::mentoring::mentorships::store;
    use crate::mentoring::mentorships::PAGE;
    let cx = guard(Access::Roles(&[Role::Mentor, Role::Mentee]))?;
    let me = cx.me()?.id;
    let summary = store::mentorship_of(cx.pool(), id, me)
        .await?
        .ok_or(AppError::NotFound)?;
    let (messages, older) = store::messages(cx.pool(), id, me, before, PAGE).await?;
    let sessions = store::sessions(cx.pool(), id).await?;
    let events = store::events(cx.pool(), id).await?;
    let ratings = store::ratings(cx.pool(), id, me).await?;
    Ok(MentorshipPage {
        summary,
        messages,
        older,
        sessions,
        events,
        ratings,
    })
}

#[server(endpoint = "send_message")]
pub async fn send_message(
    #[server(default)] mentorship_id: String,
    #[server(flatten)] form: BodyFields,
) -> Result<(), AppError> {
    use crate::i18n::{k, Msg};
    use crate::mentoring::mentorships::{contains_contact, MESSAGE_MAX};
    let cx = guard(Access::Roles(&[Role::Mentor, Role::Mentee]))?;
    let back = id_path("/mentorships", &mentorship_id);
    let result = async {
        let me = cx.me()?.id;
        let id = AppError::id(&mentorship_id)?;
        let mut c = crate::form::Checker::default();
        let text = c.text("body", &form.body, MESSAGE_MAX, false);
        c.finish(Some(()))?;
        let held = contains_contact(&text);
        crate::mentoring::mentorships::store::post_message(
            cx.pool(),
            id,
            me,
            &text,
            held,
            crate::db::now(),
        )
        .await?;
        Ok(held)
    }
    .await;
    let post = FormPost::refill("message", &back, &form);
    cx.finish(post, result, |held| {
        let key = if *held {
            k::NOTICE_MESSAGE_HELD
        } else {
            k::NOTICE_MESSAGE_SENT
        };
        (back.clone(), Some(Msg::new(key)))
    })
    .await
    .map(|_| ())
}

/// The session log form's fields, as posted (a mentoring session held, not a sign-in session).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SessionLogFields {
    pub held_on: String,
    pub minutes: String,
    pub topics: String,
}

#[server(endpoint = "log_session")]
pub async fn log_session(
    #[server(default)] mentorship_id: String,
    #[server(flatten)] form: SessionLogFields,
) -> Result<(), AppError> {
    use crate::i18n::{k, Msg};
    use crate::mentoring::mentorships::TOPICS_MAX;
    use crate::time::parse_date;
    let cx = guard(Access::Roles(&[Role::Mentor, Role::Mentee]))?;
    let back = id_path("/mentorships", &mentorship_id);
    let result = async {
        let me = cx.me()?.id;
        let id = AppError::id(&mentorship_id)?;
        let mut c = crate::form::Checker::default();
        let today = crate::time::today(crate::db::now());
        match parse_date(&form.held_on) {
            Some(day) if day <= today => {}
            Some(_) => c.errors.push(crate::error::FieldError::new(
                "held_on",
                Msg::new(k::ERR_DATE_FUTURE),
            )),
            None => c.errors.push(crate::error::FieldError::new(
                "held_on",
                Msg::new(k::ERR_DATE_INVALID),
            )),
        }
        let minutes = c.number("minutes", &form.minutes, 5, 600);
        let topics = c.text("topics", &form.topics, TOPICS_MAX, false);
        c.finish(Some(()))?;
        let entry = crate::mentoring::mentorships::store::SessionEntry {
            held_on: form.held_on.trim(),
            minutes,
            topics: &topics,
        };
        crate::mentoring::mentorships::store::log_session(
            cx.pool(),
            id,
            me,
            &entry,
            crate::db::now(),
        )
        .await?;
        Ok(())
    }
    .await;
    let post = FormPost::refill("session", &back, &form);
    cx.finish(post, result, |_| {
        (back.clone(), Some(Msg::new(k::NOTICE_SESSION_LOGGED)))
    })
    .await
}

/// Pause, resume, complete or cancel (a reason is required to cancel).
#[server(endpoint = "change_mentorship")]
pub async fn change_mentorship(
    #[server(default)] mentorship_id: String,
    #[server(default)] change: String,
    #[server(flatten)] form: ReasonFields,
) -> Result<(), AppError> {
    use crate::i18n::{k, Msg};
    use crate::mentoring::mentorships::lifecycle::{Change, REASON_MAX};
    let cx = guard(Access::Roles(&[Role::Mentor, Role::Mentee]))?;
    let back = id_path("/mentorships", &mentorship_id);
    let result = async {
        let me = cx.me()?.id;
        let id = AppError::id(&mentorship_id)?;
        let change = Change::from_code(change.trim())
            .ok_or_else(|| AppError::invalid("", Msg::new(k::ERR_CHOOSE_ONE)))?;
        let mut c = crate::form::Checker::default();
        let reason = c.text("reason", &form.reason, REASON_MAX, !change.needs_reason());
        c.finish(Some(()))?;
        crate::mentoring::mentorships::store::change_state(
            cx.pool(),
            id,
            me,
            change,
            &reason,
            crate::db::now(),
        )
        .await
        .map_err(AppError::from)
    }
    .await;
    let name = format!("change-{}", change.trim());
    let post = FormPost::refill(&name, &back, &form);
    cx.finish(post, result, |state| {
        use crate::mentoring::MentorshipState as S;
        let key = match state {
            S::Active => k::NOTICE_MENTORSHIP_RESUMED,
            S::Paused => k::NOTICE_MENTORSHIP_PAUSED,
            S::Completed => k::NOTICE_MENTORSHIP_COMPLETED,
            S::Cancelled => k::NOTICE_MENTORSHIP_CANCELLED,
        };
        (back.clone(), Some(Msg::new(key)))
    })
    .await
    .map(|_| ())
}

/// The rating form's fields, as posted.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct RatingFields {
    pub rating: String,
    pub comment: String,
}

/// A 1–5 rating and a comment on a completed mentorship, once per person.
#[server(endpoint = "rate_mentorship")]
pub async fn rate_mentorship(
    #[server(default)] mentorship_id: String,
    #[server(flatten)] form: RatingFields,
) -> Result<(), AppError> {
    use crate::i18n::{k, Msg};
    use crate::mentoring::mentorships::lifecycle::{parse_rating, COMMENT_MAX};
    let cx = guard(Access::Roles(&[Role::Mentor, Role::Mentee]))?;
    let back = id_path("/mentorships", &mentorship_id);
    let result = async {
        let me = cx.me()?.id;
        let id = AppError::id(&mentorship_id)?;
        let mut c = crate::form::Checker::default();
        let stars = parse_rating(&form.rating);
        if stars.is_none() {
            c.errors.push(crate::error::FieldError::new(
                "rating",
                Msg::new(k::ERR_RATING_RANGE),
            ));
        }
        let comment = c.text("comment", &form.comment, COMMENT_MAX, false);
        let stars = c.finish(stars)?;
        crate::mentoring::mentorships::store::rate(
            cx.pool(),
            id,
            me,
            stars,
            &comment,
            crate::db::now(),
        )
        .await
        .map_err(AppError::from)
    }
    .await;
    let post = FormPost::refill("rating", &back, &form);
    cx.finish(post, result, |_| {
        (back.clone(), Some(Msg::new(k::NOTICE_RATING_SAVED)))
    })
    .await
}

#[server(endpoint = "held_messages")]
pub async fn load_held_messages() -> Result<Vec<HeldMessage>, AppError> {
    let cx = guard(Access::Roles(&[Role::Admin]))?;
    Ok(crate::mentoring::mentorships::store::held_messages(cx.pool()).await?)
}

#[server(endpoint = "review_message")]
pub async fn review_message(
    #[server(default)] message_id: String,
    #[server(default)] decision: String,
) -> Result<(), AppError> {
    use crate::i18n::{k, Msg};
    let cx = guard(Access::Roles(&[Role::Admin]))?;
    let result = async {
        let id = AppError::id(&message_id)?;
        let deliver = match decision.as_str() {
            "deliver" => true,
            "reject" => false,
            _ => return Err(AppError::invalid("decision", Msg::new(k::ERR_CHOOSE_ONE))),
        };
        let admin = cx.me()?.id;
        crate::mentoring::mentorships::store::review_message(
            cx.pool(),
            id,
            deliver,
            admin,
            crate::db::now(),
        )
        .await?;
        Ok(deliver)
    }
    .await;
    let post = FormPost::new("held", "/admin/messages");
    cx.finish(post, result, |deliver| {
        let key = if *deliver {
            k::NOTICE_MESSAGE_DELIVERED
        } else {
            k::NOTICE_MESSAGE_REJECTED
        };
        ("/admin/messages".into(), Some(Msg::new(key)))
    })
    .await
    .map(|_| ())
}
