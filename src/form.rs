//! Forms, below every area: the closed lists a form offers ([`Choice`], made with
//! [`choice!`]), the [`Checker`] that validates a whole form and collects every field's
//! message, where a plain form post goes next ([`FormPost`], with what a refused form puts back
//! from the form's fields struct: `pairs`), and the one-shot [`Flash`] that carries messages
//! and typed values back to the page. The fields themselves are widgets, in `ui::form`.
use crate::error::{AppError, FieldError};
use crate::i18n::{k, Key, Msg};
use serde::{Deserialize, Serialize};

/// A closed list of codes with a translated label each.
pub trait Choice: Sized + Copy + 'static {
    const ALL: &'static [Self];
    fn code(self) -> &'static str;
    fn label(self) -> Key;
    fn from_code(code: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|c| c.code() == code)
    }
    /// Every code, as a message lists them: "school, university, …".
    fn codes() -> String {
        Self::ALL
            .iter()
            .map(|c| c.code())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// `choice!(Name { Variant = "code" => KEY, … })`: an enum with its codes and message keys.
macro_rules! choice {
    ($name:ident { $($variant:ident = $code:literal => $key:ident),+ $(,)? }) => {
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, ::serde::Serialize, ::serde::Deserialize)]
        pub enum $name { $($variant),+ }
        impl $crate::form::Choice for $name {
            const ALL: &'static [Self] = &[$($name::$variant),+];
            fn code(self) -> &'static str { match self { $($name::$variant => $code),+ } }
            fn label(self) -> $crate::i18n::Key { match self { $($name::$variant => $crate::i18n::k::$key),+ } }
        }
        $crate::form::code_column!($name);
    };
}
pub(crate) use choice;

/// `code_column!(Name)`: `Name` (with `code()` and `from_code()`) is read from and written to a
/// TEXT column by its code; a code the enum does not know fails the read, so a row never
/// reaches a page with a state no `match` expects.
macro_rules! code_column {
    ($name:ident) => {
        #[cfg(feature = "ssr")]
        impl ::sqlx::Type<::sqlx::Sqlite> for $name {
            fn type_info() -> ::sqlx::sqlite::SqliteTypeInfo {
                <&str as ::sqlx::Type<::sqlx::Sqlite>>::type_info()
            }
            fn compatible(ty: &::sqlx::sqlite::SqliteTypeInfo) -> bool {
                <&str as ::sqlx::Type<::sqlx::Sqlite>>::compatible(ty)
            }
        }
        #[cfg(feature = "ssr")]
        impl<'r> ::sqlx::Decode<'r, ::sqlx::Sqlite> for $name {
            fn decode(
                value: ::sqlx::sqlite::SqliteValueRef<'r>,
            ) -> Result<Self, ::sqlx::error::BoxDynError> {
                #[allow(unused_imports)]
                use $crate::form::Choice as _;
                let code = <&str as ::sqlx::Decode<::sqlx::Sqlite>>::decode(value)?;
                $name::from_code(code)
                    .ok_or_else(|| format!("no {} has the code {code:?}", stringify!($name)).into())
            }
        }
        #[cfg(feature = "ssr")]
        impl<'q> ::sqlx::Encode<'q, ::sqlx::Sqlite> for $name {
            fn encode_by_ref(
                &self,
                buf: &mut Vec<::sqlx::sqlite::SqliteArgumentValue<'q>>,
            ) -> Result<::sqlx::encode::IsNull, ::sqlx::error::BoxDynError> {
                #[allow(unused_imports)]
                use $crate::form::Choice as _;
                <&str as ::sqlx::Encode<'q, ::sqlx::Sqlite>>::encode_by_ref(&self.code(), buf)
            }
        }
    };
}
pub(crate) use code_column;

/// The platform's languages as a form offers them (a lecture's, a group's, a template's): the
/// exact codes "ky", "ru", "en", labelled in the reader's language.
impl Choice for crate::i18n::Locale {
    const ALL: &'static [Self] = &crate::i18n::Locale::ALL;
    fn code(self) -> &'static str {
        crate::i18n::Locale::code(self)
    }
    fn label(self) -> Key {
        match self {
            crate::i18n::Locale::Ky => k::LANGUAGE_KY,
            crate::i18n::Locale::Ru => k::LANGUAGE_RU,
            crate::i18n::Locale::En => k::LANGUAGE_EN,
        }
    }
}

