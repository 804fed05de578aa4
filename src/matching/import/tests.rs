//! Imports against a real database with the real migrations, and through the real router.
use super::store::{batch, import, Importer};
use super::*;
use crate::i18n::{k, Locale};
use crate::testing::*;
use axum::body::Body;
use axum::http::{header, Request, StatusCode};

const CLI: Importer = Importer {
    by: None,
    locale: Locale::En,
};

/// A mentee under 18 in At-Bashy (skills by code and by Russian name) and a mentor in Germany
/// (a skill by its Kyrgyz name), semicolons, a byte-order mark, CRLF, Cyrillic.
fn people_file(goals: &str) -> Vec<u8> {
    format!(
        "\u{feff}email;name;role;language;region;district;country;skills;languages;hours_per_month;career_stage;goals;meeting_format;age_band;organisation;title;years_experience;capacity;bio;stages\r\n\
         Aizat@Example.kg;Айзат Токтосунова;mentee;ky;Нарынская область;Ат-Башы;;\"data|Веб-разработка\";ky:native|ru:fluent;6;school;{goals};online;under_18;;;;;;\r\n\
         gulmira@example.de;Гульмира;Mentor;ru;abroad;;Germany;Маалымат илими;ru:native|en:fluent;;;;;;TU Berlin;Data engineer;9;2;I build data pipelines.;school|university\r\n"
    )
    .into_bytes()
}

async fn count(app: &TestApp, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(&app.pool).await.unwrap()
}

async fn problems(app: &TestApp, id: i64) -> Vec<(usize, String, crate::i18n::Key)> {
    let page = batch(&app.pool, id).await.unwrap();
    assert_eq!(page.batch.state, BatchState::Refused);
    page.problems
        .into_iter()
        .map(|p| (p.line, p.column, p.msg.key))
        .collect()
}

