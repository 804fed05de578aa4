//! The write path against a real SQLite file with the real migrations: a write whose future is
//! dropped anywhere between BEGIN and COMMIT (the client went away) leaves nothing behind and
//! holds up nobody.
use super::*;
use std::time::{Duration, Instant};

async fn table(pool: &SqlitePool) {
    sqlx::query("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)")
        .execute(pool)
        .await
        .unwrap();
}

async fn count(pool: &SqlitePool, v: &str) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM t WHERE v = ?")
        .bind(v)
        .fetch_one(pool)
        .await
        .unwrap()
}

/// One complete write, timed.
async fn timed_write(pool: &SqlitePool, v: &str) -> Duration {
    let started = Instant::now();
    let mut tx = begin_immediate(pool).await.unwrap();
    sqlx::query("INSERT INTO t (v) VALUES (?)")
        .bind(v)
        .execute(&mut *tx)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    started.elapsed()
}

/// A write that stops between its INSERT and its COMMIT for longer than anyone waits.
async fn hanging_write(pool: SqlitePool, v: &'static str) -> StoreResult<()> {
    let mut tx = begin_immediate(&pool).await?;
    sqlx::query("INSERT INTO t (v) VALUES (?)")
        .bind(v)
        .execute(&mut *tx)
        .await?;
    tokio::time::sleep(Duration::from_secs(3600)).await;
    tx.commit().await?;
    Ok(())
}

