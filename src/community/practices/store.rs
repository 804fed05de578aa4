//! SQL for best practices. A partner writes her own organisation's practices; an
//! administrator any. Each write checks who may make it inside its own write lock.
use super::*;
use crate::community::files::{self, FileAudience, Saved};
use crate::community::organisations::store::{represented_by, Writer};
use crate::community::{Status, PER_PAGE, RESEND_WITHIN};
use crate::db::{StoreResult, NOT_FOUND};
use crate::i18n::k;
use sqlx::{SqliteConnection, SqlitePool};

const SUMMARY: &str = "p.id, p.org_id, o.name_ky, o.name_ru, o.name_en, p.title, p.summary, p.region, p.audience, p.image, p.status";

/// An organisation's practices: the approved ones, and every one for its editors.
pub async fn of_org(pool: &SqlitePool, org: i64, all: bool) -> sqlx::Result<Vec<PracticeSummary>> {
    sqlx::query_as(&format!(
        "SELECT {SUMMARY} FROM practices p JOIN organisations o ON o.id = p.org_id \
         WHERE p.org_id = ? AND (? OR p.status = 'approved') ORDER BY p.id DESC"
    ))
    .bind(org)
    .bind(all)
    .fetch_all(pool)
    .await
}

/// The approved practices of listed organisations the filters ask for, newest first.
pub async fn showcase(pool: &SqlitePool, f: &Filters) -> sqlx::Result<(Vec<PracticeSummary>, i64)> {
    let q = f.q.trim().to_lowercase();
    let filter = "FROM practices p JOIN organisations o ON o.id = p.org_id \
        WHERE p.status = 'approved' AND o.status = 'approved' \
        AND (? = '' OR p.region = ?) AND (? = '' OR p.audience = ?) AND (? = '' OR instr(p.search, ?) > 0)";
    let total: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) {filter}"))
        .bind(&f.region)
        .bind(&f.region)
        .bind(&f.audience)
        .bind(&f.audience)
        .bind(&q)
        .bind(&q)
        .fetch_one(pool)
        .await?;
    let rows = sqlx::query_as(&format!(
        "SELECT {SUMMARY} {filter} ORDER BY p.id DESC LIMIT ? OFFSET ?"
    ))
    .bind(&f.region)
    .bind(&f.region)
    .bind(&f.audience)
    .bind(&f.audience)
    .bind(&q)
    .bind(&q)
    .bind(PER_PAGE)
    .bind((f.page.max(1) - 1).saturating_mul(PER_PAGE))
    .fetch_all(pool)
    .await?;
    Ok((rows, total))
}

/// Whether `who` may change practices of organisation `org` (the organisation's rule).
async fn may_edit(conn: &mut SqliteConnection, org: i64, who: Writer) -> sqlx::Result<bool> {
    crate::community::organisations::store::may_edit(conn, org, who).await
}

/// Refuses ([`NOT_FOUND`]) `who` where she may not change practice `id`, and a partner who
/// used her day's uploads: what the image handler asks before it reads the body.
pub async fn may_upload(pool: &SqlitePool, id: i64, who: Writer, now: i64) -> StoreResult<()> {
    let mut conn = pool.acquire().await?;
    let org: i64 = sqlx::query_scalar("SELECT org_id FROM practices WHERE id = ?")
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or(NOT_FOUND)?;
    if !may_edit(&mut conn, org, who).await? {
        return Err(NOT_FOUND);
    }
    if !who.admin {
        crate::community::files::check_quota(&mut conn, who.id, now).await?;
    }
    Ok(())
}

/// Practices of one organisation that may wait for approval at once (a flood meets this).
pub const WAITING_MAX: i64 = 10;

/// Practice `id` as `viewer` may see it: an approved one of a listed organisation by anyone;
/// any other only by its editors. `reader` is whoever is signed in (whether she reported it).
pub async fn page(
    pool: &SqlitePool,
    id: i64,
    viewer: Option<Writer>,
    reader: Option<i64>,
) -> StoreResult<PracticePage> {
    let mut conn = pool.acquire().await?;
    let practice: Practice = sqlx::query_as(&format!(
        "SELECT {SUMMARY}, p.body, p.results, p.reason \
         FROM practices p JOIN organisations o ON o.id = p.org_id WHERE p.id = ?"
    ))
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?
    .ok_or(NOT_FOUND)?;
    let org_listed: bool =
        sqlx::query_scalar("SELECT o.status = 'approved' FROM organisations o WHERE o.id = ?")
            .bind(practice.summary.org_id)
            .fetch_one(&mut *conn)
            .await?;
    let can_edit = match viewer {
        Some(w) => may_edit(&mut conn, practice.summary.org_id, w).await?,
        None => false,
    };
    if !(can_edit || practice.summary.status == Status::Approved.code() && org_listed) {
        return Err(NOT_FOUND);
    }
    drop(conn);
    let reported = match reader {
        Some(me) => {
            crate::moderation::store::has_reported(
                pool,
                crate::moderation::ItemKind::Practice,
                id,
                me,
            )
            .await?
        }
        None => false,
    };
    Ok(PracticePage {
        practice,
        can_edit,
        reported,
    })
}

