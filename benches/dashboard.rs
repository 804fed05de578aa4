//! Dashboard benchmark: a programme of 3,000 mentees and 1,000 mentors with a year of
//! activity (6,000 requests, 2,400 mentorships with their ratings, 2,500 roadmaps of six steps,
//! 60 lectures with 6,000 registrations, 2,000 award votes in eight categories, 86 partner
//! organisations) in a temp SQLite; an administrator opens `/admin/dashboard` (every section)
//! through the real router (in process, no socket), unfiltered, for Naryn over a quarter, and
//! one section as CSV. Prints p50/p99 server time.
//!
//!     cargo bench --features ssr --bench dashboard --profile release
use axum::body::Body;
use axum::http::{header, Request};
use http_body_util::BodyExt;
use std::time::{Duration, Instant};
use tower::ServiceExt;

fn percentile(sorted: &[Duration], q: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * q).round() as usize]
}

/// The seed: set-based inserts over a counter, so the year is written in a few seconds.
const SEED: &[&str] = &[
    "CREATE TEMP TABLE n (i INTEGER PRIMARY KEY)",
    "WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < 20000) INSERT INTO n SELECT i FROM c",
    // 3,000 mentees then 1,000 mentors, joined over the last year, in every region
    "INSERT INTO accounts (id, email, display_name, password_hash, role, region, locale, email_confirmed_at, created_at) \
     SELECT 1000 + i, 'p' || i || '@bench.example', 'Person ' || i, '!', CASE WHEN i <= 3000 THEN 'mentee' ELSE 'mentor' END, \
     CASE i % 10 WHEN 0 THEN 'bishkek' WHEN 1 THEN 'osh_city' WHEN 2 THEN 'chui' WHEN 3 THEN 'osh' WHEN 4 THEN 'naryn' \
       WHEN 5 THEN 'issyk_kul' WHEN 6 THEN 'talas' WHEN 7 THEN 'jalal_abad' WHEN 8 THEN 'batken' ELSE 'abroad' END, \
     'ru', :now - 365 * 86400, :now - 365 * 86400 + (i * 7919 % 365) * 86400 FROM n WHERE i <= 4000",
    "INSERT INTO mentor_profiles (account_id, organisation, title, years_experience, capacity, bio, approval, updated_at) \
     SELECT 1000 + i, 'Org', 'Engineer', 5, 3, 'Bio', CASE WHEN i % 25 = 0 THEN 'pending' WHEN i % 40 = 0 THEN 'rejected' ELSE 'approved' END, \
     :now - (i % 30) * 86400 FROM n WHERE i > 3000 AND i <= 4000",
    // 6,000 requests: 2,400 accepted (each a mentorship), the rest declined, expired, withdrawn or open
    "INSERT INTO mentorship_requests (id, mentee_id, mentor_id, message, hopes, state, created_at, updated_at, answered_at) \
     SELECT i, 1000 + (i % 3000) + 1, 1000 + 3001 + ((i + (i / 3000) * 7) % 1000), 'Hello', 'Learn', \
     CASE WHEN i <= 2400 THEN 'accepted' WHEN i % 4 = 0 THEN 'declined' WHEN i % 4 = 1 THEN 'expired' WHEN i % 4 = 2 THEN 'withdrawn' ELSE 'pending' END, \
     :now - 360 * 86400 + (i * 31 % 355) * 86400, :now, :now - 360 * 86400 + (i * 31 % 355) * 86400 + (i % 9) * 43200 FROM n WHERE i <= 6000",
    "INSERT INTO mentorships (id, request_id, mentee_id, mentor_id, state, started_at) \
     SELECT r.id, r.id, r.mentee_id, r.mentor_id, CASE r.id % 5 WHEN 0 THEN 'completed' WHEN 1 THEN 'completed' WHEN 2 THEN 'paused' WHEN 3 THEN 'cancelled' ELSE 'active' END, \
     r.answered_at FROM mentorship_requests r WHERE r.state = 'accepted'",
    "INSERT INTO mentorship_ratings (mentorship_id, rater_id, rating, comment, created_at) \
     SELECT m.id, m.mentee_id, 3 + m.id % 3, '', m.started_at + 86400 FROM mentorships m WHERE m.state = 'completed'",
    "INSERT INTO mentorship_ratings (mentorship_id, rater_id, rating, comment, created_at) \
     SELECT m.id, m.mentor_id, 4 + m.id % 2, '', m.started_at + 86400 FROM mentorships m WHERE m.state = 'completed'",
    // 2,500 roadmaps of six steps
    "INSERT INTO roadmaps (id, owner_id, title, created_at, updated_at) \
     SELECT i, 1000 + i, 'My way to data science', :now - (i % 300) * 86400, :now FROM n WHERE i <= 2500",
    "INSERT INTO roadmap_steps (roadmap_id, position, title, status, created_at) \
     SELECT r.id, s.i, 'Step ' || s.i, CASE (r.id + s.i) % 4 WHEN 0 THEN 'done' WHEN 1 THEN 'in_progress' WHEN 2 THEN 'not_started' ELSE 'done' END, r.created_at \
     FROM roadmaps r JOIN n s ON s.i <= 6",
    // 60 lectures, each with 100 registrations (some waiting), attendance marked
    "INSERT INTO lectures (id, title, topic, speaker, language, starts_at, minutes, capacity, created_at, updated_at) \
     SELECT i, 'Lecture ' || i, CASE i % 5 WHEN 0 THEN 'time_management' WHEN 1 THEN 'leadership' WHEN 2 THEN 'emotional_intelligence' \
       WHEN 3 THEN 'critical_thinking' ELSE 'financial_literacy' END, 'Speaker', 'ru', :now - 350 * 86400 + i * 5 * 86400, 90, 90, :now, :now FROM n WHERE i <= 60",
    "INSERT INTO lecture_registrations (lecture_id, account_id, status, attended, created_at) \
     SELECT l.id, 1000 + ((l.id * 53 + s.i) % 3000) + 1, CASE WHEN s.i <= 90 THEN 'registered' ELSE 'waiting' END, \
     CASE WHEN s.i <= 90 THEN (s.i % 3 <> 0) END, l.starts_at - 86400 FROM lectures l JOIN n s ON s.i <= 100",
    // an award cycle of eight categories, a nomination each, 2,000 votes
    "INSERT INTO award_cycles (id, name, phase, nominations_until, voting_until, created_at) VALUES (1, 'STEM4ALL Award', 'voting', :now - 30 * 86400, :now + 86400, :now - 90 * 86400)",
    "INSERT INTO award_categories (id, cycle_id, code, nominee, position) VALUES (1, 1, 'best_mentor', 'mentor', 1), (2, 1, 'best_mentee', 'mentee', 2), \
     (3, 1, 'regional_mentor', 'mentor', 3), (4, 1, 'regional_mentee', 'mentee', 4), (5, 1, 'motivator_mentor', 'mentor', 5), \
     (6, 1, 'community_partner', 'organisation', 6), (7, 1, 'stem_practice', 'organisation', 7), (8, 1, 'educational_partner', 'organisation', 8)",
    "INSERT INTO award_nominations (id, category_id, nominator_id, org_name, nominee_key, reason, status, screening, finalist, created_at) \
     SELECT i, i, 1001, 'Nominee ' || i, 'o:nominee ' || i, 'Because', 'accepted', 'eligible', 1, :now - 60 * 86400 FROM n WHERE i <= 8",
    "INSERT INTO award_votes (category_id, voter_id, nomination_id, receipt, cast_at, changed_at) \
     SELECT (i % 8) + 1, 1000 + i, (i % 8) + 1, 'r' || i, :now - (i % 20) * 86400, :now - (i % 20) * 86400 FROM n WHERE i <= 2000",
    // 86 listed partner organisations, joined 2021 to 2024
    "INSERT INTO organisations (name_en, kind, region, joined_year, status, created_at, updated_at) \
     SELECT 'Partner ' || i, 'ngo', CASE i % 3 WHEN 0 THEN 'naryn' WHEN 1 THEN 'bishkek' ELSE 'osh' END, \
     CASE WHEN i <= 12 THEN 2021 WHEN i <= 32 THEN 2022 WHEN i <= 82 THEN 2023 ELSE 2024 END, 'approved', :now, :now FROM n WHERE i <= 86",
];

