//! Server functions for mentorship requests.
use crate::error::AppError;
use crate::mentoring::MyRequests;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use crate::auth::{guard::*, Role};
#[cfg(feature = "ssr")]
use crate::form::FormPost;

/// The request form's fields (what she writes to the mentor), as posted.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SendRequestFields {
    pub message: String,
    pub hopes: String,
}

/// A mentee asks a mentor for mentorship.
#[server(endpoint = "send_request")]
pub async fn send_request(
    #[server(default)] mentor_id: String,
    #[server(flatten)] form: SendRequestFields,
) -> Result<(), AppError> {
    use crate::i18n::{k, Msg};
    use crate::mentoring::requests::MESSAGE_MAX;
    let cx = guard(Access::Roles(&[Role::Mentee]))?;
    let back = id_path("/mentors", &mentor_id);
    let result = async {
        let me = cx.me()?;
        let mentor = AppError::id(&mentor_id)?;
        let mut c = crate::form::Checker::default();
        let message = c.text("message", &form.message, MESSAGE_MAX, false);
        let hopes = c.text("hopes", &form.hopes, MESSAGE_MAX, false);
        c.finish(Some(()))?;
        crate::mentoring::requests::store::send(
            cx.pool(),
            me.id,
            mentor,
            &message,
            &hopes,
            crate::db::now(),
        )
        .await
        .map_err(AppError::from)
    }
    .await;
    let post = FormPost::refill("send_request", &back, &form);
    cx.finish(post, result, |_| {
        ("/requests".into(), Some(Msg::new(k::NOTICE_REQUEST_SENT)))
    })
    .await
    .map(|_| ())
}

/// What a step on a request may carry, as posted: a decline's reason (a code) and a question's
/// or an answer's text.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct RequestActionFields {
    pub reason: String,
    pub text: String,
}

/// Any step on a request by one of its two people: view, accept, decline (with a reason),
/// ask (with a question), answer, withdraw.
#[server(endpoint = "request_action")]
pub async fn request_action(
    #[server(default)] request_id: String,
    #[server(default)] action: String,
    #[server(flatten)] form: RequestActionFields,
) -> Result<(), AppError> {
    use crate::i18n::{k, Msg};
    use crate::mentoring::requests::{DeclineReason, Event, MESSAGE_MAX};
    let cx = guard(Access::Roles(&[Role::Mentor, Role::Mentee]))?;
    let name = format!("request_{}", request_id.trim());
    let result = async {
        let me = cx.me()?;
        let id = AppError::id(&request_id)?;
        let event = match action.as_str() {
            "accept" => Event::Accept,
            "decline" => Event::Decline,
            "ask" => Event::Ask,
            "answer" => Event::Answer,
            "withdraw" => Event::Withdraw,
            _ => return Err(AppError::invalid("action", Msg::new(k::ERR_CHOOSE_ONE))),
        };
        let mut c = crate::form::Checker::default();
        let reason = match event {
            Event::Decline => {
                let r = DeclineReason::from_code(form.reason.trim());
                if r.is_none() {
                    c.errors.push(crate::error::FieldError::new(
                        "reason",
                        Msg::new(k::ERR_CHOOSE_ONE),
                    ));
                }
                r
            }
            _ => None,
        };
        let text = match event {
            Event::Ask | Event::Answer => Some(c.text("text", &form.text, MESSAGE_MAX, false)),
            _ => None,
        };
        c.finish(Some(()))?;
        crate::mentoring::requests::store::act(
            cx.pool(),
            id,
            me.id,
            event,
            reason,
            text.as_deref(),
            crate::db::now(),
        )
        .await?;
        Ok(event)
    }
    .await;
    let post = FormPost::refill(&name, "/requests", &form);
    cx.finish(post, result, |event| {
        let key = match event {
            Event::Accept => k::NOTICE_REQUEST_ACCEPTED,
            Event::Decline => k::NOTICE_REQUEST_DECLINED,
            Event::Ask => k::NOTICE_REQUEST_ASKED,
            Event::Answer => k::NOTICE_REQUEST_ANSWERED,
            _ => k::NOTICE_REQUEST_WITHDRAWN,
        };
        ("/requests".into(), Some(Msg::new(key)))
    })
    .await
    .map(|_| ())
}

/// The caller's requests: sent (mentee) or received (mentor). Opening the list marks a
/// mentor's new requests as viewed.
#[server(endpoint = "my_requests")]
pub async fn load_my_requests() -> Result<MyRequests, AppError> {
    use crate::mentoring::{requests::store, RequestView};
    let cx = guard(Access::Roles(&[Role::Mentor, Role::Mentee]))?;
    let me = cx.me()?;
    let as_mentor = me.role == Role::Mentor;
    if as_mentor {
        store::mark_viewed(cx.pool(), me.id, crate::db::now()).await?;
    }
    let requests = store::list(cx.pool(), me.id, as_mentor)
        .await?
        .into_iter()
        .map(|r| RequestView {
            id: r.id,
            other_id: r.other_id,
            other_name: r.other_name,
            message: r.message,
            hopes: r.hopes,
            state: r.state,
            decline_reason: r.decline_reason,
            question: r.question,
            answer: r.answer,
            updated_at: r.updated_at,
        })
        .collect();
    Ok(MyRequests {
        as_mentor,
        requests,
    })
}

/// An administrator allows a mentee more than one mentor at once (1 to 3).
#[server(endpoint = "allow_mentors")]
pub async fn allow_mentors(
    #[server(default)] mentee_id: String,
    #[server(default)] allowed: String,
) -> Result<(), AppError> {
    use crate::i18n::{k, Msg};
    let cx = guard(Access::Roles(&[Role::Admin]))?;
    let back = id_path("/mentees", &mentee_id);
    let result = async {
        let id = AppError::id(&mentee_id)?;
        let mut c = crate::form::Checker::default();
        let n = c.number("allowed", &allowed, 1, 3);
        c.finish(Some(()))?;
        super::store::allow_mentors(cx.pool(), id, n).await?;
        Ok(())
    }
    .await;
    let post = FormPost::new("mentors_allowed", &back);
    cx.finish(post, result, |_| {
        (back.clone(), Some(Msg::new(k::NOTICE_MENTORS_ALLOWED)))
    })
    .await
}
