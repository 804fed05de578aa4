//! Moderation cases against a real SQLite with the real migrations: what hides an item, the
//! decisions and their sanctions, two administrators at once, suspensions, and appeals.
use super::store;
use super::{Decision, DecisionFields, Outcome, ReportReason, SanctionKind};
use crate::auth::Role;
use crate::db::NOT_FOUND;
use crate::i18n::{k, Locale};
use crate::learning::groups::store as groups;
use crate::safeguard::{HIDDEN, REMOVED};
use crate::testing::{account, mentees, rule_key, TestApp};

const NOW: i64 = 20_788 * 86_400;
const DAY: i64 = 86_400;

struct Fx {
    group: i64,
    author: i64,
    others: Vec<i64>,
    post: i64,
    admin: i64,
    admin2: i64,
}

/// A group of six mentees; the first posts; two administrators.
async fn fx(app: &TestApp) -> Fx {
    let people = mentees(app, "m", 6).await;
    let input = groups::GroupInput {
        name: "Naryn coders".into(),
        description: "We learn Python together.".into(),
        region: "naryn".into(),
        language: Locale::Ky,
        member_limit: 10,
    };
    let group = groups::create(&app.pool, people[0], &input, NOW)
        .await
        .unwrap();
    for p in &people[1..] {
        groups::join(&app.pool, group, *p, NOW).await.unwrap();
    }
    let post = groups::post(&app.pool, group, people[0], "You are all stupid.", NOW)
        .await
        .unwrap();
    let admin = account(app, "a1@example.kg", "Admin One", Role::Admin).await;
    let admin2 = account(app, "a2@example.kg", "Admin Two", Role::Admin).await;
    Fx {
        group,
        author: people[0],
        others: people[1..].to_vec(),
        post,
        admin,
        admin2,
    }
}

async fn body(app: &TestApp, post: i64) -> String {
    sqlx::query_scalar("SELECT body FROM peer_group_posts WHERE id = ?")
        .bind(post)
        .fetch_one(&app.pool)
        .await
        .unwrap()
}

async fn case_of(app: &TestApp, post: i64) -> (i64, i64) {
    sqlx::query_as(
        "SELECT id, version FROM moderation_cases WHERE item_kind = 'group_post' AND item_id = ?",
    )
    .bind(post)
    .fetch_one(&app.pool)
    .await
    .unwrap()
}

async fn notices(app: &TestApp, to: i64, kind: &str) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM notifications WHERE account_id = ? AND kind = ?")
        .bind(to)
        .bind(kind)
        .fetch_one(&app.pool)
        .await
        .unwrap()
}

fn decision(outcome: Outcome, sanction: Option<(SanctionKind, i64)>) -> Decision {
    Decision {
        outcome,
        reason: "Insults other members.".into(),
        sanction,
    }
}

#[tokio::test]
async fn the_third_distinct_report_hides_the_post_and_tells_its_author() {
    let app = TestApp::new().await;
    let f = fx(&app).await;
    for (i, who) in f.others[..2].iter().enumerate() {
        crate::moderation::store::report_item(
            &app.pool,
            crate::moderation::ItemKind::GroupPost,
            f.post,
            *who,
            ReportReason::Harassment,
            "",
            NOW + i as i64,
        )
        .await
        .unwrap();
        assert_eq!(body(&app, f.post).await, "You are all stupid.", "not yet");
    }
    // the same person twice is still two people
    assert_eq!(
        rule_key(
            crate::moderation::store::report_item(
                &app.pool,
                crate::moderation::ItemKind::GroupPost,
                f.post,
                f.others[0],
                ReportReason::Spam,
                "",
                NOW
            )
            .await
            .unwrap_err()
        ),
        k::REPORT_TWICE
    );
    assert_eq!(body(&app, f.post).await, "You are all stupid.");
    crate::moderation::store::report_item(
        &app.pool,
        crate::moderation::ItemKind::GroupPost,
        f.post,
        f.others[2],
        ReportReason::Spam,
        "",
        NOW + 5,
    )
    .await
    .unwrap();
    assert_eq!(body(&app, f.post).await, HIDDEN);
    assert_eq!(notices(&app, f.author, "content_hidden").await, 1);
    let (case, _) = case_of(&app, f.post).await;
    // the author reads her case; the reporters and other people do not
    let view = store::case_view(&app.pool, case, f.author, false, NOW + 6)
        .await
        .unwrap();
    assert_eq!(view.case.snapshot, "You are all stupid.");
    assert_eq!(
        view.case.hidden_because,
        Some(super::HiddenBecause::Reports)
    );
    assert_eq!(view.case.page, Some(format!("/groups/{}", f.group)));
    assert!(!view.appealable, "nothing decided yet");
    for other in [f.others[0], f.others[4]] {
        assert_eq!(
            store::case_view(&app.pool, case, other, false, NOW)
                .await
                .unwrap_err(),
            NOT_FOUND
        );
    }
    // a fourth report does not tell her again
    crate::moderation::store::report_item(
        &app.pool,
        crate::moderation::ItemKind::GroupPost,
        f.post,
        f.others[3],
        ReportReason::Spam,
        "",
        NOW + 7,
    )
    .await
    .unwrap();
    assert_eq!(notices(&app, f.author, "content_hidden").await, 1);
    let q = store::queue(&app.pool, 50, f.admin).await.unwrap();
    assert_eq!(q.open.len(), 1);
    assert_eq!(q.open[0].reports.len(), 4);
}

