//! Demo data for the default database on its first start: fictional mentees and mentors
//! across Kyrgyzstan's regions and abroad, plus an administrator, a juror and a partner.
//! Every demo account signs in with [`DEMO_PASSWORD`]; the README lists some of them.
//! Tests never rely on this data.
use crate::accounts::profiles::{self as p, store as profile_store};
use crate::accounts::store::{self, NewAccount};
use crate::auth::Role;
use crate::db::unless_refused;
use crate::i18n::Locale;
use sqlx::SqlitePool;

pub const DEMO_PASSWORD: &str = "demo-password-2026";

/// (email local part, display name, role, region code, district, language)
const PEOPLE: &[(&str, &str, Role, &str, &str, Locale)] = &[
    (
        "admin",
        "Programme Admin",
        Role::Admin,
        "bishkek",
        "",
        Locale::En,
    ),
    (
        "jury",
        "Jyldyz Juror",
        Role::Jury,
        "bishkek",
        "",
        Locale::Ru,
    ),
    (
        "partner",
        "Tech Ayim Foundation",
        Role::Partner,
        "chui",
        "",
        Locale::Ru,
    ),
    // mentees
    (
        "aigerim",
        "Aigerim T.",
        Role::Mentee,
        "naryn",
        "At-Bashy",
        Locale::Ky,
    ),
    (
        "begaiym",
        "Begaiym S.",
        Role::Mentee,
        "naryn",
        "At-Bashy",
        Locale::Ky,
    ),
    (
        "cholpon",
        "Cholpon A.",
        Role::Mentee,
        "naryn",
        "Kochkor",
        Locale::Ky,
    ),
    (
        "elnura",
        "Elnura M.",
        Role::Mentee,
        "naryn",
        "Naryn city",
        Locale::Ru,
    ),
    (
        "gulzat",
        "Gulzat K.",
        Role::Mentee,
        "osh",
        "Kara-Suu",
        Locale::Ky,
    ),
    (
        "kanykei",
        "Kanykei B.",
        Role::Mentee,
        "osh_city",
        "",
        Locale::Ru,
    ),
    (
        "meerim",
        "Meerim J.",
        Role::Mentee,
        "bishkek",
        "",
        Locale::Ru,
    ),
    (
        "nazira",
        "Nazira O.",
        Role::Mentee,
        "bishkek",
        "",
        Locale::En,
    ),
    (
        "nurzat",
        "Nurzat E.",
        Role::Mentee,
        "issyk_kul",
        "Karakol",
        Locale::Ky,
    ),
    (
        "perizat",
        "Perizat D.",
        Role::Mentee,
        "issyk_kul",
        "Tup",
        Locale::Ky,
    ),
    (
        "saltanat",
        "Saltanat R.",
        Role::Mentee,
        "chui",
        "Tokmok",
        Locale::Ru,
    ),
    (
        "tolgonai",
        "Tolgonai U.",
        Role::Mentee,
        "talas",
        "Talas city",
        Locale::Ky,
    ),
    (
        "zhibek",
        "Zhibek N.",
        Role::Mentee,
        "jalal_abad",
        "Suzak",
        Locale::Ky,
    ),
    (
        "aruuke",
        "Aruuke I.",
        Role::Mentee,
        "jalal_abad",
        "Toktogul",
        Locale::Ky,
    ),
    (
        "baktygul",
        "Baktygul Ch.",
        Role::Mentee,
        "batken",
        "Kyzyl-Kiya",
        Locale::Ky,
    ),
    (
        "kunduz",
        "Kunduz Zh.",
        Role::Mentee,
        "batken",
        "Leilek",
        Locale::Ru,
    ),
    (
        "sezim",
        "Sezim A.",
        Role::Mentee,
        "chui",
        "Kant",
        Locale::Ru,
    ),
    (
        "mairam",
        "Mairam T.",
        Role::Mentee,
        "osh",
        "Uzgen",
        Locale::Ky,
    ),
    // mentors: regional
    (
        "dinara",
        "Dr. Dinara Asanova",
        Role::Mentor,
        "bishkek",
        "",
        Locale::Ru,
    ),
    (
        "asel",
        "Asel Kurmanbekova",
        Role::Mentor,
        "bishkek",
        "",
        Locale::Ky,
    ),
    (
        "ainura",
        "Ainura Toktosunova",
        Role::Mentor,
        "osh_city",
        "",
        Locale::Ru,
    ),
    (
        "saule",
        "Saule Abdyldaeva",
        Role::Mentor,
        "issyk_kul",
        "Karakol",
        Locale::Ky,
    ),
    (
        "gulnara",
        "Gulnara Isakova",
        Role::Mentor,
        "naryn",
        "Naryn city",
        Locale::Ky,
    ),
    (
        "venera",
        "Venera Mamytova",
        Role::Mentor,
        "chui",
        "Kara-Balta",
        Locale::Ru,
    ),
    // mentors: international
    (
        "maria",
        "Maria Lindqvist",
        Role::Mentor,
        "country:SE",
        "",
        Locale::En,
    ),
    (
        "priya",
        "Priya Raman",
        Role::Mentor,
        "country:IN",
        "",
        Locale::En,
    ),
    (
        "hannah",
        "Hannah Becker",
        Role::Mentor,
        "country:DE",
        "",
        Locale::En,
    ),
    (
        "aliya",
        "Aliya Nurlanova",
        Role::Mentor,
        "country:KZ",
        "",
        Locale::Ru,
    ),
    (
        "grace",
        "Grace Okafor",
        Role::Mentor,
        "country:GB",
        "",
        Locale::En,
    ),
    (
        "mei",
        "Mei Chen",
        Role::Mentor,
        "country:US",
        "",
        Locale::En,
    ),
];

