//! Server functions for the award. Each: the guard first, then the input read and checked, then
//! one store call that checks the phase and the clock under the write lock.
use super::island::AwardFragment;
use super::*;
use crate::error::AppError;
use crate::form::ReasonFields;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
pub(super) mod server {
    pub use crate::auth::{guard::*, Role};
    pub use crate::form::FormPost;
    pub use crate::i18n::{k, Msg};
    pub use crate::ui::render_fragment as render;
    pub const ADMIN: Access = Access::Roles(&[Role::Admin]);
    pub const JURY: Access = Access::Roles(&[Role::Jury]);

    /// A "YYYY-MM-DD" date as the end of that day in Bishkek, in unix seconds.
    pub fn parse_until(field: &str, raw: &str) -> Result<i64, crate::error::AppError> {
        crate::time::parse_date(raw)
            .map(|d| crate::time::end_of_day(d, crate::time::programme_zone()))
            .ok_or_else(|| crate::error::AppError::invalid(field, Msg::new(k::ERR_DATE_INVALID)))
    }

    /// A cycle's closing dates as posted: nominations close after now, voting after them.
    pub fn parse_schedule(
        f: &crate::awards::admin::api::ScheduleFields,
        now: i64,
    ) -> Result<super::Schedule, crate::error::AppError> {
        let n = parse_until("nominations_until", &f.nominations_until)?;
        let v = parse_until("voting_until", &f.voting_until)?;
        if n <= now {
            return Err(crate::error::AppError::invalid(
                "nominations_until",
                Msg::new(k::ERR_AWARD_DATE_PAST),
            ));
        }
        if v <= n {
            return Err(crate::error::AppError::invalid(
                "voting_until",
                Msg::new(k::ERR_AWARD_DATE_ORDER),
            ));
        }
        Ok(super::Schedule {
            nominations_until: n,
            voting_until: v,
        })
    }

    pub fn admin_post(cycle: impl std::fmt::Display) -> (String, Option<Msg>) {
        (
            format!("/admin/awards/{cycle}"),
            Some(Msg::new(k::NOTICE_SAVED)),
        )
    }
}
#[cfg(feature = "ssr")]
use server::*;

/// The cycles: published ones for everyone, drafts too for administrators.
#[server(endpoint = "award_cycles")]
pub async fn load_award_cycles() -> Result<Vec<CycleSummary>, AppError> {
    let cx = guard(Access::Anyone)?;
    let admin = cx.user.as_ref().is_some_and(|u| u.role == Role::Admin);
    Ok(store::list_cycles(cx.pool(), admin).await?)
}

#[server(endpoint = "award_cycle")]
pub async fn load_award_cycle(id: i64) -> Result<CycleView, AppError> {
    let cx = guard(Access::Anyone)?;
    let admin = cx.user.as_ref().is_some_and(|u| u.role == Role::Admin);
    let me = cx.user.as_ref().map(|u| u.id);
    let mut v = store::cycle_view(cx.pool(), id, me, admin, crate::db::now()).await?;
    if me.is_some() && v.phase == super::Phase::Nominations {
        v.listed = listed(cx.pool(), cx.viewer.locale).await?;
    }
    Ok(v)
}

/// The community directory's organisations and practices a nomination can name.
#[cfg(feature = "ssr")]
async fn listed(
    pool: &sqlx::SqlitePool,
    locale: crate::i18n::Locale,
) -> Result<Vec<(String, String)>, AppError> {
    let orgs = crate::community::organisations::store::listed(pool, locale).await?;
    let practices = crate::community::practices::store::listed(pool).await?;
    Ok(orgs
        .into_iter()
        .map(|(id, name)| (format!("org:{id}"), name))
        .chain(practices.into_iter().map(|p| {
            let org = p.org.in_locale(locale).to_string();
            (format!("practice:{}", p.id), format!("{} ({org})", p.title))
        }))
        .collect())
}

/// The nomination form's fields as posted (the category is a choice on the form, so it comes
/// back too); the nominations island sends the same struct.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct NominationFields {
    pub category_id: String,
    pub email: String,
    pub org_name: String,
    /// `org:<id>` or `practice:<id>` from the community directory, or empty
    pub listed: String,
    pub reason: String,
}

