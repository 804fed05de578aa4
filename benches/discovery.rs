//! Discovery benchmark: 1,000 approved mentors and 3,000 mentees with profiles in a temp
//! SQLite; a signed-in mentee asks the discovery server function through the real router
//! (in process, no socket), first alone, then from 8 concurrent clients. Prints p50/p99
//! latency and throughput.
//!
//!     cargo bench --features ssr --bench discovery
use axum::body::Body;
use axum::http::{header, Request};
use std::time::{Duration, Instant};
use stem4all::accounts::profiles::{self as p, store as profiles};
use stem4all::accounts::store::{self as accounts, NewAccount};
use stem4all::auth::Role;
use stem4all::i18n::Locale;
use tower::ServiceExt;

const MENTORS: usize = 1_000;
const MENTEES: usize = 3_000;
const REGIONS: [&str; 10] = [
    "bishkek",
    "osh_city",
    "chui",
    "osh",
    "naryn",
    "issyk_kul",
    "talas",
    "jalal_abad",
    "batken",
    "country:Germany",
];
const SKILLS: [i64; 29] = [
    101, 102, 103, 104, 105, 201, 202, 203, 301, 302, 303, 401, 402, 403, 501, 502, 503, 601, 602,
    701, 702, 703, 801, 802, 803, 901, 902, 1001, 1002,
];
const WORDS: [&str; 8] = [
    "data", "energy", "teaching", "research", "robots", "water", "health", "startups",
];

fn langs(i: usize) -> Vec<(p::Language, p::Level)> {
    use p::Language::*;
    use p::Level::*;
    match i % 4 {
        0 => vec![(Ky, Native), (Ru, Fluent)],
        1 => vec![(Ru, Native), (En, Conversational)],
        2 => vec![(En, Fluent)],
        _ => vec![(Ky, Native), (Ru, Conversational), (En, Basic)],
    }
}

fn place(i: usize) -> p::Place {
    p::Place::from_stored(Some(REGIONS[i % REGIONS.len()]), None).unwrap()
}

fn percentile(sorted: &[Duration], q: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * q).round() as usize]
}

