//! The community of practice against a real SQLite with the real migrations (store tests) and
//! through the real router (HTTP tests, JavaScript off): who may change which organisation,
//! approval of what partners propose, uploads checked, stored and served to their audience
//! only, the charts' numbers against the data, initiatives, documents and their versions,
//! nominations that name a listed organisation.
use super::documents::{store as documents, DocAudience};
use super::files;
use super::initiatives::{store as initiatives, InitiativeFields};
use super::organisations::{store as orgs, store::Writer, Filters, OrgFields, OrgInput};
use super::practices::{store as practices, PracticeFields};
use crate::auth::Role;
use crate::db::StoreError;
use crate::i18n::Locale;
use crate::testing::*;
use axum::http::{header, StatusCode};

const NOW: i64 = 1_790_000_000;

fn org(name: &str, kind: &str, region: &str, year: i64) -> OrgInput {
    OrgFields {
        name_en: name.into(),
        kind: kind.into(),
        region: region.into(),
        joined_year: year.to_string(),
        description: format!("{name} works with girls in STEM."),
        ..OrgFields::default()
    }
    .check(&[1], 2026)
    .unwrap()
}

fn png(w: u32, h: u32) -> Vec<u8> {
    let mut out = Vec::new();
    image::RgbImage::from_pixel(w, h, image::Rgb([200, 30, 90]))
        .write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png)
        .unwrap();
    out
}

/// An administrator, a partner linked to a listed organisation, and a second organisation.
struct Fx {
    admin: Writer,
    partner: Writer,
    mine: i64,
    other: i64,
}

async fn fixture(app: &TestApp) -> Fx {
    let admin = Writer {
        id: signed_up(app, ADMIN, "Admin", Role::Admin).await,
        admin: true,
    };
    let partner = Writer {
        id: signed_up(app, "partner@example.kg", "Partner", Role::Partner).await,
        admin: false,
    };
    let mine = orgs::create(
        &app.pool,
        admin,
        &org("Tech Ayim", "ngo", "naryn", 2022),
        NOW,
    )
    .await
    .unwrap();
    let other = orgs::create(
        &app.pool,
        admin,
        &org("Kelechek", "school", "osh", 2023),
        NOW,
    )
    .await
    .unwrap();
    orgs::link(&app.pool, mine, "partner@example.kg", (1, Locale::En), NOW)
        .await
        .unwrap();
    Fx {
        admin,
        partner,
        mine,
        other,
    }
}

#[tokio::test]
async fn a_partner_changes_only_her_organisation_and_an_administrator_approves_it() {
    let app = TestApp::new().await;
    let fx = fixture(&app).await;
    let pool = &app.pool;
    // someone else's organisation: as if it did not exist, nothing changes
    let theirs = orgs::save(
        pool,
        fx.other,
        fx.partner,
        &org("Hijacked", "ngo", "naryn", 2022),
        NOW,
    )
    .await;
    assert_eq!(theirs.unwrap_err(), crate::db::NOT_FOUND);
    let page = orgs::page(pool, fx.other, None, Locale::En).await.unwrap();
    assert_eq!(page.org.names.name_en, "Kelechek");
    // her own: the change waits, the public page is unchanged
    let waits = orgs::save(
        pool,
        fx.mine,
        fx.partner,
        &org("Tech Ayim Foundation", "ngo", "chui", 2022),
        NOW + 10,
    )
    .await
    .unwrap();
    assert!(waits);
    let public = orgs::page(pool, fx.mine, None, Locale::En).await.unwrap();
    assert_eq!(
        (public.org.names.name_en.as_str(), public.edit.is_none()),
        ("Tech Ayim", true)
    );
    let hers = orgs::page(pool, fx.mine, Some(fx.partner), Locale::En)
        .await
        .unwrap();
    let edit = hers.edit.unwrap();
    assert_eq!(
        (
            edit.status.as_str(),
            edit.proposed.as_ref().unwrap().names.name_en.as_str()
        ),
        ("pending", "Tech Ayim Foundation")
    );
    // a second change replaces the waiting one
    orgs::save(
        pool,
        fx.mine,
        fx.partner,
        &org("Tech Ayim Fund", "ngo", "chui", 2022),
        NOW + 20,
    )
    .await
    .unwrap();
    let (_, edits) = orgs::waiting(pool, 10).await.unwrap();
    assert_eq!(edits.len(), 1);
    let (edit, now) = &edits[0];
    assert_eq!(
        (
            edit.proposed.as_ref().unwrap().names.name_en.as_str(),
            now.names.name_en.as_str()
        ),
        ("Tech Ayim Fund", "Tech Ayim")
    );
    // decided on what the administrator read: an older reading is refused
    let stale = orgs::decide_edit(pool, edit.id, NOW + 10, true, "", NOW + 30).await;
    assert!(matches!(
        stale,
        Err(StoreError::Refused(crate::db::Refusal::Stale(_)))
    ));
    orgs::decide_edit(pool, edit.id, edit.submitted_at, true, "", NOW + 30)
        .await
        .unwrap();
    let public = orgs::page(pool, fx.mine, None, Locale::En).await.unwrap();
    assert_eq!(
        (
            public.org.names.name_en.as_str(),
            public.org.region.as_str()
        ),
        ("Tech Ayim Fund", "chui")
    );
    // a refusal reaches her with its reason
    orgs::save(
        pool,
        fx.mine,
        fx.partner,
        &org("Best Org Ever!!!", "ngo", "chui", 2022),
        NOW + 40,
    )
    .await
    .unwrap();
    let (_, edits) = orgs::waiting(pool, 10).await.unwrap();
    orgs::decide_edit(
        pool,
        edits[0].0.id,
        edits[0].0.submitted_at,
        false,
        "Use the registered name",
        NOW + 50,
    )
    .await
    .unwrap();
    let hers = orgs::page(pool, fx.mine, Some(fx.partner), Locale::En)
        .await
        .unwrap();
    assert_eq!(hers.edit.unwrap().reason, "Use the registered name");
    assert_eq!(hers.org.names.name_en, "Tech Ayim Fund");
    // an administrator's change shows at once
    assert!(!orgs::save(
        pool,
        fx.other,
        fx.admin,
        &org("Kelechek Library", "school", "osh", 2023),
        NOW
    )
    .await
    .unwrap());
    assert_eq!(
        orgs::page(pool, fx.other, None, Locale::En)
            .await
            .unwrap()
            .org
            .names
            .name_en,
        "Kelechek Library"
    );
}

