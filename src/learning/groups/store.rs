//! SQL for peer groups. Joining, leaving, handing over, saving and scheduling each run under
//! one write lock (`db::begin_immediate`): the member count is read and written in the same
//! write (a trigger refuses more members than the limit too), and the organiser's role always
//! lands on a member. Texts others read (the description, the meeting's place, posts) are
//! screened for contact details in the write that stored them.
use super::*;
use crate::db::{rule, StoreResult, NOT_FOUND};
use crate::i18n::k;
use crate::moderation::{store::screen, Channel};
use sqlx::{SqliteConnection, SqlitePool};

/// A group's fields as a form gives them, checked.
#[derive(Clone, Debug, PartialEq)]
pub struct GroupInput {
    pub name: String,
    pub description: String,
    pub region: String,
    pub language: crate::i18n::Locale,
    pub member_limit: i64,
}

/// A group's regular meeting, checked.
#[derive(Clone, Debug, PartialEq)]
pub struct MeetingInput {
    pub frequency: Frequency,
    pub first_at: i64,
    pub zone: String,
    pub minutes: i64,
    pub place: String,
}

/// The columns of [`GroupSummary`], for a viewer bound as the first parameter.
const SUMMARY: &str = "g.id, g.name, g.region, g.language, g.member_limit, \
    (SELECT COUNT(*) FROM peer_group_members m WHERE m.group_id = g.id) AS members, \
    EXISTS (SELECT 1 FROM peer_group_members m WHERE m.group_id = g.id AND m.account_id = ?) AS mine, \
    g.meeting_frequency, g.meeting_first_at, g.meeting_zone";

/// A page of groups: hers first, then the newest.
pub async fn list(pool: &SqlitePool, me: i64, page: i64) -> sqlx::Result<(Vec<GroupSummary>, i64)> {
    let total: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM peer_groups")
        .fetch_one(pool)
        .await?;
    let rows = sqlx::query_as(&format!(
        "SELECT {SUMMARY} FROM peer_groups g ORDER BY mine DESC, members > 0 DESC, g.id DESC LIMIT ? OFFSET ?"
    ))
    .bind(me)
    .bind(PER_PAGE)
    .bind(page.saturating_sub(1).max(0).saturating_mul(PER_PAGE))
    .fetch_all(pool)
    .await?;
    Ok((rows, total))
}

/// A group's row beyond its summary.
#[derive(sqlx::FromRow)]
struct GroupRow {
    description: String,
    organiser_id: Option<i64>,
    meeting_minutes: Option<i64>,
    meeting_place: String,
}

/// How many members group `id` has.
async fn member_count(conn: &mut SqliteConnection, id: i64) -> sqlx::Result<i64> {
    sqlx::query_scalar("SELECT COUNT(*) FROM peer_group_members WHERE group_id = ?")
        .bind(id)
        .fetch_one(&mut *conn)
        .await
}

/// Whether `me` is a member of group `id`.
async fn is_member(conn: &mut SqliteConnection, id: i64, me: i64) -> sqlx::Result<bool> {
    sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM peer_group_members WHERE group_id = ? AND account_id = ?)",
    )
    .bind(id)
    .bind(me)
    .fetch_one(&mut *conn)
    .await
}

