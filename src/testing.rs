//! Test support: a fresh SQLite file per test with the real migrations, and an in-process
//! HTTP client that drives the real axum router as a browser would (cookie jar, form posts
//! with this site's Origin, Accept: text/html), so authorization and forgery checks are tested
//! end to end without a socket.
use crate::config::Config;
use crate::server::router;
use crate::state::AppState;
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use leptos::prelude::LeptosOptions;
use sqlx::SqlitePool;
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering};
use tower::ServiceExt;

static COUNTER: AtomicU64 = AtomicU64::new(0);

/// How long a test waits for the router's answer before it fails (the slowest page of a test
/// takes well under a second on these machines, also under a full parallel run).
const ANSWER_WITHIN: std::time::Duration = std::time::Duration::from_secs(60);

/// A migrated, empty database in a temp file of its own.
pub async fn temp_db() -> (SqlitePool, std::path::PathBuf) {
    let n = COUNTER.fetch_add(1, Ordering::SeqCst);
    // the process id and a random part: two test runs sharing a temp folder never meet, even
    // from containers whose process ids repeat
    let dir = std::env::temp_dir().join(format!(
        "stem4all-test-{}-{n}-{:016x}",
        std::process::id(),
        rand::random::<u64>()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let url = format!("sqlite://{}/test.db", dir.display());
    let (pool, fresh) = crate::db::connect(&url).await.unwrap();
    assert!(fresh);
    (pool, dir)
}

pub struct TestApp {
    pub pool: SqlitePool,
    router: Router,
    jar: BTreeMap<String, String>,
    pub accept_language: Option<String>,
    _dir: std::path::PathBuf,
}

pub struct Page {
    pub status: StatusCode,
    pub headers: axum::http::HeaderMap,
    pub body: String,
}

impl Page {
    pub fn location(&self) -> Option<&str> {
        self.headers
            .get(header::LOCATION)
            .and_then(|v| v.to_str().ok())
    }
    pub fn set_cookies(&self) -> Vec<String> {
        self.headers
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok().map(str::to_string))
            .collect()
    }
}

/// A test's folder (its database, its uploads) goes with it: a full run leaves nothing behind
/// (the open connections keep reading their unlinked files until they close).
impl Drop for TestApp {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self._dir);
    }
}

impl TestApp {
    pub async fn new() -> TestApp {
        TestApp::with_config(Config::default()).await
    }

    pub async fn with_config(config: Config) -> TestApp {
        let (pool, dir) = temp_db().await;
        // static files come from the test's own folder (`TestApp::site`)
        let site = dir.join("site");
        std::fs::create_dir_all(site.join("pkg")).unwrap();
        let leptos_options = LeptosOptions::builder()
            .output_name("stem4all")
            .site_root(site.to_string_lossy().to_string())
            .build();
        let state = AppState::new(leptos_options, pool.clone(), config);
        TestApp {
            pool,
            router: router(state),
            jar: BTreeMap::new(),
            accept_language: None,
            _dir: dir,
        }
    }

    /// The folder static files are served from (`pkg/` inside it).
    pub fn site(&self) -> std::path::PathBuf {
        self._dir.join("site")
    }

    pub fn cookie(&self, name: &str) -> Option<&str> {
        self.jar.get(name).map(String::as_str)
    }
    pub fn set_cookie(&mut self, name: &str, value: &str) {
        self.jar.insert(name.into(), value.into());
    }
    pub fn clear_cookies(&mut self) {
        self.jar.clear();
    }

    pub async fn send(&mut self, mut req: Request<Body>) -> Page {
        let h = req.headers_mut();
        h.insert(header::HOST, "localhost".parse().unwrap());
        if !self.jar.is_empty() {
            let c: Vec<String> = self.jar.iter().map(|(k, v)| format!("{k}={v}")).collect();
            h.insert(header::COOKIE, c.join("; ").parse().unwrap());
        }
        if let Some(lang) = &self.accept_language {
            h.insert(header::ACCEPT_LANGUAGE, lang.parse().unwrap());
        }
        // a request that never answers fails its test with its name, instead of holding the
        // whole run until CI's limit
        let what = format!("{} {}", req.method(), req.uri());
        let res = tokio::time::timeout(ANSWER_WITHIN, self.router.clone().oneshot(req))
            .await
            .unwrap_or_else(|_| panic!("{what} did not answer within {ANSWER_WITHIN:?}"))
            .unwrap();
        let (parts, body) = res.into_parts();
        for c in parts.headers.get_all(header::SET_COOKIE) {
            let c = c.to_str().unwrap();
            let (pair, attrs) = c.split_once(';').unwrap_or((c, ""));
            let (name, value) = pair.split_once('=').unwrap();
            if attrs.contains("Max-Age=0") {
                self.jar.remove(name);
            } else {
                self.jar.insert(name.to_string(), value.to_string());
            }
        }
        let bytes = tokio::time::timeout(ANSWER_WITHIN, body.collect())
            .await
            .unwrap_or_else(|_| panic!("{what}: the body did not end within {ANSWER_WITHIN:?}"))
            .unwrap()
            .to_bytes();
        Page {
            status: parts.status,
            headers: parts.headers,
            body: String::from_utf8_lossy(&bytes).into(),
        }
    }

