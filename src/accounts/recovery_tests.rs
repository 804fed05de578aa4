//! Forgotten and changed passwords, signing out everywhere, and sessions that end unused,
//! through the real router and a real SQLite with the real migrations.
use crate::auth::{Role, SESSION_COOKIE};
use crate::testing::{as_admin, signed_up, TestApp, PASSWORD};
use axum::http::StatusCode;

const NEW_PASSWORD: &str = "a brand new passphrase";

/// The newest reset link emailed to `to`, if any.
async fn reset_link(app: &TestApp, to: &str) -> Option<String> {
    sqlx::query_scalar(
        "SELECT link FROM email_outbox WHERE to_address = ? AND link LIKE '/reset?token=%' \
         ORDER BY id DESC LIMIT 1",
    )
    .bind(to)
    .fetch_optional(&app.pool)
    .await
    .unwrap()
}

async fn emails_to(app: &TestApp, to: &str) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM email_outbox WHERE to_address = ?")
        .bind(to)
        .fetch_one(&app.pool)
        .await
        .unwrap()
}

#[tokio::test]
async fn a_reset_link_works_once_and_ends_every_other_session() {
    let mut app = TestApp::new().await;
    signed_up(&app, "aida@example.kg", "Aida", Role::Mentee).await;
    // her phone is signed in
    app.sign_in("aida@example.kg", PASSWORD).await;
    let phone = app.cookie(SESSION_COOKIE).unwrap().to_string();
    app.clear_cookies();

    // asking for an address with an account and for one without look the same
    let known = app
        .post_form("/api/request_reset", &[("email", " Aida@Example.kg ")])
        .await;
    let unknown = app
        .post_form("/api/request_reset", &[("email", "nobody@example.kg")])
        .await;
    assert_eq!(known.status, StatusCode::FOUND);
    assert_eq!(
        (known.status, known.location()),
        (unknown.status, unknown.location())
    );
    assert_eq!(emails_to(&app, "nobody@example.kg").await, 0);
    let link = reset_link(&app, "aida@example.kg").await.expect("a link");
    let token = link.trim_start_matches("/reset?token=").to_string();
    // the token is stored hashed
    let stored: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM password_resets WHERE token_hash = ?")
            .bind(&token)
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(stored, 0);

    let page = app.get(&link).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains(&format!("value=\"{token}\"")));
    let done = app
        .post_form(
            "/api/reset_password",
            &[("token", &token), ("password", NEW_PASSWORD)],
        )
        .await;
    assert_eq!(done.location(), Some("/account"));
    assert_eq!(app.get("/account").await.status, StatusCode::OK);

    // the phone's session is over; the old password no longer works, the new one does
    let here = app.cookie(SESSION_COOKIE).unwrap().to_string();
    app.set_cookie(SESSION_COOKIE, &phone);
    assert_eq!(app.get("/account").await.location(), Some("/signin"));
    app.set_cookie(SESSION_COOKIE, &here);
    assert_eq!(app.get("/account").await.status, StatusCode::OK);
    app.clear_cookies();
    assert_eq!(
        app.post_fetch(
            "/api/sign_in",
            &[("email", "aida@example.kg"), ("password", PASSWORD)]
        )
        .await
        .status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        app.sign_in("aida@example.kg", NEW_PASSWORD)
            .await
            .location(),
        Some("/account")
    );

    // the link works once
    app.clear_cookies();
    let again = app
        .post_fetch(
            "/api/reset_password",
            &[("token", &token), ("password", "yet another passphrase")],
        )
        .await;
    assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(again.body.contains("reset.link_failed"), "{}", again.body);
    assert_eq!(
        app.sign_in("aida@example.kg", NEW_PASSWORD)
            .await
            .location(),
        Some("/account")
    );

    // administrators read the email in the outbox without its secret
    as_admin(&mut app).await;
    let outbox = app.get("/admin/outbox").await;
    assert!(outbox.body.contains("/reset?token=…"), "{}", outbox.body);
    assert!(!outbox.body.contains(&token));
}

