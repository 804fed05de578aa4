//! SQL for organisations: the directory and its numbers, one organisation's page, and the
//! writes — each under one write lock (`db::begin_immediate`), with who may make it checked in
//! the same write: an administrator, or a partner linked to that organisation (anyone else gets
//! [`NOT_FOUND`], as if it did not exist).
use super::*;
use crate::community::files::{self, FileAudience, Saved};
use crate::community::{growth, regions, Status, PER_PAGE, RESEND_WITHIN};
use crate::db::{rule, StoreResult, NOT_FOUND};
use crate::i18n::Locale;
use sqlx::{SqliteConnection, SqlitePool};

/// Who is writing: her account, and whether she is an administrator.
#[derive(Clone, Copy, Debug)]
pub struct Writer {
    pub id: i64,
    pub admin: bool,
}

const SUMMARY: &str =
    "o.id, o.name_ky, o.name_ru, o.name_en, o.kind, o.region, o.joined_year, o.logo, o.description";
const DETAIL: &str = "o.id, o.name_ky, o.name_ru, o.name_en, o.kind, o.region, o.website, o.description, o.joined_year, o.logo, o.status, o.reason, o.updated_at";

/// What the search looks in: the names and the description in lower case.
fn search_text(input: &OrgInput) -> String {
    format!(
        "{} {} {} {}",
        input.names.name_ky, input.names.name_ru, input.names.name_en, input.description
    )
    .to_lowercase()
}

/// The approved organisations the filters ask for, a page of them in the reader's
/// language's alphabetical order, and how many there are.
pub async fn directory(
    pool: &SqlitePool,
    filters: &Filters,
    locale: Locale,
) -> sqlx::Result<(Vec<OrgSummary>, i64)> {
    let q = filters.q.trim().to_lowercase();
    let field = filters.field.parse::<i64>().unwrap_or(0);
    let filter = "FROM organisations o WHERE o.status = 'approved' \
        AND (? = '' OR o.kind = ?) AND (? = '' OR o.region = ?) \
        AND (? = '' OR instr(o.search, ?) > 0) \
        AND (? = 0 OR EXISTS (SELECT 1 FROM organisation_fields f WHERE f.org_id = o.id AND f.field_id = ?))";
    let total: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) {filter}"))
        .bind(&filters.kind)
        .bind(&filters.kind)
        .bind(&filters.region)
        .bind(&filters.region)
        .bind(&q)
        .bind(&q)
        .bind(field)
        .bind(field)
        .fetch_one(pool)
        .await?;
    let own = match locale {
        Locale::Ky => "o.name_ky",
        Locale::Ru => "o.name_ru",
        Locale::En => "o.name_en",
    };
    let rows = sqlx::query_as(&format!(
        "SELECT {SUMMARY} {filter} \
         ORDER BY lower(COALESCE(NULLIF({own}, ''), NULLIF(o.name_en, ''), NULLIF(o.name_ru, ''), o.name_ky)), o.id \
         LIMIT ? OFFSET ?"
    ))
    .bind(&filters.kind)
    .bind(&filters.kind)
    .bind(&filters.region)
    .bind(&filters.region)
    .bind(&q)
    .bind(&q)
    .bind(field)
    .bind(field)
    .bind(PER_PAGE)
    .bind((filters.page.max(1) - 1).saturating_mul(PER_PAGE))
    .fetch_all(pool)
    .await?;
    Ok((rows, total))
}

