//! Cohort matching: pairs for a whole cohort at once, for administrators (`/admin/matching`)
//! and the command line (`stem4all matching propose`).
//!
//! - `solver`: the assignment itself, pure Rust over a fit matrix (server only);
//! - `store`: the cohort read from the database with the scorer's fits, and the drafts an
//!   administrator edits and publishes (publishing starts the mentorships and tells both sides,
//!   in one transaction);
//! - `api`, `ui`: the administrators' pages and their server functions, and the CSV download.
//!
//! A draft is checked against the database each time it is shown and again when it is
//! published: a pair that is no longer possible (she has a mentor now, his places are taken, a
//! request between them was declined) or whose fit changed is marked with what changed, and
//! publishing is refused until the administrator has brought the draft up to date.
pub mod api;
#[cfg(feature = "ssr")]
pub mod solver;
#[cfg(feature = "ssr")]
pub mod store;
#[cfg(all(test, feature = "ssr"))]
mod tests;
pub mod ui;

#[cfg(feature = "ssr")]
pub use solver::{greedy, propose, Cohort, Objective, Proposal};

use crate::form::choice;
use serde::{Deserialize, Serialize};

/// How many pairs a draft's page shows at once.
pub const PAIRS_PER_PAGE: usize = 50;
/// How many other mentors a pair's "change mentor" list offers (the best fitting first).
pub const OPTIONS_MAX: usize = 12;

choice!(Goal {
    Best = "best" => MATCHING_GOAL_BEST,
    Most = "most" => MATCHING_GOAL_MOST,
});

choice!(DraftState {
    Draft = "draft" => MATCHING_STATE_DRAFT,
    Published = "published" => MATCHING_STATE_PUBLISHED,
    Discarded = "discarded" => MATCHING_STATE_DISCARDED,
});

#[cfg(feature = "ssr")]
impl Goal {
    pub fn objective(self) -> Objective {
        match self {
            Goal::Best => Objective::BestTotalFit,
            Goal::Most => Objective::MostMatched,
        }
    }
}

/// Which cohort: the mentees of one region (a region code, `abroad` for any country), people of
/// one field (mentees who want a skill of it, mentors who offer one); none: everybody.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CohortFilter {
    pub region: Option<String>,
    pub field_id: Option<i64>,
}

/// What changed since a pair was proposed; a draft with any is not published.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Change {
    /// The mentee has as many mentors as she may have now.
    MenteeMatched,
    /// The mentee is no longer in the cohort (her account or profile changed).
    MenteeGone,
    /// The mentor's free places no longer cover her pairs in this draft.
    MentorFull,
    /// The mentor no longer takes mentees (paused, not approved, suspended).
    MentorGone,
    /// The two can no longer be paired (a request declined, a mentorship, no shared language).
    RuledOut,
    /// The fit moved (a profile changed): from the proposed score to this one.
    FitChanged(u8),
}

/// A pair an administrator said never to propose, as listed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Exclusion {
    pub mentee_id: i64,
    pub mentor_id: i64,
    pub mentee_name: String,
    pub mentor_name: String,
    pub created_by: String,
    pub created_at: i64,
}

/// How many excluded pairs `/admin/matching` lists.
pub const EXCLUSIONS_SHOWN: i64 = 100;

/// One draft, as listed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DraftSummary {
    pub id: i64,
    pub created_at: i64,
    pub created_by: String,
    pub goal: Goal,
    pub state: DraftState,
    /// The cohort's filters as the reader reads them ("" for none).
    pub region: String,
    pub field: String,
    pub mentees: i64,
    pub mentors: i64,
    /// One more at each edit: publishing names the revision the administrator saw.
    pub revision: i64,
    pub pairs: i64,
    pub total_fit: i64,
}

/// A mentor another mentee could have instead: her id and "Name (fit)".
pub type MentorOption = (i64, String);

/// One proposed pair as the draft's page shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PairView {
    pub mentee_id: i64,
    pub mentee_name: String,
    /// A mentee whose profile does not say she is an adult.
    pub minor: bool,
    pub mentor_id: i64,
    pub mentor_name: String,
    /// The fit as proposed (0–100).
    pub fit: u8,
    /// The fit's reasons now, in the reader's language.
    pub reasons: Vec<String>,
    pub change: Option<Change>,
    /// Other mentors with a place left in this draft who fit her, best first.
    pub options: Vec<MentorOption>,
    /// Once published: the mentorship it started.
    pub mentorship_id: Option<i64>,
}

/// A mentee of the cohort with no pair in the draft, and the mentors she could have.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UnmatchedView {
    pub mentee_id: i64,
    pub name: String,
    pub minor: bool,
    pub options: Vec<MentorOption>,
}

/// A draft's page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DraftPage {
    pub summary: DraftSummary,
    /// This page of the pairs, ordered by mentee name.
    pub pairs: Vec<PairView>,
    /// How many pairs changed since they were proposed (on every page).
    pub changed: i64,
    /// Mentees of the cohort without a pair (a draft only; at most one page of them).
    pub unmatched: Vec<UnmatchedView>,
    pub unmatched_total: i64,
    pub page: usize,
    pub pages: usize,
}

/// The new-proposal form's fields, as posted.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ProposeFields {
    pub region: String,
    pub field: String,
    pub goal: String,
}
