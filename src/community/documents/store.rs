//! SQL for documents and their versions. A new version is numbered in the write that adds
//! it (one after the highest), so two uploads at once get two numbers.
use super::*;
use crate::community::files::{self, FileAudience, Saved};
use crate::db::{StoreResult, NOT_FOUND};
use crate::form::Choice;
use sqlx::SqlitePool;

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    title: String,
    audience: String,
}

#[derive(sqlx::FromRow)]
struct VersionOf {
    document_id: i64,
    #[sqlx(flatten)]
    version: Version,
}

/// The documents `partner` (a partner or an administrator) may see: all of them; anyone
/// else, the public ones. Each with its versions, newest first.
pub async fn list(pool: &SqlitePool, partner: bool) -> sqlx::Result<Vec<Document>> {
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT id, title, audience FROM documents WHERE ? OR audience = 'public' ORDER BY updated_at DESC, id DESC",
    )
    .bind(partner)
    .fetch_all(pool)
    .await?;
    let versions: Vec<VersionOf> = sqlx::query_as(
        "SELECT v.document_id, v.version, v.file, v.file_name, f.size, v.note, v.created_at \
         FROM document_versions v JOIN files f ON f.name = v.file \
         JOIN documents d ON d.id = v.document_id WHERE ? OR d.audience = 'public' \
         ORDER BY v.document_id, v.version DESC",
    )
    .bind(partner)
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| Document {
            versions: versions
                .iter()
                .filter(|v| v.document_id == r.id)
                .map(|v| v.version.clone())
                .collect(),
            id: r.id,
            title: r.title,
            audience: r.audience,
        })
        .collect())
}

fn file_audience(audience: DocAudience) -> FileAudience {
    match audience {
        DocAudience::Public => FileAudience::Public,
        DocAudience::Partners => FileAudience::Partners,
    }
}

/// A new document (`id` `None`) with its first version, or a new version of document `id`;
/// the title and audience given change the document's. Returns the document and the version.
/// The file is kept only if this write commits.
#[allow(clippy::too_many_arguments)]
pub async fn upload(
    pool: &SqlitePool,
    id: Option<i64>,
    title: &str,
    audience: DocAudience,
    note: &str,
    file_name: &str,
    file: Saved,
    by: i64,
    now: i64,
) -> StoreResult<(i64, i64)> {
    let mut tx = crate::db::begin_immediate(pool).await?;
    let result = async {
        let id = match id {
            Some(id) => {
                let done = sqlx::query("UPDATE documents SET title = ?, audience = ?, updated_at = ? WHERE id = ?")
                    .bind(title)
                    .bind(audience.code())
                    .bind(now)
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
                if done.rows_affected() == 0 {
                    return Err(NOT_FOUND);
                }
                id
            }
            None => sqlx::query_scalar(
                "INSERT INTO documents (title, audience, created_at, updated_at) VALUES (?, ?, ?, ?) RETURNING id",
            )
            .bind(title)
            .bind(audience.code())
            .bind(now)
            .bind(now)
            .fetch_one(&mut *tx)
            .await?,
        };
        files::record(&mut tx, &file, file_audience(audience), by, now).await?;
        let version: i64 = sqlx::query_scalar(
            "INSERT INTO document_versions (document_id, version, file, file_name, note, uploaded_by, created_at) \
             VALUES (?, (SELECT COALESCE(MAX(version), 0) + 1 FROM document_versions WHERE document_id = ?), ?, ?, ?, ?, ?) \
             RETURNING version",
        )
        .bind(id)
        .bind(id)
        .bind(&file.name)
        .bind(file_name)
        .bind(note)
        .bind(by)
        .bind(now)
        .fetch_one(&mut *tx)
        .await?;
        // every version follows the document's audience
        sqlx::query(
            "UPDATE files SET audience = ? WHERE name IN (SELECT file FROM document_versions WHERE document_id = ?)",
        )
        .bind(file_audience(audience).code())
        .bind(id)
        .execute(&mut *tx)
        .await?;
        Ok((id, version))
    }
    .await;
    let done = tx.finish(result).await?;
    file.keep();
    Ok(done)
}
