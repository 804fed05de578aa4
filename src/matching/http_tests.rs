//! Discovery through the real router and a real SQLite with the real migrations.
use crate::accounts::profiles::Language::*;
use crate::accounts::profiles::Level::*;
use crate::auth::Role;
use crate::matching::DiscoverPage;
use crate::testing::{discover, mentor, signed_up, NewMentor, TestApp, MENTEE_FORM, PASSWORD};
use axum::http::StatusCode;

fn names(p: &DiscoverPage) -> Vec<&str> {
    p.cards.iter().map(|c| c.name.as_str()).collect()
}

async fn fixture(app: &mut TestApp) {
    mentor(
        app,
        NewMentor {
            name: "Asel Data",
            region: "naryn",
            skills: &[102, 501],
            langs: &[(Ky, Native)],
            bio: "Data science and statistics for beginners.",
            open: true,
            approve: true,
        },
    )
    .await;
    mentor(
        app,
        NewMentor {
            name: "Bermet Web",
            region: "bishkek",
            skills: &[101],
            langs: &[(Ru, Native), (Ky, Fluent)],
            bio: "Веб-разработка и карьера.",
            open: true,
            approve: true,
        },
    )
    .await;
    mentor(
        app,
        NewMentor {
            name: "Clara Grid",
            region: "country:Germany",
            skills: &[203, 201],
            langs: &[(En, Fluent), (Ru, Conversational)],
            bio: "Renewable power grids.",
            open: true,
            approve: true,
        },
    )
    .await;
    mentor(
        app,
        NewMentor {
            name: "Dana Paused",
            region: "naryn",
            skills: &[102],
            langs: &[(Ky, Native)],
            bio: "On a break.",
            open: false,
            approve: true,
        },
    )
    .await;
    mentor(
        app,
        NewMentor {
            name: "Elmira Pending",
            region: "naryn",
            skills: &[102],
            langs: &[(Ky, Native)],
            bio: "Waiting.",
            open: true,
            approve: false,
        },
    )
    .await;
    // the mentee: data science in Naryn, Kyrgyz native
    signed_up(app, "aigerim@example.kg", "Aigerim", Role::Mentee).await;
    app.sign_in("aigerim@example.kg", PASSWORD).await;
}

#[tokio::test]
async fn a_mentee_sees_approved_open_mentors_ranked_by_fit_with_reasons() {
    let mut app = TestApp::new().await;
    fixture(&mut app).await;
    // without a profile: listed, not scored
    let page = discover(&mut app, &[]).await;
    assert!(!page.scored);
    assert_eq!(names(&page), vec!["Asel Data", "Bermet Web", "Clara Grid"]);

    // an adult at university (the shared form is a schoolgirl under 18): her stage is scored
    let form: Vec<(&str, &str)> = MENTEE_FORM
        .iter()
        .copied()
        .filter(|(k, _)| !matches!(*k, "career_stage" | "age_band"))
        .chain([("career_stage", "university"), ("age_band", "adult")])
        .collect();
    let res = app.post_form("/api/save_mentee_profile", &form).await;
    assert_eq!(res.location(), Some("/profile"));
    let page = discover(&mut app, &[]).await;
    assert!(page.scored);
    // Clara shares no language with a Kyrgyz-only mentee: listed last, without a score
    assert_eq!(names(&page), vec!["Asel Data", "Bermet Web", "Clara Grid"]);
    let asel = &page.cards[0];
    assert_eq!(asel.score, Some(100));
    assert_eq!(
        asel.reasons,
        vec![
            "shares Data science",
            "speaks Kyrgyz",
            "also in Naryn region"
        ]
    );
    assert!(page.cards[1].score.unwrap() < 100);
    assert_eq!(page.cards[2].score, None);
    assert_eq!(asel.spots_left, 2);
    assert_eq!(asel.place, "Naryn region");

    // paused mentors only with "also show mentors without free places"; pending never
    let all = discover(&mut app, &[("filters[include_full]", "true")]).await;
    assert!(names(&all).contains(&"Dana Paused"));
    assert!(!names(&all).contains(&"Elmira Pending"));
}

