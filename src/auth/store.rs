//! SQL for sessions and sign-in failures. Plain async functions over a pool; no HTTP here.
use super::{Role, SessionUser};
use crate::db::memo::Memo;
use base64::Engine;
use rand::RngCore;
use sha2::{Digest, Sha256};
use sqlx::SqlitePool;

pub const SESSION_SECONDS: i64 = 30 * 24 * 3600;
/// A session unused this long ends (before its absolute limit).
pub const IDLE_SECONDS: i64 = 14 * 24 * 3600;
/// An administrator's session unused this long ends.
pub const ADMIN_IDLE_SECONDS: i64 = 12 * 3600;
/// When a session was last used is written at most this often.
const TOUCH_SECONDS: i64 = 3600;

/// How long `role`'s session lives without use.
pub fn idle_seconds(role: Role) -> i64 {
    if role == Role::Admin {
        ADMIN_IDLE_SECONDS
    } else {
        IDLE_SECONDS
    }
}
/// One flood limit: at most `most` attempts of a kind within `window` seconds, per key.
#[derive(Clone, Copy, Debug)]
pub struct Limit {
    pub scope: &'static str,
    pub most: i64,
    pub window: i64,
}

/// Wrong passwords from one address for one account: that pair waits 15 minutes after 5.
pub const PAIR: Limit = Limit {
    scope: "pair",
    most: 5,
    window: 15 * 60,
};
/// Wrong passwords from one address for any accounts (a school's shared address has room).
pub const ADDRESS: Limit = Limit {
    scope: "address",
    most: 20,
    window: 15 * 60,
};
/// Wrong passwords for one account from every address: guesses from many addresses make its
/// owner wait, but only five minutes, never the pair's quarter of an hour.
pub const ACCOUNT: Limit = Limit {
    scope: "account",
    most: 20,
    window: 5 * 60,
};
/// "Forgot your password?" asked from one address.
pub const RESET_ADDRESS: Limit = Limit {
    scope: "reset_address",
    most: 30,
    window: 60 * 60,
};
/// Reset links sent to one address (beyond them, asking sends nothing and says the same).
pub const RESET_EMAIL: Limit = Limit {
    scope: "reset_email",
    most: 3,
    window: 60 * 60,
};
/// Wrong current passwords when changing it, per account.
pub const PASSWORD: Limit = Limit {
    scope: "password",
    most: 5,
    window: 15 * 60,
};
/// Confirmation links sent again, per account.
pub const RESEND: Limit = Limit {
    scope: "resend",
    most: 3,
    window: 60 * 60,
};
/// Sign-ups from one address: a school's classes signing up together fit, a flood does not.
pub const SIGN_UP: Limit = Limit {
    scope: "sign_up",
    most: 100,
    window: 60 * 60,
};
/// The longest window: older attempts are deleted.
const LONGEST_WINDOW: i64 = 60 * 60;

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

/// Starts a session for an account that may sign in; returns the cookie token. With
/// `password_hash`, only while the account still has that hash (the one just checked): None
/// when it changed meanwhile, or the account is suspended or gone.
pub async fn create_session(
    pool: &SqlitePool,
    account_id: i64,
    password_hash: Option<&str>,
    now: i64,
) -> sqlx::Result<Option<String>> {
    let (token, id) = new_token();
    let r = sqlx::query(
        "INSERT INTO sessions (id, account_id, created_at, expires_at, last_used_at) \
         SELECT ?, id, ?, ?, ? FROM accounts \
         WHERE id = ? AND suspended_at IS NULL AND (? IS NULL OR password_hash = ?)",
    )
    .bind(&id)
    .bind(now)
    .bind(now + SESSION_SECONDS)
    .bind(now)
    .bind(account_id)
    .bind(password_hash)
    .bind(password_hash)
    .execute(pool)
    .await?;
    Ok((r.rows_affected() == 1).then_some(token))
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
    time_zone: Option<String>,
    unread: i64,
    expires_at: i64,
    last_used_at: Option<i64>,
}

/// What [`SessionMemo`] keeps of a session: who, her unread count, when it ends, when it was
/// last marked used.
#[derive(Clone)]
struct Kept {
    user: SessionUser,
    unread: i64,
    expires_at: i64,
    last_used_at: i64,
}