pub fn email(local: &str) -> String {
    format!("{local}@demo.example")
}

/// Loads the demo data into an empty database; does nothing if any account exists.
pub async fn seed(pool: &SqlitePool) -> Result<usize, Box<dyn std::error::Error>> {
    if store::count(pool).await? > 0 {
        return Ok(0);
    }
    let hash = crate::auth::password::hash(DEMO_PASSWORD.into()).await?;
    let now = super::now();
    for (i, (local, name, role, region, district, locale)) in PEOPLE.iter().enumerate() {
        let email = email(local);
        // sign-up dates spread over the past year
        let created = now - (PEOPLE.len() - i) as i64 * 9 * 86_400;
        let account = NewAccount {
            email: &email,
            display_name: name,
            password_hash: &hash,
            role: *role,
            locale: *locale,
            region: Some(region),
            district: (!district.is_empty()).then_some(*district),
            email_confirmed: true,
        };
        store::create(pool, &account, created).await?;
    }
    profiles(pool, now).await?;
    requests(pool, now).await?;
    Ok(PEOPLE.len())
}

/// (email local part, organisation, title, years, capacity, skills, languages, bio, review)
type MentorSeed = (
    &'static str,
    &'static str,
    &'static str,
    i64,
    i64,
    &'static [i64],
    &'static [(p::Language, p::Level)],
    &'static str,
    Option<bool>,
);

