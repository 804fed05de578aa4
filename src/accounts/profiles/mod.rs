//! Profiles: what a mentor offers and what a mentee is looking for, on the shared STEM
//! taxonomy (fields → skills, named in all three languages). A mentor profile is listed only
//! after an administrator approves it. Who sees what is decided in `store.rs` queries and
//! `api.rs` guards; this file holds the types and the validation rules.
pub mod api;
#[cfg(all(test, feature = "ssr"))]
mod http_tests;
#[cfg(feature = "ssr")]
pub mod store;
pub mod ui;

use crate::error::AppError;
use crate::form::{choice, Checker, Choice};
use crate::i18n::{k, Msg};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub const ORG_MAX: usize = 120;
pub const TITLE_MAX: usize = 120;
pub const BIO_MAX: usize = 2_000;
pub const STYLE_MAX: usize = 1_000;
pub const GOALS_MAX: usize = 1_000;
pub const DISTRICT_MAX: usize = 80;
pub const COUNTRY_MAX: usize = 60;
pub const REASON_MAX: usize = 500;

choice!(Region {
    Bishkek = "bishkek" => REGION_BISHKEK,
    OshCity = "osh_city" => REGION_OSH_CITY,
    Chui = "chui" => REGION_CHUI,
    Osh = "osh" => REGION_OSH,
    Naryn = "naryn" => REGION_NARYN,
    IssykKul = "issyk_kul" => REGION_ISSYK_KUL,
    Talas = "talas" => REGION_TALAS,
    JalalAbad = "jalal_abad" => REGION_JALAL_ABAD,
    Batken = "batken" => REGION_BATKEN,
    Abroad = "abroad" => REGION_ABROAD,
});

choice!(Language {
    Ky = "ky" => LANGUAGE_KY,
    Ru = "ru" => LANGUAGE_RU,
    En = "en" => LANGUAGE_EN,
    Uz = "uz" => LANGUAGE_UZ,
    Kk = "kk" => LANGUAGE_KK,
    Tr = "tr" => LANGUAGE_TR,
    De = "de" => LANGUAGE_DE,
    Zh = "zh" => LANGUAGE_ZH,
});

choice!(Level {
    Basic = "basic" => LEVEL_BASIC,
    Conversational = "conversational" => LEVEL_CONVERSATIONAL,
    Fluent = "fluent" => LEVEL_FLUENT,
    Native = "native" => LEVEL_NATIVE,
});

choice!(CareerStage {
    School = "school" => STAGE_SCHOOL,
    University = "university" => STAGE_UNIVERSITY,
    EarlyCareer = "early_career" => STAGE_EARLY_CAREER,
    CareerChange = "career_change" => STAGE_CAREER_CHANGE,
});

choice!(MeetingFormat {
    Online = "online" => FORMAT_ONLINE,
    InPerson = "in_person" => FORMAT_IN_PERSON,
    Either = "either" => FORMAT_EITHER,
});

choice!(MentorFrom {
    Either = "either" => MENTOR_FROM_EITHER,
    OwnRegion = "own_region" => MENTOR_FROM_OWN_REGION,
    Abroad = "abroad" => MENTOR_FROM_ABROAD,
});

/// No preference: what every profile saved before the question existed says.
impl Default for MentorFrom {
    fn default() -> Self {
        MentorFrom::Either
    }
}

choice!(AgeBand {
    Under18 = "under_18" => AGE_UNDER_18,
    Adult = "adult" => AGE_ADULT,
});

choice!(MentorStatus {
    Open = "open" => MENTOR_STATUS_OPEN,
    Paused = "paused" => MENTOR_STATUS_PAUSED,
});

choice!(Approval {
    Pending = "pending" => APPROVAL_PENDING,
    Approved = "approved" => APPROVAL_APPROVED,
    Rejected = "rejected" => APPROVAL_REJECTED,
});

/// Where a person is: a region of Kyrgyzstan (with an optional district), or a country abroad.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Place {
    pub region: Region,
    pub district: String,
    pub country: String,
}

impl Place {
    /// The code stored in `accounts.region`: an oblast code, or `country:<name>` abroad.
    pub fn region_code(&self) -> String {
        match self.region {
            Region::Abroad => format!("country:{}", self.country),
            r => r.code().to_string(),
        }
    }

