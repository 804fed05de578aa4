//! SQL for notifications and the email outbox.
use super::{Inbox, Kind, Notification, OutboxEmail};
use crate::i18n::{k, Locale};
use sqlx::{SqliteConnection, SqlitePool};

/// The address and language code of an account that can be emailed.
#[derive(sqlx::FromRow)]
struct RecipientRow {
    email: String,
    locale: String,
}

/// Notice emails one person receives at most in an hour; beyond, the in-app notice alone
/// tells her (security emails are not counted and always go).
pub const NOTICE_EMAILS_PER_HOUR: i64 = 10;

/// Tells `to` that something happened: an in-app notice and an email in the outbox (in her
/// language). Call it inside the transaction that made the thing happen. A "new message"
/// notice that is still unread is refreshed instead of repeated, and sends no second email.
/// No email when the same one still waits in the outbox (a request sent and withdrawn in a
/// loop), or when she has had [`NOTICE_EMAILS_PER_HOUR`] notice emails this hour.
pub async fn notify(
    conn: &mut SqliteConnection,
    to: i64,
    kind: Kind,
    param: &str,
    link: &str,
    now: i64,
) -> sqlx::Result<()> {
    if kind.coalesces() {
        let refreshed = sqlx::query(
            "UPDATE notifications SET created_at = ?, param = ? \
             WHERE account_id = ? AND kind = ? AND link = ? AND read_at IS NULL",
        )
        .bind(now)
        .bind(param)
        .bind(to)
        .bind(kind.code())
        .bind(link)
        .execute(&mut *conn)
        .await?;
        if refreshed.rows_affected() > 0 {
            return Ok(());
        }
    }
    sqlx::query(
        "INSERT INTO notifications (account_id, kind, param, link, created_at) VALUES (?, ?, ?, ?, ?)",
    )
    .bind(to)
    .bind(kind.code())
    .bind(param)
    .bind(link)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    let account: Option<RecipientRow> =
        sqlx::query_as("SELECT email, locale FROM accounts WHERE id = ? AND suspended_at IS NULL AND deleted_at IS NULL")
            .bind(to)
            .fetch_optional(&mut *conn)
            .await?;
    if let Some(RecipientRow { email, locale }) = account {
        let locale = Locale::from_code(&locale).unwrap_or_default();
        let subject = kind.render(locale, param);
        let (waiting, this_hour): (i64, i64) = sqlx::query_as(
            "SELECT COALESCE(SUM(status = 'queued' AND subject = ? AND link = ?), 0), COUNT(*) \
             FROM email_outbox WHERE account_id = ? AND urgent = 0 AND created_at > ?",
        )
        .bind(&subject)
        .bind(link)
        .bind(to)
        .bind(now - 3600)
        .fetch_one(&mut *conn)
        .await?;
        if waiting > 0 || this_hour >= NOTICE_EMAILS_PER_HOUR {
            return Ok(());
        }
        let body = format!(
            "{subject}\n\n{}\n\n{}",
            locale.t(k::EMAIL_OPEN),
            locale.t(k::EMAIL_FOOTER)
        );
        let email = Email {
            account: to,
            to: &email,
            subject: &subject,
            body: &body,
            link,
            urgent: false,
        };
        queue_email(conn, &email, now).await?;
    }
    Ok(())
}

/// An email for the outbox: who, what, the link it carries (a path of this site).
pub struct Email<'a> {
    pub account: i64,
    pub to: &'a str,
    pub subject: &'a str,
    pub body: &'a str,
    pub link: &'a str,
    /// A security email (confirmation, reset): sent before bulk notices.
    pub urgent: bool,
}

