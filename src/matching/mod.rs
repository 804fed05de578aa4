//! Matching: finding a mentor. Discovery (`api`, `store`, `ui`, and the thin `island`) lists
//! approved mentors with filters (field, skill, language, regional or international, free
//! places), free-text search over their profiles (FTS5) and their names, pagination, and — for a
//! mentee with a profile — this module's explainable, weighted fit score, in plain Rust.
//!
//! Hard filters (no score at all): the mentor is approved, open, has a spare place, and the two
//! share a language. Then each criterion is met from 0 to 1 ([`features`]) and worth a number of
//! points ([`Weights`], 100 in all); the hand-set points, which stand until an administrator
//! puts a learned version in use (`model`), are:
//! - taxonomy overlap, 45: the share of the mentee's skills the mentor offers; a skill in the
//!   same field counts a third;
//! - language, 15: the best language both speak, by the weaker of the two levels;
//! - region, 15: as the mentee asked (a mentor from her own region, or from abroad: 15, any
//!   other 0) or, with no preference, same region (or same country abroad) 15, an international
//!   mentor 8, elsewhere in Kyrgyzstan 6;
//! - career-stage fit, 15: the mentee's stage among the stages the mentor said she likes to
//!   mentor (15, none otherwise), or, when she said none, years of experience against what the
//!   mentee's stage calls for;
//! - availability, 10: the share of the mentor's places still free, times the share of the
//!   mentee's wished-for hours a month that the mentor's offered hours (per place) cover, when
//!   both said;
//! - goals and profile, 0: how similar her profile is to the mentee's goals (`text`, BM25 over
//!   stemmed words), for a learned version to weigh.
//!
//! The reasons shown on the card are the criteria that scored, in the order a mentee asks
//! about them (subject, language, place, goals, the rest), at most three.
pub mod api;
pub mod cohort;
#[cfg(feature = "ssr")]
pub mod evaluate;
#[cfg(all(test, feature = "ssr"))]
mod http_tests;
pub mod import;
pub mod island;
pub mod model;
#[cfg(feature = "ssr")]
pub mod store;
#[cfg(feature = "ssr")]
pub mod text;
pub mod ui;

use crate::accounts::profiles::{CareerStage, Language, Level, MentorFrom};
use serde::{Deserialize, Serialize};

/// A skill as the scorer sees it: its id, its field and both names (for reasons).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SkillRef {
    pub id: i64,
    pub field_id: i64,
    pub name: String,
    pub field_name: String,
}

/// What the mentee looks for.
#[derive(Clone, Debug, Default)]
pub struct Seeker {
    pub skills: Vec<SkillRef>,
    pub stage: Option<CareerStage>,
    /// Stored region code (`naryn`, `country:Germany`).
    pub region: Option<String>,
    pub languages: Vec<(Language, Level)>,
    /// Where she would like her mentor to be.
    pub mentor_from: MentorFrom,
    /// The hours a month she would like.
    pub hours: Option<i64>,
    /// The words of her goals (`text::tokens`), for the text criterion.
    pub goals: Vec<String>,
}

/// What a mentor offers.
#[derive(Clone, Debug)]
pub struct Offer<'a> {
    pub skills: &'a [SkillRef],
    pub languages: &'a [(Language, Level)],
    pub region: Option<&'a str>,
    pub years: i64,
    pub capacity: i64,
    pub spots_left: i64,
    pub open: bool,
    pub approved: bool,
    /// The career stages she likes to mentor (empty: any).
    pub stages: &'a [CareerStage],
    /// The hours a month she offers, all her mentees together.
    pub hours: Option<i64>,
    /// How similar her profile is to the mentee's goals, 0 to 1 (`text::Index::similarities`).
    pub text: f64,
}

/// Why a mentor fits, most important first; rendered in the reader's language by the UI.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Reason {
    SharesSkill(String),
    SameField(String),
    Speaks(Language),
    SameRegion(String),
    International,
    Experienced(i64),
    LikesStage,
    /// The hours a month she offers (enough for the mentee's wish).
    Hours(i64),
    /// Her profile speaks to the mentee's goals.
    Goals,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Fit {
    pub score: u8,
    pub reasons: Vec<Reason>,
}