    pub async fn get(&mut self, path: &str) -> Page {
        let req = Request::get(path)
            .header(header::ACCEPT, "text/html")
            .body(Body::empty())
            .unwrap();
        self.send(req).await
    }

    /// A plain HTML form post from this site, as a browser with JavaScript off sends it.
    pub async fn post_form(&mut self, path: &str, fields: &[(&str, &str)]) -> Page {
        self.post_with(path, fields, Some("http://localhost"), "text/html")
            .await
    }

    /// A server-function call as an island's `fetch` makes it (JSON answer expected).
    pub async fn post_fetch(&mut self, path: &str, fields: &[(&str, &str)]) -> Page {
        self.post_with(path, fields, Some("http://localhost"), "application/json")
            .await
    }

    pub async fn post_with(
        &mut self,
        path: &str,
        fields: &[(&str, &str)],
        origin: Option<&str>,
        accept: &str,
    ) -> Page {
        let body: Vec<String> = fields
            .iter()
            .map(|(k, v)| format!("{}={}", urlencoding::encode(k), urlencoding::encode(v)))
            .collect();
        let mut req = Request::post(path)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::ACCEPT, accept);
        if let Some(o) = origin {
            req = req.header(header::ORIGIN, o);
        }
        self.send(req.body(Body::from(body.join("&"))).unwrap())
            .await
    }

    /// A `multipart/form-data` form post from this site with its text fields and, if given, one
    /// file `(field, file name, bytes)`, as a browser sends a form with a file input.
    pub async fn post_multipart(
        &mut self,
        path: &str,
        fields: &[(&str, &str)],
        file: Option<(&str, &str, &[u8])>,
    ) -> Page {
        let mut body = Vec::new();
        for (name, value) in fields {
            body.extend_from_slice(
                format!(
                    "--XyZ\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
                )
                .as_bytes(),
            );
        }
        if let Some((name, file_name, bytes)) = file {
            body.extend_from_slice(
                format!(
                    "--XyZ\r\nContent-Disposition: form-data; name=\"{name}\"; filename=\"{file_name}\"\r\n\
                     Content-Type: application/octet-stream\r\n\r\n"
                )
                .as_bytes(),
            );
            body.extend_from_slice(bytes);
            body.extend_from_slice(b"\r\n");
        }
        body.extend_from_slice(b"--XyZ--\r\n");
        let req = Request::post(path)
            .header(header::CONTENT_TYPE, "multipart/form-data; boundary=XyZ")
            .header(header::ORIGIN, "http://localhost")
            .header(header::ACCEPT, "text/html")
            .body(Body::from(body))
            .unwrap();
        self.send(req).await
    }

    /// Follows a redirect answer with a GET, as the browser would.
    pub async fn follow(&mut self, page: Page) -> Page {
        assert!(
            page.status.is_redirection(),
            "expected a redirect, got {} {}",
            page.status,
            page.body
        );
        let to = page.location().unwrap().to_string();
        self.get(&to).await
    }

    pub async fn sign_up(&mut self, email: &str, name: &str, role: &str) -> Page {
        self.post_form(
            "/api/sign_up",
            &[
                ("email", email),
                ("display_name", name),
                ("password", PASSWORD),
                ("role", role),
            ],
        )
        .await
    }

    /// Signs out whoever was signed in and signs in as `email` with [`PASSWORD`].
    pub async fn as_user(&mut self, email: &str) {
        self.clear_cookies();
        self.sign_in(email, PASSWORD).await;
    }

    /// Serves the same router on a real socket of this machine (for tests that need TCP: a
    /// client that hangs up mid-request). Returns the address.
    pub async fn serve(&self) -> std::net::SocketAddr {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let service = self
            .router
            .clone()
            .into_make_service_with_connect_info::<std::net::SocketAddr>();
        tokio::spawn(async move {
            let _ = axum::serve(listener, service).await;
        });
        addr
    }

    pub async fn sign_in(&mut self, email: &str, password: &str) -> Page {
        self.post_form("/api/sign_in", &[("email", email), ("password", password)])
            .await
    }
}

pub const PASSWORD: &str = "a long enough password";

