//! The programme dashboard (`/admin/dashboard`): what the programme reports to the people who
//! fund it, live from the database, for a date range and a region — participants by role,
//! region and month; the mentor approval backlog; the request funnel and the median time to a
//! match; mentorships and their ratings; roadmap progress; lecture registrations and
//! attendance; award votes per category; community organisations by year. Every section is a
//! [`Section`]: a server-rendered SVG chart with its text alternative and the same numbers as a
//! table, each downloadable as CSV (UTF-8 with a byte-order mark). Read-only: it reads every
//! area's tables and writes none.
pub mod api;
#[cfg(all(test, feature = "ssr"))]
mod http_tests;
#[cfg(feature = "ssr")]
pub mod store;
#[cfg(all(test, feature = "ssr"))]
mod tests;
pub mod ui;

use serde::{Deserialize, Serialize};

/// The filters, as the page's GET form sends them.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Filter {
    /// "YYYY-MM-DD", the first day counted (Bishkek)
    pub from: String,
    /// "YYYY-MM-DD", the last day counted (Bishkek)
    pub to: String,
    /// a region code, or "" for every region
    pub region: String,
}

/// A filter made safe to query with: what it cannot read it ignores.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Query {
    pub from: Option<i64>,
    pub until: Option<i64>,
    pub region: Option<&'static str>,
}

impl Filter {
    pub fn query(&self) -> Query {
        use crate::form::Choice;
        let zone = crate::time::programme_zone();
        let day = |s: &str| crate::time::parse_date(s);
        Query {
            from: day(&self.from).map(|d| crate::time::end_of_day(d - 1, zone)),
            until: day(&self.to).map(|d| crate::time::end_of_day(d, zone)),
            region: crate::accounts::profiles::Region::from_code(self.region.trim())
                .map(|r| r.code()),
        }
    }

    pub fn params(&self) -> [(&'static str, &str); 3] {
        [
            ("from", &self.from),
            ("to", &self.to),
            ("region", &self.region),
        ]
    }
}

/// One section: a chart of `bars` and the table of `head` and `rows` (the CSV's too).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Section {
    /// the CSV's name and the chart's id
    pub id: String,
    pub title: String,
    /// a sentence under the title (a headline figure), or ""
    pub note: String,
    pub bars: Vec<(String, i64)>,
    pub head: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

impl Section {
    pub fn csv(&self) -> String {
        let head: Vec<&str> = self.head.iter().map(String::as_str).collect();
        let mut t = crate::csv::Table::new(&head);
        for r in &self.rows {
            let cells: Vec<&str> = r.iter().map(String::as_str).collect();
            t.row(&cells);
        }
        t.finish()
    }
}

/// The whole dashboard.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Dashboard {
    pub sections: Vec<Section>,
}

/// The raw numbers ([`store::figures`]); [`sections`] turns them into what the page and the CSV show.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Figures {
    /// (role code, accounts that joined)
    pub roles: Vec<(String, i64)>,
    /// (region code, or "" for none given; mentees; mentors)
    pub regions: Vec<(String, i64, i64)>,
    /// (month "YYYY-MM", mentees, mentors) who joined
    pub months: Vec<(String, i64, i64)>,
    /// mentor profiles: waiting, waiting more than a week, approved, rejected
    pub backlog: [i64; 4],
    /// (request state, requests sent in the range)
    pub funnel: Vec<(String, i64)>,
    /// median seconds from a request to its acceptance, and how many were accepted
    pub to_match: (Option<i64>, i64),
    /// (mentorship state, mentorships started)
    pub mentorships: Vec<(String, i64)>,
    /// (stars, ratings given)
    pub ratings: Vec<(i64, i64)>,
    /// (step status, steps)
    pub steps: Vec<(String, i64)>,
    /// roadmaps, and the mentees who have one
    pub roadmaps: (i64, i64),
    /// (topic, registered, waiting, attended)
    pub lectures: Vec<(String, i64, i64, i64)>,
    /// (award category code, votes that count)
    pub votes: Vec<(String, i64)>,
    /// (year, organisations that joined, total by its end)
    pub orgs: Vec<(i64, i64, i64)>,
}

