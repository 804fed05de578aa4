//! Peer groups: mentees who keep learning together after (or beside) their mentorships. A
//! mentee creates a group and becomes its organiser; others join up to its member limit and
//! leave; the organiser hands the role over, and when she leaves it passes to the member who
//! joined first (a group everyone left waits, its discussion kept, and the next to join
//! organises it). Members talk in the group's discussion
//! (posts, newest last, screened for contact details, reportable) and see its regular meeting
//! (weekly or monthly) with its next date, which their calendar feed carries too. This file
//! holds the types and the pure rules (the meeting's next dates across time zones and summer
//! time, the place a group meets), unit-tested; SQL is in `store.rs`.
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

pub const NAME_MAX: usize = 100;
pub const DESCRIPTION_MAX: usize = 1_000;
pub const POST_MAX: usize = 2_000;
pub const PLACE_MAX: usize = 300;
pub const MEETING_MINUTES_MIN: i64 = 10;
pub const MEETING_MINUTES_MAX: i64 = 600;
/// A meeting's first date lies at most this many days ahead.
pub const FIRST_WITHIN_DAYS: i64 = 366;
pub const LIMIT_MIN: i64 = 2;
pub const LIMIT_MAX: i64 = 500;
/// Groups a list page shows, and posts a discussion page shows.
pub const PER_PAGE: i64 = 20;
/// Groups one person may organise at once (a flood meets this).
pub const ORGANISE_MAX: i64 = 5;
/// The meeting place "online".
pub const ONLINE: &str = "online";
/// Posts one member may write to a group in [`POST_WINDOW`] seconds.
pub const POSTS_PER_WINDOW: i64 = 20;
pub const POST_WINDOW: i64 = 600;
/// The same post (or a new group of the same name by the same organiser) sent again within
/// this many seconds (a resend over a failing link) is the same one.
pub const RESEND_WITHIN: i64 = 120;
/// How many coming meetings a calendar feed lists.
pub const FEED_MEETINGS: usize = 8;

choice!(Frequency {
    Weekly = "weekly" => GROUP_WEEKLY,
    Monthly = "monthly" => GROUP_MONTHLY,
});

/// A group as the list shows it (the store reads it straight from its query).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct GroupSummary {
    pub id: i64,
    pub name: String,
    /// A region's code, or [`ONLINE`].
    pub region: String,
    pub language: String,
    pub member_limit: i64,
    pub members: i64,
    /// Whether the viewer is a member.
    pub mine: bool,
    pub meeting_frequency: Option<String>,
    pub meeting_first_at: Option<i64>,
    pub meeting_zone: Option<String>,
}

impl GroupSummary {
    /// The next meeting from `now`, if one is scheduled.
    pub fn next_meeting(&self, now: i64) -> Option<i64> {
        upcoming(
            self.meeting_frequency.as_deref()?,
            self.meeting_first_at?,
            self.meeting_zone.as_deref()?,
            now,
            1,
        )
        .into_iter()
        .next()
    }
}

/// [`meetings`] of a meeting as stored (its frequency's code and its zone's name); none when
/// either is unknown.
pub fn upcoming(frequency: &str, first: i64, zone: &str, now: i64, count: usize) -> Vec<i64> {
    match (
        <Frequency as crate::form::Choice>::from_code(frequency),
        crate::time::zone(zone),
    ) {
        (Some(freq), Some(zone)) => meetings(first, freq, &zone, now, count),
        _ => Vec::new(),
    }
}

/// A member, as the group's page lists her.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Member {
    pub account_id: i64,
    pub name: String,
    pub joined_at: i64,
}

/// A post of the discussion.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Post {
    pub id: i64,
    pub author_id: Option<i64>,
    pub author_name: Option<String>,
    pub body: String,
    pub created_at: i64,
    /// Whether the viewer has reported it.
    pub reported: bool,
}

/// One group's page, as the viewer may see it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GroupPage {
    pub group: GroupSummary,
    pub description: String,
    pub organiser_id: Option<i64>,
    pub meeting_minutes: Option<i64>,
    pub meeting_place: String,
    /// Members, longest first; only to members and administrators.
    pub members: Vec<Member>,
    /// The discussion's page (oldest first on it); only to members and administrators.
    pub posts: Vec<Post>,
    /// Page `page` of `pages` of the discussion (the last is the newest).
    pub page: i64,
    pub pages: i64,
    /// Whether the viewer may read and write the discussion (a member).
    pub member: bool,
    pub now: i64,
}

