//! SQL for lectures. Registering, cancelling, promoting from the waiting list, marking
//! attendance, rating and saving a lecture each run under one write lock
//! (`db::begin_immediate`), so the count of places is read and written in the same write:
//! never more registered than places (a trigger refuses it too), and each place that opens
//! promotes exactly one waiting person, the one who joined first.
use super::*;
use crate::db::{rule, StoreResult, NOT_FOUND};
use crate::i18n::{k, Locale};
use crate::moderation::{store::screen, Channel};
use crate::notifications::{store::notify, Kind};
use sqlx::{SqliteConnection, SqlitePool};

/// A lecture's fields as a form gives them, checked.
#[derive(Clone, Debug, PartialEq)]
pub struct LectureInput {
    pub title: String,
    pub topic: Topic,
    pub speaker: String,
    pub description: String,
    pub language: Locale,
    pub starts_at: i64,
    pub minutes: i64,
    pub capacity: i64,
    pub online_link: String,
    pub materials: Vec<Material>,
}

/// Who is asking, for the lecture's management: her id and whether she is an administrator.
#[derive(Clone, Copy, Debug)]
pub struct Manager {
    pub id: i64,
    pub admin: bool,
}

/// The columns of [`LectureSummary`], for a viewer bound as the first parameter.
const SUMMARY: &str = "l.id, l.title, l.topic, l.speaker, l.language, l.starts_at, l.minutes, l.capacity, \
    (SELECT COUNT(*) FROM lecture_registrations r WHERE r.lecture_id = l.id AND r.status = 'registered') AS registered, \
    (SELECT COUNT(*) FROM lecture_registrations r WHERE r.lecture_id = l.id AND r.status = 'waiting') AS waiting, \
    (SELECT r.status FROM lecture_registrations r WHERE r.lecture_id = l.id AND r.account_id = ?) AS mine";

/// Whether `account` may publish lectures (an administrator decides that by naming her; the
/// caller knows whether she is an administrator herself).
pub async fn is_speaker(pool: &SqlitePool, account: i64) -> sqlx::Result<bool> {
    sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM lecture_speakers WHERE account_id = ?)")
        .bind(account)
        .fetch_one(pool)
        .await
}

/// The named speakers, by name.
pub async fn speakers(pool: &SqlitePool) -> sqlx::Result<Vec<Speaker>> {
    sqlx::query_as(
        "SELECT a.id AS account_id, a.display_name AS name, a.email FROM lecture_speakers s \
         JOIN accounts a ON a.id = s.account_id ORDER BY a.display_name, a.id",
    )
    .fetch_all(pool)
    .await
}

/// Names the account with this address a speaker (again: nothing changes); [`NOT_FOUND`] when
/// no account has it.
pub async fn name_speaker(pool: &SqlitePool, by: i64, email: &str, now: i64) -> StoreResult<()> {
    let r = sqlx::query(
        "INSERT INTO lecture_speakers (account_id, named_by, named_at) \
         SELECT id, ?, ? FROM accounts WHERE email = ? AND suspended_at IS NULL \
         ON CONFLICT (account_id) DO NOTHING",
    )
    .bind(by)
    .bind(now)
    .bind(email)
    .execute(pool)
    .await?;
    if r.rows_affected() == 0 {
        let known: bool = sqlx::query_scalar(
            "SELECT EXISTS (SELECT 1 FROM accounts WHERE email = ? AND suspended_at IS NULL)",
        )
        .bind(email)
        .fetch_one(pool)
        .await?;
        if !known {
            return Err(rule("email", k::LECTURE_SPEAKER_UNKNOWN));
        }
    }
    Ok(())
}

/// Ends a speaker's naming (her lectures stay, managed by administrators from then on).
pub async fn unname_speaker(pool: &SqlitePool, account: i64) -> StoreResult<()> {
    let r = sqlx::query("DELETE FROM lecture_speakers WHERE account_id = ?")
        .bind(account)
        .execute(pool)
        .await?;
    if r.rows_affected() == 0 {
        return Err(NOT_FOUND);
    }
    Ok(())
}

