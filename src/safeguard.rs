//! Safeguarding rules below every area: whether a text one person writes to another carries
//! contact details (an email address, a phone number in any digit form, a messenger handle or
//! link). Such a text waits for an administrator instead of being delivered: participants,
//! some of them under 18, talk inside the platform.
//!
//! Ordinary texts must pass: dates and times ("Давайте встретимся 12.12.2026 в 18:00"),
//! prices ("1 500 000 сом"), years, room numbers and course codes.
//!
//! A held text's place holds [`HELD`] (or [`REMOVED`]) instead of its words; every page shows
//! the notice [`shown`] names. The holding itself (which tables, the queue, decisions) is the
//! `moderation` area's.

/// The object-replacement character every marker below begins with; no field takes it.
pub const MARK: char = '\u{FFFC}';
/// What a held text's place holds until an administrator decides.
pub const HELD: &str = "\u{FFFC}held";
/// What a removed text's place holds.
pub const REMOVED: &str = "\u{FFFC}removed";
/// What a reported item's place holds while it is hidden (its words wait in its moderation
/// case).
pub const HIDDEN: &str = "\u{FFFC}hidden";
/// What a deleted account's name holds: her messages, posts and comments read "Deleted
/// account" in the reader's language.
pub const DELETED: &str = "\u{FFFC}deleted";

/// The notice to show instead of a text that is held or was removed, if it is one.
pub fn shown(text: &str) -> Option<crate::i18n::Key> {
    match text {
        HELD => Some(crate::i18n::k::HELD_TEXT_WAITING),
        REMOVED => Some(crate::i18n::k::HELD_TEXT_REMOVED),
        HIDDEN => Some(crate::i18n::k::MOD_TEXT_HIDDEN),
        DELETED => Some(crate::i18n::k::DATA_DELETED_ACCOUNT),
        _ => None,
    }
}

/// The text as a reader in `locale` reads it: a marker ([`shown`]) as its notice, anything
/// else as written. `ui::readable` is this in the page's language.
pub fn readable(locale: crate::i18n::Locale, text: &str) -> &str {
    shown(text).map_or(text, |key| locale.t(key))
}

