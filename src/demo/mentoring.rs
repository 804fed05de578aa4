//! Demo requests in every state, messages and session logs, and mentorships paused,
//! completed (rated) and cancelled.
use super::accounts::id_of;
use crate::db::unless_refused;
use sqlx::SqlitePool;

/// The mentorship of a demo mentee with a demo mentor, if the requests made one.
async fn mentorship_between(
    pool: &SqlitePool,
    mentee: i64,
    mentor: i64,
) -> Result<Option<i64>, Box<dyn std::error::Error>> {
    Ok(crate::mentoring::mentorships::store::list_for(pool, mentee)
        .await?
        .into_iter()
        .find(|m| m.other_id == mentor)
        .map(|m| m.id))
}

/// Requests in every state, made through the same store functions the pages use.
pub(super) async fn requests(
    pool: &SqlitePool,
    now: i64,
) -> Result<(), Box<dyn std::error::Error>> {
    use crate::mentoring::requests::store as rs;
    use crate::mentoring::requests::{DeclineReason, Event};
    let day = 86_400;
    // (mentee, mentor, message, hopes, days ago, steps)
    type Plan<'a> = (&'a str, &'a str, &'a str, &'a str, i64, &'a [Event]);
    let plan: &[Plan] = &[
        (
            "aigerim",
            "asel",
            "Salam! I am in grade 10 in At-Bashy and I love maths.",
            "Learn Python for data analysis",
            2,
            &[],
        ),
        (
            "elnura",
            "gulnara",
            "I study energy engineering in Naryn.",
            "An internship at a hydropower plant",
            3,
            &[Event::View],
        ),
        (
            "cholpon",
            "gulnara",
            "Hydropower is my dream.",
            "Understand how small plants are designed",
            20,
            &[Event::View, Event::Accept],
        ),
        (
            "kanykei",
            "priya",
            "I build Android apps at university.",
            "Publish my first app",
            9,
            &[Event::View, Event::Decline],
        ),
        (
            "nurzat",
            "saule",
            "I want to study the glaciers of Issyk-Kul.",
            "Choose a university",
            4,
            &[Event::View, Event::Ask],
        ),
        (
            "meerim",
            "asel",
            "I am a junior web developer.",
            "Move into data",
            6,
            &[Event::Withdraw],
        ),
        (
            "perizat",
            "maria",
            "Switching from accounting.",
            "A study plan",
            30,
            &[],
        ),
        (
            "begaiym",
            "dinara",
            "Olympiad preparation, please!",
            "Win the national olympiad",
            5,
            &[Event::View],
        ),
        (
            "saltanat",
            "hannah",
            "Robots for farms sound amazing.",
            "A robotics project",
            12,
            &[Event::View, Event::Accept],
        ),
        // matched with priya, so her request to hannah is invalidated
        (
            "tolgonai",
            "hannah",
            "I want to start a robotics club in Talas.",
            "Club plan",
            10,
            &[],
        ),
        (
            "tolgonai",
            "priya",
            "Could you teach me to build apps?",
            "A first app",
            8,
            &[Event::View, Event::Accept],
        ),
        // mentorships that are paused, completed and cancelled (see `lifecycle`)
        (
            "gulzat",
            "dinara",
            "I want to teach mathematics one day.",
            "Pass the university entrance exam",
            60,
            &[Event::View, Event::Accept],
        ),
        (
            "nazira",
            "maria",
            "Solar panels for our school?",
            "A school solar project",
            120,
            &[Event::View, Event::Accept],
        ),
        (
            "aruuke",
            "ainura",
            "Medical devices fascinate me.",
            "Decide whether to study biomedical engineering",
            100,
            &[Event::View, Event::Accept],
        ),
        (
            "zhibek",
            "mei",
            "How is food kept safe on its way to the shop?",
            "Learn what food technologists do",
            90,
            &[Event::View, Event::Accept],
        ),
    ];
    for (mentee, mentor, message, hopes, days_ago, steps) in plan {
        let (mentee_id, mentor_id) = (id_of(pool, mentee).await?, id_of(pool, mentor).await?);
        let at = now - days_ago * day;
        let Some(id) =
            unless_refused(rs::send(pool, mentee_id, mentor_id, message, hopes, at).await)?
        else {
            continue;
        };
        for (i, event) in steps.iter().enumerate() {
            let (actor, reason, text) = match event {
                Event::Withdraw => (mentee_id, None, None),
                Event::Decline => (mentor_id, Some(DeclineReason::NoTime), None),
                Event::Ask => (
                    mentor_id,
                    None,
                    Some("Which subjects do you like most at school?"),
                ),
                _ => (mentor_id, None, None),
            };
            unless_refused(
                rs::act(
                    pool,
                    id,
                    actor,
                    *event,
                    reason,
                    text,
                    at + (i as i64 + 1) * 3_600,
                )
                .await,
            )?;
        }
    }
    // stale requests expire (perizat's is 30 days old)
    rs::expire_stale(pool, now).await?;
    Ok(())
}

