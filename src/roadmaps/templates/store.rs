//! SQL for roadmap templates. Starting a roadmap from one copies its steps inside the roadmap's
//! own write (`roadmaps::store::create` reads them with [`steps_to_copy`] in its transaction).
use super::*;
use crate::db::{StoreResult, NOT_FOUND};
use crate::i18n::Locale;
use sqlx::{SqliteConnection, SqlitePool};

/// Every template with its number of steps: those in `first` (the reader's language) first,
/// then by language and title.
pub(crate) async fn templates(
    pool: &SqlitePool,
    first: Locale,
) -> sqlx::Result<Vec<TemplateSummary>> {
    sqlx::query_as(
        "SELECT t.id, t.title, t.description, t.language, (SELECT COUNT(*) FROM roadmap_template_steps s WHERE s.template_id = t.id) AS steps \
         FROM roadmap_templates t ORDER BY t.language <> ?, t.language, t.title, t.id",
    )
    .bind(first.code())
    .fetch_all(pool)
    .await
}

/// A step of some template.
#[derive(sqlx::FromRow)]
struct TemplateStepRow {
    template_id: i64,
    #[sqlx(flatten)]
    step: TemplateStep,
}

/// Every template with its steps, for the administrators' page (two queries), those in
/// `first` first.
pub(super) async fn templates_with_steps(
    pool: &SqlitePool,
    first: Locale,
) -> sqlx::Result<Vec<TemplateView>> {
    let steps: Vec<TemplateStepRow> = sqlx::query_as(
        "SELECT template_id, title, criterion, due_in_days FROM roadmap_template_steps ORDER BY template_id, position, id",
    )
    .fetch_all(pool)
    .await?;
    Ok(templates(pool, first)
        .await?
        .into_iter()
        .map(|t| TemplateView {
            steps: steps
                .iter()
                .filter(|s| s.template_id == t.id)
                .map(|s| s.step.clone())
                .collect(),
            id: t.id,
            title: t.title,
            description: t.description,
            language: t.language,
        })
        .collect())
}

/// A template's steps in order, for copying into a new roadmap on the caller's connection (the
/// roadmap's own write transaction, so the copy and the roadmap are one write); `None` when
/// there is no template with that id.
pub(crate) async fn steps_to_copy(
    conn: &mut SqliteConnection,
    id: i64,
) -> sqlx::Result<Option<Vec<TemplateStep>>> {
    let exists: bool =
        sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM roadmap_templates WHERE id = ?)")
            .bind(id)
            .fetch_one(&mut *conn)
            .await?;
    if !exists {
        return Ok(None);
    }
    let steps: Vec<TemplateStep> = sqlx::query_as(
        "SELECT title, criterion, due_in_days FROM roadmap_template_steps WHERE template_id = ? ORDER BY position, id",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    Ok(Some(steps))
}

/// Creates (`id` None) or replaces a template and returns its id; [`NOT_FOUND`] when there is
/// no template with that id (nothing written).
pub(crate) async fn save_template(
    pool: &SqlitePool,
    id: Option<i64>,
    title: &str,
    description: &str,
    language: Locale,
    steps: &[TemplateStep],
    now: i64,
) -> StoreResult<i64> {
    let mut tx = crate::db::begin_immediate(pool).await?;
    let id = match id {
        Some(id) => {
            let r = sqlx::query("UPDATE roadmap_templates SET title = ?, description = ?, language = ?, updated_at = ? WHERE id = ?")
                .bind(title)
                .bind(description)
                .bind(language.code())
                .bind(now)
                .bind(id)
                .execute(&mut *tx)
                .await?;
            if r.rows_affected() == 0 {
                return Err(NOT_FOUND);
            }
            sqlx::query("DELETE FROM roadmap_template_steps WHERE template_id = ?")
                .bind(id)
                .execute(&mut *tx)
                .await?;
            id
        }
        None => {
            sqlx::query_scalar(
                "INSERT INTO roadmap_templates (title, description, language, created_at, updated_at) VALUES (?, ?, ?, ?, ?) RETURNING id",
            )
            .bind(title)
            .bind(description)
            .bind(language.code())
            .bind(now)
            .bind(now)
            .fetch_one(&mut *tx)
            .await?
        }
    };
    for (i, s) in steps.iter().enumerate() {
        sqlx::query(
            "INSERT INTO roadmap_template_steps (template_id, position, title, criterion, due_in_days) VALUES (?, ?, ?, ?, ?)",
        )
        .bind(id)
        .bind(i as i64 + 1)
        .bind(&s.title)
        .bind(&s.criterion)
        .bind(s.due_in_days)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(id)
}

/// Deletes a template and its steps (roadmaps started from it keep their copies);
/// `Err(NOT_FOUND)` when there is no template with that id.
pub(super) async fn delete_template(pool: &SqlitePool, id: i64) -> StoreResult<()> {
    let r = sqlx::query("DELETE FROM roadmap_templates WHERE id = ?")
        .bind(id)
        .execute(pool)
        .await?;
    if r.rows_affected() == 0 {
        return Err(NOT_FOUND);
    }
    Ok(())
}
