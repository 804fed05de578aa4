//! Server functions for roadmaps. Every change names the roadmap's `version` it was made
//! from; a stale one is refused with a message and the fresh state. The changes the editor
//! island makes return the fresh roadmap; without JavaScript the same functions answer a form
//! post with a redirect back to the page.
use super::island::StepsFragment;
use super::{MyRoadmaps, RoadmapView};
use crate::error::AppError;
use crate::form::BodyFields;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
mod server {
    pub use super::super::island::StepsFragment;
    pub use super::super::store::{self, RoadmapInput, StepInput};
    pub use super::super::*;
    pub use super::{RoadmapFields, StepFields};
    pub use crate::auth::{guard::*, Role};
    pub use crate::error::{AppError, FieldError};
    pub use crate::form::FormPost;
    pub use crate::form::{Checker, Choice};
    pub use crate::i18n::{k, Msg};

    /// The version a form or the island saw (a missing one can only be stale).
    pub fn parse_version(raw: &str) -> i64 {
        raw.trim().parse().unwrap_or(-1)
    }

    /// An optional YYYY-MM-DD date.
    pub fn opt_date(c: &mut Checker, field: &str, raw: &str) -> Option<String> {
        let raw = raw.trim();
        if raw.is_empty() {
            return None;
        }
        if crate::time::parse_date(raw).is_none() {
            c.errors
                .push(FieldError::new(field, Msg::new(k::ERR_DATE_INVALID)));
            return None;
        }
        Some(raw.to_string())
    }

    pub fn step_input(c: &mut Checker, f: &StepFields) -> StepInput {
        let resources = match parse_resources(&f.resources) {
            Ok(r) => r,
            Err(line) => {
                c.errors.push(FieldError::new(
                    "resources",
                    Msg::new(k::ERR_RESOURCE_LINE).with("line", line),
                ));
                Vec::new()
            }
        };
        // her mentor (and, if public, other readers) read these: no contact details, and no
        // resource that leads to a messenger or a social profile
        for r in &resources {
            c.no_contact("resources", &r.title);
            if crate::safeguard::messenger_link(&r.url) {
                c.fail("resources", Msg::new(k::ERR_CONTACT_HERE));
            }
        }
        let title = c.public_text("title", &f.title, STEP_TITLE_MAX, false);
        let details = c.public_text("details", &f.details, DETAILS_MAX, true);
        let criterion = c.public_text("criterion", &f.criterion, CRITERION_MAX, true);
        StepInput {
            title,
            details,
            criterion,
            due_date: opt_date(c, "due_date", &f.due_date),
            resources,
        }
    }

    /// The steps as the owner sees them after a change, rendered on the server for the editor
    /// island to swap in (a plain form post is redirected instead and needs none).
    pub async fn fresh(cx: &Cx, id: i64) -> Result<StepsFragment, AppError> {
        if is_plain_form_post() {
            return Ok(StepsFragment {
                version: 0,
                html: String::new(),
            });
        }
        let v = store::view(cx.pool(), id, cx.me()?.id, crate::db::now())
            .await?
            .filter(|v| v.access == Relation::Owner)
            .ok_or(AppError::NotFound)?;
        let html = crate::ui::render_fragment(|| super::super::ui::steps_section(&v));
        Ok(StepsFragment {
            version: v.version,
            html,
        })
    }

