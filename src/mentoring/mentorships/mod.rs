//! Pure rules for what happens inside a mentorship: contact details in messages (held for an
//! administrator instead of delivered) and session-log dates.
pub mod api;
#[cfg(all(test, feature = "ssr"))]
mod http_tests;
pub mod lifecycle;
#[cfg(feature = "ssr")]
pub mod store;
pub mod ui;

pub const MESSAGE_MAX: usize = 2_000;
pub const TOPICS_MAX: usize = 500;
pub const PAGE: i64 = 20;

/// Whether a message seems to carry an email address or a phone number. Participants talk
/// inside the platform; a message that shares contact details waits for an administrator.
pub fn contains_contact(text: &str) -> bool {
    has_email(text) || has_phone(text)
}

fn has_email(text: &str) -> bool {
    text.split(|c: char| c.is_whitespace() || "<>()[],;:\"'".contains(c))
        .any(|w| {
            let w = w.trim_matches(|c: char| !c.is_alphanumeric());
            match w.split_once('@') {
                Some((local, domain)) => {
                    !local.is_empty()
                        && domain.contains('.')
                        && domain.split('.').all(|l| {
                            !l.is_empty() && l.chars().all(|c| c.is_alphanumeric() || c == '-')
                        })
                }
                None => false,
            }
        })
}

/// Seven or more digits in a run that only spaces, dashes, dots, brackets or a leading +
/// interrupt: "+996 555 123 456", "0555-12-34-56", "(0312) 61 23 45".
fn has_phone(text: &str) -> bool {
    let mut digits = 0;
    let mut gap = 0;
    for c in text.chars() {
        if c.is_ascii_digit() {
            digits += 1;
            gap = 0;
            if digits >= 7 {
                return true;
            }
        } else if " -.()+/".contains(c) && gap < 2 {
            gap += 1;
        } else {
            digits = 0;
            gap = 0;
        }
    }
    false
}

/// A calendar date "YYYY-MM-DD" that exists, as days since 1970-01-01.
pub fn parse_date(s: &str) -> Option<i64> {
    let mut parts = s.trim().splitn(3, '-');
    let y: i64 = parts.next()?.parse().ok()?;
    let m: i64 = parts.next()?.parse().ok()?;
    let d: i64 = parts.next()?.parse().ok()?;
    if !(1970..=2200).contains(&y) || !(1..=12).contains(&m) {
        return None;
    }
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days_in = [
        31,
        if leap { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ][(m - 1) as usize];
    if !(1..=days_in).contains(&d) {
        return None;
    }
    // days from civil (H. Hinnant)
    let y2 = if m <= 2 { y - 1 } else { y };
    let era = y2.div_euclid(400);
    let yoe = y2 - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contact_details_are_noticed() {
        for text in [
            "write me at aigerim.t@mail.kg please",
            "my email: (dinara@example.com)",
            "call +996 555 123 456",
            "0555-12-34-56",
            "WhatsApp 0700123456",
            "(0312) 61 23 45",
        ] {
            assert!(contains_contact(text), "{text}");
        }
        for text in [
            "Let us meet on 12.03 at 15:00 for 45 minutes",
            "I scored 98 of 100 in 2024",
            "The @ sign and a dot. are fine",
            "Chapter 3-4, pages 10-25",
            "Вопрос про статистику: 1, 2, 3",
        ] {
            assert!(!contains_contact(text), "{text}");
        }
    }

    #[test]
    fn dates_are_checked() {
        assert_eq!(parse_date("1970-01-01"), Some(0));
        assert_eq!(parse_date("2026-11-27"), Some(1_795_737_600 / 86_400));
        assert_eq!(parse_date("2024-02-29"), Some(19_782));
        for bad in [
            "2025-02-29",
            "2026-13-01",
            "2026-00-10",
            "27.11.2026",
            "",
            "2026-11",
        ] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
    }
}