/// The approved organisations' numbers: joined by year (with the running total), by region
/// and by type, every region and type listed.
pub async fn stats(pool: &SqlitePool) -> sqlx::Result<Stats> {
    let joined: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT joined_year, COUNT(*) FROM organisations WHERE status = 'approved' GROUP BY joined_year",
    )
    .fetch_all(pool)
    .await?;
    let count = |col: &'static str| async move {
        sqlx::query_as::<_, (String, i64)>(&format!(
            "SELECT {col}, COUNT(*) FROM organisations WHERE status = 'approved' GROUP BY {col}"
        ))
        .fetch_all(pool)
        .await
    };
    let (by_region, by_kind) = (count("region").await?, count("kind").await?);
    let of = |rows: &[(String, i64)], code: &str| {
        rows.iter()
            .find(|(c, _)| c == code)
            .map(|(_, n)| *n)
            .unwrap_or(0)
    };
    Ok(Stats {
        years: growth(&joined),
        regions: regions()
            .iter()
            .map(|r| (r.code().to_string(), of(&by_region, r.code())))
            .collect(),
        kinds: OrgKind::ALL
            .iter()
            .map(|c| (c.code().to_string(), of(&by_kind, c.code())))
            .collect(),
    })
}

/// The organisation `account` represents, if any.
pub async fn represented_by(
    conn: &mut SqliteConnection,
    account: i64,
) -> sqlx::Result<Option<i64>> {
    sqlx::query_scalar("SELECT org_id FROM organisation_partners WHERE account_id = ?")
        .bind(account)
        .fetch_optional(&mut *conn)
        .await
}

/// Refuses ([`NOT_FOUND`]) `who` where she may not change organisation `id`, and a partner who
/// used her day's uploads: what an upload handler asks before it reads the body.
pub async fn may_upload(pool: &SqlitePool, id: i64, who: Writer, now: i64) -> StoreResult<()> {
    let mut conn = pool.acquire().await?;
    let exists: bool =
        sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM organisations WHERE id = ?)")
            .bind(id)
            .fetch_one(&mut *conn)
            .await?;
    if !exists || !may_edit(&mut conn, id, who).await? {
        return Err(NOT_FOUND);
    }
    if !who.admin {
        files::check_quota(&mut conn, who.id, now).await?;
    }
    Ok(())
}

/// Whether `who` may change organisation `id`: an administrator, or its partner.
pub(crate) async fn may_edit(
    conn: &mut SqliteConnection,
    id: i64,
    who: Writer,
) -> sqlx::Result<bool> {
    Ok(who.admin || represented_by(conn, who.id).await? == Some(id))
}

#[derive(sqlx::FromRow)]
struct EditRow {
    id: i64,
    org_id: i64,
    proposed: String,
    logo: Option<String>,
    status: String,
    reason: String,
    submitted_at: i64,
}

impl EditRow {
    fn edit(self) -> Option<Edit> {
        Some(Edit {
            id: self.id,
            org_id: self.org_id,
            proposed: serde_json::from_str::<Option<OrgInput>>(&self.proposed).ok()?,
            logo: self.logo,
            status: self.status,
            reason: self.reason,
            submitted_at: self.submitted_at,
        })
    }
}

const EDIT: &str = "id, org_id, proposed, logo, status, reason, submitted_at";

