//! Cohort drafts against a real SQLite with the real migrations (publishing, what changed
//! since, concurrent and cut-off publishing, edits), and the administrators' pages and CSV
//! through the real router.
use super::store::{self, Edit};
use super::{Change, CohortFilter, DraftState, Goal};
use crate::auth::Role;
use crate::db::{Refusal, StoreError};
use crate::form::Choice;
use crate::i18n::{k, Locale};
use crate::mentoring::requests::{store as rs, Event};
use crate::testing::{account, as_admin, mentor, open_mentor, signed_up, TestApp, ADMIN};
use axum::http::StatusCode;

/// A mentee with a profile (adult, university, data science, native Kyrgyz) in `region`; her
/// email is her name in lower case at `example.kg`.
async fn mentee(app: &TestApp, name: &str, region: &str) -> i64 {
    crate::testing::mentee_with_profile(app, name, region, 102).await
}

async fn admin(app: &TestApp) -> i64 {
    account(app, ADMIN, "Admin", Role::Admin).await
}

async fn count(app: &TestApp, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(&app.pool).await.unwrap()
}

async fn row(app: &TestApp, draft: i64) -> store::DraftRow {
    store::draft(&mut app.pool.acquire().await.unwrap(), draft)
        .await
        .unwrap()
}

async fn state(app: &TestApp, draft: i64) -> DraftState {
    row(app, draft).await.state()
}

async fn pairs(app: &TestApp, draft: i64) -> Vec<store::PairRow> {
    store::pairs(&mut app.pool.acquire().await.unwrap(), draft)
        .await
        .unwrap()
}

/// Publishes the draft as it is now (its current revision).
async fn publish(app: &TestApp, draft: i64, by: i64, now: i64) -> crate::db::StoreResult<usize> {
    let revision = row(app, draft).await.revision;
    store::publish(&app.pool, draft, revision, by, now).await
}

fn stale(e: StoreError) -> crate::i18n::Key {
    match e {
        StoreError::Refused(Refusal::Stale(key)) => key,
        other => panic!("expected a stale refusal, got {other:?}"),
    }
}

async fn changes(app: &TestApp, draft: i64) -> std::collections::HashMap<i64, Change> {
    let d = row(app, draft).await;
    let pairs = pairs(app, draft).await;
    let mut conn = app.pool.acquire().await.unwrap();
    let now = store::cohort(&mut conn, &d.filter(), Locale::En, 10)
        .await
        .unwrap();
    store::changes(&mut conn, &pairs, &now).await.unwrap()
}

#[tokio::test]
async fn a_published_draft_starts_every_mentorship_and_tells_both_sides() {
    let app = TestApp::new().await;
    let by = admin(&app).await;
    let asel = mentor(&app, open_mentor("Asel Data")).await;
    let aida = mentee(&app, "Aida", "naryn").await;
    let young = mentee(&app, "Young Bermet", "naryn").await;
    // Aida had asked Asel herself; her request becomes the accepted one
    let asked = rs::send(&app.pool, aida, asel, "hello", "data", 2)
        .await
        .unwrap();
    let draft = store::create_draft(&app.pool, by, Goal::Best, &CohortFilter::default(), 5)
        .await
        .unwrap();
    let d = row(&app, draft).await;
    assert_eq!((d.mentees, d.mentors, d.pairs), (2, 1, 2));
    let pairs = pairs(&app, draft).await;
    assert!(pairs.iter().all(|p| p.mentor_id == asel));
    assert!(pairs.iter().any(|p| p.mentee_id == young && p.minor));
    assert!(changes(&app, draft).await.is_empty());

    assert_eq!(publish(&app, draft, by, 10).await.unwrap(), 2);
    assert_eq!(state(&app, draft).await, DraftState::Published);
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM mentorships WHERE state = 'active'"
        )
        .await,
        2
    );
    let own: (String, Option<i64>) =
        sqlx::query_as("SELECT state, matched_by FROM mentorship_requests WHERE id = ?")
            .bind(asked)
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(own, ("accepted".to_string(), None));
    let made: Option<i64> = sqlx::query_scalar(
        "SELECT matched_by FROM mentorship_requests WHERE mentee_id = ? AND state = 'accepted'",
    )
    .bind(young)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(made, Some(by));
    // the programme's request is not in her list of requests; her mentorship is
    assert!(rs::list(&app.pool, young, false).await.unwrap().is_empty());
    for (who, kind, n) in [
        (aida, "matched_mentee", 1),
        (young, "matched_mentee", 1),
        (asel, "matched_mentor", 2),
    ] {
        let told: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM notifications WHERE account_id = ? AND kind = ?",
        )
        .bind(who)
        .bind(kind)
        .fetch_one(&app.pool)
        .await
        .unwrap();
        assert_eq!(told, n, "{kind} for {who}");
    }
    // every pair knows its mentorship
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM match_draft_pairs WHERE mentorship_id IS NULL"
        )
        .await,
        0
    );
    // once published, a draft is a record
    let again = publish(&app, draft, by, 11).await.unwrap_err();
    assert_eq!(stale(again), k::MATCHING_NOT_A_DRAFT);
    let edit = store::edit(&app.pool, draft, aida, Edit::Remove)
        .await
        .unwrap_err();
    assert_eq!(stale(edit), k::MATCHING_NOT_A_DRAFT);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM mentorships").await, 2);
}

