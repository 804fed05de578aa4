//! The demo community of practice: 86 partner organisations across every region and every
//! type (12 joined in 2021, 32 by the end of 2022, 82 by the end of 2023, as the programme
//! grew), some with logos; best practices (one waiting for approval, from the demo partner);
//! ten joint initiatives; and the community partnership strategy in two versions.
use super::accounts::id_of;
use crate::accounts::profiles::Region;
use crate::community::documents::{store as documents, DocAudience};
use crate::community::files;
use crate::community::initiatives::{store as initiatives, InitiativeFields};
use crate::community::organisations::{store as orgs, store::Writer, OrgFields};
use crate::community::practices::{store as practices, PracticeFields};
use crate::form::Choice;
use sqlx::SqlitePool;

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

/// (code, en, ru, ky) of each region.
const PLACES: [(&str, &str, &str, &str); 10] = [
    ("bishkek", "Bishkek", "Бишкек", "Бишкек"),
    ("osh_city", "Osh", "Ош", "Ош"),
    ("chui", "Chui", "Чуй", "Чүй"),
    ("osh", "Osh Region", "Ошская область", "Ош облусу"),
    ("naryn", "Naryn", "Нарын", "Нарын"),
    ("issyk_kul", "Issyk-Kul", "Иссык-Куль", "Ысык-Көл"),
    ("talas", "Talas", "Талас", "Талас"),
    ("jalal_abad", "Jalal-Abad", "Джалал-Абад", "Жалал-Абад"),
    ("batken", "Batken", "Баткен", "Баткен"),
    (
        "abroad",
        "Central Asia",
        "Центральная Азия",
        "Борбордук Азия",
    ),
];

/// (kind, en, ru, ky) name patterns of each type; `{}` is the place.
const KINDS: [(&str, &str, &str, &str); 6] = [
    (
        "ngo",
        "{} Girls in STEM Association",
        "Ассоциация «Девушки в STEM» {}",
        "{} «STEMдеги кыздар» ассоциациясы",
    ),
    (
        "university",
        "{} State University",
        "{} государственный университет",
        "{} мамлекеттик университети",
    ),
    (
        "school",
        "{} Lyceum No. {n}",
        "{} лицей № {n}",
        "{} № {n} лицейи",
    ),
    ("company", "{} Tech Hub", "Технохаб {}", "{} техно-хабы"),
    (
        "government",
        "{} Education Department",
        "Управление образования {}",
        "{} билим берүү башкармалыгы",
    ),
    (
        "international",
        "{} Women's Innovation Fund",
        "Фонд женских инноваций {}",
        "{} аялдар инновациялар фонду",
    ),
];

/// A second name for each type: a region and a type meet twice past the sixtieth.
const KINDS_AGAIN: [(&str, &str, &str, &str); 6] = [
    (
        "ngo",
        "{} Women Engineers' Network",
        "Сеть женщин-инженеров {}",
        "{} аял инженерлер тармагы",
    ),
    (
        "university",
        "{} Technical College",
        "{} технический колледж",
        "{} техникалык колледжи",
    ),
    (
        "school",
        "{} School No. {n}",
        "{} школа № {n}",
        "{} № {n} мектеби",
    ),
    (
        "company",
        "{} Software Studio",
        "Студия разработки {}",
        "{} программалык студиясы",
    ),
    (
        "government",
        "{} Youth Affairs Office",
        "Отдел по делам молодёжи {}",
        "{} жаштар иштери бөлүмү",
    ),
    (
        "international",
        "{} STEM Partnership Programme",
        "Программа STEM-партнёрства {}",
        "{} STEM өнөктөштүк программасы",
    ),
];

/// How many joined in each year (86 in all).
const JOINED: [(i64, usize); 4] = [(2021, 12), (2022, 20), (2023, 50), (2024, 4)];