/// A nomination, from the nominations island or a plain form. The island gets the viewer's
/// nominations list back, rendered on the server.
#[server(endpoint = "award_nominate")]
pub async fn nominate(
    #[server(default)] cycle_id: String,
    #[server(flatten)] form: NominationFields,
) -> Result<AwardFragment, AppError> {
    let cx = guard(Access::SignedIn)?;
    let result = async {
        let me = cx.me()?.id;
        let category = AppError::id(&form.category_id)?;
        let why = required_text("reason", &form.reason, REASON_MAX)?;
        let mut c = crate::form::Checker::default();
        // a name not listed yet is public once shortlisted: no contact details in it
        let org = c.public_text("org_name", &form.org_name, ORG_MAX, true);
        let listed = form.listed.trim().split_once(':');
        let pick = match (listed, listed.map(|(_, id)| AppError::id(id))) {
            (None, _) if form.listed.trim().is_empty() => store::OrgPick::Named(&org),
            (Some(("org", _)), Some(Ok(id))) => store::OrgPick::Organisation(id),
            (Some(("practice", _)), Some(Ok(id))) => store::OrgPick::Practice(id),
            _ => {
                c.fail("listed", Msg::new(k::ERR_CHOOSE_ONE));
                store::OrgPick::Named("")
            }
        };
        c.finish(Some(()))?;
        let now = crate::db::now();
        let cycle =
            store::nominate(cx.pool(), category, me, form.email.trim(), pick, &why, now).await?;
        if is_plain_form_post() {
            return Ok((cycle, AwardFragment::default()));
        }
        let v = store::cycle_view(cx.pool(), cycle, Some(me), false, now).await?;
        let html = render(|| super::ui::made_list(&v.made));
        Ok((cycle, AwardFragment { html }))
    }
    .await;
    let back = back_to(result.as_ref().ok().map(|r| r.0), &cycle_id, "nominate");
    let post = FormPost::refill("nominate", &back, &form);
    cx.answer(post, result, |(cycle, _)| {
        (
            format!("/awards/{cycle}#nominate"),
            Some(Msg::new(k::NOTICE_AWARD_NOMINATED)),
        )
    })
    .await
    .map(|(_, f)| f)
}

/// Where a participant's form goes back to: the cycle's page at the form's section (the cycle
/// from the result, else the form's hidden `cycle_id`).
#[cfg(feature = "ssr")]
fn back_to(done: Option<i64>, cycle_id: &str, anchor: &str) -> String {
    match done.or_else(|| AppError::id(cycle_id).ok()) {
        Some(c) => format!("/awards/{c}#{anchor}"),
        None => "/awards".into(),
    }
}

/// The nominated person accepts or declines.
#[server(endpoint = "award_answer")]
pub async fn answer_nomination(
    #[server(default)] cycle_id: String,
    nomination_id: String,
    accept: String,
) -> Result<(), AppError> {
    let cx = guard(Access::SignedIn)?;
    let result = async {
        let id = AppError::id(&nomination_id)?;
        let cycle = store::answer(
            cx.pool(),
            id,
            cx.me()?.id,
            accept == "yes",
            crate::db::now(),
        )
        .await?;
        Ok((cycle, store::screened_first(cx.pool(), id).await?))
    }
    .await;
    let back = back_to(result.as_ref().ok().map(|r| r.0), &cycle_id, "for-you");
    let post = FormPost::new("for-you", &back);
    cx.finish(post, result, |(cycle, screened_first)| {
        let notice = match (accept == "yes", screened_first) {
            (false, _) => k::NOTICE_AWARD_DECLINED,
            // a mentee who may be under 18: an administrator looks first
            (true, true) => k::NOTICE_AWARD_ACCEPTED_SCREENED,
            (true, false) => k::NOTICE_AWARD_ACCEPTED,
        };
        (format!("/awards/{cycle}#for-you"), Some(Msg::new(notice)))
    })
    .await
    .map(|_| ())
}