/// A confirmed account made straight in the store (password unusable until
/// [`with_password`]); returns its id.
pub async fn account(app: &TestApp, email: &str, name: &str, role: crate::auth::Role) -> i64 {
    let new = crate::accounts::store::NewAccount {
        email,
        display_name: name,
        password_hash: "x",
        role,
        locale: crate::i18n::Locale::En,
        region: None,
        district: None,
        email_confirmed: true,
    };
    crate::accounts::store::create(&app.pool, &new, 1)
        .await
        .unwrap()
}

/// `n` confirmed mentees made straight in the store (`{tag}{i}@example.kg`); their ids.
pub async fn mentees(app: &TestApp, tag: &str, n: usize) -> Vec<i64> {
    let mut out = Vec::new();
    for i in 0..n {
        let email = format!("{tag}{i}@example.kg");
        out.push(
            account(
                app,
                &email,
                &format!("{tag} {i}"),
                crate::auth::Role::Mentee,
            )
            .await,
        );
    }
    out
}

/// The message key of a store's refusal about a field (a test that expects one).
pub fn rule_key(e: crate::db::StoreError) -> crate::i18n::Key {
    match e {
        crate::db::StoreError::Refused(crate::db::Refusal::Rule { key, .. }) => key,
        other => panic!("expected a rule, got {other:?}"),
    }
}

/// Gives an account the test [`PASSWORD`].
pub async fn with_password(app: &TestApp, id: i64) {
    let hash = crate::auth::password::hash(PASSWORD.into()).await.unwrap();
    sqlx::query("UPDATE accounts SET password_hash = ? WHERE id = ?")
        .bind(hash)
        .bind(id)
        .execute(&app.pool)
        .await
        .unwrap();
}

/// An account that can sign in with [`PASSWORD`]; returns its id.
pub async fn signed_up(app: &TestApp, email: &str, name: &str, role: crate::auth::Role) -> i64 {
    let id = account(app, email, name, role).await;
    with_password(app, id).await;
    id
}

/// The id of the account with this email.
pub async fn id_of(app: &TestApp, email: &str) -> i64 {
    sqlx::query_scalar("SELECT id FROM accounts WHERE email = ?")
        .bind(email)
        .fetch_one(&app.pool)
        .await
        .unwrap()
}

/// The administrator's email in tests (see [`as_admin`]).
pub const ADMIN: &str = "admin@example.kg";

/// Signs out whoever was signed in and signs in as the administrator [`ADMIN`], made (or
/// promoted) the way `main` makes one, with [`PASSWORD`]; returns her id.
pub async fn as_admin(app: &mut TestApp) -> i64 {
    let hash = crate::auth::password::hash(PASSWORD.into()).await.unwrap();
    let id = crate::accounts::store::ensure_admin(&app.pool, ADMIN, "Admin", &hash, 1)
        .await
        .unwrap()
        .id();
    app.as_user(ADMIN).await;
    id
}

/// A mentor for [`mentor`]: her email is her name in lower case with dots for spaces, at
/// `example.kg` ("Asel Data" → `asel.data@example.kg`).
pub struct NewMentor<'a> {
    pub name: &'a str,
    pub region: &'a str,
    pub skills: &'a [i64],
    pub langs: &'a [(
        crate::accounts::profiles::Language,
        crate::accounts::profiles::Level,
    )],
    pub bio: &'a str,
    /// Takes mentees (else paused).
    pub open: bool,
    /// Her profile approved (else pending).
    pub approve: bool,
}

/// A mentor account (password unusable until [`with_password`]) with a saved profile (capacity
/// 2), approved if asked; returns her id.
pub async fn mentor(app: &TestApp, m: NewMentor<'_>) -> i64 {
    use crate::accounts::profiles::{self as p, store as profiles};
    let id = account(
        app,
        &format!("{}@example.kg", m.name.to_lowercase().replace(' ', ".")),
        m.name,
        crate::auth::Role::Mentor,
    )
    .await;
    let place = p::Place::from_stored(Some(m.region), None).unwrap();
    let v = p::ValidMentor {
        organisation: "Org".into(),
        title: "Engineer".into(),
        years_experience: 8,
        capacity: 2,
        status: if m.open {
            p::MentorStatus::Open
        } else {
            p::MentorStatus::Paused
        },
        bio: m.bio.into(),
        style: String::new(),
        stages: Vec::new(),
        hours_per_month: None,
        common: p::Common {
            place,
            skills: m.skills.to_vec(),
            languages: m.langs.to_vec(),
        },
    };
    profiles::save_mentor(&app.pool, id, &v, 1).await.unwrap();
    if m.approve {
        profiles::review_mentor(&app.pool, id, true, None, id, None, 2)
            .await
            .unwrap();
    }
    id
}

