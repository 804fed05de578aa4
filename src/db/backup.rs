//! Copies of the database that survive the machine: `stem4all backup FILE` and the daily copy
//! (a consistent snapshot taken while the server keeps reading and writing: SQLite's
//! `VACUUM INTO`), and `stem4all restore FILE` (refused while a server uses the database: the
//! server holds [`ServerLock`] for as long as it runs).
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{ConnectOptions, SqlitePool};
use std::path::{Path, PathBuf};

/// Writes a consistent copy of the database behind `pool` to `to`, a file that must not exist
/// yet (a copy never overwrites another).
pub async fn backup(pool: &SqlitePool, to: &Path) -> Result<(), String> {
    if to.exists() {
        return Err(format!("{} exists already: name a new file", to.display()));
    }
    if let Some(dir) = to.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    let path = to
        .to_str()
        .ok_or_else(|| format!("{} is not a UTF-8 path", to.display()))?;
    sqlx::query("VACUUM INTO ?")
        .bind(path)
        .execute(pool)
        .await
        .map_err(|e| format!("copying the database to {path}: {e}"))?;
    Ok(())
}

/// The daily copy's file name for a day ("stem4all-2026-12-01.db").
fn daily_name(day: i64) -> String {
    format!("stem4all-{}.db", crate::time::iso_date(day))
}

/// Today's copy in `dir` (once a day; a restart the same day makes none), then only the newest
/// `keep` daily copies stay. Gives the file written, if any.
pub async fn daily(
    pool: &SqlitePool,
    dir: &Path,
    keep: usize,
    now: i64,
) -> Result<Option<PathBuf>, String> {
    let file = dir.join(daily_name(crate::time::today(now)));
    if file.exists() {
        return Ok(None);
    }
    backup(pool, &file).await?;
    let mut copies: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("stem4all-") && n.ends_with(".db") && n.len() == 22)
        })
        .collect();
    // the names sort by day
    copies.sort();
    let extra = copies.len().saturating_sub(keep.max(1));
    for old in &copies[..extra] {
        std::fs::remove_file(old).map_err(|e| format!("{}: {e}", old.display()))?;
    }
    Ok(Some(file))
}

/// Held by a running server on its database (an exclusive lock on `<database>.lock`), so
/// `restore` can tell it must not replace the file under it.
pub struct ServerLock(#[allow(dead_code)] std::fs::File);

impl ServerLock {
    /// Takes the lock for `db`; an error names why (most often: a server already runs on it).
    pub fn take(db: &Path) -> Result<ServerLock, String> {
        let path = lock_path(db);
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        }
        let file = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(|e| format!("{}: {e}", path.display()))?;
        match file.try_lock() {
            Ok(()) => Ok(ServerLock(file)),
            Err(std::fs::TryLockError::WouldBlock) => Err(format!(
                "a server is using {} (it holds {}): stop it first",
                db.display(),
                path.display()
            )),
            Err(std::fs::TryLockError::Error(e)) => Err(format!("{}: {e}", path.display())),
        }
    }
}

fn lock_path(db: &Path) -> PathBuf {
    let mut name = db.as_os_str().to_owned();
    name.push(".lock");
    PathBuf::from(name)
}

