//! Accounts end to end through the real router and a real SQLite with the real migrations.
use crate::auth::SESSION_COOKIE;
use crate::config::Config;
use crate::testing::{TestApp, PASSWORD};
use axum::http::StatusCode;

async fn accounts(app: &TestApp) -> i64 {
    crate::accounts::store::count(&app.pool).await.unwrap()
}

#[tokio::test]
async fn sign_up_creates_an_account_and_a_session() {
    let mut app = TestApp::new().await;
    let res = app
        .sign_up(" Aigerim@Example.KG ", "Aigerim T.", "mentee")
        .await;
    assert_eq!(res.status, StatusCode::FOUND);
    assert_eq!(res.location(), Some("/account"));
    let session = res
        .set_cookies()
        .into_iter()
        .find(|c| c.starts_with("s4a_session="))
        .unwrap();
    assert!(
        session.contains("HttpOnly")
            && session.contains("SameSite=Lax")
            && !session.contains("Secure")
    );

    let page = app.follow(res).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body
            .contains("Welcome, Aigerim T.! Your account is ready."),
        "{}",
        page.body
    );
    assert!(page.body.contains("aigerim@example.kg"));
    assert!(page.body.contains("Mentee"));

    let (hash, role): (String, String) = sqlx::query_as(
        "SELECT password_hash, role FROM accounts WHERE email = 'aigerim@example.kg'",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert!(hash.starts_with("$argon2id$"));
    assert_eq!(role, "mentee");
    // the session table holds a hash of the token, never the token
    let token = app.cookie(SESSION_COOKIE).unwrap().to_string();
    let stored: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM sessions WHERE id = ?")
        .bind(&token)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(stored, 0);
}

/// A form's fields, the field the message stands next to, and the message.
type BadForm<'a> = (Vec<(&'a str, &'a str)>, &'a str, &'a str);

#[tokio::test]
async fn bad_sign_ups_write_nothing_and_explain_next_to_the_field() {
    let mut app = TestApp::new().await;
    let long_name = "N".repeat(81);
    let cases: Vec<BadForm> = vec![
        (
            vec![
                ("email", ""),
                ("display_name", "A"),
                ("password", PASSWORD),
                ("role", "mentee"),
            ],
            "email",
            "This field is required.",
        ),
        (
            vec![
                ("email", "not-an-email"),
                ("display_name", "A"),
                ("password", PASSWORD),
                ("role", "mentee"),
            ],
            "email",
            "Enter an email address like name@example.com.",
        ),
        (
            vec![
                ("email", "a@b.kg"),
                ("display_name", &long_name),
                ("password", PASSWORD),
                ("role", "mentee"),
            ],
            "display_name",
            "Too long: at most 80 characters.",
        ),
        (
            vec![
                ("email", "a@b.kg"),
                ("display_name", "A"),
                ("password", "short"),
                ("role", "mentee"),
            ],
            "password",
            "Use at least 12 characters.",
        ),
        (
            vec![
                ("email", "a@b.kg"),
                ("display_name", "A"),
                ("password", PASSWORD),
                ("role", "admin"),
            ],
            "role",
            "Choose mentee or mentor.",
        ),
        (
            vec![
                ("email", "a@b.kg"),
                ("display_name", "A"),
                ("password", PASSWORD),
                ("role", "wizard"),
            ],
            "role",
            "Choose mentee or mentor.",
        ),
    ];
    for (fields, field, message) in cases {
        let res = app.post_form("/api/sign_up", &fields).await;
        assert_eq!(res.status, StatusCode::FOUND, "{field}");
        assert_eq!(res.location(), Some("/signup"));
        let page = app.follow(res).await;
        assert!(
            page.body.contains(&format!("id=\"sign_up-{field}-error\"")),
            "{field}: {}",
            page.body
        );
        assert!(page.body.contains(message), "{field}: {message}");
        assert!(page.body.contains("role=\"alert\""));
        assert_eq!(accounts(&app).await, 0, "{field}: nothing written");
        // the flash is shown once
        assert!(!app.get("/signup").await.body.contains(message));
    }
}

#[tokio::test]
async fn a_failed_form_keeps_what_was_typed_except_the_password() {
    let mut app = TestApp::new().await;
    app.sign_up("taken@example.kg", "First", "mentor").await;
    app.clear_cookies();
    let res = app
        .post_form(
            "/api/sign_up",
            &[
                ("email", "taken@example.kg"),
                ("display_name", "Second <b>person</b>"),
                ("password", "secret password 123"),
                ("role", "mentor"),
            ],
        )
        .await;
    let page = app.follow(res).await;
    assert!(page
        .body
        .contains("An account with this email already exists. Sign in instead."));
    assert!(page.body.contains("value=\"taken@example.kg\""));
    // typed text comes back escaped
    assert!(
        page.body.contains("Second &lt;b&gt;person&lt;/b&gt;"),
        "{}",
        page.body
    );
    assert!(!page.body.contains("secret password 123"));
    assert!(page.body.contains("value=\"mentor\" checked"));
    assert_eq!(accounts(&app).await, 1);
}

