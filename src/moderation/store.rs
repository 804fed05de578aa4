//! SQL for held texts: put a text that carries contact details aside in the writer's
//! transaction, list what waits, and decide.
use super::{Channel, HeldText};
use crate::db::{StoreResult, NOT_FOUND};
use crate::safeguard::{contains_contact, HELD, REMOVED};
use sqlx::{SqliteConnection, SqlitePool};

/// Inside the transaction that just wrote `text` into `channel`'s column of row `item`: when it
/// carries contact details, the text moves to the held queue and [`HELD`] takes its place.
/// Gives whether it was held. Empty texts and texts already [`HELD`] pass.
pub async fn screen(
    conn: &mut SqliteConnection,
    channel: Channel,
    item: i64,
    author: i64,
    text: &str,
    now: i64,
) -> sqlx::Result<bool> {
    if text.is_empty() || !contains_contact(text) {
        return Ok(false);
    }
    let (table, column) = channel.place();
    // `table` and `column` come from the fixed list in `Channel::place`, never from input
    sqlx::query(&format!("UPDATE {table} SET {column} = ? WHERE id = ?"))
        .bind(HELD)
        .bind(item)
        .execute(&mut *conn)
        .await?;
    sqlx::query(
        "INSERT INTO held_texts (channel, item_id, author_id, text, created_at) VALUES (?, ?, ?, ?, ?) \
         ON CONFLICT (channel, item_id) DO UPDATE SET text = excluded.text, author_id = excluded.author_id, \
           status = 'held', created_at = excluded.created_at, decided_at = NULL, decided_by = NULL",
    )
    .bind(channel.code())
    .bind(item)
    .bind(author)
    .bind(text)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(true)
}

/// A held text's row, with its author's name.
#[derive(sqlx::FromRow)]
struct HeldRow {
    id: i64,
    channel: String,
    author_name: Option<String>,
    text: String,
    created_at: i64,
}

/// What waits for a decision, oldest first (at most `limit`).
pub async fn waiting(pool: &SqlitePool, limit: i64) -> sqlx::Result<Vec<HeldText>> {
    let rows: Vec<HeldRow> = sqlx::query_as(
        "SELECT h.id, h.channel, a.display_name AS author_name, h.text, h.created_at \
         FROM held_texts h LEFT JOIN accounts a ON a.id = h.author_id \
         WHERE h.status = 'held' ORDER BY h.id LIMIT ?",
    )
    .bind(limit)
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            Some(HeldText {
                id: r.id,
                channel: Channel::from_code(&r.channel)?,
                author_name: r.author_name.unwrap_or_default(),
                text: r.text,
                created_at: r.created_at,
            })
        })
        .collect())
}

/// A held text's channel, item and words.
#[derive(sqlx::FromRow)]
struct DecideRow {
    channel: String,
    item_id: i64,
    text: String,
}

