//! Demo data for the default database on its first start: fictional mentees and mentors
//! across Kyrgyzstan's regions and abroad, plus an administrator, a juror and a partner.
//! Every demo account signs in with [`DEMO_PASSWORD`]; the README lists some of them.
//! Tests never rely on this data. One file per area, run in order by [`seed`]: this is part
//! of the composition root, the only code besides app, server and jobs that knows every area.
mod accounts;
mod awards;
mod mentoring;
mod roadmaps;

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
    let now = crate::db::now();
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
    accounts::profiles(pool, now).await?;
    mentoring::requests(pool, now).await?;
    mentoring::conversations(pool, now).await?;
    mentoring::lifecycle(pool, now).await?;
    roadmaps::seed(pool, now).await?;
    awards::seed(pool, now).await?;
    Ok(PEOPLE.len())
}

pub(super) async fn id_of(
    pool: &SqlitePool,
    local: &str,
) -> Result<i64, Box<dyn std::error::Error>> {
    store::id_by_email(pool, &email(local))
        .await?
        .ok_or_else(|| format!("demo account {local} missing").into())
}
