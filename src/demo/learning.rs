//! Demo lectures and peer groups: past lectures with attendance, ratings and recordings (one
//! still available, one expired), upcoming ones (one full with a waiting list, one starting
//! within the hour, one by a named speaker) in Kyrgyz, Russian and English; three groups (Naryn,
//! online, Osh) with members, a regular meeting and posts.
use super::accounts::id_of;
use crate::db::unless_refused;
use crate::i18n::Locale;
use crate::learning::lectures::store::{self as lectures, LectureInput, Manager};
use crate::learning::lectures::{parse_materials, Topic};
use sqlx::SqlitePool;

struct Demo {
    title: &'static str,
    topic: Topic,
    speaker: &'static str,
    description: &'static str,
    language: Locale,
    /// from now, in minutes
    starts_in: i64,
    minutes: i64,
    capacity: i64,
}

const LECTURES: &[Demo] = &[
    Demo {
        title: "Убакытты башкаруу: окуу, иш жана үй-бүлө",
        topic: Topic::TimeManagement,
        speaker: "Айзада Садыкова",
        description: "Жумалык план, приоритеттер жана «жок» деп айтууну үйрөнөбүз.",
        language: Locale::Ky,
        starts_in: -40 * 1440,
        minutes: 90,
        capacity: 200,
    },
    Demo {
        title: "Лидерство в STEM-команде",
        topic: Topic::Leadership,
        speaker: "Динара Асанова",
        description: "Как вести проект, когда вы самая младшая в команде.",
        language: Locale::Ru,
        starts_in: -12 * 1440,
        minutes: 90,
        capacity: 150,
    },
    Demo {
        title: "Critical thinking for engineers",
        topic: Topic::CriticalThinking,
        speaker: "Dr. Maria Lindqvist",
        description: "Checking claims, reading data, spotting weak arguments.",
        language: Locale::En,
        starts_in: 45,
        minutes: 60,
        capacity: 300,
    },
    Demo {
        title: "Финансовая грамотность: первая зарплата",
        topic: Topic::FinancialLiteracy,
        speaker: "Асель Жумабекова",
        description: "Бюджет, сбережения, кредиты без ловушек.",
        language: Locale::Ru,
        starts_in: 3 * 1440,
        minutes: 90,
        capacity: 3,
    },
    Demo {
        title: "Эмоционалдык интеллект жана карьера",
        topic: Topic::EmotionalIntelligence,
        speaker: "Динара Асанова",
        description: "Сезимдерди түшүнүү жана командада иштөө.",
        language: Locale::Ky,
        starts_in: 6 * 1440,
        minutes: 75,
        capacity: 120,
    },
    Demo {
        title: "From school to a STEM career",
        topic: Topic::Career,
        speaker: "Priya Raman",
        description: "Choosing a university, internships and first jobs abroad and at home.",
        language: Locale::En,
        starts_in: 14 * 1440,
        minutes: 60,
        capacity: 500,
    },
];

/// Peer groups: (name, organiser, region, language, limit, members, meeting: weekday offset and
/// hour in Bishkek, weekly?, place, posts by the members in turn).
type DemoGroup = (
    &'static str,
    &'static str,
    &'static str,
    Locale,
    i64,
    &'static [&'static str],
    Option<(i64, i8, bool, &'static str)>,
    &'static [&'static str],
);

const GROUPS: &[DemoGroup] = &[
    (
        "Нарын: кыздар программалоодо",
        "aigerim",
        "naryn",
        Locale::Ky,
        12,
        &["aigerim", "begaiym", "cholpon", "elnura"],
        Some((2, 17, true, "Нарын шаардык китепканасы, 2-бөлмө")),
        &[
            "Салам баарыңызга! Бул жумада Python боюнча биринчи сабакты өтөбүз.",
            "Мен катышам! Ноутбугум жок, телефондон болобу?",
            "Болот, китепканада компьютерлер бар.",
            "Тапшырманы бүттүм, кийинки жолу көрсөтөм.",
        ],
    ),
    (
        "Data science study circle",
        "saltanat",
        "online",
        Locale::En,
        20,
        &["saltanat", "nazira", "gulzat", "meerim"],
        Some((
            4,
            19,
            true,
            "Online: the link is posted here before each meeting",
        )),
        &[
            "Welcome! This week: pandas groupby and a Kyrgyz census dataset.",
            "I made charts of school enrolment by region.",
            "Great work. Next time let's try a simple regression.",
            "Can we also look at how to write a CV for data internships?",
        ],
    ),
    (
        "Будущие инженеры Оша",
        "gulzat",
        "osh",
        Locale::Ru,
        15,
        &["gulzat", "meerim"],
        Some((
            10,
            16,
            false,
            "Ошский государственный университет, корпус 3",
        )),
        &[
            "Привет! Собираемся раз в месяц, обсуждаем проекты и поступление.",
            "Отлично, я готовлю проект по солнечным панелям.",
        ],
    ),
];

