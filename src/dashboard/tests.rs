//! The dashboard's figures against a real SQLite with the real migrations: each counts what
//! the tables hold, within the dates and the region asked for.
use super::store::figures;
use super::Filter;
use crate::auth::Role;
use crate::testing::{account, matched, TestApp};

const DAY: i64 = 86_400;

async fn at_region(app: &TestApp, id: i64, region: &str, created: i64) {
    sqlx::query("UPDATE accounts SET region = ?, created_at = ? WHERE id = ?")
        .bind(region)
        .bind(created)
        .bind(id)
        .execute(&app.pool)
        .await
        .unwrap();
}

#[tokio::test]
async fn the_figures_count_what_happened_in_the_range_and_region() {
    let app = TestApp::new().await;
    let t0 = crate::time::parse_date("2026-03-10").unwrap() * DAY;
    // the matched pair: Aigerim (mentee) and Asel (mentor), matched a day after her request
    let m = matched(&app).await;
    let (mentee, mentor): (i64, i64) =
        sqlx::query_as("SELECT mentee_id, mentor_id FROM mentorships WHERE id = ?")
            .bind(m)
            .fetch_one(&app.pool)
            .await
            .unwrap();
    at_region(&app, mentee, "naryn", t0).await;
    at_region(&app, mentor, "bishkek", t0).await;
    sqlx::query("UPDATE mentorship_requests SET created_at = ?, answered_at = ?")
        .bind(t0)
        .bind(t0 + DAY)
        .execute(&app.pool)
        .await
        .unwrap();
    sqlx::query("UPDATE mentorships SET started_at = ?, state = 'completed'")
        .bind(t0 + DAY)
        .execute(&app.pool)
        .await
        .unwrap();
    sqlx::query("INSERT INTO mentorship_ratings (mentorship_id, rater_id, rating, comment, created_at) VALUES (?, ?, 5, '', ?), (?, ?, 4, '', ?)")
        .bind(m).bind(mentee).bind(t0 + 2 * DAY)
        .bind(m).bind(mentor).bind(t0 + 2 * DAY)
        .execute(&app.pool)
        .await
        .unwrap();
    // two more mentees in Osh, one in April, one in May; a mentor still waiting for review
    for (i, month) in ["2026-04-02", "2026-05-20"].iter().enumerate() {
        let id = account(&app, &format!("osh{i}@example.kg"), "Osh", Role::Mentee).await;
        at_region(
            &app,
            id,
            "osh",
            crate::time::parse_date(month).unwrap() * DAY,
        )
        .await;
    }
    let waiting = crate::testing::mentor(&app, crate::testing::open_mentor("Bermet Code")).await;
    sqlx::query(
        "UPDATE mentor_profiles SET approval = 'pending', updated_at = ? WHERE account_id = ?",
    )
    .bind(t0)
    .bind(waiting)
    .execute(&app.pool)
    .await
    .unwrap();
    at_region(&app, waiting, "osh", t0).await;
    let now = crate::time::parse_date("2026-06-01").unwrap() * DAY;

    let all = figures(&app.pool, &Filter::default().query(), now)
        .await
        .unwrap();
    let count =
        |v: &[(String, i64)], c: &str| v.iter().find(|x| x.0 == c).map(|x| x.1).unwrap_or(0);
    assert_eq!(count(&all.roles, "mentee"), 3);
    assert_eq!(count(&all.roles, "mentor"), 2);
    assert_eq!(all.backlog, [1, 1, 1, 0]);
    assert_eq!(count(&all.funnel, "accepted"), 1);
    assert_eq!(all.to_match, (Some(DAY), 1));
    assert_eq!(count(&all.mentorships, "completed"), 1);
    assert_eq!(all.ratings, vec![(4, 1), (5, 1)]);
    let month = |m: &str| all.months.iter().find(|x| x.0 == m).cloned();
    assert_eq!(month("2026-03"), Some(("2026-03".into(), 1, 2)));
    assert_eq!(month("2026-04"), Some(("2026-04".into(), 1, 0)));
    assert_eq!(month("2026-05"), Some(("2026-05".into(), 1, 0)));

    // Naryn only: her, her request, her mentorship; the mentors elsewhere are not counted
    let naryn = Filter {
        region: "naryn".into(),
        ..Filter::default()
    };
    let n = figures(&app.pool, &naryn.query(), now).await.unwrap();
    assert_eq!(count(&n.roles, "mentee"), 1);
    assert_eq!(count(&n.roles, "mentor"), 0);
    assert_eq!(n.backlog, [0, 0, 0, 0]);
    assert_eq!(count(&n.funnel, "accepted"), 1);
    assert_eq!(n.regions, vec![("naryn".into(), 1, 0)]);

    // April and May only: the two mentees who joined then, nothing of March
    let spring = Filter {
        from: "2026-04-01".into(),
        to: "2026-05-31".into(),
        ..Filter::default()
    };
    let s = figures(&app.pool, &spring.query(), now).await.unwrap();
    assert_eq!(count(&s.roles, "mentee"), 2);
    assert_eq!(s.to_match, (None, 0));
    assert!(s.mentorships.is_empty() && s.ratings.is_empty());
    assert_eq!(
        s.months.iter().map(|m| m.0.as_str()).collect::<Vec<_>>(),
        vec!["2026-04", "2026-05"]
    );
}

#[tokio::test]
async fn every_region_is_a_row_even_at_zero_and_the_csv_reads_in_russian() {
    let app = TestApp::new().await;
    let id = account(&app, "a@example.kg", "Айгерим", Role::Mentee).await;
    at_region(&app, id, "naryn", 1).await;
    let f = figures(&app.pool, &Filter::default().query(), 10 * DAY)
        .await
        .unwrap();
    let sections = crate::i18n::with_locale(crate::i18n::Locale::Ru, || super::sections(&f));
    let regions = sections
        .iter()
        .find(|s| s.id == "participants-region")
        .unwrap();
    assert_eq!(
        regions.rows.len(),
        <crate::accounts::profiles::Region as crate::form::Choice>::ALL.len()
    );
    let csv = regions.csv();
    assert!(
        csv.starts_with("\u{feff}Регион,Менти,Наставники,Всего\r\n"),
        "{csv}"
    );
    assert!(
        csv.contains("Нарынская область,1,0,1") || csv.contains("Нарын"),
        "{csv}"
    );
    assert!(sections
        .iter()
        .all(|s| s.head.len() == s.rows.first().map_or(s.head.len(), Vec::len)));
}
