//! Server functions for joint initiatives: anyone reads them; administrators record and
//! change them.
use super::{InitiativeFields, InitiativeList, InitiativeSummary};
use crate::error::AppError;
use leptos::prelude::*;

#[server(endpoint = "community_initiatives")]
pub async fn load_initiatives(#[server(default)] page: i64) -> Result<InitiativeList, AppError> {
    use crate::auth::{guard::*, Role};
    let cx = guard(Access::Anyone)?;
    let (initiatives, total) = super::store::list(cx.pool(), page.max(1)).await?;
    let admin = cx.user.as_ref().is_some_and(|u| u.role == Role::Admin);
    let orgs = if admin {
        crate::community::organisations::store::listed(cx.pool(), cx.viewer.locale).await?
    } else {
        Vec::new()
    };
    Ok(InitiativeList {
        initiatives,
        total,
        orgs,
    })
}

/// One initiative and, for its form, the listed organisations (administrators only).
#[server(endpoint = "community_initiative")]
pub async fn load_initiative(id: i64) -> Result<(InitiativeSummary, Vec<(i64, String)>), AppError> {
    use crate::auth::{guard::*, Role};
    let cx = guard(Access::Roles(&[Role::Admin]))?;
    let one = super::store::one(cx.pool(), id).await?;
    let orgs = crate::community::organisations::store::listed(cx.pool(), cx.viewer.locale).await?;
    Ok((one, orgs))
}

/// Records an initiative (empty `initiative_id`) or changes one.
#[server(endpoint = "save_initiative")]
pub async fn save_initiative(
    #[server(default)] initiative_id: String,
    #[server(flatten)] form: InitiativeFields,
    #[server(default)] orgs: Vec<i64>,
) -> Result<(), AppError> {
    use crate::auth::{guard::*, Role};
    use crate::form::FormPost;
    use crate::i18n::{k, Msg};
    let cx = guard(Access::Roles(&[Role::Admin]))?;
    let (name, back) = match initiative_id.trim() {
        "" => ("initiative-new", "/community/initiatives#new".to_string()),
        _ => (
            "initiative",
            id_path("/community/initiatives", &initiative_id),
        ),
    };
    let result = async {
        let input = form.check(&orgs)?;
        let id = match initiative_id.trim() {
            "" => None,
            raw => Some(AppError::id(raw)?),
        };
        Ok(super::store::save(cx.pool(), id, cx.me()?.id, &input, crate::db::now()).await?)
    }
    .await;
    let mut post = FormPost::refill(name, &back, &form);
    post.values.push((
        "orgs".into(),
        orgs.iter()
            .map(i64::to_string)
            .collect::<Vec<_>>()
            .join(","),
    ));
    cx.finish(post, result, |_| {
        (
            "/community/initiatives".into(),
            Some(Msg::new(k::INITIATIVE_SAVED)),
        )
    })
    .await
    .map(|_| ())
}
