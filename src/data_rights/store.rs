//! Reading everything about one person: one query per part, each naming her by `?1`. The
//! parts are the tables that hold what she wrote or what is about her; words of others she
//! reads (her mentor's messages) come with them, as they are part of her conversations.
use super::{Export, Part};
use crate::db::{rule, StoreResult, NOT_FOUND};
use crate::i18n::k;
use sqlx::{Column, Row, SqlitePool, TypeInfo, ValueRef};

/// (part, query): every column named, never `*`, so what leaves is what is listed here.
pub const PARTS: &[(&str, &str)] = &[
    ("account", "SELECT id, email, display_name, role, region, district, locale, time_zone, email_confirmed_at, created_at FROM accounts WHERE id = ?1"),
    ("mentee_profile", "SELECT career_stage, goals, meeting_format, hours_per_month, age_band, updated_at FROM mentee_profiles WHERE account_id = ?1"),
    ("mentor_profile", "SELECT organisation, title, years_experience, capacity, status, bio, style, approval, review_reason, stages, hours_per_month, updated_at FROM mentor_profiles WHERE account_id = ?1"),
    ("skills", "SELECT s.code FROM profile_skills p JOIN taxonomy_skills s ON s.id = p.skill_id WHERE p.account_id = ?1 ORDER BY s.code"),
    ("languages", "SELECT language, level FROM profile_languages WHERE account_id = ?1 ORDER BY language"),
    ("requests", "SELECT r.id, r.mentee_id = ?1 AS sent_by_me, a.display_name AS other_person, r.state, r.message, r.hopes, r.question, r.answer, r.created_at, r.answered_at \
      FROM mentorship_requests r LEFT JOIN accounts a ON a.id = CASE WHEN r.mentee_id = ?1 THEN r.mentor_id ELSE r.mentee_id END \
      WHERE r.mentee_id = ?1 OR r.mentor_id = ?1 ORDER BY r.id"),
    ("mentorships", "SELECT m.id, m.mentee_id = ?1 AS as_mentee, a.display_name AS other_person, m.state, m.started_at, m.ended_at, m.end_reason \
      FROM mentorships m LEFT JOIN accounts a ON a.id = CASE WHEN m.mentee_id = ?1 THEN m.mentor_id ELSE m.mentee_id END \
      WHERE m.mentee_id = ?1 OR m.mentor_id = ?1 ORDER BY m.id"),
    ("messages", "SELECT g.mentorship_id, g.sender_id = ?1 AS sent_by_me, g.body, g.status, g.created_at FROM messages g \
      JOIN mentorships m ON m.id = g.mentorship_id WHERE (m.mentee_id = ?1 OR m.mentor_id = ?1) \
      AND (g.sender_id = ?1 OR g.status = 'delivered') ORDER BY g.id"),
    ("session_logs", "SELECT s.mentorship_id, s.held_on, s.minutes, s.topics FROM session_logs s JOIN mentorships m ON m.id = s.mentorship_id \
      WHERE m.mentee_id = ?1 OR m.mentor_id = ?1 ORDER BY s.id"),
    ("ratings_given", "SELECT mentorship_id, rating, comment, created_at FROM mentorship_ratings WHERE rater_id = ?1"),
    ("roadmaps", "SELECT id, title, description, target_date, visibility, created_at, updated_at FROM roadmaps WHERE owner_id = ?1 ORDER BY id"),
    ("roadmap_steps", "SELECT s.roadmap_id, s.position, s.title, s.details, s.criterion, s.due_date, s.status, s.done_at FROM roadmap_steps s \
      JOIN roadmaps r ON r.id = s.roadmap_id WHERE r.owner_id = ?1 ORDER BY s.roadmap_id, s.position"),
    ("roadmap_comments_written", "SELECT step_id, body, created_at FROM roadmap_comments WHERE author_id = ?1 ORDER BY id"),
    ("lecture_registrations", "SELECT l.title, l.starts_at, g.status, g.attended, g.created_at FROM lecture_registrations g \
      JOIN lectures l ON l.id = g.lecture_id WHERE g.account_id = ?1 ORDER BY l.starts_at"),
    ("lecture_ratings", "SELECT lecture_id, stars, comment, created_at FROM lecture_ratings WHERE account_id = ?1"),
    ("groups", "SELECT g.name, m.joined_at FROM peer_group_members m JOIN peer_groups g ON g.id = m.group_id WHERE m.account_id = ?1 ORDER BY m.id"),
    ("group_posts", "SELECT group_id, body, created_at FROM peer_group_posts WHERE author_id = ?1 ORDER BY id"),
    ("nominations", "SELECT n.id, c.code AS category, n.org_name, n.reason, n.status, n.created_at FROM award_nominations n \
      JOIN award_categories c ON c.id = n.category_id WHERE n.nominator_id = ?1 OR n.nominee_id = ?1 ORDER BY n.id"),
    ("votes", "SELECT c.code AS category, v.nomination_id, v.receipt, v.cast_at, v.voided_at FROM award_votes v \
      JOIN award_categories c ON c.id = v.category_id WHERE v.voter_id = ?1 ORDER BY v.id"),
    ("reports_made", "SELECT item_kind, item_id, reason, details, created_at FROM reports WHERE reporter_id = ?1 ORDER BY id"),
    ("moderation_of_my_content", "SELECT id, item_kind, state, outcome, reason, opened_at, decided_at, appeal, appealed_at, appeal_outcome, appeal_reason \
      FROM moderation_cases WHERE author_id = ?1 ORDER BY id"),
    ("sanctions", "SELECT kind, reason, ends_at, lifted_at, created_at FROM sanctions WHERE account_id = ?1 ORDER BY id"),
    ("notifications", "SELECT kind, param, link, created_at, read_at FROM notifications WHERE account_id = ?1 ORDER BY id"),
    ("sign_ins", "SELECT action, address, at FROM audit_log WHERE target_kind = 'account' AND target_id = ?1 \
      AND action IN ('sign_in', 'sign_in_failed') ORDER BY id"),
];