/// The figures as the page and the CSV files show them, in the reader's language.
#[cfg(feature = "ssr")]
pub fn sections(f: &Figures) -> Vec<Section> {
    use crate::form::Choice;
    use crate::i18n::{k, t, use_locale};
    let locale = use_locale();
    let n = |v: i64| v.to_string();
    let label = |code: &str, of: fn(&str) -> Option<crate::i18n::Key>| {
        of(code)
            .map(|k| t(k).to_string())
            .unwrap_or_else(|| code.to_string())
    };
    let section = |id: &str,
                   title: crate::i18n::Key,
                   note: String,
                   head: &[crate::i18n::Key],
                   rows: Vec<Vec<String>>,
                   bar: usize| {
        let bars = rows
            .iter()
            .map(|r| {
                (
                    r[0].clone(),
                    r.get(bar).and_then(|v| v.parse().ok()).unwrap_or(0),
                )
            })
            .collect();
        Section {
            id: id.into(),
            title: t(title).into(),
            note,
            bars,
            head: head.iter().map(|h| t(*h).to_string()).collect(),
            rows,
        }
    };
    let role = |code: &str| {
        crate::auth::Role::from_code(code).map(|r| match r {
            crate::auth::Role::Mentee => k::DASH_ROLE_MENTEES,
            crate::auth::Role::Mentor => k::DASH_ROLE_MENTORS,
            crate::auth::Role::Partner => k::DASH_ROLE_PARTNERS,
            _ => k::DASH_ROLE_JURY,
        })
    };
    let roles = ["mentee", "mentor", "partner", "jury"]
        .iter()
        .map(|code| {
            let v = f
                .roles
                .iter()
                .find(|(c, _)| c == code)
                .map(|x| x.1)
                .unwrap_or(0);
            vec![label(code, role), n(v)]
        })
        .collect();
    // every region, Naryn among them, even at zero; "not given" only when someone did not
    let region_of = |code: &str| -> (i64, i64) {
        f.regions
            .iter()
            .find(|(c, _, _)| c == code)
            .map(|x| (x.1, x.2))
            .unwrap_or((0, 0))
    };
    let mut regions: Vec<Vec<String>> = crate::accounts::profiles::Region::ALL
        .iter()
        .map(|r| {
            let (e, m) = region_of(r.code());
            vec![t(r.label()).to_string(), n(e), n(m), n(e + m)]
        })
        .collect();
    let (e, m) = region_of("");
    if e + m > 0 {
        regions.push(vec![
            t(k::DASH_REGION_NONE).to_string(),
            n(e),
            n(m),
            n(e + m),
        ]);
    }
    let months = f
        .months
        .iter()
        .map(|(month, e, m)| vec![month.clone(), n(*e), n(*m), n(e + m)])
        .collect();
    let [waiting, late, approved, rejected] = f.backlog;
    let backlog = vec![
        vec![t(k::DASH_BACKLOG_WAITING).to_string(), n(waiting)],
        vec![t(k::DASH_BACKLOG_LATE).to_string(), n(late)],
        vec![t(k::DASH_BACKLOG_APPROVED).to_string(), n(approved)],
        vec![t(k::DASH_BACKLOG_REJECTED).to_string(), n(rejected)],
    ];
    let state = |s: &str| {
        f.funnel
            .iter()
            .find(|(c, _)| c == s)
            .map(|x| x.1)
            .unwrap_or(0)
    };
    let sent: i64 = f.funnel.iter().map(|x| x.1).sum();
    let open = state("pending") + state("viewed") + state("needs_info");
    let funnel = vec![
        vec![t(k::DASH_FUNNEL_SENT).to_string(), n(sent)],
        vec![t(k::DASH_FUNNEL_ACCEPTED).to_string(), n(state("accepted"))],
        vec![t(k::DASH_FUNNEL_DECLINED).to_string(), n(state("declined"))],
        vec![t(k::DASH_FUNNEL_EXPIRED).to_string(), n(state("expired"))],
        vec![
            t(k::DASH_FUNNEL_WITHDRAWN).to_string(),
            n(state("withdrawn") + state("invalidated")),
        ],
        vec![t(k::DASH_FUNNEL_OPEN).to_string(), n(open)],
    ];
    let to_match = match f.to_match.0 {
        Some(secs) => locale.tf(
            k::DASH_MEDIAN_MATCH,
            &[
                ("days", &format!("{:.1}", secs as f64 / 86_400.0)),
                ("n", &n(f.to_match.1)),
            ],
        ),
        None => t(k::DASH_MEDIAN_NONE).to_string(),
    };
    let ms = |s: &str| {
        f.mentorships
            .iter()
            .find(|(c, _)| c == s)
            .map(|x| x.1)
            .unwrap_or(0)
    };
    let mentorships = [
        ("active", k::DASH_M_ACTIVE),
        ("paused", k::DASH_M_PAUSED),
        ("completed", k::DASH_M_COMPLETED),
        ("cancelled", k::DASH_M_CANCELLED),
    ]
    .iter()
    .map(|(c, key)| vec![t(*key).to_string(), n(ms(c))])
    .collect();
    let rated: i64 = f.ratings.iter().map(|x| x.1).sum();
    let mean = (rated > 0)
        .then(|| f.ratings.iter().map(|(s, c)| s * c).sum::<i64>() as f64 / rated as f64);
    let ratings = (1..=5)
        .rev()
        .map(|stars| {
            let c = f
                .ratings
                .iter()
                .find(|(s, _)| *s == stars)
                .map(|x| x.1)
                .unwrap_or(0);
            vec!["★".repeat(stars as usize), n(c)]
        })
        .collect();
    let ratings_note = match mean {
        Some(m) => locale.tf(
            k::DASH_RATING_MEAN,
            &[("mean", &format!("{m:.2}")), ("n", &n(rated))],
        ),
        None => t(k::DASH_RATING_NONE).to_string(),
    };
    let step = |s: &str| {
        f.steps
            .iter()
            .find(|(c, _)| c == s)
            .map(|x| x.1)
            .unwrap_or(0)
    };
    let all_steps: i64 = f.steps.iter().map(|x| x.1).sum();
    let steps = [
        ("done", k::DASH_STEP_DONE),
        ("in_progress", k::DASH_STEP_IN_PROGRESS),
        ("not_started", k::DASH_STEP_NOT_STARTED),
        ("skipped", k::DASH_STEP_SKIPPED),
    ]
    .iter()
    .map(|(c, key)| vec![t(*key).to_string(), n(step(c))])
    .collect();
    let steps_note = locale.tf(
        k::DASH_ROADMAPS_NOTE,
        &[
            ("roadmaps", &n(f.roadmaps.0)),
            ("mentees", &n(f.roadmaps.1)),
            (
                "percent",
                &n(if all_steps > 0 {
                    step("done") * 100 / all_steps
                } else {
                    0
                }),
            ),
        ],
    );
    let lectures = crate::learning::lectures::Topic::ALL
        .iter()
        .filter_map(|topic| {
            let (_, r, w, a) = f.lectures.iter().find(|x| x.0 == topic.code())?;
            Some(vec![t(topic.label()).to_string(), n(*r), n(*w), n(*a)])
        })
        .collect();
    let votes = f
        .votes
        .iter()
        .map(|(code, v)| vec![t(crate::awards::category_label(code)).to_string(), n(*v)])
        .collect();
    let orgs = f
        .orgs
        .iter()
        .map(|(y, j, total)| vec![y.to_string(), n(*j), n(*total)])
        .collect();
    vec![
        section(
            "participants-role",
            k::DASH_ROLES,
            String::new(),
            &[k::DASH_H_ROLE, k::DASH_H_PEOPLE],
            roles,
            1,
        ),
        section(
            "participants-region",
            k::DASH_REGIONS,
            String::new(),
            &[
                k::DASH_H_REGION,
                k::DASH_H_MENTEES,
                k::DASH_H_MENTORS,
                k::DASH_H_TOTAL,
            ],
            regions,
            3,
        ),
        section(
            "participants-month",
            k::DASH_MONTHS,
            String::new(),
            &[
                k::DASH_H_MONTH,
                k::DASH_H_MENTEES,
                k::DASH_H_MENTORS,
                k::DASH_H_TOTAL,
            ],
            months,
            3,
        ),
        section(
            "mentor-backlog",
            k::DASH_BACKLOG,
            String::new(),
            &[k::DASH_H_STATE, k::DASH_H_MENTORS],
            backlog,
            1,
        ),
        section(
            "request-funnel",
            k::DASH_FUNNEL,
            to_match,
            &[k::DASH_H_STAGE, k::DASH_H_REQUESTS],
            funnel,
            1,
        ),
        section(
            "mentorships",
            k::DASH_MENTORSHIPS,
            String::new(),
            &[k::DASH_H_STATE, k::DASH_H_MENTORSHIPS],
            mentorships,
            1,
        ),
        section(
            "ratings",
            k::DASH_RATINGS,
            ratings_note,
            &[k::DASH_H_STARS, k::DASH_H_RATINGS],
            ratings,
            1,
        ),
        section(
            "roadmap-steps",
            k::DASH_ROADMAPS,
            steps_note,
            &[k::DASH_H_STATE, k::DASH_H_STEPS],
            steps,
            1,
        ),
        section(
            "lectures",
            k::DASH_LECTURES,
            String::new(),
            &[
                k::DASH_H_TOPIC,
                k::DASH_H_REGISTERED,
                k::DASH_H_WAITING,
                k::DASH_H_ATTENDED,
            ],
            lectures,
            1,
        ),
        section(
            "award-votes",
            k::DASH_VOTES,
            String::new(),
            &[k::DASH_H_CATEGORY, k::DASH_H_VOTES],
            votes,
            1,
        ),
        section(
            "community-years",
            k::DASH_ORGS,
            String::new(),
            &[k::DASH_H_YEAR, k::DASH_H_JOINED, k::DASH_H_TOTAL],
            orgs,
            2,
        ),
    ]
}