/// An administrator's decision: `release` puts the text back in its place, otherwise it is
/// removed (its place says so). A text already decided, or whose place was written again since
/// (the new words were screened on their own), changes nothing there. [`NOT_FOUND`] when
/// nothing waits under `id`.
pub async fn decide(
    pool: &SqlitePool,
    id: i64,
    release: bool,
    admin: i64,
    now: i64,
) -> StoreResult<()> {
    let mut tx = crate::db::begin_immediate(pool).await?;
    let row: Option<DecideRow> = sqlx::query_as(
        "SELECT channel, item_id, text FROM held_texts WHERE id = ? AND status = 'held'",
    )
    .bind(id)
    .fetch_optional(&mut *tx)
    .await?;
    let Some(row) = row else {
        return Err(NOT_FOUND);
    };
    let channel = Channel::from_code(&row.channel).ok_or(NOT_FOUND)?;
    let (table, column) = channel.place();
    sqlx::query(&format!(
        "UPDATE {table} SET {column} = ? WHERE id = ? AND {column} = ?"
    ))
    .bind(if release { row.text.as_str() } else { REMOVED })
    .bind(row.item_id)
    .bind(HELD)
    .execute(&mut *tx)
    .await?;
    sqlx::query("UPDATE held_texts SET status = ?, decided_at = ?, decided_by = ? WHERE id = ?")
        .bind(if release { "released" } else { "removed" })
        .bind(now)
        .bind(admin)
        .bind(id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// `reporter` reports an item (inside the caller's transaction, which has checked that the item
/// exists, that she may see it and that it is not hers). A second report of the same item by
/// the same person is refused, and changes nothing.
pub async fn report(
    conn: &mut SqliteConnection,
    kind: super::ItemKind,
    item: i64,
    reporter: i64,
    reason: super::ReportReason,
    details: &str,
    now: i64,
) -> StoreResult<()> {
    let r = sqlx::query(
        "INSERT INTO reports (item_kind, item_id, reporter_id, reason, details, created_at) VALUES (?, ?, ?, ?, ?, ?) \
         ON CONFLICT (item_kind, item_id, reporter_id) DO NOTHING",
    )
    .bind(kind.code())
    .bind(item)
    .bind(reporter)
    .bind(crate::form::Choice::code(reason))
    .bind(details)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    if r.rows_affected() == 0 {
        return Err(crate::db::rule("reason", crate::i18n::k::REPORT_TWICE));
    }
    // the administrators are told (the in-app notice; its email is capped per hour)
    let admins: Vec<i64> =
        sqlx::query_scalar("SELECT id FROM accounts WHERE role = 'admin' AND suspended_at IS NULL")
            .fetch_all(&mut *conn)
            .await?;
    let n = reports_of(conn, kind, item).await?.to_string();
    for admin in admins {
        crate::notifications::store::notify(
            conn,
            admin,
            crate::notifications::Kind::ReportNew,
            &n,
            "/admin/messages#reports",
            now,
        )
        .await?;
    }
    Ok(())
}

/// How many people reported an item.
async fn reports_of(
    conn: &mut SqliteConnection,
    kind: super::ItemKind,
    item: i64,
) -> sqlx::Result<i64> {
    sqlx::query_scalar("SELECT COUNT(*) FROM reports WHERE item_kind = ? AND item_id = ?")
        .bind(kind.code())
        .bind(item)
        .fetch_one(&mut *conn)
        .await
}

/// Reported items, the most recently reported first (at most `limit`): until the
/// administrators' moderation queue, the list they read beside the held texts.
pub async fn reported(pool: &SqlitePool, limit: i64) -> sqlx::Result<Vec<super::ReportedItem>> {
    let mut out = Vec::new();
    for kind in super::ItemKind::ALL {
        let (table, column, page, parent) = kind.place();
        // `table`, `column` and `parent` come from the fixed list in `ItemKind::place`
        let rows: Vec<super::ReportedItem> = sqlx::query_as(&format!(
            "SELECT r.item_kind, r.item_id, ? || '/' || COALESCE(t.{parent}, 0) AS page, \
               COALESCE(t.{column}, '') AS text, COUNT(*) AS reports, \
               (SELECT reason FROM reports l WHERE l.item_kind = r.item_kind AND l.item_id = r.item_id ORDER BY l.id DESC LIMIT 1) AS reason, \
               (SELECT details FROM reports l WHERE l.item_kind = r.item_kind AND l.item_id = r.item_id ORDER BY l.id DESC LIMIT 1) AS details, \
               MAX(r.created_at) AS last_at \
             FROM reports r LEFT JOIN {table} t ON t.id = r.item_id WHERE r.item_kind = ? \
             GROUP BY r.item_kind, r.item_id ORDER BY last_at DESC LIMIT ?"
        ))
        .bind(page)
        .bind(kind.code())
        .bind(limit)
        .fetch_all(pool)
        .await?;
        out.extend(rows);
    }
    out.sort_by_key(|r| std::cmp::Reverse(r.last_at));
    out.truncate(limit as usize);
    Ok(out)
}
