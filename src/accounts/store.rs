//! SQL for accounts. Plain async functions over a pool; no HTTP, no Leptos.
use super::AccountView;
use crate::auth::Role;
use crate::db::{rule, StoreResult, NOT_FOUND};
use crate::i18n::{k, Locale};
use crate::notifications::store::{queue_email, Email};
use sqlx::{SqliteConnection, SqlitePool};

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

/// Creates an account and returns its id; refused on `email` ([`k::ERR_EMAIL_TAKEN`]) when the
/// email is already registered (nothing written).
pub async fn create(pool: &SqlitePool, a: &NewAccount<'_>, now: i64) -> StoreResult<i64> {
    // a RETURNING write in a transaction: its COMMIT is seen by `db::memo` even when the
    // request is dropped midway (then nothing is written)
    let mut tx = crate::db::begin_immediate(pool).await?;
    let id = create_in(&mut tx, a, now).await?;
    let result = id.ok_or_else(|| rule("email", k::ERR_EMAIL_TAKEN));
    tx.finish(result).await
}

/// [`create`] inside the caller's write (an import creates many in one): `None` when the
/// email is already registered.
pub async fn create_in(
    conn: &mut SqliteConnection,
    a: &NewAccount<'_>,
    now: i64,
) -> sqlx::Result<Option<i64>> {
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
    .fetch_optional(&mut *conn)
    .await
}

/// An account's id, password hash and whether it is suspended.
#[derive(sqlx::FromRow)]
struct CredentialsRow {
    id: i64,
    password_hash: String,
    suspended: bool,
}

/// (id, password hash, suspended?) for signing in.
pub async fn credentials(
    pool: &SqlitePool,
    email: &str,
) -> sqlx::Result<Option<(i64, String, bool)>> {
    let row: Option<CredentialsRow> = sqlx::query_as(
        "SELECT id, password_hash, suspended_at IS NOT NULL AS suspended FROM accounts \
         WHERE email = ?",
    )
    .bind(email)
    .fetch_optional(pool)
    .await?;
    Ok(row.map(|r| (r.id, r.password_hash, r.suspended)))
}

/// An account as stored, with its role still as a code.
#[derive(sqlx::FromRow)]
struct AccountRow {
    id: i64,
    email: String,
    display_name: String,
    role: String,
    created_at: i64,
    email_confirmed: bool,
}

pub async fn by_id(pool: &SqlitePool, id: i64) -> sqlx::Result<Option<AccountView>> {
    let row: Option<AccountRow> = sqlx::query_as(
        "SELECT id, email, display_name, role, created_at, \
         email_confirmed_at IS NOT NULL AS email_confirmed FROM accounts WHERE id = ?",
    )
    .bind(id)
    .fetch_optional(pool)
    .await?;
    Ok(row.and_then(|r| {
        Some(AccountView {
            id: r.id,
            email: r.email,
            display_name: r.display_name,
            role: Role::from_code(&r.role)?,
            created_at: r.created_at,
            email_confirmed: r.email_confirmed,
        })
    }))
}

/// An account already on an address, and its role.
#[derive(sqlx::FromRow)]
struct ExistingRow {
    id: i64,
    role: String,
}

/// What [`ensure_admin`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AdminEnsured {
    /// A new administrator's account.
    Created(i64),
    /// The address already belonged to an administrator: nothing changed.
    Kept(i64),
    /// Someone had registered the address: the account now has the operator's password, every
    /// session it had is over, and it is an administrator. Whoever registered it (perhaps not
    /// the operator) cannot sign in with what she knew.
    TakenBack(i64),
}

