//! The mentorship state machine, in plain Rust. Either of the two people may make any change:
//!
//! | change    | from             | to        | reason            |
//! |-----------|------------------|-----------|-------------------|
//! | pause     | active           | paused    | optional          |
//! | resume    | paused           | active    | optional          |
//! | complete  | active, paused   | completed | optional          |
//! | cancel    | active, paused   | cancelled | required          |
//!
//! Completed and cancelled are final. At completion each side may rate the mentorship once
//! (1–5 and a comment).
use crate::i18n::{k, Key};
use crate::mentoring::MentorshipState;
use serde::{Deserialize, Serialize};

pub const REASON_MAX: usize = 500;
pub const COMMENT_MAX: usize = 1_000;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Change {
    Pause,
    Resume,
    Complete,
    Cancel,
}

impl Change {
    pub const ALL: [Change; 4] = [
        Change::Pause,
        Change::Resume,
        Change::Complete,
        Change::Cancel,
    ];
    pub fn code(self) -> &'static str {
        match self {
            Change::Pause => "pause",
            Change::Resume => "resume",
            Change::Complete => "complete",
            Change::Cancel => "cancel",
        }
    }
    pub fn from_code(code: &str) -> Option<Change> {
        Change::ALL.into_iter().find(|c| c.code() == code)
    }
    /// Cancelling needs a reason; the other changes may carry one.
    pub fn needs_reason(self) -> bool {
        self == Change::Cancel
    }
    /// The changes offered from a state, in the order the page shows them.
    pub fn offered(from: MentorshipState) -> &'static [Change] {
        match from {
            MentorshipState::Active => &[Change::Pause, Change::Complete, Change::Cancel],
            MentorshipState::Paused => &[Change::Resume, Change::Complete, Change::Cancel],
            MentorshipState::Completed | MentorshipState::Cancelled => &[],
        }
    }
}

impl MentorshipState {
    pub fn code(self) -> &'static str {
        match self {
            MentorshipState::Active => "active",
            MentorshipState::Paused => "paused",
            MentorshipState::Completed => "completed",
            MentorshipState::Cancelled => "cancelled",
        }
    }
}

/// The next state, or the message explaining why this cannot happen now.
pub fn next(from: MentorshipState, change: Change) -> Result<MentorshipState, Key> {
    use Change::*;
    use MentorshipState::*;
    match (from, change) {
        (Completed | Cancelled, _) => Err(k::ERR_MENTORSHIP_OVER),
        (Active, Pause) => Ok(Paused),
        (Paused, Resume) => Ok(Active),
        (Active | Paused, Complete) => Ok(Completed),
        (Active | Paused, Cancel) => Ok(Cancelled),
        (Paused, Pause) => Err(k::ERR_MENTORSHIP_ALREADY_PAUSED),
        (Active, Resume) => Err(k::ERR_MENTORSHIP_NOT_PAUSED),
    }
}

/// A rating from its form value: a whole number from 1 to 5.
pub fn parse_rating(raw: &str) -> Option<i64> {
    raw.trim()
        .parse::<i64>()
        .ok()
        .filter(|r| (1..=5).contains(r))
}

#[cfg(test)]
mod tests {
    use super::*;
    use Change::*;
    use MentorshipState::*;

    #[test]
    fn every_change_is_legal_or_refused_as_the_table_says() {
        let legal = [
            (Active, Pause, Paused),
            (Paused, Resume, Active),
            (Active, Complete, Completed),
            (Paused, Complete, Completed),
            (Active, Cancel, Cancelled),
            (Paused, Cancel, Cancelled),
        ];
        for from in [Active, Paused, Completed, Cancelled] {
            for change in Change::ALL {
                let want = legal
                    .iter()
                    .find(|(f, c, _)| *f == from && *c == change)
                    .map(|t| t.2);
                match (next(from, change), want) {
                    (Ok(to), Some(w)) => assert_eq!(to, w),
                    (Err(_), None) => {}
                    (got, want) => panic!("{from:?} + {change:?}: got {got:?}, want {want:?}"),
                }
                // what the page offers is exactly what is legal
                assert_eq!(
                    Change::offered(from).contains(&change),
                    want.is_some(),
                    "{from:?} {change:?}"
                );
            }
        }
        assert_eq!(next(Completed, Resume), Err(k::ERR_MENTORSHIP_OVER));
        assert_eq!(next(Paused, Pause), Err(k::ERR_MENTORSHIP_ALREADY_PAUSED));
        assert_eq!(next(Active, Resume), Err(k::ERR_MENTORSHIP_NOT_PAUSED));
    }

    #[test]
    fn codes_and_ratings() {
        for c in Change::ALL {
            assert_eq!(Change::from_code(c.code()), Some(c));
        }
        for s in [Active, Paused, Completed, Cancelled] {
            assert_eq!(MentorshipState::from_code(s.code()), Some(s));
        }
        assert!(Cancel.needs_reason() && !Pause.needs_reason());
        assert_eq!(parse_rating(" 5 "), Some(5));
        assert_eq!(parse_rating("0"), None);
        assert_eq!(parse_rating("6"), None);
        assert_eq!(parse_rating("4.5"), None);
    }
}