#[tokio::test]
async fn a_clean_file_imports_everyone_once_invites_the_new_and_updates_on_a_second_import() {
    let app = TestApp::new().await;
    let (id, state) = import(
        &app.pool,
        Kind::People,
        "cohort.csv",
        people_file("Become a data analyst"),
        CLI,
        100,
    )
    .await
    .unwrap();
    assert_eq!(state, BatchState::Imported);
    let b = batch(&app.pool, id).await.unwrap().batch;
    assert_eq!(
        (b.rows, b.added, b.updated, b.file_name.as_str()),
        (2, 2, 0, "cohort.csv")
    );
    let audited: (String, Option<i64>, String) = sqlx::query_as(
        "SELECT target_kind, target_id, after FROM audit_log WHERE action = 'import'",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(
        audited,
        (
            "import".into(),
            Some(id),
            "people imported: 2 rows, 2 added, 0 updated, 0 problems".into()
        )
    );

    // accounts with no password yet, addresses unconfirmed, in their own language
    let (role, locale, hash, confirmed): (String, String, String, Option<i64>) = sqlx::query_as(
        "SELECT role, locale, password_hash, email_confirmed_at FROM accounts WHERE email = 'aizat@example.kg'",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(
        (role.as_str(), locale.as_str(), hash.as_str(), confirmed),
        ("mentee", "ky", "!", None)
    );
    let (region, age, skills): (String, String, i64) = sqlx::query_as(
        "SELECT a.region, p.age_band, (SELECT COUNT(*) FROM profile_skills s WHERE s.account_id = a.id) \
         FROM accounts a JOIN mentee_profiles p ON p.account_id = a.id WHERE a.email = 'aizat@example.kg'",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(
        (region.as_str(), age.as_str(), skills),
        ("naryn", "under_18", 2)
    );
    let (approval, stages, skill): (String, String, i64) = sqlx::query_as(
        "SELECT p.approval, p.stages, s.skill_id FROM mentor_profiles p JOIN accounts a ON a.id = p.account_id \
         JOIN profile_skills s ON s.account_id = a.id WHERE a.email = 'gulmira@example.de'",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    // a mentor waits for an administrator's approval like any other
    assert_eq!(
        (approval.as_str(), stages.as_str(), skill),
        ("pending", "school,university", 102)
    );

    // each new person has an invitation in her language; its link sets her password and
    // confirms her address
    let invites: Vec<(String, String, String)> =
        sqlx::query_as("SELECT to_address, subject, link FROM email_outbox ORDER BY id")
            .fetch_all(&app.pool)
            .await
            .unwrap();
    assert_eq!(invites.len(), 2);
    assert_eq!(invites[0].1, Locale::Ky.t(k::IMPORT_INVITE_SUBJECT));
    assert_eq!(invites[1].1, Locale::Ru.t(k::IMPORT_INVITE_SUBJECT));
    let token = invites[0].2.strip_prefix("/reset?token=").unwrap();
    let hash = crate::auth::password::hash(PASSWORD.into()).await.unwrap();
    // still working 13 days later
    crate::accounts::store::reset_password(&app.pool, token, &hash, 100 + 13 * 86_400)
        .await
        .unwrap();
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM accounts WHERE email = 'aizat@example.kg' AND email_confirmed_at IS NOT NULL").await,
        1
    );

    // Gulmira paused herself meanwhile: a file that leaves `status` empty keeps it so
    sqlx::query("UPDATE mentor_profiles SET status = 'paused'")
        .execute(&app.pool)
        .await
        .unwrap();
    // the same people again: updated, never duplicated, nobody invited twice
    let (id, state) = import(
        &app.pool,
        Kind::People,
        "cohort.csv",
        people_file("Learn statistics"),
        CLI,
        200,
    )
    .await
    .unwrap();
    assert_eq!(state, BatchState::Imported);
    let b = batch(&app.pool, id).await.unwrap().batch;
    assert_eq!((b.added, b.updated), (0, 2));
    assert_eq!(count(&app, "SELECT COUNT(*) FROM accounts").await, 2);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM email_outbox").await, 2);
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM mentee_profiles WHERE goals = 'Learn statistics'"
        )
        .await,
        1
    );
    // ...
}

#[tokio::test]
async fn bad_files_are_reported_by_line_and_column_and_nothing_is_imported() {
    let mut app = TestApp::new().await;
    as_admin(&mut app).await;
    let accounts = count(&app, "SELECT COUNT(*) FROM accounts").await;
    let refused = |bytes: Vec<u8>| {
        let pool = app.pool.clone();
        async move {
            let (id, state) = import(&pool, Kind::People, "bad.csv", bytes, CLI, 100)
                .await
                .unwrap();
            assert_eq!(state, BatchState::Refused);
            id
        }
    };
    // Windows-1251 Cyrillic, 10 MB of junk, a header that lost a column and misspelt another
    let id = refused(b"email,name,role\nx@y.kg,\xc0\xe9\xe4\xe0,mentee\n".to_vec()).await;
    assert_eq!(
        problems(&app, id).await,
        [(0, String::new(), k::IMPORT_NOT_UTF8)]
    );
    let id = refused(vec![b'#'; 10 * 1024 * 1024]).await;
    assert_eq!(
        problems(&app, id).await,
        [(0, String::new(), k::IMPORT_TOO_BIG)]
    );
    let id = refused(b"email,name,skils\nx@y.kg,X,data\n".to_vec()).await;
    assert_eq!(
        problems(&app, id).await,
        [
            (1, "skils".into(), k::IMPORT_UNKNOWN_COLUMN),
            (1, "role".into(), k::IMPORT_COLUMN_MISSING)
        ]
    );
    // rows: an unknown skill, a bad address, a phone number in her goals, a role nobody has,
    // the same person twice, an administrator's address
    let rows = "email,name,role,region,skills,languages,hours_per_month,career_stage,goals,meeting_format,age_band\n\
        a@x.kg,A,mentee,naryn,quantum knitting,ky:native,4,school,Data,online,adult\n\
        not-an-email,B,mentee,naryn,data,ky:native,4,school,Data,online,adult\n\
        c@x.kg,C,mentee,naryn,data,ky:native,4,school,Call me +996 555 123 456,online,adult\n\
        d@x.kg,D,juror,naryn,data,ky:native,4,school,Data,online,adult\n\
        e@x.kg,E,mentee,naryn,data,ky:fluent,4,student,Data,online,adult\n\
        e@x.kg,E again,mentee,naryn,data,ky:native,4,school,Data,online,adult\n";
    let id = refused(rows.as_bytes().to_vec()).await;
    let found = problems(&app, id).await;
    assert!(
        found.contains(&(2, "skills".into(), k::IMPORT_UNKNOWN_SKILL)),
        "{found:?}"
    );
    assert!(
        found.iter().any(|p| (p.0, p.1.as_str()) == (3, "email")),
        "{found:?}"
    );
    assert!(
        found.contains(&(4, "goals".into(), k::ERR_CONTACT_HERE)),
        "{found:?}"
    );
    assert!(
        found.contains(&(5, "role".into(), k::IMPORT_ROLE)),
        "{found:?}"
    );
    assert!(
        found.contains(&(6, "career_stage".into(), k::IMPORT_USE_ONE_OF)),
        "{found:?}"
    );
    // the second "e@x.kg" is reported only once the first passes: here the first is wrong
    assert!(!found.iter().any(|p| p.0 == 7), "{found:?}");
    // a clean file naming an administrator's address: refused as a whole
    let mut clean = people_file("Data").to_vec();
    clean.extend_from_slice(
        format!(
            "{ADMIN};Admin;mentee;;naryn;;;data;ky:native;4;school;Data;online;adult;;;;;;\r\n"
        )
        .as_bytes(),
    );
    let id = refused(clean).await;
    assert_eq!(
        problems(&app, id).await,
        [(4, "email".into(), k::IMPORT_OTHER_ROLE)]
    );
    assert_eq!(count(&app, "SELECT COUNT(*) FROM accounts").await, accounts);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM mentee_profiles").await, 0);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM email_outbox").await, 0);
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM accounts WHERE role = 'admin'").await,
        1
    );
}

