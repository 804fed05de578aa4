//! SQL for accounts. Plain async functions over a pool; no HTTP, no Leptos.
use super::AccountView;
use crate::auth::Role;
use crate::i18n::Locale;
use sqlx::SqlitePool;

pub struct NewAccount<'a> {
    pub email: &'a str,
    pub display_name: &'a str,
    pub password_hash: &'a str,
    pub role: Role,
    pub locale: Locale,
    pub region: Option<&'a str>,
    pub district: Option<&'a str>,
    /// Demo and admin-created accounts start confirmed; self sign-ups do not.
    pub email_confirmed: bool,
}

/// Creates an account; `Ok(None)` when the email is already registered (nothing written).
pub async fn create(pool: &SqlitePool, a: &NewAccount<'_>, now: i64) -> sqlx::Result<Option<i64>> {
    sqlx::query_scalar(
        "INSERT INTO accounts (email, display_name, password_hash, role, locale, region, district, created_at, email_confirmed_at) \
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (email) DO NOTHING RETURNING id",
    )
    .bind(a.email)
    .bind(a.display_name)
    .bind(a.password_hash)
    .bind(a.role.code())
    .bind(a.locale.code())
    .bind(a.region)
    .bind(a.district)
    .bind(now)
    .bind(a.email_confirmed.then_some(now))
    .fetch_optional(pool)
    .await
}

/// (id, password hash, suspended?) for signing in.
pub async fn credentials(
    pool: &SqlitePool,
    email: &str,
) -> sqlx::Result<Option<(i64, String, bool)>> {
    sqlx::query_as(
        "SELECT id, password_hash, suspended_at IS NOT NULL FROM accounts WHERE email = ?",
    )
    .bind(email)
    .fetch_optional(pool)
    .await
}

pub async fn by_id(pool: &SqlitePool, id: i64) -> sqlx::Result<Option<AccountView>> {
    let row: Option<(i64, String, String, String, i64)> = sqlx::query_as(
        "SELECT id, email, display_name, role, created_at FROM accounts WHERE id = ?",
    )
    .bind(id)
    .fetch_optional(pool)
    .await?;
    Ok(row.and_then(|(id, email, display_name, role, created_at)| {
        Some(AccountView {
            id,
            email,
            display_name,
            role: Role::from_code(&role)?,
            created_at,
        })
    }))
}

pub async fn set_locale(pool: &SqlitePool, id: i64, locale: Locale) -> sqlx::Result<()> {
    sqlx::query("UPDATE accounts SET locale = ? WHERE id = ?")
        .bind(locale.code())
        .bind(id)
        .execute(pool)
        .await?;
    Ok(())
}

/// Makes `email` an administrator: promotes an existing account (keeping its password) or
/// creates one. Returns the account id. Used by configuration, never by a form.
pub async fn ensure_admin(
    pool: &SqlitePool,
    email: &str,
    display_name: &str,
    password_hash: &str,
    now: i64,
) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "INSERT INTO accounts (email, display_name, password_hash, role, created_at, email_confirmed_at) \
         VALUES (?, ?, ?, 'admin', ?, ?) \
         ON CONFLICT (email) DO UPDATE SET role = 'admin' RETURNING id",
    )
    .bind(email)
    .bind(display_name)
    .bind(password_hash)
    .bind(now)
    .bind(now)
    .fetch_one(pool)
    .await
}

pub async fn count(pool: &SqlitePool) -> sqlx::Result<i64> {
    sqlx::query_scalar("SELECT COUNT(*) FROM accounts")
        .fetch_one(pool)
        .await
}

pub async fn id_by_email(pool: &SqlitePool, email: &str) -> sqlx::Result<Option<i64>> {
    sqlx::query_scalar("SELECT id FROM accounts WHERE email = ?")
        .bind(email)
        .fetch_optional(pool)
        .await
}

/// The stored (region, district) of an account.
pub async fn region_of(
    pool: &SqlitePool,
    id: i64,
) -> sqlx::Result<(Option<String>, Option<String>)> {
    sqlx::query_as("SELECT region, district FROM accounts WHERE id = ?")
        .bind(id)
        .fetch_one(pool)
        .await
}
