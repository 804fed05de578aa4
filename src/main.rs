use stem4all::{
    config::{Config, HELP},
    db, demo, server,
};

/// mimalloc instead of the system allocator: glibc's took a tenth of a busy server's time
/// (page rendering and response compression allocate and free many small buffers).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() {
    if let Err(e) = run().await {
        eprintln!("error: {e}");
        std::process::exit(1);
    }
}

/// `stem4all matching import people|outcomes FILE [ky|ru|en]`: the same import as
/// `/admin/import`, recorded there too; the language is that of invitations to people whose row
/// names none. Prints what was imported, or every problem (and fails).
async fn import(
    pool: &sqlx::SqlitePool,
    args: &[String],
) -> Result<(), Box<dyn std::error::Error>> {
    use std::io::Read;
    use stem4all::form::Choice;
    use stem4all::matching::import::{store, BatchState, Kind, FILE_MAX};
    const USAGE: &str = "usage: stem4all matching import people|outcomes FILE [ky|ru|en]";
    let (Some(kind), Some(file)) = (args.first().and_then(|k| Kind::from_code(k)), args.get(1))
    else {
        return Err(USAGE.into());
    };
    let locale = match args.get(2) {
        None => stem4all::i18n::Locale::En,
        Some(l) => stem4all::i18n::Locale::from_code(l).ok_or(USAGE)?,
    };
    let mut bytes = Vec::new();
    std::fs::File::open(file)
        .map_err(|e| format!("{file}: {e}"))?
        .take(FILE_MAX as u64 + 1)
        .read_to_end(&mut bytes)?;
    let name = std::path::Path::new(file)
        .file_name()
        .map_or(String::new(), |n| n.to_string_lossy().into_owned());
    let who = store::Importer { by: None, locale };
    let (id, state) = match store::import(pool, kind, &name, bytes, who, db::now()).await {
        Ok(done) => done,
        Err(db::StoreError::Db(e)) => return Err(e.into()),
        Err(db::StoreError::Refused(r)) => return Err(format!("{r:?}").into()),
    };
    let page = store::batch(pool, id).await.map_err(|e| format!("{e:?}"))?;
    let b = page.batch;
    let en = stem4all::i18n::Locale::En;
    if state == BatchState::Imported {
        println!(
            "{file}: imported ({}, {}; import {id}). Invitations wait in the outbox for the server \
             to send.",
            en.count(stem4all::i18n::k::IMPORT_ADDED, b.added),
            en.count(stem4all::i18n::k::IMPORT_UPDATED, b.updated)
        );
        return Ok(());
    }
    for p in &page.problems {
        let column = if p.column.is_empty() { "-" } else { &p.column };
        eprintln!("line {}, column {column}: {}", p.line, p.msg.render(en));
    }
    Err(format!(
        "{file}: nothing imported, {} (import {id})",
        en.count(stem4all::i18n::k::IMPORT_PROBLEMS, b.problem_count)
    )
    .into())
}

