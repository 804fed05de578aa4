//! What holds for every request, through the real router: a client that hangs up mid-write
//! hurts nobody else, hostile bytes in any field get a 4xx and change nothing, a panic is a
//! 500 page, and static assets never touch the database.
use crate::auth::Role;
use crate::roadmaps::{store as roadmaps, Visibility};
use crate::testing::{as_admin, signed_up, TestApp, PASSWORD};
use axum::http::StatusCode;
use std::time::{Duration, Instant};
use tokio::io::AsyncWriteExt;

/// A mentee with a roadmap from a template; returns (her id, the roadmap, its first step).
async fn mentee_with_roadmap(app: &TestApp) -> (i64, i64, i64) {
    let me = signed_up(app, "aigerim@example.kg", "Aigerim", Role::Mentee).await;
    let input = roadmaps::RoadmapInput {
        title: "Become a data analyst".into(),
        description: String::new(),
        target_date: None,
        visibility: Visibility::Private,
    };
    let id = roadmaps::create(&app.pool, me, &input, Some(1), crate::db::now())
        .await
        .unwrap();
    let step: i64 = sqlx::query_scalar(
        "SELECT id FROM roadmap_steps WHERE roadmap_id = ? ORDER BY position LIMIT 1",
    )
    .bind(id)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    (me, id, step)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn clients_hanging_up_mid_write_never_stop_anyone_signing_in() {
    // the per-client limit would turn most of the 300 taps away before they write: lifted here,
    // so every one reaches the database (the limit is tested in auth)
    let mut app = TestApp::with_config(crate::config::Config {
        limit_writes: false,
        ..crate::config::Config::default()
    })
    .await;
    let (me, roadmap, step) = mentee_with_roadmap(&app).await;
    let token = crate::auth::store::create_session(&app.pool, me, None, crate::db::now())
        .await
        .unwrap()
        .unwrap();
    let addr = app.serve().await;
    // a phone on a failing link: "in progress" tapped 300 times, each connection closed
    // within a few milliseconds of sending, most before the answer
    for i in 0..300u64 {
        let version: i64 = sqlx::query_scalar("SELECT version FROM roadmaps WHERE id = ?")
            .bind(roadmap)
            .fetch_one(&app.pool)
            .await
            .unwrap();
        let status = if i % 2 == 0 {
            "in_progress"
        } else {
            "not_started"
        };
        let body = format!("roadmap_id={roadmap}&version={version}&step_id={step}&status={status}");
        let request = format!(
            "POST /api/step_status HTTP/1.1\r\nHost: localhost\r\nOrigin: http://localhost\r\n\
             Cookie: s4a_session={token}\r\nAccept: application/json\r\n\
             Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        );
        let mut socket = tokio::net::TcpStream::connect(addr).await.unwrap();
        socket.write_all(request.as_bytes()).await.unwrap();
        if i % 3 != 0 {
            tokio::time::sleep(Duration::from_micros((i % 30) * 100)).await;
        }
        drop(socket);
    }
    // then everyone signs in at once, within moments, and her own next write goes through
    let started = Instant::now();
    let page = app.sign_in("aigerim@example.kg", PASSWORD).await;
    assert!(
        page.status.is_redirection() && app.cookie("s4a_session").is_some(),
        "sign-in failed: {} {}",
        page.status,
        page.body
    );
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "sign-in took {:?}",
        started.elapsed()
    );
    let version: i64 = sqlx::query_scalar("SELECT version FROM roadmaps WHERE id = ?")
        .bind(roadmap)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let res = app
        .post_fetch(
            "/api/step_status",
            &[
                ("roadmap_id", &roadmap.to_string()),
                ("version", &version.to_string()),
                ("step_id", &step.to_string()),
                ("status", "done"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let status: String = sqlx::query_scalar("SELECT status FROM roadmap_steps WHERE id = ?")
        .bind(step)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(status, "done");
}

#[tokio::test]
async fn control_characters_in_ids_are_a_404_and_change_nothing() {
    let mut app = TestApp::new().await;
    let (_, roadmap, step) = mentee_with_roadmap(&app).await;
    app.as_user("aigerim@example.kg").await;
    for hostile in ["5\n", "5\r\nSet-Cookie: x=1", "\u{0}5", "5\u{7f}", "５"] {
        // the island's fetch: a 404, nothing written
        let res = app
            .post_fetch(
                "/api/award_vote",
                &[
                    ("cycle_id", hostile),
                    ("category_id", hostile),
                    ("nomination_id", hostile),
                ],
            )
            .await;
        assert_eq!(
            res.status,
            StatusCode::NOT_FOUND,
            "{hostile:?}: {}",
            res.body
        );
        let res = app
            .post_fetch(
                "/api/step_status",
                &[
                    ("roadmap_id", &format!("{roadmap}{hostile}")),
                    ("version", "1"),
                    ("step_id", &step.to_string()),
                    ("status", "done"),
                ],
            )
            .await;
        assert_eq!(
            res.status,
            StatusCode::NOT_FOUND,
            "{hostile:?}: {}",
            res.body
        );
        // a plain form: back to a page of this site, never a header built from the bytes
        let res = app
            .post_form(
                "/api/award_vote",
                &[
                    ("cycle_id", hostile),
                    ("category_id", hostile),
                    ("nomination_id", "1"),
                ],
            )
            .await;
        assert!(res.status.is_redirection(), "{hostile:?}: {}", res.status);
        assert_eq!(res.location(), Some("/awards"));
        let res = app
            .post_form(
                "/api/step_status",
                &[
                    ("roadmap_id", &format!("{roadmap}{hostile}")),
                    ("version", "1"),
                    ("step_id", &step.to_string()),
                    ("status", "done"),
                ],
            )
            .await;
        assert_eq!(res.location(), Some("/roadmaps"), "{hostile:?}");
    }
    let changed: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM roadmap_steps WHERE roadmap_id = ? AND status <> 'not_started'",
    )
    .bind(roadmap)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(changed, 0);
}

/// Posts `form` to a server function as a plain form and as an island's fetch: never a 5xx,
/// and a redirect only to a path of this site.
async fn post_both_ways(app: &mut TestApp, name: &str, form: &[(&str, &str)]) {
    let path = format!("/api/{name}");
    for plain in [true, false] {
        let res = if plain {
            app.post_form(&path, form).await
        } else {
            app.post_fetch(&path, form).await
        };
        assert!(
            !res.status.is_server_error(),
            "{name} ({}) answered {}: {}",
            if plain { "form" } else { "fetch" },
            res.status,
            res.body
        );
        if let Some(to) = res.location() {
            assert!(
                crate::auth::guard::is_local_path(to),
                "{name} redirected to {to:?}"
            );
        }
    }
}

#[tokio::test]
async fn hostile_bytes_in_every_field_of_every_form_never_make_a_500() {
    let mut app = TestApp::new().await;
    mentee_with_roadmap(&app).await;
    app.as_user("aigerim@example.kg").await;
    let hostile = "\u{0}\u{1b}[31m\r\n<script>alert(1)</script>\u{202e}'\"%00%0A\u{fffd}";
    let fields = [
        "roadmap_id",
        "version",
        "step_id",
        "status",
        "to",
        "title",
        "description",
        "target_date",
        "visibility",
        "template",
        "details",
        "criterion",
        "due_date",
        "resources",
        "body",
        "mentorship_id",
        "held_on",
        "minutes",
        "topics",
        "change",
        "reason",
        "rating",
        "comment",
        "mentor_id",
        "message",
        "hopes",
        "request_id",
        "action",
        "text",
        "cycle_id",
        "category_id",
        "nomination_id",
        "email",
        "org_name",
        "why",
        "accept",
        "code",
        "password",
        "display_name",
        "role",
        "locale",
        "next",
        "organisation",
        "years_experience",
        "capacity",
        "bio",
        "style",
        "region",
        "district",
        "country",
        "skills[]",
        "languages[ky]",
        "goals",
        "career_stage",
        "meeting_format",
        "hours_per_month",
        "age_band",
        "page",
        "q",
        "skill",
        "lecture_id",
        "topic",
        "speaker",
        "language",
        "starts_at",
        "online_link",
        "materials",
        "wait",
        "present[]",
        "recording_link",
        "recording_code",
        "recording_until",
        "stars",
        "time_zone",
        "account_id",
        "group_id",
        "post_id",
        "name",
        "member_limit",
        "frequency",
        "first_at",
        "place",
        "org_id",
        "name_ky",
        "name_ru",
        "name_en",
        "kind",
        "website",
        "joined_year",
        "fields[]",
        "practice_id",
        "summary",
        "audience",
        "results",
        "listed",
        "initiative_id",
        "status",
        "starts_on",
        "ends_on",
        "outcomes",
        "orgs[]",
        "id",
        "seen",
        "decision",
        "reason",
    ];
    let form: Vec<(&str, &str)> = fields.iter().map(|f| (*f, hostile)).collect();
    let endpoints_admin = [
        "award_create",
        "award_configure",
        "award_advance",
        "award_screen",
        "award_juror",
        "award_void",
        "award_new_juror",
        "award_score",
        "review_mentor",
        "review_message",
        "save_template",
        "delete_template",
        "save_lecture",
        "lecture_attendance",
        "lecture_recording",
        "name_speaker",
        "unname_speaker",
        "save_organisation",
        "link_partner",
        "unlink_partner",
        "save_practice",
        "save_initiative",
        "community_decide",
    ];
    let endpoints = [
        "create_roadmap",
        "update_roadmap",
        "delete_roadmap",
        "add_step",
        "edit_step",
        "step_status",
        "move_step",
        "delete_step",
        "comment_step",
        "suggest_step",
        "decide_suggestion",
        "send_message",
        "log_session",
        "change_mentorship",
        "rate_mentorship",
        "send_request",
        "request_action",
        "discover_mentors",
        "discover_results",
        "award_nominate",
        "award_answer",
        "award_vote",
        "award_receipt",
        "save_mentor_profile",
        "save_mentee_profile",
        "set_locale",
        "resend_confirmation",
        "notifications_read",
        "register_lecture",
        "cancel_lecture_place",
        "rate_lecture",
        "save_lecture",
        "renew_calendar_feed",
        "revoke_calendar_feed",
        "set_time_zone",
        "save_group",
        "schedule_group",
        "join_group",
        "leave_group",
        "hand_over_group",
        "post_to_group",
        "report_content",
        "save_organisation",
        "save_practice",
        "sign_in",
        "sign_up",
    ];
    for name in endpoints {
        post_both_ways(&mut app, name, &form).await;
        // sign-in and sign-up may have signed her out
        app.as_user("aigerim@example.kg").await;
    }
    // and as an administrator, whose forms read ids and dates from the same fields
    as_admin(&mut app).await;
    for name in endpoints_admin {
        post_both_ways(&mut app, name, &form).await;
    }
}

#[tokio::test]
async fn a_panic_is_a_500_page_not_a_reset_connection() {
    use axum::{body::Body, http::Request, routing::get, Router};
    use tower::ServiceExt;
    let boom = crate::server::harden(
        Router::new().route(
            "/boom",
            get(|| async {
                if std::hint::black_box(true) {
                    panic!("a bug");
                }
                "never"
            }),
        ),
        false,
    );
    let res = boom
        .oneshot(Request::get("/boom").body(Body::empty()).unwrap())
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::INTERNAL_SERVER_ERROR);
    assert!(res.headers().contains_key("content-security-policy"));
    use http_body_util::BodyExt;
    let body = res.into_body().collect().await.unwrap().to_bytes();
    let body = String::from_utf8_lossy(&body);
    assert!(body.contains("Something went wrong"), "{body}");
    assert!(
        !body.contains("a bug"),
        "the panic's message stays in the log"
    );
}

#[tokio::test]
async fn hashed_assets_are_served_without_the_database() {
    let mut app = TestApp::new().await;
    std::fs::write(
        app.site().join("pkg/stem4all.abc123.css"),
        "body{color:red}",
    )
    .unwrap();
    std::fs::write(
        app.site().join("pkg/stem4all.abc123.css.br"),
        [0x0b, 0x07, 0x80],
    )
    .unwrap();
    // every pooled connection is busy: a request that asked the database (a session lookup)
    // would wait for one; an asset does not
    let mut held = Vec::new();
    for _ in 0..8 {
        held.push(app.pool.acquire().await.unwrap());
    }
    app.set_cookie("s4a_session", "some-session-token");
    let res = tokio::time::timeout(Duration::from_secs(2), app.get("/pkg/stem4all.abc123.css"))
        .await
        .expect("an asset never waits for the database");
    assert_eq!(res.status, StatusCode::OK);
    assert_eq!(res.body, "body{color:red}");
    assert_eq!(
        res.headers.get("cache-control").unwrap(),
        "public, max-age=31536000, immutable"
    );
    let req = axum::http::Request::get("/pkg/stem4all.abc123.css")
        .header("accept-encoding", "br")
        .body(axum::body::Body::empty())
        .unwrap();
    let res = app.send(req).await;
    assert_eq!(res.headers.get("content-encoding").unwrap(), "br");
    // a missing asset is a 404 that no phone keeps
    let missing = app.get("/pkg/nothing.js").await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert_eq!(missing.headers.get("cache-control").unwrap(), "no-store");
    // and a page does ask the database (so the timeout above means something)
    let page = tokio::time::timeout(Duration::from_millis(500), app.get("/healthz")).await;
    assert!(page.is_err(), "with every connection held, a page waits");
    drop(held);
}

#[tokio::test]
async fn pages_link_their_assets_once_rendered_and_come_compressed() {
    let mut app = TestApp::new().await;
    // two pages: the head rendered for the first is the head of the second, each with its own
    // request's nonce, and the preloads are fetched the way the module loader fetches
    let mut nonces = std::collections::HashSet::new();
    for _ in 0..2 {
        let page = app.get("/signin").await;
        assert_eq!(page.status, 200);
        assert!(page
            .body
            .contains("<link id=\"leptos\" rel=\"stylesheet\" href=\"/pkg/"));
        assert!(page
            .body
            .contains("<link rel=\"modulepreload\" crossorigin=\"\" href=\"/pkg/"));
        assert!(page
            .body
            .contains("as=\"fetch\" type=\"application/wasm\" crossorigin"));
        assert_eq!(page.body.matches("crossorigin").count(), 2);
        // every inline script carries this response's nonce, and the policy names it
        let csp = page.headers["content-security-policy"].to_str().unwrap();
        let nonce = csp
            .split("'nonce-")
            .nth(1)
            .and_then(|r| r.split('\'').next())
            .unwrap()
            .to_string();
        assert!(nonces.insert(nonce.clone()), "a fresh nonce per response");
        assert_eq!(
            page.body.matches("<script").count(),
            page.body
                .matches(&format!("<script nonce=\"{nonce}\""))
                .count(),
            "{}",
            page.body
        );
        assert_eq!(
            page.body
                .matches(&format!("<script nonce=\"{nonce}\" type=\"module\""))
                .count(),
            1
        );
    }
    let req = axum::http::Request::get("/signin")
        .header(axum::http::header::ACCEPT, "text/html")
        .header(axum::http::header::ACCEPT_ENCODING, "gzip")
        .body(axum::body::Body::empty())
        .unwrap();
    let page = app.send(req).await;
    assert_eq!(page.status, 200);
    assert_eq!(page.headers[axum::http::header::CONTENT_ENCODING], "gzip");
    assert!(page.headers[axum::http::header::VARY]
        .to_str()
        .unwrap()
        .contains("accept-encoding"));
}

#[tokio::test]
async fn every_kind_of_response_carries_the_security_headers() {
    let mut app = TestApp::new().await;
    std::fs::write(app.site().join("favicon.svg"), "<svg/>").unwrap();
    std::fs::write(app.site().join("pkg/stem4all.abc123.css"), "b{}").unwrap();
    crate::testing::signed_up(&app, "aida@example.kg", "Aida", crate::auth::Role::Mentee).await;
    let mut responses = vec![
        ("page", app.get("/").await),
        ("404 page", app.get("/no/such/page").await),
        ("static file", app.get("/favicon.svg").await),
        ("asset", app.get("/pkg/stem4all.abc123.css").await),
        ("missing asset", app.get("/pkg/nothing.js").await),
        ("health", app.get("/healthz").await),
        ("unknown link", app.get("/confirm/nothing").await),
        ("redirect", app.get("/account").await),
        (
            "server function error",
            app.post_fetch("/api/sign_in", &[("email", "x@y.kg"), ("password", "nope")])
                .await,
        ),
    ];
    let req = axum::http::Request::post("/api/sign_out")
        .header("origin", "https://evil.example")
        .body(axum::body::Body::empty())
        .unwrap();
    responses.push(("foreign origin", app.send(req).await));
    responses.push((
        "form redirect",
        app.sign_in("aida@example.kg", crate::testing::PASSWORD)
            .await,
    ));
    responses.push(("private page", app.get("/account").await));
    for (what, res) in &responses {
        let csp = res
            .headers
            .get("content-security-policy")
            .map(|v| v.to_str().unwrap());
        let csp = csp.unwrap_or_else(|| panic!("{what}: no CSP"));
        assert!(csp.contains("script-src 'self' 'nonce-"), "{what}: {csp}");
        assert!(csp.contains("'wasm-unsafe-eval'"), "{what}: {csp}");
        assert!(csp.contains("frame-ancestors 'none'"), "{what}: {csp}");
        let scripts = csp.split(';').find(|d| d.trim().starts_with("script-src"));
        assert!(
            !scripts.unwrap().contains("'unsafe-inline'"),
            "{what}: only the app's own scripts"
        );
        assert_eq!(res.headers["x-content-type-options"], "nosniff", "{what}");
        assert_eq!(res.headers["referrer-policy"], "same-origin", "{what}");
        assert!(
            !res.headers.contains_key("strict-transport-security"),
            "{what}: http only"
        );
    }
    let private = &responses.last().unwrap().1;
    assert_eq!(private.status, StatusCode::OK);
    assert_eq!(private.headers["cache-control"], "no-store");

    // behind an https public URL, browsers are told to stay on https
    let mut secure = TestApp::with_config(crate::config::Config {
        public_origin: Some("https://mentoring.example.kg".into()),
        ..crate::config::Config::default()
    })
    .await;
    let res = secure.get("/").await;
    assert!(res.headers["strict-transport-security"]
        .to_str()
        .unwrap()
        .starts_with("max-age="));
}

#[tokio::test]
async fn administrators_pages_are_a_404_to_everyone_else() {
    let mut app = TestApp::new().await;
    crate::testing::signed_up(&app, "aida@example.kg", "Aida", crate::auth::Role::Mentee).await;
    crate::testing::signed_up(&app, "asel@example.kg", "Asel", crate::auth::Role::Mentor).await;
    let pages = [
        "/admin/mentors",
        "/admin/messages",
        "/admin/outbox",
        "/admin/templates",
        "/admin/awards",
        "/admin/awards/1",
        "/lectures/speakers",
        "/lectures/new",
    ];
    for who in ["aida@example.kg", "asel@example.kg"] {
        app.as_user(who).await;
        for page in pages {
            let res = app.get(page).await;
            assert_eq!(res.status, StatusCode::NOT_FOUND, "{who} {page}");
            for action in ["/api/review_", "/api/decide_held_text", "/api/award_admin"] {
                assert!(!res.body.contains(action), "{who} {page}: {action}");
            }
        }
    }
    crate::testing::as_admin(&mut app).await;
    for page in &pages[..5] {
        assert_eq!(app.get(page).await.status, StatusCode::OK, "{page}");
    }
}

/// Pages served while another router is built (each test builds one) load their data: the
/// route list is generated once per process (see `server::router`).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_served_while_other_routers_are_built_load_their_data() {
    let mut app = TestApp::new().await;
    let building = tokio::spawn(async {
        for _ in 0..15 {
            TestApp::new().await;
        }
    });
    while !building.is_finished() {
        let page = tokio::time::timeout(Duration::from_secs(10), app.get("/"))
            .await
            .expect("the home page never finished loading its data");
        assert!(page.body.contains("Nobody has joined yet"));
    }
    building.await.unwrap();
}
