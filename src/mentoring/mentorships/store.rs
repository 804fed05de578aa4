//! SQL for mentorships, their messages and session logs. Every read and write names the
//! person asking, so someone outside the mentorship finds nothing (404).
use crate::db::{begin_immediate, rule, StoreResult, NOT_FOUND};
use crate::i18n::k;
use crate::mentoring::mentorships::lifecycle::{next, Change};
use crate::mentoring::{
    EventView, HeldMessage, MentorshipState, MentorshipSummary, MessageView, RatingView,
    SessionView,
};
use crate::notifications::{store::name_of, store::notify, Kind};
use sqlx::{SqliteConnection, SqlitePool};

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

/// Adds a message to an ongoing mentorship of the sender, and tells the other person (unless
/// the message is held). Not hers, or over: `NOT_FOUND`.
pub async fn post_message(
    pool: &SqlitePool,
    mentorship_id: i64,
    sender: i64,
    body: &str,
    held: bool,
    now: i64,
) -> StoreResult<()> {
    let mut tx = begin_immediate(pool).await?;
    let result: StoreResult<()> = async {
        let conn: &mut SqliteConnection = &mut tx;
        let other: Option<i64> = sqlx::query_scalar(
            "INSERT INTO messages (mentorship_id, sender_id, body, status, created_at) \
             SELECT id, ?, ?, ?, ? FROM mentorships \
             WHERE id = ? AND (mentee_id = ? OR mentor_id = ?) AND state IN ('active', 'paused') \
             RETURNING (SELECT CASE WHEN s.mentee_id = ? THEN s.mentor_id ELSE s.mentee_id END FROM mentorships s WHERE s.id = ?)",
        )
        .bind(sender)
        .bind(body)
        .bind(if held { "held" } else { "delivered" })
        .bind(now)
        .bind(mentorship_id)
        .bind(sender)
        .bind(sender)
        .bind(sender)
        .bind(mentorship_id)
        .fetch_optional(&mut *conn)
        .await?;
        let Some(other) = other else {
            return Err(NOT_FOUND);
        };
        if !held {
            let name = name_of(conn, sender).await?;
            let link = format!("/mentorships/{mentorship_id}");
            notify(conn, other, Kind::Message, &name, &link, now).await?;
        }
        Ok(())
    }
    .await;
    tx.finish(result).await
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
) -> StoreResult<()> {
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
    if r.rows_affected() == 0 {
        return Err(NOT_FOUND);
    }
    Ok(())
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

/// Delivers (and tells the recipient) or rejects a held message. No held message with that id:
/// `NOT_FOUND`.
pub async fn review_message(pool: &SqlitePool, id: i64, deliver: bool) -> StoreResult<()> {
    let mut tx = begin_immediate(pool).await?;
    let result: StoreResult<()> = async {
        let conn: &mut SqliteConnection = &mut tx;
        let row: Option<(i64, i64, i64, i64)> = sqlx::query_as(
            "UPDATE messages SET status = ? WHERE id = ? AND status = 'held' \
             RETURNING mentorship_id, sender_id, \
               (SELECT mentee_id FROM mentorships WHERE id = mentorship_id), \
               (SELECT mentor_id FROM mentorships WHERE id = mentorship_id)",
        )
        .bind(if deliver { "delivered" } else { "rejected" })
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?;
        let Some((mentorship_id, sender, mentee, mentor)) = row else {
            return Err(NOT_FOUND);
        };
        if deliver {
            let to = if sender == mentee { mentor } else { mentee };
            let name = name_of(conn, sender).await?;
            let link = format!("/mentorships/{mentorship_id}");
            notify(conn, to, Kind::Message, &name, &link, crate::db::now()).await?;
        }
        Ok(())
    }
    .await;
    tx.finish(result).await
}

/// One of the two people pauses, resumes, completes or cancels their mentorship. The change is
/// recorded (who, why, when) and the other person is told.
pub async fn change_state(
    pool: &SqlitePool,
    mentorship_id: i64,
    actor: i64,
    change: Change,
    reason: &str,
    now: i64,
) -> StoreResult<MentorshipState> {
    let mut tx = begin_immediate(pool).await?;
    let result: StoreResult<MentorshipState> = async {
        let conn: &mut SqliteConnection = &mut tx;
        let row: Option<(i64, i64, String)> = sqlx::query_as(
            "SELECT mentee_id, mentor_id, state FROM mentorships WHERE id = ? AND (mentee_id = ? OR mentor_id = ?)",
        )
        .bind(mentorship_id)
        .bind(actor)
        .bind(actor)
        .fetch_optional(&mut *conn)
        .await?;
        let Some((mentee, mentor, state)) = row else {
            return Err(NOT_FOUND);
        };
        let from = MentorshipState::from_code(&state).unwrap_or(MentorshipState::Cancelled);
        let to = match next(from, change) {
            Ok(to) => to,
            Err(key) => return Err(rule("", key)),
        };
        let ends = matches!(to, MentorshipState::Completed | MentorshipState::Cancelled);
        sqlx::query(
            "UPDATE mentorships SET state = ?, \
               ended_at = CASE WHEN ? THEN ? ELSE ended_at END, \
               ended_by = CASE WHEN ? THEN ? ELSE ended_by END, \
               end_reason = CASE WHEN ? THEN ? ELSE end_reason END \
             WHERE id = ?",
        )
        .bind(to.code())
        .bind(ends)
        .bind(now)
        .bind(ends)
        .bind(actor)
        .bind(ends)
        .bind(reason)
        .bind(mentorship_id)
        .execute(&mut *conn)
        .await?;
        sqlx::query(
            "INSERT INTO mentorship_events (mentorship_id, actor_id, from_state, to_state, reason, at) VALUES (?, ?, ?, ?, ?, ?)",
        )
        .bind(mentorship_id)
        .bind(actor)
        .bind(from.code())
        .bind(to.code())
        .bind(reason)
        .bind(now)
        .execute(&mut *conn)
        .await?;
        let kind = match change {
            Change::Pause => Kind::MentorshipPaused,
            Change::Resume => Kind::MentorshipResumed,
            Change::Complete => Kind::MentorshipCompleted,
            Change::Cancel => Kind::MentorshipCancelled,
        };
        let other = if actor == mentee { mentor } else { mentee };
        let name = name_of(conn, actor).await?;
        notify(
            conn,
            other,
            kind,
            &name,
            &format!("/mentorships/{mentorship_id}"),
            now,
        )
        .await?;
        Ok(to)
    }
    .await;
    tx.finish(result).await
}

/// The history of state changes, oldest first.
pub async fn events(pool: &SqlitePool, mentorship_id: i64) -> sqlx::Result<Vec<EventView>> {
    let rows: Vec<(Option<String>, String, String, i64)> = sqlx::query_as(
        "SELECT a.display_name, e.to_state, e.reason, e.at FROM mentorship_events e \
         LEFT JOIN accounts a ON a.id = e.actor_id WHERE e.mentorship_id = ? ORDER BY e.id",
    )
    .bind(mentorship_id)
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(actor_name, to, reason, at)| {
            Some(EventView {
                actor_name: actor_name.unwrap_or_default(),
                to: MentorshipState::from_code(&to)?,
                reason,
                at,
            })
        })
        .collect())
}