    /// A status change, move or deletion of one step, from the editor island or a plain form:
    /// the ids are read, `change` runs behind the owner's compare-and-set gate, and the fresh
    /// steps (or, for a form, a redirect back) come back. Errors show at the top of the steps.
    pub async fn step_action<Fut>(
        roadmap_id: &str,
        version: &str,
        step_id: &str,
        notice: Option<crate::i18n::Key>,
        change: impl FnOnce(sqlx::SqlitePool, i64, i64, i64, i64) -> Fut,
    ) -> Result<StepsFragment, AppError>
    where
        Fut: std::future::Future<Output = crate::db::StoreResult<()>>,
    {
        let cx = guard(Access::Roles(&[Role::Mentee]))?;
        let back = id_path("/roadmaps", roadmap_id);
        let result = async {
            let id = AppError::id(roadmap_id)?;
            let step = AppError::id(step_id)?;
            change(
                cx.pool().clone(),
                id,
                cx.me()?.id,
                parse_version(version),
                step,
            )
            .await?;
            fresh(&cx, id).await
        }
        .await;
        let post = FormPost::new("steps", &back);
        cx.answer(post, result, |_| (back.clone(), notice.map(Msg::new)))
            .await
    }

    /// Adding or editing a step: the fields are checked (refilled after a refused form post),
    /// `change` runs behind the owner's gate, and the fresh steps come back.
    pub async fn step_fields_action<Fut>(
        roadmap_id: &str,
        version: &str,
        name: &str,
        notice: crate::i18n::Key,
        fields: &StepFields,
        change: impl FnOnce(sqlx::SqlitePool, i64, i64, i64, StepInput) -> Fut,
    ) -> Result<StepsFragment, AppError>
    where
        Fut: std::future::Future<Output = crate::db::StoreResult<()>>,
    {
        let cx = guard(Access::Roles(&[Role::Mentee]))?;
        let back = id_path("/roadmaps", roadmap_id);
        let result = async {
            let id = AppError::id(roadmap_id)?;
            let mut c = Checker::default();
            let input = step_input(&mut c, fields);
            let input = c.finish(Some(input))?;
            change(
                cx.pool().clone(),
                id,
                cx.me()?.id,
                parse_version(version),
                input,
            )
            .await?;
            fresh(&cx, id).await
        }
        .await;
        let post = FormPost::refill(name, &back, fields);
        cx.answer(post, result, |_| (back.clone(), Some(Msg::new(notice))))
            .await
    }

    /// Checks a roadmap's fields; a minor (or someone without a profile) cannot go public.
    pub async fn roadmap_input(
        cx: &Cx,
        c: &mut Checker,
        f: &RoadmapFields,
    ) -> Result<RoadmapInput, AppError> {
        let visibility = c.choice::<Visibility>("visibility", &f.visibility);
        if visibility == Some(Visibility::Public) && store::is_minor(cx.pool(), cx.me()?.id).await?
        {
            c.errors.push(FieldError::new(
                "visibility",
                Msg::new(k::ERR_ROADMAP_PUBLIC_MINOR),
            ));
        }
        let title = c.public_text("title", &f.title, TITLE_MAX, false);
        let description = c.public_text("description", &f.description, DESCRIPTION_MAX, true);
        Ok(RoadmapInput {
            title,
            description,
            target_date: opt_date(c, "target_date", &f.target_date),
            visibility: visibility.unwrap_or(Visibility::Private),
        })
    }
}

#[server(endpoint = "my_roadmaps")]
pub async fn load_my_roadmaps() -> Result<MyRoadmaps, AppError> {
    use server::*;
    let cx = guard(Access::Roles(&[Role::Mentee, Role::Mentor]))?;
    let me = cx.me()?;
    let now = crate::db::now();
    let (mine, shared) = if me.role == Role::Mentee {
        (store::list_mine(cx.pool(), me.id, now).await?, Vec::new())
    } else {
        (
            Vec::new(),
            store::list_shared_with(cx.pool(), me.id, now).await?,
        )
    };
    Ok(MyRoadmaps {
        mine,
        shared,
        templates: crate::roadmaps::templates::store::templates(cx.pool(), cx.viewer.locale)
            .await?,
        minor: me.role == Role::Mentee && store::is_minor(cx.pool(), me.id).await?,
    })
}