/// Collects field errors while validating a whole form.
#[derive(Default)]
pub struct Checker {
    pub errors: Vec<FieldError>,
}

impl Checker {
    pub fn fail(&mut self, field: &str, msg: Msg) {
        self.errors.push(FieldError::new(field, msg));
    }

    /// Trimmed text of at most `max` characters, without control or text-reordering characters;
    /// required unless `optional`.
    pub fn text(&mut self, field: &str, raw: &str, max: usize, optional: bool) -> String {
        let v = raw.trim();
        if v.is_empty() && !optional {
            self.fail(field, Msg::new(k::ERR_REQUIRED));
        } else if v.chars().count() > max {
            self.fail(field, Msg::new(k::ERR_TOO_LONG).with("max", max));
        } else if v.chars().any(|c| {
            (c.is_control() && c != '\n' && c != '\r' && c != '\t')
                || crate::safeguard::reorders(c)
                || c == crate::safeguard::MARK
        }) {
            self.fail(field, Msg::new(k::ERR_INVALID_CHARS));
        }
        v.replace("\r\n", "\n")
    }

    /// Whether `field` is refused already (one message per field).
    fn refused(&self, field: &str) -> bool {
        self.errors.iter().any(|e| e.field == field)
    }

    /// Refuses contact details (an email, a phone number, a messenger handle or link) in a
    /// field that others read and that has no place for them (a district, her goals, her
    /// roadmap): contact details travel only through the texts an administrator can hold.
    pub fn no_contact(&mut self, field: &str, text: &str) {
        if !self.refused(field) && crate::safeguard::contains_contact(text) {
            self.fail(field, Msg::new(k::ERR_CONTACT_HERE));
        }
    }

    /// [`Checker::text`] that others read, without contact details ([`Checker::no_contact`]).
    pub fn public_text(&mut self, field: &str, raw: &str, max: usize, optional: bool) -> String {
        let v = self.text(field, raw, max, optional);
        self.no_contact(field, &v);
        v
    }

    /// A name or a title: [`Checker::text`] on one line, and no invisible characters (two that
    /// look the same must be the same).
    pub fn name(&mut self, field: &str, raw: &str, max: usize, optional: bool) -> String {
        let v = self.text(field, raw, max, optional);
        if !self.refused(field)
            && v.chars()
                .any(|c| c.is_control() || crate::safeguard::invisible(c))
        {
            self.fail(field, Msg::new(k::ERR_INVALID_CHARS));
        }
        v
    }

    /// A whole number in `min..=max`.
    pub fn number(&mut self, field: &str, raw: &str, min: i64, max: i64) -> i64 {
        match raw.trim().parse::<i64>() {
            Ok(n) if (min..=max).contains(&n) => n,
            _ if raw.trim().is_empty() => {
                self.fail(field, Msg::new(k::ERR_REQUIRED));
                min
            }
            _ => {
                self.fail(
                    field,
                    Msg::new(k::ERR_NUMBER_RANGE)
                        .with("min", min)
                        .with("max", max),
                );
                min
            }
        }
    }

    pub fn choice<C: Choice>(&mut self, field: &str, raw: &str) -> Option<C> {
        let c = C::from_code(raw.trim());
        if c.is_none() {
            self.fail(field, Msg::new(k::ERR_CHOOSE_ONE));
        }
        c
    }

    pub fn finish<T>(self, value: Option<T>) -> Result<T, AppError> {
        match value {
            Some(v) if self.errors.is_empty() => Ok(v),
            _ => Err(AppError::Invalid(self.errors)),
        }
    }
}

/// One place that says where a form goes next.
pub struct FormPost<'a> {
    /// Which form on the page (so a page with several shows errors on the right one).
    pub form: &'a str,
    /// Where to send the person back to when something is wrong.
    pub back: &'a str,
    /// What they typed, to put back into the fields (never passwords).
    pub values: Vec<(String, String)>,
}

