//! The STEM4ALL Award: a cycle moves through its phases (moved forward by an administrator,
//! each change logged), people nominate in categories, nominated people accept, an
//! administrator screens and shortlists, signed-in people with a confirmed email vote (one vote
//! per category, changeable until voting closes, with a receipt), jurors score the finalists on
//! weighted criteria, and publishing freezes the results.
//!
//! This file holds the types both sides share and the pure rules: what each phase allows at
//! which time, the jury's weighted means and how they combine with the public vote.
pub mod admin;
pub mod api;
#[cfg(all(test, feature = "ssr"))]
mod http_tests;
pub mod island;
#[cfg(feature = "ssr")]
pub mod store;
#[cfg(all(test, feature = "ssr"))]
pub(crate) mod store_tests;
pub mod ui;

use crate::error::AppError;
use crate::i18n::{k, Key, Msg};
use serde::{Deserialize, Serialize};

pub const NAME_MAX: usize = 120;
pub const REASON_MAX: usize = 1_000;
pub const ORG_MAX: usize = 120;
/// Votes for one nominee from accounts created in the last day, within this many minutes, that
/// make a burst an administrator should look at.
pub const BURST_VOTES: i64 = 5;
pub const BURST_MINUTES: i64 = 10;
pub const NEW_ACCOUNT_HOURS: i64 = 24;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Phase {
    Draft,
    Nominations,
    Screening,
    Voting,
    VotingClosed,
    Jury,
    Published,
    Archived,
}

impl Phase {
    pub const ALL: [Phase; 8] = [
        Phase::Draft,
        Phase::Nominations,
        Phase::Screening,
        Phase::Voting,
        Phase::VotingClosed,
        Phase::Jury,
        Phase::Published,
        Phase::Archived,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Phase::Draft => "draft",
            Phase::Nominations => "nominations",
            Phase::Screening => "screening",
            Phase::Voting => "voting",
            Phase::VotingClosed => "voting_closed",
            Phase::Jury => "jury",
            Phase::Published => "published",
            Phase::Archived => "archived",
        }
    }

    pub fn from_code(code: &str) -> Option<Phase> {
        Phase::ALL.into_iter().find(|p| p.code() == code)
    }

    /// Phases only move forward, one at a time.
    pub fn next(self) -> Option<Phase> {
        let i = Phase::ALL.iter().position(|p| *p == self)?;
        Phase::ALL.get(i + 1).copied()
    }

    pub fn label(self) -> Key {
        match self {
            Phase::Draft => k::AWARD_PHASE_DRAFT,
            Phase::Nominations => k::AWARD_PHASE_NOMINATIONS,
            Phase::Screening => k::AWARD_PHASE_SCREENING,
            Phase::Voting => k::AWARD_PHASE_VOTING,
            Phase::VotingClosed => k::AWARD_PHASE_VOTING_CLOSED,
            Phase::Jury => k::AWARD_PHASE_JURY,
            Phase::Published => k::AWARD_PHASE_PUBLISHED,
            Phase::Archived => k::AWARD_PHASE_ARCHIVED,
        }
    }

    /// Before voting opens the rule, the criteria and the dates may still change.
    pub fn before_voting(self) -> bool {
        self < Phase::Voting
    }
}

/// What someone is trying to do; the phase and the server's clock decide whether it may.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Act {
    Nominate,
    Answer,
    Screen,
    Vote,
    Score,
    Void,
    Configure,
    AssignJurors,
}

/// The times a cycle closes nominations and voting (unix seconds).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Schedule {
    pub nominations_until: i64,
    pub voting_until: i64,
}

