//! The award against a real SQLite with the real migrations: phases and the clock, nominations,
//! screening, votes (including simultaneous ones and 1,000 concurrent voters), bursts, voids,
//! the jury and the frozen results.
use super::store;
use super::*;
use crate::auth::Role;
use crate::db::{Refusal, StoreError, StoreResult, NOT_FOUND};
use crate::testing::account;
use crate::testing::TestApp;
use sqlx::SqlitePool;

const DAY: i64 = 86_400;
const NOW: i64 = 20_785 * DAY;

pub(crate) struct Fx {
    pub admin: i64,
    pub cycle: i64,
    /// best_mentor, regional_mentee, community_partner
    pub cats: [i64; 3],
    pub mentor_a: i64,
    pub mentor_b: i64,
    pub mentee: i64,
    pub juror: i64,
}

async fn category(pool: &SqlitePool, cycle: i64, code: &str) -> i64 {
    sqlx::query_scalar("SELECT id FROM award_categories WHERE cycle_id = ? AND code = ?")
        .bind(cycle)
        .bind(code)
        .fetch_one(pool)
        .await
        .unwrap()
}

/// A cycle with three categories, open for nominations, and the people who take part.
pub(crate) async fn fixture(app: &TestApp) -> Fx {
    let pool = &app.pool;
    let admin = account(app, "admin@award.kg", "Admin", Role::Admin).await;
    let cycle = store::create_cycle(
        pool,
        "STEM4ALL Award 2026",
        Schedule {
            nominations_until: NOW + 10 * DAY,
            voting_until: NOW + 20 * DAY,
        },
        &["best_mentor", "regional_mentee", "community_partner"],
        admin,
        NOW,
    )
    .await
    .unwrap();
    let cats = [
        category(pool, cycle, "best_mentor").await,
        category(pool, cycle, "regional_mentee").await,
        category(pool, cycle, "community_partner").await,
    ];
    let mentor_a = account(app, "asel@award.kg", "Asel Mentor", Role::Mentor).await;
    let mentor_b = account(app, "bermet@award.kg", "Bermet Mentor", Role::Mentor).await;
    let mentee = account(app, "aigerim@award.kg", "Aigerim Mentee", Role::Mentee).await;
    let juror = account(app, "jyldyz@award.kg", "Jyldyz Juror", Role::Jury).await;
    sqlx::query("UPDATE accounts SET region = 'naryn' WHERE id = ?")
        .bind(mentee)
        .execute(pool)
        .await
        .unwrap();
    store::advance(pool, cycle, Phase::Draft, admin, NOW)
        .await
        .unwrap();
    Fx {
        admin,
        cycle,
        cats,
        mentor_a,
        mentor_b,
        mentee,
        juror,
    }
}

async fn nominate(pool: &SqlitePool, cat: i64, by: i64, email: &str) -> StoreResult<i64> {
    store::nominate(pool, cat, by, email, "", "Changed many lives.", NOW).await
}

async fn nomination_of(pool: &SqlitePool, nominee: i64, cat: i64) -> i64 {
    sqlx::query_scalar("SELECT id FROM award_nominations WHERE nominee_id = ? AND category_id = ?")
        .bind(nominee)
        .bind(cat)
        .fetch_one(pool)
        .await
        .unwrap()
}

/// Both mentors nominated, accepted, screened eligible and shortlisted; voting open. Returns
/// their nominations (a, b).
pub(crate) async fn to_voting(app: &TestApp, fx: &Fx) -> (i64, i64) {
    let pool = &app.pool;
    nominate(pool, fx.cats[0], fx.mentee, "asel@award.kg")
        .await
        .unwrap();
    nominate(pool, fx.cats[0], fx.mentee, "bermet@award.kg")
        .await
        .unwrap();
    let a = nomination_of(pool, fx.mentor_a, fx.cats[0]).await;
    let b = nomination_of(pool, fx.mentor_b, fx.cats[0]).await;
    store::answer(pool, a, fx.mentor_a, true, NOW)
        .await
        .unwrap();
    store::answer(pool, b, fx.mentor_b, true, NOW)
        .await
        .unwrap();
    store::advance(pool, fx.cycle, Phase::Nominations, fx.admin, NOW)
        .await
        .unwrap();
    for n in [a, b] {
        store::screen(pool, n, true, "", fx.admin, NOW)
            .await
            .unwrap();
        store::shortlist(pool, n, true, fx.admin, NOW)
            .await
            .unwrap();
    }
    store::advance(pool, fx.cycle, Phase::Screening, fx.admin, NOW)
        .await
        .unwrap();
    (a, b)
}

