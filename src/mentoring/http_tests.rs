//! Mentorship requests and conversations through the real router and a real SQLite with the
//! real migrations.
use crate::auth::Role;
use crate::testing::{
    account, as_admin, discover, matched, mentor, open_mentor, signed_up, with_password, NewMentor,
    TestApp, MENTEE_FORM,
};
use axum::http::StatusCode;

mod requests {
    use super::*;
    use crate::mentoring::requests::store as rs;
    use crate::mentoring::requests::{Event, State};

    #[tokio::test]
    async fn one_mentor_at_a_time_unless_an_administrator_allows_more() {
        let mut app = TestApp::new().await;
        matched(&app).await;
        let mentee: i64 = sqlx::query_scalar("SELECT mentee_id FROM mentorships")
            .fetch_one(&app.pool)
            .await
            .unwrap();
        let second = mentor(&app, open_mentor("Bermet Code")).await;
        let third = mentor(&app, open_mentor("Cholpon Third")).await;
        with_password(&app, second).await;
        app.as_user("aigerim@example.kg").await;
        app.post_form("/api/save_mentee_profile", MENTEE_FORM).await;
        async fn send(app: &mut TestApp, to: i64) -> crate::testing::Page {
            let to = to.to_string();
            let f = [
                ("mentor_id", to.as_str()),
                ("message", "Hello"),
                ("hopes", "Python"),
            ];
            app.post_fetch("/api/send_request", &f).await
        }
        async fn allow(app: &mut TestApp, who: i64, n: &str) -> crate::testing::Page {
            let who = who.to_string();
            app.post_fetch(
                "/api/allow_mentors",
                &[("mentee_id", who.as_str()), ("allowed", n)],
            )
            .await
        }
        // matched already: a request to another mentor is refused, and says why
        let refused = send(&mut app, second).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            refused.body.contains("err.request_has_mentor"),
            "{}",
            refused.body
        );

        // only an administrator allows more, for a mentee, 1 to 3
        assert_eq!(
            allow(&mut app, mentee, "2").await.status,
            StatusCode::NOT_FOUND
        );
        as_admin(&mut app).await;
        assert_eq!(
            allow(&mut app, mentee, "9").await.status,
            StatusCode::UNPROCESSABLE_ENTITY
        );
        assert_eq!(
            allow(&mut app, second, "2").await.status,
            StatusCode::NOT_FOUND
        );
        let page = app.get(&format!("/mentees/{mentee}")).await;
        assert!(page.body.contains("/api/allow_mentors"));
        assert!(allow(&mut app, mentee, "2").await.status.is_success());
        // allowed two, she still cannot ask the mentor she already has
        app.as_user("aigerim@example.kg").await;
        let mentor_now: i64 = sqlx::query_scalar("SELECT mentor_id FROM mentorships")
            .fetch_one(&app.pool)
            .await
            .unwrap();
        let same = send(&mut app, mentor_now).await;
        assert!(
            same.body.contains("err.request_has_mentor"),
            "{}",
            same.body
        );

