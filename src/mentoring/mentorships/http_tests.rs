//! Mentorship lifecycle, ratings, notifications and the email outbox, through the real router
//! and a real SQLite with the real migrations.
use crate::auth::Role;
use crate::mentoring::requests::store as rs;
use crate::mentoring::requests::Event;
use crate::testing::TestApp;
use crate::testing::{account, as_admin, matched, with_password};
use axum::http::StatusCode;

const MENTEE: &str = "aigerim@example.kg";
const MENTOR: &str = "asel.data@example.kg";

async fn mentorship_state(app: &TestApp, id: i64) -> String {
    sqlx::query_scalar("SELECT state FROM mentorships WHERE id = ?")
        .bind(id)
        .fetch_one(&app.pool)
        .await
        .unwrap()
}

async fn change(app: &mut TestApp, id: i64, change: &str, reason: &str) -> crate::testing::Page {
    app.post_fetch(
        "/api/change_mentorship",
        &[
            ("mentorship_id", &id.to_string()),
            ("change", change),
            ("reason", reason),
        ],
    )
    .await
}

async fn rate(app: &mut TestApp, ms: i64, rating: &str, comment: &str) -> crate::testing::Page {
    app.post_fetch(
        "/api/rate_mentorship",
        &[
            ("mentorship_id", &ms.to_string()),
            ("rating", rating),
            ("comment", comment),
        ],
    )
    .await
}

async fn count(app: &TestApp, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(&app.pool).await.unwrap()
}

#[tokio::test]
async fn either_side_pauses_resumes_and_ends_a_mentorship_with_who_why_and_when() {
    let mut app = TestApp::new().await;
    let ms = matched(&app).await;
    app.as_user(MENTEE).await;

    // resuming an active mentorship is refused, nothing recorded
    let res = change(&mut app, ms, "resume", "").await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        res.body.contains("err.mentorship_not_paused"),
        "{}",
        res.body
    );
    // an unknown change is refused
    assert_eq!(
        change(&mut app, ms, "explode", "").await.status,
        StatusCode::UNPROCESSABLE_ENTITY
    );

    // the mentee pauses (no JavaScript: a form post, then the page with the notice)
    let res = app
        .post_form(
            "/api/change_mentorship",
            &[
                ("mentorship_id", &ms.to_string()),
                ("change", "pause"),
                ("reason", "Exams in June"),
            ],
        )
        .await;
    assert_eq!(res.location(), Some(format!("/mentorships/{ms}").as_str()));
    let page = app.follow(res).await;
    assert!(page.body.contains("The mentorship is paused."));
    assert!(page.body.contains("Exams in June") && page.body.contains("Resume the mentorship"));
    assert_eq!(mentorship_state(&app, ms).await, "paused");
    // pausing twice is refused
    let res = change(&mut app, ms, "pause", "").await;
    assert!(res.body.contains("err.mentorship_already_paused"));

    // a paused mentorship still takes its place: capacity 2, so one more fits, not two
    let mentor_id: i64 = count(&app, "SELECT mentor_id FROM mentorships").await;
    sqlx::query("UPDATE mentor_profiles SET capacity = 1 WHERE account_id = ?")
        .bind(mentor_id)
        .execute(&app.pool)
        .await
        .unwrap();
    let other = account(&app, "b@example.kg", "B", Role::Mentee).await;
    assert!(matches!(
        rs::send(&app.pool, other, mentor_id, "hi", "x", 5).await,
        Err(crate::db::StoreError::Refused(
            crate::db::Refusal::Rule { .. }
        ))
    ));

    // the mentor resumes it, then cancelling without a reason is refused next to the field
    app.as_user(MENTOR).await;
    assert!(change(&mut app, ms, "resume", "").await.status.is_success());
    let res = app
        .post_form(
            "/api/change_mentorship",
            &[
                ("mentorship_id", &ms.to_string()),
                ("change", "cancel"),
                ("reason", "  "),
            ],
        )
        .await;
    let page = app.follow(res).await;
    assert!(
        page.body.contains("id=\"change-cancel-reason-error\""),
        "{}",
        page.body
    );
    assert_eq!(mentorship_state(&app, ms).await, "active");

    // a stranger cannot change it: 404, nothing changes
    let stranger = account(&app, "x@example.kg", "X", Role::Mentor).await;
    with_password(&app, stranger).await;
    app.as_user("x@example.kg").await;
    assert_eq!(
        change(&mut app, ms, "complete", "").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(mentorship_state(&app, ms).await, "active");

    // the mentor completes it; it is final
    app.as_user(MENTOR).await;
    assert!(change(&mut app, ms, "complete", "Goals reached")
        .await
        .status
        .is_success());
    let (state, ended_by, reason): (String, i64, String) =
        sqlx::query_as("SELECT state, ended_by, end_reason FROM mentorships WHERE id = ?")
            .bind(ms)
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(
        (state.as_str(), ended_by, reason.as_str()),
        ("completed", mentor_id, "Goals reached")
    );
    let res = change(&mut app, ms, "cancel", "changed my mind").await;
    assert!(res.body.contains("err.mentorship_over"));
    // messages are closed too
    let res = app
        .post_fetch(
            "/api/send_message",
            &[("mentorship_id", &ms.to_string()), ("body", "hello?")],
        )
        .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);

    // the history: paused (mentee), active (mentor), completed (mentor)
    let events: Vec<(String, String)> = sqlx::query_as(
        "SELECT e.to_state, a.display_name FROM mentorship_events e JOIN accounts a ON a.id = e.actor_id ORDER BY e.id",
    )
    .fetch_all(&app.pool)
    .await
    .unwrap();
    assert_eq!(
        events,
        vec![
            ("paused".into(), "Aigerim".into()),
            ("active".into(), "Asel Data".into()),
            ("completed".into(), "Asel Data".into()),
        ]
    );
    let page = app.get(&format!("/mentorships/{ms}")).await;
    assert_eq!(page.body.matches("data-testid=\"event\"").count(), 3);
    assert!(!page.body.contains("Manage this mentorship"));
}