/// One group as `me` may see it: its discussion page `page` (0: the newest) only to a member
/// or an administrator. [`NOT_FOUND`] when there is no such group.
pub async fn page(
    pool: &SqlitePool,
    id: i64,
    me: i64,
    admin: bool,
    page: i64,
    now: i64,
) -> StoreResult<GroupPage> {
    let group: GroupSummary = sqlx::query_as(&format!(
        "SELECT {SUMMARY} FROM peer_groups g WHERE g.id = ?"
    ))
    .bind(me)
    .bind(id)
    .fetch_optional(pool)
    .await?
    .ok_or(NOT_FOUND)?;
    let row: GroupRow = sqlx::query_as(
        "SELECT description, organiser_id, meeting_minutes, meeting_place FROM peer_groups WHERE id = ?",
    )
    .bind(id)
    .fetch_optional(pool)
    .await?
    .ok_or(NOT_FOUND)?;
    let member = group.mine;
    let (members, posts, page, pages) = if member || admin {
        let members: Vec<Member> = sqlx::query_as(
            "SELECT m.account_id, a.display_name AS name, m.joined_at FROM peer_group_members m \
             JOIN accounts a ON a.id = m.account_id WHERE m.group_id = ? ORDER BY m.id",
        )
        .bind(id)
        .fetch_all(pool)
        .await?;
        let count: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM peer_group_posts WHERE group_id = ?")
                .bind(id)
                .fetch_one(pool)
                .await?;
        let pages = ((count + PER_PAGE - 1) / PER_PAGE).max(1);
        let page = if page < 1 || page > pages {
            pages
        } else {
            page
        };
        let posts: Vec<Post> = sqlx::query_as(&format!(
            "SELECT p.id, p.author_id, a.display_name AS author_name, p.body, p.created_at, {} AS reported \
             FROM peer_group_posts p LEFT JOIN accounts a ON a.id = p.author_id \
             WHERE p.group_id = ? ORDER BY p.id LIMIT ? OFFSET ?",
            crate::moderation::store::reported_sql(crate::moderation::ItemKind::GroupPost, "p.id")
        ))
        .bind(me)
        .bind(id)
        .bind(PER_PAGE)
        .bind((page - 1) * PER_PAGE)
        .fetch_all(pool)
        .await?;
        (members, posts, page, pages)
    } else {
        (Vec::new(), Vec::new(), 1, 1)
    };
    Ok(GroupPage {
        group,
        description: row.description,
        organiser_id: row.organiser_id,
        meeting_minutes: row.meeting_minutes,
        // where a group meets is for its members
        meeting_place: if member || admin {
            row.meeting_place
        } else {
            String::new()
        },
        members,
        posts,
        page,
        pages,
        member,
        now,
    })
}

/// Writes a group's fields (inside the caller's write) and screens its description.
async fn write(
    conn: &mut SqliteConnection,
    id: i64,
    me: i64,
    input: &GroupInput,
    now: i64,
) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE peer_groups SET name = ?, description = ?, region = ?, language = ?, member_limit = ?, updated_at = ? WHERE id = ?",
    )
    .bind(&input.name)
    .bind(&input.description)
    .bind(&input.region)
    .bind(crate::form::Choice::code(input.language))
    .bind(input.member_limit)
    .bind(now)
    .bind(id)
    .execute(&mut *conn)
    .await?;
    screen(
        conn,
        Channel::GroupDescription,
        id,
        me,
        &input.description,
        now,
    )
    .await?;
    Ok(())
}

/// Creates a group with `me` as its organiser and first member; gives its id. At most
/// [`ORGANISE_MAX`] groups organised at once.
pub async fn create(pool: &SqlitePool, me: i64, input: &GroupInput, now: i64) -> StoreResult<i64> {
    let mut tx = crate::db::begin_immediate(pool).await?;
    // the same group again within a couple of minutes: a resend, the same group
    let resent: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM peer_groups WHERE organiser_id = ? AND name = ? AND created_at > ? ORDER BY id DESC LIMIT 1",
    )
    .bind(me)
    .bind(&input.name)
    .bind(now - RESEND_WITHIN)
    .fetch_optional(&mut *tx)
    .await?;
    if let Some(id) = resent {
        return Ok(id);
    }
    let organised: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM peer_groups WHERE organiser_id = ?")
            .bind(me)
            .fetch_one(&mut *tx)
            .await?;
    if organised >= ORGANISE_MAX {
        return Err(rule("", k::GROUP_ERR_TOO_MANY));
    }
    // a new group is an empty row that the same write as a change fills
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO peer_groups (name, region, language, member_limit, organiser_id, created_at, updated_at) \
         VALUES ('', 'online', 'en', ?, ?, ?, ?) RETURNING id",
    )
    .bind(LIMIT_MAX)
    .bind(me)
    .bind(now)
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    sqlx::query(
        "INSERT INTO peer_group_members (group_id, account_id, joined_at) VALUES (?, ?, ?)",
    )
    .bind(id)
    .bind(me)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    write(&mut tx, id, me, input, now).await?;
    tx.commit().await?;
    Ok(id)
}

/// The organiser of group `id`, under the caller's write; [`NOT_FOUND`] when there is no
/// group or `me` is not its organiser.
async fn organised_by(conn: &mut SqliteConnection, id: i64, me: i64) -> StoreResult<()> {
    let organiser: Option<Option<i64>> =
        sqlx::query_scalar("SELECT organiser_id FROM peer_groups WHERE id = ?")
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?;
    match organiser {
        Some(Some(o)) if o == me => Ok(()),
        _ => Err(NOT_FOUND),
    }
}

