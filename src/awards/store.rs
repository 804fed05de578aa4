//! SQL for the award. Every change runs under one write lock (`db::begin_immediate`) and checks
//! the phase and the clock inside it, so nothing slips in while an administrator moves the
//! phase on. Votes rely on the `UNIQUE (category_id, voter_id)` constraint: a second vote from
//! the same account, however simultaneous, updates the first.
use super::*;
use crate::db::{begin_immediate, rule, stale, StoreError, StoreResult, NOT_FOUND};
use crate::i18n::k;
use sqlx::{SqliteConnection, SqlitePool};

#[derive(Clone, Debug)]
pub struct CycleRow {
    pub id: i64,
    pub name: String,
    pub phase: Phase,
    pub rule: Rule,
    pub jury_weight: i64,
    pub schedule: Schedule,
    pub published_at: Option<i64>,
}

/// A row of `award_cycles` as stored, with the phase and the rule still as codes.
#[derive(sqlx::FromRow)]
struct RawCycle {
    id: i64,
    name: String,
    phase: String,
    rule: String,
    jury_weight: i64,
    nominations_until: i64,
    voting_until: i64,
    published_at: Option<i64>,
}

fn cycle_from(r: RawCycle) -> CycleRow {
    CycleRow {
        id: r.id,
        name: r.name,
        phase: Phase::from_code(&r.phase).unwrap_or(Phase::Draft),
        rule: Rule::from_code(&r.rule).unwrap_or(Rule::JuryFirst),
        jury_weight: r.jury_weight,
        schedule: Schedule {
            nominations_until: r.nominations_until,
            voting_until: r.voting_until,
        },
        published_at: r.published_at,
    }
}

const CYCLE_COLUMNS: &str =
    "id, name, phase, rule, jury_weight, nominations_until, voting_until, published_at";

pub async fn cycle(conn: &mut SqliteConnection, id: i64) -> StoreResult<CycleRow> {
    let row: Option<RawCycle> = sqlx::query_as(&format!(
        "SELECT {CYCLE_COLUMNS} FROM award_cycles WHERE id = ?"
    ))
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?;
    row.map(cycle_from).ok_or(NOT_FOUND)
}

/// A category's cycle, kind of nominee and regional flag.
#[derive(sqlx::FromRow)]
struct CategoryCycleRow {
    cycle_id: i64,
    nominee: String,
    regional: i64,
}

/// The cycle a category belongs to.
async fn cycle_of_category(
    conn: &mut SqliteConnection,
    category: i64,
) -> StoreResult<(CycleRow, Nominee, bool)> {
    let row: Option<CategoryCycleRow> =
        sqlx::query_as("SELECT cycle_id, nominee, regional FROM award_categories WHERE id = ?")
            .bind(category)
            .fetch_optional(&mut *conn)
            .await?;
    let CategoryCycleRow {
        cycle_id,
        nominee,
        regional,
    } = row.ok_or(NOT_FOUND)?;
    let c = cycle(conn, cycle_id).await?;
    Ok((
        c,
        Nominee::from_code(&nominee).unwrap_or(Nominee::Organisation),
        regional != 0,
    ))
}

pub async fn log(
    conn: &mut SqliteConnection,
    cycle: i64,
    actor: Option<i64>,
    action: &str,
    detail: &str,
    reason: &str,
    now: i64,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO award_log (cycle_id, actor_id, action, detail, reason, at) VALUES (?, ?, ?, ?, ?, ?)",
    )
    .bind(cycle)
    .bind(actor)
    .bind(action)
    .bind(detail)
    .bind(reason)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// A cycle in the list of cycles, with its phase as a code.
#[derive(sqlx::FromRow)]
struct CycleSummaryRow {
    id: i64,
    name: String,
    phase: String,
}

pub async fn list_cycles(pool: &SqlitePool, drafts: bool) -> sqlx::Result<Vec<CycleSummary>> {
    let rows: Vec<CycleSummaryRow> = sqlx::query_as(
        "SELECT id, name, phase FROM award_cycles WHERE ? OR phase <> 'draft' ORDER BY id DESC",
    )
    .bind(drafts)
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|CycleSummaryRow { id, name, phase }| CycleSummary {
            id,
            name,
            phase: Phase::from_code(&phase).unwrap_or(Phase::Draft),
        })
        .collect())
}

