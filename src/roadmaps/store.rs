//! SQL for roadmaps. Every change of a roadmap or its steps first passes `claim`, which bumps
//! the version only if the caller saw the current one (compare-and-set) and only for the
//! owner; the rest of the change runs in the same write transaction.
use super::templates::TemplateStep;
use super::*;
use crate::db::{begin_immediate, rule, stale, StoreResult, WriteTx, NOT_FOUND};
use crate::notifications::{store::name_of, store::notify, Kind};
use sqlx::{SqliteConnection, SqlitePool};

use crate::time::{iso_date, today};

/// A roadmap's owner and visibility code.
#[derive(sqlx::FromRow)]
struct AccessRow {
    owner_id: i64,
    visibility: String,
    /// her profile says she is an adult: only then does "public" reach strangers (a profile
    /// switched to under 18 while a save was making the roadmap public never exposes it)
    adult: bool,
}

/// SQL true when the owner of roadmap `r` is an adult by her profile (the one condition under
/// which a public roadmap is shown to people who are not her mentors).
const OWNER_ADULT: &str = "EXISTS (SELECT 1 FROM mentee_profiles p \
     WHERE p.account_id = r.owner_id AND p.age_band = 'adult')";

/// How `me` may see roadmap `id`, and its owner; `None` means 404.
pub async fn access(pool: &SqlitePool, id: i64, me: i64) -> sqlx::Result<Option<(Relation, i64)>> {
    let row: Option<AccessRow> = sqlx::query_as(&format!(
        "SELECT r.owner_id, r.visibility, {OWNER_ADULT} AS adult FROM roadmaps r WHERE r.id = ?"
    ))
    .bind(id)
    .fetch_optional(pool)
    .await?;
    let Some(row) = row else {
        return Ok(None);
    };
    let AccessRow {
        owner_id: owner,
        visibility,
        adult,
    } = row;
    if owner == me {
        return Ok(Some((Relation::Owner, owner)));
    }
    if visibility == "private" {
        return Ok(None);
    }
    let mentor: bool = sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM mentorships WHERE mentor_id = ? AND mentee_id = ? AND state IN ('active', 'paused'))",
    )
    .bind(me)
    .bind(owner)
    .fetch_one(pool)
    .await?;
    Ok(if mentor {
        Some((Relation::Mentor, owner))
    } else if visibility == "public" && adult {
        Some((Relation::Reader, owner))
    } else {
        None
    })
}

/// A roadmap's own fields and its owner's name.
#[derive(sqlx::FromRow)]
struct RoadmapRow {
    title: String,
    description: String,
    target_date: Option<String>,
    visibility: String,
    version: i64,
    created_at: i64,
    owner_name: String,
}

/// A step of a roadmap, with its status as a code.
#[derive(sqlx::FromRow)]
struct StepRow {
    id: i64,
    title: String,
    details: String,
    criterion: String,
    due_date: Option<String>,
    status: String,
    done_at: Option<i64>,
}

/// A resource linked from a step.
#[derive(sqlx::FromRow)]
struct ResourceRow {
    step_id: i64,
    title: String,
    url: String,
}

/// A comment on a step, with its author's name (none once the account is gone).
#[derive(sqlx::FromRow)]
struct CommentRow {
    id: i64,
    step_id: i64,
    author_name: Option<String>,
    body: String,
    created_at: i64,
    reported: bool,
}

/// An open suggestion, with its author's name (none once the account is gone).
#[derive(sqlx::FromRow)]
struct SuggestionRow {
    id: i64,
    author_name: Option<String>,
    title: String,
    details: String,
    created_at: i64,
}

