//! Lectures page benchmark: 200 lectures (100 upcoming, 100 past) and 3,000 registrations
//! (waiting lists included) in a temp SQLite; a signed-in mentee opens `/lectures`, the past
//! lectures and one lecture's page through the real router (in process, no socket), one after
//! another and then from 8 concurrent clients. Prints p50/p99 server time.
//!
//!     cargo bench --features ssr --bench lectures --profile release
use axum::body::Body;
use axum::http::{header, Request};
use http_body_util::BodyExt;
use std::time::{Duration, Instant};
use stem4all::accounts::store::{self as accounts, NewAccount};
use stem4all::auth::Role;
use stem4all::i18n::Locale;
use stem4all::learning::lectures::store::{self as lectures, LectureInput, Manager};
use stem4all::learning::lectures::Topic;
use tower::ServiceExt;

const LECTURES: usize = 200;
const PEOPLE: usize = 3_000;
const REGISTRATIONS_PER_LECTURE: usize = 15;

fn percentile(sorted: &[Duration], q: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * q).round() as usize]
}

#[tokio::main]
async fn main() {
    let dir = std::env::temp_dir().join(format!("stem4all-bench-lectures-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let (pool, _) = stem4all::db::connect(&format!("sqlite://{}/bench.db", dir.display()))
        .await
        .unwrap();
    let now = stem4all::db::now();
    let started = Instant::now();
    let new = |email: &str, role| NewAccount {
        email: Box::leak(email.to_string().into_boxed_str()),
        display_name: "Bench person",
        password_hash: "!",
        role,
        locale: Locale::Ru,
        region: None,
        district: None,
        email_confirmed: true,
    };
    let admin = accounts::create(&pool, &new("admin@bench.example", Role::Admin), 1)
        .await
        .unwrap();
    let mut people = Vec::with_capacity(PEOPLE);
    for i in 0..PEOPLE {
        people.push(
            accounts::create(&pool, &new(&format!("p{i}@bench.example"), Role::Mentee), 1)
                .await
                .unwrap(),
        );
    }
    let by = Manager {
        id: admin,
        admin: true,
    };
    let topics = [
        Topic::TimeManagement,
        Topic::Leadership,
        Topic::EmotionalIntelligence,
        Topic::CriticalThinking,
        Topic::FinancialLiteracy,
    ];
    let mut some_lecture = 0;
    for i in 0..LECTURES {
        // half in the past (published before they took place), half ahead
        let starts_at = now + (i as i64 - 100) * 86_400 + 3_600;
        let published = (starts_at - 86_400).min(now);
        let input = LectureInput {
            title: format!("Лекция {i}: лидерство и время"),
            topic: topics[i % 5],
            speaker: "Dr. Bench".into(),
            description: "Описание лекции. ".repeat(20),
            language: Locale::Ru,
            starts_at,
            minutes: 90,
            capacity: 12,
            online_link: "https://meet.example.org/bench".into(),
            materials: Vec::new(),
        };
        let id = lectures::save(&pool, by, None, &input, published)
            .await
            .unwrap();
        for j in 0..REGISTRATIONS_PER_LECTURE {
            let who = people[(i * REGISTRATIONS_PER_LECTURE + j) % PEOPLE];
            lectures::register(&pool, id, who, true, published)
                .await
                .unwrap();
        }
        if i == 150 {
            some_lecture = id;
        }
    }
    let registrations: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM lecture_registrations")
        .fetch_one(&pool)
        .await
        .unwrap();
    println!(
        "seeded {LECTURES} lectures and {registrations} registrations in {:.1} s",
        started.elapsed().as_secs_f64()
    );

    let options = leptos::prelude::LeptosOptions::builder()
        .output_name("stem4all")
        .build();
    let state =
        stem4all::state::AppState::new(options, pool.clone(), stem4all::config::Config::default());
    let router = stem4all::server::router(state);
    let token = stem4all::auth::store::create_session(&pool, people[7], None, now)
        .await
        .unwrap()
        .unwrap();
    let cookie = format!("{}={token}", stem4all::auth::SESSION_COOKIE);
    let request = |path: &str| {
        Request::get(path)
            .header(header::HOST, "localhost")
            .header(header::ACCEPT, "text/html")
            .header(header::ACCEPT_ENCODING, "identity")
            .header(header::COOKIE, cookie.clone())
            .body(Body::empty())
            .unwrap()
    };
    let lecture_path = format!("/lectures/{some_lecture}");
    for path in [
        "/lectures",
        "/lectures?past=1&page=3",
        lecture_path.as_str(),
    ] {
        let res = router.clone().oneshot(request(path)).await.unwrap();
        assert!(res.status().is_success(), "{path}: {}", res.status());
        let body = res.into_body().collect().await.unwrap().to_bytes();
        assert!(
            String::from_utf8_lossy(&body).contains("data-testid=\"lecture"),
            "{path} shows lectures"
        );
        let mut times = Vec::new();
        for _ in 0..200 {
            let t = Instant::now();
            let res = router.clone().oneshot(request(path)).await.unwrap();
            let _ = res.into_body().collect().await.unwrap();
            times.push(t.elapsed());
        }
        times.sort();
        println!(
            "{path}: one client, p50 {:.2} ms, p99 {:.2} ms ({} KB)",
            percentile(&times, 0.5).as_secs_f64() * 1e3,
            percentile(&times, 0.99).as_secs_f64() * 1e3,
            body.len() / 1024
        );
    }
    let t = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..8 {
        let router = router.clone();
        let req: Vec<_> = (0..100).map(|_| request("/lectures")).collect();
        tasks.push(tokio::spawn(async move {
            let mut times = Vec::new();
            for r in req {
                let s = Instant::now();
                let res = router.clone().oneshot(r).await.unwrap();
                let _ = res.into_body().collect().await.unwrap();
                times.push(s.elapsed());
            }
            times
        }));
    }
    let mut all = Vec::new();
    for task in tasks {
        all.extend(task.await.unwrap());
    }
    all.sort();
    println!(
        "/lectures, 8 clients: {:.0} pages/s, p50 {:.2} ms, p99 {:.2} ms",
        all.len() as f64 / t.elapsed().as_secs_f64(),
        percentile(&all, 0.5).as_secs_f64() * 1e3,
        percentile(&all, 0.99).as_secs_f64() * 1e3
    );
    let _ = std::fs::remove_dir_all(&dir);
}