#[tokio::test]
async fn each_side_rates_a_completed_mentorship_once() {
    let mut app = TestApp::new().await;
    let ms = matched(&app).await;
    app.as_user(MENTEE).await;
    // not completed yet
    let res = rate(&mut app, ms, "5", "Great").await;
    assert!(
        res.body.contains("err.rating_not_completed"),
        "{}",
        res.body
    );
    assert!(change(&mut app, ms, "complete", "")
        .await
        .status
        .is_success());
    // bad input, field by field
    let res = rate(&mut app, ms, "9", "").await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        res.body.contains("err.rating_range") && res.body.contains("err.required"),
        "{}",
        res.body
    );
    let long = "x".repeat(1_001);
    let res = app
        .post_fetch(
            "/api/rate_mentorship",
            &[
                ("mentorship_id", &ms.to_string()),
                ("rating", "4"),
                ("comment", &long),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM mentorship_ratings").await,
        0
    );

    assert!(rate(&mut app, ms, "5", "She taught me pandas")
        .await
        .status
        .is_success());
    let res = rate(&mut app, ms, "1", "changed").await;
    assert!(res.body.contains("err.rating_twice"));
    app.as_user(MENTOR).await;
    assert!(rate(&mut app, ms, "4", "Hard-working mentee")
        .await
        .status
        .is_success());
    let page = app.get(&format!("/mentorships/{ms}")).await;
    assert!(
        page.body.contains("She taught me pandas") && page.body.contains("Hard-working mentee")
    );
    assert!(!page.body.contains("Save rating"));
    // a stranger: 404
    let stranger = account(&app, "x@example.kg", "X", Role::Mentee).await;
    with_password(&app, stranger).await;
    app.as_user("x@example.kg").await;
    assert_eq!(
        rate(&mut app, ms, "5", "hi").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM mentorship_ratings").await,
        2
    );
}