/// Puts an email in the outbox, inside the caller's transaction.
pub async fn queue_email(
    conn: &mut SqliteConnection,
    email: &Email<'_>,
    now: i64,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO email_outbox (account_id, to_address, subject, body, link, created_at, urgent) \
         VALUES (?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(email.account)
    .bind(email.to)
    .bind(email.subject)
    .bind(email.body)
    .bind(email.link)
    .bind(now)
    .bind(email.urgent)
    .execute(conn)
    .await?;
    Ok(())
}

/// The display name of an account ("" when it is gone), for notices.
pub async fn name_of(conn: &mut SqliteConnection, id: i64) -> sqlx::Result<String> {
    Ok(
        sqlx::query_scalar("SELECT display_name FROM accounts WHERE id = ?")
            .bind(id)
            .fetch_optional(conn)
            .await?
            .unwrap_or_default(),
    )
}

pub async fn unread_count(pool: &SqlitePool, me: i64) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "SELECT COUNT(*) FROM notifications WHERE account_id = ? AND read_at IS NULL",
    )
    .bind(me)
    .fetch_one(pool)
    .await
}

/// A notification as stored, with its kind still as a code.
#[derive(sqlx::FromRow)]
struct NotificationRow {
    id: i64,
    kind: String,
    param: String,
    created_at: i64,
    read_at: Option<i64>,
}

/// A page of someone's notifications, newest first.
pub async fn inbox(
    pool: &SqlitePool,
    me: i64,
    before: Option<i64>,
    limit: i64,
) -> sqlx::Result<Inbox> {
    let rows: Vec<NotificationRow> = sqlx::query_as(
        "SELECT id, kind, param, created_at, read_at FROM notifications \
         WHERE account_id = ? AND (? IS NULL OR id < ?) ORDER BY id DESC LIMIT ?",
    )
    .bind(me)
    .bind(before)
    .bind(before)
    .bind(limit + 1)
    .fetch_all(pool)
    .await?;
    let more = rows.len() as i64 > limit;
    let items: Vec<Notification> = rows
        .into_iter()
        .take(limit as usize)
        .filter_map(|r| {
            Some(Notification {
                id: r.id,
                kind: Kind::from_code(&r.kind)?,
                param: r.param,
                created_at: r.created_at,
                unread: r.read_at.is_none(),
            })
        })
        .collect();
    let older = if more {
        items.last().map(|n| n.id)
    } else {
        None
    };
    Ok(Inbox {
        items,
        older,
        unread: unread_count(pool, me).await?,
    })
}

/// Marks one notification read and gives its link; `None` when it is not `me`'s.
pub async fn open(pool: &SqlitePool, me: i64, id: i64, now: i64) -> sqlx::Result<Option<String>> {
    // a RETURNING write in a transaction: its COMMIT is seen by `db::memo` even when the
    // request is dropped midway (then nothing is written)
    let mut tx = crate::db::begin_immediate(pool).await?;
    let link: Option<String> = sqlx::query_scalar(
        "UPDATE notifications SET read_at = COALESCE(read_at, ?) WHERE id = ? AND account_id = ? RETURNING link",
    )
    .bind(now)
    .bind(id)
    .bind(me)
    .fetch_optional(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(link)
}

pub async fn mark_all_read(pool: &SqlitePool, me: i64, now: i64) -> sqlx::Result<u64> {
    let r = sqlx::query(
        "UPDATE notifications SET read_at = ? WHERE account_id = ? AND read_at IS NULL",
    )
    .bind(now)
    .bind(me)
    .execute(pool)
    .await?;
    Ok(r.rows_affected())
}

/// An email of the outbox as stored.
#[derive(sqlx::FromRow)]
struct OutboxRow {
    id: i64,
    to_address: String,
    subject: String,
    body: String,
    link: String,
    status: String,
    attempts: i64,
    last_error: Option<String>,
    created_at: i64,
}

/// The newest emails, for administrators.
pub async fn outbox(pool: &SqlitePool, limit: i64) -> sqlx::Result<(i64, Vec<OutboxEmail>)> {
    let queued: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM email_outbox WHERE status = 'queued'")
            .fetch_one(pool)
            .await?;
    let rows: Vec<OutboxRow> = sqlx::query_as(
        "SELECT id, to_address, subject, body, link, status, attempts, last_error, created_at \
             FROM email_outbox ORDER BY id DESC LIMIT ?",
    )
    .bind(limit)
    .fetch_all(pool)
    .await?;
    Ok((
        queued,
        rows.into_iter()
            .map(|r| OutboxEmail {
                id: r.id,
                to_address: r.to_address,
                subject: r.subject,
                // a link's secret never shows on an administrator's page
                body: format!("{}\n{}", r.body, crate::auth::masked(&r.link)),
                status: r.status,
                attempts: r.attempts,
                last_error: r.last_error,
                created_at: r.created_at,
            })
            .collect(),
    ))
}

/// An email waiting to be sent.
#[derive(sqlx::FromRow)]
pub struct Queued {
    pub id: i64,
    pub to_address: String,
    pub subject: String,
    pub body: String,
    pub link: String,
}

pub async fn queued(pool: &SqlitePool, limit: i64) -> sqlx::Result<Vec<Queued>> {
    sqlx::query_as(
        "SELECT id, to_address, subject, body, link FROM email_outbox WHERE status = 'queued' \
         ORDER BY urgent DESC, id LIMIT ?",
    )
    .bind(limit)
    .fetch_all(pool)
    .await
}

/// Attempts before an email is given up as failed.
pub const MAX_ATTEMPTS: i64 = 5;

/// An email went out: its link's secret is no longer kept (a copied database holds no working
/// reset or confirmation link once it is sent).
pub async fn mark_sent(pool: &SqlitePool, id: i64, link: &str, now: i64) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE email_outbox SET status = 'sent', sent_at = ?, attempts = attempts + 1, link = ? \
         WHERE id = ?",
    )
    .bind(now)
    .bind(crate::auth::masked(link))
    .bind(id)
    .execute(pool)
    .await?;
    Ok(())
}