    /// "Naryn region, At-Bashy", or the country abroad, in the reader's language.
    pub fn label(&self, locale: crate::i18n::Locale) -> String {
        match self.region {
            Region::Abroad => self.country.clone(),
            r if self.district.is_empty() => locale.t(r.label()).to_string(),
            r => format!("{}, {}", locale.t(r.label()), self.district),
        }
    }

    pub fn from_stored(region: Option<&str>, district: Option<&str>) -> Option<Place> {
        let region = region?;
        let district = district.unwrap_or_default().to_string();
        match region.strip_prefix("country:") {
            Some(country) => Some(Place {
                region: Region::Abroad,
                district,
                country: country.to_string(),
            }),
            None => Some(Place {
                region: Region::from_code(region)?,
                district,
                country: String::new(),
            }),
        }
    }
}

/// "Kyrgyz (native), Russian (fluent)".
pub fn languages_label(locale: crate::i18n::Locale, langs: &[(Language, Level)]) -> String {
    langs
        .iter()
        .map(|(l, v)| {
            format!(
                "{} ({})",
                locale.t(l.label()),
                locale.t(v.label()).to_lowercase()
            )
        })
        .collect::<Vec<_>>()
        .join(", ")
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SkillName {
    pub id: i64,
    pub name: String,
}

/// A field of STEM with its skills, named in the reader's language.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FieldGroup {
    pub id: i64,
    pub name: String,
    pub skills: Vec<SkillName>,
}

/// A mentor's public page: her profile, and whether the viewer has reported it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MentorPageView {
    pub profile: MentorProfile,
    pub reported: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MentorProfile {
    pub account_id: i64,
    pub display_name: String,
    pub organisation: String,
    pub title: String,
    pub years_experience: i64,
    pub capacity: i64,
    pub status: MentorStatus,
    pub bio: String,
    pub style: String,
    pub approval: Approval,
    pub review_reason: Option<String>,
    pub place: Option<Place>,
    pub skills: Vec<SkillName>,
    pub languages: Vec<(Language, Level)>,
    /// Her change to the public texts of an approved profile, waiting for an administrator
    /// (only she and administrators are given it; others see the approved texts above).
    pub draft: Option<MentorTexts>,
    /// Why her last change to the public texts was not approved.
    pub draft_reason: Option<String>,
    /// The career stages she likes to mentor (none: any).
    #[serde(default)]
    pub stages: Vec<CareerStage>,
    /// The hours a month she offers, all her mentees together (`None`: not said).
    #[serde(default)]
    pub hours_per_month: Option<i64>,
}

impl CareerStage {
    /// The stage as a mentor names the people she likes to mentor ("School students").
    pub fn mentor_label(self) -> crate::i18n::Key {
        match self {
            CareerStage::School => k::STAGE_MENTOR_SCHOOL,
            CareerStage::University => k::STAGE_MENTOR_UNIVERSITY,
            CareerStage::EarlyCareer => k::STAGE_MENTOR_EARLY_CAREER,
            CareerStage::CareerChange => k::STAGE_MENTOR_CAREER_CHANGE,
        }
    }
}

/// The most hours a month a mentor can say she offers.
pub const MENTOR_HOURS_MAX: i64 = 80;

/// Career-stage codes as stored (`school,university`), and back (unknown codes dropped).
pub fn stages_code(stages: &[CareerStage]) -> String {
    stages
        .iter()
        .map(|s| s.code())
        .collect::<Vec<_>>()
        .join(",")
}

pub fn stages_from_code(code: &str) -> Vec<CareerStage> {
    CareerStage::ALL
        .iter()
        .copied()
        .filter(|s| code.split(',').any(|c| c == s.code()))
        .collect()
}

/// A mentor's public texts: what an administrator reviews.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MentorTexts {
    pub organisation: String,
    pub title: String,
    pub bio: String,
    pub style: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MenteeProfile {
    pub account_id: i64,
    pub display_name: String,
    pub career_stage: CareerStage,
    pub goals: String,
    pub meeting_format: MeetingFormat,
    pub hours_per_month: i64,
    pub age_band: AgeBand,
    /// Where she would like her mentor to be (the fit score's place criterion follows it).
    pub mentor_from: MentorFrom,
    pub place: Option<Place>,
    pub skills: Vec<SkillName>,
    pub languages: Vec<(Language, Level)>,
    /// Her roadmaps marked "public on my profile" (filled in for the profile page only).
    #[serde(default)]
    pub public_roadmaps: Vec<crate::roadmaps::RoadmapSummary>,
    /// How many mentors she may have at once (one unless an administrator allowed more): for
    /// her and administrators only, `None` for a mentor reading her profile.
    pub mentors_allowed: Option<i64>,
}