        // two requests; the first accepted makes her second mentorship, and then the other ends
        app.as_user("aigerim@example.kg").await;
        assert!(send(&mut app, second).await.status.is_success());
        assert!(send(&mut app, third).await.status.is_success());
        let req: i64 = sqlx::query_scalar("SELECT id FROM mentorship_requests WHERE mentor_id = ?")
            .bind(second)
            .fetch_one(&app.pool)
            .await
            .unwrap();
        rs::act(
            &app.pool,
            req,
            second,
            Event::Accept,
            None,
            None,
            crate::db::now(),
        )
        .await
        .unwrap();
        let ongoing: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM mentorships WHERE mentee_id = ? AND state = 'active'",
        )
        .bind(mentee)
        .fetch_one(&app.pool)
        .await
        .unwrap();
        assert_eq!(ongoing, 2);
        let left: String =
            sqlx::query_scalar("SELECT state FROM mentorship_requests WHERE mentor_id = ?")
                .bind(third)
                .fetch_one(&app.pool)
                .await
                .unwrap();
        assert_eq!(left, "invalidated");
        // her mentor reads her profile, but not what the programme allows her
        let email: String = sqlx::query_scalar("SELECT email FROM accounts WHERE id = ?")
            .bind(second)
            .fetch_one(&app.pool)
            .await
            .unwrap();
        app.as_user(&email).await;
        let id = mentee.to_string();
        let read = app
            .post_fetch("/api/mentee_profile", &[("id", id.as_str())])
            .await;
        assert_eq!(read.status, StatusCode::OK, "{}", read.body);
        let profile: crate::accounts::profiles::MenteeProfile =
            serde_json::from_str(&read.body).unwrap();
        assert_eq!(profile.mentors_allowed, None);
    }

    #[tokio::test]
    async fn a_mentor_reads_a_mentees_profile_while_they_work_together_and_30_days_after() {
        let app = TestApp::new().await;
        matched(&app).await;
        let (mentee, mentor_id): (i64, i64) =
            sqlx::query_as("SELECT mentee_id, mentor_id FROM mentorships")
                .fetch_one(&app.pool)
                .await
                .unwrap();
        let now = crate::db::now();
        let may = |m: i64| rs::mentor_may_see_mentee(&app.pool, m, mentee, now);
        assert!(may(mentor_id).await.unwrap());
        let ended = |days: i64| {
            sqlx::query("UPDATE mentorships SET state = 'completed', ended_at = ?")
                .bind(now - days * 86_400)
        };
        ended(29).execute(&app.pool).await.unwrap();
        assert!(may(mentor_id).await.unwrap());
        ended(31).execute(&app.pool).await.unwrap();
        assert!(!may(mentor_id).await.unwrap());
        // a cancelled mentorship ends it at once
        sqlx::query("UPDATE mentorships SET state = 'cancelled', ended_at = ?")
            .bind(now - 86_400)
            .execute(&app.pool)
            .await
            .unwrap();
        assert!(!may(mentor_id).await.unwrap());
        // a request that ended without a mentorship ends it too
        let other = mentor(&app, open_mentor("Bermet Code")).await;
        let r = rs::send(&app.pool, mentee, other, "hi", "x", now)
            .await
            .unwrap();
        assert!(may(other).await.unwrap());
        rs::act(
            &app.pool,
            r,
            other,
            Event::Decline,
            Some(crate::mentoring::requests::DeclineReason::NoTime),
            None,
            now,
        )
        .await
        .unwrap();
        assert!(!may(other).await.unwrap());
    }

    async fn state(app: &TestApp, id: i64) -> String {
        sqlx::query_scalar("SELECT state FROM mentorship_requests WHERE id = ?")
            .bind(id)
            .fetch_one(&app.pool)
            .await
            .unwrap()
    }

    #[tokio::test]
    async fn a_request_goes_from_question_to_answer_to_mentorship() {
        let mut app = TestApp::new().await;
        let mentor_id = mentor(&app, open_mentor("Asel Data")).await;
        with_password(&app, mentor_id).await;
        let other_mentor = mentor(&app, open_mentor("Bermet Other")).await;
        let mentee = signed_up(&app, "aigerim@example.kg", "Aigerim", Role::Mentee).await;
        app.as_user("aigerim@example.kg").await;
        let res = app.post_form("/api/save_mentee_profile", MENTEE_FORM).await;
        assert_eq!(res.location(), Some("/profile"));
        // before she asks, the mentor cannot read her profile
        assert!(!rs::mentor_may_see_mentee(&app.pool, mentor_id, mentee, 1)
            .await
            .unwrap());

        let res = app
            .post_form(
                "/api/send_request",
                &[
                    ("mentor_id", &mentor_id.to_string()),
                    ("message", "Hello!"),
                    ("hopes", ""),
                ],
            )
            .await;
        let page = app.follow(res).await;
        assert!(
            page.body.contains("id=\"send_request-hopes-error\""),
            "hopes required"
        );
        let res = app
            .post_form(
                "/api/send_request",
                &[
                    ("mentor_id", &mentor_id.to_string()),
                    ("message", "Hello, I am Aigerim."),
                    ("hopes", "A data internship"),
                ],
            )
            .await;
        assert_eq!(res.location(), Some("/requests"));
        let page = app.follow(res).await;
        assert!(page.body.contains("Your request is sent.") && page.body.contains("Waiting"));
        // a second request to the same mentor is refused; one to another mentor is fine
        let res = app
            .post_fetch(
                "/api/send_request",
                &[
                    ("mentor_id", &mentor_id.to_string()),
                    ("message", "Again"),
                    ("hopes", "x"),
                ],
            )
            .await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(res.body.contains("err.request_duplicate"));
        app.post_form(
            "/api/send_request",
            &[
                ("mentor_id", &other_mentor.to_string()),
                ("message", "Hi"),
                ("hopes", "x"),
            ],
        )
        .await;
        let req: i64 = sqlx::query_scalar("SELECT id FROM mentorship_requests WHERE mentor_id = ?")
            .bind(mentor_id)
            .fetch_one(&app.pool)
            .await
            .unwrap();

        // the mentor opens her list: viewed; she may now read the mentee's profile
        app.as_user("asel.data@example.kg").await;
        let page = app.get("/requests").await;
        assert!(
            page.body.contains("Hello, I am Aigerim.")
                && page.body.contains(&format!("/mentees/{mentee}"))
        );
        assert_eq!(state(&app, req).await, "viewed");
        let profile = app.get(&format!("/mentees/{mentee}")).await;
        assert_eq!(profile.status, StatusCode::OK);
        assert!(profile.body.contains("Under 18"));

        // she asks a question; accepting now is refused until the answer comes
        let res = app
            .post_form(
                "/api/request_action",
                &[
                    ("request_id", &req.to_string()),
                    ("action", "ask"),
                    ("text", "Which tools do you know?"),
                ],
            )
            .await;
        assert!(app
            .follow(res)
            .await
            .body
            .contains("Your question is sent."));
        assert_eq!(state(&app, req).await, "needs_info");
        let res = app
            .post_fetch(
                "/api/request_action",
                &[("request_id", &req.to_string()), ("action", "accept")],
            )
            .await;
        assert!(
            res.body.contains("err.request_waiting_answer"),
            "{}",
            res.body
        );
        // the mentee answers (the mentor cannot answer for her: 404)
        let res = app
            .post_fetch(
                "/api/request_action",
                &[
                    ("request_id", &req.to_string()),
                    ("action", "answer"),
                    ("text", "x"),
                ],
            )
            .await;
        assert_eq!(res.status, StatusCode::NOT_FOUND);
        app.as_user("aigerim@example.kg").await;
        let res = app
            .post_form(
                "/api/request_action",
                &[
                    ("request_id", &req.to_string()),
                    ("action", "answer"),
                    ("text", "Excel and a little Python."),
                ],
            )
            .await;
        assert!(app.follow(res).await.body.contains("Your answer is sent"));
        assert_eq!(state(&app, req).await, "pending");

        app.as_user("asel.data@example.kg").await;
        let res = app
            .post_form(
                "/api/request_action",
                &[("request_id", &req.to_string()), ("action", "accept")],
            )
            .await;
        assert!(app
            .follow(res)
            .await
            .body
            .contains("Accepted. Your mentorship has started."));
        assert_eq!(state(&app, req).await, "accepted");
        let active: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM mentorships WHERE state = 'active'")
                .fetch_one(&app.pool)
                .await
                .unwrap();
        assert_eq!(active, 1);
        // she is matched: her other open request ends
        let other: String =
            sqlx::query_scalar("SELECT state FROM mentorship_requests WHERE mentor_id = ?")
                .bind(other_mentor)
                .fetch_one(&app.pool)
                .await
                .unwrap();
        assert_eq!(other, "invalidated");
        // stale state: withdrawing an accepted request is refused and changes nothing
        app.as_user("aigerim@example.kg").await;
        let res = app
            .post_fetch(
                "/api/request_action",
                &[("request_id", &req.to_string()), ("action", "withdraw")],
            )
            .await;
        assert!(res.body.contains("err.request_closed"));
        assert_eq!(state(&app, req).await, "accepted");
        // discovery counts the taken place
        let page = discover(&mut app, &[("filters[q]", "data")]).await;
        assert_eq!(
            page.cards
                .iter()
                .find(|c| c.id == mentor_id)
                .unwrap()
                .spots_left,
            1
        );
    }

    #[tokio::test]
    async fn limits_and_strangers_are_refused() {
        let mut app = TestApp::new().await;
        let mentors: Vec<i64> = {
            let mut v = Vec::new();
            for n in ["A One", "B Two", "C Three", "D Four"] {
                v.push(mentor(&app, open_mentor(n)).await);
            }
            v
        };
        let paused = mentor(
            &app,
            NewMentor {
                open: false,
                ..open_mentor("E Paused")
            },
        )
        .await;
        let pending = mentor(
            &app,
            NewMentor {
                approve: false,
                ..open_mentor("F Pending")
            },
        )
        .await;
        let mentee = account(&app, "a@example.kg", "A", Role::Mentee).await;
        let other = account(&app, "b@example.kg", "B", Role::Mentee).await;
        for m in &mentors[..3] {
            assert!(rs::send(&app.pool, mentee, *m, "hi", "x", 1).await.is_ok());
        }
        assert_eq!(
            rs::send(&app.pool, mentee, mentors[3], "hi", "x", 1).await,
            Err(crate::db::rule("", crate::i18n::k::ERR_REQUEST_TOO_MANY))
        );
        assert_eq!(
            rs::send(&app.pool, other, paused, "hi", "x", 1).await,
            Err(crate::db::NOT_FOUND)
        );
        assert_eq!(
            rs::send(&app.pool, other, pending, "hi", "x", 1).await,
            Err(crate::db::NOT_FOUND)
        );
        assert_eq!(
            rs::send(&app.pool, mentors[0], mentors[0], "hi", "x", 1).await,
            Err(crate::db::rule("", crate::i18n::k::ERR_REQUEST_SELF))
        );
        let req: i64 = sqlx::query_scalar("SELECT id FROM mentorship_requests WHERE mentor_id = ?")
            .bind(mentors[0])
            .fetch_one(&app.pool)
            .await
            .unwrap();
        // another mentor, or another mentee, acting on it: 404, nothing changes
        assert_eq!(
            rs::act(&app.pool, req, mentors[1], Event::Accept, None, None, 2).await,
            Err(crate::db::NOT_FOUND)
        );
        assert_eq!(
            rs::act(&app.pool, req, other, Event::Withdraw, None, None, 2).await,
            Err(crate::db::NOT_FOUND)
        );
        assert_eq!(
            rs::act(&app.pool, 9_999, mentee, Event::Withdraw, None, None, 2).await,
            Err(crate::db::NOT_FOUND)
        );
        assert_eq!(state(&app, req).await, "pending");
        // the mentee withdraws; then a fourth request fits
        assert_eq!(
            rs::act(&app.pool, req, mentee, Event::Withdraw, None, None, 2).await,
            Ok(State::Withdrawn)
        );
        assert!(rs::send(&app.pool, mentee, mentors[3], "hi", "x", 3)
            .await
            .is_ok());
        // a decline needs a reason (through the API)
        with_password(&app, mentors[1]).await;
        app.as_user("b.two@example.kg").await;
        let req2: i64 =
            sqlx::query_scalar("SELECT id FROM mentorship_requests WHERE mentor_id = ?")
                .bind(mentors[1])
                .fetch_one(&app.pool)
                .await
                .unwrap();
        let res = app
            .post_fetch(
                "/api/request_action",
                &[("request_id", &req2.to_string()), ("action", "decline")],
            )
            .await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
        let res = app
            .post_form(
                "/api/request_action",
                &[
                    ("request_id", &req2.to_string()),
                    ("action", "decline"),
                    ("reason", "no_time"),
                ],
            )
            .await;
        assert!(app.follow(res).await.body.contains("No time right now"));
        assert_eq!(state(&app, req2).await, "declined");
    }

    #[tokio::test]
    async fn the_last_place_can_never_be_taken_twice() {
        let app = TestApp::new().await;
        let m = mentor(&app, open_mentor("Only One")).await;
        sqlx::query("UPDATE mentor_profiles SET capacity = 1 WHERE account_id = ?")
            .bind(m)
            .execute(&app.pool)
            .await
            .unwrap();
        let mut reqs = Vec::new();
        for i in 0..6 {
            let mentee = account(&app, &format!("m{i}@example.kg"), "M", Role::Mentee).await;
            reqs.push(rs::send(&app.pool, mentee, m, "hi", "x", 1).await.unwrap());
        }
        // the mentor accepts all six at the same moment (double clicks, two tabs)
        let tasks: Vec<_> = reqs
            .iter()
            .flat_map(|r| [*r, *r])
            .map(|r| {
                let pool = app.pool.clone();
                tokio::spawn(async move {
                    rs::act(&pool, r, m, Event::Accept, None, None, 5)
                        .await
                        .unwrap()
                })
            })
            .collect();
        let mut accepted = 0;
        for t in tasks {
            if t.await.is_ok() {
                accepted += 1;
            }
        }
        assert_eq!(accepted, 1);
        let active: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM mentorships WHERE mentor_id = ? AND state = 'active'",
        )
        .bind(m)
        .fetch_one(&app.pool)
        .await
        .unwrap();
        assert_eq!(active, 1);
        // she is full now: the other requests were invalidated, and new ones are refused
        let open: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM mentorship_requests WHERE state IN ('pending','viewed','needs_info')").fetch_one(&app.pool).await.unwrap();
        assert_eq!(open, 0);
        let late = account(&app, "late@example.kg", "L", Role::Mentee).await;
        assert_eq!(
            rs::send(&app.pool, late, m, "hi", "x", 6).await,
            Err(crate::db::rule("", crate::i18n::k::ERR_MENTOR_FULL))
        );
    }

    #[tokio::test]
    async fn pausing_invalidates_and_silence_expires() {
        let mut app = TestApp::new().await;
        let m = mentor(&app, open_mentor("Pausing Mentor")).await;
        let n = mentor(&app, open_mentor("Silent Mentor")).await;
        let mentee = account(&app, "a@example.kg", "A", Role::Mentee).await;
        let r1 = rs::send(&app.pool, mentee, m, "hi", "x", 1).await.unwrap();
        let r2 = rs::send(&app.pool, mentee, n, "hi", "x", 1).await.unwrap();
        // the mentor pauses through her profile form
        with_password(&app, m).await;
        app.as_user("pausing.mentor@example.kg").await;
        let res = app
            .post_form(
                "/api/save_mentor_profile",
                &[
                    ("organisation", "Org"),
                    ("title", "T"),
                    ("years_experience", "3"),
                    ("capacity", "2"),
                    ("status", "paused"),
                    ("bio", "Bio"),
                    ("region", "naryn"),
                    ("skills[]", "102"),
                    ("languages[ky]", "native"),
                ],
            )
            .await;
        assert_eq!(res.location(), Some("/profile"));
        assert_eq!(state(&app, r1).await, "invalidated");
        // 14 days without an answer: expired
        assert_eq!(
            rs::expire_stale(&app.pool, 1 + 13 * 86_400).await.unwrap(),
            0
        );
        assert_eq!(
            rs::expire_stale(&app.pool, 1 + 14 * 86_400).await.unwrap(),
            1
        );
        assert_eq!(state(&app, r2).await, "expired");
    }
}