#[tokio::test]
async fn notifications_tell_each_side_and_emails_wait_in_the_outbox_in_their_language() {
    let mut app = TestApp::new().await;
    let ms = matched(&app).await; // a request (to the mentor) and its acceptance (to the mentee)
    sqlx::query("UPDATE accounts SET locale = 'ru' WHERE email = ?")
        .bind(MENTEE)
        .execute(&app.pool)
        .await
        .unwrap();
    let kinds: Vec<(String, String)> = sqlx::query_as(
        "SELECT a.email, n.kind FROM notifications n JOIN accounts a ON a.id = n.account_id ORDER BY n.id",
    )
    .fetch_all(&app.pool)
    .await
    .unwrap();
    assert_eq!(
        kinds,
        vec![
            (MENTOR.into(), "request_new".into()),
            (MENTEE.into(), "request_accepted".into())
        ]
    );
    assert_eq!(count(&app, "SELECT COUNT(*) FROM email_outbox").await, 2);

    // three messages from the mentor: one notice for the mentee, one email (in Russian)
    app.as_user(MENTOR).await;
    for body in ["one", "two", "three"] {
        let res = app
            .post_fetch(
                "/api/send_message",
                &[("mentorship_id", &ms.to_string()), ("body", body)],
            )
            .await;
        assert!(res.status.is_success());
    }
    // a held message tells nobody until it is delivered
    app.post_fetch(
        "/api/send_message",
        &[
            ("mentorship_id", &ms.to_string()),
            ("body", "mail me: a@b.kg"),
        ],
    )
    .await;
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM notifications WHERE kind = 'message'"
        )
        .await,
        1
    );
    let subject: String = sqlx::query_scalar(
        "SELECT subject FROM email_outbox WHERE to_address = 'aigerim@example.kg' ORDER BY id DESC LIMIT 1",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(subject, "Новое сообщение от Asel Data.");

    // the mentee sees the count in the header, opens the notice, and it is read
    app.as_user(MENTEE).await;
    let home = app.get("/").await;
    assert!(home.body.contains("2 unread"), "{}", home.body);
    let list = app.get("/notifications").await;
    assert!(list.body.contains("New message from Asel Data."));
    let id: i64 = count(&app, "SELECT id FROM notifications WHERE kind = 'message'").await;
    let res = app.get(&format!("/notifications/open/{id}")).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    assert_eq!(res.location(), Some(format!("/mentorships/{ms}").as_str()));
    assert!(app.get("/").await.body.contains("1 unread"));
    // a new message after reading makes a new notice
    app.as_user(MENTOR).await;
    app.post_fetch(
        "/api/send_message",
        &[("mentorship_id", &ms.to_string()), ("body", "four")],
    )
    .await;
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM notifications WHERE kind = 'message'"
        )
        .await,
        2
    );
    // the mentor cannot open the mentee's notice, nor a made-up one
    assert_eq!(
        app.get(&format!("/notifications/open/{id}")).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get("/notifications/open/abc").await.status,
        StatusCode::NOT_FOUND
    );
    // marking all read clears the count
    app.as_user(MENTEE).await;
    let res = app.post_form("/api/notifications_read", &[]).await;
    let page = app.follow(res).await;
    assert!(page.body.contains("All notifications are marked as read."));
    assert!(!page.body.contains("data-testid=\"unread\""));
    // signed out: to the sign-in page
    app.clear_cookies();
    assert_eq!(
        app.get(&format!("/notifications/open/{id}"))
            .await
            .location(),
        Some("/signin")
    );

    // administrators read the outbox; others get 404
    app.as_user(MENTEE).await;
    assert_eq!(app.get("/admin/outbox").await.status, StatusCode::NOT_FOUND);
    as_admin(&mut app).await;
    let outbox = app.get("/admin/outbox").await;
    assert!(outbox.body.contains("SMTP is not configured"));
    assert!(outbox.body.contains("Новое сообщение от Asel Data."));
}