/// What the profile form needs: the taxonomy and, if saved before, the person's profile.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
// one per page load, moved once: boxing the larger profile would buy nothing
#[allow(clippy::large_enum_variant)]
pub enum MyProfile {
    Mentor(Option<MentorProfile>),
    Mentee(Option<MenteeProfile>),
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProfileForm {
    pub taxonomy: Vec<FieldGroup>,
    pub mine: MyProfile,
}

/// A pending mentor as the review queue lists her.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PendingMentor {
    pub profile: MentorProfile,
    pub updated_at: i64,
    /// When her waiting change to an approved profile was made (what the reviewer saw).
    pub draft_at: Option<i64>,
}

/// Fields both profile kinds share, validated.
#[derive(Clone, Debug, PartialEq)]
pub struct Common {
    pub place: Place,
    pub skills: Vec<i64>,
    pub languages: Vec<(Language, Level)>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ValidMentor {
    pub organisation: String,
    pub title: String,
    pub years_experience: i64,
    pub capacity: i64,
    pub status: MentorStatus,
    pub bio: String,
    pub style: String,
    pub common: Common,
    /// The career stages she likes to mentor (none: any).
    pub stages: Vec<CareerStage>,
    /// The hours a month she offers, all her mentees together (`None`: not said).
    pub hours_per_month: Option<i64>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ValidMentee {
    pub career_stage: CareerStage,
    pub goals: String,
    pub meeting_format: MeetingFormat,
    pub hours_per_month: i64,
    pub age_band: AgeBand,
    pub mentor_from: MentorFrom,
    pub common: Common,
}

/// The profile forms' shared fields (place, skills, languages), checked in one go.
impl Checker {
    pub fn common(
        &mut self,
        region: &str,
        district: &str,
        country: &str,
        skills: &[i64],
        languages: &BTreeMap<String, String>,
    ) -> Option<Common> {
        let region = self.choice::<Region>("region", region);
        let district = self.public_text("district", district, DISTRICT_MAX, true);
        let country = self.public_text(
            "country",
            country,
            COUNTRY_MAX,
            region != Some(Region::Abroad),
        );
        let mut skill_ids: Vec<i64> = skills.to_vec();
        skill_ids.sort_unstable();
        skill_ids.dedup();
        if skill_ids.is_empty() {
            self.fail("skills", Msg::new(k::ERR_PICK_SKILL));
        } else if skill_ids.len() > 12 {
            self.fail("skills", Msg::new(k::ERR_TOO_MANY_SKILLS).with("max", 12));
        }
        let mut langs = Vec::new();
        for (code, level) in languages {
            if level.is_empty() {
                continue;
            }
            match (Language::from_code(code), Level::from_code(level)) {
                (Some(l), Some(v)) => langs.push((l, v)),
                _ => self.fail("languages", Msg::new(k::ERR_CHOOSE_ONE)),
            }
        }
        if langs.is_empty() && !self.errors.iter().any(|e| e.field == "languages") {
            self.fail("languages", Msg::new(k::ERR_PICK_LANGUAGE));
        }
        let region = region?;
        Some(Common {
            place: Place {
                region,
                district: if region == Region::Abroad {
                    String::new()
                } else {
                    district
                },
                country: if region == Region::Abroad {
                    country
                } else {
                    String::new()
                },
            },
            skills: skill_ids,
            languages: langs,
        })
    }
}

/// The mentor profile form's own fields, as posted. Each is written once: here, where it is the
/// server function's input (flattened: the form posts `title=…`), what the validator reads, and
/// what a refused form puts back (`crate::form::pairs`, by these names).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct MentorFields {
    pub organisation: String,
    pub title: String,
    pub years_experience: String,
    pub capacity: String,
    pub status: String,
    pub bio: String,
    pub style: String,
    pub region: String,
    pub district: String,
    pub country: String,
    /// Optional: empty is "not said".
    pub hours_per_month: String,
}

/// The mentee profile form's own fields, as posted (see [`MentorFields`]).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct MenteeFields {
    pub career_stage: String,
    pub goals: String,
    pub meeting_format: String,
    pub hours_per_month: String,
    pub age_band: String,
    /// Left out (an older form, a script): "either".
    pub mentor_from: String,
    pub region: String,
    pub district: String,
    pub country: String,
}

