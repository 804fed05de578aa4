//! The one gate every server function passes: `guard(Access::…)` checks who is asking
//! (deny by default) and only then hands out the request context with the database pool.
//! `Cx::finish` ends a form's server function the same way everywhere: redirect after POST for
//! plain HTML forms (with errors and typed values in a one-shot flash cookie), a proper HTTP
//! status for fetch callers.
use super::{Role, SessionUser, Viewer};
use crate::error::AppError;
use crate::form::{Flash, FormPost};
use crate::i18n::Msg;
use crate::state::AppState;
use http::{header, request::Parts, HeaderValue, StatusCode};
use leptos::prelude::*;
use leptos_axum::ResponseOptions;
use sqlx::SqlitePool;

/// Who may call a server function.
#[derive(Clone, Copy, Debug)]
pub enum Access {
    /// Anyone, signed in or not (sign-in, sign-up, public reads).
    Anyone,
    /// Any signed-in account.
    SignedIn,
    /// Signed in with one of these roles; others get 404, as if the thing did not exist.
    Roles(&'static [Role]),
}

/// Decides an access rule for a viewer. Pure, so it is unit-tested on its own.
pub fn check(access: Access, viewer: &Viewer) -> Result<Option<SessionUser>, AppError> {
    match (access, &viewer.user) {
        (Access::Anyone, user) => Ok(user.clone()),
        (_, None) => Err(AppError::SignInNeeded),
        (Access::SignedIn, Some(u)) => Ok(Some(u.clone())),
        (Access::Roles(roles), Some(u)) if roles.contains(&u.role) => Ok(Some(u.clone())),
        (Access::Roles(_), Some(_)) => Err(AppError::NotFound),
    }
}

/// What a server function gets once it is allowed in.
pub struct Cx {
    pub state: AppState,
    pub viewer: Viewer,
    pub user: Option<SessionUser>,
}

pub fn guard(access: Access) -> Result<Cx, AppError> {
    let viewer = use_context::<Viewer>().unwrap_or_default();
    let user = match check(access, &viewer) {
        Ok(user) => user,
        Err(e) => {
            if matches!(e, AppError::NotFound) {
                let path = use_context::<Parts>().map(|p| p.uri.path().to_string());
                refused(&viewer, path.as_deref().unwrap_or(""));
            }
            set_status(e.status());
            return Err(e);
        }
    };
    let state = use_context::<AppState>().ok_or_else(|| {
        tracing::error!("AppState missing from the server function context");
        AppError::Internal
    })?;
    Ok(Cx {
        state,
        viewer,
        user,
    })
}

/// Logs a signed-in person asking for what her role may not use (an administrator's function,
/// say): she gets 404, and the operators can see who tried what.
pub fn refused(viewer: &Viewer, what: &str) {
    if let Some(u) = &viewer.user {
        tracing::warn!(
            account = u.id,
            role = u.role.code(),
            what,
            "refused: not for this role"
        );
    }
}

fn set_status(code: u16) {
    if let (Some(res), Ok(code)) = (use_context::<ResponseOptions>(), StatusCode::from_u16(code)) {
        res.set_status(code);
    }
}

/// Is this a plain HTML form post (no JavaScript), as opposed to a fetch from an island?
pub fn is_plain_form_post() -> bool {
    use_context::<Parts>()
        .and_then(|p| {
            p.headers
                .get(header::ACCEPT)
                .and_then(|v| v.to_str().ok())
                .map(|v| v.contains("text/html"))
        })
        .unwrap_or(false)
}

pub fn append_cookie(cookie: String) {
    if let (Some(res), Ok(value)) = (
        use_context::<ResponseOptions>(),
        HeaderValue::from_str(&cookie),
    ) {
        res.append_header(header::SET_COOKIE, value);
    }
}

/// A `Set-Cookie` value with the attributes every cookie of ours has.
pub fn cookie(name: &str, value: &str, max_age: i64, http_only: bool, secure: bool) -> String {
    let mut c = format!("{name}={value}; Path=/; Max-Age={max_age}; SameSite=Lax");
    if http_only {
        c.push_str("; HttpOnly");
    }
    if secure {
        c.push_str("; Secure");
    }
    c
}

/// A page of one thing, `{base}/{id}`, built from the parsed id only: whatever else a form
/// carried (a newline, a foreign host) never reaches a `Location` header. Not a number: `base`.
pub fn id_path(base: &str, raw_id: &str) -> String {
    match AppError::id(raw_id) {
        Ok(id) => format!("{base}/{id}"),
        Err(_) => base.to_string(),
    }
}

/// Redirects to a path of this site. The target is always built by the server, but if one
/// ever carries bytes a header cannot (or names another site), the person goes home instead
/// of the request failing: `leptos_axum::redirect` panics on such a value.
pub fn redirect(to: &str) {
    if is_local_path(to) {
        leptos_axum::redirect(to);
    } else {
        tracing::warn!("refused a redirect target that is not a local path");
        leptos_axum::redirect("/");
    }
}

/// A path of this site and nothing else: one leading slash, visible ASCII only (browsers drop
/// a tab or a newline, so `/\t/evil.example` would become `//evil.example`), no backslash.
pub fn is_local_path(to: &str) -> bool {
    to.starts_with('/')
        && !to.starts_with("//")
        && to.bytes().all(|b| (0x21..0x7f).contains(&b) && b != b'\\')
}

impl Cx {
    pub fn pool(&self) -> &SqlitePool {
        &self.state.pool
    }