pub fn level_rank(l: Level) -> u8 {
    match l {
        Level::Basic => 1,
        Level::Conversational => 2,
        Level::Fluent => 3,
        Level::Native => 4,
    }
}

/// The years of experience a mentee at this stage is best served by.
fn years_wanted(stage: Option<CareerStage>) -> i64 {
    match stage {
        Some(CareerStage::School) | None => 2,
        Some(CareerStage::University) => 3,
        Some(CareerStage::EarlyCareer) => 5,
        Some(CareerStage::CareerChange) => 7,
    }
}

/// Passes the hard filters that do not depend on the mentee.
pub fn available(o: &Offer<'_>) -> bool {
    o.approved && o.open && o.spots_left > 0
}

/// The criteria of the fit score, in the order of [`Weights`] and [`Features`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Criterion {
    Skills,
    Language,
    Place,
    Stage,
    Availability,
    Text,
}

impl Criterion {
    pub const ALL: [Criterion; 6] = [
        Criterion::Skills,
        Criterion::Language,
        Criterion::Place,
        Criterion::Stage,
        Criterion::Availability,
        Criterion::Text,
    ];

    pub fn label(self) -> crate::i18n::Key {
        use crate::i18n::k;
        match self {
            Criterion::Skills => k::CRITERION_SKILLS,
            Criterion::Language => k::CRITERION_LANGUAGE,
            Criterion::Place => k::CRITERION_PLACE,
            Criterion::Stage => k::CRITERION_STAGE,
            Criterion::Availability => k::CRITERION_AVAILABILITY,
            Criterion::Text => k::CRITERION_TEXT,
        }
    }
}

/// How well a pair meets each criterion, from 0 to 1, in [`Criterion::ALL`]'s order.
pub type Features = [f64; 6];

/// The points each criterion is worth, in [`Criterion::ALL`]'s order; 100 in all. The hand-set
/// ones stand until an administrator activates a learned model (`matching::model`).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Weights(pub [f64; 6]);

impl Weights {
    pub const HAND_SET: Weights = Weights([45.0, 15.0, 15.0, 15.0, 10.0, 0.0]);

    /// Points from any non-negative numbers, scaled to 100 in all (`None` when they are all 0,
    /// or not numbers).
    pub fn scaled(raw: [f64; 6]) -> Option<Weights> {
        if raw.iter().any(|w| !w.is_finite()) {
            return None;
        }
        let clipped = raw.map(|w| w.max(0.0));
        let sum: f64 = clipped.iter().sum();
        (sum > 0.0).then(|| Weights(clipped.map(|w| 100.0 * w / sum)))
    }
}

impl Weights {
    /// A pair's points: each criterion's weight times how well it is met.
    pub fn points(&self, x: &Features) -> f64 {
        self.0.iter().zip(x).map(|(w, x)| w * x).sum()
    }

    /// Weights from a learned model's coefficients: availability keeps its hand-set points (it
    /// is the programme's rule for spreading mentees over mentors, and past pairs cannot tell
    /// it: the places they took are what is missing now), the other criteria share the rest in
    /// proportion to their positive coefficients. `None` when none is positive.
    pub fn learned(coef: [f64; 6]) -> Option<Weights> {
        let keep = Weights::HAND_SET.0[AVAILABILITY];
        let mut raw = coef;
        raw[AVAILABILITY] = 0.0;
        let shared = Weights::scaled(raw)?;
        let mut w = shared.0.map(|x| x * (100.0 - keep) / 100.0);
        w[AVAILABILITY] = keep;
        Some(Weights(w))
    }
}

/// Where availability sits in [`Criterion::ALL`].
pub const AVAILABILITY: usize = 4;

impl Default for Weights {
    fn default() -> Self {
        Weights::HAND_SET
    }
}