/// The median of some durations (in seconds), or None for none.
pub fn median(mut values: Vec<i64>) -> Option<i64> {
    if values.is_empty() {
        return None;
    }
    values.sort_unstable();
    let n = values.len();
    Some(if n % 2 == 1 {
        values[n / 2]
    } else {
        (values[n / 2 - 1] + values[n / 2]) / 2
    })
}

/// The months ("YYYY-MM") from the one holding `from` to the one holding `until - 1`, at most
/// 36 (the latest).
pub fn months(from: i64, until: i64) -> Vec<String> {
    let zone = crate::time::programme_zone();
    let month = |t: i64| {
        let (y, m, _) = crate::time::civil(crate::time::day_in(t, zone));
        y * 12 + (m as i64 - 1)
    };
    let (a, b) = (month(from), month(until.saturating_sub(1)).max(month(from)));
    (a.max(b - 35)..=b)
        .map(|n| format!("{:04}-{:02}", n / 12, n % 12 + 1))
        .collect()
}

#[cfg(test)]
mod pure_tests {
    use super::*;

    #[test]
    fn medians_of_odd_even_and_none() {
        assert_eq!(median(vec![]), None);
        assert_eq!(median(vec![5, 1, 3]), Some(3));
        assert_eq!(median(vec![4, 1, 3, 2]), Some(2));
    }

