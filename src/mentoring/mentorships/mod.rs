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
}
