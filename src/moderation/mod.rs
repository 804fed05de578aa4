//! Moderation: what administrators decide about texts people wrote for each other.
//! Held texts: an area's store calls [`store::screen`] in the transaction that wrote a text;
//! with contact details (`crate::safeguard::contains_contact`) the words move to `held_texts`
//! and `safeguard::HELD` takes their place, which every page shows as "waiting for a safety
//! check" (`crate::ui::readable`); an administrator releases or removes them. Reports and
//! cases: anyone signed in reports content of any [`ItemKind`] that she can see and did not
//! write ([`store::report_item`], one route and one form for every kind); the item's case
//! opens, the third person's report (or a "personal information" one from someone trusted)
//! hides it behind `safeguard::HIDDEN`, and administrators decide at `/admin/moderation` with a
//! reason and perhaps a sanction; its author reads the decision at `/moderation/{id}` and may
//! appeal once, decided by another administrator.
pub mod api;
#[cfg(all(test, feature = "ssr"))]
mod case_tests;
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
    Message,
    RoadmapComment,
    Nomination,
    Practice,
    MentorProfile,
}
crate::form::code_column!(ItemKind);

impl ItemKind {
    pub const ALL: [ItemKind; 6] = [
        ItemKind::GroupPost,
        ItemKind::Message,
        ItemKind::RoadmapComment,
        ItemKind::Nomination,
        ItemKind::Practice,
        ItemKind::MentorProfile,
    ];

    pub fn code(self) -> &'static str {
        match self {
            ItemKind::GroupPost => "group_post",
            ItemKind::Message => "message",
            ItemKind::RoadmapComment => "roadmap_comment",
            ItemKind::Nomination => "nomination",
            ItemKind::Practice => "practice",
            ItemKind::MentorProfile => "mentor_profile",
        }
    }

    pub fn from_code(code: &str) -> Option<ItemKind> {
        ItemKind::ALL.into_iter().find(|c| c.code() == code)
    }

    /// What the administrators' queue and the author's case page call it.
    pub fn label(self) -> crate::i18n::Key {
        use crate::i18n::k;
        match self {
            ItemKind::GroupPost => k::REPORT_KIND_GROUP_POST,
            ItemKind::Message => k::REPORT_KIND_MESSAGE,
            ItemKind::RoadmapComment => k::REPORT_KIND_ROADMAP_COMMENT,
            ItemKind::Nomination => k::REPORT_KIND_NOMINATION,
            ItemKind::Practice => k::REPORT_KIND_PRACTICE,
            ItemKind::MentorProfile => k::REPORT_KIND_MENTOR_PROFILE,
        }
    }
}

crate::form::choice!(Outcome {
    Dismiss = "dismissed" => MOD_DISMISS,
    Hide = "hidden" => MOD_HIDE,
    Restore = "restored" => MOD_RESTORE,
    Remove = "removed" => MOD_REMOVE,
});

crate::form::choice!(CaseState {
    Open = "open" => MOD_CASE_OPEN,
    Closed = "closed" => MOD_CASE_DECIDED,
});

// why an open case's item is hidden while it waits
crate::form::choice!(HiddenBecause {
    Reports = "reports" => MOD_HIDDEN_REPORTS,
    Personal = "personal" => MOD_HIDDEN_PERSONAL,
});

crate::form::choice!(AppealOutcome {
    Upheld = "upheld" => MOD_APPEAL_UPHELD,
    Overturned = "overturned" => MOD_APPEAL_OVERTURNED,
});

crate::form::choice!(SanctionKind {
    Warning = "warning" => MOD_SANCTION_WARNING,
    Silence = "silence" => MOD_SANCTION_SILENCE,
    Suspension = "suspension" => MOD_SANCTION_SUSPENSION,
});

/// How many reports from different people hide an item until it is reviewed.
pub const HIDE_AFTER_REPORTS: i64 = 3;
/// How many reports one account may send in a day.
pub const REPORTS_PER_DAY: i64 = 20;
/// How long after a decision its author may appeal, in days.
pub const APPEAL_DAYS: i64 = 14;
/// How long a decision's reason and an appeal may be.
pub const REASON_MAX: usize = 1_000;
/// How far ahead a sanction may end, in days.
pub const SANCTION_DAYS_MAX: i64 = 3_650;

/// One report of a case, as the queue shows it.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct CaseReport {
    pub reporter_name: Option<String>,
    pub reporter_role: Option<String>,
    pub reason: ReportReason,
    pub details: String,
    pub created_at: i64,
}

/// A sanction as its author and the administrators read it.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Sanction {
    pub id: i64,
    pub kind: SanctionKind,
    pub reason: String,
    pub ends_at: i64,
    pub lifted_at: Option<i64>,
    pub created_at: i64,
}

/// A case: the item as it was when reported, where it is, its state and decision.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Case {
    pub id: i64,
    pub item_kind: ItemKind,
    pub item_id: i64,
    pub author_id: Option<i64>,
    pub author_name: Option<String>,
    pub snapshot: String,
    pub page: Option<String>,
    pub state: CaseState,
    pub hidden: bool,
    pub hidden_because: Option<HiddenBecause>,
    pub outcome: Option<Outcome>,
    pub reason: String,
    pub version: i64,
    pub opened_at: i64,
    pub decided_at: Option<i64>,
    pub decided_by: Option<i64>,
    pub appeal: Option<String>,
    pub appealed_at: Option<i64>,
    pub appeal_outcome: Option<AppealOutcome>,
    pub appeal_reason: String,
    pub appeal_decided_by: Option<i64>,
}