/// The whole roadmap as `me` may see it.
pub async fn view(
    pool: &SqlitePool,
    id: i64,
    me: i64,
    now: i64,
) -> sqlx::Result<Option<RoadmapView>> {
    let Some((access, _)) = self::access(pool, id, me).await? else {
        return Ok(None);
    };
    let roadmap: RoadmapRow = sqlx::query_as(
        "SELECT r.title, r.description, r.target_date, r.visibility, r.version, r.created_at, a.display_name AS owner_name \
         FROM roadmaps r JOIN accounts a ON a.id = r.owner_id WHERE r.id = ?",
    )
    .bind(id)
    .fetch_one(pool)
    .await?;
    let RoadmapRow {
        title,
        description,
        target_date,
        visibility,
        version,
        created_at,
        owner_name,
    } = roadmap;
    let rows: Vec<StepRow> = sqlx::query_as(
        "SELECT id, title, details, criterion, due_date, status, done_at FROM roadmap_steps \
         WHERE roadmap_id = ? ORDER BY position, id",
    )
    .bind(id)
    .fetch_all(pool)
    .await?;
    let resources: Vec<ResourceRow> = sqlx::query_as(
        "SELECT r.step_id, r.title, r.url FROM roadmap_resources r JOIN roadmap_steps s ON s.id = r.step_id \
         WHERE s.roadmap_id = ? ORDER BY r.step_id, r.position",
    )
    .bind(id)
    .fetch_all(pool)
    .await?;
    // comments are between the mentee and her mentors, never shown to other readers
    let comments: Vec<CommentRow> = if access == Relation::Reader {
        Vec::new()
    } else {
        sqlx::query_as(&format!(
            "SELECT c.id, c.step_id, a.display_name AS author_name, c.body, c.created_at, {} AS reported \
             FROM roadmap_comments c \
             JOIN roadmap_steps s ON s.id = c.step_id LEFT JOIN accounts a ON a.id = c.author_id \
             WHERE s.roadmap_id = ? ORDER BY c.id",
            crate::moderation::store::reported_sql(crate::moderation::ItemKind::RoadmapComment, "c.id")
        ))
        .bind(me)
        .bind(id)
        .fetch_all(pool)
        .await?
    };
    let steps = rows
        .into_iter()
        .map(|step| {
            let StepRow {
                id: sid,
                title,
                details,
                criterion,
                due_date,
                status,
                done_at,
            } = step;
            StepView {
                id: sid,
                title,
                details,
                criterion,
                due_date,
                status: StepStatus::from_code(&status).unwrap_or(StepStatus::NotStarted),
                done_at,
                resources: resources
                    .iter()
                    .filter(|r| r.step_id == sid)
                    .map(|r| Resource {
                        title: r.title.clone(),
                        url: r.url.clone(),
                    })
                    .collect(),
                comments: comments
                    .iter()
                    .filter(|c| c.step_id == sid)
                    .map(|c| CommentView {
                        id: c.id,
                        author_name: c.author_name.clone().unwrap_or_default(),
                        body: c.body.clone(),
                        created_at: c.created_at,
                        reported: c.reported,
                    })
                    .collect(),
            }
        })
        .collect();
    let suggestions = if access == Relation::Reader {
        Vec::new()
    } else {
        let rows: Vec<SuggestionRow> = sqlx::query_as(
            "SELECT g.id, a.display_name AS author_name, g.title, g.details, g.created_at FROM roadmap_suggestions g \
             LEFT JOIN accounts a ON a.id = g.author_id WHERE g.roadmap_id = ? AND g.status = 'open' ORDER BY g.id",
        )
        .bind(id)
        .fetch_all(pool)
        .await?;
        rows.into_iter()
            .map(|g| SuggestionView {
                id: g.id,
                author_name: g.author_name.unwrap_or_default(),
                title: g.title,
                details: g.details,
                created_at: g.created_at,
            })
            .collect()
    };
    Ok(Some(RoadmapView {
        id,
        owner_name,
        title,
        description,
        target_date,
        visibility: Visibility::from_code(&visibility).unwrap_or(Visibility::Private),
        version,
        created_at,
        access,
        steps,
        suggestions,
        today: today(now),
    }))
}

const SUMMARY: &str = "SELECT r.id, r.title, a.display_name AS owner_name, r.target_date, r.visibility, \
       COALESCE(SUM(s.status IN ('done', 'skipped')), 0) AS finished, COUNT(s.id) AS total, \
       COALESCE(SUM(s.status NOT IN ('done', 'skipped') AND s.due_date < ?), 0) AS overdue \
     FROM roadmaps r JOIN accounts a ON a.id = r.owner_id LEFT JOIN roadmap_steps s ON s.roadmap_id = r.id";

/// A roadmap in a list, with its visibility as a code and its step counts.
#[derive(sqlx::FromRow)]
struct SummaryRow {
    id: i64,
    title: String,
    owner_name: String,
    target_date: Option<String>,
    visibility: String,
    finished: i64,
    total: i64,
    overdue: i64,
}

