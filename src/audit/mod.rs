//! The audit log: who did what to what, when (UTC), with what it was before and after —
//! sign-ins and failed sign-ins, role changes, mentor approvals, moderation, award phases,
//! voided votes, published results, imports, moderation. Every area writes its entries with
//! [`store::Record::write`] inside the transaction that made the change, so an entry exists exactly
//! when the change does. Append-only: the table's triggers refuse any UPDATE or DELETE, and no
//! route or server function tries. Never a password or a token: an entry names accounts by id.
//! Administrators read it at `/admin/audit` (filters, pages, CSV).
pub mod api;
#[cfg(all(test, feature = "ssr"))]
mod http_tests;
#[cfg(feature = "ssr")]
pub mod store;
#[cfg(all(test, feature = "ssr"))]
mod tests;
pub mod ui;

use serde::{Deserialize, Serialize};

crate::form::choice!(Action {
    SignIn = "sign_in" => AUDIT_SIGN_IN,
    SignInFailed = "sign_in_failed" => AUDIT_SIGN_IN_FAILED,
    RoleChanged = "role_changed" => AUDIT_ROLE_CHANGED,
    MentorReviewed = "mentor_reviewed" => AUDIT_MENTOR_REVIEWED,
    Moderation = "moderation" => AUDIT_MODERATION,
    Sanction = "sanction" => AUDIT_SANCTION,
    AwardPhase = "award_phase" => AUDIT_AWARD_PHASE,
    VoteVoided = "vote_voided" => AUDIT_VOTE_VOIDED,
    ResultsPublished = "results_published" => AUDIT_RESULTS_PUBLISHED,
    Import = "import" => AUDIT_IMPORT,
    DataExport = "data_export" => AUDIT_DATA_EXPORT,
    AccountDeleted = "account_deleted" => AUDIT_ACCOUNT_DELETED,
});

/// What an entry is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    Nothing,
    Account(i64),
    AwardCycle(i64),
    ImportBatch(i64),
    HeldText(i64),
    /// A mentorship message held for a safety check.
    HeldMessage(i64),
    Case(i64),
}

impl Target {
    pub fn parts(self) -> (&'static str, Option<i64>) {
        match self {
            Target::Nothing => ("", None),
            Target::Account(id) => ("account", Some(id)),
            Target::AwardCycle(id) => ("award_cycle", Some(id)),
            Target::ImportBatch(id) => ("import", Some(id)),
            Target::HeldText(id) => ("held_text", Some(id)),
            Target::HeldMessage(id) => ("held_message", Some(id)),
            Target::Case(id) => ("case", Some(id)),
        }
    }

    /// Where an administrator reads the thing an entry is about.
    pub fn href(kind: &str, id: i64) -> Option<String> {
        match kind {
            "award_cycle" => Some(format!("/admin/awards/{id}")),
            "import" => Some(format!("/admin/import/{id}")),
            "case" => Some(format!("/moderation/{id}")),
            _ => None,
        }
    }
}

/// One entry as administrators read it: the names are read when it is shown (an erased
/// account shows as such), the rest as it was written.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Entry {
    pub id: i64,
    pub at: i64,
    pub actor_id: Option<i64>,
    pub actor_name: Option<String>,
    pub action: String,
    pub target_kind: String,
    pub target_id: Option<i64>,
    pub target_name: Option<String>,
    pub before: String,
    pub after: String,
    pub address: String,
}

/// How many entries a page shows.
pub const PAGE_SIZE: i64 = 50;
/// How many entries one CSV file holds at most (the newest).
pub const CSV_MAX: i64 = 100_000;

/// The log's filters, as the page's GET form sends them.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Filter {
    /// an [`Action`] code, or "" for every action
    pub action: String,
    /// part of the name or email of the person who acted or was acted on
    pub who: String,
    /// "YYYY-MM-DD", the first day shown (UTC)
    pub from: String,
    /// "YYYY-MM-DD", the last day shown (UTC)
    pub to: String,
}

/// A filter made safe to query with: an unknown action or date is ignored, the text cut short.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Query {
    pub action: Option<Action>,
    pub who: String,
    /// first instant shown
    pub from: Option<i64>,
    /// first instant no longer shown
    pub until: Option<i64>,
}