const MENTORS: &[MentorSeed] = {
    use p::Language::*;
    use p::Level::*;
    &[
        ("dinara", "Kyrgyz National University", "Associate professor of mathematics", 15, 3, &[501, 502, 503], &[(Ru, Native), (Ky, Fluent), (En, Conversational)],
         "I teach statistics and applied mathematics and coach students for olympiads. I grew up in Talas and know how far a good teacher can take you.", Some(true)),
        ("asel", "Bishkek fintech startup", "Data scientist", 6, 2, &[102, 104, 501], &[(Ky, Native), (Ru, Fluent), (En, Fluent)],
         "I build credit-scoring models and love helping beginners write their first data analysis in Python.", Some(true)),
        ("ainura", "Osh regional hospital", "Biomedical engineer", 8, 2, &[901, 902, 801], &[(Ru, Native), (Uz, Conversational), (Ky, Fluent)],
         "I keep diagnostic equipment running in the south of the country and mentor girls curious about medicine and engineering.", Some(true)),
        ("saule", "Issyk-Kul biosphere station", "Ecologist", 11, 3, &[302, 301, 402], &[(Ky, Native), (Ru, Fluent)],
         "Field research on the lake and its glaciers. I can help with research projects, grant writing and university choices.", Some(true)),
        ("gulnara", "Naryn hydropower project", "Hydropower engineer", 9, 2, &[202, 201, 401], &[(Ky, Native), (Ru, Fluent)],
         "I design small hydropower plants in Naryn region and would love to mentor girls from At-Bashy and Kochkor.", Some(true)),
        ("venera", "Kara-Balta mining company", "Geologist", 12, 1, &[601, 602], &[(Ru, Native), (Ky, Conversational)],
         "Exploration geology in the Tian Shan. Field work is hard and wonderful; ask me anything about it.", None),
        ("maria", "Uppsala University", "Research engineer, renewable energy", 10, 2, &[201, 203, 703], &[(En, Fluent), (De, Conversational)],
         "Solar and wind integration in power grids. I mentor online in English and enjoy helping with study-abroad plans.", Some(true)),
        ("priya", "Bengaluru software company", "Senior mobile developer", 9, 3, &[103, 101, 105], &[(En, Fluent)],
         "Android apps used by millions on cheap phones and slow networks: exactly the constraints many of you know.", Some(true)),
        ("hannah", "Technical University of Munich", "Robotics researcher", 7, 2, &[802, 801, 803], &[(De, Native), (En, Fluent), (Ru, Basic)],
         "Robots for agriculture. I can help with robotics projects, programming and applying for master's programmes in Europe.", Some(true)),
        ("aliya", "Almaty civil engineering bureau", "Structural engineer", 13, 2, &[401, 403], &[(Kk, Native), (Ru, Native), (Ky, Conversational)],
         "Earthquake-safe buildings for Central Asia.", Some(false)),
        ("grace", "London fintech", "Security engineer", 8, 2, &[105, 101], &[(En, Fluent)],
         "Application security and how to get into cybersecurity without a computer-science degree.", None),
        ("mei", "US agri-tech startup", "Food technologist", 10, 2, &[1002, 1001, 303], &[(En, Fluent), (Zh, Native)],
         "From lab to factory: food safety and biotechnology. Happy to review CVs and practise interviews.", Some(true)),
    ]
};

/// (email local part, stage, goals, format, hours, age band, skills, languages)
type MenteeSeed = (
    &'static str,
    p::CareerStage,
    &'static str,
    p::MeetingFormat,
    i64,
    p::AgeBand,
    &'static [i64],
    &'static [(p::Language, p::Level)],
);