/// A new cycle in draft, with the chosen programme categories and the default criteria.
pub async fn create_cycle(
    pool: &SqlitePool,
    name: &str,
    schedule: Schedule,
    categories: &[&str],
    actor: i64,
    now: i64,
) -> StoreResult<i64> {
    let mut tx = begin_immediate(pool).await?;
    let result: StoreResult<_> = async {
        let conn: &mut SqliteConnection = &mut tx;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO award_cycles (name, nominations_until, voting_until, created_at) \
             VALUES (?, ?, ?, ?) RETURNING id",
        )
        .bind(name)
        .bind(schedule.nominations_until)
        .bind(schedule.voting_until)
        .bind(now)
        .fetch_one(&mut *conn)
        .await?;
        let chosen = DEFAULT_CATEGORIES
            .iter()
            .filter(|(code, _, _)| categories.contains(code));
        for (position, (code, nominee, regional)) in chosen.enumerate() {
            sqlx::query(
                "INSERT INTO award_categories (cycle_id, code, nominee, regional, position) VALUES (?, ?, ?, ?, ?)",
            )
            .bind(id)
            .bind(code)
            .bind(nominee.code())
            .bind(*regional)
            .bind(position as i64)
            .execute(&mut *conn)
            .await?;
        }
        for (position, (code, weight)) in DEFAULT_CRITERIA.iter().enumerate() {
            sqlx::query(
                "INSERT INTO award_criteria (cycle_id, code, weight, position) VALUES (?, ?, ?, ?)",
            )
            .bind(id)
            .bind(code)
            .bind(weight)
            .bind(position as i64)
            .execute(&mut *conn)
            .await?;
        }
        log(conn, id, Some(actor), "phase", Phase::Draft.code(), "", now).await?;
        Ok(id)
    }
    .await;
    tx.finish(result).await
}

/// The rule, the jury's weight, the criteria's weights and the dates; only before voting opens.
#[allow(clippy::too_many_arguments)]
pub async fn configure(
    pool: &SqlitePool,
    id: i64,
    rule: Rule,
    jury_weight: i64,
    schedule: Schedule,
    weights: &[(i64, i64)],
    actor: i64,
    now: i64,
) -> StoreResult<()> {
    let mut tx = begin_immediate(pool).await?;
    let result: StoreResult<_> = async {
        let conn: &mut SqliteConnection = &mut tx;
        let c = cycle(conn, id).await?;
        allowed(Act::Configure, c.phase, c.schedule, now).map_err(|key| crate::db::rule("", key))?;
        sqlx::query(
            "UPDATE award_cycles SET rule = ?, jury_weight = ?, nominations_until = ?, voting_until = ? WHERE id = ?",
        )
        .bind(rule.code())
        .bind(jury_weight)
        .bind(schedule.nominations_until)
        .bind(schedule.voting_until)
        .bind(id)
        .execute(&mut *conn)
        .await?;
        for (criterion, weight) in weights {
            let done =
                sqlx::query("UPDATE award_criteria SET weight = ? WHERE id = ? AND cycle_id = ?")
                    .bind(weight)
                    .bind(criterion)
                    .bind(id)
                    .execute(&mut *conn)
                    .await?;
            if done.rows_affected() == 0 {
                return Err(NOT_FOUND);
            }
        }
        let detail = format!("{} {jury_weight}", rule.code());
        log(conn, id, Some(actor), "configured", &detail, "", now).await?;
        Ok(())
    }
    .await;
    tx.finish(result).await
}

/// Moves the cycle from `from` to the next phase (a stale page, which shows an older phase,
/// moves nothing). Publishing freezes the results in the same transaction.
pub async fn advance(
    pool: &SqlitePool,
    id: i64,
    from: Phase,
    actor: i64,
    now: i64,
) -> StoreResult<Phase> {
    let mut tx = begin_immediate(pool).await?;
    let result: StoreResult<_> = async {
        let conn: &mut SqliteConnection = &mut tx;
        let c = cycle(conn, id).await?;
        if c.phase != from {
            return Err(stale(k::ERR_AWARD_PHASE_STALE));
        }
        let to = c
            .phase
            .next()
            .ok_or_else(|| rule("", k::ERR_AWARD_PHASE_LAST))?;
        match to {
            Phase::Nominations if now >= c.schedule.nominations_until => {
                return Err(rule("", k::ERR_AWARD_DATES_PASSED));
            }
            Phase::Voting => {
                if now >= c.schedule.voting_until {
                    return Err(rule("", k::ERR_AWARD_DATES_PASSED));
                }
                let finalists: i64 = sqlx::query_scalar(
                    "SELECT COUNT(*) FROM award_nominations n JOIN award_categories cat ON cat.id = n.category_id \
                     WHERE cat.cycle_id = ? AND n.finalist = 1",
                )
                .bind(id)
                .fetch_one(&mut *conn)
                .await?;
                if finalists == 0 {
                    return Err(rule("", k::ERR_AWARD_NO_FINALISTS));
                }
            }
            Phase::Published => publish(conn, &c, now).await?,
            _ => {}
        }
        sqlx::query("UPDATE award_cycles SET phase = ? WHERE id = ?")
            .bind(to.code())
            .bind(id)
            .execute(&mut *conn)
            .await?;
        log(conn, id, Some(actor), "phase", to.code(), "", now).await?;
        Ok(to)
    }
    .await;
    tx.finish(result).await
}