#[tokio::test]
async fn two_administrators_deciding_one_edit_at_once_decide_it_once() {
    let app = TestApp::new().await;
    let fx = fixture(&app).await;
    orgs::save(
        &app.pool,
        fx.mine,
        fx.partner,
        &org("Renamed", "ngo", "naryn", 2022),
        NOW,
    )
    .await
    .unwrap();
    let (_, edits) = orgs::waiting(&app.pool, 10).await.unwrap();
    let (id, seen) = (edits[0].0.id, edits[0].0.submitted_at);
    let (a, b) = tokio::join!(
        orgs::decide_edit(&app.pool, id, seen, true, "", NOW + 1),
        orgs::decide_edit(&app.pool, id, seen, false, "no", NOW + 1)
    );
    assert!(a.is_ok() != b.is_ok(), "exactly one decides: {a:?} {b:?}");
}

#[tokio::test]
async fn a_new_organisation_from_a_partner_waits_unseen_until_approved() {
    let app = TestApp::new().await;
    let admin = Writer {
        id: account(&app, ADMIN, "Admin", Role::Admin).await,
        admin: true,
    };
    let partner = Writer {
        id: account(&app, "p@example.kg", "P", Role::Partner).await,
        admin: false,
    };
    let input = org("Naryn Girls Code", "ngo", "naryn", 2024);
    let id = orgs::create(&app.pool, partner, &input, NOW).await.unwrap();
    // sent again over a failing link: the same one
    assert_eq!(
        orgs::create(&app.pool, partner, &input, NOW + 5)
            .await
            .unwrap(),
        id
    );
    // a second organisation while she represents one: refused
    let second = orgs::create(
        &app.pool,
        partner,
        &org("Another", "ngo", "naryn", 2024),
        NOW + 200,
    )
    .await;
    assert_eq!(
        rule_key(second.unwrap_err()),
        crate::i18n::k::COMMUNITY_ERR_ONE_ORG
    );
    let (listed, total) = orgs::directory(&app.pool, &Filters::default(), Locale::En)
        .await
        .unwrap();
    assert_eq!((listed.len(), total), (0, 0));
    assert_eq!(
        orgs::page(&app.pool, id, None, Locale::En)
            .await
            .unwrap_err(),
        crate::db::NOT_FOUND
    );
    assert!(orgs::page(&app.pool, id, Some(partner), Locale::En)
        .await
        .is_ok());
    let (waiting, _) = orgs::waiting(&app.pool, 10).await.unwrap();
    orgs::decide(&app.pool, id, waiting[0].updated_at, true, "", NOW + 10)
        .await
        .unwrap();
    // decided once
    assert!(
        orgs::decide(&app.pool, id, waiting[0].updated_at, false, "x", NOW + 11)
            .await
            .is_err()
    );
    let (listed, _) = orgs::directory(&app.pool, &Filters::default(), Locale::En)
        .await
        .unwrap();
    assert_eq!(listed[0].id, id);
    let _ = admin;
}

