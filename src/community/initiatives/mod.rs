//! Joint initiatives: two or more partner organisations working on one thing (a status:
//! planned, running, completed; dates; outcomes). Administrators record them
//! (`/community/initiatives`); each organisation's page lists its own.
pub mod api;
#[cfg(feature = "ssr")]
pub mod store;
pub mod ui;

use super::{Names, INITIATIVE_ORGS_MIN};
use crate::error::AppError;
use crate::form::{choice, Checker, Choice};
use crate::i18n::{k, Msg};
use serde::{Deserialize, Serialize};

pub const TITLE_MAX: usize = 160;
pub const TEXT_MAX: usize = 2_000;
pub const ORGS_MAX: usize = 30;

choice!(InitiativeStatus {
    Planned = "planned" => INITIATIVE_PLANNED,
    Running = "running" => INITIATIVE_RUNNING,
    Completed = "completed" => INITIATIVE_COMPLETED,
});

/// An initiative as a list shows it, with its organisations (id and names).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InitiativeSummary {
    pub id: i64,
    pub title: String,
    pub description: String,
    pub status: String,
    pub starts_on: String,
    pub ends_on: Option<String>,
    pub outcomes: String,
    pub orgs: Vec<(i64, Names)>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InitiativeList {
    pub initiatives: Vec<InitiativeSummary>,
    pub total: i64,
    /// the listed organisations (id, name in the reader's language), for an administrator's form
    pub orgs: Vec<(i64, String)>,
}

/// The initiative form's fields, as posted (the organisations come as a list beside them).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct InitiativeFields {
    pub title: String,
    pub description: String,
    pub status: String,
    pub starts_on: String,
    pub ends_on: String,
    pub outcomes: String,
}

/// An initiative's fields, checked.
#[derive(Clone, Debug, PartialEq)]
pub struct InitiativeInput {
    pub title: String,
    pub description: String,
    pub status: InitiativeStatus,
    pub starts_on: String,
    pub ends_on: Option<String>,
    pub outcomes: String,
    pub orgs: Vec<i64>,
}

impl InitiativeFields {
    /// At least two organisations (distinct), a status, a start date and an end date not
    /// before it (none while it runs), texts within their limits.
    pub fn check(&self, orgs: &[i64]) -> Result<InitiativeInput, AppError> {
        let mut c = Checker::default();
        let title = c.name("title", &self.title, TITLE_MAX, false);
        let description = c.public_text("description", &self.description, TEXT_MAX, true);
        let status = c.choice::<InitiativeStatus>("status", &self.status);
        let starts = crate::time::parse_date(&self.starts_on);
        if starts.is_none() {
            c.fail("starts_on", Msg::new(k::ERR_DATE_INVALID));
        }
        let ends = match self.ends_on.trim() {
            "" => None,
            raw => match crate::time::parse_date(raw) {
                Some(day) => Some(day),
                None => {
                    c.fail("ends_on", Msg::new(k::ERR_DATE_INVALID));
                    None
                }
            },
        };
        if let (Some(s), Some(e)) = (starts, ends) {
            if e < s {
                c.fail("ends_on", Msg::new(k::INITIATIVE_ERR_ENDS));
            }
        }
        let outcomes = c.public_text("outcomes", &self.outcomes, TEXT_MAX, true);
        let mut orgs = orgs.to_vec();
        orgs.sort_unstable();
        orgs.dedup();
        if orgs.len() < INITIATIVE_ORGS_MIN {
            c.fail("orgs", Msg::new(k::INITIATIVE_ERR_ORGS));
        } else if orgs.len() > ORGS_MAX {
            c.fail(
                "orgs",
                Msg::new(k::INITIATIVE_ERR_TOO_MANY).with("max", ORGS_MAX),
            );
        }
        c.finish(status.zip(starts).map(|(status, starts)| InitiativeInput {
            title,
            description,
            status,
            starts_on: crate::time::iso_date(starts),
            ends_on: ends.map(crate::time::iso_date),
            outcomes,
            orgs,
        }))
    }
}

impl InitiativeSummary {
    pub fn fields(&self) -> InitiativeFields {
        InitiativeFields {
            title: self.title.clone(),
            description: self.description.clone(),
            status: self.status.clone(),
            starts_on: self.starts_on.clone(),
            ends_on: self.ends_on.clone().unwrap_or_default(),
            outcomes: self.outcomes.clone(),
        }
    }
}

#[cfg(test)]
mod rules {
    use super::*;

    fn form() -> InitiativeFields {
        InitiativeFields {
            title: "Girls' coding camps".into(),
            status: "running".into(),
            starts_on: "2024-06-01".into(),
            ends_on: "2025-05-31".into(),
            ..InitiativeFields::default()
        }
    }

    fn refused(f: InitiativeFields, orgs: &[i64]) -> Vec<String> {
        match f.check(orgs) {
            Err(AppError::Invalid(e)) => e.into_iter().map(|e| e.field).collect(),
            _ => Vec::new(),
        }
    }

    #[test]
    fn two_organisations_and_dates_in_order() {
        assert_eq!(form().check(&[2, 1]).unwrap().orgs, vec![1, 2]);
        assert_eq!(refused(form(), &[1]), ["orgs"]);
        // the same organisation twice is one
        assert_eq!(refused(form(), &[1, 1]), ["orgs"]);
        assert_eq!(
            refused(
                InitiativeFields {
                    ends_on: "2024-05-31".into(),
                    ..form()
                },
                &[1, 2]
            ),
            ["ends_on"]
        );
        assert_eq!(
            refused(
                InitiativeFields {
                    starts_on: "2024-02-30".into(),
                    status: "dreaming".into(),
                    ..form()
                },
                &[1, 2]
            ),
            ["status", "starts_on"]
        );
        let open = InitiativeFields {
            ends_on: String::new(),
            ..form()
        };
        assert_eq!(open.check(&[1, 2]).unwrap().ends_on, None);
    }
}
