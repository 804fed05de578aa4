//! Lectures through the real router: publishing in the publisher's own zone, registering and
//! the link's hour with JavaScript off, who may manage (everyone else: 404), the calendar files.
use crate::auth::Role;
use crate::testing::{as_admin, id_of, signed_up, TestApp};
use http::StatusCode;

/// A start `days` ahead at 15:00 in `zone`, as the form's `datetime-local` gives it.
fn start_in(days: i64, zone: &jiff::tz::TimeZone) -> (String, i64) {
    let day = crate::time::day_in(crate::db::now(), zone) + days;
    let text = format!("{}T15:00", crate::time::iso_date(day));
    let at = crate::time::parse_datetime_local(&text, zone).unwrap();
    (text, at)
}

fn form<'a>(starts_at: &'a str, capacity: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("lecture_id", ""),
        ("title", "Лидерство в STEM"),
        ("topic", "leadership"),
        ("speaker", "Dr. Aizada"),
        ("language", "ru"),
        ("starts_at", starts_at),
        ("minutes", "90"),
        ("capacity", capacity),
        ("online_link", "https://meet.example.org/x"),
        ("description", ""),
        ("materials", "Slides | https://example.org/s.pdf"),
    ]
}

#[tokio::test]
async fn a_lecture_is_published_registered_for_and_managed_only_by_its_publisher() {
    let mut app = TestApp::new().await;
    signed_up(&app, "aida@example.kg", "Aida", Role::Mentee).await;
    signed_up(&app, "bakyt@example.kg", "Bakyt", Role::Mentee).await;
    let admin = as_admin(&mut app).await;
    // the administrator lives in Tokyo: the form's time is read there
    crate::auth::store::set_time_zone(&app.pool, admin, Some("Asia/Tokyo"))
        .await
        .unwrap();
    let tokyo = crate::time::zone("Asia/Tokyo").unwrap();
    let (text, at) = start_in(3, &tokyo);
    let res = app.post_form("/api/save_lecture", &form(&text, "1")).await;
    let to = res.location().unwrap().to_string();
    assert!(to.starts_with("/lectures/"), "{to} {}", res.body);
    let id: i64 = to["/lectures/".len()..].parse().unwrap();
    let starts: i64 = sqlx::query_scalar("SELECT starts_at FROM lectures WHERE id = ?")
        .bind(id)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(starts, at, "15:00 in Tokyo");
    // a start in the past, a duration of -5 and 0 places: refused with messages, nothing saved
    let (past, _) = start_in(-1, &tokyo);
    let mut bad = form(&past, "0");
    bad[6] = ("minutes", "-5");
    let res = app.post_form("/api/save_lecture", &bad).await;
    assert_eq!(res.location(), Some("/lectures/new"));
    let page = app.follow(res).await;
    assert!(page.body.contains("from 10 to 600"), "{}", page.body);
    let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM lectures")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(count, 1);

    // Aida, in Bishkek, reads 12:00 (Tokyo is 3 hours ahead) and registers without JavaScript
    app.as_user("aida@example.kg").await;
    let page = app.get(&format!("/lectures/{id}")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("12:00"), "{}", page.body);
    let res = app
        .post_form("/api/register_lecture", &[("lecture_id", &id.to_string())])
        .await;
    let page = app.follow(res).await;
    assert!(page.body.contains("You are registered"), "{}", page.body);
    assert!(page.body.contains("data-testid=\"lecture-link-later\""));
    assert!(
        !page.body.contains("meet.example.org"),
        "the link waits for its hour"
    );
    // registering twice: a clear message, nothing changes
    let res = app
        .post_form("/api/register_lecture", &[("lecture_id", &id.to_string())])
        .await;
    let page = app.follow(res).await;
    assert!(page.body.contains("already have a place"));
    // she cannot manage it: 404, and nothing changes
    for (path, fields) in [
        ("/api/save_lecture", form(&text, "5")),
        (
            "/api/lecture_attendance",
            vec![("lecture_id", "1"), ("present[]", "1")],
        ),
        (
            "/api/lecture_recording",
            vec![
                ("lecture_id", "1"),
                ("recording_link", "https://x.example.org/r"),
            ],
        ),
    ] {
        let mut fields = fields;
        if path == "/api/save_lecture" {
            fields[0] = ("lecture_id", "1");
        }
        let res = app.post_fetch(path, &fields).await;
        assert_eq!(res.status, StatusCode::NOT_FOUND, "{path}: {}", res.body);
    }
    assert_eq!(app.get("/lectures/new").await.status, StatusCode::NOT_FOUND);
    assert_eq!(
        app.get("/lectures/999999").await.status,
        StatusCode::NOT_FOUND
    );
    let capacity: i64 = sqlx::query_scalar("SELECT capacity FROM lectures WHERE id = ?")
        .bind(id)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(capacity, 1);

    // full: Bakyt is offered the waiting list and joins it; Aida cancels and he gets the place
    app.as_user("bakyt@example.kg").await;
    let page = app.get(&format!("/lectures/{id}")).await;
    assert!(page.body.contains("Join the waiting list"));
    let res = app
        .post_form(
            "/api/register_lecture",
            &[("lecture_id", &id.to_string()), ("wait", "1")],
        )
        .await;
    assert!(app
        .follow(res)
        .await
        .body
        .contains("number 1 on the waiting list"));
    app.as_user("aida@example.kg").await;
    let res = app
        .post_form(
            "/api/cancel_lecture_place",
            &[("lecture_id", &id.to_string())],
        )
        .await;
    app.follow(res).await;
    app.as_user("bakyt@example.kg").await;
    let page = app.get(&format!("/lectures/{id}")).await;
    assert!(page.body.contains("You are registered"));
    let notices = app.get("/notifications").await;
    assert!(
        notices.body.contains("A place opened up"),
        "{}",
        notices.body
    );
    let bakyt = id_of(&app, "bakyt@example.kg").await;

    // the lecture's calendar file: the same instant, in UTC
    let ics = app.get(&format!("/lectures/{id}/calendar.ics")).await;
    assert_eq!(ics.status, StatusCode::OK);
    assert!(ics.headers[http::header::CONTENT_TYPE]
        .to_str()
        .unwrap()
        .starts_with("text/calendar"));
    let events = crate::learning::calendar::read(&ics.body);
    assert_eq!(
        crate::learning::calendar::parse_utc(&events[0]["DTSTART"]),
        Some(at)
    );
    assert!(
        !ics.body.contains("meet.example.org"),
        "never the online link"
    );
    // his feed: unknown addresses are 404; his own lists the lecture until he ends it
    assert_eq!(
        app.get("/calendar/nothing.ics").await.status,
        StatusCode::NOT_FOUND
    );
    let token = crate::learning::calendar::store::renew(&app.pool, bakyt, 1)
        .await
        .unwrap();
    app.clear_cookies();
    let feed = app.get(&format!("/calendar/{token}.ics")).await;
    assert_eq!(feed.status, StatusCode::OK);
    assert_eq!(crate::learning::calendar::read(&feed.body).len(), 1);
    crate::learning::calendar::store::revoke(&app.pool, bakyt)
        .await
        .unwrap();
    assert_eq!(
        app.get(&format!("/calendar/{token}.ics")).await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn the_feed_address_is_shown_once_to_her_and_a_new_one_ends_the_old() {
    let mut app = TestApp::new().await;
    signed_up(&app, "aida@example.kg", "Aida", Role::Mentee).await;
    app.as_user("aida@example.kg").await;
    let res = app.post_form("/api/renew_calendar_feed", &[]).await;
    let page = app.follow(res).await;
    let start = page
        .body
        .find("http://localhost/calendar/")
        .expect("the address is shown");
    let address: String = page.body[start..]
        .chars()
        .take_while(|c| !c.is_whitespace() && *c != '<')
        .collect();
    let path = address.trim_start_matches("http://localhost").to_string();
    assert_eq!(app.get(&path).await.status, StatusCode::OK);
    // shown once: the page again does not carry it
    assert!(!app.get("/lectures").await.body.contains(&address));
    let res = app.post_form("/api/renew_calendar_feed", &[]).await;
    app.follow(res).await;
    assert_eq!(
        app.get(&path).await.status,
        StatusCode::NOT_FOUND,
        "the old address ended"
    );
}
