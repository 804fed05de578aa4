//! Signing out and the language switch (`auth::api`, posted from every page's header) end to
//! end through the real router and a real SQLite with the real migrations. Signing in (whose
//! test also signs out, to see the session forgotten) and the forgery checks on these posts are
//! tested with the accounts (`accounts/http_tests.rs`).
use crate::auth::LOCALE_COOKIE;
use crate::testing::TestApp;
use axum::http::StatusCode;

#[tokio::test]
async fn sign_out_needs_a_session() {
    let mut app = TestApp::new().await;
    let res = app.post_fetch("/api/sign_out", &[]).await;
    assert_eq!(res.status, StatusCode::UNAUTHORIZED);
    let res = app.post_fetch("/api/my_account", &[]).await;
    assert_eq!(res.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn pages_speak_the_readers_language() {
    let mut app = TestApp::new().await;
    app.accept_language = Some("ru-RU,ru;q=0.9,en;q=0.5".into());
    let page = app.get("/").await;
    assert!(page.body.contains("<html lang=\"ru\""));
    assert!(page.body.contains("Найдите наставника"));

    // the switcher stores the choice in a cookie and returns to the same page
    let res = app
        .post_form("/api/set_locale", &[("locale", "ky"), ("back", "/signin")])
        .await;
    assert_eq!(res.location(), Some("/signin"));
    assert_eq!(app.cookie(LOCALE_COOKIE), Some("ky"));
    let page = app.follow(res).await;
    assert!(page.body.contains("<html lang=\"ky\""));
    assert!(page.body.contains("Кирүү"));

    // no open redirects, no unknown languages
    let res = app
        .post_form(
            "/api/set_locale",
            &[("locale", "en"), ("back", "//evil.example/x")],
        )
        .await;
    assert_eq!(res.location(), Some("/"));
    let res = app
        .post_fetch("/api/set_locale", &[("locale", "de"), ("back", "/")])
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(app.cookie(LOCALE_COOKIE), Some("en"));
}

#[tokio::test]
async fn signed_in_language_choice_is_remembered_on_the_account() {
    let mut app = TestApp::new().await;
    app.sign_up("kanykei@example.kg", "Kanykei", "mentor").await;
    app.post_form("/api/set_locale", &[("locale", "ru"), ("back", "/account")])
        .await;
    let stored: String = sqlx::query_scalar("SELECT locale FROM accounts")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(stored, "ru");
}