/// Puts the copy `from` in place of the database file `db`, when no server uses it. The copy
/// must pass SQLite's integrity check and carry only migrations this build knows; the file it
/// replaces is kept beside it (`<database>.before-restore-<unix seconds>`).
pub async fn restore(db: &Path, from: &Path, now: i64) -> Result<PathBuf, String> {
    let _lock = ServerLock::take(db)?;
    if !from.is_file() {
        return Err(format!("{} is not a file", from.display()));
    }
    let mut conn = SqliteConnectOptions::new()
        .filename(from)
        .read_only(true)
        .connect()
        .await
        .map_err(|e| format!("{} is not a SQLite database: {e}", from.display()))?;
    let check: String = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_one(&mut conn)
        .await
        .map_err(|e| format!("{} is not a SQLite database: {e}", from.display()))?;
    if check != "ok" {
        return Err(format!("{} is damaged: {check}", from.display()));
    }
    let applied: Vec<i64> = sqlx::query_scalar("SELECT version FROM _sqlx_migrations")
        .fetch_all(&mut conn)
        .await
        .map_err(|_| format!("{} is not a STEM4ALL database", from.display()))?;
    let known: Vec<i64> = super::MIGRATOR.iter().map(|m| m.version).collect();
    if let Some(v) = applied.iter().find(|v| !known.contains(v)) {
        return Err(format!(
            "{} comes from a newer version (migration {v}): restore it with that version",
            from.display()
        ));
    }
    // a fresh, compact copy next to the database, then one rename puts it in place
    let incoming = db.with_extension("restoring");
    let _ = std::fs::remove_file(&incoming);
    let incoming_str = incoming
        .to_str()
        .ok_or_else(|| format!("{} is not a UTF-8 path", incoming.display()))?;
    sqlx::query("VACUUM INTO ?")
        .bind(incoming_str)
        .execute(&mut conn)
        .await
        .map_err(|e| format!("copying {}: {e}", from.display()))?;
    drop(conn);
    let kept = {
        let mut name = db.as_os_str().to_owned();
        name.push(format!(".before-restore-{now}"));
        PathBuf::from(name)
    };
    if db.exists() {
        std::fs::rename(db, &kept).map_err(|e| format!("{}: {e}", db.display()))?;
    }
    for suffix in ["-wal", "-shm"] {
        let mut side = db.as_os_str().to_owned();
        side.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(side));
    }
    std::fs::rename(&incoming, db).map_err(|e| format!("{}: {e}", db.display()))?;
    Ok(kept)
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn account_in(pool: &SqlitePool, email: &str) {
        sqlx::query(
            "INSERT INTO accounts (email, display_name, password_hash, role, created_at) \
             VALUES (?, 'A', 'x', 'mentee', 1)",
        )
        .bind(email)
        .execute(pool)
        .await
        .unwrap();
    }

    async fn rows(pool: &SqlitePool) -> i64 {
        sqlx::query_scalar("SELECT COUNT(*) FROM accounts")
            .fetch_one(pool)
            .await
            .unwrap()
    }

    #[tokio::test]
    async fn a_copy_taken_while_writing_restores_when_no_server_runs() {
        let (pool, dir) = crate::testing::temp_db().await;
        account_in(&pool, "a@example.kg").await;
        // a copy while another connection writes
        let writer = {
            let pool = pool.clone();
            tokio::spawn(async move {
                for i in 0..50 {
                    account_in(&pool, &format!("w{i}@example.kg")).await;
                }
            })
        };
        let copy = dir.join("copies/one.db");
        backup(&pool, &copy).await.unwrap();
        writer.await.unwrap();
        assert!(backup(&pool, &copy).await.unwrap_err().contains("exists"));
        let db = dir.join("test.db");
        assert!(rows(&pool).await >= 51);

        // a server holds the lock: restoring is refused and changes nothing
        let server = ServerLock::take(&db).unwrap();
        let refused = restore(&db, &copy, 5).await.unwrap_err();
        assert!(refused.contains("stop it first"), "{refused}");
        assert!(ServerLock::take(&db).is_err(), "one server at a time");
        drop(server);
        pool.close().await;

        let kept = restore(&db, &copy, 5).await.unwrap();
        assert!(kept.exists());
        let (back, fresh) = crate::db::connect(&format!("sqlite://{}", db.display()))
            .await
            .unwrap();
        assert!(!fresh);
        let n = rows(&back).await;
        assert!((1..=51).contains(&n), "{n}");
        let check: String = sqlx::query_scalar("PRAGMA integrity_check")
            .fetch_one(&back)
            .await
            .unwrap();
        assert_eq!(check, "ok");
    }

    #[tokio::test]
    async fn what_is_not_a_good_copy_is_refused() {
        let (pool, dir) = crate::testing::temp_db().await;
        pool.close().await;
        let db = dir.join("test.db");
        let junk = dir.join("junk.db");
        std::fs::write(&junk, b"not a database at all, just bytes").unwrap();
        assert!(restore(&db, &junk, 1).await.is_err());
        assert!(restore(&db, &dir.join("missing.db"), 1).await.is_err());
        // a SQLite file that is not ours
        let other = dir.join("other.db");
        let mut conn = SqliteConnectOptions::new()
            .filename(&other)
            .create_if_missing(true)
            .connect()
            .await
            .unwrap();
        sqlx::query("CREATE TABLE t (x)")
            .execute(&mut conn)
            .await
            .unwrap();
        drop(conn);
        let refused = restore(&db, &other, 1).await.unwrap_err();
        assert!(refused.contains("not a STEM4ALL database"), "{refused}");
        // the database is untouched
        assert!(db.exists());
    }

    #[tokio::test]
    async fn daily_copies_keep_the_newest() {
        let (pool, dir) = crate::testing::temp_db().await;
        let copies = dir.join("daily");
        let day = 86_400;
        for d in 0..5 {
            let made = daily(&pool, &copies, 3, 20_000 * day + d * day + 3_600)
                .await
                .unwrap();
            assert!(made.is_some());
        }
        // a second run the same day makes none
        assert!(daily(&pool, &copies, 3, 20_004 * day + 7_200)
            .await
            .unwrap()
            .is_none());
        let mut names: Vec<String> = std::fs::read_dir(&copies)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        names.sort();
        assert_eq!(names.len(), 3);
        assert_eq!(names[2], daily_name(20_004));
    }
}