fn summary(r: SummaryRow) -> RoadmapSummary {
    RoadmapSummary {
        id: r.id,
        title: r.title,
        owner_name: r.owner_name,
        target_date: r.target_date,
        visibility: Visibility::from_code(&r.visibility).unwrap_or(Visibility::Private),
        finished: r.finished,
        total: r.total,
        overdue: r.overdue,
    }
}

/// Her own roadmaps, newest first.
pub async fn list_mine(
    pool: &SqlitePool,
    owner: i64,
    now: i64,
) -> sqlx::Result<Vec<RoadmapSummary>> {
    let rows: Vec<SummaryRow> = sqlx::query_as(&format!(
        "{SUMMARY} WHERE r.owner_id = ? GROUP BY r.id ORDER BY r.id DESC"
    ))
    .bind(iso_date(today(now)))
    .bind(owner)
    .fetch_all(pool)
    .await?;
    Ok(rows.into_iter().map(summary).collect())
}

/// Roadmaps that a mentor's current mentees share with mentors.
pub async fn list_shared_with(
    pool: &SqlitePool,
    mentor: i64,
    now: i64,
) -> sqlx::Result<Vec<RoadmapSummary>> {
    let rows: Vec<SummaryRow> = sqlx::query_as(&format!(
        "{SUMMARY} WHERE r.visibility IN ('mentor', 'public') AND r.owner_id IN \
           (SELECT mentee_id FROM mentorships WHERE mentor_id = ? AND state IN ('active', 'paused')) \
         GROUP BY r.id ORDER BY a.display_name, r.id DESC"
    ))
    .bind(iso_date(today(now)))
    .bind(mentor)
    .fetch_all(pool)
    .await?;
    Ok(rows.into_iter().map(summary).collect())
}

/// Public roadmaps of one person (for her profile page).
pub async fn list_public_of(
    pool: &SqlitePool,
    owner: i64,
    now: i64,
) -> sqlx::Result<Vec<RoadmapSummary>> {
    let rows: Vec<SummaryRow> = sqlx::query_as(&format!(
        "{SUMMARY} WHERE r.owner_id = ? AND r.visibility = 'public' AND {OWNER_ADULT} \
         GROUP BY r.id ORDER BY r.id DESC"
    ))
    .bind(iso_date(today(now)))
    .bind(owner)
    .fetch_all(pool)
    .await?;
    Ok(rows.into_iter().map(summary).collect())
}

/// Whether an account counts as under 18 for privacy: her profile says so, or she has no
/// profile yet (the most private default).
pub async fn is_minor<'c>(conn: impl sqlx::SqliteExecutor<'c>, account: i64) -> sqlx::Result<bool> {
    let band: Option<String> =
        sqlx::query_scalar("SELECT age_band FROM mentee_profiles WHERE account_id = ?")
            .bind(account)
            .fetch_optional(conn)
            .await?;
    Ok(band.as_deref() != Some("adult"))
}

pub struct RoadmapInput {
    pub title: String,
    pub description: String,
    pub target_date: Option<String>,
    pub visibility: Visibility,
}

/// A new roadmap, blank or copied from a template (steps copied, never linked).
pub async fn create(
    pool: &SqlitePool,
    owner: i64,
    input: &RoadmapInput,
    template: Option<i64>,
    now: i64,
) -> StoreResult<i64> {
    let mut tx = begin_immediate(pool).await?;
    let result: StoreResult<i64> = async {
        let conn: &mut SqliteConnection = &mut tx;
        let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM roadmaps WHERE owner_id = ?")
            .bind(owner)
            .fetch_one(&mut *conn)
            .await?;
        if count >= ROADMAPS_MAX {
            return Err(rule("", k::ERR_ROADMAP_TOO_MANY));
        }
        public_allowed(&mut *conn, owner, input.visibility).await?;
        let steps: Vec<TemplateStep> = match template {
            Some(t) => match templates::store::steps_to_copy(&mut *conn, t).await? {
                Some(steps) => steps,
                None => return Err(rule("template", k::ERR_CHOOSE_ONE)),
            },
            None => Vec::new(),
        };
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO roadmaps (owner_id, title, description, target_date, visibility, created_at, updated_at) \
             VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
        )
        .bind(owner)
        .bind(&input.title)
        .bind(&input.description)
        .bind(&input.target_date)
        .bind(input.visibility.code())
        .bind(now)
        .bind(now)
        .fetch_one(&mut *conn)
        .await?;
        for (i, step) in steps.iter().enumerate() {
            let TemplateStep {
                title,
                criterion,
                due_in_days: days,
            } = step;
            sqlx::query(
                "INSERT INTO roadmap_steps (roadmap_id, position, title, criterion, due_date, created_at) VALUES (?, ?, ?, ?, ?, ?)",
            )
            .bind(id)
            .bind(i as i64 + 1)
            .bind(title)
            .bind(criterion)
            .bind(days.map(|d| iso_date(today(now) + d)))
            .bind(now)
            .execute(&mut *conn)
            .await?;
        }
        Ok(id)
    }
    .await;
    tx.finish(result).await
}

