//! Importing people and past outcomes from spreadsheets (CSV), for administrators
//! (`/admin/import`) and the command line (`stem4all matching import`).
//!
//! - `csv`: reading the file (UTF-8 with or without a byte-order mark, comma or semicolon);
//! - `people`, `outcomes`: each row checked on its own, by the profile forms' own validators,
//!   every problem reported with its line and column (pure);
//! - `store`: what only the database can tell (an address that belongs to another kind of
//!   account, an unknown person in an outcome), then every row in one transaction, and the
//!   record of each import with its report;
//! - `api`, `ui`: the upload, the pages and their report.
//!
//! Nothing is imported until the whole file is clean. Importing the same people again updates
//! them (by email) and never duplicates; a new person gets an invitation email to choose her
//! password, and counts as confirmed once she has. A mentor's profile waits for an
//! administrator's approval like any other, and the texts others read go through the same
//! checks as the forms (no contact details).
pub mod api;
#[cfg(feature = "ssr")]
pub mod csv;
#[cfg(feature = "ssr")]
pub mod outcomes;
#[cfg(feature = "ssr")]
pub mod people;
#[cfg(feature = "ssr")]
pub mod store;
#[cfg(all(test, feature = "ssr"))]
mod tests;
pub mod ui;

use crate::form::choice;
use crate::i18n::Msg;
use serde::{Deserialize, Serialize};

/// The largest file read (a cohort of 5,000 people with long bios is about 1 MB).
pub const FILE_MAX: usize = 2 * 1024 * 1024;
/// The most rows a file may have.
pub const ROWS_MAX: usize = 5_000;
/// The most problems kept and shown for one file (the rest are counted).
pub const PROBLEMS_KEPT: usize = 500;

choice!(Kind {
    People = "people" => IMPORT_KIND_PEOPLE,
    Outcomes = "outcomes" => IMPORT_KIND_OUTCOMES,
});

choice!(BatchState {
    Imported = "imported" => IMPORT_STATE_IMPORTED,
    Refused = "refused" => IMPORT_STATE_REFUSED,
});

/// What is wrong with a file: where (line 0 is the whole file; column "" the whole row) and
/// what.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Problem {
    pub line: usize,
    pub column: String,
    pub msg: Msg,
}

impl Problem {
    pub fn new(line: usize, column: &str, msg: Msg) -> Problem {
        Problem {
            line,
            column: column.to_string(),
            msg,
        }
    }
}

/// A cell's text as a message repeats it: at most 60 characters.
pub fn shown(text: &str) -> String {
    if text.chars().count() <= 60 {
        text.to_string()
    } else {
        format!("{}…", text.chars().take(60).collect::<String>())
    }
}

/// The columns of a people file: `email`, `name` and `role` in every row, the rest as the
/// role needs them (the README lists what each holds).
pub const PEOPLE_COLUMNS: &[&str] = &[
    "email",
    "name",
    "role",
    "language",
    "region",
    "district",
    "country",
    "skills",
    "languages",
    "hours_per_month",
    "career_stage",
    "goals",
    "meeting_format",
    "age_band",
    "mentor_from",
    "organisation",
    "title",
    "years_experience",
    "capacity",
    "status",
    "bio",
    "style",
    "stages",
];
pub const PEOPLE_REQUIRED: &[&str] = &["email", "name", "role"];

/// The columns of a past-outcomes file (`rating` may be left out).
pub const OUTCOME_COLUMNS: &[&str] = &["mentee_email", "mentor_email", "outcome", "rating"];
pub const OUTCOME_REQUIRED: &[&str] = &["mentee_email", "mentor_email", "outcome"];

/// The header's problems: a required column missing, a column this import does not know (a
/// typo would otherwise drop a whole column unseen), a column twice.
pub fn header_problems(header: &[String], known: &[&str], required: &[&str]) -> Vec<Problem> {
    use crate::i18n::k;
    let mut problems = Vec::new();
    for (i, h) in header.iter().enumerate() {
        if h.is_empty() {
            continue;
        }
        if !known.contains(&h.as_str()) {
            problems.push(Problem::new(
                1,
                &shown(h),
                Msg::new(k::IMPORT_UNKNOWN_COLUMN).with("columns", known.join(", ")),
            ));
        } else if header[..i].contains(h) {
            problems.push(Problem::new(1, h, Msg::new(k::IMPORT_COLUMN_TWICE)));
        }
    }
    for r in required {
        if !header.iter().any(|h| h == r) {
            problems.push(Problem::new(1, r, Msg::new(k::IMPORT_COLUMN_MISSING)));
        }
    }
    problems
}

/// An import as listed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BatchSummary {
    pub id: i64,
    pub kind: Kind,
    pub state: BatchState,
    pub file_name: String,
    pub created_by: String,
    pub created_at: i64,
    /// Rows in the file.
    pub rows: i64,
    /// People or pairs new to the platform.
    pub added: i64,
    /// People or pairs already there, updated.
    pub updated: i64,
    /// Problems found (more than are kept when there were many).
    pub problem_count: i64,
}

/// One import's page: its summary and its problems.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BatchPage {
    pub batch: BatchSummary,
    pub problems: Vec<Problem>,
}