mod conversation {
    use super::*;

    #[tokio::test]
    async fn messages_are_private_and_contact_details_wait_for_an_administrator() {
        let mut app = TestApp::new().await;
        let ms = matched(&app).await;
        app.as_user("aigerim@example.kg").await;
        let res = app
            .post_form(
                "/api/send_message",
                &[
                    ("mentorship_id", &ms.to_string()),
                    ("body", "Salam! When can we meet?"),
                ],
            )
            .await;
        assert_eq!(res.location(), Some(format!("/mentorships/{ms}").as_str()));
        assert!(app.follow(res).await.body.contains("Message sent."));
        let res = app
            .post_form(
                "/api/send_message",
                &[
                    ("mentorship_id", &ms.to_string()),
                    ("body", "Call me: +996 555 123 456"),
                ],
            )
            .await;
        let page = app.follow(res).await;
        assert!(page.body.contains("an administrator will check it"));
        assert!(
            page.body.contains("+996 555 123 456")
                && page.body.contains("Waiting for an administrator")
        );
        // empty message: explained, nothing written
        let res = app
            .post_form(
                "/api/send_message",
                &[("mentorship_id", &ms.to_string()), ("body", "  ")],
            )
            .await;
        assert!(app
            .follow(res)
            .await
            .body
            .contains("id=\"message-body-error\""));

        // the mentor sees the first message, not the held one
        app.as_user("asel.data@example.kg").await;
        let page = app.get(&format!("/mentorships/{ms}")).await;
        assert!(page.body.contains("Salam! When can we meet?"));
        assert!(!page.body.contains("555 123 456"));

        // strangers get 404 on the page and on posting
        let stranger = account(&app, "x@example.kg", "X", Role::Mentee).await;
        with_password(&app, stranger).await;
        app.as_user("x@example.kg").await;
        assert_eq!(
            app.get(&format!("/mentorships/{ms}")).await.status,
            StatusCode::NOT_FOUND
        );
        let res = app
            .post_fetch(
                "/api/send_message",
                &[("mentorship_id", &ms.to_string()), ("body", "hi")],
            )
            .await;
        assert_eq!(res.status, StatusCode::NOT_FOUND);
        assert_eq!(
            app.post_fetch("/api/held_messages", &[]).await.status,
            StatusCode::NOT_FOUND
        );

        // an administrator delivers it
        as_admin(&mut app).await;
        let queue = app.get("/admin/messages").await;
        assert!(
            queue.body.contains("+996 555 123 456") && queue.body.contains("Aigerim to Asel Data")
        );
        let held: i64 = sqlx::query_scalar("SELECT id FROM messages WHERE status = 'held'")
            .fetch_one(&app.pool)
            .await
            .unwrap();
        let res = app
            .post_form(
                "/api/review_message",
                &[("message_id", &held.to_string()), ("decision", "deliver")],
            )
            .await;
        assert!(app
            .follow(res)
            .await
            .body
            .contains("No messages are waiting."));
        // the decision is in the audit log, by whom
        let audited: (String, String) = sqlx::query_as(
            "SELECT l.after, a.role FROM audit_log l JOIN accounts a ON a.id = l.actor_id \
             WHERE l.target_kind = 'held_message' AND l.target_id = ?",
        )
        .bind(held)
        .fetch_one(&app.pool)
        .await
        .unwrap();
        assert_eq!(audited, ("delivered".to_string(), "admin".to_string()));
        app.as_user("asel.data@example.kg").await;
        assert!(app
            .get(&format!("/mentorships/{ms}"))
            .await
            .body
            .contains("+996 555 123 456"));
    }

