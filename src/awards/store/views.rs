//! The pages' reads: a cycle as a participant sees it and as administrators manage it.
use super::*;

/// A nomination (`n`) that no one but its nominator and administrators sees before it is
/// screened eligible: an organisation's (named by anyone), or a mentee's who may be under 18
/// (no adult profile says otherwise).
pub const SCREENED_FIRST: &str = "(n.nominee_id IS NULL OR EXISTS (SELECT 1 FROM accounts x \
    WHERE x.id = n.nominee_id AND x.role = 'mentee' AND NOT EXISTS (SELECT 1 FROM mentee_profiles mp \
    WHERE mp.account_id = x.id AND mp.age_band = 'adult')))";

/// Which nominations (`n`) everyone sees on a cycle's page: before voting, accepted ones not
/// ruled out — those of organisations and of mentees who may be under 18 only once screened
/// eligible; from voting on, the finalists.
fn shown_sql(before_voting: bool) -> String {
    if before_voting {
        format!(
            "n.status = 'accepted' AND (n.screening = 'eligible' \
             OR (n.screening = 'pending' AND NOT {SCREENED_FIRST}))"
        )
    } else {
        "n.finalist = 1".into()
    }
}

/// Whether everyone sees nomination `n` on its cycle's page now, in the phase its cycle is in
/// ([`shown_sql`]; drafts are nobody's): what moderation takes reports of.
pub fn shown_now_sql() -> String {
    let before: Vec<String> = Phase::ALL
        .into_iter()
        .filter(|p| p.before_voting() && *p != Phase::Draft)
        .map(|p| format!("'{}'", p.code()))
        .collect();
    format!(
        "EXISTS (SELECT 1 FROM award_categories sc JOIN award_cycles sy ON sy.id = sc.cycle_id \
         WHERE sc.id = n.category_id AND sy.phase <> 'draft' AND CASE WHEN sy.phase IN ({}) \
         THEN ({}) ELSE ({}) END)",
        before.join(", "),
        shown_sql(true),
        shown_sql(false)
    )
}

/// Whether a nomination waits for screening before others see it ([`SCREENED_FIRST`]).
pub async fn screened_first(pool: &SqlitePool, nomination: i64) -> sqlx::Result<bool> {
    sqlx::query_scalar(&format!(
        "SELECT EXISTS (SELECT 1 FROM award_nominations n WHERE n.id = ? AND n.screening <> 'eligible' \
         AND {SCREENED_FIRST})"
    ))
    .bind(nomination)
    .fetch_one(pool)
    .await
}

/// A nomination the viewer made or received, with its category code and both names.
#[derive(sqlx::FromRow)]
struct MyNominationRow {
    id: i64,
    code: String,
    nominee_name: String,
    nominator_name: String,
    reason: String,
    status: String,
    screening: String,
    reported: bool,
}

async fn my_nominations(
    pool: &SqlitePool,
    cycle: i64,
    column: &str,
    me: i64,
) -> sqlx::Result<Vec<MyNomination>> {
    let rows: Vec<MyNominationRow> = sqlx::query_as(&format!(
        "SELECT n.id, cat.code, {NOMINEE_NAME} AS nominee_name, (SELECT display_name FROM accounts WHERE id = n.nominator_id) AS nominator_name, \
         n.reason, n.status, n.screening, {reported} AS reported \
         FROM award_nominations n JOIN award_categories cat ON cat.id = n.category_id \
         WHERE cat.cycle_id = ? AND n.{column} = ? ORDER BY n.id DESC",
        reported = crate::moderation::store::reported_sql(crate::moderation::ItemKind::Nomination, "n.id")
    ))
    .bind(me)
    .bind(cycle)
    .bind(me)
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| MyNomination {
            id: r.id,
            category: r.code,
            nominee_name: r.nominee_name,
            nominator_name: r.nominator_name,
            reason: r.reason,
            status: r.status,
            screening: r.screening,
            reported: r.reported,
        })
        .collect())
}

/// A category of a cycle, with its kind of nominee as a code.
#[derive(sqlx::FromRow)]
struct CategoryRow {
    id: i64,
    code: String,
    nominee: String,
    regional: bool,
}

/// A nomination shown on the cycle's page, with its category.
#[derive(sqlx::FromRow)]
struct ShownNominationRow {
    category_id: i64,
    id: i64,
    nominee_name: String,
    reason: String,
    finalist: bool,
    mine: bool,
    about_me: bool,
    reported: bool,
}

/// The viewer's vote in a category, with its receipt.
#[derive(sqlx::FromRow)]
struct MyVoteRow {
    category_id: i64,
    nomination_id: i64,
    receipt: String,
}

/// A phase change from the log, with the phase as a code.
#[derive(sqlx::FromRow)]
struct PhaseLogRow {
    detail: String,
    at: i64,
}

/// Whether the viewer's account has confirmed its email and is suspended.
#[derive(sqlx::FromRow)]
struct VoterStatusRow {
    email_confirmed_at: Option<i64>,
    suspended_at: Option<i64>,
}

