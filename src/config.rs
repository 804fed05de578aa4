//! Configuration from environment variables (with defaults) and the command line.
use std::net::SocketAddr;

pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/stem4all.db";

pub const HELP: &str = "\
STEM4ALL Mentoring server

USAGE:
    stem4all [serve]                  run the web server (default)
    stem4all create-admin EMAIL NAME  create or promote an administrator; the password is read
                                      from STEM4ALL_ADMIN_PASSWORD or, if unset, from stdin
    stem4all migrate                  apply database migrations and exit
    stem4all backup FILE              write a consistent copy of the database to FILE (safe
                                      while the server runs)
    stem4all restore FILE             put the copy FILE in place of the database (refused while
                                      a server uses it; the old file is kept beside it)
    stem4all matching propose FILE [best|most]
                                      propose mentors for every mentee who may take one (best
                                      total fit, or most people matched) and write the pairs to
                                      the new FILE as CSV, readable by its owner only (it holds
                                      mentees' addresses); nothing in the database changes
    stem4all matching rank FILE [N]   each such mentee's N (5) best fitting mentors with places,
                                      with fit and reasons, to the new FILE as CSV (same care)
    stem4all matching train           train a version of the fit score's weights from past
                                      outcomes and print its measures (put it in use on
                                      /admin/matching)
    stem4all matching import people|outcomes FILE [ky|ru|en]
                                      import mentees and mentors, or past pairs and how they
                                      went (training data), from a CSV file (columns in the
                                      README): every row is checked first and nothing is
                                      imported unless all are clean; new people get an
                                      invitation email in their language (else the one given,
                                      [en]); recorded on /admin/import like an upload
    stem4all matching evaluate [SEED [MENTEES MENTORS OUTCOMES]]
                                      the fit score and the cohort solver on a seeded synthetic
                                      population with hidden true affinities [1, 1000, 500,
                                      3000]: hit rate of the true best mentor in the top 5 and
                                      NDCG@5 (hand-set and learned weights), held-out AUC,
                                      best total fit against greedy, runtime
    stem4all --help | --version

ENVIRONMENT (defaults in brackets):
    STEM4ALL_DATABASE_URL   SQLite URL [sqlite://data/stem4all.db]
    STEM4ALL_BIND           address to listen on [LEPTOS_SITE_ADDR, else 127.0.0.1:3000]
    STEM4ALL_PUBLIC_URL     the site's public origin, e.g. https://mentoring.example.kg;
                            when set, only it passes the forgery check, and an https URL
                            makes cookies Secure [unset: the request's own Host]
    STEM4ALL_TRUST_PROXY    1 behind one reverse proxy: the client address is the last
                            X-Forwarded-For entry (the one the proxy appends), the scheme
                            X-Forwarded-Proto [0]
    STEM4ALL_LOG            log filter, e.g. info or stem4all=debug [info]
    STEM4ALL_LOG_FORMAT     json or text [text]
    STEM4ALL_DEMO           1 to load demo data on first start of the default database [1]
    STEM4ALL_ADMIN_EMAIL    first administrator, created or promoted at start-up (with
    STEM4ALL_ADMIN_PASSWORD STEM4ALL_ADMIN_PASSWORD, 12-128 characters, and
    STEM4ALL_ADMIN_NAME     STEM4ALL_ADMIN_NAME [Administrator])
    STEM4ALL_SMTP_URL       send the email outbox through this SMTP server, e.g.
                            smtps://user:pass@smtp.example.kg:465 or
                            smtp://user:pass@smtp.example.kg:587?tls=required
                            [unset: emails stay in the outbox at /admin/outbox]
    STEM4ALL_MAIL_FROM      the sender of those emails
                            [STEM4ALL Mentoring <no-reply@localhost>]
    STEM4ALL_BACKUP_DIR     a folder for a daily copy of the database [unset: none]
    STEM4ALL_BACKUP_KEEP    how many daily copies to keep there [7]
    STEM4ALL_WRITE_LIMIT    0 to lift the per-client limit on state-changing requests
                            (60 at once then 1 a second per account, 120 then 2 a second per
                            address when signed out), e.g. for a load test [1]
";

#[derive(Clone, Debug)]
pub struct Config {
    pub database_url: String,
    pub bind: Option<SocketAddr>,
    pub public_origin: Option<String>,
    pub trust_proxy: bool,
    pub log: String,
    pub log_json: bool,
    pub demo: bool,
    pub admin: Option<(String, String, String)>,
    pub smtp_url: Option<String>,
    pub mail_from: String,
    /// Whether state-changing requests meet the per-client limit (`auth::middleware`).
    pub limit_writes: bool,
    /// Where the daily copy of the database goes, and how many stay (`db::backup::daily`).
    pub backup_dir: Option<std::path::PathBuf>,
    pub backup_keep: usize,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            database_url: DEFAULT_DATABASE_URL.into(),
            bind: None,
            public_origin: None,
            trust_proxy: false,
            log: "info".into(),
            log_json: false,
            demo: true,
            admin: None,
            smtp_url: None,
            mail_from: "STEM4ALL Mentoring <no-reply@localhost>".into(),
            limit_writes: true,
            backup_dir: None,
            backup_keep: 7,
        }
    }
}

fn flag(v: Option<String>, default: bool) -> bool {
    match v.as_deref().map(str::trim) {
        Some("1" | "true" | "yes" | "on") => true,
        Some("0" | "false" | "no" | "off") => false,
        _ => default,
    }
}

impl Config {
    pub fn from_env() -> Result<Config, String> {
        Config::from_lookup(|k| std::env::var(k).ok())
    }

    pub fn from_lookup(get: impl Fn(&str) -> Option<String>) -> Result<Config, String> {
        let d = Config::default();
        let bind = match get("STEM4ALL_BIND") {
            Some(b) => Some(
                b.parse()
                    .map_err(|_| format!("STEM4ALL_BIND is not an address: {b}"))?,
            ),
            // Leptos's own variable says the same; read here so start-up knows it early
            None => get("LEPTOS_SITE_ADDR").and_then(|b| b.parse().ok()),
        };
        let public_origin = get("STEM4ALL_PUBLIC_URL").map(|u| u.trim_end_matches('/').to_string());
        if let Some(o) = &public_origin {
            if !(o.starts_with("http://") || o.starts_with("https://")) {
                return Err(format!(
                    "STEM4ALL_PUBLIC_URL must start with http:// or https://: {o}"
                ));
            }
        }
        let admin = match (get("STEM4ALL_ADMIN_EMAIL"), get("STEM4ALL_ADMIN_PASSWORD")) {
            (Some(e), Some(p)) => Some((
                e,
                get("STEM4ALL_ADMIN_NAME").unwrap_or_else(|| "Administrator".into()),
                p,
            )),
            (Some(_), None) => {
                return Err("STEM4ALL_ADMIN_EMAIL needs STEM4ALL_ADMIN_PASSWORD".into())
            }
            _ => None,
        };
        Ok(Config {
            database_url: get("STEM4ALL_DATABASE_URL").unwrap_or(d.database_url),
            bind,
            public_origin,
            trust_proxy: flag(get("STEM4ALL_TRUST_PROXY"), false),
            log: get("STEM4ALL_LOG").unwrap_or(d.log),
            log_json: get("STEM4ALL_LOG_FORMAT").is_some_and(|f| f == "json"),
            demo: flag(get("STEM4ALL_DEMO"), true),
            admin,
            smtp_url: get("STEM4ALL_SMTP_URL").filter(|u| !u.trim().is_empty()),
            mail_from: get("STEM4ALL_MAIL_FROM").unwrap_or(d.mail_from),
            limit_writes: flag(get("STEM4ALL_WRITE_LIMIT"), true),
            backup_dir: get("STEM4ALL_BACKUP_DIR")
                .filter(|d| !d.trim().is_empty())
                .map(std::path::PathBuf::from),
            backup_keep: match get("STEM4ALL_BACKUP_KEEP") {
                Some(n) => {
                    n.trim().parse().ok().filter(|n| *n >= 1).ok_or_else(|| {
                        format!("STEM4ALL_BACKUP_KEEP must be a number from 1: {n}")
                    })?
                }
                None => d.backup_keep,
            },
        })
    }

    /// Whether this server faces the public: a public URL is configured or it listens on an
    /// address other than loopback. The demo data (whose password is public) never loads then.
    pub fn public_deployment(&self) -> bool {
        self.public_origin.is_some() || self.bind.is_some_and(|b| !b.ip().is_loopback())
    }

    /// Cookies get `Secure` when the public URL is https.
    pub fn https(&self) -> bool {
        self.public_origin
            .as_deref()
            .is_some_and(|o| o.starts_with("https://"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn cfg(pairs: &[(&str, &str)]) -> Result<Config, String> {
        let m: HashMap<String, String> = pairs
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect();
        Config::from_lookup(|k| m.get(k).cloned())
    }

    #[test]
    fn defaults_and_overrides() {
        let c = cfg(&[]).unwrap();
        assert_eq!(c.database_url, DEFAULT_DATABASE_URL);
        assert!(c.demo && !c.trust_proxy && c.admin.is_none() && !c.https());
        let c = cfg(&[
            ("STEM4ALL_PUBLIC_URL", "https://m.example.kg/"),
            ("STEM4ALL_DEMO", "0"),
        ])
        .unwrap();
        assert_eq!(c.public_origin.as_deref(), Some("https://m.example.kg"));
        assert!(c.public_deployment());
        assert!(c.https() && !c.demo);
        // the demo loads only on a machine of one's own
        assert!(!cfg(&[]).unwrap().public_deployment());
        assert!(!cfg(&[("LEPTOS_SITE_ADDR", "127.0.0.1:3100")])
            .unwrap()
            .public_deployment());
        assert!(cfg(&[("LEPTOS_SITE_ADDR", "0.0.0.0:3000")])
            .unwrap()
            .public_deployment());
        assert!(cfg(&[("STEM4ALL_BIND", "[::]:80")])
            .unwrap()
            .public_deployment());
    }

    #[test]
    fn bad_values_are_reported() {
        assert!(cfg(&[("STEM4ALL_BIND", "nowhere")]).is_err());
        assert!(cfg(&[("STEM4ALL_PUBLIC_URL", "example.kg")]).is_err());
        assert!(cfg(&[("STEM4ALL_ADMIN_EMAIL", "a@b.kg")]).is_err());
    }
}
