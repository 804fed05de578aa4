//! SQL for the learned fit score: past outcomes, their features, training and versions.
use super::learn::{self, Sample};
use super::{ModelVersion, EARLY_DAYS, MIN_OUTCOMES};
use crate::db::{begin_immediate, rule, StoreError, StoreResult, NOT_FOUND};
use crate::i18n::{k, Locale};
use crate::matching::store::{candidates, seeker_columns, SeekerRow};
use crate::matching::{features, text, Offer, Weights};
use sqlx::{SqliteConnection, SqlitePool};
use std::collections::HashMap;

/// One past pair and how it went.
#[derive(Clone, Copy, Debug, PartialEq, sqlx::FromRow)]
pub struct Outcome {
    pub mentee_id: i64,
    pub mentor_id: i64,
    pub good: bool,
}

/// Every past pair with an outcome, one row a pair: a mentorship cancelled within
/// [`EARLY_DAYS`] did not work out; any other mentorship (the request accepted, rated or not)
/// did; without a mentorship, a request declined or left to expire did not. Requests the
/// programme made for published cohort pairs are not a mentor's answer and do not count (their
/// mentorships do).
pub async fn outcomes(conn: &mut SqliteConnection) -> sqlx::Result<Vec<Outcome>> {
    sqlx::query_as(
        "WITH events (mentee_id, mentor_id, kind) AS ( \
           SELECT mentee_id, mentor_id, \
             CASE WHEN state = 'cancelled' AND COALESCE(ended_at, started_at) - started_at < ?1 THEN 2 ELSE 1 END \
           FROM mentorships \
           UNION ALL \
           SELECT mentee_id, mentor_id, 0 FROM mentorship_requests \
           WHERE state IN ('declined', 'expired') AND matched_by IS NULL) \
         SELECT mentee_id, mentor_id, MAX(kind) = 1 AS good FROM events \
         GROUP BY mentee_id, mentor_id ORDER BY mentee_id, mentor_id",
    )
    .bind(EARLY_DAYS * 86_400)
    .fetch_all(conn)
    .await
}

/// A past pair with its features as the profiles read now (none are kept from back then); a
/// pair whose mentee has no profile or whose mentor is no longer approved is left out.
pub async fn samples(
    conn: &mut SqliteConnection,
    now: i64,
) -> sqlx::Result<Vec<(Outcome, Sample)>> {
    #[derive(sqlx::FromRow)]
    struct MenteeRow {
        id: i64,
        #[sqlx(flatten)]
        seeker: SeekerRow,
    }
    let outcomes = outcomes(&mut *conn).await?;
    let seekers: HashMap<i64, crate::matching::Seeker> = sqlx::query_as::<_, MenteeRow>(&format!(
        "SELECT a.id, {} FROM accounts a JOIN mentee_profiles m ON m.account_id = a.id",
        seeker_columns(Locale::En)
    ))
    .fetch_all(&mut *conn)
    .await?
    .into_iter()
    .filter_map(|r| Some((r.id, r.seeker.seeker()?)))
    .collect();
    let mentors = candidates(&mut *conn, Locale::En, now).await?;
    let at: HashMap<i64, usize> = mentors.iter().enumerate().map(|(i, c)| (c.id, i)).collect();
    let index = text::Index::new(mentors.iter().map(|c| c.words.clone()));
    let mut similar: HashMap<i64, Vec<f64>> = HashMap::new();
    let mut out = Vec::with_capacity(outcomes.len());
    for o in outcomes {
        let (Some(seeker), Some(&m)) = (seekers.get(&o.mentee_id), at.get(&o.mentor_id)) else {
            continue;
        };
        let sims = similar
            .entry(o.mentee_id)
            .or_insert_with(|| index.similarities(&seeker.goals));
        let offer = Offer {
            text: sims.get(m).copied().unwrap_or(0.0),
            ..mentors[m].offer()
        };
        let (x, _) = features(seeker, &offer);
        out.push((o, Sample { x, good: o.good }));
    }
    Ok(out)
}

