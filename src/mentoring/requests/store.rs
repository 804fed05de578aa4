//! SQL for requests and mentorships. Sending and accepting run inside `BEGIN IMMEDIATE`, so the
//! capacity and open-request limits are checked and written under one write lock.
use crate::db::{begin_immediate, rule, StoreResult, NOT_FOUND};
use crate::i18n::k;
use crate::mentoring::requests::{transition, DeclineReason, Event, State, EXPIRY_DAYS, MAX_OPEN};
use crate::moderation::{store::screen, Channel};
use crate::notifications::{store::name_of, store::notify, Kind};
use sqlx::{SqliteConnection, SqlitePool};

/// Free places of a mentor: capacity minus ongoing (active or paused) mentorships (None: not an
/// approved, open mentor).
pub(crate) async fn free_places(
    conn: &mut SqliteConnection,
    mentor_id: i64,
) -> sqlx::Result<Option<i64>> {
    sqlx::query_scalar(
        "SELECT m.capacity - (SELECT COUNT(*) FROM mentorships s WHERE s.mentor_id = m.account_id AND s.state IN ('active', 'paused')) \
         FROM mentor_profiles m JOIN accounts a ON a.id = m.account_id \
         WHERE m.account_id = ? AND m.approval = 'approved' AND m.status = 'open' AND a.suspended_at IS NULL",
    )
    .bind(mentor_id)
    .fetch_optional(conn)
    .await
}

pub async fn send(
    pool: &SqlitePool,
    mentee_id: i64,
    mentor_id: i64,
    message: &str,
    hopes: &str,
    now: i64,
) -> StoreResult<i64> {
    if mentee_id == mentor_id {
        return Err(rule("", k::ERR_REQUEST_SELF));
    }
    let mut tx = begin_immediate(pool).await?;
    let result: StoreResult<i64> = async {
        let conn: &mut SqliteConnection = &mut tx;
        crate::moderation::store::refuse_if_silenced(conn, mentee_id, "", now).await?;
        // a pair an administrator said never to make (`match_exclusions`): for her, he is not
        // there
        let excluded: bool = sqlx::query_scalar(
            "SELECT EXISTS (SELECT 1 FROM match_exclusions WHERE mentee_id = ? AND mentor_id = ?)",
        )
        .bind(mentee_id)
        .bind(mentor_id)
        .fetch_one(&mut *conn)
        .await?;
        match free_places(conn, mentor_id).await? {
            None => return Err(NOT_FOUND),
            Some(_) if excluded => return Err(NOT_FOUND),
            Some(n) if n <= 0 => return Err(rule("", k::ERR_MENTOR_FULL)),
            Some(_) => {}
        }
        let open: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM mentorship_requests WHERE mentee_id = ? AND state IN ('pending', 'viewed', 'needs_info')",
        )
        .bind(mentee_id)
        .fetch_one(&mut *conn)
        .await?;
        if open >= MAX_OPEN {
            return Err(rule("", k::ERR_REQUEST_TOO_MANY));
        }
        // one mentor at a time, unless an administrator allowed her more — and never the
        // same mentor twice at once
        if mentors_left(conn, mentee_id).await? <= 0 || matched_with(conn, mentee_id, mentor_id).await?
        {
            return Err(rule("", k::ERR_REQUEST_HAS_MENTOR));
        }
        let id: Option<i64> = sqlx::query_scalar(
            "INSERT INTO mentorship_requests (mentee_id, mentor_id, message, hopes, state, created_at, updated_at) \
             VALUES (?, ?, ?, ?, 'pending', ?, ?) \
             ON CONFLICT (mentee_id, mentor_id) WHERE state IN ('pending', 'viewed', 'needs_info') DO NOTHING RETURNING id",
        )
        .bind(mentee_id)
        .bind(mentor_id)
        .bind(message)
        .bind(hopes)
        .bind(now)
        .bind(now)
        .fetch_optional(&mut *conn)
        .await?;
        let Some(id) = id else {
            return Err(rule("", k::ERR_REQUEST_DUPLICATE));
        };
        // contact details wait for an administrator (safeguard)
        for (channel, text) in [(Channel::RequestMessage, message), (Channel::RequestHopes, hopes)] {
            screen(conn, channel, id, mentee_id, text, now).await?;
        }
        let name = name_of(conn, mentee_id).await?;
        notify(conn, mentor_id, Kind::RequestNew, &name, "/requests", now).await?;
        Ok(id)
    }
    .await;
    tx.finish(result).await
}