/// The compare-and-set gate: the owner's change goes ahead only from the current version.
/// Returns the roadmap's creation day (for due-date checks).
async fn claim(
    conn: &mut SqliteConnection,
    id: i64,
    owner: i64,
    version: i64,
    now: i64,
) -> StoreResult<i64> {
    let created: Option<i64> = sqlx::query_scalar(
        "UPDATE roadmaps SET version = version + 1, updated_at = ? \
         WHERE id = ? AND owner_id = ? AND version = ? RETURNING created_at",
    )
    .bind(now)
    .bind(id)
    .bind(owner)
    .bind(version)
    .fetch_optional(&mut *conn)
    .await?;
    if let Some(created) = created {
        return Ok(today(created));
    }
    let mine: bool =
        sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM roadmaps WHERE id = ? AND owner_id = ?)")
            .bind(id)
            .bind(owner)
            .fetch_one(&mut *conn)
            .await?;
    Err(if mine {
        stale(k::ERR_ROADMAP_STALE)
    } else {
        NOT_FOUND
    })
}

/// Begins the write of a change after a successful claim (and, for a change to one step,
/// after checking the step belongs to this roadmap: a step id from another roadmap is a 404).
/// Returns the transaction and the roadmap's creation day.
async fn claimed(
    pool: &SqlitePool,
    id: i64,
    owner: i64,
    version: i64,
    step: Option<i64>,
    now: i64,
) -> StoreResult<(WriteTx, i64)> {
    let mut tx = begin_immediate(pool).await?;
    let created_day = claim(&mut tx, id, owner, version, now).await?;
    if let Some(step) = step {
        if !step_of(&mut tx, id, step).await? {
            return Err(NOT_FOUND);
        }
    }
    Ok((tx, created_day))
}

/// The step ids of a roadmap, in order.
async fn order_of(conn: &mut SqliteConnection, id: i64) -> sqlx::Result<Vec<i64>> {
    sqlx::query_scalar("SELECT id FROM roadmap_steps WHERE roadmap_id = ? ORDER BY position, id")
        .bind(id)
        .fetch_all(conn)
        .await
}

fn due_ok(due: &Option<String>, created_day: i64) -> bool {
    due.as_deref()
        .and_then(crate::time::parse_date)
        .is_none_or(|d| d >= created_day)
}

/// Refuses "public" unless her profile says she is an adult, read inside the write (the form
/// checked it before, but her profile may have changed to under 18 since).
async fn public_allowed(
    conn: &mut SqliteConnection,
    owner: i64,
    visibility: Visibility,
) -> StoreResult<()> {
    if visibility != Visibility::Public {
        return Ok(());
    }
    if is_minor(conn, owner).await? {
        Err(rule("visibility", k::ERR_ROADMAP_PUBLIC_MINOR))
    } else {
        Ok(())
    }
}

