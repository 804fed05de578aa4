//! Three languages: Kyrgyz, Russian, English. Messages live in `locales/*.json`; build.rs turns
//! them into typed keys (`k::HOME_TITLE`) and static tables. Server-rendered components look
//! strings up with [`t`]; islands receive the few strings they need as props, so the tables
//! never reach the browser's wasm.
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A message key. Serialized by name, so a key stored in a cookie survives a redeploy.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Key(usize);

include!(concat!(env!("OUT_DIR"), "/i18n_table.rs"));

impl Key {
    pub fn name(self) -> &'static str {
        KEYS[self.0]
    }
    pub fn from_name(name: &str) -> Option<Key> {
        KEYS.binary_search(&name).ok().map(Key)
    }
}

impl Serialize for Key {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}

impl<'de> Deserialize<'de> for Key {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let name = String::deserialize(d)?;
        Key::from_name(&name).ok_or_else(|| serde::de::Error::custom("unknown message key"))
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Locale {
    Ky,
    Ru,
    #[default]
    En,
}

impl Locale {
    pub const ALL: [Locale; 3] = [Locale::Ky, Locale::Ru, Locale::En];

    pub fn code(self) -> &'static str {
        match self {
            Locale::Ky => "ky",
            Locale::Ru => "ru",
            Locale::En => "en",
        }
    }

    /// Accepts a bare code or a language tag ("ru-KG", "ky_KG", "EN").
    pub fn from_code(tag: &str) -> Option<Locale> {
        let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "ky" | "kir" => Some(Locale::Ky),
            "ru" | "rus" => Some(Locale::Ru),
            "en" | "eng" => Some(Locale::En),
            _ => None,
        }
    }

    /// The best of our languages for an `Accept-Language` header, honouring q-values.
    pub fn from_accept_language(header: &str) -> Option<Locale> {
        let mut best: Option<(f32, usize, Locale)> = None;
        for (pos, part) in header.split(',').enumerate() {
            let mut pieces = part.split(';');
            let tag = pieces.next().unwrap_or("");
            let q = pieces
                .find_map(|p| p.trim().strip_prefix("q="))
                .and_then(|q| q.trim().parse::<f32>().ok())
                .unwrap_or(1.0);
            if q <= 0.0 {
                continue;
            }
            if let Some(loc) = Locale::from_code(tag) {
                let better = match best {
                    None => true,
                    Some((bq, bpos, _)) => q > bq || (q == bq && pos < bpos),
                };
                if better {
                    best = Some((q, pos, loc));
                }
            }
        }
        best.map(|(_, _, l)| l)
    }

    pub fn t(self, key: Key) -> &'static str {
        match self {
            Locale::Ky => KY[key.0],
            Locale::Ru => RU[key.0],
            Locale::En => EN[key.0],
        }
    }

    /// A message with `{name}` placeholders filled in. A plural message (forms per CLDR
    /// category in the locale file) takes the form for its `{n}` argument.
    pub fn tf(self, key: Key, args: &[(&str, &str)]) -> String {
        let template = self.t(key);
        if template.contains(PLURAL_SEP) {
            let n = args
                .iter()
                .find(|(name, _)| *name == "n")
                .and_then(|(_, v)| v.parse::<i64>().ok())
                .unwrap_or(0);
            return fill(self.plural_form(template, n), args);
        }
        fill(template, args)
    }

    /// "1 год, 2 года, 5 лет": a count in this language's plural form.
    pub fn count(self, key: Key, n: i64) -> String {
        self.tf(key, &[("n", &n.to_string())])
    }

    /// A number with `places` decimals, written the way this language writes them (0.81 in
    /// English, 0,81 in Russian and Kyrgyz).
    pub fn decimal(self, x: f64, places: usize) -> String {
        let text = format!("{x:.places$}");
        match self {
            Locale::En => text,
            Locale::Ru | Locale::Ky => text.replace('.', ","),
        }
    }

    /// The CLDR plural category of a whole number in this language.
    pub fn plural(self, n: i64) -> Plural {
        let n = n.unsigned_abs();
        match self {
            Locale::Ru => match (n % 10, n % 100) {
                (1, r) if r != 11 => Plural::One,
                (2..=4, r) if !(12..=14).contains(&r) => Plural::Few,
                _ => Plural::Many,
            },
            Locale::En | Locale::Ky if n == 1 => Plural::One,
            Locale::En | Locale::Ky => Plural::Other,
        }
    }

    fn plural_form(self, template: &'static str, n: i64) -> &'static str {
        let forms: Vec<&'static str> = template.split(PLURAL_SEP).collect();
        let at = |c: Plural| forms.get(c as usize).copied().filter(|f| !f.is_empty());
        at(self.plural(n))
            .or_else(|| at(Plural::Other))
            .unwrap_or(template)
    }

    /// The programme's date (Bishkek) at an instant, written the way this language writes
    /// dates.
    pub fn date(self, unix_seconds: i64) -> String {
        self.day(crate::time::today(unix_seconds))
    }

    /// A time zone's name for people ("Tokyo", "Токио") from its IANA name; the IANA name
    /// itself for a zone the locale files do not name.
    pub fn zone(self, iana: &str) -> String {
        let key = format!("zone.{}", iana.to_ascii_lowercase().replace('/', "_"));
        match Key::from_name(&key) {
            Some(k) => self.t(k).to_string(),
            None => iana.to_string(),
        }
    }

    /// An instant as a date and a time of day (24-hour clock) in `zone`.
    pub fn moment(self, unix_seconds: i64, zone: &jiff::tz::TimeZone) -> String {
        let (day, h, m) = crate::time::wall_clock(unix_seconds, zone);
        format!("{}, {h:02}:{m:02}", self.day(day))
    }

    /// A calendar date (a day number, see `crate::time`) written the way this language writes
    /// dates.
    pub fn day(self, day: i64) -> String {
        let (y, m, d) = crate::time::civil(day);
        let month = self.t(MONTHS[(m - 1) as usize]);
        self.tf(
            k::DATE_FORMAT,
            &[
                ("day", &d.to_string()),
                ("month", month),
                ("year", &y.to_string()),
            ],
        )
    }
}

