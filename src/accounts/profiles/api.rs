//! Server functions for profiles and the mentor review queue.
use super::{MenteeProfile, MentorPageView, PendingMentor, ProfileForm};
use crate::error::AppError;
use crate::form::ReasonFields;
use leptos::prelude::*;
use std::collections::BTreeMap;

#[cfg(feature = "ssr")]
use crate::auth::{guard::*, Role};
#[cfg(feature = "ssr")]
use crate::form::FormPost;

/// The taxonomy per language, loaded once: the migrations seed it and nothing at run time
/// changes it, and every discovery page and profile form shows it.
#[cfg(feature = "ssr")]
#[derive(Default)]
pub struct TaxonomyCache {
    per_locale:
        std::sync::Mutex<Vec<(crate::i18n::Locale, std::sync::Arc<Vec<super::FieldGroup>>)>>,
}

#[cfg(feature = "ssr")]
impl TaxonomyCache {
    pub async fn get(
        &self,
        pool: &sqlx::SqlitePool,
        locale: crate::i18n::Locale,
    ) -> sqlx::Result<std::sync::Arc<Vec<super::FieldGroup>>> {
        let lock = || self.per_locale.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((_, hit)) = lock().iter().find(|(l, _)| *l == locale) {
            return Ok(hit.clone());
        }
        let loaded = std::sync::Arc::new(super::store::taxonomy(pool, locale).await?);
        lock().push((locale, loaded.clone()));
        Ok(loaded)
    }
}

/// The taxonomy in the reader's language, from the cache.
#[cfg(feature = "ssr")]
async fn taxonomy_of(cx: &Cx) -> Result<Vec<super::FieldGroup>, AppError> {
    let cache = cx.state.caches.get::<TaxonomyCache>();
    Ok(cache
        .get(cx.pool(), cx.viewer.locale)
        .await?
        .as_ref()
        .clone())
}

/// What a refused profile form puts back: its own fields by name, the skills as one list and
/// each language as `lang:<code>`.
#[cfg(feature = "ssr")]
fn typed_values(
    fields: &impl serde::Serialize,
    skills: &[i64],
    languages: &BTreeMap<String, String>,
) -> Vec<(String, String)> {
    let mut values = crate::form::pairs(fields);
    let skills = skills.iter().map(i64::to_string).collect::<Vec<_>>();
    values.push(("skills".into(), skills.join(",")));
    values.extend(
        languages
            .iter()
            .map(|(l, v)| (format!("lang:{l}"), v.clone())),
    );
    values
}

/// The taxonomy and the caller's own profile, for the profile form.
#[server(endpoint = "profile_form")]
pub async fn load_profile_form() -> Result<ProfileForm, AppError> {
    use super::{store, MyProfile};
    let cx = guard(Access::Roles(&[Role::Mentor, Role::Mentee]))?;
    let me = cx.me()?;
    let locale = cx.viewer.locale;
    let mine = match me.role {
        Role::Mentor => MyProfile::Mentor(store::mentor(cx.pool(), me.id, locale).await?),
        _ => MyProfile::Mentee(store::mentee(cx.pool(), me.id, locale).await?),
    };
    Ok(ProfileForm {
        taxonomy: taxonomy_of(&cx).await?,
        mine,
    })
}

#[server(endpoint = "save_mentor_profile")]
pub async fn save_mentor_profile(
    #[server(flatten)] form: super::MentorFields,
    #[server(default)] skills: Vec<i64>,
    #[server(default)] stages: Vec<String>,
    #[server(default)] languages: BTreeMap<String, String>,
) -> Result<(), AppError> {
    use crate::i18n::{k, Msg};
    let cx = guard(Access::Roles(&[Role::Mentor]))?;
    let result = async {
        let me = cx.me()?;
        let v = super::validate_mentor(&form, &skills, &stages, &languages)?;
        let now = crate::db::now();
        // pausing ends her open requests in the same write
        Ok(super::store::save_mentor(cx.pool(), me.id, &v, now).await?)
    }
    .await;
    let mut values = typed_values(&form, &skills, &languages);
    values.push(("stages".into(), stages.join(",")));
    let post = FormPost {
        form: "mentor_profile",
        back: "/profile",
        values,
    };
    cx.finish(post, result, |change_waits| {
        let key = if *change_waits {
            k::NOTICE_MENTOR_CHANGE_WAITS
        } else {
            k::NOTICE_MENTOR_PROFILE_SAVED
        };
        ("/profile".into(), Some(Msg::new(key)))
    })
    .await
    .map(|_| ())
}

