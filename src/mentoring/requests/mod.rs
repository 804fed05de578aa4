//! The request state machine, in plain Rust. Who may do what, from which state:
//!
//! | event (who)               | from                         | to          |
//! |---------------------------|------------------------------|-------------|
//! | view (mentor)             | pending                      | viewed      |
//! | accept (mentor)           | pending, viewed              | accepted    |
//! | decline (mentor, reason)  | pending, viewed, needs_info  | declined    |
//! | ask (mentor, question)    | pending, viewed              | needs_info  |
//! | answer (mentee)           | needs_info                   | pending     |
//! | withdraw (mentee)         | pending, viewed, needs_info  | withdrawn   |
//! | expire (the daily job)    | pending, viewed              | expired     |
//! | invalidate (the system)   | pending, viewed, needs_info  | invalidated |
//!
//! Everything else is refused with a message saying why.
pub mod api;
#[cfg(feature = "ssr")]
pub mod store;
pub mod ui;

use crate::i18n::{k, Key};
use serde::{Deserialize, Serialize};

/// Open requests a mentee may have at once.
pub const MAX_OPEN: i64 = 3;
/// Days without an answer before a request expires (configurable later per programme).
pub const EXPIRY_DAYS: i64 = 14;
pub const MESSAGE_MAX: usize = 1_000;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum State {
    Pending,
    Viewed,
    Accepted,
    Declined,
    NeedsInfo,
    Withdrawn,
    Expired,
    Invalidated,
}

impl State {
    pub const ALL: [State; 8] = [
        State::Pending,
        State::Viewed,
        State::Accepted,
        State::Declined,
        State::NeedsInfo,
        State::Withdrawn,
        State::Expired,
        State::Invalidated,
    ];

