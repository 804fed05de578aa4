//! SQL for profiles and the taxonomy.
use super::*;
use crate::i18n::Locale;
use sqlx::{SqliteConnection, SqlitePool};
use std::collections::HashMap;

fn name_col(locale: Locale) -> &'static str {
    match locale {
        Locale::Ky => "name_ky",
        Locale::Ru => "name_ru",
        Locale::En => "name_en",
    }
}

/// A field of the taxonomy, named in one language.
#[derive(sqlx::FromRow)]
struct FieldRow {
    id: i64,
    name: String,
}

/// A skill of the taxonomy with its field, named in one language.
#[derive(sqlx::FromRow)]
struct SkillRow {
    id: i64,
    field_id: i64,
    name: String,
}

/// All fields with their skills, named in `locale`, in their curated order.
pub async fn taxonomy(pool: &SqlitePool, locale: Locale) -> sqlx::Result<Vec<FieldGroup>> {
    let col = name_col(locale);
    let fields: Vec<FieldRow> = sqlx::query_as(&format!(
        "SELECT id, {col} AS name FROM taxonomy_fields ORDER BY position"
    ))
    .fetch_all(pool)
    .await?;
    let skills: Vec<SkillRow> = sqlx::query_as(&format!(
        "SELECT id, field_id, {col} AS name FROM taxonomy_skills ORDER BY field_id, position"
    ))
    .fetch_all(pool)
    .await?;
    Ok(fields
        .into_iter()
        .map(|FieldRow { id, name }| FieldGroup {
            id,
            name,
            skills: skills
                .iter()
                .filter(|s| s.field_id == id)
                .map(|s| SkillName {
                    id: s.id,
                    name: s.name.clone(),
                })
                .collect(),
        })
        .collect())
}

/// Whether every id names a skill of the taxonomy.
async fn skills_exist(conn: &mut SqliteConnection, ids: &[i64]) -> sqlx::Result<bool> {
    let marks = vec!["?"; ids.len()].join(",");
    let sql = format!("SELECT COUNT(*) FROM taxonomy_skills WHERE id IN ({marks})");
    let mut q = sqlx::query_scalar::<_, i64>(&sql);
    for id in ids {
        q = q.bind(id);
    }
    Ok(q.fetch_one(&mut *conn).await? == ids.len() as i64)
}

