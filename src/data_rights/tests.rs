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
    let audited = audited(&app, "data_export").await;
    assert_eq!(
        audited,
        (
            Some(admin),
            Some(bek),
            "html, on her written request".into()
        )
    );
}

/// 2026-12-01 00:00 UTC
const NOW: i64 = 20_788 * 86_400;

/// The one audit entry of `action`: who, about whom, what after.
async fn audited(app: &TestApp, action: &str) -> (Option<i64>, Option<i64>, String) {
    sqlx::query_as("SELECT actor_id, target_id, after FROM audit_log WHERE action = ?")
        .bind(action)
        .fetch_one(&app.pool)
        .await
        .unwrap()
}

async fn scalar(app: &TestApp, sql: &str, id: i64) -> i64 {
    sqlx::query_scalar(sql)
        .bind(id)
        .fetch_one(&app.pool)
        .await
        .unwrap()
}

#[tokio::test]
async fn deleting_her_account_erases_her_ends_her_mentorships_and_frees_her_lecture_place() {
    use crate::learning::lectures::{self as l, store as lectures};
    let app = TestApp::new().await;
    let m = matched(&app).await;
    let aigerim = crate::testing::id_of(&app, "aigerim@example.kg").await;
    let asel = crate::testing::id_of(&app, "asel.data@example.kg").await;
    crate::mentoring::mentorships::store::post_message(&app.pool, m, aigerim, "Рахмат!", false, 10)
        .await
        .unwrap();
    // words still waiting for a safety check (a phone number)
    crate::mentoring::mentorships::store::post_message(
        &app.pool,
        m,
        aigerim,
        "call me on +996 555 123 456",
        true,
        11,
    )
    .await
    .unwrap();
    // an open request to another mentor, a session, a full lecture with someone waiting
    let other_mentor = crate::testing::mentor(&app, crate::testing::open_mentor("Bermet Ai")).await;
    sqlx::query("UPDATE accounts SET mentors_allowed = 2 WHERE id = ?")
        .bind(aigerim)
        .execute(&app.pool)
        .await
        .unwrap();
    crate::mentoring::requests::store::send(&app.pool, aigerim, other_mentor, "hi", "x", 20)
        .await
        .unwrap();
    let admin = crate::testing::account(&app, "admin@l.kg", "Admin", Role::Admin).await;
    let input = lectures::LectureInput {
        title: "Leadership in STEM".into(),
        topic: l::Topic::Leadership,
        speaker: "Dr. Aizada Sadykova".into(),
        description: "How to lead a lab team.".into(),
        language: crate::i18n::Locale::Ru,
        starts_at: NOW + 86_400,
        minutes: 90,
        capacity: 1,
        online_link: "https://meet.example.org/leadership".into(),
        materials: l::parse_materials("").unwrap(),
    };
    let by = lectures::Manager {
        id: admin,
        admin: true,
    };
    let lecture = lectures::save(&app.pool, by, None, &input, NOW)
        .await
        .unwrap();
    let waiting = signed_up(&app, "waits@example.kg", "Waits", Role::Mentee).await;
    lectures::register(&app.pool, lecture, aigerim, true, NOW)
        .await
        .unwrap();
    lectures::register(&app.pool, lecture, waiting, true, NOW)
        .await
        .unwrap();
    // an administrator's account is not deleted this way
    assert_eq!(
        crate::testing::rule_key(
            super::store::erase(&app.pool, admin, admin, "", NOW)
                .await
                .unwrap_err()
        ),
        crate::i18n::k::DATA_ERR_ADMIN
    );

    super::store::erase(&app.pool, aigerim, aigerim, "", NOW)
        .await
        .unwrap();

    let (email, name, deleted): (String, String, Option<i64>) =
        sqlx::query_as("SELECT email, display_name, deleted_at FROM accounts WHERE id = ?")
            .bind(aigerim)
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(email, format!("deleted-{aigerim}@deleted.invalid"));
    assert_eq!(name, crate::safeguard::DELETED);
    assert_eq!(deleted, Some(NOW));
    assert!(
        crate::accounts::store::credentials(&app.pool, "aigerim@example.kg")
            .await
            .unwrap()
            .is_none()
    );
    assert_eq!(
        scalar(
            &app,
            "SELECT COUNT(*) FROM sessions WHERE account_id = ?",
            aigerim
        )
        .await,
        0
    );
    // the mentorship ended, recorded as hers, and her mentor was told
    let state: String = sqlx::query_scalar("SELECT state FROM mentorships WHERE id = ?")
        .bind(m)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(state, "cancelled");
    assert_eq!(
        scalar(
            &app,
            "SELECT COUNT(*) FROM notifications WHERE account_id = ? AND kind = 'mentorship_account_deleted'",
            asel
        )
        .await,
        1
    );
    // her message stays for her mentor, the held one is never delivered; her open request is
    // withdrawn with its words; no email to her stays
    assert_eq!(
        scalar(
            &app,
            "SELECT COUNT(*) FROM messages WHERE sender_id = ? AND status = 'delivered'",
            aigerim
        )
        .await,
        1
    );
    assert_eq!(
        scalar(
            &app,
            "SELECT COUNT(*) FROM messages WHERE sender_id = ? AND status = 'rejected'",
            aigerim
        )
        .await,
        1
    );
    assert_eq!(
        scalar(
            &app,
            "SELECT COUNT(*) FROM mentorship_requests WHERE mentee_id = ? AND message <> ''",
            aigerim
        )
        .await,
        1,
        "only the request that began the mentorship keeps its words"
    );
    assert_eq!(
        scalar(
            &app,
            "SELECT COUNT(*) FROM email_outbox WHERE account_id = ?",
            aigerim
        )
        .await,
        0
    );
    assert_eq!(
        scalar(
            &app,
            "SELECT COUNT(*) FROM mentorship_requests WHERE mentee_id = ? AND state = 'withdrawn'",
            aigerim
        )
        .await,
        1
    );
    // her place went to the person waiting
    assert_eq!(
        scalar(
            &app,
            "SELECT COUNT(*) FROM lecture_registrations WHERE account_id = ? AND status = 'registered'",
            waiting
        )
        .await,
        1
    );
    let audited: (Option<i64>, String, String) = sqlx::query_as(
        "SELECT actor_id, before, after FROM audit_log WHERE action = 'account_deleted' AND target_id = ?",
    )
    .bind(aigerim)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(
        audited,
        (Some(aigerim), "mentee".into(), "at her own wish".into())
    );
    // once only; nothing to download afterwards
    assert_eq!(
        super::store::erase(&app.pool, aigerim, aigerim, "", NOW + 1)
            .await
            .unwrap_err(),
        crate::db::NOT_FOUND
    );
    assert!(super::store::export(&app.pool, aigerim, NOW)
        .await
        .unwrap()
        .is_none());
}