/// An approved mentor who takes mentees, in Naryn, with skill 102 (data science) and native
/// Kyrgyz: the [`NewMentor`] most tests start from (`..open_mentor(name)` for the rest).
pub fn open_mentor<'a>(name: &'a str) -> NewMentor<'a> {
    NewMentor {
        name,
        region: "naryn",
        skills: &[102],
        langs: &[(
            crate::accounts::profiles::Language::Ky,
            crate::accounts::profiles::Level::Native,
        )],
        bio: "Data.",
        open: true,
        approve: true,
    }
}

/// A mentor (`asel.data@example.kg`, [`open_mentor`]) and a mentee (`aigerim@example.kg`),
/// both with [`PASSWORD`], in an active mentorship (her request accepted); returns its id.
pub async fn matched(app: &TestApp) -> i64 {
    use crate::auth::Role;
    use crate::mentoring::requests::{store as rs, Event};
    let m = mentor(app, open_mentor("Asel Data")).await;
    let e = account(app, "aigerim@example.kg", "Aigerim", Role::Mentee).await;
    with_password(app, m).await;
    with_password(app, e).await;
    let r = rs::send(&app.pool, e, m, "hi", "x", 1).await.unwrap();
    rs::act(&app.pool, r, m, Event::Accept, None, None, 2)
        .await
        .unwrap();
    sqlx::query_scalar("SELECT id FROM mentorships")
        .fetch_one(&app.pool)
        .await
        .unwrap()
}

/// The mentee-profile form as posted to `/api/save_mentee_profile`: a schoolgirl under 18 in
/// At-Bashy (Naryn) who wants data science (skill 102) and speaks Kyrgyz.
pub const MENTEE_FORM: &[(&str, &str)] = &[
    ("career_stage", "school"),
    ("goals", "Become a data analyst"),
    ("meeting_format", "online"),
    ("hours_per_month", "4"),
    ("age_band", "under_18"),
    ("region", "naryn"),
    ("district", "At-Bashy"),
    ("country", ""),
    ("skills[]", "102"),
    ("languages[ky]", "native"),
];

/// Discovery as the `DiscoverLive` island asks for it (`filters[…]` fields), as the account
/// signed in; the page of results.
pub async fn discover(
    app: &mut TestApp,
    filters: &[(&str, &str)],
) -> crate::matching::DiscoverPage {
    let res = app.post_fetch("/api/discover_mentors", filters).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    serde_json::from_str(&res.body).unwrap()
}

/// A confirmed mentee (password unusable until [`with_password`]) with a profile: an adult at
/// university (under 18 when her name starts with "Young") in `region`, wanting `skill`,
/// speaking Kyrgyz; her email is her name in lower case at `example.kg`. Returns her id.
pub async fn mentee_with_profile(app: &TestApp, name: &str, region: &str, skill: i64) -> i64 {
    use crate::accounts::profiles as p;
    let id = account(
        app,
        &format!("{}@example.kg", name.to_lowercase()),
        name,
        crate::auth::Role::Mentee,
    )
    .await;
    let v = p::ValidMentee {
        career_stage: p::CareerStage::University,
        goals: "Data analysis, structures and bridges".into(),
        meeting_format: p::MeetingFormat::Online,
        hours_per_month: 4,
        age_band: if name.starts_with("Young") {
            p::AgeBand::Under18
        } else {
            p::AgeBand::Adult
        },
        mentor_from: Default::default(),
        common: p::Common {
            place: p::Place::from_stored(Some(region), None).unwrap(),
            skills: vec![skill],
            languages: vec![(p::Language::Ky, p::Level::Native)],
        },
    };
    p::store::save_mentee(&app.pool, id, &v, 1).await.unwrap();
    id
}

/// An approved practice, written by `author` with `body`, of an approved organisation (made
/// if there is none yet); its id. Its search text is what a save would write.
pub async fn approved_practice(app: &TestApp, author: i64, body: &str) -> i64 {
    sqlx::query(
        "INSERT OR IGNORE INTO organisations (id, name_en, kind, region, joined_year, status, created_at, updated_at) \
         VALUES (1, 'Org', 'ngo', 'naryn', 2022, 'approved', 0, 0)",
    )
    .execute(&app.pool)
    .await
    .unwrap();
    sqlx::query_scalar(
        "INSERT INTO practices (org_id, author_id, title, summary, body, region, audience, search, status, created_at, updated_at) \
         VALUES (1, ?, 'Coding club', 'Weekly', ?, 'naryn', 'students', lower('coding club weekly ' || ?), 'approved', 0, 0) RETURNING id",
    )
    .bind(author)
    .bind(body)
    .bind(body)
    .fetch_one(&app.pool)
    .await
    .unwrap()
}