/// The shared half of saving a profile: place, skills, languages. A skill id that is not in
/// the taxonomy is refused (and nothing is kept: the caller's transaction rolls back).
async fn save_common(
    conn: &mut SqliteConnection,
    account_id: i64,
    c: &Common,
) -> crate::db::StoreResult<()> {
    if !skills_exist(conn, &c.skills).await? {
        return Err(crate::db::rule("skills", k::ERR_CHOOSE_ONE));
    }
    sqlx::query("UPDATE accounts SET region = ?, district = ? WHERE id = ?")
        .bind(c.place.region_code())
        .bind(Some(c.place.district.as_str()).filter(|d| !d.is_empty()))
        .bind(account_id)
        .execute(&mut *conn)
        .await?;
    sqlx::query("DELETE FROM profile_skills WHERE account_id = ?")
        .bind(account_id)
        .execute(&mut *conn)
        .await?;
    for id in &c.skills {
        sqlx::query("INSERT INTO profile_skills (account_id, skill_id) VALUES (?, ?)")
            .bind(account_id)
            .bind(id)
            .execute(&mut *conn)
            .await?;
    }
    sqlx::query("DELETE FROM profile_languages WHERE account_id = ?")
        .bind(account_id)
        .execute(&mut *conn)
        .await?;
    for (lang, level) in &c.languages {
        sqlx::query("INSERT INTO profile_languages (account_id, language, level) VALUES (?, ?, ?)")
            .bind(account_id)
            .bind(lang.code())
            .bind(level.code())
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// An approved profile's public texts as others see them.
#[derive(sqlx::FromRow)]
struct LiveTextsRow {
    organisation: String,
    title: String,
    bio: String,
    style: String,
}

/// Creates or updates a mentor's profile. A rejected profile goes back to the review queue
/// when edited; an approved one stays listed, and a change to its public texts (organisation,
/// title, bio, style) waits for an administrator while others see the approved ones. Gives
/// whether such a change waits. Pausing ends her open requests in the same
/// transaction (each mentee sees hers invalidated), so a request cut off half-way leaves
/// neither a paused mentor with open requests nor closed requests of an open one.
pub async fn save_mentor(
    pool: &SqlitePool,
    account_id: i64,
    m: &ValidMentor,
    now: i64,
) -> crate::db::StoreResult<bool> {
    let mut tx = crate::db::begin_immediate(pool).await?;
    let result = save_mentor_in(&mut tx, account_id, m, now).await;
    tx.finish(result).await
}

/// [`save_mentor`] inside the caller's write (an import saves many in one).
pub async fn save_mentor_in(
    conn: &mut SqliteConnection,
    account_id: i64,
    m: &ValidMentor,
    now: i64,
) -> crate::db::StoreResult<bool> {
    save_common(conn, account_id, &m.common).await?;
    let live: Option<LiveTextsRow> = sqlx::query_as(
        "SELECT organisation, title, bio, style FROM mentor_profiles \
         WHERE account_id = ? AND approval = 'approved'",
    )
    .bind(account_id)
    .fetch_optional(&mut *conn)
    .await?;
    if let Some(live) = live {
        // approved: her other fields apply now; changed texts wait, and the approved ones stay
        // what others see
        let changed = (&live.organisation, &live.title, &live.bio, &live.style)
            != (&m.organisation, &m.title, &m.bio, &m.style);
        sqlx::query(
            "UPDATE mentor_profiles SET years_experience = ?, capacity = ?, status = ?, updated_at = ?, \
               stages = ?, hours_per_month = ?, \
               draft_organisation = ?, draft_title = ?, draft_bio = ?, draft_style = ?, \
               draft_at = ?, draft_reason = NULL \
             WHERE account_id = ?",
        )
        .bind(m.years_experience)
        .bind(m.capacity)
        .bind(m.status.code())
        .bind(now)
        .bind(super::stages_code(&m.stages))
        .bind(m.hours_per_month)
        .bind(changed.then_some(&m.organisation))
        .bind(changed.then_some(&m.title))
        .bind(changed.then_some(&m.bio))
        .bind(changed.then_some(&m.style))
        .bind(changed.then_some(now))
        .bind(account_id)
        .execute(&mut *conn)
        .await?;
        if m.status == MentorStatus::Paused {
            crate::mentoring::requests::store::invalidate_open_for_mentor(conn, account_id, now)
                .await?;
        }
        return Ok(changed);
    }
    sqlx::query(
        "INSERT INTO mentor_profiles (account_id, organisation, title, years_experience, capacity, status, bio, style, updated_at, stages, hours_per_month) \
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) \
         ON CONFLICT (account_id) DO UPDATE SET organisation = excluded.organisation, title = excluded.title, \
           years_experience = excluded.years_experience, capacity = excluded.capacity, status = excluded.status, \
           stages = excluded.stages, hours_per_month = excluded.hours_per_month, \
           bio = excluded.bio, style = excluded.style, updated_at = excluded.updated_at, \
           approval = CASE WHEN mentor_profiles.approval = 'rejected' THEN 'pending' ELSE mentor_profiles.approval END",
    )
    .bind(account_id)
    .bind(&m.organisation)
    .bind(&m.title)
    .bind(m.years_experience)
    .bind(m.capacity)
    .bind(m.status.code())
    .bind(&m.bio)
    .bind(&m.style)
    .bind(now)
    .bind(super::stages_code(&m.stages))
    .bind(m.hours_per_month)
    .execute(&mut *conn)
    .await?;
    if m.status == MentorStatus::Paused {
        crate::mentoring::requests::store::invalidate_open_for_mentor(conn, account_id, now)
            .await?;
    }
    Ok(false)
}

/// Creates or updates a mentee's profile; under 18, her public roadmaps become private in the
/// same write.
pub async fn save_mentee(
    pool: &SqlitePool,
    account_id: i64,
    m: &ValidMentee,
    now: i64,
) -> crate::db::StoreResult<()> {
    let mut tx = crate::db::begin_immediate(pool).await?;
    let result = save_mentee_in(&mut tx, account_id, m, now).await;
    tx.finish(result).await
}

/// [`save_mentee`] inside the caller's write (an import saves many in one).
pub async fn save_mentee_in(
    conn: &mut SqliteConnection,
    account_id: i64,
    m: &ValidMentee,
    now: i64,
) -> crate::db::StoreResult<()> {
    save_common(conn, account_id, &m.common).await?;
    sqlx::query(
        "INSERT INTO mentee_profiles (account_id, career_stage, goals, meeting_format, hours_per_month, age_band, mentor_from, updated_at) \
         VALUES (?, ?, ?, ?, ?, ?, ?, ?) \
         ON CONFLICT (account_id) DO UPDATE SET career_stage = excluded.career_stage, goals = excluded.goals, \
           meeting_format = excluded.meeting_format, hours_per_month = excluded.hours_per_month, \
           age_band = excluded.age_band, mentor_from = excluded.mentor_from, updated_at = excluded.updated_at",
    )
    .bind(account_id)
    .bind(m.career_stage.code())
    .bind(&m.goals)
    .bind(m.meeting_format.code())
    .bind(m.hours_per_month)
    .bind(m.age_band.code())
    .bind(m.mentor_from.code())
    .bind(now)
    .execute(&mut *conn)
    .await?;
    if m.age_band == AgeBand::Under18 {
        // under 18, nothing of hers is public: her public roadmaps become private
        crate::roadmaps::store::make_private(conn, account_id, now).await?;
    }
    Ok(())
}

/// A skill of an account, named in one language.
#[derive(sqlx::FromRow)]
struct AccountSkillRow {
    account_id: i64,
    id: i64,
    name: String,
}

/// Skills of several accounts in one query, in taxonomy order.
async fn skills_of_many(
    pool: &SqlitePool,
    ids: &[i64],
    locale: Locale,
) -> sqlx::Result<HashMap<i64, Vec<SkillName>>> {
    let mut out: HashMap<i64, Vec<SkillName>> = HashMap::new();
    if ids.is_empty() {
        return Ok(out);
    }
    let col = name_col(locale);
    let marks = vec!["?"; ids.len()].join(",");
    let sql = format!(
        "SELECT p.account_id, s.id, s.{col} AS name FROM profile_skills p JOIN taxonomy_skills s ON s.id = p.skill_id \
         WHERE p.account_id IN ({marks}) ORDER BY s.field_id, s.position"
    );
    let mut q = sqlx::query_as::<_, AccountSkillRow>(&sql);
    for id in ids {
        q = q.bind(id);
    }
    for r in q.fetch_all(pool).await? {
        out.entry(r.account_id).or_default().push(SkillName {
            id: r.id,
            name: r.name,
        });
    }
    Ok(out)
}

/// A language of an account and her level in it, as codes.
#[derive(sqlx::FromRow)]
struct AccountLanguageRow {
    account_id: i64,
    language: String,
    level: String,
}

/// Languages of several accounts in one query, in the order of `Language::ALL`.
async fn languages_of_many(
    pool: &SqlitePool,
    ids: &[i64],
) -> sqlx::Result<HashMap<i64, Vec<(Language, Level)>>> {
    let mut out: HashMap<i64, Vec<(Language, Level)>> = HashMap::new();
    if ids.is_empty() {
        return Ok(out);
    }
    let marks = vec!["?"; ids.len()].join(",");
    let sql = format!(
        "SELECT account_id, language, level FROM profile_languages WHERE account_id IN ({marks})"
    );
    let mut q = sqlx::query_as::<_, AccountLanguageRow>(&sql);
    for id in ids {
        q = q.bind(id);
    }
    for row in q.fetch_all(pool).await? {
        let AccountLanguageRow {
            account_id,
            language,
            level,
        } = row;
        if let (Some(l), Some(v)) = (Language::from_code(&language), Level::from_code(&level)) {
            out.entry(account_id).or_default().push((l, v));
        }
    }
    for langs in out.values_mut() {
        langs.sort_by_key(|(l, _)| Language::ALL.iter().position(|x| x == l));
    }
    Ok(out)
}

async fn skills_of(
    pool: &SqlitePool,
    account_id: i64,
    locale: Locale,
) -> sqlx::Result<Vec<SkillName>> {
    Ok(skills_of_many(pool, &[account_id], locale)
        .await?
        .remove(&account_id)
        .unwrap_or_default())
}

async fn languages_of(pool: &SqlitePool, account_id: i64) -> sqlx::Result<Vec<(Language, Level)>> {
    Ok(languages_of_many(pool, &[account_id])
        .await?
        .remove(&account_id)
        .unwrap_or_default())
}

/// A mentor's profile as stored, with its codes not yet parsed.
#[derive(sqlx::FromRow)]
struct MentorRow {
    id: i64,
    display_name: String,
    organisation: String,
    title: String,
    years_experience: i64,
    capacity: i64,
    status: String,
    bio: String,
    style: String,
    approval: String,
    review_reason: Option<String>,
    region: Option<String>,
    district: Option<String>,
    updated_at: i64,
    draft_organisation: Option<String>,
    draft_title: Option<String>,
    draft_bio: Option<String>,
    draft_style: Option<String>,
    draft_at: Option<i64>,
    draft_reason: Option<String>,
    stages: String,
    hours_per_month: Option<i64>,
}

const MENTOR_SELECT: &str =
    "SELECT a.id, a.display_name, m.organisation, m.title, m.years_experience, m.capacity, \
    m.status, m.bio, m.style, m.approval, m.review_reason, a.region, a.district, m.updated_at, \
    m.draft_organisation, m.draft_title, m.draft_bio, m.draft_style, m.draft_at, m.draft_reason, \
    m.stages, m.hours_per_month \
    FROM mentor_profiles m JOIN accounts a ON a.id = m.account_id";

fn mentor_from_row(
    r: MentorRow,
    skills: Vec<SkillName>,
    languages: Vec<(Language, Level)>,
) -> MentorProfile {
    let draft = r.draft_at.map(|_| MentorTexts {
        organisation: r.draft_organisation.unwrap_or_default(),
        title: r.draft_title.unwrap_or_default(),
        bio: r.draft_bio.unwrap_or_default(),
        style: r.draft_style.unwrap_or_default(),
    });
    MentorProfile {
        stages: super::stages_from_code(&r.stages),
        hours_per_month: r.hours_per_month,
        draft,
        draft_reason: r.draft_reason,
        account_id: r.id,
        display_name: r.display_name,
        organisation: r.organisation,
        title: r.title,
        years_experience: r.years_experience,
        capacity: r.capacity,
        status: MentorStatus::from_code(&r.status).unwrap_or(MentorStatus::Paused),
        bio: r.bio,
        style: r.style,
        approval: Approval::from_code(&r.approval).unwrap_or(Approval::Pending),
        review_reason: r.review_reason,
        place: Place::from_stored(r.region.as_deref(), r.district.as_deref()),
        skills,
        languages,
    }
}

/// A mentor's profile, whatever its approval (callers decide who may see which).
pub async fn mentor(
    pool: &SqlitePool,
    account_id: i64,
    locale: Locale,
) -> sqlx::Result<Option<MentorProfile>> {
    let row: Option<MentorRow> = sqlx::query_as(&format!(
        "{MENTOR_SELECT} WHERE a.id = ? AND a.suspended_at IS NULL"
    ))
    .bind(account_id)
    .fetch_optional(pool)
    .await?;
    match row {
        Some(r) => {
            let (skills, languages) = (
                skills_of(pool, r.id, locale).await?,
                languages_of(pool, r.id).await?,
            );
            Ok(Some(mentor_from_row(r, skills, languages)))
        }
        None => Ok(None),
    }
}

/// A mentee's profile as stored, with its codes not yet parsed.
#[derive(sqlx::FromRow)]
struct MenteeRow {
    id: i64,
    display_name: String,
    career_stage: String,
    goals: String,
    meeting_format: String,
    hours_per_month: i64,
    age_band: String,
    mentor_from: String,
    region: Option<String>,
    district: Option<String>,
    mentors_allowed: i64,
}

pub async fn mentee(
    pool: &SqlitePool,
    account_id: i64,
    locale: Locale,
) -> sqlx::Result<Option<MenteeProfile>> {
    let row: Option<MenteeRow> = sqlx::query_as(
        "SELECT a.id, a.display_name, m.career_stage, m.goals, m.meeting_format, m.hours_per_month, m.age_band, m.mentor_from, a.region, a.district, a.mentors_allowed \
         FROM mentee_profiles m JOIN accounts a ON a.id = m.account_id WHERE a.id = ? AND a.suspended_at IS NULL",
    )
    .bind(account_id)
    .fetch_optional(pool)
    .await?;
    let Some(r) = row else { return Ok(None) };
    Ok(Some(MenteeProfile {
        account_id: r.id,
        display_name: r.display_name,
        career_stage: CareerStage::from_code(&r.career_stage).unwrap_or(CareerStage::School),
        goals: r.goals,
        meeting_format: MeetingFormat::from_code(&r.meeting_format)
            .unwrap_or(MeetingFormat::Online),
        hours_per_month: r.hours_per_month,
        age_band: AgeBand::from_code(&r.age_band).unwrap_or(AgeBand::Under18),
        mentor_from: MentorFrom::from_code(&r.mentor_from).unwrap_or(MentorFrom::Either),
        place: Place::from_stored(r.region.as_deref(), r.district.as_deref()),
        skills: skills_of(pool, r.id, locale).await?,
        languages: languages_of(pool, r.id).await?,
        public_roadmaps: Vec::new(),
        mentors_allowed: Some(r.mentors_allowed),
    }))
}

/// The review queue, oldest first.
pub async fn pending_mentors(
    pool: &SqlitePool,
    locale: Locale,
) -> sqlx::Result<Vec<PendingMentor>> {
    let rows: Vec<MentorRow> = sqlx::query_as(&format!(
        "{MENTOR_SELECT} WHERE (m.approval = 'pending' OR m.draft_at IS NOT NULL) AND a.suspended_at IS NULL \
         ORDER BY COALESCE(m.draft_at, m.updated_at), a.id LIMIT 100"
    ))
    .fetch_all(pool)
    .await?;
    // two queries for the skills and languages of the whole queue, not two per mentor
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let mut skills = skills_of_many(pool, &ids, locale).await?;
    let mut languages = languages_of_many(pool, &ids).await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let (id, updated_at, draft_at) = (r.id, r.updated_at, r.draft_at);
            let profile = mentor_from_row(
                r,
                skills.remove(&id).unwrap_or_default(),
                languages.remove(&id).unwrap_or_default(),
            );
            PendingMentor {
                profile,
                updated_at,
                draft_at,
            }
        })
        .collect())
}

