//! SQL for the learned fit score: past outcomes, their features, training and versions.
use super::learn::{self, Sample};
use super::{ModelVersion, EARLY_DAYS};
use crate::db::{begin_immediate, rule, StoreError, StoreResult, NOT_FOUND};
use crate::i18n::{k, Locale};
use crate::matching::store::{candidates, seeker_columns, SeekerRow};
use crate::matching::{features, text, Offer};
use sqlx::{SqliteConnection, SqlitePool};
use std::collections::HashMap;

/// One past pair and how it went.
#[derive(Clone, Copy, Debug, PartialEq, sqlx::FromRow)]
pub struct Outcome {
    pub mentee_id: i64,
    pub mentor_id: i64,
    pub good: bool,
}

/// A mentor counts at most this many outcomes' worth (her outcomes are weighed down beyond it).
pub const PER_MENTOR: f64 = 10.0;

/// Every past pair with an outcome, one row a pair, between people whose accounts are
/// confirmed and not suspended: a mentorship cancelled within [`EARLY_DAYS`], or rated 1–2 by
/// the mentee, did not work out; any other mentorship (completed, going on for [`EARLY_DAYS`]
/// or more, rated 3–5 or not rated) did, and one younger than that does not count yet; without a mentorship, a request declined or left to expire did not. Requests
/// the programme made for published cohort pairs are not a mentor's answer and do not count
/// (their mentorships do). Past pairs an administrator imported (`matching::import`) count as
/// she recorded them, also before the people have confirmed their addresses (an administrator
/// vouches for them).
pub async fn outcomes(conn: &mut SqliteConnection, now: i64) -> sqlx::Result<Vec<Outcome>> {
    sqlx::query_as(
        "WITH events (mentee_id, mentor_id, kind, vouched) AS ( \
           SELECT s.mentee_id, s.mentor_id, \
             CASE WHEN s.state = 'cancelled' AND COALESCE(s.ended_at, s.started_at) - s.started_at < ?1 THEN 2 \
                  WHEN EXISTS (SELECT 1 FROM mentorship_ratings r WHERE r.mentorship_id = s.id \
                               AND r.rater_id = s.mentee_id AND r.rating <= 2) THEN 2 \
                  WHEN s.state IN ('active', 'paused') AND s.started_at > ?2 - ?1 THEN -1 \
                  ELSE 1 END, 0 \
           FROM mentorships s \
           UNION ALL \
           SELECT mentee_id, mentor_id, 0, 0 FROM mentorship_requests \
           WHERE state IN ('declined', 'expired') AND matched_by IS NULL \
           UNION ALL \
           SELECT mentee_id, mentor_id, kind, 1 FROM past_outcomes) \
         SELECT v.mentee_id, v.mentor_id, MAX(v.kind) = 1 AS good FROM events v \
         JOIN accounts e ON e.id = v.mentee_id JOIN accounts m ON m.id = v.mentor_id \
         WHERE v.kind >= 0 AND e.suspended_at IS NULL AND m.suspended_at IS NULL \
           AND (v.vouched = 1 OR (e.email_confirmed_at IS NOT NULL AND m.email_confirmed_at IS NOT NULL)) \
         GROUP BY v.mentee_id, v.mentor_id ORDER BY v.mentee_id, v.mentor_id",
    )
    .bind(EARLY_DAYS * 86_400)
    .bind(now)
    .fetch_all(conn)
    .await
}

/// The past pairs training can use, with their features as the profiles read now (none are
/// kept from back then): a pair whose mentee has no profile or whose mentor is no longer
/// approved is left out. Each mentor's pairs weigh [`PER_MENTOR`] at most together.
pub async fn samples(
    conn: &mut SqliteConnection,
    now: i64,
) -> sqlx::Result<Vec<(i64, i64, Sample)>> {
    #[derive(sqlx::FromRow)]
    struct MenteeRow {
        id: i64,
        #[sqlx(flatten)]
        seeker: SeekerRow,
    }
    let outcomes = outcomes(&mut *conn, now).await?;
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
    let usable: Vec<Outcome> = outcomes
        .into_iter()
        .filter(|o| seekers.contains_key(&o.mentee_id) && at.contains_key(&o.mentor_id))
        .collect();
    let mut per_mentor: HashMap<i64, f64> = HashMap::new();
    for o in &usable {
        *per_mentor.entry(o.mentor_id).or_default() += 1.0;
    }
    let mut similar: HashMap<i64, Vec<f64>> = HashMap::new();
    let mut out = Vec::with_capacity(usable.len());
    for o in usable {
        let (seeker, m) = (&seekers[&o.mentee_id], at[&o.mentor_id]);
        let sims = similar
            .entry(o.mentee_id)
            .or_insert_with(|| index.similarities(&seeker.goals));
        let offer = Offer {
            text: sims.get(m).copied().unwrap_or(0.0),
            ..mentors[m].offer()
        };
        let (x, _) = features(seeker, &offer);
        let weight = (PER_MENTOR / per_mentor[&o.mentor_id]).min(1.0);
        out.push((
            o.mentee_id,
            o.mentor_id,
            Sample {
                x,
                good: o.good,
                weight,
            },
        ));
    }
    Ok(out)
}