fn key_of(e: StoreError) -> String {
    match e {
        StoreError::Refused(Refusal::Rule { key, .. } | Refusal::Stale(key)) => {
            key.name().to_string()
        }
        other => format!("{other:?}"),
    }
}

async fn votes(pool: &SqlitePool, cat: i64) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM award_votes WHERE category_id = ?")
        .bind(cat)
        .fetch_one(pool)
        .await
        .unwrap()
}

#[tokio::test]
async fn phases_move_forward_only_each_change_logged_and_voting_needs_finalists() {
    let app = TestApp::new().await;
    let fx = fixture(&app).await;
    let pool = &app.pool;
    // a stale page (showing draft) moves nothing
    let stale = store::advance(pool, fx.cycle, Phase::Draft, fx.admin, NOW).await;
    assert_eq!(key_of(stale.unwrap_err()), "err.award_phase_stale");
    store::advance(pool, fx.cycle, Phase::Nominations, fx.admin, NOW)
        .await
        .unwrap();
    let none = store::advance(pool, fx.cycle, Phase::Screening, fx.admin, NOW).await;
    assert_eq!(key_of(none.unwrap_err()), "err.award_no_finalists");
    let view = store::cycle_view(pool, fx.cycle, None, false, NOW)
        .await
        .unwrap();
    let phases: Vec<Phase> = view.history.iter().map(|h| h.phase).collect();
    assert_eq!(
        phases,
        vec![Phase::Draft, Phase::Nominations, Phase::Screening]
    );
    // the rule can change before voting, not after
    let settings = store::CycleSettings {
        rule: Rule::Combined,
        jury_weight: 60,
        schedule: view.schedule,
        weights: vec![(view.criteria[0].id, 50)],
    };
    store::configure(pool, fx.cycle, &settings, fx.admin, NOW)
        .await
        .unwrap();
    let drafts = store::list_cycles(pool, false).await.unwrap();
    assert_eq!(drafts.len(), 1);
}

