//! SQL for cohort matching: the cohort as the database holds it now (with the scorer's fits),
//! and the drafts: proposed, edited, checked against what changed since, published (the
//! mentorships start and both sides are told, in one transaction) or discarded.
use super::{Change, CohortFilter, DraftState, Goal, Proposal};
use crate::db::{begin_immediate, rule, Refusal, StoreError, StoreResult, NOT_FOUND};
use crate::form::Choice;
use crate::i18n::{k, Locale};
use crate::matching::store::{active_weights, candidates, seeker_columns, Candidate, SeekerRow};
use crate::mentoring::requests::store::{
    begin_mentorship, close_open_requests, free_places, mentors_left,
};
use crate::notifications::{store::notify, Kind};
use sqlx::{SqliteConnection, SqlitePool};
use std::collections::{HashMap, HashSet};

/// Pairs who can never be proposed again: a request the mentor declined, a mentorship they
/// had (ongoing, completed or cancelled), or a pair an administrator excluded. A subquery over
/// `mentee_id, mentor_id`.
const RULED_OUT: &str =
    "SELECT mentee_id, mentor_id FROM mentorship_requests WHERE state = 'declined' \
     UNION SELECT mentee_id, mentor_id FROM mentorships \
     UNION SELECT mentee_id, mentor_id FROM match_exclusions";

/// A mentee and a mentor, by id.
#[derive(Clone, Copy, Debug, PartialEq, sqlx::FromRow)]
pub struct PairIds {
    pub mentee_id: i64,
    pub mentor_id: i64,
}

/// How far a pair's fit may move before the pair counts as changed: the availability part of
/// the score moves by 10 ÷ capacity points whenever one of the mentor's places is taken or
/// freed, which happens all day; a change to either profile that matters moves it further.
pub const FIT_DRIFT: i64 = 5;

/// The most mentees one proposal takes (the assignment grows with mentees² × places): a
/// larger cohort is narrowed by region or field.
pub const COHORT_MAX: usize = 2_000;

/// A person in a cohort, as a proposal names her.
#[derive(Clone, Debug, PartialEq, sqlx::FromRow)]
pub struct Member {
    pub id: i64,
    pub name: String,
    pub email: String,
    /// A mentee whose profile does not say she is an adult.
    pub minor: bool,
}

/// A cohort as the database holds it now: the people, by index as in `cohort`, and each
/// pair's fit with its reasons (the scorer's, in the language asked for).
#[derive(Clone, Debug, Default)]
pub struct CohortDraft {
    pub mentees: Vec<Member>,
    pub mentors: Vec<Member>,
    pub cohort: super::Cohort,
    /// `reasons[mentee][mentor]`, beside `cohort.fit`.
    pub reasons: Vec<Vec<Vec<crate::matching::Reason>>>,
}