    /// The signed-in user; only call after `guard(Access::SignedIn | Roles)`.
    pub fn me(&self) -> Result<&SessionUser, AppError> {
        self.user.as_ref().ok_or(AppError::SignInNeeded)
    }

    pub fn set_cookie(&self, name: &str, value: &str, max_age: i64, http_only: bool) {
        append_cookie(cookie(name, value, max_age, http_only, self.viewer.secure));
    }

    /// Ends a form's server function: on success go to `next` (with an optional notice); on
    /// failure go back with the messages and the typed values, or set the status for fetches.
    pub async fn finish<T>(
        &self,
        post: FormPost<'_>,
        result: Result<T, AppError>,
        next: impl FnOnce(&T) -> (String, Option<Msg>),
    ) -> Result<T, AppError> {
        let plain = is_plain_form_post();
        match &result {
            Ok(value) => {
                let (to, notice) = next(value);
                if let Some(notice) = notice {
                    self.set_flash(&Flash {
                        notice: Some(notice),
                        ..Flash::default()
                    })
                    .await;
                }
                redirect(&to);
            }
            Err(error) if plain => {
                let flash = Flash {
                    form: Some(post.form.to_string()),
                    errors: error.messages(),
                    values: post.values,
                    notice: None,
                };
                self.set_flash(&flash).await;
                redirect(post.back);
            }
            Err(error) => set_status(error.status()),
        }
        result
    }

    /// Like [`Cx::finish`] for plain form posts; a fetch caller (an island) gets the value
    /// itself, with no redirect and no notice, so it can update the page in place.
    pub async fn answer<T>(
        &self,
        post: FormPost<'_>,
        result: Result<T, AppError>,
        next: impl FnOnce(&T) -> (String, Option<Msg>),
    ) -> Result<T, AppError> {
        if is_plain_form_post() {
            return self.finish(post, result, next).await;
        }
        if let Err(e) = &result {
            set_status(e.status());
        }
        result
    }

    /// Keeps the flash on the server and names it in a one-shot cookie; if it cannot be kept
    /// the person still gets where she was going, without the message.
    async fn set_flash(&self, flash: &Flash) {
        match flash.keep(self.pool(), crate::db::now()).await {
            Ok(token) => self.set_cookie(
                super::FLASH_COOKIE,
                &token,
                crate::form::FLASH_SECONDS,
                true,
            ),
            Err(e) => tracing::error!(error = %e, "could not keep a form's messages"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn viewer(role: Option<Role>) -> Viewer {
        Viewer {
            user: role.map(|role| SessionUser {
                id: 7,
                display_name: "Aida".into(),
                role,
                time_zone: None,
            }),
            ..Viewer::default()
        }
    }

    #[test]
    fn access_is_denied_by_default() {
        assert!(check(Access::Anyone, &viewer(None)).is_ok());
        assert_eq!(
            check(Access::SignedIn, &viewer(None)),
            Err(AppError::SignInNeeded)
        );
        assert!(check(Access::SignedIn, &viewer(Some(Role::Mentee))).is_ok());
        assert_eq!(
            check(Access::Roles(&[Role::Admin]), &viewer(Some(Role::Mentor))),
            Err(AppError::NotFound)
        );
        assert_eq!(
            check(Access::Roles(&[Role::Admin]), &viewer(None)),
            Err(AppError::SignInNeeded)
        );
        assert!(check(
            Access::Roles(&[Role::Admin, Role::Jury]),
            &viewer(Some(Role::Jury))
        )
        .is_ok());
    }

    #[test]
    fn redirects_go_only_to_paths_built_from_parsed_ids() {
        assert!(is_local_path("/awards/5#category-7"));
        assert!(is_local_path("/mentors?q=data%20science"));
        for bad in [
            "//evil.example",
            "/\t/evil.example",
            "/\\evil.example",
            "/x\r\nSet-Cookie: a=b",
            "https://evil.example",
            "",
            "/ай",
        ] {
            assert!(!is_local_path(bad), "{bad:?}");
        }
        assert_eq!(id_path("/roadmaps", " 12 "), "/roadmaps/12");
        assert_eq!(id_path("/roadmaps", "12\n"), "/roadmaps");
        assert_eq!(id_path("/roadmaps", "1/../../x"), "/roadmaps");
    }

    #[test]
    fn cookies_carry_the_safe_attributes() {
        let c = cookie("s", "v", 60, true, true);
        assert_eq!(c, "s=v; Path=/; Max-Age=60; SameSite=Lax; HttpOnly; Secure");
        assert!(!cookie("s", "v", 60, false, false).contains("Secure"));
    }
}