#[tokio::test]
async fn personal_information_reported_by_a_mentor_or_administrator_hides_at_once() {
    let app = TestApp::new().await;
    let f = fx(&app).await;
    // a mentee's report of personal information waits for others
    crate::moderation::store::report_item(
        &app.pool,
        crate::moderation::ItemKind::GroupPost,
        f.post,
        f.others[0],
        ReportReason::PersonalInformation,
        "",
        NOW,
    )
    .await
    .unwrap();
    assert_eq!(body(&app, f.post).await, "You are all stupid.");
    // an administrator's hides it at once (she is no member: the store call stands in for the
    // route every kind shares)
    let mut tx = app.pool.begin().await.unwrap();
    store::report(
        &mut tx,
        super::ItemKind::GroupPost,
        f.post,
        f.admin,
        ReportReason::PersonalInformation,
        "her home address",
        NOW + 1,
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    assert_eq!(body(&app, f.post).await, HIDDEN);
    let (case, _) = case_of(&app, f.post).await;
    let view = store::case_view(&app.pool, case, f.author, false, NOW)
        .await
        .unwrap();
    assert_eq!(
        view.case.hidden_because,
        Some(super::HiddenBecause::Personal)
    );
}

#[tokio::test]
async fn removing_with_a_silence_stops_her_posting_and_everything_is_audited() {
    let app = TestApp::new().await;
    let f = fx(&app).await;
    crate::moderation::store::report_item(
        &app.pool,
        crate::moderation::ItemKind::GroupPost,
        f.post,
        f.others[0],
        ReportReason::Harassment,
        "",
        NOW,
    )
    .await
    .unwrap();
    let (case, version) = case_of(&app, f.post).await;
    let d = decision(
        Outcome::Remove,
        Some((SanctionKind::Silence, NOW + 7 * DAY)),
    );
    // a decision on an older reading is refused, and changes nothing
    assert!(matches!(
        store::decide_case(&app.pool, case, version - 1, &d, f.admin, NOW + 10).await,
        Err(crate::db::StoreError::Refused(crate::db::Refusal::Stale(_)))
    ));
    assert_eq!(body(&app, f.post).await, "You are all stupid.");
    store::decide_case(&app.pool, case, version, &d, f.admin, NOW + 10)
        .await
        .unwrap();
    assert_eq!(body(&app, f.post).await, REMOVED);
    assert_eq!(notices(&app, f.author, "content_decided").await, 1);
    assert_eq!(
        rule_key(
            groups::post(&app.pool, f.group, f.author, "Sorry, everyone.", NOW + 11)
                .await
                .unwrap_err()
        ),
        k::MOD_ERR_SILENCED
    );
    // when it ends she may post again
    groups::post(
        &app.pool,
        f.group,
        f.author,
        "Sorry, everyone.",
        NOW + 8 * DAY,
    )
    .await
    .unwrap();
    let audited: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT action, target_kind, after FROM audit_log WHERE action IN ('moderation', 'sanction') ORDER BY id",
    )
    .fetch_all(&app.pool)
    .await
    .unwrap();
    assert_eq!(audited.len(), 2);
    assert_eq!(
        (
            audited[0].0.as_str(),
            audited[0].1.as_str(),
            audited[0].2.as_str()
        ),
        ("moderation", "case", "removed: Insults other members.")
    );
    assert_eq!(
        (audited[1].0.as_str(), audited[1].1.as_str()),
        ("sanction", "account")
    );
    assert!(audited[1].2.starts_with("silence until "));
    // decided cases leave the queue
    assert!(store::queue(&app.pool, 50, f.admin)
        .await
        .unwrap()
        .open
        .is_empty());
}

