//! Server functions for cohort matching (administrators only; anyone else gets 404): the
//! drafts, one draft's page (checked against the database as it is now), proposing, editing,
//! bringing up to date, publishing and discarding; and the CSV download of a draft's pairs.
use super::{DraftPage, DraftSummary, Exclusion, ProposeFields};
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
mod server {
    pub use crate::auth::guard::*;
    pub use crate::auth::Role;
    pub use crate::form::{Choice, FormPost};
    pub use crate::i18n::{k, Locale, Msg};
    pub use crate::matching::cohort::store::{self, CohortDraft, DraftRow};
    pub use crate::matching::cohort::*;
    pub const ADMIN: Access = Access::Roles(&[Role::Admin]);

    /// A draft as listed, its filters named in the reader's language (the fields from the
    /// taxonomy, as `accounts::profiles::api::TaxonomyCache` keeps it).
    pub fn summary(
        d: &DraftRow,
        fields: &[crate::accounts::profiles::FieldGroup],
        locale: Locale,
    ) -> DraftSummary {
        let field = d
            .field_id
            .and_then(|id| fields.iter().find(|f| f.id == id))
            .map(|f| f.name.clone())
            .unwrap_or_default();
        let region = d
            .region
            .as_deref()
            .and_then(crate::accounts::profiles::Region::from_code)
            .map(|r| locale.t(r.label()).to_string())
            .unwrap_or_default();
        DraftSummary {
            id: d.id,
            created_at: d.created_at,
            created_by: d.created_by.clone(),
            goal: d.goal(),
            state: d.state(),
            region,
            field,
            mentees: d.mentees,
            mentors: d.mentors,
            revision: d.revision,
            pairs: d.pairs,
            total_fit: d.total_fit,
        }
    }

    /// The taxonomy in the reader's language, from the cache discovery and profiles share.
    pub async fn fields(
        cx: &Cx,
    ) -> sqlx::Result<std::sync::Arc<Vec<crate::accounts::profiles::FieldGroup>>> {
        cx.state
            .caches
            .get::<crate::accounts::profiles::api::TaxonomyCache>()
            .get(cx.pool(), cx.viewer.locale)
            .await
    }

    /// The mentors a mentee of the cohort could have in this draft: a fit, a place left in the
    /// draft (her places now less her pairs), not `except`; best fit first, then by name.
    pub fn options(
        c: &CohortDraft,
        taken: &std::collections::HashMap<i64, u32>,
        mentee_id: i64,
        except: Option<i64>,
    ) -> Vec<MentorOption> {
        let Some(e) = c.mentee_at(mentee_id) else {
            return Vec::new();
        };
        let mut found: Vec<(u8, &str, i64)> = c
            .mentors
            .iter()
            .enumerate()
            .filter(|(m, mentor)| {
                Some(mentor.id) != except
                    && c.cohort.places[*m] > taken.get(&mentor.id).copied().unwrap_or(0)
            })
            .filter_map(|(m, mentor)| Some((c.cohort.fit[e][m]?, mentor.name.as_str(), mentor.id)))
            .collect();
        found.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
        found
            .into_iter()
            .take(OPTIONS_MAX)
            .map(|(fit, name, id)| (id, format!("{name} ({fit})")))
            .collect()
    }

    pub fn draft_path(id: i64) -> String {
        format!("/admin/matching/{id}")
    }
}
#[cfg(feature = "ssr")]
use server::*;

/// The newest drafts.
#[server(endpoint = "matching_drafts")]
pub async fn load_drafts() -> Result<Vec<DraftSummary>, AppError> {
    let cx = guard(ADMIN)?;
    let fields = fields(&cx).await?;
    Ok(store::drafts(cx.pool(), 50)
        .await?
        .iter()
        .map(|d| summary(d, &fields, cx.viewer.locale))
        .collect())
}