#[tokio::test]
async fn her_votes_stay_counted_without_her() {
    use crate::awards::store as awards;
    let app = TestApp::new().await;
    let fx = crate::awards::store_tests::fixture(&app).await;
    let (a, _) = crate::awards::store_tests::to_voting(&app, &fx).await;
    let voter = crate::testing::account(&app, "voter@award.kg", "Voter", Role::Mentee).await;
    awards::cast_vote(&app.pool, fx.cats[0], a, voter, NOW)
        .await
        .unwrap();
    super::store::erase(&app.pool, voter, voter, "", NOW)
        .await
        .unwrap();
    assert_eq!(awards::count_votes(&app.pool, a).await.unwrap(), 1);
    let name: String = sqlx::query_scalar(
        "SELECT a.display_name FROM award_votes v JOIN accounts a ON a.id = v.voter_id",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(name, crate::safeguard::DELETED);
    // a nominee who leaves before the results is out of the award; the votes stay
    super::store::erase(&app.pool, fx.mentor_a, fx.mentor_a, "", NOW)
        .await
        .unwrap();
    let (status, finalist): (String, bool) =
        sqlx::query_as("SELECT status, finalist FROM award_nominations WHERE id = ?")
            .bind(a)
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!((status.as_str(), finalist), ("declined", false));
    assert_eq!(awards::count_votes(&app.pool, a).await.unwrap(), 1);
    // nobody can call herself by the marker
    assert!(crate::accounts::normalize_name(crate::safeguard::DELETED).is_err());
    let mut c = crate::form::Checker::default();
    c.text("body", crate::safeguard::HIDDEN, 100, false);
    assert!(c.finish(Some(())).is_err());
}

#[tokio::test]
async fn she_deletes_with_her_password_and_her_mentor_reads_deleted_account() {
    let mut app = TestApp::new().await;
    let m = matched(&app).await;
    let aigerim = crate::testing::id_of(&app, "aigerim@example.kg").await;
    crate::mentoring::mentorships::store::post_message(&app.pool, m, aigerim, "Рахмат!", false, 10)
        .await
        .unwrap();
    app.as_user("aigerim@example.kg").await;
    let page = app.get("/account/data").await;
    assert!(page.body.contains("action=\"/api/delete_my_account\""));
    // without it, or with a wrong one: a clear message, nothing changes
    for wrong in ["", "not her password"] {
        let res = app
            .post_fetch("/api/delete_my_account", &[("password", wrong)])
            .await;
        assert!(res.body.contains("password"), "{wrong}: {}", res.body);
        assert_eq!(
            scalar(
                &app,
                "SELECT COUNT(*) FROM accounts WHERE id = ? AND deleted_at IS NULL",
                aigerim
            )
            .await,
            1
        );
    }
    // a mentee cannot use the administrators' form
    let refused = app
        .post_form(
            "/api/delete_account_on_request",
            &[("email", "asel.data@example.kg"), ("request", "letter")],
        )
        .await;
    assert_eq!(refused.status, StatusCode::NOT_FOUND);
    let res = app
        .post_form(
            "/api/delete_my_account",
            &[("password", crate::testing::PASSWORD)],
        )
        .await;
    assert_eq!(res.status, StatusCode::FOUND);
    assert_eq!(res.location(), Some("/"));
    assert!(res.set_cookies().iter().any(|c| c.contains("Max-Age=0")));
    // her old cookie opens nothing
    assert_eq!(
        app.get("/account/data.json").await.status,
        StatusCode::UNAUTHORIZED
    );
    app.as_user("asel.data@example.kg").await;
    let page = app.get(&format!("/mentorships/{m}")).await;
    assert!(page.body.contains("Deleted account"), "{}", page.body);
    assert!(page.body.contains("Рахмат!"));
    assert!(!page.body.contains("Aigerim"));
    assert!(!page.body.contains('\u{FFFC}'));
    let inbox = app.get("/notifications").await;
    assert!(inbox.body.contains("deleted their account"));
}

#[tokio::test]
async fn an_administrator_deletes_on_a_written_request_named_in_the_audit_log() {
    let mut app = TestApp::new().await;
    let bek = signed_up(&app, "bek@example.kg", "Bek", Role::Mentor).await;
    let admin = as_admin(&mut app).await;
    let page = app.get("/account/data").await;
    assert!(page
        .body
        .contains("action=\"/api/delete_account_on_request\""));
    assert!(!page.body.contains("action=\"/api/delete_my_account\""));
    // no request named, an unknown address, an administrator: refused, nothing changes
    for (email, request) in [
        ("bek@example.kg", ""),
        ("nobody@example.kg", "Letter of 1 December"),
        (crate::testing::ADMIN, "Letter of 1 December"),
    ] {
        let res = app
            .post_fetch(
                "/api/delete_account_on_request",
                &[("email", email), ("request", request)],
            )
            .await;
        assert!(
            res.status.is_client_error() || res.body.contains("err"),
            "{email}: {}",
            res.body
        );
    }
    assert_eq!(
        scalar(
            &app,
            "SELECT COUNT(*) FROM accounts WHERE deleted_at IS NOT NULL AND id > ?",
            0
        )
        .await,
        0
    );
    let res = app
        .post_form(
            "/api/delete_account_on_request",
            &[
                ("email", "BEK@example.kg"),
                ("request", "Letter of 1 December, by email"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::FOUND);
    let audited = audited(&app, "account_deleted").await;
    assert_eq!(
        audited,
        (
            Some(admin),
            Some(bek),
            "on her written request: Letter of 1 December, by email".into()
        )
    );
    let log = app.get("/admin/audit").await;
    assert!(log.body.contains("Deleted account"));
    // the CSV names her the same way, never by the stored marker
    let csv = app.get("/admin/audit.csv?action=account_deleted").await;
    assert!(csv.body.contains("Deleted account"), "{}", csv.body);
    assert!(!csv.body.contains(crate::safeguard::DELETED));
}