#[tokio::test]
async fn a_change_since_the_proposal_refuses_publishing_until_it_is_taken_in() {
    let app = TestApp::new().await;
    let by = admin(&app).await;
    let asel = mentor(&app, open_mentor("Asel Data")).await;
    let aida = mentee(&app, "Aida", "naryn").await;
    let bermet = mentee(&app, "Bermet", "naryn").await;
    let draft = store::create_draft(&app.pool, by, Goal::Most, &CohortFilter::default(), 5)
        .await
        .unwrap();
    assert_eq!(pairs(&app, draft).await.len(), 2);
    // meanwhile Aida found a mentor herself, and Asel's experience was corrected
    let other = mentor(&app, open_mentor("Other Mentor")).await;
    let r = rs::send(&app.pool, aida, other, "hi", "x", 6)
        .await
        .unwrap();
    rs::act(&app.pool, r, other, Event::Accept, None, None, 7)
        .await
        .unwrap();
    sqlx::query("UPDATE mentor_profiles SET years_experience = 1 WHERE account_id = ?")
        .bind(asel)
        .execute(&app.pool)
        .await
        .unwrap();
    let seen = changes(&app, draft).await;
    assert_eq!(seen.get(&aida), Some(&Change::MenteeMatched));
    assert!(matches!(seen.get(&bermet), Some(Change::FitChanged(_))));
    // the store itself refuses a pair that is no longer possible, and changes nothing
    let refused = publish(&app, draft, by, 8).await.unwrap_err();
    assert_eq!(stale(refused), k::MATCHING_CHANGED);
    assert_eq!(state(&app, draft).await, DraftState::Draft);
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM mentorships").await,
        1,
        "only Aida's own"
    );
    // taken in: Aida's pair goes, Bermet's takes the new fit, and it publishes
    assert_eq!(store::refresh(&app.pool, draft, 9).await.unwrap(), 2);
    assert!(changes(&app, draft).await.is_empty());
    let left = pairs(&app, draft).await;
    assert_eq!(left.len(), 1);
    assert_eq!(left[0].mentee_id, bermet);
    assert_eq!(publish(&app, draft, by, 9).await.unwrap(), 1);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM mentorships").await, 2);
}

