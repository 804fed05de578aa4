//! The dashboard's figures, each one query over the tables that hold them, filtered by the
//! date range (the time each thing happened) and the region (the participant's own).
use super::{Figures, Query};
use sqlx::query::QueryAs;
use sqlx::sqlite::SqliteArguments;
use sqlx::{Sqlite, SqlitePool};

/// `{col}` within the range and `{region}` the region: three conditions, six bindings
/// ([`bind`]).
fn within(col: &str, region: &str) -> String {
    format!(
        "(? IS NULL OR {col} >= ?) AND (? IS NULL OR {col} < ?) AND (? IS NULL OR {region} = ?)"
    )
}

fn bind<'q, O>(
    q: QueryAs<'q, Sqlite, O, SqliteArguments<'q>>,
    f: &Query,
) -> QueryAs<'q, Sqlite, O, SqliteArguments<'q>> {
    q.bind(f.from)
        .bind(f.from)
        .bind(f.until)
        .bind(f.until)
        .bind(f.region)
        .bind(f.region)
}

/// Every figure, for `f`, as of `now`.
pub async fn figures(pool: &SqlitePool, f: &Query, now: i64) -> sqlx::Result<Figures> {
    let people = within("a.created_at", "a.region");
    let roles: Vec<(String, i64)> = bind(
        sqlx::query_as(&format!(
            "SELECT a.role, COUNT(*) FROM accounts a WHERE a.role IN ('mentee', 'mentor', 'partner', 'jury') \
             AND {people} GROUP BY a.role"
        )),
        f,
    )
    .fetch_all(pool)
    .await?;
    let regions: Vec<(String, i64, i64)> = bind(
        sqlx::query_as(&format!(
            "SELECT COALESCE(a.region, ''), SUM(a.role = 'mentee'), SUM(a.role = 'mentor') FROM accounts a \
             WHERE a.role IN ('mentee', 'mentor') AND {people} GROUP BY COALESCE(a.region, '')"
        )),
        f,
    )
    .fetch_all(pool)
    .await?;
    // months in Bishkek, counted here (the programme's zone comes from `time`)
    let joined_at: Vec<(i64, String)> = bind(
        sqlx::query_as(&format!(
            "SELECT a.created_at, a.role FROM accounts a WHERE a.role IN ('mentee', 'mentor') AND {people}"
        )),
        f,
    )
    .fetch_all(pool)
    .await?;
    let zone = crate::time::programme_zone();
    let mut joined: Vec<(String, i64, i64)> = Vec::new();
    for (at, role) in joined_at {
        let (y, m, _) = crate::time::civil(crate::time::day_in(at, zone));
        let month = format!("{y:04}-{m:02}");
        let i = match joined.iter().position(|j| j.0 == month) {
            Some(i) => i,
            None => {
                joined.push((month, 0, 0));
                joined.len() - 1
            }
        };
        if role == "mentee" {
            joined[i].1 += 1;
        } else {
            joined[i].2 += 1;
        }
    }
    let first = joined
        .iter()
        .map(|(m, _, _)| m.clone())
        .min()
        .unwrap_or_default();
    let start = f.from.unwrap_or_else(|| {
        // from the first month anyone joined (within the last three years)
        crate::time::parse_date(&format!("{first}-01"))
            .map(|d| d * 86_400)
            .unwrap_or(now)
    });
    let months = super::months(
        start,
        f.until.unwrap_or(now + 1).min(now + 1).max(start + 1),
    )
    .into_iter()
    .map(|m| {
        let (e, r) = joined
            .iter()
            .find(|(j, _, _)| *j == m)
            .map(|(_, e, r)| (*e, *r))
            .unwrap_or((0, 0));
        (m, e, r)
    })
    .collect();
    // the backlog is as it stands now, for the region
    let backlog: (i64, i64, i64, i64) = sqlx::query_as(
        "SELECT COALESCE(SUM(p.approval = 'pending'), 0), COALESCE(SUM(p.approval = 'pending' AND p.updated_at < ?), 0), \
         COALESCE(SUM(p.approval = 'approved'), 0), COALESCE(SUM(p.approval = 'rejected'), 0) \
         FROM mentor_profiles p JOIN accounts a ON a.id = p.account_id WHERE (? IS NULL OR a.region = ?)",
    )
    .bind(now - 7 * 86_400)
    .bind(f.region)
    .bind(f.region)
    .fetch_one(pool)
    .await?;
    let requests = within("r.created_at", "a.region");
    let funnel: Vec<(String, i64)> = bind(
        sqlx::query_as(&format!(
            "SELECT r.state, COUNT(*) FROM mentorship_requests r JOIN accounts a ON a.id = r.mentee_id \
             WHERE r.matched_by IS NULL AND {requests} GROUP BY r.state"
        )),
        f,
    )
    .fetch_all(pool)
    .await?;
    let waits: Vec<(i64,)> = bind(
        sqlx::query_as(&format!(
            "SELECT COALESCE(r.answered_at, m.started_at) - r.created_at FROM mentorship_requests r \
             JOIN mentorships m ON m.request_id = r.id JOIN accounts a ON a.id = r.mentee_id \
             WHERE r.matched_by IS NULL AND {requests}"
        )),
        f,
    )
    .fetch_all(pool)
    .await?;
    let waits: Vec<i64> = waits.into_iter().map(|(w,)| w.max(0)).collect();
    let matched = waits.len() as i64;
    let started = within("m.started_at", "a.region");
    let mentorships: Vec<(String, i64)> = bind(
        sqlx::query_as(&format!(
            "SELECT m.state, COUNT(*) FROM mentorships m JOIN accounts a ON a.id = m.mentee_id \
             WHERE {started} GROUP BY m.state"
        )),
        f,
    )
    .fetch_all(pool)
    .await?;
    let ratings: Vec<(i64, i64)> = bind(
        sqlx::query_as(&format!(
            "SELECT g.rating, COUNT(*) FROM mentorship_ratings g JOIN mentorships m ON m.id = g.mentorship_id \
             JOIN accounts a ON a.id = m.mentee_id WHERE {started} GROUP BY g.rating"
        )),
        f,
    )
    .fetch_all(pool)
    .await?;
    let owned = within("s.created_at", "a.region");
    let steps: Vec<(String, i64)> = bind(
        sqlx::query_as(&format!(
            "SELECT s.status, COUNT(*) FROM roadmap_steps s JOIN roadmaps r ON r.id = s.roadmap_id \
             JOIN accounts a ON a.id = r.owner_id WHERE {owned} GROUP BY s.status"
        )),
        f,
    )
    .fetch_all(pool)
    .await?;
    let made = within("r.created_at", "a.region");
    let roadmaps: (i64, i64) = bind(
        sqlx::query_as(&format!(
            "SELECT COUNT(*), COUNT(DISTINCT CASE WHEN a.role = 'mentee' THEN r.owner_id END) FROM roadmaps r \
             JOIN accounts a ON a.id = r.owner_id WHERE {made}"
        )),
        f,
    )
    .fetch_one(pool)
    .await?;
    let held = within("l.starts_at", "a.region");
    let lectures: Vec<(String, i64, i64, i64)> = bind(
        sqlx::query_as(&format!(
            "SELECT l.topic, COALESCE(SUM(g.status = 'registered'), 0), COALESCE(SUM(g.status = 'waiting'), 0), \
             COALESCE(SUM(g.attended = 1), 0) FROM lecture_registrations g JOIN lectures l ON l.id = g.lecture_id \
             JOIN accounts a ON a.id = g.account_id WHERE {held} GROUP BY l.topic"
        )),
        f,
    )
    .fetch_all(pool)
    .await?;
    let cast = within("v.cast_at", "a.region");
    let votes: Vec<(String, i64)> = bind(
        sqlx::query_as(&format!(
            "SELECT c.code, COUNT(*) FROM award_votes v JOIN award_categories c ON c.id = v.category_id \
             JOIN accounts a ON a.id = v.voter_id WHERE v.voided_at IS NULL AND {cast} \
             GROUP BY c.code ORDER BY MIN(c.position)"
        )),
        f,
    )
    .fetch_all(pool)
    .await?;
    let orgs = community_years(pool, f).await?;
    Ok(Figures {
        roles,
        regions,
        months,
        backlog: [backlog.0, backlog.1, backlog.2, backlog.3],
        funnel,
        to_match: (super::median(waits), matched),
        mentorships,
        ratings,
        steps,
        roadmaps,
        lectures,
        votes,
        orgs,
    })
}

/// Listed organisations by the year they joined (within the range's years) with the running
/// total, every year shown.
async fn community_years(pool: &SqlitePool, f: &Query) -> sqlx::Result<Vec<(i64, i64, i64)>> {
    let year = |t: Option<i64>| {
        t.map(|t| crate::time::civil(crate::time::day_in(t - 1, crate::time::programme_zone())).0)
    };
    let joined: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT joined_year, COUNT(*) FROM organisations WHERE status = 'approved' \
         AND (? IS NULL OR region = ?) GROUP BY joined_year",
    )
    .bind(f.region)
    .bind(f.region)
    .fetch_all(pool)
    .await?;
    let (from, to) = (year(f.from.map(|t| t + 1)), year(f.until));
    Ok(crate::community::growth(&joined)
        .into_iter()
        .filter(|(y, _, _)| from.is_none_or(|f| *y >= f) && to.is_none_or(|t| *y <= t))
        .collect())
}
