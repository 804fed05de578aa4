//! SQL for the audit log: one way in ([`Record::write`], inside the writer's transaction) and two
//! ways out (a page, and every entry a filter gives for the CSV). Nothing here updates or
//! deletes, and the table's triggers refuse anyone who tries.
use super::{Action, Entry, Query, Target};
use crate::form::Choice;
use sqlx::{QueryBuilder, Sqlite, SqliteConnection, SqlitePool};

/// One entry to write: who acted (`None`: the platform itself, or someone not signed in),
/// what, on what, and what it was before and after (short texts, never a password or token).
pub struct Record<'a> {
    pub actor: Option<i64>,
    pub action: Action,
    pub target: Target,
    pub before: &'a str,
    pub after: &'a str,
    /// the client's address, for sign-ins
    pub address: &'a str,
}

impl<'a> Record<'a> {
    pub fn new(actor: Option<i64>, action: Action, target: Target) -> Record<'a> {
        Record {
            actor,
            action,
            target,
            before: "",
            after: "",
            address: "",
        }
    }

    pub fn change(self, before: &'a str, after: &'a str) -> Record<'a> {
        Record {
            before,
            after,
            ..self
        }
    }

    pub fn from_address(self, address: &'a str) -> Record<'a> {
        Record { address, ..self }
    }

    /// Writes the entry, inside the caller's transaction (or on its own connection).
    pub async fn write(self, conn: &mut SqliteConnection, now: i64) -> sqlx::Result<()> {
        let (kind, id) = self.target.parts();
        sqlx::query(
            "INSERT INTO audit_log (at, actor_id, action, target_kind, target_id, before, after, address) \
             VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(now)
        .bind(self.actor)
        .bind(self.action.code())
        .bind(kind)
        .bind(id)
        .bind(clip(self.before))
        .bind(clip(self.after))
        .bind(clip(self.address))
        .execute(&mut *conn)
        .await?;
        Ok(())
    }
}

impl Record<'_> {
    /// Writes the entry on its own (for what is not a transaction's write: a sign-in).
    pub async fn write_alone(self, pool: &SqlitePool, now: i64) -> sqlx::Result<()> {
        let mut conn = pool.acquire().await?;
        self.write(&mut conn, now).await
    }
}

/// An entry's texts are kept short (a reason, a status): at most 2,000 characters.
fn clip(text: &str) -> String {
    text.chars().take(2_000).collect()
}

const SELECT: &str = "SELECT l.id, l.at, l.actor_id, a.display_name AS actor_name, l.action, \
     l.target_kind, l.target_id, t.display_name AS target_name, l.before, l.after, l.address \
     FROM audit_log l LEFT JOIN accounts a ON a.id = l.actor_id \
     LEFT JOIN accounts t ON l.target_kind = 'account' AND t.id = l.target_id";

/// The filter's WHERE clause; `people` are the accounts whose name or address holds `who`.
fn filtered<'q>(b: &mut QueryBuilder<'q, Sqlite>, q: &'q Query, people: &'q [i64]) {
    b.push(" WHERE 1 = 1");
    if let Some(action) = q.action {
        b.push(" AND l.action = ").push_bind(action.code());
    }
    if let Some(from) = q.from {
        b.push(" AND l.at >= ").push_bind(from);
    }
    if let Some(until) = q.until {
        b.push(" AND l.at < ").push_bind(until);
    }
    if !q.who.is_empty() {
        let ids = people
            .iter()
            .map(i64::to_string)
            .collect::<Vec<_>>()
            .join(",");
        // numbers the database gave, never input
        b.push(format!(
            " AND (l.actor_id IN ({ids}) OR (l.target_kind = 'account' AND l.target_id IN ({ids})))"
        ));
    }
}

/// The accounts whose name or address holds `who`, in any case (Cyrillic too: SQLite's own
/// `lower` and `LIKE` fold ASCII only), at most 1,000.
async fn people(pool: &SqlitePool, who: &str) -> sqlx::Result<Vec<i64>> {
    if who.is_empty() {
        return Ok(Vec::new());
    }
    let who = who.to_lowercase();
    let all: Vec<(i64, String, String)> =
        sqlx::query_as("SELECT id, display_name, email FROM accounts")
            .fetch_all(pool)
            .await?;
    Ok(all
        .into_iter()
        .filter(|(_, name, email)| {
            name.to_lowercase().contains(&who) || email.to_lowercase().contains(&who)
        })
        .map(|(id, _, _)| id)
        .take(1_000)
        .collect())
}

/// A page of entries (newest first) and how many the filter gives.
pub async fn page(pool: &SqlitePool, q: &Query, page: i64) -> sqlx::Result<super::Page> {
    let people = people(pool, &q.who).await?;
    let mut count = QueryBuilder::new("SELECT COUNT(*) FROM audit_log l");
    filtered(&mut count, q, &people);
    let total: i64 = count.build_query_scalar().fetch_one(pool).await?;
    let mut b = QueryBuilder::new(SELECT);
    filtered(&mut b, q, &people);
    b.push(" ORDER BY l.id DESC LIMIT ")
        .push_bind(super::PAGE_SIZE)
        .push(" OFFSET ")
        .push_bind((page.max(1) - 1) * super::PAGE_SIZE);
    let entries = b.build_query_as::<Entry>().fetch_all(pool).await?;
    Ok(super::Page { entries, total })
}

/// Every entry the filter gives, newest first (at most [`super::CSV_MAX`]).
pub async fn all(pool: &SqlitePool, q: &Query) -> sqlx::Result<Vec<Entry>> {
    let people = people(pool, &q.who).await?;
    let mut b = QueryBuilder::new(SELECT);
    filtered(&mut b, q, &people);
    b.push(" ORDER BY l.id DESC LIMIT ")
        .push_bind(super::CSV_MAX);
    b.build_query_as::<Entry>().fetch_all(pool).await
}