/// A cycle as a participant sees it. Drafts are for administrators only (`include_draft`).
pub async fn cycle_view(
    pool: &SqlitePool,
    id: i64,
    me: Option<i64>,
    include_draft: bool,
    now: i64,
) -> StoreResult<CycleView> {
    let c = {
        let mut conn = pool.acquire().await?;
        cycle(&mut conn, id).await?
    };
    if c.phase == Phase::Draft && !include_draft {
        return Err(NOT_FOUND);
    }
    let cats: Vec<CategoryRow> = sqlx::query_as(
        "SELECT id, code, nominee, regional FROM award_categories WHERE cycle_id = ? ORDER BY position",
    )
    .bind(id)
    .fetch_all(pool)
    .await?;
    let shown = shown_sql(c.phase.before_voting());
    // every shown nomination of the cycle (whether the viewer wrote or reported it) and the
    // viewer's votes: two queries, grouped here
    let viewer = me.unwrap_or(0);
    let rows: Vec<ShownNominationRow> = sqlx::query_as(&format!(
        "SELECT n.category_id, n.id, {NOMINEE_NAME} AS nominee_name, n.reason, n.finalist, \
           n.nominator_id = ? AS mine, n.nominee_id IS ? AS about_me, {reported} AS reported \
         FROM award_nominations n \
         JOIN award_categories cat ON cat.id = n.category_id WHERE cat.cycle_id = ? AND {shown} ORDER BY n.id",
        reported = crate::moderation::store::reported_sql(crate::moderation::ItemKind::Nomination, "n.id")
    ))
    .bind(viewer)
    .bind(viewer)
    .bind(viewer)
    .bind(id)
    .fetch_all(pool)
    .await?;
    let votes: Vec<MyVoteRow> = sqlx::query_as(
        "SELECT v.category_id, v.nomination_id, v.receipt FROM award_votes v \
         JOIN award_categories cat ON cat.id = v.category_id WHERE cat.cycle_id = ? AND v.voter_id = ?",
    )
    .bind(id)
    .bind(viewer)
    .fetch_all(pool)
    .await?;
    let categories = cats
        .into_iter()
        .map(|cat| {
            let CategoryRow {
                id: cat_id,
                code,
                nominee,
                regional,
            } = cat;
            CategoryView {
                id: cat_id,
                code,
                nominee: Nominee::from_code(&nominee).unwrap_or(Nominee::Organisation),
                regional,
                nominations: rows
                    .iter()
                    .filter(|r| r.category_id == cat_id)
                    .map(|r| NominationView {
                        id: r.id,
                        nominee_name: r.nominee_name.clone(),
                        reason: r.reason.clone(),
                        finalist: r.finalist,
                        mine: r.mine,
                        about_me: r.about_me,
                        reported: r.reported,
                    })
                    .collect(),
                my_vote: votes
                    .iter()
                    .find(|v| v.category_id == cat_id)
                    .map(|v| (v.nomination_id, v.receipt.clone())),
            }
        })
        .collect();
    let history: Vec<PhaseLogRow> = sqlx::query_as(
        "SELECT detail, at FROM award_log WHERE cycle_id = ? AND action = 'phase' ORDER BY id",
    )
    .bind(id)
    .fetch_all(pool)
    .await?;
    let voter = match me {
        None => VoterStatus::SignedOut,
        Some(me) => {
            let account: VoterStatusRow = sqlx::query_as(
                "SELECT email_confirmed_at, suspended_at FROM accounts WHERE id = ?",
            )
            .bind(me)
            .fetch_one(pool)
            .await?;
            match (account.email_confirmed_at, account.suspended_at) {
                (_, Some(_)) => VoterStatus::Suspended,
                (None, _) => VoterStatus::Unconfirmed,
                _ => VoterStatus::Allowed,
            }
        }
    };
    let (made, for_me) = match me {
        Some(me) => (
            my_nominations(pool, id, "nominator_id", me).await?,
            my_nominations(pool, id, "nominee_id", me).await?,
        ),
        None => (Vec::new(), Vec::new()),
    };
    Ok(CycleView {
        id,
        name: c.name,
        phase: c.phase,
        rule: c.rule,
        jury_weight: c.jury_weight,
        schedule: c.schedule,
        now,
        criteria: criteria(pool, id).await?,
        categories,
        history: history
            .into_iter()
            .filter_map(|PhaseLogRow { detail: p, at }| {
                Phase::from_code(&p).map(|phase| PhaseChange { phase, at })
            })
            .collect(),
        voter,
        made,
        for_me,
        listed: Vec::new(),
    })
}

/// A nomination as administrators see it, with its category and its vote counts.
#[derive(sqlx::FromRow)]
struct AdminNominationRow {
    category_id: i64,
    id: i64,
    nominee_name: String,
    nominator_name: String,
    reason: String,
    status: String,
    screening: String,
    screening_reason: Option<String>,
    finalist: bool,
    votes: i64,
    flagged: i64,
}

