//! Server functions for accounts. Thin: guard, validate, call the store, finish the form.
//! (Signing out and the language switch are `crate::auth::api`: every page's header posts
//! to them.)
use crate::error::AppError;
use crate::form::EmailFields;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::auth::{guard::*, store as sessions, SESSION_COOKIE};
#[cfg(feature = "ssr")]
use crate::db::Refusal;
#[cfg(feature = "ssr")]
use crate::form::FormPost;

#[cfg(feature = "ssr")]
/// Starts a session for `account_id`. With `checked`, only if the account still has that
/// password hash and may sign in: a sign-in whose password check was under way while the
/// password was reset or changed (or the account suspended) gets no session.
async fn start_session(cx: &Cx, account_id: i64, checked: Option<&str>) -> Result<(), AppError> {
    let now = crate::db::now();
    // a new session id at every sign-in; the old one (if any) stops working
    if let Some(old) = &cx.viewer.session_id {
        sessions::delete_session(cx.pool(), old).await?;
    }
    let token = sessions::create_session(cx.pool(), account_id, checked, now)
        .await?
        .ok_or(AppError::Credentials)?;
    cx.set_cookie(SESSION_COOKIE, &token, sessions::SESSION_SECONDS, true);
    Ok(())
}

#[server(endpoint = "sign_up")]
pub async fn sign_up(
    #[server(flatten)] form: super::SignUpFields,
    password: String,
) -> Result<(), AppError> {
    use super::{store, validate_sign_up};
    use crate::i18n::{k, Msg};
    let cx = guard(Access::Anyone)?;
    let result = async {
        let v = validate_sign_up(&form, &password)?;
        // counted per address before the password is hashed
        let counts = [(sessions::SIGN_UP, cx.viewer.address())];
        sessions::reserve(cx.pool(), &counts, crate::db::now()).await?;
        let hash = crate::auth::password::hash(v.password.clone()).await?;
        let new = store::NewAccount {
            email: &v.email,
            display_name: &v.display_name,
            password_hash: &hash,
            role: v.role,
            locale: cx.viewer.locale,
            region: None,
            district: None,
            email_confirmed: false,
        };
        // an email already registered is refused on `email` (ERR_EMAIL_TAKEN)
        let id = store::create(cx.pool(), &new, crate::db::now()).await?;
        store::send_confirmation(cx.pool(), id, crate::db::now()).await?;
        crate::notifications::wake_mailer(&cx.state);
        start_session(&cx, id, None).await?;
        Ok(v.display_name)
    }
    .await;
    let post = FormPost::refill("sign_up", "/signup", &form);
    cx.finish(post, result, |name| {
        (
            "/account".into(),
            Some(Msg::new(k::NOTICE_SIGNED_UP).with("name", name)),
        )
    })
    .await
    .map(|_| ())
}