    pub fn code(self) -> &'static str {
        match self {
            State::Pending => "pending",
            State::Viewed => "viewed",
            State::Accepted => "accepted",
            State::Declined => "declined",
            State::NeedsInfo => "needs_info",
            State::Withdrawn => "withdrawn",
            State::Expired => "expired",
            State::Invalidated => "invalidated",
        }
    }

    pub fn from_code(code: &str) -> Option<State> {
        State::ALL.into_iter().find(|s| s.code() == code)
    }

    pub fn is_open(self) -> bool {
        matches!(self, State::Pending | State::Viewed | State::NeedsInfo)
    }

    pub fn label(self) -> Key {
        match self {
            State::Pending => k::REQUEST_STATE_PENDING,
            State::Viewed => k::REQUEST_STATE_VIEWED,
            State::Accepted => k::REQUEST_STATE_ACCEPTED,
            State::Declined => k::REQUEST_STATE_DECLINED,
            State::NeedsInfo => k::REQUEST_STATE_NEEDS_INFO,
            State::Withdrawn => k::REQUEST_STATE_WITHDRAWN,
            State::Expired => k::REQUEST_STATE_EXPIRED,
            State::Invalidated => k::REQUEST_STATE_INVALIDATED,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum DeclineReason {
    NoTime,
    OutsideExpertise,
    OtherMentorFits,
    Other,
}

impl DeclineReason {
    pub const ALL: [DeclineReason; 4] = [
        DeclineReason::NoTime,
        DeclineReason::OutsideExpertise,
        DeclineReason::OtherMentorFits,
        DeclineReason::Other,
    ];
    pub fn code(self) -> &'static str {
        match self {
            DeclineReason::NoTime => "no_time",
            DeclineReason::OutsideExpertise => "outside_expertise",
            DeclineReason::OtherMentorFits => "other_mentor_fits",
            DeclineReason::Other => "other",
        }
    }
    pub fn from_code(code: &str) -> Option<DeclineReason> {
        DeclineReason::ALL.into_iter().find(|r| r.code() == code)
    }
    pub fn label(self) -> Key {
        match self {
            DeclineReason::NoTime => k::DECLINE_NO_TIME,
            DeclineReason::OutsideExpertise => k::DECLINE_OUTSIDE_EXPERTISE,
            DeclineReason::OtherMentorFits => k::DECLINE_OTHER_MENTOR_FITS,
            DeclineReason::Other => k::DECLINE_OTHER,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Event {
    View,
    Accept,
    Decline,
    Ask,
    Answer,
    Withdraw,
    Expire,
    Invalidate,
}

/// The next state, or the message explaining why this cannot happen now.
pub fn transition(from: State, event: Event) -> Result<State, Key> {
    use Event::*;
    use State::*;
    match (from, event) {
        (Pending, View) => Ok(Viewed),
        (Pending | Viewed, Accept) => Ok(Accepted),
        (Pending | Viewed | NeedsInfo, Decline) => Ok(Declined),
        (Pending | Viewed, Ask) => Ok(NeedsInfo),
        (NeedsInfo, Answer) => Ok(Pending),
        (Pending | Viewed | NeedsInfo, Withdraw) => Ok(Withdrawn),
        (Pending | Viewed, Expire) => Ok(Expired),
        (Pending | Viewed | NeedsInfo, Invalidate) => Ok(Invalidated),
        (s, _) if !s.is_open() => Err(k::ERR_REQUEST_CLOSED),
        (NeedsInfo, Accept | Ask) => Err(k::ERR_REQUEST_WAITING_ANSWER),
        _ => Err(k::ERR_REQUEST_NOT_NOW),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Event::*;
    use State::*;

    #[test]
    fn every_transition_is_legal_or_refused_as_the_table_says() {
        let legal = [
            (Pending, View, Viewed),
            (Pending, Accept, Accepted),
            (Viewed, Accept, Accepted),
            (Pending, Decline, Declined),
            (Viewed, Decline, Declined),
            (NeedsInfo, Decline, Declined),
            (Pending, Ask, NeedsInfo),
            (Viewed, Ask, NeedsInfo),
            (NeedsInfo, Answer, Pending),
            (Pending, Withdraw, Withdrawn),
            (Viewed, Withdraw, Withdrawn),
            (NeedsInfo, Withdraw, Withdrawn),
            (Pending, Expire, Expired),
            (Viewed, Expire, Expired),
            (Pending, Invalidate, Invalidated),
            (Viewed, Invalidate, Invalidated),
            (NeedsInfo, Invalidate, Invalidated),
        ];
        let events = [
            View, Accept, Decline, Ask, Answer, Withdraw, Expire, Invalidate,
        ];
        for from in State::ALL {
            for event in events {
                let expected = legal
                    .iter()
                    .find(|(f, e, _)| *f == from && *e == event)
                    .map(|(_, _, to)| *to);
                match (transition(from, event), expected) {
                    (Ok(to), Some(want)) => assert_eq!(to, want, "{from:?} {event:?}"),
                    (Err(_), None) => {}
                    (got, want) => panic!("{from:?} + {event:?}: got {got:?}, table says {want:?}"),
                }
            }
        }
    }

    #[test]
    fn refusals_say_why() {
        assert_eq!(transition(Withdrawn, Accept), Err(k::ERR_REQUEST_CLOSED));
        assert_eq!(transition(Accepted, Withdraw), Err(k::ERR_REQUEST_CLOSED));
        assert_eq!(
            transition(NeedsInfo, Accept),
            Err(k::ERR_REQUEST_WAITING_ANSWER)
        );
        assert_eq!(transition(Viewed, View), Err(k::ERR_REQUEST_NOT_NOW));
        assert_eq!(transition(Pending, Answer), Err(k::ERR_REQUEST_NOT_NOW));
    }

    #[test]
    fn codes_round_trip() {
        for s in State::ALL {
            assert_eq!(State::from_code(s.code()), Some(s));
        }
        for r in DeclineReason::ALL {
            assert_eq!(DeclineReason::from_code(r.code()), Some(r));
        }
        assert!(
            State::Pending.is_open() && State::NeedsInfo.is_open() && !State::Accepted.is_open()
        );
    }
}
