//! Templates against a real SQLite with the real migrations (which seed a few). Starting a
//! roadmap from one is tested with the roadmaps (`roadmaps/store_tests.rs`).
use super::*;
use crate::i18n::Locale;
use crate::testing::TestApp;

/// 2026-11-27
const NOW: i64 = 20_784 * 86_400;

#[tokio::test]
async fn templates_are_saved_listed_and_deleted() {
    let app = TestApp::new().await;
    let seeded = store::templates(&app.pool, Locale::En).await.unwrap().len();
    let steps = parse_template_steps("Visit a mine | notes written | 60\nRead a book").unwrap();
    let id = store::save_template(&app.pool, None, "Geologist", "", Locale::En, &steps, NOW)
        .await
        .unwrap();
    let all = store::templates_with_steps(&app.pool, Locale::En)
        .await
        .unwrap();
    assert_eq!(all.len(), seeded + 1);
    assert_eq!(all.iter().find(|t| t.id == id).unwrap().steps, steps);
    // replacing a template that is not there writes nothing
    assert_eq!(
        store::save_template(
            &app.pool,
            Some(id + 1_000),
            "Ghost",
            "",
            Locale::En,
            &steps,
            NOW
        )
        .await,
        Err(crate::db::NOT_FOUND)
    );
    // deleted once; a second time it is not found
    store::delete_template(&app.pool, id).await.unwrap();
    assert_eq!(
        store::delete_template(&app.pool, id).await,
        Err(crate::db::NOT_FOUND)
    );
    assert_eq!(
        store::templates(&app.pool, Locale::En).await.unwrap().len(),
        seeded
    );
}

#[tokio::test]
async fn the_four_starting_templates_exist_in_every_language_and_hers_come_first() {
    let app = TestApp::new().await;
    for first in Locale::ALL {
        let list = store::templates(&app.pool, first).await.unwrap();
        assert_eq!(list.len(), 12);
        assert!(
            list[..4].iter().all(|t| t.language == first.code()),
            "{first:?}"
        );
        assert!(list[4..].iter().all(|t| t.language != first.code()));
        // each version has its four steps, in its own language
        assert!(list.iter().all(|t| t.steps == 4));
    }
    let ru = store::templates(&app.pool, Locale::Ru).await.unwrap();
    assert!(ru.iter().any(|t| t.title == "Аналитик данных"));
    let ky = store::templates_with_steps(&app.pool, Locale::Ky)
        .await
        .unwrap();
    assert!(ky[0].steps.iter().all(|s| s
        .title
        .chars()
        .any(|c| ('а'..='я').contains(&c.to_lowercase().next().unwrap()) || "өүң".contains(c))));
}