/// Who is acting on a request.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Side {
    Mentor,
    Mentee,
}

pub fn side_of(event: Event) -> Option<Side> {
    match event {
        Event::View | Event::Accept | Event::Decline | Event::Ask => Some(Side::Mentor),
        Event::Answer | Event::Withdraw => Some(Side::Mentee),
        Event::Expire | Event::Invalidate => None,
    }
}

/// A request's two people and its state code.
#[derive(sqlx::FromRow)]
struct RequestPartiesRow {
    mentee_id: i64,
    mentor_id: i64,
    state: String,
}

/// Applies a person's action to a request they are part of. Accepting starts a mentorship and,
/// when that fills the mentor's last place, invalidates her other open requests; it also
/// invalidates the mentee's other open requests (she is matched).
pub async fn act(
    pool: &SqlitePool,
    request_id: i64,
    actor_id: i64,
    event: Event,
    reason: Option<DeclineReason>,
    text: Option<&str>,
    now: i64,
) -> StoreResult<State> {
    let Some(side) = side_of(event) else {
        return Err(NOT_FOUND);
    };
    let mut tx = begin_immediate(pool).await?;
    let result: StoreResult<State> = async {
        let conn: &mut SqliteConnection = &mut tx;
        let row: Option<RequestPartiesRow> =
            sqlx::query_as("SELECT mentee_id, mentor_id, state FROM mentorship_requests WHERE id = ?")
                .bind(request_id)
                .fetch_optional(&mut *conn)
                .await?;
        let Some(row) = row else {
            return Err(NOT_FOUND);
        };
        let RequestPartiesRow {
            mentee_id,
            mentor_id,
            state,
        } = row;
        let mine = match side {
            Side::Mentor => mentor_id == actor_id,
            Side::Mentee => mentee_id == actor_id,
        };
        if !mine {
            return Err(NOT_FOUND);
        }
        // a question or an answer is words to the other person: not while she is silenced
        if text.is_some_and(|t| !t.trim().is_empty()) {
            crate::moderation::store::refuse_if_silenced(conn, actor_id, "text", now).await?;
        }
        let from = State::from_code(&state).unwrap_or(State::Invalidated);
        let to = match transition(from, event) {
            Ok(to) => to,
            Err(key) => return Err(rule("", key)),
        };
        let mut mentorship_id = None;
        if event == Event::Accept {
            mentorship_id =
                Some(begin_mentorship(conn, request_id, mentee_id, mentor_id, now).await?);
        }
        let (question, answer) = match event {
            Event::Ask => (text, None),
            Event::Answer => (None, text),
            _ => (None, None),
        };
        let answers = matches!(event, Event::Accept | Event::Decline | Event::Ask);
        sqlx::query(
            "UPDATE mentorship_requests SET state = ?, updated_at = ?, \
               answered_at = CASE WHEN ? THEN COALESCE(answered_at, ?) ELSE answered_at END, \
               decline_reason = COALESCE(?, decline_reason), question = COALESCE(?, question), answer = COALESCE(?, answer) \
             WHERE id = ?",
        )
        .bind(to.code())
        .bind(now)
        .bind(answers)
        .bind(now)
        .bind(reason.map(|r| r.code()))
        .bind(question)
        .bind(answer)
        .bind(request_id)
        .execute(&mut *conn)
        .await?;
        // a question or an answer with contact details waits for an administrator
        let written = match event {
            Event::Ask => question.map(|q| (Channel::RequestQuestion, q)),
            Event::Answer => answer.map(|a| (Channel::RequestAnswer, a)),
            _ => None,
        };
        if let Some((channel, words)) = written {
            screen(conn, channel, request_id, actor_id, words, now).await?;
        }
        let told = match event {
            Event::Accept => Some((mentee_id, mentor_id, Kind::RequestAccepted)),
            Event::Decline => Some((mentee_id, mentor_id, Kind::RequestDeclined)),
            Event::Ask => Some((mentee_id, mentor_id, Kind::RequestQuestion)),
            Event::Answer => Some((mentor_id, mentee_id, Kind::RequestAnswered)),
            Event::Withdraw => Some((mentor_id, mentee_id, Kind::RequestWithdrawn)),
            Event::View | Event::Expire | Event::Invalidate => None,
        };
        if let Some((to_id, about, kind)) = told {
            let link = match mentorship_id {
                Some(m) => format!("/mentorships/{m}"),
                None => "/requests".to_string(),
            };
            let name = name_of(conn, about).await?;
            notify(conn, to_id, kind, &name, &link, now).await?;
        }
        if event == Event::Accept {
            close_open_requests(conn, request_id, mentee_id, mentor_id, now).await?;
        }
        Ok(to)
    }
    .await;
    tx.finish(result).await
}

