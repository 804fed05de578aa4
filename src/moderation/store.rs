//! SQL for moderation: held texts (put aside in the writer's transaction, listed, decided),
//! reports and their cases (opened, hidden, decided with sanctions, appealed), and the checks
//! other areas' writes make (silences).
use super::{
    AppealOutcome, CaseState, Channel, HeldText, HiddenBecause, ItemKind, Outcome, ReportReason,
    SanctionKind,
};
use crate::audit::{store::Record, Action, Target};
use crate::db::{StoreResult, NOT_FOUND};
use crate::form::Choice;
use crate::i18n::k;
use crate::notifications::Kind;
use crate::safeguard::{contains_contact, HELD, HIDDEN, REMOVED};
use sqlx::{SqliteConnection, SqlitePool};

/// Where a reportable item lives: its table, the column holding the words (which the hidden
/// marker replaces while it is hidden), the column that finds its row, the column naming its
/// author, and an SQL expression over the row (`t`) giving the page it is on.
pub struct Place {
    pub table: &'static str,
    pub column: &'static str,
    pub key: &'static str,
    pub author: &'static str,
    pub page: &'static str,
    /// an SQL condition over the row (`t`) and the reader (`v.me`): she may see it
    pub visible: String,
}

impl ItemKind {
    /// Where it lives; every name comes from this fixed list, never from input.
    pub fn place(self) -> Place {
        let nominations_shown: String;
        let (table, column, key, author, page, visible) = match self {
            ItemKind::GroupPost => (
                "peer_group_posts",
                "body",
                "id",
                "author_id",
                "'/groups/' || t.group_id",
                "EXISTS (SELECT 1 FROM peer_group_members m WHERE m.group_id = t.group_id AND m.account_id = v.me)",
            ),
            ItemKind::Message => (
                "messages",
                "body",
                "id",
                "sender_id",
                "'/mentorships/' || t.mentorship_id",
                "t.status = 'delivered' AND EXISTS (SELECT 1 FROM mentorships s WHERE s.id = t.mentorship_id \
                 AND v.me IN (s.mentee_id, s.mentor_id))",
            ),
            // comments are between the mentee and her mentors, never shown to other readers
            ItemKind::RoadmapComment => (
                "roadmap_comments",
                "body",
                "id",
                "author_id",
                "'/roadmaps/' || (SELECT s.roadmap_id FROM roadmap_steps s WHERE s.id = t.step_id)",
                "EXISTS (SELECT 1 FROM roadmap_steps s JOIN roadmaps r ON r.id = s.roadmap_id WHERE s.id = t.step_id \
                 AND (r.owner_id = v.me OR (r.visibility IN ('mentor', 'public') \
                 AND EXISTS (SELECT 1 FROM mentorships ms WHERE ms.mentee_id = r.owner_id AND ms.mentor_id = v.me \
                 AND ms.state IN ('active', 'paused')))))",
            ),
            ItemKind::Nomination => {
                // what the award's page shows now (the awards store says)
                // and to its nominee, who reads it on the page in any state
                nominations_shown = format!(
                    "t.nominee_id = v.me OR EXISTS (SELECT 1 FROM award_nominations n WHERE n.id = t.id AND {})",
                    crate::awards::store::shown_now_sql()
                );
                (
                    "award_nominations",
                    "reason",
                    "id",
                    "nominator_id",
                    "'/awards/' || (SELECT c.cycle_id FROM award_categories c WHERE c.id = t.category_id)",
                    nominations_shown.as_str(),
                )
            }
            ItemKind::Practice => (
                "practices",
                "body",
                "id",
                "author_id",
                "'/community/practices/' || t.id",
                "t.status = 'approved'",
            ),
            ItemKind::MentorProfile => (
                "mentor_profiles",
                "bio",
                "account_id",
                "account_id",
                "'/mentors/' || t.account_id",
                "t.approval = 'approved'",
            ),
        };
        Place {
            table,
            column,
            key,
            author,
            page,
            visible: visible.to_string(),
        }
    }
}

/// SQL: whether the viewer (the one `?` it binds) has reported the item of `kind` whose id is
/// the SQL expression `id`. Every page that carries the report form asks this, so the form
/// gives way to the words saying she has.
pub fn reported_sql(kind: ItemKind, id: &str) -> String {
    format!(
        "EXISTS (SELECT 1 FROM reports r WHERE r.item_kind = '{}' AND r.item_id = {id} AND r.reporter_id = ?)",
        kind.code()
    )
}