pub(super) async fn seed(pool: &SqlitePool, now: i64) -> Result<(), Box<dyn std::error::Error>> {
    lectures_seed(pool, now).await?;
    groups_seed(pool, now).await
}

async fn groups_seed(pool: &SqlitePool, now: i64) -> Result<(), Box<dyn std::error::Error>> {
    use crate::learning::groups::store::{self as groups, GroupInput, MeetingInput};
    use crate::learning::groups::Frequency;
    let started = now - 20 * 86_400;
    for (name, organiser, region, language, limit, members, meeting, posts) in GROUPS {
        let ids = {
            let mut ids = Vec::new();
            for m in *members {
                ids.push(id_of(pool, m).await?);
            }
            ids
        };
        let input = GroupInput {
            name: (*name).into(),
            description: String::new(),
            region: (*region).into(),
            language: *language,
            member_limit: *limit,
        };
        let Some(id) = unless_refused(
            groups::create(pool, id_of(pool, organiser).await?, &input, started).await,
        )?
        else {
            continue;
        };
        for &m in &ids[1..] {
            unless_refused(groups::join(pool, id, m, started + 3_600).await)?;
        }
        if let Some((days, hour, weekly, place)) = meeting {
            let zone = crate::time::programme_zone();
            let day = crate::time::today(started) + days;
            let first = crate::time::parse_datetime_local(
                &format!("{}T{hour:02}:00", crate::time::iso_date(day)),
                zone,
            )
            .ok_or("demo meeting time")?;
            let m = MeetingInput {
                frequency: if *weekly {
                    Frequency::Weekly
                } else {
                    Frequency::Monthly
                },
                first_at: first,
                zone: crate::time::PROGRAMME_ZONE.into(),
                minutes: 90,
                place: (*place).into(),
            };
            unless_refused(groups::schedule(pool, id, ids[0], Some(&m), started + 7_200).await)?;
        }
        for (i, text) in posts.iter().enumerate() {
            let author = ids[i % ids.len()];
            unless_refused(
                groups::post(pool, id, author, text, started + 86_400 * (i as i64 + 1)).await,
            )?;
        }
    }
    Ok(())
}

async fn lectures_seed(pool: &SqlitePool, now: i64) -> Result<(), Box<dyn std::error::Error>> {
    let admin = Manager {
        id: id_of(pool, "admin").await?,
        admin: true,
    };
    let dinara = id_of(pool, "dinara").await?;
    lectures::name_speaker(pool, admin.id, &super::email("dinara"), now).await?;
    let speaker = Manager {
        id: dinara,
        admin: false,
    };
    let mut mentees = Vec::new();
    for local in [
        "aigerim", "begaiym", "cholpon", "elnura", "gulzat", "meerim", "nazira", "saltanat",
    ] {
        mentees.push(id_of(pool, local).await?);
    }
    for (i, d) in LECTURES.iter().enumerate() {
        let starts_at = now + d.starts_in * 60;
        // published a month before it starts (or now, for what is still ahead)
        let published = (starts_at - 30 * 86_400).min(now);
        let by = if d.speaker == "Динара Асанова" {
            speaker
        } else {
            admin
        };
        let input = LectureInput {
            title: d.title.into(),
            topic: d.topic,
            speaker: d.speaker.into(),
            description: d.description.into(),
            language: d.language,
            starts_at,
            minutes: d.minutes,
            capacity: d.capacity,
            online_link: format!("https://meet.example.org/stem4all-{}", i + 1),
            materials: parse_materials("Slides | https://example.org/stem4all/slides.pdf")
                .unwrap_or_default(),
        };
        let Some(id) = unless_refused(lectures::save(pool, by, None, &input, published).await)?
        else {
            continue;
        };
        // the full one: three places taken, two waiting; the others: most of the mentees
        let joining = if d.capacity == 3 {
            &mentees[..5]
        } else {
            &mentees[..6]
        };
        for &m in joining {
            unless_refused(lectures::register(pool, id, m, true, published + 60).await)?;
        }
        if d.starts_in < 0 {
            let after = starts_at + d.minutes * 60;
            unless_refused(lectures::mark_attendance(pool, id, by, &mentees[..4], after).await)?;
            // the older recording has expired, the newer one is available for a month
            unless_refused(
                lectures::set_recording(
                    pool,
                    id,
                    by,
                    &format!("https://video.example.org/stem4all-{}", i + 1),
                    "STEM4ALL-2026",
                    after + 30 * 86_400,
                    after,
                )
                .await,
            )?;
            for (j, &m) in mentees[..3].iter().enumerate() {
                let comment = ["Очень полезно, спасибо!", "Абдан пайдалуу болду.", ""][j];
                unless_refused(
                    lectures::rate(pool, id, m, 5 - j as i64, comment, after + 3_600).await,
                )?;
            }
        }
    }
    Ok(())
}