pub fn validate_mentor(
    f: &MentorFields,
    skills: &[i64],
    stages: &[String],
    languages: &BTreeMap<String, String>,
) -> Result<ValidMentor, AppError> {
    let mut c = Checker::default();
    let organisation = c.name("organisation", &f.organisation, ORG_MAX, false);
    let title = c.name("title", &f.title, TITLE_MAX, false);
    let years_experience = c.number("years_experience", &f.years_experience, 0, 60);
    let capacity = c.number("capacity", &f.capacity, 1, 10);
    let status = c.choice::<MentorStatus>("status", &f.status);
    let bio = c.text("bio", &f.bio, BIO_MAX, false);
    let style = c.text("style", &f.style, STYLE_MAX, true);
    let common = c.common(&f.region, &f.district, &f.country, skills, languages);
    let mut chosen = Vec::new();
    for code in stages.iter().filter(|s| !s.is_empty()) {
        match CareerStage::from_code(code) {
            Some(s) if !chosen.contains(&s) => chosen.push(s),
            Some(_) => {}
            None => {
                c.fail("stages", Msg::new(k::ERR_CHOOSE_ONE));
                break;
            }
        }
    }
    // the form's order, whatever order they were posted in
    let stages: Vec<CareerStage> = CareerStage::ALL
        .iter()
        .copied()
        .filter(|s| chosen.contains(s))
        .collect();
    let hours_per_month = match f.hours_per_month.trim() {
        "" => None,
        raw => Some(c.number("hours_per_month", raw, 1, MENTOR_HOURS_MAX)),
    };
    let value = match (status, common) {
        (Some(status), Some(common)) => Some(ValidMentor {
            stages,
            hours_per_month,
            organisation,
            title,
            years_experience,
            capacity,
            status,
            bio,
            style,
            common,
        }),
        _ => None,
    };
    c.finish(value)
}