#[server(endpoint = "roadmap")]
pub async fn load_roadmap(id: i64) -> Result<RoadmapView, AppError> {
    use server::*;
    let cx = guard(Access::SignedIn)?;
    store::view(cx.pool(), id, cx.me()?.id, crate::db::now())
        .await?
        .ok_or(AppError::NotFound)
}

/// The owner's steps, freshly rendered (the editor reloads them after a stale save).
#[server(endpoint = "roadmap_steps")]
pub async fn load_roadmap_steps(id: i64) -> Result<StepsFragment, AppError> {
    use server::*;
    let cx = guard(Access::Roles(&[Role::Mentee]))?;
    fresh(&cx, id).await
}

/// The roadmap form's fields, as posted (her roadmap's settings; the new-roadmap form adds the
/// template to start from: [`NewRoadmapFields`]).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct RoadmapFields {
    pub title: String,
    pub description: String,
    pub target_date: String,
    pub visibility: String,
}

/// The new-roadmap form's fields, as posted: the roadmap's own and the template to start from
/// ("blank" or a template's id).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct NewRoadmapFields {
    #[serde(flatten)]
    pub roadmap: RoadmapFields,
    pub template: String,
}

#[server(endpoint = "create_roadmap")]
pub async fn create_roadmap(#[server(flatten)] form: NewRoadmapFields) -> Result<i64, AppError> {
    use server::*;
    let cx = guard(Access::Roles(&[Role::Mentee]))?;
    let result = async {
        let mut c = Checker::default();
        let input = roadmap_input(&cx, &mut c, &form.roadmap).await?;
        let today = crate::time::today(crate::db::now());
        if let Some(day) = input
            .target_date
            .as_deref()
            .and_then(crate::time::parse_date)
        {
            if day < today {
                c.errors.push(FieldError::new(
                    "target_date",
                    Msg::new(k::ERR_DATE_BEFORE_START),
                ));
            }
        }
        let template = match form.template.trim() {
            "" | "blank" => None,
            t => Some(
                t.parse::<i64>()
                    .map_err(|_| AppError::invalid("template", Msg::new(k::ERR_CHOOSE_ONE)))?,
            ),
        };
        let input = c.finish(Some(input))?;
        store::create(cx.pool(), cx.me()?.id, &input, template, crate::db::now())
            .await
            .map_err(AppError::from)
    }
    .await;
    let post = FormPost::refill("new_roadmap", "/roadmaps", &form);
    cx.finish(post, result, |id| {
        (
            format!("/roadmaps/{id}"),
            Some(Msg::new(k::NOTICE_ROADMAP_CREATED)),
        )
    })
    .await
}

#[server(endpoint = "update_roadmap")]
pub async fn update_roadmap(
    #[server(default)] roadmap_id: String,
    #[server(default)] version: String,
    #[server(flatten)] form: RoadmapFields,
) -> Result<(), AppError> {
    use server::*;
    let cx = guard(Access::Roles(&[Role::Mentee]))?;
    let back = id_path("/roadmaps", &roadmap_id);
    let result = async {
        let id = AppError::id(&roadmap_id)?;
        let mut c = Checker::default();
        let input = roadmap_input(&cx, &mut c, &form).await?;
        let input = c.finish(Some(input))?;
        store::update(
            cx.pool(),
            id,
            cx.me()?.id,
            parse_version(&version),
            input,
            crate::db::now(),
        )
        .await
        .map_err(AppError::from)
    }
    .await;
    let post = FormPost::refill("roadmap", &back, &form);
    cx.finish(post, result, |_| {
        (back.clone(), Some(Msg::new(k::NOTICE_ROADMAP_SAVED)))
    })
    .await
}

