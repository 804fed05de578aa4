//! SQL for sessions and sign-in failures. Plain async functions over a pool; no HTTP here.
use super::{Role, SessionUser};
use crate::db::memo::Memo;
use base64::Engine;
use rand::RngCore;
use sha2::{Digest, Sha256};
use sqlx::SqlitePool;

pub const SESSION_SECONDS: i64 = 30 * 24 * 3600;
/// Failed sign-ins allowed per account and per address within [`THROTTLE_WINDOW`].
pub const THROTTLE_LIMIT: i64 = 5;
pub const THROTTLE_WINDOW: i64 = 15 * 60;

/// A fresh random session token (what the cookie holds) and its SHA-256 (what the table holds).
pub fn new_token() -> (String, String) {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    let token = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes);
    let id = hash_token(&token);
    (token, id)
}

pub fn hash_token(token: &str) -> String {
    let digest = Sha256::digest(token.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// Starts a session for an account; returns the cookie token.
pub async fn create_session(pool: &SqlitePool, account_id: i64, now: i64) -> sqlx::Result<String> {
    let (token, id) = new_token();
    sqlx::query(
        "INSERT INTO sessions (id, account_id, created_at, expires_at) VALUES (?, ?, ?, ?)",
    )
    .bind(&id)
    .bind(account_id)
    .bind(now)
    .bind(now + SESSION_SECONDS)
    .execute(pool)
    .await?;
    Ok(token)
}

/// The live, unsuspended account behind a session id (the token's hash), read from the
/// database.
#[cfg(test)]
pub async fn session_user(
    pool: &SqlitePool,
    session_id: &str,
    now: i64,
) -> sqlx::Result<Option<SessionUser>> {
    Ok(
        session_viewer(pool, &SessionMemo::default(), session_id, now)
            .await?
            .map(|(user, _)| user),
    )
}

/// The account behind a live session, with her count of unread notifications and when the
/// session ends.
#[derive(sqlx::FromRow)]
struct ViewerRow {
    id: i64,
    display_name: String,
    role: String,
    unread: i64,
    expires_at: i64,
}

/// Live sessions' answers to [`session_viewer`], kept while nothing is committed (`db::memo`),
/// so most signed-in requests make no query for who is asking. Signing out, a suspension, a
/// role change or a new notice in this process is a commit, and so ends what was kept at once;
/// one made by another process (an operator's `sqlite3`) counts within five seconds.
pub struct SessionMemo(Memo<String, (SessionUser, i64, i64)>);

impl Default for SessionMemo {
    fn default() -> Self {
        SessionMemo(Memo::new(5, 10_000))
    }
}

/// [`session_user`] and the count of her unread notifications (for the header), in the one
/// query every request of a signed-in person makes — or none, when `memo` still holds the
/// answer.
pub async fn session_viewer(
    pool: &SqlitePool,
    memo: &SessionMemo,
    session_id: &str,
    now: i64,
) -> sqlx::Result<Option<(SessionUser, i64)>> {
    if let Some((user, unread, expires_at)) = memo.0.get(session_id, now) {
        if expires_at > now {
            return Ok(Some((user, unread)));
        }
    }
    let mark = memo.0.mark();
    let row: Option<ViewerRow> = sqlx::query_as(
        "SELECT a.id, a.display_name, a.role, s.expires_at, \
           (SELECT COUNT(*) FROM notifications n \
            WHERE n.account_id = a.id AND n.read_at IS NULL) AS unread \
         FROM sessions s JOIN accounts a ON a.id = s.account_id \
         WHERE s.id = ? AND s.expires_at > ? AND a.suspended_at IS NULL",
    )
    .bind(session_id)
    .bind(now)
    .fetch_optional(pool)
    .await?;
    let Some(r) = row else { return Ok(None) };
    let Some(role) = Role::from_code(&r.role) else {
        return Ok(None);
    };
    let user = SessionUser {
        id: r.id,
        display_name: r.display_name,
        role,
    };
    memo.0.put(
        session_id.to_string(),
        (user.clone(), r.unread, r.expires_at),
        mark,
        now,
    );
    Ok(Some((user, r.unread)))
}

pub async fn delete_session(pool: &SqlitePool, session_id: &str) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM sessions WHERE id = ?")
        .bind(session_id)
        .execute(pool)
        .await?;
    Ok(())
}

pub async fn delete_expired_sessions(pool: &SqlitePool, now: i64) -> sqlx::Result<u64> {
    let r = sqlx::query("DELETE FROM sessions WHERE expires_at <= ?")
        .bind(now)
        .execute(pool)
        .await?;
    Ok(r.rows_affected())
}

/// The account's language (from the header's language switch; emails go out in it).
pub async fn set_locale(
    pool: &SqlitePool,
    account_id: i64,
    locale: crate::i18n::Locale,
) -> sqlx::Result<()> {
    sqlx::query("UPDATE accounts SET locale = ? WHERE id = ?")
        .bind(locale.code())
        .bind(account_id)
        .execute(pool)
        .await?;
    Ok(())
}

/// How many failures fall within the window, and when the oldest of them was.
#[derive(sqlx::FromRow)]
struct FailuresRow {
    failures: i64,
    oldest: Option<i64>,
}

/// Count of failures and the oldest one's time within the window, for one scope and key.
pub async fn recent_failures(
    pool: &SqlitePool,
    scope: &str,
    key: &str,
    now: i64,
) -> sqlx::Result<(i64, Option<i64>)> {
    let row: FailuresRow = sqlx::query_as(
        "SELECT COUNT(*) AS failures, MIN(at) AS oldest FROM sign_in_failures \
         WHERE scope = ? AND key = ? AND at > ?",
    )
    .bind(scope)
    .bind(key)
    .bind(now - THROTTLE_WINDOW)
    .fetch_one(pool)
    .await?;
    Ok((row.failures, row.oldest))
}

pub async fn record_failure(
    pool: &SqlitePool,
    email: &str,
    ip: Option<&str>,
    now: i64,
) -> sqlx::Result<()> {
    let mut tx = crate::db::begin_immediate(pool).await?;
    sqlx::query("INSERT INTO sign_in_failures (scope, key, at) VALUES ('account', ?, ?)")
        .bind(email)
        .bind(now)
        .execute(&mut *tx)
        .await?;
    if let Some(ip) = ip {
        sqlx::query("INSERT INTO sign_in_failures (scope, key, at) VALUES ('ip', ?, ?)")
            .bind(ip)
            .bind(now)
            .execute(&mut *tx)
            .await?;
    }
    sqlx::query("DELETE FROM sign_in_failures WHERE at <= ?")
        .bind(now - THROTTLE_WINDOW)
        .execute(&mut *tx)
        .await?;
    tx.commit().await
}

pub async fn clear_account_failures(pool: &SqlitePool, email: &str) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM sign_in_failures WHERE scope = 'account' AND key = ?")
        .bind(email)
        .execute(pool)
        .await?;
    Ok(())
}