/// A page of lectures: upcoming ones (not ended yet) soonest first, or past ones latest first.
pub async fn list(
    pool: &SqlitePool,
    viewer: Option<i64>,
    upcoming: bool,
    page: i64,
    now: i64,
) -> sqlx::Result<(Vec<LectureSummary>, i64)> {
    let (filter, order) = if upcoming {
        ("l.starts_at + l.minutes * 60 > ?", "l.starts_at, l.id")
    } else {
        (
            "l.starts_at + l.minutes * 60 <= ?",
            "l.starts_at DESC, l.id DESC",
        )
    };
    let total: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) FROM lectures l WHERE {filter}"))
        .bind(now)
        .fetch_one(pool)
        .await?;
    let rows = sqlx::query_as(&format!(
        "SELECT {SUMMARY} FROM lectures l WHERE {filter} ORDER BY {order} LIMIT ? OFFSET ?"
    ))
    .bind(viewer.unwrap_or(0))
    .bind(now)
    .bind(PER_PAGE)
    .bind(page.saturating_sub(1).max(0).saturating_mul(PER_PAGE))
    .fetch_all(pool)
    .await?;
    Ok((rows, total))
}

/// The next lectures that have not started, soonest first (the home page).
pub async fn next(
    pool: &SqlitePool,
    viewer: Option<i64>,
    now: i64,
    limit: i64,
) -> sqlx::Result<Vec<LectureSummary>> {
    sqlx::query_as(&format!(
        "SELECT {SUMMARY} FROM lectures l WHERE l.starts_at > ? ORDER BY l.starts_at, l.id LIMIT ?"
    ))
    .bind(viewer.unwrap_or(0))
    .bind(now)
    .bind(limit)
    .fetch_all(pool)
    .await
}

/// The lectures `me` registered or waits for that have not ended, soonest first (her account
/// page).
pub async fn mine(
    pool: &SqlitePool,
    me: i64,
    now: i64,
    limit: i64,
) -> sqlx::Result<Vec<LectureSummary>> {
    sqlx::query_as(&format!(
        "SELECT {SUMMARY} FROM lectures l JOIN lecture_registrations m ON m.lecture_id = l.id AND m.account_id = ?1 \
         WHERE l.starts_at + l.minutes * 60 > ? ORDER BY l.starts_at, l.id LIMIT ?"
    ))
    .bind(me)
    .bind(now)
    .bind(limit)
    .fetch_all(pool)
    .await
}

/// A lecture's row.
#[derive(sqlx::FromRow)]
struct LectureRow {
    owner_id: Option<i64>,
    description: String,
    online_link: String,
    materials: String,
    recording_link: String,
    recording_code: String,
    recording_until: Option<i64>,
}

/// The viewer's registration.
#[derive(sqlx::FromRow)]
struct PlaceRow {
    status: String,
    attended: Option<bool>,
    position: i64,
    rated: bool,
}

