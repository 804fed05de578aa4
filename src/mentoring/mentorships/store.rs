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

/// A mentorship with both people's names, its state still as a code.
#[derive(sqlx::FromRow)]
struct SummaryRow {
    id: i64,
    mentee_id: i64,
    mentor_id: i64,
    mentee_name: String,
    mentor_name: String,
    state: String,
    started_at: i64,
}

fn summary(r: SummaryRow, me: i64) -> MentorshipSummary {
    let SummaryRow {
        id,
        mentee_id,
        mentor_id,
        mentee_name,
        mentor_name,
        state,
        started_at,
    } = r;
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

const SUMMARY: &str = "SELECT s.id, s.mentee_id, s.mentor_id, e.display_name AS mentee_name, \
    o.display_name AS mentor_name, s.state, s.started_at \
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

/// A message with its sender's name, its status still as a code.
#[derive(sqlx::FromRow)]
struct MessageRow {
    id: i64,
    sender_id: i64,
    sender_name: String,
    body: String,
    status: String,
    created_at: i64,
    reported: bool,
}

/// A page of messages, oldest first: delivered ones, and the viewer's own held ones.
pub async fn messages(
    pool: &SqlitePool,
    mentorship_id: i64,
    me: i64,
    before: Option<i64>,
    limit: i64,
) -> sqlx::Result<(Vec<MessageView>, Option<i64>)> {
    let rows: Vec<MessageRow> = sqlx::query_as(&format!(
        "SELECT m.id, m.sender_id, a.display_name AS sender_name, m.body, m.status, m.created_at, {} AS reported \
         FROM messages m JOIN accounts a ON a.id = m.sender_id \
         WHERE m.mentorship_id = ? AND (m.status = 'delivered' OR (m.status = 'held' AND m.sender_id = ?)) \
           AND (? IS NULL OR m.id < ?) \
         ORDER BY m.id DESC LIMIT ?",
        crate::moderation::store::reported_sql(crate::moderation::ItemKind::Message, "m.id")
    ))
    .bind(me)
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
        .map(|r| MessageView {
            id: r.id,
            mine: r.sender_id == me,
            sender_name: r.sender_name,
            body: r.body,
            held: r.status == "held",
            created_at: r.created_at,
            reported: r.reported,
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
        crate::moderation::store::refuse_if_silenced(conn, sender, "", now).await?;
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

/// A session as logged: the day it was held ("YYYY-MM-DD"), its length and what was covered.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SessionEntry<'a> {
    pub held_on: &'a str,
    pub minutes: i64,
    pub topics: &'a str,
}

pub async fn log_session(
    pool: &SqlitePool,
    mentorship_id: i64,
    by: i64,
    entry: &SessionEntry<'_>,
    now: i64,
) -> StoreResult<()> {
    let SessionEntry {
        held_on,
        minutes,
        topics,
    } = *entry;
    let mut tx = crate::db::begin_immediate(pool).await?;
    // the topics are words the other person reads
    crate::moderation::store::refuse_if_silenced(&mut tx, by, "topics", now).await?;
    let id: Option<i64> = sqlx::query_scalar(
        "INSERT INTO session_logs (mentorship_id, logged_by, held_on, minutes, topics, created_at) \
         SELECT id, ?, ?, ?, ?, ? FROM mentorships \
         WHERE id = ? AND (mentee_id = ? OR mentor_id = ?) AND state IN ('active', 'paused') \
         RETURNING id",
    )
    .bind(by)
    .bind(held_on)
    .bind(minutes)
    .bind(topics)
    .bind(now)
    .bind(mentorship_id)
    .bind(by)
    .bind(by)
    .fetch_optional(&mut *tx)
    .await?;
    let Some(id) = id else { return Err(NOT_FOUND) };
    // contact details in what was covered wait for an administrator (safeguard)
    crate::moderation::store::screen(
        &mut tx,
        crate::moderation::Channel::SessionTopics,
        id,
        by,
        topics,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// A session log with the name of the person who logged it.
#[derive(sqlx::FromRow)]
struct SessionRow {
    held_on: String,
    minutes: i64,
    topics: String,
    logged_by: String,
}

pub async fn sessions(pool: &SqlitePool, mentorship_id: i64) -> sqlx::Result<Vec<SessionView>> {
    let rows: Vec<SessionRow> = sqlx::query_as(
        "SELECT l.held_on, l.minutes, l.topics, a.display_name AS logged_by FROM session_logs l JOIN accounts a ON a.id = l.logged_by \
         WHERE l.mentorship_id = ? ORDER BY l.held_on DESC, l.id DESC LIMIT 200",
    )
    .bind(mentorship_id)
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| SessionView {
            held_on: r.held_on,
            minutes: r.minutes,
            topics: r.topics,
            logged_by: r.logged_by,
        })
        .collect())
}

/// A held message with the names of its sender and its recipient.
#[derive(sqlx::FromRow)]
struct HeldMessageRow {
    id: i64,
    sender_name: String,
    recipient_name: String,
    body: String,
    created_at: i64,
}

/// Messages waiting for an administrator, oldest first.
pub async fn held_messages(pool: &SqlitePool) -> sqlx::Result<Vec<HeldMessage>> {
    let rows: Vec<HeldMessageRow> = sqlx::query_as(
        "SELECT m.id, a.display_name AS sender_name, \
                CASE WHEN s.mentee_id = m.sender_id THEN o.display_name ELSE e.display_name END AS recipient_name, \
                m.body, m.created_at \
         FROM messages m JOIN mentorships s ON s.id = m.mentorship_id JOIN accounts a ON a.id = m.sender_id \
         JOIN accounts e ON e.id = s.mentee_id JOIN accounts o ON o.id = s.mentor_id \
         WHERE m.status = 'held' ORDER BY m.id LIMIT 100",
    )
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| HeldMessage {
            id: r.id,
            sender_name: r.sender_name,
            recipient_name: r.recipient_name,
            body: r.body,
            created_at: r.created_at,
        })
        .collect())
}

/// A message just reviewed: its mentorship, its sender and the mentorship's two people.
#[derive(sqlx::FromRow)]
struct ReviewedMessageRow {
    mentorship_id: i64,
    sender_id: i64,
    mentee_id: i64,
    mentor_id: i64,
}

/// Administrator `admin` delivers (and tells the recipient) or rejects a held message, in the
/// audit log. No held message with that id: `NOT_FOUND`.
pub async fn review_message(
    pool: &SqlitePool,
    id: i64,
    deliver: bool,
    admin: i64,
    now: i64,
) -> StoreResult<()> {
    let mut tx = begin_immediate(pool).await?;
    let result: StoreResult<()> = async {
        let conn: &mut SqliteConnection = &mut tx;
        let row: Option<ReviewedMessageRow> = sqlx::query_as(
            "UPDATE messages SET status = ? WHERE id = ? AND status = 'held' \
             RETURNING mentorship_id, sender_id, \
               (SELECT mentee_id FROM mentorships WHERE id = mentorship_id) AS mentee_id, \
               (SELECT mentor_id FROM mentorships WHERE id = mentorship_id) AS mentor_id",
        )
        .bind(if deliver { "delivered" } else { "rejected" })
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?;
        let Some(row) = row else {
            return Err(NOT_FOUND);
        };
        let ReviewedMessageRow {
            mentorship_id,
            sender_id: sender,
            mentee_id: mentee,
            mentor_id: mentor,
        } = row;
        if deliver {
            let to = if sender == mentee { mentor } else { mentee };
            let name = name_of(conn, sender).await?;
            let link = format!("/mentorships/{mentorship_id}");
            notify(conn, to, Kind::Message, &name, &link, now).await?;
        }
        crate::audit::store::Record::new(
            Some(admin),
            crate::audit::Action::Moderation,
            crate::audit::Target::HeldMessage(id),
        )
        .change(
            "held message",
            if deliver { "delivered" } else { "rejected" },
        )
        .write(conn, now)
        .await?;
        Ok(())
    }
    .await;
    tx.finish(result).await
}

/// A mentorship's two people and its state code.
#[derive(sqlx::FromRow)]
struct MentorshipPartiesRow {
    mentee_id: i64,
    mentor_id: i64,
    state: String,
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
        let row: Option<MentorshipPartiesRow> = sqlx::query_as(
            "SELECT mentee_id, mentor_id, state FROM mentorships WHERE id = ? AND (mentee_id = ? OR mentor_id = ?)",
        )
        .bind(mentorship_id)
        .bind(actor)
        .bind(actor)
        .fetch_optional(&mut *conn)
        .await?;
        let Some(row) = row else {
            return Err(NOT_FOUND);
        };
        // a reason is words the other person reads: while silenced, she changes it without one
        if !reason.trim().is_empty() {
            crate::moderation::store::refuse_if_silenced(conn, actor, "reason", now).await?;
        }
        let MentorshipPartiesRow {
            mentee_id: mentee,
            mentor_id: mentor,
            state,
        } = row;
        let from = MentorshipState::from_code(&state).unwrap_or(MentorshipState::Cancelled);
        let to = match next(from, change) {
            Ok(to) => to,
            Err(key) => return Err(rule("", key)),
        };
        move_state(conn, mentorship_id, actor, from, to, reason, now).await?;
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

/// Inside the caller's transaction: mentorship `id` moves from `from` to `to` by `actor`, with
/// her reason: an event is recorded, and an ending stamps when, by whom and why. The other
/// person reads the reason, so contact details in it wait for an administrator (`screen`).
async fn move_state(
    conn: &mut SqliteConnection,
    id: i64,
    actor: i64,
    from: MentorshipState,
    to: MentorshipState,
    reason: &str,
    now: i64,
) -> sqlx::Result<()> {
    let ends = matches!(to, MentorshipState::Completed | MentorshipState::Cancelled);
    let event = sqlx::query(
        "INSERT INTO mentorship_events (mentorship_id, actor_id, from_state, to_state, reason, at) VALUES (?, ?, ?, ?, ?, ?)",
    )
    .bind(id)
    .bind(actor)
    .bind(from.code())
    .bind(to.code())
    .bind(reason)
    .bind(now)
    .execute(&mut *conn)
    .await?
    .last_insert_rowid();
    let held = crate::moderation::store::screen(
        conn,
        crate::moderation::Channel::MentorshipReason,
        event,
        actor,
        reason,
        now,
    )
    .await?;
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
    // a held reason never stays here either (the event's copy is the one released)
    .bind(if held { crate::safeguard::HELD } else { reason })
    .bind(id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// A state change with the name of the person who made it (none when she is gone).
#[derive(sqlx::FromRow)]
struct EventRow {
    actor_name: Option<String>,
    to_state: String,
    reason: String,
    at: i64,
}

/// The history of state changes, oldest first.
pub async fn events(pool: &SqlitePool, mentorship_id: i64) -> sqlx::Result<Vec<EventView>> {
    let rows: Vec<EventRow> = sqlx::query_as(
        "SELECT a.display_name AS actor_name, e.to_state, e.reason, e.at FROM mentorship_events e \
         LEFT JOIN accounts a ON a.id = e.actor_id WHERE e.mentorship_id = ? ORDER BY e.id",
    )
    .bind(mentorship_id)
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            Some(EventView {
                actor_name: r.actor_name.unwrap_or_default(),
                to: MentorshipState::from_code(&r.to_state)?,
                reason: r.reason,
                at: r.at,
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
    let mut tx = begin_immediate(pool).await?;
    let result: StoreResult<()> = async {
        let conn: &mut SqliteConnection = &mut tx;
        crate::moderation::store::refuse_if_silenced(conn, rater, "", now).await?;
        let state: Option<String> = sqlx::query_scalar(
            "SELECT state FROM mentorships WHERE id = ? AND (mentee_id = ? OR mentor_id = ?)",
        )
        .bind(mentorship_id)
        .bind(rater)
        .bind(rater)
        .fetch_optional(&mut *conn)
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
        .execute(&mut *conn)
        .await?;
        if r.rows_affected() == 0 {
            return Err(rule("", k::ERR_RATING_TWICE));
        }
        // the other person reads the comment: contact details wait for an administrator
        crate::moderation::store::screen(
            conn,
            crate::moderation::Channel::RatingComment,
            r.last_insert_rowid(),
            rater,
            comment,
            now,
        )
        .await?;
        Ok(())
    }
    .await;
    tx.finish(result).await
}

/// A rating with the rater's name.
#[derive(sqlx::FromRow)]
struct RatingRow {
    rater_id: i64,
    rater_name: String,
    rating: i64,
    comment: String,
    created_at: i64,
}

pub async fn ratings(
    pool: &SqlitePool,
    mentorship_id: i64,
    me: i64,
) -> sqlx::Result<Vec<RatingView>> {
    let rows: Vec<RatingRow> = sqlx::query_as(
        "SELECT r.rater_id, a.display_name AS rater_name, r.rating, r.comment, r.created_at FROM mentorship_ratings r \
         JOIN accounts a ON a.id = r.rater_id WHERE r.mentorship_id = ? ORDER BY r.created_at",
    )
    .bind(mentorship_id)
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| RatingView {
            mine: r.rater_id == me,
            rater_name: r.rater_name,
            rating: r.rating,
            comment: r.comment,
            at: r.created_at,
        })
        .collect())
}

/// Her account is being deleted (inside that transaction): each of her active or paused
/// mentorships is cancelled, recorded as her change, and the other person is told.
pub async fn end_for_deleted_account(
    conn: &mut SqliteConnection,
    account: i64,
    now: i64,
) -> sqlx::Result<u64> {
    let open: Vec<(i64, i64, MentorshipState)> = sqlx::query_as(
        "SELECT id, CASE WHEN mentee_id = ?1 THEN mentor_id ELSE mentee_id END, state FROM mentorships \
         WHERE (mentee_id = ?1 OR mentor_id = ?1) AND state IN ('active', 'paused') ORDER BY id",
    )
    .bind(account)
    .fetch_all(&mut *conn)
    .await?;
    for (id, other, from) in &open {
        move_state(
            conn,
            *id,
            account,
            *from,
            MentorshipState::Cancelled,
            "",
            now,
        )
        .await?;
        notify(
            conn,
            *other,
            Kind::MentorshipAccountDeleted,
            "",
            &format!("/mentorships/{id}"),
            now,
        )
        .await?;
    }
    Ok(open.len() as u64)
}
