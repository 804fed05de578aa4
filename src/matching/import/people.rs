//! A people file's rows, each checked on its own by the profile forms' validators: what the
//! database is not needed for. Codes are the forms' own (README); a region may also be named
//! in any of the three languages, a skill by its code or its name in any of them.
use super::csv::{items, Row, Table};
use super::{header_problems, Problem, PEOPLE_COLUMNS, PEOPLE_REQUIRED};
use crate::accounts::profiles::{
    validate_mentee, validate_mentor, Language, Level, MenteeFields, MentorFields, Region,
    ValidMentee, ValidMentor,
};
use crate::auth::Role;
use crate::error::AppError;
use crate::form::Choice;
use crate::i18n::{k, Locale, Msg};
use std::collections::{BTreeMap, HashMap};

/// A row that passed: who, and her profile.
#[derive(Clone, Debug)]
pub struct Person {
    pub line: usize,
    pub email: String,
    pub name: String,
    /// The language of her emails, the invitation first (`None`: the importer's).
    pub locale: Option<Locale>,
    pub profile: Profile,
    /// Whether the row says if a mentor takes mentees (left empty: open when she is new, as
    /// she set it when she is already there).
    pub status_given: bool,
}

#[derive(Clone, Debug)]
pub enum Profile {
    Mentee(ValidMentee),
    Mentor(ValidMentor),
}

impl Person {
    pub fn role(&self) -> Role {
        match self.profile {
            Profile::Mentee(_) => Role::Mentee,
            Profile::Mentor(_) => Role::Mentor,
        }
    }
}

/// Skill ids by their code and their names in the three languages, lower-case.
pub type SkillNames = HashMap<String, i64>;

/// The people of `table`, or every problem of every row (nothing is imported then).
pub fn check(table: &Table, skills: &SkillNames) -> Result<Vec<Person>, Vec<Problem>> {
    let mut problems = header_problems(&table.header, PEOPLE_COLUMNS, PEOPLE_REQUIRED);
    if !problems.is_empty() {
        return Err(problems);
    }
    let columns = table.columns();
    let col = |name: &str| columns.get(name).copied();
    let mut people = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for row in &table.rows {
        match person(row, &col, skills) {
            Ok(p) => {
                if let Some(first) = seen.get(&p.email) {
                    problems.push(Problem::new(
                        row.line,
                        "email",
                        Msg::new(k::IMPORT_EMAIL_TWICE).with("line", first),
                    ));
                } else {
                    seen.insert(p.email.clone(), row.line);
                    people.push(p);
                }
            }
            Err(mut found) => problems.append(&mut found),
        }
    }
    if problems.is_empty() {
        Ok(people)
    } else {
        Err(problems)
    }
}

/// The codes a choice column takes, for the message that lists them.
fn codes_of(column: &str) -> Option<String> {
    use crate::accounts::profiles::{
        AgeBand, CareerStage, MeetingFormat, MentorFrom, MentorStatus,
    };
    fn all<C: Choice>() -> String {
        C::ALL
            .iter()
            .map(|c| c.code())
            .collect::<Vec<_>>()
            .join(", ")
    }
    Some(match column {
        "region" => all::<Region>(),
        "career_stage" | "stages" => all::<CareerStage>(),
        "meeting_format" => all::<MeetingFormat>(),
        "age_band" => all::<AgeBand>(),
        "mentor_from" => all::<MentorFrom>(),
        "status" => all::<MentorStatus>(),
        _ => return None,
    })
}

/// A region by its code or its name in any language, lower-case.
fn region_code(raw: &str) -> String {
    let wanted = raw.trim().to_lowercase();
    Region::ALL
        .iter()
        .find(|r| {
            r.code() == wanted
                || Locale::ALL
                    .iter()
                    .any(|l| l.t(r.label()).to_lowercase() == wanted)
        })
        .map_or(wanted.clone(), |r| r.code().to_string())
}