#[tokio::test]
async fn nominations_follow_the_rules_and_wait_for_the_nominee() {
    let app = TestApp::new().await;
    let fx = fixture(&app).await;
    let pool = &app.pool;
    let [mentors, regional, partners] = fx.cats;
    // nobody nominates herself; the category says who can be nominated
    let own = nominate(pool, mentors, fx.mentor_a, "asel@award.kg").await;
    assert_eq!(key_of(own.unwrap_err()), "err.award_self_nomination");
    let wrong = nominate(pool, mentors, fx.mentor_a, "aigerim@award.kg").await;
    assert_eq!(key_of(wrong.unwrap_err()), "err.award_wrong_nominee");
    let unknown = nominate(pool, mentors, fx.mentee, "nobody@award.kg").await;
    assert_eq!(key_of(unknown.unwrap_err()), "err.award_nominee_unknown");
    // regional: the mentee lives in Naryn; a mentee in Bishkek is refused
    nominate(pool, regional, fx.mentor_a, "aigerim@award.kg")
        .await
        .unwrap();
    let city = account(&app, "city@award.kg", "City Mentee", Role::Mentee).await;
    sqlx::query("UPDATE accounts SET region = 'bishkek' WHERE id = ?")
        .bind(city)
        .execute(pool)
        .await
        .unwrap();
    let not_regional = nominate(pool, regional, fx.mentor_a, "city@award.kg").await;
    assert_eq!(key_of(not_regional.unwrap_err()), "err.award_wrong_nominee");
    // one nomination per nominator, nominee and category
    nominate(pool, mentors, fx.mentee, "asel@award.kg")
        .await
        .unwrap();
    let twice = nominate(pool, mentors, fx.mentee, "ASEL@award.kg").await;
    assert_eq!(key_of(twice.unwrap_err()), "err.award_duplicate_nomination");
    // organisations by name, no acceptance needed
    let no_name = store::nominate(pool, partners, fx.mentee, "", "", "Great.", NOW).await;
    assert_eq!(key_of(no_name.unwrap_err()), "err.required");
    store::nominate(pool, partners, fx.mentee, "", "Tech Ayim", "Great.", NOW)
        .await
        .unwrap();
    // the nominee is told; the nomination is not public until she accepts
    let told: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM notifications WHERE account_id = ? AND kind = 'award_nominated'",
    )
    .bind(fx.mentor_a)
    .fetch_one(pool)
    .await
    .unwrap();
    assert_eq!(told, 1);
    let public = |v: &CycleView, cat: i64| {
        v.categories
            .iter()
            .find(|c| c.id == cat)
            .unwrap()
            .nominations
            .len()
    };
    let v = store::cycle_view(pool, fx.cycle, None, false, NOW)
        .await
        .unwrap();
    // an organisation, named by anyone, waits for screening before others see it
    assert_eq!((public(&v, mentors), public(&v, partners)), (0, 0));
    let org: i64 =
        sqlx::query_scalar("SELECT id FROM award_nominations WHERE org_name IS NOT NULL")
            .fetch_one(pool)
            .await
            .unwrap();
    assert!(store::screened_first(pool, org).await.unwrap());
    sqlx::query("UPDATE award_nominations SET screening = 'eligible' WHERE id = ?")
        .bind(org)
        .execute(pool)
        .await
        .unwrap();
    let v = store::cycle_view(pool, fx.cycle, None, false, NOW)
        .await
        .unwrap();
    assert_eq!(public(&v, partners), 1);
    let n = nomination_of(pool, fx.mentor_a, mentors).await;
    // someone else cannot answer for her
    let other = store::answer(pool, n, fx.mentor_b, true, NOW).await;
    assert_eq!(other.unwrap_err(), NOT_FOUND);
    store::answer(pool, n, fx.mentor_a, true, NOW)
        .await
        .unwrap();
    let v = store::cycle_view(pool, fx.cycle, None, false, NOW)
        .await
        .unwrap();
    assert_eq!(public(&v, mentors), 1);
    // the server's clock closes nominations even before the phase moves on
    let late = store::nominate(
        pool,
        mentors,
        fx.mentee,
        "bermet@award.kg",
        "",
        "Late.",
        NOW + 11 * DAY,
    )
    .await;
    assert_eq!(key_of(late.unwrap_err()), "err.award_nominations_closed");
    // drafts are for administrators only
    let draft = store::create_cycle(
        pool,
        "Next",
        Schedule {
            nominations_until: NOW + DAY,
            voting_until: NOW + 2 * DAY,
        },
        &["best_mentor"],
        fx.admin,
        NOW,
    )
    .await
    .unwrap();
    assert_eq!(
        store::cycle_view(pool, draft, None, false, NOW)
            .await
            .unwrap_err(),
        NOT_FOUND
    );
    let draft_cat = category(pool, draft, "best_mentor").await;
    let early = nominate(pool, draft_cat, fx.mentee, "asel@award.kg").await;
    assert_eq!(key_of(early.unwrap_err()), "err.award_nominations_closed");
}