/// The cohort: every mentee with a profile and a confirmed address who may take another mentor
/// (fewer ongoing mentorships than she is allowed), every approved, open mentor with a
/// confirmed address and a spare place, and each pair's fit from the scorer. A pair the
/// scorer's hard filters rule out, a pair who have ever had a mentorship (ongoing, completed or
/// cancelled) and a pair whose request the mentor declined get no fit. `filter` narrows it to
/// one region's mentees (`abroad`: any country) and to one field's mentees and mentors.
pub async fn cohort(
    conn: &mut SqliteConnection,
    filter: &CohortFilter,
    locale: Locale,
    now: i64,
) -> sqlx::Result<CohortDraft> {
    /// A mentee of the cohort with the scorer's side of her profile.
    #[derive(sqlx::FromRow)]
    struct MenteeRow {
        #[sqlx(flatten)]
        member: Member,
        #[sqlx(flatten)]
        seeker: SeekerRow,
    }
    let rows: Vec<MenteeRow> = sqlx::query_as(&format!(
        "SELECT a.id, a.display_name AS name, a.email, m.age_band <> 'adult' AS minor, {} \
         FROM accounts a JOIN mentee_profiles m ON m.account_id = a.id \
         WHERE a.role = 'mentee' AND a.suspended_at IS NULL AND a.email_confirmed_at IS NOT NULL \
           AND (SELECT COUNT(*) FROM mentorships s WHERE s.mentee_id = a.id \
                AND s.state IN ('active', 'paused')) < a.mentors_allowed \
           AND (?1 IS NULL OR a.region = ?1 OR (?1 = 'abroad' AND a.region LIKE 'country:%')) \
           AND (?2 IS NULL OR EXISTS (SELECT 1 FROM profile_skills ps \
                JOIN taxonomy_skills s ON s.id = ps.skill_id \
                WHERE ps.account_id = a.id AND s.field_id = ?2)) \
         ORDER BY a.display_name, a.id",
        seeker_columns(locale)
    ))
    .bind(filter.region.as_deref())
    .bind(filter.field_id)
    .fetch_all(&mut *conn)
    .await?;
    let emails: HashMap<i64, String> = sqlx::query_as::<_, (i64, String)>(
        "SELECT id, email FROM accounts WHERE role = 'mentor' AND email_confirmed_at IS NOT NULL",
    )
    .fetch_all(&mut *conn)
    .await?
    .into_iter()
    .collect();
    let offers: Vec<Candidate> = candidates(&mut *conn, locale, now)
        .await?
        .into_iter()
        .filter(|c| c.open && c.spots_left() > 0 && emails.contains_key(&c.id))
        .filter(|c| {
            filter
                .field_id
                .is_none_or(|f| c.skills.iter().any(|s| s.field_id == f))
        })
        .collect();
    let ruled_out: HashSet<(i64, i64)> =
        sqlx::query_as::<_, PairIds>(&format!("SELECT mentee_id, mentor_id FROM ({RULED_OUT})"))
            .fetch_all(&mut *conn)
            .await?
            .into_iter()
            .map(|p| (p.mentee_id, p.mentor_id))
            .collect();
    let weights = active_weights(&mut *conn).await?;
    let index = crate::matching::text::Index::new(offers.iter().map(|c| c.words.clone()));
    let mut mentees = Vec::with_capacity(rows.len());
    let mut fit = Vec::with_capacity(rows.len());
    let mut reasons = Vec::with_capacity(rows.len());
    for MenteeRow { member, seeker } in rows {
        let seeker = seeker.seeker();
        let similar = seeker
            .as_ref()
            .map(|s| index.similarities(&s.goals))
            .unwrap_or_default();
        let fits: Vec<Option<crate::matching::Fit>> = offers
            .iter()
            .enumerate()
            .map(|(i, c)| {
                if ruled_out.contains(&(member.id, c.id)) {
                    return None;
                }
                let offer = crate::matching::Offer {
                    text: similar.get(i).copied().unwrap_or(0.0),
                    ..c.offer()
                };
                crate::matching::score_with(seeker.as_ref()?, &offer, &weights)
            })
            .collect();
        fit.push(fits.iter().map(|f| f.as_ref().map(|f| f.score)).collect());
        reasons.push(
            fits.into_iter()
                .map(|f| f.map(|f| f.reasons).unwrap_or_default())
                .collect(),
        );
        mentees.push(member);
    }
    Ok(CohortDraft {
        cohort: super::Cohort {
            fit,
            places: offers.iter().map(|c| c.spots_left() as u32).collect(),
        },
        mentors: offers
            .iter()
            .map(|c| Member {
                id: c.id,
                name: c.name.clone(),
                email: emails.get(&c.id).cloned().unwrap_or_default(),
                minor: false,
            })
            .collect(),
        mentees,
        reasons,
    })
}

impl CohortDraft {
    /// The fit of a mentee and a mentor of this cohort, by id (`None`: not both in it, or the
    /// pair is ruled out).
    pub fn fit_of(&self, mentee_id: i64, mentor_id: i64) -> Option<u8> {
        let (e, m) = self.index_of(mentee_id, mentor_id)?;
        self.cohort.fit[e][m]
    }