/// One lecture as `viewer` may see it; [`NOT_FOUND`] when there is none.
pub async fn page(
    pool: &SqlitePool,
    id: i64,
    viewer: Option<Manager>,
    now: i64,
) -> StoreResult<LecturePage> {
    let me = viewer.map(|v| v.id);
    let lecture: LectureSummary =
        sqlx::query_as(&format!("SELECT {SUMMARY} FROM lectures l WHERE l.id = ?"))
            .bind(me.unwrap_or(0))
            .bind(id)
            .fetch_optional(pool)
            .await?
            .ok_or(NOT_FOUND)?;
    let row: LectureRow = sqlx::query_as(
        "SELECT owner_id, description, online_link, materials, recording_link, recording_code, recording_until \
         FROM lectures WHERE id = ?",
    )
    .bind(id)
    .fetch_one(pool)
    .await?;
    let place: Option<PlaceRow> = match me {
        Some(me) => sqlx::query_as(
            "SELECT r.status, r.attended, \
               (SELECT COUNT(*) FROM lecture_registrations w WHERE w.lecture_id = r.lecture_id AND w.status = 'waiting' AND w.id <= r.id) AS position, \
               EXISTS (SELECT 1 FROM lecture_ratings g WHERE g.lecture_id = r.lecture_id AND g.account_id = r.account_id) AS rated \
             FROM lecture_registrations r WHERE r.lecture_id = ? AND r.account_id = ?",
        )
        .bind(id)
        .bind(me)
        .fetch_optional(pool)
        .await?,
        None => None,
    };
    let me_place = place.and_then(|p| {
        let place = <Place as crate::form::Choice>::from_code(&p.status)?;
        Some(MyPlace {
            place,
            position: (place == Place::Waiting).then_some(p.position),
            attended: p.attended,
            rated: p.rated,
        })
    });
    let registered = me_place
        .as_ref()
        .is_some_and(|p| p.place == Place::Registered);
    let link = (registered
        && !row.online_link.is_empty()
        && link_open(now, lecture.starts_at, lecture.minutes))
    .then(|| row.online_link.clone());
    let recording = (registered && recording_open(now, &row.recording_link, row.recording_until))
        .then(|| Recording {
            link: row.recording_link.clone(),
            code: row.recording_code.clone(),
            until: row.recording_until.unwrap_or(0),
        });
    let manages = match viewer {
        Some(v) if v.admin => true,
        Some(v) if row.owner_id == Some(v.id) => is_speaker(pool, v.id).await?,
        _ => false,
    };
    let manage = if manages {
        let attendees: Vec<Attendee> = sqlx::query_as(
            "SELECT r.account_id, a.display_name AS name, r.attended FROM lecture_registrations r \
             JOIN accounts a ON a.id = r.account_id WHERE r.lecture_id = ? AND r.status = 'registered' \
             ORDER BY a.display_name, r.id",
        )
        .bind(id)
        .fetch_all(pool)
        .await?;
        let (sum, count): (i64, i64) = sqlx::query_as(
            "SELECT COALESCE(SUM(stars), 0), COUNT(*) FROM lecture_ratings WHERE lecture_id = ?",
        )
        .bind(id)
        .fetch_one(pool)
        .await?;
        let comments: Vec<String> = sqlx::query_scalar(
            "SELECT comment FROM lecture_ratings WHERE lecture_id = ? AND comment <> '' ORDER BY id DESC LIMIT 50",
        )
        .bind(id)
        .fetch_all(pool)
        .await?;
        Some(Manage {
            online_link: row.online_link.clone(),
            materials: row.materials.clone(),
            description: row.description.clone(),
            recording_link: row.recording_link.clone(),
            recording_code: row.recording_code.clone(),
            recording_until: row.recording_until,
            attendees,
            rating: (count > 0).then(|| (sum * 100 / count, count)),
            comments,
        })
    } else {
        None
    };
    Ok(LecturePage {
        materials: parse_materials(&row.materials).unwrap_or_default(),
        description: row.description,
        lecture,
        me: me_place,
        link,
        recording,
        manage,
        now,
    })
}

/// The lecture's owner, its start and length, under the caller's write; [`NOT_FOUND`] when
/// there is none or `by` may not manage it.
async fn managed(
    conn: &mut SqliteConnection,
    id: i64,
    by: Manager,
) -> StoreResult<(i64, i64, i64)> {
    // its publisher manages it while she is a named speaker; administrators always
    let row: Option<(i64, i64, i64)> = sqlx::query_as(
        "SELECT starts_at, minutes, capacity FROM lectures WHERE id = ? \
         AND (? OR (owner_id = ? AND EXISTS (SELECT 1 FROM lecture_speakers WHERE account_id = ?)))",
    )
    .bind(id)
    .bind(by.admin)
    .bind(by.id)
    .bind(by.id)
    .fetch_optional(&mut *conn)
    .await?;
    row.ok_or(NOT_FOUND)
}

