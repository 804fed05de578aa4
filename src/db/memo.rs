//! Answers kept in memory while nothing has been written since they were read.
//!
//! SQLite calls [`before_commit`] as every write transaction on a connection of the pool
//! commits, and [`on_commit`] after the commit is visible (its commit and WAL hooks, installed
//! by [`watch_commits`] when a connection opens); both bump one process-wide count. An answer
//! read when the count was `n` is still the database's answer while the count is `n`: a
//! [`Memo`] keeps it and hands it out until then. The count is read *before* the query and
//! bumped again *after* the commit is visible, so an answer is never kept under a count that a
//! write it missed has already passed.
//!
//! SQLite runs its WAL hook only when a statement steps to its end, and sqlx cuts a
//! `RETURNING` statement short after the row it wants or when the request is dropped (the
//! reset commits without the hook). So every `RETURNING` write runs in a transaction, whose
//! COMMIT always runs to its end (checked by `db::tests`).
//!
//! Each query through sqlx is a round trip to its connection's thread; on these machines that
//! costs about 0.1 ms of CPU, as much as a whole `/healthz`. The session lookup of every
//! signed-in request and discovery's own-profile read are the hot ones (see
//! docs/ARCHITECTURE.md, "Answers kept in memory").
//!
//! Writes from another process (`stem4all create-admin` beside a running server) are not
//! counted: every kept answer also has a maximum age.
use sqlx::SqliteConnection;
use std::collections::HashMap;
use std::hash::Hash;
use std::os::raw::{c_char, c_int, c_void};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Mutex;

/// Commits seen on every watched connection of this process.
static COMMITS: AtomicU64 = AtomicU64::new(0);
/// Set for good once a connection could not be watched (not in WAL mode, e.g. an in-memory
/// database): from then on nothing is kept.
static BLIND: AtomicBool = AtomicBool::new(false);

/// The commit count now, or `None` when commits cannot be seen.
pub fn commits() -> Option<u64> {
    (!BLIND.load(Ordering::Acquire)).then(|| COMMITS.load(Ordering::Acquire))
}

/// SQLite's commit hook: called as a write transaction commits, just before the new data is
/// visible. Counting here ends kept answers at once; the count after the commit
/// ([`on_commit`]) ends any answer read in between.
unsafe extern "C" fn before_commit(_: *mut c_void) -> c_int {
    COMMITS.fetch_add(1, Ordering::AcqRel);
    0 // go on with the commit
}

/// SQLite's WAL hook: called after each commit, once the new data is visible to new readers.
/// It replaces SQLite's own hook, whose one job it also does: a checkpoint once the log passes
/// 1,000 pages.
unsafe extern "C" fn on_commit(
    _: *mut c_void,
    db: *mut libsqlite3_sys::sqlite3,
    name: *const c_char,
    pages: c_int,
) -> c_int {
    if pages >= 1000 {
        // SAFETY: SQLite passes its own live handle and schema name; checkpointing from this
        // hook is what SQLite's default hook does
        unsafe { libsqlite3_sys::sqlite3_wal_checkpoint(db, name) };
    }
    COMMITS.fetch_add(1, Ordering::AcqRel);
    libsqlite3_sys::SQLITE_OK
}

/// Installs [`before_commit`] and [`on_commit`] on a newly opened connection (the pool's
/// `after_connect`). Nothing may run `PRAGMA wal_autocheckpoint` afterwards: it would put
/// SQLite's own WAL hook back.
pub async fn watch_commits(conn: &mut SqliteConnection) -> sqlx::Result<()> {
    let mode: String = sqlx::query_scalar("PRAGMA journal_mode")
        .fetch_one(&mut *conn)
        .await?;
    if !mode.eq_ignore_ascii_case("wal") {
        BLIND.store(true, Ordering::Release);
        return Ok(());
    }
    let mut handle = conn.lock_handle().await?;
    let db = handle.as_raw_handle().as_ptr();
    // SAFETY: the handle is locked (its thread waits for us), the callback is a plain
    // function with no state, and it stays valid for the life of the program
    unsafe {
        libsqlite3_sys::sqlite3_commit_hook(db, Some(before_commit), std::ptr::null_mut());
        libsqlite3_sys::sqlite3_wal_hook(db, Some(on_commit), std::ptr::null_mut());
    }
    Ok(())
}

/// Answers by key, each kept while no commit has happened since it was read and for at most
/// `max_age` seconds (a clock set back ends it too). Holds at most `max_entries`; when full,
/// it drops what is no longer true, and starts over if that is not enough.
pub struct Memo<K, V> {
    entries: Mutex<HashMap<K, Kept<V>>>,
    max_age: i64,
    max_entries: usize,
}

struct Kept<V> {
    value: V,
    commits: u64,
    at: i64,
}

/// What [`Memo::put`] needs from before the query: the commit count then.
#[derive(Clone, Copy, Debug)]
pub struct Mark(Option<u64>);

impl<K: Eq + Hash, V: Clone> Memo<K, V> {
    pub fn new(max_age: i64, max_entries: usize) -> Self {
        Memo {
            entries: Mutex::new(HashMap::new()),
            max_age,
            max_entries,
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<K, Kept<V>>> {
        self.entries.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The kept answer for `key`, if nothing was committed since it was read.
    pub fn get<Q>(&self, key: &Q, now: i64) -> Option<V>
    where
        K: std::borrow::Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        let commits = commits()?;
        self.lock()
            .get(key)
            .filter(|k| k.commits == commits && (0..self.max_age).contains(&(now - k.at)))
            .map(|k| k.value.clone())
    }

    /// Take this before reading the database for a [`Memo::put`].
    pub fn mark(&self) -> Mark {
        Mark(commits())
    }

    /// Keeps `value`, read from the database after `mark` was taken — unless something was
    /// committed in between (then the answer may already be old).
    pub fn put(&self, key: K, value: V, mark: Mark, now: i64) {
        let Some(then) = mark.0 else { return };
        if commits() != Some(then) {
            return;
        }
        let mut entries = self.lock();
        if entries.len() >= self.max_entries {
            entries.retain(|_, k| k.commits == then && (0..self.max_age).contains(&(now - k.at)));
            if entries.len() >= self.max_entries {
                entries.clear();
            }
        }
        entries.insert(
            key,
            Kept {
                value,
                commits: then,
                at: now,
            },
        );
    }
}
