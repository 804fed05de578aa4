//! The community of practice: partner organisations promoting women in STEM (a directory with
//! its charts), the best practices they publish, the joint initiatives between them, and the
//! documents the programme shares with them (the partnership strategy). Partners — accounts an
//! administrator linked to an organisation — propose; an administrator approves anything public
//! before it shows (`review`). Uploaded files (logos, practice images, PDFs) are checked and
//! kept outside the web root under generated names (`files`).
//!
//! This file holds the closed lists and the pure rules the sub-areas share, unit-tested below.
pub mod documents;
#[cfg(feature = "ssr")]
pub mod files;
pub mod initiatives;
pub mod organisations;
pub mod practices;
pub mod review;
#[cfg(all(test, feature = "ssr"))]
mod tests;
pub mod ui;

use crate::form::choice;
use crate::i18n::Locale;
use serde::{Deserialize, Serialize};

/// Entries a directory or showcase page shows at once.
pub const PER_PAGE: i64 = 20;
pub const NAME_MAX: usize = 160;
pub const WEBSITE_MAX: usize = 200;
pub const DESCRIPTION_MAX: usize = 2_000;
pub const TITLE_MAX: usize = 160;
pub const SUMMARY_MAX: usize = 500;
pub const BODY_MAX: usize = 10_000;
pub const RESULTS_MAX: usize = 2_000;
pub const REASON_MAX: usize = 500;
pub const SEARCH_MAX: usize = 100;
/// The first and last year an organisation can have joined in.
pub const YEAR_MIN: i64 = 2015;
pub const YEAR_MAX: i64 = 2100;
/// A logo or a practice's image as uploaded, and the side it is resized to fit.
pub const IMAGE_MAX: usize = 1024 * 1024;
pub const LOGO_SIDE: u32 = 160;
pub const PICTURE_SIDE: u32 = 640;
/// A document as uploaded.
pub const PDF_MAX: usize = 10 * 1024 * 1024;
/// The same thing sent again by the same person within this many seconds (a resend over a
/// failing link) is the same one.
pub const RESEND_WITHIN: i64 = 120;
/// Initiatives link at least this many organisations.
pub const INITIATIVE_ORGS_MIN: usize = 2;

choice!(OrgKind {
    Ngo = "ngo" => ORG_KIND_NGO,
    University = "university" => ORG_KIND_UNIVERSITY,
    School = "school" => ORG_KIND_SCHOOL,
    Company = "company" => ORG_KIND_COMPANY,
    Government = "government" => ORG_KIND_GOVERNMENT,
    International = "international" => ORG_KIND_INTERNATIONAL,
});

choice!(Audience {
    Schoolgirls = "schoolgirls" => AUDIENCE_SCHOOLGIRLS,
    Students = "students" => AUDIENCE_STUDENTS,
    YoungWomen = "young_women" => AUDIENCE_YOUNG_WOMEN,
    Teachers = "teachers" => AUDIENCE_TEACHERS,
    Communities = "communities" => AUDIENCE_COMMUNITIES,
});

choice!(Status {
    Pending = "pending" => COMMUNITY_STATUS_PENDING,
    Approved = "approved" => COMMUNITY_STATUS_APPROVED,
    Rejected = "rejected" => COMMUNITY_STATUS_REJECTED,
});

/// The regions an organisation or a practice can be in (the country's, and abroad for the
/// international ones).
pub fn regions() -> &'static [crate::accounts::profiles::Region] {
    <crate::accounts::profiles::Region as crate::form::Choice>::ALL
}

/// A region's name for people, "" for an unknown code.
pub fn region_label(code: &str) -> &'static str {
    use crate::form::Choice;
    crate::accounts::profiles::Region::from_code(code)
        .map(|r| crate::i18n::t(r.label()))
        .unwrap_or("")
}

/// A name given in up to three languages.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Names {
    pub name_ky: String,
    pub name_ru: String,
    pub name_en: String,
}

impl Names {
    /// The name in the reader's language, or else in English, Russian, Kyrgyz: the first given.
    pub fn in_locale(&self, locale: Locale) -> &str {
        let own = match locale {
            Locale::Ky => &self.name_ky,
            Locale::Ru => &self.name_ru,
            Locale::En => &self.name_en,
        };
        [own, &self.name_en, &self.name_ru, &self.name_ky]
            .into_iter()
            .find(|n| !n.is_empty())
            .map(String::as_str)
            .unwrap_or("")
    }
}

/// A website address: `http://` or `https://`, a host with a dot in ASCII letters (an
/// international name in its `xn--` form: no look-alike letters), no spaces or quotes.
pub fn valid_website(url: &str) -> bool {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"));
    let Some(rest) = rest else { return false };
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    url.len() <= WEBSITE_MAX
        && host.contains('.')
        && !host.starts_with('.')
        && !host.ends_with('.')
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-' || c == ':')
        && rest.chars().all(|c| {
            !c.is_whitespace() && !c.is_control() && !matches!(c, '"' | '<' | '>' | '\\' | '`')
        })
}