/// Each criterion met from 0 to 1, and the reason it gives when it counts. No hard filter here
/// (the model learns from past pairs, whatever their places now); a pair without a shared
/// language meets that criterion at 0.
pub fn features(s: &Seeker, o: &Offer<'_>) -> (Features, Vec<(Criterion, Reason)>) {
    let mut x: Features = [0.0; 6];
    let mut reasons: Vec<(Criterion, Reason)> = Vec::new();
    // language: the best language both speak, by the weaker level
    let best_lang = s
        .languages
        .iter()
        .filter_map(|(l, sl)| {
            o.languages
                .iter()
                .find(|(ol, _)| ol == l)
                .map(|(_, ol)| (*l, level_rank(*sl).min(level_rank(*ol))))
        })
        .max_by_key(|(_, rank)| *rank);
    if let Some((language, rank)) = best_lang {
        x[1] = match rank {
            1 => 1.0 / 3.0,
            2 => 2.0 / 3.0,
            _ => 1.0,
        };
        reasons.push((Criterion::Language, Reason::Speaks(language)));
    }

    // taxonomy: the share of her skills the mentor offers, a skill in the same field a third
    if s.skills.is_empty() {
        x[0] = 1.0 / 3.0;
    } else {
        let n = s.skills.len() as f64;
        let exact: Vec<&SkillRef> = s
            .skills
            .iter()
            .filter(|sk| o.skills.iter().any(|m| m.id == sk.id))
            .collect();
        let near: Vec<&SkillRef> = s
            .skills
            .iter()
            .filter(|sk| {
                !exact.iter().any(|e| e.id == sk.id)
                    && o.skills.iter().any(|m| m.field_id == sk.field_id)
            })
            .collect();
        x[0] = (exact.len() as f64 + near.len() as f64 / 3.0) / n;
        if let Some(first) = exact.first() {
            reasons.push((Criterion::Skills, Reason::SharesSkill(first.name.clone())));
        } else if let Some(first) = near.first() {
            reasons.push((
                Criterion::Skills,
                Reason::SameField(first.field_name.clone()),
            ));
        }
    }

    // region, as she asked (her own region, abroad) or, with no preference, the same region
    // first, then abroad, then elsewhere in Kyrgyzstan
    let abroad = o.region.is_some_and(|b| b.starts_with("country:"));
    let same = s.region.as_deref().filter(|a| o.region == Some(*a));
    match (s.mentor_from, same) {
        (MentorFrom::OwnRegion | MentorFrom::Either, Some(a)) => {
            x[2] = 1.0;
            reasons.push((Criterion::Place, Reason::SameRegion(a.to_string())));
        }
        (MentorFrom::Abroad, _) if abroad => {
            x[2] = 1.0;
            reasons.push((Criterion::Place, Reason::International));
        }
        (MentorFrom::OwnRegion | MentorFrom::Abroad, _) => {}
        (MentorFrom::Either, None) if abroad => {
            x[2] = 8.0 / 15.0;
            reasons.push((Criterion::Place, Reason::International));
        }
        (MentorFrom::Either, None) if s.region.is_some() && o.region.is_some() => {
            x[2] = 6.0 / 15.0;
        }
        (MentorFrom::Either, None) => {}
    }

    // career stage, as the mentor said or by her experience
    match s.stage {
        Some(stage) if !o.stages.is_empty() => {
            if o.stages.contains(&stage) {
                x[3] = 1.0;
                reasons.push((Criterion::Stage, Reason::LikesStage));
            }
        }
        _ => {
            let wanted = years_wanted(s.stage);
            x[3] = o.years.clamp(0, wanted) as f64 / wanted as f64;
            if o.years >= wanted {
                reasons.push((Criterion::Stage, Reason::Experienced(o.years)));
            }
        }
    }

    // availability: the free places, and her hours against the mentee's wish
    let free = o.spots_left.min(o.capacity).max(0) as f64 / o.capacity.max(1) as f64;
    x[4] = match (o.hours, s.hours.filter(|h| *h > 0)) {
        (Some(offered), Some(wished)) => {
            let per_place = offered as f64 / o.capacity.max(1) as f64;
            let covered = (per_place / wished as f64).min(1.0);
            if covered >= 1.0 {
                reasons.push((Criterion::Availability, Reason::Hours(offered)));
            }
            free * covered
        }
        _ => free,
    };

    // what her profile says against the mentee's goals
    x[5] = o.text.clamp(0.0, 1.0);
    if x[5] >= GOALS_REASON_AT {
        reasons.push((Criterion::Text, Reason::Goals));
    }
    (x, reasons)
}