/// A completed mentorship's rating by one of its two people; once each.
pub async fn rate(
    pool: &SqlitePool,
    mentorship_id: i64,
    rater: i64,
    rating: i64,
    comment: &str,
    now: i64,
) -> StoreResult<()> {
    let state: Option<String> = sqlx::query_scalar(
        "SELECT state FROM mentorships WHERE id = ? AND (mentee_id = ? OR mentor_id = ?)",
    )
    .bind(mentorship_id)
    .bind(rater)
    .bind(rater)
    .fetch_optional(pool)
    .await?;
    match state.as_deref() {
        None => return Err(NOT_FOUND),
        Some("completed") => {}
        Some(_) => return Err(rule("", k::ERR_RATING_NOT_COMPLETED)),
    }
    let r = sqlx::query(
        "INSERT INTO mentorship_ratings (mentorship_id, rater_id, rating, comment, created_at) \
         VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
    )
    .bind(mentorship_id)
    .bind(rater)
    .bind(rating)
    .bind(comment)
    .bind(now)
    .execute(pool)
    .await?;
    if r.rows_affected() == 0 {
        return Err(rule("", k::ERR_RATING_TWICE));
    }
    Ok(())
}

pub async fn ratings(
    pool: &SqlitePool,
    mentorship_id: i64,
    me: i64,
) -> sqlx::Result<Vec<RatingView>> {
    let rows: Vec<(i64, String, i64, String, i64)> = sqlx::query_as(
        "SELECT r.rater_id, a.display_name, r.rating, r.comment, r.created_at FROM mentorship_ratings r \
         JOIN accounts a ON a.id = r.rater_id WHERE r.mentorship_id = ? ORDER BY r.created_at",
    )
    .bind(mentorship_id)
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(rater, rater_name, rating, comment, at)| RatingView {
            mine: rater == me,
            rater_name,
            rating,
            comment,
            at,
        })
        .collect())
}