/// Two administrators press Publish at the same moment: the mentorships begin once.
#[tokio::test]
async fn two_publishes_at_once_start_each_mentorship_once() {
    let app = TestApp::new().await;
    let by = admin(&app).await;
    for name in ["Asel Data", "Bermet Data", "Cholpon Data"] {
        mentor(&app, open_mentor(name)).await;
    }
    for i in 0..5 {
        mentee(&app, &format!("Mentee{i}"), "naryn").await;
    }
    let draft = store::create_draft(&app.pool, by, Goal::Best, &CohortFilter::default(), 5)
        .await
        .unwrap();
    let pairs = pairs(&app, draft).await.len();
    assert_eq!(pairs, 5);
    let runs = (0..4).map(|i| {
        let pool = app.pool.clone();
        tokio::spawn(async move { store::publish(&pool, draft, 0, by, 10 + i).await })
    });
    let results: Vec<_> = futures_util::future::join_all(runs)
        .await
        .into_iter()
        .map(|r| r.unwrap())
        .collect();
    assert_eq!(results.iter().filter(|r| r.is_ok()).count(), 1);
    for r in results.into_iter().filter_map(Result::err) {
        assert_eq!(stale(r), k::MATCHING_NOT_A_DRAFT);
    }
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM mentorships").await,
        pairs as i64
    );
}

/// A publish cut off at any await (the administrator's link drops) leaves all or nothing.
#[tokio::test]
async fn a_publish_cut_off_leaves_all_or_nothing() {
    let app = TestApp::new().await;
    let by = admin(&app).await;
    for name in ["Asel Data", "Bermet Data"] {
        mentor(&app, open_mentor(name)).await;
    }
    for i in 0..4 {
        mentee(&app, &format!("Mentee{i}"), "naryn").await;
    }
    let draft = store::create_draft(&app.pool, by, Goal::Best, &CohortFilter::default(), 5)
        .await
        .unwrap();
    for micros in (0..40).map(|i| i * 150) {
        let pool = app.pool.clone();
        let task = tokio::spawn(async move { store::publish(&pool, draft, 0, by, 10).await });
        tokio::time::sleep(std::time::Duration::from_micros(micros)).await;
        task.abort();
        let _ = task.await;
        // one statement, one snapshot: a COMMIT already sent when the task was aborted still
        // lands, a moment later, and must be seen whole or not at all
        let (made, published): (i64, bool) = sqlx::query_as(
            "SELECT (SELECT COUNT(*) FROM mentorships), \
                    (SELECT state = 'published' FROM match_drafts WHERE id = ?)",
        )
        .bind(draft)
        .fetch_one(&app.pool)
        .await
        .unwrap();
        assert_eq!(made, if published { 4 } else { 0 }, "after {micros} µs");
        if published {
            break;
        }
    }
    // and the database takes the next write at once (a commit that landed late refuses it)
    match publish(&app, draft, by, 11).await {
        Ok(n) => assert_eq!(n, 4),
        Err(e) => assert_eq!(stale(e), k::MATCHING_NOT_A_DRAFT),
    }
    assert_eq!(count(&app, "SELECT COUNT(*) FROM mentorships").await, 4);
}