/// How similar a mentor's profile must be to the mentee's goals (`text::Index::similarities`)
/// for "speaks to your goals" to be a reason.
pub const GOALS_REASON_AT: f64 = 0.3;

/// The fit with the hand-set weights.
pub fn score(s: &Seeker, o: &Offer<'_>) -> Option<Fit> {
    score_with(s, o, &Weights::HAND_SET)
}

/// The fit: the hard filters (the mentor is available, the two share a language), then each
/// criterion's points (its weight times how well it is met), rounded to 0–100, and at most three
/// reasons among the criteria that scored, in the order a mentee asks about them (subject,
/// language, place, then the rest).
pub fn score_with(s: &Seeker, o: &Offer<'_>, w: &Weights) -> Option<Fit> {
    if !available(o) {
        return None;
    }
    let (x, reasons) = features(s, o);
    if x[1] <= 0.0 {
        return None;
    }
    // rounded to a millionth first: the sum of the parts can land a hair under a .5 that the
    // points themselves make
    let total = (w.points(&x) * 1e6).round() / 1e6;
    let counts = |c: Criterion| {
        let i = Criterion::ALL.iter().position(|k| *k == c).unwrap_or(0);
        x[i] * w.0[i] > 0.0
    };
    let mut shown: Vec<(Criterion, Reason)> =
        reasons.into_iter().filter(|(c, _)| counts(*c)).collect();
    shown.sort_by_key(|(c, _)| match c {
        Criterion::Skills => 0,
        Criterion::Language => 1,
        Criterion::Place => 2,
        Criterion::Text => 3,
        Criterion::Stage | Criterion::Availability => 4,
    });
    Some(Fit {
        score: total.round().clamp(0.0, 100.0) as u8,
        reasons: shown.into_iter().take(3).map(|(_, r)| r).collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use Language::*;
    use Level::*;

    fn skill(id: i64, field: i64) -> SkillRef {
        SkillRef {
            id,
            field_id: field,
            name: format!("skill {id}"),
            field_name: format!("field {field}"),
        }
    }

    fn seeker() -> Seeker {
        Seeker {
            skills: vec![skill(102, 1), skill(501, 5)],
            stage: Some(CareerStage::University),
            region: Some("naryn".into()),
            languages: vec![(Ky, Native), (Ru, Conversational)],
            mentor_from: MentorFrom::Either,
            hours: Some(4),
            goals: Vec::new(),
        }
    }

    fn offer<'a>(
        skills: &'a [SkillRef],
        langs: &'a [(Language, Level)],
        region: &'a str,
    ) -> Offer<'a> {
        Offer {
            skills,
            languages: langs,
            region: Some(region),
            years: 6,
            capacity: 2,
            spots_left: 2,
            open: true,
            approved: true,
            stages: &[],
            hours: None,
            text: 0.0,
        }
    }

    #[test]
    fn a_perfect_match_scores_100_with_its_reasons() {
        let skills = [skill(102, 1), skill(501, 5)];
        let langs = [(Ky, Native)];
        let fit = score(&seeker(), &offer(&skills, &langs, "naryn")).unwrap();
        assert_eq!(fit.score, 100);
        assert_eq!(
            fit.reasons,
            vec![
                Reason::SharesSkill("skill 102".into()),
                Reason::Speaks(Ky),
                Reason::SameRegion("naryn".into())
            ]
        );
    }

    #[test]
    fn hard_filters_exclude() {
        let skills = [skill(102, 1)];
        let langs = [(Ky, Native)];
        let base = offer(&skills, &langs, "naryn");
        assert!(score(
            &seeker(),
            &Offer {
                approved: false,
                ..base.clone()
            }
        )
        .is_none());
        assert!(score(
            &seeker(),
            &Offer {
                open: false,
                ..base.clone()
            }
        )
        .is_none());
        assert!(score(
            &seeker(),
            &Offer {
                spots_left: 0,
                ..base.clone()
            }
        )
        .is_none());
        let english = [(En, Fluent)];
        assert!(
            score(&seeker(), &offer(&skills, &english, "naryn")).is_none(),
            "no shared language"
        );
        assert!(score(&seeker(), &base).is_some());
    }

    #[test]
    fn each_criterion_moves_the_score_the_right_way() {
        let s = seeker();
        let langs = [(Ky, Native)];
        let both = [skill(102, 1), skill(501, 5)];
        let one = [skill(102, 1)];
        let near = [skill(101, 1)];
        let none = [skill(901, 9)];
        let score_of = |o: Offer<'_>| score(&s, &o).unwrap().score;
        let full = score_of(offer(&both, &langs, "naryn"));
        let half = score_of(offer(&one, &langs, "naryn"));
        let field_only = score_of(offer(&near, &langs, "naryn"));
        let unrelated = score_of(offer(&none, &langs, "naryn"));
        assert!(
            full > half && half > field_only && field_only > unrelated,
            "{full} {half} {field_only} {unrelated}"
        );
        // region: same > abroad > elsewhere in Kyrgyzstan
        let same = score_of(offer(&one, &langs, "naryn"));
        let abroad = score_of(offer(&one, &langs, "country:Germany"));
        let elsewhere = score_of(offer(&one, &langs, "bishkek"));
        assert!(same > abroad && abroad > elsewhere);
        // language: the weaker of the two levels counts
        let ru = [(Ru, Native)];
        assert!(score_of(offer(&one, &langs, "osh")) > score_of(offer(&one, &ru, "osh")));
        // experience and free places
        let junior = Offer {
            years: 1,
            ..offer(&one, &langs, "osh")
        };
        assert!(score_of(offer(&one, &langs, "osh")) > score_of(junior));
        let busy = Offer {
            spots_left: 1,
            ..offer(&one, &langs, "osh")
        };
        assert_eq!(score_of(offer(&one, &langs, "osh")) - score_of(busy), 5);
    }

    #[test]
    fn reasons_name_the_field_when_no_skill_is_shared_and_say_international() {
        let s = seeker();
        let near = [skill(101, 1)];
        let langs = [(Ru, Fluent)];
        let fit = score(&s, &offer(&near, &langs, "country:Sweden")).unwrap();
        assert_eq!(
            fit.reasons,
            vec![
                Reason::SameField("field 1".into()),
                Reason::Speaks(Ru),
                Reason::International
            ]
        );
    }

    #[test]
    fn the_place_criterion_follows_where_she_would_like_her_mentor_to_be() {
        let skills = [skill(102, 1)];
        let langs = [(Ky, Native)];
        let score_as = |pref: MentorFrom, region: &str| {
            let s = Seeker {
                mentor_from: pref,
                ..seeker()
            };
            score(&s, &offer(&skills, &langs, region)).unwrap()
        };
        // no preference: her region, then abroad, then elsewhere at home
        let (home, abroad, elsewhere) = (
            score_as(MentorFrom::Either, "naryn").score,
            score_as(MentorFrom::Either, "country:Japan").score,
            score_as(MentorFrom::Either, "osh").score,
        );
        assert!(home > abroad && abroad > elsewhere);
        // from abroad: an international mentor gets the full 15 and the others none
        let want_abroad = MentorFrom::Abroad;
        assert_eq!(score_as(want_abroad, "country:Japan").score, home);
        assert!(score_as(want_abroad, "naryn").score < elsewhere);
        assert!(score_as(want_abroad, "country:Japan")
            .reasons
            .contains(&Reason::International));
        // her own region: only Naryn scores the place
        let own = MentorFrom::OwnRegion;
        assert_eq!(score_as(own, "naryn").score, home);
        assert_eq!(
            score_as(own, "country:Japan").score,
            score_as(own, "osh").score
        );
        assert!(score_as(own, "osh").score < elsewhere);
    }

    #[test]
    fn the_stages_a_mentor_likes_and_her_hours_move_the_score() {
        let skills = [skill(102, 1)];
        let langs = [(Ky, Native)];
        let base = offer(&skills, &langs, "osh");
        let s = seeker();
        let plain = score(&s, &base).unwrap();
        // she likes mentoring university students: full stage points and the reason
        let likes = Offer {
            stages: &[CareerStage::University, CareerStage::CareerChange],
            years: 1,
            ..base.clone()
        };
        let fit = score(&s, &likes).unwrap();
        assert_eq!(fit.score, plain.score, "15 points either way");
        assert!(fit.reasons.contains(&Reason::LikesStage));
        // she said school students only: no stage points, whatever her experience
        let others = Offer {
            stages: &[CareerStage::School],
            ..base.clone()
        };
        assert_eq!(score(&s, &others).unwrap().score, plain.score - 15);
        // hours: 8 a month over 2 places covers the mentee's 4; 4 covers half of them
        let enough = Offer {
            hours: Some(8),
            ..base.clone()
        };
        assert_eq!(score(&s, &enough).unwrap().score, plain.score);
        // (shown when fewer than three reasons come before it)
        let junior = Offer {
            years: 1,
            ..enough.clone()
        };
        assert!(score(&s, &junior)
            .unwrap()
            .reasons
            .contains(&Reason::Hours(8)));
        let short = Offer {
            hours: Some(4),
            ..base.clone()
        };
        assert_eq!(score(&s, &short).unwrap().score, plain.score - 5);
        // unanswered on either side: as before
        let unsaid = Seeker {
            hours: None,
            ..seeker()
        };
        assert_eq!(score(&unsaid, &short).unwrap().score, plain.score);
    }

    #[test]
    fn learned_weights_and_the_text_criterion_move_the_score() {
        let skills = [skill(102, 1)];
        let langs = [(Ky, Native)];
        let s = seeker();
        let speaks = Offer {
            text: 1.0,
            ..offer(&skills, &langs, "naryn")
        };
        // hand-set weights give the text criterion nothing
        assert_eq!(
            score(&s, &speaks).unwrap().score,
            score(&s, &offer(&skills, &langs, "naryn")).unwrap().score
        );
        // weights that favour it: the similar profile scores higher, with the reason
        let w = Weights::scaled([30.0, 10.0, 10.0, 10.0, 10.0, 30.0]).unwrap();
        let quiet = Offer {
            text: 0.0,
            ..speaks.clone()
        };
        let (a, b) = (
            score_with(&s, &speaks, &w).unwrap(),
            score_with(&s, &quiet, &w).unwrap(),
        );
        assert_eq!(a.score - b.score, 30);
        assert!(a.reasons.contains(&Reason::Goals) || a.reasons.len() == 3);
        // the hard filters hold whatever the weights
        let english = [(En, Fluent)];
        assert!(score_with(&s, &offer(&skills, &english, "naryn"), &w).is_none());
        // weights scale to 100 points; none positive, or not numbers, are refused
        let w = Weights::scaled([2.0, -1.0, 1.0, 1.0, 0.0, 0.0]).unwrap();
        assert_eq!(w.0, [50.0, 0.0, 25.0, 25.0, 0.0, 0.0]);
        assert!(Weights::scaled([0.0, -1.0, 0.0, 0.0, 0.0, 0.0]).is_none());
        assert!(Weights::scaled([f64::NAN, 1.0, 0.0, 0.0, 0.0, 0.0]).is_none());
    }

    #[test]
    fn a_mentee_without_skills_still_gets_a_fair_score() {
        let s = Seeker {
            skills: vec![],
            ..seeker()
        };
        let skills = [skill(102, 1)];
        let langs = [(Ky, Native)];
        let fit = score(&s, &offer(&skills, &langs, "naryn")).unwrap();
        assert!(fit.score > 40 && fit.score < 100, "{}", fit.score);
    }
}

