//! Nominations: nominating, the nominee's answer, screening and the shortlist of finalists.
use super::*;

/// The account a person's nomination names, looked up by email.
#[derive(sqlx::FromRow)]
struct NomineeAccountRow {
    id: i64,
    role: String,
    region: Option<String>,
    suspended_at: Option<i64>,
}

/// Who an organisation category's nomination names: an organisation or a practice from the
/// community directory, or (one not listed yet) a name as written.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum OrgPick<'a> {
    Named(&'a str),
    Organisation(i64),
    Practice(i64),
}

impl<'a> From<&'a str> for OrgPick<'a> {
    fn from(name: &'a str) -> Self {
        OrgPick::Named(name)
    }
}

/// A nomination; returns the cycle. A person must accept before it is public; she is told.
pub async fn nominate(
    pool: &SqlitePool,
    category: i64,
    nominator: i64,
    email: &str,
    org: impl Into<OrgPick<'_>>,
    reason: &str,
    now: i64,
) -> StoreResult<i64> {
    let org = org.into();
    let mut tx = begin_immediate(pool).await?;
    let result: StoreResult<_> = async {
        let conn: &mut SqliteConnection = &mut tx;
        let (c, kind, regional) = cycle_of_category(conn, category).await?;
        permit(Act::Nominate, &c, now)?;
        crate::moderation::store::refuse_if_silenced(conn, nominator, "", now).await?;
        let (mut listed_org, mut listed_practice) = (None, None);
        let (nominee_id, org, key, status) = match (kind, org) {
            (Nominee::Organisation, OrgPick::Named("")) => {
                return Err(rule("org_name", k::ERR_REQUIRED))
            }
            (Nominee::Organisation, OrgPick::Named(name)) => (
                None,
                Some(name.to_string()),
                format!("o:{}", name.to_lowercase()),
                "accepted",
            ),
            (Nominee::Organisation, OrgPick::Organisation(id)) => {
                let name = crate::community::organisations::store::listed_name(conn, id)
                    .await?
                    .ok_or_else(|| rule("listed", k::ERR_CHOOSE_ONE))?;
                listed_org = Some(id);
                (None, Some(name), format!("org:{id}"), "accepted")
            }
            (Nominee::Organisation, OrgPick::Practice(id)) => {
                let (title, org_id) = crate::community::practices::store::listed_title(conn, id)
                    .await?
                    .ok_or_else(|| rule("listed", k::ERR_CHOOSE_ONE))?;
                listed_org = Some(org_id);
                listed_practice = Some(id);
                (None, Some(title), format!("practice:{id}"), "accepted")
            }
            _ if email.is_empty() => return Err(rule("email", k::ERR_REQUIRED)),
            (kind, _) => {
                let row: Option<NomineeAccountRow> = sqlx::query_as(
                    "SELECT id, role, region, suspended_at FROM accounts WHERE email = ?",
                )
                .bind(email.trim().to_lowercase())
                .fetch_optional(&mut *conn)
                .await?;
                let Some(account) = row.filter(|r| r.suspended_at.is_none()) else {
                    return Err(rule("email", k::ERR_AWARD_NOMINEE_UNKNOWN));
                };
                let NomineeAccountRow {
                    id,
                    role,
                    region,
                    ..
                } = account;
                if id == nominator {
                    return Err(rule("email", k::ERR_AWARD_SELF_NOMINATION));
                }
                if role != kind.code() || (regional && !is_regional(region.as_deref())) {
                    return Err(rule("email", k::ERR_AWARD_WRONG_NOMINEE));
                }
                (Some(id), None, format!("a:{id}"), "awaiting")
            }
        };
        let inserted: Option<i64> = sqlx::query_scalar(
            "INSERT INTO award_nominations (category_id, nominator_id, nominee_id, org_name, nominee_key, reason, status, created_at, organisation_id, practice_id) \
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (category_id, nominator_id, nominee_key) DO NOTHING RETURNING id",
        )
        .bind(category)
        .bind(nominator)
        .bind(nominee_id)
        .bind(&org)
        .bind(&key)
        .bind(reason)
        .bind(status)
        .bind(now)
        .bind(listed_org)
        .bind(listed_practice)
        .fetch_optional(&mut *conn)
        .await?;
        let nomination = inserted.ok_or_else(|| rule("", k::ERR_AWARD_DUPLICATE_NOMINATION))?;
        // contact details in the reason wait for an administrator (safeguard)
        crate::moderation::store::screen(
            conn,
            crate::moderation::Channel::NominationReason,
            nomination,
            nominator,
            reason,
            now,
        )
        .await?;
        if let Some(person) = nominee_id {
            let name = crate::notifications::store::name_of(conn, nominator).await?;
            crate::notifications::store::notify(
                conn,
                person,
                crate::notifications::Kind::AwardNominated,
                &name,
                &format!("/awards/{}#for-you", c.id),
                now,
            )
            .await?;
        }
        Ok(c.id)
    }
    .await;
    tx.finish(result).await
}

/// The category of a nomination addressed to its nominee (the selected status is not needed).
#[derive(sqlx::FromRow)]
struct AddressedNominationRow {
    category_id: i64,
}