fn person(
    row: &Row,
    col: &impl Fn(&str) -> Option<usize>,
    skills: &SkillNames,
) -> Result<Person, Vec<Problem>> {
    let line = row.line;
    let cell = |name: &str| row.cell(col(name));
    let lower = |name: &str| cell(name).to_lowercase();
    let mut problems = Vec::new();
    let mut fail = |column: &str, msg: Msg| problems.push(Problem::new(line, column, msg));

    let email = crate::accounts::normalize_email(cell("email")).map_err(|m| fail("email", m));
    let name = crate::accounts::normalize_name(cell("name")).map_err(|m| fail("name", m));
    let role = match lower("role").as_str() {
        "mentee" => Some(Role::Mentee),
        "mentor" => Some(Role::Mentor),
        _ => {
            fail("role", Msg::new(k::IMPORT_ROLE));
            None
        }
    };
    let locale = match cell("language") {
        "" => None,
        raw => {
            let l = Locale::from_code(&raw.to_lowercase());
            if l.is_none() {
                fail("language", Msg::new(k::IMPORT_LOCALE));
            }
            l
        }
    };
    let mut skill_ids = Vec::new();
    for s in items(cell("skills")) {
        match skills.get(&s.to_lowercase()) {
            Some(id) => skill_ids.push(*id),
            None => fail(
                "skills",
                Msg::new(k::IMPORT_UNKNOWN_SKILL).with("skill", super::shown(s)),
            ),
        }
    }
    let mut languages = BTreeMap::new();
    for item in items(cell("languages")) {
        let (lang, level) = item
            .split_once([':', '=', ' '])
            .map_or((item, ""), |(a, b)| (a.trim(), b.trim()));
        let (lang, level) = (lang.to_lowercase(), level.to_lowercase());
        if Language::from_code(&lang).is_none() || Level::from_code(&level).is_none() {
            fail(
                "languages",
                Msg::new(k::IMPORT_LANGUAGE_ITEM).with("item", super::shown(item)),
            );
        } else {
            languages.insert(lang, level);
        }
    }
    let region = region_code(cell("region"));
    let validated = match role {
        Some(Role::Mentor) => {
            let f = MentorFields {
                organisation: cell("organisation").into(),
                title: cell("title").into(),
                years_experience: cell("years_experience").into(),
                capacity: cell("capacity").into(),
                status: match lower("status") {
                    s if s.is_empty() => "open".into(),
                    s => s,
                },
                bio: cell("bio").into(),
                style: cell("style").into(),
                region,
                district: cell("district").into(),
                country: cell("country").into(),
                hours_per_month: cell("hours_per_month").into(),
            };
            let stages: Vec<String> = items(&lower("stages"))
                .into_iter()
                .map(String::from)
                .collect();
            validate_mentor(&f, &skill_ids, &stages, &languages).map(Profile::Mentor)
        }
        Some(_) => {
            let f = MenteeFields {
                career_stage: lower("career_stage"),
                goals: cell("goals").into(),
                meeting_format: lower("meeting_format"),
                hours_per_month: cell("hours_per_month").into(),
                age_band: lower("age_band"),
                mentor_from: lower("mentor_from"),
                region,
                district: cell("district").into(),
                country: cell("country").into(),
            };
            validate_mentee(&f, &skill_ids, &languages).map(Profile::Mentee)
        }
        None => Err(AppError::Invalid(Vec::new())),
    };
    let profile = match validated {
        Ok(p) => Some(p),
        Err(AppError::Invalid(errors)) => {
            for e in errors {
                // one message a column: an unknown skill or language item is already named
                let column = e.field.split('[').next().unwrap_or("").to_string();
                if !problems.iter().any(|p| p.column == column) {
                    let msg = match codes_of(&column) {
                        Some(codes) if e.msg.key == k::ERR_CHOOSE_ONE => {
                            Msg::new(k::IMPORT_USE_ONE_OF).with("codes", codes)
                        }
                        _ => e.msg,
                    };
                    problems.push(Problem::new(line, &column, msg));
                }
            }
            None
        }
        Err(_) => None,
    };
    match (email, name, profile) {
        (Ok(email), Ok(name), Some(profile)) if problems.is_empty() => Ok(Person {
            line,
            email,
            name,
            locale,
            profile,
            status_given: !cell("status").is_empty(),
        }),
        _ => Err(problems),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn skills() -> SkillNames {
        [("data", 102), ("наука о данных", 102), ("web", 101)]
            .into_iter()
            .map(|(n, id)| (n.to_string(), id))
            .collect()
    }

    fn checked(rows: &str) -> Result<Vec<Person>, Vec<(usize, String, crate::i18n::Key)>> {
        let text = format!(
            "email,name,role,region,skills,languages,hours_per_month,career_stage,goals,meeting_format,age_band,organisation,title,years_experience,capacity,bio,stages\n{rows}"
        );
        let table = super::super::csv::parse(text.as_bytes()).unwrap();
        check(&table, &skills()).map_err(|ps| {
            ps.into_iter()
                .map(|p| (p.line, p.column, p.msg.key))
                .collect()
        })
    }

    #[test]
    fn a_mentee_and_a_mentor_pass_with_names_codes_and_lists() {
        let people = checked(
            "A@X.kg,Айгерим,Mentee,Нарынская область,Наука о данных|web,ky:native|ru:fluent,4,school,Data,online,under_18,,,,,,\n\
             b@x.kg,Bermet,mentor,bishkek,data,en:fluent,,,,,,TU,Engineer,9,2,Pipelines.,school|university\n",
        )
        .unwrap();
        assert_eq!(people.len(), 2);
        assert_eq!(
            (people[0].email.as_str(), people[0].role()),
            ("a@x.kg", Role::Mentee)
        );
        let Profile::Mentee(m) = &people[0].profile else {
            panic!("a mentee")
        };
        assert_eq!(
            (m.common.place.region, m.common.skills.clone()),
            (Region::Naryn, vec![101, 102])
        );
    }

    #[test]
    fn every_problem_is_named_by_line_and_column() {
        let found = checked(
            "a@x.kg,A,mentee,naryn,knitting,ky:native,4,school,Data,online,adult,,,,,,\n\
             a@x.kg,A again,mentee,naryn,data,ky:native,4,school,Data,online,adult,,,,,,\n\
             c@x.kg,C,juror,naryn,data,ky:native,4,school,Data,online,adult,,,,,,\n\
             d@x.kg,D,mentee,naryn,data,ky-native,4,student,Data,online,adult,,,,,,\n\
             e@x.kg,E,mentee,atlantis,data,ky:native,4,school,Data,online,adult,,,,,,\n",
        )
        .unwrap_err();
        assert!(
            found.contains(&(2, "skills".into(), k::IMPORT_UNKNOWN_SKILL)),
            "{found:?}"
        );
        // the second row with an address is refused only when the first passed: here it did not
        assert!(!found.iter().any(|p| p.0 == 3), "{found:?}");
        assert!(
            found.contains(&(4, "role".into(), k::IMPORT_ROLE)),
            "{found:?}"
        );
        assert!(
            found.contains(&(5, "languages".into(), k::IMPORT_LANGUAGE_ITEM)),
            "{found:?}"
        );
        assert!(
            found.contains(&(5, "career_stage".into(), k::IMPORT_USE_ONE_OF)),
            "{found:?}"
        );
        assert!(
            found.contains(&(6, "region".into(), k::IMPORT_USE_ONE_OF)),
            "{found:?}"
        );
        let twice = checked(
            "a@x.kg,A,mentee,naryn,data,ky:native,4,school,Data,online,adult,,,,,,\n\
             A@x.kg,A again,mentee,naryn,data,ky:native,4,school,Data,online,adult,,,,,,\n",
        )
        .unwrap_err();
        assert_eq!(twice, [(3, "email".into(), k::IMPORT_EMAIL_TWICE)]);
    }
}