// --- discovery ---

pub const PAGE_SIZE: usize = 10;
pub const QUERY_MAX: usize = 100;

/// The discovery filters, as the GET form and the island send them.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Filters {
    #[serde(default)]
    pub field: Option<i64>,
    #[serde(default)]
    pub skill: Option<i64>,
    #[serde(default)]
    pub language: Option<String>,
    /// "regional", "international", or nothing for both.
    #[serde(default)]
    pub scope: Option<String>,
    /// Also list mentors who are full or paused.
    #[serde(default)]
    pub include_full: bool,
    #[serde(default)]
    pub q: String,
    #[serde(default)]
    pub page: usize,
}

impl Filters {
    /// From a query string's values; anything unreadable is treated as "not set".
    pub fn from_query(get: impl Fn(&str) -> Option<String>) -> Filters {
        let num = |k: &str| get(k).and_then(|v| v.trim().parse::<i64>().ok());
        let text = |k: &str| {
            get(k)
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty())
        };
        Filters {
            field: num("field"),
            skill: num("skill"),
            language: text("language"),
            scope: text("scope").filter(|s| s == "regional" || s == "international"),
            include_full: get("include_full").is_some_and(|v| v == "1" || v == "on" || v == "true"),
            q: text("q")
                .map(|q| q.chars().take(QUERY_MAX).collect())
                .unwrap_or_default(),
            page: num("page").filter(|p| *p >= 1).unwrap_or(1) as usize,
        }
    }

    /// Nothing chosen: every filter as the page first shows it (any page of the results).
    pub fn untouched(&self) -> bool {
        *self
            == Filters {
                page: self.page,
                ..Filters::default()
            }
    }

    /// The query string for these filters on another page (for links).
    pub fn query(&self, page: usize) -> String {
        let mut parts: Vec<String> = Vec::new();
        let mut push =
            |k: &str, v: String| parts.push(format!("{k}={}", crate::ui::url_encode(&v)));
        if let Some(f) = self.field {
            push("field", f.to_string());
        }
        if let Some(s) = self.skill {
            push("skill", s.to_string());
        }
        if let Some(l) = &self.language {
            push("language", l.clone());
        }
        if let Some(s) = &self.scope {
            push("scope", s.clone());
        }
        if self.include_full {
            push("include_full", "1".into());
        }
        if !self.q.is_empty() {
            push("q", self.q.clone());
        }
        push("page", page.to_string());
        parts.join("&")
    }
}