/// Trains a new version from the past outcomes and keeps it (not active); its id. Refused with
/// fewer than [`MIN_OUTCOMES`] usable outcomes, or without both kinds among those it learns
/// from, or when no criterion comes out with a positive weight.
pub async fn train(pool: &SqlitePool, by: Option<i64>, now: i64) -> StoreResult<i64> {
    let data = samples(&mut *pool.acquire().await?, now).await?;
    if data.len() < MIN_OUTCOMES {
        return Err(rule("", k::MODEL_TOO_FEW));
    }
    let (held, learn_from): (Vec<_>, Vec<_>) = data
        .into_iter()
        .partition(|(o, _)| learn::held_out(o.mentee_id, o.mentor_id));
    let train: Vec<Sample> = learn_from.iter().map(|(_, s)| *s).collect();
    let test: Vec<Sample> = held.iter().map(|(_, s)| *s).collect();
    if !train.iter().any(|s| s.good) || train.iter().all(|s| s.good) {
        return Err(rule("", k::MODEL_ONE_KIND));
    }
    let fitted = tokio::task::spawn_blocking(move || learn::fit(&train, 1e-3, 3_000))
        .await
        .map_err(|e| StoreError::Db(sqlx::Error::Protocol(format!("training failed: {e}"))))?;
    let Some(weights) = Weights::scaled(fitted.coef) else {
        return Err(rule("", k::MODEL_NO_SIGNAL));
    };
    let scored: Vec<(f64, bool)> = test.iter().map(|s| (fitted.chance(&s.x), s.good)).collect();
    let hand: Vec<(f64, bool)> = test
        .iter()
        .map(|s| (points(&Weights::HAND_SET, &s.x), s.good))
        .collect();
    let (good, bad) = learn_from.iter().fold(
        (0, 0),
        |(g, b), (o, _)| {
            if o.good {
                (g + 1, b)
            } else {
                (g, b + 1)
            }
        },
    );
    let mut tx = begin_immediate(pool).await?;
    let result: StoreResult<i64> = async {
        let conn: &mut SqliteConnection = &mut tx;
        Ok(sqlx::query_scalar(
            "INSERT INTO match_models (trained_at, trained_by, positives, negatives, held_out, auc, accuracy, hand_auc, weights) \
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        )
        .bind(now)
        .bind(by)
        .bind(good)
        .bind(bad)
        .bind(test.len() as i64)
        .bind(learn::auc(&scored))
        .bind(learn::accuracy(&fitted, &test))
        .bind(learn::auc(&hand))
        .bind(serde_json::to_string(&weights.0).unwrap_or_default())
        .fetch_one(&mut *conn)
        .await?)
    }
    .await;
    tx.finish(result).await
}

/// A pair's points under some weights.
pub fn points(w: &Weights, x: &crate::matching::Features) -> f64 {
    w.0.iter().zip(x).map(|(w, x)| w * x).sum()
}

/// A version as stored.
#[derive(sqlx::FromRow)]
struct ModelRow {
    id: i64,
    trained_at: i64,
    trained_by: Option<String>,
    positives: i64,
    negatives: i64,
    held_out: i64,
    auc: Option<f64>,
    accuracy: Option<f64>,
    hand_auc: Option<f64>,
    weights: String,
    active: bool,
}

/// The newest versions first.
pub async fn versions(pool: &SqlitePool, limit: i64) -> sqlx::Result<Vec<ModelVersion>> {
    let rows: Vec<ModelRow> = sqlx::query_as(
        "SELECT v.id, v.trained_at, a.display_name AS trained_by, v.positives, v.negatives, v.held_out, \
           v.auc, v.accuracy, v.hand_auc, v.weights, v.active \
         FROM match_models v LEFT JOIN accounts a ON a.id = v.trained_by \
         ORDER BY v.id DESC LIMIT ?",
    )
    .bind(limit)
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| ModelVersion {
            weights: crate::matching::store::weights_from(Some(&r.weights)).0,
            id: r.id,
            trained_at: r.trained_at,
            trained_by: r.trained_by,
            positives: r.positives,
            negatives: r.negatives,
            held_out: r.held_out,
            auc: r.auc,
            accuracy: r.accuracy,
            hand_auc: r.hand_auc,
            active: r.active,
        })
        .collect())
}

/// Makes a version the one the fit score uses (`None`: the hand-set weights). An unknown
/// version is [`NOT_FOUND`] and nothing changes.
pub async fn activate(pool: &SqlitePool, id: Option<i64>) -> StoreResult<()> {
    let mut tx = begin_immediate(pool).await?;
    let result: StoreResult<()> = async {
        let conn: &mut SqliteConnection = &mut tx;
        sqlx::query("UPDATE match_models SET active = 0 WHERE active = 1")
            .execute(&mut *conn)
            .await?;
        if let Some(id) = id {
            let r = sqlx::query("UPDATE match_models SET active = 1 WHERE id = ?")
                .bind(id)
                .execute(&mut *conn)
                .await?;
            if r.rows_affected() == 0 {
                return Err(NOT_FOUND);
            }
        }
        // discovery reads the weights with each look (a commit ends what `LookMemo` keeps)
        Ok(())
    }
    .await;
    tx.finish(result).await
}

/// The nightly run: with enough outcomes, train a version, and make it the one in use when it
/// ranks the held-out pairs better than the hand-set weights (and than the version in use).
/// The new version's id, if it was activated.
pub async fn nightly(pool: &SqlitePool, now: i64) -> sqlx::Result<Option<i64>> {
    let id = match train(pool, None, now).await {
        Ok(id) => id,
        Err(StoreError::Db(e)) => return Err(e),
        Err(StoreError::Refused(_)) => return Ok(None),
    };
    let better: bool = sqlx::query_scalar(
        "SELECT v.auc IS NOT NULL AND v.auc > COALESCE(v.hand_auc, 0) \
           AND v.auc >= COALESCE((SELECT auc FROM match_models WHERE active = 1), 0) \
         FROM match_models v WHERE v.id = ?",
    )
    .bind(id)
    .fetch_one(pool)
    .await?;
    if !better {
        return Ok(None);
    }
    match activate(pool, Some(id)).await {
        Ok(()) => Ok(Some(id)),
        Err(StoreError::Db(e)) => Err(e),
        Err(StoreError::Refused(_)) => Ok(None),
    }
}

/// How many past outcomes there are of each kind: (good, not).
pub async fn counts(pool: &SqlitePool) -> sqlx::Result<(i64, i64)> {
    let all = outcomes(&mut *pool.acquire().await?).await?;
    let good = all.iter().filter(|o| o.good).count() as i64;
    Ok((good, all.len() as i64 - good))
}
