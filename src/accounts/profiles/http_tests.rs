//! Profiles through the real router and a real SQLite with the real migrations.
use crate::testing::{as_admin, id_of, TestApp, MENTEE_FORM, PASSWORD};
use axum::http::StatusCode;

const MENTOR_FORM: &[(&str, &str)] = &[
    ("organisation", "Naryn Hydro"),
    ("title", "Hydropower engineer"),
    ("years_experience", "9"),
    ("capacity", "2"),
    ("status", "open"),
    ("bio", "I design small hydropower plants <and> teach."),
    ("style", ""),
    ("region", "naryn"),
    ("district", "At-Bashy"),
    ("country", ""),
    ("skills[]", "202"),
    ("skills[]", "201"),
    ("languages[ky]", "native"),
    ("languages[ru]", "fluent"),
    ("languages[en]", ""),
];

/// A mentor says whom she likes to mentor and how many hours a month she gives; both are
/// optional, shown on her page, kept when the form comes back refused, and a stage the form
/// does not offer is refused with nothing saved.
#[tokio::test]
async fn a_mentor_says_whom_she_likes_to_mentor_and_her_hours() {
    let mut app = TestApp::new().await;
    app.sign_up("gulnara@example.kg", "Gulnara", "mentor").await;
    let mentor = id_of(&app, "gulnara@example.kg").await;
    let mut form = MENTOR_FORM.to_vec();
    form.extend([
        ("stages[]", "university"),
        ("stages[]", "school"),
        ("hours_per_month", "6"),
    ]);
    let res = app.post_form("/api/save_mentor_profile", &form).await;
    assert_eq!(res.location(), Some("/profile"));
    let stored: (String, Option<i64>) =
        sqlx::query_as("SELECT stages, hours_per_month FROM mentor_profiles WHERE account_id = ?")
            .bind(mentor)
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(stored, ("school,university".into(), Some(6)));
    let form_page = app.get("/profile").await;
    assert!(form_page.body.contains("value=\"school\" checked"));
    assert!(!form_page.body.contains("value=\"career_change\" checked"));
    let own = app.get(&format!("/mentors/{mentor}")).await;
    assert!(own
        .body
        .contains("School students, University and college students"));
    assert!(own.body.contains("6 hours a month"));
    // a stage the form does not offer, and hours out of range: refused, nothing changes
    let mut bad = MENTOR_FORM.to_vec();
    bad.extend([("stages[]", "retired"), ("hours_per_month", "500")]);
    let res = app.post_fetch("/api/save_mentor_profile", &bad).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", res.body);
    assert!(res.body.contains("stages") && res.body.contains("hours_per_month"));
    // left out: no preference, not said
    let res = app.post_form("/api/save_mentor_profile", MENTOR_FORM).await;
    assert_eq!(res.location(), Some("/profile"));
    let stored: (String, Option<i64>) =
        sqlx::query_as("SELECT stages, hours_per_month FROM mentor_profiles WHERE account_id = ?")
            .bind(mentor)
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(stored, (String::new(), None));
}