/// Writes a lecture's fields (inside the caller's write).
async fn write(
    conn: &mut SqliteConnection,
    id: i64,
    input: &LectureInput,
    materials: &str,
    now: i64,
) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE lectures SET title = ?, topic = ?, speaker = ?, description = ?, language = ?, starts_at = ?, \
           minutes = ?, capacity = ?, online_link = ?, materials = ?, updated_at = ? WHERE id = ?",
    )
    .bind(&input.title)
    .bind(crate::form::Choice::code(input.topic))
    .bind(&input.speaker)
    .bind(&input.description)
    .bind(crate::form::Choice::code(input.language))
    .bind(input.starts_at)
    .bind(input.minutes)
    .bind(input.capacity)
    .bind(&input.online_link)
    .bind(materials)
    .bind(now)
    .bind(id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Creates (`id` None) or changes a lecture and gives its id. A new lecture, or a new start
/// time, must lie ahead; fewer places than people registered is refused; more places promote
/// people waiting. A speaker's description is screened for contact details
/// (administrators' texts are theirs to publish).
pub async fn save(
    pool: &SqlitePool,
    by: Manager,
    id: Option<i64>,
    input: &LectureInput,
    now: i64,
) -> StoreResult<i64> {
    let mut tx = crate::db::begin_immediate(pool).await?;
    let materials = materials_text(&input.materials);
    let id = match id {
        Some(id) => {
            let (starts_at, _, _) = managed(&mut tx, id, by).await?;
            if input.starts_at != starts_at && input.starts_at <= now {
                return Err(rule("starts_at", k::LECTURE_ERR_PAST));
            }
            let registered: i64 = sqlx::query_scalar(
                "SELECT COUNT(*) FROM lecture_registrations WHERE lecture_id = ? AND status = 'registered'",
            )
            .bind(id)
            .fetch_one(&mut *tx)
            .await?;
            if input.capacity < registered {
                return Err(rule("capacity", k::LECTURE_ERR_CAPACITY_BELOW));
            }
            write(&mut tx, id, input, &materials, now).await?;
            if input.starts_at != starts_at {
                // a new time: everyone with a place or waiting is told, and the reminders go
                // out again for it
                let people: Vec<i64> = sqlx::query_scalar(
                    "UPDATE lecture_registrations SET reminded = ? WHERE lecture_id = ? RETURNING account_id",
                )
                .bind(reminded_on_registering(now, input.starts_at))
                .bind(id)
                .fetch_all(&mut *tx)
                .await?;
                let link = format!("/lectures/{id}");
                for p in people {
                    notify(&mut tx, p, Kind::LectureMoved, &input.title, &link, now).await?;
                }
            }
            id
        }
        None => {
            if input.starts_at <= now {
                return Err(rule("starts_at", k::LECTURE_ERR_PAST));
            }
            // the same lecture again within a couple of minutes: a resend, the same lecture
            let resent: Option<i64> = sqlx::query_scalar(
                "SELECT id FROM lectures WHERE owner_id = ? AND title = ? AND starts_at = ? AND created_at > ? \
                 ORDER BY id DESC LIMIT 1",
            )
            .bind(by.id)
            .bind(&input.title)
            .bind(input.starts_at)
            .bind(now - RESEND_WITHIN)
            .fetch_optional(&mut *tx)
            .await?;
            if let Some(id) = resent {
                return Ok(id);
            }
            if !by.admin {
                let ahead: i64 = sqlx::query_scalar(
                    "SELECT COUNT(*) FROM lectures WHERE owner_id = ? AND starts_at > ?",
                )
                .bind(by.id)
                .bind(now)
                .fetch_one(&mut *tx)
                .await?;
                if ahead >= SPEAKER_AHEAD_MAX {
                    return Err(rule("", k::LECTURE_ERR_TOO_MANY));
                }
            }
            // a new lecture is a bare row that the same write as a change fills
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO lectures (owner_id, title, topic, speaker, language, starts_at, minutes, capacity, created_at, updated_at) \
                 VALUES (?, '', '', '', 'en', ?, ?, ?, ?, ?) RETURNING id",
            )
            .bind(by.id)
            .bind(input.starts_at)
            .bind(MINUTES_MIN)
            .bind(CAPACITY_MAX)
            .bind(now)
            .bind(now)
            .fetch_one(&mut *tx)
            .await?;
            write(&mut tx, id, input, &materials, now).await?;
            id
        }
    };
    if !by.admin {
        screen(
            &mut tx,
            Channel::LectureDescription,
            id,
            by.id,
            &input.description,
            now,
        )
        .await?;
    }
    promote(&mut tx, id, now).await?;
    tx.commit().await?;
    Ok(id)
}

