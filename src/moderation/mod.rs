//! Moderation: what administrators decide about texts people wrote for each other. Today the
//! held queue: an area's store calls [`store::screen`] in the transaction that wrote a text;
//! with contact details (`crate::safeguard::contains_contact`) the words move to `held_texts`
//! and `safeguard::HELD` takes their place, which every page shows as "waiting for a safety
//! check" (`crate::ui::readable`); an administrator releases them (the words go back) or
//! removes them. Every channel but mentorship messages (whose queue is
//! `mentoring::mentorships`, on the same page). Reports: anyone signed in reports content that
//! is not hers ([`store::report`], one report per person per item, kept in `reports` with the
//! reason and details); the administrators' queue of reports, sanctions and appeals come next.
pub mod api;
#[cfg(all(test, feature = "ssr"))]
mod http_tests;
#[cfg(feature = "ssr")]
pub mod store;
pub mod ui;

crate::form::choice!(ReportReason {
    Spam = "spam" => REPORT_SPAM,
    Harassment = "harassment" => REPORT_HARASSMENT,
    Inappropriate = "inappropriate" => REPORT_INAPPROPRIATE,
    PersonalInformation = "personal_information" => REPORT_PERSONAL,
    Other = "other" => REPORT_OTHER,
});

/// What kind of thing a report is about (stored by code with the thing's id).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum ItemKind {
    GroupPost,
}

impl ItemKind {
    pub const ALL: [ItemKind; 1] = [ItemKind::GroupPost];

    pub fn code(self) -> &'static str {
        match self {
            ItemKind::GroupPost => "group_post",
        }
    }

    pub fn from_code(code: &str) -> Option<ItemKind> {
        ItemKind::ALL.into_iter().find(|c| c.code() == code)
    }

    /// The table and column holding the reported text (its row found by `id`), and the page
    /// it is on (the row's column naming it).
    pub fn place(self) -> (&'static str, &'static str, &'static str, &'static str) {
        match self {
            ItemKind::GroupPost => ("peer_group_posts", "body", "/groups", "group_id"),
        }
    }

    /// What the administrators' list calls it.
    pub fn label(self) -> crate::i18n::Key {
        match self {
            ItemKind::GroupPost => crate::i18n::k::REPORT_KIND_GROUP_POST,
        }
    }
}

/// Reported content as the administrators' list shows it: the item as it reads now, how many
/// reported it and the latest report's reason and details.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct ReportedItem {
    pub item_kind: String,
    pub item_id: i64,
    /// The page the item is on.
    pub page: String,
    pub text: String,
    pub reports: i64,
    pub reason: String,
    pub details: String,
    pub last_at: i64,
}

/// How long a report's details may be.
pub const REPORT_DETAILS_MAX: usize = 1_000;

/// A report form's fields, as posted (every area's report form posts these).
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct ReportFields {
    pub reason: String,
    pub details: String,
}

impl ReportFields {
    /// The reason and the details, checked.
    pub fn check(&self) -> Result<(ReportReason, String), crate::error::AppError> {
        let mut c = crate::form::Checker::default();
        let reason = c.choice::<ReportReason>("reason", &self.reason);
        let details = c.text("details", &self.details, REPORT_DETAILS_MAX, true);
        c.finish(reason.map(|r| (r, details)))
    }
}

/// Where one person writes to another. Each names one table's column; the held queue's SQL
/// names only these.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Channel {
    RequestMessage,
    RequestHopes,
    RequestQuestion,
    RequestAnswer,
    RoadmapComment,
    SuggestionTitle,
    SuggestionDetails,
    SessionTopics,
    NominationReason,
    /// why a mentorship was paused, completed or cancelled (the other person reads it)
    MentorshipReason,
    /// a completed mentorship's rating comment (the other person reads it)
    RatingComment,
    /// a lecture's description by a speaker (everyone reads it)
    LectureDescription,
    /// a lecture's rating comment (its speaker reads it)
    LectureComment,
    /// a post in a peer group's discussion (its members read it)
    GroupPost,
    /// a peer group's description (everyone signed in reads it)
    GroupDescription,
    /// where a peer group meets (its members read it)
    GroupMeetingPlace,
}