const PRACTICES: [(&str, &str, &str, &str, &str); 8] = [
    (
        "Robotics clubs in At-Bashy schools",
        "Girls build and program robots after school, twice a week.",
        "naryn",
        "schoolgirls",
        "Two clubs, 46 girls; 9 entered the national robotics olympiad.",
    ),
    (
        "Кодинг-кружок на кыргызском языке",
        "Еженедельные занятия по программированию для девушек из сёл.",
        "issyk_kul",
        "schoolgirls",
        "38 выпускниц, 12 поступили на IT-специальности.",
    ),
    (
        "Mentoring evenings at the library",
        "A quiet room with internet where mentees meet mentors online.",
        "talas",
        "young_women",
        "Open five evenings a week; 60 mentees a month.",
    ),
    (
        "Инженердик жайкы лагерь",
        "Кыздар үчүн эки жумалык инженердик лагерь.",
        "jalal_abad",
        "schoolgirls",
        "Үч жылда 120 катышуучу.",
    ),
    (
        "Teachers' STEM lab kits",
        "Low-cost lab kits and training for rural physics teachers.",
        "batken",
        "teachers",
        "30 schools equipped; lessons with experiments doubled.",
    ),
    (
        "Data science internships",
        "Paid three-month internships for women students.",
        "bishkek",
        "students",
        "24 interns, 15 hired.",
    ),
    (
        "Родители за STEM",
        "Встречи с родителями о профессиях будущего для дочерей.",
        "osh",
        "communities",
        "800 родителей в 20 сёлах.",
    ),
    (
        "Women in energy fellowship",
        "A year of training and placements in the energy sector.",
        "chui",
        "young_women",
        "18 fellows placed at power companies.",
    ),
];

const INITIATIVES: [(&str, &str, &str, Option<&str>, &str); 10] = [
    (
        "STEM caravan to Naryn schools",
        "completed",
        "2023-03-01",
        Some("2023-06-30"),
        "42 schools visited, 3,100 pupils.",
    ),
    (
        "Girls' coding camps",
        "running",
        "2024-06-01",
        None,
        "Four camps a summer in four regions.",
    ),
    (
        "Joint mentor training",
        "completed",
        "2023-09-01",
        Some("2023-12-15"),
        "150 mentors trained in safeguarding and coaching.",
    ),
    (
        "Women in geology field school",
        "planned",
        "2026-06-01",
        Some("2026-08-31"),
        "",
    ),
    (
        "Rural lab kits programme",
        "running",
        "2023-10-01",
        None,
        "30 schools equipped so far.",
    ),
    (
        "STEM4ALL Award outreach",
        "completed",
        "2023-05-01",
        Some("2023-09-30"),
        "Nominations from every region.",
    ),
    (
        "Scholarship fair for girls",
        "completed",
        "2024-02-01",
        Some("2024-02-03"),
        "1,200 visitors, 40 universities.",
    ),
    (
        "Agritech for women farmers",
        "running",
        "2024-03-15",
        None,
        "Drip irrigation pilots in Batken.",
    ),
    (
        "Teachers' network on critical thinking",
        "planned",
        "2026-09-01",
        None,
        "",
    ),
    (
        "Energy sector internships",
        "running",
        "2024-09-01",
        None,
        "18 interns placed.",
    ),
];

fn name(pattern: &str, place: &str, n: usize) -> String {
    pattern.replace("{}", place).replace("{n}", &n.to_string())
}

/// A small square PNG of one colour: a demo logo.
fn logo(i: usize) -> Vec<u8> {
    let colours = [[4, 120, 87], [134, 25, 143], [30, 64, 175], [180, 83, 9]];
    let mut png = Vec::new();
    let _ = image::RgbImage::from_pixel(200, 200, image::Rgb(colours[i % colours.len()]))
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png);
    png
}

/// A one-page PDF saying `text`: the demo's strategy document.
pub fn pdf(text: &str) -> Vec<u8> {
    let stream = format!("BT /F1 18 Tf 72 720 Td ({text}) Tj ET");
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>".to_string(),
        format!("<< /Length {} >>\nstream\n{stream}\nendstream", stream.len()),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_string(),
    ];
    let mut out = String::from("%PDF-1.4\n");
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.push_str(&format!("{} 0 obj\n{o}\nendobj\n", i + 1));
    }
    let xref = out.len();
    out.push_str(&format!(
        "xref\n0 {}\n0000000000 65535 f \n",
        objects.len() + 1
    ));
    for o in offsets {
        out.push_str(&format!("{o:010} 00000 n \n"));
    }
    out.push_str(&format!(
        "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
        objects.len() + 1
    ));
    out.into_bytes()
}

