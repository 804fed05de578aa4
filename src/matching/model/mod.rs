//! The learned fit score: criterion weights learned from how past pairs worked out.
//!
//! - `learn`: logistic regression and its measures, plain Rust (server only);
//! - `store`: past outcomes (a request accepted, a mentorship going on, completed or rated 3–5:
//!   good; declined, expired, a mentorship cancelled within [`EARLY_DAYS`] or rated 1–2 by
//!   the mentee: not; only between people whose accounts are confirmed and not suspended),
//!   training a new version, the versions, and which one the fit score uses (an
//!   administrator's choice, which the nightly run then leaves alone);
//! - `api`, `ui`: the "Learned ranking" part of `/admin/matching`.
//!
//! A version's weights keep availability's hand-set 10 points and share the other 90 in
//! proportion to its positive coefficients, so a suggestion still shows a 0–100 score and its
//! reasons; until an administrator activates a version (or, while none has chosen, the nightly
//! run does, for a version with enough held-out pairs that beats the hand-set weights and the
//! version in use), the hand-set weights stand.
pub mod api;
#[cfg(feature = "ssr")]
pub mod learn;
#[cfg(feature = "ssr")]
pub mod store;
#[cfg(all(test, feature = "ssr"))]
mod tests;
pub mod ui;

use serde::{Deserialize, Serialize};

/// Fewer past outcomes than this and nothing is trained.
pub const MIN_OUTCOMES: usize = 30;
/// A mentorship cancelled within this many days of its start did not work out.
pub const EARLY_DAYS: i64 = 60;

/// One trained version, as the administrators' page shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ModelVersion {
    pub id: i64,
    pub trained_at: i64,
    /// Who trained it (`None`: the nightly run).
    pub trained_by: Option<String>,
    pub positives: i64,
    pub negatives: i64,
    pub held_out: i64,
    pub auc: Option<f64>,
    pub accuracy: Option<f64>,
    /// The hand-set weights' AUC on the same held-out pairs.
    pub hand_auc: Option<f64>,
    /// Points per criterion (`matching::Criterion::ALL`'s order).
    pub weights: [f64; 6],
    pub active: bool,
}

/// The "Learned ranking" part of the page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ModelPage {
    /// Past outcomes there are to learn from now.
    pub good: i64,
    pub bad: i64,
    /// The version in use (`None`: the hand-set weights).
    pub active: Option<i64>,
    pub versions: Vec<ModelVersion>,
    pub hand_set: [f64; 6],
}