/// Starts the mentorship of an accepted request (a mentee's, or one the programme made for a
/// published cohort pair), under the caller's write lock: the mentee may take another mentor,
/// the two are not already together, and the mentor is open with a free place; else a refusal
/// that says which. The caller sets the request's state, then calls [`close_open_requests`].
pub(crate) async fn begin_mentorship(
    conn: &mut SqliteConnection,
    request_id: i64,
    mentee_id: i64,
    mentor_id: i64,
    now: i64,
) -> StoreResult<i64> {
    if mentors_left(conn, mentee_id).await? <= 0 || matched_with(conn, mentee_id, mentor_id).await?
    {
        return Err(rule("", k::ERR_REQUEST_MENTEE_MATCHED));
    }
    match free_places(conn, mentor_id).await? {
        Some(n) if n > 0 => {}
        _ => return Err(rule("", k::ERR_MENTOR_FULL)),
    }
    Ok(sqlx::query_scalar(
        "INSERT INTO mentorships (request_id, mentee_id, mentor_id, state, started_at) VALUES (?, ?, ?, 'active', ?) RETURNING id",
    )
    .bind(request_id)
    .bind(mentee_id)
    .bind(mentor_id)
    .bind(now)
    .fetch_one(&mut *conn)
    .await?)
}

/// After a mentorship began: a mentee who now has all the mentors she may have sees her other
/// open requests end, and so do the open requests to a mentor whose last place it took.
pub(crate) async fn close_open_requests(
    conn: &mut SqliteConnection,
    request_id: i64,
    mentee_id: i64,
    mentor_id: i64,
    now: i64,
) -> sqlx::Result<()> {
    if mentors_left(conn, mentee_id).await? <= 0 {
        sqlx::query(
            "UPDATE mentorship_requests SET state = 'invalidated', updated_at = ? \
             WHERE mentee_id = ? AND id <> ? AND state IN ('pending', 'viewed', 'needs_info')",
        )
        .bind(now)
        .bind(mentee_id)
        .bind(request_id)
        .execute(&mut *conn)
        .await?;
    }
    if free_places(conn, mentor_id).await?.unwrap_or(0) <= 0 {
        invalidate_open_for_mentor(conn, mentor_id, now).await?;
    }
    Ok(())
}

/// How many more mentors a mentee may have: her allowance (one unless an administrator allowed
/// more) less her active and paused mentorships.
pub(crate) async fn mentors_left(conn: &mut SqliteConnection, mentee_id: i64) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "SELECT a.mentors_allowed - (SELECT COUNT(*) FROM mentorships s \
           WHERE s.mentee_id = a.id AND s.state IN ('active', 'paused')) \
         FROM accounts a WHERE a.id = ?",
    )
    .bind(mentee_id)
    .fetch_optional(conn)
    .await
    .map(|left| left.unwrap_or(0))
}

/// Whether a mentee and a mentor already work together (an active or paused mentorship).
async fn matched_with(
    conn: &mut SqliteConnection,
    mentee_id: i64,
    mentor_id: i64,
) -> sqlx::Result<bool> {
    sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM mentorships WHERE mentee_id = ? AND mentor_id = ? \
         AND state IN ('active', 'paused'))",
    )
    .bind(mentee_id)
    .bind(mentor_id)
    .fetch_one(conn)
    .await
}

/// Sets how many mentors a mentee may have at once (1 to 3; an administrator's decision).
/// [`NOT_FOUND`] when no mentee has that id.
pub async fn allow_mentors(pool: &SqlitePool, mentee_id: i64, allowed: i64) -> StoreResult<()> {
    let r = sqlx::query("UPDATE accounts SET mentors_allowed = ? WHERE id = ? AND role = 'mentee'")
        .bind(allowed)
        .bind(mentee_id)
        .execute(pool)
        .await?;
    if r.rows_affected() == 0 {
        return Err(NOT_FOUND);
    }
    Ok(())
}