impl Filter {
    pub fn query(&self) -> Query {
        use crate::form::Choice;
        let day = |s: &str| crate::time::parse_date(s);
        Query {
            action: Action::from_code(self.action.trim()),
            who: self.who.trim().chars().take(100).collect(),
            from: day(&self.from).map(|d| d * 86_400),
            until: day(&self.to).map(|d| (d + 1) * 86_400),
        }
    }

    /// The query string that gives this filter (for the pages' links and the CSV link).
    pub fn params(&self) -> [(&'static str, &str); 4] {
        [
            ("action", &self.action),
            ("who", &self.who),
            ("from", &self.from),
            ("to", &self.to),
        ]
    }
}

/// One page of the log.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Page {
    pub entries: Vec<Entry>,
    pub total: i64,
}

/// "2026-12-02 14:05:09" (UTC), what the page and the CSV show.
pub fn utc(at: i64) -> String {
    let day = at.div_euclid(86_400);
    let s = at.rem_euclid(86_400);
    format!(
        "{} {:02}:{:02}:{:02}",
        crate::time::iso_date(day),
        s / 3600,
        s / 60 % 60,
        s % 60
    )
}

/// The log as a CSV file (UTF-8 with a byte-order mark, for spreadsheet programs); a deleted
/// account's name reads as such in `locale`.
pub fn csv(entries: &[Entry], locale: crate::i18n::Locale) -> String {
    use crate::csv::Table;
    let mut t = Table::new(&[
        "id",
        "at_utc",
        "actor_id",
        "actor",
        "action",
        "target_kind",
        "target_id",
        "target",
        "before",
        "after",
        "address",
    ]);
    for e in entries {
        let opt = |v: Option<i64>| v.map(|v| v.to_string()).unwrap_or_default();
        let name = |n: &Option<String>| {
            crate::safeguard::readable(locale, n.as_deref().unwrap_or("")).to_string()
        };
        t.row(&[
            &e.id.to_string(),
            &utc(e.at),
            &opt(e.actor_id),
            &name(&e.actor_name),
            &e.action,
            &e.target_kind,
            &opt(e.target_id),
            &name(&e.target_name),
            &e.before,
            &e.after,
            &e.address,
        ]);
    }
    t.finish()
}

#[cfg(test)]
mod pure_tests {
    use super::*;

    #[test]
    fn utc_times_read_as_written() {
        assert_eq!(utc(0), "1970-01-01 00:00:00");
        assert_eq!(utc(1_796_220_309), "2026-12-02 14:05:09");
    }

    #[test]
    fn filters_ignore_what_they_cannot_read() {
        let f = Filter {
            action: "drop table".into(),
            who: "  Айгерим ".into(),
            from: "2026-12-01".into(),
            to: "2026-02-31".into(),
        };
        let q = f.query();
        assert_eq!(q.action, None);
        assert_eq!(q.who, "Айгерим");
        assert_eq!(
            q.from,
            Some(crate::time::parse_date("2026-12-01").unwrap() * 86_400)
        );
        assert_eq!(q.until, None);
        let f = Filter {
            action: "sign_in".into(),
            to: "2026-12-01".into(),
            ..Filter::default()
        };
        let q = f.query();
        assert_eq!(q.action, Some(Action::SignIn));
        assert_eq!(q.until.unwrap() - q.from.unwrap_or(0), q.until.unwrap());
    }

    #[test]
    fn the_csv_starts_with_a_byte_order_mark_and_keeps_formulas_as_text() {
        let e = Entry {
            id: 1,
            at: 0,
            actor_id: Some(2),
            actor_name: Some("Айгерим".into()),
            action: "sign_in".into(),
            target_kind: "account".into(),
            target_id: Some(2),
            target_name: Some("=HYPERLINK(\"x\")".into()),
            before: String::new(),
            after: "a, b".into(),
            address: "10.0.0.1".into(),
        };
        let text = csv(&[e], crate::i18n::Locale::En);
        assert!(text.starts_with("\u{feff}id,at_utc,"));
        assert!(text.contains("Айгерим"));
        assert!(text.contains("\"'=HYPERLINK(\"\"x\"\")\""));
        assert!(text.contains("\"a, b\""));
        assert!(text.ends_with("\r\n"));
    }
}