#[tokio::test]
async fn screening_rules_out_with_a_reason_and_only_eligible_nominations_are_shortlisted() {
    let app = TestApp::new().await;
    let fx = fixture(&app).await;
    let pool = &app.pool;
    nominate(pool, fx.cats[0], fx.mentee, "asel@award.kg")
        .await
        .unwrap();
    nominate(pool, fx.cats[0], fx.mentee, "bermet@award.kg")
        .await
        .unwrap();
    let a = nomination_of(pool, fx.mentor_a, fx.cats[0]).await;
    let b = nomination_of(pool, fx.mentor_b, fx.cats[0]).await;
    // not in the screening phase yet
    let early = store::screen(pool, a, true, "", fx.admin, NOW).await;
    assert_eq!(key_of(early.unwrap_err()), "err.award_not_screening");
    store::answer(pool, a, fx.mentor_a, true, NOW)
        .await
        .unwrap();
    store::advance(pool, fx.cycle, Phase::Nominations, fx.admin, NOW)
        .await
        .unwrap();
    // b never accepted: it cannot be screened
    let unaccepted = store::screen(pool, b, true, "", fx.admin, NOW).await;
    assert_eq!(key_of(unaccepted.unwrap_err()), "err.award_not_accepted");
    let unscreened = store::shortlist(pool, a, true, fx.admin, NOW).await;
    assert_eq!(key_of(unscreened.unwrap_err()), "err.award_not_eligible");
    store::screen(pool, a, true, "", fx.admin, NOW)
        .await
        .unwrap();
    store::shortlist(pool, a, true, fx.admin, NOW)
        .await
        .unwrap();
    // ruled out later: off the shortlist and out of public view, with the reason logged
    store::screen(
        pool,
        a,
        false,
        "Joined the programme in 2026",
        fx.admin,
        NOW,
    )
    .await
    .unwrap();
    let finalist: bool = sqlx::query_scalar("SELECT finalist FROM award_nominations WHERE id = ?")
        .bind(a)
        .fetch_one(pool)
        .await
        .unwrap();
    assert!(!finalist);
    let admin = store::admin_cycle(pool, fx.cycle, NOW).await.unwrap();
    assert!(admin
        .log
        .iter()
        .any(|l| l.action == "ineligible" && l.reason == "Joined the programme in 2026"));
    let v = store::cycle_view(pool, fx.cycle, None, false, NOW)
        .await
        .unwrap();
    assert!(v.categories[0].nominations.is_empty());
}