#[tokio::test]
async fn two_administrators_deciding_one_case_at_once_decide_it_once() {
    let app = TestApp::new().await;
    let f = fx(&app).await;
    crate::moderation::store::report_item(
        &app.pool,
        crate::moderation::ItemKind::GroupPost,
        f.post,
        f.others[0],
        ReportReason::Spam,
        "",
        NOW,
    )
    .await
    .unwrap();
    let (case, version) = case_of(&app, f.post).await;
    let remove = decision(Outcome::Remove, Some((SanctionKind::Warning, NOW + DAY)));
    let dismiss = decision(Outcome::Dismiss, None);
    let (a, b) = tokio::join!(
        store::decide_case(&app.pool, case, version, &remove, f.admin, NOW + 1),
        store::decide_case(&app.pool, case, version, &dismiss, f.admin2, NOW + 1),
    );
    assert!(a.is_ok() != b.is_ok(), "exactly one: {a:?} {b:?}");
    let loser = if a.is_ok() { b } else { a };
    assert_eq!(
        loser,
        Err(crate::db::Refusal::Stale(k::MOD_ERR_CHANGED).into())
    );
    let sanctions: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM sanctions")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let decisions: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'moderation'")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(decisions, 1);
    assert!(sanctions <= 1);
}

#[tokio::test]
async fn a_new_report_while_she_reads_makes_her_decision_stale() {
    let app = TestApp::new().await;
    let f = fx(&app).await;
    crate::moderation::store::report_item(
        &app.pool,
        crate::moderation::ItemKind::GroupPost,
        f.post,
        f.others[0],
        ReportReason::Spam,
        "",
        NOW,
    )
    .await
    .unwrap();
    let (case, version) = case_of(&app, f.post).await;
    crate::moderation::store::report_item(
        &app.pool,
        crate::moderation::ItemKind::GroupPost,
        f.post,
        f.others[1],
        ReportReason::Harassment,
        "",
        NOW + 1,
    )
    .await
    .unwrap();
    assert!(store::decide_case(
        &app.pool,
        case,
        version,
        &decision(Outcome::Dismiss, None),
        f.admin,
        NOW + 2
    )
    .await
    .is_err());
}

#[tokio::test]
async fn a_suspension_ends_her_sessions_and_lifts_when_it_ends() {
    let app = TestApp::new().await;
    let f = fx(&app).await;
    sqlx::query(
        "INSERT INTO sessions (id, account_id, created_at, expires_at) VALUES ('s1', ?, ?, ?)",
    )
    .bind(f.author)
    .bind(NOW)
    .bind(NOW + 30 * DAY)
    .execute(&app.pool)
    .await
    .unwrap();
    crate::moderation::store::report_item(
        &app.pool,
        crate::moderation::ItemKind::GroupPost,
        f.post,
        f.others[0],
        ReportReason::Harassment,
        "",
        NOW,
    )
    .await
    .unwrap();
    let (case, version) = case_of(&app, f.post).await;
    let d = decision(
        Outcome::Hide,
        Some((SanctionKind::Suspension, NOW + 3 * DAY)),
    );
    store::decide_case(&app.pool, case, version, &d, f.admin, NOW + 1)
        .await
        .unwrap();
    assert_eq!(body(&app, f.post).await, HIDDEN);
    let (sessions, suspended): (i64, Option<i64>) = sqlx::query_as(
        "SELECT (SELECT COUNT(*) FROM sessions WHERE account_id = a.id), suspended_at FROM accounts a WHERE id = ?",
    )
    .bind(f.author)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!((sessions, suspended), (0, Some(NOW + 1)));
    assert_eq!(
        store::lift_ended(&app.pool, NOW + 2 * DAY).await.unwrap(),
        0
    );
    assert_eq!(
        store::lift_ended(&app.pool, NOW + 3 * DAY).await.unwrap(),
        1
    );
    let suspended: Option<i64> =
        sqlx::query_scalar("SELECT suspended_at FROM accounts WHERE id = ?")
            .bind(f.author)
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(suspended, None);
}