/// Her account is being deleted (inside that transaction): every nomination of her in an award
/// not yet decided (before its results are published) ends as if she had declined it.
pub async fn decline_for_deleted_account(
    conn: &mut SqliteConnection,
    account: i64,
) -> sqlx::Result<u64> {
    let decided = [Phase::Published.code(), Phase::Archived.code()];
    let r = sqlx::query(
        "UPDATE award_nominations SET status = 'declined', finalist = 0 WHERE nominee_id = ? \
         AND category_id IN (SELECT c.id FROM award_categories c JOIN award_cycles y ON y.id = c.cycle_id \
                             WHERE y.phase NOT IN (?, ?))",
    )
    .bind(account)
    .bind(decided[0])
    .bind(decided[1])
    .execute(conn)
    .await?;
    Ok(r.rows_affected())
}

/// The nominated person accepts (the nomination becomes public) or declines. Someone else's
/// nomination is a 404.
pub async fn answer(
    pool: &SqlitePool,
    nomination: i64,
    me: i64,
    accept: bool,
    now: i64,
) -> StoreResult<i64> {
    let mut tx = begin_immediate(pool).await?;
    let result: StoreResult<_> = async {
        let conn: &mut SqliteConnection = &mut tx;
        let row: Option<AddressedNominationRow> = sqlx::query_as(
            "SELECT category_id, status FROM award_nominations WHERE id = ? AND nominee_id = ?",
        )
        .bind(nomination)
        .bind(me)
        .fetch_optional(&mut *conn)
        .await?;
        let category = row.ok_or(NOT_FOUND)?.category_id;
        let (c, _, _) = cycle_of_category(conn, category).await?;
        permit(Act::Answer, &c, now)?;
        sqlx::query(
            "UPDATE award_nominations SET status = ?, answered_at = ?, finalist = CASE WHEN ? THEN finalist ELSE 0 END WHERE id = ?",
        )
        .bind(if accept { "accepted" } else { "declined" })
        .bind(now)
        .bind(accept)
        .bind(nomination)
        .execute(&mut *conn)
        .await?;
        Ok(c.id)
    }
    .await;
    tx.finish(result).await
}

/// A nomination's category, status and shown name.
#[derive(sqlx::FromRow)]
struct NominationCycleRow {
    category_id: i64,
    status: String,
    nominee_name: String,
}

/// The cycle of a nomination, for administrators' actions.
async fn nomination_cycle(
    conn: &mut SqliteConnection,
    nomination: i64,
) -> StoreResult<(CycleRow, String, String)> {
    let row: Option<NominationCycleRow> = sqlx::query_as(&format!(
        "SELECT n.category_id, n.status, {NOMINEE_NAME} AS nominee_name FROM award_nominations n WHERE n.id = ?"
    ))
    .bind(nomination)
    .fetch_optional(&mut *conn)
    .await?;
    let NominationCycleRow {
        category_id: category,
        status,
        nominee_name: name,
    } = row.ok_or(NOT_FOUND)?;
    let (c, _, _) = cycle_of_category(conn, category).await?;
    Ok((c, status, name))
}

/// Screening: eligible, or ineligible with a reason (which also takes it off the shortlist).
pub async fn screen(
    pool: &SqlitePool,
    nomination: i64,
    eligible: bool,
    reason: &str,
    actor: i64,
    now: i64,
) -> StoreResult<i64> {
    let mut tx = begin_immediate(pool).await?;
    let result: StoreResult<_> = async {
        let conn: &mut SqliteConnection = &mut tx;
        let (c, status, name) = nomination_cycle(conn, nomination).await?;
        permit(Act::Screen, &c, now)?;
        if status != "accepted" {
            return Err(rule("", k::ERR_AWARD_NOT_ACCEPTED));
        }
        sqlx::query(
            "UPDATE award_nominations SET screening = ?, screening_reason = ?, finalist = CASE WHEN ? THEN finalist ELSE 0 END WHERE id = ?",
        )
        .bind(if eligible { "eligible" } else { "ineligible" })
        .bind((!eligible).then_some(reason))
        .bind(eligible)
        .bind(nomination)
        .execute(&mut *conn)
        .await?;
        let action = if eligible { "eligible" } else { "ineligible" };
        log(conn, c.id, Some(actor), action, &name, reason, now).await?;
        Ok(c.id)
    }
    .await;
    tx.finish(result).await
}

/// Puts an eligible nomination on the shortlist of finalists, or takes it off.
pub async fn shortlist(
    pool: &SqlitePool,
    nomination: i64,
    finalist: bool,
    actor: i64,
    now: i64,
) -> StoreResult<i64> {
    let mut tx = begin_immediate(pool).await?;
    let result: StoreResult<_> = async {
        let conn: &mut SqliteConnection = &mut tx;
        let (c, _, name) = nomination_cycle(conn, nomination).await?;
        permit(Act::Screen, &c, now)?;
        let done = sqlx::query(
            "UPDATE award_nominations SET finalist = ? WHERE id = ? AND status = 'accepted' AND screening = 'eligible'",
        )
        .bind(finalist)
        .bind(nomination)
        .execute(&mut *conn)
        .await?;
        if done.rows_affected() == 0 {
            return Err(rule("", k::ERR_AWARD_NOT_ELIGIBLE));
        }
        let action = if finalist {
            "shortlisted"
        } else {
            "unshortlisted"
        };
        log(conn, c.id, Some(actor), action, &name, "", now).await?;
        Ok(c.id)
    }
    .await;
    tx.finish(result).await
}