const MENTEES: &[MenteeSeed] = {
    use p::AgeBand::*;
    use p::CareerStage::*;
    use p::Language::*;
    use p::Level::*;
    use p::MeetingFormat::*;
    &[
        (
            "aigerim",
            School,
            "Study computer science at university and build apps for farmers in At-Bashy.",
            Online,
            4,
            Under18,
            &[101, 103],
            &[(Ky, Native), (Ru, Conversational)],
        ),
        (
            "begaiym",
            School,
            "Win the national maths olympiad and become a statistician.",
            Online,
            4,
            Under18,
            &[501, 502],
            &[(Ky, Native), (Ru, Basic)],
        ),
        (
            "cholpon",
            University,
            "Work in hydropower after my engineering degree.",
            Either,
            6,
            Adult,
            &[202, 203],
            &[(Ky, Native), (Ru, Fluent)],
        ),
        (
            "elnura",
            University,
            "Become a data analyst and stay in Naryn.",
            Online,
            5,
            Adult,
            &[102, 501],
            &[(Ru, Native), (Ky, Fluent), (En, Basic)],
        ),
        (
            "gulzat",
            EarlyCareer,
            "Move from teaching chemistry into materials research.",
            Online,
            4,
            Adult,
            &[702, 703],
            &[(Ky, Native), (Ru, Fluent), (Uz, Conversational)],
        ),
        (
            "kanykei",
            University,
            "Get an internship in mobile development.",
            InPerson,
            8,
            Adult,
            &[103, 101],
            &[(Ru, Native), (En, Conversational)],
        ),
        (
            "meerim",
            EarlyCareer,
            "Grow from junior web developer to team lead.",
            Online,
            6,
            Adult,
            &[101, 105],
            &[(Ru, Native), (En, Fluent)],
        ),
        (
            "nazira",
            University,
            "Apply for a master's in renewable energy abroad.",
            Online,
            5,
            Adult,
            &[201, 203],
            &[(En, Fluent), (Ru, Native)],
        ),
        (
            "nurzat",
            School,
            "Study the glaciers of Issyk-Kul.",
            Either,
            3,
            Under18,
            &[302, 601],
            &[(Ky, Native)],
        ),
        (
            "perizat",
            CareerChange,
            "Switch from accounting to data science.",
            Online,
            6,
            Adult,
            &[102, 104],
            &[(Ky, Native), (Ru, Fluent)],
        ),
        (
            "saltanat",
            University,
            "Become a civil engineer who builds earthquake-safe schools.",
            InPerson,
            4,
            Adult,
            &[401, 403],
            &[(Ru, Native), (Ky, Conversational)],
        ),
        (
            "tolgonai",
            School,
            "Learn robotics and start a robotics club in Talas.",
            Online,
            3,
            Under18,
            &[802, 801],
            &[(Ky, Native)],
        ),
        (
            "zhibek",
            University,
            "Work in biotechnology for food safety.",
            Online,
            4,
            Adult,
            &[303, 1002],
            &[(Ky, Native), (Ru, Fluent)],
        ),
        (
            "aruuke",
            School,
            "Become a doctor-engineer.",
            Online,
            2,
            Under18,
            &[901],
            &[(Ky, Native), (Ru, Basic)],
        ),
        (
            "baktygul",
            EarlyCareer,
            "Bring better irrigation to farms in Batken.",
            Either,
            4,
            Adult,
            &[1001, 402],
            &[(Ky, Native), (Uz, Fluent)],
        ),
        (
            "kunduz",
            University,
            "Get into cybersecurity.",
            Online,
            6,
            Adult,
            &[105, 101],
            &[(Ru, Native), (En, Conversational)],
        ),
        (
            "sezim",
            CareerChange,
            "Move from retail into mobile development.",
            Online,
            5,
            Adult,
            &[103],
            &[(Ru, Native), (Ky, Fluent)],
        ),
        (
            "mairam",
            School,
            "Study chemistry at university in Osh.",
            InPerson,
            3,
            Under18,
            &[702],
            &[(Ky, Native), (Uz, Conversational)],
        ),
    ]
};

/// The mentorship of a demo mentee with a demo mentor, if the requests made one.
async fn mentorship_between(
    pool: &SqlitePool,
    mentee: i64,
    mentor: i64,
) -> Result<Option<i64>, Box<dyn std::error::Error>> {
    Ok(crate::mentoring::conversation_store::list_for(pool, mentee)
        .await?
        .into_iter()
        .find(|m| m.other_id == mentor)
        .map(|m| m.id))
}

async fn id_of(pool: &SqlitePool, local: &str) -> Result<i64, Box<dyn std::error::Error>> {
    store::id_by_email(pool, &email(local))
        .await?
        .ok_or_else(|| format!("demo account {local} missing").into())
}

/// Profiles for the demo people, saved through the same store functions the forms use.
async fn profiles(pool: &SqlitePool, now: i64) -> Result<(), Box<dyn std::error::Error>> {
    let admin = id_of(pool, "admin").await?;
    for (local, org, title, years, capacity, skills, langs, bio, review) in MENTORS {
        let id = id_of(pool, local).await?;
        let place = account_place(pool, id).await?;
        let m = p::ValidMentor {
            organisation: org.to_string(),
            title: title.to_string(),
            years_experience: *years,
            capacity: *capacity,
            status: p::MentorStatus::Open,
            bio: bio.to_string(),
            style: String::new(),
            common: p::Common {
                place,
                skills: skills.to_vec(),
                languages: langs.to_vec(),
            },
        };
        profile_store::save_mentor(pool, id, &m, now).await?;
        match review {
            Some(true) => {
                profile_store::review_mentor(pool, id, true, None, admin, now).await?;
            }
            Some(false) => {
                let reason =
                    "Please add the projects you have worked on and how you would like to mentor.";
                profile_store::review_mentor(pool, id, false, Some(reason), admin, now).await?;
            }
            None => {}
        }
    }
    for (local, stage, goals, format, hours, age, skills, langs) in MENTEES {
        let id = id_of(pool, local).await?;
        let place = account_place(pool, id).await?;
        let m = p::ValidMentee {
            career_stage: *stage,
            goals: goals.to_string(),
            meeting_format: *format,
            hours_per_month: *hours,
            age_band: *age,
            common: p::Common {
                place,
                skills: skills.to_vec(),
                languages: langs.to_vec(),
            },
        };
        profile_store::save_mentee(pool, id, &m, now).await?;
    }
    Ok(())
}