#[tokio::test]
async fn edits_keep_to_free_places() {
    let app = TestApp::new().await;
    let by = admin(&app).await;
    let asel = mentor(&app, open_mentor("Asel Data")).await;
    let bermet = mentor(&app, open_mentor("Bermet Data")).await;
    sqlx::query("UPDATE mentor_profiles SET capacity = 1 WHERE account_id = ?")
        .bind(bermet)
        .execute(&app.pool)
        .await
        .unwrap();
    for name in ["Aida", "Bakyt", "Cholpon"] {
        mentee(&app, name, "naryn").await;
    }
    let draft = store::create_draft(&app.pool, by, Goal::Most, &CohortFilter::default(), 5)
        .await
        .unwrap();
    let before = pairs(&app, draft).await;
    assert_eq!(before.len(), 3);
    let on_asel = before
        .iter()
        .find(|p| p.mentor_id == asel)
        .unwrap()
        .mentee_id;
    let on_bermet = before
        .iter()
        .find(|p| p.mentor_id == bermet)
        .unwrap()
        .mentee_id;
    let to_bermet = Edit::Pair {
        mentor_id: bermet,
        fit: 50,
    };
    // Bermet's one place is taken in the draft
    let full = store::edit(&app.pool, draft, on_asel, to_bermet)
        .await
        .unwrap_err();
    assert_eq!(full, crate::db::rule("", k::ERR_MENTOR_FULL));
    store::edit(&app.pool, draft, on_bermet, Edit::Remove)
        .await
        .unwrap();
    store::edit(&app.pool, draft, on_asel, to_bermet)
        .await
        .unwrap();
    let after = pairs(&app, draft).await;
    assert_eq!(after.len(), 2);
    assert!(after
        .iter()
        .any(|p| p.mentee_id == on_asel && p.mentor_id == bermet && p.fit == 50));
    // removing a pair that is not there, or in a draft that is not there
    assert_eq!(
        store::edit(&app.pool, draft, on_bermet, Edit::Remove)
            .await
            .unwrap_err(),
        crate::db::NOT_FOUND
    );
    assert_eq!(
        store::edit(&app.pool, draft + 99, on_asel, Edit::Remove)
            .await
            .unwrap_err(),
        crate::db::NOT_FOUND
    );
    // the administrator saw revision 0: the draft was edited since, so publishing it is refused
    let seen = store::publish(&app.pool, draft, 0, by, 9)
        .await
        .unwrap_err();
    assert_eq!(stale(seen), k::MATCHING_EDITED);
    store::discard(&app.pool, draft, by, 9).await.unwrap();
    assert_eq!(state(&app, draft).await, DraftState::Discarded);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM mentorships").await, 0);
}

#[tokio::test]
async fn a_cohort_narrows_by_region_and_field_and_may_be_empty() {
    let app = TestApp::new().await;
    let by = admin(&app).await;
    mentee(&app, "Aida", "naryn").await;
    mentee(&app, "Bakyt", "chui").await;
    // no mentor yet: an empty draft that says so, not an error
    let empty = store::create_draft(&app.pool, by, Goal::Best, &CohortFilter::default(), 5)
        .await
        .unwrap();
    let d = row(&app, empty).await;
    assert_eq!((d.mentees, d.mentors, d.pairs), (2, 0, 0));
    mentor(&app, open_mentor("Asel Data")).await;
    let naryn = CohortFilter {
        region: Some("naryn".into()),
        field_id: None,
    };
    let mut conn = app.pool.acquire().await.unwrap();
    let c = store::cohort(&mut conn, &naryn, Locale::En, 6)
        .await
        .unwrap();
    assert_eq!(c.mentees.len(), 1);
    assert_eq!(c.mentees[0].name, "Aida");
    // her ranked mentors, as `stem4all matching rank` writes them
    let ranked = c.rank_csv(5);
    assert!(ranked.starts_with(
        "\u{FEFF}mentee_email,mentee_name,mentee_under_18,rank,mentor_email,mentor_name,fit,reasons\r\n"
    ));
    assert!(
        ranked.contains("aida@example.kg,Aida,no,1,asel.data@example.kg,Asel Data,"),
        "{ranked}"
    );
    assert!(ranked.contains("shares Data science"), "{ranked}");
    assert_eq!(ranked.lines().count(), 2);
    // skill 102 is in field 1; nobody offers or wants field 3
    let none = CohortFilter {
        region: None,
        field_id: Some(3),
    };
    let c = store::cohort(&mut conn, &none, Locale::En, 6)
        .await
        .unwrap();
    assert!(c.mentees.is_empty() && c.mentors.is_empty());
    let unknown = CohortFilter {
        region: None,
        field_id: Some(999),
    };
    assert_eq!(
        store::create_draft(&app.pool, by, Goal::Best, &unknown, 7)
            .await
            .unwrap_err(),
        crate::db::rule("field", k::ERR_CHOOSE_ONE)
    );
}

