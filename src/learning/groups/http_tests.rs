//! Peer groups through the real router, with JavaScript off: a group is started, joined,
//! posted to and scheduled; outsiders get 404 from the members' functions.
use crate::auth::Role;
use crate::testing::{signed_up, TestApp};
use http::StatusCode;

#[tokio::test]
async fn a_group_is_started_joined_posted_to_and_scheduled() {
    let mut app = TestApp::new().await;
    signed_up(&app, "aida@example.kg", "Aida", Role::Mentee).await;
    signed_up(&app, "bakyt@example.kg", "Bakyt", Role::Mentee).await;
    signed_up(&app, "cholpon@example.kg", "Cholpon", Role::Mentee).await;
    app.as_user("aida@example.kg").await;
    let res = app
        .post_form(
            "/api/save_group",
            &[
                ("group_id", ""),
                ("name", "Naryn coders"),
                ("region", "naryn"),
                ("language", "ky"),
                ("member_limit", "2"),
                ("description", ""),
            ],
        )
        .await;
    let to = res.location().unwrap().to_string();
    assert!(to.starts_with("/groups/"), "{to}");
    let id = to["/groups/".len()..].to_string();
    // a limit of 1 and a place abroad: refused with messages, nothing saved
    let res = app
        .post_form(
            "/api/save_group",
            &[
                ("group_id", ""),
                ("name", "x"),
                ("region", "abroad"),
                ("language", "ky"),
                ("member_limit", "1"),
            ],
        )
        .await;
    let page = app.follow(res).await;
    assert!(page.body.contains("from 2 to 500"));
    // a weekly meeting, read in her zone (Bishkek)
    let day = crate::time::today(crate::db::now()) + 2;
    let first = format!("{}T18:00", crate::time::iso_date(day));
    let res = app
        .post_form(
            "/api/schedule_group",
            &[
                ("group_id", &id),
                ("frequency", "weekly"),
                ("first_at", &first),
                ("minutes", "60"),
                ("place", "Naryn library"),
            ],
        )
        .await;
    let page = app.follow(res).await;
    assert!(page.body.contains("Every week; next:"), "{}", page.body);
    assert!(page.body.contains("18:00"));
    app.post_form(
        "/api/post_to_group",
        &[("group_id", &id), ("body", "Salam, everyone!")],
    )
    .await;

    // Bakyt sees the group but not its discussion or place until he joins
    app.as_user("bakyt@example.kg").await;
    let page = app.get(&format!("/groups/{id}")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(!page.body.contains("Salam, everyone!") && !page.body.contains("Naryn library"));
    let res = app
        .post_fetch(
            "/api/post_to_group",
            &[("group_id", &id), ("body", "let me in")],
        )
        .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    let res = app.post_form("/api/join_group", &[("group_id", &id)]).await;
    let page = app.follow(res).await;
    assert!(page.body.contains("Salam, everyone!") && page.body.contains("Naryn library"));
    // the organiser's functions: 404 to him
    let res = app
        .post_fetch(
            "/api/schedule_group",
            &[
                ("group_id", &id),
                ("frequency", ""),
                ("first_at", ""),
                ("minutes", ""),
                ("place", ""),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);

    // full: Cholpon is told so
    app.as_user("cholpon@example.kg").await;
    let page = app.get(&format!("/groups/{id}")).await;
    assert!(page.body.contains("This group is full."));
    let res = app
        .post_fetch("/api/join_group", &[("group_id", &id)])
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        app.get("/groups/999999").await.status,
        StatusCode::NOT_FOUND
    );
}
