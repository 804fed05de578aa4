//! SQL for discovery. Candidates are filtered in SQL; skills and languages of all candidates
//! come in two further queries (no query per mentor); scoring happens in Rust.
use super::Filters;
use crate::accounts::profiles::{CareerStage, Language, Level};
use crate::form::Choice;
use crate::i18n::Locale;
use crate::matching::{Seeker, SkillRef};
use sqlx::SqlitePool;
use std::collections::HashMap;

pub struct Candidate {
    pub id: i64,
    pub name: String,
    pub title: String,
    pub organisation: String,
    pub region: Option<String>,
    pub district: Option<String>,
    pub years: i64,
    pub capacity: i64,
    /// Ongoing (active or paused) mentorships, which take places.
    pub active: i64,
    pub open: bool,
    pub skills: Vec<SkillRef>,
    pub languages: Vec<(Language, Level)>,
}

/// An approved mentor as discovery loads her.
#[derive(sqlx::FromRow)]
struct CandidateRow {
    id: i64,
    name: String,
    title: String,
    organisation: String,
    region: Option<String>,
    district: Option<String>,
    years: i64,
    capacity: i64,
    status: String,
    active: i64,
}

/// A skill of one mentor, with its field, named in the reader's language.
#[derive(sqlx::FromRow)]
struct AccountSkillRow {
    account_id: i64,
    id: i64,
    field_id: i64,
    name: String,
    field_name: String,
}

/// A language of one mentor and her level.
#[derive(sqlx::FromRow)]
struct AccountLanguageRow {
    account_id: i64,
    language: String,
    level: String,
}

/// A mentor's average time to a first answer, in seconds.
#[derive(sqlx::FromRow)]
struct ReplyRow {
    mentor_id: i64,
    seconds: i64,
}

/// What the scorer needs of a mentee's own profile.
#[derive(sqlx::FromRow)]
struct SeekerRow {
    career_stage: String,
    region: Option<String>,
}

/// A skill of the mentee, with its field.
#[derive(sqlx::FromRow)]
struct SkillRow {
    id: i64,
    field_id: i64,
    name: String,
    field_name: String,
}

/// A language of the mentee and her level.
#[derive(sqlx::FromRow)]
struct LanguageRow {
    language: String,
    level: String,
}

fn cols(locale: Locale) -> (&'static str, &'static str) {
    match locale {
        Locale::Ky => ("s.name_ky", "f.name_ky"),
        Locale::Ru => ("s.name_ru", "f.name_ru"),
        Locale::En => ("s.name_en", "f.name_en"),
    }
}

/// Turns free text into an FTS5 query: each word a quoted prefix term, all required.
pub fn fts_query(text: &str) -> Option<String> {
    let terms: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(8)
        .map(|w| format!("\"{}\"*", w.to_lowercase()))
        .collect();
    (!terms.is_empty()).then(|| terms.join(" "))
}

/// Whether the free text names this person: each of its words starts a word of her name
/// ("ainura", "Ain Sat" and "сатыбалд" all find "Ainura Satybaldieva" / "Айнура Сатыбалдиева"),
/// as the full-text search does for the profile's texts.
pub fn name_matches(name: &str, text: &str) -> bool {
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let name = words(name);
    let terms = words(text);
    !terms.is_empty()
        && terms
            .iter()
            .all(|t| name.iter().any(|w| w.starts_with(t.as_str())))
}

/// Ids of mentors whose title, organisation, bio or style match the text (SQLite FTS5; the
/// only SQLite-specific statement of the app).
pub async fn search_ids(pool: &SqlitePool, text: &str) -> sqlx::Result<Option<Vec<i64>>> {
    let Some(q) = fts_query(text) else {
        return Ok(None);
    };
    let ids = sqlx::query_scalar(
        "SELECT rowid FROM mentor_search WHERE mentor_search MATCH ? LIMIT 5000",
    )
    .bind(q)
    .fetch_all(pool)
    .await?;
    Ok(Some(ids))
}

/// The approved mentors, per language, kept in memory until `discovery_version` moves (the
/// migration's triggers bump it on every change discovery can see). Loading them all takes a
/// few thousand rows; most requests then only read one counter.
#[derive(Default)]
pub struct DiscoveryCache {
    entries: std::sync::Mutex<Vec<CacheEntry>>,
}

/// One language's list of mentors, and the `discovery_version` it was loaded at.
type CacheEntry = (Locale, i64, std::sync::Arc<Vec<Candidate>>);

