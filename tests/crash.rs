//! The real server binary killed (SIGKILL) in the middle of a stream of acknowledged writes:
//! started again on the same file, it finds SQLite's integrity check clean and every write it
//! acknowledged present. And the same binary started as a public deployment never loads the
//! demo accounts, whose password is in the README. Run by `.ci/test`
//! (`cargo test --features ssr --test crash`).
#![cfg(feature = "ssr")]
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn start(db: &str, port: u16) -> Child {
    Command::new(env!("CARGO_BIN_EXE_stem4all"))
        .env("STEM4ALL_DATABASE_URL", db)
        .env("STEM4ALL_DEMO", "0")
        .env("STEM4ALL_WRITE_LIMIT", "0")
        .env("STEM4ALL_LOG", "error")
        .env("LEPTOS_SITE_ADDR", format!("127.0.0.1:{port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("the server binary starts")
}

/// One HTTP/1.1 exchange on a fresh connection: (status, the session cookie set, body).
async fn http(
    port: u16,
    path: &str,
    cookie: &str,
    form: Option<&[(&str, &str)]>,
) -> Option<(u16, Option<String>, String)> {
    let mut stream = tokio::net::TcpStream::connect(("127.0.0.1", port))
        .await
        .ok()?;
    let body = form
        .map(|f| {
            f.iter()
                .map(|(k, v)| format!("{k}={}", v.replace(' ', "+")))
                .collect::<Vec<_>>()
                .join("&")
        })
        .unwrap_or_default();
    let method = if form.is_some() { "POST" } else { "GET" };
    let request = format!(
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nOrigin: http://127.0.0.1:{port}\r\n\
         Accept: application/json\r\nContent-Type: application/x-www-form-urlencoded\r\n\
         Cookie: {cookie}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(request.as_bytes()).await.ok()?;
    let mut raw = Vec::new();
    tokio::time::timeout(Duration::from_secs(10), stream.read_to_end(&mut raw))
        .await
        .ok()?
        .ok()?;
    let raw = String::from_utf8_lossy(&raw).to_string();
    let (head, body) = raw.split_once("\r\n\r\n")?;
    let status = head.split(' ').nth(1)?.parse().ok()?;
    let session = head
        .lines()
        .filter_map(|l| l.strip_prefix("set-cookie: s4a_session="))
        .map(|v| v.split(';').next().unwrap_or("").to_string())
        .next();
    Some((status, session, body.to_string()))
}

async fn wait_until_up(port: u16) {
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(60) {
        if let Some((200, _, _)) = http(port, "/healthz", "", None).await {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("the server did not answer /healthz within a minute");
}

/// `"version":N` in a server function's JSON answer.
fn version_in(body: &str) -> Option<i64> {
    let rest = body.split("\"version\":").nth(1)?;
    rest.chars()
        .take_while(char::is_ascii_digit)
        .collect::<String>()
        .parse()
        .ok()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_killed_server_loses_no_acknowledged_write() {
    let dir = std::env::temp_dir().join(format!("stem4all-crash-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let db = format!("sqlite://{}/crash.db", dir.display());
    let port = free_port();
    let mut server = start(&db, port);
    wait_until_up(port).await;

    // a mentee with four roadmaps, each filled with steps by its own client
    let (status, session, body) = http(
        port,
        "/api/sign_up",
        "",
        Some(&[
            ("email", "crash%40example.kg"),
            ("display_name", "Crash Test"),
            ("password", "a long enough password"),
            ("role", "mentee"),
        ]),
    )
    .await
    .expect("sign-up answered");
    assert_eq!(status, 200, "{body}");
    let cookie = format!("s4a_session={}", session.expect("a session"));
    let mut roadmaps = Vec::new();
    for i in 0..4 {
        let title = format!("Roadmap {i}");
        let (status, _, body) = http(
            port,
            "/api/create_roadmap",
            &cookie,
            Some(&[
                ("title", title.as_str()),
                ("description", ""),
                ("target_date", ""),
                ("visibility", "private"),
                ("template", "blank"),
            ]),
        )
        .await
        .expect("a roadmap");
        assert_eq!(status, 200, "{body}");
        roadmaps.push(body.trim().parse::<i64>().expect("its id"));
    }

    let acknowledged = Arc::new(Mutex::new(Vec::<String>::new()));
    let mut writers = Vec::new();
    for roadmap in roadmaps {
        let (cookie, acknowledged) = (cookie.clone(), acknowledged.clone());
        writers.push(tokio::spawn(async move {
            let mut version = 1;
            for n in 0..60 {
                let title = format!("step {roadmap}-{n}");
                let id = roadmap.to_string();
                let v = version.to_string();
                let answer = http(
                    port,
                    "/api/add_step",
                    &cookie,
                    Some(&[
                        ("roadmap_id", id.as_str()),
                        ("version", v.as_str()),
                        ("title", title.as_str()),
                        ("details", ""),
                        ("criterion", ""),
                        ("due_date", ""),
                        ("resources", ""),
                    ]),
                )
                .await;
                match answer {
                    Some((200, _, body)) => {
                        acknowledged.lock().unwrap().push(title);
                        version = version_in(&body).expect("the new version");
                    }
                    // the server is gone (or went mid-answer): nothing was acknowledged
                    _ => return,
                }
            }
        }));
    }
    // kill it mid-stream, once some writes are acknowledged
    let started = Instant::now();
    while acknowledged.lock().unwrap().len() < 60 && started.elapsed() < Duration::from_secs(60) {
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    server.kill().expect("SIGKILL");
    server.wait().unwrap();
    for w in writers {
        w.await.unwrap();
    }
    let acknowledged = acknowledged.lock().unwrap().clone();
    assert!(
        acknowledged.len() >= 60 && acknowledged.len() < 240,
        "killed mid-stream: {} acknowledged",
        acknowledged.len()
    );

    // it starts again on the same file (its lock went with it) ...
    let port = free_port();
    let mut again = start(&db, port);
    wait_until_up(port).await;
    let (status, _, body) = http(port, "/roadmaps", &cookie, None).await.unwrap();
    assert_eq!(status, 200, "her session survived: {body}");
    again.kill().unwrap();
    again.wait().unwrap();

    // ... and the file is whole, with every acknowledged step in it
    let (pool, fresh) = stem4all::db::connect(&db).await.unwrap();
    assert!(!fresh);
    let check: String = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(check, "ok");
    let stored: Vec<String> = sqlx::query_scalar("SELECT title FROM roadmap_steps")
        .fetch_all(&pool)
        .await
        .unwrap();
    let missing: Vec<&String> = acknowledged
        .iter()
        .filter(|t| !stored.contains(t))
        .collect();
    assert!(missing.is_empty(), "acknowledged but lost: {missing:?}");
    pool.close().await;
    let _ = std::fs::remove_dir_all(&dir);
}

/// Starts the binary in `dir` on its default database (where the demo loads on first start),
/// waits until it answers, stops it, and gives how many demo accounts the file holds and what
/// the server logged.
async fn first_start(dir: &std::path::Path, public_url: Option<&str>) -> (i64, String) {
    let port = free_port();
    let log = dir.join("server.log");
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_stem4all"));
    cmd.current_dir(dir)
        .env_remove("STEM4ALL_DATABASE_URL")
        .env_remove("STEM4ALL_DEMO")
        .env_remove("STEM4ALL_ADMIN_EMAIL")
        .env("STEM4ALL_LOG", "info")
        .env("LEPTOS_OUTPUT_NAME", "stem4all")
        .env("LEPTOS_SITE_ADDR", format!("127.0.0.1:{port}"))
        .stdout(std::fs::File::create(&log).unwrap())
        .stderr(Stdio::null());
    match public_url {
        Some(url) => cmd.env("STEM4ALL_PUBLIC_URL", url),
        None => cmd.env_remove("STEM4ALL_PUBLIC_URL"),
    };
    let mut server = cmd.spawn().expect("the server binary starts");
    wait_until_up(port).await;
    server.kill().unwrap();
    server.wait().unwrap();
    let db = format!("sqlite://{}/data/stem4all.db", dir.display());
    let pool = sqlx::SqlitePool::connect(&db).await.unwrap();
    let demo: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM accounts WHERE email LIKE '%@demo.example'")
            .fetch_one(&pool)
            .await
            .unwrap();
    pool.close().await;
    (demo, std::fs::read_to_string(&log).unwrap_or_default())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_public_deployment_never_loads_the_demo_accounts() {
    let root = std::env::temp_dir().join(format!("stem4all-public-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    let (own, public) = (root.join("own"), root.join("public"));
    std::fs::create_dir_all(&own).unwrap();
    std::fs::create_dir_all(&public).unwrap();
    // on a machine of one's own the demo loads (so the check below can fail)
    let (demo, _) = first_start(&own, None).await;
    assert!(demo > 0, "the demo loads on loopback without a public URL");
    // with a public URL it does not, and start-up says so
    let (demo, log) = first_start(&public, Some("https://mentoring.example")).await;
    assert_eq!(demo, 0, "{log}");
    assert!(log.contains("demo data not loaded"), "{log}");
    let _ = std::fs::remove_dir_all(&root);
}
