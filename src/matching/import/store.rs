//! The database's part of an import: what only it can tell (an address that belongs to
//! another kind of account, a person an outcome names who is not there), then every row in one
//! write, and the record of each import with its report.
use super::outcomes::PastPair;
use super::people::{Person, Profile, SkillNames};
use super::{BatchPage, BatchState, BatchSummary, Kind, Problem, PROBLEMS_KEPT};
use crate::accounts::profiles::store::{save_mentee_in, save_mentor_in};
use crate::accounts::profiles::{AgeBand, MentorStatus};
use crate::accounts::store::INVITE_DAYS;
use crate::auth::Role;
use crate::db::{begin_immediate, StoreResult, WriteTx, NOT_FOUND};
use crate::form::Choice;
use crate::i18n::{k, Locale, Msg};
use sqlx::{SqliteConnection, SqlitePool};

/// Every skill by its code and by its name in each language, lower-case.
pub async fn skill_names(pool: &SqlitePool) -> sqlx::Result<SkillNames> {
    let rows: Vec<(i64, String, String, String, String)> =
        sqlx::query_as("SELECT id, code, name_en, name_ru, name_ky FROM taxonomy_skills")
            .fetch_all(pool)
            .await?;
    let mut names = SkillNames::new();
    for (id, code, en, ru, ky) in rows {
        for name in [code, en, ru, ky] {
            names.insert(name.to_lowercase(), id);
        }
    }
    Ok(names)
}

/// Who imports: an administrator, or the command line (`None`).
#[derive(Clone, Copy, Debug)]
pub struct Importer {
    pub by: Option<i64>,
    /// The language of invitations to people whose row names none.
    pub locale: Locale,
}

/// What an import file was: its kind, name and number of rows.
pub struct FileInfo<'a> {
    pub kind: Kind,
    pub name: &'a str,
    pub rows: usize,
}