#[tokio::test]
async fn one_vote_per_account_per_category_changeable_until_voting_closes() {
    let app = TestApp::new().await;
    let fx = fixture(&app).await;
    let pool = &app.pool;
    let (a, b) = to_voting(&app, &fx).await;
    let voter = account(&app, "voter@award.kg", "Voter", Role::Mentee).await;
    let (cycle, receipt) = store::cast_vote(pool, fx.cats[0], a, voter, NOW)
        .await
        .unwrap();
    assert_eq!(cycle, fx.cycle);
    // changing the vote keeps one vote and the same receipt
    let (_, again) = store::cast_vote(pool, fx.cats[0], b, voter, NOW + 60)
        .await
        .unwrap();
    assert_eq!(again, receipt);
    assert_eq!(votes(pool, fx.cats[0]).await, 1);
    assert_eq!(store::count_votes(pool, a).await.unwrap(), 0);
    assert_eq!(store::count_votes(pool, b).await.unwrap(), 1);
    let check = store::check_receipt(pool, &receipt).await.unwrap().unwrap();
    assert_eq!(check.category, "best_mentor");
    assert!(!check.voided);
    assert!(store::check_receipt(pool, "00000-00000")
        .await
        .unwrap()
        .is_none());
    // refusals, each leaving the counts as they were
    let own = store::cast_vote(pool, fx.cats[0], a, fx.mentor_a, NOW).await;
    assert_eq!(key_of(own.unwrap_err()), "err.award_self_vote");
    let swapped = store::cast_vote(pool, fx.cats[1], a, voter, NOW).await;
    assert_eq!(key_of(swapped.unwrap_err()), "err.award_not_finalist");
    let unconfirmed = account(&app, "new@award.kg", "New", Role::Mentee).await;
    sqlx::query("UPDATE accounts SET email_confirmed_at = NULL WHERE id = ?")
        .bind(unconfirmed)
        .execute(pool)
        .await
        .unwrap();
    let refused = store::cast_vote(pool, fx.cats[0], a, unconfirmed, NOW).await;
    assert_eq!(key_of(refused.unwrap_err()), "err.award_unconfirmed");
    let suspended = account(&app, "gone@award.kg", "Gone", Role::Mentee).await;
    sqlx::query("UPDATE accounts SET suspended_at = 1 WHERE id = ?")
        .bind(suspended)
        .execute(pool)
        .await
        .unwrap();
    let refused = store::cast_vote(pool, fx.cats[0], a, suspended, NOW).await;
    assert_eq!(key_of(refused.unwrap_err()), "err.award_suspended");
    let missing = store::cast_vote(pool, fx.cats[0], 9_999, voter, NOW).await;
    assert_eq!(missing.unwrap_err(), NOT_FOUND);
    // the clock closes voting; so does the phase
    let late = store::cast_vote(pool, fx.cats[0], a, voter, NOW + 21 * DAY).await;
    assert_eq!(key_of(late.unwrap_err()), "err.award_voting_closed");
    store::advance(pool, fx.cycle, Phase::Voting, fx.admin, NOW)
        .await
        .unwrap();
    let closed = store::cast_vote(pool, fx.cats[0], a, voter, NOW).await;
    assert_eq!(key_of(closed.unwrap_err()), "err.award_voting_closed");
    assert_eq!(votes(pool, fx.cats[0]).await, 1);
    assert_eq!(store::count_votes(pool, b).await.unwrap(), 1);
}

#[tokio::test]
async fn two_simultaneous_votes_from_one_account_make_exactly_one_vote() {
    let app = TestApp::new().await;
    let fx = fixture(&app).await;
    let (a, b) = to_voting(&app, &fx).await;
    let voter = account(&app, "twice@award.kg", "Twice", Role::Mentee).await;
    for round in 0..10 {
        let (x, y) = tokio::join!(
            store::cast_vote(&app.pool, fx.cats[0], a, voter, NOW + round),
            store::cast_vote(&app.pool, fx.cats[0], b, voter, NOW + round),
        );
        assert!(x.is_ok() && y.is_ok());
        assert_eq!(x.unwrap().1, y.unwrap().1, "one vote, one receipt");
        assert_eq!(votes(&app.pool, fx.cats[0]).await, 1);
    }
}

#[tokio::test]
async fn a_thousand_concurrent_voters_make_exactly_a_thousand_votes() {
    let app = TestApp::new().await;
    let fx = fixture(&app).await;
    let (a, b) = to_voting(&app, &fx).await;
    let mut tx = app.pool.begin().await.unwrap();
    let mut voters = Vec::with_capacity(1_000);
    for i in 0..1_000 {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO accounts (email, display_name, password_hash, role, created_at, email_confirmed_at) \
             VALUES (?, ?, 'x', 'mentee', 1, 1) RETURNING id",
        )
        .bind(format!("voter{i}@award.kg"))
        .bind(format!("Voter {i}"))
        .fetch_one(&mut *tx)
        .await
        .unwrap();
        voters.push(id);
    }
    tx.commit().await.unwrap();
    let tasks: Vec<_> = voters
        .iter()
        .enumerate()
        .map(|(i, voter)| {
            let (pool, voter, cat) = (app.pool.clone(), *voter, fx.cats[0]);
            let choice = if i % 3 == 0 { a } else { b };
            tokio::spawn(async move { store::cast_vote(&pool, cat, choice, voter, NOW).await })
        })
        .collect();
    for t in tasks {
        t.await.unwrap().unwrap();
    }
    assert_eq!(votes(&app.pool, fx.cats[0]).await, 1_000);
    assert_eq!(store::count_votes(&app.pool, a).await.unwrap(), 334);
    assert_eq!(store::count_votes(&app.pool, b).await.unwrap(), 666);
    let receipts: i64 = sqlx::query_scalar("SELECT COUNT(DISTINCT receipt) FROM award_votes")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(receipts, 1_000);
}