    /// Where a mentee and a mentor of this cohort sit in it, by id (`None`: not both in it).
    pub fn index_of(&self, mentee_id: i64, mentor_id: i64) -> Option<(usize, usize)> {
        Some((self.mentee_at(mentee_id)?, self.mentor_at(mentor_id)?))
    }

    pub fn mentee_at(&self, id: i64) -> Option<usize> {
        self.mentees.iter().position(|p| p.id == id)
    }

    pub fn mentor_at(&self, id: i64) -> Option<usize> {
        self.mentors.iter().position(|p| p.id == id)
    }

    /// A proposal as a CSV file that spreadsheet programs open correctly (see [`pairs_csv`]).
    pub fn csv(&self, proposal: &Proposal) -> String {
        pairs_csv(proposal.pairs.iter().map(|&(e, m)| {
            (
                &self.mentees[e],
                &self.mentors[m],
                self.cohort.fit[e][m].unwrap_or(0),
            )
        }))
    }
}

impl CohortDraft {
    /// Each mentee's `n` best fitting mentors as a CSV file (as [`pairs_csv`], with the rank
    /// and the fit's reasons in English), best first.
    pub fn rank_csv(&self, n: usize) -> String {
        let mut t = crate::csv::Table::new(&[
            "mentee_email",
            "mentee_name",
            "mentee_under_18",
            "rank",
            "mentor_email",
            "mentor_name",
            "fit",
            "reasons",
        ]);
        for (e, mentee) in self.mentees.iter().enumerate() {
            let mut best: Vec<(u8, usize)> = self.cohort.fit[e]
                .iter()
                .enumerate()
                .filter_map(|(m, f)| Some(((*f)?, m)))
                .collect();
            best.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
            for (rank, (fit, m)) in best.into_iter().take(n).enumerate() {
                let mentor = &self.mentors[m];
                let reasons: Vec<String> = self.reasons[e][m]
                    .iter()
                    .map(|r| crate::matching::api::reason_text(Locale::En, r))
                    .collect();
                t.row(&[
                    &mentee.email,
                    &mentee.name,
                    if mentee.minor { "yes" } else { "no" },
                    &(rank + 1).to_string(),
                    &mentor.email,
                    &mentor.name,
                    &fit.to_string(),
                    &reasons.join("; "),
                ]);
            }
        }
        t.finish()
    }
}

/// Pairs as a CSV file that spreadsheet programs open correctly (`crate::csv`): UTF-8 with a
/// byte-order mark (so Cyrillic names read right), one pair a line, cells that never read as
/// formulas.
pub fn pairs_csv<'a>(pairs: impl Iterator<Item = (&'a Member, &'a Member, u8)>) -> String {
    let mut t = crate::csv::Table::new(&[
        "mentee_email",
        "mentee_name",
        "mentee_under_18",
        "mentor_email",
        "mentor_name",
        "fit",
    ]);
    for (mentee, mentor, fit) in pairs {
        t.row(&[
            &mentee.email,
            &mentee.name,
            if mentee.minor { "yes" } else { "no" },
            &mentor.email,
            &mentor.name,
            &fit.to_string(),
        ]);
    }
    t.finish()
}

/// A draft as stored.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct DraftRow {
    pub id: i64,
    pub created_at: i64,
    pub created_by: String,
    pub objective: String,
    pub state: String,
    pub region: Option<String>,
    pub field_id: Option<i64>,
    pub mentees: i64,
    pub mentors: i64,
    pub revision: i64,
    pub pairs: i64,
    pub total_fit: i64,
}

impl DraftRow {
    pub fn goal(&self) -> Goal {
        Goal::from_code(&self.objective).unwrap_or(Goal::Best)
    }
    pub fn state(&self) -> DraftState {
        DraftState::from_code(&self.state).unwrap_or(DraftState::Discarded)
    }
    pub fn filter(&self) -> CohortFilter {
        CohortFilter {
            region: self.region.clone(),
            field_id: self.field_id,
        }
    }
}