/// A juror assigned to a category.
#[derive(sqlx::FromRow)]
struct CategoryJurorRow {
    category_id: i64,
    id: i64,
    juror_name: String,
}

/// A flagged vote, by receipt, with the voter account's age when it was cast.
#[derive(sqlx::FromRow)]
struct FlaggedVoteRow {
    id: i64,
    receipt: String,
    nominee_name: String,
    changed_at: i64,
    account_age_minutes: i64,
    void_reason: Option<String>,
}

/// An entry of the cycle's log, with the actor's name (none for the system).
#[derive(sqlx::FromRow)]
struct LogEntryRow {
    actor_name: Option<String>,
    action: String,
    detail: String,
    reason: String,
    at: i64,
}

/// A cycle as administrators manage it: every nomination with its counts, jurors, flagged
/// votes (by receipt, never by voter) and the log.
pub async fn admin_cycle(pool: &SqlitePool, id: i64, now: i64) -> StoreResult<AdminCycle> {
    let cycle = cycle_view(pool, id, None, true, now).await?;
    let rows: Vec<AdminNominationRow> = sqlx::query_as(&format!(
        "SELECT n.category_id, n.id, {NOMINEE_NAME} AS nominee_name, (SELECT display_name FROM accounts WHERE id = n.nominator_id) AS nominator_name, n.reason, \
         n.status, n.screening, n.screening_reason, n.finalist, \
         (SELECT COUNT(*) FROM award_votes v WHERE v.nomination_id = n.id AND v.voided_at IS NULL) AS votes, \
         (SELECT COUNT(*) FROM award_votes v WHERE v.nomination_id = n.id AND v.flagged = 1 AND v.voided_at IS NULL) AS flagged \
         FROM award_nominations n JOIN award_categories cat ON cat.id = n.category_id \
         WHERE cat.cycle_id = ? ORDER BY n.finalist DESC, n.id"
    ))
    .bind(id)
    .fetch_all(pool)
    .await?;
    let jurors: Vec<CategoryJurorRow> = sqlx::query_as(
        "SELECT j.category_id, a.id, a.display_name AS juror_name FROM award_jurors j JOIN accounts a ON a.id = j.juror_id \
         JOIN award_categories cat ON cat.id = j.category_id WHERE cat.cycle_id = ? ORDER BY a.display_name",
    )
    .bind(id)
    .fetch_all(pool)
    .await?;
    let categories = cycle
        .categories
        .iter()
        .map(|cat| AdminCategory {
            id: cat.id,
            code: cat.code.clone(),
            nominee: cat.nominee,
            regional: cat.regional,
            nominations: rows
                .iter()
                .filter(|r| r.category_id == cat.id)
                .map(|r| AdminNomination {
                    id: r.id,
                    nominee_name: r.nominee_name.clone(),
                    nominator_name: r.nominator_name.clone(),
                    reason: r.reason.clone(),
                    status: r.status.clone(),
                    screening: r.screening.clone(),
                    screening_reason: r.screening_reason.clone().unwrap_or_default(),
                    finalist: r.finalist,
                    votes: r.votes,
                    flagged: r.flagged,
                })
                .collect(),
            jurors: jurors
                .iter()
                .filter(|j| j.category_id == cat.id)
                .map(|j| (j.id, j.juror_name.clone()))
                .collect(),
        })
        .collect();
    let flagged: Vec<FlaggedVoteRow> = sqlx::query_as(&format!(
        "SELECT v.id, v.receipt, (SELECT {NOMINEE_NAME} FROM award_nominations n WHERE n.id = v.nomination_id) AS nominee_name, \
         v.changed_at, (v.changed_at - a.created_at) / 60 AS account_age_minutes, v.void_reason \
         FROM award_votes v JOIN accounts a ON a.id = v.voter_id JOIN award_categories cat ON cat.id = v.category_id \
         WHERE cat.cycle_id = ? AND v.flagged = 1 ORDER BY v.voided_at IS NOT NULL, v.id DESC LIMIT 200"
    ))
    .bind(id)
    .fetch_all(pool)
    .await?;
    let log: Vec<LogEntryRow> = sqlx::query_as(
        "SELECT (SELECT display_name FROM accounts WHERE id = l.actor_id) AS actor_name, l.action, l.detail, l.reason, l.at \
         FROM award_log l WHERE l.cycle_id = ? ORDER BY l.id DESC LIMIT 200",
    )
    .bind(id)
    .fetch_all(pool)
    .await?;
    Ok(AdminCycle {
        cycle,
        categories,
        flagged: flagged
            .into_iter()
            .map(|r| FlaggedVote {
                id: r.id,
                receipt: r.receipt,
                nominee_name: r.nominee_name,
                cast_at: r.changed_at,
                account_age_minutes: r.account_age_minutes,
                voided: r.void_reason,
            })
            .collect(),
        log: log
            .into_iter()
            .map(|r| LogEntry {
                actor: r.actor_name.unwrap_or_default(),
                action: r.action,
                detail: r.detail,
                reason: r.reason,
                at: r.at,
            })
            .collect(),
    })
}