impl DiscoveryCache {
    pub async fn all(
        &self,
        pool: &SqlitePool,
        locale: Locale,
    ) -> sqlx::Result<std::sync::Arc<Vec<Candidate>>> {
        let version: i64 = sqlx::query_scalar("SELECT n FROM discovery_version WHERE id = 1")
            .fetch_one(pool)
            .await?;
        let lock = || self.entries.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(hit) = lock()
            .iter()
            .find(|e| e.0 == locale && e.1 == version)
            .map(|e| e.2.clone())
        {
            return Ok(hit);
        }
        let everyone = Filters {
            include_full: true,
            ..Filters::default()
        };
        let all = std::sync::Arc::new(candidates(pool, &everyone, locale).await?);
        let mut entries = lock();
        entries.retain(|e| e.0 != locale);
        entries.push((locale, version, all.clone()));
        Ok(all)
    }
}

/// The filters of the discovery form, applied to a candidate (the same rules as the SQL of
/// [`candidates`]).
pub fn matches(c: &Candidate, f: &Filters) -> bool {
    f.skill.is_none_or(|s| c.skills.iter().any(|k| k.id == s))
        && f.field
            .is_none_or(|fl| c.skills.iter().any(|k| k.field_id == fl))
        && f.language
            .as_deref()
            .is_none_or(|l| c.languages.iter().any(|(x, _)| x.code() == l))
        && f.scope.as_deref().is_none_or(|s| {
            (s == "international") == c.region.as_deref().unwrap_or("").starts_with("country:")
        })
        && (f.include_full || c.open)
}

/// Approved mentors matching the filters (all of them; the caller scores and pages).
pub async fn candidates(
    pool: &SqlitePool,
    f: &Filters,
    locale: Locale,
) -> sqlx::Result<Vec<Candidate>> {
    let rows: Vec<CandidateRow> = sqlx::query_as(
        "SELECT a.id, a.display_name AS name, m.title, m.organisation, a.region, a.district, \
           m.years_experience AS years, m.capacity, m.status, \
           (SELECT COUNT(*) FROM mentorships s WHERE s.mentor_id = a.id AND s.state IN ('active', 'paused')) AS active \
         FROM mentor_profiles m JOIN accounts a ON a.id = m.account_id \
         WHERE m.approval = 'approved' AND a.suspended_at IS NULL \
           AND (?1 IS NULL OR EXISTS (SELECT 1 FROM profile_skills ps WHERE ps.account_id = a.id AND ps.skill_id = ?1)) \
           AND (?2 IS NULL OR EXISTS (SELECT 1 FROM profile_skills ps JOIN taxonomy_skills ts ON ts.id = ps.skill_id \
                                     WHERE ps.account_id = a.id AND ts.field_id = ?2)) \
           AND (?3 IS NULL OR EXISTS (SELECT 1 FROM profile_languages pl WHERE pl.account_id = a.id AND pl.language = ?3)) \
           AND (?4 IS NULL OR (?4 = 'international') = (COALESCE(a.region, '') LIKE 'country:%')) \
           AND (?5 OR m.status = 'open') \
         ORDER BY a.display_name, a.id",
    )
    .bind(f.skill)
    .bind(f.field)
    .bind(f.language.as_deref())
    .bind(f.scope.as_deref())
    .bind(f.include_full)
    .fetch_all(pool)
    .await?;

    let (skill_col, field_col) = cols(locale);
    let skill_rows: Vec<AccountSkillRow> = sqlx::query_as(&format!(
        "SELECT ps.account_id, s.id, s.field_id, {skill_col} AS name, {field_col} AS field_name \
         FROM profile_skills ps JOIN mentor_profiles m ON m.account_id = ps.account_id AND m.approval = 'approved' \
         JOIN taxonomy_skills s ON s.id = ps.skill_id JOIN taxonomy_fields f ON f.id = s.field_id \
         ORDER BY s.field_id, s.position"
    ))
    .fetch_all(pool)
    .await?;
    let mut skills: HashMap<i64, Vec<SkillRef>> = HashMap::new();
    for r in skill_rows {
        skills.entry(r.account_id).or_default().push(SkillRef {
            id: r.id,
            field_id: r.field_id,
            name: r.name,
            field_name: r.field_name,
        });
    }
    let lang_rows: Vec<AccountLanguageRow> = sqlx::query_as(
        "SELECT pl.account_id, pl.language, pl.level FROM profile_languages pl \
         JOIN mentor_profiles m ON m.account_id = pl.account_id AND m.approval = 'approved'",
    )
    .fetch_all(pool)
    .await?;
    let mut langs: HashMap<i64, Vec<(Language, Level)>> = HashMap::new();
    for r in lang_rows {
        if let (Some(l), Some(v)) = (Language::from_code(&r.language), Level::from_code(&r.level)) {
            langs.entry(r.account_id).or_default().push((l, v));
        }
    }
    Ok(rows
        .into_iter()
        .map(|r| Candidate {
            skills: skills.remove(&r.id).unwrap_or_default(),
            languages: {
                let mut l = langs.remove(&r.id).unwrap_or_default();
                l.sort_by_key(|(x, _)| Language::ALL.iter().position(|y| y == x));
                l
            },
            open: r.status == "open",
            id: r.id,
            name: r.name,
            title: r.title,
            organisation: r.organisation,
            region: r.region,
            district: r.district,
            years: r.years,
            capacity: r.capacity,
            active: r.active,
        })
        .collect())
}