const DRAFT_COLUMNS: &str =
    "d.id, d.created_at, a.display_name AS created_by, d.objective, d.state, \
     d.region, d.field_id, d.mentees, d.mentors, d.revision, \
     (SELECT COUNT(*) FROM match_draft_pairs p WHERE p.draft_id = d.id) AS pairs, \
     (SELECT COALESCE(SUM(fit), 0) FROM match_draft_pairs p WHERE p.draft_id = d.id) AS total_fit \
     FROM match_drafts d JOIN accounts a ON a.id = d.created_by";

/// The newest drafts first.
pub async fn drafts(pool: &SqlitePool, limit: i64) -> sqlx::Result<Vec<DraftRow>> {
    sqlx::query_as(&format!(
        "SELECT {DRAFT_COLUMNS} ORDER BY d.created_at DESC, d.id DESC LIMIT ?"
    ))
    .bind(limit)
    .fetch_all(pool)
    .await
}

pub async fn draft(conn: &mut SqliteConnection, id: i64) -> StoreResult<DraftRow> {
    sqlx::query_as(&format!("SELECT {DRAFT_COLUMNS} WHERE d.id = ?"))
        .bind(id)
        .fetch_optional(conn)
        .await?
        .ok_or(NOT_FOUND)
}

/// A pair of a draft with both names.
#[derive(Clone, Debug, PartialEq, sqlx::FromRow)]
pub struct PairRow {
    pub mentee_id: i64,
    pub mentee_name: String,
    pub mentee_email: String,
    pub minor: bool,
    pub mentor_id: i64,
    pub mentor_name: String,
    pub mentor_email: String,
    pub fit: i64,
    pub mentorship_id: Option<i64>,
}

impl PairRow {
    /// The pair as [`pairs_csv`] writes it: mentee, mentor, fit.
    pub fn members(&self) -> (Member, Member, u8) {
        (
            Member {
                id: self.mentee_id,
                name: self.mentee_name.clone(),
                email: self.mentee_email.clone(),
                minor: self.minor,
            },
            Member {
                id: self.mentor_id,
                name: self.mentor_name.clone(),
                email: self.mentor_email.clone(),
                minor: false,
            },
            self.fit.clamp(0, 100) as u8,
        )
    }
}

/// A draft's pairs, by mentee name.
pub async fn pairs(conn: &mut SqliteConnection, draft_id: i64) -> sqlx::Result<Vec<PairRow>> {
    sqlx::query_as(
        "SELECT p.mentee_id, e.display_name AS mentee_name, e.email AS mentee_email, \
           COALESCE((SELECT age_band <> 'adult' FROM mentee_profiles WHERE account_id = e.id), 1) AS minor, \
           p.mentor_id, r.display_name AS mentor_name, r.email AS mentor_email, p.fit, p.mentorship_id \
         FROM match_draft_pairs p JOIN accounts e ON e.id = p.mentee_id JOIN accounts r ON r.id = p.mentor_id \
         WHERE p.draft_id = ? ORDER BY e.display_name, e.id",
    )
    .bind(draft_id)
    .fetch_all(conn)
    .await
}

