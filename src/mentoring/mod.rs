//! Mentoring: mentor discovery, and two sub-areas with the same rooms: `requests/` (the state
//! machine, its SQL, server functions, pages) and `mentorships/` (lifecycle, contact rules,
//! messages, session log, ratings).
//! Discovery lists approved mentors with filters (field, skill, language, regional or
//! international, free places), free-text search over their profiles (FTS5), pagination, and —
//! for a mentee with a profile — a 0–100 fit score with its reasons (see `crate::matching`).
pub mod api;
#[cfg(all(test, feature = "ssr"))]
pub(crate) mod http_tests;
pub mod mentorships;
pub mod requests;
#[cfg(feature = "ssr")]
pub mod store;
pub mod ui;

use serde::{Deserialize, Serialize};

pub const PAGE_SIZE: usize = 10;
pub const QUERY_MAX: usize = 100;

/// The discovery filters, as the GET form and the island send them.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Filters {
    #[serde(default)]
    pub field: Option<i64>,
    #[serde(default)]
    pub skill: Option<i64>,
    #[serde(default)]
    pub language: Option<String>,
    /// "regional", "international", or nothing for both.
    #[serde(default)]
    pub scope: Option<String>,
    /// Also list mentors who are full or paused.
    #[serde(default)]
    pub include_full: bool,
    #[serde(default)]
    pub q: String,
    #[serde(default)]
    pub page: usize,
}

impl Filters {
    /// From a query string's values; anything unreadable is treated as "not set".
    pub fn from_query(get: impl Fn(&str) -> Option<String>) -> Filters {
        let num = |k: &str| get(k).and_then(|v| v.trim().parse::<i64>().ok());
        let text = |k: &str| {
            get(k)
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty())
        };
        Filters {
            field: num("field"),
            skill: num("skill"),
            language: text("language"),
            scope: text("scope").filter(|s| s == "regional" || s == "international"),
            include_full: get("include_full").is_some_and(|v| v == "1" || v == "on" || v == "true"),
            q: text("q")
                .map(|q| q.chars().take(QUERY_MAX).collect())
                .unwrap_or_default(),
            page: num("page").filter(|p| *p >= 1).unwrap_or(1) as usize,
        }
    }

    /// The query string for these filters on another page (for links).
    pub fn query(&self, page: usize) -> String {
        let mut parts: Vec<String> = Vec::new();
        let mut push = |k: &str, v: String| parts.push(format!("{k}={}", encode(&v)));
        if let Some(f) = self.field {
            push("field", f.to_string());
        }
        if let Some(s) = self.skill {
            push("skill", s.to_string());
        }
        if let Some(l) = &self.language {
            push("language", l.clone());
        }
        if let Some(s) = &self.scope {
            push("scope", s.clone());
        }
        if self.include_full {
            push("include_full", "1".into());
        }
        if !self.q.is_empty() {
            push("q", self.q.clone());
        }
        push("page", page.to_string());
        parts.join("&")
    }
}

/// Percent-encoding for query values (small, so it costs the wasm nothing much).
fn encode(v: &str) -> String {
    let mut out = String::new();
    for b in v.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// One mentor as the discovery list shows her; every text already in the reader's language.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MentorCard {
    pub id: i64,
    pub name: String,
    pub title: String,
    pub organisation: String,
    pub place: String,
    pub languages: String,
    pub skills: Vec<String>,
    pub spots_left: i64,
    pub capacity: i64,
    pub open: bool,
    pub score: Option<u8>,
    pub reasons: Vec<String>,
    /// "Usually replies within N days", in the reader's language.
    pub replies: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct DiscoverPage {
    pub cards: Vec<MentorCard>,
    pub total: usize,
    pub page: usize,
    pub pages: usize,
    /// Whether cards carry a fit score (the viewer is a mentee with a profile).
    pub scored: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_read_and_write_query_strings() {
        let q = |k: &str| match k {
            "field" => Some("1".to_string()),
            "skill" => Some("x".to_string()),
            "scope" => Some("international".to_string()),
            "q" => Some("  data science & ml ".to_string()),
            "page" => Some("0".to_string()),
            _ => None,
        };
        let f = Filters::from_query(q);
        assert_eq!(f.field, Some(1));
        assert_eq!(f.skill, None);
        assert_eq!(f.scope.as_deref(), Some("international"));
        assert_eq!(f.q, "data science & ml");
        assert_eq!(f.page, 1);
        assert_eq!(
            f.query(2),
            "field=1&scope=international&q=data%20science%20%26%20ml&page=2"
        );
        let bad_scope = Filters::from_query(|k| (k == "scope").then(|| "mars".to_string()));
        assert_eq!(bad_scope.scope, None);
    }
}

/// A request as its mentee or mentor sees it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RequestView {
    pub id: i64,
    /// The other person: the mentor for a mentee, the mentee for a mentor.
    pub other_id: i64,
    pub other_name: String,
    pub message: String,
    pub hopes: String,
    pub state: requests::State,
    pub decline_reason: Option<requests::DeclineReason>,
    pub question: Option<String>,
    pub answer: Option<String>,
    pub updated_at: i64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MyRequests {
    pub as_mentor: bool,
    pub requests: Vec<RequestView>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum MentorshipState {
    Active,
    Paused,
    Completed,
    Cancelled,
}

impl MentorshipState {
    pub fn from_code(code: &str) -> Option<MentorshipState> {
        match code {
            "active" => Some(MentorshipState::Active),
            "paused" => Some(MentorshipState::Paused),
            "completed" => Some(MentorshipState::Completed),
            "cancelled" => Some(MentorshipState::Cancelled),
            _ => None,
        }
    }
    pub fn label(self) -> crate::i18n::Key {
        use crate::i18n::k;
        match self {
            MentorshipState::Active => k::MENTORSHIP_STATE_ACTIVE,
            MentorshipState::Paused => k::MENTORSHIP_STATE_PAUSED,
            MentorshipState::Completed => k::MENTORSHIP_STATE_COMPLETED,
            MentorshipState::Cancelled => k::MENTORSHIP_STATE_CANCELLED,
        }
    }
    /// Messages and session logs are possible while the mentorship is going on.
    pub fn is_ongoing(self) -> bool {
        matches!(self, MentorshipState::Active | MentorshipState::Paused)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MentorshipSummary {
    pub id: i64,
    pub other_id: i64,
    pub other_name: String,
    pub as_mentor: bool,
    pub state: MentorshipState,
    pub started_at: i64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MessageView {
    pub id: i64,
    pub mine: bool,
    pub sender_name: String,
    pub body: String,
    /// Held for an administrator (shown to its sender only).
    pub held: bool,
    pub created_at: i64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SessionView {
    pub held_on: String,
    pub minutes: i64,
    pub topics: String,
    pub logged_by: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MentorshipPage {
    pub summary: MentorshipSummary,
    pub messages: Vec<MessageView>,
    /// Id to pass as `before` for the previous page of messages, if there is one.
    pub older: Option<i64>,
    pub sessions: Vec<SessionView>,
    /// Pauses, resumes and the end, oldest first.
    pub events: Vec<EventView>,
    pub ratings: Vec<RatingView>,
}

/// A change of a mentorship's state: who, to what, why, when.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EventView {
    pub actor_name: String,
    pub to: MentorshipState,
    pub reason: String,
    pub at: i64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RatingView {
    pub mine: bool,
    pub rater_name: String,
    pub rating: i64,
    pub comment: String,
    pub at: i64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HeldMessage {
    pub id: i64,
    pub sender_name: String,
    pub recipient_name: String,
    pub body: String,
    pub created_at: i64,
}
