//! Server functions for the administrators' roadmap templates. (A mentee starts a roadmap from
//! one through `roadmaps::api::create_roadmap`.)
use super::TemplateView;
use crate::error::AppError;
use leptos::prelude::*;

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
    Ok(store::templates_with_steps(cx.pool()).await?)
}

#[server(endpoint = "save_template")]
pub async fn save_template(
    #[server(default)] template_id: String,
    #[server(default)] title: String,
    #[server(default)] description: String,
    #[server(default)] steps: String,
) -> Result<(), AppError> {
    use server::*;
    let cx = guard(Access::Roles(&[Role::Admin]))?;
    let form = match template_id.trim() {
        "" => "template-new".to_string(),
        t => format!("template-{t}"),
    };
    let result = async {
        let id = match template_id.trim() {
            "" => None,
            t => Some(AppError::id(t)?),
        };
        let mut c = Checker::default();
        let title = c.text("title", &title, TITLE_MAX, false);
        let description = c.text("description", &description, DESCRIPTION_MAX, true);
        let parsed = match parse_template_steps(&steps) {
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
        let parsed = c.finish(parsed)?;
        store::save_template(
            cx.pool(),
            id,
            &title,
            &description,
            &parsed,
            crate::db::now(),
        )
        .await
        .map_err(AppError::from)
    }
    .await;
    let post = FormPost {
        form: &form,
        back: "/admin/templates",
        values: vec![
            ("title", &title),
            ("description", &description),
            ("steps", &steps),
        ],
    };
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
    let post = FormPost {
        form: "templates",
        back: "/admin/templates",
        values: vec![],
    };
    cx.finish(post, result, |_| {
        (
            "/admin/templates".into(),
            Some(Msg::new(k::NOTICE_TEMPLATE_DELETED)),
        )
    })
    .await
}
