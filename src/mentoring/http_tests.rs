//! Discovery through the real router and a real SQLite with the real migrations.
use super::{DiscoverPage, Filters};
use crate::accounts::profiles::{self as p, store as profiles};
use crate::auth::Role;
use crate::testing::TestApp;
use axum::http::StatusCode;

struct M<'a> {
    name: &'a str,
    region: &'a str,
    skills: &'a [i64],
    langs: &'a [(p::Language, p::Level)],
    bio: &'a str,
    open: bool,
    approve: bool,
}

async fn account(app: &TestApp, email: &str, name: &str, role: Role) -> i64 {
    let new = crate::accounts::store::NewAccount {
        email,
        display_name: name,
        password_hash: "x",
        role,
        locale: crate::i18n::Locale::En,
        region: None,
        district: None,
        email_confirmed: true,
    };
    crate::accounts::store::create(&app.pool, &new, 1)
        .await
        .unwrap()
        .unwrap()
}

async fn mentor(app: &TestApp, m: M<'_>) -> i64 {
    let id = account(
        app,
        &format!("{}@example.kg", m.name.to_lowercase().replace(' ', ".")),
        m.name,
        Role::Mentor,
    )
    .await;
    let place = p::Place::from_stored(Some(m.region), None).unwrap();
    let v = p::ValidMentor {
        organisation: "Org".into(),
        title: "Engineer".into(),
        years_experience: 8,
        capacity: 2,
        status: if m.open {
            p::MentorStatus::Open
        } else {
            p::MentorStatus::Paused
        },
        bio: m.bio.into(),
        style: String::new(),
        common: p::Common {
            place,
            skills: m.skills.to_vec(),
            languages: m.langs.to_vec(),
        },
    };
    assert!(profiles::save_mentor(&app.pool, id, &v, 1).await.unwrap());
    if m.approve {
        profiles::review_mentor(&app.pool, id, true, None, id, 2)
            .await
            .unwrap();
    }
    id
}

async fn discover(app: &mut TestApp, f: &[(&str, &str)]) -> DiscoverPage {
    let res = app.post_fetch("/api/discover_mentors", f).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    serde_json::from_str(&res.body).unwrap()
}

fn names(p: &DiscoverPage) -> Vec<&str> {
    p.cards.iter().map(|c| c.name.as_str()).collect()
}

use p::Language::*;
use p::Level::*;

async fn fixture(app: &mut TestApp) {
    mentor(
        app,
        M {
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
        M {
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
        M {
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
        M {
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
        M {
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
    account(app, "aigerim@example.kg", "Aigerim", Role::Mentee).await;
    let hash = crate::auth::password::hash(crate::testing::PASSWORD.into())
        .await
        .unwrap();
    sqlx::query("UPDATE accounts SET password_hash = ? WHERE email = 'aigerim@example.kg'")
        .bind(hash)
        .execute(&app.pool)
        .await
        .unwrap();
    app.sign_in("aigerim@example.kg", crate::testing::PASSWORD)
        .await;
}

#[tokio::test]
async fn a_mentee_sees_approved_open_mentors_ranked_by_fit_with_reasons() {
    let mut app = TestApp::new().await;
    fixture(&mut app).await;
    // without a profile: listed, not scored
    let page = discover(&mut app, &[]).await;
    assert!(!page.scored);
    assert_eq!(names(&page), vec!["Asel Data", "Bermet Web", "Clara Grid"]);

    let res = app
        .post_form(
            "/api/save_mentee_profile",
            &[
                ("career_stage", "university"),
                ("goals", "Data"),
                ("meeting_format", "online"),
                ("hours_per_month", "4"),
                ("age_band", "adult"),
                ("region", "naryn"),
                ("skills[]", "102"),
                ("languages[ky]", "native"),
            ],
        )
        .await;
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
    assert_eq!(
        names(&discover(&mut app, &[("filters[field]", "2")]).await),
        vec!["Clara Grid"]
    );
    assert_eq!(
        names(&discover(&mut app, &[("filters[skill]", "101")]).await),
        vec!["Bermet Web"]
    );
    assert_eq!(
        names(&discover(&mut app, &[("filters[language]", "ru")]).await),
        vec!["Bermet Web", "Clara Grid"]
    );
    assert_eq!(
        names(&discover(&mut app, &[("filters[scope]", "international")]).await),
        vec!["Clara Grid"]
    );
    assert_eq!(
        names(&discover(&mut app, &[("filters[scope]", "regional")]).await),
        vec!["Asel Data", "Bermet Web"]
    );
    assert_eq!(
        names(&discover(&mut app, &[("filters[q]", "statist")]).await),
        vec!["Asel Data"]
    );
    assert_eq!(
        names(&discover(&mut app, &[("filters[q]", "веб")]).await),
        vec!["Bermet Web"]
    );
    assert_eq!(
        names(&discover(&mut app, &[("filters[q]", "\"); DROP TABLE accounts; --")]).await),
        Vec::<&str>::new()
    );
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
            M {
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
    account(&app, "m@example.kg", "M", Role::Mentor).await;
    let hash = crate::auth::password::hash(crate::testing::PASSWORD.into())
        .await
        .unwrap();
    sqlx::query("UPDATE accounts SET password_hash = ? WHERE email = 'm@example.kg'")
        .bind(hash)
        .execute(&app.pool)
        .await
        .unwrap();
    app.sign_in("m@example.kg", crate::testing::PASSWORD).await;
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
    let _ = Filters::default();
}