/// Whether `act` is allowed in `phase` at `now`; the error says why not.
/// Whether `act` is allowed in `phase` at `now`; if not, the message that says why.
pub fn allowed(act: Act, phase: Phase, schedule: Schedule, now: i64) -> Result<(), Key> {
    let ok = match act {
        Act::Nominate => phase == Phase::Nominations && now < schedule.nominations_until,
        Act::Answer => matches!(phase, Phase::Nominations | Phase::Screening),
        Act::Screen => phase == Phase::Screening,
        Act::Vote => phase == Phase::Voting && now < schedule.voting_until,
        Act::Score => phase == Phase::Jury,
        Act::Void => matches!(phase, Phase::Voting | Phase::VotingClosed | Phase::Jury),
        Act::Configure => phase.before_voting(),
        Act::AssignJurors => phase < Phase::Published,
    };
    if ok {
        return Ok(());
    }
    let key = match act {
        Act::Nominate => k::ERR_AWARD_NOMINATIONS_CLOSED,
        Act::Answer => k::ERR_AWARD_ANSWER_CLOSED,
        Act::Screen => k::ERR_AWARD_NOT_SCREENING,
        Act::Vote => k::ERR_AWARD_VOTING_CLOSED,
        Act::Score => k::ERR_AWARD_NOT_JURY,
        Act::Void => k::ERR_AWARD_VOID_CLOSED,
        Act::Configure => k::ERR_AWARD_CONFIG_CLOSED,
        Act::AssignJurors => k::ERR_AWARD_PUBLISHED,
    };
    Err(key)
}

/// How the jury's scores and the public vote decide the winners (set per cycle, shown to
/// everyone before voting opens).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Rule {
    /// The jury's mean decides; the public vote breaks ties.
    JuryFirst,
    /// The public vote decides; the jury's mean breaks ties.
    PublicFirst,
    /// A weighted sum: jury mean (out of 5) and share of the category's top vote count.
    Combined,
}

impl Rule {
    pub const ALL: [Rule; 3] = [Rule::JuryFirst, Rule::PublicFirst, Rule::Combined];
    pub fn code(self) -> &'static str {
        match self {
            Rule::JuryFirst => "jury_first",
            Rule::PublicFirst => "public_first",
            Rule::Combined => "combined",
        }
    }
    pub fn from_code(code: &str) -> Option<Rule> {
        Rule::ALL.into_iter().find(|r| r.code() == code)
    }
    pub fn label(self) -> Key {
        match self {
            Rule::JuryFirst => k::AWARD_RULE_JURY_FIRST,
            Rule::PublicFirst => k::AWARD_RULE_PUBLIC_FIRST,
            Rule::Combined => k::AWARD_RULE_COMBINED,
        }
    }
}

/// Who a category is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Nominee {
    Mentor,
    Mentee,
    Organisation,
}

impl Nominee {
    pub fn code(self) -> &'static str {
        match self {
            Nominee::Mentor => "mentor",
            Nominee::Mentee => "mentee",
            Nominee::Organisation => "organisation",
        }
    }
    pub fn from_code(code: &str) -> Option<Nominee> {
        [Nominee::Mentor, Nominee::Mentee, Nominee::Organisation]
            .into_iter()
            .find(|n| n.code() == code)
    }
}

/// The programme's categories: (code, who can be nominated, regional only).
pub const DEFAULT_CATEGORIES: [(&str, Nominee, bool); 8] = [
    ("best_mentor", Nominee::Mentor, false),
    ("best_mentee", Nominee::Mentee, false),
    ("regional_mentor", Nominee::Mentor, true),
    ("regional_mentee", Nominee::Mentee, true),
    ("motivator_mentor", Nominee::Mentor, false),
    ("community_partner", Nominee::Organisation, false),
    ("stem_practice", Nominee::Organisation, false),
    ("educational_partner", Nominee::Organisation, false),
];

/// The jury's criteria and their default weights (percent).
pub const DEFAULT_CRITERIA: [(&str, i64); 3] = [("impact", 40), ("innovation", 30), ("reach", 30)];

pub fn category_label(code: &str) -> Key {
    match code {
        "best_mentor" => k::AWARD_CAT_BEST_MENTOR,
        "best_mentee" => k::AWARD_CAT_BEST_MENTEE,
        "regional_mentor" => k::AWARD_CAT_REGIONAL_MENTOR,
        "regional_mentee" => k::AWARD_CAT_REGIONAL_MENTEE,
        "motivator_mentor" => k::AWARD_CAT_MOTIVATOR_MENTOR,
        "community_partner" => k::AWARD_CAT_COMMUNITY_PARTNER,
        "stem_practice" => k::AWARD_CAT_STEM_PRACTICE,
        _ => k::AWARD_CAT_EDUCATIONAL_PARTNER,
    }
}

pub fn criterion_label(code: &str) -> Key {
    match code {
        "impact" => k::AWARD_CRIT_IMPACT,
        "innovation" => k::AWARD_CRIT_INNOVATION,
        _ => k::AWARD_CRIT_REACH,
    }
}

