//! The database: one SQLite pool (WAL, foreign keys, busy timeout), the migrations, the clock.
pub mod backup;
pub mod memo;
#[cfg(test)]
mod tests;

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::SqlitePool;
use std::{str::FromStr, time::Duration};

pub static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

/// Seconds since the Unix epoch, UTC. All timestamps are computed here, in Rust.
pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

pub fn options(url: &str) -> Result<SqliteConnectOptions, sqlx::Error> {
    Ok(SqliteConnectOptions::from_str(url)?
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Normal)
        .foreign_keys(true)
        .busy_timeout(Duration::from_secs(5)))
}

/// Opens the pool (creating the file and its folder if needed) and applies the migrations.
/// Returns whether the database was new (had no migrations applied before).
/// The file a `sqlite://` URL names.
pub fn file_of(url: &str) -> Result<std::path::PathBuf, Box<dyn std::error::Error>> {
    Ok(options(url)?.get_filename().to_path_buf())
}

pub async fn connect(url: &str) -> Result<(SqlitePool, bool), Box<dyn std::error::Error>> {
    let opts = options(url)?;
    let path = opts.get_filename().to_path_buf();
    if let Some(dir) = path.parent() {
        if !dir.as_os_str().is_empty() {
            std::fs::create_dir_all(dir)?;
        }
    }
    let pool = SqlitePoolOptions::new()
        .max_connections(8)
        // a file on this machine does not go away between queries: no ping (a second round
        // trip to the connection's thread) before each one
        .test_before_acquire(false)
        // every connection counts its commits, for the answers kept in memory (`memo`)
        .after_connect(|conn, _| Box::pin(memo::watch_commits(conn)))
        .connect_with(opts)
        .await?;
    let fresh: bool = sqlx::query_scalar(
        "SELECT NOT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_sqlx_migrations')",
    )
    .fetch_one(&pool)
    .await?;
    MIGRATOR.run(&pool).await?;
    Ok((pool, fresh))
}

/// A write transaction begun with `BEGIN IMMEDIATE`, holding this process's turn to write to
/// its database file. It is sqlx's own [`sqlx::Transaction`]: dropped without
/// [`WriteTx::commit`] — a refusal returned with `?`, or the request's future dropped at any
/// `.await` because the client went away — it rolls back, and only then does the turn pass
/// to the next writer (so she never meets SQLite's lock). Derefs to the connection.
pub struct WriteTx {
    // both are `Some` until `commit` or `finish` takes the transaction, or `drop` both
    tx: Option<sqlx::Transaction<'static, sqlx::Sqlite>>,
    turn: Option<tokio::sync::OwnedMutexGuard<()>>,
}

impl std::ops::Deref for WriteTx {
    type Target = sqlx::SqliteConnection;
    fn deref(&self) -> &sqlx::SqliteConnection {
        self.tx
            .as_deref()
            .expect("a live WriteTx holds its transaction")
    }
}

impl std::ops::DerefMut for WriteTx {
    fn deref_mut(&mut self) -> &mut sqlx::SqliteConnection {
        self.tx
            .as_deref_mut()
            .expect("a live WriteTx holds its transaction")
    }
}

impl WriteTx {
    fn take(&mut self) -> sqlx::Result<sqlx::Transaction<'static, sqlx::Sqlite>> {
        self.tx.take().ok_or(sqlx::Error::PoolClosed)
    }

    pub async fn commit(mut self) -> sqlx::Result<()> {
        self.take()?.commit().await
    }

    /// Commits when `result` is a success, rolls back (at once, not on drop) when it is an
    /// error, and hands `result` on: the end of every write.
    pub async fn finish<T, E: From<sqlx::Error>>(mut self, result: Result<T, E>) -> Result<T, E> {
        let tx = self.take()?;
        match result {
            Ok(value) => {
                tx.commit().await?;
                Ok(value)
            }
            Err(e) => {
                tx.rollback().await?;
                Err(e)
            }
        }
    }
}

impl Drop for WriteTx {
    fn drop(&mut self) {
        let (Some(tx), Some(turn)) = (self.tx.take(), self.turn.take()) else {
            return;
        };
        // dropped before its end: roll back, then let the next writer in
        match tokio::runtime::Handle::try_current() {
            Ok(runtime) => {
                runtime.spawn(async move {
                    let _ = tx.rollback().await;
                    drop(turn);
                });
            }
            // no runtime any more: sqlx queues the rollback when the transaction drops
            Err(_) => drop((tx, turn)),
        }
    }
}

