//! SQL for discovery. Every approved mentor is loaded in one query (for [`DiscoveryCache`]);
//! skills, languages and reply times of all of them come in three further queries (no query per
//! mentor); filtering ([`matches`]) and scoring happen in Rust.
use super::Filters;
use crate::accounts::profiles::{CareerStage, Language, Level, MentorFrom};
use crate::db::memo::Memo;
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
    /// Her average time to a first answer over the last 180 days, in seconds (none answered:
    /// `None`).
    pub reply_seconds: Option<i64>,
    /// The career stages she likes to mentor (empty: any).
    pub stages: Vec<CareerStage>,
    /// The hours a month she offers.
    pub hours: Option<i64>,
    /// The words of her title, bio and skill names in every language (`text::tokens`).
    pub words: Vec<String>,
}

impl Candidate {
    /// Places not taken by ongoing mentorships.
    pub fn spots_left(&self) -> i64 {
        (self.capacity - self.active).max(0)
    }

    /// What the scorer reads of her.
    pub fn offer(&self) -> super::Offer<'_> {
        super::Offer {
            skills: &self.skills,
            languages: &self.languages,
            region: self.region.as_deref(),
            years: self.years,
            capacity: self.capacity,
            spots_left: self.spots_left(),
            open: self.open,
            approved: true,
            stages: &self.stages,
            hours: self.hours,
            text: 0.0,
        }
    }
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
    stages: String,
    hours_per_month: Option<i64>,
    bio: String,
}