/// A place taken elsewhere moves a mentor's fit a little (availability): not a change. A
/// mentor who has fewer places than pairs keeps her best fitting pair; only the others change.
#[tokio::test]
async fn small_moves_stand_and_a_full_mentor_keeps_her_best_pair() {
    let app = TestApp::new().await;
    let by = admin(&app).await;
    let asel = mentor(&app, open_mentor("Asel Data")).await;
    sqlx::query("UPDATE mentor_profiles SET capacity = 3 WHERE account_id = ?")
        .bind(asel)
        .execute(&app.pool)
        .await
        .unwrap();
    let aida = mentee(&app, "Aida", "naryn").await;
    let bakyt = mentee(&app, "Bakyt", "chui").await;
    let draft = store::create_draft(&app.pool, by, Goal::Best, &CohortFilter::default(), 5)
        .await
        .unwrap();
    assert_eq!(pairs(&app, draft).await.len(), 2);
    // a third mentee is matched with her outside the draft: one place of three taken
    let other = mentee(&app, "Cholpon", "naryn").await;
    let r = rs::send(&app.pool, other, asel, "hi", "x", 6)
        .await
        .unwrap();
    rs::act(&app.pool, r, asel, Event::Accept, None, None, 7)
        .await
        .unwrap();
    assert!(
        changes(&app, draft).await.is_empty(),
        "3 points is no change"
    );
    // now she has one place for two pairs: Aida (same region, the better fit) keeps hers
    sqlx::query("UPDATE mentor_profiles SET capacity = 2 WHERE account_id = ?")
        .bind(asel)
        .execute(&app.pool)
        .await
        .unwrap();
    let seen = changes(&app, draft).await;
    assert_eq!(seen.len(), 1);
    assert_eq!(seen.get(&bakyt), Some(&Change::MentorFull));
    assert!(!seen.contains_key(&aida));
    assert_eq!(store::refresh(&app.pool, draft, 8).await.unwrap(), 1);
    assert_eq!(publish(&app, draft, by, 9).await.unwrap(), 1);
    let with_asel: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM mentorships WHERE mentor_id = ? AND mentee_id = ?",
    )
    .bind(asel)
    .bind(aida)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(with_asel, 1);
}

/// A mentee who may have two mentors takes a mentor's last place: the mentor's other open
/// requests end (her own request is the accepted one, never "invalidated").
#[tokio::test]
async fn a_mentors_last_place_ends_her_other_requests() {
    let app = TestApp::new().await;
    let asel = mentor(&app, open_mentor("Asel Data")).await;
    sqlx::query("UPDATE mentor_profiles SET capacity = 1 WHERE account_id = ?")
        .bind(asel)
        .execute(&app.pool)
        .await
        .unwrap();
    let aida = mentee(&app, "Aida", "naryn").await;
    let bakyt = mentee(&app, "Bakyt", "naryn").await;
    rs::allow_mentors(&app.pool, aida, 2).await.unwrap();
    let mine = rs::send(&app.pool, aida, asel, "hi", "x", 1).await.unwrap();
    let theirs = rs::send(&app.pool, bakyt, asel, "hi", "x", 1)
        .await
        .unwrap();
    rs::act(&app.pool, mine, asel, Event::Accept, None, None, 2)
        .await
        .unwrap();
    let states: Vec<(i64, String)> =
        sqlx::query_as("SELECT id, state FROM mentorship_requests ORDER BY id")
            .fetch_all(&app.pool)
            .await
            .unwrap();
    assert_eq!(
        states,
        vec![(mine, "accepted".into()), (theirs, "invalidated".into())]
    );
    let told = |who: i64| {
        let pool = app.pool.clone();
        async move {
            sqlx::query_scalar::<_, i64>(
                "SELECT COUNT(*) FROM notifications WHERE account_id = ? AND kind = 'request_invalidated'",
            )
            .bind(who)
            .fetch_one(&pool)
            .await
            .unwrap()
        }
    };
    assert_eq!((told(aida).await, told(bakyt).await), (0, 1));
}

#[test]
fn goals_and_states_round_trip() {
    for g in Goal::ALL {
        assert_eq!(Goal::from_code(g.code()), Some(*g));
    }
    for s in DraftState::ALL {
        assert_eq!(DraftState::from_code(s.code()), Some(*s));
    }
}

