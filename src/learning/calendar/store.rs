//! The secret of each person's calendar feed: kept as its SHA-256 (as sessions are), so the
//! address is shown once, when it is made; a new one replaces the old, which stops working.
use sqlx::SqlitePool;

/// Makes `me` a new feed secret (her old address stops working) and gives it.
pub async fn renew(pool: &SqlitePool, me: i64, now: i64) -> sqlx::Result<String> {
    let (token, hash) = crate::auth::store::new_token();
    sqlx::query(
        "INSERT INTO calendar_feeds (account_id, token_hash, created_at) VALUES (?, ?, ?) \
         ON CONFLICT (account_id) DO UPDATE SET token_hash = excluded.token_hash, created_at = excluded.created_at",
    )
    .bind(me)
    .bind(&hash)
    .bind(now)
    .execute(pool)
    .await?;
    Ok(token)
}

/// Ends `me`'s feed (nothing when she has none).
pub async fn revoke(pool: &SqlitePool, me: i64) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM calendar_feeds WHERE account_id = ?")
        .bind(me)
        .execute(pool)
        .await?;
    Ok(())
}

/// Whether `me` has a feed, and since when.
pub async fn since(pool: &SqlitePool, me: i64) -> sqlx::Result<Option<i64>> {
    sqlx::query_scalar("SELECT created_at FROM calendar_feeds WHERE account_id = ?")
        .bind(me)
        .fetch_optional(pool)
        .await
}

/// The account a feed secret belongs to (a suspended account's feed answers nothing).
pub async fn owner(pool: &SqlitePool, token: &str) -> sqlx::Result<Option<(i64, String)>> {
    sqlx::query_as(
        "SELECT a.id, a.locale FROM calendar_feeds f JOIN accounts a ON a.id = f.account_id \
         WHERE f.token_hash = ? AND a.suspended_at IS NULL",
    )
    .bind(crate::auth::store::hash_token(token))
    .fetch_optional(pool)
    .await
}
