//! Lectures against a real SQLite with the real migrations: capacity and the waiting list under
//! concurrent registrations and cancellations, link and recording visibility, attendance and
//! ratings, reminders, the calendar of one lecture read back in two zones.
use super::store::{self, LectureInput, Manager};
use super::*;
use crate::auth::Role;
use crate::i18n::Locale;
use crate::testing::{account, mentees, rule_key, TestApp};

/// 2026-12-01 00:00 UTC
const NOW: i64 = 20_788 * 86_400;
const DAY: i64 = 86_400;

fn input(starts_at: i64, capacity: i64) -> LectureInput {
    LectureInput {
        title: "Leadership in STEM".into(),
        topic: Topic::Leadership,
        speaker: "Dr. Aizada Sadykova".into(),
        description: "How to lead a lab team.".into(),
        language: Locale::Ru,
        starts_at,
        minutes: 90,
        capacity,
        online_link: "https://meet.example.org/leadership".into(),
        materials: parse_materials("Slides | https://example.org/slides.pdf").unwrap(),
    }
}

async fn admin(app: &TestApp) -> Manager {
    let id = account(app, "admin@l.kg", "Admin", Role::Admin).await;
    Manager { id, admin: true }
}

async fn counts(app: &TestApp, id: i64) -> (i64, i64) {
    sqlx::query_as(
        "SELECT COALESCE(SUM(status = 'registered'), 0), COALESCE(SUM(status = 'waiting'), 0) FROM lecture_registrations WHERE lecture_id = ?",
    )
    .bind(id)
    .fetch_one(&app.pool)
    .await
    .unwrap()
}

#[tokio::test]
async fn concurrent_registrations_never_pass_capacity_and_cancellations_promote_each_waiting_person_once(
) {
    let app = TestApp::new().await;
    let by = admin(&app).await;
    let lecture = store::save(&app.pool, by, None, &input(NOW + 10 * DAY, 5), NOW)
        .await
        .unwrap();
    // sent again over a failing link: the same lecture
    assert_eq!(
        store::save(&app.pool, by, None, &input(NOW + 10 * DAY, 5), NOW + 3)
            .await
            .unwrap(),
        lecture
    );
    let people = mentees(&app, "p", 30).await;
    // 30 people register at once, each asking for the waiting list when full
    let mut tasks = Vec::new();
    for &p in &people {
        let pool = app.pool.clone();
        tasks.push(tokio::spawn(async move {
            store::register(&pool, lecture, p, true, NOW).await
        }));
    }
    for t in tasks {
        t.await.unwrap().unwrap();
    }
    assert_eq!(counts(&app, lecture).await, (5, 25));
    // the same person twice: refused, nothing changes
    assert_eq!(
        rule_key(
            store::register(&app.pool, lecture, people[0], true, NOW)
                .await
                .unwrap_err()
        ),
        crate::i18n::k::LECTURE_ERR_TWICE
    );
    // full, and she did not ask to wait: refused
    let late = account(&app, "late@l.kg", "Late", Role::Mentee).await;
    assert_eq!(
        rule_key(
            store::register(&app.pool, lecture, late, false, NOW)
                .await
                .unwrap_err()
        ),
        crate::i18n::k::LECTURE_ERR_FULL
    );
    let registered: Vec<i64> = sqlx::query_scalar(
        "SELECT account_id FROM lecture_registrations WHERE lecture_id = ? AND status = 'registered'",
    )
    .bind(lecture)
    .fetch_all(&app.pool)
    .await
    .unwrap();
    let first_waiting: Vec<i64> = sqlx::query_scalar(
        "SELECT account_id FROM lecture_registrations WHERE lecture_id = ? AND status = 'waiting' ORDER BY id LIMIT 10",
    )
    .bind(lecture)
    .fetch_all(&app.pool)
    .await
    .unwrap();
    // the five registered and five waiting cancel at once, while five new people join
    let mut tasks = Vec::new();
    for &p in registered.iter().chain(first_waiting[5..].iter()) {
        let pool = app.pool.clone();
        tasks.push(tokio::spawn(async move {
            store::cancel(&pool, lecture, p, NOW + 1).await.map(|_| ())
        }));
    }
    for i in 0..5 {
        let p = account(&app, &format!("new{i}@l.kg"), "New", Role::Mentee).await;
        let pool = app.pool.clone();
        tasks.push(tokio::spawn(async move {
            store::register(&pool, lecture, p, true, NOW + 1)
                .await
                .map(|_| ())
        }));
    }
    for t in tasks {
        t.await.unwrap().unwrap();
    }
    // still five places taken, now by the first five who waited, each told once
    let (registered_now, waiting_now) = counts(&app, lecture).await;
    assert_eq!(registered_now, 5);
    assert_eq!(waiting_now, 25 - 10 + 5);
    let now_in: Vec<i64> = sqlx::query_scalar(
        "SELECT account_id FROM lecture_registrations WHERE lecture_id = ? AND status = 'registered' ORDER BY account_id",
    )
    .bind(lecture)
    .fetch_all(&app.pool)
    .await
    .unwrap();
    let mut expected = first_waiting[..5].to_vec();
    expected.sort();
    assert_eq!(now_in, expected);
    let told: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM notifications WHERE kind = 'lecture_promoted'")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(told, 5, "each promoted person is told once, nobody twice");
    // the schema refuses more registered than places, whatever writes
    let extra = sqlx::query("UPDATE lecture_registrations SET status = 'registered' WHERE lecture_id = ? AND status = 'waiting'")
        .bind(lecture)
        .execute(&app.pool)
        .await;
    assert!(extra.is_err());
    assert_eq!(counts(&app, lecture).await.0, 5);
}

