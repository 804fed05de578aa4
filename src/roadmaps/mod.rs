//! Learning roadmaps: a mentee's plan to her career goal. Steps carry a success criterion, a
//! due date, resources and a status; her mentor (while they work together, and only on
//! roadmaps shared with mentors) comments and suggests steps but never edits. Every change
//! bumps the roadmap's version, and every save names the version it saw, so a save from a
//! stale tab is refused instead of silently overwriting (compare-and-set).
//!
//! This file holds the shared types and the pure rules (progress, SMART hints, overdue steps,
//! links, reordering), unit-tested; SQL is in `store.rs`. The administrators' roadmap
//! templates are the sub-area `templates/`, with the same rooms.
pub mod api;
pub mod island;
#[cfg(feature = "ssr")]
pub mod store;
#[cfg(all(test, feature = "ssr"))]
mod store_tests;
pub mod templates;
pub mod ui;

use crate::form::Choice;
use crate::i18n::{k, Key};
use serde::{Deserialize, Serialize};

pub const TITLE_MAX: usize = 120;
pub const DESCRIPTION_MAX: usize = 1_000;
pub const STEP_TITLE_MAX: usize = 120;
pub const DETAILS_MAX: usize = 2_000;
pub const CRITERION_MAX: usize = 300;
pub const RESOURCE_TITLE_MAX: usize = 120;
pub const URL_MAX: usize = 500;
pub const RESOURCES_MAX: usize = 10;
pub const STEPS_MAX: usize = 60;
pub const ROADMAPS_MAX: i64 = 10;
pub const COMMENT_MAX: usize = 1_000;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Visibility {
    Private,
    Mentor,
    Public,
}

impl Choice for Visibility {
    const ALL: &'static [Self] = &[Visibility::Private, Visibility::Mentor, Visibility::Public];
    fn code(self) -> &'static str {
        match self {
            Visibility::Private => "private",
            Visibility::Mentor => "mentor",
            Visibility::Public => "public",
        }
    }
    fn label(self) -> Key {
        match self {
            Visibility::Private => k::ROADMAP_VISIBILITY_PRIVATE,
            Visibility::Mentor => k::ROADMAP_VISIBILITY_MENTOR,
            Visibility::Public => k::ROADMAP_VISIBILITY_PUBLIC,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum StepStatus {
    NotStarted,
    InProgress,
    Done,
    Skipped,
}

impl Choice for StepStatus {
    const ALL: &'static [Self] = &[
        StepStatus::NotStarted,
        StepStatus::InProgress,
        StepStatus::Done,
        StepStatus::Skipped,
    ];
    fn code(self) -> &'static str {
        match self {
            StepStatus::NotStarted => "not_started",
            StepStatus::InProgress => "in_progress",
            StepStatus::Done => "done",
            StepStatus::Skipped => "skipped",
        }
    }
    fn label(self) -> Key {
        match self {
            StepStatus::NotStarted => k::STEP_STATUS_NOT_STARTED,
            StepStatus::InProgress => k::STEP_STATUS_IN_PROGRESS,
            StepStatus::Done => k::STEP_STATUS_DONE,
            StepStatus::Skipped => k::STEP_STATUS_SKIPPED,
        }
    }
}