/// Live sessions' answers to [`session_viewer`], kept while nothing is committed (`db::memo`),
/// so most signed-in requests make no query for who is asking. Signing out, a suspension, a
/// role change or a new notice in this process is a commit, and so ends what was kept at once;
/// one made by another process (an operator's `sqlite3`) counts within five seconds.
pub struct SessionMemo(Memo<String, Kept>);

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
    if let Some(k) = memo.0.get(session_id, now) {
        // past the hour, the database is asked (and told she is still here)
        if k.expires_at > now && now - k.last_used_at < TOUCH_SECONDS {
            return Ok(Some((k.user, k.unread)));
        }
    }
    let mark = memo.0.mark();
    let row: Option<ViewerRow> = sqlx::query_as(
        "SELECT a.id, a.display_name, a.role, a.time_zone, s.expires_at, s.last_used_at, \
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
    let last_used_at = r.last_used_at.unwrap_or(0);
    if now - last_used_at >= idle_seconds(role) {
        // unused too long: over (the hourly upkeep deletes it)
        return Ok(None);
    }
    let user = SessionUser {
        id: r.id,
        display_name: r.display_name,
        role,
        time_zone: r.time_zone,
    };
    if now - last_used_at >= TOUCH_SECONDS {
        // a commit: it ends every memo's answers (this one's too), so it happens once an hour
        // per session
        sqlx::query("UPDATE sessions SET last_used_at = ? WHERE id = ?")
            .bind(now)
            .bind(session_id)
            .execute(pool)
            .await?;
        return Ok(Some((user, r.unread)));
    }
    memo.0.put(
        session_id.to_string(),
        Kept {
            user: user.clone(),
            unread: r.unread,
            expires_at: r.expires_at,
            last_used_at,
        },
        mark,
        now,
    );
    Ok(Some((user, r.unread)))
}

/// Ends every session of `account`, inside the caller's transaction.
pub async fn end_sessions(conn: &mut sqlx::SqliteConnection, account: i64) -> sqlx::Result<u64> {
    let r = sqlx::query("DELETE FROM sessions WHERE account_id = ?")
        .bind(account)
        .execute(conn)
        .await?;
    Ok(r.rows_affected())
}

pub async fn delete_session(pool: &SqlitePool, session_id: &str) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM sessions WHERE id = ?")
        .bind(session_id)
        .execute(pool)
        .await?;
    Ok(())
}

/// Deletes sessions past their absolute limit or unused too long.
pub async fn delete_expired_sessions(pool: &SqlitePool, now: i64) -> sqlx::Result<u64> {
    let r = sqlx::query(
        "DELETE FROM sessions WHERE expires_at <= ? OR COALESCE(last_used_at, 0) <= ? \
         OR (COALESCE(last_used_at, 0) <= ? AND account_id IN \
             (SELECT id FROM accounts WHERE role = 'admin'))",
    )
    .bind(now)
    .bind(now - IDLE_SECONDS)
    .bind(now - ADMIN_IDLE_SECONDS)
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

/// Sets (or, `None`, clears: Bishkek's then) the zone an account's times of day are shown in.
pub async fn set_time_zone(
    pool: &SqlitePool,
    account_id: i64,
    zone: Option<&str>,
) -> sqlx::Result<()> {
    sqlx::query("UPDATE accounts SET time_zone = ? WHERE id = ?")
        .bind(zone)
        .bind(account_id)
        .execute(pool)
        .await?;
    Ok(())
}

/// How many attempts fall within a limit's window, and when the oldest of them was.
#[derive(sqlx::FromRow)]
struct AttemptsRow {
    attempts: i64,
    oldest: Option<i64>,
}

/// Counts one attempt against each `(limit, key)` before it is made — in one write, so 200
/// parallel attempts cannot all pass a count that each of them read before any was recorded.
/// Gives the attempt's rows (to [`forgive`] it if it succeeds), or
/// [`Refusal::Throttled`](crate::db::Refusal::Throttled) with the minutes to wait when a limit
/// is reached (then nothing is counted).
pub async fn reserve(
    pool: &SqlitePool,
    counts: &[(Limit, &str)],
    now: i64,
) -> crate::db::StoreResult<Vec<i64>> {
    use crate::db::Refusal;
    // a refused flood only reads: it never queues for the write turn
    if let Some(minutes) = waits(&mut *pool.acquire().await?, counts, now).await? {
        tracing::warn!(
            throttled = true,
            scope = counts[0].0.scope,
            "attempt refused: a flood limit is reached"
        );
        return Err(Refusal::Throttled(minutes).into());
    }
    let mut tx = crate::db::begin_immediate(pool).await?;
    sqlx::query("DELETE FROM attempts WHERE at <= ?")
        .bind(now - LONGEST_WINDOW)
        .execute(&mut *tx)
        .await?;
    // counted again inside the write: the attempts that passed the read meanwhile count too
    if let Some(minutes) = waits(&mut tx, counts, now).await? {
        tx.commit().await?;
        return Err(Refusal::Throttled(minutes).into());
    }
    let mut ids = Vec::with_capacity(counts.len());
    for (limit, key) in counts {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO attempts (scope, key, at) VALUES (?, ?, ?) RETURNING id",
        )
        .bind(limit.scope)
        .bind(key)
        .bind(now)
        .fetch_one(&mut *tx)
        .await?;
        ids.push(id);
    }
    tx.commit().await?;
    Ok(ids)
}