/// Approves or rejects a pending profile, or an approved profile's waiting change to its public
/// texts (approved, the change becomes what others see; rejected, the approved texts stay and
/// she reads why). [`crate::db::NOT_FOUND`] if neither waits under that id (already reviewed,
/// or none): nothing changes.
pub async fn review_mentor(
    pool: &SqlitePool,
    account_id: i64,
    approve: bool,
    reason: Option<&str>,
    reviewer: i64,
    seen: Option<i64>,
    now: i64,
) -> crate::db::StoreResult<()> {
    let mut tx = crate::db::begin_immediate(pool).await?;
    let profile = sqlx::query(
        "UPDATE mentor_profiles SET approval = ?, review_reason = ?, reviewed_by = ?, reviewed_at = ? \
         WHERE account_id = ? AND approval = 'pending'",
    )
    .bind(if approve { "approved" } else { "rejected" })
    .bind(reason)
    .bind(reviewer)
    .bind(now)
    .bind(account_id)
    .execute(&mut *tx)
    .await?;
    if profile.rows_affected() == 0 {
        let change = sqlx::query(if approve {
            "UPDATE mentor_profiles SET organisation = draft_organisation, title = draft_title, \
               bio = draft_bio, style = draft_style, draft_organisation = NULL, draft_title = NULL, \
               draft_bio = NULL, draft_style = NULL, draft_at = NULL, draft_reason = ?, \
               reviewed_by = ?, reviewed_at = ? \
             WHERE account_id = ? AND approval = 'approved' AND draft_at IS NOT NULL \
               AND (? IS NULL OR draft_at = ?)"
        } else {
            "UPDATE mentor_profiles SET draft_organisation = NULL, draft_title = NULL, \
               draft_bio = NULL, draft_style = NULL, draft_at = NULL, draft_reason = ?, \
               reviewed_by = ?, reviewed_at = ? \
             WHERE account_id = ? AND approval = 'approved' AND draft_at IS NOT NULL \
               AND (? IS NULL OR draft_at = ?)"
        })
        .bind(reason.filter(|_| !approve))
        .bind(reviewer)
        .bind(now)
        .bind(account_id)
        .bind(seen)
        .bind(seen)
        .execute(&mut *tx)
        .await?;
        if change.rows_affected() == 0 {
            // she changed it again after the administrator opened the queue: review it again
            let waiting: Option<i64> = sqlx::query_scalar(
                "SELECT draft_at FROM mentor_profiles WHERE account_id = ? AND draft_at IS NOT NULL",
            )
            .bind(account_id)
            .fetch_optional(&mut *tx)
            .await?;
            return Err(match waiting {
                Some(_) => crate::db::Refusal::Stale(crate::i18n::k::ERR_REVIEW_CHANGED).into(),
                None => crate::db::NOT_FOUND,
            });
        }
    }
    let before = if profile.rows_affected() > 0 {
        "pending profile"
    } else {
        "waiting change"
    };
    let after = match (approve, reason) {
        (true, _) => "approved".to_string(),
        (false, Some(r)) => format!("rejected: {r}"),
        (false, None) => "rejected".to_string(),
    };
    use crate::audit::{store::Record, Action, Target};
    Record::new(
        Some(reviewer),
        Action::MentorReviewed,
        Target::Account(account_id),
    )
    .change(before, &after)
    .write(&mut tx, now)
    .await?;
    tx.commit().await?;
    Ok(())
}