/// Everything about `account` (none: `None`).
pub async fn export(pool: &SqlitePool, account: i64, now: i64) -> sqlx::Result<Option<Export>> {
    let exists: bool = sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM accounts WHERE id = ? AND deleted_at IS NULL)",
    )
    .bind(account)
    .fetch_one(pool)
    .await?;
    if !exists {
        return Ok(None);
    }
    let mut parts = Vec::with_capacity(PARTS.len());
    for (name, sql) in PARTS {
        let rows = sqlx::query(sql).bind(account).fetch_all(pool).await?;
        parts.push(Part {
            name,
            rows: rows.iter().map(json_row).collect(),
        });
    }
    Ok(Some(Export {
        account_id: account,
        generated_at: now,
        parts,
    }))
}

/// A row as a JSON object, each value by its stored type.
fn json_row(row: &sqlx::sqlite::SqliteRow) -> serde_json::Map<String, serde_json::Value> {
    use serde_json::Value;
    let mut out = serde_json::Map::new();
    for (i, col) in row.columns().iter().enumerate() {
        let kind = row
            .try_get_raw(i)
            .map(|v| {
                if v.is_null() {
                    "NULL".to_string()
                } else {
                    v.type_info().name().to_string()
                }
            })
            .unwrap_or_default();
        let value = match kind.as_str() {
            "INTEGER" => row
                .try_get::<i64, _>(i)
                .map(Value::from)
                .unwrap_or(Value::Null),
            "REAL" => row
                .try_get::<f64, _>(i)
                .map(Value::from)
                .unwrap_or(Value::Null),
            "TEXT" => row
                .try_get::<String, _>(i)
                .map(Value::from)
                .unwrap_or(Value::Null),
            _ => Value::Null,
        };
        out.insert(col.name().to_string(), value);
    }
    out
}

/// `by` downloads `account`'s data (`how`: which file, and whether on her request): audited,
/// and counted and written under one write lock, so parallel downloads meet the limit of
/// [`super::EXPORTS_PER_HOUR`] too ([`crate::db::Refusal::Throttled`]).
pub async fn claim_export(
    pool: &SqlitePool,
    by: i64,
    account: i64,
    how: &str,
    now: i64,
) -> StoreResult<()> {
    use crate::audit::{store::Record, Action, Target};
    let mut tx = crate::db::begin_immediate(pool).await?;
    let recent: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM audit_log WHERE action = 'data_export' AND target_kind = 'account' \
         AND target_id = ? AND at > ?",
    )
    .bind(account)
    .bind(now - 3_600)
    .fetch_one(&mut *tx)
    .await?;
    if recent >= super::EXPORTS_PER_HOUR {
        return Err(crate::db::Refusal::Throttled(60).into());
    }
    Record::new(Some(by), Action::DataExport, Target::Account(account))
        .change("", how)
        .write(&mut tx, now)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// The account with this address, for an administrator's export on request.
pub async fn by_email(pool: &SqlitePool, email: &str) -> sqlx::Result<Option<i64>> {
    sqlx::query_scalar("SELECT id FROM accounts WHERE email = ? AND deleted_at IS NULL")
        .bind(email.trim().to_lowercase())
        .fetch_optional(pool)
        .await
}

