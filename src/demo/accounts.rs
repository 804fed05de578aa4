//! Demo accounts: the people (mentees, mentors, an administrator, a juror and a partner), what
//! each demo mentor offers and what each mentee looks for.
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

/// Whether the database has no account yet: the demo loads only then.
pub(super) async fn none_yet(pool: &SqlitePool) -> Result<bool, Box<dyn std::error::Error>> {
    Ok(store::count(pool).await? == 0)
}

/// The demo people, all with [`DEMO_PASSWORD`], their sign-up dates spread over the past year;
/// returns how many there are.
pub(super) async fn people(
    pool: &SqlitePool,
    now: i64,
) -> Result<usize, Box<dyn std::error::Error>> {
    let hash = crate::auth::password::hash(DEMO_PASSWORD.into()).await?;
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
        // an email already taken is skipped, as before
        unless_refused(store::create(pool, &account, created).await)?;
    }
    Ok(PEOPLE.len())
}

/// The id of a demo account by its email's local part.
pub(super) async fn id_of(
    pool: &SqlitePool,
    local: &str,
) -> Result<i64, Box<dyn std::error::Error>> {
    store::id_by_email(pool, &email(local))
        .await?
        .ok_or_else(|| format!("demo account {local} missing").into())
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

/// Profiles for the demo people, saved through the same store functions the forms use.
pub(super) async fn profiles(
    pool: &SqlitePool,
    now: i64,
) -> Result<(), Box<dyn std::error::Error>> {
    let admin = id_of(pool, "admin").await?;
    for (i, (local, org, title, years, capacity, skills, langs, bio, review)) in
        MENTORS.iter().enumerate()
    {
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
            // some say whom they like to mentor and their hours; the rest left both unanswered
            stages: match i % 4 {
                0 => vec![p::CareerStage::School, p::CareerStage::University],
                1 => vec![p::CareerStage::EarlyCareer, p::CareerStage::CareerChange],
                _ => Vec::new(),
            },
            hours_per_month: (i % 2 == 0).then_some(4 * *capacity),
            common: p::Common {
                place,
                skills: skills.to_vec(),
                languages: langs.to_vec(),
            },
        };
        profile_store::save_mentor(pool, id, &m, now).await?;
        match review {
            // a profile no longer pending is left as it is, as before
            Some(true) => {
                unless_refused(
                    profile_store::review_mentor(pool, id, true, None, admin, None, now).await,
                )?;
            }
            Some(false) => {
                let reason =
                    "Please add the projects you have worked on and how you would like to mentor.";
                unless_refused(
                    profile_store::review_mentor(pool, id, false, Some(reason), admin, None, now)
                        .await,
                )?;
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
            mentor_from: p::MentorFrom::Either,
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
