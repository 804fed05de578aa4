//! Held texts in every channel, against a real SQLite with the real migrations and through the
//! real router: what is held, who sees what, and administrators' decisions.
use super::{store, Channel};
use crate::auth::Role;
use crate::safeguard::{HELD, REMOVED};
use crate::testing::{account, as_admin, matched, with_password, TestApp};
use axum::http::StatusCode;

const TELEGRAM: &str = "Пиши мне в телеграм @aigerim_t, так быстрее";
const PHONE: &str = "Call me: 0555 123 456";
const EMAIL: &str = "write to aigerim.t@gmail.com";

async fn waiting(app: &TestApp) -> Vec<(String, String)> {
    sqlx::query_as("SELECT channel, text FROM held_texts WHERE status = 'held' ORDER BY id")
        .fetch_all(&app.pool)
        .await
        .unwrap()
}

#[test]
fn every_channel_names_a_place_and_reads_back() {
    for c in Channel::ALL {
        assert_eq!(Channel::from_code(c.code()), Some(c));
        let (table, column) = c.place();
        assert!(table.chars().all(|ch| ch.is_ascii_lowercase() || ch == '_'));
        assert!(column
            .chars()
            .all(|ch| ch.is_ascii_lowercase() || ch == '_'));
    }
    assert_eq!(Channel::from_code("accounts"), None);
    assert!(crate::safeguard::shown(HELD).is_some() && crate::safeguard::shown(REMOVED).is_some());
    assert!(crate::safeguard::shown("held").is_none());
}

#[tokio::test]
async fn every_channels_place_is_a_column_of_a_row_with_an_id() {
    // `screen` and `decide` find the row by `id`: a table without one would be a runtime error
    let app = TestApp::new().await;
    for c in Channel::ALL {
        let (table, column) = c.place();
        sqlx::query(&format!("SELECT id, {column} FROM {table} LIMIT 0"))
            .fetch_all(&app.pool)
            .await
            .unwrap_or_else(|e| panic!("{}: {e}", c.code()));
    }
}