/// The sign-in form: its email as posted, and the password (its own argument, so it is never
/// put back into a refused form).
#[server(endpoint = "sign_in")]
pub async fn sign_in(
    #[server(flatten)] form: EmailFields,
    password: String,
) -> Result<(), AppError> {
    use super::store;
    use crate::i18n::{k, Msg};
    let cx = guard(Access::Anyone)?;
    let result = async {
        let email_norm = form.email.trim().to_lowercase();
        let mut missing = Vec::new();
        if email_norm.is_empty() {
            missing.push(crate::error::FieldError::new(
                "email",
                Msg::new(k::ERR_REQUIRED),
            ));
        }
        if password.is_empty() {
            missing.push(crate::error::FieldError::new(
                "password",
                Msg::new(k::ERR_REQUIRED),
            ));
        }
        if !missing.is_empty() {
            return Err(AppError::Invalid(missing));
        }
        if password.chars().count() > super::PASSWORD_MAX || email_norm.len() > super::EMAIL_MAX {
            return Err(AppError::Credentials);
        }
        let now = crate::db::now();
        let address = cx.viewer.address();
        // the attempt is counted before the password is checked (a wrong one leaves it counted)
        let pair = sessions::pair_key(&email_norm, address);
        let counts = [
            (sessions::PAIR, pair.as_str()),
            (sessions::ACCOUNT, email_norm.as_str()),
            (sessions::ADDRESS, address),
        ];
        let attempt = sessions::reserve(cx.pool(), &counts, now).await?;
        let found = store::credentials(cx.pool(), &email_norm).await?;
        let ok =
            crate::auth::password::verify(password.clone(), found.as_ref().map(|f| f.1.clone()))
                .await;
        use crate::audit::{store::Record, Action, Target};
        let target = found.as_ref().map(|f| Target::Account(f.0));
        let entry = |action, after| {
            Record::new(None, action, target.unwrap_or(Target::Nothing))
                .change("", after)
                .from_address(address)
        };
        match found {
            Some((id, hash, false)) if ok => {
                sessions::forgive(cx.pool(), &email_norm, address, &attempt).await?;
                start_session(&cx, id, Some(&hash)).await?;
                Record {
                    actor: Some(id),
                    ..entry(Action::SignIn, "")
                }
                .write_alone(cx.pool(), now)
                .await?;
                let account = store::by_id(cx.pool(), id)
                    .await?
                    .ok_or(AppError::Internal)?;
                Ok(account.display_name)
            }
            found => {
                // a suspended account with the right password, a wrong password, or an
                // address nobody has (then nothing names it: it may be a mistyped password)
                let why = match found {
                    Some((_, _, true)) if ok => "suspended",
                    Some(_) => "wrong password",
                    None => "unknown address",
                };
                entry(Action::SignInFailed, why)
                    .write_alone(cx.pool(), now)
                    .await?;
                Err(AppError::Credentials)
            }
        }
    }
    .await;
    let post = FormPost::refill("sign_in", "/signin", &form);
    cx.finish(post, result, |name| {
        (
            "/account".into(),
            Some(Msg::new(k::NOTICE_SIGNED_IN).with("name", name)),
        )
    })
    .await
    .map(|_| ())
}

/// The signed-in person's own account.
#[server(endpoint = "my_account")]
pub async fn my_account() -> Result<super::AccountView, AppError> {
    let cx = guard(Access::SignedIn)?;
    let me = cx.me()?;
    super::store::by_id(cx.pool(), me.id)
        .await?
        .ok_or(AppError::NotFound)
}

/// Sets the zone her times of day are shown in (one of `time::ZONES`; empty: Bishkek's).
#[server(endpoint = "set_time_zone")]
pub async fn set_time_zone(#[server(default)] time_zone: String) -> Result<(), AppError> {
    use crate::i18n::{k, Msg};
    let cx = guard(Access::SignedIn)?;
    let result = async {
        let me = cx.me()?.id;
        let zone = match time_zone.trim() {
            "" => None,
            z if crate::time::ZONES.contains(&z) => Some(z),
            _ => return Err(AppError::invalid("time_zone", Msg::new(k::ERR_CHOOSE_ONE))),
        };
        crate::auth::store::set_time_zone(cx.pool(), me, zone).await?;
        Ok(())
    }
    .await;
    let post = FormPost::new("time-zone", "/account#time-zone");
    cx.finish(post, result, |_| {
        (
            "/account#time-zone".into(),
            Some(Msg::new(k::ACCOUNT_ZONE_SAVED)),
        )
    })
    .await
}

/// Sends the confirmation link again (to the address on the account, through the outbox).
#[server(endpoint = "resend_confirmation")]
pub async fn resend_confirmation() -> Result<(), AppError> {
    use crate::i18n::{k, Msg};
    let cx = guard(Access::SignedIn)?;
    let result = async {
        let me = cx.me()?.id;
        let now = crate::db::now();
        // a few an hour: the link is the same kind each time, and her inbox is not a target
        sessions::reserve(cx.pool(), &[(sessions::RESEND, &me.to_string())], now).await?;
        super::store::send_confirmation(cx.pool(), me, now).await?;
        crate::notifications::wake_mailer(&cx.state);
        Ok(())
    }
    .await;
    let post = FormPost::new("confirm", "/account");
    cx.finish(post, result, |_| {
        (
            "/account".into(),
            Some(Msg::new(k::NOTICE_CONFIRMATION_SENT)),
        )
    })
    .await
}

