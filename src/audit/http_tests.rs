//! The audit log through the real router: sign-ins write it (never the password), only
//! administrators read it, and the CSV opens in spreadsheet programs.
use crate::auth::Role;
use crate::testing::{as_admin, signed_up, TestApp, PASSWORD};
use axum::http::StatusCode;

#[tokio::test]
async fn sign_ins_and_failed_sign_ins_are_logged_without_the_password() {
    let mut app = TestApp::new().await;
    let aida = signed_up(&app, "aida@example.kg", "Aida", Role::Mentee).await;
    app.sign_in("aida@example.kg", "wrong password 123").await;
    app.sign_in("nobody@example.kg", "my secret password").await;
    app.sign_in("aida@example.kg", PASSWORD).await;
    type Row = (Option<i64>, String, Option<i64>, String, String);
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT actor_id, action, target_id, after, address FROM audit_log ORDER BY id",
    )
    .fetch_all(&app.pool)
    .await
    .unwrap();
    assert_eq!(rows.len(), 3);
    assert_eq!(
        (rows[0].0, rows[0].1.as_str(), rows[0].2, rows[0].3.as_str()),
        (None, "sign_in_failed", Some(aida), "wrong password")
    );
    assert_eq!(
        (rows[1].0, rows[1].1.as_str(), rows[1].2, rows[1].3.as_str()),
        (None, "sign_in_failed", None, "unknown address")
    );
    assert_eq!(
        (rows[2].0, rows[2].1.as_str(), rows[2].2),
        (Some(aida), "sign_in", Some(aida))
    );
    assert!(rows.iter().all(|r| !r.4.is_empty()), "the client's address");
    let everything: Vec<String> = sqlx::query_scalar(
        "SELECT action || target_kind || before || after || address FROM audit_log",
    )
    .fetch_all(&app.pool)
    .await
    .unwrap();
    for text in everything {
        for secret in [
            "wrong password 123",
            "my secret password",
            PASSWORD,
            "nobody@",
        ] {
            assert!(!text.contains(secret), "{text}");
        }
    }
}

#[tokio::test]
async fn only_administrators_read_the_log_and_its_csv() {
    let mut app = TestApp::new().await;
    signed_up(&app, "mentor@example.kg", "Mentor", Role::Mentor).await;
    app.as_user("mentor@example.kg").await;
    for path in [
        "/admin/audit",
        "/admin/audit.csv",
        "/admin/audit.csv?action=sign_in",
    ] {
        assert_eq!(app.get(path).await.status, StatusCode::NOT_FOUND, "{path}");
    }
    let res = app.post_fetch("/api/audit_page", &[("page", "1")]).await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    app.clear_cookies();
    assert_eq!(
        app.get("/admin/audit.csv").await.status,
        StatusCode::NOT_FOUND
    );
    let page = app.get("/admin/audit").await;
    assert!(page.body.contains("/signin") || page.status == StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn administrators_browse_filter_and_download_it() {
    let mut app = TestApp::new().await;
    let mentee = signed_up(&app, "aida@example.kg", "Айда", Role::Mentee).await;
    app.sign_in("aida@example.kg", "not her password").await;
    as_admin(&mut app).await;
    let page = app.get("/admin/audit").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Failed sign-in"), "{}", page.body);
    assert!(page.body.contains(&format!("Айда (#{mentee})")));
    let page = app
        .get("/admin/audit?action=sign_in_failed&who=%D0%B0%D0%B9%D0%B4%D0%B0")
        .await;
    assert!(page.body.contains("1 entry"), "{}", page.body);
    let page = app.get("/admin/audit?action=role_changed&who=aida").await;
    assert!(page.body.contains("No entries match these filters."));
    // hostile filters: a clear page, never an error
    for q in [
        "action=%27%3B%20DROP%20TABLE%20audit_log%3B--",
        "from=9999-99-99&to=not-a-date",
        "who=%00%FF%FE",
        "page=-5",
        "page=99999999999999999999",
        "who=%25%25%25",
    ] {
        let page = app.get(&format!("/admin/audit?{q}")).await;
        assert_eq!(page.status, StatusCode::OK, "{q}");
        let csv = app.get(&format!("/admin/audit.csv?{q}")).await;
        assert!(
            csv.status == StatusCode::OK || csv.status == StatusCode::BAD_REQUEST,
            "{q}"
        );
    }
    let csv = app
        .get("/admin/audit.csv?who=%D0%B0%D0%B9%D0%B4%D0%B0")
        .await;
    assert_eq!(csv.status, StatusCode::OK);
    assert_eq!(
        csv.headers.get("content-type").unwrap(),
        "text/csv; charset=utf-8"
    );
    assert!(csv
        .headers
        .get("content-disposition")
        .unwrap()
        .to_str()
        .unwrap()
        .contains("audit.csv"));
    assert!(csv
        .body
        .starts_with("\u{feff}id,at_utc,actor_id,actor,action"));
    assert!(csv.body.contains("sign_in_failed"));
    assert!(csv.body.contains("Айда"));
    assert!(!csv.body.contains("not her password"));
}
