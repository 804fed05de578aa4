//! Lectures and trainings: administrators, and the speakers they name, publish them; signed-in
//! people register or join the waiting list, which promotes the next person when a place opens;
//! the online link shows to registered people from an hour before the start; afterwards the
//! speaker marks attendance, adds a recording (with an access code and an expiry date) and
//! attendees rate it once. This file holds the types and the pure rules (when the link and the
//! recording show, which reminder is due, the materials' format), unit-tested; SQL is in
//! `store.rs`.
pub mod api;
#[cfg(all(test, feature = "ssr"))]
mod http_tests;
#[cfg(feature = "ssr")]
pub mod store;
#[cfg(all(test, feature = "ssr"))]
mod store_tests;
pub mod ui;

use crate::form::choice;
use serde::{Deserialize, Serialize};

pub const TITLE_MAX: usize = 150;
pub const SPEAKER_MAX: usize = 120;
pub const DESCRIPTION_MAX: usize = 3_000;
pub const MATERIALS_MAX: usize = 20;
pub const CODE_MAX: usize = 100;
pub const COMMENT_MAX: usize = 1_000;
pub const MINUTES_MIN: i64 = 10;
pub const MINUTES_MAX: i64 = 600;
pub const CAPACITY_MAX: i64 = 10_000;
/// A lecture may be scheduled at most this far ahead (two years).
pub const AHEAD_MAX: i64 = 2 * 366 * 86_400;
/// The online link shows to registered people from this long before the start.
pub const LINK_OPENS_BEFORE: i64 = 3_600;
/// A recording stays available this many days unless its publisher says otherwise.
pub const RECORDING_DAYS: i64 = 30;
/// A recording is available at most this many days.
pub const RECORDING_DAYS_MAX: i64 = 366;
/// A lecture sent again within this many seconds (the same title and start, by the same
/// publisher: a resend over a failing link) is the same lecture.
pub const RESEND_WITHIN: i64 = 120;
/// Upcoming lectures one speaker (not an administrator) may have published at once.
pub const SPEAKER_AHEAD_MAX: i64 = 30;
/// Lectures a list page shows.
pub const PER_PAGE: i64 = 20;

choice!(Topic {
    TimeManagement = "time_management" => LECTURE_TOPIC_TIME,
    Leadership = "leadership" => LECTURE_TOPIC_LEADERSHIP,
    EmotionalIntelligence = "emotional_intelligence" => LECTURE_TOPIC_EQ,
    CriticalThinking = "critical_thinking" => LECTURE_TOPIC_CRITICAL,
    FinancialLiteracy = "financial_literacy" => LECTURE_TOPIC_FINANCE,
    Career = "career" => LECTURE_TOPIC_CAREER,
    Technology = "technology" => LECTURE_TOPIC_TECHNOLOGY,
    Other = "other" => LECTURE_TOPIC_OTHER,
});

choice!(Place {
    Registered = "registered" => LECTURE_PLACE_REGISTERED,
    Waiting = "waiting" => LECTURE_PLACE_WAITING,
});

/// A lecture as lists show it (the store reads it straight from its query).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct LectureSummary {
    pub id: i64,
    pub title: String,
    pub topic: String,
    pub speaker: String,
    pub language: String,
    pub starts_at: i64,
    pub minutes: i64,
    pub capacity: i64,
    pub registered: i64,
    pub waiting: i64,
    /// The viewer's place ("registered", "waiting"), if she has one.
    pub mine: Option<String>,
}

impl LectureSummary {
    pub fn ends_at(&self) -> i64 {
        ends_at(self.starts_at, self.minutes)
    }
    pub fn full(&self) -> bool {
        self.registered >= self.capacity
    }
}

/// One link of a lecture's materials.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Material {
    pub title: String,
    pub url: String,
}

/// A recording as a registered participant sees it while it is available.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Recording {
    pub link: String,
    pub code: String,
    pub until: i64,
}

/// The viewer's own place on a lecture.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MyPlace {
    pub place: Place,
    /// Her position on the waiting list (1 = next), when she waits.
    pub position: Option<i64>,
    pub attended: Option<bool>,
    pub rated: bool,
}

/// Someone registered, as the lecture's manager sees her (for attendance).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Attendee {
    pub account_id: i64,
    pub name: String,
    pub attended: Option<bool>,
}

/// What the lecture's manager (its publisher or an administrator) sees besides.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Manage {
    pub online_link: String,
    pub materials: String,
    pub description: String,
    pub recording_link: String,
    pub recording_code: String,
    pub recording_until: Option<i64>,
    pub attendees: Vec<Attendee>,
    /// The average rating ×100 and how many rated.
    pub rating: Option<(i64, i64)>,
    pub comments: Vec<String>,
}

/// One lecture's page, as this viewer may see it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LecturePage {
    pub lecture: LectureSummary,
    pub description: String,
    pub materials: Vec<Material>,
    pub me: Option<MyPlace>,
    /// The online link, only to a registered person from an hour before the start to its end.
    pub link: Option<String>,
    /// The recording, only to a registered person while it is available.
    pub recording: Option<Recording>,
    pub manage: Option<Manage>,
    /// The server's clock when the page was read.
    pub now: i64,
}