/// The name a nomination shows: the person's display name or the organisation's name.
const NOMINEE_NAME: &str =
    "COALESCE(n.org_name, (SELECT display_name FROM accounts WHERE id = n.nominee_id))";

/// A finalist with its counted votes, name and reason.
#[derive(sqlx::FromRow)]
struct StandingRow {
    id: i64,
    votes: i64,
    nominee_name: String,
    reason: String,
}

/// One juror's score on one criterion, with the criterion's weight.
#[derive(sqlx::FromRow)]
struct JurorScoreRow {
    juror_id: i64,
    weight: i64,
    score: i64,
}

/// The finalists' standings right now: counted votes and the jury's mean.
async fn standings(
    conn: &mut SqliteConnection,
    category: i64,
) -> sqlx::Result<Vec<(Standing, i64, String, String)>> {
    let rows: Vec<StandingRow> = sqlx::query_as(&format!(
        "SELECT n.id, (SELECT COUNT(*) FROM award_votes v WHERE v.nomination_id = n.id AND v.voided_at IS NULL) AS votes, \
         {NOMINEE_NAME} AS nominee_name, n.reason FROM award_nominations n WHERE n.category_id = ? AND n.finalist = 1 ORDER BY n.id"
    ))
    .bind(category)
    .fetch_all(&mut *conn)
    .await?;
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let StandingRow {
            id,
            votes,
            nominee_name: name,
            reason,
        } = row;
        // each non-abstaining juror's weighted score
        let scores: Vec<JurorScoreRow> = sqlx::query_as(
            "SELECT s.juror_id, c.weight, s.score FROM award_scores s \
             JOIN award_reviews r ON r.nomination_id = s.nomination_id AND r.juror_id = s.juror_id \
             JOIN award_criteria c ON c.id = s.criterion_id \
             WHERE s.nomination_id = ? AND r.abstain_reason IS NULL ORDER BY s.juror_id",
        )
        .bind(id)
        .fetch_all(&mut *conn)
        .await?;
        let mut per_juror: Vec<i64> = Vec::new();
        let mut i = 0;
        while i < scores.len() {
            let juror = scores[i].juror_id;
            let ws: Vec<(i64, i64)> = scores[i..]
                .iter()
                .take_while(|s| s.juror_id == juror)
                .map(|s| (s.weight, s.score))
                .collect();
            i += ws.len();
            if let Some(x) = weighted_x100(&ws) {
                per_juror.push(x);
            }
        }
        out.push((
            Standing {
                nomination_id: id,
                votes,
                jury_x100: jury_mean_x100(&per_juror),
            },
            per_juror.len() as i64,
            name,
            reason,
        ));
    }
    Ok(out)
}

