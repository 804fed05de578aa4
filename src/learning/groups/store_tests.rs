//! Peer groups against a real SQLite with the real migrations: the member limit under
//! concurrent joins, the organiser's hand-over and succession, members-only discussion,
//! reports, and the meeting in the calendar feed.
use super::store::{self, GroupInput, MeetingInput};
use super::*;
use crate::db::NOT_FOUND;
use crate::i18n::k;
use crate::i18n::Locale;
use crate::moderation::ReportReason;
use crate::testing::{mentees, rule_key, TestApp};

const NOW: i64 = 20_788 * 86_400;

fn input(limit: i64) -> GroupInput {
    GroupInput {
        name: "Naryn coders".into(),
        description: "We learn Python together.".into(),
        region: "naryn".into(),
        language: Locale::Ky,
        member_limit: limit,
    }
}

async fn members(app: &TestApp, id: i64) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM peer_group_members WHERE group_id = ?")
        .bind(id)
        .fetch_one(&app.pool)
        .await
        .unwrap()
}

#[tokio::test]
async fn concurrent_joins_never_pass_the_member_limit() {
    let app = TestApp::new().await;
    let p = mentees(&app, "g", 21).await;
    let id = store::create(&app.pool, p[0], &input(5), NOW)
        .await
        .unwrap();
    let mut tasks = Vec::new();
    for &who in &p[1..] {
        let pool = app.pool.clone();
        tasks.push(tokio::spawn(async move {
            store::join(&pool, id, who, NOW).await
        }));
    }
    let mut joined = 0;
    for t in tasks {
        match t.await.unwrap() {
            Ok(()) => joined += 1,
            Err(e) => assert_eq!(rule_key(e), k::GROUP_ERR_FULL),
        }
    }
    assert_eq!(joined, 4);
    assert_eq!(members(&app, id).await, 5);
    // joining twice, and a limit below the membership: refused, nothing changes
    assert_eq!(
        rule_key(store::join(&app.pool, id, p[0], NOW).await.unwrap_err()),
        k::GROUP_ERR_MEMBER
    );
    assert_eq!(
        rule_key(
            store::update(&app.pool, id, p[0], &input(4), NOW)
                .await
                .unwrap_err()
        ),
        k::GROUP_ERR_LIMIT_BELOW
    );
    // only the organiser changes it; anyone else gets 404
    assert_eq!(
        store::update(&app.pool, id, p[1], &input(10), NOW).await,
        Err(NOT_FOUND)
    );
    // the schema refuses a sixth member, whatever writes
    let extra = sqlx::query(
        "INSERT INTO peer_group_members (group_id, account_id, joined_at) VALUES (?, ?, 1)",
    )
    .bind(id)
    .bind(p[20])
    .execute(&app.pool)
    .await;
    assert!(extra.is_err() || members(&app, id).await == 5);
}

