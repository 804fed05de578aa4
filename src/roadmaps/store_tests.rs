//! Roadmaps against a real SQLite with the real migrations: progress, reordering, who sees
//! and changes what, the stale-save refusal; then the same rules through the HTTP router.
use super::store::{self, RoadmapInput, StepInput};
use super::*;
use crate::mentoring::mentorships::lifecycle::Change;
use crate::testing::TestApp;
use crate::testing::{account, as_admin, matched, with_password};
use axum::http::StatusCode;

const DAY: i64 = 86_400;
/// 2026-11-27
const NOW: i64 = 20_784 * DAY;

fn input(visibility: Visibility) -> RoadmapInput {
    RoadmapInput {
        title: "Become a data analyst".into(),
        description: String::new(),
        target_date: Some("2027-06-01".into()),
        visibility,
    }
}

fn step(title: &str) -> StepInput {
    StepInput {
        title: title.into(),
        details: String::new(),
        criterion: String::new(),
        due_date: None,
        resources: vec![],
    }
}

async fn version(app: &TestApp, id: i64) -> i64 {
    sqlx::query_scalar("SELECT version FROM roadmaps WHERE id = ?")
        .bind(id)
        .fetch_one(&app.pool)
        .await
        .unwrap()
}

async fn titles(app: &TestApp, id: i64, me: i64) -> Vec<String> {
    store::view(&app.pool, id, me, NOW)
        .await
        .unwrap()
        .unwrap()
        .steps
        .into_iter()
        .map(|s| s.title)
        .collect()
}

async fn ids(pool: &sqlx::SqlitePool) -> (i64, i64) {
    let (mentee, mentor): (i64, i64) =
        sqlx::query_as("SELECT mentee_id, mentor_id FROM mentorships")
            .fetch_one(pool)
            .await
            .unwrap();
    (mentee, mentor)
}

#[tokio::test]
async fn templates_are_copied_and_progress_counts_done_and_skipped() {
    let app = TestApp::new().await;
    let me = account(&app, "a@example.kg", "Aigerim", crate::auth::Role::Mentee).await;
    let id = store::create(&app.pool, me, &input(Visibility::Private), Some(1), NOW)
        .await
        .unwrap();
    let v = store::view(&app.pool, id, me, NOW).await.unwrap().unwrap();
    assert_eq!(v.steps.len(), 4);
    assert_eq!(v.steps[0].due_date.as_deref(), Some("2026-12-27"));
    assert!(v.steps.iter().all(|s| s.is_smart()));
    assert_eq!(v.progress().percent(), 0);
    // changing the template later does not touch the roadmap
    templates::store::save_template(
        &app.pool,
        Some(1),
        "Data analyst",
        "",
        crate::i18n::Locale::En,
        &[],
        NOW,
    )
    .await
    .unwrap();
    assert_eq!(titles(&app, id, me).await.len(), 4);
    // an unknown template is refused, nothing written
    assert_eq!(
        store::create(&app.pool, me, &input(Visibility::Private), Some(999), NOW).await,
        Err(crate::db::rule("template", crate::i18n::k::ERR_CHOOSE_ONE))
    );

    let (s1, s2) = (v.steps[0].id, v.steps[1].id);
    let mut ver = v.version;
    store::set_status(&app.pool, id, me, ver, s1, StepStatus::Done, NOW + 5)
        .await
        .unwrap();
    ver += 1;
    store::set_status(&app.pool, id, me, ver, s2, StepStatus::Skipped, NOW + 6)
        .await
        .unwrap();
    let v = store::view(&app.pool, id, me, NOW).await.unwrap().unwrap();
    assert_eq!(
        v.progress(),
        Progress {
            finished: 2,
            total: 4
        }
    );
    assert_eq!(v.steps[0].done_at, Some(NOW + 5));
    assert_eq!(v.steps[1].done_at, None);
    // back to in progress: done_at is cleared
    store::set_status(
        &app.pool,
        id,
        me,
        v.version,
        s1,
        StepStatus::InProgress,
        NOW + 7,
    )
    .await
    .unwrap();
    let summary = &store::list_mine(&app.pool, me, NOW).await.unwrap()[0];
    assert_eq!(
        (summary.finished, summary.total, summary.overdue),
        (1, 4, 0)
    );
    // 40 days later the first step (due in 30) is overdue
    let later = &store::list_mine(&app.pool, me, NOW + 40 * DAY)
        .await
        .unwrap()[0];
    assert_eq!(later.overdue, 1);
}