/// Fills free places from the waiting list, first come first served, telling each person
/// promoted; nothing once the lecture has ended. Inside the caller's write.
async fn promote(conn: &mut SqliteConnection, id: i64, now: i64) -> sqlx::Result<u64> {
    let (title, starts_at, minutes, capacity): (String, i64, i64, i64) =
        sqlx::query_as("SELECT title, starts_at, minutes, capacity FROM lectures WHERE id = ?")
            .bind(id)
            .fetch_one(&mut *conn)
            .await?;
    if now >= ends_at(starts_at, minutes) {
        return Ok(0);
    }
    let registered: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM lecture_registrations WHERE lecture_id = ? AND status = 'registered'",
    )
    .bind(id)
    .fetch_one(&mut *conn)
    .await?;
    let free = (capacity - registered).max(0);
    let promoted: Vec<i64> = sqlx::query_scalar(
        "UPDATE lecture_registrations SET status = 'registered', reminded = ? \
         WHERE id IN (SELECT id FROM lecture_registrations WHERE lecture_id = ? AND status = 'waiting' ORDER BY id LIMIT ?) \
         RETURNING account_id",
    )
    .bind(reminded_on_registering(now, starts_at))
    .bind(id)
    .bind(free)
    .fetch_all(&mut *conn)
    .await?;
    let link = format!("/lectures/{id}");
    for account in &promoted {
        notify(conn, *account, Kind::LecturePromoted, &title, &link, now).await?;
    }
    Ok(promoted.len() as u64)
}

/// Registers `me` for a lecture, or puts her on its waiting list when it is full and she
/// asked for that (`wait`); gives her place. Refused: the lecture is over, she already has a
/// place, or it filled up and she did not ask to wait (nothing changes).
pub async fn register(
    pool: &SqlitePool,
    id: i64,
    me: i64,
    wait: bool,
    now: i64,
) -> StoreResult<Place> {
    let mut tx = crate::db::begin_immediate(pool).await?;
    let (starts_at, minutes, capacity) = slot(&mut tx, id).await?;
    if now >= ends_at(starts_at, minutes) {
        return Err(rule("", k::LECTURE_ERR_OVER));
    }
    let has: Option<String> = sqlx::query_scalar(
        "SELECT status FROM lecture_registrations WHERE lecture_id = ? AND account_id = ?",
    )
    .bind(id)
    .bind(me)
    .fetch_optional(&mut *tx)
    .await?;
    if has.is_some() {
        return Err(rule("", k::LECTURE_ERR_TWICE));
    }
    let (registered, waiting): (i64, i64) = sqlx::query_as(
        "SELECT COALESCE(SUM(status = 'registered'), 0), COALESCE(SUM(status = 'waiting'), 0) \
         FROM lecture_registrations WHERE lecture_id = ?",
    )
    .bind(id)
    .fetch_one(&mut *tx)
    .await?;
    // a free place goes to the first who waits, never past her
    let place = if registered < capacity && waiting == 0 {
        Place::Registered
    } else if wait {
        Place::Waiting
    } else {
        return Err(rule("", k::LECTURE_ERR_FULL));
    };
    sqlx::query(
        "INSERT INTO lecture_registrations (lecture_id, account_id, status, reminded, created_at) VALUES (?, ?, ?, ?, ?)",
    )
    .bind(id)
    .bind(me)
    .bind(crate::form::Choice::code(place))
    .bind(reminded_on_registering(now, starts_at))
    .bind(now)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(place)
}

/// A lecture's start, length and places, under the caller's write; [`NOT_FOUND`] when there is
/// none.
async fn slot(conn: &mut SqliteConnection, id: i64) -> StoreResult<(i64, i64, i64)> {
    let row = sqlx::query_as("SELECT starts_at, minutes, capacity FROM lectures WHERE id = ?")
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?;
    row.ok_or(NOT_FOUND)
}

/// Gives up `me`'s place or her spot on the waiting list; a place given up before the end
/// goes to the first person waiting. [`NOT_FOUND`] when she has neither.
pub async fn cancel(pool: &SqlitePool, id: i64, me: i64, now: i64) -> StoreResult<()> {
    let mut tx = crate::db::begin_immediate(pool).await?;
    let (starts_at, minutes, _) = slot(&mut tx, id).await?;
    if now >= ends_at(starts_at, minutes) {
        // her place and her attendance are the lecture's record now
        return Err(rule("", k::LECTURE_ERR_OVER));
    }
    let r =
        sqlx::query("DELETE FROM lecture_registrations WHERE lecture_id = ? AND account_id = ?")
            .bind(id)
            .bind(me)
            .execute(&mut *tx)
            .await?;
    if r.rows_affected() == 0 {
        return Err(NOT_FOUND);
    }
    promote(&mut tx, id, now).await?;
    tx.commit().await?;
    Ok(())
}