pub(super) async fn seed(pool: &SqlitePool, now: i64) -> Result<()> {
    let admin = Writer {
        id: id_of(pool, "admin").await?,
        admin: true,
    };
    let this_year = crate::time::civil(crate::time::today(now)).0;
    let mut ids = Vec::new();
    let mut i = 0;
    for (year, n) in JOINED {
        for _ in 0..n {
            let (region, en_place, ru_place, ky_place) = PLACES[i % PLACES.len()];
            let kinds = if i < 60 { &KINDS } else { &KINDS_AGAIN };
            let (kind, en, ru, ky) = kinds[(i / PLACES.len() + i) % kinds.len()];
            let form = OrgFields {
                name_en: name(en, en_place, i + 1),
                name_ru: name(ru, ru_place, i + 1),
                // about half give a Kyrgyz name too
                name_ky: if i % 2 == 0 {
                    name(ky, ky_place, i + 1)
                } else {
                    String::new()
                },
                kind: kind.into(),
                region: region.into(),
                website: format!("https://partner{}.example.kg", i + 1),
                description: "Promotes girls' and women's education and careers in science, technology, engineering and mathematics.".into(),
                joined_year: year.to_string(),
            };
            let fields = [1 + (i as i64 % 10), 1 + ((i as i64 + 3) % 10)];
            let input = form.check(&fields, this_year)?;
            let id = orgs::create(pool, admin, &input, now - (86 - i as i64) * 60).await?;
            ids.push(id);
            i += 1;
        }
    }
    // the demo partner represents the first organisation, renamed to hers
    let first = ids[0];
    let tech_ayim = OrgFields {
        name_en: "Tech Ayim Foundation".into(),
        name_ru: "Фонд «Tech Ayim»".into(),
        name_ky: "«Tech Ayim» фонду".into(),
        kind: "ngo".into(),
        region: Region::Chui.code().into(),
        website: "https://techayim.example.kg".into(),
        description: "Robotics and coding clubs for girls in rural schools.\n\nWe train teachers and lend kits to schools in Naryn and Chui.".into(),
        joined_year: "2021".into(),
    }
    .check(&[1, 8], this_year)?;
    orgs::save(pool, first, admin, &tech_ayim, now).await?;
    orgs::link(
        pool,
        first,
        &super::email("partner"),
        (admin.id, crate::i18n::Locale::En),
        now,
    )
    .await?;
    for (n, id) in ids.iter().take(8).enumerate() {
        let picture = files::picture(logo(n), files::Kept::Logo).await?;
        let saved = files::save(pool, picture).await?;
        orgs::set_logo(pool, *id, admin, saved, now).await?;
    }
    for (n, (title, summary, region, audience, results)) in PRACTICES.iter().enumerate() {
        let form = PracticeFields {
            title: (*title).into(),
            summary: (*summary).into(),
            body: format!("{summary}\n\nHow we did it: small groups, local mentors, and a plan for each participant.\n\nMore: https://partner{}.example.kg/practice", n + 1),
            region: (*region).into(),
            audience: (*audience).into(),
            results: (*results).into(),
        };
        practices::save(
            pool,
            None,
            Some(ids[n * 7 % ids.len()]),
            admin,
            &form.check()?,
            now,
        )
        .await?;
    }
    // one from the demo partner, waiting for an administrator
    let partner = Writer {
        id: id_of(pool, "partner").await?,
        admin: false,
    };
    let waiting = PracticeFields {
        title: "Girls' hackathon in Tokmok".into(),
        summary: "A weekend hackathon where schoolgirls build apps for their town.".into(),
        body: "Teams of four, a mentor each, and a jury from local companies.".into(),
        region: "chui".into(),
        audience: "schoolgirls".into(),
        results: "40 participants, 10 apps.".into(),
    };
    practices::save(pool, None, None, partner, &waiting.check()?, now).await?;
    for (n, (title, status, starts, ends, outcomes)) in INITIATIVES.iter().enumerate() {
        let form = InitiativeFields {
            title: (*title).into(),
            description: "A joint initiative of partners of the community of practice.".into(),
            status: (*status).into(),
            starts_on: (*starts).into(),
            ends_on: ends.unwrap_or("").into(),
            outcomes: (*outcomes).into(),
        };
        let with = [
            ids[n],
            ids[(n * 5 + 11) % ids.len()],
            ids[(n * 3 + 40) % ids.len()],
        ];
        initiatives::save(pool, None, admin.id, &form.check(&with)?, now).await?;
    }
    let mut strategy = None;
    for (version, note) in [(1, ""), (2, "Updated with the 2024 goals")] {
        let file = files::save(
            pool,
            files::pdf(pdf(&format!(
                "Community partnership strategy, version {version}"
            )))?,
        )
        .await?;
        let (id, _) = documents::upload(
            pool,
            strategy,
            "Community partnership strategy",
            DocAudience::Public,
            note,
            "community-partnership-strategy.pdf",
            file,
            admin.id,
            now,
        )
        .await?;
        strategy = Some(id);
    }
    let file = files::save(pool, files::pdf(pdf("Partners' meeting minutes"))?).await?;
    documents::upload(
        pool,
        None,
        "Partners' meeting minutes, autumn 2024",
        DocAudience::Partners,
        "",
        "minutes-autumn-2024.pdf",
        file,
        admin.id,
        now,
    )
    .await?;
    Ok(())
}