#[tokio::test]
async fn the_author_appeals_once_in_fourteen_days_and_another_administrator_decides() {
    let app = TestApp::new().await;
    let f = fx(&app).await;
    crate::moderation::store::report_item(
        &app.pool,
        crate::moderation::ItemKind::GroupPost,
        f.post,
        f.others[0],
        ReportReason::Harassment,
        "",
        NOW,
    )
    .await
    .unwrap();
    let (case, version) = case_of(&app, f.post).await;
    let d = decision(
        Outcome::Remove,
        Some((SanctionKind::Silence, NOW + 30 * DAY)),
    );
    store::decide_case(&app.pool, case, version, &d, f.admin, NOW + 1)
        .await
        .unwrap();
    // only she appeals
    assert_eq!(
        store::appeal(&app.pool, case, f.others[0], "Unfair", NOW + 2).await,
        Err(NOT_FOUND)
    );
    // not after 14 days
    assert_eq!(
        rule_key(
            store::appeal(&app.pool, case, f.author, "Unfair", NOW + 1 + 14 * DAY)
                .await
                .unwrap_err()
        ),
        k::MOD_ERR_APPEAL_LATE
    );
    let view = store::case_view(&app.pool, case, f.author, false, NOW + 2)
        .await
        .unwrap();
    assert!(view.appealable);
    store::appeal(
        &app.pool,
        case,
        f.author,
        "It was a joke between friends.",
        NOW + 2,
    )
    .await
    .unwrap();
    assert_eq!(
        rule_key(
            store::appeal(&app.pool, case, f.author, "Again", NOW + 3)
                .await
                .unwrap_err()
        ),
        k::MOD_ERR_APPEAL_TWICE
    );
    let q = store::queue(&app.pool, 50, f.admin2).await.unwrap();
    assert_eq!(q.appeals.len(), 1);
    let seen = q.appeals[0].case.version;
    // the administrator who decided cannot decide the appeal
    assert_eq!(
        rule_key(
            store::decide_appeal(&app.pool, case, seen, true, "ok", f.admin, NOW + 4)
                .await
                .unwrap_err()
        ),
        k::MOD_ERR_SAME_ADMIN
    );
    store::decide_appeal(
        &app.pool,
        case,
        seen,
        true,
        "A joke, and the group agreed.",
        f.admin2,
        NOW + 4,
    )
    .await
    .unwrap();
    assert_eq!(body(&app, f.post).await, "You are all stupid.", "restored");
    groups::post(&app.pool, f.group, f.author, "Thank you.", NOW + 5)
        .await
        .unwrap();
    assert_eq!(notices(&app, f.author, "appeal_decided").await, 1);
    // decided once: a second decision on the same reading changes nothing
    assert!(
        store::decide_appeal(&app.pool, case, seen, false, "no", f.admin2, NOW + 6)
            .await
            .is_err()
    );
    let view = store::case_view(&app.pool, case, f.author, false, NOW + 6)
        .await
        .unwrap();
    assert_eq!(
        view.case.appeal_outcome,
        Some(super::AppealOutcome::Overturned)
    );
    assert!(!view.appealable);
}

