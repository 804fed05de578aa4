//! The award through the real router: forms without JavaScript, the islands' fetches, forged
//! requests, hidden counts, email confirmation before voting, receipts and the results page.
use super::store;
use super::store_tests::{fixture, to_voting};
use crate::testing::{with_password, TestApp};
use axum::http::StatusCode;

async fn signed_in(app: &mut TestApp, id: i64, email: &str) {
    with_password(app, id).await;
    app.as_user(email).await;
}

/// The award's own clock is the real one here: move the fixture's dates around today.
async fn dates_from_now(app: &TestApp, cycle: i64) {
    let now = crate::db::now();
    sqlx::query("UPDATE award_cycles SET nominations_until = ?, voting_until = ? WHERE id = ?")
        .bind(now + 10 * 86_400)
        .bind(now + 20 * 86_400)
        .bind(cycle)
        .execute(&app.pool)
        .await
        .unwrap();
}

#[tokio::test]
async fn nominating_works_as_a_form_and_as_the_islands_fetch() {
    let mut app = TestApp::new().await;
    let fx = fixture(&app).await;
    dates_from_now(&app, fx.cycle).await;
    signed_in(&mut app, fx.mentee, "aigerim@award.kg").await;
    let page = app.get(&format!("/awards/{}", fx.cycle)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Nominate someone"));
    let cat = fx.cats[0].to_string();
    // a plain form: redirect back with a notice
    let res = app
        .post_form(
            "/api/award_nominate",
            &[
                ("category_id", &cat),
                ("email", "asel@award.kg"),
                ("org_name", ""),
                ("reason", "She taught 40 girls Python in Naryn."),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::FOUND);
    let page = app.follow(res).await;
    assert!(page.body.contains("Your nomination is in"));
    assert!(page.body.contains("Asel Mentor"));
    // the island's fetch: the viewer's nominations, rendered on the server
    let res = app
        .post_fetch(
            "/api/award_nominate",
            &[
                ("category_id", &cat),
                ("email", "bermet@award.kg"),
                ("org_name", ""),
                ("reason", "A great motivator."),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let fragment: super::island::AwardFragment = serde_json::from_str(&res.body).unwrap();
    assert!(fragment.html.contains("data-made") && fragment.html.contains("Bermet Mentor"));
    // bad input: a message for the field, nothing written
    let long = "x".repeat(1_001);
    let res = app
        .post_fetch(
            "/api/award_nominate",
            &[
                ("category_id", &cat),
                ("email", "asel@award.kg"),
                ("org_name", ""),
                ("reason", &long),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.body.contains("err.too_long") && res.body.contains("reason"));
    let res = app
        .post_form(
            "/api/award_nominate",
            &[
                ("cycle_id", &fx.cycle.to_string()),
                ("category_id", &cat),
                ("email", "aigerim@award.kg"),
                ("org_name", ""),
                ("reason", "Me!"),
            ],
        )
        .await;
    let page = app.follow(res).await;
    assert!(page.body.contains("You cannot nominate yourself."));
    let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM award_nominations")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(count, 2);
    // the nominee accepts from the cycle page
    signed_in(&mut app, fx.mentor_a, "asel@award.kg").await;
    let page = app.get(&format!("/awards/{}", fx.cycle)).await;
    assert!(page.body.contains("Nominations for you"));
    let id: i64 = sqlx::query_scalar("SELECT id FROM award_nominations WHERE nominee_id = ?")
        .bind(fx.mentor_a)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    // someone else's nomination is a 404
    let other: i64 = sqlx::query_scalar("SELECT id FROM award_nominations WHERE nominee_id = ?")
        .bind(fx.mentor_b)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let res = app
        .post_fetch(
            "/api/award_answer",
            &[("nomination_id", &other.to_string()), ("accept", "yes")],
        )
        .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    let res = app
        .post_form(
            "/api/award_answer",
            &[("nomination_id", &id.to_string()), ("accept", "yes")],
        )
        .await;
    let page = app.follow(res).await;
    assert!(page.body.contains("Your nomination is now public"));
}

#[tokio::test]
async fn votes_need_a_confirmed_email_keep_counts_hidden_and_refuse_forged_requests() {
    let mut app = TestApp::new().await;
    let fx = fixture(&app).await;
    let (a, b) = to_voting(&app, &fx).await;
    dates_from_now(&app, fx.cycle).await;
    // a new sign-up is not confirmed yet: the page says how, and a vote is refused
    app.sign_up("voter@award.kg", "Voter", "mentee").await;
    let page = app.get(&format!("/awards/{}", fx.cycle)).await;
    assert!(page.body.contains("Confirm your email address to vote"));
    let (cat, a_id) = (fx.cats[0].to_string(), a.to_string());
    let vote = [
        ("category_id", cat.as_str()),
        ("nomination_id", a_id.as_str()),
    ];
    let res = app.post_fetch("/api/award_vote", &vote).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.body.contains("err.award_unconfirmed"));
    // the link in the email confirms the address
    let link: String = sqlx::query_scalar(
        "SELECT link FROM email_outbox WHERE to_address = 'voter@award.kg' AND link LIKE '/confirm/%'",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(
        app.get("/confirm/not-a-token").await.status,
        StatusCode::NOT_FOUND
    );
    let page = app.get(&link).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Email address confirmed"));
    // a forged request (another site's origin) changes nothing
    let res = app
        .post_with(
            "/api/award_vote",
            &vote,
            Some("https://evil.example"),
            "application/json",
        )
        .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    assert_eq!(store::count_votes(&app.pool, a).await.unwrap(), 0);
    // the island's vote: the ballot comes back with the choice pressed and the receipt
    let res = app.post_fetch("/api/award_vote", &vote).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let fragment: super::island::AwardFragment = serde_json::from_str(&res.body).unwrap();
    assert!(fragment.html.contains("data-ballot"));
    assert!(fragment.html.contains("aria-pressed=\"true\""));
    // the ballot comes back with each finalist's report form (an island rendered outside a page)
    assert!(fragment.html.contains("name=\"kind\" value=\"nomination\""));
    let receipt: String = sqlx::query_scalar("SELECT receipt FROM award_votes")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert!(fragment.html.contains(&receipt));
    // a form changes the vote; ids swapped to another category are refused
    let b_id = b.to_string();
    let res = app
        .post_form(
            "/api/award_vote",
            &[("category_id", &cat), ("nomination_id", &b_id)],
        )
        .await;
    assert_eq!(res.status, StatusCode::FOUND);
    let other_cat = fx.cats[1].to_string();
    let res = app
        .post_fetch(
            "/api/award_vote",
            &[("category_id", &other_cat), ("nomination_id", &b_id)],
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(store::count_votes(&app.pool, a).await.unwrap(), 0);
    assert_eq!(store::count_votes(&app.pool, b).await.unwrap(), 1);
    // counts stay hidden from everyone but administrators
    let page = app.get(&format!("/awards/{}", fx.cycle)).await;
    assert!(page.body.contains(&receipt));
    assert!(!page.body.contains("counted votes"));
    assert_eq!(
        app.get(&format!("/admin/awards/{}", fx.cycle)).await.status,
        StatusCode::NOT_FOUND
    );
    let page = app
        .get(&format!("/awards/receipt?code={}", receipt.to_lowercase()))
        .await;
    assert!(page.body.contains("This vote counts in Best mentor"));
    with_password(&app, fx.admin).await;
    app.as_user("admin@award.kg").await;
    let page = app.get(&format!("/admin/awards/{}", fx.cycle)).await;
    assert!(page.body.contains("1 counted votes"));
    assert!(!page.body.contains("voter@award.kg"));
}

#[tokio::test]
async fn jurors_score_only_their_categories_and_the_results_page_shows_the_winner() {
    let mut app = TestApp::new().await;
    let fx = fixture(&app).await;
    let (a, b) = to_voting(&app, &fx).await;
    store::assign_juror(&app.pool, fx.cats[0], "jyldyz@award.kg", fx.admin, 0)
        .await
        .unwrap();
    for from in [super::Phase::Voting, super::Phase::VotingClosed] {
        store::advance(&app.pool, fx.cycle, from, fx.admin, 0)
            .await
            .unwrap();
    }
    let criteria: Vec<i64> =
        sqlx::query_scalar("SELECT id FROM award_criteria WHERE cycle_id = ? ORDER BY position")
            .bind(fx.cycle)
            .fetch_all(&app.pool)
            .await
            .unwrap();
    let score = |n: i64, s: &'static str| {
        let mut f: Vec<(String, String)> = vec![("nomination_id".into(), n.to_string())];
        for c in &criteria {
            f.push(("criteria[]".into(), c.to_string()));
            f.push(("scores[]".into(), s.into()));
        }
        f
    };
    // a mentor is not a juror: 404
    signed_in(&mut app, fx.mentor_a, "asel@award.kg").await;
    assert_eq!(app.get("/jury").await.status, StatusCode::NOT_FOUND);
    // a juror of another category is refused with a message
    let outsider =
        crate::testing::account(&app, "out@award.kg", "Out", crate::auth::Role::Jury).await;
    signed_in(&mut app, outsider, "out@award.kg").await;
    let f = score(a, "5");
    let fields: Vec<(&str, &str)> = f.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let res = app.post_fetch("/api/award_score", &fields).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.body.contains("err.award_not_assigned"));
    signed_in(&mut app, fx.juror, "jyldyz@award.kg").await;
    let page = app.get("/jury").await;
    assert!(page.body.contains("Asel Mentor") && page.body.contains("Impact: 40%"));
    for (n, s) in [(a, "3"), (b, "5")] {
        let f = score(n, s);
        let fields: Vec<(&str, &str)> = f.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let res = app.post_form("/api/award_score", &fields).await;
        assert_eq!(res.status, StatusCode::FOUND);
    }
    let f = score(a, "9");
    let fields: Vec<(&str, &str)> = f.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let res = app.post_fetch("/api/award_score", &fields).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    // results are not public before publication
    assert_eq!(
        app.get(&format!("/awards/{}/results", fx.cycle))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    signed_in(&mut app, fx.admin, "admin@award.kg").await;
    let res = app
        .post_form(
            "/api/award_advance",
            &[("cycle_id", &fx.cycle.to_string()), ("from", "jury")],
        )
        .await;
    assert_eq!(res.status, StatusCode::FOUND);
    app.clear_cookies();
    let page = app.get(&format!("/awards/{}/results", fx.cycle)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Winner"));
    let winner = page.body.find("Winner").unwrap();
    assert!(page.body[winner..].contains("Bermet Mentor"));
    assert!(page.body.contains("Changed many lives."));
}