/// Organisation `id` as `viewer` may see it: an approved one by anyone; one waiting for (or
/// refused) approval only by an administrator or its partners.
pub async fn page(
    pool: &SqlitePool,
    id: i64,
    viewer: Option<Writer>,
    locale: Locale,
) -> StoreResult<OrgPage> {
    let mut conn = pool.acquire().await?;
    let org: OrgDetail = sqlx::query_as(&format!(
        "SELECT {DETAIL} FROM organisations o WHERE o.id = ?"
    ))
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?
    .ok_or(NOT_FOUND)?;
    let can_edit = match viewer {
        Some(w) => may_edit(&mut conn, id, w).await?,
        None => false,
    };
    if org.status != Status::Approved.code() && !can_edit {
        return Err(NOT_FOUND);
    }
    let taxonomy: Vec<(i64, String)> = crate::accounts::profiles::store::taxonomy(pool, locale)
        .await?
        .into_iter()
        .map(|f| (f.id, f.name))
        .collect();
    let field_ids: Vec<i64> =
        sqlx::query_scalar("SELECT field_id FROM organisation_fields WHERE org_id = ?")
            .bind(id)
            .fetch_all(&mut *conn)
            .await?;
    let field_names = taxonomy
        .iter()
        .filter(|(f, _)| field_ids.contains(f))
        .map(|(_, n)| n.clone())
        .collect();
    let edit = if can_edit {
        let row: Option<EditRow> = sqlx::query_as(&format!(
            "SELECT {EDIT} FROM organisation_edits WHERE org_id = ? AND status <> 'approved' ORDER BY id DESC LIMIT 1"
        ))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?;
        row.and_then(EditRow::edit)
    } else {
        None
    };
    let partners = if viewer.is_some_and(|w| w.admin) {
        sqlx::query_as(
            "SELECT p.account_id, a.display_name, a.email FROM organisation_partners p \
             JOIN accounts a ON a.id = p.account_id WHERE p.org_id = ? ORDER BY a.display_name",
        )
        .bind(id)
        .fetch_all(&mut *conn)
        .await?
    } else {
        Vec::new()
    };
    drop(conn);
    Ok(OrgPage {
        practices: crate::community::practices::store::of_org(pool, id, can_edit).await?,
        initiatives: crate::community::initiatives::store::of_org(pool, id).await?,
        org,
        field_ids,
        field_names,
        can_edit,
        edit,
        partners,
        taxonomy,
    })
}

async fn check_fields(conn: &mut SqliteConnection, fields: &[i64]) -> StoreResult<()> {
    for f in fields {
        let known: bool =
            sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM taxonomy_fields WHERE id = ?)")
                .bind(f)
                .fetch_one(&mut *conn)
                .await?;
        if !known {
            return Err(rule("fields", k::ERR_CHOOSE_ONE));
        }
    }
    Ok(())
}