#[tokio::test]
async fn expiry_and_the_daily_reminder_notify_and_reply_times_show_on_cards() {
    let mut app = TestApp::new().await;
    let m = account(&app, "m@example.kg", "Mira", Role::Mentor).await;
    crate::accounts::profiles::store::save_mentor(
        &app.pool,
        m,
        &crate::accounts::profiles::ValidMentor {
            organisation: "Org".into(),
            title: "Engineer".into(),
            years_experience: 5,
            capacity: 5,
            status: crate::accounts::profiles::MentorStatus::Open,
            bio: "Bio".into(),
            style: String::new(),
            stages: Vec::new(),
            hours_per_month: None,
            common: crate::accounts::profiles::Common {
                place: crate::accounts::profiles::Place::from_stored(Some("naryn"), None).unwrap(),
                skills: vec![102],
                languages: vec![(
                    crate::accounts::profiles::Language::Ky,
                    crate::accounts::profiles::Level::Native,
                )],
            },
        },
        1,
    )
    .await
    .unwrap();
    sqlx::query("UPDATE mentor_profiles SET approval = 'approved'")
        .execute(&app.pool)
        .await
        .unwrap();
    let e1 = account(&app, "e1@example.kg", "E1", Role::Mentee).await;
    let e2 = account(&app, "e2@example.kg", "E2", Role::Mentee).await;
    let e3 = account(&app, "e3@example.kg", "E3", Role::Mentee).await;
    let day = 86_400;
    let r1 = rs::send(&app.pool, e1, m, "hi", "x", 0).await.unwrap();
    let r2 = rs::send(&app.pool, e2, m, "hi", "x", 10 * day)
        .await
        .unwrap();
    rs::send(&app.pool, e3, m, "hi", "x", 13 * day)
        .await
        .unwrap();
    // she declines the second after 3 days
    rs::act(
        &app.pool,
        r2,
        m,
        Event::Decline,
        Some(crate::mentoring::requests::DeclineReason::NoTime),
        None,
        13 * day,
    )
    .await
    .unwrap();

    // the daily reminder counts requests waiting two days or more: only the first (13 days)
    assert_eq!(
        rs::remind_waiting(&app.pool, 14 * day - 10).await.unwrap(),
        1
    );
    let param: String = count_text(
        &app,
        "SELECT param FROM notifications WHERE kind = 'reminder'",
    )
    .await;
    assert_eq!(param, "1");

    // 14 days of silence: the first expires, both sides are told
    assert_eq!(rs::expire_stale(&app.pool, 14 * day).await.unwrap(), 1);
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM notifications WHERE kind LIKE 'request_expired_%'"
        )
        .await,
        2
    );
    let _ = r1;

    // the card says how fast she answers (3 days for the one she answered)
    let reply =
        crate::matching::store::reply_times(&mut app.pool.acquire().await.unwrap(), 14 * day)
            .await
            .unwrap();
    assert_eq!(
        reply
            .get(&m)
            .map(|s| crate::matching::store::reply_days(*s)),
        Some(3)
    );
    with_password(&app, e3).await;
    app.as_user("e3@example.kg").await;
    let res = app.post_fetch("/api/discover_mentors", &[]).await;
    let page: crate::matching::DiscoverPage = serde_json::from_str(&res.body).unwrap();
    // requests older than 180 days before today do not count, so this one is "new" today
    assert_eq!(page.cards[0].replies, "No answered requests yet");
}

async fn count_text(app: &TestApp, sql: &str) -> String {
    sqlx::query_scalar(sql).fetch_one(&app.pool).await.unwrap()
}