    #[tokio::test]
    async fn sessions_are_logged_with_checked_dates_and_minutes() {
        let mut app = TestApp::new().await;
        let ms = matched(&app).await;
        app.as_user("aigerim@example.kg").await;
        let cases = [
            ("27.11.2026", "45", "Data", "Enter a date like 2026-11-27."),
            ("2199-01-01", "45", "Data", "This date is in the future."),
            (
                "2026-11-01",
                "3",
                "Data",
                "Enter a whole number from 5 to 600.",
            ),
            ("2026-11-01", "45", "", "This field is required."),
        ];
        for (date, minutes, topics, message) in cases {
            let res = app
                .post_form(
                    "/api/log_session",
                    &[
                        ("mentorship_id", &ms.to_string()),
                        ("held_on", date),
                        ("minutes", minutes),
                        ("topics", topics),
                    ],
                )
                .await;
            let page = app.follow(res).await;
            assert!(page.body.contains(message), "{message}");
        }
        let logged: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM session_logs")
            .fetch_one(&app.pool)
            .await
            .unwrap();
        assert_eq!(logged, 0);
        let res = app
            .post_form(
                "/api/log_session",
                &[
                    ("mentorship_id", &ms.to_string()),
                    ("held_on", "2026-11-01"),
                    ("minutes", "45"),
                    ("topics", "Pandas basics"),
                ],
            )
            .await;
        let page = app.follow(res).await;
        assert!(page.body.contains("Session logged.") && page.body.contains("Pandas basics"));
        assert!(page.body.contains("1 session, 45 minutes in all"));
    }

    #[tokio::test]
    async fn long_threads_are_paged() {
        let mut app = TestApp::new().await;
        let ms = matched(&app).await;
        let mentee: i64 = sqlx::query_scalar("SELECT mentee_id FROM mentorships")
            .fetch_one(&app.pool)
            .await
            .unwrap();
        for i in 0..25 {
            crate::mentoring::mentorships::store::post_message(
                &app.pool,
                ms,
                mentee,
                &format!("message number {i:02}"),
                false,
                10 + i,
            )
            .await
            .unwrap();
        }
        app.as_user("aigerim@example.kg").await;
        let page = app.get(&format!("/mentorships/{ms}")).await;
        assert!(page.body.contains("message number 24") && page.body.contains("message number 05"));
        assert!(!page.body.contains("message number 04"));
        let first: i64 =
            sqlx::query_scalar("SELECT id FROM messages WHERE body = 'message number 05'")
                .fetch_one(&app.pool)
                .await
                .unwrap();
        assert!(page.body.contains(&format!("?before={first}")));
        let older = app.get(&format!("/mentorships/{ms}?before={first}")).await;
        assert!(
            older.body.contains("message number 00") && older.body.contains("message number 04")
        );
        assert!(!older.body.contains("message number 05"));
    }
}
