//! Forms, below every area: the closed lists a form offers ([`Choice`], made with
//! [`choice!`]), the [`Checker`] that validates a whole form and collects every field's
//! message, where a plain form post goes next ([`FormPost`]), and the one-shot [`Flash`] that
//! carries messages and typed values back to the page. The fields themselves are widgets, in
//! `ui::form`.
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
    };
}
pub(crate) use choice;

/// Collects field errors while validating a whole form.
#[derive(Default)]
pub struct Checker {
    pub errors: Vec<FieldError>,
}

impl Checker {
    pub fn fail(&mut self, field: &str, msg: Msg) {
        self.errors.push(FieldError::new(field, msg));
    }

    /// Trimmed text of at most `max` characters; required unless `optional`.
    pub fn text(&mut self, field: &str, raw: &str, max: usize, optional: bool) -> String {
        let v = raw.trim();
        if v.is_empty() && !optional {
            self.fail(field, Msg::new(k::ERR_REQUIRED));
        } else if v.chars().count() > max {
            self.fail(field, Msg::new(k::ERR_TOO_LONG).with("max", max));
        } else if v
            .chars()
            .any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t')
        {
            self.fail(field, Msg::new(k::ERR_INVALID_CHARS));
        }
        v.replace("\r\n", "\n")
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
    pub values: Vec<(&'a str, &'a str)>,
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

#[cfg(feature = "ssr")]
impl Flash {
    pub fn encode(&self) -> String {
        use base64::Engine;
        let json = serde_json::to_vec(self).unwrap_or_default();
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(json)
    }

    pub fn decode(value: &str) -> Option<Flash> {
        use base64::Engine;
        let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(value)
            .ok()?;
        serde_json::from_slice(&bytes).ok()
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;

    #[test]
    fn flash_round_trips_and_rejects_garbage() {
        let flash = Flash {
            form: Some("sign_up".into()),
            errors: vec![FieldError::new(
                "email",
                Msg::new(k::ERR_TOO_LONG).with("max", 254),
            )],
            values: vec![("display_name".into(), "Айгерим".into())],
            notice: None,
        };
        let encoded = flash.encode();
        assert!(encoded
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'));
        assert_eq!(Flash::decode(&encoded), Some(flash));
        assert_eq!(Flash::decode("not base64!"), None);
        assert_eq!(Flash::decode("e30"), Some(Flash::default())); // "{}"
    }
}