/// Makes every public roadmap of `owner` private (her profile now says she is under 18), in the
/// caller's transaction; each one's version moves on, so a form opened before sees it changed.
pub async fn make_private(conn: &mut SqliteConnection, owner: i64, now: i64) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE roadmaps SET visibility = 'private', version = version + 1, updated_at = ? \
         WHERE owner_id = ? AND visibility = 'public'",
    )
    .bind(now)
    .bind(owner)
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn update(
    pool: &SqlitePool,
    id: i64,
    owner: i64,
    version: i64,
    input: RoadmapInput,
    now: i64,
) -> StoreResult<()> {
    let (mut tx, created_day) = claimed(pool, id, owner, version, None, now).await?;
    let result: StoreResult<_> = async {
        let conn: &mut SqliteConnection = &mut tx;
        if !due_ok(&input.target_date, created_day) {
            return Err(rule("target_date", k::ERR_DATE_BEFORE_START));
        }
        public_allowed(&mut *conn, owner, input.visibility).await?;
        sqlx::query("UPDATE roadmaps SET title = ?, description = ?, target_date = ?, visibility = ? WHERE id = ?")
            .bind(&input.title)
            .bind(&input.description)
            .bind(&input.target_date)
            .bind(input.visibility.code())
            .bind(id)
            .execute(&mut *conn)
            .await?;
        Ok(())
    }
    .await;
    tx.finish(result).await
}

pub async fn delete(
    pool: &SqlitePool,
    id: i64,
    owner: i64,
    version: i64,
    now: i64,
) -> StoreResult<()> {
    let (mut tx, _) = claimed(pool, id, owner, version, None, now).await?;
    let result: StoreResult<_> = async {
        let conn: &mut SqliteConnection = &mut tx;
        sqlx::query("DELETE FROM roadmaps WHERE id = ?")
            .bind(id)
            .execute(&mut *conn)
            .await?;
        Ok(())
    }
    .await;
    tx.finish(result).await
}

#[derive(Clone, Debug)]
pub struct StepInput {
    pub title: String,
    pub details: String,
    pub criterion: String,
    pub due_date: Option<String>,
    pub resources: Vec<Resource>,
}

async fn write_resources(
    conn: &mut SqliteConnection,
    step: i64,
    list: &[Resource],
) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM roadmap_resources WHERE step_id = ?")
        .bind(step)
        .execute(&mut *conn)
        .await?;
    for (i, r) in list.iter().enumerate() {
        sqlx::query(
            "INSERT INTO roadmap_resources (step_id, position, title, url) VALUES (?, ?, ?, ?)",
        )
        .bind(step)
        .bind(i as i64 + 1)
        .bind(&r.title)
        .bind(&r.url)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

async fn append_step(
    conn: &mut SqliteConnection,
    id: i64,
    s: &StepInput,
    now: i64,
) -> StoreResult<i64> {
    let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM roadmap_steps WHERE roadmap_id = ?")
        .bind(id)
        .fetch_one(&mut *conn)
        .await?;
    if count >= STEPS_MAX as i64 {
        return Err(rule("", k::ERR_ROADMAP_STEPS_MAX));
    }
    let step: i64 = sqlx::query_scalar(
        "INSERT INTO roadmap_steps (roadmap_id, position, title, details, criterion, due_date, created_at) \
         VALUES (?, (SELECT COALESCE(MAX(position), 0) + 1 FROM roadmap_steps WHERE roadmap_id = ?), ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(id)
    .bind(id)
    .bind(&s.title)
    .bind(&s.details)
    .bind(&s.criterion)
    .bind(&s.due_date)
    .bind(now)
    .fetch_one(&mut *conn)
    .await?;
    write_resources(conn, step, &s.resources).await?;
    Ok(step)
}

pub async fn add_step(
    pool: &SqlitePool,
    id: i64,
    owner: i64,
    version: i64,
    step: StepInput,
    now: i64,
) -> StoreResult<i64> {
    let (mut tx, created_day) = claimed(pool, id, owner, version, None, now).await?;
    let result = async {
        if !due_ok(&step.due_date, created_day) {
            return Err(rule("due_date", k::ERR_DATE_BEFORE_START));
        }
        append_step(&mut tx, id, &step, now).await
    }
    .await;
    tx.finish(result).await
}

/// Whether the step belongs to the roadmap (a step id from another roadmap is a 404).
async fn step_of(conn: &mut SqliteConnection, id: i64, step: i64) -> sqlx::Result<bool> {
    sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM roadmap_steps WHERE id = ? AND roadmap_id = ?)",
    )
    .bind(step)
    .bind(id)
    .fetch_one(conn)
    .await
}

