//! Vote benchmark: a cycle in its voting phase with two finalists and 2,000 signed-in voters
//! with confirmed addresses in a temp SQLite; votes go through the real router (in process, no
//! socket) as the voting island sends them, from 1, 8 and 32 concurrent clients (each vote
//! from its own account, then every account changes its vote). Prints p50/p99 latency and
//! throughput, and checks the count is exact.
//!
//!     cargo bench --features ssr --bench votes --profile release
use axum::body::Body;
use axum::http::{header, Request};
use std::time::{Duration, Instant};
use stem4all::awards::{store, Phase, Schedule};
use tower::ServiceExt;

const VOTERS: usize = 2_000;

fn percentile(sorted: &[Duration], q: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * q).round() as usize]
}

#[tokio::main]
async fn main() {
    let dir = std::env::temp_dir().join(format!("stem4all-votes-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let (pool, _) = stem4all::db::connect(&format!("sqlite://{}/bench.db", dir.display()))
        .await
        .unwrap();
    let now = stem4all::db::now();
    let insert = "INSERT INTO accounts (email, display_name, password_hash, role, created_at, email_confirmed_at) \
                  VALUES (?, ?, 'x', ?, 1, 1) RETURNING id";
    let mut ids = Vec::new();
    for (email, role) in [
        ("admin@bench.kg", "admin"),
        ("m1@bench.kg", "mentor"),
        ("m2@bench.kg", "mentor"),
    ] {
        let id: i64 = sqlx::query_scalar(insert)
            .bind(email)
            .bind(email)
            .bind(role)
            .fetch_one(&pool)
            .await
            .unwrap();
        ids.push(id);
    }
    let admin = ids[0];
    let cycle = store::create_cycle(
        &pool,
        "Bench Award",
        Schedule {
            nominations_until: now + 86_400,
            voting_until: now + 2 * 86_400,
        },
        &["best_mentor"],
        admin,
        now,
    )
    .await
    .unwrap();
    let category: i64 = sqlx::query_scalar("SELECT id FROM award_categories WHERE cycle_id = ?")
        .bind(cycle)
        .fetch_one(&pool)
        .await
        .unwrap();
    store::advance(&pool, cycle, Phase::Draft, admin, now)
        .await
        .unwrap();
    let mut finalists = Vec::new();
    for (email, nominee) in [("m1@bench.kg", ids[1]), ("m2@bench.kg", ids[2])] {
        store::nominate(&pool, category, admin, email, "", "Bench.", now)
            .await
            .unwrap();
        let n: i64 = sqlx::query_scalar("SELECT id FROM award_nominations WHERE nominee_id = ?")
            .bind(nominee)
            .fetch_one(&pool)
            .await
            .unwrap();
        store::answer(&pool, n, nominee, true, now).await.unwrap();
        finalists.push(n);
    }
    store::advance(&pool, cycle, Phase::Nominations, admin, now)
        .await
        .unwrap();
    for n in &finalists {
        store::screen(&pool, *n, true, "", admin, now)
            .await
            .unwrap();
        store::shortlist(&pool, *n, true, admin, now).await.unwrap();
    }
    store::advance(&pool, cycle, Phase::Screening, admin, now)
        .await
        .unwrap();

    let mut cookies = Vec::with_capacity(VOTERS);
    for i in 0..VOTERS {
        let email = format!("voter{i}@bench.kg");
        let id: i64 = sqlx::query_scalar(insert)
            .bind(&email)
            .bind(&email)
            .bind("mentee")
            .fetch_one(&pool)
            .await
            .unwrap();
        let token = stem4all::auth::store::create_session(&pool, id, None, now)
            .await
            .unwrap()
            .unwrap();
        cookies.push(format!("{}={token}", stem4all::auth::SESSION_COOKIE));
    }
    let options = leptos::prelude::LeptosOptions::builder()
        .output_name("stem4all")
        .build();
    let state = stem4all::state::AppState::new(
        options,
        pool.clone(),
        // many voters from one test address: the per-client write limit is lifted
        stem4all::config::Config {
            limit_writes: false,
            ..stem4all::config::Config::default()
        },
    );
    let router = stem4all::server::router(state);
    let vote = move |cookie: &str, nomination: i64| {
        Request::post("/api/award_vote")
            .header(header::HOST, "localhost")
            .header(header::ORIGIN, "http://localhost")
            .header(header::ACCEPT, "application/json")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::COOKIE, cookie)
            .body(Body::from(format!(
                "cycle_id={cycle}&category_id={category}&nomination_id={nomination}"
            )))
            .unwrap()
    };

    println!("{VOTERS} voters, one category with 2 finalists; each vote answered with the re-rendered ballot");
    let mut start = 0usize;
    for (label, clients, per_client) in [
        ("1 client", 1usize, 200usize),
        ("8 concurrent clients", 8, 100),
        ("32 concurrent clients", 32, 25),
    ] {
        // first votes from fresh accounts, then the same accounts change their votes
        for round in ["new votes", "changed votes"] {
            let t0 = Instant::now();
            let mut tasks = Vec::new();
            for c in 0..clients {
                let router = router.clone();
                let from = start + c * per_client;
                let reqs: Vec<Request<Body>> = (from..from + per_client)
                    .map(|i| {
                        let pick = if round == "new votes" {
                            i % 2
                        } else {
                            (i + 1) % 2
                        };
                        vote(&cookies[i], finalists[pick])
                    })
                    .collect();
                tasks.push(tokio::spawn(async move {
                    let mut times = Vec::with_capacity(reqs.len());
                    for req in reqs {
                        let t = Instant::now();
                        let res = router.clone().oneshot(req).await.unwrap();
                        assert!(res.status().is_success(), "{}", res.status());
                        times.push(t.elapsed());
                    }
                    times
                }));
            }
            let mut times = Vec::new();
            for t in tasks {
                times.extend(t.await.unwrap());
            }
            let wall = t0.elapsed();
            times.sort();
            println!(
                "{label:>22}, {round:>13}: {:>4} votes  p50 {:>6.1} ms  p99 {:>6.1} ms  {:>6.0} votes/s",
                times.len(),
                percentile(&times, 0.5).as_secs_f64() * 1e3,
                percentile(&times, 0.99).as_secs_f64() * 1e3,
                times.len() as f64 / wall.as_secs_f64()
            );
        }
        start += clients * per_client;
    }
    let counted: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM award_votes")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(counted as usize, start, "one vote per account");
    println!("votes stored: {counted} (exactly one per voting account)");
    let _ = std::fs::remove_dir_all(&dir);
}