/// A skill of one mentor, with its field, named in the reader's language.
#[derive(sqlx::FromRow)]
struct AccountSkillRow {
    account_id: i64,
    id: i64,
    field_id: i64,
    name: String,
    field_name: String,
    /// The skill's name in all three languages, for the text criterion.
    all_names: String,
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

/// The scorer's side of a mentee's profile as one row (skills and languages as JSON arrays):
/// [`SEEKER_COLUMNS`] over `mentee_profiles m` and `accounts a`; no profile, all `NULL`.
#[derive(sqlx::FromRow)]
pub(in crate::matching) struct SeekerRow {
    career_stage: Option<String>,
    goals: Option<String>,
    hours_per_month: Option<i64>,
    mentor_from: Option<String>,
    region: Option<String>,
    skills: Option<String>,
    languages: Option<String>,
}

/// The columns of a [`SeekerRow`], with skill and field names in the language of `cols`.
pub(in crate::matching) fn seeker_columns(locale: Locale) -> String {
    let (skill_col, field_col) = cols(locale);
    format!(
        "m.career_stage, m.goals, m.hours_per_month, m.mentor_from, a.region, \
           (SELECT json_group_array(json_array(s.id, s.field_id, {skill_col}, {field_col}) ORDER BY s.field_id, s.position) \
            FROM profile_skills ps JOIN taxonomy_skills s ON s.id = ps.skill_id \
            JOIN taxonomy_fields f ON f.id = s.field_id WHERE ps.account_id = m.account_id) AS skills, \
           (SELECT json_group_array(json_array(language, level)) FROM profile_languages \
            WHERE account_id = m.account_id) AS languages"
    )
}

impl SeekerRow {
    /// The scorer's seeker, if she has a profile.
    pub(in crate::matching) fn seeker(self) -> Option<Seeker> {
        let stage = self.career_stage?;
        let skills: Vec<(i64, i64, String, String)> = json_list(self.skills.as_deref(), "skills");
        let languages: Vec<(String, String)> = json_list(self.languages.as_deref(), "languages");
        Some(Seeker {
            skills: skills
                .into_iter()
                .map(|(id, field_id, name, field_name)| SkillRef {
                    id,
                    field_id,
                    name,
                    field_name,
                })
                .collect(),
            stage: CareerStage::from_code(&stage),
            hours: self.hours_per_month,
            goals: super::text::tokens(self.goals.as_deref().unwrap_or_default()),
            region: self.region,
            mentor_from: self
                .mentor_from
                .as_deref()
                .and_then(MentorFrom::from_code)
                .unwrap_or_default(),
            languages: languages
                .iter()
                .filter_map(|(l, v)| Some((Language::from_code(l)?, Level::from_code(v)?)))
                .collect(),
        })
    }
}

/// What one discovery request reads besides the cached mentors: the list's version, and the
/// scorer's side of a mentee's own profile.
#[derive(sqlx::FromRow)]
struct LookRow {
    version: i64,
    weights: Option<String>,
    /// The mentors an administrator excluded for her (a JSON array).
    excluded: Option<String>,
    #[sqlx(flatten)]
    seeker: SeekerRow,
}

/// The active model's weights as stored (a JSON array of six numbers), else the hand-set ones.
pub fn weights_from(stored: Option<&str>) -> super::Weights {
    stored
        .and_then(|json| serde_json::from_str::<[f64; 6]>(json).ok())
        .and_then(super::Weights::scaled)
        .unwrap_or_default()
}

/// The subquery that reads the active model's weights.
pub const ACTIVE_WEIGHTS: &str = "(SELECT weights FROM match_models WHERE active = 1)";

/// The weights the fit score uses now: the active model's, else the hand-set ones.
pub async fn active_weights(conn: &mut sqlx::SqliteConnection) -> sqlx::Result<super::Weights> {
    let stored: Option<String> = sqlx::query_scalar(&format!("SELECT {ACTIVE_WEIGHTS}"))
        .fetch_one(conn)
        .await?;
    Ok(weights_from(stored.as_deref()))
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

/// Every approved mentor in one language, and the index of their profiles' words.
pub struct Listed {
    pub all: Vec<Candidate>,
    pub index: super::text::Index,
}

impl Listed {
    pub fn new(all: Vec<Candidate>) -> Listed {
        let index = super::text::Index::new(all.iter().map(|c| c.words.clone()));
        Listed { all, index }
    }
}

/// One language's list of mentors, the `discovery_version` it was loaded at, and when (reply
/// times count the last 180 days, so a list is also reloaded after an hour).
type CacheEntry = (Locale, i64, i64, std::sync::Arc<Listed>);

/// How long a list stands when nothing changed, in seconds.
const CACHE_SECONDS: i64 = 3_600;

impl DiscoveryCache {
    /// Every approved mentor at `version` (from [`look`]), in the reader's language.
    pub async fn all(
        &self,
        pool: &SqlitePool,
        locale: Locale,
        version: i64,
    ) -> sqlx::Result<std::sync::Arc<Listed>> {
        let now = crate::db::now();
        let lock = || self.entries.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(hit) = lock()
            .iter()
            .find(|e| e.0 == locale && e.1 == version && now - e.2 < CACHE_SECONDS)
            .map(|e| e.3.clone())
        {
            return Ok(hit);
        }
        let mut conn = pool.acquire().await?;
        let all = std::sync::Arc::new(Listed::new(candidates(&mut conn, locale, now).await?));
        let mut entries = lock();
        entries.retain(|e| e.0 != locale);
        entries.push((locale, version, now, all.clone()));
        Ok(all)
    }
}

/// The filters of the discovery form, applied to a candidate from [`candidates`]: a skill, a
/// field, a language, regional or international, and only mentors with open places unless
/// `include_full`.
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

/// Every approved mentor who is not suspended, paused ones included, with skills named in the
/// reader's language (the caller filters with [`matches`], scores and pages).
pub async fn candidates(
    conn: &mut sqlx::SqliteConnection,
    locale: Locale,
    now: i64,
) -> sqlx::Result<Vec<Candidate>> {
    let rows: Vec<CandidateRow> = sqlx::query_as(
        "SELECT a.id, a.display_name AS name, m.title, m.organisation, a.region, a.district, \
           m.years_experience AS years, m.capacity, m.status, m.stages, m.hours_per_month, m.bio, \
           (SELECT COUNT(*) FROM mentorships s WHERE s.mentor_id = a.id AND s.state IN ('active', 'paused')) AS active \
         FROM mentor_profiles m JOIN accounts a ON a.id = m.account_id \
         WHERE m.approval = 'approved' AND a.role = 'mentor' AND a.suspended_at IS NULL \
         ORDER BY a.display_name, a.id",
    )
    .fetch_all(&mut *conn)
    .await?;

    let (skill_col, field_col) = cols(locale);
    let skill_rows: Vec<AccountSkillRow> = sqlx::query_as(&format!(
        "SELECT ps.account_id, s.id, s.field_id, {skill_col} AS name, {field_col} AS field_name, \
           s.name_en || ' ' || s.name_ru || ' ' || s.name_ky AS all_names \
         FROM profile_skills ps JOIN mentor_profiles m ON m.account_id = ps.account_id AND m.approval = 'approved' \
         JOIN taxonomy_skills s ON s.id = ps.skill_id JOIN taxonomy_fields f ON f.id = s.field_id \
         ORDER BY s.field_id, s.position"
    ))
    .fetch_all(&mut *conn)
    .await?;
    let mut skills: HashMap<i64, Vec<SkillRef>> = HashMap::new();
    let mut skill_words: HashMap<i64, String> = HashMap::new();
    for r in skill_rows {
        let words = skill_words.entry(r.account_id).or_default();
        words.push(' ');
        words.push_str(&r.all_names);
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
    .fetch_all(&mut *conn)
    .await?;
    let mut langs: HashMap<i64, Vec<(Language, Level)>> = HashMap::new();
    for r in lang_rows {
        if let (Some(l), Some(v)) = (Language::from_code(&r.language), Level::from_code(&r.level)) {
            langs.entry(r.account_id).or_default().push((l, v));
        }
    }
    let replies = reply_times(&mut *conn, now).await?;
    Ok(rows
        .into_iter()
        .map(|r| Candidate {
            words: super::text::tokens(&format!(
                "{} {} {}",
                r.title,
                r.bio,
                skill_words.remove(&r.id).unwrap_or_default()
            )),
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
            reply_seconds: replies.get(&r.id).copied(),
            stages: crate::accounts::profiles::stages_from_code(&r.stages),
            hours: r.hours_per_month,
        })
        .collect())
}

/// How long each mentor takes, on average, to first answer a request (accept, decline or ask),
/// over requests of the 180 days before `now`; in seconds. Mentors who have answered none are
/// missing from the map.
pub async fn reply_times(
    conn: &mut sqlx::SqliteConnection,
    now: i64,
) -> sqlx::Result<HashMap<i64, i64>> {
    let rows: Vec<ReplyRow> = sqlx::query_as(
        "SELECT mentor_id, CAST(AVG(answered_at - created_at) AS INTEGER) AS seconds FROM mentorship_requests \
         WHERE answered_at IS NOT NULL AND created_at >= ? GROUP BY mentor_id",
    )
    .bind(now - 180 * 86_400)
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(|r| (r.mentor_id, r.seconds)).collect())
}

/// "Usually replies within N days" from an average reply time in seconds.
pub fn reply_days(seconds: i64) -> i64 {
    (seconds.max(0) + 86_399) / 86_400
}

/// A JSON array from `json_group_array`; empty (and logged) if it does not decode.
fn json_list<T: serde::de::DeserializeOwned>(raw: Option<&str>, what: &str) -> Vec<T> {
    raw.map(serde_json::from_str)
        .transpose()
        .unwrap_or_else(|e| {
            tracing::error!(error = %e, what, "a mentee's list did not decode");
            None
        })
        .unwrap_or_default()
}

/// What a discovery request reads besides the cached list, in one query: the list's version,
/// and, when `account_id` is a mentee with a profile, her side of the fit score.
#[derive(Clone)]
pub struct Look {
    pub version: i64,
    pub seeker: Option<Seeker>,
    /// The fit score's weights: the active model's, else the hand-set ones.
    pub weights: super::Weights,
    /// Mentors an administrator said never to pair her with (`match_exclusions`): not listed
    /// to her, as a request to them is refused.
    pub excluded: Vec<i64>,
}

/// [`look`]'s answers, kept while nothing is committed (a minute at most: `db::memo`): paging
/// through the list or changing a filter then reads nothing from the database.
pub struct LookMemo(Memo<(Option<i64>, Locale), Look>);

impl Default for LookMemo {
    fn default() -> Self {
        LookMemo(Memo::new(60, 10_000))
    }
}

pub async fn look(
    pool: &SqlitePool,
    memo: &LookMemo,
    account_id: Option<i64>,
    locale: Locale,
) -> sqlx::Result<Look> {
    let now = crate::db::now();
    if let Some(kept) = memo.0.get(&(account_id, locale), now) {
        return Ok(kept);
    }
    let mark = memo.0.mark();
    let row: LookRow = sqlx::query_as(&format!(
        "SELECT (SELECT n FROM discovery_version WHERE id = 1) AS version, {ACTIVE_WEIGHTS} AS weights, \
           (SELECT json_group_array(mentor_id) FROM match_exclusions WHERE mentee_id = ?1) AS excluded, {} \
         FROM (SELECT 1) LEFT JOIN mentee_profiles m ON m.account_id = ?1 \
         LEFT JOIN accounts a ON a.id = m.account_id",
        seeker_columns(locale)
    ))
    .bind(account_id)
    .fetch_one(pool)
    .await?;
    let seeker = row.seeker.seeker();
    let look = Look {
        version: row.version,
        seeker,
        weights: weights_from(row.weights.as_deref()),
        excluded: json_list(row.excluded.as_deref(), "excluded mentors"),
    };
    memo.0.put((account_id, locale), look.clone(), mark, now);
    Ok(look)
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

    /// Discovery's cached lists stand while requests are viewed, withdrawn or expire; only a
    /// mentor's first answer (her reply time) moves their version.
    #[tokio::test]
    async fn only_a_first_answer_moves_the_discovery_version() {
        let (pool, _dir) = crate::testing::temp_db().await;
        for (id, email) in [(1, "m@example.kg"), (2, "e@example.kg")] {
            sqlx::query(
                "INSERT INTO accounts (id, email, display_name, password_hash, role, locale, created_at) \
                 VALUES (?, ?, 'X', '', 'mentee', 'en', 0)",
            )
            .bind(id)
            .bind(email)
            .execute(&pool)
            .await
            .unwrap();
        }
        sqlx::query(
            "INSERT INTO mentorship_requests (id, mentee_id, mentor_id, message, hopes, state, created_at, updated_at) \
             VALUES (1, 2, 1, 'm', 'h', 'pending', 0, 0)",
        )
        .execute(&pool)
        .await
        .unwrap();
        // one memo for every look: a commit must end what it keeps
        let memo = super::LookMemo::default();
        let version = || async {
            super::look(&pool, &memo, None, crate::i18n::Locale::En)
                .await
                .unwrap()
                .version
        };
        // the store's own statement shape: answered_at is always in the SET list
        let set = |state: &'static str, answered: bool| {
            let pool = pool.clone();
            async move {
                sqlx::query(
                    "UPDATE mentorship_requests SET state = ?, \
                     answered_at = CASE WHEN ? THEN COALESCE(answered_at, 100) ELSE answered_at END \
                     WHERE id = 1",
                )
                .bind(state)
                .bind(answered)
                .execute(&pool)
                .await
                .unwrap();
            }
        };
        let before = version().await;
        set("viewed", false).await;
        assert_eq!(version().await, before);
        set("needs_info", true).await;
        let answered = version().await;
        assert_eq!(answered, before + 1);
        set("declined", true).await;
        set("withdrawn", false).await;
        assert_eq!(version().await, answered);
    }
}