#[tokio::test]
async fn the_organisers_role_is_handed_over_and_passes_to_the_longest_member() {
    let app = TestApp::new().await;
    let [a, b, c, outsider]: [i64; 4] = mentees(&app, "g", 4).await.try_into().unwrap();
    let id = store::create(&app.pool, a, &input(10), NOW).await.unwrap();
    store::join(&app.pool, id, b, NOW + 1).await.unwrap();
    store::join(&app.pool, id, c, NOW + 2).await.unwrap();
    let organiser = |app: &TestApp| {
        let pool = app.pool.clone();
        async move {
            sqlx::query_scalar::<_, Option<i64>>(
                "SELECT organiser_id FROM peer_groups WHERE id = ?",
            )
            .bind(id)
            .fetch_optional(&pool)
            .await
            .unwrap()
            .flatten()
        }
    };
    // to someone outside the group: refused; by someone not organising: 404
    assert_eq!(
        rule_key(
            store::hand_over(&app.pool, id, a, outsider, NOW)
                .await
                .unwrap_err()
        ),
        k::GROUP_ERR_NOT_MEMBER
    );
    assert_eq!(
        store::hand_over(&app.pool, id, b, c, NOW).await,
        Err(NOT_FOUND)
    );
    store::hand_over(&app.pool, id, a, c, NOW).await.unwrap();
    assert_eq!(organiser(&app).await, Some(c));
    // the organiser leaves: the member who joined first (a) takes over
    store::leave(&app.pool, id, c, NOW).await.unwrap();
    assert_eq!(organiser(&app).await, Some(a));
    // a member who does not organise leaves: nothing else changes
    store::leave(&app.pool, id, b, NOW).await.unwrap();
    assert_eq!(organiser(&app).await, Some(a));
    assert_eq!(store::leave(&app.pool, id, b, NOW).await, Err(NOT_FOUND));
    // the last one leaves: the group waits without an organiser, its discussion kept; the next
    // to join organises it
    store::post(&app.pool, id, a, "see you", NOW).await.unwrap();
    store::leave(&app.pool, id, a, NOW).await.unwrap();
    assert_eq!(organiser(&app).await, None);
    store::join(&app.pool, id, outsider, NOW).await.unwrap();
    assert_eq!(organiser(&app).await, Some(outsider));
    assert_eq!(
        store::page(&app.pool, id, outsider, false, 0, NOW)
            .await
            .unwrap()
            .posts
            .len(),
        1
    );
}

#[tokio::test]
async fn only_members_read_and_post_and_reports_are_one_per_person_never_of_ones_own() {
    let app = TestApp::new().await;
    let [a, b, c, outsider]: [i64; 4] = mentees(&app, "g", 4).await.try_into().unwrap();
    let id = store::create(&app.pool, a, &input(10), NOW).await.unwrap();
    store::join(&app.pool, id, b, NOW).await.unwrap();
    store::join(&app.pool, id, c, NOW).await.unwrap();
    let hello = store::post(&app.pool, id, a, "Salam! Meeting on Friday.", NOW)
        .await
        .unwrap();
    let phone = store::post(&app.pool, id, b, "Call me: +996 555 123 456", NOW + 1)
        .await
        .unwrap();
    assert_eq!(
        store::post(&app.pool, id, outsider, "hi", NOW).await,
        Err(NOT_FOUND)
    );
    let seen = store::page(&app.pool, id, c, false, 0, NOW).await.unwrap();
    assert_eq!(seen.posts.len(), 2);
    assert_eq!(
        seen.posts[1].body,
        crate::safeguard::HELD,
        "contact details wait for a check"
    );
    let outside = store::page(&app.pool, id, outsider, false, 0, NOW)
        .await
        .unwrap();
    assert!(
        outside.posts.is_empty() && outside.members.is_empty() && outside.meeting_place.is_empty()
    );
    // reports
    assert_eq!(
        rule_key(
            crate::moderation::store::report_item(
                &app.pool,
                crate::moderation::ItemKind::GroupPost,
                hello,
                a,
                ReportReason::Spam,
                "",
                NOW
            )
            .await
            .unwrap_err()
        ),
        k::REPORT_OWN
    );
    assert_eq!(
        crate::moderation::store::report_item(
            &app.pool,
            crate::moderation::ItemKind::GroupPost,
            hello,
            outsider,
            ReportReason::Spam,
            "",
            NOW
        )
        .await,
        Err(NOT_FOUND)
    );
    crate::moderation::store::report_item(
        &app.pool,
        crate::moderation::ItemKind::GroupPost,
        phone,
        c,
        ReportReason::PersonalInformation,
        "a phone number",
        NOW,
    )
    .await
    .unwrap();
    assert_eq!(
        rule_key(
            crate::moderation::store::report_item(
                &app.pool,
                crate::moderation::ItemKind::GroupPost,
                phone,
                c,
                ReportReason::Other,
                "",
                NOW
            )
            .await
            .unwrap_err()
        ),
        k::REPORT_TWICE
    );
    let (kind, reason, details): (String, String, String) =
        sqlx::query_as("SELECT item_kind, reason, details FROM reports")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(
        (kind.as_str(), reason.as_str(), details.as_str()),
        ("group_post", "personal_information", "a phone number")
    );
    assert!(
        store::page(&app.pool, id, c, false, 0, NOW)
            .await
            .unwrap()
            .posts[1]
            .reported
    );
}