pub async fn edit_step(
    pool: &SqlitePool,
    id: i64,
    owner: i64,
    version: i64,
    step: i64,
    input: StepInput,
    now: i64,
) -> StoreResult<()> {
    let (mut tx, created_day) = claimed(pool, id, owner, version, Some(step), now).await?;
    let result: StoreResult<_> = async {
        let conn: &mut SqliteConnection = &mut tx;
        if !due_ok(&input.due_date, created_day) {
            return Err(rule("due_date", k::ERR_DATE_BEFORE_START));
        }
        sqlx::query("UPDATE roadmap_steps SET title = ?, details = ?, criterion = ?, due_date = ? WHERE id = ?")
            .bind(&input.title)
            .bind(&input.details)
            .bind(&input.criterion)
            .bind(&input.due_date)
            .bind(step)
            .execute(&mut *conn)
            .await?;
        write_resources(conn, step, &input.resources).await?;
        Ok(())
    }
    .await;
    tx.finish(result).await
}

pub async fn set_status(
    pool: &SqlitePool,
    id: i64,
    owner: i64,
    version: i64,
    step: i64,
    status: StepStatus,
    now: i64,
) -> StoreResult<()> {
    let (mut tx, _) = claimed(pool, id, owner, version, Some(step), now).await?;
    let result: StoreResult<_> = async {
        let conn: &mut SqliteConnection = &mut tx;
        sqlx::query(
            "UPDATE roadmap_steps SET status = ?, \
               done_at = CASE WHEN ? = 'done' THEN COALESCE(CASE WHEN status = 'done' THEN done_at END, ?) END \
             WHERE id = ?",
        )
        .bind(status.code())
        .bind(status.code())
        .bind(now)
        .bind(step)
        .execute(&mut *conn)
        .await?;
        Ok(())
    }
    .await;
    tx.finish(result).await
}

/// Moves a step to a 0-based position.
pub async fn move_step(
    pool: &SqlitePool,
    id: i64,
    owner: i64,
    version: i64,
    step: i64,
    to: i64,
    now: i64,
) -> StoreResult<()> {
    let (mut tx, _) = claimed(pool, id, owner, version, Some(step), now).await?;
    let result: StoreResult<_> = async {
        let conn: &mut SqliteConnection = &mut tx;
        let order = order_of(conn, id).await?;
        let Some(order) = usize::try_from(to)
            .ok()
            .and_then(|to| move_to(&order, step, to))
        else {
            return Err(rule("", k::ERR_STEP_POSITION));
        };
        renumber(conn, &order).await?;
        Ok(())
    }
    .await;
    tx.finish(result).await
}