/// Writes `input` onto organisation `id` (its texts, search text and focus areas).
async fn apply(
    conn: &mut SqliteConnection,
    id: i64,
    input: &OrgInput,
    now: i64,
) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE organisations SET name_ky = ?, name_ru = ?, name_en = ?, kind = ?, region = ?, \
           website = ?, description = ?, joined_year = ?, search = ?, updated_at = ? WHERE id = ?",
    )
    .bind(&input.names.name_ky)
    .bind(&input.names.name_ru)
    .bind(&input.names.name_en)
    .bind(&input.kind)
    .bind(&input.region)
    .bind(&input.website)
    .bind(&input.description)
    .bind(input.joined_year)
    .bind(search_text(input))
    .bind(now)
    .bind(id)
    .execute(&mut *conn)
    .await?;
    sqlx::query("DELETE FROM organisation_fields WHERE org_id = ?")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    for f in &input.fields {
        sqlx::query("INSERT INTO organisation_fields (org_id, field_id) VALUES (?, ?)")
            .bind(id)
            .bind(f)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// A new organisation: listed at once when an administrator adds it; proposed by a partner
/// (who then represents it; she represents one organisation at most), it waits for approval.
/// The same name sent again by the same person within [`RESEND_WITHIN`] seconds (a resend
/// over a failing link) is the same organisation.
pub async fn create(
    pool: &SqlitePool,
    who: Writer,
    input: &OrgInput,
    now: i64,
) -> StoreResult<i64> {
    let mut tx = crate::db::begin_immediate(pool).await?;
    let result = async {
        let again: Option<i64> = sqlx::query_scalar(
            "SELECT id FROM organisations WHERE created_by = ? AND created_at > ? \
               AND name_ky = ? AND name_ru = ? AND name_en = ? ORDER BY id DESC LIMIT 1",
        )
        .bind(who.id)
        .bind(now - RESEND_WITHIN)
        .bind(&input.names.name_ky)
        .bind(&input.names.name_ru)
        .bind(&input.names.name_en)
        .fetch_optional(&mut *tx)
        .await?;
        if let Some(id) = again {
            return Ok(id);
        }
        if !who.admin && represented_by(&mut tx, who.id).await?.is_some() {
            return Err(rule("", k::COMMUNITY_ERR_ONE_ORG));
        }
        check_fields(&mut tx, &input.fields).await?;
        let status = if who.admin { "approved" } else { "pending" };
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO organisations (name_en, kind, region, joined_year, status, created_by, created_at, updated_at) \
             VALUES ('-', ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        )
        .bind(&input.kind)
        .bind(&input.region)
        .bind(input.joined_year)
        .bind(status)
        .bind(who.id)
        .bind(now)
        .bind(now)
        .fetch_one(&mut *tx)
        .await?;
        apply(&mut tx, id, input, now).await?;
        if !who.admin {
            sqlx::query("INSERT INTO organisation_partners (account_id, org_id, linked_at) VALUES (?, ?, ?)")
                .bind(who.id)
                .bind(id)
                .bind(now)
                .execute(&mut *tx)
                .await?;
        }
        Ok(id)
    }
    .await;
    tx.finish(result).await
}

/// Changes organisation `id`. An administrator's change shows at once. A partner's change to
/// a listed organisation waits for approval (her latest proposal replaces a waiting one); to
/// one not listed yet it is made at once (nobody else reads it before an administrator does).
/// Returns whether the change waits.
pub async fn save(
    pool: &SqlitePool,
    id: i64,
    who: Writer,
    input: &OrgInput,
    now: i64,
) -> StoreResult<bool> {
    let mut tx = crate::db::begin_immediate(pool).await?;
    let result = async {
        let status: String = sqlx::query_scalar("SELECT status FROM organisations WHERE id = ?")
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?
            .ok_or(NOT_FOUND)?;
        if !may_edit(&mut tx, id, who).await? {
            return Err(NOT_FOUND);
        }
        check_fields(&mut tx, &input.fields).await?;
        if who.admin || status != Status::Approved.code() {
            apply(&mut tx, id, input, now).await?;
            if !who.admin && status == Status::Rejected.code() {
                // changed after a refusal: it asks again
                sqlx::query(
                    "UPDATE organisations SET status = 'pending', reason = '' WHERE id = ?",
                )
                .bind(id)
                .execute(&mut *tx)
                .await?;
            }
            return Ok(false);
        }
        propose(&mut tx, id, who.id, Some(input), None, now).await?;
        Ok(true)
    }
    .await;
    tx.finish(result).await
}

/// Puts a partner's proposal (new texts, a new logo, or both) into the organisation's one
/// waiting edit.
async fn propose(
    conn: &mut SqliteConnection,
    id: i64,
    by: i64,
    input: Option<&OrgInput>,
    logo: Option<&str>,
    now: i64,
) -> StoreResult<()> {
    let waiting: Option<EditRow> = sqlx::query_as(&format!(
        "SELECT {EDIT} FROM organisation_edits WHERE org_id = ? AND status = 'pending'"
    ))
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?;
    // a new logo alone proposes no texts (approving it later changes only the logo)
    let proposed: Option<OrgInput> = match (input, &waiting) {
        (Some(input), _) => Some(input.clone()),
        (None, Some(w)) => serde_json::from_str(&w.proposed).map_err(|_| NOT_FOUND)?,
        (None, None) => None,
    };
    let json = serde_json::to_string(&proposed).map_err(|_| NOT_FOUND)?;
    match waiting {
        Some(w) => {
            sqlx::query(
                "UPDATE organisation_edits SET proposed = ?, logo = COALESCE(?, logo), submitted_by = ?, submitted_at = ? WHERE id = ?",
            )
            .bind(json)
            .bind(logo)
            .bind(by)
            .bind(now)
            .bind(w.id)
            .execute(&mut *conn)
            .await?;
        }
        None => {
            sqlx::query(
                "INSERT INTO organisation_edits (org_id, proposed, logo, submitted_by, submitted_at) VALUES (?, ?, ?, ?, ?)",
            )
            .bind(id)
            .bind(json)
            .bind(logo)
            .bind(by)
            .bind(now)
            .execute(&mut *conn)
            .await?;
        }
    }
    Ok(())
}

/// Organisation `id`'s fields as they read now.
async fn current(conn: &mut SqliteConnection, id: i64) -> StoreResult<OrgInput> {
    let o: OrgDetail = sqlx::query_as(&format!(
        "SELECT {DETAIL} FROM organisations o WHERE o.id = ?"
    ))
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?
    .ok_or(NOT_FOUND)?;
    let fields = sqlx::query_scalar(
        "SELECT field_id FROM organisation_fields WHERE org_id = ? ORDER BY field_id",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    Ok(OrgInput {
        fields,
        ..OrgInput::from(&o)
    })
}

/// A new logo for organisation `id` (a checked, saved image). An administrator's shows at
/// once; a partner's on a listed organisation waits with her other proposed changes. Returns
/// whether it waits. The file is kept only if this write commits.
pub async fn set_logo(
    pool: &SqlitePool,
    id: i64,
    who: Writer,
    file: Saved,
    now: i64,
) -> StoreResult<bool> {
    let mut tx = crate::db::begin_immediate(pool).await?;
    let result = async {
        let status: String = sqlx::query_scalar("SELECT status FROM organisations WHERE id = ?")
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?
            .ok_or(NOT_FOUND)?;
        if !may_edit(&mut tx, id, who).await? {
            return Err(NOT_FOUND);
        }
        if !who.admin {
            files::check_quota(&mut tx, who.id, now).await?;
        }
        let listed = status == Status::Approved.code();
        let waits = listed && !who.admin;
        let audience = if listed && who.admin {
            FileAudience::Public
        } else {
            FileAudience::Review
        };
        files::record(&mut tx, &file, audience, who.id, now).await?;
        if waits {
            propose(&mut tx, id, who.id, None, Some(&file.name), now).await?;
        } else {
            let old: Option<String> =
                sqlx::query_scalar("SELECT logo FROM organisations WHERE id = ?")
                    .bind(id)
                    .fetch_one(&mut *tx)
                    .await?;
            files::retire(&mut tx, old.as_deref()).await?;
            sqlx::query("UPDATE organisations SET logo = ?, updated_at = ? WHERE id = ?")
                .bind(&file.name)
                .bind(now)
                .bind(id)
                .execute(&mut *tx)
                .await?;
        }
        Ok(waits)
    }
    .await;
    let done = tx.finish(result).await?;
    file.keep();
    Ok(done)
}

/// Links the partner account with this email to organisation `id` (moving her from another).
/// An address without an account becomes a partner account (named after the organisation)
/// with an invitation to choose her password, in `locale`; returns whether one was sent. An
/// address of anyone who is not a partner is refused: roles change elsewhere. `email` is
/// normalised (`accounts::normalize_email`).
pub async fn link(
    pool: &SqlitePool,
    id: i64,
    email: &str,
    (admin, locale): (i64, Locale),
    now: i64,
) -> StoreResult<bool> {
    let mut tx = crate::db::begin_immediate(pool).await?;
    let result = async {
        let names: Names = sqlx::query_as("SELECT name_ky, name_ru, name_en FROM organisations WHERE id = ?")
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?
            .ok_or(NOT_FOUND)?;
        let account: Option<(i64, String)> = sqlx::query_as("SELECT id, role FROM accounts WHERE email = ?")
            .bind(email)
            .fetch_optional(&mut *tx)
            .await?;
        let (account, invited) = match account {
            Some((account, role)) if role == "partner" => (account, false),
            Some(_) => return Err(rule("email", k::COMMUNITY_ERR_NOT_PARTNER)),
            None => {
                let name = names.in_locale(locale).to_string();
                let new = crate::accounts::store::NewAccount {
                    email,
                    display_name: &name,
                    password_hash: crate::auth::password::UNUSABLE,
                    role: crate::auth::Role::Partner,
                    locale,
                    region: None,
                    district: None,
                    email_confirmed: false,
                };
                // the address was looked up in this write: it is free
                let account = crate::accounts::store::create_in(&mut tx, &new, now)
                    .await?
                    .ok_or(sqlx::Error::RowNotFound)?;
                let body = locale.tf(
                    k::COMMUNITY_INVITE_BODY,
                    &[
                        ("org", &name),
                        ("days", &crate::accounts::store::INVITE_DAYS.to_string()),
                    ],
                );
                crate::accounts::store::invite_in(
                    &mut tx,
                    account,
                    email,
                    locale,
                    k::COMMUNITY_INVITE_SUBJECT,
                    &body,
                    now,
                )
                .await?;
                use crate::audit::{store::Record, Action, Target};
                Record::new(Some(admin), Action::RoleChanged, Target::Account(account))
                    .change("", "partner")
                    .write(&mut tx, now)
                    .await?;
                (account, true)
            }
        };
        sqlx::query(
            "INSERT INTO organisation_partners (account_id, org_id, linked_at) VALUES (?, ?, ?) \
             ON CONFLICT (account_id) DO UPDATE SET org_id = excluded.org_id, linked_at = excluded.linked_at",
        )
        .bind(account)
        .bind(id)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        Ok(invited)
    }
    .await;
    tx.finish(result).await
}

/// Ends `account`'s link to organisation `id`.
pub async fn unlink(pool: &SqlitePool, id: i64, account: i64) -> StoreResult<()> {
    let done = sqlx::query("DELETE FROM organisation_partners WHERE org_id = ? AND account_id = ?")
        .bind(id)
        .bind(account)
        .execute(pool)
        .await?;
    if done.rows_affected() == 0 {
        return Err(NOT_FOUND);
    }
    Ok(())
}

/// An administrator's decision on a new organisation as of `seen` (its `updated_at` when she
/// read it): listed (its logo public), or refused with a reason its partner reads.
pub async fn decide(
    pool: &SqlitePool,
    id: i64,
    seen: i64,
    approve: bool,
    reason: &str,
    now: i64,
) -> StoreResult<()> {
    let mut tx = crate::db::begin_immediate(pool).await?;
    let result = async {
        let row: Option<(String, Option<String>, i64)> =
            sqlx::query_as("SELECT status, logo, updated_at FROM organisations WHERE id = ?")
                .bind(id)
                .fetch_optional(&mut *tx)
                .await?;
        let (status, logo, updated) = row.ok_or(NOT_FOUND)?;
        if status != Status::Pending.code() || updated != seen {
            return Err(crate::db::stale(k::COMMUNITY_ERR_DECIDED));
        }
        let to = if approve { "approved" } else { "rejected" };
        sqlx::query("UPDATE organisations SET status = ?, reason = ?, updated_at = ? WHERE id = ?")
            .bind(to)
            .bind(reason)
            .bind(now)
            .bind(id)
            .execute(&mut *tx)
            .await?;
        if let (true, Some(logo)) = (approve, logo) {
            files::set_audience(&mut tx, &logo, FileAudience::Public).await?;
        }
        Ok(())
    }
    .await;
    tx.finish(result).await
}

/// An administrator's decision on a waiting edit: applied (with its logo), or refused with a
/// reason. A proposal that changed since the administrator read it (`submitted_at` differs)
/// is not decided: she reads it again.
pub async fn decide_edit(
    pool: &SqlitePool,
    edit: i64,
    seen: i64,
    approve: bool,
    reason: &str,
    now: i64,
) -> StoreResult<i64> {
    let mut tx = crate::db::begin_immediate(pool).await?;
    let result = async {
        let row: EditRow = sqlx::query_as(&format!(
            "SELECT {EDIT} FROM organisation_edits WHERE id = ?"
        ))
        .bind(edit)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(NOT_FOUND)?;
        if row.status != Status::Pending.code() || row.submitted_at != seen {
            return Err(crate::db::stale(k::COMMUNITY_ERR_DECIDED));
        }
        let org = row.org_id;
        if approve {
            let logo = row.logo.clone();
            if let Some(input) = row.edit().ok_or(NOT_FOUND)?.proposed {
                apply(&mut tx, org, &input, now).await?;
            }
            if let Some(logo) = logo {
                let old: Option<String> =
                    sqlx::query_scalar("SELECT logo FROM organisations WHERE id = ?")
                        .bind(org)
                        .fetch_one(&mut *tx)
                        .await?;
                files::retire(&mut tx, old.as_deref()).await?;
                files::set_audience(&mut tx, &logo, FileAudience::Public).await?;
                sqlx::query("UPDATE organisations SET logo = ? WHERE id = ?")
                    .bind(&logo)
                    .bind(org)
                    .execute(&mut *tx)
                    .await?;
            }
        }
        sqlx::query(
            "UPDATE organisation_edits SET status = ?, reason = ?, decided_at = ? WHERE id = ?",
        )
        .bind(if approve { "approved" } else { "rejected" })
        .bind(reason)
        .bind(now)
        .bind(edit)
        .execute(&mut *tx)
        .await?;
        Ok(org)
    }
    .await;
    tx.finish(result).await
}

/// The listed organisations (id, name in `locale`) for a list to pick from (award nominations,
/// initiatives).
pub async fn listed(pool: &SqlitePool, locale: Locale) -> sqlx::Result<Vec<(i64, String)>> {
    let rows: Vec<(i64, String, String, String)> = sqlx::query_as(
        "SELECT id, name_ky, name_ru, name_en FROM organisations WHERE status = 'approved' ORDER BY id",
    )
    .fetch_all(pool)
    .await?;
    let mut out: Vec<(i64, String)> = rows
        .into_iter()
        .map(|(id, name_ky, name_ru, name_en)| {
            let names = Names {
                name_ky,
                name_ru,
                name_en,
            };
            (id, names.in_locale(locale).to_string())
        })
        .collect();
    out.sort_by_key(|(_, n)| n.to_lowercase());
    Ok(out)
}

/// New organisations and proposed edits waiting for an administrator, oldest first.
pub async fn waiting(
    pool: &SqlitePool,
    limit: i64,
) -> sqlx::Result<(Vec<OrgDetail>, Vec<(Edit, OrgInput)>)> {
    let orgs = sqlx::query_as(&format!(
        "SELECT {DETAIL} FROM organisations o WHERE o.status = 'pending' ORDER BY o.id LIMIT ?"
    ))
    .bind(limit)
    .fetch_all(pool)
    .await?;
    let rows: Vec<EditRow> = sqlx::query_as(&format!(
        "SELECT {EDIT} FROM organisation_edits WHERE status = 'pending' ORDER BY submitted_at LIMIT ?"
    ))
    .bind(limit)
    .fetch_all(pool)
    .await?;
    let mut edits = Vec::new();
    let mut conn = pool.acquire().await?;
    for row in rows {
        let org = row.org_id;
        if let (Some(edit), Ok(now)) = (row.edit(), current(&mut conn, org).await) {
            edits.push((edit, now));
        }
    }
    Ok((orgs, edits))
}

/// A listed organisation's name (in English, else the first given), for a nomination that
/// names it.
pub async fn listed_name(conn: &mut SqliteConnection, id: i64) -> sqlx::Result<Option<String>> {
    let names: Option<Names> = sqlx::query_as(
        "SELECT name_ky, name_ru, name_en FROM organisations WHERE id = ? AND status = 'approved'",
    )
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(names.map(|n| n.in_locale(Locale::En).to_string()))
}