#[tokio::test]
async fn steps_are_added_reordered_and_deleted_and_stale_saves_are_refused() {
    let app = TestApp::new().await;
    let me = account(&app, "a@example.kg", "Aigerim", crate::auth::Role::Mentee).await;
    let id = store::create(&app.pool, me, &input(Visibility::Private), None, NOW)
        .await
        .unwrap();
    let mut ver = version(&app, id).await;
    let mut step_ids = vec![];
    for t in ["A", "B", "C"] {
        step_ids.push(
            store::add_step(&app.pool, id, me, ver, step(t), NOW)
                .await
                .unwrap(),
        );
        ver += 1;
    }
    store::move_step(&app.pool, id, me, ver, step_ids[2], 0, NOW)
        .await
        .unwrap();
    ver += 1;
    assert_eq!(titles(&app, id, me).await, vec!["C", "A", "B"]);
    // impossible positions and steps of other roadmaps change nothing
    assert_eq!(
        store::move_step(&app.pool, id, me, ver, step_ids[0], 3, NOW).await,
        Err(crate::db::rule("", crate::i18n::k::ERR_STEP_POSITION))
    );
    assert_eq!(
        store::move_step(&app.pool, id, me, ver, step_ids[0], -1, NOW).await,
        Err(crate::db::rule("", crate::i18n::k::ERR_STEP_POSITION))
    );
    let other = store::create(&app.pool, me, &input(Visibility::Private), None, NOW)
        .await
        .unwrap();
    let foreign = store::add_step(&app.pool, other, me, 1, step("X"), NOW)
        .await
        .unwrap();
    assert_eq!(
        store::delete_step(&app.pool, id, me, ver, foreign, NOW).await,
        Err(crate::db::NOT_FOUND)
    );
    assert_eq!(
        version(&app, id).await,
        ver,
        "refusals roll back the version bump"
    );

    // two tabs saw version `ver`; the first save wins, the second is refused
    store::edit_step(
        &app.pool,
        id,
        me,
        ver,
        step_ids[0],
        step("A, first tab"),
        NOW,
    )
    .await
    .unwrap();
    assert_eq!(
        store::edit_step(
            &app.pool,
            id,
            me,
            ver,
            step_ids[0],
            step("A, second tab"),
            NOW
        )
        .await,
        Err(crate::db::stale(crate::i18n::k::ERR_ROADMAP_STALE))
    );
    assert_eq!(titles(&app, id, me).await, vec!["C", "A, first tab", "B"]);
    ver += 1;

    // a due date before the roadmap was created is refused
    let mut early = step("Early");
    early.due_date = Some("2026-11-01".into());
    assert_eq!(
        store::add_step(&app.pool, id, me, ver, early, NOW).await,
        Err(crate::db::rule(
            "due_date",
            crate::i18n::k::ERR_DATE_BEFORE_START
        ))
    );
    store::delete_step(&app.pool, id, me, ver, step_ids[2], NOW)
        .await
        .unwrap();
    assert_eq!(titles(&app, id, me).await, vec!["A, first tab", "B"]);
    let positions: Vec<i64> = sqlx::query_scalar(
        "SELECT position FROM roadmap_steps WHERE roadmap_id = ? ORDER BY position",
    )
    .bind(id)
    .fetch_all(&app.pool)
    .await
    .unwrap();
    assert_eq!(positions, vec![1, 2]);
}

