//! Mentoring, in two sub-areas with the same rooms: `requests/` (the state machine, its SQL,
//! server functions, pages) and `mentorships/` (lifecycle, contact rules, messages, session
//! log, ratings). Finding a mentor is `crate::matching`.
#[cfg(all(test, feature = "ssr"))]
mod http_tests;
pub mod mentorships;
pub mod requests;

use serde::{Deserialize, Serialize};

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
crate::form::code_column!(MentorshipState);

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
    /// Whether the viewer has reported it.
    pub reported: bool,
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