/// Proposes pairs for a cohort and keeps them as a new draft; its id. A cohort without a
/// feasible pair gives an empty draft (its page says why), not an error. An unknown field, or a
/// cohort of more than [`COHORT_MAX`] mentees, is refused.
pub async fn create_draft(
    pool: &SqlitePool,
    by: i64,
    goal: Goal,
    filter: &CohortFilter,
    now: i64,
) -> StoreResult<i64> {
    // the cohort is read and the assignment computed before the write lock (a change in
    // between shows on the draft's page like any later change); the assignment runs on a
    // blocking thread, not on the server's request workers
    let found = cohort(&mut *pool.acquire().await?, filter, Locale::En, now).await?;
    if found.mentees.len() > COHORT_MAX {
        return Err(rule("", k::MATCHING_TOO_BIG));
    }
    let objective = goal.objective();
    let (found, proposal) = tokio::task::spawn_blocking(move || {
        let proposal = super::propose(&found.cohort, objective);
        (found, proposal)
    })
    .await
    .map_err(|e| StoreError::Db(sqlx::Error::Protocol(format!("the assignment failed: {e}"))))?;
    let mut tx = begin_immediate(pool).await?;
    let result: StoreResult<i64> = async {
        let conn: &mut SqliteConnection = &mut tx;
        if let Some(field) = filter.field_id {
            let known: bool =
                sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM taxonomy_fields WHERE id = ?)")
                    .bind(field)
                    .fetch_one(&mut *conn)
                    .await?;
            if !known {
                return Err(rule("field", k::ERR_CHOOSE_ONE));
            }
        }
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO match_drafts (created_by, created_at, objective, region, field_id, mentees, mentors) \
             VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
        )
        .bind(by)
        .bind(now)
        .bind(goal.code())
        .bind(filter.region.as_deref())
        .bind(filter.field_id)
        .bind(found.mentees.len() as i64)
        .bind(found.mentors.len() as i64)
        .fetch_one(&mut *conn)
        .await?;
        for &(e, m) in &proposal.pairs {
            sqlx::query(
                "INSERT INTO match_draft_pairs (draft_id, mentee_id, mentor_id, fit) VALUES (?, ?, ?, ?)",
            )
            .bind(id)
            .bind(found.mentees[e].id)
            .bind(found.mentors[m].id)
            .bind(found.cohort.fit[e][m].unwrap_or(0))
            .execute(&mut *conn)
            .await?;
        }
        Ok(id)
    }
    .await;
    tx.finish(result).await
}

/// What changed for each pair of a draft since it was proposed, by mentee id, against the
/// cohort as it is now (`now_cohort`, read with the draft's filter). Pairs without a change are
/// missing from the map. A mentor whose free places no longer cover her pairs keeps her best
/// fitting ones; the others are marked.
pub async fn changes(
    conn: &mut SqliteConnection,
    pairs: &[PairRow],
    now_cohort: &CohortDraft,
) -> sqlx::Result<HashMap<i64, Change>> {
    let mut out = HashMap::new();
    // the pairs still possible, by mentor: (fit now, mentee)
    let mut still: HashMap<usize, Vec<(u8, i64)>> = HashMap::new();
    for p in pairs {
        let change = match (
            now_cohort.mentee_at(p.mentee_id),
            now_cohort.mentor_at(p.mentor_id),
        ) {
            (None, _) => Some(if mentors_left(&mut *conn, p.mentee_id).await? <= 0 {
                Change::MenteeMatched
            } else {
                Change::MenteeGone
            }),
            (_, None) => Some(match free_places(&mut *conn, p.mentor_id).await? {
                Some(n) if n <= 0 => Change::MentorFull,
                _ => Change::MentorGone,
            }),
            (Some(e), Some(m)) => match now_cohort.cohort.fit[e][m] {
                None => Some(Change::RuledOut),
                Some(f) => {
                    still.entry(m).or_default().push((f, p.mentee_id));
                    ((i64::from(f) - p.fit).abs() > FIT_DRIFT).then_some(Change::FitChanged(f))
                }
            },
        };
        if let Some(change) = change {
            out.insert(p.mentee_id, change);
        }
    }
    for (m, mut kept) in still {
        let places = now_cohort.cohort.places[m] as usize;
        if kept.len() > places {
            kept.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
            for (_, mentee) in kept.into_iter().skip(places) {
                out.insert(mentee, Change::MentorFull);
            }
        }
    }
    Ok(out)
}

