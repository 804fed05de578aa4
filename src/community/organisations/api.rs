//! Server functions for organisations: anyone reads the directory and a listed organisation;
//! administrators and partners write (who may change which organisation is checked in the
//! store's write: anyone else gets 404); administrators link partner accounts. The logo comes
//! through a multipart form (`POST /community/{id}/logo`, [`logo_handler`]).
use super::{Directory, Filters, OrgFields, OrgPage};
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
mod server {
    pub use super::super::store::{self, Writer};
    pub use crate::auth::{guard::*, Role};
    pub use crate::form::FormPost;
    pub use crate::i18n::{k, Msg};
    /// Who writes to the community: partners (their own organisation) and administrators.
    pub const WRITERS: &[Role] = &[Role::Partner, Role::Admin];

    /// The writer a signed-in viewer is, if any.
    pub fn writer(cx: &Cx) -> Option<Writer> {
        cx.user.as_ref().map(|u| Writer {
            id: u.id,
            admin: u.role == Role::Admin,
        })
    }

    /// This year, as the programme's calendar has it.
    pub fn this_year(now: i64) -> i64 {
        crate::time::civil(crate::time::today(now)).0
    }
}

#[server(endpoint = "community_directory")]
pub async fn load_directory(#[server(flatten)] filters: Filters) -> Result<Directory, AppError> {
    use server::*;
    let cx = guard(Access::Anyone)?;
    let mut filters = filters;
    filters.q = filters
        .q
        .chars()
        .take(crate::community::SEARCH_MAX)
        .collect();
    let locale = cx.viewer.locale;
    let (orgs, total) = store::directory(cx.pool(), &filters, locale).await?;
    let fields = crate::accounts::profiles::store::taxonomy(cx.pool(), locale)
        .await?
        .into_iter()
        .map(|f| (f.id, f.name))
        .collect();
    Ok(Directory {
        orgs,
        total,
        stats: store::stats(cx.pool()).await?,
        fields,
    })
}

/// The taxonomy's fields (id, name in the reader's language): an organisation's focus areas.
#[server(endpoint = "community_focus_areas")]
pub async fn load_focus_areas() -> Result<Vec<(i64, String)>, AppError> {
    use server::*;
    let cx = guard(Access::Roles(WRITERS))?;
    Ok(
        crate::accounts::profiles::store::taxonomy(cx.pool(), cx.viewer.locale)
            .await?
            .into_iter()
            .map(|f| (f.id, f.name))
            .collect(),
    )
}

#[server(endpoint = "community_organisation")]
pub async fn load_organisation(id: i64) -> Result<OrgPage, AppError> {
    use server::*;
    let cx = guard(Access::Anyone)?;
    Ok(store::page(cx.pool(), id, writer(&cx), cx.viewer.locale).await?)
}

/// The organisation the signed-in partner represents, if an administrator linked her to one.
#[server(endpoint = "community_mine")]
pub async fn load_mine() -> Result<Option<i64>, AppError> {
    use server::*;
    let cx = guard(Access::Roles(&[Role::Partner]))?;
    let mut conn = cx.pool().acquire().await?;
    Ok(store::represented_by(&mut conn, cx.me()?.id).await?)
}

/// Adds an organisation (empty `org_id`) or changes one.
#[server(endpoint = "save_organisation")]
pub async fn save_organisation(
    #[server(default)] org_id: String,
    #[server(flatten)] form: OrgFields,
    #[server(default)] fields: Vec<i64>,
) -> Result<(), AppError> {
    use server::*;
    let cx = guard(Access::Roles(WRITERS))?;
    let (name, back) = match org_id.trim() {
        "" => ("org-new", "/community/new".to_string()),
        _ => ("org", id_path("/community", &org_id)),
    };
    let result = async {
        let who = writer(&cx).ok_or(AppError::SignInNeeded)?;
        let now = crate::db::now();
        let input = form.check(&fields, this_year(now))?;
        match org_id.trim() {
            "" => {
                let id = store::create(cx.pool(), who, &input, now).await?;
                Ok((id, !who.admin))
            }
            raw => {
                let id = AppError::id(raw)?;
                let waits = store::save(cx.pool(), id, who, &input, now).await?;
                Ok((id, waits))
            }
        }
    }
    .await;
    let mut post = FormPost::refill(name, &back, &form);
    post.values.push((
        "fields".into(),
        fields
            .iter()
            .map(i64::to_string)
            .collect::<Vec<_>>()
            .join(","),
    ));
    cx.finish(post, result, |(id, waits)| {
        let notice = if *waits {
            k::COMMUNITY_WAITS
        } else {
            k::COMMUNITY_SAVED
        };
        (format!("/community/{id}"), Some(Msg::new(notice)))
    })
    .await
    .map(|_| ())
}

