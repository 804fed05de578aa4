//! Held texts in every channel, against a real SQLite with the real migrations and through the
//! real router: what is held, who sees what, and administrators' decisions.
use super::{store, Channel};
use crate::auth::Role;
use crate::safeguard::{HELD, REMOVED};
use crate::testing::{account, as_admin, matched, with_password, TestApp};
use axum::http::StatusCode;

const TELEGRAM: &str = "Пиши мне в телеграм @aigerim_t, так быстрее";
const PHONE: &str = "Call me: 0555 123 456";
const EMAIL: &str = "write to aigerim.t@gmail.com";

async fn waiting(app: &TestApp) -> Vec<(String, String)> {
    sqlx::query_as("SELECT channel, text FROM held_texts WHERE status = 'held' ORDER BY id")
        .fetch_all(&app.pool)
        .await
        .unwrap()
}

#[test]
fn every_channel_names_a_place_and_reads_back() {
    for c in Channel::ALL {
        assert_eq!(Channel::from_code(c.code()), Some(c));
        let (table, column) = c.place();
        assert!(table.chars().all(|ch| ch.is_ascii_lowercase() || ch == '_'));
        assert!(column
            .chars()
            .all(|ch| ch.is_ascii_lowercase() || ch == '_'));
    }
    assert_eq!(Channel::from_code("accounts"), None);
    assert!(crate::safeguard::shown(HELD).is_some() && crate::safeguard::shown(REMOVED).is_some());
    assert!(crate::safeguard::shown("held").is_none());
}

#[tokio::test]
async fn every_channels_place_is_a_column_of_a_row_with_an_id() {
    // `screen` and `decide` find the row by `id`: a table without one would be a runtime error
    let app = TestApp::new().await;
    for c in Channel::ALL {
        let (table, column) = c.place();
        sqlx::query(&format!("SELECT id, {column} FROM {table} LIMIT 0"))
            .fetch_all(&app.pool)
            .await
            .unwrap_or_else(|e| panic!("{}: {e}", c.code()));
    }
}