impl StepStatus {
    /// Done and skipped steps count as finished for progress and are never overdue.
    pub fn finished(self) -> bool {
        matches!(self, StepStatus::Done | StepStatus::Skipped)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Resource {
    pub title: String,
    pub url: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CommentView {
    pub id: i64,
    pub author_name: String,
    pub body: String,
    pub created_at: i64,
    /// Whether the viewer has reported it.
    pub reported: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StepView {
    pub id: i64,
    pub title: String,
    pub details: String,
    pub criterion: String,
    /// YYYY-MM-DD
    pub due_date: Option<String>,
    pub status: StepStatus,
    pub done_at: Option<i64>,
    pub resources: Vec<Resource>,
    pub comments: Vec<CommentView>,
}

impl StepView {
    /// A step is SMART enough when it says how she will know it is done and by when.
    pub fn is_smart(&self) -> bool {
        !self.criterion.trim().is_empty() && self.due_date.is_some()
    }
    /// Past its due date (days since 1970, UTC) and not finished.
    pub fn is_overdue(&self, today: i64) -> bool {
        !self.status.finished()
            && self
                .due_date
                .as_deref()
                .and_then(crate::time::parse_date)
                .is_some_and(|due| due < today)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SuggestionView {
    pub id: i64,
    pub author_name: String,
    pub title: String,
    pub details: String,
    pub created_at: i64,
}

/// How the viewer relates to a roadmap; decides what the page offers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Relation {
    /// Her own: she edits everything.
    Owner,
    /// Her mentor in an ongoing mentorship, on a roadmap shared with mentors: reads,
    /// comments, suggests steps.
    Mentor,
    /// A public roadmap: read only.
    Reader,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RoadmapView {
    pub id: i64,
    pub owner_name: String,
    pub title: String,
    pub description: String,
    pub target_date: Option<String>,
    pub visibility: Visibility,
    pub version: i64,
    pub created_at: i64,
    pub access: Relation,
    pub steps: Vec<StepView>,
    /// Open suggestions from the mentor (shown to the owner and to the mentor).
    pub suggestions: Vec<SuggestionView>,
    /// Days since 1970 on the server when this was read (for overdue highlighting).
    pub today: i64,
}

impl RoadmapView {
    pub fn progress(&self) -> Progress {
        progress(self.steps.iter().map(|s| s.status))
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RoadmapSummary {
    pub id: i64,
    pub title: String,
    pub owner_name: String,
    pub target_date: Option<String>,
    pub visibility: Visibility,
    pub finished: i64,
    pub total: i64,
    pub overdue: i64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MyRoadmaps {
    pub mine: Vec<RoadmapSummary>,
    /// For a mentor: roadmaps her mentees share with her.
    pub shared: Vec<RoadmapSummary>,
    /// The templates she can start a new roadmap from.
    pub templates: Vec<templates::TemplateSummary>,
    /// The owner is under 18: "public" is not offered.
    pub minor: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Progress {
    pub finished: i64,
    pub total: i64,
}

impl Progress {
    /// Whole percent, 0 for an empty roadmap.
    pub fn percent(self) -> i64 {
        if self.total == 0 {
            0
        } else {
            self.finished * 100 / self.total
        }
    }
}

/// (done + skipped) / all steps.
pub fn progress(statuses: impl IntoIterator<Item = StepStatus>) -> Progress {
    let mut p = Progress {
        finished: 0,
        total: 0,
    };
    for s in statuses {
        p.total += 1;
        if s.finished() {
            p.finished += 1;
        }
    }
    p
}

/// An http(s) link with a host and no spaces or control characters.
pub fn valid_url(url: &str) -> bool {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"));
    match rest {
        Some(rest) => {
            let host = rest.split(['/', '?', '#']).next().unwrap_or("");
            !host.is_empty()
                && !host.starts_with('.')
                && host.contains('.')
                && url.len() <= URL_MAX
                && !url.chars().any(|c| {
                    c.is_whitespace() || c.is_control() || c == '"' || c == '<' || c == '>'
                })
        }
        None => false,
    }
}

/// Moves `id` to `to` (0-based) in `order`; `None` when the id is not there or the position is
/// impossible.
pub fn move_to(order: &[i64], id: i64, to: usize) -> Option<Vec<i64>> {
    let from = order.iter().position(|x| *x == id)?;
    if to >= order.len() {
        return None;
    }
    let mut out = order.to_vec();
    let item = out.remove(from);
    out.insert(to, item);
    Some(out)
}

/// Resources from a textarea: one per line, "title | https://link" or just the link.
/// Returns the resources, or the 1-based number of the first bad line.
pub fn parse_resources(text: &str) -> Result<Vec<Resource>, usize> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let (title, url) = match line.rsplit_once('|') {
            Some((t, u)) => (t.trim(), u.trim()),
            None => (line, line),
        };
        if !valid_url(url) || title.is_empty() || title.chars().count() > RESOURCE_TITLE_MAX {
            return Err(i + 1);
        }
        out.push(Resource {
            title: title.to_string(),
            url: url.to_string(),
        });
    }
    if out.len() > RESOURCES_MAX {
        return Err(RESOURCES_MAX + 1);
    }
    Ok(out)
}

/// The textarea form of resources (the inverse of [`parse_resources`]).
pub fn resources_text(list: &[Resource]) -> String {
    list.iter()
        .map(|r| {
            if r.title == r.url {
                r.url.clone()
            } else {
                format!("{} | {}", r.title, r.url)
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use StepStatus::*;

    fn step(status: StepStatus, criterion: &str, due: Option<&str>) -> StepView {
        StepView {
            id: 1,
            title: "t".into(),
            details: String::new(),
            criterion: criterion.into(),
            due_date: due.map(str::to_string),
            status,
            done_at: None,
            resources: vec![],
            comments: vec![],
        }
    }

    #[test]
    fn progress_counts_done_and_skipped() {
        let p = progress([Done, Skipped, InProgress, NotStarted]);
        assert_eq!((p.finished, p.total, p.percent()), (2, 4, 50));
        assert_eq!(progress([]).percent(), 0);
        assert_eq!(progress([Done, Done, NotStarted]).percent(), 66);
    }

    #[test]
    fn smart_and_overdue() {
        let today = crate::time::parse_date("2026-11-27").unwrap();
        assert!(step(NotStarted, "3 charts", Some("2026-12-01")).is_smart());
        assert!(!step(NotStarted, "  ", Some("2026-12-01")).is_smart());
        assert!(!step(NotStarted, "3 charts", None).is_smart());
        assert!(step(InProgress, "", Some("2026-11-26")).is_overdue(today));
        assert!(!step(InProgress, "", Some("2026-11-27")).is_overdue(today));
        assert!(!step(Done, "", Some("2026-01-01")).is_overdue(today));
        assert!(!step(Skipped, "", Some("2026-01-01")).is_overdue(today));
        assert!(!step(NotStarted, "", None).is_overdue(today));
    }

    #[test]
    fn only_http_links() {
        assert!(valid_url("https://stepik.org/course/58852"));
        assert!(valid_url("http://example.kg"));
        for bad in [
            "javascript:alert(1)",
            "ftp://x.kg",
            "https://",
            "https:// x.kg",
            "https://localhost",
            "data:text/html,hi",
            "https://x.kg/\"onmouseover=",
            "example.kg",
        ] {
            assert!(!valid_url(bad), "{bad}");
        }
    }

    #[test]
    fn reordering_moves_one_step_and_refuses_the_impossible() {
        let order = [10, 20, 30, 40];
        assert_eq!(move_to(&order, 30, 0), Some(vec![30, 10, 20, 40]));
        assert_eq!(move_to(&order, 10, 3), Some(vec![20, 30, 40, 10]));
        assert_eq!(move_to(&order, 20, 1), Some(vec![10, 20, 30, 40]));
        assert_eq!(move_to(&order, 20, 4), None);
        assert_eq!(move_to(&order, 99, 0), None);
    }

    #[test]
    fn resources_round_trip() {
        let r =
            parse_resources("Python course | https://stepik.org/x\n\nhttps://kaggle.com").unwrap();
        assert_eq!(r.len(), 2);
        assert_eq!(r[1].title, "https://kaggle.com");
        assert_eq!(parse_resources(&resources_text(&r)).unwrap(), r);
        assert_eq!(
            parse_resources("ok | https://a.kg\nbad | javascript:x"),
            Err(2)
        );
        let many = "https://a.kg\n".repeat(RESOURCES_MAX + 1);
        assert!(parse_resources(&many).is_err());
    }
}