/// How long each of these mentors takes, on average, to first answer a request (accept,
/// decline or ask), over requests of the last 180 days; in seconds. Mentors who have answered
/// none are missing from the map.
pub async fn reply_times(
    pool: &SqlitePool,
    mentor_ids: &[i64],
    now: i64,
) -> sqlx::Result<HashMap<i64, i64>> {
    if mentor_ids.is_empty() {
        return Ok(HashMap::new());
    }
    let marks = vec!["?"; mentor_ids.len()].join(", ");
    let sql = format!(
        "SELECT mentor_id, CAST(AVG(answered_at - created_at) AS INTEGER) AS seconds FROM mentorship_requests \
         WHERE answered_at IS NOT NULL AND created_at >= ? AND mentor_id IN ({marks}) GROUP BY mentor_id"
    );
    let mut q = sqlx::query_as::<_, ReplyRow>(&sql).bind(now - 180 * 86_400);
    for id in mentor_ids {
        q = q.bind(id);
    }
    Ok(q.fetch_all(pool)
        .await?
        .into_iter()
        .map(|r| (r.mentor_id, r.seconds))
        .collect())
}

/// "Usually replies within N days" from an average reply time in seconds.
pub fn reply_days(seconds: i64) -> i64 {
    (seconds.max(0) + 86_399) / 86_400
}

/// The mentee's side of the fit score, if she has a profile.
pub async fn seeker(
    pool: &SqlitePool,
    account_id: i64,
    locale: Locale,
) -> sqlx::Result<Option<Seeker>> {
    let row: Option<SeekerRow> = sqlx::query_as(
        "SELECT m.career_stage, a.region FROM mentee_profiles m JOIN accounts a ON a.id = m.account_id WHERE a.id = ?",
    )
    .bind(account_id)
    .fetch_optional(pool)
    .await?;
    let Some(SeekerRow {
        career_stage: stage,
        region,
    }) = row
    else {
        return Ok(None);
    };
    let (skill_col, field_col) = cols(locale);
    let skills: Vec<SkillRow> = sqlx::query_as(&format!(
        "SELECT s.id, s.field_id, {skill_col} AS name, {field_col} AS field_name FROM profile_skills ps \
         JOIN taxonomy_skills s ON s.id = ps.skill_id JOIN taxonomy_fields f ON f.id = s.field_id \
         WHERE ps.account_id = ? ORDER BY s.field_id, s.position"
    ))
    .bind(account_id)
    .fetch_all(pool)
    .await?;
    let langs: Vec<LanguageRow> =
        sqlx::query_as("SELECT language, level FROM profile_languages WHERE account_id = ?")
            .bind(account_id)
            .fetch_all(pool)
            .await?;
    Ok(Some(Seeker {
        skills: skills
            .into_iter()
            .map(|r| SkillRef {
                id: r.id,
                field_id: r.field_id,
                name: r.name,
                field_name: r.field_name,
            })
            .collect(),
        stage: CareerStage::from_code(&stage),
        region,
        languages: langs
            .iter()
            .filter_map(|r| {
                Some((
                    Language::from_code(&r.language)?,
                    Level::from_code(&r.level)?,
                ))
            })
            .collect(),
    }))
}

#[cfg(test)]
mod tests {
    #[test]
    fn free_text_becomes_a_safe_fts_query() {
        assert_eq!(
            super::fts_query("Data science"),
            Some("\"data\"* \"science\"*".into())
        );
        assert_eq!(
            super::fts_query("\"); DROP TABLE x; --"),
            Some("\"drop\"* \"table\"* \"x\"*".into())
        );
        assert_eq!(
            super::fts_query("гидро энергетика"),
            Some("\"гидро\"* \"энергетика\"*".into())
        );
        assert_eq!(super::fts_query("  --  "), None);
    }

    #[test]
    fn a_mentor_is_found_by_her_name() {
        use super::name_matches;
        assert!(name_matches("Ainura Satybaldieva", "ainura"));
        assert!(name_matches("Ainura Satybaldieva", "Sat ain"));
        assert!(name_matches("Айнура Сатыбалдиева", "сатыбалд"));
        assert!(!name_matches("Ainura Satybaldieva", "nura"));
        assert!(!name_matches("Ainura Satybaldieva", "ainura data"));
        assert!(!name_matches("Ainura Satybaldieva", " -- "));
    }

    #[test]
    fn reply_times_round_up_to_whole_days() {
        assert_eq!(super::reply_days(0), 0);
        assert_eq!(super::reply_days(3_600), 1);
        assert_eq!(super::reply_days(86_400), 1);
        assert_eq!(super::reply_days(86_401), 2);
        assert_eq!(super::reply_days(-5), 0);
    }
}