/// One queue of writers per database file. SQLite lets one writer in at a time and makes the
/// others poll with growing sleeps (up to 100 ms each), which showed as an 80 ms p99 for votes
/// from 8 concurrent clients; waiting here instead is first come, first served, and a waiting
/// writer holds no pooled connection.
fn write_turn(pool: &SqlitePool) -> std::sync::Arc<tokio::sync::Mutex<()>> {
    use std::collections::HashMap;
    use std::sync::{Arc, Mutex, OnceLock};
    static TURNS: OnceLock<Mutex<HashMap<std::path::PathBuf, Arc<tokio::sync::Mutex<()>>>>> =
        OnceLock::new();
    let file = pool.connect_options().get_filename().to_path_buf();
    let mut turns = TURNS
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    turns.entry(file).or_default().clone()
}

/// Begins a write: waits for this process's turn (see [`write_turn`]), then `BEGIN IMMEDIATE`
/// takes SQLite's write lock up front, so checks made inside the transaction (capacity, one
/// vote per account) cannot race with another writer. SQLite-specific; on PostgreSQL this
/// becomes `SELECT … FOR UPDATE` in the same places.
///
/// The begin runs as a task of its own: sqlx's `begin_with` still awaits once after its BEGIN
/// has run (to check that the statement opened a transaction), and a request dropped at that
/// await would put the connection back in the pool inside the transaction, holding SQLite's
/// write lock for every other writer (measured: every sign-in failed with "database is
/// locked"). As a task it always finishes; a transaction that nobody waits for any more is
/// dropped with the task's output, and so rolled back, before the turn passes on.
pub async fn begin_immediate(pool: &SqlitePool) -> sqlx::Result<WriteTx> {
    let turn = write_turn(pool).lock_owned().await;
    let pool = pool.clone();
    let begun = tokio::spawn(async move {
        let tx = pool.begin_with("BEGIN IMMEDIATE").await;
        tx.map(|tx| WriteTx {
            tx: Some(tx),
            turn: Some(turn),
        })
    })
    .await;
    match begun {
        Ok(result) => result,
        Err(e) => Err(sqlx::Error::Io(std::io::Error::other(e))),
    }
}

/// Why a store function did not do what it was asked: the one error type of every area's
/// store. A refusal rolls the write back like a database error does (`?` drops the
/// [`WriteTx`]); `From<StoreError> for AppError` turns it into what a person reads.
#[derive(Debug)]
pub enum StoreError {
    /// The database failed (logged where it becomes an `AppError`).
    Db(sqlx::Error),
    /// A rule said no; nothing was written.
    Refused(Refusal),
}

#[derive(Clone, Debug, PartialEq)]
pub enum Refusal {
    /// Not there, or not the caller's: the two look the same from outside (404).
    NotFound,
    /// Someone changed the thing since the caller looked; the key says what to do.
    Stale(crate::i18n::Key),
    /// A rule about one field (`""` for the whole form).
    Rule {
        field: String,
        key: crate::i18n::Key,
    },
    /// A flood limit is reached: try again in this many minutes (429).
    Throttled(u32),
}

pub type StoreResult<T> = Result<T, StoreError>;

impl From<sqlx::Error> for StoreError {
    fn from(e: sqlx::Error) -> Self {
        StoreError::Db(e)
    }
}

impl From<Refusal> for StoreError {
    fn from(r: Refusal) -> Self {
        StoreError::Refused(r)
    }
}

/// Database errors are never equal (tests compare refusals).
impl PartialEq for StoreError {
    fn eq(&self, other: &Self) -> bool {
        matches!((self, other), (StoreError::Refused(a), StoreError::Refused(b)) if a == b)
    }
}

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StoreError::Db(e) => write!(f, "database error: {e}"),
            StoreError::Refused(r) => write!(f, "refused: {r:?}"),
        }
    }
}

impl std::error::Error for StoreError {}

impl StoreError {
    pub fn refusal(&self) -> Option<&Refusal> {
        match self {
            StoreError::Refused(r) => Some(r),
            StoreError::Db(_) => None,
        }
    }
}

/// Not there, or not the caller's (404).
pub const NOT_FOUND: StoreError = StoreError::Refused(Refusal::NotFound);

/// A refusal about one field (`""` for the whole form).
pub fn rule(field: impl Into<String>, key: crate::i18n::Key) -> StoreError {
    StoreError::Refused(Refusal::Rule {
        field: field.into(),
        key,
    })
}

/// Someone changed the thing since the caller looked; `key` says so.
pub fn stale(key: crate::i18n::Key) -> StoreError {
    StoreError::Refused(Refusal::Stale(key))
}

/// A refusal as `None`, a database error as the error: for callers that try a change and carry
/// on either way (the demo seed, jobs).
pub fn unless_refused<T>(r: StoreResult<T>) -> sqlx::Result<Option<T>> {
    match r {
        Ok(v) => Ok(Some(v)),
        Err(StoreError::Refused(_)) => Ok(None),
        Err(StoreError::Db(e)) => Err(e),
    }
}