#[tokio::test]
async fn a_write_dropped_between_begin_and_commit_leaves_nothing_and_blocks_no_one() {
    let (pool, _dir) = crate::testing::temp_db().await;
    table(&pool).await;
    // the request's future is dropped by a timeout …
    for _ in 0..20 {
        let cut = tokio::time::timeout(
            Duration::from_millis(20),
            hanging_write(pool.clone(), "lost"),
        )
        .await;
        assert!(cut.is_err(), "the write was cut off");
        let waited = timed_write(&pool, "kept").await;
        assert!(
            waited < Duration::from_millis(500),
            "the next write waited {waited:?}"
        );
    }
    // … or its task is aborted, as hyper does when the client goes away
    for _ in 0..20 {
        let task = tokio::spawn(hanging_write(pool.clone(), "lost"));
        tokio::time::sleep(Duration::from_millis(10)).await;
        task.abort();
        assert!(task.await.unwrap_err().is_cancelled());
        let waited = timed_write(&pool, "kept").await;
        assert!(
            waited < Duration::from_millis(500),
            "the next write waited {waited:?}"
        );
    }
    assert_eq!(count(&pool, "lost").await, 0, "no aborted change survives");
    assert_eq!(count(&pool, "kept").await, 40);
    // every pooled connection is still usable for reads and writes
    let writes = (0..16).map(|i| {
        let pool = pool.clone();
        tokio::spawn(async move { timed_write(&pool, &format!("after-{i}")).await })
    });
    for w in writes {
        w.await.unwrap();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn writes_cut_off_at_any_await_never_leave_a_lock_behind() {
    let (pool, _dir) = crate::testing::temp_db().await;
    table(&pool).await;
    // deadlines from 0 to 1 ms (tokio's timer rounds them to its 1 ms ticks, so where each
    // lands varies from run to run) cut writes off at their awaits: waiting for the turn,
    // BEGIN and sqlx's check after it, the INSERT, the COMMIT; without the BEGIN in a task of
    // its own this failed on every run tried
    for i in 0..2_000u64 {
        let pool2 = pool.clone();
        let _ = tokio::time::timeout(Duration::from_micros(i % 1_000), async move {
            let mut tx = begin_immediate(&pool2).await?;
            sqlx::query("INSERT INTO t (v) VALUES ('maybe')")
                .execute(&mut *tx)
                .await?;
            tx.commit().await?;
            Ok::<_, sqlx::Error>(())
        })
        .await;
        if i % 100 == 99 {
            let waited = timed_write(&pool, "kept").await;
            assert!(
                waited < Duration::from_millis(500),
                "a write after {i} cut-off ones waited {waited:?}"
            );
        }
    }
    assert_eq!(count(&pool, "kept").await, 20);
}

#[tokio::test]
async fn a_refusal_leaves_nothing_of_what_the_write_did_before_it() {
    let (pool, _dir) = crate::testing::temp_db().await;
    table(&pool).await;
    let mut tx = begin_immediate(&pool).await.unwrap();
    let result: StoreResult<()> = async {
        sqlx::query("INSERT INTO t (v) VALUES ('half')")
            .execute(&mut *tx)
            .await?;
        Err(rule("v", crate::i18n::k::ERR_REQUIRED))
    }
    .await;
    let result = tx.finish(result).await;
    assert_eq!(result, Err(rule("v", crate::i18n::k::ERR_REQUIRED)));
    assert_eq!(count(&pool, "half").await, 0);
    assert!(timed_write(&pool, "next").await < Duration::from_millis(500));
}

#[test]
fn refusals_become_what_a_person_reads() {
    use crate::error::AppError;
    assert_eq!(AppError::from(NOT_FOUND), AppError::NotFound);
    let e = AppError::from(rule("email", crate::i18n::k::ERR_REQUIRED));
    assert_eq!(e.status(), 422);
    assert_eq!(e.messages()[0].field, "email");
    let e = AppError::from(stale(crate::i18n::k::ERR_ROADMAP_STALE));
    assert_eq!(e.messages()[0].msg.key, crate::i18n::k::ERR_ROADMAP_STALE);
    assert_eq!(
        unless_refused(Err::<(), _>(NOT_FOUND)).unwrap(),
        None,
        "a refusal is no database error"
    );
}

/// Every commit through the pool is counted (SQLite's WAL hook), after it is visible; reads
/// and rolled-back writes are not commits. Other tests commit at the same time in this process,
/// so the count is only ever checked to have moved, never to have stood still.
#[tokio::test]
async fn every_commit_is_counted_and_ends_what_a_memo_kept() {
    use super::memo::{commits, Memo};
    let (pool, _dir) = crate::testing::temp_db().await;
    table(&pool).await;
    let memo: Memo<&str, i64> = Memo::new(60, 2);

    // a plain statement (its own transaction)
    let mark = memo.mark();
    let before = commits().expect("a WAL database's commits are seen");
    sqlx::query("INSERT INTO t (v) VALUES ('a')")
        .execute(&pool)
        .await
        .unwrap();
    assert!(commits().unwrap() > before);
    // an answer read before that commit is not kept: it may be old
    memo.put("k", 1, mark, 100);
    assert_eq!(memo.get("k", 100), None);

    // kept while nothing is committed (checked only when no other test committed meanwhile)
    let mark = memo.mark();
    memo.put("k", 2, mark, 100);
    let kept = memo.get("k", 100);
    if commits() == Some(before + 1) {
        assert_eq!(kept, Some(2));
    }
    assert_eq!(memo.get("k", 160), None, "a minute at most");

    // a write transaction's commit ends it
    let mark = memo.mark();
    memo.put("k", 3, mark, 100);
    let before = commits().unwrap();
    let mut tx = begin_immediate(&pool).await.unwrap();
    sqlx::query("INSERT INTO t (v) VALUES ('b')")
        .execute(&mut *tx)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    assert!(commits().unwrap() > before);
    assert_eq!(memo.get("k", 100), None);

    // full: it starts over rather than grow
    for (i, k) in ["x", "y", "z"].into_iter().enumerate() {
        let mark = memo.mark();
        memo.put(k, i as i64, mark, 100);
    }
    assert!(memo.get("x", 100).is_none() || memo.get("z", 100).is_none());
}

/// A write with `RETURNING` outside a transaction is committed by sqlx's reset when the caller
/// stops reading (one row wanted, or the request dropped), and SQLite runs no WAL hook for
/// such a commit: `db::memo` would count it only before it is visible. So every `RETURNING`
/// in the app's code runs on a transaction's connection (`&mut *tx`, `&mut *conn`).
#[test]
fn every_returning_write_runs_in_a_transaction() {
    fn files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                files(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs")
                && !path.to_string_lossy().contains("test")
            {
                out.push(path);
            }
        }
    }
    let mut all = Vec::new();
    files(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut all,
    );
    let mut found = 0;
    let mut outside = Vec::new();
    for path in all {
        let text = std::fs::read_to_string(&path).unwrap();
        // the app's code, not its tests module at the end of the file
        let code = text.split("#[cfg(test)]").next().unwrap_or("");
        for (at, _) in code.match_indices("RETURNING") {
            let line_start = code[..at].rfind('\n').map_or(0, |i| i + 1);
            if code[line_start..at].trim_start().starts_with("//") {
                continue; // a comment about it
            }
            let rest = &code[at..];
            let Some(call) = [".fetch_", ".execute("]
                .iter()
                .filter_map(|c| rest.find(c))
                .min()
            else {
                continue;
            };
            let arg = rest[call..].split_once('(').map(|(_, a)| a.trim_start());
            found += 1;
            if !arg.is_some_and(|a| a.starts_with("&mut")) {
                let line = code[..at].lines().count();
                outside.push(format!("{}:{line}", path.display()));
            }
        }
    }
    assert!(found > 10, "the scan finds the app's RETURNING writes");
    assert!(
        outside.is_empty(),
        "RETURNING outside a transaction: {outside:?}"
    );
}
