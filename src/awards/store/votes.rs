//! Votes: casting (or changing) a vote, watching for bursts, voiding, receipts and counts.
use super::*;

fn new_receipt() -> String {
    use rand::RngCore;
    let mut bytes = [0u8; 8];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    receipt_code(&bytes)
}

/// What a vote needs to know of the voter's account.
#[derive(sqlx::FromRow)]
struct VoterRow {
    email_confirmed_at: Option<i64>,
    suspended_at: Option<i64>,
    created_at: i64,
}

/// The nomination a vote is for: its category, whether it is a finalist, and its nominee.
#[derive(sqlx::FromRow)]
struct VoteTargetRow {
    category_id: i64,
    finalist: bool,
    nominee_id: Option<i64>,
}

/// The voter's earlier vote in the category, if any.
#[derive(sqlx::FromRow)]
struct ExistingVoteRow {
    receipt: String,
    voided_at: Option<i64>,
}

/// A vote (or a changed vote) for a finalist of the category; returns the receipt. The
/// category comes from the request and must match the nomination's. Returns the cycle too.
pub async fn cast_vote(
    pool: &SqlitePool,
    category: i64,
    nomination: i64,
    voter: i64,
    now: i64,
) -> StoreResult<(i64, String)> {
    let mut tx = begin_immediate(pool).await?;
    let result: StoreResult<_> = async {
        let conn: &mut SqliteConnection = &mut tx;
        let (c, _, _) = cycle_of_category(conn, category).await?;
        permit(Act::Vote, &c, now)?;
        let account: Option<VoterRow> = sqlx::query_as(
            "SELECT email_confirmed_at, suspended_at, created_at FROM accounts WHERE id = ?",
        )
        .bind(voter)
        .fetch_optional(&mut *conn)
        .await?;
        let VoterRow {
            email_confirmed_at: confirmed,
            suspended_at: suspended,
            created_at: created,
        } = account.ok_or(NOT_FOUND)?;
        if suspended.is_some() {
            return Err(rule("", k::ERR_AWARD_SUSPENDED));
        }
        crate::moderation::store::refuse_if_silenced(conn, voter, "", now).await?;
        if confirmed.is_none() {
            return Err(rule("", k::ERR_AWARD_UNCONFIRMED));
        }
        let target: Option<VoteTargetRow> = sqlx::query_as(
            "SELECT category_id, finalist, nominee_id FROM award_nominations WHERE id = ?",
        )
        .bind(nomination)
        .fetch_optional(&mut *conn)
        .await?;
        let VoteTargetRow {
            category_id: nominee_category,
            finalist,
            nominee_id: nominee,
        } = target.ok_or(NOT_FOUND)?;
        if nominee_category != category || !finalist {
            return Err(rule("", k::ERR_AWARD_NOT_FINALIST));
        }
        if nominee == Some(voter) {
            return Err(rule("", k::ERR_AWARD_SELF_VOTE));
        }
        let existing: Option<ExistingVoteRow> = sqlx::query_as(
            "SELECT receipt, voided_at FROM award_votes WHERE category_id = ? AND voter_id = ?",
        )
        .bind(category)
        .bind(voter)
        .fetch_optional(&mut *conn)
        .await?;
        if existing.as_ref().is_some_and(|e| e.voided_at.is_some()) {
            return Err(rule("", k::ERR_AWARD_VOTE_VOIDED));
        }
        let receipt: String = sqlx::query_scalar(
            "INSERT INTO award_votes (category_id, voter_id, nomination_id, receipt, cast_at, changed_at) \
             VALUES (?, ?, ?, ?, ?, ?) \
             ON CONFLICT (category_id, voter_id) DO UPDATE SET nomination_id = excluded.nomination_id, changed_at = excluded.changed_at \
             RETURNING receipt",
        )
        .bind(category)
        .bind(voter)
        .bind(nomination)
        .bind(existing.map(|e| e.receipt).unwrap_or_else(new_receipt))
        .bind(now)
        .bind(now)
        .fetch_one(&mut *conn)
        .await?;
        if now - created < NEW_ACCOUNT_HOURS * 3_600 {
            watch_burst(conn, c.id, nomination, now).await?;
        }
        Ok((c.id, receipt))
    }
    .await;
    tx.finish(result).await
}

