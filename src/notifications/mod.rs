//! Notifications: an in-app list with the unread count in the header, and an email outbox
//! (sent over SMTP when it is configured, otherwise kept for administrators to read).
//! Other areas call `store::notify` inside their own transaction, so a notification exists
//! exactly when the thing it tells about happened.
pub mod api;
#[cfg(feature = "ssr")]
pub mod mail;
#[cfg(feature = "ssr")]
pub mod store;
pub mod ui;

use crate::i18n::{k, Key};
use serde::{Deserialize, Serialize};

pub const PAGE: i64 = 30;

/// What happened. Stored by code; the text is rendered in the reader's language, with
/// `{name}` (a person) or `{n}` (a number) from the notification's parameter.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Kind {
    RequestNew,
    RequestAccepted,
    RequestDeclined,
    RequestQuestion,
    RequestAnswered,
    RequestWithdrawn,
    RequestExpiredMentee,
    RequestExpiredMentor,
    RequestInvalidated,
    Message,
    MentorshipPaused,
    MentorshipResumed,
    MentorshipCompleted,
    MentorshipCancelled,
    Reminder,
    RoadmapComment,
    RoadmapSuggestion,
    AwardNominated,
    MatchedMentee,
    MatchedMentor,
    LecturePromoted,
    LectureTomorrow,
    LectureSoon,
    LectureMoved,
    ReportNew,
    /// her content was hidden until an administrator reviews it
    ContentHidden,
    /// an administrator decided a case about her content
    ContentDecided,
    /// an author appealed a decision (administrators)
    AppealNew,
    /// her appeal was decided
    AppealDecided,
    /// the other person in her mentorship deleted her account: it has ended
    MentorshipAccountDeleted,
}

