//! Community benchmark: 1,000 listed partner organisations and 3,000 approved best practices in
//! a temp SQLite; a visitor opens the directory (with its three charts), a filtered and searched
//! directory page, one organisation's page and the filtered showcase through the real router
//! (in process, no socket), one after another and then from 8 concurrent clients. Prints p50/p99
//! server time.
//!
//!     cargo bench --features ssr --bench community --profile release
use axum::body::Body;
use axum::http::{header, Request};
use http_body_util::BodyExt;
use std::time::{Duration, Instant};
use stem4all::accounts::store::{self as accounts, NewAccount};
use stem4all::auth::Role;
use stem4all::community::organisations::{store as orgs, store::Writer, OrgFields};
use stem4all::community::practices::{store as practices, PracticeFields};
use stem4all::i18n::Locale;
use tower::ServiceExt;

const ORGS: usize = 1_000;
const PRACTICES: usize = 3_000;

fn percentile(sorted: &[Duration], q: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * q).round() as usize]
}

#[tokio::main]
async fn main() {
    let dir = std::env::temp_dir().join(format!("stem4all-bench-community-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let (pool, _) = stem4all::db::connect(&format!("sqlite://{}/bench.db", dir.display()))
        .await
        .unwrap();
    let now = stem4all::db::now();
    let started = Instant::now();
    let admin = accounts::create(
        &pool,
        &NewAccount {
            email: "admin@bench.example",
            display_name: "Bench admin",
            password_hash: "!",
            role: Role::Admin,
            locale: Locale::Ru,
            region: None,
            district: None,
            email_confirmed: true,
        },
        1,
    )
    .await
    .unwrap();
    let by = Writer {
        id: admin,
        admin: true,
    };
    let regions = [
        "bishkek",
        "osh_city",
        "chui",
        "osh",
        "naryn",
        "issyk_kul",
        "talas",
        "jalal_abad",
        "batken",
        "abroad",
    ];
    let kinds = [
        "ngo",
        "university",
        "school",
        "company",
        "government",
        "international",
    ];
    let mut ids = Vec::with_capacity(ORGS);
    for i in 0..ORGS {
        let form = OrgFields {
            name_en: format!("Partner {i} Tech Association"),
            name_ru: format!("Партнёр {i} — ассоциация"),
            kind: kinds[i % kinds.len()].into(),
            region: regions[i % regions.len()].into(),
            website: format!("https://partner{i}.example.kg"),
            description: "Помогает девушкам в науке, технологиях, инженерии и математике. "
                .repeat(4),
            joined_year: (2016 + (i % 10)).to_string(),
            ..OrgFields::default()
        };
        let input = form.check(&[1 + (i as i64 % 10)], 2026).unwrap();
        // spread in time so no two look like one resent
        ids.push(
            orgs::create(&pool, by, &input, now - (ORGS - i) as i64 * 300)
                .await
                .unwrap(),
        );
    }
    for i in 0..PRACTICES {
        let form = PracticeFields {
            title: format!("Практика {i}: клуб робототехники"),
            summary: "Девочки собирают роботов после уроков.".into(),
            body: "Два раза в неделю, с наставницей.\n\nhttps://example.kg".into(),
            region: regions[i % regions.len()].into(),
            audience: [
                "schoolgirls",
                "students",
                "young_women",
                "teachers",
                "communities",
            ][i % 5]
                .into(),
            results: "40 участниц".into(),
        };
        practices::save(
            &pool,
            None,
            Some(ids[i % ORGS]),
            by,
            &form.check().unwrap(),
            now,
        )
        .await
        .unwrap();
    }
    println!(
        "seeded {ORGS} organisations and {PRACTICES} practices in {:.1} s",
        started.elapsed().as_secs_f64()
    );

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
            .body(Body::empty())
            .unwrap()
    };
    let one = format!("/community/{}", ids[500]);
    for (path, shows) in [
        ("/community", "data-testid=\"chart\""),
        (
            "/community?region=naryn&q=tech&page=2",
            "data-testid=\"org\"",
        ),
        (one.as_str(), "data-testid=\"practice\""),
        (
            "/community/practices?region=naryn&audience=communities",
            "data-testid=\"practice\"",
        ),
    ] {
        let res = router.clone().oneshot(request(path)).await.unwrap();
        assert!(res.status().is_success(), "{path}: {}", res.status());
        let body = res.into_body().collect().await.unwrap().to_bytes();
        assert!(
            String::from_utf8_lossy(&body).contains(shows),
            "{path} shows {shows}"
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
        let req: Vec<_> = (0..100).map(|_| request("/community")).collect();
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
        "/community, 8 clients: {:.0} pages/s, p50 {:.2} ms, p99 {:.2} ms",
        all.len() as f64 / t.elapsed().as_secs_f64(),
        percentile(&all, 0.5).as_secs_f64() * 1e3,
        percentile(&all, 0.99).as_secs_f64() * 1e3
    );
    let _ = std::fs::remove_dir_all(&dir);
}