/// Minutes to wait before another attempt, if the limit is reached (rounded up, at least 1).
pub fn throttle_wait(count: i64, oldest: Option<i64>, now: i64) -> Option<u32> {
    if count < THROTTLE_LIMIT {
        return None;
    }
    let oldest = oldest.unwrap_or(now);
    let seconds = (oldest + THROTTLE_WINDOW - now).max(1);
    Some(((seconds + 59) / 60) as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn throttle_waits_until_the_oldest_failure_leaves_the_window() {
        assert_eq!(throttle_wait(4, Some(0), 10), None);
        assert_eq!(throttle_wait(5, Some(0), 0), Some(15));
        assert_eq!(throttle_wait(5, Some(0), 14 * 60 + 1), Some(1));
        assert_eq!(throttle_wait(9, Some(100), 100 + 60), Some(14));
    }

    #[tokio::test]
    async fn sessions_expire_and_are_swept() {
        let (pool, _dir) = crate::testing::temp_db().await;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO accounts (email, display_name, password_hash, role, created_at) \
             VALUES ('a@b.kg', 'A', 'x', 'mentor', 0) RETURNING id",
        )
        .fetch_one(&pool)
        .await
        .unwrap();
        let token = create_session(&pool, id, 1_000).await.unwrap();
        let sid = hash_token(&token);
        let user = session_user(&pool, &sid, 1_001).await.unwrap().unwrap();
        assert_eq!((user.id, user.role), (id, Role::Mentor));
        assert!(session_user(&pool, &sid, 1_000 + SESSION_SECONDS)
            .await
            .unwrap()
            .is_none());
        assert!(
            session_user(&pool, &token, 1_001).await.unwrap().is_none(),
            "the raw token is not an id"
        );
        assert_eq!(
            delete_expired_sessions(&pool, 1_000 + SESSION_SECONDS)
                .await
                .unwrap(),
            1
        );
    }

    #[tokio::test]
    async fn failures_are_counted_per_scope_within_the_window() {
        let (pool, _dir) = crate::testing::temp_db().await;
        for t in [100, 200, 300] {
            record_failure(&pool, "a@b.kg", Some("10.0.0.1"), t)
                .await
                .unwrap();
        }
        record_failure(&pool, "c@d.kg", Some("10.0.0.1"), 400)
            .await
            .unwrap();
        assert_eq!(
            recent_failures(&pool, "account", "a@b.kg", 400)
                .await
                .unwrap(),
            (3, Some(100))
        );
        assert_eq!(
            recent_failures(&pool, "ip", "10.0.0.1", 400).await.unwrap(),
            (4, Some(100))
        );
        // the first failure leaves the window
        assert_eq!(
            recent_failures(&pool, "account", "a@b.kg", 100 + THROTTLE_WINDOW)
                .await
                .unwrap()
                .0,
            2
        );
        clear_account_failures(&pool, "a@b.kg").await.unwrap();
        assert_eq!(
            recent_failures(&pool, "account", "a@b.kg", 400)
                .await
                .unwrap()
                .0,
            0
        );
        assert_eq!(
            recent_failures(&pool, "ip", "10.0.0.1", 400)
                .await
                .unwrap()
                .0,
            4
        );
    }

    #[test]
    fn tokens_are_random_and_hashed() {
        let (a, ha) = new_token();
        let (b, _) = new_token();
        assert_ne!(a, b);
        assert_eq!(a.len(), 43);
        assert_eq!(ha, hash_token(&a));
        assert_eq!(ha.len(), 64);
    }
}