/// Freezes the results: every finalist's name, reason, counted votes, jury mean and place.
async fn publish(conn: &mut SqliteConnection, c: &CycleRow, now: i64) -> StoreResult<()> {
    let categories: Vec<i64> =
        sqlx::query_scalar("SELECT id FROM award_categories WHERE cycle_id = ? ORDER BY position")
            .bind(c.id)
            .fetch_all(&mut *conn)
            .await?;
    for category in categories {
        let rows = standings(conn, category).await?;
        let list: Vec<Standing> = rows.iter().map(|r| r.0.clone()).collect();
        for o in rank(c.rule, c.jury_weight, &list) {
            let (s, jurors, name, reason) = rows
                .iter()
                .find(|r| r.0.nomination_id == o.nomination_id)
                .ok_or(StoreError::Db(sqlx::Error::RowNotFound))?;
            sqlx::query(
                "INSERT INTO award_results (category_id, nomination_id, nominee_name, reason, votes, jury_x100, jurors, place, winner, community_choice) \
                 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            )
            .bind(category)
            .bind(o.nomination_id)
            .bind(name)
            .bind(reason)
            .bind(s.votes)
            .bind(s.jury_x100)
            .bind(jurors)
            .bind(o.place)
            .bind(o.winner)
            .bind(o.community_choice)
            .execute(&mut *conn)
            .await?;
        }
    }
    sqlx::query("UPDATE award_cycles SET published_at = ? WHERE id = ?")
        .bind(now)
        .bind(c.id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// The account a person's nomination names, looked up by email.
#[derive(sqlx::FromRow)]
struct NomineeAccountRow {
    id: i64,
    role: String,
    region: Option<String>,
    suspended_at: Option<i64>,
}

/// A nomination; returns the cycle. A person must accept before it is public; she is told.
pub async fn nominate(
    pool: &SqlitePool,
    category: i64,
    nominator: i64,
    email: &str,
    org_name: &str,
    reason: &str,
    now: i64,
) -> StoreResult<i64> {
    let mut tx = begin_immediate(pool).await?;
    let result: StoreResult<_> = async {
        let conn: &mut SqliteConnection = &mut tx;
        let (c, kind, regional) = cycle_of_category(conn, category).await?;
        allowed(Act::Nominate, c.phase, c.schedule, now).map_err(|key| rule("", key))?;
        let (nominee_id, org, key, status) = match kind {
            Nominee::Organisation if org_name.is_empty() => {
                return Err(rule("org_name", k::ERR_REQUIRED))
            }
            Nominee::Organisation => (
                None,
                Some(org_name.to_string()),
                format!("o:{}", org_name.to_lowercase()),
                "accepted",
            ),
            _ if email.is_empty() => return Err(rule("email", k::ERR_REQUIRED)),
            kind => {
                let row: Option<NomineeAccountRow> = sqlx::query_as(
                    "SELECT id, role, region, suspended_at FROM accounts WHERE email = ?",
                )
                .bind(email.trim().to_lowercase())
                .fetch_optional(&mut *conn)
                .await?;
                let Some(account) = row.filter(|r| r.suspended_at.is_none()) else {
                    return Err(rule("email", k::ERR_AWARD_NOMINEE_UNKNOWN));
                };
                let NomineeAccountRow {
                    id,
                    role,
                    region,
                    ..
                } = account;
                if id == nominator {
                    return Err(rule("email", k::ERR_AWARD_SELF_NOMINATION));
                }
                if role != kind.code() || (regional && !is_regional(region.as_deref())) {
                    return Err(rule("email", k::ERR_AWARD_WRONG_NOMINEE));
                }
                (Some(id), None, format!("a:{id}"), "awaiting")
            }
        };
        let inserted: Option<i64> = sqlx::query_scalar(
            "INSERT INTO award_nominations (category_id, nominator_id, nominee_id, org_name, nominee_key, reason, status, created_at) \
             VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (category_id, nominator_id, nominee_key) DO NOTHING RETURNING id",
        )
        .bind(category)
        .bind(nominator)
        .bind(nominee_id)
        .bind(&org)
        .bind(&key)
        .bind(reason)
        .bind(status)
        .bind(now)
        .fetch_optional(&mut *conn)
        .await?;
        inserted.ok_or_else(|| rule("", k::ERR_AWARD_DUPLICATE_NOMINATION))?;
        if let Some(person) = nominee_id {
            let name = crate::notifications::store::name_of(conn, nominator).await?;
            crate::notifications::store::notify(
                conn,
                person,
                crate::notifications::Kind::AwardNominated,
                &name,
                &format!("/awards/{}#for-you", c.id),
                now,
            )
            .await?;
        }
        Ok(c.id)
    }
    .await;
    tx.finish(result).await
}

/// The category of a nomination addressed to its nominee (the selected status is not needed).
#[derive(sqlx::FromRow)]
struct AddressedNominationRow {
    category_id: i64,
}

/// The nominated person accepts (the nomination becomes public) or declines. Someone else's
/// nomination is a 404.
pub async fn answer(
    pool: &SqlitePool,
    nomination: i64,
    me: i64,
    accept: bool,
    now: i64,
) -> StoreResult<i64> {
    let mut tx = begin_immediate(pool).await?;
    let result: StoreResult<_> = async {
        let conn: &mut SqliteConnection = &mut tx;
        let row: Option<AddressedNominationRow> = sqlx::query_as(
            "SELECT category_id, status FROM award_nominations WHERE id = ? AND nominee_id = ?",
        )
        .bind(nomination)
        .bind(me)
        .fetch_optional(&mut *conn)
        .await?;
        let category = row.ok_or(NOT_FOUND)?.category_id;
        let (c, _, _) = cycle_of_category(conn, category).await?;
        allowed(Act::Answer, c.phase, c.schedule, now).map_err(|key| rule("", key))?;
        sqlx::query(
            "UPDATE award_nominations SET status = ?, answered_at = ?, finalist = CASE WHEN ? THEN finalist ELSE 0 END WHERE id = ?",
        )
        .bind(if accept { "accepted" } else { "declined" })
        .bind(now)
        .bind(accept)
        .bind(nomination)
        .execute(&mut *conn)
        .await?;
        Ok(c.id)
    }
    .await;
    tx.finish(result).await
}

/// A nomination's category, status and shown name.
#[derive(sqlx::FromRow)]
struct NominationCycleRow {
    category_id: i64,
    status: String,
    nominee_name: String,
}

/// The cycle of a nomination, for administrators' actions.
async fn nomination_cycle(
    conn: &mut SqliteConnection,
    nomination: i64,
) -> StoreResult<(CycleRow, String, String)> {
    let row: Option<NominationCycleRow> = sqlx::query_as(&format!(
        "SELECT n.category_id, n.status, {NOMINEE_NAME} AS nominee_name FROM award_nominations n WHERE n.id = ?"
    ))
    .bind(nomination)
    .fetch_optional(&mut *conn)
    .await?;
    let NominationCycleRow {
        category_id: category,
        status,
        nominee_name: name,
    } = row.ok_or(NOT_FOUND)?;
    let (c, _, _) = cycle_of_category(conn, category).await?;
    Ok((c, status, name))
}

/// Screening: eligible, or ineligible with a reason (which also takes it off the shortlist).
pub async fn screen(
    pool: &SqlitePool,
    nomination: i64,
    eligible: bool,
    reason: &str,
    actor: i64,
    now: i64,
) -> StoreResult<i64> {
    let mut tx = begin_immediate(pool).await?;
    let result: StoreResult<_> = async {
        let conn: &mut SqliteConnection = &mut tx;
        let (c, status, name) = nomination_cycle(conn, nomination).await?;
        allowed(Act::Screen, c.phase, c.schedule, now).map_err(|key| rule("", key))?;
        if status != "accepted" {
            return Err(rule("", k::ERR_AWARD_NOT_ACCEPTED));
        }
        sqlx::query(
            "UPDATE award_nominations SET screening = ?, screening_reason = ?, finalist = CASE WHEN ? THEN finalist ELSE 0 END WHERE id = ?",
        )
        .bind(if eligible { "eligible" } else { "ineligible" })
        .bind((!eligible).then_some(reason))
        .bind(eligible)
        .bind(nomination)
        .execute(&mut *conn)
        .await?;
        let action = if eligible { "eligible" } else { "ineligible" };
        log(conn, c.id, Some(actor), action, &name, reason, now).await?;
        Ok(c.id)
    }
    .await;
    tx.finish(result).await
}

/// Puts an eligible nomination on the shortlist of finalists, or takes it off.
pub async fn shortlist(
    pool: &SqlitePool,
    nomination: i64,
    finalist: bool,
    actor: i64,
    now: i64,
) -> StoreResult<i64> {
    let mut tx = begin_immediate(pool).await?;
    let result: StoreResult<_> = async {
        let conn: &mut SqliteConnection = &mut tx;
        let (c, _, name) = nomination_cycle(conn, nomination).await?;
        allowed(Act::Screen, c.phase, c.schedule, now).map_err(|key| rule("", key))?;
        let done = sqlx::query(
            "UPDATE award_nominations SET finalist = ? WHERE id = ? AND status = 'accepted' AND screening = 'eligible'",
        )
        .bind(finalist)
        .bind(nomination)
        .execute(&mut *conn)
        .await?;
        if done.rows_affected() == 0 {
            return Err(rule("", k::ERR_AWARD_NOT_ELIGIBLE));
        }
        let action = if finalist {
            "shortlisted"
        } else {
            "unshortlisted"
        };
        log(conn, c.id, Some(actor), action, &name, "", now).await?;
        Ok(c.id)
    }
    .await;
    tx.finish(result).await
}

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
        allowed(Act::Vote, c.phase, c.schedule, now).map_err(|key| rule("", key))?;
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
        allowed(Act::Void, c.phase, c.schedule, now).map_err(|key| rule("", key))?;
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

/// An account with the jury role, looked up by email.
#[derive(sqlx::FromRow)]
struct JurorAccountRow {
    id: i64,
    display_name: String,
}

/// Assigns a juror (an account with the jury role) to a category by email.
pub async fn assign_juror(
    pool: &SqlitePool,
    category: i64,
    email: &str,
    actor: i64,
    now: i64,
) -> StoreResult<i64> {
    let mut tx = begin_immediate(pool).await?;
    let result: StoreResult<_> = async {
        let conn: &mut SqliteConnection = &mut tx;
        let (c, _, _) = cycle_of_category(conn, category).await?;
        allowed(Act::AssignJurors, c.phase, c.schedule, now).map_err(|key| rule("", key))?;
        let juror: Option<JurorAccountRow> = sqlx::query_as(
            "SELECT id, display_name FROM accounts WHERE email = ? AND role = 'jury' AND suspended_at IS NULL",
        )
        .bind(email.trim().to_lowercase())
        .fetch_optional(&mut *conn)
        .await?;
        let JurorAccountRow {
            id: juror,
            display_name: name,
        } = juror.ok_or_else(|| rule("email", k::ERR_AWARD_NOT_JUROR))?;
        sqlx::query(
            "INSERT INTO award_jurors (category_id, juror_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
        )
        .bind(category)
        .bind(juror)
        .execute(&mut *conn)
        .await?;
        log(conn, c.id, Some(actor), "juror_added", &name, "", now).await?;
        Ok(c.id)
    }
    .await;
    tx.finish(result).await
}

pub async fn remove_juror(
    pool: &SqlitePool,
    category: i64,
    juror: i64,
    actor: i64,
    now: i64,
) -> StoreResult<i64> {
    let mut tx = begin_immediate(pool).await?;
    let result: StoreResult<_> = async {
        let conn: &mut SqliteConnection = &mut tx;
        let (c, _, _) = cycle_of_category(conn, category).await?;
        allowed(Act::AssignJurors, c.phase, c.schedule, now).map_err(|key| rule("", key))?;
        let done = sqlx::query("DELETE FROM award_jurors WHERE category_id = ? AND juror_id = ?")
            .bind(category)
            .bind(juror)
            .execute(&mut *conn)
            .await?;
        if done.rows_affected() == 0 {
            return Err(NOT_FOUND);
        }
        let name = crate::notifications::store::name_of(conn, juror).await?;
        log(conn, c.id, Some(actor), "juror_removed", &name, "", now).await?;
        Ok(c.id)
    }
    .await;
    tx.finish(result).await
}

/// What a juror gives a finalist: a score per criterion, or an abstention with its reason.
pub enum Review {
    Scores(Vec<(i64, i64)>),
    Abstain(String),
}

/// The nomination a juror reviews: its category and whether it is a finalist.
#[derive(sqlx::FromRow)]
struct ReviewTargetRow {
    category_id: i64,
    finalist: bool,
}

/// A juror's review of a finalist of a category she is assigned to (anything else is refused).
pub async fn review(
    pool: &SqlitePool,
    nomination: i64,
    juror: i64,
    review: Review,
    now: i64,
) -> StoreResult<i64> {
    let mut tx = begin_immediate(pool).await?;
    let result: StoreResult<_> = async {
        let conn: &mut SqliteConnection = &mut tx;
        let row: Option<ReviewTargetRow> =
            sqlx::query_as("SELECT category_id, finalist FROM award_nominations WHERE id = ?")
                .bind(nomination)
                .fetch_optional(&mut *conn)
                .await?;
        let ReviewTargetRow {
            category_id: category,
            finalist,
        } = row.ok_or(NOT_FOUND)?;
        let assigned: bool = sqlx::query_scalar(
            "SELECT EXISTS (SELECT 1 FROM award_jurors WHERE category_id = ? AND juror_id = ?)",
        )
        .bind(category)
        .bind(juror)
        .fetch_one(&mut *conn)
        .await?;
        if !assigned {
            return Err(rule("", k::ERR_AWARD_NOT_ASSIGNED));
        }
        if !finalist {
            return Err(rule("", k::ERR_AWARD_NOT_FINALIST));
        }
        let (c, _, _) = cycle_of_category(conn, category).await?;
        allowed(Act::Score, c.phase, c.schedule, now).map_err(|key| rule("", key))?;
        let criteria: Vec<i64> = sqlx::query_scalar(
            "SELECT id FROM award_criteria WHERE cycle_id = ? ORDER BY position",
        )
        .bind(c.id)
        .fetch_all(&mut *conn)
        .await?;
        sqlx::query("DELETE FROM award_reviews WHERE nomination_id = ? AND juror_id = ?")
            .bind(nomination)
            .bind(juror)
            .execute(&mut *conn)
            .await?;
        let abstain = match &review {
            Review::Abstain(reason) => Some(reason.as_str()),
            Review::Scores(_) => None,
        };
        sqlx::query(
            "INSERT INTO award_reviews (nomination_id, juror_id, abstain_reason, updated_at) VALUES (?, ?, ?, ?)",
        )
        .bind(nomination)
        .bind(juror)
        .bind(abstain)
        .bind(now)
        .execute(&mut *conn)
        .await?;
        if let Review::Scores(scores) = &review {
            for criterion in &criteria {
                let score = scores
                    .iter()
                    .find(|(c, _)| c == criterion)
                    .map(|(_, s)| *s)
                    .ok_or_else(|| rule(format!("score_{criterion}"), k::ERR_AWARD_SCORE))?;
                if !(1..=5).contains(&score) {
                    return Err(rule(format!("score_{criterion}"), k::ERR_AWARD_SCORE));
                }
                sqlx::query(
                    "INSERT INTO award_scores (nomination_id, juror_id, criterion_id, score) VALUES (?, ?, ?, ?)",
                )
                .bind(nomination)
                .bind(juror)
                .bind(criterion)
                .bind(score)
                .execute(&mut *conn)
                .await?;
            }
            if scores.iter().any(|(c, _)| !criteria.contains(c)) {
                return Err(NOT_FOUND);
            }
        }
        Ok(c.id)
    }
    .await;
    tx.finish(result).await
}

// ---- reads ----

/// A criterion of a cycle with its weight.
#[derive(sqlx::FromRow)]
struct CriterionRow {
    id: i64,
    code: String,
    weight: i64,
}

async fn criteria(pool: &SqlitePool, cycle: i64) -> sqlx::Result<Vec<Criterion>> {
    let rows: Vec<CriterionRow> = sqlx::query_as(
        "SELECT id, code, weight FROM award_criteria WHERE cycle_id = ? ORDER BY position",
    )
    .bind(cycle)
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|CriterionRow { id, code, weight }| Criterion { id, code, weight })
        .collect())
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
}

async fn my_nominations(
    pool: &SqlitePool,
    cycle: i64,
    column: &str,
    me: i64,
) -> sqlx::Result<Vec<MyNomination>> {
    let rows: Vec<MyNominationRow> = sqlx::query_as(&format!(
        "SELECT n.id, cat.code, {NOMINEE_NAME} AS nominee_name, (SELECT display_name FROM accounts WHERE id = n.nominator_id) AS nominator_name, \
         n.reason, n.status, n.screening FROM award_nominations n JOIN award_categories cat ON cat.id = n.category_id \
         WHERE cat.cycle_id = ? AND n.{column} = ? ORDER BY n.id DESC"
    ))
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
    // before voting: accepted nominations not ruled out; from voting on: the finalists
    let shown = if c.phase.before_voting() {
        "n.status = 'accepted' AND n.screening <> 'ineligible'"
    } else {
        "n.finalist = 1"
    };
    // every shown nomination of the cycle and the viewer's votes: two queries, grouped here
    let rows: Vec<ShownNominationRow> = sqlx::query_as(&format!(
        "SELECT n.category_id, n.id, {NOMINEE_NAME} AS nominee_name, n.reason, n.finalist FROM award_nominations n \
         JOIN award_categories cat ON cat.id = n.category_id WHERE cat.cycle_id = ? AND {shown} ORDER BY n.id"
    ))
    .bind(id)
    .fetch_all(pool)
    .await?;
    let votes: Vec<MyVoteRow> = sqlx::query_as(
        "SELECT v.category_id, v.nomination_id, v.receipt FROM award_votes v \
         JOIN award_categories cat ON cat.id = v.category_id WHERE cat.cycle_id = ? AND v.voter_id = ?",
    )
    .bind(id)
    .bind(me.unwrap_or(0))
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

/// A category a juror is assigned to, with its cycle (phase as a code).
#[derive(sqlx::FromRow)]
struct JuryAssignmentRow {
    cycle_id: i64,
    name: String,
    phase: String,
    category_id: i64,
    code: String,
}

/// A finalist a juror reviews, with her abstention's reason if she abstained.
#[derive(sqlx::FromRow)]
struct JuryFinalistRow {
    id: i64,
    nominee_name: String,
    reason: String,
    abstain_reason: Option<String>,
}

/// A juror's score on one criterion.
#[derive(sqlx::FromRow)]
struct CriterionScoreRow {
    criterion_id: i64,
    score: i64,
}

/// The categories a juror is assigned to in cycles under jury review, with her scores so far.
pub async fn jury_work(pool: &SqlitePool, juror: i64) -> sqlx::Result<Vec<JuryCategory>> {
    let cats: Vec<JuryAssignmentRow> = sqlx::query_as(
        "SELECT c.id AS cycle_id, c.name, c.phase, cat.id AS category_id, cat.code FROM award_jurors j \
         JOIN award_categories cat ON cat.id = j.category_id JOIN award_cycles c ON c.id = cat.cycle_id \
         WHERE j.juror_id = ? AND c.phase IN ('voting', 'voting_closed', 'jury') ORDER BY c.id DESC, cat.position",
    )
    .bind(juror)
    .fetch_all(pool)
    .await?;
    let mut out = Vec::with_capacity(cats.len());
    for cat in cats {
        let JuryAssignmentRow {
            cycle_id,
            name: cycle_name,
            phase,
            category_id,
            code,
        } = cat;
        let finalists: Vec<JuryFinalistRow> = sqlx::query_as(&format!(
            "SELECT n.id, {NOMINEE_NAME} AS nominee_name, n.reason, r.abstain_reason FROM award_nominations n \
             LEFT JOIN award_reviews r ON r.nomination_id = n.id AND r.juror_id = ? \
             WHERE n.category_id = ? AND n.finalist = 1 ORDER BY n.id"
        ))
        .bind(juror)
        .bind(category_id)
        .fetch_all(pool)
        .await?;
        let mut items = Vec::with_capacity(finalists.len());
        for finalist in finalists {
            let JuryFinalistRow {
                id: nomination_id,
                nominee_name,
                reason,
                abstain_reason: abstained,
            } = finalist;
            let scores: Vec<CriterionScoreRow> = sqlx::query_as(
                "SELECT criterion_id, score FROM award_scores WHERE nomination_id = ? AND juror_id = ?",
            )
            .bind(nomination_id)
            .bind(juror)
            .fetch_all(pool)
            .await?;
            items.push(JuryItem {
                nomination_id,
                nominee_name,
                reason,
                scores: scores
                    .into_iter()
                    .map(|s| (s.criterion_id, s.score))
                    .collect(),
                abstained,
            });
        }
        out.push(JuryCategory {
            cycle_id,
            cycle_name,
            phase: Phase::from_code(&phase).unwrap_or(Phase::Jury),
            category_id,
            code,
            criteria: criteria(pool, cycle_id).await?,
            finalists: items,
        });
    }
    Ok(out)
}

/// A frozen result line, with its category's code.
#[derive(sqlx::FromRow)]
struct ResultLineRow {
    code: String,
    nominee_name: String,
    reason: String,
    votes: i64,
    jury_x100: Option<i64>,
    jurors: i64,
    place: i64,
    winner: bool,
    community_choice: bool,
}

/// The frozen results of a published (or archived) cycle.
pub async fn results(pool: &SqlitePool, id: i64) -> StoreResult<Results> {
    let c = {
        let mut conn = pool.acquire().await?;
        cycle(&mut conn, id).await?
    };
    let Some(published_at) = c.published_at.filter(|_| c.phase >= Phase::Published) else {
        return Err(NOT_FOUND);
    };
    let rows: Vec<ResultLineRow> = sqlx::query_as(
        "SELECT cat.code, r.nominee_name, r.reason, r.votes, r.jury_x100, r.jurors, r.place, r.winner, r.community_choice \
         FROM award_results r JOIN award_categories cat ON cat.id = r.category_id \
         WHERE cat.cycle_id = ? ORDER BY cat.position, r.place, r.nominee_name",
    )
    .bind(id)
    .fetch_all(pool)
    .await?;
    let mut categories: Vec<ResultCategory> = Vec::new();
    for r in rows {
        let line = ResultLine {
            nominee_name: r.nominee_name,
            reason: r.reason,
            votes: r.votes,
            jury_x100: r.jury_x100,
            jurors: r.jurors,
            place: r.place,
            winner: r.winner,
            community_choice: r.community_choice,
        };
        match categories.last_mut() {
            Some(cat) if cat.code == r.code => cat.lines.push(line),
            _ => categories.push(ResultCategory {
                code: r.code,
                lines: vec![line],
            }),
        }
    }
    Ok(Results {
        cycle_id: id,
        name: c.name,
        rule: c.rule,
        jury_weight: c.jury_weight,
        published_at,
        categories,
    })
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