async fn account_place(pool: &SqlitePool, id: i64) -> Result<p::Place, Box<dyn std::error::Error>> {
    let (region, district) = store::region_of(pool, id).await?;
    p::Place::from_stored(region.as_deref(), district.as_deref())
        .ok_or_else(|| "demo account without a region".into())
}

/// Requests in every state, made through the same store functions the pages use.
async fn requests(pool: &SqlitePool, now: i64) -> Result<(), Box<dyn std::error::Error>> {
    use crate::mentoring::requests::{DeclineReason, Event};
    use crate::mentoring::requests_store as rs;
    let day = 86_400;
    // (mentee, mentor, message, hopes, days ago, steps)
    let plan: &[(&str, &str, &str, &str, i64, &[Event])] = &[
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
    conversations(pool, now).await?;
    lifecycle(pool, now).await?;
    roadmaps(pool, now).await?;
    awards(pool, now).await
}

/// Roadmaps: Cholpon's from a template, shared with her mentor (a step done, one in progress,
/// a comment and a suggestion from Gulnara); Saltanat's written by hand and public; Aigerim's
/// private one.
async fn roadmaps(pool: &SqlitePool, now: i64) -> Result<(), Box<dyn std::error::Error>> {
    use crate::roadmaps::store::{self as rm, RoadmapInput, StepInput};
    use crate::roadmaps::{StepStatus, Visibility};
    let day = 86_400;
    let (cholpon, gulnara) = (id_of(pool, "cholpon").await?, id_of(pool, "gulnara").await?);
    let started = now - 60 * day;
    let input = RoadmapInput {
        title: "Become a renewable-energy engineer".into(),
        description: "Work on small hydropower plants in Naryn.".into(),
        target_date: Some(rm::date_of_day((now + 700 * day).div_euclid(day))),
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
        let _ = rm::comment(
            pool,
            id,
            view.steps[1].id,
            gulnara,
            "Visit the Kambarata site with our group in spring.",
            now - 5 * day,
        )
        .await?;
        let _ = rm::suggest(
            pool,
            id,
            gulnara,
            "Learn the basics of AutoCAD",
            "Engineers draw every plant before it is built.",
            now - 2 * day,
        )
        .await?;
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
                due_date: due.map(|d| rm::date_of_day((now - 20 * day).div_euclid(day) + d)),
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
    let _ = rm::create(pool, aigerim, &input, Some(1), now - 3 * day).await?;
    Ok(())
}

/// A mentorship in each later state: paused, completed (rated by both, and by one), cancelled.
async fn lifecycle(pool: &SqlitePool, now: i64) -> Result<(), Box<dyn std::error::Error>> {
    use crate::mentoring::conversation_store as cs;
    use crate::mentoring::lifecycle::Change;
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
            let _ = cs::rate(pool, ms, rater, *stars, comment, now).await?;
        }
    }
    Ok(())
}

/// Messages (one held for its phone number) and session logs in the demo mentorships.
async fn conversations(pool: &SqlitePool, now: i64) -> Result<(), Box<dyn std::error::Error>> {
    use crate::mentoring::conversation::contains_contact;
    use crate::mentoring::conversation_store as cs;
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
            cs::log_session(pool, ms, mentee, date, *minutes, topics, now).await?;
        }
    }
    Ok(())
}

/// The STEM4ALL Award 2026 in its voting phase: finalists in two categories (people who
/// accepted, organisations), a juror on "Best mentor", and a few votes.
async fn awards(pool: &SqlitePool, now: i64) -> Result<(), Box<dyn std::error::Error>> {
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