impl Case {
    /// The case as its author may read it: not who decided, nor who reported.
    pub fn for_author(self) -> Case {
        Case {
            decided_by: None,
            appeal_decided_by: None,
            version: 0,
            ..self
        }
    }

    /// Whether its author may still appeal at `now`: decided against her (hidden or removed,
    /// or a sanction), not appealed yet, within [`APPEAL_DAYS`].
    pub fn appealable(&self, sanctioned: bool, now: i64) -> bool {
        let against = matches!(self.outcome, Some(Outcome::Hide | Outcome::Remove)) || sanctioned;
        self.state == CaseState::Closed
            && against
            && self.appealed_at.is_none()
            && self
                .decided_at
                .is_some_and(|at| now < at + APPEAL_DAYS * 86_400)
    }
}

/// A case in the administrators' queue: the case, its reports and its author's history.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct QueuedCase {
    pub case: Case,
    pub reports: Vec<CaseReport>,
    pub history: History,
}

/// What an author's earlier cases came to, and her sanctions.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct History {
    pub cases: i64,
    pub removed: i64,
    pub sanctions: Vec<Sanction>,
}

/// The queue: open cases and appeals waiting.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Queue {
    pub open: Vec<QueuedCase>,
    pub appeals: Vec<QueuedCase>,
    /// the administrator reading it (an appeal is decided by someone else)
    pub me: i64,
}

/// The author's page of a case: the case and the sanctions that came with it.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct CaseView {
    pub case: Case,
    pub sanctions: Vec<Sanction>,
    pub appealable: bool,
}

/// A decision form's fields, as posted.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct DecisionFields {
    pub case_id: String,
    pub version: String,
    pub outcome: String,
    pub reason: String,
    /// "" for none, or a [`SanctionKind`] code
    pub sanction: String,
    /// "YYYY-MM-DD": the last day of the sanction (Bishkek)
    pub until: String,
}

/// A decision, checked.
#[derive(Clone, Debug, PartialEq)]
pub struct Decision {
    pub outcome: Outcome,
    pub reason: String,
    /// the sanction and the instant it ends
    pub sanction: Option<(SanctionKind, i64)>,
}

impl DecisionFields {
    /// The decision, or every field's message: a reason always; a sanction's last day in the
    /// future and at most [`SANCTION_DAYS_MAX`] away.
    pub fn check(&self, now: i64) -> Result<Decision, crate::error::AppError> {
        use crate::form::Choice;
        use crate::i18n::{k, Msg};
        let mut c = crate::form::Checker::default();
        let outcome = c.choice::<Outcome>("outcome", &self.outcome);
        let reason = c.text("reason", &self.reason, REASON_MAX, false);
        let sanction = match self.sanction.trim() {
            "" => None,
            code => match (
                SanctionKind::from_code(code),
                crate::time::parse_date(&self.until),
            ) {
                (None, _) => {
                    c.fail("sanction", Msg::new(k::ERR_CHOOSE_ONE));
                    None
                }
                (Some(_), None) => {
                    c.fail("until", Msg::new(k::MOD_ERR_UNTIL));
                    None
                }
                (Some(kind), Some(day)) => {
                    let ends = crate::time::end_of_day(day, crate::time::programme_zone());
                    if ends <= now {
                        c.fail("until", Msg::new(k::MOD_ERR_UNTIL_PAST));
                        None
                    } else if ends > now + SANCTION_DAYS_MAX * 86_400 {
                        c.fail("until", Msg::new(k::MOD_ERR_UNTIL));
                        None
                    } else {
                        Some((kind, ends))
                    }
                }
            },
        };
        c.finish(outcome.map(|outcome| Decision {
            outcome,
            reason,
            sanction,
        }))
    }
}

impl ItemKind {
    /// What a report form of this item posts (to [`api::ReportContent`]): its form's name and
    /// hidden fields; the page renders it with `ui::form::report_form`.
    pub fn report_fields(self, item: i64) -> (String, Vec<(&'static str, String)>) {
        (
            format!("report-{}-{item}", self.code()),
            vec![
                ("kind", self.code().to_string()),
                ("item_id", item.to_string()),
            ],
        )
    }
}

// what another administrator decides about an appeal
crate::form::choice!(AppealDecision {
    Uphold = "uphold" => MOD_UPHOLD,
    Overturn = "overturn" => MOD_OVERTURN,
});

/// An appeal's decision form, as posted.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct AppealDecisionFields {
    pub case_id: String,
    pub version: String,
    pub decision: String,
    pub reason: String,
}

impl AppealDecisionFields {
    /// Whether to overturn, and the reason, checked.
    pub fn check(&self) -> Result<(bool, String), crate::error::AppError> {
        let mut c = crate::form::Checker::default();
        let decision = c.choice::<AppealDecision>("decision", &self.decision);
        let reason = c.text("reason", &self.reason, REASON_MAX, false);
        c.finish(decision.map(|d| (d == AppealDecision::Overturn, reason)))
    }
}

/// An appeal, as its author posts it.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct AppealFields {
    pub case_id: String,
    pub appeal: String,
}

impl AppealFields {
    /// The appeal's words, checked.
    pub fn check(&self) -> Result<String, crate::error::AppError> {
        let mut c = crate::form::Checker::default();
        let text = c.text("appeal", &self.appeal, REASON_MAX, false);
        c.finish(Some(text))
    }
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