#[tokio::test]
async fn a_mentor_profile_is_listed_only_after_approval() {
    let mut app = TestApp::new().await;
    app.sign_up("gulnara@example.kg", "Gulnara", "mentor").await;
    let mentor = id_of(&app, "gulnara@example.kg").await;
    let res = app.post_form("/api/save_mentor_profile", MENTOR_FORM).await;
    assert_eq!(res.location(), Some("/profile"));
    let page = app.follow(res).await;
    assert!(
        page.body.contains("Your profile is saved."),
        "{}",
        page.body
    );
    assert!(page.body.contains("Waiting for review"));
    assert!(page.body.contains("value=\"Naryn Hydro\""));
    assert!(
        page.body.contains("value=\"202\" checked") && page.body.contains("value=\"201\" checked")
    );
    assert!(!page.body.contains("value=\"101\" checked"));
    // her own view shows it, text escaped
    let own = app.get(&format!("/mentors/{mentor}")).await;
    assert!(own
        .body
        .contains("I design small hydropower plants &lt;and&gt; teach."));
    assert!(own.body.contains("Naryn region, At-Bashy"));
    assert!(own.body.contains("Kyrgyz (native), Russian (fluent)"));

    // another signed-in person cannot see a pending profile: 404, same as no profile
    app.clear_cookies();
    app.sign_up("aigerim@example.kg", "Aigerim", "mentee").await;
    assert_eq!(
        app.get(&format!("/mentors/{mentor}")).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get("/mentors/999999").await.status,
        StatusCode::NOT_FOUND
    );
    // nor anyone signed out
    app.clear_cookies();
    assert_eq!(
        app.get(&format!("/mentors/{mentor}")).await.location(),
        Some("/signin")
    );

    as_admin(&mut app).await;
    let queue = app.get("/admin/mentors").await;
    assert!(queue.body.contains("Gulnara") && queue.body.contains("Hydropower engineer"));
    let res = app
        .post_form(
            "/api/review_mentor",
            &[
                ("account_id", &mentor.to_string()),
                ("decision", "approve"),
                ("reason", ""),
            ],
        )
        .await;
    let page = app.follow(res).await;
    assert!(page
        .body
        .contains("The profile is approved and now listed."));
    assert!(page.body.contains("No profiles are waiting for review."));
    // reviewing twice changes nothing
    let res = app
        .post_fetch(
            "/api/review_mentor",
            &[
                ("account_id", &mentor.to_string()),
                ("decision", "reject"),
                ("reason", "x"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);

    app.clear_cookies();
    app.sign_in("aigerim@example.kg", PASSWORD).await;
    let page = app.get(&format!("/mentors/{mentor}")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Up to 2 mentees at a time"));
    // her email is never on it
    assert!(!page.body.contains("gulnara@example.kg"));
}

#[tokio::test]
async fn a_rejection_needs_a_reason_and_an_edit_sends_it_back_for_review() {
    let mut app = TestApp::new().await;
    app.sign_up("m@example.kg", "M", "mentor").await;
    let mentor = id_of(&app, "m@example.kg").await;
    app.post_form("/api/save_mentor_profile", MENTOR_FORM).await;
    let mentor_cookie = app.cookie(crate::auth::SESSION_COOKIE).unwrap().to_string();

    as_admin(&mut app).await;
    let res = app
        .post_form(
            "/api/review_mentor",
            &[
                ("account_id", &mentor.to_string()),
                ("decision", "reject"),
                ("reason", " "),
            ],
        )
        .await;
    let page = app.follow(res).await;
    assert!(
        page.body
            .contains(&format!("id=\"review_{mentor}-reason-error\"")),
        "{}",
        page.body
    );
    assert!(page.body.contains("This field is required."));
    let res = app
        .post_form(
            "/api/review_mentor",
            &[
                ("account_id", &mentor.to_string()),
                ("decision", "reject"),
                ("reason", "Please describe your experience."),
            ],
        )
        .await;
    assert!(app
        .follow(res)
        .await
        .body
        .contains("the mentor sees your reason"));

    app.set_cookie(crate::auth::SESSION_COOKIE, &mentor_cookie);
    let page = app.get("/profile").await;
    assert!(
        page.body.contains("Not approved.")
            && page.body.contains("Please describe your experience.")
    );
    app.post_form("/api/save_mentor_profile", MENTOR_FORM).await;
    assert!(app
        .get("/profile")
        .await
        .body
        .contains("Waiting for review"));
}

#[tokio::test]
async fn bad_profiles_are_explained_and_write_nothing() {
    let mut app = TestApp::new().await;
    app.sign_up("m@example.kg", "M", "mentor").await;
    let mut bad: Vec<(&str, &str)> = MENTOR_FORM
        .iter()
        .copied()
        .filter(|(k, _)| !k.starts_with("skills"))
        .collect();
    bad.retain(|(k, _)| *k != "capacity");
    bad.push(("capacity", "11"));
    bad.push(("skills[]", "202"));
    bad.push(("skills[]", "99999")); // not in the taxonomy
    let res = app.post_form("/api/save_mentor_profile", &bad).await;
    let page = app.follow(res).await;
    assert!(
        page.body.contains("Enter a whole number from 1 to 10."),
        "{}",
        page.body
    );
    assert!(page.body.contains("value=\"11\""), "typed value kept");
    // fix the number: the unknown skill is still refused, and nothing is written
    bad.retain(|(k, _)| *k != "capacity");
    bad.push(("capacity", "3"));
    let res = app.post_fetch("/api/save_mentor_profile", &bad).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    let rows: i64 = sqlx::query_scalar("SELECT (SELECT COUNT(*) FROM mentor_profiles) + (SELECT COUNT(*) FROM profile_skills) + (SELECT COUNT(*) FROM profile_languages)")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(rows, 0);
    let region: Option<String> = sqlx::query_scalar("SELECT region FROM accounts")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(region, None, "the account's region is untouched too");

    // a mentee cannot save a mentor profile, and nobody signed out can save anything
    app.clear_cookies();
    app.sign_up("e@example.kg", "E", "mentee").await;
    assert_eq!(
        app.post_fetch("/api/save_mentor_profile", MENTOR_FORM)
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.post_fetch(
            "/api/review_mentor",
            &[("account_id", "1"), ("decision", "approve")]
        )
        .await
        .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get("/admin/mentors").await.status,
        StatusCode::NOT_FOUND
    );
    app.clear_cookies();
    assert_eq!(
        app.post_fetch("/api/save_mentee_profile", MENTEE_FORM)
            .await
            .status,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn contact_details_are_refused_where_others_read_a_profile() {
    let mut app = TestApp::new().await;
    app.sign_up("e@example.kg", "E", "mentee").await;
    let with = |field: &'static str, value: &'static str| -> Vec<(&'static str, &'static str)> {
        MENTEE_FORM
            .iter()
            .map(|(k, v)| if *k == field { (*k, value) } else { (*k, *v) })
            .collect()
    };
    for (field, value) in [
        ("goals", "Стать аналитиком, пишите +996 555 123 456"),
        ("district", "At-Bashy @aigerim_t"),
        ("goals", "Become a data analyst: aigerim.t@gmail.com"),
    ] {
        let res = app
            .post_fetch("/api/save_mentee_profile", &with(field, value))
            .await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{field}");
        assert!(res.body.contains("err.contact_here"), "{}", res.body);
    }
    let rows: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM mentee_profiles")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(rows, 0);
    // dates, hours and course codes are not contact details
    let fine = with(
        "goals",
        "Finish CS50 by 12.12.2026, 4 hours a week from 18:00",
    );
    let res = app.post_form("/api/save_mentee_profile", &fine).await;
    assert_eq!(res.location(), Some("/profile"));
}

#[tokio::test]
async fn a_mentee_profile_is_private() {
    let mut app = TestApp::new().await;
    app.sign_up("aigerim@example.kg", "Aigerim", "mentee").await;
    let mentee = id_of(&app, "aigerim@example.kg").await;
    let res = app.post_form("/api/save_mentee_profile", MENTEE_FORM).await;
    assert!(app
        .follow(res)
        .await
        .body
        .contains("Your profile is saved."));
    let own = app.get(&format!("/mentees/{mentee}")).await;
    assert_eq!(own.status, StatusCode::OK);
    assert!(own.body.contains("Become a data analyst") && own.body.contains("Under 18"));

    // a mentor who was never asked, and another mentee, get 404
    for (email, role) in [
        ("mentor@example.kg", "mentor"),
        ("other@example.kg", "mentee"),
    ] {
        app.clear_cookies();
        app.sign_up(email, "X", role).await;
        assert_eq!(
            app.get(&format!("/mentees/{mentee}")).await.status,
            StatusCode::NOT_FOUND,
            "{role}"
        );
        assert_eq!(
            app.post_fetch("/api/mentee_profile", &[("id", &mentee.to_string())])
                .await
                .status,
            StatusCode::NOT_FOUND
        );
    }
    as_admin(&mut app).await;
    assert_eq!(
        app.get(&format!("/mentees/{mentee}")).await.status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn the_taxonomy_is_translated_and_profiles_match_across_languages() {
    let (pool, _dir) = crate::testing::temp_db().await;
    let en = super::store::taxonomy(&pool, crate::i18n::Locale::En)
        .await
        .unwrap();
    let ky = super::store::taxonomy(&pool, crate::i18n::Locale::Ky)
        .await
        .unwrap();
    assert_eq!(en.len(), ky.len());
    assert_eq!(en[0].name, "Software engineering");
    assert_eq!(ky[0].name, "Программалык инженерия");
    let ids = |t: &Vec<super::FieldGroup>| {
        t.iter()
            .flat_map(|f| f.skills.iter().map(|s| s.id))
            .collect::<Vec<_>>()
    };
    assert_eq!(ids(&en), ids(&ky));
    assert!(en.iter().all(|f| !f.skills.is_empty()));
}

#[tokio::test]
async fn a_refused_form_keeps_long_cyrillic_text_and_its_messages() {
    let mut app = TestApp::new().await;
    app.sign_up("m@example.kg", "M", "mentor").await;
    // a near-limit bio and style in Cyrillic (about 9 KB as form values), refused for the
    // capacity: all of it comes back, with the message, and the cookie stays small
    let bio = "Проектирую малые ГЭС в Нарыне и учу студенток. ".repeat(40);
    let bio = bio.trim().to_string();
    let style = "Встречаемся раз в неделю онлайн, разбираем задачи. ".repeat(18);
    let style = style.trim().to_string();
    let mut form: Vec<(&str, &str)> = MENTOR_FORM
        .iter()
        .copied()
        .filter(|(k, _)| !matches!(*k, "bio" | "style" | "capacity"))
        .collect();
    form.push(("bio", &bio));
    form.push(("style", &style));
    form.push(("capacity", "11"));
    let res = app.post_form("/api/save_mentor_profile", &form).await;
    let cookie = res
        .set_cookies()
        .into_iter()
        .find(|c| c.starts_with("s4a_flash="))
        .expect("a flash cookie");
    assert!(cookie.len() < 120, "{cookie}");
    let back = res.location().unwrap().to_string();
    let page = app.follow(res).await;
    assert!(page.body.contains("Enter a whole number from 1 to 10."));
    assert!(page.body.contains(&bio), "the bio came back whole");
    assert!(page.body.contains(&style), "the style came back whole");
    // shown once
    let again = app.get(&back).await;
    assert!(!again.body.contains("Enter a whole number from 1 to 10."));
}

#[tokio::test]
async fn an_approved_mentors_text_change_waits_while_others_see_the_approved_one() {
    let mut app = TestApp::new().await;
    app.sign_up("gulnara@example.kg", "Gulnara", "mentor").await;
    let mentor = id_of(&app, "gulnara@example.kg").await;
    app.post_form("/api/save_mentor_profile", MENTOR_FORM).await;
    as_admin(&mut app).await;
    app.post_form(
        "/api/review_mentor",
        &[
            ("account_id", &mentor.to_string()),
            ("decision", "approve"),
            ("reason", ""),
        ],
    )
    .await;

    // she changes her bio (with a phone number) and her capacity
    app.as_user("gulnara@example.kg").await;
    let changed: Vec<(&str, &str)> = MENTOR_FORM
        .iter()
        .map(|(k, v)| match *k {
            "bio" => (*k, "Call me on 0555 123 456 for hydropower."),
            "capacity" => (*k, "3"),
            _ => (*k, *v),
        })
        .collect();
    let res = app.post_form("/api/save_mentor_profile", &changed).await;
    let page = app.follow(res).await;
    assert!(page
        .body
        .contains("Your changed texts wait for an administrator"));
    assert!(page.body.contains("data-testid=\"change-waits\""));
    // her form holds her change
    assert!(page.body.contains("Call me on 0555 123 456"));

    // a mentee sees the approved bio, and the new capacity
    app.clear_cookies();
    app.sign_up("aigerim@example.kg", "Aigerim", "mentee").await;
    let seen = app.get(&format!("/mentors/{mentor}")).await;
    assert_eq!(seen.status, StatusCode::OK);
    assert!(seen
        .body
        .contains("I design small hydropower plants &lt;and&gt; teach."));
    assert!(!seen.body.contains("0555"));
    let api = app
        .post_fetch("/api/mentor_profile", &[("id", &mentor.to_string())])
        .await;
    assert_eq!(api.status, StatusCode::OK, "{}", api.body);
    assert!(api.body.contains("I design small hydropower plants"));
    assert!(!api.body.contains("0555"), "{}", api.body);
    let capacity: i64 =
        sqlx::query_scalar("SELECT capacity FROM mentor_profiles WHERE account_id = ?")
            .bind(mentor)
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(capacity, 3);

    // the administrator sees both versions and turns the change down with a reason
    as_admin(&mut app).await;
    let queue = app.get("/admin/mentors").await;
    assert!(queue.body.contains("data-testid=\"profile-change\""));
    assert!(queue.body.contains("Call me on 0555 123 456"));
    // approving a version other than the one she read is refused: review it again
    let stale = app
        .post_fetch(
            "/api/review_mentor",
            &[
                ("account_id", &mentor.to_string()),
                ("decision", "approve"),
                ("seen", "1"),
                ("reason", ""),
            ],
        )
        .await;
    assert_eq!(stale.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(stale.body.contains("err.review_changed"), "{}", stale.body);
    let res = app
        .post_form(
            "/api/review_mentor",
            &[
                ("account_id", &mentor.to_string()),
                ("decision", "reject"),
                ("reason", "Please keep phone numbers off your profile."),
            ],
        )
        .await;
    assert_eq!(res.location(), Some("/admin/mentors"));
    // a second decision finds nothing waiting
    let again = app
        .post_fetch(
            "/api/review_mentor",
            &[
                ("account_id", &mentor.to_string()),
                ("decision", "approve"),
                ("reason", ""),
            ],
        )
        .await;
    assert_eq!(again.status, StatusCode::NOT_FOUND);
    app.as_user("gulnara@example.kg").await;
    let page = app.get("/profile").await;
    assert!(page
        .body
        .contains("Please keep phone numbers off your profile."));
    assert!(page.body.contains("I design small hydropower plants"));
    let approval: String =
        sqlx::query_scalar("SELECT approval FROM mentor_profiles WHERE account_id = ?")
            .bind(mentor)
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(approval, "approved", "she stays listed");

    // a clean change, approved, is what everyone sees
    let clean: Vec<(&str, &str)> = MENTOR_FORM
        .iter()
        .map(|(k, v)| match *k {
            "bio" => (*k, "I design small hydropower plants in Naryn."),
            _ => (*k, *v),
        })
        .collect();
    app.post_form("/api/save_mentor_profile", &clean).await;
    as_admin(&mut app).await;
    app.post_form(
        "/api/review_mentor",
        &[
            ("account_id", &mentor.to_string()),
            ("decision", "approve"),
            ("reason", ""),
        ],
    )
    .await;
    app.as_user("aigerim@example.kg").await;
    let seen = app.get(&format!("/mentors/{mentor}")).await;
    assert!(seen
        .body
        .contains("I design small hydropower plants in Naryn."));
    // saving the same texts again makes no change to review
    app.as_user("gulnara@example.kg").await;
    let res = app.post_form("/api/save_mentor_profile", &clean).await;
    assert!(app
        .follow(res)
        .await
        .body
        .contains("Your profile is saved."));
    let waiting: Option<i64> =
        sqlx::query_scalar("SELECT draft_at FROM mentor_profiles WHERE account_id = ?")
            .bind(mentor)
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(waiting, None);
}

#[tokio::test]
async fn turning_under_18_makes_her_public_roadmaps_private() {
    use crate::roadmaps::{store as rm, Visibility};
    let mut app = TestApp::new().await;
    app.sign_up("aigerim@example.kg", "Aigerim", "mentee").await;
    let me = id_of(&app, "aigerim@example.kg").await;
    let adult: Vec<(&str, &str)> = MENTEE_FORM
        .iter()
        .map(|(k, v)| {
            if *k == "age_band" {
                (*k, "adult")
            } else {
                (*k, *v)
            }
        })
        .collect();
    app.post_form("/api/save_mentee_profile", &adult).await;
    let input = |visibility| rm::RoadmapInput {
        title: "Data analyst".into(),
        description: String::new(),
        target_date: None,
        visibility,
    };
    let public = rm::create(&app.pool, me, &input(Visibility::Public), None, 1)
        .await
        .unwrap();
    let shared = rm::create(&app.pool, me, &input(Visibility::Mentor), None, 1)
        .await
        .unwrap();
    let res = app.post_form("/api/save_mentee_profile", MENTEE_FORM).await;
    assert_eq!(res.location(), Some("/profile"));
    let rows: Vec<(String, i64)> =
        sqlx::query_as("SELECT visibility, version FROM roadmaps WHERE id IN (?, ?) ORDER BY id")
            .bind(public)
            .bind(shared)
            .fetch_all(&app.pool)
            .await
            .unwrap();
    assert_eq!(
        rows,
        vec![("private".to_string(), 2), ("mentor".to_string(), 1)]
    );
}

#[tokio::test]
async fn a_mentee_says_where_she_would_like_her_mentor_to_be() {
    let mut app = TestApp::new().await;
    app.sign_up("e@example.kg", "E", "mentee").await;
    let with = |value: &'static str| -> Vec<(&'static str, &'static str)> {
        let mut f: Vec<(&str, &str)> = MENTEE_FORM.to_vec();
        f.push(("mentor_from", value));
        f
    };
    // an unknown answer is refused and nothing is written
    let res = app
        .post_fetch("/api/save_mentee_profile", &with("the moon"))
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    // a form without the field (saved before it existed) means anywhere
    let res = app.post_form("/api/save_mentee_profile", MENTEE_FORM).await;
    assert_eq!(res.location(), Some("/profile"));
    let pool = app.pool.clone();
    let stored = || async {
        sqlx::query_scalar::<_, String>("SELECT mentor_from FROM mentee_profiles")
            .fetch_one(&pool)
            .await
            .unwrap()
    };
    assert_eq!(stored().await, "either");
    let res = app
        .post_form("/api/save_mentee_profile", &with("abroad"))
        .await;
    assert_eq!(res.location(), Some("/profile"));
    assert_eq!(stored().await, "abroad");
    let page = app.get("/profile").await;
    assert!(page.body.contains("Where I would like my mentor to be"));
    assert!(
        page.body.contains("value=\"abroad\" selected"),
        "{}",
        page.body
    );
}