#[tokio::test]
async fn dismissing_brings_a_hidden_post_back_and_a_new_report_reopens_it() {
    let app = TestApp::new().await;
    let f = fx(&app).await;
    for (i, who) in f.others[..3].iter().enumerate() {
        crate::moderation::store::report_item(
            &app.pool,
            crate::moderation::ItemKind::GroupPost,
            f.post,
            *who,
            ReportReason::Spam,
            "",
            NOW + i as i64,
        )
        .await
        .unwrap();
    }
    assert_eq!(body(&app, f.post).await, HIDDEN);
    let (case, version) = case_of(&app, f.post).await;
    store::decide_case(
        &app.pool,
        case,
        version,
        &decision(Outcome::Dismiss, None),
        f.admin,
        NOW + 5,
    )
    .await
    .unwrap();
    assert_eq!(body(&app, f.post).await, "You are all stupid.");
    let view = store::case_view(&app.pool, case, f.author, false, NOW + 6)
        .await
        .unwrap();
    assert!(!view.appealable, "nothing was decided against her");
    crate::moderation::store::report_item(
        &app.pool,
        crate::moderation::ItemKind::GroupPost,
        f.post,
        f.others[3],
        ReportReason::Harassment,
        "",
        NOW + 7,
    )
    .await
    .unwrap();
    let q = store::queue(&app.pool, 50, f.admin).await.unwrap();
    assert_eq!(q.open.len(), 1);
    assert_eq!(q.open[0].case.id, case, "the same case, reopened");
    assert!(!q.open[0].case.hidden, "one report since: not hidden");
}

#[test]
fn decisions_need_a_reason_and_sanctions_an_end_after_today() {
    let now = NOW + 3_600;
    let ok = DecisionFields {
        outcome: "removed".into(),
        reason: "Spam".into(),
        ..DecisionFields::default()
    };
    assert_eq!(ok.check(now).unwrap().outcome, Outcome::Remove);
    let bad = |f: DecisionFields| {
        f.check(now)
            .unwrap_err()
            .messages()
            .into_iter()
            .map(|e| e.field)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        bad(DecisionFields {
            reason: "  ".into(),
            ..ok.clone()
        }),
        vec!["reason".to_string()]
    );
    assert_eq!(
        bad(DecisionFields {
            outcome: "delete everything".into(),
            ..ok.clone()
        }),
        vec!["outcome".to_string()]
    );
    let today = crate::time::iso_date(crate::time::today(now));
    let yesterday = crate::time::iso_date(crate::time::today(now) - 1);
    let tomorrow = crate::time::iso_date(crate::time::today(now) + 1);
    for (sanction, until, field) in [
        ("silence", yesterday.as_str(), "until"),
        ("suspension", "", "until"),
        ("suspension", "2026-02-31", "until"),
        ("suspension", "2099-01-01", "until"),
        ("ban forever", tomorrow.as_str(), "sanction"),
    ] {
        assert_eq!(
            bad(DecisionFields {
                sanction: sanction.into(),
                until: until.into(),
                ..ok.clone()
            }),
            vec![field.to_string()],
            "{sanction} {until}"
        );
    }
    // today's end is still ahead (the sanction lasts to the day's end in Bishkek)
    let d = DecisionFields {
        sanction: "warning".into(),
        until: today,
        ..ok.clone()
    }
    .check(now)
    .unwrap();
    assert_eq!(d.sanction.unwrap().0, SanctionKind::Warning);
}