#[tokio::test]
async fn a_registration_cut_off_mid_write_leaves_the_places_as_they_were() {
    let app = TestApp::new().await;
    let by = admin(&app).await;
    let lecture = store::save(&app.pool, by, None, &input(NOW + DAY * 3, 1), NOW)
        .await
        .unwrap();
    let [a, b]: [i64; 2] = mentees(&app, "p", 2).await.try_into().unwrap();
    store::register(&app.pool, lecture, a, false, NOW)
        .await
        .unwrap();
    store::register(&app.pool, lecture, b, true, NOW)
        .await
        .unwrap();
    // her cancellation is dropped at every point it can be: either whole or not at all
    for micros in [0, 50, 200, 1_000, 5_000] {
        let pool = app.pool.clone();
        let _ = tokio::time::timeout(
            std::time::Duration::from_micros(micros),
            store::cancel(&pool, lecture, a, NOW),
        )
        .await;
        let (registered, waiting) = counts(&app, lecture).await;
        assert_eq!(registered, 1, "after {micros} µs");
        assert!(waiting <= 1);
        if waiting == 0 {
            break;
        }
    }
    // the pool is still usable for everyone
    store::register(&app.pool, lecture, a, true, NOW).await.ok();
    assert_eq!(counts(&app, lecture).await.0, 1);
}

#[tokio::test]
async fn the_link_shows_to_registered_people_from_an_hour_before_and_recordings_expire() {
    let app = TestApp::new().await;
    let by = admin(&app).await;
    let start = NOW + 2 * DAY;
    let lecture = store::save(&app.pool, by, None, &input(start, 1), NOW)
        .await
        .unwrap();
    let [a, b]: [i64; 2] = mentees(&app, "p", 2).await.try_into().unwrap();
    store::register(&app.pool, lecture, a, false, NOW)
        .await
        .unwrap();
    store::register(&app.pool, lecture, b, true, NOW)
        .await
        .unwrap();
    let as_ = |id| Some(Manager { id, admin: false });
    let page = |who, at| store::page(&app.pool, lecture, who, at);
    assert_eq!(page(as_(a), start - 3_601).await.unwrap().link, None);
    assert_eq!(
        page(as_(a), start - 3_600).await.unwrap().link.as_deref(),
        Some("https://meet.example.org/leadership")
    );
    // waiting, signed out: never
    assert_eq!(page(as_(b), start).await.unwrap().link, None);
    assert_eq!(page(None, start).await.unwrap().link, None);
    assert_eq!(
        page(as_(b), start).await.unwrap().me.unwrap().position,
        Some(1)
    );
    // nobody but its manager sees the management part
    assert!(page(as_(a), start).await.unwrap().manage.is_none());
    assert!(page(Some(by), start).await.unwrap().manage.is_some());
    // a recording before the start, or expiring in the past: refused
    assert_eq!(
        rule_key(
            store::set_recording(
                &app.pool,
                lecture,
                by,
                "https://rec.example.org/1",
                "k1",
                start + DAY,
                start - 10
            )
            .await
            .unwrap_err()
        ),
        crate::i18n::k::LECTURE_ERR_NOT_STARTED
    );
    let after = start + 2 * 3_600;
    assert_eq!(
        rule_key(
            store::set_recording(
                &app.pool,
                lecture,
                by,
                "https://rec.example.org/1",
                "k1",
                after - 1,
                after
            )
            .await
            .unwrap_err()
        ),
        crate::i18n::k::LECTURE_ERR_RECORDING_PAST
    );
    // someone else's lecture: 404
    assert_eq!(
        store::set_recording(
            &app.pool,
            lecture,
            Manager {
                id: a,
                admin: false
            },
            "https://rec.example.org/1",
            "",
            after + DAY,
            after
        )
        .await,
        Err(crate::db::NOT_FOUND)
    );
    let until = after + RECORDING_DAYS * DAY;
    store::set_recording(
        &app.pool,
        lecture,
        by,
        "https://rec.example.org/1",
        "k1",
        until,
        after,
    )
    .await
    .unwrap();
    let rec = page(as_(a), after).await.unwrap().recording.unwrap();
    assert_eq!((rec.code.as_str(), rec.until), ("k1", until));
    assert!(
        page(as_(b), after).await.unwrap().recording.is_none(),
        "not for the waiting list"
    );
    assert!(
        page(as_(a), until).await.unwrap().recording.is_none(),
        "expired"
    );
}