/// Through the real router: only administrators see the pages, the CSV and the actions (404
/// for anyone else, and nothing changes); an administrator proposes, downloads and publishes.
#[tokio::test]
async fn the_pages_and_the_csv_are_for_administrators_only() {
    let mut app = TestApp::new().await;
    let asel = mentor(&app, open_mentor("Asel Data")).await;
    crate::testing::with_password(&app, asel).await;
    mentee(&app, "=Aida", "naryn").await;
    signed_up(&app, "nurlan@example.kg", "Nurlan", Role::Mentee).await;
    let by = as_admin(&mut app).await;
    let draft = store::create_draft(&app.pool, by, Goal::Best, &CohortFilter::default(), 5)
        .await
        .unwrap();
    for who in ["nurlan@example.kg", "asel.data@example.kg"] {
        app.as_user(who).await;
        for path in [
            "/admin/matching".to_string(),
            format!("/admin/matching/{draft}"),
            format!("/admin/matching/{draft}/pairs.csv"),
        ] {
            let page = app.get(&path).await;
            assert_eq!(page.status, StatusCode::NOT_FOUND, "{who} {path}");
            assert!(!page.body.contains("Aida"), "{who} {path}");
        }
        let publish = app
            .post_form("/api/matching_publish", &[("draft_id", &draft.to_string())])
            .await;
        assert_eq!(publish.status, StatusCode::NOT_FOUND, "{who}");
        let propose = app
            .post_fetch("/api/matching_propose", &[("goal", "best")])
            .await;
        assert_eq!(propose.status, StatusCode::NOT_FOUND, "{who}");
    }
    app.clear_cookies();
    let csv = app.get(&format!("/admin/matching/{draft}/pairs.csv")).await;
    assert_eq!(csv.status, StatusCode::NOT_FOUND);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM mentorships").await, 0);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM match_drafts").await, 1);

    // the administrator
    as_admin(&mut app).await;
    let list = app.get("/admin/matching").await;
    assert_eq!(list.status, StatusCode::OK);
    // a hostile region is refused with a message, and no draft is made
    let bad = app
        .post_form(
            "/api/matching_propose",
            &[("region", "naryn'; --"), ("field", ""), ("goal", "best")],
        )
        .await;
    assert!(bad.status.is_redirection());
    assert_eq!(bad.location(), Some("/admin/matching"));
    assert_eq!(count(&app, "SELECT COUNT(*) FROM match_drafts").await, 1);
    let made = app
        .post_form(
            "/api/matching_propose",
            &[("region", "naryn"), ("field", "1"), ("goal", "most")],
        )
        .await;
    let to = made.location().unwrap().to_string();
    let id: i64 = to.trim_start_matches("/admin/matching/").parse().unwrap();
    let page = app.get(&to).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("=Aida") && page.body.contains("Asel Data"));
    let csv = app.get(&format!("/admin/matching/{id}/pairs.csv")).await;
    assert_eq!(csv.status, StatusCode::OK);
    assert!(csv.headers[axum::http::header::CONTENT_TYPE]
        .to_str()
        .unwrap()
        .starts_with("text/csv"));
    assert!(csv.body.starts_with('\u{FEFF}'));
    // a name that starts like a formula stays text in a spreadsheet
    assert!(csv.body.contains(",'=Aida,"), "{}", csv.body);
    assert_eq!(
        app.get("/admin/matching/999/pairs.csv").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get("/admin/matching/x1/pairs.csv").await.status,
        StatusCode::NOT_FOUND
    );
    let published = app
        .post_form(
            "/api/matching_publish",
            &[("draft_id", &id.to_string()), ("revision", "0")],
        )
        .await;
    assert_eq!(published.location(), Some(to.as_str()));
    assert_eq!(count(&app, "SELECT COUNT(*) FROM mentorships").await, 1);
    let after = app.get(&to).await;
    assert!(
        after.body.contains("/mentorships/"),
        "a link to the mentorship"
    );
    // a second press changes nothing
    app.post_form(
        "/api/matching_publish",
        &[("draft_id", &id.to_string()), ("revision", "0")],
    )
    .await;
    assert_eq!(count(&app, "SELECT COUNT(*) FROM mentorships").await, 1);
    // hostile ids name nothing
    let junk = app
        .post_fetch("/api/matching_discard", &[("draft_id", "1 OR 1=1")])
        .await;
    assert_eq!(junk.status, StatusCode::NOT_FOUND);
    let junk = app
        .post_form("/api/matching_discard", &[("draft_id", "1 OR 1=1")])
        .await;
    assert_eq!(junk.location(), Some("/admin/matching"));
    assert_eq!(state(&app, draft).await, DraftState::Draft);
}