#[tokio::test]
async fn only_confirmed_accounts_count_and_only_approved_mentors_are_trusted() {
    let app = TestApp::new().await;
    let f = fx(&app).await;
    // a mentor who signed up a minute ago (no approved profile) reports personal information:
    // it waits like anyone's
    let fresh = account(&app, "fresh@example.kg", "Fresh", Role::Mentor).await;
    sqlx::query(
        "INSERT INTO peer_group_members (group_id, account_id, joined_at) VALUES (?, ?, ?)",
    )
    .bind(f.group)
    .bind(fresh)
    .bind(NOW)
    .execute(&app.pool)
    .await
    .ok();
    let mut tx = app.pool.begin().await.unwrap();
    store::report(
        &mut tx,
        super::ItemKind::GroupPost,
        f.post,
        fresh,
        ReportReason::PersonalInformation,
        "",
        NOW,
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    assert_eq!(body(&app, f.post).await, "You are all stupid.");
    // two unconfirmed members and one confirmed: not three that count
    sqlx::query("UPDATE accounts SET email_confirmed_at = NULL WHERE id IN (?, ?)")
        .bind(f.others[0])
        .bind(f.others[1])
        .execute(&app.pool)
        .await
        .unwrap();
    for who in &f.others[..2] {
        store::report_item(
            &app.pool,
            super::ItemKind::GroupPost,
            f.post,
            *who,
            ReportReason::Spam,
            "",
            NOW,
        )
        .await
        .unwrap();
    }
    assert_eq!(
        body(&app, f.post).await,
        "You are all stupid.",
        "fresh + 2 unconfirmed"
    );
    store::report_item(
        &app.pool,
        super::ItemKind::GroupPost,
        f.post,
        f.others[2],
        ReportReason::Spam,
        "",
        NOW,
    )
    .await
    .unwrap();
    assert_eq!(
        body(&app, f.post).await,
        "You are all stupid.",
        "two confirmed so far"
    );
    store::report_item(
        &app.pool,
        super::ItemKind::GroupPost,
        f.post,
        f.others[3],
        ReportReason::Spam,
        "",
        NOW,
    )
    .await
    .unwrap();
    assert_eq!(
        body(&app, f.post).await,
        HIDDEN,
        "the third confirmed reporter"
    );
}

#[tokio::test]
async fn a_flood_of_reports_from_one_account_meets_a_limit() {
    let app = TestApp::new().await;
    let f = fx(&app).await;
    let mut posts = Vec::new();
    for i in 0..(super::REPORTS_PER_DAY + 2) {
        posts.push(
            groups::post(
                &app.pool,
                f.group,
                f.others[1],
                &format!("post number {i}"),
                NOW - 30 * 3_600 + i * 3_600,
            )
            .await
            .unwrap(),
        );
    }
    let mut refused = 0;
    for p in posts {
        match store::report_item(
            &app.pool,
            super::ItemKind::GroupPost,
            p,
            f.others[0],
            ReportReason::Spam,
            "",
            NOW + 100,
        )
        .await
        {
            Ok(_) => {}
            Err(e) => {
                assert_eq!(rule_key(e), k::REPORT_LIMIT);
                refused += 1;
            }
        }
    }
    assert_eq!(refused, 2, "twenty a day");
    // and the administrators have one unread notice each, not twenty
    assert_eq!(notices(&app, f.admin, "report_new").await, 1);
}

#[tokio::test]
async fn administrators_neither_decide_their_own_case_nor_sanction_each_other() {
    let app = TestApp::new().await;
    let f = fx(&app).await;
    let mut tx = app.pool.begin().await.unwrap();
    sqlx::query(
        "INSERT INTO peer_group_members (group_id, account_id, joined_at) VALUES (?, ?, ?)",
    )
    .bind(f.group)
    .bind(f.admin)
    .bind(NOW)
    .execute(&mut *tx)
    .await
    .unwrap();
    tx.commit().await.unwrap();
    let post = groups::post(&app.pool, f.group, f.admin, "An admin's own words.", NOW)
        .await
        .unwrap();
    store::report_item(
        &app.pool,
        super::ItemKind::GroupPost,
        post,
        f.others[0],
        ReportReason::Other,
        "",
        NOW,
    )
    .await
    .unwrap();
    let (case, version) = case_of(&app, post).await;
    assert_eq!(
        rule_key(
            store::decide_case(
                &app.pool,
                case,
                version,
                &decision(Outcome::Remove, None),
                f.admin,
                NOW
            )
            .await
            .unwrap_err()
        ),
        k::MOD_ERR_OWN_CASE
    );
    let suspend = decision(Outcome::Remove, Some((SanctionKind::Suspension, NOW + DAY)));
    assert_eq!(
        rule_key(
            store::decide_case(&app.pool, case, version, &suspend, f.admin2, NOW)
                .await
                .unwrap_err()
        ),
        k::MOD_ERR_SANCTION_ADMIN
    );
    assert_eq!(body(&app, post).await, "An admin's own words.");
}

#[tokio::test]
async fn a_decision_never_lands_on_words_written_after_it_was_read_nor_wipes_an_appeal() {
    let app = TestApp::new().await;
    let f = fx(&app).await;
    store::report_item(
        &app.pool,
        super::ItemKind::GroupPost,
        f.post,
        f.others[0],
        ReportReason::Spam,
        "",
        NOW,
    )
    .await
    .unwrap();
    let (case, version) = case_of(&app, f.post).await;
    // she changed her words since (as an edit would)
    sqlx::query("UPDATE peer_group_posts SET body = 'Sorry, I was angry.' WHERE id = ?")
        .bind(f.post)
        .execute(&app.pool)
        .await
        .unwrap();
    assert_eq!(
        store::decide_case(
            &app.pool,
            case,
            version,
            &decision(Outcome::Remove, None),
            f.admin,
            NOW + 1
        )
        .await,
        Err(crate::db::Refusal::Stale(k::MOD_ERR_CHANGED).into())
    );
    assert_eq!(body(&app, f.post).await, "Sorry, I was angry.");
    // dismissed with a warning, she appeals; a new report meanwhile does not wipe her appeal
    let warn = decision(
        Outcome::Dismiss,
        Some((SanctionKind::Warning, NOW + 10 * DAY)),
    );
    store::decide_case(&app.pool, case, version, &warn, f.admin, NOW + 2)
        .await
        .unwrap();
    store::appeal(&app.pool, case, f.author, "The warning is unfair.", NOW + 3)
        .await
        .unwrap();
    store::report_item(
        &app.pool,
        super::ItemKind::GroupPost,
        f.post,
        f.others[1],
        ReportReason::Spam,
        "",
        NOW + 4,
    )
    .await
    .unwrap();
    let q = store::queue(&app.pool, 50, f.admin2).await.unwrap();
    assert!(q.open.is_empty());
    assert_eq!(q.appeals.len(), 1);
    assert_eq!(
        q.appeals[0].case.appeal.as_deref(),
        Some("The warning is unfair.")
    );
}

#[tokio::test]
async fn a_hidden_practice_is_not_found_by_its_words() {
    use crate::community::practices::store as practices;
    let app = TestApp::new().await;
    let f = fx(&app).await;
    let partner = account(&app, "p@example.kg", "Partner", Role::Partner).await;
    let id = crate::testing::approved_practice(&app, partner, "Call Aida at 0555 123 456").await;
    let mut tx = app.pool.begin().await.unwrap();
    store::report(
        &mut tx,
        super::ItemKind::Practice,
        id,
        f.admin,
        ReportReason::PersonalInformation,
        "",
        NOW,
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    let search: String = sqlx::query_scalar("SELECT search FROM practices WHERE id = ?")
        .bind(id)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert!(!search.contains("0555"), "{search}");
    assert!(search.contains("coding club"));
    let _ = practices::reindex;
}

#[tokio::test]
async fn a_silenced_mentor_writes_no_question_reason_or_session_topics() {
    use crate::mentoring::mentorships::store as ms;
    use crate::mentoring::requests::{store as rs, Event};
    let app = TestApp::new().await;
    let m = crate::testing::matched(&app).await;
    let mentor = crate::testing::id_of(&app, "asel.data@example.kg").await;
    let other = account(&app, "second@example.kg", "Second", Role::Mentee).await;
    let r = rs::send(&app.pool, other, mentor, "hi", "x", 3)
        .await
        .unwrap();
    sqlx::query(
        "INSERT INTO sanctions (account_id, kind, reason, ends_at, created_by, created_at) \
         VALUES (?, 'silence', 'rude', 1000000, ?, 1)",
    )
    .bind(mentor)
    .bind(mentor)
    .execute(&app.pool)
    .await
    .unwrap();
    let asked = rs::act(
        &app.pool,
        r,
        mentor,
        Event::Ask,
        None,
        Some("your phone?"),
        4,
    )
    .await;
    assert_eq!(rule_key(asked.unwrap_err()), k::MOD_ERR_SILENCED);
    let entry = ms::SessionEntry {
        held_on: "1970-01-01",
        minutes: 60,
        topics: "call me",
    };
    assert_eq!(
        rule_key(
            ms::log_session(&app.pool, m, mentor, &entry, 5)
                .await
                .unwrap_err()
        ),
        k::MOD_ERR_SILENCED
    );
    let change = crate::mentoring::mentorships::lifecycle::Change::Pause;
    assert_eq!(
        rule_key(
            ms::change_state(&app.pool, m, mentor, change, "text me", 6)
                .await
                .unwrap_err()
        ),
        k::MOD_ERR_SILENCED
    );
    // without words she still may
    ms::change_state(&app.pool, m, mentor, change, "", 7)
        .await
        .unwrap();
}