/// A piece of a paragraph: text, or a link (shown as its address).
#[derive(Clone, Debug, PartialEq)]
pub enum Piece<'a> {
    Text(&'a str),
    Link(&'a str),
}

/// A plain body as paragraphs (split at blank lines) of text and links: a word that is a
/// website address ([`valid_website`], without a closing full stop or comma) becomes a link.
/// Nothing else is markup.
pub fn paragraphs(body: &str) -> Vec<Vec<Piece<'_>>> {
    body.split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| {
            let mut out = Vec::new();
            let mut from = 0;
            let mut at = 0;
            for word in p.split_inclusive(char::is_whitespace) {
                let bare = word.trim_end();
                let url = bare.trim_end_matches(['.', ',', ';', ':', ')', '!', '?']);
                if (url.starts_with("https://") || url.starts_with("http://")) && valid_website(url)
                {
                    if from < at {
                        out.push(Piece::Text(&p[from..at]));
                    }
                    out.push(Piece::Link(&p[at..at + url.len()]));
                    from = at + url.len();
                }
                at += word.len();
            }
            if from < p.len() {
                out.push(Piece::Text(&p[from..]));
            }
            out
        })
        .collect()
}

/// One bar of a chart and its row of the table beside it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Count {
    pub label: String,
    pub value: i64,
}

/// The directory's numbers: organisations that joined each year (and the total so far), and
/// the listed organisations by region and by type, every region and type shown (zeros too).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Stats {
    /// (year, joined that year, total by the end of it), oldest first, no year missing.
    pub years: Vec<(i64, i64, i64)>,
    /// (region code, organisations)
    pub regions: Vec<(String, i64)>,
    /// (type code, organisations)
    pub kinds: Vec<(String, i64)>,
}

/// The growth table from how many joined in which year: every year from the first to the
/// last, with the running total.
pub fn growth(joined: &[(i64, i64)]) -> Vec<(i64, i64, i64)> {
    let (Some(first), Some(last)) = (
        joined.iter().map(|(y, _)| *y).min(),
        joined.iter().map(|(y, _)| *y).max(),
    ) else {
        return Vec::new();
    };
    let mut total = 0;
    (first..=last)
        .map(|year| {
            let n: i64 = joined
                .iter()
                .filter(|(y, _)| *y == year)
                .map(|(_, n)| n)
                .sum();
            total += n;
            (year, n, total)
        })
        .collect()
}

#[cfg(test)]
mod rules {
    use super::*;

    #[test]
    fn a_name_in_the_readers_language_or_the_first_given() {
        let n = Names {
            name_ky: "Кыз-Тех".into(),
            name_ru: String::new(),
            name_en: "Girls Tech".into(),
        };
        assert_eq!(n.in_locale(Locale::Ky), "Кыз-Тех");
        assert_eq!(n.in_locale(Locale::Ru), "Girls Tech");
        assert_eq!(n.in_locale(Locale::En), "Girls Tech");
        let only_ru = Names {
            name_ru: "Ала-Тоо".into(),
            ..Names::default()
        };
        assert_eq!(only_ru.in_locale(Locale::En), "Ала-Тоо");
    }

    #[test]
    fn websites() {
        assert!(valid_website("https://stem4all.kg"));
        assert!(valid_website("http://auca.kg/about?x=1#y"));
        assert!(!valid_website("javascript:alert(1)"));
        assert!(!valid_website("https://no-dot"));
        assert!(!valid_website("https://a.kg/\"onmouseover=x"));
        assert!(!valid_website("https://a b.kg"));
        // a Cyrillic "а" that looks like a Latin one
        assert!(!valid_website("https://stem4\u{430}ll.kg"));
        assert!(valid_website("https://xn--80aswg.xn--p1ai"));
        assert!(!valid_website("ftp://a.kg"));
        assert!(!valid_website(&format!(
            "https://a.kg/{}",
            "x".repeat(WEBSITE_MAX)
        )));
    }

    #[test]
    fn paragraphs_with_links_and_nothing_else() {
        let p = paragraphs(
            "First line, see https://stem4all.kg/practice.\n\n<b>not bold</b> http://x\n\n\n",
        );
        assert_eq!(p.len(), 2);
        assert_eq!(
            p[0],
            vec![
                Piece::Text("First line, see "),
                Piece::Link("https://stem4all.kg/practice"),
                Piece::Text("."),
            ]
        );
        // markup stays text; an address without a host is no link
        assert_eq!(p[1], vec![Piece::Text("<b>not bold</b> http://x")]);
        assert_eq!(
            paragraphs("https://a.kg"),
            vec![vec![Piece::Link("https://a.kg")]]
        );
        assert!(paragraphs("  \n\n ").is_empty());
    }

    #[test]
    fn growth_fills_the_years_between_and_adds_up() {
        assert_eq!(
            growth(&[(2023, 50), (2021, 12), (2022, 20)]),
            vec![(2021, 12, 12), (2022, 20, 32), (2023, 50, 82)]
        );
        assert_eq!(
            growth(&[(2020, 1), (2022, 2)]),
            vec![(2020, 1, 1), (2021, 0, 1), (2022, 2, 3)]
        );
        assert!(growth(&[]).is_empty());
    }
}