#[tokio::test]
async fn the_directory_filters_and_searches_and_the_charts_count_what_is_listed() {
    let app = TestApp::new().await;
    let admin = Writer {
        id: account(&app, ADMIN, "Admin", Role::Admin).await,
        admin: true,
    };
    let partner = Writer {
        id: account(&app, "p@example.kg", "P", Role::Partner).await,
        admin: false,
    };
    let rows = [
        ("Нарын Кыздары", "ngo", "naryn", 2021),
        ("Osh Tech", "company", "osh_city", 2022),
        ("Naryn State University", "university", "naryn", 2022),
        ("Talas Lyceum", "school", "talas", 2024),
    ];
    for (i, (n, kind, region, year)) in rows.iter().enumerate() {
        orgs::create(
            &app.pool,
            admin,
            &org(n, kind, region, *year),
            NOW + i as i64 * 1000,
        )
        .await
        .unwrap();
    }
    // one waiting for approval counts nowhere
    orgs::create(
        &app.pool,
        partner,
        &org("Pending Org", "ngo", "naryn", 2021),
        NOW,
    )
    .await
    .unwrap();
    let find = |f: Filters| {
        let pool = app.pool.clone();
        async move {
            let (list, total) = orgs::directory(&pool, &f, Locale::En).await.unwrap();
            assert_eq!(list.len() as i64, total);
            list.into_iter()
                .map(|o| o.names.name_en)
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(
        find(Filters {
            region: "naryn".into(),
            ..Filters::default()
        })
        .await,
        ["Naryn State University", "Нарын Кыздары"]
    );
    assert_eq!(
        find(Filters {
            kind: "company".into(),
            ..Filters::default()
        })
        .await,
        ["Osh Tech"]
    );
    // search ignores case, in Cyrillic too, and looks in descriptions
    assert_eq!(
        find(Filters {
            q: "НАРЫН".into(),
            ..Filters::default()
        })
        .await,
        ["Нарын Кыздары"]
    );
    assert_eq!(
        find(Filters {
            q: "girls in stem".into(),
            ..Filters::default()
        })
        .await
        .len(),
        4
    );
    assert_eq!(
        find(Filters {
            q: "%".into(),
            ..Filters::default()
        })
        .await
        .len(),
        0
    );
    assert_eq!(
        find(Filters {
            field: "2".into(),
            ..Filters::default()
        })
        .await
        .len(),
        0
    );
    assert_eq!(
        find(Filters {
            field: "1".into(),
            ..Filters::default()
        })
        .await
        .len(),
        4
    );
    let s = orgs::stats(&app.pool).await.unwrap();
    assert_eq!(
        s.years,
        vec![(2021, 1, 1), (2022, 2, 3), (2023, 0, 3), (2024, 1, 4)]
    );
    let of = |rows: &[(String, i64)], c: &str| rows.iter().find(|(k, _)| k == c).unwrap().1;
    assert_eq!((of(&s.regions, "naryn"), of(&s.regions, "batken")), (2, 0));
    assert_eq!(s.regions.len(), 10);
    assert_eq!((of(&s.kinds, "ngo"), of(&s.kinds, "international")), (1, 0));
    assert_eq!(s.kinds.len(), 6);
}

#[tokio::test]
async fn practices_wait_for_approval_and_a_change_asks_again() {
    let app = TestApp::new().await;
    let fx = fixture(&app).await;
    let form = PracticeFields {
        title: "Robotics in At-Bashy".into(),
        summary: "Girls build robots.".into(),
        body: "Twice a week.".into(),
        region: "naryn".into(),
        audience: "schoolgirls".into(),
        results: String::new(),
    };
    let input = form.check().unwrap();
    // a partner publishes for her own organisation whatever organisation she names
    let id = practices::save(&app.pool, None, Some(fx.other), fx.partner, &input, NOW)
        .await
        .unwrap();
    let page = practices::page(&app.pool, id, Some(fx.partner), None)
        .await
        .unwrap();
    assert_eq!(
        (
            page.practice.summary.org_id,
            page.practice.summary.status.as_str()
        ),
        (fx.mine, "pending")
    );
    assert_eq!(
        practices::page(&app.pool, id, None, None)
            .await
            .unwrap_err(),
        crate::db::NOT_FOUND
    );
    assert_eq!(
        practices::showcase(&app.pool, &Default::default())
            .await
            .unwrap()
            .1,
        0
    );
    let seen = practices::waiting(&app.pool, 10).await.unwrap()[0].updated_at;
    practices::decide(&app.pool, id, seen, true, "")
        .await
        .unwrap();
    assert_eq!(
        practices::showcase(&app.pool, &Default::default())
            .await
            .unwrap()
            .1,
        1
    );
    // another partner, or nobody's: 404 and nothing changes
    let stranger = Writer {
        id: account(&app, "s@example.kg", "S", Role::Partner).await,
        admin: false,
    };
    assert_eq!(
        practices::save(&app.pool, Some(id), None, stranger, &input, NOW + 2)
            .await
            .unwrap_err(),
        crate::db::NOT_FOUND
    );
    assert_eq!(
        practices::save(&app.pool, None, None, stranger, &input, NOW + 2)
            .await
            .unwrap_err(),
        crate::db::NOT_FOUND
    );
    // her change hides it until approved again
    practices::save(&app.pool, Some(id), None, fx.partner, &input, NOW + 300)
        .await
        .unwrap();
    assert_eq!(
        practices::showcase(&app.pool, &Default::default())
            .await
            .unwrap()
            .1,
        0
    );
    // it shows on her organisation's page for her, not for others
    assert_eq!(
        orgs::page(&app.pool, fx.mine, Some(fx.partner), Locale::En)
            .await
            .unwrap()
            .practices
            .len(),
        1
    );
    assert_eq!(
        orgs::page(&app.pool, fx.mine, None, Locale::En)
            .await
            .unwrap()
            .practices
            .len(),
        0
    );
}

#[tokio::test]
async fn initiatives_link_two_listed_organisations_with_dates_in_order() {
    let app = TestApp::new().await;
    let fx = fixture(&app).await;
    let form = InitiativeFields {
        title: "Coding camps".into(),
        status: "running".into(),
        starts_on: "2024-06-01".into(),
        ..InitiativeFields::default()
    };
    assert!(form.check(&[fx.mine]).is_err());
    let input = form.check(&[fx.mine, fx.other]).unwrap();
    let id = initiatives::save(&app.pool, None, fx.admin.id, &input, NOW)
        .await
        .unwrap();
    for o in [fx.mine, fx.other] {
        let page = orgs::page(&app.pool, o, None, Locale::En).await.unwrap();
        assert_eq!(
            page.initiatives.iter().map(|i| i.id).collect::<Vec<_>>(),
            [id]
        );
        assert_eq!(page.initiatives[0].orgs.len(), 2);
    }
    // an organisation not listed cannot join one, and nothing changes
    let partner = Writer {
        id: account(&app, "q@example.kg", "Q", Role::Partner).await,
        admin: false,
    };
    let pending = orgs::create(
        &app.pool,
        partner,
        &org("Unlisted", "ngo", "naryn", 2024),
        NOW,
    )
    .await
    .unwrap();
    let with_pending = form.check(&[fx.mine, pending]).unwrap();
    assert!(
        initiatives::save(&app.pool, Some(id), fx.admin.id, &with_pending, NOW + 1)
            .await
            .is_err()
    );
    assert_eq!(initiatives::one(&app.pool, id).await.unwrap().orgs.len(), 2);
}

#[tokio::test]
async fn a_file_no_row_names_is_removed_again() {
    let app = TestApp::new().await;
    let saved = files::save(
        &app.pool,
        files::picture(png(10, 10), files::Kept::Logo)
            .await
            .unwrap(),
    )
    .await
    .unwrap();
    let path = files::folder(&app.pool).join(&saved.name);
    assert!(path.exists());
    // the write that would name it never commits (a refusal, a request cut off)
    drop(saved);
    assert!(!path.exists());
    // a logo for an organisation she does not represent: refused, and the file is gone too
    let fx = fixture(&app).await;
    let saved = files::save(
        &app.pool,
        files::picture(png(10, 10), files::Kept::Logo)
            .await
            .unwrap(),
    )
    .await
    .unwrap();
    let path = files::folder(&app.pool).join(&saved.name);
    assert!(orgs::set_logo(&app.pool, fx.other, fx.partner, saved, NOW)
        .await
        .is_err());
    assert!(!path.exists());
    let rows: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM files")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(rows, 0);
}

#[tokio::test]
async fn document_versions_are_numbered_once_each_even_when_uploaded_at_once() {
    let app = TestApp::new().await;
    let admin = account(&app, ADMIN, "Admin", Role::Admin).await;
    let pdf = || files::pdf(crate::demo::community_pdf("Strategy")).unwrap();
    let first = files::save(&app.pool, pdf()).await.unwrap();
    let (doc, v1) = documents::upload(
        &app.pool,
        None,
        "Strategy",
        DocAudience::Public,
        "",
        "s.pdf",
        first,
        admin,
        NOW,
    )
    .await
    .unwrap();
    assert_eq!(v1, 1);
    let mut uploads = Vec::new();
    for _ in 0..5 {
        uploads.push(files::save(&app.pool, pdf()).await.unwrap());
    }
    let done = futures_util::future::join_all(uploads.into_iter().map(|f| {
        documents::upload(
            &app.pool,
            Some(doc),
            "Strategy",
            DocAudience::Partners,
            "again",
            "s.pdf",
            f,
            admin,
            NOW,
        )
    }))
    .await;
    let mut versions: Vec<i64> = done.into_iter().map(|r| r.unwrap().1).collect();
    versions.sort();
    assert_eq!(versions, [2, 3, 4, 5, 6]);
    // every version follows the document's audience: partners only now
    assert!(documents::list(&app.pool, false).await.unwrap().is_empty());
    let all = documents::list(&app.pool, true).await.unwrap();
    assert_eq!(all[0].versions.len(), 6);
    let public: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM files WHERE audience = 'public'")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(public, 0);
}

// ---- through the router -------------------------------------------------------------------

#[tokio::test]
async fn the_directory_page_filters_and_draws_its_charts_with_tables_without_javascript() {
    let mut app = TestApp::new().await;
    let admin = Writer {
        id: account(&app, ADMIN, "Admin", Role::Admin).await,
        admin: true,
    };
    for (i, (n, region, year)) in [
        ("Alpha", "naryn", 2022),
        ("Beta", "talas", 2023),
        ("Gamma", "naryn", 2023),
    ]
    .iter()
    .enumerate()
    {
        orgs::create(
            &app.pool,
            admin,
            &org(n, "ngo", region, *year),
            NOW + i as i64 * 1000,
        )
        .await
        .unwrap();
    }
    let page = app.get("/community?region=naryn").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains(">Alpha<")
            && page.body.contains(">Gamma<")
            && !page.body.contains(">Beta<")
    );
    assert!(page.body.contains("2 organisations found"));
    // three charts, each an SVG with a title and description, and its table
    assert_eq!(page.body.matches("<svg role=\"img\"").count(), 3);
    assert!(
        page.body
            .contains("<desc id=\"growth-d\">2022: 1; 2023: 3</desc>"),
        "{}",
        page.body
    );
    assert!(page.body.contains("<th scope=\"row\" class=\"pr-4 text-left font-normal\">2023</th><td class=\"pr-4 text-right tabular-nums\">2</td><td class=\"pr-4 text-right tabular-nums\">3</td>"));
    // hostile filters are just text that matches nothing
    let page = app
        .get("/community?q=%3Cscript%3E&kind=%27%20OR%201%3D1&page=-5")
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("0 organisations found"));
    // typed back into the search field, as text
    assert!(
        page.body.contains("value=\"&lt;script&gt;\""),
        "{}",
        page.body
    );
}

