//! Demo data for the default database on its first start: fictional mentees and mentors
//! across Kyrgyzstan's regions and abroad, plus an administrator, a juror and a partner.
//! Every demo account signs in with [`DEMO_PASSWORD`]; the README lists some of them.
//! Tests never rely on this data. One file per area, run in order by [`seed`]: this is part
//! of the composition root, the only code besides app, server and jobs that knows every area.
mod accounts;
mod awards;
mod community;
mod learning;
mod mentoring;
mod moderation;
mod roadmaps;

pub use accounts::{email, DEMO_PASSWORD};
/// A one-page PDF (the demo's documents; tests upload it too).
pub use community::pdf as community_pdf;
use sqlx::SqlitePool;

/// Loads the demo data into an empty database; does nothing if any account exists.
pub async fn seed(pool: &SqlitePool) -> Result<usize, Box<dyn std::error::Error>> {
    if !accounts::none_yet(pool).await? {
        return Ok(0);
    }
    let now = crate::db::now();
    let people = accounts::people(pool, now).await?;
    accounts::profiles(pool, now).await?;
    mentoring::requests(pool, now).await?;
    mentoring::conversations(pool, now).await?;
    mentoring::lifecycle(pool, now).await?;
    roadmaps::seed(pool, now).await?;
    awards::seed(pool, now).await?;
    learning::seed(pool, now).await?;
    community::seed(pool, now).await?;
    moderation::seed(pool, now).await?;
    Ok(people)
}