async fn run() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let command = args.first().map(String::as_str).unwrap_or("serve");
    match command {
        "--help" | "-h" | "help" => {
            print!("{HELP}");
            return Ok(());
        }
        "--version" | "-V" => {
            println!("stem4all {}", env!("CARGO_PKG_VERSION"));
            return Ok(());
        }
        // reads no data: a synthetic population only
        "matching" if args.get(1).map(String::as_str) == Some("evaluate") => {
            const USAGE: &str =
                "usage: stem4all matching evaluate [SEED [MENTEES MENTORS OUTCOMES]]";
            let number = |i: usize, default: u64| -> Result<usize, String> {
                match args.get(i) {
                    None => Ok(default as usize),
                    Some(v) => v.parse().map_err(|_| USAGE.to_string()),
                }
            };
            let seed = number(2, 1)? as u64;
            let mentees = number(3, 1_000)?.clamp(1, 20_000);
            let mentors = number(4, 500)?.clamp(1, 10_000);
            let outcomes = number(5, 3_000)?.clamp(1, 200_000);
            let Some(report) = stem4all::matching::evaluate::run(seed, mentees, mentors, outcomes)
            else {
                return Err(format!(
                    "no evaluation: mentees x mentors may be at most {} (mentees up to 20,000, \
                     mentors up to 10,000), and the simulated outcomes must hold at least {} \
                     pairs of both kinds that point to some criterion",
                    stem4all::matching::evaluate::PAIRS_MAX,
                    stem4all::matching::model::MIN_OUTCOMES
                )
                .into());
            };
            print!("{report}");
            return Ok(());
        }
        "serve" | "migrate" | "create-admin" | "backup" | "restore" | "matching" => {}
        other => return Err(format!("unknown command {other:?}; see --help").into()),
    }
    let config = Config::from_env()?;
    init_logging(&config);
    let db_file = db::file_of(&config.database_url)?;
    if command == "restore" {
        let Some(from) = args.get(1) else {
            return Err("usage: stem4all restore FILE".into());
        };
        let kept = db::backup::restore(&db_file, std::path::Path::new(from), db::now()).await?;
        println!(
            "{from} is now the database {}; the file it replaced is kept as {}",
            db_file.display(),
            kept.display()
        );
        return Ok(());
    }
    // a server holds this for as long as it runs: `restore` never replaces the file under it
    let _server_lock = if command == "serve" {
        Some(db::backup::ServerLock::take(&db_file)?)
    } else {
        None
    };
    let (pool, fresh) = db::connect(&config.database_url).await?;
    match command {
        "migrate" => {
            println!("migrations applied to {}", config.database_url);
            return Ok(());
        }
        "backup" => {
            let Some(to) = args.get(1) else {
                return Err("usage: stem4all backup FILE".into());
            };
            db::backup::backup(&pool, std::path::Path::new(to)).await?;
            println!("a consistent copy of {} is in {to}", config.database_url);
            return Ok(());
        }
        "matching" => {
            use stem4all::matching::cohort::{propose, Objective};
            const USAGE: &str = "usage: stem4all matching propose FILE [best|most]\n       \
                 stem4all matching rank FILE [N]\n       stem4all matching train\n       \
                 stem4all matching import people|outcomes FILE [ky|ru|en]\n       \
                 stem4all matching evaluate [SEED [MENTEES MENTORS OUTCOMES]]";
            let sub = args.get(1).map(String::as_str);
            if sub == Some("train") {
                return match stem4all::matching::model::store::train(&pool, None, db::now()).await {
                    Ok((id, t)) => {
                        let measure = |x: Option<f64>| x.map_or("-".into(), |x| format!("{x:.3}"));
                        println!(
                            "version {id}: learned from {} good and {} other pairs, {} held out; \
                             held-out AUC {} (hand-set weights {}), accuracy {}; points {:?}. \
                             Put it in use on /admin/matching.",
                            t.good,
                            t.bad,
                            t.held_good + t.held_bad,
                            measure(t.auc),
                            measure(t.hand_auc),
                            measure(t.accuracy),
                            t.weights.0.map(|w| w.round() as i64)
                        );
                        Ok(())
                    }
                    Err(db::StoreError::Refused(_)) => Err(format!(
                        "nothing to learn from yet: at least {} past pairs, of both kinds, \
                         that point to some criterion",
                        stem4all::matching::model::MIN_OUTCOMES
                    )
                    .into()),
                    Err(db::StoreError::Db(e)) => Err(e.into()),
                };
            }
            if sub == Some("import") {
                return import(&pool, &args[2..]).await;
            }
            let (Some(verb @ ("propose" | "rank")), Some(file)) = (sub, args.get(2)) else {
                return Err(USAGE.into());
            };
            let draft = stem4all::matching::cohort::store::cohort(
                &mut *pool.acquire().await?,
                &Default::default(),
                stem4all::i18n::Locale::En,
                db::now(),
            )
            .await?;
            let (csv, summary) = if verb == "rank" {
                let n: usize = match args.get(3) {
                    None => 5,
                    Some(v) => v
                        .parse()
                        .ok()
                        .filter(|n| (1..=50).contains(n))
                        .ok_or(USAGE)?,
                };
                (
                    draft.rank_csv(n),
                    format!(
                        "each of {} mentees' top {n} among {} mentors with places",
                        draft.mentees.len(),
                        draft.mentors.len()
                    ),
                )
            } else {
                let objective = match args.get(3).map(String::as_str) {
                    None | Some("best") => Objective::BestTotalFit,
                    Some("most") => Objective::MostMatched,
                    Some(_) => return Err(USAGE.into()),
                };
                let proposal = propose(&draft.cohort, objective);
                (
                    draft.csv(&proposal),
                    format!(
                        "{} pairs for {} mentees and {} mentors with places, total fit {}",
                        proposal.pairs.len(),
                        draft.mentees.len(),
                        draft.mentors.len(),
                        proposal.total_fit
                    ),
                )
            };
            // a new file only (never the database or anything else by a slip), readable by the
            // operator alone: it holds mentees' addresses, some of them under 18
            use std::io::Write;
            use std::os::unix::fs::OpenOptionsExt;
            std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .mode(0o600)
                .open(file)
                .map_err(|e| format!("{file}: {e} (the file must not exist yet)"))?
                .write_all(csv.as_bytes())?;
            println!("{file}: {summary}");
            return Ok(());
        }
        "create-admin" => {
            let (Some(email), Some(name)) = (args.get(1), args.get(2)) else {
                return Err("usage: stem4all create-admin EMAIL NAME".into());
            };
            let password = match std::env::var("STEM4ALL_ADMIN_PASSWORD") {
                Ok(p) => p,
                Err(_) => {
                    eprintln!("password (12-128 characters):");
                    let mut line = String::new();
                    std::io::stdin().read_line(&mut line)?;
                    line.trim_end_matches(['\r', '\n']).to_string()
                }
            };
            use stem4all::accounts::store::AdminEnsured;
            match ensure_admin(&pool, email, name, &password).await? {
                AdminEnsured::Created(id) => println!("administrator {email} is account {id}"),
                AdminEnsured::Kept(id) => {
                    println!("{email} (account {id}) is already an administrator: nothing changed")
                }
                AdminEnsured::TakenBack(id) => println!(
                    "{email} (account {id}) had been registered by someone: it is now an \
                     administrator with the password you gave, and every session it had is over"
                ),
            }
            return Ok(());
        }
        _ => {}
    }

    // the demo first: it loads only into an empty database, and the administrator from
    // configuration would otherwise be its first account
    if fresh && config.demo && config.database_url == stem4all::config::DEFAULT_DATABASE_URL {
        if config.public_deployment() {
            // the demo accounts' password is in the README
            tracing::warn!(
                "demo data not loaded: STEM4ALL_PUBLIC_URL or a non-loopback address is set"
            );
        } else {
            let n = demo::seed(&pool).await?;
            tracing::info!(accounts = n, "demo data loaded");
        }
    }
    if let Some((email, name, password)) = &config.admin {
        match ensure_admin(&pool, email, name, password).await? {
            stem4all::accounts::store::AdminEnsured::TakenBack(id) => tracing::warn!(
                account = id,
                "the administrator's address had been registered by someone: it now has the \
                 configured password, and every session it had is over"
            ),
            done => tracing::info!(
                account = done.id(),
                "first administrator ensured from configuration"
            ),
        }
    }

    let conf = leptos::prelude::get_configuration(None)?;
    let mut leptos_options = conf.leptos_options;
    if let Some(bind) = config.bind {
        leptos_options.site_addr = bind;
    }
    let addr = leptos_options.site_addr;
    let site_root = leptos_options.site_root.to_string();
    match tokio::task::spawn_blocking(move || server::precompress_assets(&site_root)).await? {
        Ok(n) if n > 0 => tracing::info!(files = n, "precompressed static assets"),
        Ok(_) => {}
        Err(e) => tracing::warn!(error = %e, "could not precompress static assets"),
    }
    // hourly upkeep and the daily reminder; the email outbox every minute when SMTP is set
    let mailer = match &config.smtp_url {
        Some(url) => Some(stem4all::notifications::mail::Mailer::new(
            url,
            &config.mail_from,
            config.public_origin.as_deref(),
        )?),
        None => None,
    };
    let state = stem4all::state::AppState::new(leptos_options, pool.clone(), config);
    stem4all::jobs::spawn(
        pool.clone(),
        mailer,
        state.caches.get::<stem4all::notifications::MailWake>(),
        config_backup(&state),
    );
    let app = server::router(state);

    let listener = tokio::net::TcpListener::bind(addr).await?;
    println!("STEM4ALL Mentoring is running at http://{addr}");
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown_signal())
    .await?;
    pool.close().await;
    tracing::info!("stopped");
    Ok(())
}

