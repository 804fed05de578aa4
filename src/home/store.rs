use super::ProgrammeCounts;
use sqlx::SqlitePool;

/// How many mentees and mentors there are, and in how many regions.
#[derive(sqlx::FromRow)]
struct CountsRow {
    mentees: i64,
    mentors: i64,
    places: i64,
}

/// One pass over accounts; suspended accounts are not counted.
pub async fn programme_counts(pool: &SqlitePool) -> sqlx::Result<ProgrammeCounts> {
    let counts: CountsRow = sqlx::query_as(
        "SELECT \
           COALESCE(SUM(role = 'mentee'), 0) AS mentees, \
           COALESCE(SUM(role = 'mentor'), 0) AS mentors, \
           COUNT(DISTINCT CASE WHEN role IN ('mentee', 'mentor') THEN region END) AS places \
         FROM accounts WHERE suspended_at IS NULL",
    )
    .fetch_one(pool)
    .await?;
    Ok(ProgrammeCounts {
        mentees: counts.mentees,
        mentors: counts.mentors,
        places: counts.places,
    })
}