#[server(endpoint = "save_mentee_profile")]
pub async fn save_mentee_profile(
    #[server(flatten)] form: super::MenteeFields,
    #[server(default)] skills: Vec<i64>,
    #[server(default)] languages: BTreeMap<String, String>,
) -> Result<(), AppError> {
    use crate::i18n::{k, Msg};
    let cx = guard(Access::Roles(&[Role::Mentee]))?;
    let result = async {
        let me = cx.me()?;
        let v = super::validate_mentee(&form, &skills, &languages)?;
        super::store::save_mentee(cx.pool(), me.id, &v, crate::db::now()).await?;
        Ok(())
    }
    .await;
    let post = FormPost {
        form: "mentee_profile",
        back: "/profile",
        values: typed_values(&form, &skills, &languages),
    };
    cx.finish(post, result, |_| {
        ("/profile".into(), Some(Msg::new(k::NOTICE_PROFILE_SAVED)))
    })
    .await
}

/// A mentor's public profile: any signed-in person sees approved ones; the mentor herself and
/// administrators see it in any state; everyone else gets 404.
#[server(endpoint = "mentor_profile")]
pub async fn get_mentor_profile(id: i64) -> Result<MentorPageView, AppError> {
    let cx = guard(Access::SignedIn)?;
    let me = cx.me()?;
    let mut p = super::store::mentor(cx.pool(), id, cx.viewer.locale)
        .await?
        .ok_or(AppError::NotFound)?;
    let hers = me.id == id || me.role == Role::Admin;
    if !hers {
        // a change waiting for review is hers and the administrators' to read
        p.draft = None;
        p.draft_reason = None;
    }
    if p.approval != super::Approval::Approved && !hers {
        return Err(AppError::NotFound);
    }
    let reported = crate::moderation::store::has_reported(
        cx.pool(),
        crate::moderation::ItemKind::MentorProfile,
        id,
        me.id,
    )
    .await?;
    Ok(MentorPageView {
        profile: p,
        reported,
    })
}

/// A mentee's profile is private: only she, administrators, and mentors she has asked or is
/// matched with may read it; everyone else gets 404.
#[server(endpoint = "mentee_profile")]
pub async fn get_mentee_profile(id: i64) -> Result<MenteeProfile, AppError> {
    let cx = guard(Access::SignedIn)?;
    let me = cx.me()?;
    let allowed = me.id == id
        || me.role == Role::Admin
        || (me.role == Role::Mentor
            && crate::mentoring::requests::store::mentor_may_see_mentee(
                cx.pool(),
                me.id,
                id,
                crate::db::now(),
            )
            .await?);
    if !allowed {
        return Err(AppError::NotFound);
    }
    let mut profile = super::store::mentee(cx.pool(), id, cx.viewer.locale)
        .await?
        .ok_or(AppError::NotFound)?;
    profile.public_roadmaps =
        crate::roadmaps::store::list_public_of(cx.pool(), id, crate::db::now()).await?;
    if me.role == Role::Mentor {
        // a programme setting between her and the administrators, not a mentor's business
        profile.mentors_allowed = None;
    }
    Ok(profile)
}

#[server(endpoint = "pending_mentors")]
pub async fn pending_mentors() -> Result<Vec<PendingMentor>, AppError> {
    let cx = guard(Access::Roles(&[Role::Admin]))?;
    Ok(super::store::pending_mentors(cx.pool(), cx.viewer.locale).await?)
}

/// Approves or rejects a pending mentor profile; a rejection needs a reason.
#[server(endpoint = "review_mentor")]
pub async fn review_mentor(
    #[server(default)] account_id: String,
    #[server(default)] decision: String,
    #[server(default)] seen: String,
    #[server(flatten)] form: ReasonFields,
) -> Result<(), AppError> {
    use crate::i18n::{k, Msg};
    let cx = guard(Access::Roles(&[Role::Admin]))?;
    let name = format!("review_{account_id}");
    let result = async {
        let me = cx.me()?;
        let id = AppError::id(&account_id)?;
        let approve = match decision.as_str() {
            "approve" => true,
            "reject" => false,
            _ => return Err(AppError::invalid("decision", Msg::new(k::ERR_CHOOSE_ONE))),
        };
        let mut c = crate::form::Checker::default();
        let reason = c.text("reason", &form.reason, super::REASON_MAX, approve);
        c.finish(Some(()))?;
        let reason = Some(reason).filter(|r| !r.is_empty());
        // no pending profile with that id (already reviewed, or none): NOT_FOUND, a 404
        super::store::review_mentor(
            cx.pool(),
            id,
            approve,
            reason.as_deref(),
            me.id,
            // the version of her change the administrator read (a later one is not approved)
            seen.trim().parse().ok(),
            crate::db::now(),
        )
        .await?;
        Ok(approve)
    }
    .await;
    let post = FormPost::refill(&name, "/admin/mentors", &form);
    cx.finish(post, result, |approved| {
        let key = if *approved {
            k::NOTICE_MENTOR_APPROVED
        } else {
            k::NOTICE_MENTOR_REJECTED
        };
        ("/admin/mentors".into(), Some(Msg::new(key)))
    })
    .await
    .map(|_| ())
}

/// The taxonomy in the reader's language (for filters and forms).
#[server(endpoint = "taxonomy")]
pub async fn load_taxonomy() -> Result<Vec<super::FieldGroup>, AppError> {
    let cx = guard(Access::SignedIn)?;
    taxonomy_of(&cx).await
}