#[server(endpoint = "delete_roadmap")]
pub async fn delete_roadmap(
    #[server(default)] roadmap_id: String,
    #[server(default)] version: String,
) -> Result<(), AppError> {
    use server::*;
    let cx = guard(Access::Roles(&[Role::Mentee]))?;
    let back = id_path("/roadmaps", &roadmap_id);
    let result = async {
        let id = AppError::id(&roadmap_id)?;
        store::delete(
            cx.pool(),
            id,
            cx.me()?.id,
            parse_version(&version),
            crate::db::now(),
        )
        .await
        .map_err(AppError::from)
    }
    .await;
    let post = FormPost::new("delete_roadmap", &back);
    cx.finish(post, result, |_| {
        (
            "/roadmaps".into(),
            Some(Msg::new(k::NOTICE_ROADMAP_DELETED)),
        )
    })
    .await
}

/// A step form's fields, as posted (adding a step or editing one); the editor island sends the
/// same struct.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct StepFields {
    pub title: String,
    pub details: String,
    pub criterion: String,
    pub due_date: String,
    pub resources: String,
}

#[server(endpoint = "add_step")]
pub async fn add_step(
    #[server(default)] roadmap_id: String,
    #[server(default)] version: String,
    #[server(flatten)] form: StepFields,
) -> Result<StepsFragment, AppError> {
    use server::*;
    step_fields_action(
        &roadmap_id,
        &version,
        "add_step",
        k::NOTICE_STEP_ADDED,
        &form,
        |pool, id, me, v, input| async move {
            store::add_step(&pool, id, me, v, input, crate::db::now())
                .await
                .map(|_| ())
        },
    )
    .await
}

#[server(endpoint = "edit_step")]
pub async fn edit_step(
    #[server(default)] roadmap_id: String,
    #[server(default)] version: String,
    #[server(default)] step_id: String,
    #[server(flatten)] form: StepFields,
) -> Result<StepsFragment, AppError> {
    use server::*;
    let name = format!("step-{}", step_id.trim());
    let step = AppError::id(&step_id);
    step_fields_action(
        &roadmap_id,
        &version,
        &name,
        k::NOTICE_STEP_SAVED,
        &form,
        |pool, id, me, v, input| async move {
            match step {
                Ok(step) => store::edit_step(&pool, id, me, v, step, input, crate::db::now()).await,
                Err(_) => Err(crate::db::NOT_FOUND),
            }
        },
    )
    .await
}

#[server(endpoint = "step_status")]
pub async fn set_step_status(
    #[server(default)] roadmap_id: String,
    #[server(default)] version: String,
    #[server(default)] step_id: String,
    #[server(default)] status: String,
) -> Result<StepsFragment, AppError> {
    use server::*;
    let status = StepStatus::from_code(status.trim());
    step_action(
        &roadmap_id,
        &version,
        &step_id,
        None,
        |pool, id, me, v, step| async move {
            match status {
                Some(status) => {
                    store::set_status(&pool, id, me, v, step, status, crate::db::now()).await
                }
                None => Err(crate::db::rule("", k::ERR_CHOOSE_ONE)),
            }
        },
    )
    .await
}

#[server(endpoint = "move_step")]
pub async fn move_step(
    #[server(default)] roadmap_id: String,
    #[server(default)] version: String,
    #[server(default)] step_id: String,
    #[server(default)] to: String,
) -> Result<StepsFragment, AppError> {
    use server::*;
    let to = to.trim().parse::<i64>().ok();
    step_action(
        &roadmap_id,
        &version,
        &step_id,
        None,
        |pool, id, me, v, step| async move {
            match to {
                Some(to) => store::move_step(&pool, id, me, v, step, to, crate::db::now()).await,
                None => Err(crate::db::rule("", k::ERR_STEP_POSITION)),
            }
        },
    )
    .await
}

#[server(endpoint = "delete_step")]
pub async fn delete_step(
    #[server(default)] roadmap_id: String,
    #[server(default)] version: String,
    #[server(default)] step_id: String,
) -> Result<StepsFragment, AppError> {
    use server::*;
    let notice = Some(k::NOTICE_STEP_DELETED);
    step_action(
        &roadmap_id,
        &version,
        &step_id,
        notice,
        |pool, id, me, v, step| async move {
            store::delete_step(&pool, id, me, v, step, crate::db::now()).await
        },
    )
    .await
}

