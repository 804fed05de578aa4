//! SQL for mentorships, their messages and session logs. Every read and write names the
//! person asking, so someone outside the mentorship finds nothing (404).
use super::{HeldMessage, MentorshipState, MentorshipSummary, MessageView, SessionView};
use sqlx::SqlitePool;

type SummaryRow = (i64, i64, i64, String, String, String, i64);

fn summary(r: SummaryRow, me: i64) -> MentorshipSummary {
    let (id, mentee_id, mentor_id, mentee_name, mentor_name, state, started_at) = r;
    let as_mentor = mentor_id == me;
    MentorshipSummary {
        id,
        other_id: if as_mentor { mentee_id } else { mentor_id },
        other_name: if as_mentor { mentee_name } else { mentor_name },
        as_mentor,
        state: MentorshipState::from_code(&state).unwrap_or(MentorshipState::Cancelled),
        started_at,
    }
}

const SUMMARY: &str =
    "SELECT s.id, s.mentee_id, s.mentor_id, e.display_name, o.display_name, s.state, s.started_at \
    FROM mentorships s JOIN accounts e ON e.id = s.mentee_id JOIN accounts o ON o.id = s.mentor_id";

/// The mentorship, if `me` is one of its two people.
pub async fn mentorship_of(
    pool: &SqlitePool,
    id: i64,
    me: i64,
) -> sqlx::Result<Option<MentorshipSummary>> {
    let row: Option<SummaryRow> = sqlx::query_as(&format!(
        "{SUMMARY} WHERE s.id = ? AND (s.mentee_id = ? OR s.mentor_id = ?)"
    ))
    .bind(id)
    .bind(me)
    .bind(me)
    .fetch_optional(pool)
    .await?;
    Ok(row.map(|r| summary(r, me)))
}

pub async fn list_for(pool: &SqlitePool, me: i64) -> sqlx::Result<Vec<MentorshipSummary>> {
    let rows: Vec<SummaryRow> = sqlx::query_as(&format!(
        "{SUMMARY} WHERE s.mentee_id = ? OR s.mentor_id = ? ORDER BY s.state = 'active' DESC, s.started_at DESC LIMIT 100"
    ))
    .bind(me)
    .bind(me)
    .fetch_all(pool)
    .await?;
    Ok(rows.into_iter().map(|r| summary(r, me)).collect())
}

/// A page of messages, oldest first: delivered ones, and the viewer's own held ones.
pub async fn messages(
    pool: &SqlitePool,
    mentorship_id: i64,
    me: i64,
    before: Option<i64>,
    limit: i64,
) -> sqlx::Result<(Vec<MessageView>, Option<i64>)> {
    let rows: Vec<(i64, i64, String, String, String, i64)> = sqlx::query_as(
        "SELECT m.id, m.sender_id, a.display_name, m.body, m.status, m.created_at FROM messages m \
         JOIN accounts a ON a.id = m.sender_id \
         WHERE m.mentorship_id = ? AND (m.status = 'delivered' OR (m.status = 'held' AND m.sender_id = ?)) \
           AND (? IS NULL OR m.id < ?) \
         ORDER BY m.id DESC LIMIT ?",
    )
    .bind(mentorship_id)
    .bind(me)
    .bind(before)
    .bind(before)
    .bind(limit + 1)
    .fetch_all(pool)
    .await?;
    let more = rows.len() as i64 > limit;
    let mut page: Vec<MessageView> = rows
        .into_iter()
        .take(limit as usize)
        .map(|(id, sender, name, body, status, created_at)| MessageView {
            id,
            mine: sender == me,
            sender_name: name,
            body,
            held: status == "held",
            created_at,
        })
        .collect();
    page.reverse();
    let older = if more {
        page.first().map(|m| m.id)
    } else {
        None
    };
    Ok((page, older))
}

/// Adds a message to an ongoing mentorship of the sender. `Ok(false)`: not hers, or over.
pub async fn post_message(
    pool: &SqlitePool,
    mentorship_id: i64,
    sender: i64,
    body: &str,
    held: bool,
    now: i64,
) -> sqlx::Result<bool> {
    let r = sqlx::query(
        "INSERT INTO messages (mentorship_id, sender_id, body, status, created_at) \
         SELECT id, ?, ?, ?, ? FROM mentorships \
         WHERE id = ? AND (mentee_id = ? OR mentor_id = ?) AND state IN ('active', 'paused')",
    )
    .bind(sender)
    .bind(body)
    .bind(if held { "held" } else { "delivered" })
    .bind(now)
    .bind(mentorship_id)
    .bind(sender)
    .bind(sender)
    .execute(pool)
    .await?;
    Ok(r.rows_affected() == 1)
}

#[allow(clippy::too_many_arguments)]
pub async fn log_session(
    pool: &SqlitePool,
    mentorship_id: i64,
    by: i64,
    held_on: &str,
    minutes: i64,
    topics: &str,
    now: i64,
) -> sqlx::Result<bool> {
    let r = sqlx::query(
        "INSERT INTO session_logs (mentorship_id, logged_by, held_on, minutes, topics, created_at) \
         SELECT id, ?, ?, ?, ?, ? FROM mentorships \
         WHERE id = ? AND (mentee_id = ? OR mentor_id = ?) AND state IN ('active', 'paused')",
    )
    .bind(by)
    .bind(held_on)
    .bind(minutes)
    .bind(topics)
    .bind(now)
    .bind(mentorship_id)
    .bind(by)
    .bind(by)
    .execute(pool)
    .await?;
    Ok(r.rows_affected() == 1)
}

pub async fn sessions(pool: &SqlitePool, mentorship_id: i64) -> sqlx::Result<Vec<SessionView>> {
    let rows: Vec<(String, i64, String, String)> = sqlx::query_as(
        "SELECT l.held_on, l.minutes, l.topics, a.display_name FROM session_logs l JOIN accounts a ON a.id = l.logged_by \
         WHERE l.mentorship_id = ? ORDER BY l.held_on DESC, l.id DESC LIMIT 200",
    )
    .bind(mentorship_id)
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(held_on, minutes, topics, logged_by)| SessionView {
            held_on,
            minutes,
            topics,
            logged_by,
        })
        .collect())
}

/// Messages waiting for an administrator, oldest first.
pub async fn held_messages(pool: &SqlitePool) -> sqlx::Result<Vec<HeldMessage>> {
    let rows: Vec<(i64, String, String, String, i64)> = sqlx::query_as(
        "SELECT m.id, a.display_name, CASE WHEN s.mentee_id = m.sender_id THEN o.display_name ELSE e.display_name END, \
                m.body, m.created_at \
         FROM messages m JOIN mentorships s ON s.id = m.mentorship_id JOIN accounts a ON a.id = m.sender_id \
         JOIN accounts e ON e.id = s.mentee_id JOIN accounts o ON o.id = s.mentor_id \
         WHERE m.status = 'held' ORDER BY m.id LIMIT 100",
    )
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(
            |(id, sender_name, recipient_name, body, created_at)| HeldMessage {
                id,
                sender_name,
                recipient_name,
                body,
                created_at,
            },
        )
        .collect())
}

/// Delivers or rejects a held message. `Ok(false)`: no held message with that id.
pub async fn review_message(pool: &SqlitePool, id: i64, deliver: bool) -> sqlx::Result<bool> {
    let r = sqlx::query("UPDATE messages SET status = ? WHERE id = ? AND status = 'held'")
        .bind(if deliver { "delivered" } else { "rejected" })
        .bind(id)
        .execute(pool)
        .await?;
    Ok(r.rows_affected() == 1)
}
