//! The learned fit score against a real SQLite with the real migrations: which past pairs count
//! as good, training, the versions, putting one in use and going back, and who may do it.
use super::store;
use crate::db::{StoreError, NOT_FOUND};
use crate::i18n::k;
use crate::mentoring::requests::{store as rs, DeclineReason, Event};
use crate::testing::{as_admin, mentor, open_mentor, NewMentor, TestApp};
use axum::http::StatusCode;

/// A mentee with a profile wanting `skill`, speaking Kyrgyz, in Naryn.
async fn mentee(app: &TestApp, name: &str, skill: i64) -> i64 {
    crate::testing::mentee_with_profile(app, name, "naryn", skill).await
}

/// The active version's weights as stored (`None`: the hand-set ones are in use).
async fn stored_weights(app: &TestApp) -> Option<String> {
    sqlx::query_scalar(&format!(
        "SELECT {}",
        crate::matching::store::ACTIVE_WEIGHTS
    ))
    .fetch_one(&app.pool)
    .await
    .unwrap()
}

fn refused(e: StoreError) -> crate::i18n::Key {
    match e {
        StoreError::Refused(crate::db::Refusal::Rule { key, .. }) => key,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[tokio::test]
async fn past_pairs_count_as_good_or_not() {
    let app = TestApp::new().await;
    let asel = mentor(&app, open_mentor("Asel Data")).await;
    sqlx::query("UPDATE mentor_profiles SET capacity = 5 WHERE account_id = ?")
        .bind(asel)
        .execute(&app.pool)
        .await
        .unwrap();
    let [a, b, c, d] = [
        mentee(&app, "Aida", 102).await,
        mentee(&app, "Bakyt", 102).await,
        mentee(&app, "Cholpon", 102).await,
        mentee(&app, "Dinara", 102).await,
    ];
    // Aida accepted; Bakyt declined; Cholpon accepted then cancelled after a week; Dinara's
    // request expired
    let day = 86_400;
    let r = rs::send(&app.pool, a, asel, "hi", "x", day).await.unwrap();
    rs::act(&app.pool, r, asel, Event::Accept, None, None, day)
        .await
        .unwrap();
    let r = rs::send(&app.pool, b, asel, "hi", "x", day).await.unwrap();
    rs::act(
        &app.pool,
        r,
        asel,
        Event::Decline,
        Some(DeclineReason::NoTime),
        None,
        day,
    )
    .await
    .unwrap();
    let r = rs::send(&app.pool, c, asel, "hi", "x", day).await.unwrap();
    rs::act(&app.pool, r, asel, Event::Accept, None, None, day)
        .await
        .unwrap();
    sqlx::query(
        "UPDATE mentorships SET state = 'cancelled', ended_at = started_at + 7 * 86400 WHERE mentee_id = ?",
    )
    .bind(c)
    .execute(&app.pool)
    .await
    .unwrap();
    rs::send(&app.pool, d, asel, "hi", "x", day).await.unwrap();
    rs::expire_stale(&app.pool, 30 * day).await.unwrap();
    let got: Vec<(i64, bool)> = store::outcomes(&mut app.pool.acquire().await.unwrap(), 100 * day)
        .await
        .unwrap()
        .into_iter()
        .map(|o| (o.mentee_id, o.good))
        .collect();
    assert_eq!(got, vec![(a, true), (b, false), (c, false), (d, false)]);
    // a mentorship younger than 60 days does not count yet
    let young: Vec<i64> = store::outcomes(&mut app.pool.acquire().await.unwrap(), 10 * day)
        .await
        .unwrap()
        .iter()
        .map(|o| o.mentee_id)
        .collect();
    assert_eq!(young, vec![b, c, d]);
    // all four are usable (profiles, an approved mentor)
    assert_eq!(store::counts(&app.pool, 100 * day).await.unwrap(), (1, 3));
    // a mentorship the mentee rated 1-2 did not work out
    let ms: i64 = sqlx::query_scalar("SELECT id FROM mentorships WHERE mentee_id = ?")
        .bind(a)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    sqlx::query(
        "INSERT INTO mentorship_ratings (mentorship_id, rater_id, rating, comment, created_at) VALUES (?, ?, 2, '', 1)",
    )
    .bind(ms)
    .bind(a)
    .execute(&app.pool)
    .await
    .unwrap();
    let good = store::outcomes(&mut app.pool.acquire().await.unwrap(), 100 * day)
        .await
        .unwrap()
        .iter()
        .filter(|o| o.good)
        .count();
    assert_eq!(good, 0);
    // a suspended mentee's pairs do not count
    sqlx::query("UPDATE accounts SET suspended_at = 1 WHERE id = ?")
        .bind(b)
        .execute(&app.pool)
        .await
        .unwrap();
    assert_eq!(
        store::outcomes(&mut app.pool.acquire().await.unwrap(), 100 * day)
            .await
            .unwrap()
            .len(),
        3
    );
}

/// Forty mentees who want structural engineering: the four engineers accept most of them, the
/// two data scientists decline them all. The model learns that the skills criterion is what matters.
#[tokio::test]
async fn a_version_is_trained_put_in_use_and_rolled_back() {
    let mut app = TestApp::new().await;
    let admin = as_admin(&mut app).await;
    let mut engineers = Vec::new();
    for name in ["Eng One", "Eng Two", "Eng Three", "Eng Four"] {
        let id = mentor(
            &app,
            NewMentor {
                skills: &[401],
                bio: "I design bridges and building structures.",
                ..open_mentor(name)
            },
        )
        .await;
        engineers.push(id);
    }
    let mut data = Vec::new();
    for name in ["Data One", "Data Two"] {
        data.push(mentor(&app, open_mentor(name)).await);
    }
    for id in engineers.iter().chain(&data) {
        sqlx::query("UPDATE mentor_profiles SET capacity = 10 WHERE account_id = ?")
            .bind(id)
            .execute(&app.pool)
            .await
            .unwrap();
    }
    // too few outcomes yet
    let later = 100 * 86_400;
    let few = store::train(&app.pool, Some(admin), later)
        .await
        .unwrap_err();
    assert_eq!(refused(few), k::MODEL_TOO_FEW);
    for i in 0..40 {
        let e = mentee(&app, &format!("Mentee{i}"), 401).await;
        rs::allow_mentors(&app.pool, e, 2).await.unwrap();
        let (accepting, declining) = (engineers[i % 4], data[i % 2]);
        let r = rs::send(&app.pool, e, declining, "hi", "x", 5)
            .await
            .unwrap();
        rs::act(
            &app.pool,
            r,
            declining,
            Event::Decline,
            Some(DeclineReason::OutsideExpertise),
            None,
            6,
        )
        .await
        .unwrap();
        if i % 4 != 3 {
            let r = rs::send(&app.pool, e, accepting, "hi", "x", 5)
                .await
                .unwrap();
            rs::act(&app.pool, r, accepting, Event::Accept, None, None, 6)
                .await
                .unwrap();
        }
    }
    let (id, _) = store::train(&app.pool, Some(admin), later).await.unwrap();
    let versions = store::versions(&app.pool, 10).await.unwrap();
    assert_eq!(versions.len(), 1);
    let v = &versions[0];
    assert_eq!(v.id, id);
    assert!(!v.active, "trained, not yet in use");
    assert_eq!(v.positives + v.negatives + v.held_out, 70);
    assert!(v.held_out > 0);
    let sum: f64 = v.weights.iter().sum();
    assert!((sum - 100.0).abs() < 1e-6, "{:?}", v.weights);
    // what told the pairs apart: the shared skill (and, where the words differ, the
    // profile's words); nothing else did
    assert!(
        v.weights[0] > 30.0 && v.weights[0] + v.weights[5] > 85.0,
        "{:?}",
        v.weights
    );
    assert!(v.auc.unwrap() > 0.9, "{v:?}");
    assert_eq!(
        v.weights[crate::matching::AVAILABILITY],
        10.0,
        "availability keeps its points"
    );

    // in use: discovery reads its weights; back to hand-set
    store::activate(&app.pool, Some(id), store::Chooser::Admin(admin), 11)
        .await
        .unwrap();
    let stored = stored_weights(&app).await;
    assert_eq!(
        crate::matching::store::weights_from(stored.as_deref()).0,
        v.weights
    );
    assert!(store::versions(&app.pool, 10).await.unwrap()[0].active);
    assert_eq!(
        store::activate(&app.pool, Some(id + 99), store::Chooser::Admin(admin), 11).await,
        Err(NOT_FOUND)
    );
    store::activate(&app.pool, None, store::Chooser::Admin(admin), 12)
        .await
        .unwrap();
    let stored = stored_weights(&app).await;
    assert_eq!(stored, None, "hand-set weights");
    assert_eq!(
        crate::matching::store::weights_from(None),
        crate::matching::Weights::HAND_SET
    );
    // the nightly run trains again, but an administrator chose: what is in use stays, and
    // it cannot put a version in use even past its own checks
    assert_eq!(store::nightly(&app.pool, later).await.unwrap(), None);
    assert_eq!(
        store::activate(&app.pool, Some(id), store::Chooser::Nightly, 21).await,
        Err(NOT_FOUND)
    );
    assert_eq!(store::versions(&app.pool, 10).await.unwrap().len(), 2);
    assert_eq!(store::active(&app.pool).await.unwrap(), None);

    // through the router: a page for administrators, 404 for anyone else
    let page = app.get("/admin/matching").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Learned ranking") && page.body.contains("Version"));
    let res = app
        .post_form("/api/matching_activate", &[("model_id", "")])
        .await;
    assert_eq!(res.location(), Some("/admin/matching"));
    crate::testing::with_password(
        &app,
        crate::testing::id_of(&app, "mentee0@example.kg").await,
    )
    .await;
    app.as_user("mentee0@example.kg").await;
    for (path, fields) in [
        ("/api/matching_train", vec![]),
        ("/api/matching_activate", vec![("model_id", "1")]),
        ("/api/matching_models", vec![]),
    ] {
        let res = app.post_fetch(path, &fields).await;
        assert_eq!(res.status, StatusCode::NOT_FOUND, "{path}");
    }
    assert_eq!(store::versions(&app.pool, 10).await.unwrap().len(), 2);
}