/// Makes `email` an administrator, for configuration (never a form). A new address becomes a
/// new administrator; an administrator's address is left as it is (a restart never resets her
/// password or ends her sessions); an address someone else registered is promoted only with
/// the operator's password set and every one of its sessions ended.
pub async fn ensure_admin(
    pool: &SqlitePool,
    email: &str,
    display_name: &str,
    password_hash: &str,
    now: i64,
) -> sqlx::Result<AdminEnsured> {
    let mut tx = crate::db::begin_immediate(pool).await?;
    let existing: Option<ExistingRow> =
        sqlx::query_as("SELECT id, role FROM accounts WHERE email = ?")
            .bind(email)
            .fetch_optional(&mut *tx)
            .await?;
    let done = match existing {
        Some(ExistingRow { id, role }) if role == "admin" => {
            // the operator's administrator is never left locked out by a sanction
            sqlx::query("UPDATE accounts SET suspended_at = NULL WHERE id = ?")
                .bind(id)
                .execute(&mut *tx)
                .await?;
            AdminEnsured::Kept(id)
        }
        Some(ExistingRow { id, role }) => {
            sqlx::query(
                "UPDATE accounts SET role = 'admin', display_name = ?, suspended_at = NULL, \
                 email_confirmed_at = COALESCE(email_confirmed_at, ?) WHERE id = ?",
            )
            .bind(display_name)
            .bind(now)
            .bind(id)
            .execute(&mut *tx)
            .await?;
            replace_password(&mut tx, id, password_hash).await?;
            use crate::audit::{store::Record, Action, Target};
            Record::new(None, Action::RoleChanged, Target::Account(id))
                .change(&role, "admin")
                .write(&mut tx, now)
                .await?;
            AdminEnsured::TakenBack(id)
        }
        None => {
            // a RETURNING write in a transaction: its COMMIT is seen by `db::memo`
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO accounts (email, display_name, password_hash, role, created_at, email_confirmed_at) \
                 VALUES (?, ?, ?, 'admin', ?, ?) RETURNING id",
            )
            .bind(email)
            .bind(display_name)
            .bind(password_hash)
            .bind(now)
            .bind(now)
            .fetch_one(&mut *tx)
            .await?;
            use crate::audit::{store::Record, Action, Target};
            Record::new(None, Action::RoleChanged, Target::Account(id))
                .change("", "admin")
                .write(&mut tx, now)
                .await?;
            AdminEnsured::Created(id)
        }
    };
    tx.commit().await?;
    Ok(done)
}

impl AdminEnsured {
    pub fn id(self) -> i64 {
        match self {
            AdminEnsured::Created(id) | AdminEnsured::Kept(id) | AdminEnsured::TakenBack(id) => id,
        }
    }
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

/// An account's stored region and district.
#[derive(sqlx::FromRow)]
struct RegionRow {
    region: Option<String>,
    district: Option<String>,
}

/// The stored (region, district) of an account.
pub async fn region_of(
    pool: &SqlitePool,
    id: i64,
) -> sqlx::Result<(Option<String>, Option<String>)> {
    let row: RegionRow = sqlx::query_as("SELECT region, district FROM accounts WHERE id = ?")
        .bind(id)
        .fetch_one(pool)
        .await?;
    Ok((row.region, row.district))
}

// ---- email confirmation ----

/// An account's address, language code and when the address was confirmed.
#[derive(sqlx::FromRow)]
struct AddressRow {
    email: String,
    locale: String,
    email_confirmed_at: Option<i64>,
}

/// A confirmation link for the account's address, emailed through the outbox (never shown in
/// the app: the point is to prove the address).
pub async fn send_confirmation(pool: &SqlitePool, account: i64, now: i64) -> sqlx::Result<()> {
    let row: Option<AddressRow> =
        sqlx::query_as("SELECT email, locale, email_confirmed_at FROM accounts WHERE id = ?")
            .bind(account)
            .fetch_optional(pool)
            .await?;
    let Some(row) = row.filter(|r| r.email_confirmed_at.is_none()) else {
        return Ok(());
    };
    let (token, hash) = crate::auth::store::new_token();
    let locale = crate::i18n::Locale::from_code(&row.locale).unwrap_or_default();
    let subject = locale.t(crate::i18n::k::EMAIL_CONFIRM_SUBJECT);
    let body = format!(
        "{}\n\n{}",
        locale.t(crate::i18n::k::EMAIL_CONFIRM_BODY),
        locale.t(crate::i18n::k::EMAIL_FOOTER)
    );
    let mut tx = crate::db::begin_immediate(pool).await?;
    sqlx::query("DELETE FROM email_confirmations WHERE account_id = ?")
        .bind(account)
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "INSERT INTO email_confirmations (token_hash, account_id, expires_at) VALUES (?, ?, ?)",
    )
    .bind(&hash)
    .bind(account)
    .bind(now + 7 * 86_400)
    .execute(&mut *tx)
    .await?;
    let email = Email {
        account,
        to: &row.email,
        subject,
        body: &body,
        link: &format!("/confirm/{token}"),
        urgent: true,
    };
    queue_email(&mut tx, &email, now).await?;
    tx.commit().await?;
    Ok(())
}