#[server(endpoint = "comment_step")]
pub async fn comment_step(
    #[server(default)] roadmap_id: String,
    #[server(default)] step_id: String,
    #[server(flatten)] form: BodyFields,
) -> Result<(), AppError> {
    use server::*;
    let cx = guard(Access::Roles(&[Role::Mentor]))?;
    let back = id_path("/roadmaps", &roadmap_id);
    let name = format!("comment-{}", step_id.trim());
    let result = async {
        let id = AppError::id(&roadmap_id)?;
        let step = AppError::id(&step_id)?;
        let mut c = Checker::default();
        let body = c.text("body", &form.body, COMMENT_MAX, false);
        c.finish(Some(()))?;
        store::comment(cx.pool(), id, step, cx.me()?.id, &body, crate::db::now())
            .await
            .map_err(AppError::from)
    }
    .await;
    let post = FormPost::refill(&name, &back, &form);
    cx.finish(post, result, |_| {
        (back.clone(), Some(Msg::new(k::NOTICE_COMMENT_SENT)))
    })
    .await
}

/// The mentor's suggested-step form's fields, as posted.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SuggestionFields {
    pub title: String,
    pub details: String,
}

#[server(endpoint = "suggest_step")]
pub async fn suggest_step(
    #[server(default)] roadmap_id: String,
    #[server(flatten)] form: SuggestionFields,
) -> Result<(), AppError> {
    use server::*;
    let cx = guard(Access::Roles(&[Role::Mentor]))?;
    let back = id_path("/roadmaps", &roadmap_id);
    let result = async {
        let id = AppError::id(&roadmap_id)?;
        let mut c = Checker::default();
        let title = c.text("title", &form.title, STEP_TITLE_MAX, false);
        let details = c.text("details", &form.details, DETAILS_MAX, true);
        c.finish(Some(()))?;
        store::suggest(
            cx.pool(),
            id,
            cx.me()?.id,
            &title,
            &details,
            crate::db::now(),
        )
        .await
        .map_err(AppError::from)
        .map(|_| ())
    }
    .await;
    let post = FormPost::refill("suggest", &back, &form);
    cx.finish(post, result, |_| {
        (back.clone(), Some(Msg::new(k::NOTICE_SUGGESTION_SENT)))
    })
    .await
}

#[server(endpoint = "decide_suggestion")]
pub async fn decide_suggestion(
    #[server(default)] roadmap_id: String,
    #[server(default)] version: String,
    #[server(default)] suggestion_id: String,
    #[server(default)] decision: String,
) -> Result<(), AppError> {
    use server::*;
    let cx = guard(Access::Roles(&[Role::Mentee]))?;
    let back = id_path("/roadmaps", &roadmap_id);
    let result = async {
        let id = AppError::id(&roadmap_id)?;
        let suggestion = AppError::id(&suggestion_id)?;
        let accept = match decision.as_str() {
            "accept" => true,
            "dismiss" => false,
            _ => return Err(AppError::invalid("", Msg::new(k::ERR_CHOOSE_ONE))),
        };
        store::decide(
            cx.pool(),
            id,
            cx.me()?.id,
            parse_version(&version),
            suggestion,
            accept,
            crate::db::now(),
        )
        .await
        .map_err(AppError::from)
        .map(|_| accept)
    }
    .await;
    let post = FormPost::new("suggestions", &back);
    cx.finish(post, result, |accept| {
        let key = if *accept {
            k::NOTICE_SUGGESTION_ACCEPTED
        } else {
            k::NOTICE_SUGGESTION_DISMISSED
        };
        (back.clone(), Some(Msg::new(key)))
    })
    .await
    .map(|_| ())
}
