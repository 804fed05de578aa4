//! The home page: what the programme is, with live counts from the database.
pub mod api;
#[cfg(feature = "ssr")]
pub mod store;
pub mod ui;

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgrammeCounts {
    pub mentees: i64,
    pub mentors: i64,
    /// Distinct regions of Kyrgyzstan and countries abroad that participants come from.
    pub places: i64,
}