/// Records an import as refused and ends its write (which read, and wrote nothing else);
/// gives its id.
async fn refused(
    mut tx: WriteTx,
    file: &FileInfo<'_>,
    who: Importer,
    problems: &[Problem],
    now: i64,
) -> StoreResult<(i64, BatchState)> {
    let id = record(
        &mut tx,
        file,
        who,
        BatchState::Refused,
        (0, 0),
        problems,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok((id, BatchState::Refused))
}

async fn record(
    conn: &mut SqliteConnection,
    file: &FileInfo<'_>,
    who: Importer,
    state: BatchState,
    (added, updated): (i64, i64),
    problems: &[Problem],
    now: i64,
) -> sqlx::Result<i64> {
    let kept = &problems[..problems.len().min(PROBLEMS_KEPT)];
    // the file's own name, as the browser sent it: no folders, nothing invisible or reordering
    let base = file.name.rsplit(['/', '\\']).next().unwrap_or("");
    let name: String = base
        .chars()
        .filter(|c| {
            !c.is_control() && !crate::safeguard::reorders(*c) && !crate::safeguard::invisible(*c)
        })
        .take(200)
        .collect();
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO import_batches (kind, state, file_name, created_by, created_at, rows, added, updated, problem_count, problems) \
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(file.kind.code())
    .bind(state.code())
    .bind(name)
    .bind(who.by)
    .bind(now)
    .bind(file.rows as i64)
    .bind(added)
    .bind(updated)
    .bind(problems.len() as i64)
    .bind(serde_json::to_string(kept).unwrap_or_else(|_| "[]".into()))
    .fetch_one(&mut *conn)
    .await?;
    use crate::audit::{store::Record, Action, Target};
    let after = format!(
        "{} {}: {} rows, {added} added, {updated} updated, {} problems",
        file.kind.code(),
        state.code(),
        file.rows,
        problems.len()
    );
    Record::new(who.by, Action::Import, Target::ImportBatch(id))
        .change("", &after)
        .write(conn, now)
        .await?;
    Ok(id)
}

/// An account an import names, by email.
#[derive(sqlx::FromRow)]
struct Existing {
    id: i64,
    role: String,
    /// Whether its owner has shown the address is hers (a link from it was used).
    confirmed: bool,
    /// Whether it is waiting for her to use an invitation (no password yet).
    invited: bool,
    suspended: bool,
    /// Whether it has done anything on the platform (requests, mentorships, messages,
    /// roadmaps).
    active: bool,
    /// Her mentee profile says she is under 18.
    minor: bool,
    /// Her mentor profile's status (open, paused), if she has one.
    status: Option<String>,
}

async fn account(conn: &mut SqliteConnection, email: &str) -> sqlx::Result<Option<Existing>> {
    sqlx::query_as(
        "SELECT a.id, a.role, a.email_confirmed_at IS NOT NULL AS confirmed, a.password_hash = ? AS invited, \
           a.suspended_at IS NOT NULL AS suspended, \
           (EXISTS (SELECT 1 FROM mentorship_requests r WHERE r.mentee_id = a.id OR r.mentor_id = a.id) \
            OR EXISTS (SELECT 1 FROM messages m WHERE m.sender_id = a.id) \
            OR EXISTS (SELECT 1 FROM roadmaps d WHERE d.owner_id = a.id)) AS active, \
           EXISTS (SELECT 1 FROM mentee_profiles e WHERE e.account_id = a.id AND e.age_band = 'under_18') AS minor, \
           (SELECT t.status FROM mentor_profiles t WHERE t.account_id = a.id) AS status \
         FROM accounts a WHERE a.email = ?",
    )
    .bind(crate::auth::password::UNUSABLE)
    .bind(email)
    .fetch_optional(conn)
    .await
}

/// Imports `people` in one write: each new person gets an account (no password yet, her
/// address unconfirmed) and an invitation email with a link to choose her password
/// ([`INVITE_DAYS`] days); each one already there (by email, the same kind of account) is
/// updated. An address that belongs to another kind of account refuses the whole file.
/// Gives the import's id and whether it was imported.
pub async fn import_people(
    pool: &SqlitePool,
    file: &FileInfo<'_>,
    who: Importer,
    people: &[Person],
    now: i64,
) -> StoreResult<(i64, BatchState)> {
    let mut tx = begin_immediate(pool).await?;
    let mut found = Vec::with_capacity(people.len());
    let mut problems = Vec::new();
    for p in people {
        let existing = account(&mut tx, &p.email).await?;
        if let Some(e) = &existing {
            if Role::from_code(&e.role) != Some(p.role()) {
                problems.push(Problem::new(
                    p.line,
                    "email",
                    Msg::new(k::IMPORT_OTHER_ROLE),
                ));
            } else if e.suspended {
                problems.push(Problem::new(p.line, "email", Msg::new(k::IMPORT_SUSPENDED)));
            } else if !e.confirmed && !e.invited && e.active {
                // someone signed up with this address, never confirmed it and has used the
                // platform: what that account did must not become the imported person's
                problems.push(Problem::new(
                    p.line,
                    "email",
                    Msg::new(k::IMPORT_UNCONFIRMED_USED),
                ));
            } else if let Profile::Mentee(m) = &p.profile {
                // under 18 on the platform: a file does not make her an adult (she does, on
                // her profile)
                if e.minor && m.age_band != AgeBand::Under18 {
                    problems.push(Problem::new(
                        p.line,
                        "age_band",
                        Msg::new(k::IMPORT_STAYS_MINOR),
                    ));
                }
            }
        }
        found.push(existing);
    }
    if !problems.is_empty() {
        return refused(tx, file, who, &problems, now).await;
    }
    let (mut added, mut updated) = (0, 0);
    let mut invitations = Vec::new();
    for (p, existing) in people.iter().zip(found) {
        let kept_status = existing
            .as_ref()
            .and_then(|e| e.status.as_deref())
            .and_then(MentorStatus::from_code);
        let id = match existing {
            // hers, or already invited and not yet in (her invitation still stands): updated
            Some(Existing {
                id,
                confirmed: true,
                ..
            })
            | Some(Existing {
                id, invited: true, ..
            }) => {
                sqlx::query("UPDATE accounts SET display_name = ? WHERE id = ?")
                    .bind(&p.name)
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
                updated += 1;
                id
            }
            Some(Existing { id, .. }) => {
                // signed up but never showed the address is hers: whoever did may not be the
                // person the programme knows. The account becomes the programme's record of
                // her: its password and sessions end, and the invitation goes to the address
                let locale = p.locale.unwrap_or(who.locale);
                sqlx::query(
                    "UPDATE accounts SET display_name = ?, password_hash = ?, locale = ? WHERE id = ?",
                )
                .bind(&p.name)
                .bind(crate::auth::password::UNUSABLE)
                .bind(locale.code())
                .bind(id)
                    .execute(&mut *tx)
                    .await?;
                // (her invitation ends any link that account had)
                crate::auth::store::end_sessions(&mut tx, id).await?;
                invitations.push((id, p, locale));
                updated += 1;
                id
            }
            None => {
                let locale = p.locale.unwrap_or(who.locale);
                // no password until she chooses one with her invitation's link
                let account = crate::accounts::store::NewAccount {
                    email: &p.email,
                    display_name: &p.name,
                    password_hash: crate::auth::password::UNUSABLE,
                    role: p.role(),
                    locale,
                    region: None,
                    district: None,
                    email_confirmed: false,
                };
                // the address was looked up in this write: it is free
                let id = crate::accounts::store::create_in(&mut tx, &account, now)
                    .await?
                    .ok_or(sqlx::Error::RowNotFound)?;
                invitations.push((id, p, locale));
                added += 1;
                id
            }
        };
        match &p.profile {
            Profile::Mentee(m) => save_mentee_in(&mut tx, id, m, now).await?,
            Profile::Mentor(m) => {
                let mut m = m.clone();
                if let Some(status) = kept_status.filter(|_| !p.status_given) {
                    // left empty: whether she takes mentees stays as she set it
                    m.status = status;
                }
                save_mentor_in(&mut tx, id, &m, now).await?;
            }
        }
    }
    for (id, p, locale) in invitations {
        invite(&mut tx, id, p, locale, now).await?;
    }
    let id = record(
        &mut tx,
        file,
        who,
        BatchState::Imported,
        (added, updated),
        &[],
        now,
    )
    .await?;
    tx.commit().await?;
    Ok((id, BatchState::Imported))
}

/// An invitation: a link to choose her password (it confirms her address too, as a reset
/// link does), in her language.
async fn invite(
    conn: &mut SqliteConnection,
    account: i64,
    p: &Person,
    locale: Locale,
    now: i64,
) -> sqlx::Result<()> {
    let role = match p.role() {
        Role::Mentor => locale.t(k::IMPORT_INVITE_AS_MENTOR),
        _ => locale.t(k::IMPORT_INVITE_AS_MENTEE),
    };
    let body = locale.tf(
        k::IMPORT_INVITE_BODY,
        &[
            ("name", &p.name),
            ("role", role),
            ("days", &INVITE_DAYS.to_string()),
        ],
    );
    crate::accounts::store::invite_in(
        conn,
        account,
        &p.email,
        locale,
        k::IMPORT_INVITE_SUBJECT,
        &body,
        now,
    )
    .await
}

/// Imports past pairs in one write, as training data: both people must be on the platform (a
/// mentee's and a mentor's account, by email); a pair imported before is updated.
pub async fn import_outcomes(
    pool: &SqlitePool,
    file: &FileInfo<'_>,
    who: Importer,
    pairs: &[PastPair],
    now: i64,
) -> StoreResult<(i64, BatchState)> {
    let mut tx = begin_immediate(pool).await?;
    let mut ids = Vec::with_capacity(pairs.len());
    let mut problems = Vec::new();
    for p in pairs {
        let mut side = async |email: &str, role: Role, column: &str, key| {
            let found = account(&mut tx, email).await?;
            Ok::<_, sqlx::Error>(match found {
                Some(e) if Role::from_code(&e.role) == Some(role) => Some(e.id),
                _ => {
                    problems.push(Problem::new(p.line, column, Msg::new(key)));
                    None
                }
            })
        };
        let mentee = side(
            &p.mentee_email,
            Role::Mentee,
            "mentee_email",
            k::IMPORT_NO_MENTEE,
        )
        .await?;
        let mentor = side(
            &p.mentor_email,
            Role::Mentor,
            "mentor_email",
            k::IMPORT_NO_MENTOR,
        )
        .await?;
        ids.push(mentee.zip(mentor));
    }
    if !problems.is_empty() {
        return refused(tx, file, who, &problems, now).await;
    }
    let batch = record(&mut tx, file, who, BatchState::Imported, (0, 0), &[], now).await?;
    let (mut added, mut updated) = (0, 0);
    for (p, (mentee, mentor)) in pairs.iter().zip(ids.into_iter().flatten()) {
        let existed: bool = sqlx::query_scalar(
            "SELECT EXISTS (SELECT 1 FROM past_outcomes WHERE mentee_id = ? AND mentor_id = ?)",
        )
        .bind(mentee)
        .bind(mentor)
        .fetch_one(&mut *tx)
        .await?;
        sqlx::query(
            "INSERT INTO past_outcomes (mentee_id, mentor_id, outcome, rating, kind, batch_id, imported_at) \
             VALUES (?, ?, ?, ?, ?, ?, ?) \
             ON CONFLICT (mentee_id, mentor_id) DO UPDATE SET outcome = excluded.outcome, \
               rating = excluded.rating, kind = excluded.kind, batch_id = excluded.batch_id, \
               imported_at = excluded.imported_at",
        )
        .bind(mentee)
        .bind(mentor)
        .bind(p.outcome.code())
        .bind(p.rating)
        .bind(p.outcome.kind(p.rating))
        .bind(batch)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        if existed {
            updated += 1;
        } else {
            added += 1;
        }
    }
    sqlx::query("UPDATE import_batches SET added = ?, updated = ? WHERE id = ?")
        .bind(added)
        .bind(updated)
        .bind(batch)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok((batch, BatchState::Imported))
}

#[derive(sqlx::FromRow)]
struct BatchRow {
    id: i64,
    kind: String,
    state: String,
    file_name: String,
    created_by: Option<String>,
    created_at: i64,
    rows: i64,
    added: i64,
    updated: i64,
    problem_count: i64,
    problems: String,
}

impl BatchRow {
    fn summary(&self) -> BatchSummary {
        BatchSummary {
            id: self.id,
            kind: Kind::from_code(&self.kind).unwrap_or(Kind::People),
            state: BatchState::from_code(&self.state).unwrap_or(BatchState::Refused),
            file_name: self.file_name.clone(),
            created_by: self.created_by.clone().unwrap_or_default(),
            created_at: self.created_at,
            rows: self.rows,
            added: self.added,
            updated: self.updated,
            problem_count: self.problem_count,
        }
    }
}

const BATCH_COLUMNS: &str = "b.id, b.kind, b.state, b.file_name, a.display_name AS created_by, \
     b.created_at, b.rows, b.added, b.updated, b.problem_count, b.problems \
     FROM import_batches b LEFT JOIN accounts a ON a.id = b.created_by";

/// The newest imports, a page of them (`before`: ids below it).
pub async fn batches(
    pool: &SqlitePool,
    before: Option<i64>,
    limit: i64,
) -> sqlx::Result<Vec<BatchSummary>> {
    let rows: Vec<BatchRow> = sqlx::query_as(&format!(
        "SELECT {BATCH_COLUMNS} WHERE ? IS NULL OR b.id < ? ORDER BY b.id DESC LIMIT ?"
    ))
    .bind(before)
    .bind(before)
    .bind(limit)
    .fetch_all(pool)
    .await?;
    Ok(rows.iter().map(BatchRow::summary).collect())
}

/// One import with its problems.
pub async fn batch(pool: &SqlitePool, id: i64) -> StoreResult<BatchPage> {
    let row: Option<BatchRow> = sqlx::query_as(&format!("SELECT {BATCH_COLUMNS} WHERE b.id = ?"))
        .bind(id)
        .fetch_optional(pool)
        .await?;
    let row = row.ok_or(NOT_FOUND)?;
    Ok(BatchPage {
        batch: row.summary(),
        problems: serde_json::from_str(&row.problems).unwrap_or_default(),
    })
}

/// A whole import, from the file's bytes to its record: read and check every row (on a
/// blocking thread: up to [`super::ROWS_MAX`] rows), then, when all are clean, the one write.
/// Gives the import's id and whether it was imported; its page tells the rest.
pub async fn import(
    pool: &SqlitePool,
    kind: Kind,
    name: &str,
    bytes: Vec<u8>,
    who: Importer,
    now: i64,
) -> StoreResult<(i64, BatchState)> {
    enum Checked {
        People(Vec<Person>),
        Pairs(Vec<PastPair>),
    }
    let skills = match kind {
        Kind::People => skill_names(pool).await?,
        Kind::Outcomes => SkillNames::new(),
    };
    let checked = tokio::task::spawn_blocking(move || {
        let table = super::csv::parse(&bytes).map_err(|p| (0, vec![p]))?;
        let rows = table.rows.len();
        match kind {
            Kind::People => super::people::check(&table, &skills).map(Checked::People),
            Kind::Outcomes => super::outcomes::check(&table).map(Checked::Pairs),
        }
        .map(|c| (rows, c))
        .map_err(|p| (rows, p))
    })
    .await
    .map_err(|e| sqlx::Error::Io(std::io::Error::other(e)))?;
    match checked {
        Err((rows, problems)) => {
            let file = FileInfo { kind, name, rows };
            refused(begin_immediate(pool).await?, &file, who, &problems, now).await
        }
        Ok((rows, Checked::People(people))) => {
            let file = FileInfo { kind, name, rows };
            import_people(pool, &file, who, &people, now).await
        }
        Ok((rows, Checked::Pairs(pairs))) => {
            let file = FileInfo { kind, name, rows };
            import_outcomes(pool, &file, who, &pairs, now).await
        }
    }
}