/// One mentor as the discovery list shows her; every text already in the reader's language.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MentorCard {
    pub id: i64,
    pub name: String,
    pub title: String,
    pub organisation: String,
    pub place: String,
    pub languages: String,
    pub skills: Vec<String>,
    pub spots_left: i64,
    pub capacity: i64,
    pub open: bool,
    pub score: Option<u8>,
    pub reasons: Vec<String>,
    /// "Usually replies within N days", in the reader's language.
    pub replies: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct DiscoverPage {
    pub cards: Vec<MentorCard>,
    pub total: usize,
    pub page: usize,
    pub pages: usize,
    /// Whether cards carry a fit score (the viewer is a mentee with a profile).
    pub scored: bool,
}

#[cfg(test)]
mod filter_tests {
    use super::*;

    #[test]
    fn filters_read_and_write_query_strings() {
        let q = |k: &str| match k {
            "field" => Some("1".to_string()),
            "skill" => Some("x".to_string()),
            "scope" => Some("international".to_string()),
            "q" => Some("  data science & ml ".to_string()),
            "page" => Some("0".to_string()),
            _ => None,
        };
        let f = Filters::from_query(q);
        assert_eq!(f.field, Some(1));
        assert_eq!(f.skill, None);
        assert_eq!(f.scope.as_deref(), Some("international"));
        assert_eq!(f.q, "data science & ml");
        assert_eq!(f.page, 1);
        assert_eq!(
            f.query(2),
            "field=1&scope=international&q=data%20science%20%26%20ml&page=2"
        );
        let bad_scope = Filters::from_query(|k| (k == "scope").then(|| "mars".to_string()));
        assert_eq!(bad_scope.scope, None);
    }
}