/// The draft under the write lock: a draft still (else `Stale`: someone published or
/// discarded it meanwhile) and, when `revision` is given, not edited since the caller saw it.
async fn open_draft(
    conn: &mut SqliteConnection,
    draft_id: i64,
    revision: Option<i64>,
) -> StoreResult<DraftRow> {
    let d = draft(conn, draft_id).await?;
    if d.state() != DraftState::Draft {
        return Err(Refusal::Stale(k::MATCHING_NOT_A_DRAFT).into());
    }
    if revision.is_some_and(|r| r != d.revision) {
        return Err(Refusal::Stale(k::MATCHING_EDITED).into());
    }
    Ok(d)
}

async fn next_revision(conn: &mut SqliteConnection, draft_id: i64) -> sqlx::Result<()> {
    sqlx::query("UPDATE match_drafts SET revision = revision + 1 WHERE id = ?")
        .bind(draft_id)
        .execute(conn)
        .await?;
    Ok(())
}

/// An edit of a draft's pairs.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Edit {
    /// Gives a mentee of the draft (with a pair or without) this mentor, at this fit.
    Pair { mentor_id: i64, fit: u8 },
    /// Takes the mentee's pair out.
    Remove,
    /// Takes the mentee's pair with this mentor (the one the administrator saw) out, and the
    /// pair is never proposed again (until an administrator allows it): by whom, when.
    Exclude { mentor_id: i64, by: i64, now: i64 },
}

