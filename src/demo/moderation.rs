//! Moderation: one case waiting in the administrators' queue (a post in the data-science
//! circle that three members reported as spam, hidden until reviewed) and one decided case
//! whose author reads it at `/moderation/{id}` (an unkind reply, removed with a warning; she
//! may still appeal).
use super::accounts::id_of;
use crate::db::unless_refused;
use crate::learning::groups::store as groups;
use crate::moderation::{store, Decision, ItemKind, Outcome, ReportReason, SanctionKind};
use sqlx::SqlitePool;

pub(super) async fn seed(pool: &SqlitePool, now: i64) -> Result<(), Box<dyn std::error::Error>> {
    let group: Option<i64> =
        sqlx::query_scalar("SELECT id FROM peer_groups WHERE name = 'Data science study circle'")
            .fetch_optional(pool)
            .await?;
    let Some(group) = group else {
        return Ok(());
    };
    let admin = id_of(pool, "admin").await?;
    let (saltanat, nazira, gulzat, meerim) = (
        id_of(pool, "saltanat").await?,
        id_of(pool, "nazira").await?,
        id_of(pool, "gulzat").await?,
        id_of(pool, "meerim").await?,
    );

    // decided: an unkind reply, reported once, removed with a warning for a month
    let unkind = "That is a silly question. Nobody will give you an internship anyway.";
    if let Some(post) =
        unless_refused(groups::post(pool, group, nazira, unkind, now - 3 * 86_400).await)?
    {
        unless_refused(
            store::report_item(
                pool,
                ItemKind::GroupPost,
                post,
                meerim,
                ReportReason::Harassment,
                "It was my question. This made me not want to ask again.",
                now - 3 * 86_400 + 3_600,
            )
            .await,
        )?;
        let case: Option<(i64, i64)> = sqlx::query_as(
            "SELECT id, version FROM moderation_cases WHERE item_kind = ? AND item_id = ?",
        )
        .bind(ItemKind::GroupPost)
        .bind(post)
        .fetch_optional(pool)
        .await?;
        if let Some((case, version)) = case {
            let decision = Decision {
                outcome: Outcome::Remove,
                reason: "Unkind words to another member. Every question is welcome in the circle."
                    .into(),
                sanction: Some((SanctionKind::Warning, now + 30 * 86_400)),
            };
            unless_refused(
                store::decide_case(pool, case, version, &decision, admin, now - 2 * 86_400).await,
            )?;
        }
    }

    // waiting: a spam post three members reported, hidden until an administrator decides
    let spam = "Earn 500 dollars a week from home! Pay 20 dollars to join my course and I will share the secret.";
    if let Some(post) = unless_refused(groups::post(pool, group, meerim, spam, now - 86_400).await)?
    {
        for (i, reporter) in [saltanat, nazira, gulzat].into_iter().enumerate() {
            unless_refused(
                store::report_item(
                    pool,
                    ItemKind::GroupPost,
                    post,
                    reporter,
                    ReportReason::Spam,
                    "",
                    now - 86_400 + 600 * (i as i64 + 1),
                )
                .await,
            )?;
        }
    }
    Ok(())
}