/// Who a category says can be nominated, as a sentence.
pub fn eligibility_label(nominee: Nominee, regional: bool) -> Key {
    match (nominee, regional) {
        (Nominee::Mentor, false) => k::AWARD_WHO_MENTOR,
        (Nominee::Mentor, true) => k::AWARD_WHO_REGIONAL_MENTOR,
        (Nominee::Mentee, false) => k::AWARD_WHO_MENTEE,
        (Nominee::Mentee, true) => k::AWARD_WHO_REGIONAL_MENTEE,
        (Nominee::Organisation, _) => k::AWARD_WHO_ORGANISATION,
    }
}

/// A person from the regions: a place in Kyrgyzstan outside the capital.
pub fn is_regional(region: Option<&str>) -> bool {
    matches!(region, Some(r) if !r.is_empty() && r != "bishkek" && !r.starts_with("country:"))
}

/// A required text of at most `max` characters, trimmed.
pub fn required_text(field: &str, value: &str, max: usize) -> Result<String, AppError> {
    let v = value.trim();
    if v.is_empty() {
        return Err(AppError::invalid(field, Msg::new(k::ERR_REQUIRED)));
    }
    if v.chars().count() > max {
        return Err(AppError::invalid(
            field,
            Msg::new(k::ERR_TOO_LONG).with("max", max),
        ));
    }
    Ok(v.to_string())
}

/// One juror's weighted score for a finalist, times 100: Σ weight·score / Σ weight.
pub fn weighted_x100(weights_and_scores: &[(i64, i64)]) -> Option<i64> {
    let total: i64 = weights_and_scores.iter().map(|(w, _)| *w).sum();
    if total == 0 || weights_and_scores.is_empty() {
        return None;
    }
    let sum: i64 = weights_and_scores.iter().map(|(w, s)| w * s * 100).sum();
    Some((sum + total / 2) / total)
}

/// The jury's score: the mean of the non-abstaining jurors' weighted scores (times 100).
pub fn jury_mean_x100(juror_scores: &[i64]) -> Option<i64> {
    if juror_scores.is_empty() {
        return None;
    }
    let n = juror_scores.len() as i64;
    Some((juror_scores.iter().sum::<i64>() + n / 2) / n)
}

/// A finalist going into the ranking.
#[derive(Clone, Debug, PartialEq)]
pub struct Standing {
    pub nomination_id: i64,
    pub votes: i64,
    pub jury_x100: Option<i64>,
}

/// A finalist's place (1 = winner; equal places are joint) and whether she is the community's
/// choice (the most public votes, when anyone voted).
#[derive(Clone, Debug, PartialEq)]
pub struct Outcome {
    pub nomination_id: i64,
    pub place: i64,
    pub winner: bool,
    pub community_choice: bool,
}

/// Ranks a category's finalists by the cycle's rule. Pure, so every rule is unit-tested.
pub fn rank(rule: Rule, jury_weight: i64, finalists: &[Standing]) -> Vec<Outcome> {
    let top_votes = finalists.iter().map(|s| s.votes).max().unwrap_or(0);
    let jury = |s: &Standing| s.jury_x100.unwrap_or(-1);
    // the combined score in millionths, so no floating point decides a prize
    let combined = |s: &Standing| {
        let j = s.jury_x100.unwrap_or(0) * 10_000 / 500; // out of 5.00 → per 10,000
        let v = if top_votes == 0 {
            0
        } else {
            s.votes * 10_000 / top_votes
        };
        j * jury_weight + v * (100 - jury_weight)
    };
    let key = |s: &Standing| -> (i64, i64) {
        match rule {
            Rule::JuryFirst => (jury(s), s.votes),
            Rule::PublicFirst => (s.votes, jury(s)),
            Rule::Combined => (combined(s), jury(s)),
        }
    };
    let mut sorted: Vec<&Standing> = finalists.iter().collect();
    sorted.sort_by(|a, b| {
        key(b)
            .cmp(&key(a))
            .then(a.nomination_id.cmp(&b.nomination_id))
    });
    let mut out: Vec<Outcome> = Vec::with_capacity(sorted.len());
    for (i, s) in sorted.iter().enumerate() {
        let place = match (i, out.last()) {
            (0, _) | (_, None) => 1,
            (_, Some(prev)) if key(sorted[i - 1]) == key(s) => prev.place,
            _ => i as i64 + 1,
        };
        out.push(Outcome {
            nomination_id: s.nomination_id,
            place,
            winner: place == 1,
            community_choice: top_votes > 0 && s.votes == top_votes,
        });
    }
    out
}