#[tokio::main]
async fn main() {
    let dir = std::env::temp_dir().join(format!("stem4all-bench-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let (pool, _) = stem4all::db::connect(&format!("sqlite://{}/bench.db", dir.display()))
        .await
        .unwrap();
    let started = Instant::now();
    let hash = stem4all::auth::password::hash("benchmark password".into())
        .await
        .unwrap();
    for i in 0..MENTORS {
        let email = format!("mentor{i}@bench.example");
        let a = NewAccount {
            email: &email,
            display_name: &format!("Mentor {i}"),
            password_hash: &hash,
            role: Role::Mentor,
            locale: Locale::En,
            region: None,
            district: None,
            email_confirmed: true,
        };
        let id = accounts::create(&pool, &a, 1).await.unwrap();
        let m = p::ValidMentor {
            organisation: format!("Organisation {}", i % 50),
            title: "Engineer".into(),
            years_experience: (i % 20) as i64,
            capacity: (i % 5 + 1) as i64,
            status: if i % 10 == 0 {
                p::MentorStatus::Paused
            } else {
                p::MentorStatus::Open
            },
            bio: format!(
                "I work on {} and {} in Central Asia.",
                WORDS[i % 8],
                WORDS[(i / 8) % 8]
            ),
            style: String::new(),
            stages: Vec::new(),
            hours_per_month: None,
            common: p::Common {
                place: place(i),
                skills: vec![SKILLS[i % 29], SKILLS[(i * 7) % 29], SKILLS[(i * 13) % 29]]
                    .into_iter()
                    .collect::<std::collections::BTreeSet<_>>()
                    .into_iter()
                    .collect(),
                languages: langs(i),
            },
        };
        profiles::save_mentor(&pool, id, &m, 1).await.unwrap();
        profiles::review_mentor(&pool, id, true, None, id, None, 2)
            .await
            .unwrap();
    }
    let mut mentee_email = String::new();
    for i in 0..MENTEES {
        let email = format!("mentee{i}@bench.example");
        let a = NewAccount {
            email: &email,
            display_name: &format!("Mentee {i}"),
            password_hash: &hash,
            role: Role::Mentee,
            locale: Locale::Ru,
            region: None,
            district: None,
            email_confirmed: true,
        };
        let id = accounts::create(&pool, &a, 1).await.unwrap();
        let m = p::ValidMentee {
            career_stage: p::CareerStage::University,
            // a realistic goal (about as long as most): the text criterion reads every word
            goals: "I want to become a data analyst: statistics, machine learning and Python, \
                    then hydropower and renewable energy projects at home in Naryn, and later \
                    teach girls in my school about programming and mathematics."
                .into(),
            meeting_format: p::MeetingFormat::Online,
            hours_per_month: 4,
            age_band: p::AgeBand::Adult,
            mentor_from: p::MentorFrom::Either,
            common: p::Common {
                place: place(i),
                skills: vec![SKILLS[i % 29], SKILLS[(i + 3) % 29]],
                languages: langs(i),
            },
        };
        profiles::save_mentee(&pool, id, &m, 1).await.unwrap();
        if i == 4 {
            mentee_email = email.clone();
        }
    }
    println!(
        "seeded {MENTORS} mentors and {MENTEES} mentees in {:.1} s",
        started.elapsed().as_secs_f64()
    );

    let options = leptos::prelude::LeptosOptions::builder()
        .output_name("stem4all")
        .build();
    // the bench asks thousands of times as one person: the per-client write limit is lifted
    let config = stem4all::config::Config {
        limit_writes: false,
        ..stem4all::config::Config::default()
    };
    let state = stem4all::state::AppState::new(options, pool.clone(), config);
    let router = stem4all::server::router(state);

    let token = stem4all::auth::store::create_session(
        &pool,
        accounts::id_by_email(&pool, &mentee_email)
            .await
            .unwrap()
            .unwrap(),
        None,
        stem4all::db::now(),
    )
    .await
    .unwrap()
    .unwrap();
    let cookie = format!("{}={token}", stem4all::auth::SESSION_COOKIE);
    let request = |body: &'static str| {
        Request::post("/api/discover_mentors")
            .header(header::HOST, "localhost")
            .header(header::ORIGIN, "http://localhost")
            .header(header::ACCEPT, "application/json")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::COOKIE, cookie.clone())
            .body(Body::from(body))
            .unwrap()
    };
    let bodies: [&'static str; 4] = [
        "",
        "filters%5Blanguage%5D=ru",
        "filters%5Bq%5D=energy",
        "filters%5Bfield%5D=1&filters%5Bpage%5D=3",
    ];

    // warm up, and check the answer is a real page of results
    let res = router.clone().oneshot(request(bodies[0])).await.unwrap();
    assert!(res.status().is_success(), "{}", res.status());

    for (label, clients, per_client) in [
        ("1 client", 1usize, 200usize),
        ("8 concurrent clients", 8, 100),
    ] {
        let t0 = Instant::now();
        let mut tasks = Vec::new();
        for c in 0..clients {
            let router = router.clone();
            let reqs: Vec<Request<Body>> = (0..per_client)
                .map(|i| request(bodies[(c + i) % 4]))
                .collect();
            tasks.push(tokio::spawn(async move {
                let mut times = Vec::with_capacity(reqs.len());
                for req in reqs {
                    let t = Instant::now();
                    let res = router.clone().oneshot(req).await.unwrap();
                    assert!(res.status().is_success());
                    let _ = http_body_util::BodyExt::collect(res.into_body())
                        .await
                        .unwrap();
                    times.push(t.elapsed());
                }
                times
            }));
        }
        let mut all = Vec::new();
        for t in tasks {
            all.extend(t.await.unwrap());
        }
        let wall = t0.elapsed();
        all.sort();
        println!(
            "discovery, {label}: {} requests, p50 {:.1} ms, p99 {:.1} ms, {:.0} requests/s",
            all.len(),
            percentile(&all, 0.50).as_secs_f64() * 1000.0,
            percentile(&all, 0.99).as_secs_f64() * 1000.0,
            all.len() as f64 / wall.as_secs_f64()
        );
    }
    pool.close().await;
    let _ = std::fs::remove_dir_all(&dir);
}