async fn renumber(conn: &mut SqliteConnection, order: &[i64]) -> sqlx::Result<()> {
    for (i, sid) in order.iter().enumerate() {
        sqlx::query("UPDATE roadmap_steps SET position = ? WHERE id = ?")
            .bind(i as i64 + 1)
            .bind(sid)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

pub async fn delete_step(
    pool: &SqlitePool,
    id: i64,
    owner: i64,
    version: i64,
    step: i64,
    now: i64,
) -> StoreResult<()> {
    let (mut tx, _) = claimed(pool, id, owner, version, Some(step), now).await?;
    let result: StoreResult<_> = async {
        let conn: &mut SqliteConnection = &mut tx;
        sqlx::query("DELETE FROM roadmap_steps WHERE id = ?")
            .bind(step)
            .execute(&mut *conn)
            .await?;
        let order = order_of(conn, id).await?;
        renumber(conn, &order).await?;
        Ok(())
    }
    .await;
    tx.finish(result).await
}

/// The mentor comments on a step; the mentee is told.
pub async fn comment(
    pool: &SqlitePool,
    id: i64,
    step: i64,
    mentor: i64,
    body: &str,
    now: i64,
) -> StoreResult<()> {
    match access(pool, id, mentor).await? {
        Some((Relation::Mentor, owner)) => {
            let mut tx = begin_immediate(pool).await?;
            let result: StoreResult<_> = async {
                let conn: &mut SqliteConnection = &mut tx;
                if !step_of(conn, id, step).await? {
                    return Err(NOT_FOUND);
                }
                crate::moderation::store::refuse_if_silenced(conn, mentor, "", now).await?;
                let cid: i64 = sqlx::query_scalar(
                    "INSERT INTO roadmap_comments (step_id, author_id, body, created_at) VALUES (?, ?, ?, ?) RETURNING id",
                )
                .bind(step)
                .bind(mentor)
                .bind(body)
                .bind(now)
                .fetch_one(&mut *conn)
                .await?;
                // contact details wait for an administrator (safeguard)
                crate::moderation::store::screen(
                    conn,
                    crate::moderation::Channel::RoadmapComment,
                    cid,
                    mentor,
                    body,
                    now,
                )
                .await?;
                let name = name_of(conn, mentor).await?;
                notify(conn, owner, Kind::RoadmapComment, &name, &format!("/roadmaps/{id}"), now).await?;
                Ok(())
            }
            .await;
            tx.finish(result).await
        }
        _ => Err(NOT_FOUND),
    }
}

/// The mentor suggests a step; the mentee is told, and accepts or dismisses it.
pub async fn suggest(
    pool: &SqlitePool,
    id: i64,
    mentor: i64,
    title: &str,
    details: &str,
    now: i64,
) -> StoreResult<i64> {
    match access(pool, id, mentor).await? {
        Some((Relation::Mentor, owner)) => {
            let mut tx = begin_immediate(pool).await?;
            let result: StoreResult<_> = async {
                let conn: &mut SqliteConnection = &mut tx;
                crate::moderation::store::refuse_if_silenced(conn, mentor, "", now).await?;
                let open: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM roadmap_suggestions WHERE roadmap_id = ? AND status = 'open'")
                    .bind(id)
                    .fetch_one(&mut *conn)
                    .await?;
                if open >= 20 {
                    return Err(rule("", k::ERR_ROADMAP_STEPS_MAX));
                }
                let sid: i64 = sqlx::query_scalar(
                    "INSERT INTO roadmap_suggestions (roadmap_id, author_id, title, details, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id",
                )
                .bind(id)
                .bind(mentor)
                .bind(title)
                .bind(details)
                .bind(now)
                .fetch_one(&mut *conn)
                .await?;
                // contact details wait for an administrator (safeguard)
                for (channel, text) in [
                    (crate::moderation::Channel::SuggestionTitle, title),
                    (crate::moderation::Channel::SuggestionDetails, details),
                ] {
                    crate::moderation::store::screen(conn, channel, sid, mentor, text, now).await?;
                }
                let name = name_of(conn, mentor).await?;
                notify(conn, owner, Kind::RoadmapSuggestion, &name, &format!("/roadmaps/{id}"), now).await?;
                Ok(sid)
            }
            .await;
            tx.finish(result).await
        }
        _ => Err(NOT_FOUND),
    }
}

/// The title and details of a decided suggestion.
#[derive(sqlx::FromRow)]
struct DecidedSuggestionRow {
    title: String,
    details: String,
}

/// The owner accepts (the suggestion becomes her last step) or dismisses a suggestion.
pub async fn decide(
    pool: &SqlitePool,
    id: i64,
    owner: i64,
    version: i64,
    suggestion: i64,
    accept: bool,
    now: i64,
) -> StoreResult<()> {
    let (mut tx, _) = claimed(pool, id, owner, version, None, now).await?;
    let result: StoreResult<_> = async {
        let conn: &mut SqliteConnection = &mut tx;
        let row: Option<DecidedSuggestionRow> = sqlx::query_as(
            "UPDATE roadmap_suggestions SET status = ?, decided_at = ? WHERE id = ? AND roadmap_id = ? AND status = 'open' \
             RETURNING title, details",
        )
        .bind(if accept { "accepted" } else { "dismissed" })
        .bind(now)
        .bind(suggestion)
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?;
        let Some(DecidedSuggestionRow { title, details }) = row else {
            return Err(NOT_FOUND);
        };
        if accept {
            // words still held (or removed) never become her step
            if [&title, &details]
                .iter()
                .any(|t| crate::safeguard::shown(t).is_some())
            {
                return Err(rule("", k::HELD_TEXT_WAITING));
            }
            let step = StepInput {
                title,
                details,
                criterion: String::new(),
                due_date: None,
                resources: Vec::new(),
            };
            append_step(conn, id, &step, now).await?;
        }
        Ok(())
    }
    .await;
    tx.finish(result).await
}