/// A receipt code from random bytes: 10 characters of Crockford's base32 in two groups
/// ("K7Q2M-9XDHA"), no letters that read like digits.
pub fn receipt_code(bytes: &[u8; 8]) -> String {
    const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    let mut n = u64::from_le_bytes(*bytes);
    let mut s = String::with_capacity(11);
    for i in 0..10 {
        if i == 5 {
            s.push('-');
        }
        s.push(ALPHABET[(n & 31) as usize] as char);
        n >>= 5;
    }
    s
}

/// A receipt as typed: upper case, spaces dropped, the dash put back.
pub fn normalize_receipt(raw: &str) -> String {
    let s: String = raw
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_uppercase())
        .collect();
    if s.len() == 10 {
        format!("{}-{}", &s[..5], &s[5..])
    } else {
        s
    }
}

// ---- what the pages show ----

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CycleSummary {
    pub id: i64,
    pub name: String,
    pub phase: Phase,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Criterion {
    pub id: i64,
    pub code: String,
    pub weight: i64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PhaseChange {
    pub phase: Phase,
    pub at: i64,
}

/// A nomination as others see it (public once accepted and not ruled out).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NominationView {
    pub id: i64,
    pub nominee_name: String,
    pub reason: String,
    pub finalist: bool,
    /// The viewer nominated it.
    pub mine: bool,
    /// It names the viewer (she reports it from her "For you" list).
    pub about_me: bool,
    /// The viewer has reported it.
    pub reported: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CategoryView {
    pub id: i64,
    pub code: String,
    pub nominee: Nominee,
    pub regional: bool,
    /// Accepted and not ruled out (nominations and screening), or the finalists (voting on).
    pub nominations: Vec<NominationView>,
    /// The viewer's vote here: the nomination and the receipt.
    pub my_vote: Option<(i64, String)>,
}

/// Whether the viewer may vote, and if not, why.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum VoterStatus {
    SignedOut,
    Unconfirmed,
    Suspended,
    Allowed,
}

/// A nomination the viewer made, or one naming her.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MyNomination {
    pub id: i64,
    pub category: String,
    pub nominee_name: String,
    pub nominator_name: String,
    pub reason: String,
    pub status: String,
    pub screening: String,
    /// The viewer has reported it (a nominee may report what was written about her).
    pub reported: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CycleView {
    pub id: i64,
    pub name: String,
    pub phase: Phase,
    pub rule: Rule,
    pub jury_weight: i64,
    pub schedule: Schedule,
    pub now: i64,
    pub criteria: Vec<Criterion>,
    pub categories: Vec<CategoryView>,
    pub history: Vec<PhaseChange>,
    pub voter: VoterStatus,
    pub made: Vec<MyNomination>,
    pub for_me: Vec<MyNomination>,
    /// what an organisation category's nomination can name from the community directory
    /// (`org:<id>` or `practice:<id>`, and its name), while nominations are open
    #[serde(default)]
    pub listed: Vec<(String, String)>,
}

/// A nomination as an administrator screens it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AdminNomination {
    pub id: i64,
    pub nominee_name: String,
    pub nominator_name: String,
    pub reason: String,
    pub status: String,
    pub screening: String,
    pub screening_reason: String,
    pub finalist: bool,
    /// Counted (not voided) votes: administrators only.
    pub votes: i64,
    pub flagged: i64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FlaggedVote {
    pub id: i64,
    pub receipt: String,
    pub nominee_name: String,
    pub cast_at: i64,
    /// How long before the vote the account was created, in minutes.
    pub account_age_minutes: i64,
    pub voided: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AdminCategory {
    pub id: i64,
    pub code: String,
    pub nominee: Nominee,
    pub regional: bool,
    pub nominations: Vec<AdminNomination>,
    pub jurors: Vec<(i64, String)>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LogEntry {
    pub actor: String,
    pub action: String,
    pub detail: String,
    pub reason: String,
    pub at: i64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AdminCycle {
    pub cycle: CycleView,
    pub categories: Vec<AdminCategory>,
    pub flagged: Vec<FlaggedVote>,
    pub log: Vec<LogEntry>,
}

/// A finalist as a juror scores her.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct JuryItem {
    pub nomination_id: i64,
    pub nominee_name: String,
    pub reason: String,
    /// Criterion id → the juror's score so far.
    pub scores: Vec<(i64, i64)>,
    pub abstained: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct JuryCategory {
    pub cycle_id: i64,
    pub cycle_name: String,
    pub phase: Phase,
    pub category_id: i64,
    pub code: String,
    pub criteria: Vec<Criterion>,
    pub finalists: Vec<JuryItem>,
}

/// One line of the published results.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ResultLine {
    pub nominee_name: String,
    pub reason: String,
    pub votes: i64,
    pub jury_x100: Option<i64>,
    pub jurors: i64,
    pub place: i64,
    pub winner: bool,
    pub community_choice: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ResultCategory {
    pub code: String,
    pub lines: Vec<ResultLine>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Results {
    pub cycle_id: i64,
    pub name: String,
    pub rule: Rule,
    pub jury_weight: i64,
    pub published_at: i64,
    pub categories: Vec<ResultCategory>,
}

/// What a receipt check finds.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReceiptCheck {
    pub cycle_name: String,
    pub category: String,
    pub changed_at: i64,
    pub voided: bool,
}

/// "1–5 with two decimals" for a mean stored times 100.
pub fn score_text(x100: i64) -> String {
    format!("{}.{:02}", x100 / 100, x100 % 100)
}

#[cfg(test)]
mod tests {
    use super::*;

    const S: Schedule = Schedule {
        nominations_until: 1_000,
        voting_until: 2_000,
    };

    #[test]
    fn phases_move_forward_one_at_a_time() {
        assert_eq!(Phase::Draft.next(), Some(Phase::Nominations));
        assert_eq!(Phase::Jury.next(), Some(Phase::Published));
        assert_eq!(Phase::Archived.next(), None);
        for p in Phase::ALL {
            assert_eq!(Phase::from_code(p.code()), Some(p));
        }
        assert!(Phase::Screening.before_voting());
        assert!(!Phase::Voting.before_voting());
    }

    #[test]
    fn the_phase_and_the_clock_decide_what_is_allowed() {
        assert!(allowed(Act::Nominate, Phase::Nominations, S, 999).is_ok());
        // the clock closes nominations even while the phase is still open
        assert!(allowed(Act::Nominate, Phase::Nominations, S, 1_000).is_err());
        assert!(allowed(Act::Nominate, Phase::Draft, S, 10).is_err());
        assert!(allowed(Act::Nominate, Phase::Voting, S, 10).is_err());
        assert!(allowed(Act::Vote, Phase::Voting, S, 1_999).is_ok());
        assert!(allowed(Act::Vote, Phase::Voting, S, 2_000).is_err());
        assert!(allowed(Act::Vote, Phase::Screening, S, 10).is_err());
        assert!(allowed(Act::Vote, Phase::VotingClosed, S, 10).is_err());
        assert!(allowed(Act::Screen, Phase::Screening, S, 5_000).is_ok());
        assert!(allowed(Act::Screen, Phase::Voting, S, 5_000).is_err());
        assert!(allowed(Act::Score, Phase::Jury, S, 5_000).is_ok());
        assert!(allowed(Act::Score, Phase::VotingClosed, S, 5_000).is_err());
        assert!(allowed(Act::Configure, Phase::Screening, S, 5_000).is_ok());
        assert!(allowed(Act::Configure, Phase::Voting, S, 5_000).is_err());
        assert!(allowed(Act::Void, Phase::Jury, S, 5_000).is_ok());
        assert!(allowed(Act::Void, Phase::Published, S, 5_000).is_err());
        assert!(allowed(Act::Answer, Phase::Screening, S, 5_000).is_ok());
        assert!(allowed(Act::Answer, Phase::Voting, S, 5_000).is_err());
        assert!(allowed(Act::AssignJurors, Phase::Jury, S, 5_000).is_ok());
        assert!(allowed(Act::AssignJurors, Phase::Published, S, 5_000).is_err());
    }

    #[test]
    fn jury_scores_are_weighted_then_averaged_over_non_abstaining_jurors() {
        // impact 40 %, innovation 30 %, reach 30 %
        assert_eq!(weighted_x100(&[(40, 5), (30, 4), (30, 3)]), Some(410));
        assert_eq!(weighted_x100(&[(0, 5)]), None);
        assert_eq!(jury_mean_x100(&[410, 300]), Some(355));
        assert_eq!(jury_mean_x100(&[]), None);
        assert_eq!(score_text(355), "3.55");
    }

    fn st(id: i64, votes: i64, jury: Option<i64>) -> Standing {
        Standing {
            nomination_id: id,
            votes,
            jury_x100: jury,
        }
    }

    #[test]
    fn jury_first_lets_the_public_vote_break_ties() {
        let r = rank(
            Rule::JuryFirst,
            70,
            &[
                st(1, 10, Some(400)),
                st(2, 50, Some(450)),
                st(3, 90, Some(400)),
            ],
        );
        let order: Vec<(i64, i64)> = r.iter().map(|o| (o.nomination_id, o.place)).collect();
        assert_eq!(order, vec![(2, 1), (3, 2), (1, 3)]);
        assert!(r[0].winner && !r[1].winner);
        // the community's choice is the most votes, whoever wins
        assert!(r[1].community_choice && !r[0].community_choice);
    }

    #[test]
    fn public_first_lets_the_jury_break_ties_and_equal_finalists_share_the_place() {
        let r = rank(
            Rule::PublicFirst,
            70,
            &[
                st(1, 30, Some(300)),
                st(2, 30, Some(450)),
                st(3, 30, Some(450)),
            ],
        );
        let order: Vec<(i64, i64, bool)> = r
            .iter()
            .map(|o| (o.nomination_id, o.place, o.winner))
            .collect();
        assert_eq!(order, vec![(2, 1, true), (3, 1, true), (1, 3, false)]);
        assert!(r.iter().all(|o| o.community_choice));
    }

    #[test]
    fn combined_weighs_the_jury_and_the_vote_share() {
        // jury 70 %: 5.00 with few votes beats 3.00 with the most votes
        let r = rank(
            Rule::Combined,
            70,
            &[st(1, 100, Some(300)), st(2, 20, Some(500))],
        );
        assert_eq!(r[0].nomination_id, 2);
        // jury 20 %: the vote wins
        let r = rank(
            Rule::Combined,
            20,
            &[st(1, 100, Some(300)), st(2, 20, Some(500))],
        );
        assert_eq!(r[0].nomination_id, 1);
        // nobody voted: no community choice; a finalist every juror abstained on ranks last
        let r = rank(Rule::JuryFirst, 70, &[st(1, 0, None), st(2, 0, Some(100))]);
        assert_eq!(r[0].nomination_id, 2);
        assert!(r.iter().all(|o| !o.community_choice));
        assert!(rank(Rule::JuryFirst, 70, &[]).is_empty());
    }

    #[test]
    fn receipts_are_short_unambiguous_codes() {
        let code = receipt_code(&[1, 2, 3, 4, 5, 6, 7, 8]);
        assert_eq!(code.len(), 11);
        assert_eq!(&code[5..6], "-");
        assert!(!code.contains(['I', 'L', 'O', 'U']));
        assert_eq!(
            normalize_receipt(&code.to_lowercase().replace('-', " ")),
            code
        );
        assert_ne!(code, receipt_code(&[8, 7, 6, 5, 4, 3, 2, 1]));
    }

    #[test]
    fn regional_means_in_kyrgyzstan_outside_the_capital() {
        assert!(is_regional(Some("naryn")));
        assert!(is_regional(Some("osh_city")));
        assert!(!is_regional(Some("bishkek")));
        assert!(!is_regional(Some("country:Germany")));
        assert!(!is_regional(None));
    }

    #[test]
    fn texts_are_required_and_bounded() {
        assert!(required_text("reason", "  ", REASON_MAX).is_err());
        assert!(required_text("reason", &"a".repeat(REASON_MAX + 1), REASON_MAX).is_err());
        assert_eq!(
            required_text("reason", " Great mentor ", REASON_MAX).unwrap(),
            "Great mentor"
        );
    }
}