/// A vote, or a changed vote, from the voting island or a plain form. The island gets the
/// category's ballot back (the choice pressed, the receipt shown), rendered on the server.
#[server(endpoint = "award_vote")]
pub async fn cast_vote(
    #[server(default)] cycle_id: String,
    category_id: String,
    nomination_id: String,
) -> Result<AwardFragment, AppError> {
    let cx = guard(Access::SignedIn)?;
    let result = async {
        let me = cx.me()?.id;
        let category = AppError::id(&category_id)?;
        let nomination = AppError::id(&nomination_id)?;
        let now = crate::db::now();
        let (cycle, _receipt) = store::cast_vote(cx.pool(), category, nomination, me, now).await?;
        if is_plain_form_post() {
            return Ok((cycle, AwardFragment::default()));
        }
        let v = store::cycle_view(cx.pool(), cycle, Some(me), false, now).await?;
        let cat = v
            .categories
            .iter()
            .find(|c| c.id == category)
            .ok_or(AppError::NotFound)?;
        let html = render(|| super::ui::ballot(&v, cat));
        Ok((cycle, AwardFragment { html }))
    }
    .await;
    // the anchor from the parsed id only: the raw field never reaches a Location header
    let anchor = match AppError::id(&category_id) {
        Ok(c) => format!("category-{c}"),
        Err(_) => "vote".to_string(),
    };
    let back = back_to(result.as_ref().ok().map(|r| r.0), &cycle_id, &anchor);
    let name = format!("vote-{category_id}");
    let post = FormPost::new(&name, &back);
    cx.answer(post, result, |(cycle, _)| {
        (
            format!("/awards/{cycle}#{anchor}"),
            Some(Msg::new(k::NOTICE_AWARD_VOTED)),
        )
    })
    .await
    .map(|(_, f)| f)
}

/// Where a receipt's vote counts (anyone with the code may check).
#[server(endpoint = "award_receipt")]
pub async fn load_receipt(code: String) -> Result<Option<ReceiptCheck>, AppError> {
    let cx = guard(Access::Anyone)?;
    let code = normalize_receipt(&code);
    if code.len() != 11 {
        return Ok(None);
    }
    Ok(store::check_receipt(cx.pool(), &code).await?)
}

#[server(endpoint = "award_results")]
pub async fn load_results(id: i64) -> Result<Results, AppError> {
    let cx = guard(Access::Anyone)?;
    store::results(cx.pool(), id).await.map_err(AppError::from)
}

// ---- jurors ----

#[server(endpoint = "award_jury_work")]
pub async fn load_jury_work() -> Result<Vec<JuryCategory>, AppError> {
    let cx = guard(JURY)?;
    Ok(store::jury_work(cx.pool(), cx.me()?.id).await?)
}

/// A juror's scores for a finalist (one per criterion, 1–5), or an abstention with a reason.
#[server(endpoint = "award_score")]
pub async fn score_finalist(
    nomination_id: String,
    #[server(default)] criteria: Vec<String>,
    #[server(default)] scores: Vec<String>,
    #[server(default)] abstain: String,
    #[server(flatten)] form: ReasonFields,
) -> Result<(), AppError> {
    let cx = guard(JURY)?;
    let result = async {
        let id = AppError::id(&nomination_id)?;
        let review = if abstain == "yes" {
            store::Review::Abstain(required_text("reason", &form.reason, REASON_MAX)?)
        } else {
            let mut pairs = Vec::new();
            for (c, s) in criteria.iter().zip(scores.iter()) {
                let criterion = AppError::id(c)?;
                let score = s
                    .trim()
                    .parse::<i64>()
                    .ok()
                    .filter(|s| (1..=5).contains(s))
                    .ok_or_else(|| {
                        AppError::invalid(
                            &format!("score_{criterion}"),
                            Msg::new(k::ERR_AWARD_SCORE),
                        )
                    })?;
                pairs.push((criterion, score));
            }
            store::Review::Scores(pairs)
        };
        store::review(cx.pool(), id, cx.me()?.id, review, crate::db::now())
            .await
            .map_err(AppError::from)
    }
    .await;
    let name = format!("score-{nomination_id}");
    let post = FormPost::refill(&name, "/jury", &form);
    cx.finish(post, result, |_| {
        ("/jury".into(), Some(Msg::new(k::NOTICE_SAVED)))
    })
    .await
    .map(|_| ())
}
