//! Results: the standings, freezing them on publication, and reading the frozen results.
use super::*;

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
pub(super) async fn publish(
    conn: &mut SqliteConnection,
    c: &CycleRow,
    now: i64,
) -> StoreResult<()> {
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