#[tokio::test]
async fn filters_and_free_text_narrow_the_list() {
    let mut app = TestApp::new().await;
    fixture(&mut app).await;
    let cases: &[(&str, &str, &[&str])] = &[
        ("filters[field]", "2", &["Clara Grid"]),
        ("filters[skill]", "101", &["Bermet Web"]),
        ("filters[language]", "ru", &["Bermet Web", "Clara Grid"]),
        ("filters[scope]", "international", &["Clara Grid"]),
        ("filters[scope]", "regional", &["Asel Data", "Bermet Web"]),
        ("filters[q]", "statist", &["Asel Data"]),
        ("filters[q]", "веб", &["Bermet Web"]),
        ("filters[q]", "\"); DROP TABLE accounts; --", &[]),
        // her name finds her too (it is in no profile text)
        ("filters[q]", "bermet", &["Bermet Web"]),
        ("filters[q]", "Asel dat", &["Asel Data"]),
    ];
    for &(key, value, want) in cases {
        let page = discover(&mut app, &[(key, value)]).await;
        assert_eq!(names(&page), want, "{key}={value}");
    }
    let none = discover(&mut app, &[("filters[q]", "astronomy")]).await;
    assert_eq!((none.total, none.pages, none.page), (0, 1, 1));
}

#[tokio::test]
async fn profile_edits_reach_the_search_index() {
    let mut app = TestApp::new().await;
    fixture(&mut app).await;
    let id: i64 = sqlx::query_scalar("SELECT id FROM accounts WHERE display_name = 'Asel Data'")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    sqlx::query("UPDATE mentor_profiles SET bio = 'Glaciology now.' WHERE account_id = ?")
        .bind(id)
        .execute(&app.pool)
        .await
        .unwrap();
    assert_eq!(
        names(&discover(&mut app, &[("filters[q]", "glacio")]).await),
        vec!["Asel Data"]
    );
    assert!(names(&discover(&mut app, &[("filters[q]", "statistics")]).await).is_empty());
}

#[tokio::test]
async fn results_are_paged_and_the_page_works_without_javascript() {
    let mut app = TestApp::new().await;
    for i in 0..12 {
        let name = format!("Mentor {i:02}");
        mentor(
            &app,
            NewMentor {
                name: &name,
                region: "osh",
                skills: &[101],
                langs: &[(Ru, Native)],
                bio: "Web.",
                open: true,
                approve: true,
            },
        )
        .await;
    }
    signed_up(&app, "m@example.kg", "M", Role::Mentor).await;
    app.sign_in("m@example.kg", PASSWORD).await;
    let second = discover(&mut app, &[("filters[page]", "2")]).await;
    assert_eq!(
        (second.total, second.pages, second.page, second.cards.len()),
        (12, 2, 2, 2)
    );
    let beyond = discover(&mut app, &[("filters[page]", "9")]).await;
    assert_eq!(beyond.page, 2);

    // the server-rendered page reads the GET form's query string
    let page = app.get("/mentors?skill=101&language=ru&page=2").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Mentors found: 12"), "{}", page.body);
    assert!(page.body.contains("Mentor 11") && !page.body.contains("Mentor 00"));
    assert!(page
        .body
        .contains("href=\"/mentors?skill=101&amp;language=ru&amp;page=1\""));
    assert!(page.body.contains("<option value=\"101\" selected"));

    app.clear_cookies();
    assert_eq!(app.get("/mentors").await.location(), Some("/signin"));
    assert_eq!(
        app.post_fetch("/api/discover_mentors", &[]).await.status,
        StatusCode::UNAUTHORIZED
    );
}