/// Ends a mentor's open requests; each mentee is told.
pub(crate) async fn invalidate_open_for_mentor(
    conn: &mut SqliteConnection,
    mentor_id: i64,
    now: i64,
) -> sqlx::Result<u64> {
    let mentees: Vec<i64> = sqlx::query_scalar(
        "UPDATE mentorship_requests SET state = 'invalidated', updated_at = ? \
         WHERE mentor_id = ? AND state IN ('pending', 'viewed', 'needs_info') RETURNING mentee_id",
    )
    .bind(now)
    .bind(mentor_id)
    .fetch_all(&mut *conn)
    .await?;
    let name = name_of(conn, mentor_id).await?;
    for mentee in &mentees {
        notify(
            conn,
            *mentee,
            Kind::RequestInvalidated,
            &name,
            "/requests",
            now,
        )
        .await?;
    }
    Ok(mentees.len() as u64)
}

/// The two people of a request that just expired.
#[derive(sqlx::FromRow)]
struct ExpiredRequestRow {
    mentee_id: i64,
    mentor_id: i64,
}

/// Requests with no answer from the mentor for `EXPIRY_DAYS` expire; both sides are told.
/// Returns how many expired.
pub async fn expire_stale(pool: &SqlitePool, now: i64) -> sqlx::Result<u64> {
    let mut tx = begin_immediate(pool).await?;
    let result: sqlx::Result<u64> = async {
        let conn: &mut SqliteConnection = &mut tx;
        let pairs: Vec<ExpiredRequestRow> = sqlx::query_as(
            "UPDATE mentorship_requests SET state = 'expired', updated_at = ? \
             WHERE state IN ('pending', 'viewed') AND updated_at <= ? RETURNING mentee_id, mentor_id",
        )
        .bind(now)
        .bind(now - EXPIRY_DAYS * 86_400)
        .fetch_all(&mut *conn)
        .await?;
        for pair in &pairs {
            let mentor_name = name_of(conn, pair.mentor_id).await?;
            let mentee_name = name_of(conn, pair.mentee_id).await?;
            notify(
                conn,
                pair.mentee_id,
                Kind::RequestExpiredMentee,
                &mentor_name,
                "/requests",
                now,
            )
            .await?;
            notify(
                conn,
                pair.mentor_id,
                Kind::RequestExpiredMentor,
                &mentee_name,
                "/requests",
                now,
            )
            .await?;
        }
        Ok(pairs.len() as u64)
    }
    .await;
    tx.finish(result).await
}

/// Days a request may wait before the daily reminder mentions it.
pub const REMIND_AFTER_DAYS: i64 = 2;

/// A mentor and how many requests wait for her answer.
#[derive(sqlx::FromRow)]
struct WaitingRow {
    mentor_id: i64,
    waiting: i64,
}

/// The daily reminder: each mentor with requests waiting for her answer for
/// `REMIND_AFTER_DAYS` or more is told how many. Returns how many mentors were reminded.
pub async fn remind_waiting(pool: &SqlitePool, now: i64) -> sqlx::Result<u64> {
    let mut tx = begin_immediate(pool).await?;
    let result: sqlx::Result<u64> = async {
        let conn: &mut SqliteConnection = &mut tx;
        let waiting: Vec<WaitingRow> = sqlx::query_as(
            "SELECT mentor_id, COUNT(*) AS waiting FROM mentorship_requests \
             WHERE state IN ('pending', 'viewed') AND created_at <= ? GROUP BY mentor_id",
        )
        .bind(now - REMIND_AFTER_DAYS * 86_400)
        .fetch_all(&mut *conn)
        .await?;
        for row in &waiting {
            notify(
                conn,
                row.mentor_id,
                Kind::Reminder,
                &row.waiting.to_string(),
                "/requests",
                now,
            )
            .await?;
        }
        Ok(waiting.len() as u64)
    }
    .await;
    tx.finish(result).await
}

/// Marks a mentor's pending requests as viewed (she has opened her list).
pub async fn mark_viewed(pool: &SqlitePool, mentor_id: i64, now: i64) -> sqlx::Result<()> {
    sqlx::query("UPDATE mentorship_requests SET state = 'viewed', updated_at = ? WHERE mentor_id = ? AND state = 'pending'")
        .bind(now)
        .bind(mentor_id)
        .execute(pool)
        .await?;
    Ok(())
}