impl<'a> FormPost<'a> {
    /// A form with nothing typed to put back (buttons, hidden ids).
    pub fn new(form: &'a str, back: &'a str) -> Self {
        FormPost {
            form,
            back,
            values: Vec::new(),
        }
    }

    /// A form whose typed fields are one struct: a refused post puts them back by their serde
    /// names ([`pairs`]). Passwords are never in such a struct.
    #[cfg(feature = "ssr")]
    pub fn refill(form: &'a str, back: &'a str, fields: &impl Serialize) -> Self {
        FormPost {
            form,
            back,
            values: pairs(fields),
        }
    }
}

/// The one text of a form that asks only for a reason (reviewing a mentor, screening a
/// nomination, voiding a vote, a juror's abstention, changing a mentorship's state).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ReasonFields {
    pub reason: String,
}

/// The one text of a form that asks only for an email (signing in; putting a juror on a category).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct EmailFields {
    pub email: String,
}

/// The one text of a form that asks only for a body (a mentorship message, a comment on a step).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct BodyFields {
    pub body: String,
}

/// A form's own fields as (name, value) pairs, by their serde names: what a refused form puts
/// back, from the same struct the server function takes (so no field is listed twice). Only
/// text fields are kept.
#[cfg(feature = "ssr")]
pub fn pairs(fields: &impl Serialize) -> Vec<(String, String)> {
    match serde_json::to_value(fields) {
        Ok(serde_json::Value::Object(map)) => map
            .into_iter()
            .filter_map(|(k, v)| match v {
                serde_json::Value::String(s) => Some((k, s)),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Flash {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub form: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub values: Vec<(String, String)>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notice: Option<Msg>,
}

/// How long a flash waits for the page it belongs to.
#[cfg(feature = "ssr")]
pub const FLASH_SECONDS: i64 = 120;

/// What one typed value may keep (the longest field, a mentor's bio, allows 2,000).
#[cfg(feature = "ssr")]
const FLASH_VALUE_MAX: usize = 2_000;
/// How many typed values a flash keeps (the longest form, a profile, has about 20).
#[cfg(feature = "ssr")]
const FLASH_VALUES_MAX: usize = 40;
/// A flash's stored size at most; past it only the messages are kept.
#[cfg(feature = "ssr")]
const FLASH_BYTES_MAX: usize = 24_000;

#[cfg(feature = "ssr")]
impl Flash {
    /// Keeps the flash on the server for [`FLASH_SECONDS`]; returns the token for the
    /// one-shot cookie that names it (22 characters, whatever the flash holds).
    pub async fn keep(&self, pool: &sqlx::SqlitePool, now: i64) -> sqlx::Result<String> {
        use base64::Engine;
        use rand::RngCore;
        let mut kept = self.clone();
        kept.values.truncate(FLASH_VALUES_MAX);
        for (k, v) in kept.values.iter_mut() {
            if k.chars().count() > 64 {
                *k = k.chars().take(64).collect();
            }
            if v.chars().count() > FLASH_VALUE_MAX {
                *v = v.chars().take(FLASH_VALUE_MAX).collect();
            }
        }
        let mut data = serde_json::to_string(&kept).unwrap_or_default();
        if data.len() > FLASH_BYTES_MAX {
            // the messages matter more than giving back what was typed
            kept.values.clear();
            data = serde_json::to_string(&kept).unwrap_or_default();
        }
        let mut raw = [0u8; 16];
        rand::thread_rng().fill_bytes(&mut raw);
        let token = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(raw);
        // the expired ones go first, so abandoned flashes never pile up
        Flash::sweep(pool, now).await?;
        sqlx::query("INSERT INTO form_flashes (id, data, expires_at) VALUES (?, ?, ?)")
            .bind(flash_id(&token))
            .bind(data)
            .bind(now + FLASH_SECONDS)
            .execute(pool)
            .await?;
        Ok(token)
    }

    /// The flash a cookie's token names. It is read, not deleted: the page that shows it
    /// clears the cookie, and if that page never reaches a phone on a failing link, a reload
    /// still brings back what she typed (until it expires).
    pub async fn take(
        pool: &sqlx::SqlitePool,
        token: &str,
        now: i64,
    ) -> sqlx::Result<Option<Flash>> {
        if token.is_empty() || token.len() > 64 {
            return Ok(None);
        }
        let data: Option<String> =
            sqlx::query_scalar("SELECT data FROM form_flashes WHERE id = ? AND expires_at > ?")
                .bind(flash_id(token))
                .bind(now)
                .fetch_optional(pool)
                .await?;
        Ok(data.and_then(|d| serde_json::from_str(&d).ok()))
    }

    /// Forgets the flashes nobody came back for (hourly upkeep).
    pub async fn sweep(pool: &sqlx::SqlitePool, now: i64) -> sqlx::Result<u64> {
        Ok(
            sqlx::query("DELETE FROM form_flashes WHERE expires_at <= ?")
                .bind(now)
                .execute(pool)
                .await?
                .rows_affected(),
        )
    }
}

/// The stored id of a flash: the SHA-256 of its cookie's token.
#[cfg(feature = "ssr")]
fn flash_id(token: &str) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    #[test]
    fn names_refuse_hidden_and_reordering_characters() {
        let mut c = super::Checker::default();
        assert_eq!(
            c.name("title", " Data engineer ", 80, false),
            "Data engineer"
        );
        c.name("organisation", "Goo\u{200B}gle", 80, false);
        c.text("bio", "fine\u{202E}txt.exe", 800, false);
        c.text(
            "style",
            "a zero\u{200D}width joiner is fine in text",
            800,
            false,
        );
        c.name("name", "two\nlines", 80, false);
        c.name("filler", "\u{3164}", 80, false);
        c.name("long", &"x".repeat(81), 80, false);
        let fields: Vec<&str> = c.errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["organisation", "bio", "name", "filler", "long"]);
    }

    use super::*;

    #[tokio::test]
    async fn a_flash_is_kept_on_the_server_bounded_and_read_until_it_expires() {
        let (pool, _dir) = crate::testing::temp_db().await;
        let long: String = "Айгерим из Нарына ".repeat(60); // ~1,000 Cyrillic characters
        let flash = Flash {
            form: Some("send_request".into()),
            errors: vec![FieldError::new(
                "email",
                Msg::new(k::ERR_TOO_LONG).with("max", 254),
            )],
            values: vec![("message".into(), long.clone()), ("hopes".into(), long)],
            notice: None,
        };
        let token = flash.keep(&pool, 100).await.unwrap();
        assert_eq!(token.len(), 22, "the cookie stays small");
        assert_eq!(Flash::take(&pool, "forged", 101).await.unwrap(), None);
        assert_eq!(
            Flash::take(&pool, &token, 101).await.unwrap(),
            Some(flash.clone())
        );
        // a reload after a lost answer still finds it, until it expires
        assert_eq!(Flash::take(&pool, &token, 102).await.unwrap(), Some(flash));
        assert_eq!(
            Flash::take(&pool, &token, 100 + FLASH_SECONDS)
                .await
                .unwrap(),
            None
        );
        assert_eq!(Flash::sweep(&pool, 100 + FLASH_SECONDS).await.unwrap(), 1);
        // a flood of made-up fields keeps the messages and a bounded size
        let flood = Flash {
            errors: vec![FieldError::new("", Msg::new(k::ERR_REQUIRED))],
            values: (0..5_000)
                .map(|i| (format!("languages[{i}]"), "x".repeat(3_000)))
                .collect(),
            ..Flash::default()
        };
        let token = flood.keep(&pool, 200).await.unwrap();
        let kept = Flash::take(&pool, &token, 201).await.unwrap().unwrap();
        assert_eq!(kept.errors, flood.errors);
        assert!(kept.values.is_empty());
        let size: i64 = sqlx::query_scalar("SELECT MAX(LENGTH(data)) FROM form_flashes")
            .fetch_one(&pool)
            .await
            .unwrap();
        assert!(size < 25_000, "{size}");
    }
}