#[tokio::test]
async fn an_excluded_pair_is_never_proposed_until_an_administrator_allows_it_again() {
    let mut app = TestApp::new().await;
    let asel = mentor(&app, open_mentor("Asel Data")).await;
    let aida = mentee(&app, "Aida", "naryn").await;
    let bermet = mentee(&app, "Bermet", "naryn").await;
    let by = as_admin(&mut app).await;
    let draft = store::create_draft(&app.pool, by, Goal::Most, &CohortFilter::default(), 5)
        .await
        .unwrap();
    assert_eq!(pairs(&app, draft).await.len(), 2);
    // the administrator knows a reason: never Aida with Asel
    let res = app
        .post_form(
            "/api/matching_edit",
            &[
                ("draft_id", &draft.to_string()),
                ("mentee_id", &aida.to_string()),
                ("mentor_id", &asel.to_string()),
                ("remove", "exclude"),
            ],
        )
        .await;
    assert!(res.status.is_redirection());
    assert_eq!(pairs(&app, draft).await.len(), 1);
    let page = app.get("/admin/matching").await;
    assert!(
        page.body.contains("Aida<!> ≠ <!>Asel Data") && page.body.contains("Excluded by Admin"),
        "{}",
        page.body
    );
    // she no longer finds him, and a request to him is as to nobody
    let memo = crate::matching::store::LookMemo::default();
    let look = crate::matching::store::look(&app.pool, &memo, Some(aida), Locale::En)
        .await
        .unwrap();
    assert_eq!(look.excluded, [asel]);
    assert!(matches!(
        rs::send(&app.pool, aida, asel, "hi", "x", 6).await,
        Err(StoreError::Refused(Refusal::NotFound))
    ));
    // a second draft, and the first one's check, leave the pair out
    let again = store::create_draft(&app.pool, by, Goal::Most, &CohortFilter::default(), 6)
        .await
        .unwrap();
    let proposed = pairs(&app, again).await;
    assert_eq!(proposed.len(), 1);
    assert_eq!(proposed[0].mentee_id, bermet);
    store::edit(
        &app.pool,
        again,
        aida,
        Edit::Pair {
            mentor_id: asel,
            fit: 80,
        },
    )
    .await
    .unwrap();
    assert_eq!(
        changes(&app, again).await.get(&aida),
        Some(&Change::RuledOut)
    );
    // others reach neither the list nor the action
    signed_up(&app, "x@example.kg", "X", Role::Mentee).await;
    app.as_user("x@example.kg").await;
    let (mentee_id, mentor_id) = (aida.to_string(), asel.to_string());
    let pair = [
        ("mentee_id", mentee_id.as_str()),
        ("mentor_id", mentor_id.as_str()),
    ];
    for (f, args) in [
        ("/api/matching_allow", &pair[..]),
        ("/api/matching_exclusions", &[]),
    ] {
        assert_eq!(
            app.post_fetch(f, args).await.status,
            StatusCode::NOT_FOUND,
            "{f}"
        );
    }
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM match_exclusions").await,
        1
    );
    // allowed again: proposed again
    as_admin(&mut app).await;
    let res = app.post_form("/api/matching_allow", &pair).await;
    assert!(app
        .follow(res)
        .await
        .body
        .contains("The pair can be proposed again."));
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM match_exclusions").await,
        0
    );
    // (the fit it was given by hand moves to the real one; it is no longer ruled out)
    assert!(matches!(
        changes(&app, again).await.get(&aida),
        Some(Change::FitChanged(_))
    ));
}
