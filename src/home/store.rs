use super::ProgrammeCounts;
use sqlx::SqlitePool;

/// One pass over accounts; suspended accounts are not counted.
pub async fn programme_counts(pool: &SqlitePool) -> sqlx::Result<ProgrammeCounts> {
    let (mentees, mentors, places): (i64, i64, i64) = sqlx::query_as(
        "SELECT \
           COALESCE(SUM(role = 'mentee'), 0), \
           COALESCE(SUM(role = 'mentor'), 0), \
           COUNT(DISTINCT CASE WHEN role IN ('mentee', 'mentor') THEN region END) \
         FROM accounts WHERE suspended_at IS NULL",
    )
    .fetch_one(pool)
    .await?;
    Ok(ProgrammeCounts {
        mentees,
        mentors,
        places,
    })
}