/// A group's page of groups and how many there are.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GroupList {
    pub groups: Vec<GroupSummary>,
    pub total: i64,
    /// The server's clock when the list was read.
    pub now: i64,
}

/// The next `count` meetings at or after `now` of a series that began at `first` and repeats
/// `freq` at the same wall-clock time in `zone` (so a weekly 18:00 in Berlin stays 18:00 there
/// across summer time; a monthly one on the 31st falls on a shorter month's last day).
pub fn meetings(
    first: i64,
    freq: Frequency,
    zone: &jiff::tz::TimeZone,
    now: i64,
    count: usize,
) -> Vec<i64> {
    let Ok(start) = jiff::Timestamp::from_second(first) else {
        return Vec::new();
    };
    let start = start.to_zoned(zone.clone());
    // jump close to `now` first: weeks or months since the first meeting, less one
    let from: i64 = if now > first {
        match freq {
            Frequency::Weekly => (now - first) / (7 * 86_400) - 1,
            Frequency::Monthly => (now - first) / (31 * 86_400) - 1,
        }
        .max(0)
    } else {
        0
    };
    let mut out = Vec::new();
    // bounded: a few steps past the jump find `now`
    for k in from..from + count as i64 + 64 {
        let span = match freq {
            Frequency::Weekly => jiff::Span::new().try_weeks(k),
            Frequency::Monthly => jiff::Span::new().try_months(k),
        };
        let Some(at) = span.ok().and_then(|s| start.checked_add(s).ok()) else {
            break;
        };
        let at = at.timestamp().as_second();
        if at >= now {
            out.push(at);
            if out.len() == count {
                break;
            }
        }
    }
    out
}

/// Whether a region code may be a group's place: a region of the country or [`ONLINE`].
pub fn valid_place(code: &str) -> bool {
    use crate::accounts::profiles::Region;
    code == ONLINE
        || <Region as crate::form::Choice>::from_code(code).is_some_and(|r| r != Region::Abroad)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weekly_meetings_keep_their_hour_across_summer_time() {
        let berlin = crate::time::zone("Europe/Berlin").unwrap();
        // Tuesday 2027-03-23 18:00 in Berlin (winter time), weekly
        let first = crate::time::parse_datetime_local("2027-03-23T18:00", &berlin).unwrap();
        let next = meetings(first, Frequency::Weekly, &berlin, first + 1, 2);
        // 30 March: summer time began on the 28th; still 18:00 there, an hour earlier in UTC
        assert_eq!(
            crate::time::datetime_local(next[0], &berlin),
            "2027-03-30T18:00"
        );
        assert_eq!(next[0] - first, 7 * 86_400 - 3_600);
        assert_eq!(
            crate::time::datetime_local(next[1], &berlin),
            "2027-04-06T18:00"
        );
        // asked long after: the first one still ahead, not one in the past
        let later = meetings(first, Frequency::Weekly, &berlin, first + 400 * 86_400, 1)[0];
        assert!(later >= first + 400 * 86_400 && later < first + 407 * 86_400);
        // before the first: the first
        assert_eq!(
            meetings(first, Frequency::Weekly, &berlin, first - 10, 1),
            vec![first]
        );
    }

    #[test]
    fn monthly_meetings_fall_on_the_same_day_or_the_months_last() {
        let bishkek = crate::time::programme_zone();
        let first = crate::time::parse_datetime_local("2027-01-31T17:00", bishkek).unwrap();
        let next = meetings(first, Frequency::Monthly, bishkek, first, 3);
        let shown: Vec<String> = next
            .iter()
            .map(|t| crate::time::datetime_local(*t, bishkek))
            .collect();
        assert_eq!(
            shown,
            ["2027-01-31T17:00", "2027-02-28T17:00", "2027-03-31T17:00"]
        );
    }

    #[test]
    fn a_group_meets_in_a_region_of_the_country_or_online() {
        assert!(valid_place("naryn"));
        assert!(valid_place(ONLINE));
        assert!(!valid_place("abroad"));
        assert!(!valid_place("mars"));
    }
}