/// Applies an edit, under the write lock: the draft is still a draft, and the mentor has a
/// place left in it (her free places now, less her other pairs in the draft). The caller
/// computed the fit from the cohort as it is now (a pair that is ruled out has none and never
/// gets here).
pub async fn edit(pool: &SqlitePool, draft_id: i64, mentee_id: i64, edit: Edit) -> StoreResult<()> {
    let mut tx = begin_immediate(pool).await?;
    let result: StoreResult<()> = async {
        let conn: &mut SqliteConnection = &mut tx;
        open_draft(conn, draft_id, None).await?;
        match edit {
            Edit::Remove | Edit::Exclude { .. } => {
                let gone: Option<i64> = sqlx::query_scalar(
                    "DELETE FROM match_draft_pairs WHERE draft_id = ? AND mentee_id = ? RETURNING mentor_id",
                )
                .bind(draft_id)
                .bind(mentee_id)
                .fetch_optional(&mut *conn)
                .await?;
                let Some(mentor_id) = gone else {
                    return Err(NOT_FOUND);
                };
                if let Edit::Exclude {
                    mentor_id: seen,
                    by,
                    now,
                } = edit
                {
                    if seen != mentor_id {
                        // another administrator changed the pair since: nothing happens
                        return Err(StoreError::Refused(Refusal::Stale(k::MATCHING_CHANGED)));
                    }
                    sqlx::query(
                        "INSERT INTO match_exclusions (mentee_id, mentor_id, created_by, created_at) \
                         VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                    )
                    .bind(mentee_id)
                    .bind(mentor_id)
                    .bind(by)
                    .bind(now)
                    .execute(&mut *conn)
                    .await?;
                }
            }
            Edit::Pair { mentor_id, fit } => {
                let others: i64 = sqlx::query_scalar(
                    "SELECT COUNT(*) FROM match_draft_pairs WHERE draft_id = ? AND mentor_id = ? AND mentee_id <> ?",
                )
                .bind(draft_id)
                .bind(mentor_id)
                .bind(mentee_id)
                .fetch_one(&mut *conn)
                .await?;
                if free_places(conn, mentor_id).await?.unwrap_or(0) <= others {
                    return Err(rule("", k::ERR_MENTOR_FULL));
                }
                sqlx::query(
                    "INSERT INTO match_draft_pairs (draft_id, mentee_id, mentor_id, fit) VALUES (?, ?, ?, ?) \
                     ON CONFLICT (draft_id, mentee_id) DO UPDATE SET mentor_id = excluded.mentor_id, fit = excluded.fit",
                )
                .bind(draft_id)
                .bind(mentee_id)
                .bind(mentor_id)
                .bind(fit)
                .execute(&mut *conn)
                .await?;
            }
        }
        next_revision(conn, draft_id).await?;
        Ok(())
    }
    .await;
    tx.finish(result).await
}

/// A draft's stored pairs, the cohort as it is now (same filters, reasons in `locale`) and what
/// changed for each pair since it was proposed; under the caller's lock when it holds one.
pub async fn review(
    conn: &mut SqliteConnection,
    d: &DraftRow,
    locale: Locale,
    now: i64,
) -> sqlx::Result<(Vec<PairRow>, CohortDraft, HashMap<i64, Change>)> {
    let pairs = pairs(&mut *conn, d.id).await?;
    let now_cohort = cohort(&mut *conn, &d.filter(), locale, now).await?;
    let changes = changes(conn, &pairs, &now_cohort).await?;
    Ok((pairs, now_cohort, changes))
}

/// Brings a draft up to date, under the write lock: pairs that are no longer possible go, pairs
/// whose fit moved take the new fit. How many pairs it changed.
pub async fn refresh(pool: &SqlitePool, draft_id: i64, now: i64) -> StoreResult<usize> {
    let mut tx = begin_immediate(pool).await?;
    let result: StoreResult<usize> = async {
        let conn: &mut SqliteConnection = &mut tx;
        let d = open_draft(conn, draft_id, None).await?;
        let (_, _, changes) = review(conn, &d, Locale::En, now).await?;
        for (mentee_id, change) in &changes {
            let q = match change {
                Change::FitChanged(fit) => sqlx::query(
                    "UPDATE match_draft_pairs SET fit = ? WHERE draft_id = ? AND mentee_id = ?",
                )
                .bind(*fit),
                _ => sqlx::query(
                    "DELETE FROM match_draft_pairs WHERE draft_id = ? AND mentee_id = ?",
                ),
            };
            q.bind(draft_id)
                .bind(*mentee_id)
                .execute(&mut *conn)
                .await?;
        }
        next_revision(conn, draft_id).await?;
        Ok(changes.len())
    }
    .await;
    tx.finish(result).await
}

/// Publishes a draft in one transaction, as the administrator saw it (`revision`): the draft is
/// compared with the database under the write lock, and any change refuses it (`Stale`) with
/// nothing changed. Then, for each pair, an accepted request (the mentee's own open one to that
/// mentor, or one made now in the programme's name) and an active mentorship, with the checks
/// of a mentor's accept (the mentee may take another mentor, the mentor has a free place), and
/// a notice to each side; then the draft is published. How many mentorships began.
pub async fn publish(
    pool: &SqlitePool,
    draft_id: i64,
    revision: i64,
    by: i64,
    now: i64,
) -> StoreResult<usize> {
    let mut tx = begin_immediate(pool).await?;
    let result: StoreResult<usize> = async {
        let conn: &mut SqliteConnection = &mut tx;
        let d = open_draft(conn, draft_id, Some(revision)).await?;
        let (pairs, _, changes) = review(conn, &d, Locale::En, now).await?;
        if !changes.is_empty() {
            return Err(Refusal::Stale(k::MATCHING_CHANGED).into());
        }
        for p in &pairs {
            let (mentee_id, mentor_id) = (p.mentee_id, p.mentor_id);
            // her own open request to this mentor becomes the accepted one
            let own: Option<i64> = sqlx::query_scalar(
                "UPDATE mentorship_requests SET state = 'accepted', updated_at = ?3 \
                 WHERE mentee_id = ?1 AND mentor_id = ?2 AND state IN ('pending', 'viewed', 'needs_info') RETURNING id",
            )
            .bind(mentee_id)
            .bind(mentor_id)
            .bind(now)
            .fetch_optional(&mut *conn)
            .await?;
            let request_id = match own {
                Some(id) => id,
                None => {
                    sqlx::query_scalar(
                        "INSERT INTO mentorship_requests (mentee_id, mentor_id, message, hopes, state, created_at, updated_at, matched_by) \
                         VALUES (?, ?, '', '', 'accepted', ?, ?, ?) RETURNING id",
                    )
                    .bind(mentee_id)
                    .bind(mentor_id)
                    .bind(now)
                    .bind(now)
                    .bind(by)
                    .fetch_one(&mut *conn)
                    .await?
                }
            };
            // the cohort read above holds the same rules; this is the accept path's own check
            let mentorship_id =
                match begin_mentorship(conn, request_id, mentee_id, mentor_id, now).await {
                    Ok(id) => id,
                    Err(StoreError::Refused(_)) => {
                        return Err(Refusal::Stale(k::MATCHING_CHANGED).into())
                    }
                    Err(e) => return Err(e),
                };
            sqlx::query(
                "UPDATE match_draft_pairs SET mentorship_id = ? WHERE draft_id = ? AND mentee_id = ?",
            )
            .bind(mentorship_id)
            .bind(draft_id)
            .bind(mentee_id)
            .execute(&mut *conn)
            .await?;
            close_open_requests(conn, request_id, mentee_id, mentor_id, now).await?;
            let link = format!("/mentorships/{mentorship_id}");
            notify(conn, mentee_id, Kind::MatchedMentee, &p.mentor_name, &link, now).await?;
            notify(conn, mentor_id, Kind::MatchedMentor, &p.mentee_name, &link, now).await?;
        }
        decide(conn, draft_id, DraftState::Published, by, now).await?;
        Ok(pairs.len())
    }
    .await;
    tx.finish(result).await
}

/// Discards a draft (it stays listed, as discarded).
pub async fn discard(pool: &SqlitePool, draft_id: i64, by: i64, now: i64) -> StoreResult<()> {
    let mut tx = begin_immediate(pool).await?;
    let result: StoreResult<()> = async {
        let conn: &mut SqliteConnection = &mut tx;
        open_draft(conn, draft_id, None).await?;
        decide(conn, draft_id, DraftState::Discarded, by, now).await
    }
    .await;
    tx.finish(result).await
}

async fn decide(
    conn: &mut SqliteConnection,
    draft_id: i64,
    to: DraftState,
    by: i64,
    now: i64,
) -> StoreResult<()> {
    sqlx::query("UPDATE match_drafts SET state = ?, decided_by = ?, decided_at = ? WHERE id = ?")
        .bind(to.code())
        .bind(by)
        .bind(now)
        .bind(draft_id)
        .execute(conn)
        .await?;
    Ok(())
}

/// The excluded pairs, newest first (at most `limit`).
pub async fn exclusions(pool: &SqlitePool, limit: i64) -> sqlx::Result<Vec<super::Exclusion>> {
    sqlx::query_as(
        "SELECT x.mentee_id, x.mentor_id, e.display_name AS mentee_name, m.display_name AS mentor_name, \
           COALESCE(b.display_name, '') AS created_by, x.created_at \
         FROM match_exclusions x JOIN accounts e ON e.id = x.mentee_id JOIN accounts m ON m.id = x.mentor_id \
         LEFT JOIN accounts b ON b.id = x.created_by ORDER BY x.created_at DESC, x.rowid DESC LIMIT ?",
    )
    .bind(limit)
    .fetch_all(pool)
    .await
}

/// Lets an excluded pair be proposed again; `NOT_FOUND` if it was not excluded.
pub async fn allow(pool: &SqlitePool, mentee_id: i64, mentor_id: i64) -> StoreResult<()> {
    let mut tx = begin_immediate(pool).await?;
    let gone = sqlx::query("DELETE FROM match_exclusions WHERE mentee_id = ? AND mentor_id = ?")
        .bind(mentee_id)
        .bind(mentor_id)
        .execute(&mut *tx)
        .await?;
    let result = if gone.rows_affected() == 0 {
        Err(NOT_FOUND)
    } else {
        Ok(())
    };
    tx.finish(result).await
}
