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

#[test]
fn a_write_bucket_empties_and_refills() {
    use crate::auth::middleware::{WriteLimiter, WriteRate};
    let rate = WriteRate {
        burst: 3.0,
        per_second: 1.0,
    };
    let limiter = WriteLimiter::default();
    let t0 = std::time::Instant::now();
    let taken: Vec<bool> = (0..5).map(|_| limiter.take("a", rate, t0)).collect();
    assert_eq!(taken, [true, true, true, false, false]);
    // another client has her own bucket
    assert!(limiter.take("b", rate, t0));
    // a second later, one more; never more than the burst
    assert!(limiter.take("a", rate, t0 + std::time::Duration::from_secs(1)));
    assert!(!limiter.take("a", rate, t0 + std::time::Duration::from_secs(1)));
    let later = t0 + std::time::Duration::from_secs(100);
    let refilled = (0..5).filter(|_| limiter.take("a", rate, later)).count();
    assert_eq!(refilled, 3);
}

#[tokio::test]
async fn a_flood_of_writes_from_one_person_meets_a_limit_that_spares_everyone_else() {
    use crate::auth::Role;
    use crate::testing::{signed_up, PASSWORD};
    let mut app = TestApp::new().await;
    signed_up(&app, "flood@example.kg", "Flood", Role::Mentee).await;
    signed_up(&app, "calm@example.kg", "Calm", Role::Mentee).await;
    app.sign_in("flood@example.kg", PASSWORD).await;
    let mut passed = 0;
    let mut refused = None;
    for _ in 0..200 {
        let res = app
            .post_fetch("/api/set_locale", &[("locale", "ru"), ("back", "/account")])
            .await;
        if res.status == StatusCode::TOO_MANY_REQUESTS {
            refused.get_or_insert(res);
        } else {
            passed += 1;
        }
    }
    // the sign-in took one from the address's bucket, not hers: 60 of hers pass
    assert_eq!(passed, 60);
    let refused = refused.expect("a limit");
    assert_eq!(refused.headers["retry-after"], "60");
    assert!(refused.body.contains("Throttled"), "{}", refused.body);
    // reading goes on
    assert_eq!(app.get("/account").await.status, StatusCode::OK);
    // someone else, signed in from the same address, is not held back
    app.clear_cookies();
    app.sign_in("calm@example.kg", PASSWORD).await;
    let res = app
        .post_fetch("/api/set_locale", &[("locale", "ky"), ("back", "/account")])
        .await;
    assert_ne!(res.status, StatusCode::TOO_MANY_REQUESTS);
}