/// Whether `me` has reported one item ([`reported_sql`]).
pub async fn has_reported(
    pool: &SqlitePool,
    kind: ItemKind,
    item: i64,
    me: i64,
) -> sqlx::Result<bool> {
    sqlx::query_scalar(&format!("SELECT {}", reported_sql(kind, "?")))
        .bind(item)
        .bind(me)
        .fetch_one(pool)
        .await
}

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
    let after = if release { "released" } else { "removed" };
    Record::new(Some(admin), Action::Moderation, Target::HeldText(id))
        .change(&format!("held {}", channel.code()), after)
        .write(&mut tx, now)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// `reporter` reports an item (inside the caller's transaction, which has checked that the item
/// exists, that she may see it and that it is not hers). A second report of the same item by
/// the same person is refused, and changes nothing. The item's case opens (or reopens, after
/// a dismissal); the [`super::HIDE_AFTER_REPORTS`]th person's report, or a "personal
/// information" report from an administrator or a mentor, hides it until it is reviewed, and
/// its author is told.
pub async fn report(
    conn: &mut SqliteConnection,
    kind: ItemKind,
    item: i64,
    reporter: i64,
    reason: ReportReason,
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
    .bind(reason.code())
    .bind(details)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    if r.rows_affected() == 0 {
        return Err(crate::db::rule("reason", k::REPORT_TWICE));
    }
    // a flood from one account meets a limit
    let today: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM reports WHERE reporter_id = ? AND created_at > ?")
            .bind(reporter)
            .bind(now - 86_400)
            .fetch_one(&mut *conn)
            .await?;
    if today > super::REPORTS_PER_DAY {
        return Err(crate::db::rule("reason", k::REPORT_LIMIT));
    }
    let Some(case) = open_case(conn, kind, item, now).await? else {
        // decided against it already (hidden or removed), or an appeal waits: kept, nothing more
        return Ok(());
    };
    // only confirmed accounts count towards hiding, each once
    let reports: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM reports r JOIN accounts a ON a.id = r.reporter_id \
         WHERE r.item_kind = ? AND r.item_id = ? AND r.created_at >= ? AND a.email_confirmed_at IS NOT NULL",
    )
    .bind(kind.code())
    .bind(item)
    .bind(case.opened_at)
    .fetch_one(&mut *conn)
    .await?;
    // an administrator, or a mentor the programme approved, is trusted with personal information
    let trusted: bool = sqlx::query_scalar(
        "SELECT a.email_confirmed_at IS NOT NULL AND a.suspended_at IS NULL AND (a.role = 'admin' OR (a.role = 'mentor' \
         AND EXISTS (SELECT 1 FROM mentor_profiles p WHERE p.account_id = a.id AND p.approval = 'approved'))) \
         FROM accounts a WHERE a.id = ?",
    )
    .bind(reporter)
    .fetch_optional(&mut *conn)
    .await?
    .unwrap_or(false);
    let because = if reason == ReportReason::PersonalInformation && trusted {
        Some(HiddenBecause::Personal)
    } else if reports >= super::HIDE_AFTER_REPORTS {
        Some(HiddenBecause::Reports)
    } else {
        None
    };
    if let (Some(because), false) = (because, case.hidden) {
        hide(conn, kind, item, case.id).await?;
        let hidden = sqlx::query(
            "UPDATE moderation_cases SET hidden_because = ? WHERE id = ? AND hidden = 1",
        )
        .bind(because)
        .bind(case.id)
        .execute(&mut *conn)
        .await?
        .rows_affected()
            > 0;
        if let (true, Some(author)) = (hidden, case.author_id) {
            notify(conn, author, Kind::ContentHidden, case.id, now).await?;
        }
    }
    bump(conn, case.id).await?;
    // the administrators are told (the in-app notice; its email is capped per hour)
    let admins: Vec<i64> =
        sqlx::query_scalar("SELECT id FROM accounts WHERE role = 'admin' AND suspended_at IS NULL")
            .fetch_all(&mut *conn)
            .await?;
    let open: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM moderation_cases WHERE state = 'open'")
            .fetch_one(&mut *conn)
            .await?;
    for admin in admins {
        crate::notifications::store::notify(
            conn,
            admin,
            Kind::ReportNew,
            &open.to_string(),
            "/admin/moderation",
            now,
        )
        .await?;
    }
    Ok(())
}

