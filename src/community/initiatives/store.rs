//! SQL for joint initiatives (administrators write them; everyone reads them). An initiative
//! names only listed organisations, at least two: checked in the write that saves it.
use super::*;
use crate::community::{PER_PAGE, RESEND_WITHIN};
use crate::db::{rule, StoreResult, NOT_FOUND};
use sqlx::{SqliteConnection, SqlitePool};

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    title: String,
    description: String,
    status: String,
    starts_on: String,
    ends_on: Option<String>,
    outcomes: String,
}

#[derive(sqlx::FromRow)]
struct OrgOf {
    initiative_id: i64,
    org_id: i64,
    #[sqlx(flatten)]
    names: Names,
}

const COLUMNS: &str = "i.id, i.title, i.description, i.status, i.starts_on, i.ends_on, i.outcomes";

/// The initiatives' organisations, in one query.
async fn with_orgs(pool: &SqlitePool, rows: Vec<Row>) -> sqlx::Result<Vec<InitiativeSummary>> {
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let marks = vec!["?"; rows.len()].join(", ");
    let sql = format!(
        "SELECT io.initiative_id, io.org_id, o.name_ky, o.name_ru, o.name_en FROM initiative_organisations io \
         JOIN organisations o ON o.id = io.org_id WHERE io.initiative_id IN ({marks}) ORDER BY o.id"
    );
    let mut q = sqlx::query_as::<_, OrgOf>(&sql);
    for r in &rows {
        q = q.bind(r.id);
    }
    let orgs = q.fetch_all(pool).await?;
    Ok(rows
        .into_iter()
        .map(|r| InitiativeSummary {
            orgs: orgs
                .iter()
                .filter(|o| o.initiative_id == r.id)
                .map(|o| (o.org_id, o.names.clone()))
                .collect(),
            id: r.id,
            title: r.title,
            description: r.description,
            status: r.status,
            starts_on: r.starts_on,
            ends_on: r.ends_on,
            outcomes: r.outcomes,
        })
        .collect())
}

/// A page of initiatives, the latest to start first, and how many there are.
pub async fn list(pool: &SqlitePool, page: i64) -> sqlx::Result<(Vec<InitiativeSummary>, i64)> {
    let total = sqlx::query_scalar("SELECT COUNT(*) FROM initiatives")
        .fetch_one(pool)
        .await?;
    let rows = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM initiatives i ORDER BY i.starts_on DESC, i.id DESC LIMIT ? OFFSET ?"
    ))
    .bind(PER_PAGE)
    .bind((page.max(1) - 1).saturating_mul(PER_PAGE))
    .fetch_all(pool)
    .await?;
    Ok((with_orgs(pool, rows).await?, total))
}

/// Organisation `org`'s initiatives.
pub async fn of_org(pool: &SqlitePool, org: i64) -> sqlx::Result<Vec<InitiativeSummary>> {
    let rows = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM initiatives i JOIN initiative_organisations io ON io.initiative_id = i.id \
         WHERE io.org_id = ? ORDER BY i.starts_on DESC"
    ))
    .bind(org)
    .fetch_all(pool)
    .await?;
    with_orgs(pool, rows).await
}

/// One initiative.
pub async fn one(pool: &SqlitePool, id: i64) -> StoreResult<InitiativeSummary> {
    let row: Row = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM initiatives i WHERE i.id = ?"
    ))
    .bind(id)
    .fetch_optional(pool)
    .await?
    .ok_or(NOT_FOUND)?;
    Ok(with_orgs(pool, vec![row]).await?.remove(0))
}

async fn link_orgs(conn: &mut SqliteConnection, id: i64, orgs: &[i64]) -> StoreResult<()> {
    sqlx::query("DELETE FROM initiative_organisations WHERE initiative_id = ?")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    for org in orgs {
        let listed: bool = sqlx::query_scalar(
            "SELECT EXISTS (SELECT 1 FROM organisations WHERE id = ? AND status = 'approved')",
        )
        .bind(org)
        .fetch_one(&mut *conn)
        .await?;
        if !listed {
            return Err(rule("orgs", crate::i18n::k::ERR_CHOOSE_ONE));
        }
        sqlx::query("INSERT INTO initiative_organisations (initiative_id, org_id) VALUES (?, ?)")
            .bind(id)
            .bind(org)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// A new initiative (`id` `None`; the same title by the same administrator within
/// [`RESEND_WITHIN`] seconds is the same one) or a change to one.
pub async fn save(
    pool: &SqlitePool,
    id: Option<i64>,
    by: i64,
    input: &InitiativeInput,
    now: i64,
) -> StoreResult<i64> {
    let mut tx = crate::db::begin_immediate(pool).await?;
    let result = async {
        let id = match id {
            Some(id) => {
                let exists: bool =
                    sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM initiatives WHERE id = ?)")
                        .bind(id)
                        .fetch_one(&mut *tx)
                        .await?;
                if !exists {
                    return Err(NOT_FOUND);
                }
                id
            }
            None => {
                let again: Option<i64> = sqlx::query_scalar(
                    "SELECT id FROM initiatives WHERE created_by = ? AND title = ? AND created_at > ?",
                )
                .bind(by)
                .bind(&input.title)
                .bind(now - RESEND_WITHIN)
                .fetch_optional(&mut *tx)
                .await?;
                match again {
                    Some(id) => id,
                    None => sqlx::query_scalar(
                        "INSERT INTO initiatives (title, status, starts_on, created_by, created_at, updated_at) \
                         VALUES ('', 'planned', ?, ?, ?, ?) RETURNING id",
                    )
                    .bind(&input.starts_on)
                    .bind(by)
                    .bind(now)
                    .bind(now)
                    .fetch_one(&mut *tx)
                    .await?,
                }
            }
        };
        sqlx::query(
            "UPDATE initiatives SET title = ?, description = ?, status = ?, starts_on = ?, ends_on = ?, \
               outcomes = ?, updated_at = ? WHERE id = ?",
        )
        .bind(&input.title)
        .bind(&input.description)
        .bind(input.status.code())
        .bind(&input.starts_on)
        .bind(&input.ends_on)
        .bind(&input.outcomes)
        .bind(now)
        .bind(id)
        .execute(&mut *tx)
        .await?;
        link_orgs(&mut tx, id, &input.orgs).await?;
        Ok(id)
    }
    .await;
    tx.finish(result).await
}