/// `GET /confirm/{token}`: the link in the confirmation email.
#[cfg(feature = "ssr")]
pub async fn confirm_handler(
    axum::extract::State(state): axum::extract::State<crate::state::AppState>,
    axum::extract::Path(token): axum::extract::Path<String>,
    axum::Extension(viewer): axum::Extension<crate::auth::Viewer>,
) -> axum::response::Response {
    use crate::db::StoreError;
    use crate::i18n::k;
    use axum::http::StatusCode;
    use axum::response::{Html, IntoResponse};
    let (status, title, body) =
        match super::store::confirm_email(&state.pool, &token, crate::db::now()).await {
            Ok(()) => (StatusCode::OK, k::CONFIRM_DONE_TITLE, k::CONFIRM_DONE_BODY),
            // unknown or expired token (NOT_FOUND)
            Err(StoreError::Refused(_)) => (
                StatusCode::NOT_FOUND,
                k::CONFIRM_FAILED_TITLE,
                k::CONFIRM_FAILED_BODY,
            ),
            Err(StoreError::Db(e)) => {
                tracing::error!(error = %e, "confirming an email failed");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    k::ERR_SERVER_TITLE,
                    k::ERR_SERVER_BODY,
                )
            }
        };
    (
        status,
        // the link's answer is nobody else's to keep
        [(axum::http::header::CACHE_CONTROL, "no-store")],
        Html(crate::auth::middleware::simple_page(
            viewer.locale,
            title,
            body,
        )),
    )
        .into_response()
}

/// "Forgot your password?": emails a reset link when the address has an account, and answers
/// the same either way. Limited per address asking, and per address written to (beyond three
/// links an hour nothing more is sent, and the answer is still the same).
#[server(endpoint = "request_reset")]
pub async fn request_reset(#[server(flatten)] form: EmailFields) -> Result<(), AppError> {
    use crate::i18n::{k, Msg};
    let cx = guard(Access::Anyone)?;
    let result = async {
        let email =
            super::normalize_email(&form.email).map_err(|m| AppError::invalid("email", m))?;
        let now = crate::db::now();
        let asker = [(sessions::RESET_ADDRESS, cx.viewer.address())];
        sessions::reserve(cx.pool(), &asker, now).await?;
        // past the address's own limit nothing is sent (her earlier link stays), and the answer
        // is the same
        match sessions::reserve(cx.pool(), &[(sessions::RESET_EMAIL, &email)], now).await {
            Ok(_) => {
                super::store::send_reset(cx.pool(), &email, now).await?;
                crate::notifications::wake_mailer(&cx.state);
            }
            Err(e) if matches!(e.refusal(), Some(Refusal::Throttled(_))) => {}
            Err(e) => return Err(e.into()),
        }
        Ok(())
    }
    .await;
    let post = FormPost::refill("forgot", "/forgot", &form);
    cx.finish(post, result, |_| {
        ("/signin".into(), Some(Msg::new(k::NOTICE_RESET_SENT)))
    })
    .await
}