/// The organiser changes her group; a limit below the current membership is refused.
pub async fn update(
    pool: &SqlitePool,
    id: i64,
    me: i64,
    input: &GroupInput,
    now: i64,
) -> StoreResult<()> {
    let mut tx = crate::db::begin_immediate(pool).await?;
    organised_by(&mut tx, id, me).await?;
    let members = member_count(&mut tx, id).await?;
    if input.member_limit < members {
        return Err(rule("member_limit", k::GROUP_ERR_LIMIT_BELOW));
    }
    write(&mut tx, id, me, input, now).await?;
    tx.commit().await?;
    Ok(())
}

/// The organiser schedules (or, `None`, ends) the group's regular meeting.
pub async fn schedule(
    pool: &SqlitePool,
    id: i64,
    me: i64,
    meeting: Option<&MeetingInput>,
    now: i64,
) -> StoreResult<()> {
    let mut tx = crate::db::begin_immediate(pool).await?;
    organised_by(&mut tx, id, me).await?;
    sqlx::query(
        "UPDATE peer_groups SET meeting_frequency = ?, meeting_first_at = ?, meeting_zone = ?, meeting_minutes = ?, \
           meeting_place = ?, updated_at = ? WHERE id = ?",
    )
    .bind(meeting.map(|m| crate::form::Choice::code(m.frequency)))
    .bind(meeting.map(|m| m.first_at))
    .bind(meeting.map(|m| m.zone.as_str()))
    .bind(meeting.map(|m| m.minutes))
    .bind(meeting.map(|m| m.place.as_str()).unwrap_or(""))
    .bind(now)
    .bind(id)
    .execute(&mut *tx)
    .await?;
    if let Some(m) = meeting {
        screen(&mut tx, Channel::GroupMeetingPlace, id, me, &m.place, now).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// `me` joins a group; refused when she is already in it or it is full.
pub async fn join(pool: &SqlitePool, id: i64, me: i64, now: i64) -> StoreResult<()> {
    let mut tx = crate::db::begin_immediate(pool).await?;
    let limit: i64 = sqlx::query_scalar("SELECT member_limit FROM peer_groups WHERE id = ?")
        .bind(id)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(NOT_FOUND)?;
    if is_member(&mut tx, id, me).await? {
        return Err(rule("", k::GROUP_ERR_MEMBER));
    }
    let members = member_count(&mut tx, id).await?;
    if members >= limit {
        return Err(rule("", k::GROUP_ERR_FULL));
    }
    sqlx::query(
        "INSERT INTO peer_group_members (group_id, account_id, joined_at) VALUES (?, ?, ?)",
    )
    .bind(id)
    .bind(me)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    // a group everyone had left: she organises it now
    sqlx::query("UPDATE peer_groups SET organiser_id = ? WHERE id = ? AND organiser_id IS NULL")
        .bind(me)
        .bind(id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// `me` leaves a group. If she organised it, the member who joined first becomes its
/// organiser; when the last member leaves, the group waits without one (its discussion stays,
/// reports on it too) and the next to join organises it.
pub async fn leave(pool: &SqlitePool, id: i64, me: i64, now: i64) -> StoreResult<()> {
    let mut tx = crate::db::begin_immediate(pool).await?;
    if !leave_in(&mut tx, id, me, now).await? {
        return Err(NOT_FOUND);
    }
    tx.commit().await?;
    Ok(())
}

/// [`leave`] inside the caller's write; whether she was a member.
async fn leave_in(conn: &mut SqliteConnection, id: i64, me: i64, now: i64) -> sqlx::Result<bool> {
    let r = sqlx::query("DELETE FROM peer_group_members WHERE group_id = ? AND account_id = ?")
        .bind(id)
        .bind(me)
        .execute(&mut *conn)
        .await?;
    if r.rows_affected() == 0 {
        return Ok(false);
    }
    let longest: Option<i64> = sqlx::query_scalar(
        "SELECT account_id FROM peer_group_members WHERE group_id = ? ORDER BY id LIMIT 1",
    )
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?;
    sqlx::query(
        "UPDATE peer_groups SET organiser_id = ?, updated_at = ? WHERE id = ? AND (organiser_id = ? OR organiser_id IS NULL)",
    )
    .bind(longest)
    .bind(now)
    .bind(id)
    .bind(me)
    .execute(&mut *conn)
    .await?;
    Ok(true)
}

/// Her account is being deleted (inside that transaction): she leaves every group, each as
/// [`leave`] does (an organiser's role passes on).
pub async fn leave_every_group(conn: &mut SqliteConnection, me: i64, now: i64) -> sqlx::Result<()> {
    let groups: Vec<i64> =
        sqlx::query_scalar("SELECT group_id FROM peer_group_members WHERE account_id = ?")
            .bind(me)
            .fetch_all(&mut *conn)
            .await?;
    for id in groups {
        leave_in(conn, id, me, now).await?;
    }
    Ok(())
}

/// The organiser hands her role to another member.
pub async fn hand_over(pool: &SqlitePool, id: i64, me: i64, to: i64, now: i64) -> StoreResult<()> {
    let mut tx = crate::db::begin_immediate(pool).await?;
    organised_by(&mut tx, id, me).await?;
    if to == me || !is_member(&mut tx, id, to).await? {
        return Err(rule("to", k::GROUP_ERR_NOT_MEMBER));
    }
    sqlx::query("UPDATE peer_groups SET organiser_id = ?, updated_at = ? WHERE id = ?")
        .bind(to)
        .bind(now)
        .bind(id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// A member posts to the discussion (anyone else: 404); contact details are held for a
/// safety check. Gives the post's id.
pub async fn post(pool: &SqlitePool, id: i64, me: i64, body: &str, now: i64) -> StoreResult<i64> {
    let mut tx = crate::db::begin_immediate(pool).await?;
    if !is_member(&mut tx, id, me).await? {
        return Err(NOT_FOUND);
    }
    crate::moderation::store::refuse_if_silenced(&mut tx, me, "", now).await?;
    // the same words again within a couple of minutes: a resend, the same post (a held post's
    // words are in the held queue)
    let resent: Option<i64> = sqlx::query_scalar(
        "SELECT p.id FROM peer_group_posts p WHERE p.group_id = ? AND p.author_id = ? AND p.created_at > ? \
         AND (p.body = ? OR EXISTS (SELECT 1 FROM held_texts h WHERE h.channel = 'group_post' AND h.item_id = p.id AND h.text = ?)) \
         ORDER BY p.id DESC LIMIT 1",
    )
    .bind(id)
    .bind(me)
    .bind(now - RESEND_WITHIN)
    .bind(body)
    .bind(body)
    .fetch_optional(&mut *tx)
    .await?;
    if let Some(post) = resent {
        return Ok(post);
    }
    let recent: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM peer_group_posts WHERE group_id = ? AND author_id = ? AND created_at > ?",
    )
    .bind(id)
    .bind(me)
    .bind(now - POST_WINDOW)
    .fetch_one(&mut *tx)
    .await?;
    if recent >= POSTS_PER_WINDOW {
        return Err(rule("body", k::GROUP_ERR_POSTS));
    }
    let post: i64 = sqlx::query_scalar(
        "INSERT INTO peer_group_posts (group_id, author_id, body, created_at) VALUES (?, ?, ?, ?) RETURNING id",
    )
    .bind(id)
    .bind(me)
    .bind(body)
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    screen(&mut tx, Channel::GroupPost, post, me, body, now).await?;
    tx.commit().await?;
    Ok(post)
}

/// A group's meeting for a calendar.
#[derive(sqlx::FromRow)]
pub struct MeetingRow {
    pub id: i64,
    pub name: String,
    pub meeting_frequency: String,
    pub meeting_first_at: i64,
    pub meeting_zone: String,
    pub meeting_minutes: i64,
    pub updated_at: i64,
}

/// The meetings of `me`'s groups, for her feed.
pub async fn calendar_mine(pool: &SqlitePool, me: i64) -> sqlx::Result<Vec<MeetingRow>> {
    sqlx::query_as(
        "SELECT g.id, g.name, g.meeting_frequency, g.meeting_first_at, g.meeting_zone, g.meeting_minutes, g.updated_at \
         FROM peer_groups g JOIN peer_group_members m ON m.group_id = g.id \
         WHERE m.account_id = ? AND g.meeting_frequency IS NOT NULL AND g.meeting_first_at IS NOT NULL \
           AND g.meeting_zone IS NOT NULL AND g.meeting_minutes IS NOT NULL \
         ORDER BY g.id LIMIT 100",
    )
    .bind(me)
    .fetch_all(pool)
    .await
}