#[tokio::main]
async fn main() {
    let dir = std::env::temp_dir().join(format!("stem4all-bench-dashboard-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let (pool, _) = stem4all::db::connect(&format!("sqlite://{}/bench.db", dir.display()))
        .await
        .unwrap();
    let now = stem4all::db::now();
    let started = Instant::now();
    let mut tx = pool.begin().await.unwrap();
    for sql in SEED {
        sqlx::query(&sql.replace(":now", &now.to_string()))
            .execute(&mut *tx)
            .await
            .unwrap_or_else(|e| panic!("{e}: {sql}"));
    }
    tx.commit().await.unwrap();
    let admin =
        stem4all::accounts::store::ensure_admin(&pool, "admin@bench.example", "Admin", "!", now)
            .await
            .unwrap()
            .id();
    let count = |sql: &'static str| {
        let pool = pool.clone();
        async move {
            sqlx::query_scalar::<_, i64>(sql)
                .fetch_one(&pool)
                .await
                .unwrap()
        }
    };
    println!(
        "seeded {} mentees, {} mentors, {} requests, {} mentorships, {} roadmap steps, {} lecture registrations, {} votes in {:.1} s",
        count("SELECT COUNT(*) FROM accounts WHERE role = 'mentee'").await,
        count("SELECT COUNT(*) FROM accounts WHERE role = 'mentor'").await,
        count("SELECT COUNT(*) FROM mentorship_requests").await,
        count("SELECT COUNT(*) FROM mentorships").await,
        count("SELECT COUNT(*) FROM roadmap_steps").await,
        count("SELECT COUNT(*) FROM lecture_registrations").await,
        count("SELECT COUNT(*) FROM award_votes").await,
        started.elapsed().as_secs_f64()
    );
    let token = stem4all::auth::store::create_session(&pool, admin, None, now)
        .await
        .unwrap()
        .expect("a session");
    let cookie = format!("{}={token}", stem4all::auth::SESSION_COOKIE);

    let options = leptos::prelude::LeptosOptions::builder()
        .output_name("stem4all")
        .build();
    let state =
        stem4all::state::AppState::new(options, pool.clone(), stem4all::config::Config::default());
    let router = stem4all::server::router(state);
    let request = |path: &str| {
        Request::get(path)
            .header(header::HOST, "localhost")
            .header(header::ACCEPT, "text/html")
            .header(header::ACCEPT_ENCODING, "identity")
            .header(header::COOKIE, cookie.clone())
            .body(Body::empty())
            .unwrap()
    };
    let quarter = format!(
        "/admin/dashboard?from={}&to={}&region=naryn",
        stem4all::time::iso_date(stem4all::time::today(now) - 90),
        stem4all::time::iso_date(stem4all::time::today(now))
    );
    for (path, shows) in [
        ("/admin/dashboard", "Participants by region"),
        (quarter.as_str(), "Participants by region"),
        ("/admin/dashboard/participants-month.csv", "Month,Mentees"),
    ] {
        let res = router.clone().oneshot(request(path)).await.unwrap();
        assert!(res.status().is_success(), "{path}: {}", res.status());
        let body = res.into_body().collect().await.unwrap().to_bytes();
        assert!(
            String::from_utf8_lossy(&body).contains(shows),
            "{path} shows {shows}"
        );
        let mut times = Vec::new();
        for _ in 0..100 {
            let t = Instant::now();
            let res = router.clone().oneshot(request(path)).await.unwrap();
            let _ = res.into_body().collect().await.unwrap();
            times.push(t.elapsed());
        }
        times.sort();
        println!(
            "{path}: p50 {:.2} ms, p99 {:.2} ms ({} KB)",
            percentile(&times, 0.5).as_secs_f64() * 1e3,
            percentile(&times, 0.99).as_secs_f64() * 1e3,
            body.len() / 1024
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}