/// Trains a new version from the past outcomes and keeps it (not in use): its id and what
/// training measured. Refused (a rule with a message) when there is too little to learn from.
pub async fn train(
    pool: &SqlitePool,
    by: Option<i64>,
    now: i64,
) -> StoreResult<(i64, learn::Trained)> {
    let data = samples(&mut *pool.acquire().await?, now).await?;
    let trained = tokio::task::spawn_blocking(move || learn::train(&data))
        .await
        .map_err(|e| StoreError::Db(sqlx::Error::Protocol(format!("training failed: {e}"))))?
        .map_err(|why| {
            rule(
                "",
                match why {
                    learn::NotTrained::TooFew => k::MODEL_TOO_FEW,
                    learn::NotTrained::OneKind => k::MODEL_ONE_KIND,
                    learn::NotTrained::NoSignal => k::MODEL_NO_SIGNAL,
                },
            )
        })?;
    let mut tx = begin_immediate(pool).await?;
    let result: StoreResult<i64> = async {
        let conn: &mut SqliteConnection = &mut tx;
        Ok(sqlx::query_scalar(
            "INSERT INTO match_models (trained_at, trained_by, positives, negatives, held_out, auc, accuracy, hand_auc, weights) \
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        )
        .bind(now)
        .bind(by)
        .bind(trained.good as i64)
        .bind(trained.bad as i64)
        .bind((trained.held_good + trained.held_bad) as i64)
        .bind(trained.auc)
        .bind(trained.accuracy)
        .bind(trained.hand_auc)
        .bind(serde_json::to_string(&trained.weights.0).unwrap_or_default())
        .fetch_one(&mut *conn)
        .await?)
    }
    .await;
    let id = tx.finish(result).await?;
    Ok((id, trained))
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
         ORDER BY v.active DESC, v.id DESC LIMIT ?",
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

/// Who puts weights in use.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Chooser {
    /// An administrator: her choice is recorded, and the nightly run leaves it alone.
    Admin(i64),
    /// The nightly run: only while no administrator has chosen, and only a version that ranks
    /// held-out pairs at least as well as the one in use (checked under the write lock).
    Nightly,
}

/// Makes a version the one the fit score uses (`None`: the hand-set weights). An unknown
/// version is [`NOT_FOUND`] and nothing changes; so is the nightly run's attempt once an
/// administrator has chosen.
pub async fn activate(
    pool: &SqlitePool,
    id: Option<i64>,
    by: Chooser,
    now: i64,
) -> StoreResult<()> {
    let mut tx = begin_immediate(pool).await?;
    let result: StoreResult<()> = async {
        let conn: &mut SqliteConnection = &mut tx;
        if by == Chooser::Nightly {
            let allowed: bool = sqlx::query_scalar(
                "SELECT NOT EXISTS (SELECT 1 FROM match_model_choice) \
                   AND COALESCE((SELECT auc FROM match_models WHERE id = ?), 0) \
                       >= COALESCE((SELECT auc FROM match_models WHERE active = 1), 0)",
            )
            .bind(id)
            .fetch_one(&mut *conn)
            .await?;
            if !allowed {
                return Err(NOT_FOUND);
            }
        }
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
        if let Chooser::Admin(by) = by {
            sqlx::query(
                "INSERT INTO match_model_choice (id, chosen_by, chosen_at) VALUES (1, ?, ?) \
                 ON CONFLICT (id) DO UPDATE SET chosen_by = excluded.chosen_by, chosen_at = excluded.chosen_at",
            )
            .bind(by)
            .bind(now)
            .execute(&mut *conn)
            .await?;
        }
        // discovery reads the weights with each look (a commit ends what `LookMemo` keeps)
        Ok(())
    }
    .await;
    tx.finish(result).await
}

/// The nightly run: with enough outcomes, train a version, and put it in use when no
/// administrator has chosen the weights, its held-out pairs hold enough of each kind
/// ([`learn::HELD_EACH_MIN`]) and it ranks them better than the hand-set weights and at least
/// as well as the version in use. The new version's id, if it was put in use.
pub async fn nightly(pool: &SqlitePool, now: i64) -> sqlx::Result<Option<i64>> {
    let (id, trained) = match train(pool, None, now).await {
        Ok(done) => done,
        Err(StoreError::Db(e)) => return Err(e),
        Err(StoreError::Refused(_)) => return Ok(None),
    };
    let enough =
        trained.held_good >= learn::HELD_EACH_MIN && trained.held_bad >= learn::HELD_EACH_MIN;
    let better = match (trained.auc, trained.hand_auc) {
        (Some(auc), hand) => auc > hand.unwrap_or(0.0),
        (None, _) => false,
    };
    if !enough || !better {
        return Ok(None);
    }
    match activate(pool, Some(id), Chooser::Nightly, now).await {
        Ok(()) => Ok(Some(id)),
        Err(StoreError::Db(e)) => Err(e),
        Err(StoreError::Refused(_)) => Ok(None),
    }
}

/// The version in use (`None`: the hand-set weights).
pub async fn active(pool: &SqlitePool) -> sqlx::Result<Option<i64>> {
    sqlx::query_scalar("SELECT id FROM match_models WHERE active = 1")
        .fetch_optional(pool)
        .await
}

/// How many past pairs training can use now, of each kind: (good, not).
pub async fn counts(pool: &SqlitePool, now: i64) -> sqlx::Result<(i64, i64)> {
    let all = samples(&mut *pool.acquire().await?, now).await?;
    let good = all.iter().filter(|(_, _, s)| s.good).count() as i64;
    Ok((good, all.len() as i64 - good))
}
