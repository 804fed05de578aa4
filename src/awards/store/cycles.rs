//! Cycles: the list, a new cycle, its configuration and moving it from phase to phase.
use super::results::publish;
use super::*;

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

/// What an administrator sets on a cycle before voting opens: the rule, the jury's weight, the
/// dates, and each criterion's weight as (criterion id, weight).
#[derive(Clone, Debug, PartialEq)]
pub struct CycleSettings {
    pub rule: Rule,
    pub jury_weight: i64,
    pub schedule: Schedule,
    pub weights: Vec<(i64, i64)>,
}

/// The rule, the jury's weight, the criteria's weights and the dates; only before voting opens.
pub async fn configure(
    pool: &SqlitePool,
    id: i64,
    settings: &CycleSettings,
    actor: i64,
    now: i64,
) -> StoreResult<()> {
    let CycleSettings {
        rule,
        jury_weight,
        schedule,
        ref weights,
    } = *settings;
    let mut tx = begin_immediate(pool).await?;
    let result: StoreResult<_> = async {
        let conn: &mut SqliteConnection = &mut tx;
        let c = cycle(conn, id).await?;
        permit(Act::Configure, &c, now)?;
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
