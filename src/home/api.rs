use super::ProgrammeCounts;
use crate::error::AppError;
use leptos::prelude::*;

/// Public figures for the home page.
#[server(endpoint = "programme_counts")]
pub async fn load_programme_counts() -> Result<ProgrammeCounts, AppError> {
    use crate::auth::guard::{guard, Access};
    let cx = guard(Access::Anyone)?;
    Ok(super::store::programme_counts(cx.pool()).await?)
}