/// `me` reports an item of any kind she can see and did not write; [`NOT_FOUND`] for one she
/// cannot see (or that does not exist). Gives the page it is on.
pub async fn report_item(
    pool: &SqlitePool,
    kind: ItemKind,
    item: i64,
    me: i64,
    reason: ReportReason,
    details: &str,
    now: i64,
) -> StoreResult<String> {
    let mut tx = crate::db::begin_immediate(pool).await?;
    let p = kind.place();
    // the names and conditions come from `ItemKind::place`, never from input
    let row: Option<(Option<i64>, Option<String>)> = sqlx::query_as(&format!(
        "SELECT t.{author}, {page} FROM {table} t, (SELECT ? AS me) v WHERE t.{key} = ? AND ({visible})",
        author = p.author,
        page = p.page,
        table = p.table,
        key = p.key,
        visible = p.visible
    ))
    .bind(me)
    .bind(item)
    .fetch_optional(&mut *tx)
    .await?;
    let Some((author, page)) = row else {
        return Err(NOT_FOUND);
    };
    if author == Some(me) {
        return Err(crate::db::rule("reason", k::REPORT_OWN));
    }
    report(&mut tx, kind, item, me, reason, details, now).await?;
    tx.commit().await?;
    Ok(page.unwrap_or_else(|| "/".into()))
}

/// A case's row as the store reads it back.
#[derive(sqlx::FromRow)]
struct CaseRow {
    id: i64,
    author_id: Option<i64>,
    snapshot: String,
    state: CaseState,
    hidden: bool,
    outcome: Option<Outcome>,
    version: i64,
    opened_at: i64,
    decided_by: Option<i64>,
    appealed_at: Option<i64>,
    appeal_outcome: Option<AppealOutcome>,
    item_kind: ItemKind,
    item_id: i64,
}

const CASE_ROW: &str =
    "SELECT id, author_id, snapshot, state, hidden, outcome, version, opened_at, \
     decided_by, appealed_at, appeal_outcome, item_kind, item_id FROM moderation_cases";

/// The item's case, opened now if it has none (with the words and author as they are), or
/// reopened if an earlier one was dismissed or restored. None when it stays closed: decided
/// against (hidden or removed), or its author's appeal waits.
async fn open_case(
    conn: &mut SqliteConnection,
    kind: ItemKind,
    item: i64,
    now: i64,
) -> StoreResult<Option<CaseRow>> {
    let existing: Option<CaseRow> =
        sqlx::query_as(&format!("{CASE_ROW} WHERE item_kind = ? AND item_id = ?"))
            .bind(kind.code())
            .bind(item)
            .fetch_optional(&mut *conn)
            .await?;
    match existing {
        Some(c) if c.state == CaseState::Open => return Ok(Some(c)),
        Some(c)
            if matches!(c.outcome, Some(Outcome::Hide | Outcome::Remove))
                || (c.appealed_at.is_some() && c.appeal_outcome.is_none()) =>
        {
            return Ok(None)
        }
        _ => {}
    }
    let p = kind.place();
    // the names come from `ItemKind::place`, never from input
    let (text, author): (String, Option<i64>) = sqlx::query_as(&format!(
        "SELECT {column}, {author} FROM {table} WHERE {key} = ?",
        column = p.column,
        author = p.author,
        table = p.table,
        key = p.key
    ))
    .bind(item)
    .fetch_optional(&mut *conn)
    .await?
    .ok_or(NOT_FOUND)?;
    sqlx::query(
        "INSERT INTO moderation_cases (item_kind, item_id, author_id, snapshot, state, opened_at) \
         VALUES (?, ?, ?, ?, 'open', ?) \
         ON CONFLICT (item_kind, item_id) DO UPDATE SET author_id = excluded.author_id, \
           snapshot = excluded.snapshot, state = 'open', hidden = 0, hidden_because = NULL, \
           outcome = NULL, reason = '', opened_at = excluded.opened_at, decided_at = NULL, \
           decided_by = NULL, appeal = NULL, appealed_at = NULL, appeal_outcome = NULL, \
           appeal_reason = '', appeal_decided_by = NULL, appeal_decided_at = NULL, \
           version = version + 1",
    )
    .bind(kind.code())
    .bind(item)
    .bind(author)
    .bind(&text)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(Some(
        sqlx::query_as(&format!("{CASE_ROW} WHERE item_kind = ? AND item_id = ?"))
            .bind(kind.code())
            .bind(item)
            .fetch_one(&mut *conn)
            .await?,
    ))
}

