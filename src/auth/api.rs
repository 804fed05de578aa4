//! The two server functions every page's header posts to: signing out and switching the
//! language. They sit here, below the areas, so the shared layout (`crate::ui`) can name them
//! without pointing up into an area.
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use super::{guard::*, store as sessions, LOCALE_COOKIE, SESSION_COOKIE};
#[cfg(feature = "ssr")]
use crate::form::FormPost;

#[server(endpoint = "sign_out")]
pub async fn sign_out() -> Result<(), AppError> {
    use crate::i18n::{k, Msg};
    let cx = guard(Access::SignedIn)?;
    let result = async {
        if let Some(id) = &cx.viewer.session_id {
            sessions::delete_session(cx.pool(), id).await?;
        }
        cx.set_cookie(SESSION_COOKIE, "", 0, true);
        Ok(())
    }
    .await;
    let post = FormPost::new("sign_out", "/account");
    cx.finish(post, result, |_| {
        ("/".into(), Some(Msg::new(k::NOTICE_SIGNED_OUT)))
    })
    .await
}

/// Switches the interface language: a cookie for everyone, and the account's preference for
/// the signed-in (so emails later go out in it too).
#[server(endpoint = "set_locale")]
pub async fn set_locale(locale: String, back: String) -> Result<(), AppError> {
    use crate::i18n::{k, Locale, Msg};
    let cx = guard(Access::Anyone)?;
    let back = super::safe_local_path(&back);
    let result = async {
        let loc = Locale::from_code(&locale)
            .filter(|l| l.code() == locale)
            .ok_or_else(|| AppError::invalid("locale", Msg::new(k::ERR_REQUIRED)))?;
        cx.set_cookie(LOCALE_COOKIE, loc.code(), 365 * 24 * 3600, false);
        if let Some(user) = &cx.user {
            sessions::set_locale(cx.pool(), user.id, loc).await?;
        }
        Ok(())
    }
    .await;
    let post = FormPost::new("set_locale", &back);
    cx.finish(post, result, |_| (back.clone(), None)).await
}