/// One draft's page: its pairs (a page of them) with their reasons and what changed since, the
/// other mentors each mentee could have, and the cohort's mentees without a pair.
#[server(endpoint = "matching_draft")]
pub async fn load_draft(id: i64, #[server(default)] page: usize) -> Result<DraftPage, AppError> {
    use crate::matching::api::reason_text;
    let cx = guard(ADMIN)?;
    let locale = cx.viewer.locale;
    let d = store::draft(&mut *cx.pool().acquire().await?, id).await?;
    let open = d.state() == DraftState::Draft;
    let (pairs, now_cohort, changes) = if open {
        let mut conn = cx.pool().acquire().await?;
        store::review(&mut conn, &d, locale, crate::db::now()).await?
    } else {
        // a published or discarded draft is a record: no cohort to compare with
        (
            store::pairs(&mut *cx.pool().acquire().await?, id).await?,
            CohortDraft::default(),
            Default::default(),
        )
    };
    let mut taken: std::collections::HashMap<i64, u32> = Default::default();
    for p in &pairs {
        *taken.entry(p.mentor_id).or_default() += 1;
    }
    let pages = pairs.len().div_ceil(PAIRS_PER_PAGE).max(1);
    let page = page.clamp(1, pages);
    let paired: std::collections::HashSet<i64> = pairs.iter().map(|p| p.mentee_id).collect();
    let shown = pairs
        .into_iter()
        .skip((page - 1) * PAIRS_PER_PAGE)
        .take(PAIRS_PER_PAGE)
        .map(|p| {
            let reasons = now_cohort
                .index_of(p.mentee_id, p.mentor_id)
                .map(|(e, m)| {
                    now_cohort.reasons[e][m]
                        .iter()
                        .map(|r| reason_text(locale, r))
                        .filter(|r| !r.is_empty())
                        .collect()
                })
                .unwrap_or_default();
            PairView {
                options: if open {
                    options(&now_cohort, &taken, p.mentee_id, Some(p.mentor_id))
                } else {
                    Vec::new()
                },
                change: changes.get(&p.mentee_id).cloned(),
                mentee_id: p.mentee_id,
                mentee_name: p.mentee_name,
                minor: p.minor,
                mentor_id: p.mentor_id,
                mentor_name: p.mentor_name,
                fit: p.fit.clamp(0, 100) as u8,
                reasons,
                mentorship_id: p.mentorship_id,
            }
        })
        .collect();
    let waiting: Vec<_> = now_cohort
        .mentees
        .iter()
        .filter(|m| !paired.contains(&m.id))
        .collect();
    let unmatched = waiting
        .iter()
        .take(PAIRS_PER_PAGE)
        .map(|m| UnmatchedView {
            mentee_id: m.id,
            name: m.name.clone(),
            minor: m.minor,
            options: options(&now_cohort, &taken, m.id, None),
        })
        .collect();
    Ok(DraftPage {
        summary: summary(&d, &fields(&cx).await?, locale),
        pairs: shown,
        changed: changes.len() as i64,
        unmatched,
        unmatched_total: waiting.len() as i64,
        page,
        pages,
    })
}

/// Proposes pairs for a cohort (its filters and the goal) as a new draft, and opens it.
#[server(endpoint = "matching_propose")]
pub async fn propose_pairs(#[server(flatten)] form: ProposeFields) -> Result<(), AppError> {
    let cx = guard(ADMIN)?;
    let result = async {
        let mut check = crate::form::Checker::default();
        let goal = check.choice::<Goal>("goal", &form.goal);
        let region = match form.region.as_str() {
            "" => None,
            code => check
                .choice::<crate::accounts::profiles::Region>("region", code)
                .map(|r| r.code().to_string()),
        };
        let field_id = match form.field.trim() {
            "" => None,
            raw => match AppError::id(raw) {
                Ok(id) => Some(id),
                Err(_) => {
                    check.fail("field", Msg::new(k::ERR_CHOOSE_ONE));
                    None
                }
            },
        };
        let goal = check.finish(goal)?;
        let filter = CohortFilter { region, field_id };
        Ok(store::create_draft(cx.pool(), cx.me()?.id, goal, &filter, crate::db::now()).await?)
    }
    .await;
    let post = FormPost::refill("propose", "/admin/matching", &form);
    cx.finish(post, result, |id| (draft_path(*id), None))
        .await
        .map(|_| ())
}

/// Gives a mentee of a draft another mentor (`mentor_id`) or takes her pair out (`remove`).
/// The mentor must fit her now and have a place left in the draft.
#[server(endpoint = "matching_edit")]
pub async fn edit_pair(
    draft_id: String,
    mentee_id: String,
    #[server(default)] mentor_id: String,
    #[server(default)] remove: String,
) -> Result<(), AppError> {
    let cx = guard(ADMIN)?;
    let back = id_path("/admin/matching", &draft_id);
    let result = async {
        let draft = AppError::id(&draft_id)?;
        let mentee = AppError::id(&mentee_id)?;
        let edit = if remove.is_empty() {
            let mentor = AppError::id(&mentor_id)
                .map_err(|_| AppError::invalid("", Msg::new(k::ERR_CHOOSE_ONE)))?;
            let mut conn = cx.pool().acquire().await?;
            let d = store::draft(&mut conn, draft).await?;
            let now_cohort =
                store::cohort(&mut conn, &d.filter(), Locale::En, crate::db::now()).await?;
            let fit = now_cohort
                .fit_of(mentee, mentor)
                .ok_or_else(|| AppError::invalid("", Msg::new(k::MATCHING_NO_FIT)))?;
            store::Edit::Pair {
                mentor_id: mentor,
                fit,
            }
        } else if remove == "exclude" {
            store::Edit::Exclude {
                mentor_id: AppError::id(&mentor_id)?,
                by: cx.me()?.id,
                now: crate::db::now(),
            }
        } else {
            store::Edit::Remove
        };
        Ok(store::edit(cx.pool(), draft, mentee, edit).await?)
    }
    .await;
    let post = FormPost::new("pairs", &back);
    cx.finish(post, result, |_| {
        (back.clone(), Some(Msg::new(k::NOTICE_SAVED)))
    })
    .await
}