async fn ensure_admin(
    pool: &sqlx::SqlitePool,
    email: &str,
    name: &str,
    password: &str,
) -> Result<stem4all::accounts::store::AdminEnsured, Box<dyn std::error::Error>> {
    let email = stem4all::accounts::normalize_email(email)
        .map_err(|m| format!("admin email: {}", m.render(Default::default())))?;
    let name = stem4all::accounts::normalize_name(name)
        .map_err(|m| format!("admin name: {}", m.render(Default::default())))?;
    stem4all::accounts::check_password(password)
        .map_err(|m| format!("admin password: {}", m.render(Default::default())))?;
    let hash = stem4all::auth::password::hash(password.to_string())
        .await
        .map_err(|_| "could not hash the password")?;
    Ok(stem4all::accounts::store::ensure_admin(pool, &email, &name, &hash, db::now()).await?)
}

fn init_logging(config: &Config) {
    use tracing_subscriber::EnvFilter;
    let filter = EnvFilter::try_new(&config.log).unwrap_or_else(|_| EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_target(false);
    if config.log_json {
        builder.json().init();
    } else {
        builder.init();
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
    tracing::info!("shutting down: finishing requests in flight");
}

/// Where the daily copy goes and how many to keep, when configured.
fn config_backup(state: &stem4all::state::AppState) -> Option<(std::path::PathBuf, usize)> {
    let c = &state.config;
    c.backup_dir.clone().map(|d| (d, c.backup_keep))
}
