//! Server functions for best practices: anyone reads the showcase and an approved practice;
//! partners (their organisation's) and administrators write; the image comes through a
//! multipart form (`POST /community/practices/{id}/image`, [`image_handler`]).
use super::{Filters, PracticeFields, PracticePage, Showcase};
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
mod server {
    pub use super::super::store;
    pub use crate::auth::{guard::*, Role};
    pub use crate::community::organisations::store::Writer;
    pub use crate::form::FormPost;
    pub use crate::i18n::{k, Msg};
    pub const WRITERS: &[Role] = &[Role::Partner, Role::Admin];

    pub fn writer(cx: &Cx) -> Option<Writer> {
        cx.user.as_ref().map(|u| Writer {
            id: u.id,
            admin: u.role == Role::Admin,
        })
    }
}

#[server(endpoint = "community_practices")]
pub async fn load_showcase(#[server(flatten)] filters: Filters) -> Result<Showcase, AppError> {
    use server::*;
    let cx = guard(Access::Anyone)?;
    let mut filters = filters;
    filters.q = filters
        .q
        .chars()
        .take(crate::community::SEARCH_MAX)
        .collect();
    let (practices, total) = store::showcase(cx.pool(), &filters).await?;
    let my_org = match cx.user.as_ref() {
        Some(u) if u.role == Role::Partner => {
            let mut conn = cx.pool().acquire().await?;
            crate::community::organisations::store::represented_by(&mut conn, u.id).await?
        }
        _ => None,
    };
    Ok(Showcase {
        practices,
        total,
        my_org,
    })
}

#[server(endpoint = "community_practice")]
pub async fn load_practice(id: i64) -> Result<PracticePage, AppError> {
    use server::*;
    let cx = guard(Access::Anyone)?;
    let reader = cx.user.as_ref().map(|u| u.id);
    Ok(store::page(cx.pool(), id, writer(&cx), reader).await?)
}

/// Publishes a practice (empty `practice_id`; an administrator names the organisation in
/// `org_id`, a partner publishes for her own) or changes one.
#[server(endpoint = "save_practice")]
pub async fn save_practice(
    #[server(default)] practice_id: String,
    #[server(default)] org_id: String,
    #[server(flatten)] form: PracticeFields,
) -> Result<(), AppError> {
    use server::*;
    let cx = guard(Access::Roles(WRITERS))?;
    let back = match practice_id.trim() {
        "" => match AppError::id(&org_id) {
            Ok(org) => format!("/community/practices/new?org={org}"),
            Err(_) => "/community/practices/new".to_string(),
        },
        _ => format!("{}#edit", id_path("/community/practices", &practice_id)),
    };
    let name = if practice_id.trim().is_empty() {
        "practice-new"
    } else {
        "practice"
    };
    let result = async {
        let who = writer(&cx).ok_or(AppError::SignInNeeded)?;
        let input = form.check()?;
        let id = match practice_id.trim() {
            "" => None,
            raw => Some(AppError::id(raw)?),
        };
        let org = AppError::id(&org_id).ok();
        let id = store::save(cx.pool(), id, org, who, &input, crate::db::now()).await?;
        Ok((id, !who.admin))
    }
    .await;
    cx.finish(
        FormPost::refill(name, &back, &form),
        result,
        |(id, waits)| {
            let notice = if *waits {
                k::PRACTICE_WAITS
            } else {
                k::PRACTICE_SAVED
            };
            (format!("/community/practices/{id}"), Some(Msg::new(notice)))
        },
    )
    .await
    .map(|_| ())
}

/// `POST /community/practices/{id}/image` (`file`): a new image for the practice, by an
/// administrator or a partner of its organisation (anyone else: 404, before the body is
/// read).
#[cfg(feature = "ssr")]
pub async fn image_handler(
    axum::extract::State(state): axum::extract::State<crate::state::AppState>,
    axum::Extension(viewer): axum::Extension<crate::auth::Viewer>,
    axum::extract::Path(raw): axum::extract::Path<String>,
    req: axum::extract::Request,
) -> axum::response::Response {
    use crate::community::files;
    use server::*;
    let not_found =
        || crate::auth::middleware::error_response(viewer.locale, http::StatusCode::NOT_FOUND);
    let Ok(Some(me)) = check(Access::Roles(WRITERS), &viewer) else {
        return not_found();
    };
    let Ok(id) = AppError::id(&raw) else {
        return not_found();
    };
    let who = Writer {
        id: me.id,
        admin: me.role == Role::Admin,
    };
    let back = format!("/community/practices/{id}");
    let result = async {
        // who may, and her day's uploads: before the body is read (and again in the write)
        store::may_upload(&state.pool, id, who, crate::db::now()).await?;
        let saved = files::upload_picture(req, &state, files::Kept::Picture).await?;
        let pool = state.pool.clone();
        // the write and keeping its file end together, even if the request is cut off
        let waits =
            tokio::spawn(
                async move { store::set_image(&pool, id, who, saved, crate::db::now()).await },
            )
            .await
            .map_err(|_| AppError::Internal)??;
        let notice = if waits {
            k::PRACTICE_WAITS
        } else {
            k::PRACTICE_SAVED
        };
        Ok((back.clone(), Msg::new(notice)))
    }
    .await;
    files::answer(&state, &viewer, result, "image", &format!("{back}#image")).await
}
