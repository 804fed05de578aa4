//! Roadmap templates: the administrators' reusable plans (a title, a description and steps
//! with a success criterion and "due in N days"). A mentee starts a roadmap from one; its steps
//! are copied at creation, never linked (`roadmaps::store::create`), so changing or deleting a
//! template later touches no roadmap. This file holds the types and the textarea format of
//! template steps, unit-tested; SQL is in `store.rs`. Each template is written in one language
//! (administrators write a version per language); a mentee is offered those in hers first.
pub mod api;
#[cfg(feature = "ssr")]
pub mod store;
#[cfg(all(test, feature = "ssr"))]
mod store_tests;
pub mod ui;

use super::{CRITERION_MAX, STEP_TITLE_MAX};
use serde::{Deserialize, Serialize};

pub const TEMPLATE_STEPS_MAX: usize = 30;

/// A template with its number of steps (the store reads it straight from its query).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct TemplateSummary {
    pub id: i64,
    pub title: String,
    pub description: String,
    /// The language it is written in ("ky", "ru", "en").
    pub language: String,
    pub steps: i64,
}

/// One step of a template (the store reads it straight from its query).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct TemplateStep {
    pub title: String,
    pub criterion: String,
    pub due_in_days: Option<i64>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TemplateView {
    pub id: i64,
    pub title: String,
    pub description: String,
    pub language: String,
    pub steps: Vec<TemplateStep>,
}

/// Template steps from a textarea: one per line, "title | success criterion | days".
pub fn parse_template_steps(text: &str) -> Result<Vec<TemplateStep>, usize> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let mut parts = line.split('|').map(str::trim);
        let title = parts.next().unwrap_or("");
        let criterion = parts.next().unwrap_or("");
        let days = match parts.next() {
            None | Some("") => None,
            Some(d) => match d.parse::<i64>() {
                Ok(d) if (1..=3650).contains(&d) => Some(d),
                _ => return Err(i + 1),
            },
        };
        if title.is_empty()
            || title.chars().count() > STEP_TITLE_MAX
            || criterion.chars().count() > CRITERION_MAX
            || parts.next().is_some()
        {
            return Err(i + 1);
        }
        out.push(TemplateStep {
            title: title.into(),
            criterion: criterion.into(),
            due_in_days: days,
        });
    }
    if out.len() > TEMPLATE_STEPS_MAX {
        return Err(TEMPLATE_STEPS_MAX + 1);
    }
    Ok(out)
}

/// The textarea form of template steps (the inverse of [`parse_template_steps`]).
pub fn template_steps_text(steps: &[TemplateStep]) -> String {
    steps
        .iter()
        .map(|s| match s.due_in_days {
            Some(d) => format!("{} | {} | {d}", s.title, s.criterion),
            None if s.criterion.is_empty() => s.title.clone(),
            None => format!("{} | {}", s.title, s.criterion),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn template_steps_round_trip() {
        let s = parse_template_steps(
            "Learn SQL | a query with a join | 30\nRead a book\nPractise | daily",
        )
        .unwrap();
        assert_eq!(s[0].due_in_days, Some(30));
        assert_eq!(s[1].criterion, "");
        assert_eq!(parse_template_steps(&template_steps_text(&s)).unwrap(), s);
        assert_eq!(parse_template_steps("x | y | soon"), Err(1));
        assert_eq!(parse_template_steps("ok\n | no title"), Err(2));
        assert_eq!(parse_template_steps("a | b | 3 | extra"), Err(1));
    }
}