pub fn validate_mentee(
    f: &MenteeFields,
    skills: &[i64],
    languages: &BTreeMap<String, String>,
) -> Result<ValidMentee, AppError> {
    let mut c = Checker::default();
    let career_stage = c.choice::<CareerStage>("career_stage", &f.career_stage);
    let goals = c.public_text("goals", &f.goals, GOALS_MAX, false);
    let meeting_format = c.choice::<MeetingFormat>("meeting_format", &f.meeting_format);
    let hours_per_month = c.number("hours_per_month", &f.hours_per_month, 1, 40);
    let age_band = c.choice::<AgeBand>("age_band", &f.age_band);
    let mentor_from = match f.mentor_from.trim() {
        "" => Some(MentorFrom::default()),
        v => c.choice::<MentorFrom>("mentor_from", v),
    };
    let common = c.common(&f.region, &f.district, &f.country, skills, languages);
    let value = match (career_stage, meeting_format, age_band, mentor_from, common) {
        (
            Some(career_stage),
            Some(meeting_format),
            Some(age_band),
            Some(mentor_from),
            Some(common),
        ) => Some(ValidMentee {
            career_stage,
            goals,
            meeting_format,
            hours_per_month,
            age_band,
            mentor_from,
            common,
        }),
        _ => None,
    };
    c.finish(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn langs(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    fn fields(e: AppError) -> Vec<(String, &'static str)> {
        match e {
            AppError::Invalid(v) => v.into_iter().map(|f| (f.field, f.msg.key.name())).collect(),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_good_mentor_profile_validates() {
        let v = validate_mentor(
            &MentorFields {
                organisation: " Kyrgyz Energy Lab ".into(),
                title: "Engineer".into(),
                years_experience: "7".into(),
                capacity: "3".into(),
                status: "open".into(),
                bio: "I build dams.".into(),
                style: "".into(),
                region: "naryn".into(),
                district: "At-Bashy".into(),
                country: "ignored".into(),
                hours_per_month: "".into(),
            },
            &[202, 201, 202],
            &["university".into(), "school".into(), "school".into()],
            &langs(&[("ky", "native"), ("ru", "fluent"), ("en", "")]),
        )
        .unwrap();
        assert_eq!(v.organisation, "Kyrgyz Energy Lab");
        assert_eq!(v.common.skills, vec![201, 202]);
        assert_eq!(
            v.common.languages,
            vec![(Language::Ky, Level::Native), (Language::Ru, Level::Fluent)]
        );
        assert_eq!(v.common.place.region_code(), "naryn");
        assert_eq!(v.common.place.country, "");
        // her stages in the form's order, once each; hours left empty: not said
        assert_eq!(v.stages, vec![CareerStage::School, CareerStage::University]);
        assert_eq!(v.hours_per_month, None);
        assert_eq!(stages_from_code(&stages_code(&v.stages)), v.stages);
        assert_eq!(stages_from_code("school,moon,"), vec![CareerStage::School]);
    }

    #[test]
    fn every_mentor_problem_is_reported() {
        let e = validate_mentor(
            &MentorFields {
                organisation: "".into(),
                title: "t".repeat(121),
                years_experience: "sixty".into(),
                capacity: "11".into(),
                status: "busy".into(),
                bio: "".into(),
                style: "".into(),
                region: "mars".into(),
                district: "".into(),
                country: "".into(),
                hours_per_month: "81".into(),
            },
            &[],
            &["retired".into()],
            &langs(&[("xx", "fluent")]),
        )
        .unwrap_err();
        assert_eq!(
            fields(e),
            vec![
                ("organisation".into(), "err.required"),
                ("title".into(), "err.too_long"),
                ("years_experience".into(), "err.number_range"),
                ("capacity".into(), "err.number_range"),
                ("status".into(), "err.choose_one"),
                ("bio".into(), "err.required"),
                ("region".into(), "err.choose_one"),
                ("skills".into(), "err.pick_skill"),
                ("languages".into(), "err.choose_one"),
                ("stages".into(), "err.choose_one"),
                ("hours_per_month".into(), "err.number_range"),
            ]
        );
    }

    #[test]
    fn abroad_needs_a_country() {
        let abroad = MenteeFields {
            career_stage: "university".into(),
            goals: "Data".into(),
            meeting_format: "online".into(),
            hours_per_month: "4".into(),
            age_band: "adult".into(),
            region: "abroad".into(),
            ..MenteeFields::default()
        };
        let e = validate_mentee(&abroad, &[102], &langs(&[("en", "fluent")])).unwrap_err();
        assert_eq!(fields(e), vec![("country".into(), "err.required")]);
        let v = validate_mentee(
            &MenteeFields {
                district: "x".into(),
                country: "Germany".into(),
                ..abroad
            },
            &[102],
            &langs(&[("en", "fluent")]),
        )
        .unwrap();
        assert_eq!(v.common.place.region_code(), "country:Germany");
        assert_eq!(
            Place::from_stored(Some("country:Germany"), None)
                .unwrap()
                .region,
            Region::Abroad
        );
        assert_eq!(
            Place::from_stored(Some("naryn"), Some("At-Bashy"))
                .unwrap()
                .district,
            "At-Bashy"
        );
    }

    #[test]
    fn mentee_numbers_and_choices_are_checked() {
        let e = validate_mentee(
            &MenteeFields {
                career_stage: "retired".into(),
                goals: "".into(),
                meeting_format: "by pigeon".into(),
                hours_per_month: "0".into(),
                age_band: "".into(),
                mentor_from: "the moon".into(),
                region: "osh".into(),
                district: "".into(),
                country: "".into(),
            },
            &[1; 13],
            &langs(&[]),
        )
        .unwrap_err();
        let f = fields(e);
        assert!(f.contains(&("career_stage".into(), "err.choose_one")));
        assert!(f.contains(&("goals".into(), "err.required")));
        assert!(f.contains(&("hours_per_month".into(), "err.number_range")));
        assert!(f.contains(&("age_band".into(), "err.choose_one")));
        assert!(f.contains(&("mentor_from".into(), "err.choose_one")));
        assert!(f.contains(&("languages".into(), "err.pick_language")));
        // 13 copies of one id are one skill
        assert!(!f.iter().any(|(k, _)| k == "skills"));
    }
}