#[tokio::test]
async fn an_expired_or_made_up_link_changes_nothing() {
    let mut app = TestApp::new().await;
    signed_up(&app, "aida@example.kg", "Aida", Role::Mentee).await;
    app.post_form("/api/request_reset", &[("email", "aida@example.kg")])
        .await;
    let link = reset_link(&app, "aida@example.kg").await.unwrap();
    let token = link.trim_start_matches("/reset?token=").to_string();
    sqlx::query("UPDATE password_resets SET expires_at = expires_at - 3601")
        .execute(&app.pool)
        .await
        .unwrap();
    for t in [
        token.as_str(),
        "made-up",
        "",
        "\u{202E}x\n",
        &"x".repeat(10_000),
    ] {
        let res = app
            .post_fetch(
                "/api/reset_password",
                &[("token", t), ("password", NEW_PASSWORD)],
            )
            .await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{t:?}");
        assert!(app.cookie(SESSION_COOKIE).is_none());
    }
    assert_eq!(
        app.sign_in("aida@example.kg", PASSWORD).await.location(),
        Some("/account")
    );
    // a short new password is refused on its field before the link is even looked at
    let short = app
        .post_fetch(
            "/api/reset_password",
            &[("token", &token), ("password", "short")],
        )
        .await;
    assert!(short.body.contains("err.password_short"), "{}", short.body);
    // without a token the page says where it comes from
    let page = app.get("/reset").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("href=\"/forgot\""));
}