/// The reset link's form: a new password for the account the token names. Every session of
/// that account ends and she is signed in here.
#[server(endpoint = "reset_password")]
pub async fn reset_password(token: String, password: String) -> Result<(), AppError> {
    use crate::i18n::{k, Msg};
    let cx = guard(Access::Anyone)?;
    let result = async {
        super::check_password(&password).map_err(|m| AppError::invalid("password", m))?;
        let now = crate::db::now();
        let token = token.trim();
        // every try counts against the address (one that works is taken back); a made-up
        // token costs a read, never a hash
        let asker = [(sessions::RESET_ADDRESS, cx.viewer.address())];
        let attempt = sessions::reserve(cx.pool(), &asker, now).await?;
        if token.len() > 64 || !super::store::reset_works(cx.pool(), token, now).await? {
            return Err(AppError::invalid("", Msg::new(k::RESET_LINK_FAILED)));
        }
        let hash = crate::auth::password::hash(password.clone()).await?;
        let id = super::store::reset_password(cx.pool(), token, &hash, now)
            .await
            .map_err(|e| match AppError::from(e) {
                AppError::NotFound => AppError::invalid("", Msg::new(k::RESET_LINK_FAILED)),
                other => other,
            })?;
        sessions::forgive_ids(cx.pool(), &attempt).await?;
        start_session(&cx, id, None).await?;
        Ok(())
    }
    .await;
    let back = format!("/reset?token={}", token_chars(&token));
    let post = FormPost::new("reset", &back);
    cx.finish(post, result, |_| {
        ("/account".into(), Some(Msg::new(k::NOTICE_PASSWORD_RESET)))
    })
    .await
}

/// A token as it may stand in a link's query: only the characters tokens are made of.
#[cfg(feature = "ssr")]
fn token_chars(token: &str) -> String {
    token
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .take(64)
        .collect()
}

#[cfg(feature = "ssr")]
/// Whether `password` is `me`'s current one, each try counted like a sign-in (a flood meets
/// the limit); refused on `field` when it is not. The caller forgives the returned attempt
/// (`sessions::forgive_ids`) once what it guarded is done.
pub(crate) async fn current_password_is(
    cx: &Cx,
    me: i64,
    field: &str,
    password: &str,
) -> Result<Vec<i64>, AppError> {
    use crate::i18n::{k, Msg};
    let now = crate::db::now();
    let attempt =
        sessions::reserve(cx.pool(), &[(sessions::PASSWORD, &me.to_string())], now).await?;
    let stored = super::store::password_hash(cx.pool(), me).await?;
    let ok = password.chars().count() <= super::PASSWORD_MAX
        && crate::auth::password::verify(password.to_string(), stored).await;
    if !ok {
        return Err(AppError::invalid(field, Msg::new(k::ERR_CURRENT_PASSWORD)));
    }
    Ok(attempt)
}

/// A new password on the account page, with the current one: her other sessions end.
#[server(endpoint = "change_password")]
pub async fn change_password(current_password: String, password: String) -> Result<(), AppError> {
    use crate::i18n::{k, Msg};
    let cx = guard(Access::SignedIn)?;
    let result = async {
        let me = cx.me()?.id;
        if current_password.is_empty() {
            return Err(AppError::invalid(
                "current_password",
                Msg::new(k::ERR_REQUIRED),
            ));
        }
        super::check_password(&password).map_err(|m| AppError::invalid("password", m))?;
        let attempt = current_password_is(&cx, me, "current_password", &current_password).await?;
        let hash = crate::auth::password::hash(password.clone()).await?;
        // every session ends, this one too: a copied cookie is worth nothing; she gets a new one
        super::store::set_password(cx.pool(), me, &hash).await?;
        sessions::forgive_ids(cx.pool(), &attempt).await?;
        start_session(&cx, me, Some(&hash)).await?;
        Ok(())
    }
    .await;
    let post = FormPost::new("password", "/account");
    cx.finish(post, result, |_| {
        (
            "/account".into(),
            Some(Msg::new(k::NOTICE_PASSWORD_CHANGED)),
        )
    })
    .await
}

/// Ends every session of the account, this one too.
#[server(endpoint = "sign_out_everywhere")]
pub async fn sign_out_everywhere() -> Result<(), AppError> {
    use crate::i18n::{k, Msg};
    let cx = guard(Access::SignedIn)?;
    let result = async {
        super::store::end_every_session(cx.pool(), cx.me()?.id).await?;
        cx.set_cookie(SESSION_COOKIE, "", 0, true);
        Ok(())
    }
    .await;
    let post = FormPost::new("everywhere", "/account");
    cx.finish(post, result, |_| {
        (
            "/signin".into(),
            Some(Msg::new(k::NOTICE_SIGNED_OUT_EVERYWHERE)),
        )
    })
    .await
}