/// Cohort matching on the real database: who is in the cohort, which pairs the hard filters
/// and history rule out, the solver's pairs and their CSV.
#[tokio::test]
async fn a_cohort_proposal_pairs_mentees_with_mentors_who_fit() {
    use crate::matching::cohort::{propose, Objective};
    use crate::mentoring::requests::{store as rs, DeclineReason, Event};
    let mut app = TestApp::new().await;
    // Asel speaks Kyrgyz and has 2 places; Bermet speaks only Russian
    let asel = mentor(&app, crate::testing::open_mentor("Asel Data")).await;
    let bermet = mentor(
        &app,
        NewMentor {
            langs: &[(Ru, Native)],
            ..crate::testing::open_mentor("Bermet Ru")
        },
    )
    .await;
    // three Kyrgyz-speaking mentees with profiles, one without
    let mut mentees = Vec::new();
    for (email, name) in [
        ("a@example.kg", "Aigerim"),
        ("b@example.kg", "Begimai, \"Bega\""),
        ("c@example.kg", "Cholpon"),
    ] {
        app.clear_cookies();
        app.sign_up(email, name, "mentee").await;
        app.post_form("/api/save_mentee_profile", MENTEE_FORM).await;
        mentees.push(crate::testing::id_of(&app, email).await);
    }
    // Dinara has no profile; Elnura has not confirmed her address
    app.clear_cookies();
    app.sign_up("d@example.kg", "Dinara", "mentee").await;
    sqlx::query("UPDATE accounts SET email_confirmed_at = 1 WHERE role = 'mentee'")
        .execute(&app.pool)
        .await
        .unwrap();
    app.clear_cookies();
    app.sign_up("e@example.kg", "Elnura", "mentee").await;
    app.post_form("/api/save_mentee_profile", MENTEE_FORM).await;

    let now = crate::db::now();
    let draft = crate::matching::cohort::store::cohort(
        &mut app.pool.acquire().await.unwrap(),
        &Default::default(),
        crate::i18n::Locale::En,
        now,
    )
    .await
    .unwrap();
    let ids =
        |m: &[crate::matching::cohort::store::Member]| m.iter().map(|x| x.id).collect::<Vec<_>>();
    assert_eq!(
        ids(&draft.mentees),
        mentees,
        "no profile or unconfirmed: not in the cohort"
    );
    assert_eq!(ids(&draft.mentors), vec![asel, bermet]);
    assert!(
        draft.cohort.fit.iter().all(|row| row[1].is_none()),
        "no shared language"
    );
    let p = propose(&draft.cohort, Objective::BestTotalFit);
    assert_eq!(p.pairs.len(), 2, "Asel's two places");
    assert!(p.pairs.iter().all(|&(_, m)| m == 0));
    let csv = draft.csv(&p);
    assert!(csv.starts_with(
        "\u{FEFF}mentee_email,mentee_name,mentee_under_18,mentor_email,mentor_name,fit\r\n"
    ));
    assert_eq!(csv.lines().count(), 3);
    assert!(
        csv.contains(",yes,asel.data@example.kg,Asel Data,"),
        "{csv}"
    );

    // a pair the mentor declined is ruled out; a mentee who has her mentor leaves the cohort
    let r = rs::send(&app.pool, mentees[0], asel, "hi", "x", now)
        .await
        .unwrap();
    rs::act(
        &app.pool,
        r,
        asel,
        Event::Decline,
        Some(DeclineReason::NoTime),
        None,
        now,
    )
    .await
    .unwrap();
    let r = rs::send(&app.pool, mentees[1], asel, "hi", "x", now)
        .await
        .unwrap();
    rs::act(&app.pool, r, asel, Event::Accept, None, None, now)
        .await
        .unwrap();
    let draft = crate::matching::cohort::store::cohort(
        &mut app.pool.acquire().await.unwrap(),
        &Default::default(),
        crate::i18n::Locale::En,
        now,
    )
    .await
    .unwrap();
    assert_eq!(ids(&draft.mentees), vec![mentees[0], mentees[2]]);
    assert_eq!(draft.cohort.places, vec![1, 2]);
    assert_eq!(draft.cohort.fit[0][0], None, "declined before");
    let p = propose(&draft.cohort, Objective::MostMatched);
    assert_eq!(p.pairs, vec![(1, 0)]);
}
