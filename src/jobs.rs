//! Background work the server runs on its own: hourly upkeep (expired sessions, requests left
//! unanswered too long), the daily reminder to mentors and the nightly training of the fit
//! score's model, lecture reminders every five minutes, plus sending the email outbox every
//! minute when SMTP is configured. Each piece is a plain function of the pool and the time, so
//! tests call it directly.
use crate::mentoring::requests::store;
use sqlx::SqlitePool;

/// The daily reminder goes out in the Bishkek morning, from 09:00 there.
pub const REMINDER_HOUR: i8 = 9;
/// The fit score's model is trained at night, from 02:00 in Bishkek.
pub const TRAINING_HOUR: i8 = 2;

#[derive(Debug, Default, PartialEq)]
pub struct Hourly {
    pub sessions_removed: u64,
    pub requests_expired: u64,
    /// Mentors reminded (None: the reminder did not run this hour).
    pub mentors_reminded: Option<u64>,
    /// A model version trained tonight and put in use (`matching::model::store::nightly`).
    pub model_activated: Option<i64>,
}

/// One hourly pass. Each daily part runs at most once per day in Bishkek, even across restarts.
pub async fn hourly(pool: &SqlitePool, now: i64) -> sqlx::Result<Hourly> {
    let sessions_removed = crate::auth::store::delete_expired_sessions(pool, now).await?;
    crate::form::Flash::sweep(pool, now).await?;
    let requests_expired = store::expire_stale(pool, now).await?;
    crate::moderation::store::lift_ended(pool, now).await?;
    let mentors_reminded = if crate::time::programme_hour(now) >= REMINDER_HOUR
        && claim_day(pool, "remind_waiting", now).await?
    {
        Some(store::remind_waiting(pool, now).await?)
    } else {
        None
    };
    let model_activated = if crate::time::programme_hour(now) >= TRAINING_HOUR
        && claim_day(pool, "train_model", now).await?
    {
        // a failed training is logged on its own and never fails the rest of the upkeep
        match crate::matching::model::store::nightly(pool, now).await {
            Ok(id) => id,
            Err(e) => {
                tracing::error!(error = %e, "nightly training failed");
                None
            }
        }
    } else {
        None
    };
    Ok(Hourly {
        sessions_removed,
        requests_expired,
        mentors_reminded,
        model_activated,
    })
}

/// How often [`frequent`] runs.
pub const FREQUENT_SECONDS: u64 = 300;

/// The pass every few minutes: lecture reminders (a day and an hour before). Gives how many
/// were sent.
pub async fn frequent(pool: &SqlitePool, now: i64) -> sqlx::Result<u64> {
    crate::learning::lectures::store::remind(pool, now).await
}

/// Records that the job `name` runs today; false when it already ran today.
pub async fn claim_day(pool: &SqlitePool, name: &str, now: i64) -> sqlx::Result<bool> {
    let day = crate::time::today(now);
    let r = sqlx::query(
        "INSERT INTO job_runs (name, last_day) VALUES (?, ?) \
         ON CONFLICT (name) DO UPDATE SET last_day = excluded.last_day WHERE job_runs.last_day < excluded.last_day",
    )
    .bind(name)
    .bind(day)
    .execute(pool)
    .await?;
    Ok(r.rows_affected() == 1)
}

/// Starts the background loops (hourly upkeep; the mailer every minute when configured, and at
/// once when `mail_wake` is woken for a security email; the daily copy of the database when
/// `backups` names a folder and how many to keep).
pub fn spawn(
    pool: SqlitePool,
    mailer: Option<crate::notifications::mail::Mailer>,
    mail_wake: std::sync::Arc<crate::notifications::MailWake>,
    backups: Option<(std::path::PathBuf, usize)>,
) {
    let upkeep = pool.clone();
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(std::time::Duration::from_secs(3600));
        loop {
            tick.tick().await;
            // the day's copy of the database, the first hour the server runs that day
            if let Some((dir, keep)) = &backups {
                match crate::db::backup::daily(&upkeep, dir, *keep, crate::db::now()).await {
                    Ok(Some(file)) => tracing::info!(file = %file.display(), "daily backup"),
                    Ok(None) => {}
                    Err(e) => tracing::error!(error = %e, "daily backup failed"),
                }
            }
            match hourly(&upkeep, crate::db::now()).await {
                Ok(h) => tracing::info!(
                    sessions_removed = h.sessions_removed,
                    requests_expired = h.requests_expired,
                    mentors_reminded = ?h.mentors_reminded,
                    model_activated = ?h.model_activated,
                    "hourly upkeep"
                ),
                Err(e) => tracing::error!(error = %e, "hourly upkeep failed"),
            }
        }
    });
    let reminders = pool.clone();
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(std::time::Duration::from_secs(FREQUENT_SECONDS));
        loop {
            tick.tick().await;
            match frequent(&reminders, crate::db::now()).await {
                Ok(0) => {}
                Ok(sent) => tracing::info!(sent, "lecture reminders"),
                Err(e) => tracing::error!(error = %e, "lecture reminders failed"),
            }
        }
    });
    if let Some(mailer) = mailer {
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(std::time::Duration::from_secs(60));
            loop {
                tokio::select! {
                    _ = tick.tick() => {}
                    _ = mail_wake.0.notified() => {}
                }
                match mailer.send_queued(&pool).await {
                    Ok((0, 0)) => {}
                    Ok((sent, failed)) => tracing::info!(sent, failed, "email outbox"),
                    Err(e) => tracing::error!(error = %e, "email outbox failed"),
                }
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn daily_jobs_run_once_a_day() {
        let (pool, _dir) = crate::testing::temp_db().await;
        let day = 20_000 * 86_400;
        assert!(claim_day(&pool, "x", day + 10).await.unwrap());
        assert!(!claim_day(&pool, "x", day + 5_000).await.unwrap());
        assert!(claim_day(&pool, "y", day + 5_000).await.unwrap());
        assert!(claim_day(&pool, "x", day + 86_400).await.unwrap());
        // before the reminder hour nothing is claimed; after it, once
        let early = hourly(&pool, 2 * 86_400 + 3_600).await.unwrap();
        assert_eq!(early.mentors_reminded, None);
        let later = hourly(&pool, 2 * 86_400 + 4 * 3_600).await.unwrap();
        assert_eq!(later.mentors_reminded, Some(0));
        let again = hourly(&pool, 2 * 86_400 + 5 * 3_600).await.unwrap();
        assert_eq!(again.mentors_reminded, None);
    }
}