/// One request as a list shows it.
pub struct RequestRow {
    pub id: i64,
    pub other_id: i64,
    pub other_name: String,
    pub message: String,
    pub hopes: String,
    pub state: State,
    pub decline_reason: Option<DeclineReason>,
    pub question: Option<String>,
    pub answer: Option<String>,
    pub updated_at: i64,
}

/// A request with the other person's id and name, its reason and state still as codes.
#[derive(sqlx::FromRow)]
struct ListedRequestRow {
    id: i64,
    other_id: i64,
    other_name: String,
    message: String,
    hopes: String,
    state: String,
    decline_reason: Option<String>,
    question: Option<String>,
    answer: Option<String>,
    updated_at: i64,
}

/// The requests a person sent (mentee) or received (mentor), open ones first, newest first.
pub async fn list(
    pool: &SqlitePool,
    account_id: i64,
    as_mentor: bool,
) -> sqlx::Result<Vec<RequestRow>> {
    let (me, other) = if as_mentor {
        ("mentor_id", "mentee_id")
    } else {
        ("mentee_id", "mentor_id")
    };
    let rows: Vec<ListedRequestRow> = sqlx::query_as(&format!(
        "SELECT r.id, a.id AS other_id, a.display_name AS other_name, r.message, r.hopes, r.state, r.decline_reason, r.question, r.answer, r.updated_at \
         FROM mentorship_requests r JOIN accounts a ON a.id = r.{other} WHERE r.{me} = ? AND r.matched_by IS NULL \
         ORDER BY r.state IN ('pending', 'viewed', 'needs_info') DESC, r.updated_at DESC, r.id DESC LIMIT 100"
    ))
    .bind(account_id)
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| RequestRow {
            id: r.id,
            other_id: r.other_id,
            other_name: r.other_name,
            message: r.message,
            hopes: r.hopes,
            state: State::from_code(&r.state).unwrap_or(State::Invalidated),
            decline_reason: r
                .decline_reason
                .as_deref()
                .and_then(DeclineReason::from_code),
            question: r.question,
            answer: r.answer,
            updated_at: r.updated_at,
        })
        .collect())
}

/// How long a mentor may still read her mentee's profile after their mentorship ended.
pub const ACCESS_AFTER_END_DAYS: i64 = 30;

/// Whether a mentor may read a mentee's profile: the mentee's request to her is open, or they
/// are matched, or their mentorship was completed less than [`ACCESS_AFTER_END_DAYS`] ago. A
/// request that ended without a mentorship ends it, and so does a cancelled mentorship (she
/// may have left because she felt unsafe).
pub async fn mentor_may_see_mentee(
    pool: &SqlitePool,
    mentor_id: i64,
    mentee_id: i64,
    now: i64,
) -> sqlx::Result<bool> {
    sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM mentorship_requests WHERE mentor_id = ? AND mentee_id = ? \
                          AND state IN ('pending', 'viewed', 'needs_info')) \
             OR EXISTS (SELECT 1 FROM mentorships WHERE mentor_id = ? AND mentee_id = ? \
                          AND (state IN ('active', 'paused') \
                               OR (state = 'completed' AND COALESCE(ended_at, 0) > ?)))",
    )
    .bind(mentor_id)
    .bind(mentee_id)
    .bind(mentor_id)
    .bind(mentee_id)
    .bind(now - ACCESS_AFTER_END_DAYS * 86_400)
    .fetch_one(pool)
    .await
}

/// Her account is being deleted (inside that transaction): the open requests she sent are
/// withdrawn (their words erased) and those she was sent end as invalidated; the other
/// person's pages say so.
pub async fn close_for_deleted_account(
    conn: &mut SqliteConnection,
    account: i64,
    now: i64,
) -> sqlx::Result<()> {
    // the words of a request she sent that never began a mentorship are hers alone
    sqlx::query(
        "UPDATE mentorship_requests SET updated_at = ?1, \
           message = CASE WHEN mentee_id = ?2 THEN '' ELSE message END, \
           hopes = CASE WHEN mentee_id = ?2 THEN '' ELSE hopes END, \
           answer = CASE WHEN mentee_id = ?2 THEN NULL ELSE answer END, \
           state = CASE WHEN mentee_id = ?2 THEN 'withdrawn' ELSE 'invalidated' END \
         WHERE (mentee_id = ?2 OR mentor_id = ?2) AND state IN ('pending', 'viewed', 'needs_info')",
    )
    .bind(now)
    .bind(account)
    .execute(&mut *conn)
    .await?;
    Ok(())
}