/// Writes practice `id`'s search text again from what it reads now (inside the caller's
/// write): a body moderation hid or removed is not searchable.
pub async fn reindex(conn: &mut sqlx::SqliteConnection, id: i64) -> sqlx::Result<()> {
    let row: Option<(String, String, String, String)> =
        sqlx::query_as("SELECT title, summary, body, results FROM practices WHERE id = ?")
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?;
    if let Some((title, summary, body, results)) = row {
        let body = if crate::safeguard::shown(&body).is_some() {
            String::new()
        } else {
            body
        };
        let search = format!("{title} {summary} {body} {results}").to_lowercase();
        sqlx::query("UPDATE practices SET search = ? WHERE id = ?")
            .bind(search)
            .bind(id)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

fn search_text(p: &PracticeInput) -> String {
    format!("{} {} {} {}", p.title, p.summary, p.body, p.results).to_lowercase()
}

/// A new practice of organisation `org` (`None`: the one the partner represents), or a change
/// to practice `id`. An administrator's is approved at once; a partner's waits for approval
/// (a change to an approved one too). The same title sent again by the same person within
/// [`RESEND_WITHIN`] seconds is the same practice.
pub async fn save(
    pool: &SqlitePool,
    id: Option<i64>,
    org: Option<i64>,
    who: Writer,
    input: &PracticeInput,
    now: i64,
) -> StoreResult<i64> {
    let mut tx = crate::db::begin_immediate(pool).await?;
    let result = async {
        let status = if who.admin { "approved" } else { "pending" };
        let id = match id {
            Some(id) => {
                let org: i64 = sqlx::query_scalar("SELECT org_id FROM practices WHERE id = ?")
                    .bind(id)
                    .fetch_optional(&mut *tx)
                    .await?
                    .ok_or(NOT_FOUND)?;
                if !may_edit(&mut tx, org, who).await? {
                    return Err(NOT_FOUND);
                }
                id
            }
            None => {
                let org = match org {
                    Some(org) if who.admin => org,
                    _ => represented_by(&mut tx, who.id).await?.ok_or(NOT_FOUND)?,
                };
                let again: Option<i64> = sqlx::query_scalar(
                    "SELECT id FROM practices WHERE author_id = ? AND title = ? AND created_at > ?",
                )
                .bind(who.id)
                .bind(&input.title)
                .bind(now - RESEND_WITHIN)
                .fetch_optional(&mut *tx)
                .await?;
                if let Some(id) = again {
                    return Ok(id);
                }
                let exists: bool =
                    sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM organisations WHERE id = ?)")
                        .bind(org)
                        .fetch_one(&mut *tx)
                        .await?;
                if !exists {
                    return Err(NOT_FOUND);
                }
                let waiting: i64 = sqlx::query_scalar(
                    "SELECT COUNT(*) FROM practices WHERE org_id = ? AND status = 'pending'",
                )
                .bind(org)
                .fetch_one(&mut *tx)
                .await?;
                if !who.admin && waiting >= WAITING_MAX {
                    return Err(crate::db::rule("", k::PRACTICE_ERR_WAITING));
                }
                sqlx::query_scalar(
                    "INSERT INTO practices (org_id, author_id, title, summary, body, region, audience, created_at, updated_at) \
                     VALUES (?, ?, '', '', '', '', 'students', ?, ?) RETURNING id",
                )
                .bind(org)
                .bind(who.id)
                .bind(now)
                .bind(now)
                .fetch_one(&mut *tx)
                .await?
            }
        };
        sqlx::query(
            "UPDATE practices SET title = ?, summary = ?, body = ?, region = ?, audience = ?, results = ?, \
               search = ?, status = ?, reason = '', updated_at = ? WHERE id = ?",
        )
        .bind(&input.title)
        .bind(&input.summary)
        .bind(&input.body)
        .bind(&input.region)
        .bind(&input.audience)
        .bind(&input.results)
        .bind(search_text(input))
        .bind(status)
        .bind(now)
        .bind(id)
        .execute(&mut *tx)
        .await?;
        // its image waits with it, or shows with it
        let audience = if who.admin {
            FileAudience::Public
        } else {
            FileAudience::Review
        };
        let image: Option<String> = sqlx::query_scalar("SELECT image FROM practices WHERE id = ?")
            .bind(id)
            .fetch_one(&mut *tx)
            .await?;
        if let Some(image) = image {
            files::set_audience(&mut tx, &image, audience).await?;
        }
        Ok(id)
    }
    .await;
    tx.finish(result).await
}

/// A new image for practice `id`. A partner's sends the practice back for approval.
pub async fn set_image(
    pool: &SqlitePool,
    id: i64,
    who: Writer,
    file: Saved,
    now: i64,
) -> StoreResult<bool> {
    let mut tx = crate::db::begin_immediate(pool).await?;
    let result = async {
        let org: i64 = sqlx::query_scalar("SELECT org_id FROM practices WHERE id = ?")
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?
            .ok_or(NOT_FOUND)?;
        if !may_edit(&mut tx, org, who).await? {
            return Err(NOT_FOUND);
        }
        if !who.admin {
            files::check_quota(&mut tx, who.id, now).await?;
        }
        let (status, old): (String, Option<String>) =
            sqlx::query_as("SELECT status, image FROM practices WHERE id = ?")
                .bind(id)
                .fetch_one(&mut *tx)
                .await?;
        files::retire(&mut tx, old.as_deref()).await?;
        let public = who.admin && status == Status::Approved.code();
        let audience = if public {
            FileAudience::Public
        } else {
            FileAudience::Review
        };
        files::record(&mut tx, &file, audience, who.id, now).await?;
        let to = if who.admin {
            status.as_str()
        } else {
            "pending"
        };
        sqlx::query("UPDATE practices SET image = ?, status = ?, updated_at = ? WHERE id = ?")
            .bind(&file.name)
            .bind(to)
            .bind(now)
            .bind(id)
            .execute(&mut *tx)
            .await?;
        Ok(!public)
    }
    .await;
    let waits = tx.finish(result).await?;
    file.keep();
    Ok(waits)
}

/// An administrator's decision on a waiting practice, as of `seen` (its `updated_at` when she
/// read it: a practice changed since is read again first).
pub async fn decide(
    pool: &SqlitePool,
    id: i64,
    seen: i64,
    approve: bool,
    reason: &str,
) -> StoreResult<()> {
    let mut tx = crate::db::begin_immediate(pool).await?;
    let result = async {
        let row: Option<(String, i64, Option<String>)> =
            sqlx::query_as("SELECT status, updated_at, image FROM practices WHERE id = ?")
                .bind(id)
                .fetch_optional(&mut *tx)
                .await?;
        let (status, updated, image) = row.ok_or(NOT_FOUND)?;
        if status != Status::Pending.code() || updated != seen {
            return Err(crate::db::stale(k::COMMUNITY_ERR_DECIDED));
        }
        sqlx::query("UPDATE practices SET status = ?, reason = ? WHERE id = ?")
            .bind(if approve { "approved" } else { "rejected" })
            .bind(reason)
            .bind(id)
            .execute(&mut *tx)
            .await?;
        if let (true, Some(image)) = (approve, image) {
            files::set_audience(&mut tx, &image, FileAudience::Public).await?;
        }
        Ok(())
    }
    .await;
    tx.finish(result).await
}

/// Practices waiting for an administrator, oldest change first.
pub async fn waiting(pool: &SqlitePool, limit: i64) -> sqlx::Result<Vec<Waiting>> {
    sqlx::query_as(&format!(
        "SELECT {SUMMARY}, p.body, p.results, p.reason, p.updated_at FROM practices p \
         JOIN organisations o ON o.id = p.org_id WHERE p.status = 'pending' ORDER BY p.updated_at LIMIT ?"
    ))
    .bind(limit)
    .fetch_all(pool)
    .await
}

/// The approved practices of listed organisations (id, title, organisation's name) for a
/// list to pick from (award nominations).
pub async fn listed(pool: &SqlitePool) -> sqlx::Result<Vec<PracticeSummary>> {
    sqlx::query_as(&format!(
        "SELECT {SUMMARY} FROM practices p JOIN organisations o ON o.id = p.org_id \
         WHERE p.status = 'approved' AND o.status = 'approved' ORDER BY p.title"
    ))
    .fetch_all(pool)
    .await
}

/// An approved practice of a listed organisation: "title (organisation)" and the
/// organisation's id, for a nomination that names it.
pub async fn listed_title(
    conn: &mut SqliteConnection,
    id: i64,
) -> sqlx::Result<Option<(String, i64)>> {
    let row: Option<PracticeSummary> = sqlx::query_as(&format!(
        "SELECT {SUMMARY} FROM practices p JOIN organisations o ON o.id = p.org_id \
         WHERE p.id = ? AND p.status = 'approved' AND o.status = 'approved'"
    ))
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(row.map(|p| {
        let org = p.org.in_locale(crate::i18n::Locale::En).to_string();
        (format!("{} ({org})", p.title), p.org_id)
    }))
}