/// A mentorship in each later state: paused, completed (rated by both, and by one), cancelled.
pub(super) async fn lifecycle(
    pool: &SqlitePool,
    now: i64,
) -> Result<(), Box<dyn std::error::Error>> {
    use crate::mentoring::mentorships::lifecycle::Change;
    use crate::mentoring::mentorships::store as cs;
    let day = 86_400;
    // (mentee, mentor, changes by (mentee?, change, reason, days ago), ratings (mentee?, stars, comment))
    #[allow(clippy::type_complexity)]
    let plan: &[(
        &str,
        &str,
        &[(bool, Change, &str, i64)],
        &[(bool, i64, &str)],
    )] = &[
        (
            "gulzat",
            "dinara",
            &[(false, Change::Pause, "Exam session until mid-January.", 5)],
            &[],
        ),
        (
            "nazira",
            "maria",
            &[(
                true,
                Change::Complete,
                "Our school has a solar project plan!",
                20,
            )],
            &[
                (
                    true,
                    5,
                    "Maria explained everything with patience. We start building in spring.",
                ),
                (
                    false,
                    5,
                    "Nazira did every exercise and led her classmates. Proud of her.",
                ),
            ],
        ),
        (
            "aruuke",
            "ainura",
            &[
                (false, Change::Pause, "A month of hospital audits.", 60),
                (false, Change::Resume, "", 40),
                (true, Change::Complete, "", 10),
            ],
            &[(
                true,
                4,
                "I now know I want to study biomedical engineering. Thank you!",
            )],
        ),
        (
            "zhibek",
            "mei",
            &[(
                true,
                Change::Cancel,
                "I have decided to study architecture instead.",
                30,
            )],
            &[],
        ),
    ];
    for (mentee, mentor, changes, ratings) in plan {
        let (mentee_id, mentor_id) = (id_of(pool, mentee).await?, id_of(pool, mentor).await?);
        let Some(ms) = mentorship_between(pool, mentee_id, mentor_id).await? else {
            continue;
        };
        for (by_mentee, change, reason, days_ago) in changes.iter() {
            let actor = if *by_mentee { mentee_id } else { mentor_id };
            let _ =
                cs::change_state(pool, ms, actor, *change, reason, now - days_ago * day).await?;
        }
        for (by_mentee, stars, comment) in ratings.iter() {
            let rater = if *by_mentee { mentee_id } else { mentor_id };
            unless_refused(cs::rate(pool, ms, rater, *stars, comment, now).await)?;
        }
    }
    Ok(())
}

/// Messages (one held for its phone number) and session logs in the demo mentorships.
pub(super) async fn conversations(
    pool: &SqlitePool,
    now: i64,
) -> Result<(), Box<dyn std::error::Error>> {
    use crate::mentoring::mentorships::contains_contact;
    use crate::mentoring::mentorships::store as cs;
    let day = 86_400;
    let (cholpon, gulnara) = (id_of(pool, "cholpon").await?, id_of(pool, "gulnara").await?);
    let (saltanat, hannah) = (id_of(pool, "saltanat").await?, id_of(pool, "hannah").await?);
    for (mentee, mentor, lines, sessions) in [
        (
            cholpon,
            gulnara,
            &[
                (false, "Salam, Gulnara eje! Thank you for accepting."),
                (
                    true,
                    "Welcome, Cholpon! Let us start with how a small plant is sited.",
                ),
                (false, "Could you call me? My number is 0700 123 456"),
                (
                    true,
                    "Let us keep talking here for now. Read the chapter on turbines for Monday.",
                ),
            ][..],
            &[
                ("2026-11-10", 60, "Siting a small hydropower plant"),
                ("2026-11-17", 45, "Turbine types"),
            ][..],
        ),
        (
            saltanat,
            hannah,
            &[
                (
                    false,
                    "Hello Hannah! I would love to build a robot for my village.",
                ),
                (true, "Wonderful. Which crops grow there?"),
            ][..],
            &[("2026-11-20", 30, "Project idea: a soil-moisture robot")][..],
        ),
    ] {
        let Some(ms) = mentorship_between(pool, mentee, mentor).await? else {
            continue;
        };
        for (i, (from_mentor, text)) in lines.iter().enumerate() {
            let sender = if *from_mentor { mentor } else { mentee };
            let at = now - (10 - i as i64) * day;
            cs::post_message(pool, ms, sender, text, contains_contact(text), at).await?;
        }
        for (date, minutes, topics) in sessions {
            let entry = cs::SessionEntry {
                held_on: date,
                minutes: *minutes,
                topics,
            };
            cs::log_session(pool, ms, mentee, &entry, now).await?;
        }
    }
    Ok(())
}