/// A page of lectures and how many there are in all.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LectureList {
    pub lectures: Vec<LectureSummary>,
    pub total: i64,
    /// May the viewer publish lectures (an administrator or a named speaker)?
    pub may_publish: bool,
}

/// A speaker an administrator named.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Speaker {
    pub account_id: i64,
    pub name: String,
    pub email: String,
}

/// When a lecture ends.
pub fn ends_at(starts_at: i64, minutes: i64) -> i64 {
    starts_at.saturating_add(minutes.saturating_mul(60))
}

/// Whether a registered person sees the online link now: from [`LINK_OPENS_BEFORE`] the start
/// until the end.
pub fn link_open(now: i64, starts_at: i64, minutes: i64) -> bool {
    now >= starts_at - LINK_OPENS_BEFORE && now < ends_at(starts_at, minutes)
}

/// Whether a recording (with this link and expiry) is available now.
pub fn recording_open(now: i64, link: &str, until: Option<i64>) -> bool {
    !link.is_empty() && until.is_some_and(|u| now < u)
}

/// The reminder due now for a registration that has had `reminded` (0 none, 1 the day before,
/// 2 the hour before): the hour-before one inside the last hour, the day-before one inside the
/// last day. None once the lecture started.
pub fn reminder_due(now: i64, starts_at: i64, reminded: i64) -> Option<i64> {
    let left = starts_at - now;
    if left <= 0 {
        None
    } else if left <= 3_600 && reminded < 2 {
        Some(2)
    } else if left <= 86_400 && reminded < 1 {
        Some(1)
    } else {
        None
    }
}

/// What a registration made now counts as reminded already: she is not reminded of a lecture
/// the day before when she registers within that day (only the hour before).
pub fn reminded_on_registering(now: i64, starts_at: i64) -> i64 {
    let left = starts_at - now;
    if left <= 3_600 {
        2
    } else if left <= 86_400 {
        1
    } else {
        0
    }
}

/// Materials from a textarea: one link a line, "title | https://…" or the link alone. Gives
/// the line of the first bad one.
pub fn parse_materials(text: &str) -> Result<Vec<Material>, usize> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let (title, url) = match line.rsplit_once('|') {
            Some((title, url)) => (title.trim(), url.trim()),
            None => ("", line),
        };
        if !crate::roadmaps::valid_url(url) || title.chars().count() > TITLE_MAX {
            return Err(i + 1);
        }
        out.push(Material {
            title: if title.is_empty() { url } else { title }.to_string(),
            url: url.to_string(),
        });
    }
    if out.len() > MATERIALS_MAX {
        return Err(MATERIALS_MAX + 1);
    }
    Ok(out)
}

/// The textarea form of materials (the inverse of [`parse_materials`]).
pub fn materials_text(materials: &[Material]) -> String {
    materials
        .iter()
        .map(|m| {
            if m.title == m.url {
                m.url.clone()
            } else {
                format!("{} | {}", m.title, m.url)
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_link_shows_from_an_hour_before_to_the_end() {
        let start = 10_000_000;
        assert!(!link_open(start - 3_601, start, 60));
        assert!(link_open(start - 3_600, start, 60));
        assert!(link_open(start + 59 * 60, start, 60));
        assert!(!link_open(start + 60 * 60, start, 60));
    }

    #[test]
    fn recordings_expire() {
        assert!(recording_open(5, "https://x.example/r", Some(6)));
        assert!(!recording_open(6, "https://x.example/r", Some(6)));
        assert!(!recording_open(5, "", Some(6)));
        assert!(!recording_open(5, "https://x.example/r", None));
    }

    #[test]
    fn reminders_come_a_day_and_an_hour_before_once_each() {
        let start = 10_000_000;
        assert_eq!(reminder_due(start - 90_000, start, 0), None);
        assert_eq!(reminder_due(start - 86_400, start, 0), Some(1));
        assert_eq!(reminder_due(start - 7_200, start, 1), None);
        assert_eq!(reminder_due(start - 3_600, start, 1), Some(2));
        // a server that was down the whole day sends only the hour's
        assert_eq!(reminder_due(start - 600, start, 0), Some(2));
        assert_eq!(reminder_due(start - 600, start, 2), None);
        assert_eq!(reminder_due(start, start, 0), None);
        assert_eq!(reminded_on_registering(start - 90_000, start), 0);
        assert_eq!(reminded_on_registering(start - 7_200, start), 1);
        assert_eq!(reminded_on_registering(start - 60, start), 2);
    }

    #[test]
    fn materials_are_http_links_one_a_line() {
        let m = parse_materials("Slides | https://example.org/s.pdf\n\nhttps://example.org/book")
            .unwrap();
        assert_eq!(m.len(), 2);
        assert_eq!(m[0].title, "Slides");
        assert_eq!(m[1].title, "https://example.org/book");
        assert_eq!(parse_materials(&materials_text(&m)).unwrap(), m);
        assert_eq!(
            parse_materials("ok | https://example.org\njavascript:alert(1)"),
            Err(2)
        );
        assert_eq!(parse_materials("Slides | ftp://example.org"), Err(1));
        let many = "https://example.org/x\n".repeat(MATERIALS_MAX + 1);
        assert_eq!(parse_materials(&many), Err(MATERIALS_MAX + 1));
    }
}