#[tokio::test]
async fn her_mentor_reads_comments_and_suggests_while_they_work_together_and_never_edits() {
    let app = TestApp::new().await;
    let ms = matched(&app).await;
    let (mentee, mentor) = ids(&app.pool).await;
    let stranger = account(&app, "s@example.kg", "Stranger", crate::auth::Role::Mentor).await;
    let private = store::create(&app.pool, mentee, &input(Visibility::Private), None, NOW)
        .await
        .unwrap();
    let shared = store::create(&app.pool, mentee, &input(Visibility::Mentor), None, NOW)
        .await
        .unwrap();
    let s = store::add_step(&app.pool, shared, mentee, 1, step("Learn SQL"), NOW)
        .await
        .unwrap();

    // who sees what
    assert_eq!(
        store::access(&app.pool, private, mentor).await.unwrap(),
        None
    );
    assert_eq!(
        store::access(&app.pool, shared, mentor).await.unwrap(),
        Some((Relation::Mentor, mentee))
    );
    assert_eq!(
        store::access(&app.pool, shared, stranger).await.unwrap(),
        None
    );
    assert_eq!(
        store::list_shared_with(&app.pool, mentor, NOW)
            .await
            .unwrap()
            .len(),
        1
    );

    // she cannot edit: the owner's gate says 404
    assert_eq!(
        store::edit_step(&app.pool, shared, mentor, 2, s, step("Mentor's edit"), NOW).await,
        Err(crate::db::NOT_FOUND)
    );
    assert_eq!(
        store::set_status(&app.pool, shared, mentor, 2, s, StepStatus::Done, NOW).await,
        Err(crate::db::NOT_FOUND)
    );
    // she comments and suggests; the mentee is told; strangers cannot
    store::comment(&app.pool, shared, s, mentor, "Start with SELECT.", NOW)
        .await
        .unwrap();
    let g = store::suggest(&app.pool, shared, mentor, "Do a Kaggle course", "", NOW)
        .await
        .unwrap();
    assert_eq!(
        store::comment(&app.pool, shared, s, stranger, "hi", NOW).await,
        Err(crate::db::NOT_FOUND)
    );
    assert_eq!(
        store::comment(&app.pool, private, s, mentor, "hi", NOW).await,
        Err(crate::db::NOT_FOUND)
    );
    let kinds: Vec<String> = sqlx::query_scalar(
        "SELECT kind FROM notifications WHERE account_id = ? AND kind LIKE 'roadmap_%' ORDER BY id",
    )
    .bind(mentee)
    .fetch_all(&app.pool)
    .await
    .unwrap();
    assert_eq!(kinds, vec!["roadmap_comment", "roadmap_suggestion"]);

    // accepting the suggestion adds a step at the end
    let ver = version(&app, shared).await;
    store::decide(&app.pool, shared, mentee, ver, g, true, NOW)
        .await
        .unwrap();
    assert_eq!(
        titles(&app, shared, mentee).await,
        vec!["Learn SQL", "Do a Kaggle course"]
    );
    assert_eq!(
        store::decide(&app.pool, shared, mentee, ver + 1, g, false, NOW).await,
        Err(crate::db::NOT_FOUND),
        "a decided suggestion cannot be decided again"
    );

    // the mentorship ends: her access ends, her comment stays for the mentee
    crate::mentoring::mentorships::store::change_state(
        &app.pool,
        ms,
        mentee,
        Change::Complete,
        "",
        NOW,
    )
    .await
    .unwrap();
    assert_eq!(
        store::access(&app.pool, shared, mentor).await.unwrap(),
        None
    );
    assert_eq!(
        store::comment(&app.pool, shared, s, mentor, "more", NOW).await,
        Err(crate::db::NOT_FOUND)
    );
    let v = store::view(&app.pool, shared, mentee, NOW)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(v.steps[0].comments[0].body, "Start with SELECT.");

    // public roadmaps: only an adult by her profile may publish (the store checks it inside
    // the write, whatever the form saw)
    let mut public = input(Visibility::Public);
    public.title = "Public one".into();
    assert_eq!(
        store::create(&app.pool, mentee, &public, None, NOW).await,
        Err(crate::db::rule(
            "visibility",
            crate::i18n::k::ERR_ROADMAP_PUBLIC_MINOR
        ))
    );
    sqlx::query(
        "INSERT INTO mentee_profiles (account_id, career_stage, goals, meeting_format, hours_per_month, age_band, updated_at) \
         VALUES (?, 'university', 'x', 'online', 4, 'adult', 1)",
    )
    .bind(mentee)
    .execute(&app.pool)
    .await
    .unwrap();
    // any signed-in reader, read only, without the comments
    let p = store::create(&app.pool, mentee, &public, None, NOW)
        .await
        .unwrap();
    let v = store::view(&app.pool, p, stranger, NOW)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(v.access, Relation::Reader);
    assert_eq!(
        store::list_public_of(&app.pool, mentee, NOW)
            .await
            .unwrap()
            .len(),
        1
    );
    // her profile says under 18 (however it got there, even past the switch that makes her
    // roadmaps private): strangers no longer see it, and it cannot be saved as public again
    sqlx::query("UPDATE mentee_profiles SET age_band = 'under_18' WHERE account_id = ?")
        .bind(mentee)
        .execute(&app.pool)
        .await
        .unwrap();
    assert_eq!(store::access(&app.pool, p, stranger).await.unwrap(), None);
    assert!(store::list_public_of(&app.pool, mentee, NOW)
        .await
        .unwrap()
        .is_empty());
    let ver = version(&app, p).await;
    assert_eq!(
        store::update(&app.pool, p, mentee, ver, public, NOW).await,
        Err(crate::db::rule(
            "visibility",
            crate::i18n::k::ERR_ROADMAP_PUBLIC_MINOR
        ))
    );
    let v = store::view(&app.pool, shared, mentee, NOW)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(v.access, Relation::Owner);
}