#[server(endpoint = "link_partner")]
pub async fn link_partner(
    org_id: String,
    #[server(flatten)] form: crate::form::EmailFields,
) -> Result<(), AppError> {
    use server::*;
    let cx = guard(Access::Roles(&[Role::Admin]))?;
    let back = id_path("/community", &org_id);
    let result = async {
        let id = AppError::id(&org_id)?;
        let email = crate::accounts::normalize_email(&form.email)
            .map_err(|m| AppError::invalid("email", m))?;
        let locale = cx.viewer.locale;
        let invited = store::link(
            cx.pool(),
            id,
            &email,
            (cx.me()?.id, locale),
            crate::db::now(),
        )
        .await?;
        if invited {
            // the invitation goes out now, not at the mailer's next minute
            crate::notifications::wake_mailer(&cx.state);
        }
        Ok(invited)
    }
    .await;
    cx.finish(
        FormPost::refill("partner", &back, &form),
        result,
        |invited| {
            let key = if *invited {
                k::COMMUNITY_INVITED
            } else {
                k::COMMUNITY_LINKED
            };
            (format!("{back}#partners"), Some(Msg::new(key)))
        },
    )
    .await
    .map(|_| ())
}

#[server(endpoint = "unlink_partner")]
pub async fn unlink_partner(org_id: String, account_id: String) -> Result<(), AppError> {
    use server::*;
    let cx = guard(Access::Roles(&[Role::Admin]))?;
    let back = id_path("/community", &org_id);
    let result = async {
        let id = AppError::id(&org_id)?;
        let account = AppError::id(&account_id)?;
        Ok(store::unlink(cx.pool(), id, account).await?)
    }
    .await;
    cx.finish(FormPost::new("partner", &back), result, |_| {
        (
            format!("{back}#partners"),
            Some(Msg::new(k::COMMUNITY_UNLINKED)),
        )
    })
    .await
}

/// The largest logo form read (the image and the form around it).
#[cfg(feature = "ssr")]
pub const IMAGE_BODY_MAX: usize = crate::community::IMAGE_MAX + 64 * 1024;

/// `POST /community/{id}/logo` (`file`): a new logo for the organisation, by an administrator
/// or its partner (anyone else: 404, before the body is read; so is a partner past her day's
/// uploads, with the reason). Refused images go back to the
/// organisation's page with the reason.
#[cfg(feature = "ssr")]
pub async fn logo_handler(
    axum::extract::State(state): axum::extract::State<crate::state::AppState>,
    axum::Extension(viewer): axum::Extension<crate::auth::Viewer>,
    axum::extract::Path(raw): axum::extract::Path<String>,
    req: axum::extract::Request,
) -> axum::response::Response {
    use crate::community::files;
    use server::*;
    let Ok(Some(me)) = check(Access::Roles(WRITERS), &viewer) else {
        return crate::auth::middleware::error_response(viewer.locale, http::StatusCode::NOT_FOUND);
    };
    let Ok(id) = AppError::id(&raw) else {
        return crate::auth::middleware::error_response(viewer.locale, http::StatusCode::NOT_FOUND);
    };
    let who = Writer {
        id: me.id,
        admin: me.role == Role::Admin,
    };
    let back = format!("/community/{id}");
    let result = async {
        // who may, and her day's uploads: before the body is read (and again in the write)
        store::may_upload(&state.pool, id, who, crate::db::now()).await?;
        let saved = files::upload_picture(req, &state, files::Kept::Logo).await?;
        let pool = state.pool.clone();
        // the write and keeping its file end together, even if the request is cut off
        let waits =
            tokio::spawn(
                async move { store::set_logo(&pool, id, who, saved, crate::db::now()).await },
            )
            .await
            .map_err(|_| AppError::Internal)??;
        let notice = if waits {
            k::COMMUNITY_WAITS
        } else {
            k::COMMUNITY_LOGO_SAVED
        };
        Ok((back.clone(), Msg::new(notice)))
    }
    .await;
    files::answer(&state, &viewer, result, "logo", &format!("{back}#logo")).await
}
