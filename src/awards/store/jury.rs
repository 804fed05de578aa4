//! The jury: assigning and removing jurors, their reviews of finalists and their work list.
use super::*;

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
        permit(Act::AssignJurors, &c, now)?;
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
        permit(Act::AssignJurors, &c, now)?;
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
        permit(Act::Score, &c, now)?;
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
