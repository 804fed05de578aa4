//! The audit log against a real SQLite with the real migrations: nothing can change or delete
//! an entry, the areas write theirs in their own writes, and the filters find them.
use super::store::{self, Record};
use super::{Action, Filter, Target};
use crate::auth::Role;
use crate::testing::{account, TestApp};

async fn entries(app: &TestApp) -> Vec<(Option<i64>, String, String, Option<i64>, String)> {
    sqlx::query_as(
        "SELECT actor_id, action, target_kind, target_id, after FROM audit_log ORDER BY id",
    )
    .fetch_all(&app.pool)
    .await
    .unwrap()
}

#[tokio::test]
async fn nothing_can_change_or_delete_an_entry() {
    let app = TestApp::new().await;
    let mut conn = app.pool.acquire().await.unwrap();
    Record::new(Some(7), Action::RoleChanged, Target::Account(9))
        .change("mentee", "admin")
        .write(&mut conn, 100)
        .await
        .unwrap();
    for sql in [
        "UPDATE audit_log SET after = 'mentee'",
        "UPDATE audit_log SET at = 0 WHERE id > 0",
        "DELETE FROM audit_log",
        "DELETE FROM audit_log WHERE id = 1",
    ] {
        let err = sqlx::query(sql).execute(&mut *conn).await.unwrap_err();
        assert!(err.to_string().contains("append-only"), "{sql}: {err}");
    }
    // not even inside a transaction that then commits
    let mut tx = app.pool.begin().await.unwrap();
    assert!(sqlx::query("DELETE FROM audit_log")
        .execute(&mut *tx)
        .await
        .is_err());
    tx.commit().await.unwrap();
    let all = entries(&app).await;
    assert_eq!(
        all,
        vec![(
            Some(7),
            "role_changed".into(),
            "account".into(),
            Some(9),
            "admin".into()
        )]
    );
}

#[tokio::test]
async fn a_change_and_its_entry_commit_together_or_not_at_all() {
    let app = TestApp::new().await;
    let mut tx = app.pool.begin().await.unwrap();
    Record::new(None, Action::Import, Target::ImportBatch(1))
        .write(&mut tx, 5)
        .await
        .unwrap();
    drop(tx); // cut off before the commit
    assert!(entries(&app).await.is_empty());
}

#[tokio::test]
async fn a_mentor_review_and_a_promotion_are_audited() {
    let app = TestApp::new().await;
    let admin = crate::accounts::store::ensure_admin(&app.pool, "boss@example.kg", "Boss", "x", 1)
        .await
        .unwrap()
        .id();
    let mentor = crate::testing::mentor(&app, crate::testing::open_mentor("Asel Data")).await;
    sqlx::query("UPDATE mentor_profiles SET approval = 'pending' WHERE account_id = ?")
        .bind(mentor)
        .execute(&app.pool)
        .await
        .unwrap();
    crate::accounts::profiles::store::review_mentor(
        &app.pool,
        mentor,
        false,
        Some("No field given"),
        admin,
        None,
        10,
    )
    .await
    .unwrap();
    let all = entries(&app).await;
    assert_eq!(
        all[0],
        (
            None,
            "role_changed".into(),
            "account".into(),
            Some(admin),
            "admin".into()
        )
    );
    assert_eq!(
        all[all.len() - 1],
        (
            Some(admin),
            "mentor_reviewed".into(),
            "account".into(),
            Some(mentor),
            "rejected: No field given".into()
        )
    );
    // reviewing it again finds nothing waiting, and writes nothing
    assert!(crate::accounts::profiles::store::review_mentor(
        &app.pool, mentor, true, None, admin, None, 11
    )
    .await
    .is_err());
    assert_eq!(entries(&app).await.len(), all.len());
}

#[tokio::test]
async fn filters_find_by_action_person_in_any_case_and_day() {
    let app = TestApp::new().await;
    let aida = account(&app, "aida@example.kg", "Айда Токтосунова", Role::Mentee).await;
    let bek = account(&app, "bek@example.kg", "Bek", Role::Mentor).await;
    let day = crate::time::parse_date("2026-12-01").unwrap() * 86_400;
    let mut conn = app.pool.acquire().await.unwrap();
    for (actor, action, at) in [
        (aida, Action::SignIn, day + 10),
        (bek, Action::SignIn, day + 86_400 + 10),
        (bek, Action::SignInFailed, day + 86_400 + 20),
    ] {
        Record::new(Some(actor), action, Target::Account(actor))
            .write(&mut conn, at)
            .await
            .unwrap();
    }
    let found = |f: Filter| {
        let pool = app.pool.clone();
        async move {
            store::page(&pool, &f.query(), 1)
                .await
                .unwrap()
                .entries
                .into_iter()
                .map(|e| (e.actor_id.unwrap(), e.action))
                .collect::<Vec<_>>()
        }
    };
    let all = found(Filter::default()).await;
    assert_eq!(all.len(), 3);
    assert_eq!(all[0], (bek, "sign_in_failed".into()), "newest first");
    let who = |w: &str| Filter {
        who: w.into(),
        ..Filter::default()
    };
    assert_eq!(found(who("АЙДА")).await, vec![(aida, "sign_in".into())]);
    assert_eq!(found(who("BEK@EXAMPLE")).await.len(), 2);
    assert!(
        found(who("%")).await.is_empty(),
        "a LIKE wildcard is a letter"
    );
    assert!(found(who("nobody")).await.is_empty());
    let f = Filter {
        action: "sign_in".into(),
        from: "2026-12-02".into(),
        to: "2026-12-02".into(),
        ..Filter::default()
    };
    assert_eq!(found(f).await, vec![(bek, "sign_in".into())]);
    let f = Filter {
        to: "2026-12-01".into(),
        ..Filter::default()
    };
    assert_eq!(found(f).await, vec![(aida, "sign_in".into())]);
}

#[tokio::test]
async fn pages_hold_fifty_and_the_csv_every_entry() {
    let app = TestApp::new().await;
    let mut conn = app.pool.acquire().await.unwrap();
    for i in 0..120 {
        Record::new(None, Action::SignInFailed, Target::Nothing)
            .change("", "unknown address")
            .write(&mut conn, i)
            .await
            .unwrap();
    }
    let q = Filter::default().query();
    let third = store::page(&app.pool, &q, 3).await.unwrap();
    assert_eq!(third.total, 120);
    assert_eq!(third.entries.len(), 20);
    assert_eq!(third.entries[0].at, 19);
    assert_eq!(store::all(&app.pool, &q).await.unwrap().len(), 120);
}