impl Channel {
    pub const ALL: [Channel; 16] = [
        Channel::RequestMessage,
        Channel::RequestHopes,
        Channel::RequestQuestion,
        Channel::RequestAnswer,
        Channel::RoadmapComment,
        Channel::SuggestionTitle,
        Channel::SuggestionDetails,
        Channel::SessionTopics,
        Channel::NominationReason,
        Channel::MentorshipReason,
        Channel::RatingComment,
        Channel::LectureDescription,
        Channel::LectureComment,
        Channel::GroupPost,
        Channel::GroupDescription,
        Channel::GroupMeetingPlace,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Channel::RequestMessage => "request_message",
            Channel::RequestHopes => "request_hopes",
            Channel::RequestQuestion => "request_question",
            Channel::RequestAnswer => "request_answer",
            Channel::RoadmapComment => "roadmap_comment",
            Channel::SuggestionTitle => "suggestion_title",
            Channel::SuggestionDetails => "suggestion_details",
            Channel::SessionTopics => "session_topics",
            Channel::NominationReason => "nomination_reason",
            Channel::MentorshipReason => "mentorship_reason",
            Channel::RatingComment => "rating_comment",
            Channel::LectureDescription => "lecture_description",
            Channel::LectureComment => "lecture_comment",
            Channel::GroupPost => "group_post",
            Channel::GroupDescription => "group_description",
            Channel::GroupMeetingPlace => "group_meeting_place",
        }
    }

    pub fn from_code(code: &str) -> Option<Channel> {
        Channel::ALL.into_iter().find(|c| c.code() == code)
    }

    /// The table and column the text lives in (its row is found by `id`).
    pub fn place(self) -> (&'static str, &'static str) {
        match self {
            Channel::RequestMessage => ("mentorship_requests", "message"),
            Channel::RequestHopes => ("mentorship_requests", "hopes"),
            Channel::RequestQuestion => ("mentorship_requests", "question"),
            Channel::RequestAnswer => ("mentorship_requests", "answer"),
            Channel::RoadmapComment => ("roadmap_comments", "body"),
            Channel::SuggestionTitle => ("roadmap_suggestions", "title"),
            Channel::SuggestionDetails => ("roadmap_suggestions", "details"),
            Channel::SessionTopics => ("session_logs", "topics"),
            Channel::NominationReason => ("award_nominations", "reason"),
            Channel::MentorshipReason => ("mentorship_events", "reason"),
            Channel::RatingComment => ("mentorship_ratings", "comment"),
            Channel::LectureDescription => ("lectures", "description"),
            Channel::LectureComment => ("lecture_ratings", "comment"),
            Channel::GroupPost => ("peer_group_posts", "body"),
            Channel::GroupDescription => ("peer_groups", "description"),
            Channel::GroupMeetingPlace => ("peer_groups", "meeting_place"),
        }
    }

    /// What the administrators' queue calls it.
    pub fn label(self) -> crate::i18n::Key {
        use crate::i18n::k;
        match self {
            Channel::RequestMessage | Channel::RequestHopes => k::HELD_CHANNEL_REQUEST,
            Channel::RequestQuestion | Channel::RequestAnswer => k::HELD_CHANNEL_QUESTION,
            Channel::RoadmapComment => k::HELD_CHANNEL_COMMENT,
            Channel::SuggestionTitle | Channel::SuggestionDetails => k::HELD_CHANNEL_SUGGESTION,
            Channel::SessionTopics => k::HELD_CHANNEL_SESSION,
            Channel::NominationReason => k::HELD_CHANNEL_NOMINATION,
            Channel::MentorshipReason => k::HELD_CHANNEL_REASON,
            Channel::RatingComment => k::HELD_CHANNEL_RATING,
            Channel::LectureDescription | Channel::LectureComment => k::HELD_CHANNEL_LECTURE,
            Channel::GroupPost | Channel::GroupDescription | Channel::GroupMeetingPlace => {
                k::HELD_CHANNEL_GROUP
            }
        }
    }
}

/// A held text in the administrators' queue.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct HeldText {
    pub id: i64,
    pub channel: Channel,
    pub author_name: String,
    pub text: String,
    pub created_at: i64,
}