#[tokio::test]
async fn only_attendees_rate_once_after_the_end_and_the_speaker_sees_the_average() {
    let app = TestApp::new().await;
    let speaker = account(&app, "speaker@l.kg", "Speaker", Role::Mentor).await;
    sqlx::query("INSERT INTO lecture_speakers (account_id, named_at) VALUES (?, 1)")
        .bind(speaker)
        .execute(&app.pool)
        .await
        .unwrap();
    let by = Manager {
        id: speaker,
        admin: false,
    };
    let start = NOW + DAY;
    let lecture = store::save(&app.pool, by, None, &input(start, 10), NOW)
        .await
        .unwrap();
    let [a, b, c]: [i64; 3] = mentees(&app, "p", 3).await.try_into().unwrap();
    for p in [a, b] {
        store::register(&app.pool, lecture, p, false, NOW)
            .await
            .unwrap();
    }
    // attendance before the start: refused; by someone else: 404
    assert!(
        store::mark_attendance(&app.pool, lecture, by, &[a], start - 1)
            .await
            .is_err()
    );
    assert_eq!(
        store::mark_attendance(
            &app.pool,
            lecture,
            Manager {
                id: a,
                admin: false
            },
            &[a],
            start
        )
        .await,
        Err(crate::db::NOT_FOUND)
    );
    // only a registered person can be marked present (c is not)
    store::mark_attendance(&app.pool, lecture, by, &[a, c], start + 60)
        .await
        .unwrap();
    let end = ends_at(start, 90);
    assert_eq!(
        rule_key(
            store::rate(&app.pool, lecture, a, 5, "", end - 1)
                .await
                .unwrap_err()
        ),
        crate::i18n::k::LECTURE_ERR_NOT_ATTENDED
    );
    assert_eq!(
        rule_key(
            store::rate(&app.pool, lecture, b, 5, "", end)
                .await
                .unwrap_err()
        ),
        crate::i18n::k::LECTURE_ERR_NOT_ATTENDED
    );
    assert_eq!(
        store::rate(&app.pool, lecture, c, 5, "", end).await,
        Err(crate::db::NOT_FOUND)
    );
    store::rate(
        &app.pool,
        lecture,
        a,
        4,
        "Write to me: aida@example.com",
        end,
    )
    .await
    .unwrap();
    assert_eq!(
        rule_key(
            store::rate(&app.pool, lecture, a, 1, "", end)
                .await
                .unwrap_err()
        ),
        crate::i18n::k::LECTURE_ERR_RATED
    );
    let manage = store::page(&app.pool, lecture, Some(by), end)
        .await
        .unwrap()
        .manage
        .unwrap();
    assert_eq!(manage.rating, Some((400, 1)));
    // the comment with an address waits for a safety check
    assert_eq!(manage.comments, vec![crate::safeguard::HELD.to_string()]);
    // fewer places than people registered: refused
    let mut smaller = input(start, 1);
    smaller.starts_at = start;
    assert_eq!(
        rule_key(
            store::save(&app.pool, by, Some(lecture), &smaller, NOW)
                .await
                .unwrap_err()
        ),
        crate::i18n::k::LECTURE_ERR_CAPACITY_BELOW
    );
    // a new time in the past: refused
    assert_eq!(
        rule_key(
            store::save(&app.pool, by, Some(lecture), &input(NOW - 1, 10), NOW)
                .await
                .unwrap_err()
        ),
        crate::i18n::k::LECTURE_ERR_PAST
    );
    // after the end a place is the lecture's record: cancelling is refused
    assert_eq!(
        rule_key(store::cancel(&app.pool, lecture, a, end).await.unwrap_err()),
        crate::i18n::k::LECTURE_ERR_OVER
    );
    // attendance lists longer than the places: refused
    let many: Vec<i64> = (0..11).collect();
    assert_eq!(
        rule_key(
            store::mark_attendance(&app.pool, lecture, by, &many, end)
                .await
                .unwrap_err()
        ),
        crate::i18n::k::LECTURE_ERR_ATTENDANCE
    );
    // no longer a named speaker: she no longer manages it (nor sees who came)
    store::unname_speaker(&app.pool, speaker).await.unwrap();
    assert!(store::page(&app.pool, lecture, Some(by), end)
        .await
        .unwrap()
        .manage
        .is_none());
    assert_eq!(
        store::mark_attendance(&app.pool, lecture, by, &[a], end).await,
        Err(crate::db::NOT_FOUND)
    );
}