/// Many new accounts voting for one nominee within minutes: the votes are flagged for an
/// administrator (never deleted), and the burst is logged once.
async fn watch_burst(
    conn: &mut SqliteConnection,
    cycle: i64,
    nomination: i64,
    now: i64,
) -> sqlx::Result<()> {
    let recent = "FROM award_votes v JOIN accounts a ON a.id = v.voter_id \
         WHERE v.nomination_id = ? AND v.voided_at IS NULL AND v.changed_at > ? AND a.created_at > v.changed_at - ?";
    let since = now - BURST_MINUTES * 60;
    let window = NEW_ACCOUNT_HOURS * 3_600;
    let count: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) {recent}"))
        .bind(nomination)
        .bind(since)
        .bind(window)
        .fetch_one(&mut *conn)
        .await?;
    if count < BURST_VOTES {
        return Ok(());
    }
    let newly = sqlx::query(&format!(
        "UPDATE award_votes SET flagged = 1 WHERE flagged = 0 AND id IN (SELECT v.id {recent})"
    ))
    .bind(nomination)
    .bind(since)
    .bind(window)
    .execute(&mut *conn)
    .await?;
    if newly.rows_affected() >= BURST_VOTES as u64 {
        let name: String = sqlx::query_scalar(&format!(
            "SELECT {NOMINEE_NAME} FROM award_nominations n WHERE n.id = ?"
        ))
        .bind(nomination)
        .fetch_one(&mut *conn)
        .await?;
        log(conn, cycle, None, "burst", &name, &count.to_string(), now).await?;
    }
    Ok(())
}

/// A vote's category, receipt and when it was voided.
#[derive(sqlx::FromRow)]
struct VoteRow {
    category_id: i64,
    receipt: String,
    voided_at: Option<i64>,
}

/// An administrator voids a vote, with a reason; it stops counting and the log says why.
pub async fn void_vote(
    pool: &SqlitePool,
    vote: i64,
    reason: &str,
    actor: i64,
    now: i64,
) -> StoreResult<i64> {
    let mut tx = begin_immediate(pool).await?;
    let result: StoreResult<_> = async {
        let conn: &mut SqliteConnection = &mut tx;
        let row: Option<VoteRow> =
            sqlx::query_as("SELECT category_id, receipt, voided_at FROM award_votes WHERE id = ?")
                .bind(vote)
                .fetch_optional(&mut *conn)
                .await?;
        let VoteRow {
            category_id: category,
            receipt,
            voided_at: voided,
        } = row.ok_or(NOT_FOUND)?;
        let (c, _, _) = cycle_of_category(conn, category).await?;
        permit(Act::Void, &c, now)?;
        if voided.is_some() {
            return Err(rule("", k::ERR_AWARD_ALREADY_VOID));
        }
        sqlx::query(
            "UPDATE award_votes SET voided_at = ?, void_reason = ?, voided_by = ? WHERE id = ?",
        )
        .bind(now)
        .bind(reason)
        .bind(actor)
        .bind(vote)
        .execute(&mut *conn)
        .await?;
        log(conn, c.id, Some(actor), "voided", &receipt, reason, now).await?;
        Ok(c.id)
    }
    .await;
    tx.finish(result).await
}

/// Where a vote with a given receipt counts: the cycle's name and the category's code.
#[derive(sqlx::FromRow)]
struct ReceiptRow {
    name: String,
    code: String,
    changed_at: i64,
    voided_at: Option<i64>,
}

/// What a receipt shows: where the vote counts, never for whom or by whom.
pub async fn check_receipt(pool: &SqlitePool, code: &str) -> sqlx::Result<Option<ReceiptCheck>> {
    let row: Option<ReceiptRow> = sqlx::query_as(
        "SELECT c.name, cat.code, v.changed_at, v.voided_at FROM award_votes v \
         JOIN award_categories cat ON cat.id = v.category_id JOIN award_cycles c ON c.id = cat.cycle_id \
         WHERE v.receipt = ?",
    )
    .bind(code)
    .fetch_optional(pool)
    .await?;
    Ok(row.map(|r| ReceiptCheck {
        cycle_name: r.name,
        category: r.code,
        changed_at: r.changed_at,
        voided: r.voided_at.is_some(),
    }))
}

/// Counted votes per nomination (administrators and tests).
pub async fn count_votes(pool: &SqlitePool, nomination: i64) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "SELECT COUNT(*) FROM award_votes WHERE nomination_id = ? AND voided_at IS NULL",
    )
    .bind(nomination)
    .fetch_one(pool)
    .await
}