/// Private things of hers that go with her account (each `?1` is her id): her profile, her
/// roadmaps (their steps, comments and suggestions go with them), her links and feeds, what was waiting to be sent to her, her place in groups and organisations.
const ERASED: &[&str] = &[
    "DELETE FROM password_resets WHERE account_id = ?1",
    "DELETE FROM email_confirmations WHERE account_id = ?1",
    "DELETE FROM calendar_feeds WHERE account_id = ?1",
    "DELETE FROM notifications WHERE account_id = ?1",
    "DELETE FROM email_outbox WHERE account_id = ?1",
    "DELETE FROM profile_skills WHERE account_id = ?1",
    "DELETE FROM profile_languages WHERE account_id = ?1",
    "DELETE FROM mentee_profiles WHERE account_id = ?1",
    "DELETE FROM mentor_profiles WHERE account_id = ?1",
    "DELETE FROM roadmaps WHERE owner_id = ?1",
    "DELETE FROM match_exclusions WHERE mentee_id = ?1 OR mentor_id = ?1",
    // a cohort draft still being edited loses her pair (publishing an older revision is refused)
    "UPDATE match_drafts SET revision = revision + 1 WHERE state = 'draft' AND id IN \
       (SELECT draft_id FROM match_draft_pairs WHERE mentee_id = ?1 OR mentor_id = ?1)",
    "DELETE FROM match_draft_pairs WHERE (mentee_id = ?1 OR mentor_id = ?1) AND draft_id IN \
       (SELECT id FROM match_drafts WHERE state = 'draft')",
    "DELETE FROM lecture_speakers WHERE account_id = ?1",
    "DELETE FROM organisation_partners WHERE account_id = ?1",
    // what she said about others stays counted, without her words
    "UPDATE mentorship_ratings SET comment = '' WHERE rater_id = ?1",
    "UPDATE lecture_ratings SET comment = '' WHERE account_id = ?1",
];

/// After [`ERASED`] (`?1` her id, `?2` [`crate::safeguard::DELETED`], `?3` no password): the
/// notices the people she wrote to hold lose her name, and her row stays, nameless (votes,
/// messages, posts and the audit log point to it).
const NAMELESS: &[&str] = &[
    "UPDATE notifications SET param = ?2 WHERE param = (SELECT display_name FROM accounts WHERE id = ?1) \
       AND account_id IN (SELECT mentor_id FROM mentorship_requests WHERE mentee_id = ?1 \
                          UNION SELECT mentee_id FROM mentorship_requests WHERE mentor_id = ?1)",
    "UPDATE accounts SET email = 'deleted-' || id || '@deleted.invalid', display_name = ?2, \
       password_hash = ?3, district = NULL, time_zone = NULL, email_confirmed_at = NULL, \
       suspended_at = NULL WHERE id = ?1",
];

/// Deletes `account` at her own wish or (`by` an administrator) on her written request: her
/// open mentorships end and the other person is told, her open requests close, her places at
/// upcoming lectures go to whoever waits; her profile and private content are erased; her
/// votes stay counted but point to a nameless account, and what she wrote to others reads
/// "Deleted account". Audited in the same transaction. [`NOT_FOUND`] for no such account or
/// one already deleted; administrators' accounts are refused (another administrator changes
/// their role first).
pub async fn erase(
    pool: &SqlitePool,
    account: i64,
    by: i64,
    request: &str,
    now: i64,
) -> StoreResult<()> {
    use crate::audit::{store::Record, Action, Target};
    let mut tx = crate::db::begin_immediate(pool).await?;
    let result: StoreResult<()> = async {
        let conn: &mut sqlx::SqliteConnection = &mut tx;
        let role: Option<String> =
            sqlx::query_scalar("SELECT role FROM accounts WHERE id = ? AND deleted_at IS NULL")
                .bind(account)
                .fetch_optional(&mut *conn)
                .await?;
        let Some(role) = role else {
            return Err(NOT_FOUND);
        };
        if role == crate::auth::Role::Admin.code() {
            return Err(rule("", k::DATA_ERR_ADMIN));
        }
        crate::mentoring::mentorships::store::end_for_deleted_account(conn, account, now).await?;
        crate::mentoring::requests::store::close_for_deleted_account(conn, account, now).await?;
        crate::learning::lectures::store::leave_upcoming(conn, account, now).await?;
        crate::learning::groups::store::leave_every_group(conn, account, now).await?;
        crate::moderation::store::withdraw_held_of(conn, account, now).await?;
        crate::awards::store::decline_for_deleted_account(conn, account).await?;
        crate::auth::store::end_sessions(conn, account).await?;
        for sql in ERASED {
            sqlx::query(sql).bind(account).execute(&mut *conn).await?;
        }
        for sql in NAMELESS {
            sqlx::query(sql)
                .bind(account)
                .bind(crate::safeguard::DELETED)
                .bind(crate::auth::password::UNUSABLE)
                .execute(&mut *conn)
                .await?;
        }
        sqlx::query("UPDATE accounts SET deleted_at = ? WHERE id = ?")
            .bind(now)
            .bind(account)
            .execute(&mut *conn)
            .await?;
        let how = if by == account {
            "at her own wish".to_string()
        } else {
            format!("on her written request: {request}")
        };
        Record::new(Some(by), Action::AccountDeleted, Target::Account(account))
            .change(&role, &how)
            .write(conn, now)
            .await?;
        Ok(())
    }
    .await;
    tx.finish(result).await
}