#[tokio::test]
async fn fetch_callers_get_a_typed_error_and_a_4xx_never_a_500() {
    let mut app = TestApp::new().await;
    let res = app
        .post_fetch(
            "/api/sign_up",
            &[
                ("email", "x"),
                ("display_name", ""),
                ("password", ""),
                ("role", ""),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", res.body);
    let err: crate::error::AppError = serde_json::from_str(&res.body).unwrap();
    assert!(matches!(err, crate::error::AppError::Invalid(ref v) if v.len() == 4));
    // a missing argument is a 4xx too
    let res = app.post_fetch("/api/sign_up", &[("email", "x")]).await;
    assert!(res.status.is_client_error(), "{}", res.status);
    assert_eq!(accounts(&app).await, 0);
}

#[tokio::test]
async fn forged_or_originless_posts_are_refused() {
    let mut app = TestApp::new().await;
    let fields = [
        ("email", "eve@example.kg"),
        ("display_name", "Eve"),
        ("password", PASSWORD),
        ("role", "mentee"),
    ];
    let res = app
        .post_with(
            "/api/sign_up",
            &fields,
            Some("http://evil.example"),
            "text/html",
        )
        .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    assert!(res.body.contains("Request refused"));
    let res = app
        .post_with("/api/sign_up", &fields, None, "text/html")
        .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    assert_eq!(accounts(&app).await, 0);

    // a signed-in person cannot be signed out by another site either
    app.sign_up("aida@example.kg", "Aida", "mentee").await;
    let res = app
        .post_with(
            "/api/sign_out",
            &[],
            Some("https://evil.example"),
            "text/html",
        )
        .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    assert!(app.get("/account").await.body.contains("aida@example.kg"));
}

#[tokio::test]
async fn the_public_url_decides_the_origin_and_secure_cookies() {
    let config = Config {
        public_origin: Some("https://mentoring.example.kg".into()),
        ..Config::default()
    };
    let mut app = TestApp::with_config(config).await;
    let fields = [
        ("email", "a@example.kg"),
        ("display_name", "A"),
        ("password", PASSWORD),
        ("role", "mentee"),
    ];
    let res = app.post_form("/api/sign_up", &fields).await; // Origin http://localhost
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    let res = app
        .post_with(
            "/api/sign_up",
            &fields,
            Some("https://mentoring.example.kg"),
            "text/html",
        )
        .await;
    assert_eq!(res.status, StatusCode::FOUND);
    assert!(res
        .set_cookies()
        .iter()
        .any(|c| c.starts_with("s4a_session=") && c.contains("; Secure")));
}

#[tokio::test]
async fn sign_in_rotates_the_session_and_sign_out_kills_it_on_the_server() {
    let mut app = TestApp::new().await;
    app.sign_up("nurzat@example.kg", "Nurzat", "mentee").await;
    let first = app.cookie(SESSION_COOKIE).unwrap().to_string();

    let res = app.sign_in("NURZAT@example.kg", PASSWORD).await;
    assert_eq!(res.location(), Some("/account"));
    let second = app.cookie(SESSION_COOKIE).unwrap().to_string();
    assert_ne!(first, second, "a new session id at sign-in");
    let page = app.follow(res).await;
    assert!(page.body.contains("Welcome back, Nurzat."));

    // the old token no longer works
    app.set_cookie(SESSION_COOKIE, &first);
    let res = app.get("/account").await;
    assert_eq!(res.status, StatusCode::FOUND);
    assert_eq!(res.location(), Some("/signin"));

    app.set_cookie(SESSION_COOKIE, &second);
    let res = app.post_form("/api/sign_out", &[]).await;
    assert_eq!(res.location(), Some("/"));
    assert!(app.cookie(SESSION_COOKIE).is_none(), "cookie cleared");
    assert!(app.follow(res).await.body.contains("You have signed out."));
    // replaying the cookie after sign-out: the server has forgotten it
    app.set_cookie(SESSION_COOKIE, &second);
    assert_eq!(app.get("/account").await.location(), Some("/signin"));
    let sessions: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM sessions")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(sessions, 0);
}

#[tokio::test]
async fn wrong_passwords_are_throttled_per_account() {
    let mut app = TestApp::new().await;
    app.sign_up("meerim@example.kg", "Meerim", "mentee").await;
    app.clear_cookies();
    for _ in 0..5 {
        let page = app.sign_in("meerim@example.kg", "not the password").await;
        let page = app.follow(page).await;
        assert!(page.body.contains("The email or password is not right."));
        assert!(page.body.contains("value=\"meerim@example.kg\""));
    }
    // even the right password waits now
    let page = app.sign_in("meerim@example.kg", PASSWORD).await;
    assert_eq!(page.location(), Some("/signin"));
    let page = app.follow(page).await;
    assert!(
        page.body
            .contains("Too many failed attempts. Try again in 15 minutes."),
        "{}",
        page.body
    );
    assert!(app.cookie(SESSION_COOKIE).is_none());
    // as a fetch it is a 429
    let res = app
        .post_fetch(
            "/api/sign_in",
            &[("email", "meerim@example.kg"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(res.status, StatusCode::TOO_MANY_REQUESTS);
    // an unknown email gets the same answer as a wrong password
    let res = app
        .post_fetch(
            "/api/sign_in",
            &[("email", "nobody@example.kg"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(res.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn wrong_passwords_are_throttled_per_address() {
    let config = Config {
        trust_proxy: true,
        ..Config::default()
    };
    let mut app = TestApp::with_config(config).await;
    // a forged first entry changes nothing: the proxy's own (last) entry is the address
    for i in 0..crate::auth::store::ADDRESS.most {
        let email = format!("guess{i}@example.kg");
        let req = axum::http::Request::post("/api/sign_in")
            .header("content-type", "application/x-www-form-urlencoded")
            .header("accept", "application/json")
            .header("origin", "http://localhost")
            .header("x-forwarded-for", format!("10.9.9.{i}, 203.0.113.9"))
            .body(axum::body::Body::from(format!(
                "email={email}&password=whatever+it+is"
            )))
            .unwrap();
        assert_eq!(app.send(req).await.status, StatusCode::UNAUTHORIZED);
    }
    let req = axum::http::Request::post("/api/sign_in")
        .header("content-type", "application/x-www-form-urlencoded")
        .header("accept", "application/json")
        .header("origin", "http://localhost")
        .header("x-forwarded-for", "203.0.113.9")
        .body(axum::body::Body::from(
            "email=someone.else%40example.kg&password=whatever+it+is",
        ))
        .unwrap();
    assert_eq!(app.send(req).await.status, StatusCode::TOO_MANY_REQUESTS);
}

/// Guesses at her account from another address lock that address out, not her: she signs in
/// from her own device with her password.
#[tokio::test]
async fn guesses_from_elsewhere_do_not_lock_the_owner_out() {
    let config = Config {
        trust_proxy: true,
        ..Config::default()
    };
    let mut app = TestApp::with_config(config).await;
    app.sign_up("aidana@example.kg", "Aidana", "mentee").await;
    let attempt = |from: &str, password: &str| {
        axum::http::Request::post("/api/sign_in")
            .header("content-type", "application/x-www-form-urlencoded")
            .header("accept", "application/json")
            .header("origin", "http://localhost")
            .header("x-forwarded-for", from.to_string())
            .body(axum::body::Body::from(format!(
                "email=aidana%40example.kg&password={}",
                urlencoding::encode(password)
            )))
            .unwrap()
    };
    for _ in 0..crate::auth::store::PAIR.most {
        let res = app.send(attempt("198.51.100.7", "a wrong guess")).await;
        assert_eq!(res.status, StatusCode::UNAUTHORIZED);
    }
    // the guessing address now waits, even with the right password
    let res = app.send(attempt("198.51.100.7", PASSWORD)).await;
    assert_eq!(res.status, StatusCode::TOO_MANY_REQUESTS);
    // her own address goes in
    let res = app.send(attempt("203.0.113.20", PASSWORD)).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
}

#[tokio::test]
async fn unknown_pages_are_a_translated_404_and_health_is_ok() {
    let mut app = TestApp::new().await;
    app.accept_language = Some("ky".into());
    let page = app.get("/no/such/page").await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    assert!(page.body.contains("Барак табылган жок"));
    let health = app.get("/healthz").await;
    assert_eq!(
        (health.status, health.body.as_str()),
        (StatusCode::OK, "ok")
    );
}

#[tokio::test]
async fn suspended_accounts_lose_their_sessions() {
    let mut app = TestApp::new().await;
    app.sign_up("x@example.kg", "X", "mentee").await;
    // twice, so the session's answer is kept in memory (`SessionMemo`) before the suspension
    assert_eq!(app.get("/account").await.status, StatusCode::OK);
    assert_eq!(app.get("/account").await.status, StatusCode::OK);
    sqlx::query("UPDATE accounts SET suspended_at = 1")
        .execute(&app.pool)
        .await
        .unwrap();
    assert_eq!(app.get("/account").await.location(), Some("/signin"));
}

#[tokio::test]
async fn the_first_admin_comes_from_configuration_only() {
    use crate::accounts::store::{ensure_admin, AdminEnsured};
    let (pool, _dir) = crate::testing::temp_db().await;
    let made = ensure_admin(&pool, "boss@example.kg", "Boss", "$argon2id$x", 1)
        .await
        .unwrap();
    assert!(matches!(made, AdminEnsured::Created(_)));
    // a restart with the same configuration changes nothing (her own password stays)
    let again = ensure_admin(&pool, "boss@example.kg", "Other", "$other", 2)
        .await
        .unwrap();
    assert_eq!(again, AdminEnsured::Kept(made.id()));
    let (role, hash): (String, String) = sqlx::query_as("SELECT role, password_hash FROM accounts")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!((role.as_str(), hash.as_str()), ("admin", "$argon2id$x"));
}

#[tokio::test]
async fn an_address_a_stranger_registered_is_taken_back_not_handed_over() {
    use crate::accounts::store::{ensure_admin, AdminEnsured};
    let mut app = TestApp::new().await;
    // someone registers the operator's address before the operator configures it
    app.sign_up("boss@example.kg", "Stranger", "mentee").await;
    assert_eq!(app.get("/account").await.status, StatusCode::OK);
    let done = ensure_admin(&app.pool, "boss@example.kg", "Boss", "$operator", 5)
        .await
        .unwrap();
    assert!(matches!(done, AdminEnsured::TakenBack(_)));
    // the stranger's session is over and her password no longer works
    assert_eq!(app.get("/account").await.location(), Some("/signin"));
    let (role, hash, name): (String, String, String) = sqlx::query_as(
        "SELECT role, password_hash, display_name FROM accounts WHERE email = 'boss@example.kg'",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(
        (role.as_str(), hash.as_str(), name.as_str()),
        ("admin", "$operator", "Boss")
    );
}

#[tokio::test]
async fn home_counts_come_from_the_database() {
    let mut app = TestApp::new().await;
    assert!(app.get("/").await.body.contains("Nobody has joined yet"));
    crate::demo::seed(&app.pool).await.unwrap();
    let counts = crate::home::store::programme_counts(&app.pool)
        .await
        .unwrap();
    assert_eq!((counts.mentees, counts.mentors), (18, 12));
    assert!(
        counts.places >= 9,
        "regions of Kyrgyzstan and countries: {}",
        counts.places
    );
    let page = app.get("/").await;
    assert!(page.body.contains("data-testid=\"programme-counts\""));
    // demo profiles: approved mentors are listed, the others wait or were turned down
    let approved: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM mentor_profiles WHERE approval = 'approved'")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(approved, 9);
    let mentees: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM mentee_profiles")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(mentees, 18);
    let states: Vec<String> =
        sqlx::query_scalar("SELECT DISTINCT state FROM mentorship_requests ORDER BY state")
            .fetch_all(&app.pool)
            .await
            .unwrap();
    assert_eq!(
        states,
        vec![
            "accepted",
            "declined",
            "expired",
            "invalidated",
            "needs_info",
            "pending",
            "viewed",
            "withdrawn"
        ]
    );
    let held: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM messages WHERE status = 'held'")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(held, 1);
    let mentorships: Vec<String> =
        sqlx::query_scalar("SELECT DISTINCT state FROM mentorships ORDER BY state")
            .fetch_all(&app.pool)
            .await
            .unwrap();
    assert_eq!(
        mentorships,
        vec!["active", "cancelled", "completed", "paused"]
    );
    let ratings: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM mentorship_ratings")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(ratings, 3);
    let notices: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM notifications")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert!(notices > 10, "{notices}");
    let roadmaps: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM roadmaps")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(roadmaps, 3);
    let suggestions: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM roadmap_suggestions")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(suggestions, 1);
    // moderation: one case waiting (hidden by three reports), one decided with a warning
    let cases: Vec<(String, i64, Option<String>)> =
        sqlx::query_as("SELECT state, hidden, outcome FROM moderation_cases ORDER BY id")
            .fetch_all(&app.pool)
            .await
            .unwrap();
    assert_eq!(
        cases,
        vec![
            ("closed".into(), 0, Some("removed".into())),
            ("open".into(), 1, None)
        ]
    );
    let warnings: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM sanctions WHERE kind = 'warning'")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(warnings, 1);
    // seeding twice does nothing
    assert_eq!(crate::demo::seed(&app.pool).await.unwrap(), 0);
}

#[tokio::test]
async fn become_a_mentor_preselects_the_mentor_role() {
    let mut app = TestApp::new().await;
    assert!(app
        .get("/signup")
        .await
        .body
        .contains("value=\"mentee\" checked"));
    let page = app.get("/signup?role=mentor").await;
    assert!(
        page.body.contains("value=\"mentor\" checked"),
        "{}",
        page.body
    );
    assert!(!page.body.contains("value=\"mentee\" checked"));
}