/// CLDR plural categories, in the order build.rs stores a plural message's forms.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Plural {
    Zero = 0,
    One = 1,
    Two = 2,
    Few = 3,
    Many = 4,
    Other = 5,
}

const PLURAL_SEP: char = '\u{1f}';

const MONTHS: [Key; 12] = [
    k::DATE_M1,
    k::DATE_M2,
    k::DATE_M3,
    k::DATE_M4,
    k::DATE_M5,
    k::DATE_M6,
    k::DATE_M7,
    k::DATE_M8,
    k::DATE_M9,
    k::DATE_M10,
    k::DATE_M11,
    k::DATE_M12,
];

pub fn fill(template: &str, args: &[(&str, &str)]) -> String {
    let mut out = template.to_string();
    for (name, value) in args {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

/// A translatable message with its arguments: what errors and notices carry.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Msg {
    pub key: Key,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub args: Vec<(String, String)>,
}

impl Msg {
    pub fn new(key: Key) -> Msg {
        Msg {
            key,
            args: Vec::new(),
        }
    }
    /// A message about a count: its `{n}`, which also picks the plural form.
    pub fn count(key: Key, n: i64) -> Msg {
        Msg::new(key).with("n", n)
    }
    pub fn with(mut self, name: &str, value: impl ToString) -> Msg {
        self.args.push((name.to_string(), value.to_string()));
        self
    }
    pub fn render(&self, locale: Locale) -> String {
        let args: Vec<(&str, &str)> = self
            .args
            .iter()
            .map(|(a, b)| (a.as_str(), b.as_str()))
            .collect();
        locale.tf(self.key, &args)
    }
}

/// The reader's language, provided as its own context by the server for each request
/// (so the i18n knows nothing of who is asking) — English where no request is in scope.
pub fn use_locale() -> Locale {
    leptos::prelude::use_context::<Locale>().unwrap_or_default()
}

/// Runs `f` with `locale` as the reader's language (for what is rendered outside a page: a
/// download a plain handler builds).
pub fn with_locale<T>(locale: Locale, f: impl FnOnce() -> T) -> T {
    use leptos::prelude::Owner;
    Owner::new().with(|| {
        leptos::prelude::provide_context(locale);
        f()
    })
}

/// Looks a message up in the reader's language.
pub fn t(key: Key) -> &'static str {
    use_locale().t(key)
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn keys_and_placeholders(json: &str) -> BTreeSet<(String, Vec<String>)> {
        fn walk(prefix: &str, v: &serde_json::Value, out: &mut BTreeSet<(String, Vec<String>)>) {
            match v {
                // a plural message: one entry, with the placeholders of all its forms
                serde_json::Value::Object(m) if m.contains_key("other") => {
                    let mut ph: Vec<String> = m
                        .values()
                        .filter_map(|v| v.as_str())
                        .flat_map(|s| {
                            s.split('{')
                                .skip(1)
                                .filter_map(|p| p.split_once('}').map(|(n, _)| n.to_string()))
                                .collect::<Vec<_>>()
                        })
                        .collect();
                    ph.sort();
                    ph.dedup();
                    out.insert((prefix.to_string(), ph));
                }
                serde_json::Value::Object(m) => {
                    for (k, v) in m {
                        let key = if prefix.is_empty() {
                            k.clone()
                        } else {
                            format!("{prefix}.{k}")
                        };
                        walk(&key, v, out);
                    }
                }
                serde_json::Value::String(s) => {
                    let mut ph: Vec<String> = s
                        .split('{')
                        .skip(1)
                        .filter_map(|p| p.split_once('}').map(|(n, _)| n.to_string()))
                        .collect();
                    ph.sort();
                    out.insert((prefix.to_string(), ph));
                }
                _ => panic!("non-string value at {prefix}"),
            }
        }
        let mut out = BTreeSet::new();
        walk("", &serde_json::from_str(json).unwrap(), &mut out);
        out
    }

    #[test]
    fn locale_files_have_the_same_keys() {
        let en = keys_and_placeholders(include_str!("../locales/en.json"));
        for (name, text) in [
            ("ru", include_str!("../locales/ru.json")),
            ("ky", include_str!("../locales/ky.json")),
        ] {
            let other = keys_and_placeholders(text);
            let missing: Vec<_> = en.difference(&other).collect();
            let extra: Vec<_> = other.difference(&en).collect();
            assert!(
                missing.is_empty() && extra.is_empty(),
                "{name}.json differs from en.json (keys or placeholders): missing {missing:?}, extra {extra:?}"
            );
        }
    }

    #[test]
    fn no_translation_is_empty() {
        for loc in Locale::ALL {
            for (i, key) in KEYS.iter().enumerate() {
                assert!(
                    !loc.t(Key(i)).trim().is_empty(),
                    "{key} is empty in {}",
                    loc.code()
                );
            }
        }
    }

    #[test]
    fn accept_language_picks_the_best_supported() {
        assert_eq!(
            Locale::from_accept_language("ky-KG,ky;q=0.9,ru;q=0.8"),
            Some(Locale::Ky)
        );
        assert_eq!(
            Locale::from_accept_language("de-DE,ru;q=0.7,en;q=0.9"),
            Some(Locale::En)
        );
        assert_eq!(Locale::from_accept_language("fr, de"), None);
        assert_eq!(
            Locale::from_accept_language("ru;q=0, en;q=0.1"),
            Some(Locale::En)
        );
        assert_eq!(Locale::from_accept_language(""), None);
    }

    #[test]
    fn keys_round_trip_by_name() {
        let json = serde_json::to_string(&k::ERR_REQUIRED).unwrap();
        assert_eq!(json, "\"err.required\"");
        assert_eq!(serde_json::from_str::<Key>(&json).unwrap(), k::ERR_REQUIRED);
        assert!(serde_json::from_str::<Key>("\"no.such.key\"").is_err());
    }

    #[test]
    fn time_zones_have_names_in_every_language() {
        for zone in crate::time::ZONES {
            for locale in Locale::ALL {
                assert_ne!(locale.zone(zone), *zone, "{zone} in {locale:?}");
            }
        }
        assert_eq!(Locale::Ru.zone("America/New_York"), "Нью-Йорк");
        assert_eq!(Locale::En.zone("Mars/Olympus"), "Mars/Olympus");
    }

    #[test]
    fn dates_are_written_in_the_readers_language() {
        // 2026-11-27 00:00 UTC
        let ts = 1_795_737_600;
        assert_eq!(Locale::En.date(ts), "27 November 2026");
        assert_eq!(Locale::Ru.date(ts), "27 ноября 2026 г.");
        assert_eq!(Locale::Ky.date(ts), "2026-ж. 27-ноябрь");
        assert_eq!(Locale::Ru.day(11_016), "29 февраля 2000 г.");
    }

    #[test]
    fn counts_take_each_languages_plural_form() {
        let years = |l: Locale, n| l.count(k::PROFILE_YEARS, n);
        assert_eq!(years(Locale::Ru, 1), "1 год");
        assert_eq!(years(Locale::Ru, 2), "2 года");
        assert_eq!(years(Locale::Ru, 5), "5 лет");
        assert_eq!(years(Locale::Ru, 11), "11 лет");
        assert_eq!(years(Locale::Ru, 21), "21 год");
        assert_eq!(years(Locale::Ru, 22), "22 года");
        assert_eq!(years(Locale::Ru, 112), "112 лет");
        assert_eq!(years(Locale::En, 1), "1 year");
        assert_eq!(years(Locale::En, 0), "0 years");
        assert_eq!(years(Locale::En, 2), "2 years");
        assert_eq!(years(Locale::Ky, 1), "1 жыл");
        assert_eq!(years(Locale::Ky, 7), "7 жыл");
        assert_eq!(
            Msg::count(k::MENTORSHIP_MINUTES, 3).render(Locale::Ru),
            "3 минуты"
        );
        assert_eq!(
            AppErrorLike::throttled(1).render(Locale::En),
            "Too many failed attempts. Try again in 1 minute."
        );
        // no message in any language is left with a bare number before a plural noun
        for loc in Locale::ALL {
            for i in 0..KEY_COUNT {
                let text = loc.t(Key(i));
                if text.contains(PLURAL_SEP) {
                    for n in [0, 1, 2, 5, 21] {
                        let s = loc.count(Key(i), n);
                        assert!(!s.contains(PLURAL_SEP) && !s.contains("{n}"), "{s}");
                    }
                }
            }
        }
    }

    struct AppErrorLike;
    impl AppErrorLike {
        fn throttled(minutes: u32) -> Msg {
            crate::error::AppError::Throttled { minutes }.messages()[0]
                .msg
                .clone()
        }
    }

    #[test]
    fn placeholders_are_filled() {
        assert_eq!(
            Msg::new(k::ERR_TOO_LONG).with("max", 80).render(Locale::En),
            "Too long: at most 80 characters."
        );
    }
}