#[tokio::test]
async fn discussion_pages_end_with_the_newest_and_meetings_reach_the_feed() {
    let app = TestApp::new().await;
    let [a, b]: [i64; 2] = mentees(&app, "g", 2).await.try_into().unwrap();
    let id = store::create(&app.pool, a, &input(10), NOW).await.unwrap();
    for i in 0..(PER_PAGE + 5) {
        // a minute apart (the flood limit counts ten minutes)
        store::post(&app.pool, id, a, &format!("post {i}"), NOW + i * 60)
            .await
            .unwrap();
    }
    let last = store::page(&app.pool, id, a, false, 0, NOW).await.unwrap();
    assert_eq!((last.page, last.pages), (2, 2));
    assert_eq!(last.posts.len(), 5);
    assert_eq!(
        last.posts.last().unwrap().body,
        format!("post {}", PER_PAGE + 4)
    );
    let first = store::page(&app.pool, id, a, false, 1, NOW).await.unwrap();
    assert_eq!(first.posts[0].body, "post 0");
    // a weekly meeting at 18:00 in Bishkek, for members' calendars
    let first_at =
        crate::time::parse_datetime_local("2026-12-04T18:00", crate::time::programme_zone())
            .unwrap();
    let meeting = MeetingInput {
        frequency: Frequency::Weekly,
        first_at,
        zone: "Asia/Bishkek".into(),
        minutes: 60,
        place: "Naryn library, room 2".into(),
    };
    assert_eq!(
        store::schedule(&app.pool, id, b, Some(&meeting), NOW).await,
        Err(NOT_FOUND)
    );
    store::schedule(&app.pool, id, a, Some(&meeting), NOW)
        .await
        .unwrap();
    let summary = store::page(&app.pool, id, a, false, 0, NOW)
        .await
        .unwrap()
        .group;
    assert_eq!(
        summary.next_meeting(first_at + 1),
        Some(first_at + 7 * 86_400)
    );
    assert_eq!(store::calendar_mine(&app.pool, a).await.unwrap().len(), 1);
    assert!(
        store::calendar_mine(&app.pool, b).await.unwrap().is_empty(),
        "not a member"
    );
}

#[tokio::test]
async fn a_resent_post_is_one_post_and_a_flood_meets_a_limit() {
    let app = TestApp::new().await;
    let [a]: [i64; 1] = mentees(&app, "g", 1).await.try_into().unwrap();
    let id = store::create(&app.pool, a, &input(10), NOW).await.unwrap();
    assert_eq!(
        store::create(&app.pool, a, &input(10), NOW + 5)
            .await
            .unwrap(),
        id,
        "a resent group"
    );
    let first = store::post(&app.pool, id, a, "Salam!", NOW).await.unwrap();
    assert_eq!(
        store::post(&app.pool, id, a, "Salam!", NOW + 30)
            .await
            .unwrap(),
        first
    );
    // a held post sent again is the same post too
    let held = store::post(&app.pool, id, a, "my number +996 555 123 456", NOW + 31)
        .await
        .unwrap();
    assert_eq!(
        store::post(&app.pool, id, a, "my number +996 555 123 456", NOW + 32)
            .await
            .unwrap(),
        held
    );
    for i in 2..POSTS_PER_WINDOW {
        store::post(&app.pool, id, a, &format!("post {i}"), NOW + 40 + i)
            .await
            .unwrap();
    }
    assert_eq!(
        rule_key(
            store::post(&app.pool, id, a, "one more", NOW + 100)
                .await
                .unwrap_err()
        ),
        k::GROUP_ERR_POSTS
    );
    store::post(
        &app.pool,
        id,
        a,
        "later",
        NOW + 40 + POST_WINDOW + POSTS_PER_WINDOW,
    )
    .await
    .unwrap();
}