impl Kind {
    pub const ALL: [Kind; 30] = [
        Kind::RequestNew,
        Kind::RequestAccepted,
        Kind::RequestDeclined,
        Kind::RequestQuestion,
        Kind::RequestAnswered,
        Kind::RequestWithdrawn,
        Kind::RequestExpiredMentee,
        Kind::RequestExpiredMentor,
        Kind::RequestInvalidated,
        Kind::Message,
        Kind::MentorshipPaused,
        Kind::MentorshipResumed,
        Kind::MentorshipCompleted,
        Kind::MentorshipCancelled,
        Kind::Reminder,
        Kind::RoadmapComment,
        Kind::RoadmapSuggestion,
        Kind::AwardNominated,
        Kind::MatchedMentee,
        Kind::MatchedMentor,
        Kind::LecturePromoted,
        Kind::LectureTomorrow,
        Kind::LectureSoon,
        Kind::LectureMoved,
        Kind::ReportNew,
        Kind::ContentHidden,
        Kind::ContentDecided,
        Kind::AppealNew,
        Kind::AppealDecided,
        Kind::MentorshipAccountDeleted,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Kind::RequestNew => "request_new",
            Kind::RequestAccepted => "request_accepted",
            Kind::RequestDeclined => "request_declined",
            Kind::RequestQuestion => "request_question",
            Kind::RequestAnswered => "request_answered",
            Kind::RequestWithdrawn => "request_withdrawn",
            Kind::RequestExpiredMentee => "request_expired_mentee",
            Kind::RequestExpiredMentor => "request_expired_mentor",
            Kind::RequestInvalidated => "request_invalidated",
            Kind::Message => "message",
            Kind::MentorshipPaused => "mentorship_paused",
            Kind::MentorshipResumed => "mentorship_resumed",
            Kind::MentorshipCompleted => "mentorship_completed",
            Kind::MentorshipCancelled => "mentorship_cancelled",
            Kind::Reminder => "reminder",
            Kind::RoadmapComment => "roadmap_comment",
            Kind::RoadmapSuggestion => "roadmap_suggestion",
            Kind::AwardNominated => "award_nominated",
            Kind::MatchedMentee => "matched_mentee",
            Kind::MatchedMentor => "matched_mentor",
            Kind::LecturePromoted => "lecture_promoted",
            Kind::LectureTomorrow => "lecture_tomorrow",
            Kind::LectureSoon => "lecture_soon",
            Kind::LectureMoved => "lecture_moved",
            Kind::ReportNew => "report_new",
            Kind::ContentHidden => "content_hidden",
            Kind::ContentDecided => "content_decided",
            Kind::AppealNew => "appeal_new",
            Kind::AppealDecided => "appeal_decided",
            Kind::MentorshipAccountDeleted => "mentorship_account_deleted",
        }
    }

    pub fn from_code(code: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|c| c.code() == code)
    }

    /// The sentence, with `{name}` or `{n}`.
    pub fn text(self) -> Key {
        match self {
            Kind::RequestNew => k::NOTIFY_REQUEST_NEW,
            Kind::RequestAccepted => k::NOTIFY_REQUEST_ACCEPTED,
            Kind::RequestDeclined => k::NOTIFY_REQUEST_DECLINED,
            Kind::RequestQuestion => k::NOTIFY_REQUEST_QUESTION,
            Kind::RequestAnswered => k::NOTIFY_REQUEST_ANSWERED,
            Kind::RequestWithdrawn => k::NOTIFY_REQUEST_WITHDRAWN,
            Kind::RequestExpiredMentee => k::NOTIFY_REQUEST_EXPIRED_MENTEE,
            Kind::RequestExpiredMentor => k::NOTIFY_REQUEST_EXPIRED_MENTOR,
            Kind::RequestInvalidated => k::NOTIFY_REQUEST_INVALIDATED,
            Kind::Message => k::NOTIFY_MESSAGE,
            Kind::MentorshipPaused => k::NOTIFY_MENTORSHIP_PAUSED,
            Kind::MentorshipResumed => k::NOTIFY_MENTORSHIP_RESUMED,
            Kind::MentorshipCompleted => k::NOTIFY_MENTORSHIP_COMPLETED,
            Kind::MentorshipCancelled => k::NOTIFY_MENTORSHIP_CANCELLED,
            Kind::Reminder => k::NOTIFY_REMINDER,
            Kind::RoadmapComment => k::NOTIFY_ROADMAP_COMMENT,
            Kind::RoadmapSuggestion => k::NOTIFY_ROADMAP_SUGGESTION,
            Kind::AwardNominated => k::NOTIFY_AWARD_NOMINATED,
            Kind::MatchedMentee => k::NOTIFY_MATCHED_MENTEE,
            Kind::MatchedMentor => k::NOTIFY_MATCHED_MENTOR,
            Kind::LecturePromoted => k::NOTIFY_LECTURE_PROMOTED,
            Kind::LectureTomorrow => k::NOTIFY_LECTURE_TOMORROW,
            Kind::LectureSoon => k::NOTIFY_LECTURE_SOON,
            Kind::LectureMoved => k::NOTIFY_LECTURE_MOVED,
            Kind::ReportNew => k::NOTIFY_REPORT_NEW,
            Kind::ContentHidden => k::NOTIFY_CONTENT_HIDDEN,
            Kind::ContentDecided => k::NOTIFY_CONTENT_DECIDED,
            Kind::AppealNew => k::NOTIFY_APPEAL_NEW,
            Kind::AppealDecided => k::NOTIFY_APPEAL_DECIDED,
            Kind::MentorshipAccountDeleted => k::NOTIFY_MENTORSHIP_ACCOUNT_DELETED,
        }
    }

    /// Messages coalesce: while one "new message" notice for a mentorship is unread, later
    /// messages refresh it instead of adding notices (and emails).
    pub fn coalesces(self) -> bool {
        // reports and appeals too: a flood of them is one unread notice for each administrator
        matches!(self, Kind::Message | Kind::ReportNew | Kind::AppealNew)
    }

    /// The sentence in a language, filled in.
    pub fn render(self, locale: crate::i18n::Locale, param: &str) -> String {
        // a name may be a deleted account's, which reads in the reader's language
        let param = crate::safeguard::readable(locale, param);
        locale.tf(self.text(), &[("name", param), ("n", param)])
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Notification {
    pub id: i64,
    pub kind: Kind,
    pub param: String,
    pub created_at: i64,
    pub unread: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Inbox {
    pub items: Vec<Notification>,
    /// Pass as `before` for the next (older) page, if there is one.
    pub older: Option<i64>,
    pub unread: i64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OutboxEmail {
    pub id: i64,
    pub to_address: String,
    pub subject: String,
    pub body: String,
    pub status: String,
    pub attempts: i64,
    pub last_error: Option<String>,
    pub created_at: i64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Outbox {
    pub smtp_configured: bool,
    pub queued: i64,
    pub emails: Vec<OutboxEmail>,
}

/// Woken when a security email (confirmation, reset) is queued: the mailer (`jobs`) sends it
/// now instead of at its next minute. Kept in `AppState::caches`.
#[cfg(feature = "ssr")]
#[derive(Default)]
pub struct MailWake(pub tokio::sync::Notify);

/// Tells the mailer a security email is waiting.
#[cfg(feature = "ssr")]
pub fn wake_mailer(state: &crate::state::AppState) {
    state.caches.get::<MailWake>().0.notify_one();
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Locale;

    #[test]
    fn kinds_round_trip_and_render_in_every_language() {
        for kind in Kind::ALL {
            assert_eq!(Kind::from_code(kind.code()), Some(kind));
            for locale in Locale::ALL {
                let text = kind.render(locale, "Aida");
                assert!(!text.contains('{'), "{kind:?} {locale:?}: {text}");
            }
        }
        assert!(Kind::RequestNew.render(Locale::En, "Aida").contains("Aida"));
        assert!(Kind::Reminder.render(Locale::Ru, "3").contains('3'));
    }
}
