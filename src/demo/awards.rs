//! The demo award, in its voting phase.
use super::accounts::{email, id_of};
use sqlx::SqlitePool;

/// The STEM4ALL Award 2026 in its voting phase: finalists in two categories (people who
/// accepted, organisations), a juror on "Best mentor", and a few votes.
pub(super) async fn seed(pool: &SqlitePool, now: i64) -> Result<(), Box<dyn std::error::Error>> {
    use crate::awards::{store as aw, Phase, Schedule};
    let admin = id_of(pool, "admin").await?;
    let cycle = aw::create_cycle(
        pool,
        "STEM4ALL Award 2026",
        Schedule {
            nominations_until: now + 86_400,
            voting_until: now + 21 * 86_400,
        },
        &crate::awards::DEFAULT_CATEGORIES
            .iter()
            .map(|c| c.0)
            .collect::<Vec<_>>(),
        admin,
        now - 30 * 86_400,
    )
    .await?;
    let category = |code: &'static str| async move {
        sqlx::query_scalar::<_, i64>(
            "SELECT id FROM award_categories WHERE cycle_id = ? AND code = ?",
        )
        .bind(cycle)
        .bind(code)
        .fetch_one(pool)
        .await
    };
    let (mentors, partners) = (
        category("best_mentor").await?,
        category("community_partner").await?,
    );
    aw::advance(pool, cycle, Phase::Draft, admin, now - 29 * 86_400).await?;
    let nominator = id_of(pool, "aigerim").await?;
    let nominations = [
        (
            mentors,
            "dinara",
            "",
            "She has mentored eleven girls from Naryn into university STEM programmes.",
        ),
        (
            mentors,
            "asel",
            "",
            "Her weekly Kyrgyz-language coding circle never missed a week.",
        ),
        (
            partners,
            "",
            "Tech Ayim Foundation",
            "Opened two robotics clubs in At-Bashy schools.",
        ),
        (
            partners,
            "",
            "Kelechek Library",
            "Gave mentees a quiet place with internet every evening.",
        ),
    ];
    let mut finalists = Vec::new();
    for (cat, local, org, reason) in nominations {
        let address = if local.is_empty() {
            String::new()
        } else {
            email(local)
        };
        aw::nominate(
            pool,
            cat,
            nominator,
            &address,
            org,
            reason,
            now - 28 * 86_400,
        )
        .await?;
        let id: i64 = sqlx::query_scalar(
            "SELECT id FROM award_nominations WHERE category_id = ? ORDER BY id DESC LIMIT 1",
        )
        .bind(cat)
        .fetch_one(pool)
        .await?;
        if !local.is_empty() {
            aw::answer(pool, id, id_of(pool, local).await?, true, now - 27 * 86_400).await?;
        }
        finalists.push((cat, id));
    }
    aw::assign_juror(pool, mentors, &email("jury"), admin, now - 27 * 86_400).await?;
    aw::advance(pool, cycle, Phase::Nominations, admin, now - 20 * 86_400).await?;
    for (_, id) in &finalists {
        aw::screen(pool, *id, true, "", admin, now - 19 * 86_400).await?;
        aw::shortlist(pool, *id, true, admin, now - 19 * 86_400).await?;
    }
    aw::advance(pool, cycle, Phase::Screening, admin, now - 14 * 86_400).await?;
    for (i, voter) in ["begaiym", "cholpon", "elnura", "gulzat", "meerim"]
        .iter()
        .enumerate()
    {
        let voter = id_of(pool, voter).await?;
        let (cat, id) = finalists[i % 2];
        aw::cast_vote(pool, cat, id, voter, now - 10 * 86_400).await?;
        let (cat, id) = finalists[2 + i % 2];
        aw::cast_vote(pool, cat, id, voter, now - 9 * 86_400).await?;
    }
    Ok(())
}