#[tokio::test]
async fn past_outcomes_train_the_ranking_and_name_only_people_who_are_there() {
    let app = TestApp::new().await;
    import(
        &app.pool,
        Kind::People,
        "people.csv",
        people_file("Data"),
        CLI,
        100,
    )
    .await
    .unwrap();
    let outcomes =
        |rows: &str| format!("mentee_email,mentor_email,outcome,rating\n{rows}").into_bytes();
    let (id, state) = import(
        &app.pool,
        Kind::Outcomes,
        "past.csv",
        outcomes("aizat@example.kg,nobody@example.kg,accepted,\ngulmira@example.de,aizat@example.kg,declined,\naizat@example.kg,gulmira@example.de,finished,9\n"),
        CLI,
        100,
    )
    .await
    .unwrap();
    assert_eq!(state, BatchState::Refused);
    // the pure checks first: the outcome and the rating of line 4
    let found = problems(&app, id).await;
    assert_eq!(
        found,
        [
            (4, "outcome".into(), k::IMPORT_USE_ONE_OF),
            (4, "rating".into(), k::ERR_NUMBER_RANGE)
        ]
    );
    let (id, _) = import(
        &app.pool,
        Kind::Outcomes,
        "past.csv",
        outcomes("aizat@example.kg,nobody@example.kg,accepted,\ngulmira@example.de,aizat@example.kg,declined,\n"),
        CLI,
        100,
    )
    .await
    .unwrap();
    assert_eq!(
        problems(&app, id).await,
        [
            (2, "mentor_email".into(), k::IMPORT_NO_MENTOR),
            (3, "mentee_email".into(), k::IMPORT_NO_MENTEE),
            (3, "mentor_email".into(), k::IMPORT_NO_MENTOR)
        ]
    );
    assert_eq!(count(&app, "SELECT COUNT(*) FROM past_outcomes").await, 0);

    // a completed pair the mentee rated 2: it did not work out, also before either has
    // confirmed her address (the administrator vouches for the file)
    let (id, state) = import(
        &app.pool,
        Kind::Outcomes,
        "past.csv",
        outcomes("Aizat@example.kg,gulmira@example.de,completed,2\n"),
        CLI,
        100,
    )
    .await
    .unwrap();
    assert_eq!(state, BatchState::Imported);
    let seen = crate::matching::model::store::outcomes(&mut app.pool.acquire().await.unwrap(), 100)
        .await
        .unwrap();
    assert_eq!(seen.len(), 1);
    assert!(!seen[0].good);
    assert_eq!(batch(&app.pool, id).await.unwrap().batch.added, 1);
    // the same pair again, now accepted: updated, not duplicated
    let (id, _) = import(
        &app.pool,
        Kind::Outcomes,
        "past.csv",
        outcomes("aizat@example.kg,gulmira@example.de,accepted,\n"),
        CLI,
        100,
    )
    .await
    .unwrap();
    assert_eq!(batch(&app.pool, id).await.unwrap().batch.updated, 1);
    let seen = crate::matching::model::store::outcomes(&mut app.pool.acquire().await.unwrap(), 100)
        .await
        .unwrap();
    assert_eq!((seen.len(), seen[0].good), (1, true));
}

