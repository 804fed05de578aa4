//! The dashboard through the real router, JavaScript off: its charts and tables, its CSV
//! files, its filters, and nobody but administrators.
use crate::auth::Role;
use crate::testing::{as_admin, matched, signed_up, TestApp};
use axum::http::StatusCode;

#[tokio::test]
async fn administrators_read_charts_and_tables_and_download_each_as_csv() {
    let mut app = TestApp::new().await;
    matched(&app).await;
    as_admin(&mut app).await;
    let page = app.get("/admin/dashboard").await;
    assert_eq!(page.status, StatusCode::OK);
    for title in [
        "Participants by role",
        "Participants by region",
        "New participants by month",
        "Mentor approval backlog",
        "Mentorship requests",
        "Mentorships",
        "Roadmap progress (steps)",
        "Lecture registrations and attendance",
        "Award votes per category",
        "Community organisations by year",
    ] {
        assert!(page.body.contains(title), "{title}");
    }
    assert!(page.body.contains("<svg role=\"img\""));
    assert!(page.body.contains("<table"));
    assert!(
        page.body.contains("Naryn"),
        "every region, Naryn among them"
    );
    assert!(page
        .body
        .contains("href=\"/admin/dashboard/participants-region.csv\""));
    let csv = app
        .get("/admin/dashboard/participants-region.csv?from=2020-01-01&region=")
        .await;
    assert_eq!(csv.status, StatusCode::OK);
    assert!(csv
        .body
        .starts_with("\u{feff}Region,Mentees,Mentors,Total\r\n"));
    assert!(csv
        .headers
        .get("content-disposition")
        .unwrap()
        .to_str()
        .unwrap()
        .contains("participants-region.csv"));
    let csv = app.get("/admin/dashboard/request-funnel.csv").await;
    assert!(csv.body.contains("Accepted,1"), "{}", csv.body);
    // hostile filters and names: a page, never an error
    for q in [
        "from=9999-99-99&to=%00&region=naryn%27--",
        "region=%FF%FE",
        "from=2030-01-01&to=2020-01-01",
    ] {
        assert_eq!(
            app.get(&format!("/admin/dashboard?{q}")).await.status,
            StatusCode::OK,
            "{q}"
        );
        let csv = app.get(&format!("/admin/dashboard/ratings.csv?{q}")).await;
        assert!(
            csv.status == StatusCode::OK || csv.status == StatusCode::BAD_REQUEST,
            "{q}"
        );
    }
    for bad in ["nothing.csv", "..%2F..%2Fetc%2Fpasswd", "ratings"] {
        assert_eq!(
            app.get(&format!("/admin/dashboard/{bad}")).await.status,
            StatusCode::NOT_FOUND,
            "{bad}"
        );
    }
}

#[tokio::test]
async fn nobody_else_reads_the_dashboard() {
    let mut app = TestApp::new().await;
    signed_up(&app, "partner@example.kg", "Partner", Role::Partner).await;
    app.as_user("partner@example.kg").await;
    assert_eq!(
        app.get("/admin/dashboard").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get("/admin/dashboard/participants-role.csv")
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.post_fetch("/api/dashboard", &[]).await.status,
        StatusCode::NOT_FOUND
    );
    app.clear_cookies();
    assert_eq!(
        app.get("/admin/dashboard/participants-role.csv")
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}