async fn roadmap_of(app: &TestApp) -> i64 {
    sqlx::query_scalar("SELECT id FROM roadmaps ORDER BY id DESC LIMIT 1")
        .fetch_one(&app.pool)
        .await
        .unwrap()
}

#[tokio::test]
async fn the_pages_and_server_functions_enforce_the_same_rules() {
    let mut app = TestApp::new().await;
    let _ms = matched(&app).await;
    app.as_user("aigerim@example.kg").await;

    // bad input is explained next to each field; nothing is written
    let res = app
        .post_form(
            "/api/create_roadmap",
            &[
                ("title", &"x".repeat(121)),
                ("target_date", "2020-01-01"),
                ("visibility", "public"),
                ("template", "1"),
            ],
        )
        .await;
    let page = app.follow(res).await;
    assert!(
        page.body.contains("id=\"new_roadmap-title-error\""),
        "{}",
        page.body
    );
    assert!(page.body.contains("id=\"new_roadmap-target_date-error\""));
    // no profile yet counts as under 18: "public" is refused
    assert!(page.body.contains("id=\"new_roadmap-visibility-error\""));
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM roadmaps")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(n, 0);

    let res = app
        .post_form(
            "/api/create_roadmap",
            &[
                ("title", "Data analyst"),
                ("visibility", "mentor"),
                ("template", "1"),
            ],
        )
        .await;
    let id = roadmap_of(&app).await;
    assert_eq!(res.location(), Some(format!("/roadmaps/{id}").as_str()));
    let page = app.follow(res).await;
    assert!(page.body.contains("Your roadmap is ready."));
    assert!(page.body.contains("0 of 4 steps finished (0%)"));

    // the island's save (a fetch) returns the fresh roadmap; a stale one is a 422
    let step: i64 = sqlx::query_scalar(
        "SELECT id FROM roadmap_steps WHERE roadmap_id = ? ORDER BY position LIMIT 1",
    )
    .bind(id)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    let res = app
        .post_fetch(
            "/api/step_status",
            &[
                ("roadmap_id", &id.to_string()),
                ("version", "1"),
                ("step_id", &step.to_string()),
                ("status", "done"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let fresh: super::island::StepsFragment = serde_json::from_str(&res.body).unwrap();
    assert_eq!(fresh.version, 2);
    assert!(
        fresh.html.contains("1 of 4 steps finished (25%)"),
        "{}",
        fresh.html
    );
    assert!(fresh.html.contains("name=\"version\" value=\"2\""));
    let res = app
        .post_fetch(
            "/api/step_status",
            &[
                ("roadmap_id", &id.to_string()),
                ("version", "1"),
                ("step_id", &step.to_string()),
                ("status", "skipped"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.body.contains("err.roadmap_stale"));
    // without JavaScript the stale form comes back with the message and the fresh state
    let res = app
        .post_form(
            "/api/move_step",
            &[
                ("roadmap_id", &id.to_string()),
                ("version", "1"),
                ("step_id", &step.to_string()),
                ("to", "1"),
            ],
        )
        .await;
    let page = app.follow(res).await;
    assert!(
        page.body.contains("changed in another tab"),
        "{}",
        page.body
    );
    assert!(page.body.contains("1 of 4 steps finished (25%)"));
    // a link that is not http(s) is refused next to the field
    let res = app
        .post_form(
            "/api/add_step",
            &[
                ("roadmap_id", &id.to_string()),
                ("version", "2"),
                ("title", "<script>alert(1)</script>"),
                ("resources", "Bad | javascript:alert(1)"),
            ],
        )
        .await;
    let page = app.follow(res).await;
    assert!(
        page.body
            .contains("Line 1: write a title and an http(s) link"),
        "{}",
        page.body
    );
    // her mentor reads her steps: no contact details in them, nor a resource that leads to a
    // messenger (nothing written)
    let steps_before: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM roadmap_steps")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    for (field, value) in [
        ("title", "Ask me on WhatsApp +996 700 12 34 56"),
        ("details", "пиши на aigerim.t@gmail.com"),
        ("resources", "My channel | https://t.me/aigerim_t"),
        (
            "resources",
            "Call 0555 123 456 | https://example.org/course",
        ),
    ] {
        let mut form = vec![
            ("roadmap_id", id.to_string()),
            ("version", "2".to_string()),
            ("title", "Learn SQL".to_string()),
        ];
        form.retain(|(k, _)| *k != field);
        form.push((field, value.to_string()));
        let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let res = app.post_fetch("/api/add_step", &form).await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{value}");
        assert!(res.body.contains("err.contact_here"), "{}", res.body);
    }
    let steps_after: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM roadmap_steps")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(steps_before, steps_after);
    // text is always escaped
    let res = app
        .post_form(
            "/api/add_step",
            &[
                ("roadmap_id", &id.to_string()),
                ("version", "2"),
                ("title", "<script>alert(1)</script>"),
            ],
        )
        .await;
    let page = app.follow(res).await;
    assert!(page.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(!page.body.contains("<script>alert(1)</script>"));

    // her mentor reads it and comments, but cannot edit; strangers get 404
    app.as_user("asel.data@example.kg").await;
    let page = app.get(&format!("/roadmaps/{id}")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Only she edits it."));
    let res = app
        .post_fetch(
            "/api/step_status",
            &[
                ("roadmap_id", &id.to_string()),
                ("version", "3"),
                ("step_id", &step.to_string()),
                ("status", "done"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    let res = app
        .post_form(
            "/api/comment_step",
            &[
                ("roadmap_id", &id.to_string()),
                ("step_id", &step.to_string()),
                ("body", "Great start!"),
            ],
        )
        .await;
    assert!(app.follow(res).await.body.contains("Your comment is sent."));
    let stranger = account(&app, "x@example.kg", "X", crate::auth::Role::Mentee).await;
    with_password(&app, stranger).await;
    app.as_user("x@example.kg").await;
    assert_eq!(
        app.get(&format!("/roadmaps/{id}")).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get(&format!("/roadmaps/{id}/print")).await.status,
        StatusCode::NOT_FOUND
    );
    let res = app
        .post_fetch(
            "/api/delete_roadmap",
            &[("roadmap_id", &id.to_string()), ("version", "3")],
        )
        .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);

    // the mentee sees the comment and can print
    app.as_user("aigerim@example.kg").await;
    let page = app.get(&format!("/roadmaps/{id}")).await;
    assert!(page.body.contains("Great start!"));
    let print = app.get(&format!("/roadmaps/{id}/print")).await;
    assert!(print.body.contains("Printed") && !print.body.contains("Edit step"));

    // administrators curate templates; bad lines are pointed at
    as_admin(&mut app).await;
    let res = app
        .post_form(
            "/api/save_template",
            &[
                ("title", "Geologist"),
                ("steps", "Visit a mine | notes | soon"),
            ],
        )
        .await;
    assert!(app.follow(res).await.body.contains("Line 1: write"));
    let res = app
        .post_form(
            "/api/save_template",
            &[
                ("title", "Geologist"),
                ("language", "xx"),
                ("steps", "Visit a mine | notes written | 60\nRead a book"),
            ],
        )
        .await;
    assert!(app
        .follow(res)
        .await
        .body
        .contains("Choose one of the options."));
    let res = app
        .post_form(
            "/api/save_template",
            &[
                ("title", "Geologist"),
                ("language", "ky"),
                ("steps", "Visit a mine | notes written | 60\nRead a book"),
            ],
        )
        .await;
    let page = app.follow(res).await;
    assert!(
        page.body.contains("The template is saved.")
            && page.body.contains("Visit a mine | notes written | 60")
    );
}
