//! Who is asking: roles, the signed-in user, and (server side) sessions, passwords, sign-in
//! throttling, forgery checks and the one authorization gate every server function passes.
//! `api` holds the two server functions every page's header posts to: signing out and
//! switching the language.
use crate::i18n::{k, Key, Locale};
use serde::{Deserialize, Serialize};

pub mod api;
#[cfg(feature = "ssr")]
pub mod guard;
#[cfg(all(test, feature = "ssr"))]
mod http_tests;
#[cfg(feature = "ssr")]
pub mod middleware;
#[cfg(feature = "ssr")]
pub mod password;
#[cfg(feature = "ssr")]
pub mod store;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Role {
    Mentee,
    Mentor,
    Admin,
    Jury,
    Partner,
}

impl Role {
    pub const ALL: [Role; 5] = [
        Role::Mentee,
        Role::Mentor,
        Role::Admin,
        Role::Jury,
        Role::Partner,
    ];
    /// The roles a person may pick on the sign-up form; the others are granted.
    pub const SELF_CHOSEN: [Role; 2] = [Role::Mentee, Role::Mentor];

    pub fn code(self) -> &'static str {
        match self {
            Role::Mentee => "mentee",
            Role::Mentor => "mentor",
            Role::Admin => "admin",
            Role::Jury => "jury",
            Role::Partner => "partner",
        }
    }

    pub fn from_code(code: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.code() == code)
    }

    pub fn label(self) -> Key {
        match self {
            Role::Mentee => k::ROLE_MENTEE,
            Role::Mentor => k::ROLE_MENTOR,
            Role::Admin => k::ROLE_ADMIN,
            Role::Jury => k::ROLE_JURY,
            Role::Partner => k::ROLE_PARTNER,
        }
    }
}

/// The signed-in person as the rest of the app sees them (never the password hash).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SessionUser {
    pub id: i64,
    pub display_name: String,
    pub role: Role,
    /// Her own time zone (an IANA name) when she has chosen one; times of day are shown in
    /// it, else in the programme's (Bishkek).
    #[serde(default)]
    pub time_zone: Option<String>,
}

/// Resolved once per request by the server middleware and provided as context.
#[derive(Clone, Debug, Default)]
pub struct Viewer {
    pub user: Option<SessionUser>,
    pub locale: Locale,
    /// SHA-256 of the session cookie's token, when a live session was found.
    pub session_id: Option<String>,
    /// The client's address (for throttling), when known.
    pub ip: Option<String>,
    /// Whether the request came over HTTPS (cookies get `Secure`).
    pub secure: bool,
    /// Unread notifications of the signed-in person (shown in the header).
    pub unread: i64,
}

impl Viewer {
    /// The IANA name of [`Viewer::zone`] ("Asia/Bishkek").
    pub fn zone_name(&self) -> String {
        self.zone()
            .iana_name()
            .unwrap_or(crate::time::PROGRAMME_ZONE)
            .to_string()
    }

    /// The zone this reader's times of day are shown in: her own, else the programme's.
    pub fn zone(&self) -> jiff::tz::TimeZone {
        self.user
            .as_ref()
            .and_then(|u| u.time_zone.as_deref())
            .and_then(crate::time::zone)
            .unwrap_or_else(|| crate::time::programme_zone().clone())
    }

    /// The key the flood limits count this client by: her address, or "unknown" when none is
    /// known (every such request shares it).
    pub fn address(&self) -> &str {
        self.ip.as_deref().unwrap_or("unknown")
    }
}

/// A link or path with its secret hidden, for logs and administrators' pages: what follows
/// `/confirm/`, `token=` and `/calendar/` (a calendar feed's secret address) becomes "…".
pub fn masked(link: &str) -> String {
    let mut out = link.to_string();
    for marker in ["/confirm/", "token=", "/calendar/"] {
        if let Some(at) = out.find(marker) {
            let start = at + marker.len();
            let end = out[start..]
                .find(['&', '#', '/', ' ', '\n'])
                .map_or(out.len(), |i| start + i);
            if end > start {
                out.replace_range(start..end, "…");
            }
        }
    }
    out
}

/// What every server render and server function of a request reads from its context: the
/// app's state, the reader's language and who is asking (`server.rs` provides them for pages
/// and server functions, `ui::render_fragment` carries them into a fragment's own root).
#[cfg(feature = "ssr")]
pub fn provide_request_contexts(state: crate::state::AppState, viewer: Viewer) {
    use leptos::prelude::provide_context;
    provide_context(state);
    provide_context(viewer.locale);
    provide_context(viewer);
}

/// The viewer of the current request; an anonymous English viewer outside a request.
pub fn use_viewer() -> Viewer {
    leptos::prelude::use_context::<Viewer>().unwrap_or_default()
}

pub const SESSION_COOKIE: &str = "s4a_session";
pub const LOCALE_COOKIE: &str = "s4a_lang";
pub const FLASH_COOKIE: &str = "s4a_flash";

/// A redirect target from a form: only paths on this site ("/x"), never "//host" or "http:".
pub fn safe_local_path(raw: &str) -> String {
    let ok = raw.starts_with('/')
        && !raw.starts_with("//")
        && !raw.starts_with("/\\")
        && !raw.chars().any(|c| c.is_control());
    if ok {
        raw.to_string()
    } else {
        "/".to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_in_links_are_masked() {
        assert_eq!(masked("/confirm/abcDEF_-123"), "/confirm/…");
        assert_eq!(masked("/reset?token=abc-_DEF"), "/reset?token=…");
        assert_eq!(masked("/reset?token=abc&x=1"), "/reset?token=…&x=1");
        assert_eq!(masked("/mentorships/5"), "/mentorships/5");
        assert_eq!(masked("/reset?token="), "/reset?token=");
        assert_eq!(masked("/calendar/abc-_DEF.ics"), "/calendar/…");
    }

    #[test]
    fn redirects_stay_on_this_site() {
        assert_eq!(safe_local_path("/account?x=1"), "/account?x=1");
        for bad in [
            "//evil.example",
            "https://evil.example",
            "/\\evil",
            "",
            "javascript:alert(1)",
        ] {
            assert_eq!(safe_local_path(bad), "/", "{bad}");
        }
    }
}
