//! Her data, against a real SQLite with the real migrations and through the real router: every
//! part reads, holds hers and nobody else's, downloads are hers (or an administrator's on
//! request), audited and limited.
use crate::auth::Role;
use crate::testing::{as_admin, matched, signed_up, TestApp};
use axum::http::StatusCode;

#[tokio::test]
async fn every_part_reads_and_holds_her_data_and_nobody_elses() {
    let app = TestApp::new().await;
    let m = matched(&app).await;
    let aigerim = crate::testing::id_of(&app, "aigerim@example.kg").await;
    crate::mentoring::mentorships::store::post_message(
        &app.pool,
        m,
        aigerim,
        "Салам, эжеке!",
        false,
        10,
    )
    .await
    .unwrap();
    let other = signed_up(&app, "other@example.kg", "Other", Role::Mentee).await;
    let export = super::store::export(&app.pool, aigerim, 100)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(export.parts.len(), super::store::PARTS.len());
    let part = |name: &str| export.parts.iter().find(|p| p.name == name).unwrap();
    assert_eq!(part("account").rows[0]["email"], "aigerim@example.kg");
    assert_eq!(part("requests").rows.len(), 1);
    assert_eq!(part("mentorships").rows[0]["other_person"], "Asel Data");
    assert_eq!(part("messages").rows[0]["body"], "Салам, эжеке!");
    let json = export.json();
    assert!(!json.contains("other@example.kg"));
    assert!(!json.contains("password"), "no hash, no column named so");
    let html = export.html(crate::i18n::Locale::Ru);
    assert!(html.starts_with("<!DOCTYPE html><html lang=\"ru\">"));
    assert!(html.contains("Салам, эжеке!"));
    assert!(super::store::export(&app.pool, 999_999, 1)
        .await
        .unwrap()
        .is_none());
    let _ = other;
}

#[tokio::test]
async fn she_downloads_hers_audited_and_limited_and_nobody_elses() {
    let mut app = TestApp::new().await;
    let me = signed_up(&app, "aida@example.kg", "<b>Aida</b>", Role::Mentee).await;
    signed_up(&app, "bek@example.kg", "Bek", Role::Mentor).await;
    // signed out: sign in first
    assert_eq!(
        app.get("/account/data.json").await.status,
        StatusCode::UNAUTHORIZED
    );
    app.as_user("aida@example.kg").await;
    let page = app.get("/account/data").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("href=\"/account/data.json\""));
    assert!(!page.body.contains("on her written request"), "not for her");
    let json = app.get("/account/data.json").await;
    assert_eq!(json.status, StatusCode::OK);
    assert!(json.headers["content-disposition"]
        .to_str()
        .unwrap()
        .contains("my-data.json"));
    let value: serde_json::Value = serde_json::from_str(&json.body).unwrap();
    assert_eq!(value["account_id"], me);
    let html = app.get("/account/data.html").await;
    assert!(html.body.contains("&lt;b&gt;Aida&lt;/b&gt;"), "escaped");
    assert!(!html.body.contains("<b>Aida</b>"));
    // someone else's, by address, is not hers to take
    let other = app.get("/account/data.json?email=bek@example.kg").await;
    assert_eq!(other.status, StatusCode::NOT_FOUND);
    for bad in [
        "/account/data.xml",
        "/account/..%2Fdata.json",
        "/account/data.json?email=%00",
    ] {
        assert!(app.get(bad).await.status.is_client_error(), "{bad}");
    }
    let audited: Vec<(Option<i64>, Option<i64>, String)> = sqlx::query_as(
        "SELECT actor_id, target_id, after FROM audit_log WHERE action = 'data_export' ORDER BY id",
    )
    .fetch_all(&app.pool)
    .await
    .unwrap();
    assert_eq!(
        audited,
        vec![
            (Some(me), Some(me), "json".into()),
            (Some(me), Some(me), "html".into())
        ]
    );
    // ten an hour
    for _ in 0..8 {
        assert_eq!(app.get("/account/data.json").await.status, StatusCode::OK);
    }
    assert_eq!(
        app.get("/account/data.json").await.status,
        StatusCode::TOO_MANY_REQUESTS
    );
}

#[tokio::test]
async fn an_administrator_downloads_a_persons_data_on_request() {
    let mut app = TestApp::new().await;
    let bek = signed_up(&app, "bek@example.kg", "Bek", Role::Mentor).await;
    let admin = as_admin(&mut app).await;
    let page = app.get("/account/data").await;
    assert!(page.body.contains("on her written request"));
    let html = app.get("/account/data.html?email=BEK@example.kg").await;
    assert_eq!(html.status, StatusCode::OK);
    assert!(html.body.contains("bek@example.kg"));
    assert_eq!(
        app.get("/account/data.html?email=nobody@example.kg")
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    let audited: (Option<i64>, Option<i64>, String) = sqlx::query_as(
        "SELECT actor_id, target_id, after FROM audit_log WHERE action = 'data_export'",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(
        audited,
        (
            Some(admin),
            Some(bek),
            "html, on her written request".into()
        )
    );
}
