//! SQL for the award. Every change runs under one write lock (`db::begin_immediate`) and checks
//! the phase and the clock inside it, so nothing slips in while an administrator moves the
//! phase on. Votes rely on the `UNIQUE (category_id, voter_id)` constraint: a second vote from
//! the same account, however simultaneous, updates the first.
//!
//! One file per topic: `cycles` (the list, creating, configuring and advancing a cycle),
//! `nominations` (nominating, answering, screening, shortlisting), `votes` (casting, bursts,
//! voiding, receipts), `jury` (jurors and their reviews), `results` (freezing and reading the
//! results) and `views` (a cycle as a participant sees it and as administrators manage it).
//! This file holds what several of them share: the cycle row, the log and the criteria.
use super::*;
use crate::db::{begin_immediate, rule, stale, StoreError, StoreResult, NOT_FOUND};
use crate::i18n::k;
use sqlx::{SqliteConnection, SqlitePool};

mod cycles;
mod jury;
mod nominations;
mod results;
mod views;
mod votes;

pub use cycles::*;
pub use jury::*;
pub use nominations::*;
pub use results::*;
pub use views::*;
pub use votes::*;

/// Refuses (a rule on no field) what the cycle's phase and schedule do not allow at `now`.
fn permit(act: Act, c: &CycleRow, now: i64) -> StoreResult<()> {
    allowed(act, c.phase, c.schedule, now).map_err(|key| rule("", key))
}

#[derive(Clone, Debug)]
pub struct CycleRow {
    pub id: i64,
    pub name: String,
    pub phase: Phase,
    pub rule: Rule,
    pub jury_weight: i64,
    pub schedule: Schedule,
    pub published_at: Option<i64>,
}

/// A row of `award_cycles` as stored, with the phase and the rule still as codes.
#[derive(sqlx::FromRow)]
struct RawCycle {
    id: i64,
    name: String,
    phase: String,
    rule: String,
    jury_weight: i64,
    nominations_until: i64,
    voting_until: i64,
    published_at: Option<i64>,
}

fn cycle_from(r: RawCycle) -> CycleRow {
    CycleRow {
        id: r.id,
        name: r.name,
        phase: Phase::from_code(&r.phase).unwrap_or(Phase::Draft),
        rule: Rule::from_code(&r.rule).unwrap_or(Rule::JuryFirst),
        jury_weight: r.jury_weight,
        schedule: Schedule {
            nominations_until: r.nominations_until,
            voting_until: r.voting_until,
        },
        published_at: r.published_at,
    }
}

const CYCLE_COLUMNS: &str =
    "id, name, phase, rule, jury_weight, nominations_until, voting_until, published_at";

pub async fn cycle(conn: &mut SqliteConnection, id: i64) -> StoreResult<CycleRow> {
    let row: Option<RawCycle> = sqlx::query_as(&format!(
        "SELECT {CYCLE_COLUMNS} FROM award_cycles WHERE id = ?"
    ))
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?;
    row.map(cycle_from).ok_or(NOT_FOUND)
}

/// A category's cycle, kind of nominee and regional flag.
#[derive(sqlx::FromRow)]
struct CategoryCycleRow {
    cycle_id: i64,
    nominee: String,
    regional: i64,
}

/// The cycle a category belongs to.
async fn cycle_of_category(
    conn: &mut SqliteConnection,
    category: i64,
) -> StoreResult<(CycleRow, Nominee, bool)> {
    let row: Option<CategoryCycleRow> =
        sqlx::query_as("SELECT cycle_id, nominee, regional FROM award_categories WHERE id = ?")
            .bind(category)
            .fetch_optional(&mut *conn)
            .await?;
    let CategoryCycleRow {
        cycle_id,
        nominee,
        regional,
    } = row.ok_or(NOT_FOUND)?;
    let c = cycle(conn, cycle_id).await?;
    Ok((
        c,
        Nominee::from_code(&nominee).unwrap_or(Nominee::Organisation),
        regional != 0,
    ))
}

pub async fn log(
    conn: &mut SqliteConnection,
    cycle: i64,
    actor: Option<i64>,
    action: &str,
    detail: &str,
    reason: &str,
    now: i64,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO award_log (cycle_id, actor_id, action, detail, reason, at) VALUES (?, ?, ?, ?, ?, ?)",
    )
    .bind(cycle)
    .bind(actor)
    .bind(action)
    .bind(detail)
    .bind(reason)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    // what the audit log keeps of a cycle's story
    use crate::audit::{store::Record, Action, Target};
    let audited = match (action, detail) {
        ("phase", "published") => Some(Action::ResultsPublished),
        ("phase", _) => Some(Action::AwardPhase),
        ("voided", _) => Some(Action::VoteVoided),
        _ => None,
    };
    if let Some(audited) = audited {
        let after = if reason.is_empty() {
            detail.to_string()
        } else {
            format!("{detail}: {reason}")
        };
        Record::new(actor, audited, Target::AwardCycle(cycle))
            .change("", &after)
            .write(conn, now)
            .await?;
    }
    Ok(())
}

/// The name a nomination shows: the person's display name or the organisation's name.
const NOMINEE_NAME: &str =
    "COALESCE(n.org_name, (SELECT display_name FROM accounts WHERE id = n.nominee_id))";

/// A criterion of a cycle with its weight.
#[derive(sqlx::FromRow)]
struct CriterionRow {
    id: i64,
    code: String,
    weight: i64,
}

async fn criteria(pool: &SqlitePool, cycle: i64) -> sqlx::Result<Vec<Criterion>> {
    let rows: Vec<CriterionRow> = sqlx::query_as(
        "SELECT id, code, weight FROM award_criteria WHERE cycle_id = ? ORDER BY position",
    )
    .bind(cycle)
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|CriterionRow { id, code, weight }| Criterion { id, code, weight })
        .collect())
}
