//! Best practices: what a partner organisation did that worked (title, summary, a plain body
//! with links, region, audience, results, an optional image), published by its partners and
//! shown once an administrator approved it (a change sends it back for approval). The
//! showcase (`/community/practices`) browses and filters them; each organisation's page lists
//! its own.
pub mod api;
#[cfg(feature = "ssr")]
pub mod store;
pub mod ui;

use super::{Audience, Names};
use crate::error::AppError;
use crate::form::{Checker, Choice};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct PracticeSummary {
    pub id: i64,
    pub org_id: i64,
    #[cfg_attr(feature = "ssr", sqlx(flatten))]
    pub org: Names,
    pub title: String,
    pub summary: String,
    pub region: String,
    pub audience: String,
    pub image: Option<String>,
    pub status: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Practice {
    #[cfg_attr(feature = "ssr", sqlx(flatten))]
    pub summary: PracticeSummary,
    pub body: String,
    pub results: String,
    pub reason: String,
}

/// A practice waiting for approval, with when it last changed (a decision is made on what
/// the administrator read).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Waiting {
    #[cfg_attr(feature = "ssr", sqlx(flatten))]
    pub practice: Practice,
    pub updated_at: i64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PracticePage {
    pub practice: Practice,
    /// the viewer may change it (an administrator, or a partner of its organisation)
    pub can_edit: bool,
    /// the viewer has reported it
    pub reported: bool,
}

/// What the showcase's filters ask for.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Filters {
    pub q: String,
    pub region: String,
    pub audience: String,
    pub page: i64,
}

impl Filters {
    /// The link that asks for the same filters on page `page`.
    pub fn href(&self, page: usize) -> String {
        crate::ui::query_href(
            "/community/practices",
            &[
                ("q", &self.q),
                ("region", &self.region),
                ("audience", &self.audience),
            ],
            page,
        )
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Showcase {
    pub practices: Vec<PracticeSummary>,
    pub total: i64,
    /// the organisation the viewer represents, if she may publish (to show the form)
    pub my_org: Option<i64>,
}

/// The practice form's fields, as posted.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PracticeFields {
    pub title: String,
    pub summary: String,
    pub body: String,
    pub region: String,
    pub audience: String,
    pub results: String,
}

/// A practice's fields, checked.
#[derive(Clone, Debug, PartialEq)]
pub struct PracticeInput {
    pub title: String,
    pub summary: String,
    pub body: String,
    pub region: String,
    pub audience: String,
    pub results: String,
}

impl PracticeFields {
    /// Plain text everywhere (links are recognised when shown, markup is shown as typed), no
    /// contact details (the organisation's website is on its page), a region and an audience
    /// from their lists.
    pub fn check(&self) -> Result<PracticeInput, AppError> {
        let mut c = Checker::default();
        let title = c.name("title", &self.title, super::TITLE_MAX, false);
        c.no_contact("title", &title);
        let summary = c.public_text("summary", &self.summary, super::SUMMARY_MAX, false);
        let body = c.public_text("body", &self.body, super::BODY_MAX, false);
        let region = c.choice::<crate::accounts::profiles::Region>("region", &self.region);
        let audience = c.choice::<Audience>("audience", &self.audience);
        let results = c.public_text("results", &self.results, super::RESULTS_MAX, true);
        c.finish(
            region
                .zip(audience)
                .map(|(region, audience)| PracticeInput {
                    title,
                    summary,
                    body,
                    region: region.code().into(),
                    audience: audience.code().into(),
                    results,
                }),
        )
    }
}

impl Practice {
    pub fn fields(&self) -> PracticeFields {
        PracticeFields {
            title: self.summary.title.clone(),
            summary: self.summary.summary.clone(),
            body: self.body.clone(),
            region: self.summary.region.clone(),
            audience: self.summary.audience.clone(),
            results: self.results.clone(),
        }
    }
}

#[cfg(test)]
mod rules {
    use super::*;

    #[test]
    fn a_practice_needs_its_texts_and_no_contact_details() {
        let ok = PracticeFields {
            title: "Robotics club in At-Bashy".into(),
            summary: "Girls build robots after school.".into(),
            body: "We meet twice a week.\n\nSee https://robots.kg".into(),
            region: "naryn".into(),
            audience: "schoolgirls".into(),
            results: String::new(),
        };
        assert!(ok.check().is_ok());
        let bad = PracticeFields {
            title: String::new(),
            body: "call +996 555 123 456".into(),
            audience: "everyone".into(),
            ..ok
        };
        let Err(AppError::Invalid(errors)) = bad.check() else {
            panic!("refused")
        };
        let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["title", "body", "audience"]);
    }
}