/// Confirms the address behind a link's token; [`NOT_FOUND`] for an unknown or expired token
/// (nothing written).
pub async fn confirm_email(pool: &SqlitePool, token: &str, now: i64) -> StoreResult<()> {
    let hash = crate::auth::store::hash_token(token);
    let mut tx = crate::db::begin_immediate(pool).await?;
    let account: Option<i64> = sqlx::query_scalar(
        "DELETE FROM email_confirmations WHERE token_hash = ? AND expires_at > ? RETURNING account_id",
    )
    .bind(&hash)
    .bind(now)
    .fetch_optional(&mut *tx)
    .await?;
    let Some(id) = account else {
        // the DELETE matched nothing: dropping the transaction rolls back an empty write
        return Err(NOT_FOUND);
    };
    sqlx::query(
        "UPDATE accounts SET email_confirmed_at = COALESCE(email_confirmed_at, ?) WHERE id = ?",
    )
    .bind(now)
    .bind(id)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(())
}

pub async fn email_confirmed(pool: &SqlitePool, account: i64) -> sqlx::Result<bool> {
    sqlx::query_scalar("SELECT email_confirmed_at IS NOT NULL FROM accounts WHERE id = ?")
        .bind(account)
        .fetch_one(pool)
        .await
}

// ---- forgotten and changed passwords ----

/// How long a reset link works.
pub const RESET_SECONDS: i64 = 3600;

/// An account's id and language, when it may sign in.
#[derive(sqlx::FromRow)]
struct LiveAccountRow {
    id: i64,
    locale: String,
}

/// Emails a reset link (one hour, single use; an earlier link stops working) when `email`
/// belongs to an account that may sign in. Says nothing either way: the caller answers the
/// same whether or not the address has an account.
pub async fn send_reset(pool: &SqlitePool, email: &str, now: i64) -> sqlx::Result<()> {
    let row: Option<LiveAccountRow> =
        sqlx::query_as("SELECT id, locale FROM accounts WHERE email = ? AND suspended_at IS NULL")
            .bind(email)
            .fetch_optional(pool)
            .await?;
    let Some(row) = row else { return Ok(()) };
    let locale = crate::i18n::Locale::from_code(&row.locale).unwrap_or_default();
    let body = format!(
        "{}\n\n{}",
        locale.t(crate::i18n::k::EMAIL_RESET_BODY),
        locale.t(crate::i18n::k::EMAIL_FOOTER)
    );
    let mut tx = crate::db::begin_immediate(pool).await?;
    let link = PasswordLink {
        account: row.id,
        to: email,
        subject: locale.t(crate::i18n::k::EMAIL_RESET_SUBJECT),
        body: &body,
        expires_at: now + RESET_SECONDS,
        urgent: true,
    };
    password_link_in(&mut tx, &link, now).await?;
    tx.commit().await?;
    Ok(())
}

/// An email with a link to choose a password: a reset, or an imported person's invitation.
pub struct PasswordLink<'a> {
    pub account: i64,
    pub to: &'a str,
    pub subject: &'a str,
    pub body: &'a str,
    pub expires_at: i64,
    /// Sent before the outbox's other emails (a reset she is waiting for).
    pub urgent: bool,
}

/// How many days an invitation's link stays valid.
pub const INVITE_DAYS: i64 = 14;

/// An invitation to an account someone else made for her (an import, an administrator linking
/// a partner): a link to choose her password, valid [`INVITE_DAYS`] days, in an email with
/// `subject` and `body` (the footer added) in `locale`, inside the caller's write.
pub async fn invite_in(
    conn: &mut SqliteConnection,
    account: i64,
    to: &str,
    locale: crate::i18n::Locale,
    subject: crate::i18n::Key,
    body: &str,
    now: i64,
) -> sqlx::Result<()> {
    let body = format!("{body}\n\n{}", locale.t(crate::i18n::k::EMAIL_FOOTER));
    let link = PasswordLink {
        account,
        to,
        subject: locale.t(subject),
        body: &body,
        expires_at: now + INVITE_DAYS * 86_400,
        urgent: false,
    };
    password_link_in(conn, &link, now).await
}