pub async fn mark_failed_attempt(pool: &SqlitePool, id: i64, error: &str) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE email_outbox SET attempts = attempts + 1, last_error = ?, \
           status = CASE WHEN attempts + 1 >= ? THEN 'failed' ELSE 'queued' END WHERE id = ?",
    )
    .bind(error.chars().take(500).collect::<String>())
    .bind(MAX_ATTEMPTS)
    .bind(id)
    .execute(pool)
    .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn notice_emails_coalesce_and_stop_at_ten_an_hour() {
        let (pool, _dir) = crate::testing::temp_db().await;
        let to: i64 = sqlx::query_scalar(
            "INSERT INTO accounts (email, display_name, password_hash, role, created_at) \
             VALUES ('m@example.kg', 'M', 'x', 'mentor', 1) RETURNING id",
        )
        .fetch_one(&pool)
        .await
        .unwrap();
        let count = |table: &'static str| {
            let pool = pool.clone();
            async move {
                sqlx::query_scalar::<_, i64>(&format!("SELECT COUNT(*) FROM {table}"))
                    .fetch_one(&pool)
                    .await
                    .unwrap()
            }
        };
        let now = 100_000;
        let mut conn = pool.acquire().await.unwrap();
        // a request sent and withdrawn in a loop: one email while the first still waits
        for _ in 0..20 {
            notify(&mut conn, to, Kind::RequestNew, "Aigerim", "/requests", now)
                .await
                .unwrap();
        }
        assert_eq!(count("email_outbox").await, 1);
        assert_eq!(
            count("notifications").await,
            20,
            "every notice is in the app"
        );
        // ten notice emails an hour, then none until the hour has passed
        for i in 0..15 {
            let who = format!("Mentee {i}");
            notify(&mut conn, to, Kind::RequestNew, &who, "/requests", now)
                .await
                .unwrap();
        }
        assert_eq!(count("email_outbox").await, NOTICE_EMAILS_PER_HOUR);
        notify(
            &mut conn,
            to,
            Kind::RequestNew,
            "Later",
            "/requests",
            now + 3601,
        )
        .await
        .unwrap();
        assert_eq!(count("email_outbox").await, NOTICE_EMAILS_PER_HOUR + 1);
    }
}