/// Bidirectional embeddings, overrides and isolates: they make text read differently from how
/// it is stored (U+202E turns "exe.jpg" around), so no field takes them.
pub fn reorders(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Characters that show nothing (zero-width spaces and joiners, the word joiner, a byte-order
/// mark, the Mongolian vowel separator, direction marks): two names that look the same could
/// differ by them, so names and titles refuse them.
pub fn invisible(c: char) -> bool {
    if c == MARK {
        // not invisible, but the platform's own markers ([`HELD`], [`DELETED`]…) begin with it
        return true;
    }
    matches!(
        c,
        '\u{00AD}'
            | '\u{034F}'
            | '\u{061C}'
            | '\u{115F}'
            | '\u{1160}'
            | '\u{17B4}'
            | '\u{17B5}'
            | '\u{180E}'
            | '\u{200B}'..='\u{200F}'
            | '\u{2028}'
            | '\u{2029}'
            | '\u{2060}'..='\u{206F}'
            | '\u{2800}'
            | '\u{3164}'
            | '\u{FE00}'..='\u{FE0F}'
            | '\u{FEFF}'
            | '\u{FFA0}'
            | '\u{E0000}'..='\u{E007F}'
    )
}

/// Whether `text` seems to carry contact details.
pub fn contains_contact(text: &str) -> bool {
    let text = fold(text);
    has_email(&text) || has_phone(&text) || has_messenger(&text)
}

/// Full-width forms (`０５５５`, `＠`, `．`) and other decimal digits become plain ASCII, every
/// dash a '-' and every space a ' ', characters that show nothing go, and letters are lower
/// case, so the rules below see one form ("0555\u{200B}123456" is a phone number).
fn fold(text: &str) -> String {
    let digit = |base: u32, c: u32| char::from(b'0' + ((c - base) % 10) as u8);
    text.chars()
        // what shows nothing, turns text around, or decorates the character before it
        // (combining marks: "0̶5̶5̶5̶"; the keycap of "0️⃣")
        .filter(|c| {
            !invisible(*c)
                && !reorders(*c)
                && !matches!(*c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x20D0..=0x20FF)
        })
        .map(|c| match c as u32 {
            0x2010..=0x2015 | 0x2212 | 0xFE58 | 0xFE63 => '-',
            0x00A0 | 0x2000..=0x200A | 0x202F | 0x205F | 0x3000 => ' ',
            0xFE6B => '@',
            0xFF01..=0xFF5E => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            // other scripts' digits, and digits dressed up: circled, super- and subscript,
            // mathematical bold, double-struck, sans-serif and monospace
            n @ 0x0660..=0x0669 => digit(0x0660, n),
            n @ 0x06F0..=0x06F9 => digit(0x06F0, n),
            n @ 0x0966..=0x096F => digit(0x0966, n),
            n @ 0x2080..=0x2089 => digit(0x2080, n),
            0x2070 | 0x24EA | 0x24FF | 0x1F100 => '0',
            0x00B9 => '1',
            0x00B2 => '2',
            0x00B3 => '3',
            n @ 0x2074..=0x2079 => digit(0x2070, n),
            n @ 0x2460..=0x2468 => digit(0x245F, n),
            n @ 0x2776..=0x277E => digit(0x2775, n),
            n @ 0x2780..=0x2788 => digit(0x277F, n),
            n @ 0x278A..=0x2792 => digit(0x2789, n),
            n @ 0x1D7CE..=0x1D7FF => digit(0x1D7CE, n),
            n @ 0x1FBF0..=0x1FBF9 => digit(0x1FBF0, n),
            _ => c,
        })
        .flat_map(char::to_lowercase)
        .collect()
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

/// Dates (`12.12.2026`, `5/3/24`) and times (`18:00`) blanked out, so their digits never join
/// a phone number's.
fn without_dates_and_times(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = chars.clone();
    let digits_at = |i: usize| chars[i..].iter().take_while(|c| c.is_ascii_digit()).count();
    let mut i = 0;
    while i < chars.len() {
        let starts = chars[i].is_ascii_digit() && (i == 0 || !chars[i - 1].is_ascii_digit());
        // "0555.12.34.56": digits just before a separator make this part of a longer number
        let continues = i >= 2 && " -.()/".contains(chars[i - 1]) && chars[i - 2].is_ascii_digit();
        if !starts || continues {
            i += 1;
            continue;
        }
        let a = digits_at(i);
        let mut end = i + a;
        // a time: 1-2 digits, ':', 2 digits
        let is_time =
            (1..=2).contains(&a) && chars.get(end) == Some(&':') && digits_at(end + 1) == 2;
        // a date: 1-2 digits, '.' or '/', 1-2 digits, the same mark, 2 or 4 digits
        let mark = chars.get(end).copied().filter(|c| *c == '.' || *c == '/');
        let is_date =
            (1..=2).contains(&a) && mark.is_some() && (1..=2).contains(&digits_at(end + 1)) && {
                let b_end = end + 1 + digits_at(end + 1);
                chars.get(b_end).copied() == mark && matches!(digits_at(b_end + 1), 2 | 4) && {
                    end = b_end + 1 + digits_at(b_end + 1);
                    true
                }
            };
        if is_time {
            end += 3;
        }
        if is_time || is_date {
            for c in &mut out[i..end] {
                *c = ' ';
            }
        }
        i = end.max(i + 1);
    }
    out.into_iter().collect()
}

/// A run of digits that only single spaces, dashes, dots, slashes or brackets interrupt,
/// counted as a phone number when it looks like one: a `+` and 8 or more digits, a leading 0
/// and 9 or more ("0555 123 456", "(0312) 61 23 45"), or 10 or more of any kind. Seven digits
/// in groups of three ("1 500 000") are a price, "2024-2025" two years.
fn has_phone(text: &str) -> bool {
    let text = without_dates_and_times(text);
    let mut run = String::new();
    let mut gap = 0;
    let mut plus = false;
    let phone = |run: &str, plus: bool| {
        let n = run.len();
        (plus && n >= 8) || (run.starts_with('0') && n >= 9) || n >= 10
    };
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        // a '+' counts only directly before digits ("C++ 11 14 17 20" is no number)
        let plus_here = c == '+' && chars.get(i + 1).is_some_and(char::is_ascii_digit);
        if c.is_ascii_digit() {
            run.push(c);
            gap = 0;
            if phone(&run, plus) {
                return true;
            }
        } else if plus_here && run.is_empty() {
            plus = true;
            gap = 0;
        } else if " -.()/".contains(c) && gap < 3 {
            gap += 1;
        } else {
            run.clear();
            gap = 0;
            plus = false;
        }
    }
    false
}

/// Messenger and social sites whose links reach a person.
const LINKS: &[&str] = &[
    "t.me/",
    "telegram.me/",
    "telegram.dog/",
    "wa.me/",
    "whatsapp.com/",
    "chat.whatsapp",
    "instagram.com/",
    "instagr.am/",
    "vk.com/",
    "vk.me/",
    "facebook.com/",
    "fb.com/",
    "m.me/",
    "ok.ru/",
    "tiktok.com/",
    "snapchat.com/",
    "signal.me/",
    "viber://",
    "discord.gg/",
];

/// Whether a link (a roadmap resource's address) leads to a messenger or a social profile:
/// a learning resource has no reason to.
pub fn messenger_link(url: &str) -> bool {
    let url = fold(url);
    let rest = url.split_once("://").map_or(url.as_str(), |(_, r)| r);
    let rest = rest.strip_prefix("www.").unwrap_or(rest);
    LINKS.iter().any(|l| rest.starts_with(l)) || url.starts_with("viber://")
}

/// Messenger and social links (`t.me/…`, `wa.me/…`, `instagram.com/…`) and handles (`@aigerim_t`:
/// an @ that starts a word, then 4 or more letters, digits, dots or underscores).
fn has_messenger(text: &str) -> bool {
    let at_word_start = |l: &str| {
        text.match_indices(l).any(|(i, _)| {
            text[..i]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric() && c != '-')
        })
    };
    if LINKS.iter().any(|l| at_word_start(l)) {
        return true;
    }
    // a messenger's name, then within two words a handle-like word ("тг: aigerim_t",
    // "insta aigerim.codes"): letters with a digit, an underscore or a dot
    const NAMES: &[&str] = &[
        "tg",
        "тг",
        "telegram",
        "телеграм",
        "телеграмм",
        "insta",
        "instagram",
        "инста",
        "инстаграм",
        "whatsapp",
        "ватсап",
        "вотсап",
        "viber",
        "вайбер",
        "discord",
        "дискорд",
        "snap",
        "snapchat",
        "снап",
        "vk",
        "вк",
        "skype",
        "скайп",
    ];
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || ",;:()[]«»\"'!?".contains(c))
        .filter(|w| !w.is_empty() && *w != "-")
        .collect();
    let handle = |w: &str| {
        let w = w.trim_matches(|c: char| c == '.' || c == '@');
        w.chars().count() >= 4
            && w.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.')
            && w.chars().any(|c| c.is_ascii_alphabetic())
            && w.chars()
                .any(|c| c.is_ascii_digit() || c == '_' || c == '.')
    };
    if words
        .iter()
        .enumerate()
        .any(|(i, w)| NAMES.contains(w) && words[i + 1..].iter().take(2).any(|n| handle(n)))
    {
        return true;
    }
    let chars: Vec<char> = text.chars().collect();
    chars.iter().enumerate().any(|(i, c)| {
        *c == '@'
            && (i == 0 || !chars[i - 1].is_alphanumeric())
            && chars[i + 1..]
                .iter()
                .take_while(|c| c.is_alphanumeric() || **c == '_' || **c == '.')
                .count()
                >= 4
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_to_messengers_are_told_from_learning_resources() {
        for url in [
            "https://t.me/aigerim_t",
            "https://wa.me/996555123456",
            "http://www.instagram.com/aigerim.codes",
            "https://ＷＡ.ME/996555123456",
        ] {
            assert!(messenger_link(url), "{url}");
        }
        for url in [
            "https://www.coursera.org/learn/sql-for-data-science",
            "https://stepik.org/course/58852/promo",
            "https://www.youtube.com/watch?v=1234567890",
            "https://github.com/t.me/readme",
            "https://m.medium.com/some-article",
        ] {
            assert!(!messenger_link(url), "{url}");
        }
    }

    #[test]
    fn contact_details_are_noticed_in_every_form() {
        for text in [
            "write me at aigerim.t@mail.kg please",
            "my email: (dinara@example.com)",
            "ПИШИ НА AIGERIM@MAIL.RU",
            "call +996 555 123 456",
            "0555-12-34-56",
            "WhatsApp 0700123456",
            "(0312) 61 23 45",
            "мой номер ０５５５ １２３ ４５６",
            "0 5 5 5 1 2 3 4 5 6",
            "менин номерим 996555123456",
            "телеграм: @aigerim_t",
            "t.me/aigerim_t",
            "https://wa.me/996555123456",
            "Instagram.com/aigerim.codes",
            "жаз мага @nurzat.dev",
            "email ａｉｇｅｒｉｍ＠ｍａｉｌ．ｋｇ",
            "0555\u{200B}123456",
            "0555–12–34–56",
            "0555\u{00A0}123\u{00A0}456",
            "0555.12.34.56",
            "+996 555 12.34.56",
            "тг: aigerim_t",
            "insta aigerim.codes",
            "t\u{200B}.me/x_y",
            "0\u{FE0F}\u{20E3}5\u{FE0F}\u{20E3}5\u{FE0F}\u{20E3}5\u{FE0F}\u{20E3}1\u{FE0F}\u{20E3}2\u{FE0F}\u{20E3}3\u{FE0F}\u{20E3}4\u{FE0F}\u{20E3}5\u{FE0F}\u{20E3}6\u{FE0F}\u{20E3}",
            "⓪⑤⑤⑤①②③④⑤⑥",
            "𝟎𝟓𝟓𝟓𝟏𝟐𝟑𝟒𝟓𝟔",
            "0\u{336}5\u{336}5\u{336}5\u{336}1\u{336}2\u{336}3\u{336}4\u{336}5\u{336}6\u{336}",
            "0555 - 123 - 456",
        ] {
            assert!(contains_contact(text), "{text}");
        }
    }

    #[test]
    fn reordering_and_invisible_characters_are_named() {
        assert!("a\u{202E}b".chars().any(reorders));
        assert!("a\u{2067}b".chars().any(reorders));
        assert!("Ai\u{200B}gerim".chars().any(invisible));
        assert!("\u{FEFF}Aigerim".chars().any(invisible));
        assert!(!"Айгерим Токтосунова-Ли"
            .chars()
            .any(|c| reorders(c) || invisible(c)));
    }

    #[test]
    fn ordinary_texts_pass_in_three_languages() {
        for text in [
            "Давайте встретимся 12.12.2026 в 18:00",
            "Let us meet on 12.03 at 15:00 for 45 minutes",
            "Жолугушуу 05.01.2027, саат 09:30–11:00",
            "Встреча 5/3/24 в 18:00, потом 19:30",
            "I scored 98 of 100 in 2024",
            "The @ sign and a dot. are fine",
            "Chapter 3-4, pages 10-25",
            "Вопрос про статистику: 1, 2, 3",
            "Стоимость курса 1 500 000 сом",
            "Грант 250 000 сом на 2025-2026 учебный год",
            "Аудитория 305, корпус 2",
            "Курс CS-101 и MATH 2410",
            "Окуу жылы 2025/2026, 3-курс",
            "Room 1204, building B, 9:00-17:00",
            "My GPA is 3.85 and I took 6 courses",
            "Бизде 24/7 колдоо бар",
            "Read book.ru/physics and about.me/page",
            "C++ 11 14 17 20",
            "Telegram channel is useful",
            "Я в инстаграме редко",
        ] {
            assert!(!contains_contact(text), "{text}");
        }
    }
}
