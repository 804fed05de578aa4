//! Demo roadmaps.
use super::accounts::id_of;
use crate::db::unless_refused;
use sqlx::SqlitePool;

/// Roadmaps: Cholpon's from a template, shared with her mentor (a step done, one in progress,
/// a comment and a suggestion from Gulnara); Saltanat's written by hand and public; Aigerim's
/// private one.
pub(super) async fn seed(pool: &SqlitePool, now: i64) -> Result<(), Box<dyn std::error::Error>> {
    use crate::roadmaps::store::{self as rm, RoadmapInput, StepInput};
    use crate::roadmaps::{StepStatus, Visibility};
    let day = 86_400;
    let (cholpon, gulnara) = (id_of(pool, "cholpon").await?, id_of(pool, "gulnara").await?);
    let started = now - 60 * day;
    let input = RoadmapInput {
        title: "Become a renewable-energy engineer".into(),
        description: "Work on small hydropower plants in Naryn.".into(),
        target_date: Some(crate::time::iso_date(crate::time::today(now) + 700)),
        visibility: Visibility::Mentor,
    };
    if let Some(id) = unless_refused(rm::create(pool, cholpon, &input, Some(3), started).await)? {
        let view = rm::view(pool, id, cholpon, now)
            .await?
            .ok_or("demo roadmap")?;
        let mut version = view.version;
        for (i, status) in [StepStatus::Done, StepStatus::InProgress]
            .into_iter()
            .enumerate()
        {
            if unless_refused(
                rm::set_status(
                    pool,
                    id,
                    cholpon,
                    version,
                    view.steps[i].id,
                    status,
                    now - (30 - i as i64 * 10) * day,
                )
                .await,
            )?
            .is_some()
            {
                version += 1;
            }
        }
        unless_refused(
            rm::comment(
                pool,
                id,
                view.steps[1].id,
                gulnara,
                "Visit the Kambarata site with our group in spring.",
                now - 5 * day,
            )
            .await,
        )?;
        unless_refused(
            rm::suggest(
                pool,
                id,
                gulnara,
                "Learn the basics of AutoCAD",
                "Engineers draw every plant before it is built.",
                now - 2 * day,
            )
            .await,
        )?;
    }
    let saltanat = id_of(pool, "saltanat").await?;
    let input = RoadmapInput {
        title: "Build a soil-moisture robot for my village".into(),
        description: String::new(),
        target_date: None,
        visibility: Visibility::Public,
    };
    if let Some(id) =
        unless_refused(rm::create(pool, saltanat, &input, None, now - 20 * day).await)?
    {
        let mut version = 1;
        for (title, criterion, due) in [
            (
                "Learn Arduino basics",
                "A blinking LED and a sensor reading",
                Some(10),
            ),
            ("Order the parts", "", None),
            (
                "Build and test in the garden",
                "A week of readings",
                Some(60),
            ),
        ] {
            let step = StepInput {
                title: title.into(),
                details: String::new(),
                criterion: criterion.into(),
                due_date: due.map(|d| crate::time::iso_date(crate::time::today(now) - 20 + d)),
                resources: vec![crate::roadmaps::Resource {
                    title: "Arduino documentation".into(),
                    url: "https://docs.arduino.cc/".into(),
                }],
            };
            if unless_refused(
                rm::add_step(pool, id, saltanat, version, step, now - 20 * day).await,
            )?
            .is_some()
            {
                version += 1;
            }
        }
    }
    let aigerim = id_of(pool, "aigerim").await?;
    let input = RoadmapInput {
        title: "Become a data analyst".into(),
        description: String::new(),
        target_date: None,
        visibility: Visibility::Private,
    };
    unless_refused(rm::create(pool, aigerim, &input, Some(1), now - 3 * day).await)?;
    Ok(())
}