/// The pairs administrators said never to propose, newest first.
#[server(endpoint = "matching_exclusions")]
pub async fn load_exclusions() -> Result<Vec<Exclusion>, AppError> {
    let cx = guard(ADMIN)?;
    Ok(store::exclusions(cx.pool(), EXCLUSIONS_SHOWN).await?)
}

/// Lets an excluded pair be proposed again.
#[server(endpoint = "matching_allow")]
pub async fn allow_pair(mentee_id: String, mentor_id: String) -> Result<(), AppError> {
    let cx = guard(ADMIN)?;
    let result = async {
        let (mentee, mentor) = (AppError::id(&mentee_id)?, AppError::id(&mentor_id)?);
        Ok(store::allow(cx.pool(), mentee, mentor).await?)
    }
    .await;
    let post = FormPost::new("exclusions", "/admin/matching");
    cx.finish(post, result, |_| {
        (
            "/admin/matching".into(),
            Some(Msg::new(k::MATCHING_ALLOWED)),
        )
    })
    .await
}

/// Takes what changed since the draft was proposed into it: pairs no longer possible go,
/// moved fits are updated.
#[server(endpoint = "matching_refresh")]
pub async fn refresh_draft(draft_id: String) -> Result<(), AppError> {
    let cx = guard(ADMIN)?;
    let back = id_path("/admin/matching", &draft_id);
    let result = async {
        let id = AppError::id(&draft_id)?;
        Ok(store::refresh(cx.pool(), id, crate::db::now()).await?)
    }
    .await;
    let post = FormPost::new("publish", &back);
    cx.finish(post, result, |n| {
        (
            back.clone(),
            Some(Msg::count(k::MATCHING_REFRESHED, *n as i64)),
        )
    })
    .await
    .map(|_| ())
}

/// Publishes a draft as the administrator saw it (`revision`): every pair's mentorship begins
/// and both sides are told, in one transaction; refused while anything changed since.
#[server(endpoint = "matching_publish")]
pub async fn publish_draft(
    draft_id: String,
    #[server(default)] revision: String,
) -> Result<(), AppError> {
    let cx = guard(ADMIN)?;
    let back = id_path("/admin/matching", &draft_id);
    let result = async {
        let id = AppError::id(&draft_id)?;
        let revision = revision
            .trim()
            .parse::<i64>()
            .map_err(|_| AppError::NotFound)?;
        let now = crate::db::now();
        Ok(store::publish(cx.pool(), id, revision, cx.me()?.id, now).await?)
    }
    .await;
    let post = FormPost::new("publish", &back);
    cx.finish(post, result, |n| {
        (
            back.clone(),
            Some(Msg::count(k::MATCHING_PUBLISHED, *n as i64)),
        )
    })
    .await
    .map(|_| ())
}

/// Discards a draft; nothing else changes.
#[server(endpoint = "matching_discard")]
pub async fn discard_draft(draft_id: String) -> Result<(), AppError> {
    let cx = guard(ADMIN)?;
    let back = id_path("/admin/matching", &draft_id);
    let result = async {
        let id = AppError::id(&draft_id)?;
        Ok(store::discard(cx.pool(), id, cx.me()?.id, crate::db::now()).await?)
    }
    .await;
    let post = FormPost::new("publish", &back);
    cx.finish(post, result, |_| {
        (
            "/admin/matching".into(),
            Some(Msg::new(k::MATCHING_DISCARDED)),
        )
    })
    .await
}

/// `GET /admin/matching/{id}/pairs.csv`: a draft's pairs (proposed or published) as a CSV file
/// for spreadsheet programs; administrators only, anyone else gets the 404 page.
#[cfg(feature = "ssr")]
pub async fn csv_handler(
    axum::extract::State(state): axum::extract::State<crate::state::AppState>,
    axum::extract::Path(id): axum::extract::Path<String>,
    axum::Extension(viewer): axum::Extension<crate::auth::Viewer>,
) -> axum::response::Response {
    use crate::auth::middleware::error_response;
    use axum::http::StatusCode;
    let admin = check(ADMIN, &viewer).is_ok();
    if !admin {
        crate::auth::guard::refused(&viewer, "/admin/matching/*/pairs.csv");
    }
    let (true, Ok(id)) = (admin, AppError::id(&id)) else {
        return error_response(viewer.locale, StatusCode::NOT_FOUND);
    };
    let pairs = async {
        let mut conn = state.pool.acquire().await?;
        store::draft(&mut conn, id).await?;
        Ok::<_, crate::db::StoreError>(store::pairs(&mut conn, id).await?)
    }
    .await;
    match pairs {
        Ok(pairs) => {
            let rows: Vec<_> = pairs.iter().map(store::PairRow::members).collect();
            let body = store::pairs_csv(rows.iter().map(|(e, m, f)| (e, m, *f)));
            crate::csv::download(&format!("pairs-{id}.csv"), body)
        }
        Err(crate::db::StoreError::Refused(_)) => {
            error_response(viewer.locale, StatusCode::NOT_FOUND)
        }
        Err(e) => {
            tracing::error!(error = ?e, "a draft's CSV failed");
            error_response(viewer.locale, StatusCode::INTERNAL_SERVER_ERROR)
        }
    }
}