/// Hides an item: its words move to its case and [`HIDDEN`] takes their place. A place that
/// already shows a notice (held for a safety check, removed, hidden) is left as it is.
async fn hide(
    conn: &mut SqliteConnection,
    kind: ItemKind,
    item: i64,
    case: i64,
) -> sqlx::Result<()> {
    let p = kind.place();
    let text: Option<String> = sqlx::query_scalar(&format!(
        "SELECT {} FROM {} WHERE {} = ?",
        p.column, p.table, p.key
    ))
    .bind(item)
    .fetch_optional(&mut *conn)
    .await?;
    let Some(text) = text.filter(|t| crate::safeguard::shown(t).is_none()) else {
        return Ok(());
    };
    sqlx::query("UPDATE moderation_cases SET snapshot = ?, hidden = 1 WHERE id = ?")
        .bind(&text)
        .bind(case)
        .execute(&mut *conn)
        .await?;
    put(conn, kind, item, HIDDEN, &[text.as_str()]).await?;
    Ok(())
}

/// Writes `text` into an item's place — only where it still holds one of `only` (when given):
/// words written there since are the author's new words, screened on their own. Gives whether
/// it was written. A practice's search text follows its body.
async fn put(
    conn: &mut SqliteConnection,
    kind: ItemKind,
    item: i64,
    text: &str,
    only: &[&str],
) -> sqlx::Result<bool> {
    let p = kind.place();
    let mut sql = format!(
        "UPDATE {} SET {} = ? WHERE {} = ?",
        p.table, p.column, p.key
    );
    if !only.is_empty() {
        let marks = vec!["?"; only.len()].join(", ");
        sql.push_str(&format!(" AND {} IN ({marks})", p.column));
    }
    let mut q = sqlx::query(&sql).bind(text).bind(item);
    for o in only {
        q = q.bind(*o);
    }
    let written = q.execute(&mut *conn).await?.rows_affected() > 0;
    if written && kind == ItemKind::Practice {
        crate::community::practices::store::reindex(conn, item).await?;
    }
    Ok(written)
}