#[tokio::test]
async fn a_request_and_its_question_with_contact_details_wait_and_are_released() {
    let mut app = TestApp::new().await;
    matched(&app).await;
    // a second mentor, so the mentee may ask (her first request became the mentorship)
    let other = crate::testing::mentor(&app, crate::testing::open_mentor("Bermet Code")).await;
    with_password(&app, other).await;
    sqlx::query("UPDATE mentorships SET state = 'completed'")
        .execute(&app.pool)
        .await
        .unwrap();
    app.as_user("aigerim@example.kg").await;
    let res = app
        .post_form(
            "/api/send_request",
            &[
                ("mentor_id", &other.to_string()),
                ("message", TELEGRAM),
                ("hopes", "A data internship"),
            ],
        )
        .await;
    assert_eq!(res.location(), Some("/requests"));
    assert_eq!(
        waiting(&app).await,
        vec![("request_message".to_string(), TELEGRAM.to_string())]
    );
    // she sees her own words are waiting; the mentor never sees the handle
    let mine = app.get("/requests").await;
    assert!(
        mine.body.contains("Waiting for a safety check"),
        "{}",
        mine.body
    );
    app.as_user("bermet.code@example.kg").await;
    let theirs = app.get("/requests").await;
    assert!(!theirs.body.contains("aigerim_t"));
    assert!(theirs.body.contains("Waiting for a safety check"));
    assert!(
        theirs.body.contains("A data internship"),
        "clean fields pass"
    );

    // the mentor's question with a phone number waits too
    let req: i64 = sqlx::query_scalar("SELECT id FROM mentorship_requests WHERE mentor_id = ?")
        .bind(other)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    app.post_form(
        "/api/request_action",
        &[
            ("request_id", &req.to_string()),
            ("action", "ask"),
            ("text", PHONE),
        ],
    )
    .await;
    app.as_user("aigerim@example.kg").await;
    let page = app.get("/requests").await;
    assert!(!page.body.contains("123 456"));

    // an administrator sees both in the held queue and releases the question
    as_admin(&mut app).await;
    let queue = app.get("/admin/messages").await;
    assert!(queue.body.contains("aigerim_t") && queue.body.contains("0555 123 456"));
    let question: i64 =
        sqlx::query_scalar("SELECT id FROM held_texts WHERE channel = 'request_question'")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    let res = app
        .post_form(
            "/api/decide_held_text",
            &[("held_id", &question.to_string()), ("decision", "release")],
        )
        .await;
    assert_eq!(res.location(), Some("/admin/moderation#held"));
    // deciding again, or on a made-up id, or with a made-up decision: nothing changes
    for (id, decision, status) in [
        (question.to_string(), "release", StatusCode::NOT_FOUND),
        ("999".to_string(), "remove", StatusCode::NOT_FOUND),
        ("1\n".to_string(), "remove", StatusCode::NOT_FOUND),
        (
            question.to_string(),
            "publish",
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
    ] {
        let res = app
            .post_fetch(
                "/api/decide_held_text",
                &[("held_id", &id), ("decision", decision)],
            )
            .await;
        assert_eq!(res.status, status, "{id:?} {decision}");
    }
    app.as_user("aigerim@example.kg").await;
    assert!(app.get("/requests").await.body.contains("0555 123 456"));
    // only administrators decide
    let res = app
        .post_fetch(
            "/api/decide_held_text",
            &[("held_id", "1"), ("decision", "release")],
        )
        .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    assert_eq!(
        app.post_fetch("/api/held_texts", &[]).await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn session_topics_with_an_email_wait_and_a_removed_text_says_so() {
    let mut app = TestApp::new().await;
    let ms = matched(&app).await;
    app.as_user("asel.data@example.kg").await;
    let res = app
        .post_form(
            "/api/log_session",
            &[
                ("mentorship_id", &ms.to_string()),
                ("held_on", "2026-11-01"),
                ("minutes", "45"),
                ("topics", EMAIL),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::FOUND);
    app.as_user("aigerim@example.kg").await;
    let page = app.get(&format!("/mentorships/{ms}")).await;
    assert!(!page.body.contains("gmail"));
    assert!(page.body.contains("Waiting for a safety check"));
    as_admin(&mut app).await;
    let id: i64 = sqlx::query_scalar("SELECT id FROM held_texts")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    app.post_form(
        "/api/decide_held_text",
        &[("held_id", &id.to_string()), ("decision", "remove")],
    )
    .await;
    app.as_user("aigerim@example.kg").await;
    let page = app.get(&format!("/mentorships/{ms}")).await;
    assert!(page.body.contains("Removed by an administrator."));
    assert!(!page.body.contains("gmail"));
}

#[tokio::test]
async fn a_mentorship_reason_and_a_rating_comment_with_contact_details_wait() {
    let mut app = TestApp::new().await;
    let ms = matched(&app).await;
    let id = ms.to_string();
    app.as_user("asel.data@example.kg").await;
    let paused = app
        .post_form(
            "/api/change_mentorship",
            &[
                ("mentorship_id", &id),
                ("change", "pause"),
                ("reason", PHONE),
            ],
        )
        .await;
    assert_eq!(paused.status, StatusCode::FOUND);
    let done = app
        .post_form(
            "/api/change_mentorship",
            &[
                ("mentorship_id", &id),
                ("change", "complete"),
                ("reason", ""),
            ],
        )
        .await;
    assert_eq!(done.status, StatusCode::FOUND);
    let rated = app
        .post_form(
            "/api/rate_mentorship",
            &[
                ("mentorship_id", &id),
                ("rating", "5"),
                ("comment", TELEGRAM),
            ],
        )
        .await;
    assert_eq!(rated.status, StatusCode::FOUND);
    assert_eq!(
        waiting(&app).await,
        vec![
            ("mentorship_reason".to_string(), PHONE.to_string()),
            ("rating_comment".to_string(), TELEGRAM.to_string())
        ]
    );
    // the mentee reads neither, only that they wait; an ordinary reason passes
    app.as_user("aigerim@example.kg").await;
    let page = app.get(&format!("/mentorships/{ms}")).await;
    assert!(!page.body.contains("0555") && !page.body.contains("aigerim_t"));
    assert_eq!(page.body.matches("Waiting for a safety check").count(), 2);
    // released, the comment is back in its place
    as_admin(&mut app).await;
    let held: i64 =
        sqlx::query_scalar("SELECT id FROM held_texts WHERE channel = 'rating_comment'")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    app.post_form(
        "/api/decide_held_text",
        &[("held_id", &held.to_string()), ("decision", "release")],
    )
    .await;
    app.as_user("aigerim@example.kg").await;
    let page = app.get(&format!("/mentorships/{ms}")).await;
    assert!(page.body.contains("@aigerim_t"));
    assert!(!page.body.contains("0555"));
}

#[tokio::test]
async fn roadmap_comments_and_suggestions_wait_and_a_held_suggestion_never_becomes_a_step() {
    use crate::roadmaps::{store as rm, Visibility};
    let app = TestApp::new().await;
    matched(&app).await;
    let (mentee, mentor): (i64, i64) =
        sqlx::query_as("SELECT mentee_id, mentor_id FROM mentorships")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    let input = rm::RoadmapInput {
        title: "Data analyst".into(),
        description: String::new(),
        target_date: None,
        visibility: Visibility::Mentor,
    };
    let id = rm::create(&app.pool, mentee, &input, None, 10)
        .await
        .unwrap();
    let step = rm::StepInput {
        title: "Learn SQL".into(),
        details: String::new(),
        criterion: String::new(),
        due_date: None,
        resources: Vec::new(),
    };
    let s = rm::add_step(&app.pool, id, mentee, 1, step, 11)
        .await
        .unwrap();
    rm::comment(
        &app.pool,
        id,
        s,
        mentor,
        "Great start! wa.me/996555123456",
        12,
    )
    .await
    .unwrap();
    rm::comment(&app.pool, id, s, mentor, "Great start!", 13)
        .await
        .unwrap();
    let sid = rm::suggest(&app.pool, id, mentor, "Join our course", TELEGRAM, 14)
        .await
        .unwrap();
    let bodies: Vec<String> = sqlx::query_scalar("SELECT body FROM roadmap_comments ORDER BY id")
        .fetch_all(&app.pool)
        .await
        .unwrap();
    assert_eq!(bodies, vec![HELD.to_string(), "Great start!".to_string()]);
    let held: Vec<String> = waiting(&app).await.into_iter().map(|(c, _)| c).collect();
    assert_eq!(held, vec!["roadmap_comment", "suggestion_details"]);
    let version: i64 = sqlx::query_scalar("SELECT version FROM roadmaps WHERE id = ?")
        .bind(id)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let accepted = rm::decide(&app.pool, id, mentee, version, sid, true, 15).await;
    assert!(accepted.is_err(), "a held suggestion is not accepted");
    let steps: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM roadmap_steps")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(steps, 1);
}

#[tokio::test]
async fn a_nomination_reason_with_contact_details_waits() {
    let app = TestApp::new().await;
    let admin = account(&app, "admin@award.kg", "Admin", Role::Admin).await;
    let cycle = crate::awards::store::create_cycle(
        &app.pool,
        "Award",
        crate::awards::Schedule {
            nominations_until: 10 * 86_400,
            voting_until: 20 * 86_400,
        },
        &["community_partner"],
        admin,
        1,
    )
    .await
    .unwrap();
    crate::awards::store::advance(&app.pool, cycle, crate::awards::Phase::Draft, admin, 1)
        .await
        .unwrap();
    let cat: i64 = sqlx::query_scalar("SELECT id FROM award_categories")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let mentee = account(&app, "m@award.kg", "M", Role::Mentee).await;
    crate::awards::store::nominate(&app.pool, cat, mentee, "", "Naryn Girls Code", PHONE, 2)
        .await
        .unwrap();
    let reason: String = sqlx::query_scalar("SELECT reason FROM award_nominations")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(reason, HELD);
    // released, the words come back
    let id: i64 = sqlx::query_scalar("SELECT id FROM held_texts")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    store::decide(&app.pool, id, true, admin, 3).await.unwrap();
    let reason: String = sqlx::query_scalar("SELECT reason FROM award_nominations")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(reason, PHONE);
}

#[tokio::test]
async fn a_place_written_again_is_not_overwritten_by_a_late_release() {
    let app = TestApp::new().await;
    let ms = matched(&app).await;
    let (mentor,): (i64,) = sqlx::query_as("SELECT mentor_id FROM mentorships")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let mut tx = crate::db::begin_immediate(&app.pool).await.unwrap();
    let log: i64 = sqlx::query_scalar(
        "INSERT INTO session_logs (mentorship_id, logged_by, held_on, minutes, topics, created_at) \
         VALUES (?, ?, '2026-11-01', 30, ?, 1) RETURNING id",
    )
    .bind(ms)
    .bind(mentor)
    .bind(EMAIL)
    .fetch_one(&mut *tx)
    .await
    .unwrap();
    assert!(
        store::screen(&mut tx, Channel::SessionTopics, log, mentor, EMAIL, 1)
            .await
            .unwrap()
    );
    // clean words are not held
    assert!(!store::screen(
        &mut tx,
        Channel::SessionTopics,
        log,
        mentor,
        "Pandas basics",
        1
    )
    .await
    .unwrap());
    tx.commit().await.unwrap();
    sqlx::query("UPDATE session_logs SET topics = 'Pandas basics'")
        .execute(&app.pool)
        .await
        .unwrap();
    let id: i64 = sqlx::query_scalar("SELECT id FROM held_texts")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    store::decide(&app.pool, id, true, mentor, 2).await.unwrap();
    let topics: String = sqlx::query_scalar("SELECT topics FROM session_logs")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(topics, "Pandas basics");
    assert!(store::decide(&app.pool, id, false, mentor, 3)
        .await
        .is_err());
}

/// A group of four mentees (`r0`…`r3@example.kg`), the first one's post in it, and its id.
async fn reported_post(app: &TestApp) -> (i64, i64, Vec<i64>) {
    use crate::learning::groups::store as groups;
    let people = crate::testing::mentees(app, "r", 4).await;
    for p in &people {
        with_password(app, *p).await;
    }
    let input = groups::GroupInput {
        name: "Physics club".into(),
        description: "Olympiad problems.".into(),
        region: "naryn".into(),
        language: crate::i18n::Locale::Ru,
        member_limit: 10,
    };
    let group = groups::create(&app.pool, people[0], &input, 1)
        .await
        .unwrap();
    for p in &people[1..] {
        groups::join(&app.pool, group, *p, 1).await.unwrap();
    }
    let post = groups::post(&app.pool, group, people[0], "Nobody here is clever.", 2)
        .await
        .unwrap();
    (group, post, people)
}

#[tokio::test]
async fn three_reports_through_the_router_hide_a_post_and_an_administrator_decides_with_a_sanction()
{
    let mut app = TestApp::new().await;
    let (group, post, _) = reported_post(&app).await;
    let post_s = post.to_string();
    for who in ["r1@example.kg", "r2@example.kg", "r3@example.kg"] {
        app.as_user(who).await;
        let res = app
            .post_form(
                "/api/report_content",
                &[
                    ("kind", "group_post"),
                    ("item_id", &post_s),
                    ("reason", "harassment"),
                    ("details", ""),
                ],
            )
            .await;
        assert_eq!(res.status, StatusCode::FOUND, "{who}");
        assert_eq!(res.location(), Some(format!("/groups/{group}").as_str()));
    }
    // a member reads the notice in its place, in her language
    app.as_user("r1@example.kg").await;
    let page = app.get(&format!("/groups/{group}")).await;
    assert!(
        page.body.contains("Hidden by the moderators."),
        "{}",
        page.body
    );
    assert!(!page.body.contains("Nobody here is clever."));
    // the author's case page says why; nobody else's
    let case: i64 = sqlx::query_scalar("SELECT id FROM moderation_cases")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(
        app.get(&format!("/moderation/{case}")).await.status,
        StatusCode::NOT_FOUND
    );
    app.as_user("r0@example.kg").await;
    let mine = app.get(&format!("/moderation/{case}")).await;
    assert!(
        mine.body.contains("Hidden after three people reported it"),
        "{}",
        mine.body
    );
    assert!(
        mine.body.contains("Nobody here is clever."),
        "her own words, to her"
    );
    // not for mentees: the queue and its functions
    for path in ["/admin/moderation"] {
        assert_eq!(app.get(path).await.status, StatusCode::NOT_FOUND);
    }
    let res = app
        .post_fetch(
            "/api/moderation_decide",
            &[
                ("case_id", &case.to_string()),
                ("version", "0"),
                ("outcome", "dismissed"),
                ("reason", "mine"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    // the administrator reads the case as reported and decides: a reason is required
    as_admin(&mut app).await;
    let queue = app.get("/admin/moderation").await;
    assert_eq!(queue.status, StatusCode::OK);
    assert!(queue.body.contains("Nobody here is clever."));
    assert!(queue.body.contains("Harassment or bullying"));
    let version: i64 = sqlx::query_scalar("SELECT version FROM moderation_cases")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let (case_s, version_s) = (case.to_string(), version.to_string());
    let res = app
        .post_form(
            "/api/moderation_decide",
            &[
                ("case_id", &case_s),
                ("version", &version_s),
                ("outcome", "removed"),
                ("reason", " "),
                ("sanction", ""),
                ("until", ""),
            ],
        )
        .await;
    assert_eq!(
        res.location(),
        Some(format!("/admin/moderation#case-{case}").as_str())
    );
    let back = app.follow(res).await;
    assert!(back
        .body
        .contains("Please correct the fields marked below."));
    // a sanction that ended yesterday: refused too
    let res = app
        .post_fetch(
            "/api/moderation_decide",
            &[
                ("case_id", &case_s),
                ("version", &version_s),
                ("outcome", "removed"),
                ("reason", "Insults"),
                ("sanction", "silence"),
                ("until", "2020-01-01"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    let state: String = sqlx::query_scalar("SELECT state FROM moderation_cases")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(state, "open", "nothing changed");
    let until = crate::time::iso_date(crate::time::today(crate::db::now()) + 7);
    let res = app
        .post_form(
            "/api/moderation_decide",
            &[
                ("case_id", &case_s),
                ("version", &version_s),
                ("outcome", "removed"),
                ("reason", "Insults"),
                ("sanction", "silence"),
                ("until", &until),
            ],
        )
        .await;
    assert_eq!(res.location(), Some("/admin/moderation"));
    // the same form again (a second administrator, or a resend): it changed
    let res = app
        .post_fetch(
            "/api/moderation_decide",
            &[
                ("case_id", &case_s),
                ("version", &version_s),
                ("outcome", "dismissed"),
                ("reason", "Fine"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    let outcome: String = sqlx::query_scalar("SELECT outcome FROM moderation_cases")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(outcome, "removed", "decided once");
    // the author is silenced: her next post is refused with a message
    app.as_user("r0@example.kg").await;
    let res = app
        .post_fetch(
            "/api/post_to_group",
            &[("group_id", &group.to_string()), ("body", "Hello?")],
        )
        .await;
    assert!(res.status.is_client_error(), "{}", res.status);
    assert!(res.body.contains("silenced") || res.status == StatusCode::UNPROCESSABLE_ENTITY);
    // and may appeal, once
    let res = app
        .post_form(
            "/api/moderation_appeal",
            &[
                ("case_id", &case_s),
                ("appeal", "I was upset; I apologise."),
            ],
        )
        .await;
    assert_eq!(res.location(), Some(format!("/moderation/{case}").as_str()));
    let res = app
        .post_fetch(
            "/api/moderation_appeal",
            &[("case_id", &case_s), ("appeal", "Again")],
        )
        .await;
    assert!(res.status.is_client_error());
    let appeals: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM moderation_cases WHERE appeal = 'I was upset; I apologise.'",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(appeals, 1);
}

#[tokio::test]
async fn hostile_reports_change_nothing() {
    let mut app = TestApp::new().await;
    let (_, post, _) = reported_post(&app).await;
    let post_s = post.to_string();
    // her own post; a kind that does not exist; an id that is not a number; a post of a group
    // she is not in (an outsider); too long details; a reason not on the list
    app.as_user("r0@example.kg").await;
    let own = report(&mut app, true, "group_post", &post_s, "spam").await;
    assert_eq!(own.status, StatusCode::UNPROCESSABLE_ENTITY);
    crate::testing::signed_up(&app, "outsider@example.kg", "Out", Role::Mentee).await;
    app.as_user("outsider@example.kg").await;
    let long = "x".repeat(1_001);
    for (kind, id, reason, details, status) in [
        (
            "accounts; DROP TABLE reports",
            post_s.as_str(),
            "spam",
            "",
            StatusCode::NOT_FOUND,
        ),
        ("group_post", "1 OR 1=1", "spam", "", StatusCode::NOT_FOUND),
        (
            "group_post",
            post_s.as_str(),
            "spam",
            "",
            StatusCode::NOT_FOUND,
        ),
        (
            "mentor_profile",
            "999999",
            "spam",
            "",
            StatusCode::NOT_FOUND,
        ),
    ] {
        let res = app
            .post_fetch(
                "/api/report_content",
                &[
                    ("kind", kind),
                    ("item_id", id),
                    ("reason", reason),
                    ("details", details),
                ],
            )
            .await;
        assert_eq!(res.status, status, "{kind} {id}");
    }
    app.as_user("r1@example.kg").await;
    for (reason, details) in [("spam", long.as_str()), ("nonsense", ""), ("", "")] {
        let res = app
            .post_fetch(
                "/api/report_content",
                &[
                    ("kind", "group_post"),
                    ("item_id", &post_s),
                    ("reason", reason),
                    ("details", details),
                ],
            )
            .await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{reason}");
    }
    let reports: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM reports")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(reports, 0);
}

#[tokio::test]
async fn every_reportable_kinds_place_and_visibility_are_valid_sql() {
    // `report_item`, `page_for`, `hide` and `put` build their SQL from `ItemKind::place`: a
    // wrong name or condition would be a runtime error
    let app = TestApp::new().await;
    for kind in super::ItemKind::ALL {
        let p = kind.place();
        sqlx::query(&format!(
            "SELECT t.{author}, {page}, t.{column} FROM {table} t, (SELECT 1 AS me) v WHERE t.{key} = 0 AND ({visible})",
            author = p.author,
            page = p.page,
            column = p.column,
            table = p.table,
            key = p.key,
            visible = p.visible
        ))
        .fetch_all(&app.pool)
        .await
        .unwrap_or_else(|e| panic!("{}: {e}", kind.code()));
        assert_eq!(super::ItemKind::from_code(kind.code()), Some(kind));
    }
}

#[tokio::test]
async fn a_mentorship_message_is_reported_by_the_other_person_only() {
    let mut app = TestApp::new().await;
    let m = matched(&app).await;
    let msg = mentor_writes(&app, m, "You must pay me for sessions.").await;
    let msg_s = msg.to_string();
    // a stranger: 404; the sender: her own; the mentee: reported
    signed_up_stranger(&app).await;
    app.as_user("stranger@example.kg").await;
    let res = report(&mut app, true, "message", &msg_s, "spam").await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    app.as_user("asel.data@example.kg").await;
    let res = report(&mut app, true, "message", &msg_s, "spam").await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    app.as_user("aigerim@example.kg").await;
    let page = app.get(&format!("/mentorships/{m}")).await;
    assert!(
        page.body.contains("name=\"kind\" value=\"message\""),
        "the report form beside it"
    );
    let res = app
        .post_form(
            "/api/report_content",
            &[
                ("kind", "message"),
                ("item_id", &msg_s),
                ("reason", "other"),
                ("details", "asks for money"),
            ],
        )
        .await;
    assert_eq!(res.location(), Some(format!("/mentorships/{m}").as_str()));
    let n: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM moderation_cases WHERE item_kind = 'message'")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(n, 1);
}

/// She reports item `id` of `kind` for `reason`, without details: as a fetch (the island's
/// way, the status tells) or as a plain form (the redirect tells).
async fn report(
    app: &mut TestApp,
    fetch: bool,
    kind: &str,
    id: &str,
    reason: &str,
) -> crate::testing::Page {
    let fields = [("kind", kind), ("item_id", id), ("reason", reason)];
    if fetch {
        app.post_fetch("/api/report_content", &fields).await
    } else {
        app.post_form("/api/report_content", &fields).await
    }
}

/// The matched mentor (`matched`) writes in mentorship `m`; the message's id.
async fn mentor_writes(app: &TestApp, m: i64, text: &str) -> i64 {
    let mentor = crate::testing::id_of(app, "asel.data@example.kg").await;
    crate::mentoring::mentorships::store::post_message(&app.pool, m, mentor, text, false, 5)
        .await
        .unwrap();
    sqlx::query_scalar("SELECT MAX(id) FROM messages")
        .fetch_one(&app.pool)
        .await
        .unwrap()
}

async fn signed_up_stranger(app: &TestApp) {
    crate::testing::signed_up(app, "stranger@example.kg", "Stranger", Role::Mentee).await;
}

/// An award cycle open for nominations in the categories `codes`; the cycle and each
/// category's id, in the order given.
async fn nominations_open(app: &TestApp, codes: &[&str]) -> (i64, Vec<i64>) {
    let admin = account(app, "admin@award.kg", "Admin", Role::Admin).await;
    let cycle = crate::awards::store::create_cycle(
        &app.pool,
        "Award",
        crate::awards::Schedule {
            nominations_until: 10 * 86_400,
            voting_until: 20 * 86_400,
        },
        codes,
        admin,
        1,
    )
    .await
    .unwrap();
    crate::awards::store::advance(&app.pool, cycle, crate::awards::Phase::Draft, admin, 1)
        .await
        .unwrap();
    let mut cats = Vec::new();
    for code in codes {
        let id: i64 = sqlx::query_scalar("SELECT id FROM award_categories WHERE code = ?")
            .bind(code)
            .fetch_one(&app.pool)
            .await
            .unwrap();
        cats.push(id);
    }
    (cycle, cats)
}

#[tokio::test]
async fn a_nomination_is_reported_from_the_awards_page_as_shown_there_and_then_says_so() {
    let mut app = TestApp::new().await;
    let (cycle, cats) = nominations_open(&app, &["best_mentor", "community_partner"]).await;
    let nominator = crate::testing::signed_up(&app, "n@award.kg", "Nurzat", Role::Mentee).await;
    let mentor = crate::testing::signed_up(&app, "mentor@award.kg", "Mentor", Role::Mentor).await;
    // an adult's accepted nomination shows before screening; an organisation's does not
    crate::awards::store::nominate(
        &app.pool,
        cats[0],
        nominator,
        "mentor@award.kg",
        "",
        "She taught us to code.",
        2,
    )
    .await
    .unwrap();
    let nomination_of = |cat: i64| {
        sqlx::query_scalar::<_, i64>("SELECT id FROM award_nominations WHERE category_id = ?")
            .bind(cat)
            .fetch_one(&app.pool)
    };
    let shown = nomination_of(cats[0]).await.unwrap();
    crate::awards::store::answer(&app.pool, shown, mentor, true, 3)
        .await
        .unwrap();
    crate::awards::store::nominate(
        &app.pool,
        cats[1],
        nominator,
        "",
        "Naryn Girls Code",
        "They teach girls in At-Bashy.",
        4,
    )
    .await
    .unwrap();
    let unscreened = nomination_of(cats[1]).await.unwrap();
    let (shown_s, unscreened_s) = (shown.to_string(), unscreened.to_string());
    let page = format!("/awards/{cycle}");
    let form_of = |id: &str| format!("name=\"item_id\" value=\"{id}\"");
    // its nominator has no form for her own and cannot report it
    app.as_user("n@award.kg").await;
    let body = app.get(&page).await.body;
    assert!(body.contains("She taught us to code."));
    assert!(!body.contains(&form_of(&shown_s)));
    let res = report(&mut app, true, "nomination", &shown_s, "spam").await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    // its nominee: one form for it, in her "For you" list, not a second one in the list
    app.as_user("mentor@award.kg").await;
    let body = app.get(&page).await.body;
    assert_eq!(body.matches(&form_of(&shown_s)).count(), 1);
    // someone else: the shown one carries the form; the unscreened one is nowhere (404)
    signed_up_stranger(&app).await;
    app.as_user("stranger@example.kg").await;
    let body = app.get(&page).await.body;
    assert!(
        body.contains(&form_of(&shown_s)),
        "the report form under it"
    );
    assert!(!body.contains("They teach girls in At-Bashy."));
    let res = report(&mut app, true, "nomination", &unscreened_s, "spam").await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    let res = app
        .post_form(
            "/api/report_content",
            &[
                ("kind", "nomination"),
                ("item_id", &shown_s),
                ("reason", "inappropriate"),
                ("details", "not true"),
            ],
        )
        .await;
    assert_eq!(res.location(), Some(page.as_str()));
    // back on the page: the words saying she reported it, no form
    let body = app.get(&page).await.body;
    assert!(!body.contains(&form_of(&shown_s)));
    assert!(body.contains("You reported this."));
    let cases: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM moderation_cases WHERE item_kind = 'nomination' AND item_id = ?",
    )
    .bind(shown)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(cases, 1);
}

#[tokio::test]
async fn every_page_with_a_report_form_says_once_she_has_reported() {
    let mut app = TestApp::new().await;
    let m = matched(&app).await;
    let mentor = crate::testing::id_of(&app, "asel.data@example.kg").await;
    let msg = mentor_writes(&app, m, "Hello there.").await;
    // her roadmap, shared with her mentor, who comments on a step
    let now = crate::db::now();
    let mentee = crate::testing::id_of(&app, "aigerim@example.kg").await;
    let roadmap = crate::roadmaps::store::create(
        &app.pool,
        mentee,
        &crate::roadmaps::store::RoadmapInput {
            title: "Become a data analyst".into(),
            description: String::new(),
            target_date: None,
            visibility: crate::roadmaps::Visibility::Mentor,
        },
        None,
        now,
    )
    .await
    .unwrap();
    let version: i64 = sqlx::query_scalar("SELECT version FROM roadmaps WHERE id = ?")
        .bind(roadmap)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let step = crate::roadmaps::store::add_step(
        &app.pool,
        roadmap,
        mentee,
        version,
        crate::roadmaps::store::StepInput {
            title: "Learn SQL".into(),
            details: String::new(),
            criterion: String::new(),
            due_date: None,
            resources: vec![],
        },
        now,
    )
    .await
    .unwrap();
    crate::roadmaps::store::comment(&app.pool, roadmap, step, mentor, "Start with SELECT.", now)
        .await
        .unwrap();
    let comment: i64 = sqlx::query_scalar("SELECT id FROM roadmap_comments")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    // a partner's approved practice
    let partner = account(&app, "p@example.kg", "Partner", Role::Partner).await;
    let practice =
        crate::testing::approved_practice(&app, partner, "Girls code on Saturdays.").await;
    app.as_user("aigerim@example.kg").await;
    let (mentorship, profile) = (format!("/mentorships/{m}"), format!("/mentors/{mentor}"));
    let (roadmap_page, practice_page) = (
        format!("/roadmaps/{roadmap}"),
        format!("/community/practices/{practice}"),
    );
    for (path, kind, id) in [
        (&mentorship, "message", msg),
        (&profile, "mentor_profile", mentor),
        (&roadmap_page, "roadmap_comment", comment),
        (&practice_page, "practice", practice),
    ] {
        let form = format!("name=\"kind\" value=\"{kind}\"");
        let body = app.get(path).await.body;
        assert!(body.contains(&form), "{kind}: the form first");
        assert!(!body.contains("You reported this."), "{kind}");
        let res = report(&mut app, false, kind, &id.to_string(), "spam").await;
        assert_eq!(res.location(), Some(path.as_str()), "{kind}");
        let body = app.get(path).await.body;
        assert!(!body.contains(&form), "{kind}: no second form");
        assert!(body.contains("You reported this."), "{kind}");
    }
}

#[tokio::test]
async fn a_nominee_reports_what_was_written_about_her_and_voting_shows_only_finalists() {
    let mut app = TestApp::new().await;
    let (cycle, cats) = nominations_open(&app, &["best_mentee", "best_mentor"]).await;
    let nominator = account(&app, "n@award.kg", "Nurzat", Role::Mentee).await;
    crate::testing::signed_up(&app, "girl@award.kg", "Girl", Role::Mentee).await;
    // a mentee who may be under 18: nobody else sees the nomination, she does, and reports it
    crate::awards::store::nominate(
        &app.pool,
        cats[0],
        nominator,
        "girl@award.kg",
        "",
        "Unkind words about her.",
        2,
    )
    .await
    .unwrap();
    let about_her: i64 = sqlx::query_scalar("SELECT id FROM award_nominations")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let page = format!("/awards/{cycle}");
    signed_up_stranger(&app).await;
    app.as_user("stranger@example.kg").await;
    let res = report(
        &mut app,
        true,
        "nomination",
        &about_her.to_string(),
        "harassment",
    )
    .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND, "not shown to others");
    app.as_user("girl@award.kg").await;
    let body = app.get(&page).await.body;
    assert!(body.contains("Unkind words about her."));
    assert!(body.contains(&format!("name=\"item_id\" value=\"{about_her}\"")));
    let res = report(
        &mut app,
        false,
        "nomination",
        &about_her.to_string(),
        "harassment",
    )
    .await;
    assert_eq!(res.location(), Some(page.as_str()));
    assert!(app.get(&page).await.body.contains("You reported this."));

    // voting: a finalist is reportable, an accepted nomination left off the shortlist is not
    let mentors: Vec<i64> = vec![
        account(&app, "m1@award.kg", "Mentor One", Role::Mentor).await,
        account(&app, "m2@award.kg", "Mentor Two", Role::Mentor).await,
    ];
    for (i, email) in ["m1@award.kg", "m2@award.kg"].into_iter().enumerate() {
        crate::awards::store::nominate(
            &app.pool,
            cats[1],
            nominator,
            email,
            "",
            "Great mentor.",
            3,
        )
        .await
        .unwrap();
        let id: i64 = sqlx::query_scalar("SELECT MAX(id) FROM award_nominations")
            .fetch_one(&app.pool)
            .await
            .unwrap();
        crate::awards::store::answer(&app.pool, id, mentors[i], true, 4)
            .await
            .unwrap();
    }
    sqlx::query(
        "UPDATE award_nominations SET screening = 'eligible', finalist = (nominee_id = ?) WHERE category_id = ?",
    )
    .bind(mentors[0])
    .bind(cats[1])
    .execute(&app.pool)
    .await
    .unwrap();
    sqlx::query("UPDATE award_cycles SET phase = 'voting' WHERE id = ?")
        .bind(cycle)
        .execute(&app.pool)
        .await
        .unwrap();
    app.as_user("stranger@example.kg").await;
    for (nominee, status) in [
        (mentors[0], StatusCode::OK),
        (mentors[1], StatusCode::NOT_FOUND),
    ] {
        let id: i64 = sqlx::query_scalar("SELECT id FROM award_nominations WHERE nominee_id = ?")
            .bind(nominee)
            .fetch_one(&app.pool)
            .await
            .unwrap();
        let res = report(&mut app, true, "nomination", &id.to_string(), "spam").await;
        assert_eq!(res.status, status, "nominee {nominee}");
    }
}

#[tokio::test]
async fn an_unknown_code_is_refused_by_the_database_and_fails_a_read() {
    let app = TestApp::new().await;
    // every kind the code knows is accepted by the triggers; another is refused
    for kind in super::ItemKind::ALL {
        sqlx::query(
            "INSERT INTO moderation_cases (item_kind, item_id, snapshot, state, opened_at) VALUES (?, 1, '', 'open', 0)",
        )
        .bind(kind.code())
        .execute(&app.pool)
        .await
        .unwrap_or_else(|e| panic!("{}: {e}", kind.code()));
    }
    for (kind, because) in [("bogus", None), ("message", Some("bogus"))] {
        let r = sqlx::query(
            "INSERT INTO moderation_cases (item_kind, item_id, snapshot, state, opened_at, hidden_because) VALUES (?, 2, '', 'open', 0, ?)",
        )
        .bind(kind)
        .bind(because)
        .execute(&app.pool)
        .await;
        assert!(r.is_err(), "{kind} {because:?}");
    }
    for because in [
        super::HiddenBecause::Reports,
        super::HiddenBecause::Personal,
    ] {
        sqlx::query("UPDATE moderation_cases SET hidden_because = ? WHERE item_kind = 'message'")
            .bind(because)
            .execute(&app.pool)
            .await
            .unwrap();
    }
    // a code read back decodes to its enum; one the enum does not know fails the read
    let state: super::CaseState = sqlx::query_scalar("SELECT 'closed'")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(state, super::CaseState::Closed);
    let unknown: Result<super::CaseState, _> = sqlx::query_scalar("SELECT 'bogus'")
        .fetch_one(&app.pool)
        .await;
    assert!(unknown.is_err());
}