#[tokio::test]
async fn a_request_and_its_question_with_contact_details_wait_and_are_released() {
    let mut app = TestApp::new().await;
    matched(&app).await;
    // a second mentor, so the mentee may ask (her first request became the mentorship)
    let other = crate::testing::mentor(&app, crate::testing::open_mentor("Bermet Code")).await;
    with_password(&app, other).await;
    sqlx::query("UPDATE mentorships SET state = 'completed'")
        .execute(&app.pool)
        .await
        .unwrap();
    app.as_user("aigerim@example.kg").await;
    let res = app
        .post_form(
            "/api/send_request",
            &[
                ("mentor_id", &other.to_string()),
                ("message", TELEGRAM),
                ("hopes", "A data internship"),
            ],
        )
        .await;
    assert_eq!(res.location(), Some("/requests"));
    assert_eq!(
        waiting(&app).await,
        vec![("request_message".to_string(), TELEGRAM.to_string())]
    );
    // she sees her own words are waiting; the mentor never sees the handle
    let mine = app.get("/requests").await;
    assert!(
        mine.body.contains("Waiting for a safety check"),
        "{}",
        mine.body
    );
    app.as_user("bermet.code@example.kg").await;
    let theirs = app.get("/requests").await;
    assert!(!theirs.body.contains("aigerim_t"));
    assert!(theirs.body.contains("Waiting for a safety check"));
    assert!(
        theirs.body.contains("A data internship"),
        "clean fields pass"
    );

    // the mentor's question with a phone number waits too
    let req: i64 = sqlx::query_scalar("SELECT id FROM mentorship_requests WHERE mentor_id = ?")
        .bind(other)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    app.post_form(
        "/api/request_action",
        &[
            ("request_id", &req.to_string()),
            ("action", "ask"),
            ("text", PHONE),
        ],
    )
    .await;
    app.as_user("aigerim@example.kg").await;
    let page = app.get("/requests").await;
    assert!(!page.body.contains("123 456"));

    // an administrator sees both in the held queue and releases the question
    as_admin(&mut app).await;
    let queue = app.get("/admin/messages").await;
    assert!(queue.body.contains("aigerim_t") && queue.body.contains("0555 123 456"));
    let question: i64 =
        sqlx::query_scalar("SELECT id FROM held_texts WHERE channel = 'request_question'")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    let res = app
        .post_form(
            "/api/decide_held_text",
            &[("held_id", &question.to_string()), ("decision", "release")],
        )
        .await;
    assert_eq!(res.location(), Some("/admin/messages"));
    // deciding again, or on a made-up id, or with a made-up decision: nothing changes
    for (id, decision, status) in [
        (question.to_string(), "release", StatusCode::NOT_FOUND),
        ("999".to_string(), "remove", StatusCode::NOT_FOUND),
        ("1\n".to_string(), "remove", StatusCode::NOT_FOUND),
        (
            question.to_string(),
            "publish",
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
    ] {
        let res = app
            .post_fetch(
                "/api/decide_held_text",
                &[("held_id", &id), ("decision", decision)],
            )
            .await;
        assert_eq!(res.status, status, "{id:?} {decision}");
    }
    app.as_user("aigerim@example.kg").await;
    assert!(app.get("/requests").await.body.contains("0555 123 456"));
    // only administrators decide
    let res = app
        .post_fetch(
            "/api/decide_held_text",
            &[("held_id", "1"), ("decision", "release")],
        )
        .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    assert_eq!(
        app.post_fetch("/api/held_texts", &[]).await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn session_topics_with_an_email_wait_and_a_removed_text_says_so() {
    let mut app = TestApp::new().await;
    let ms = matched(&app).await;
    app.as_user("asel.data@example.kg").await;
    let res = app
        .post_form(
            "/api/log_session",
            &[
                ("mentorship_id", &ms.to_string()),
                ("held_on", "2026-11-01"),
                ("minutes", "45"),
                ("topics", EMAIL),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::FOUND);
    app.as_user("aigerim@example.kg").await;
    let page = app.get(&format!("/mentorships/{ms}")).await;
    assert!(!page.body.contains("gmail"));
    assert!(page.body.contains("Waiting for a safety check"));
    as_admin(&mut app).await;
    let id: i64 = sqlx::query_scalar("SELECT id FROM held_texts")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    app.post_form(
        "/api/decide_held_text",
        &[("held_id", &id.to_string()), ("decision", "remove")],
    )
    .await;
    app.as_user("aigerim@example.kg").await;
    let page = app.get(&format!("/mentorships/{ms}")).await;
    assert!(page.body.contains("Removed by an administrator."));
    assert!(!page.body.contains("gmail"));
}

#[tokio::test]
async fn a_mentorship_reason_and_a_rating_comment_with_contact_details_wait() {
    let mut app = TestApp::new().await;
    let ms = matched(&app).await;
    let id = ms.to_string();
    app.as_user("asel.data@example.kg").await;
    let paused = app
        .post_form(
            "/api/change_mentorship",
            &[
                ("mentorship_id", &id),
                ("change", "pause"),
                ("reason", PHONE),
            ],
        )
        .await;
    assert_eq!(paused.status, StatusCode::FOUND);
    let done = app
        .post_form(
            "/api/change_mentorship",
            &[
                ("mentorship_id", &id),
                ("change", "complete"),
                ("reason", ""),
            ],
        )
        .await;
    assert_eq!(done.status, StatusCode::FOUND);
    let rated = app
        .post_form(
            "/api/rate_mentorship",
            &[
                ("mentorship_id", &id),
                ("rating", "5"),
                ("comment", TELEGRAM),
            ],
        )
        .await;
    assert_eq!(rated.status, StatusCode::FOUND);
    assert_eq!(
        waiting(&app).await,
        vec![
            ("mentorship_reason".to_string(), PHONE.to_string()),
            ("rating_comment".to_string(), TELEGRAM.to_string())
        ]
    );
    // the mentee reads neither, only that they wait; an ordinary reason passes
    app.as_user("aigerim@example.kg").await;
    let page = app.get(&format!("/mentorships/{ms}")).await;
    assert!(!page.body.contains("0555") && !page.body.contains("aigerim_t"));
    assert_eq!(page.body.matches("Waiting for a safety check").count(), 2);
    // released, the comment is back in its place
    as_admin(&mut app).await;
    let held: i64 =
        sqlx::query_scalar("SELECT id FROM held_texts WHERE channel = 'rating_comment'")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    app.post_form(
        "/api/decide_held_text",
        &[("held_id", &held.to_string()), ("decision", "release")],
    )
    .await;
    app.as_user("aigerim@example.kg").await;
    let page = app.get(&format!("/mentorships/{ms}")).await;
    assert!(page.body.contains("@aigerim_t"));
    assert!(!page.body.contains("0555"));
}

#[tokio::test]
async fn roadmap_comments_and_suggestions_wait_and_a_held_suggestion_never_becomes_a_step() {
    use crate::roadmaps::{store as rm, Visibility};
    let app = TestApp::new().await;
    matched(&app).await;
    let (mentee, mentor): (i64, i64) =
        sqlx::query_as("SELECT mentee_id, mentor_id FROM mentorships")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    let input = rm::RoadmapInput {
        title: "Data analyst".into(),
        description: String::new(),
        target_date: None,
        visibility: Visibility::Mentor,
    };
    let id = rm::create(&app.pool, mentee, &input, None, 10)
        .await
        .unwrap();
    let step = rm::StepInput {
        title: "Learn SQL".into(),
        details: String::new(),
        criterion: String::new(),
        due_date: None,
        resources: Vec::new(),
    };
    let s = rm::add_step(&app.pool, id, mentee, 1, step, 11)
        .await
        .unwrap();
    rm::comment(
        &app.pool,
        id,
        s,
        mentor,
        "Great start! wa.me/996555123456",
        12,
    )
    .await
    .unwrap();
    rm::comment(&app.pool, id, s, mentor, "Great start!", 13)
        .await
        .unwrap();
    let sid = rm::suggest(&app.pool, id, mentor, "Join our course", TELEGRAM, 14)
        .await
        .unwrap();
    let bodies: Vec<String> = sqlx::query_scalar("SELECT body FROM roadmap_comments ORDER BY id")
        .fetch_all(&app.pool)
        .await
        .unwrap();
    assert_eq!(bodies, vec![HELD.to_string(), "Great start!".to_string()]);
    let held: Vec<String> = waiting(&app).await.into_iter().map(|(c, _)| c).collect();
    assert_eq!(held, vec!["roadmap_comment", "suggestion_details"]);
    let version: i64 = sqlx::query_scalar("SELECT version FROM roadmaps WHERE id = ?")
        .bind(id)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let accepted = rm::decide(&app.pool, id, mentee, version, sid, true, 15).await;
    assert!(accepted.is_err(), "a held suggestion is not accepted");
    let steps: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM roadmap_steps")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(steps, 1);
}

#[tokio::test]
async fn a_nomination_reason_with_contact_details_waits() {
    let app = TestApp::new().await;
    let admin = account(&app, "admin@award.kg", "Admin", Role::Admin).await;
    let cycle = crate::awards::store::create_cycle(
        &app.pool,
        "Award",
        crate::awards::Schedule {
            nominations_until: 10 * 86_400,
            voting_until: 20 * 86_400,
        },
        &["community_partner"],
        admin,
        1,
    )
    .await
    .unwrap();
    crate::awards::store::advance(&app.pool, cycle, crate::awards::Phase::Draft, admin, 1)
        .await
        .unwrap();
    let cat: i64 = sqlx::query_scalar("SELECT id FROM award_categories")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let mentee = account(&app, "m@award.kg", "M", Role::Mentee).await;
    crate::awards::store::nominate(&app.pool, cat, mentee, "", "Naryn Girls Code", PHONE, 2)
        .await
        .unwrap();
    let reason: String = sqlx::query_scalar("SELECT reason FROM award_nominations")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(reason, HELD);
    // released, the words come back
    let id: i64 = sqlx::query_scalar("SELECT id FROM held_texts")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    store::decide(&app.pool, id, true, admin, 3).await.unwrap();
    let reason: String = sqlx::query_scalar("SELECT reason FROM award_nominations")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(reason, PHONE);
}

#[tokio::test]
async fn a_place_written_again_is_not_overwritten_by_a_late_release() {
    let app = TestApp::new().await;
    let ms = matched(&app).await;
    let (mentor,): (i64,) = sqlx::query_as("SELECT mentor_id FROM mentorships")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let mut tx = crate::db::begin_immediate(&app.pool).await.unwrap();
    let log: i64 = sqlx::query_scalar(
        "INSERT INTO session_logs (mentorship_id, logged_by, held_on, minutes, topics, created_at) \
         VALUES (?, ?, '2026-11-01', 30, ?, 1) RETURNING id",
    )
    .bind(ms)
    .bind(mentor)
    .bind(EMAIL)
    .fetch_one(&mut *tx)
    .await
    .unwrap();
    assert!(
        store::screen(&mut tx, Channel::SessionTopics, log, mentor, EMAIL, 1)
            .await
            .unwrap()
    );
    // clean words are not held
    assert!(!store::screen(
        &mut tx,
        Channel::SessionTopics,
        log,
        mentor,
        "Pandas basics",
        1
    )
    .await
    .unwrap());
    tx.commit().await.unwrap();
    sqlx::query("UPDATE session_logs SET topics = 'Pandas basics'")
        .execute(&app.pool)
        .await
        .unwrap();
    let id: i64 = sqlx::query_scalar("SELECT id FROM held_texts")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    store::decide(&app.pool, id, true, mentor, 2).await.unwrap();
    let topics: String = sqlx::query_scalar("SELECT topics FROM session_logs")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(topics, "Pandas basics");
    assert!(store::decide(&app.pool, id, false, mentor, 3)
        .await
        .is_err());
}