/// The upload form as a browser sends it (multipart, this site's origin).
async fn upload(app: &mut TestApp, kind: &str, name: &str, file: &[u8]) -> Page {
    let mut body = format!(
        "--XyZ\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\n{kind}\r\n\
         --XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\n\
         Content-Type: text/csv\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(file);
    body.extend_from_slice(b"\r\n--XyZ--\r\n");
    let req = Request::post("/admin/import/upload")
        .header(header::CONTENT_TYPE, "multipart/form-data; boundary=XyZ")
        .header(header::ORIGIN, "http://localhost")
        .header(header::ACCEPT, "text/html")
        .body(Body::from(body))
        .unwrap();
    app.send(req).await
}

#[tokio::test]
async fn administrators_upload_and_read_the_report_and_everyone_else_gets_404() {
    let mut app = TestApp::new().await;
    signed_up(&app, "x@example.kg", "X", crate::auth::Role::Mentee).await;
    app.as_user("x@example.kg").await;
    for page in ["/admin/import", "/admin/import/1"] {
        assert_eq!(app.get(page).await.status, StatusCode::NOT_FOUND, "{page}");
    }
    let res = upload(&mut app, "people", "p.csv", &people_file("Data")).await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    for (f, args) in [
        ("/api/import_batches", vec![]),
        ("/api/import_batch", vec![("id", "1")]),
    ] {
        assert_eq!(
            app.post_fetch(f, &args).await.status,
            StatusCode::NOT_FOUND,
            "{f}"
        );
    }
    assert_eq!(count(&app, "SELECT COUNT(*) FROM import_batches").await, 0);

    as_admin(&mut app).await;
    let list = app.get("/admin/import").await;
    assert!(list.body.contains("Nothing imported yet"), "{}", list.body);
    // a file with a problem: the report names its line and column
    let mut bad = people_file("Data");
    bad.extend_from_slice(
        "z@example.kg;Z;mentee;;naryn;;;knitting;ky:native;4;school;Data;online;adult;;;;;;\r\n"
            .as_bytes(),
    );
    let res = upload(&mut app, "people", "sign-ups <2026>.csv", &bad).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    let report = app.follow(res).await;
    assert!(
        report.body.contains("Nothing was imported"),
        "{}",
        report.body
    );
    assert!(report.body.contains("Unknown skill: knitting."));
    assert!(report.body.contains("sign-ups &lt;2026&gt;.csv"));
    assert_eq!(count(&app, "SELECT COUNT(*) FROM accounts").await, 2);
    // the clean file: imported
    let res = upload(&mut app, "people", "p.csv", &people_file("Data")).await;
    let report = app.follow(res).await;
    assert!(
        report.body.contains("Every row was imported") && report.body.contains("2 added"),
        "{}",
        report.body
    );
    let list = app.get("/admin/import").await;
    assert_eq!(list.body.matches("data-testid=\"import\"").count(), 2);
    // not a multipart form, an unknown kind: a 400 page, nothing recorded
    let res = app
        .post_form("/admin/import/upload", &[("kind", "people")])
        .await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST);
    let res = upload(&mut app, "passwords", "p.csv", b"x").await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM import_batches").await, 2);
    // an import that is not there
    assert_eq!(
        app.get("/admin/import/999").await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn an_unconfirmed_sign_up_with_her_address_does_not_get_her_imported_profile() {
    let app = TestApp::new().await;
    // someone signed up with Aizat's address and never confirmed it; Gulmira is really hers
    let squatter = crate::accounts::store::create(
        &app.pool,
        &crate::accounts::store::NewAccount {
            email: "aizat@example.kg",
            display_name: "Not Aizat",
            password_hash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA",
            role: crate::auth::Role::Mentee,
            locale: Locale::En,
            region: None,
            district: None,
            email_confirmed: false,
        },
        1,
    )
    .await
    .unwrap();
    crate::auth::store::create_session(&app.pool, squatter, None, 2)
        .await
        .unwrap()
        .unwrap();
    let gulmira = signed_up(
        &app,
        "gulmira@example.de",
        "Gulmira",
        crate::auth::Role::Mentor,
    )
    .await;
    let (id, state) = import(
        &app.pool,
        Kind::People,
        "p.csv",
        people_file("Data"),
        CLI,
        100,
    )
    .await
    .unwrap();
    assert_eq!(state, BatchState::Imported);
    assert_eq!(batch(&app.pool, id).await.unwrap().batch.updated, 2);
    // the squatter's password and sessions are gone; the invitation goes to the address
    let hash: String = sqlx::query_scalar("SELECT password_hash FROM accounts WHERE id = ?")
        .bind(squatter)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(hash, crate::auth::password::UNUSABLE);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM sessions").await, 0);
    let invited: Vec<String> = sqlx::query_scalar("SELECT to_address FROM email_outbox")
        .fetch_all(&app.pool)
        .await
        .unwrap();
    assert_eq!(invited, ["aizat@example.kg"]);
    // Gulmira (confirmed) keeps her password and is not invited
    let kept: String = sqlx::query_scalar("SELECT password_hash FROM accounts WHERE id = ?")
        .bind(gulmira)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert!(kept.starts_with("$argon2id$"));
    // a squatter that has used the platform meanwhile (a roadmap of hers): the row is refused,
    // for an administrator to look at that account first
    sqlx::query("UPDATE accounts SET password_hash = 'x' WHERE id = ?")
        .bind(squatter)
        .execute(&app.pool)
        .await
        .unwrap();
    sqlx::query(
        "INSERT INTO roadmaps (owner_id, title, created_at, updated_at) VALUES (?, 'Mine', 1, 1)",
    )
    .bind(squatter)
    .execute(&app.pool)
    .await
    .unwrap();
    let (id, _) = import(
        &app.pool,
        Kind::People,
        "p.csv",
        people_file("Data"),
        CLI,
        200,
    )
    .await
    .unwrap();
    assert_eq!(
        problems(&app, id).await,
        [(2, "email".into(), k::IMPORT_UNCONFIRMED_USED)]
    );
}