/// Her account is being deleted (inside that transaction): her places and waiting-list spots
/// for lectures not yet over are given up, each free place going to the first who waits; past
/// lectures keep her (nameless) registration and attendance in their record.
pub async fn leave_upcoming(conn: &mut SqliteConnection, me: i64, now: i64) -> sqlx::Result<()> {
    let upcoming: Vec<i64> = sqlx::query_scalar(
        "DELETE FROM lecture_registrations WHERE account_id = ? AND lecture_id IN \
           (SELECT id FROM lectures WHERE starts_at + minutes * 60 > ?) RETURNING lecture_id",
    )
    .bind(me)
    .bind(now)
    .fetch_all(&mut *conn)
    .await?;
    for id in upcoming {
        promote(conn, id, now).await?;
    }
    Ok(())
}

/// Marks who attended: the registered people in `present` did, the others did not. Only once
/// the lecture has started.
pub async fn mark_attendance(
    pool: &SqlitePool,
    id: i64,
    by: Manager,
    present: &[i64],
    now: i64,
) -> StoreResult<()> {
    let mut tx = crate::db::begin_immediate(pool).await?;
    let (starts_at, _, capacity) = managed(&mut tx, id, by).await?;
    if now < starts_at {
        return Err(rule("", k::LECTURE_ERR_NOT_STARTED));
    }
    if present.len() as i64 > capacity {
        return Err(rule("", k::LECTURE_ERR_ATTENDANCE));
    }
    let present = serde_json::to_string(present).map_err(|e| sqlx::Error::Encode(Box::new(e)))?;
    sqlx::query(
        "UPDATE lecture_registrations SET attended = (account_id IN (SELECT value FROM json_each(?))) \
         WHERE lecture_id = ? AND status = 'registered'",
    )
    .bind(present)
    .bind(id)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Sets (or, with an empty link, takes down) the recording: link, access code, available
/// until `until`. Only once the lecture has started; the expiry must lie ahead.
pub async fn set_recording(
    pool: &SqlitePool,
    id: i64,
    by: Manager,
    link: &str,
    code: &str,
    until: i64,
    now: i64,
) -> StoreResult<()> {
    let mut tx = crate::db::begin_immediate(pool).await?;
    let (starts_at, _, _) = managed(&mut tx, id, by).await?;
    if now < starts_at {
        return Err(rule("recording_link", k::LECTURE_ERR_NOT_STARTED));
    }
    if !link.is_empty() && until <= now {
        return Err(rule("recording_until", k::LECTURE_ERR_RECORDING_PAST));
    }
    sqlx::query("UPDATE lectures SET recording_link = ?, recording_code = ?, recording_until = ?, updated_at = ? WHERE id = ?")
        .bind(link)
        .bind(code)
        .bind((!link.is_empty()).then_some(until))
        .bind(now)
        .bind(id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// `me` rates a lecture she attended, once, after it ended; the comment (which the speaker
/// reads) is screened for contact details.
pub async fn rate(
    pool: &SqlitePool,
    id: i64,
    me: i64,
    stars: i64,
    comment: &str,
    now: i64,
) -> StoreResult<()> {
    let mut tx = crate::db::begin_immediate(pool).await?;
    let (starts_at, minutes, _) = slot(&mut tx, id).await?;
    let attended: Option<Option<bool>> = sqlx::query_scalar(
        "SELECT attended FROM lecture_registrations WHERE lecture_id = ? AND account_id = ? AND status = 'registered'",
    )
    .bind(id)
    .bind(me)
    .fetch_optional(&mut *tx)
    .await?;
    if attended.is_none() {
        return Err(NOT_FOUND);
    }
    if now < ends_at(starts_at, minutes) || attended != Some(Some(true)) {
        return Err(rule("stars", k::LECTURE_ERR_NOT_ATTENDED));
    }
    let rating: Option<i64> = sqlx::query_scalar(
        "INSERT INTO lecture_ratings (lecture_id, account_id, stars, comment, created_at) VALUES (?, ?, ?, ?, ?) \
         ON CONFLICT (lecture_id, account_id) DO NOTHING RETURNING id",
    )
    .bind(id)
    .bind(me)
    .bind(stars)
    .bind(comment)
    .bind(now)
    .fetch_optional(&mut *tx)
    .await?;
    let Some(rating) = rating else {
        return Err(rule("stars", k::LECTURE_ERR_RATED));
    };
    screen(&mut tx, Channel::LectureComment, rating, me, comment, now).await?;
    tx.commit().await?;
    Ok(())
}

/// A registration whose reminder is due.
#[derive(sqlx::FromRow)]
struct DueRow {
    id: i64,
    account_id: i64,
    lecture_id: i64,
    title: String,
    starts_at: i64,
    reminded: i64,
}

/// Sends the reminders due now (a day before, an hour before; each once), and gives how many.
/// Reads first and takes the write lock only when something is due.
pub async fn remind(pool: &SqlitePool, now: i64) -> sqlx::Result<u64> {
    let due: Vec<DueRow> = sqlx::query_as(
        "SELECT r.id, r.account_id, r.lecture_id, l.title, l.starts_at, r.reminded FROM lecture_registrations r \
         JOIN lectures l ON l.id = r.lecture_id \
         WHERE r.status = 'registered' AND r.reminded < 2 AND l.starts_at > ? AND l.starts_at <= ? + 86400",
    )
    .bind(now)
    .bind(now)
    .fetch_all(pool)
    .await?;
    let due: Vec<(DueRow, i64)> = due
        .into_iter()
        .filter_map(|d| reminder_due(now, d.starts_at, d.reminded).map(|w| (d, w)))
        .collect();
    if due.is_empty() {
        return Ok(0);
    }
    let mut tx = crate::db::begin_immediate(pool).await?;
    let mut sent = 0;
    for (d, which) in due {
        // still due under the lock (another server, or a change of time, may have moved it)
        let r = sqlx::query(
            "UPDATE lecture_registrations SET reminded = ? WHERE id = ? AND reminded < ? AND status = 'registered' \
             AND lecture_id IN (SELECT id FROM lectures WHERE starts_at = ?)",
        )
        .bind(which)
        .bind(d.id)
        .bind(which)
        .bind(d.starts_at)
        .execute(&mut *tx)
        .await?;
        if r.rows_affected() == 0 {
            continue;
        }
        let kind = if which == 2 {
            Kind::LectureSoon
        } else {
            Kind::LectureTomorrow
        };
        let link = format!("/lectures/{}", d.lecture_id);
        notify(&mut tx, d.account_id, kind, &d.title, &link, now).await?;
        sent += 1;
    }
    tx.commit().await?;
    Ok(sent)
}

/// What a calendar needs of a lecture.
#[derive(sqlx::FromRow)]
pub struct CalendarRow {
    pub id: i64,
    pub title: String,
    pub speaker: String,
    pub starts_at: i64,
    pub minutes: i64,
    pub updated_at: i64,
}

/// One lecture for its calendar file; None when there is none.
pub async fn calendar_one(pool: &SqlitePool, id: i64) -> sqlx::Result<Option<CalendarRow>> {
    sqlx::query_as(
        "SELECT id, title, speaker, starts_at, minutes, updated_at FROM lectures WHERE id = ?",
    )
    .bind(id)
    .fetch_optional(pool)
    .await
}

/// The lectures `me` is registered for (not waiting), from a month back on, for her feed.
pub async fn calendar_mine(pool: &SqlitePool, me: i64, now: i64) -> sqlx::Result<Vec<CalendarRow>> {
    sqlx::query_as(
        "SELECT l.id, l.title, l.speaker, l.starts_at, l.minutes, l.updated_at FROM lectures l \
         JOIN lecture_registrations r ON r.lecture_id = l.id \
         WHERE r.account_id = ? AND r.status = 'registered' AND l.starts_at > ? - 31 * 86400 \
         ORDER BY l.starts_at LIMIT 500",
    )
    .bind(me)
    .bind(now)
    .fetch_all(pool)
    .await
}