#[tokio::test]
async fn logos_are_checked_resized_and_served_only_to_who_may_see_them() {
    let mut app = TestApp::new().await;
    let fx = fixture(&app).await;
    signed_up(&app, "m@example.kg", "Mentee", Role::Mentee).await;
    // a mentee, or the partner on an organisation she does not represent: 404, nothing kept
    app.as_user("m@example.kg").await;
    let res = app
        .post_multipart(
            &format!("/community/{}/logo", fx.mine),
            &[],
            Some(("file", "l.png", &png(300, 300))),
        )
        .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    app.as_user("partner@example.kg").await;
    let res = app
        .post_multipart(
            &format!("/community/{}/logo", fx.other),
            &[],
            Some(("file", "l.png", &png(300, 300))),
        )
        .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    // not an image, too big: back to the form with the reason
    for (bytes, says) in [
        (
            b"<svg onload=alert(1)>".to_vec(),
            "is not a PNG, JPEG or WebP image",
        ),
        (vec![0u8; super::IMAGE_MAX + 10], "larger than 1 MB"),
    ] {
        let res = app
            .post_multipart(
                &format!("/community/{}/logo", fx.mine),
                &[],
                Some(("file", "x.png", &bytes)),
            )
            .await;
        assert_eq!(res.status, StatusCode::SEE_OTHER);
        let page = app.follow(res).await;
        assert!(page.body.contains(says), "{says}");
    }
    let rows: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM files")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(rows, 0);
    // an image: resized, waiting with her changes, visible to her and administrators only
    let res = app
        .post_multipart(
            &format!("/community/{}/logo", fx.mine),
            &[],
            Some(("file", "l.png", &png(600, 300))),
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    let name: String = sqlx::query_scalar("SELECT logo FROM organisation_edits")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let url = format!("/files/{name}");
    let mine = app.get(&url).await;
    assert_eq!(mine.status, StatusCode::OK);
    assert_eq!(mine.headers[header::CONTENT_TYPE], "image/webp");
    assert_eq!(mine.headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
    assert_eq!(mine.headers[header::CACHE_CONTROL], "private, no-store");
    app.clear_cookies();
    assert_eq!(app.get(&url).await.status, StatusCode::NOT_FOUND);
    // approved: public, cached for a day, 160 wide
    let (_, edits) = orgs::waiting(&app.pool, 10).await.unwrap();
    orgs::decide_edit(
        &app.pool,
        edits[0].0.id,
        edits[0].0.submitted_at,
        true,
        "",
        NOW + 5,
    )
    .await
    .unwrap();
    let public = app.get(&url).await;
    assert_eq!(public.status, StatusCode::OK);
    assert_eq!(
        public.headers[header::CACHE_CONTROL],
        "public, max-age=86400"
    );
    assert!(app
        .get(&format!("/community/{}", fx.mine))
        .await
        .body
        .contains(&url));
    let bytes = tokio::fs::read(files::folder(&app.pool).join(&name))
        .await
        .unwrap();
    let img = image::load_from_memory(&bytes).unwrap();
    assert_eq!((img.width(), img.height()), (160, 80));
    // names the server did not generate never reach the disk
    for bad in [
        "/files/..%2F..%2Fstem4all.db",
        "/files/x.pdf",
        "/files/0123456789abcdef0123456789abcdef.webp",
    ] {
        assert_eq!(app.get(bad).await.status, StatusCode::NOT_FOUND, "{bad}");
    }
}

#[tokio::test]
async fn documents_are_pdfs_served_as_downloads_to_their_audience() {
    let mut app = TestApp::new().await;
    let fx = fixture(&app).await;
    signed_up(&app, "m@example.kg", "Mentee", Role::Mentee).await;
    let pdf = crate::demo::community_pdf("Strategy");
    // only administrators upload
    app.as_user("partner@example.kg").await;
    let fields = [
        ("document_id", ""),
        ("title", "Стратегия"),
        ("audience", "partners"),
        ("note", ""),
    ];
    let res = app
        .post_multipart(
            "/community/documents",
            &fields,
            Some(("file", "Стратегия 2024.pdf", &pdf)),
        )
        .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    crate::testing::as_admin(&mut app).await;
    // not a PDF (an HTML page named .pdf): refused, nothing stored
    let res = app
        .post_multipart(
            "/community/documents",
            &fields,
            Some(("file", "evil.pdf", b"<html><script>x</script>%%EOF")),
        )
        .await;
    let page = app.follow(res).await;
    assert!(page.body.contains("This file is not a PDF."));
    let res = app
        .post_multipart(
            "/community/documents",
            &fields,
            Some(("file", "Стратегия 2024.pdf", &pdf)),
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    let page = app.follow(res).await;
    assert!(page.body.contains("Uploaded as version 1."));
    let file: String = sqlx::query_scalar("SELECT file FROM document_versions")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let url = format!("/files/{file}");
    let got = app.get(&url).await;
    assert_eq!(got.status, StatusCode::OK);
    assert_eq!(got.headers[header::CONTENT_TYPE], "application/pdf");
    let disposition = got.headers[header::CONTENT_DISPOSITION].to_str().unwrap();
    assert!(
        disposition.starts_with("attachment; filename=\""),
        "{disposition}"
    );
    assert!(
        disposition.contains("filename*=UTF-8''%D0%A1"),
        "{disposition}"
    );
    // partners only: a partner downloads it, a mentee and a visitor get 404 and do not see it
    app.as_user("partner@example.kg").await;
    assert_eq!(app.get(&url).await.status, StatusCode::OK);
    assert!(app
        .get("/community/documents")
        .await
        .body
        .contains("Стратегия"));
    app.as_user("m@example.kg").await;
    assert_eq!(app.get(&url).await.status, StatusCode::NOT_FOUND);
    assert!(!app
        .get("/community/documents")
        .await
        .body
        .contains("Стратегия"));
    app.clear_cookies();
    assert_eq!(app.get(&url).await.status, StatusCode::NOT_FOUND);
    let _ = fx;
}

#[tokio::test]
async fn forms_refuse_bad_input_with_a_message_and_change_nothing() {
    let mut app = TestApp::new().await;
    let fx = fixture(&app).await;
    app.as_user("partner@example.kg").await;
    // an edit to an organisation she does not represent: 404
    let fields = [
        ("org_id", fx.other.to_string()),
        ("name_en", "Mine now".to_string()),
        ("kind", "ngo".to_string()),
        ("region", "naryn".to_string()),
        ("joined_year", "2022".to_string()),
    ];
    let f: Vec<(&str, &str)> = fields.iter().map(|(a, b)| (*a, b.as_str())).collect();
    let res = app.post_fetch("/api/save_organisation", &f).await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    // her own with a year ahead and a script for a website: back with both messages
    let bad = [
        ("org_id", fx.mine.to_string()),
        ("name_en", "Tech Ayim".to_string()),
        ("kind", "ngo".to_string()),
        ("region", "naryn".to_string()),
        ("joined_year", "2999".to_string()),
        ("website", "javascript:alert(1)".to_string()),
    ];
    let f: Vec<(&str, &str)> = bad.iter().map(|(a, b)| (*a, b.as_str())).collect();
    let res = app.post_form("/api/save_organisation", &f).await;
    let page = app.follow(res).await;
    assert!(page
        .body
        .contains("Enter a website address like https://example.kg."));
    assert!(page.body.contains("Enter a whole number from 2015 to"));
    let edits: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM organisation_edits")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(edits, 0);
    // an initiative with one organisation, ending before it starts: refused for administrators
    crate::testing::as_admin(&mut app).await;
    let mine = fx.mine.to_string();
    let res = app
        .post_form(
            "/api/save_initiative",
            &[
                ("title", "Solo"),
                ("status", "planned"),
                ("starts_on", "2025-05-01"),
                ("ends_on", "2025-04-01"),
                ("orgs[]", &mine),
            ],
        )
        .await;
    let page = app.follow(res).await;
    assert!(page.body.contains("Choose at least two organisations."));
    assert!(page
        .body
        .contains("The end date cannot be before the start date."));
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM initiatives")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(n, 0);
}

#[tokio::test]
async fn a_partner_edits_through_the_pages_and_an_administrator_approves_in_the_queue() {
    let mut app = TestApp::new().await;
    let fx = fixture(&app).await;
    app.as_user("partner@example.kg").await;
    let mine = fx.mine.to_string();
    let res = app
        .post_form(
            "/api/save_organisation",
            &[
                ("org_id", &mine),
                ("name_en", "Tech Ayim Foundation"),
                ("kind", "ngo"),
                ("region", "naryn"),
                ("joined_year", "2022"),
                ("fields[]", "1"),
                ("fields[]", "8"),
            ],
        )
        .await;
    let page = app.follow(res).await;
    assert!(page
        .body
        .contains("An administrator checks the change before it shows."));
    assert!(page.body.contains("data-testid=\"edit-status\""));
    // the queue is for administrators only
    assert_eq!(
        app.get("/admin/community").await.status,
        StatusCode::NOT_FOUND
    );
    crate::testing::as_admin(&mut app).await;
    let queue = app.get("/admin/community").await;
    assert!(
        queue.body.contains("Tech Ayim Foundation")
            && queue.body.contains("data-testid=\"queue-edit\"")
    );
    let (_, edits) = orgs::waiting(&app.pool, 10).await.unwrap();
    let (id, seen) = (
        edits[0].0.id.to_string(),
        edits[0].0.submitted_at.to_string(),
    );
    // refusing needs a reason
    let res = app
        .post_form(
            "/api/community_decide",
            &[
                ("kind", "edit"),
                ("id", &id),
                ("seen", &seen),
                ("decision", "reject"),
                ("reason", ""),
            ],
        )
        .await;
    assert!(app
        .follow(res)
        .await
        .body
        .contains("This field is required."));
    let res = app
        .post_form(
            "/api/community_decide",
            &[
                ("kind", "edit"),
                ("id", &id),
                ("seen", &seen),
                ("decision", "approve"),
            ],
        )
        .await;
    assert!(app
        .follow(res)
        .await
        .body
        .contains("data-testid=\"queue-empty\""));
    app.clear_cookies();
    let page = app.get(&format!("/community/{mine}")).await;
    assert!(page.body.contains("Tech Ayim Foundation"));
    assert!(page.body.contains("Electronics and robotics"));
}

#[tokio::test]
async fn a_nomination_names_a_listed_organisation_or_practice() {
    let app = TestApp::new().await;
    let fx = fixture(&app).await;
    let award = crate::awards::store_tests::fixture(&app).await;
    let (partners_cat, mentee) = (award.cats[2], award.mentee);
    use crate::awards::store::{nominate, OrgPick};
    nominate(
        &app.pool,
        partners_cat,
        mentee,
        "",
        OrgPick::Organisation(fx.mine),
        "Great clubs.",
        NOW,
    )
    .await
    .unwrap();
    // the same organisation again by the same person: one nomination
    assert!(nominate(
        &app.pool,
        partners_cat,
        mentee,
        "",
        OrgPick::Organisation(fx.mine),
        "Again.",
        NOW
    )
    .await
    .is_err());
    // one not listed (or no such id): refused
    let partner = Writer {
        id: account(&app, "x@example.kg", "X", Role::Partner).await,
        admin: false,
    };
    let pending = orgs::create(
        &app.pool,
        partner,
        &org("Hidden", "ngo", "naryn", 2024),
        NOW,
    )
    .await
    .unwrap();
    assert!(nominate(
        &app.pool,
        partners_cat,
        mentee,
        "",
        OrgPick::Organisation(pending),
        "x",
        NOW
    )
    .await
    .is_err());
    assert!(nominate(
        &app.pool,
        partners_cat,
        mentee,
        "",
        OrgPick::Practice(999),
        "x",
        NOW
    )
    .await
    .is_err());
    let (org_id, name): (Option<i64>, String) =
        sqlx::query_as("SELECT organisation_id, org_name FROM award_nominations")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!((org_id, name.as_str()), (Some(fx.mine), "Tech Ayim"));
}

#[tokio::test]
async fn a_garbled_or_cut_upload_is_a_400_and_stores_nothing() {
    use axum::body::Body;
    use axum::http::Request;
    let mut app = TestApp::new().await;
    let fx = fixture(&app).await;
    crate::testing::as_admin(&mut app).await;
    let cut = b"--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n\r\n%PDF-1.4 and then the link dropped".to_vec();
    for (path, body, kind) in [
        (
            "/community/documents".to_string(),
            cut.clone(),
            "multipart/form-data; boundary=XyZ",
        ),
        (
            format!("/community/{}/logo", fx.mine),
            cut,
            "multipart/form-data; boundary=XyZ",
        ),
        (
            "/community/documents".to_string(),
            b"name=x".to_vec(),
            "application/x-www-form-urlencoded",
        ),
        (
            format!("/community/{}/logo", fx.mine),
            vec![0xff; 64],
            "multipart/form-data",
        ),
    ] {
        let req = Request::post(&path)
            .header(header::CONTENT_TYPE, kind)
            .header(header::ORIGIN, "http://localhost")
            .body(Body::from(body))
            .unwrap();
        let res = app.send(req).await;
        assert_eq!(res.status, StatusCode::BAD_REQUEST, "{path}");
    }
    let rows: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM files")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(rows, 0);
    let on_disk = std::fs::read_dir(files::folder(&app.pool))
        .map(|d| d.count())
        .unwrap_or(0);
    assert_eq!(on_disk, 0);
}

#[tokio::test]
async fn a_logo_alone_changes_only_the_logo_and_a_replaced_one_stops_being_public() {
    let app = TestApp::new().await;
    let fx = fixture(&app).await;
    let logo = || async {
        files::save(
            &app.pool,
            files::picture(png(20, 20), files::Kept::Logo)
                .await
                .unwrap(),
        )
        .await
        .unwrap()
    };
    // an administrator's logo shows at once
    let first = logo().await;
    let first_name = first.name.clone();
    assert!(!orgs::set_logo(&app.pool, fx.mine, fx.admin, first, NOW)
        .await
        .unwrap());
    // the partner proposes a logo alone; meanwhile an administrator corrects the texts
    let second = logo().await;
    let second_name = second.name.clone();
    assert!(
        orgs::set_logo(&app.pool, fx.mine, fx.partner, second, NOW + 1)
            .await
            .unwrap()
    );
    orgs::save(
        &app.pool,
        fx.mine,
        fx.admin,
        &org("Tech Ayim (corrected)", "ngo", "naryn", 2022),
        NOW + 2,
    )
    .await
    .unwrap();
    let (_, edits) = orgs::waiting(&app.pool, 10).await.unwrap();
    assert_eq!(edits[0].0.proposed, None);
    orgs::decide_edit(
        &app.pool,
        edits[0].0.id,
        edits[0].0.submitted_at,
        true,
        "",
        NOW + 3,
    )
    .await
    .unwrap();
    let page = orgs::page(&app.pool, fx.mine, None, Locale::En)
        .await
        .unwrap();
    assert_eq!(
        (page.org.names.name_en.as_str(), page.org.logo.as_deref()),
        ("Tech Ayim (corrected)", Some(second_name.as_str()))
    );
    let audience = |name: String| {
        let pool = app.pool.clone();
        async move {
            sqlx::query_scalar::<_, String>("SELECT audience FROM files WHERE name = ?")
                .bind(name)
                .fetch_one(&pool)
                .await
                .unwrap()
        }
    };
    assert_eq!(audience(first_name).await, "review");
    assert_eq!(audience(second_name).await, "public");
}

#[tokio::test]
async fn linking_invites_a_new_partner_and_refuses_anyone_elses_account() {
    let app = TestApp::new().await;
    let fx = fixture(&app).await;
    account(&app, "mentee@example.kg", "Mentee", Role::Mentee).await;
    let other = orgs::link(
        &app.pool,
        fx.other,
        "mentee@example.kg",
        (1, Locale::En),
        NOW,
    )
    .await;
    assert_eq!(
        rule_key(other.unwrap_err()),
        crate::i18n::k::COMMUNITY_ERR_NOT_PARTNER
    );
    assert!(
        orgs::link(&app.pool, fx.other, "new@kelechek.kg", (1, Locale::Ru), NOW)
            .await
            .unwrap()
    );
    let (role, confirmed): (String, Option<i64>) = sqlx::query_as(
        "SELECT role, email_confirmed_at FROM accounts WHERE email = 'new@kelechek.kg'",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!((role.as_str(), confirmed), ("partner", None));
    let subject: String =
        sqlx::query_scalar("SELECT subject FROM email_outbox WHERE to_address = 'new@kelechek.kg'")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(subject, "Приглашение в сообщество практик STEM4ALL");
    // linking her again (to another organisation) moves her, with no second invitation
    assert!(
        !orgs::link(&app.pool, fx.mine, "new@kelechek.kg", (1, Locale::Ru), NOW)
            .await
            .unwrap()
    );
    let partners = orgs::page(&app.pool, fx.mine, Some(fx.admin), Locale::En)
        .await
        .unwrap()
        .partners;
    assert_eq!(partners.len(), 2);
}

#[tokio::test]
async fn a_partner_meets_a_daily_upload_limit_and_a_waiting_practices_limit() {
    let app = TestApp::new().await;
    let fx = fixture(&app).await;
    for i in 0..files::UPLOADS_PER_DAY {
        let f = files::save(
            &app.pool,
            files::picture(png(8, 8), files::Kept::Logo).await.unwrap(),
        )
        .await
        .unwrap();
        orgs::set_logo(&app.pool, fx.mine, fx.partner, f, NOW + i)
            .await
            .unwrap();
    }
    assert_eq!(
        rule_key(
            orgs::may_upload(&app.pool, fx.mine, fx.partner, NOW + 100)
                .await
                .unwrap_err()
        ),
        crate::i18n::k::COMMUNITY_ERR_QUOTA
    );
    let f = files::save(
        &app.pool,
        files::picture(png(8, 8), files::Kept::Logo).await.unwrap(),
    )
    .await
    .unwrap();
    assert_eq!(
        rule_key(
            orgs::set_logo(&app.pool, fx.mine, fx.partner, f, NOW + 100)
                .await
                .unwrap_err()
        ),
        crate::i18n::k::COMMUNITY_ERR_QUOTA
    );
    // a day later she uploads again; administrators have no such limit
    assert!(
        orgs::may_upload(&app.pool, fx.mine, fx.partner, NOW + 86_500)
            .await
            .is_ok()
    );
    assert!(orgs::may_upload(&app.pool, fx.mine, fx.admin, NOW + 100)
        .await
        .is_ok());
    for i in 0..super::practices::store::WAITING_MAX {
        let form = PracticeFields {
            title: format!("Practice {i}"),
            summary: "S".into(),
            body: "B".into(),
            region: "naryn".into(),
            audience: "students".into(),
            results: String::new(),
        };
        practices::save(
            &app.pool,
            None,
            None,
            fx.partner,
            &form.check().unwrap(),
            NOW,
        )
        .await
        .unwrap();
    }
    let form = PracticeFields {
        title: "One more".into(),
        summary: "S".into(),
        body: "B".into(),
        region: "naryn".into(),
        audience: "students".into(),
        results: String::new(),
    };
    let more = practices::save(
        &app.pool,
        None,
        None,
        fx.partner,
        &form.check().unwrap(),
        NOW,
    )
    .await;
    assert_eq!(
        rule_key(more.unwrap_err()),
        crate::i18n::k::PRACTICE_ERR_WAITING
    );
}

#[tokio::test]
async fn the_nomination_form_offers_the_directory_and_refuses_a_malformed_pick() {
    use crate::awards::{store as awards, Phase, Schedule};
    let mut app = TestApp::new().await;
    let fx = fixture(&app).await;
    let now = crate::db::now();
    let cycle = awards::create_cycle(
        &app.pool,
        "Award",
        Schedule {
            nominations_until: now + 10 * 86_400,
            voting_until: now + 20 * 86_400,
        },
        &["best_mentor", "community_partner"],
        fx.admin.id,
        now,
    )
    .await
    .unwrap();
    awards::advance(&app.pool, cycle, Phase::Draft, fx.admin.id, now)
        .await
        .unwrap();
    let category: i64 = sqlx::query_scalar(
        "SELECT id FROM award_categories WHERE cycle_id = ? AND code = 'community_partner'",
    )
    .bind(cycle)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    signed_up(&app, "n@example.kg", "Nominator", Role::Mentee).await;
    app.as_user("n@example.kg").await;
    let page = app.get(&format!("/awards/{cycle}")).await;
    assert!(
        page.body.contains(&format!("value=\"org:{}\"", fx.mine)),
        "the directory is offered"
    );
    let (cycle_s, category_s) = (cycle.to_string(), category.to_string());
    for bad in ["org:../1", "org:", "person:1", "practice:1\n"] {
        let res = app
            .post_fetch(
                "/api/award_nominate",
                &[
                    ("cycle_id", &cycle_s),
                    ("category_id", &category_s),
                    ("listed", bad),
                    ("reason", "Clubs"),
                ],
            )
            .await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{bad}");
    }
    // a name not listed: contact details are refused
    let res = app
        .post_fetch(
            "/api/award_nominate",
            &[
                ("cycle_id", &cycle_s),
                ("category_id", &category_s),
                ("org_name", "Call +996 555 123 456"),
                ("reason", "Clubs"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM award_nominations")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(n, 0);
    let listed = format!("org:{}", fx.mine);
    let res = app
        .post_form(
            "/api/award_nominate",
            &[
                ("cycle_id", &cycle_s),
                ("category_id", &category_s),
                ("listed", &listed),
                ("reason", "Robotics clubs"),
            ],
        )
        .await;
    let page = app.follow(res).await;
    assert!(page.body.contains("Tech Ayim"));
    let org: Option<i64> = sqlx::query_scalar("SELECT organisation_id FROM award_nominations")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(org, Some(fx.mine));
}