async fn bump(conn: &mut SqliteConnection, case: i64) -> sqlx::Result<()> {
    sqlx::query("UPDATE moderation_cases SET version = version + 1 WHERE id = ?")
        .bind(case)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Tells someone about a case (she reads it on the case's page, in her language).
async fn notify(
    conn: &mut SqliteConnection,
    to: i64,
    kind: Kind,
    case: i64,
    now: i64,
) -> sqlx::Result<()> {
    crate::notifications::store::notify(conn, to, kind, "", &format!("/moderation/{case}"), now)
        .await
}

/// A case under the caller's write; [`NOT_FOUND`] when there is none.
async fn case_row(conn: &mut SqliteConnection, case: i64) -> StoreResult<CaseRow> {
    let row = sqlx::query_as(&format!("{CASE_ROW} WHERE id = ?"))
        .bind(case)
        .fetch_optional(conn)
        .await?;
    row.ok_or(NOT_FOUND)
}

/// An administrator's decision on an open case, made on the `seen` version of it: the outcome
/// with its reason, and perhaps a sanction on the author. A case that moved since (a new
/// report, another administrator's decision) is refused as stale and nothing changes.
pub async fn decide_case(
    pool: &SqlitePool,
    case: i64,
    seen: i64,
    d: &super::Decision,
    admin: i64,
    now: i64,
) -> StoreResult<()> {
    let mut tx = crate::db::begin_immediate(pool).await?;
    let c = case_row(&mut tx, case).await?;
    if c.state != CaseState::Open || c.version != seen {
        return Err(crate::db::stale(k::MOD_ERR_CHANGED));
    }
    let kind = c.item_kind;
    if c.author_id == Some(admin) {
        return Err(crate::db::rule("outcome", k::MOD_ERR_OWN_CASE));
    }
    if d.sanction.is_some() {
        let role: Option<String> = sqlx::query_scalar("SELECT role FROM accounts WHERE id = ?")
            .bind(c.author_id)
            .fetch_optional(&mut *tx)
            .await?;
        match role.as_deref() {
            None => return Err(crate::db::rule("sanction", k::MOD_ERR_NO_AUTHOR)),
            Some("admin") => return Err(crate::db::rule("sanction", k::MOD_ERR_SANCTION_ADMIN)),
            Some(_) => {}
        }
    }
    // the decision lands only on the words the administrator read (or their hidden place):
    // words the author wrote there since are another reading
    let shown = [c.snapshot.as_str(), HIDDEN];
    let hidden = match d.outcome {
        Outcome::Dismiss | Outcome::Restore => {
            if c.hidden {
                put(&mut tx, kind, c.item_id, &c.snapshot, &[HIDDEN]).await?;
            }
            false
        }
        Outcome::Hide => {
            if !c.hidden && !put(&mut tx, kind, c.item_id, HIDDEN, &shown).await? {
                return Err(crate::db::stale(k::MOD_ERR_CHANGED));
            }
            true
        }
        Outcome::Remove => {
            if !put(&mut tx, kind, c.item_id, REMOVED, &shown).await? {
                return Err(crate::db::stale(k::MOD_ERR_CHANGED));
            }
            false
        }
    };
    sqlx::query(
        "UPDATE moderation_cases SET state = 'closed', hidden = ?, outcome = ?, reason = ?, \
         decided_at = ?, decided_by = ?, version = version + 1 WHERE id = ?",
    )
    .bind(hidden)
    .bind(d.outcome)
    .bind(&d.reason)
    .bind(now)
    .bind(admin)
    .bind(case)
    .execute(&mut *tx)
    .await?;
    let before = if c.hidden { "open, hidden" } else { "open" };
    Record::new(Some(admin), Action::Moderation, Target::Case(case))
        .change(before, &format!("{}: {}", d.outcome.code(), d.reason))
        .write(&mut tx, now)
        .await?;
    if let (Some((sanction, ends)), Some(author)) = (d.sanction, c.author_id) {
        sanction_in(
            &mut tx,
            author,
            sanction,
            &d.reason,
            Some(case),
            ends,
            admin,
            now,
        )
        .await?;
    }
    if let Some(author) = c.author_id {
        notify(&mut tx, author, Kind::ContentDecided, case, now).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Puts a sanction on `account` (inside the caller's write): a suspension also ends her
/// sessions at once. Audited.
#[allow(clippy::too_many_arguments)]
async fn sanction_in(
    conn: &mut SqliteConnection,
    account: i64,
    kind: SanctionKind,
    reason: &str,
    case: Option<i64>,
    ends: i64,
    admin: i64,
    now: i64,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO sanctions (account_id, kind, reason, case_id, ends_at, created_by, created_at) \
         VALUES (?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(account)
    .bind(kind.code())
    .bind(reason)
    .bind(case)
    .bind(ends)
    .bind(admin)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    if kind == SanctionKind::Suspension {
        sqlx::query("UPDATE accounts SET suspended_at = COALESCE(suspended_at, ?) WHERE id = ?")
            .bind(now)
            .bind(account)
            .execute(&mut *conn)
            .await?;
        crate::auth::store::end_sessions(conn, account).await?;
    }
    Record::new(Some(admin), Action::Sanction, Target::Account(account))
        .change(
            "",
            &format!(
                "{} until {}: {reason}",
                kind.code(),
                crate::audit::utc(ends)
            ),
        )
        .write(conn, now)
        .await?;
    Ok(())
}

/// The author appeals a decision on her content (once, within [`super::APPEAL_DAYS`]).
/// Someone else's case: [`NOT_FOUND`].
pub async fn appeal(
    pool: &SqlitePool,
    case: i64,
    me: i64,
    text: &str,
    now: i64,
) -> StoreResult<()> {
    let mut tx = crate::db::begin_immediate(pool).await?;
    let c: super::Case = sqlx::query_as(&format!("{CASE_VIEW} WHERE c.id = ? AND c.author_id = ?"))
        .bind(case)
        .bind(me)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(NOT_FOUND)?;
    if c.appealed_at.is_some() {
        return Err(crate::db::rule("appeal", k::MOD_ERR_APPEAL_TWICE));
    }
    if !c.appealable(has_sanction(&mut tx, case).await?, now) {
        let key = if c.state == CaseState::Closed && c.decided_at.is_some() {
            k::MOD_ERR_APPEAL_LATE
        } else {
            k::MOD_ERR_NOT_APPEALABLE
        };
        return Err(crate::db::rule("appeal", key));
    }
    sqlx::query(
        "UPDATE moderation_cases SET appeal = ?, appealed_at = ?, version = version + 1 WHERE id = ?",
    )
    .bind(text)
    .bind(now)
    .bind(case)
    .execute(&mut *tx)
    .await?;
    let admins: Vec<i64> = sqlx::query_scalar(
        "SELECT id FROM accounts WHERE role = 'admin' AND suspended_at IS NULL AND id IS NOT ?",
    )
    .bind(c.decided_by)
    .fetch_all(&mut *tx)
    .await?;
    for admin in admins {
        crate::notifications::store::notify(
            &mut tx,
            admin,
            Kind::AppealNew,
            "",
            "/admin/moderation#appeals",
            now,
        )
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

async fn has_sanction(conn: &mut SqliteConnection, case: i64) -> sqlx::Result<bool> {
    sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM sanctions WHERE case_id = ?)")
        .bind(case)
        .fetch_one(&mut *conn)
        .await
}

/// Another administrator decides an appeal (on the `seen` version): `overturn` puts the words
/// back (where the place still holds the hidden or removed marker) and lifts the case's
/// sanctions; otherwise the decision stands. The administrator who decided the case cannot.
pub async fn decide_appeal(
    pool: &SqlitePool,
    case: i64,
    seen: i64,
    overturn: bool,
    reason: &str,
    admin: i64,
    now: i64,
) -> StoreResult<()> {
    let mut tx = crate::db::begin_immediate(pool).await?;
    let c = case_row(&mut tx, case).await?;
    if c.appealed_at.is_none() {
        return Err(NOT_FOUND);
    }
    if c.appeal_outcome.is_some() || c.version != seen {
        return Err(crate::db::stale(k::MOD_ERR_CHANGED));
    }
    if c.decided_by == Some(admin) {
        return Err(crate::db::rule("reason", k::MOD_ERR_SAME_ADMIN));
    }
    let kind = c.item_kind;
    if overturn {
        put(&mut tx, kind, c.item_id, &c.snapshot, &[HIDDEN, REMOVED]).await?;
        let lifted: Vec<(i64, SanctionKind)> = sqlx::query_as(
            "UPDATE sanctions SET lifted_at = ? WHERE case_id = ? AND lifted_at IS NULL RETURNING account_id, kind",
        )
        .bind(now)
        .bind(case)
        .fetch_all(&mut *tx)
        .await?;
        for (account, kind) in lifted {
            if kind == SanctionKind::Suspension {
                unsuspend_unless_still(&mut tx, account, now).await?;
            }
        }
        sqlx::query("UPDATE moderation_cases SET hidden = 0, outcome = 'restored' WHERE id = ?")
            .bind(case)
            .execute(&mut *tx)
            .await?;
    }
    sqlx::query(
        "UPDATE moderation_cases SET appeal_outcome = ?, appeal_reason = ?, appeal_decided_by = ?, \
         appeal_decided_at = ?, version = version + 1 WHERE id = ?",
    )
    .bind(if overturn {
        AppealOutcome::Overturned
    } else {
        AppealOutcome::Upheld
    })
    .bind(reason)
    .bind(admin)
    .bind(now)
    .bind(case)
    .execute(&mut *tx)
    .await?;
    Record::new(Some(admin), Action::Moderation, Target::Case(case))
        .change(
            "appealed",
            &format!(
                "appeal {}: {reason}",
                if overturn { "overturned" } else { "upheld" }
            ),
        )
        .write(&mut tx, now)
        .await?;
    if let Some(author) = c.author_id {
        notify(&mut tx, author, Kind::AppealDecided, case, now).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Lifts an account's suspension unless another suspension still runs.
async fn unsuspend_unless_still(
    conn: &mut SqliteConnection,
    account: i64,
    now: i64,
) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE accounts SET suspended_at = NULL WHERE id = ? AND NOT EXISTS (SELECT 1 FROM sanctions \
         WHERE account_id = ? AND kind = 'suspension' AND lifted_at IS NULL AND ends_at > ?)",
    )
    .bind(account)
    .bind(account)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// The hourly upkeep: suspensions that have ended are lifted (she can sign in again).
/// Gives how many.
pub async fn lift_ended(pool: &SqlitePool, now: i64) -> sqlx::Result<u64> {
    let mut tx = crate::db::begin_immediate(pool).await?;
    let ended: Vec<i64> = sqlx::query_scalar(
        "UPDATE sanctions SET lifted_at = ends_at WHERE kind = 'suspension' AND lifted_at IS NULL \
         AND ends_at <= ? RETURNING account_id",
    )
    .bind(now)
    .fetch_all(&mut *tx)
    .await?;
    for account in &ended {
        unsuspend_unless_still(&mut tx, *account, now).await?;
    }
    tx.commit().await?;
    Ok(ended.len() as u64)
}

/// When a silence on `account` ends, if one runs at `now` (she cannot post, message or vote).
pub async fn silenced_until(
    conn: &mut SqliteConnection,
    account: i64,
    now: i64,
) -> sqlx::Result<Option<i64>> {
    sqlx::query_scalar(
        "SELECT MAX(ends_at) FROM sanctions WHERE account_id = ? AND kind = 'silence' \
         AND lifted_at IS NULL AND ends_at > ?",
    )
    .bind(account)
    .bind(now)
    .fetch_one(&mut *conn)
    .await
}

/// Refuses a write of someone silenced (inside the writer's transaction); the message says
/// why (her case's page says until when).
pub async fn refuse_if_silenced(
    conn: &mut SqliteConnection,
    account: i64,
    field: &str,
    now: i64,
) -> StoreResult<()> {
    match silenced_until(conn, account, now).await? {
        Some(_) => Err(crate::db::rule(field, k::MOD_ERR_SILENCED)),
        None => Ok(()),
    }
}

const CASE_VIEW: &str = "SELECT c.id, c.item_kind, c.item_id, c.author_id, a.display_name AS author_name, \
     c.snapshot, NULL AS page, c.state, c.hidden, c.hidden_because, c.outcome, c.reason, c.version, \
     c.opened_at, c.decided_at, c.decided_by, c.appeal, c.appealed_at, c.appeal_outcome, \
     c.appeal_reason, c.appeal_decided_by \
     FROM moderation_cases c LEFT JOIN accounts a ON a.id = c.author_id";

/// The page of an item `me` may see (None when she may not, or it is gone).
pub async fn page_for(
    pool: &SqlitePool,
    kind: ItemKind,
    item: i64,
    me: i64,
) -> sqlx::Result<Option<String>> {
    let p = kind.place();
    sqlx::query_scalar(&format!(
        "SELECT {page} FROM {table} t, (SELECT ? AS me) v WHERE t.{key} = ? AND ({visible})",
        page = p.page,
        table = p.table,
        key = p.key,
        visible = p.visible
    ))
    .bind(me)
    .bind(item)
    .fetch_optional(pool)
    .await
    .map(Option::flatten)
}

/// The page an item is on, when it still exists.
async fn page_of(pool: &SqlitePool, kind: ItemKind, item: i64) -> sqlx::Result<Option<String>> {
    let p = kind.place();
    sqlx::query_scalar(&format!(
        "SELECT {} FROM {} t WHERE t.{} = ?",
        p.page, p.table, p.key
    ))
    .bind(item)
    .fetch_optional(pool)
    .await
}

async fn queued(pool: &SqlitePool, mut case: super::Case) -> sqlx::Result<super::QueuedCase> {
    case.page = page_of(pool, case.item_kind, case.item_id).await?;
    let reports: Vec<super::CaseReport> = sqlx::query_as(
        "SELECT a.display_name AS reporter_name, a.role AS reporter_role, r.reason, r.details, r.created_at \
         FROM reports r LEFT JOIN accounts a ON a.id = r.reporter_id \
         WHERE r.item_kind = ? AND r.item_id = ? ORDER BY r.id",
    )
    .bind(case.item_kind)
    .bind(case.item_id)
    .fetch_all(pool)
    .await?;
    let history = match case.author_id {
        Some(author) => {
            let (cases, removed): (i64, i64) = sqlx::query_as(
                "SELECT COUNT(*), COALESCE(SUM(outcome IN ('hidden', 'removed')), 0) FROM moderation_cases \
                 WHERE author_id = ? AND id <> ?",
            )
            .bind(author)
            .bind(case.id)
            .fetch_one(pool)
            .await?;
            super::History {
                cases,
                removed,
                sanctions: sanctions_of(pool, author).await?,
            }
        }
        None => super::History::default(),
    };
    Ok(super::QueuedCase {
        case,
        reports,
        history,
    })
}

async fn sanctions_of(pool: &SqlitePool, account: i64) -> sqlx::Result<Vec<super::Sanction>> {
    sqlx::query_as(
        "SELECT id, kind, reason, ends_at, lifted_at, created_at FROM sanctions \
         WHERE account_id = ? ORDER BY id DESC LIMIT 20",
    )
    .bind(account)
    .fetch_all(pool)
    .await
}

/// The queue: open cases (hidden ones first, then the oldest) and appeals waiting, at most
/// `limit` of each.
pub async fn queue(pool: &SqlitePool, limit: i64, me: i64) -> sqlx::Result<super::Queue> {
    let open: Vec<super::Case> = sqlx::query_as(&format!(
        "{CASE_VIEW} WHERE c.state = 'open' ORDER BY c.hidden DESC, c.opened_at, c.id LIMIT ?"
    ))
    .bind(limit)
    .fetch_all(pool)
    .await?;
    let appeals: Vec<super::Case> = sqlx::query_as(&format!(
        "{CASE_VIEW} WHERE c.appealed_at IS NOT NULL AND c.appeal_outcome IS NULL ORDER BY c.appealed_at LIMIT ?"
    ))
    .bind(limit)
    .fetch_all(pool)
    .await?;
    let mut out = super::Queue {
        open: Vec::new(),
        appeals: Vec::new(),
        me,
    };
    for c in open {
        out.open.push(queued(pool, c).await?);
    }
    for c in appeals {
        out.appeals.push(queued(pool, c).await?);
    }
    Ok(out)
}

/// A case as its author (or an administrator) reads it; anyone else: [`NOT_FOUND`].
pub async fn case_view(
    pool: &SqlitePool,
    case: i64,
    me: i64,
    admin: bool,
    now: i64,
) -> StoreResult<super::CaseView> {
    let mut c: super::Case = sqlx::query_as(&format!("{CASE_VIEW} WHERE c.id = ?"))
        .bind(case)
        .fetch_optional(pool)
        .await?
        .ok_or(NOT_FOUND)?;
    if c.author_id != Some(me) && !admin {
        return Err(NOT_FOUND);
    }
    c.page = page_of(pool, c.item_kind, c.item_id).await?;
    let sanctions: Vec<super::Sanction> = sqlx::query_as(
        "SELECT id, kind, reason, ends_at, lifted_at, created_at FROM sanctions WHERE case_id = ? ORDER BY id",
    )
    .bind(case)
    .fetch_all(pool)
    .await?;
    let appealable = c.author_id == Some(me) && c.appealable(!sanctions.is_empty(), now);
    let c = if admin { c } else { c.for_author() };
    Ok(super::CaseView {
        case: c,
        sanctions,
        appealable,
    })
}

/// Her account is being deleted (inside that transaction): what of hers still waits for a
/// safety check is never released to anyone — each held text's place says "removed" and her
/// held mentorship messages are rejected. The words stay for the moderators (for
/// safeguarding, a deletion does not erase evidence).
pub async fn withdraw_held_of(
    conn: &mut SqliteConnection,
    account: i64,
    now: i64,
) -> sqlx::Result<()> {
    let rows: Vec<(i64, String, i64)> = sqlx::query_as(
        "SELECT id, channel, item_id FROM held_texts WHERE author_id = ? AND status = 'held'",
    )
    .bind(account)
    .fetch_all(&mut *conn)
    .await?;
    for (id, channel, item) in rows {
        if let Some(channel) = Channel::from_code(&channel) {
            let (table, column) = channel.place();
            sqlx::query(&format!(
                "UPDATE {table} SET {column} = ? WHERE id = ? AND {column} = ?"
            ))
            .bind(REMOVED)
            .bind(item)
            .bind(HELD)
            .execute(&mut *conn)
            .await?;
        }
        sqlx::query("UPDATE held_texts SET status = 'removed', decided_at = ? WHERE id = ?")
            .bind(now)
            .bind(id)
            .execute(&mut *conn)
            .await?;
    }
    sqlx::query("UPDATE messages SET status = 'rejected' WHERE sender_id = ? AND status = 'held'")
        .bind(account)
        .execute(&mut *conn)
        .await?;
    Ok(())
}