#[tokio::test]
async fn bursts_from_new_accounts_are_flagged_not_deleted_and_voids_need_a_reason() {
    let app = TestApp::new().await;
    let fx = fixture(&app).await;
    let pool = &app.pool;
    let (a, _) = to_voting(&app, &fx).await;
    // an old account's vote is never part of a burst
    let old = account(&app, "old@award.kg", "Old", Role::Mentee).await;
    store::cast_vote(pool, fx.cats[0], a, old, NOW)
        .await
        .unwrap();
    for i in 0..BURST_VOTES {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO accounts (email, display_name, password_hash, role, created_at, email_confirmed_at) \
             VALUES (?, 'Fresh', 'x', 'mentee', ?, ?) RETURNING id",
        )
        .bind(format!("fresh{i}@award.kg"))
        .bind(NOW - 600)
        .bind(NOW - 600)
        .fetch_one(pool)
        .await
        .unwrap();
        store::cast_vote(pool, fx.cats[0], a, id, NOW + i * 30)
            .await
            .unwrap();
    }
    let admin = store::admin_cycle(pool, fx.cycle, NOW).await.unwrap();
    assert_eq!(admin.flagged.len(), BURST_VOTES as usize);
    assert!(admin.log.iter().any(|l| l.action == "burst"));
    // flagged votes still count until an administrator voids them
    assert_eq!(store::count_votes(pool, a).await.unwrap(), BURST_VOTES + 1);
    let vote = admin.flagged[0].id;
    store::void_vote(pool, vote, "Same device as 4 others", fx.admin, NOW)
        .await
        .unwrap();
    assert_eq!(store::count_votes(pool, a).await.unwrap(), BURST_VOTES);
    let twice = store::void_vote(pool, vote, "again", fx.admin, NOW).await;
    assert_eq!(key_of(twice.unwrap_err()), "err.award_already_void");
    let admin = store::admin_cycle(pool, fx.cycle, NOW).await.unwrap();
    assert!(admin
        .log
        .iter()
        .any(|l| l.action == "voided" && l.reason == "Same device as 4 others"));
    // and the audit log keeps it, once (the refused second void wrote nothing)
    let audited: Vec<(Option<i64>, String, Option<i64>, String)> = sqlx::query_as(
        "SELECT actor_id, target_kind, target_id, after FROM audit_log WHERE action = 'vote_voided'",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    assert_eq!(audited.len(), 1);
    assert_eq!(
        (audited[0].0, audited[0].1.as_str(), audited[0].2),
        (Some(fx.admin), "award_cycle", Some(fx.cycle))
    );
    assert!(audited[0].3.ends_with(": Same device as 4 others"));
    // the voter's receipt says so, and she cannot vote again in that category
    let receipt = &admin.flagged.iter().find(|f| f.id == vote).unwrap().receipt;
    assert!(
        store::check_receipt(pool, receipt)
            .await
            .unwrap()
            .unwrap()
            .voided
    );
    let voter: i64 = sqlx::query_scalar("SELECT voter_id FROM award_votes WHERE id = ?")
        .bind(vote)
        .fetch_one(pool)
        .await
        .unwrap();
    let again = store::cast_vote(pool, fx.cats[0], a, voter, NOW).await;
    assert_eq!(key_of(again.unwrap_err()), "err.award_vote_voided");
}