/// Makes a single-use link (until `expires_at`) with which the account chooses a password
/// (using it also confirms the address it reached), ends every earlier link of the account,
/// and queues the email carrying it, inside the caller's write.
pub async fn password_link_in(
    conn: &mut SqliteConnection,
    link: &PasswordLink<'_>,
    now: i64,
) -> sqlx::Result<()> {
    let (token, hash) = crate::auth::store::new_token();
    sqlx::query("DELETE FROM password_resets WHERE account_id = ?")
        .bind(link.account)
        .execute(&mut *conn)
        .await?;
    sqlx::query(
        "INSERT INTO password_resets (token_hash, account_id, expires_at) VALUES (?, ?, ?)",
    )
    .bind(&hash)
    .bind(link.account)
    .bind(link.expires_at)
    .execute(&mut *conn)
    .await?;
    let message = Email {
        account: link.account,
        to: link.to,
        subject: link.subject,
        body: link.body,
        link: &format!("/reset?token={token}"),
        urgent: link.urgent,
    };
    queue_email(conn, &message, now).await
}

/// Whether a reset link's token still works (read only: checked before a new password is
/// hashed, so made-up tokens cost no hashing).
pub async fn reset_works(pool: &SqlitePool, token: &str, now: i64) -> sqlx::Result<bool> {
    sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM password_resets r JOIN accounts a ON a.id = r.account_id \
         WHERE r.token_hash = ? AND r.expires_at > ? AND a.suspended_at IS NULL)",
    )
    .bind(crate::auth::store::hash_token(token))
    .bind(now)
    .fetch_one(pool)
    .await
}

/// Uses a reset link: the account gets `password_hash`, every session it had ends, every
/// other reset link stops working, and its address counts as confirmed (the link reached it).
/// Gives the account id; [`NOT_FOUND`] for an unknown, used or expired token (nothing written).
pub async fn reset_password(
    pool: &SqlitePool,
    token: &str,
    password_hash: &str,
    now: i64,
) -> StoreResult<i64> {
    let mut tx = crate::db::begin_immediate(pool).await?;
    let account: Option<i64> = sqlx::query_scalar(
        "DELETE FROM password_resets WHERE token_hash = ? AND expires_at > ? RETURNING account_id",
    )
    .bind(crate::auth::store::hash_token(token))
    .bind(now)
    .fetch_optional(&mut *tx)
    .await?;
    let Some(id) = account else {
        return Err(NOT_FOUND);
    };
    // the link reached her address: it counts as confirmed
    let updated = sqlx::query(
        "UPDATE accounts SET email_confirmed_at = COALESCE(email_confirmed_at, ?) \
         WHERE id = ? AND suspended_at IS NULL",
    )
    .bind(now)
    .bind(id)
    .execute(&mut *tx)
    .await?;
    if updated.rows_affected() == 0 {
        return Err(NOT_FOUND);
    }
    replace_password(&mut tx, id, password_hash).await?;
    tx.commit().await?;
    Ok(id)
}

/// Gives an account a new password hash inside the caller's transaction: its reset links stop
/// working and every session it had ends.
async fn replace_password(
    conn: &mut sqlx::SqliteConnection,
    account: i64,
    password_hash: &str,
) -> sqlx::Result<()> {
    sqlx::query("UPDATE accounts SET password_hash = ? WHERE id = ?")
        .bind(password_hash)
        .bind(account)
        .execute(&mut *conn)
        .await?;
    sqlx::query("DELETE FROM password_resets WHERE account_id = ?")
        .bind(account)
        .execute(&mut *conn)
        .await?;
    crate::auth::store::end_sessions(conn, account).await?;
    Ok(())
}

/// A new password chosen on the account page: every session of hers ends (the caller starts a
/// new one for the device she used), and reset links stop working.
pub async fn set_password(
    pool: &SqlitePool,
    account: i64,
    password_hash: &str,
) -> sqlx::Result<()> {
    let mut tx = crate::db::begin_immediate(pool).await?;
    replace_password(&mut tx, account, password_hash).await?;
    tx.commit().await
}

/// The stored password hash of an account (to check her current password).
pub async fn password_hash(pool: &SqlitePool, account: i64) -> sqlx::Result<Option<String>> {
    sqlx::query_scalar("SELECT password_hash FROM accounts WHERE id = ?")
        .bind(account)
        .fetch_optional(pool)
        .await
}

/// Ends every session of `account`, the one in use too ("sign out everywhere").
pub async fn end_every_session(pool: &SqlitePool, account: i64) -> sqlx::Result<()> {
    let mut tx = crate::db::begin_immediate(pool).await?;
    crate::auth::store::end_sessions(&mut tx, account).await?;
    tx.commit().await
}