    #[test]
    fn months_run_from_the_first_to_the_last_at_most_three_years() {
        let day = |s: &str| crate::time::parse_date(s).unwrap() * 86_400;
        assert_eq!(
            months(day("2026-11-15"), day("2027-01-31") + 43_200),
            vec!["2026-11", "2026-12", "2027-01"]
        );
        assert_eq!(months(day("2020-01-01"), day("2026-12-01")).len(), 36);
        assert_eq!(
            months(day("2026-12-01"), day("2026-12-01")),
            vec!["2026-12"]
        );
    }

    #[test]
    fn filters_ignore_what_they_cannot_read() {
        let f = Filter {
            from: "yesterday".into(),
            to: "2026-12-31".into(),
            region: "naryn' OR 1=1".into(),
        };
        let q = f.query();
        assert_eq!((q.from, q.region), (None, None));
        assert!(q.until.is_some());
        let q = Filter {
            region: "naryn".into(),
            ..Filter::default()
        }
        .query();
        assert_eq!(q.region, Some("naryn"));
    }

    #[test]
    fn a_sections_csv_has_its_mark_and_rows() {
        let s = Section {
            id: "x".into(),
            title: "T".into(),
            note: String::new(),
            bars: vec![],
            head: vec!["Область".into(), "n".into()],
            rows: vec![vec!["Нарын".into(), "3".into()]],
        };
        assert_eq!(s.csv(), "\u{feff}Область,n\r\nНарын,3\r\n");
    }
}