#[tokio::test]
async fn the_jury_scores_assigned_categories_and_publishing_freezes_the_results() {
    let app = TestApp::new().await;
    let fx = fixture(&app).await;
    let pool = &app.pool;
    let (a, b) = to_voting(&app, &fx).await;
    // only jury accounts can be assigned
    let not_juror = store::assign_juror(pool, fx.cats[0], "asel@award.kg", fx.admin, NOW).await;
    assert_eq!(key_of(not_juror.unwrap_err()), "err.award_not_juror");
    store::assign_juror(pool, fx.cats[0], "jyldyz@award.kg", fx.admin, NOW)
        .await
        .unwrap();
    let second = account(&app, "second@award.kg", "Second Juror", Role::Jury).await;
    let third = account(&app, "third@award.kg", "Third Juror", Role::Jury).await;
    for email in ["second@award.kg", "third@award.kg"] {
        store::assign_juror(pool, fx.cats[0], email, fx.admin, NOW)
            .await
            .unwrap();
    }
    // public votes: 3 for a, 1 for b
    for i in 0..4 {
        let voter = account(&app, &format!("v{i}@award.kg"), "V", Role::Mentee).await;
        store::cast_vote(pool, fx.cats[0], if i < 3 { a } else { b }, voter, NOW)
            .await
            .unwrap();
    }
    let criteria: Vec<i64> =
        sqlx::query_scalar("SELECT id FROM award_criteria WHERE cycle_id = ? ORDER BY position")
            .bind(fx.cycle)
            .fetch_all(pool)
            .await
            .unwrap();
    let scores = |s: [i64; 3]| store::Review::Scores(criteria.iter().copied().zip(s).collect());
    // not before the jury review phase
    let early = store::review(pool, a, fx.juror, scores([5, 5, 5]), NOW).await;
    assert_eq!(key_of(early.unwrap_err()), "err.award_not_jury");
    store::advance(pool, fx.cycle, Phase::Voting, fx.admin, NOW)
        .await
        .unwrap();
    store::advance(pool, fx.cycle, Phase::VotingClosed, fx.admin, NOW)
        .await
        .unwrap();
    // a juror not assigned to the category is refused
    let outsider = account(&app, "out@award.kg", "Outsider", Role::Jury).await;
    let refused = store::review(pool, a, outsider, scores([5, 5, 5]), NOW).await;
    assert_eq!(key_of(refused.unwrap_err()), "err.award_not_assigned");
    // scores out of range or missing are refused, nothing half-written
    let bad = store::review(pool, a, fx.juror, scores([5, 6, 5]), NOW).await;
    assert!(bad.is_err());
    let partial = store::Review::Scores(vec![(criteria[0], 4)]);
    assert!(store::review(pool, a, fx.juror, partial, NOW)
        .await
        .is_err());
    let written: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM award_reviews")
        .fetch_one(pool)
        .await
        .unwrap();
    assert_eq!(written, 0);
    // a: 3.00 and 3.00 (b's friend abstains); b: 5.00, 4.00 → b wins on the jury's mean
    store::review(pool, a, fx.juror, scores([3, 3, 3]), NOW)
        .await
        .unwrap();
    store::review(pool, a, second, scores([3, 3, 3]), NOW)
        .await
        .unwrap();
    store::review(pool, b, fx.juror, scores([5, 5, 5]), NOW)
        .await
        .unwrap();
    store::review(pool, b, second, scores([4, 4, 4]), NOW)
        .await
        .unwrap();
    store::review(
        pool,
        a,
        third,
        store::Review::Abstain("She is my sister".into()),
        NOW,
    )
    .await
    .unwrap();
    store::review(
        pool,
        b,
        third,
        store::Review::Abstain("Conflict".into()),
        NOW,
    )
    .await
    .unwrap();
    store::advance(pool, fx.cycle, Phase::Jury, fx.admin, NOW)
        .await
        .unwrap();
    let r = store::results(pool, fx.cycle).await.unwrap();
    let lines = &r.categories[0].lines;
    assert_eq!(lines[0].nominee_name, "Bermet Mentor");
    assert!(lines[0].winner);
    assert_eq!(lines[0].jury_x100, Some(450));
    assert_eq!(lines[0].jurors, 2);
    assert_eq!(lines[1].nominee_name, "Asel Mentor");
    assert!(lines[1].community_choice && !lines[1].winner);
    assert_eq!((lines[1].votes, lines[1].jury_x100), (3, Some(300)));
    assert_eq!(lines[0].reason, "Changed many lives.");
    // later changes cannot alter the snapshot
    let vote: i64 =
        sqlx::query_scalar("SELECT id FROM award_votes WHERE nomination_id = ? LIMIT 1")
            .bind(a)
            .fetch_one(pool)
            .await
            .unwrap();
    assert!(store::void_vote(pool, vote, "late", fx.admin, NOW)
        .await
        .is_err());
    sqlx::query("UPDATE award_votes SET voided_at = 1 WHERE nomination_id = ?")
        .bind(a)
        .execute(pool)
        .await
        .unwrap();
    assert!(sqlx::query("UPDATE award_results SET winner = 1")
        .execute(pool)
        .await
        .is_err());
    assert!(sqlx::query("DELETE FROM award_results")
        .execute(pool)
        .await
        .is_err());
    let again = store::results(pool, fx.cycle).await.unwrap();
    assert_eq!(again, r);
    // the audit log has the cycle's phases, its publication last
    let audited: Vec<(String, String)> = sqlx::query_as(
        "SELECT action, after FROM audit_log WHERE target_kind = 'award_cycle' AND action <> 'vote_voided' ORDER BY id",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    assert!(audited.iter().any(|(a, _)| a == "award_phase"));
    assert_eq!(
        audited.last().unwrap(),
        &("results_published".to_string(), "published".to_string())
    );
    let assign = store::assign_juror(pool, fx.cats[0], "out@award.kg", fx.admin, NOW).await;
    assert_eq!(key_of(assign.unwrap_err()), "err.award_published");
}

#[tokio::test]
async fn a_mentee_who_may_be_under_18_is_shown_only_once_screened() {
    let app = TestApp::new().await;
    let fx = fixture(&app).await;
    let pool = &app.pool;
    let regional = fx.cats[1];
    nominate(pool, regional, fx.mentor_a, "aigerim@award.kg")
        .await
        .unwrap();
    let n = nomination_of(pool, fx.mentee, regional).await;
    store::answer(pool, n, fx.mentee, true, NOW).await.unwrap();
    let shown = |v: &CycleView| {
        v.categories
            .iter()
            .find(|c| c.id == regional)
            .unwrap()
            .nominations
            .len()
    };
    // no profile says she is an adult: she waits for an administrator
    assert!(store::screened_first(pool, n).await.unwrap());
    let v = store::cycle_view(pool, fx.cycle, None, false, NOW)
        .await
        .unwrap();
    assert_eq!(shown(&v), 0);
    // an adult's profile: public once she accepted
    sqlx::query(
        "INSERT INTO mentee_profiles (account_id, career_stage, goals, meeting_format, hours_per_month, age_band, updated_at) \
         VALUES (?, 'university', 'x', 'online', 4, 'adult', 1)",
    )
    .bind(fx.mentee)
    .execute(pool)
    .await
    .unwrap();
    let v = store::cycle_view(pool, fx.cycle, None, false, NOW)
        .await
        .unwrap();
    assert_eq!(shown(&v), 1);
    // under 18 again: hidden until screened eligible
    sqlx::query("UPDATE mentee_profiles SET age_band = 'under_18'")
        .execute(pool)
        .await
        .unwrap();
    let v = store::cycle_view(pool, fx.cycle, None, false, NOW)
        .await
        .unwrap();
    assert_eq!(shown(&v), 0);
    sqlx::query("UPDATE award_nominations SET screening = 'eligible' WHERE id = ?")
        .bind(n)
        .execute(pool)
        .await
        .unwrap();
    let v = store::cycle_view(pool, fx.cycle, None, false, NOW)
        .await
        .unwrap();
    assert_eq!(shown(&v), 1);
    assert!(!store::screened_first(pool, n).await.unwrap());
}