/// The longest wait any of `counts` asks for, if one is reached.
async fn waits(
    conn: &mut sqlx::SqliteConnection,
    counts: &[(Limit, &str)],
    now: i64,
) -> sqlx::Result<Option<u32>> {
    let mut wait = None;
    for (limit, key) in counts {
        let row: AttemptsRow = sqlx::query_as(
            "SELECT COUNT(*) AS attempts, MIN(at) AS oldest FROM attempts \
             WHERE scope = ? AND key = ? AND at > ?",
        )
        .bind(limit.scope)
        .bind(key)
        .bind(now - limit.window)
        .fetch_one(&mut *conn)
        .await?;
        wait = wait.max(throttle_wait(limit, row.attempts, row.oldest, now));
    }
    Ok(wait)
}

/// The key of [`PAIR`]: an account's email and an address.
pub fn pair_key(email: &str, address: &str) -> String {
    format!("{email} {address}")
}

/// After the right password: this attempt is not a failure, and neither are the pair's and
/// the account's earlier ones (the owner got in).
pub async fn forgive(
    pool: &SqlitePool,
    email: &str,
    address: &str,
    attempt: &[i64],
) -> sqlx::Result<()> {
    forgive_ids(pool, attempt).await?;
    sqlx::query(
        "DELETE FROM attempts WHERE (scope = 'pair' AND key = ?) OR (scope = 'account' AND key = ?)",
    )
    .bind(pair_key(email, address))
    .bind(email)
    .execute(pool)
    .await?;
    Ok(())
}

/// Takes back attempts that turned out right (the current password, when changing it).
pub async fn forgive_ids(pool: &SqlitePool, attempt: &[i64]) -> sqlx::Result<()> {
    let mut tx = crate::db::begin_immediate(pool).await?;
    for id in attempt {
        sqlx::query("DELETE FROM attempts WHERE id = ?")
            .bind(id)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await
}

/// Minutes to wait before another attempt, if `limit` is reached (rounded up, at least 1).
pub fn throttle_wait(limit: &Limit, count: i64, oldest: Option<i64>, now: i64) -> Option<u32> {
    if count < limit.most {
        return None;
    }
    let oldest = oldest.unwrap_or(now);
    let seconds = (oldest + limit.window - now).max(1);
    Some(((seconds + 59) / 60) as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn throttle_waits_until_the_oldest_attempt_leaves_the_window() {
        assert_eq!(throttle_wait(&PAIR, 4, Some(0), 10), None);
        assert_eq!(throttle_wait(&PAIR, 5, Some(0), 0), Some(15));
        assert_eq!(throttle_wait(&PAIR, 5, Some(0), 14 * 60 + 1), Some(1));
        assert_eq!(throttle_wait(&PAIR, 9, Some(100), 100 + 60), Some(14));
        assert_eq!(throttle_wait(&ACCOUNT, 20, Some(0), 0), Some(5));
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
        let token = create_session(&pool, id, None, 1_000)
            .await
            .unwrap()
            .unwrap();
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

    /// 200 parallel attempts at one account from one address: each is counted before its
    /// password would be checked, so exactly the pair's limit get through.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_parallel_burst_passes_no_more_than_the_limit() {
        let (pool, _dir) = crate::testing::temp_db().await;
        let pair = pair_key("a@b.kg", "10.0.0.1");
        let burst = (0..200).map(|_| {
            let (pool, pair) = (pool.clone(), pair.clone());
            tokio::spawn(async move {
                let counts = [
                    (PAIR, pair.as_str()),
                    (ADDRESS, "10.0.0.1"),
                    (ACCOUNT, "a@b.kg"),
                ];
                reserve(&pool, &counts, 1_000).await
            })
        });
        let answers = futures_util::future::join_all(burst).await;
        let passed: Vec<Vec<i64>> = answers
            .into_iter()
            .filter_map(|a| a.unwrap().ok())
            .collect();
        assert_eq!(passed.len(), PAIR.most as usize);

        // the owner from her own address: only the account-wide count applies, and it has room
        let own = pair_key("a@b.kg", "10.0.0.2");
        let counts = [
            (PAIR, own.as_str()),
            (ADDRESS, "10.0.0.2"),
            (ACCOUNT, "a@b.kg"),
        ];
        let mine = reserve(&pool, &counts, 1_001).await.unwrap();
        // her right password forgives her attempt and the account's earlier ones
        forgive(&pool, "a@b.kg", "10.0.0.2", &mine).await.unwrap();
        let left: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM attempts WHERE scope = 'account'")
            .fetch_one(&pool)
            .await
            .unwrap();
        assert_eq!(left, 0);
        // the guessing pair still waits, until its oldest attempt leaves the window
        let counts = [(PAIR, pair.as_str())];
        assert_eq!(
            reserve(&pool, &counts, 1_002).await.unwrap_err().refusal(),
            Some(&crate::db::Refusal::Throttled(15))
        );
        assert!(reserve(&pool, &counts, 1_000 + PAIR.window).await.is_ok());
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