#[tokio::test]
async fn reminders_go_a_day_and_an_hour_before_once_each() {
    let app = TestApp::new().await;
    let by = admin(&app).await;
    let start = NOW + 3 * DAY;
    let lecture = store::save(&app.pool, by, None, &input(start, 10), NOW)
        .await
        .unwrap();
    let [a, b]: [i64; 2] = mentees(&app, "p", 2).await.try_into().unwrap();
    store::register(&app.pool, lecture, a, false, NOW)
        .await
        .unwrap();
    assert_eq!(store::remind(&app.pool, start - DAY - 60).await.unwrap(), 0);
    assert_eq!(store::remind(&app.pool, start - DAY + 60).await.unwrap(), 1);
    assert_eq!(
        store::remind(&app.pool, start - DAY + 360).await.unwrap(),
        0
    );
    // she registers within the day: only the hour's reminder will come
    store::register(&app.pool, lecture, b, false, start - 5 * 3_600)
        .await
        .unwrap();
    assert_eq!(
        store::remind(&app.pool, start - 4 * 3_600).await.unwrap(),
        0
    );
    assert_eq!(store::remind(&app.pool, start - 3_000).await.unwrap(), 2);
    assert_eq!(store::remind(&app.pool, start - 2_000).await.unwrap(), 0);
    let kinds: Vec<String> = sqlx::query_scalar("SELECT kind FROM notifications ORDER BY id")
        .fetch_all(&app.pool)
        .await
        .unwrap();
    assert_eq!(kinds, ["lecture_tomorrow", "lecture_soon", "lecture_soon"]);
}

#[tokio::test]
async fn a_lectures_calendar_reads_back_at_its_time_in_two_zones() {
    let app = TestApp::new().await;
    let by = admin(&app).await;
    let bishkek = crate::time::programme_zone();
    let start = crate::time::parse_datetime_local("2026-12-10T18:30", bishkek).unwrap();
    let lecture = store::save(&app.pool, by, None, &input(start, 10), NOW)
        .await
        .unwrap();
    let row = store::calendar_one(&app.pool, lecture)
        .await
        .unwrap()
        .unwrap();
    let text = crate::learning::calendar::ics(
        "x",
        &[crate::learning::calendar::Event {
            uid: format!("lecture-{}@stem4all", row.id),
            starts_at: row.starts_at,
            ends_at: ends_at(row.starts_at, row.minutes),
            title: row.title,
            description: String::new(),
            url: String::new(),
            stamp: row.updated_at,
        }],
    );
    let events = crate::learning::calendar::read(&text);
    let back = crate::learning::calendar::parse_utc(&events[0]["DTSTART"]).unwrap();
    let tokyo = crate::time::zone("Asia/Tokyo").unwrap();
    let new_york = crate::time::zone("America/New_York").unwrap();
    assert_eq!(
        crate::time::datetime_local(back, &tokyo),
        "2026-12-10T21:30"
    );
    assert_eq!(
        crate::time::datetime_local(back, &new_york),
        "2026-12-10T07:30"
    );
    let end = crate::learning::calendar::parse_utc(&events[0]["DTEND"]).unwrap();
    assert_eq!(end - back, 90 * 60);
}

#[tokio::test]
async fn a_lecture_moved_tells_its_people_and_reminds_them_for_the_new_time() {
    let app = TestApp::new().await;
    let by = admin(&app).await;
    let start = NOW + 3 * DAY;
    let lecture = store::save(&app.pool, by, None, &input(start, 1), NOW)
        .await
        .unwrap();
    let [a, b]: [i64; 2] = mentees(&app, "p", 2).await.try_into().unwrap();
    store::register(&app.pool, lecture, a, false, NOW)
        .await
        .unwrap();
    store::register(&app.pool, lecture, b, true, NOW)
        .await
        .unwrap();
    assert_eq!(store::remind(&app.pool, start - DAY + 60).await.unwrap(), 1);
    // moved a week later: both are told, and the day's reminder comes again for the new time
    let later = start + 7 * DAY;
    store::save(
        &app.pool,
        by,
        Some(lecture),
        &input(later, 1),
        start - DAY + 120,
    )
    .await
    .unwrap();
    let moved: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM notifications WHERE kind = 'lecture_moved'")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(moved, 2);
    assert_eq!(
        store::remind(&app.pool, start - DAY + 180).await.unwrap(),
        0
    );
    assert_eq!(store::remind(&app.pool, later - DAY + 60).await.unwrap(), 1);
}
