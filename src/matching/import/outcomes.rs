//! A past-outcomes file's rows (from an earlier platform or the programme's spreadsheets):
//! a mentee's and a mentor's email, how it went, and the mentee's rating if there was one.
//! They are training data for the learned ranking (`matching::model`), nothing else.
use super::csv::Table;
use super::{header_problems, Problem, OUTCOME_COLUMNS, OUTCOME_REQUIRED};
use crate::form::{choice, Choice};
use crate::i18n::{k, Msg};
use std::collections::HashMap;

choice!(Outcome {
    Accepted = "accepted" => IMPORT_OUTCOME_ACCEPTED,
    Completed = "completed" => IMPORT_OUTCOME_COMPLETED,
    Declined = "declined" => IMPORT_OUTCOME_DECLINED,
    Expired = "expired" => IMPORT_OUTCOME_EXPIRED,
    Cancelled = "cancelled" => IMPORT_OUTCOME_CANCELLED,
});

/// A row that passed.
#[derive(Clone, Debug, PartialEq)]
pub struct PastPair {
    pub line: usize,
    pub mentee_email: String,
    pub mentor_email: String,
    pub outcome: Outcome,
    /// The mentee's rating, 1–5.
    pub rating: Option<i64>,
}

/// The pairs of `table`, or every problem of every row.
pub fn check(table: &Table) -> Result<Vec<PastPair>, Vec<Problem>> {
    let mut problems = header_problems(&table.header, OUTCOME_COLUMNS, OUTCOME_REQUIRED);
    if !problems.is_empty() {
        return Err(problems);
    }
    let mut pairs = Vec::new();
    let mut seen: HashMap<(String, String), usize> = HashMap::new();
    let columns = table.columns();
    for row in &table.rows {
        let line = row.line;
        let cell = |name: &str| row.cell(columns.get(name).copied());
        let before = problems.len();
        let mut email = |column: &str| {
            crate::accounts::normalize_email(cell(column))
                .map_err(|m| problems.push(Problem::new(line, column, m)))
        };
        let (mentee, mentor) = (email("mentee_email"), email("mentor_email"));
        let outcome = Outcome::from_code(&cell("outcome").to_lowercase());
        if outcome.is_none() {
            problems.push(Problem::new(
                line,
                "outcome",
                Msg::new(k::IMPORT_USE_ONE_OF).with("codes", Outcome::codes()),
            ));
        }
        let rating = match cell("rating") {
            "" => None,
            raw => match raw.parse::<i64>() {
                Ok(n) if (1..=5).contains(&n) => Some(n),
                _ => {
                    problems.push(Problem::new(
                        line,
                        "rating",
                        Msg::new(k::ERR_NUMBER_RANGE).with("min", 1).with("max", 5),
                    ));
                    None
                }
            },
        };
        let (Ok(mentee), Ok(mentor), Some(outcome)) = (mentee, mentor, outcome) else {
            continue;
        };
        if problems.len() > before {
            continue;
        }
        if mentee == mentor {
            problems.push(Problem::new(
                line,
                "mentor_email",
                Msg::new(k::IMPORT_SAME_PERSON),
            ));
        } else if let Some(first) = seen.get(&(mentee.clone(), mentor.clone())) {
            problems.push(Problem::new(
                line,
                "",
                Msg::new(k::IMPORT_PAIR_TWICE).with("line", first),
            ));
        } else {
            seen.insert((mentee.clone(), mentor.clone()), line);
            pairs.push(PastPair {
                line,
                mentee_email: mentee,
                mentor_email: mentor,
                outcome,
                rating,
            });
        }
    }
    if problems.is_empty() {
        Ok(pairs)
    } else {
        Err(problems)
    }
}

impl Outcome {
    /// How the learned ranking counts it (as `model::store::outcomes` counts the platform's
    /// own): 1 worked out (accepted or completed, unrated or rated 3–5), 0 refused (declined or
    /// left to expire), 2 did not work out (cancelled, or rated 1–2).
    pub fn kind(self, rating: Option<i64>) -> i64 {
        match self {
            Outcome::Declined | Outcome::Expired => 0,
            Outcome::Cancelled => 2,
            Outcome::Accepted | Outcome::Completed if rating.is_some_and(|r| r <= 2) => 2,
            Outcome::Accepted | Outcome::Completed => 1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn checked(rows: &str) -> Result<Vec<PastPair>, Vec<(usize, String, crate::i18n::Key)>> {
        let text = format!("mentee_email;mentor_email;outcome;rating\n{rows}");
        let table = super::super::csv::parse(text.as_bytes()).unwrap();
        check(&table).map_err(|ps| {
            ps.into_iter()
                .map(|p| (p.line, p.column, p.msg.key))
                .collect()
        })
    }

    #[test]
    fn outcomes_count_as_the_platforms_own() {
        use Outcome::*;
        assert_eq!(Accepted.kind(None), 1);
        assert_eq!(Completed.kind(Some(4)), 1);
        assert_eq!(Completed.kind(Some(2)), 2);
        assert_eq!(Cancelled.kind(Some(5)), 2);
        assert_eq!((Declined.kind(None), Expired.kind(None)), (0, 0));
    }

    #[test]
    fn rows_are_checked_one_by_one() {
        let pairs = checked("A@x.kg;b@x.kg;Completed;5\nc@x.kg;b@x.kg;declined;\n").unwrap();
        assert_eq!(pairs[0].mentee_email, "a@x.kg");
        assert_eq!(
            (pairs[0].outcome, pairs[0].rating),
            (Outcome::Completed, Some(5))
        );
        let found = checked(
            "a@x.kg;b@x.kg;finished;\na@x.kg;a@x.kg;accepted;\nc@x.kg;b@x.kg;accepted;6\nd@x.kg;b@x.kg;accepted;\nd@x.kg;b@x.kg;declined;\n",
        )
        .unwrap_err();
        assert_eq!(
            found,
            [
                (2, "outcome".into(), k::IMPORT_USE_ONE_OF),
                (3, "mentor_email".into(), k::IMPORT_SAME_PERSON),
                (4, "rating".into(), k::ERR_NUMBER_RANGE),
                (6, String::new(), k::IMPORT_PAIR_TWICE)
            ]
        );
    }
}