#[tokio::test]
async fn reset_emails_are_limited_per_address_asked_for_and_per_asker() {
    let mut app = TestApp::new().await;
    signed_up(&app, "aida@example.kg", "Aida", Role::Mentee).await;
    for _ in 0..5 {
        let res = app
            .post_form("/api/request_reset", &[("email", "aida@example.kg")])
            .await;
        assert_eq!(res.location(), Some("/signin"));
    }
    // three links an hour reach her inbox; the answer never changed
    assert_eq!(emails_to(&app, "aida@example.kg").await, 3);
    // one asker (address) gets thirty tries an hour, whatever the addresses
    for i in 0..25 {
        app.post_form(
            "/api/request_reset",
            &[("email", &format!("x{i}@example.kg"))],
        )
        .await;
    }
    let refused = app
        .post_fetch("/api/request_reset", &[("email", "aida@example.kg")])
        .await;
    assert_eq!(refused.status, StatusCode::TOO_MANY_REQUESTS);
    // a bad address is refused on its field
    app.clear_cookies();
    let bad = TestApp::new()
        .await
        .post_fetch("/api/request_reset", &[("email", "not an email")])
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn changing_the_password_needs_the_current_one_and_ends_other_sessions() {
    let mut app = TestApp::new().await;
    signed_up(&app, "aida@example.kg", "Aida", Role::Mentee).await;
    app.sign_in("aida@example.kg", PASSWORD).await;
    let laptop = app.cookie(SESSION_COOKIE).unwrap().to_string();
    app.clear_cookies();
    app.sign_in("aida@example.kg", PASSWORD).await;
    let phone = app.cookie(SESSION_COOKIE).unwrap().to_string();

    let wrong = app
        .post_fetch(
            "/api/change_password",
            &[
                ("current_password", "not my password"),
                ("password", NEW_PASSWORD),
            ],
        )
        .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        wrong.body.contains("err.current_password"),
        "{}",
        wrong.body
    );
    let done = app
        .post_form(
            "/api/change_password",
            &[("current_password", PASSWORD), ("password", NEW_PASSWORD)],
        )
        .await;
    assert_eq!(done.location(), Some("/account"));
    // she stays signed in on the phone, with a new session (a copy of the old cookie is worth
    // nothing); the laptop is signed out
    assert_eq!(app.get("/account").await.status, StatusCode::OK);
    let renewed = app.cookie(SESSION_COOKIE).unwrap().to_string();
    assert_ne!(renewed, phone);
    for old in [&laptop, &phone] {
        app.set_cookie(SESSION_COOKIE, old);
        assert_eq!(app.get("/account").await.location(), Some("/signin"));
    }
    app.clear_cookies();
    assert_eq!(
        app.sign_in("aida@example.kg", NEW_PASSWORD)
            .await
            .location(),
        Some("/account")
    );

    // five wrong current passwords, then a wait (even for the right one)
    for _ in 0..5 {
        app.post_fetch(
            "/api/change_password",
            &[
                ("current_password", "guess guess guess"),
                ("password", NEW_PASSWORD),
            ],
        )
        .await;
    }
    let waits = app
        .post_fetch(
            "/api/change_password",
            &[("current_password", NEW_PASSWORD), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(waits.status, StatusCode::TOO_MANY_REQUESTS);
    // signed out, nobody can change a password
    app.clear_cookies();
    let anon = app
        .post_fetch(
            "/api/change_password",
            &[("current_password", NEW_PASSWORD), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(anon.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn signing_out_everywhere_ends_every_session() {
    let mut app = TestApp::new().await;
    signed_up(&app, "aida@example.kg", "Aida", Role::Mentee).await;
    app.sign_in("aida@example.kg", PASSWORD).await;
    let laptop = app.cookie(SESSION_COOKIE).unwrap().to_string();
    app.clear_cookies();
    app.sign_in("aida@example.kg", PASSWORD).await;
    let page = app.get("/account").await;
    assert!(page.body.contains("/api/sign_out_everywhere"));
    let done = app.post_form("/api/sign_out_everywhere", &[]).await;
    assert_eq!(done.location(), Some("/signin"));
    assert!(app.cookie(SESSION_COOKIE).is_none());
    app.set_cookie(SESSION_COOKIE, &laptop);
    assert_eq!(app.get("/account").await.location(), Some("/signin"));
    let left: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM sessions")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(left, 0);
}

#[tokio::test]
async fn sessions_end_unused_after_14_days_and_an_administrators_after_12_hours() {
    let mut app = TestApp::new().await;
    signed_up(&app, "aida@example.kg", "Aida", Role::Mentee).await;
    app.sign_in("aida@example.kg", PASSWORD).await;
    let now = crate::db::now();
    let idle = |secs: i64| sqlx::query("UPDATE sessions SET last_used_at = ?").bind(now - secs);
    // 13 hours away: still in, and the visit is noted
    idle(13 * 3600).execute(&app.pool).await.unwrap();
    assert_eq!(app.get("/account").await.status, StatusCode::OK);
    let used: i64 = sqlx::query_scalar("SELECT last_used_at FROM sessions")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert!(used >= now);
    // 14 days away: out
    idle(14 * 86_400 + 1).execute(&app.pool).await.unwrap();
    assert_eq!(app.get("/account").await.location(), Some("/signin"));

    as_admin(&mut app).await;
    let admin_idle = |secs: i64| {
        sqlx::query(
            "UPDATE sessions SET last_used_at = ? \
             WHERE account_id IN (SELECT id FROM accounts WHERE role = 'admin')",
        )
        .bind(now - secs)
    };
    admin_idle(11 * 3600).execute(&app.pool).await.unwrap();
    assert_eq!(app.get("/admin/outbox").await.status, StatusCode::OK);
    admin_idle(12 * 3600 + 1).execute(&app.pool).await.unwrap();
    assert_eq!(app.get("/account").await.location(), Some("/signin"));
    // the hourly upkeep deletes both
    let removed = crate::auth::store::delete_expired_sessions(&app.pool, crate::db::now())
        .await
        .unwrap();
    assert_eq!(removed, 2);
}

#[tokio::test]
async fn confirmation_links_are_sent_again_three_times_an_hour() {
    let mut app = TestApp::new().await;
    app.sign_up("aida@example.kg", "Aida", "mentee").await;
    for _ in 0..3 {
        let res = app.post_fetch("/api/resend_confirmation", &[]).await;
        assert!(
            res.status.is_success() || res.status.is_redirection(),
            "{}",
            res.status
        );
    }
    let refused = app.post_fetch("/api/resend_confirmation", &[]).await;
    assert_eq!(refused.status, StatusCode::TOO_MANY_REQUESTS);
    // the one at sign-up and three more
    assert_eq!(emails_to(&app, "aida@example.kg").await, 4);
}
