//! Matching: finding a mentor. Discovery (`api`, `store`, `ui`, and the thin `island`) lists
//! approved mentors with filters (field, skill, language, regional or international, free
//! places), free-text search over their profiles (FTS5) and their names, pagination, and — for a
//! mentee with a profile — this module's explainable, weighted fit score, in plain Rust.
//!
//! Hard filters (no score at all): the mentor is approved, open, has a spare place, and the two
//! share a language. Weighted criteria, 100 points in all:
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
//!   both said.
//!
//! The reasons shown on the card are the criteria that scored, in the order a mentee asks
//! about them (subject, language, place, experience), at most three.
pub mod api;
pub mod cohort;
#[cfg(all(test, feature = "ssr"))]
mod http_tests;
pub mod island;
#[cfg(feature = "ssr")]
pub mod store;
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
    HasTime,
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

pub fn score(s: &Seeker, o: &Offer<'_>) -> Option<Fit> {
    if !available(o) {
        return None;
    }
    // language: hard filter and 15 points
    let best_lang = s
        .languages
        .iter()
        .filter_map(|(l, sl)| {
            o.languages
                .iter()
                .find(|(ol, _)| ol == l)
                .map(|(_, ol)| (*l, level_rank(*sl).min(level_rank(*ol))))
        })
        .max_by_key(|(_, rank)| *rank)?;
    let mut parts: Vec<(f64, Reason)> = Vec::new();
    let lang_points = match best_lang.1 {
        1 => 5.0,
        2 => 10.0,
        _ => 15.0,
    };
    parts.push((lang_points, Reason::Speaks(best_lang.0)));

    // taxonomy: 45 points
    if s.skills.is_empty() {
        parts.push((15.0, Reason::HasTime));
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
        let points = 45.0 * (exact.len() as f64 + near.len() as f64 / 3.0) / n;
        if let Some(first) = exact.first() {
            parts.push((points, Reason::SharesSkill(first.name.clone())));
        } else if let Some(first) = near.first() {
            parts.push((points, Reason::SameField(first.field_name.clone())));
        }
    }

    // region: 15 points, as she asked (her own region, abroad) or, with no preference, the
    // same region first, then abroad, then elsewhere in Kyrgyzstan
    let abroad = o.region.is_some_and(|b| b.starts_with("country:"));
    let same = s.region.as_deref().filter(|a| o.region == Some(*a));
    match (s.mentor_from, same) {
        (MentorFrom::OwnRegion | MentorFrom::Either, Some(a)) => {
            parts.push((15.0, Reason::SameRegion(a.to_string())));
        }
        (MentorFrom::Abroad, _) if abroad => parts.push((15.0, Reason::International)),
        (MentorFrom::OwnRegion | MentorFrom::Abroad, _) => {}
        (MentorFrom::Either, None) if abroad => parts.push((8.0, Reason::International)),
        (MentorFrom::Either, None) if s.region.is_some() && o.region.is_some() => {
            parts.push((6.0, Reason::HasTime))
        }
        (MentorFrom::Either, None) => {}
    }

    // career stage: 15 points, as the mentor said or by her experience
    match s.stage {
        Some(stage) if !o.stages.is_empty() => {
            if o.stages.contains(&stage) {
                parts.push((15.0, Reason::LikesStage));
            }
        }
        _ => {
            let wanted = years_wanted(s.stage);
            let stage_points = 15.0 * (o.years.min(wanted) as f64 / wanted as f64);
            if o.years >= wanted {
                parts.push((stage_points, Reason::Experienced(o.years)));
            } else if stage_points > 0.0 {
                parts.push((stage_points, Reason::HasTime));
            }
        }
    }

    // availability: 10 points, the free places, and her hours against the mentee's wish
    let free = o.spots_left.min(o.capacity).max(0) as f64 / o.capacity.max(1) as f64;
    match (o.hours, s.hours.filter(|h| *h > 0)) {
        (Some(offered), Some(wished)) => {
            let per_place = offered as f64 / o.capacity.max(1) as f64;
            let covered = (per_place / wished as f64).min(1.0);
            let reason = if covered >= 1.0 {
                Reason::Hours(offered)
            } else {
                Reason::HasTime
            };
            parts.push((10.0 * free * covered, reason));
        }
        _ => parts.push((10.0 * free, Reason::HasTime)),
    }

    let total: f64 = parts.iter().map(|(p, _)| p).sum();
    let mut shown: Vec<(f64, Reason)> = parts
        .into_iter()
        .filter(|(p, r)| *p > 0.0 && *r != Reason::HasTime)
        .collect();
    // what a mentee asks first: the subject, then the language, then the place, then experience
    shown.sort_by_key(|(_, r)| match r {
        Reason::SharesSkill(_) | Reason::SameField(_) => 0,
        Reason::Speaks(_) => 1,
        Reason::SameRegion(_) | Reason::International => 2,
        Reason::Experienced(_) | Reason::LikesStage | Reason::Hours(_) | Reason::HasTime => 3,
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
        let mut push = |k: &str, v: String| parts.push(format!("{k}={}", encode(&v)));
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

/// Percent-encoding for query values (small, so it costs the wasm nothing much).
fn encode(v: &str) -> String {
    let mut out = String::new();
    for b in v.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
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
