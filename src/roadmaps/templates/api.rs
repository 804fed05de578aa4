//! Server functions for the administrators' roadmap templates. (A mentee starts a roadmap from
//! one through `roadmaps::api::create_roadmap`.)
use super::TemplateView;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
mod server {
    pub use super::super::{parse_template_steps, store};
    pub use crate::auth::{guard::*, Role};
    pub use crate::error::FieldError;
    pub use crate::form::{Checker, FormPost};
    pub use crate::i18n::{k, Msg};
    pub use crate::roadmaps::{DESCRIPTION_MAX, TITLE_MAX};
}

#[server(endpoint = "templates")]
pub async fn load_templates() -> Result<Vec<TemplateView>, AppError> {
    use server::*;
    let cx = guard(Access::Roles(&[Role::Admin]))?;
    Ok(store::templates_with_steps(cx.pool(), cx.viewer.locale).await?)
}

/// The template form's fields, as posted (the steps as their textarea, one per line).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct TemplateFields {
    pub title: String,
    pub description: String,
    /// "ky", "ru" or "en"
    pub language: String,
    pub steps: String,
}

#[server(endpoint = "save_template")]
pub async fn save_template(
    #[server(default)] template_id: String,
    #[server(flatten)] form: TemplateFields,
) -> Result<(), AppError> {
    use server::*;
    let cx = guard(Access::Roles(&[Role::Admin]))?;
    let name = match template_id.trim() {
        "" => "template-new".to_string(),
        t => format!("template-{t}"),
    };
    let result = async {
        let id = match template_id.trim() {
            "" => None,
            t => Some(AppError::id(t)?),
        };
        let mut c = Checker::default();
        let title = c.text("title", &form.title, TITLE_MAX, false);
        let description = c.text("description", &form.description, DESCRIPTION_MAX, true);
        let language = c.choice::<crate::i18n::Locale>("language", &form.language);
        let parsed = match parse_template_steps(&form.steps) {
            Ok(s) if s.is_empty() => {
                c.errors
                    .push(FieldError::new("steps", Msg::new(k::ERR_REQUIRED)));
                None
            }
            Ok(s) => Some(s),
            Err(line) => {
                c.errors.push(FieldError::new(
                    "steps",
                    Msg::new(k::ERR_TEMPLATE_LINE).with("line", line),
                ));
                None
            }
        };
        let parsed = c.finish(parsed.zip(language))?;
        store::save_template(
            cx.pool(),
            id,
            &title,
            &description,
            parsed.1,
            &parsed.0,
            crate::db::now(),
        )
        .await
        .map_err(AppError::from)
    }
    .await;
    let post = FormPost::refill(&name, "/admin/templates", &form);
    cx.finish(post, result, |_| {
        (
            "/admin/templates".into(),
            Some(Msg::new(k::NOTICE_TEMPLATE_SAVED)),
        )
    })
    .await
    .map(|_| ())
}

#[server(endpoint = "delete_template")]
pub async fn delete_template(#[server(default)] template_id: String) -> Result<(), AppError> {
    use server::*;
    let cx = guard(Access::Roles(&[Role::Admin]))?;
    let result = async {
        let id = AppError::id(&template_id)?;
        store::delete_template(cx.pool(), id).await?;
        Ok(())
    }
    .await;
    let post = FormPost::new("templates", "/admin/templates");
    cx.finish(post, result, |_| {
        (
            "/admin/templates".into(),
            Some(Msg::new(k::NOTICE_TEMPLATE_DELETED)),
        )
    })
    .await
}
