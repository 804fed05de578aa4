//! One error type for every server function. Each variant maps to a message a person can act
//! on (translated through [`AppError::messages`]) and an HTTP status; internals never leave the
//! server (they are logged where they happen and become [`AppError::Internal`]).
use crate::i18n::{k, Msg};
use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

/// A message attached to one form field; `field` is empty for a message about the whole form.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    pub msg: Msg,
}

impl FieldError {
    pub fn new(field: &str, msg: Msg) -> FieldError {
        FieldError {
            field: field.to_string(),
            msg,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum AppError {
    /// Bad input: one or more fields are wrong. 422.
    Invalid(Vec<FieldError>),
    /// Wrong email or password. 401.
    Credentials,
    /// Too many failed attempts. 429.
    Throttled { minutes: u32 },
    /// The action needs a signed-in account. 401.
    SignInNeeded,
    /// Not there, or not yours: the two look the same from outside. 404.
    NotFound,
    /// A state-changing request without this site's origin. 403.
    ForeignOrigin,
    /// Something failed on our side; details are in the server log. 500.
    Internal,
    /// The request could not be decoded or sent.
    Transport(String),
}

impl AppError {
    /// An id from a form or a path: anything but digits (spaces around them aside) names
    /// nothing, so 404 — a newline or another control character included.
    pub fn id(raw: &str) -> Result<i64, AppError> {
        let digits = raw.trim_matches(' ');
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(AppError::NotFound);
        }
        digits.parse().map_err(|_| AppError::NotFound)
    }

    pub fn invalid(field: &str, msg: Msg) -> AppError {
        AppError::Invalid(vec![FieldError::new(field, msg)])
    }

    pub fn status(&self) -> u16 {
        match self {
            AppError::Invalid(_) => 422,
            AppError::Credentials | AppError::SignInNeeded => 401,
            AppError::Throttled { .. } => 429,
            AppError::NotFound => 404,
            AppError::ForeignOrigin => 403,
            AppError::Transport(_) => 400,
            AppError::Internal => 500,
        }
    }

    /// What to show, field by field (form-level messages have an empty field).
    pub fn messages(&self) -> Vec<FieldError> {
        let form = |msg| vec![FieldError::new("", msg)];
        match self {
            AppError::Invalid(errors) => errors.clone(),
            AppError::Credentials => form(Msg::new(k::ERR_CREDENTIALS)),
            AppError::Throttled { minutes } => {
                form(Msg::count(k::ERR_THROTTLED, i64::from(*minutes)))
            }
            AppError::SignInNeeded => form(Msg::new(k::ERR_SIGN_IN_NEEDED)),
            AppError::NotFound => form(Msg::new(k::ERR_NOT_FOUND_BODY)),
            AppError::ForeignOrigin => form(Msg::new(k::ERR_FORBIDDEN_ORIGIN)),
            AppError::Internal | AppError::Transport(_) => form(Msg::new(k::ERR_SERVER_BODY)),
        }
    }
}

impl std::fmt::Display for AppError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let msgs = self.messages();
        let text: Vec<String> = msgs
            .iter()
            .map(|e| e.msg.render(crate::i18n::Locale::En))
            .collect();
        write!(f, "{}", text.join(" "))
    }
}

impl std::error::Error for AppError {}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::Request(d)
            | ServerFnErrorErr::Deserialization(d)
            | ServerFnErrorErr::Serialization(d)
            | ServerFnErrorErr::Args(d)
            | ServerFnErrorErr::MissingArg(d)
            | ServerFnErrorErr::UnsupportedRequestMethod(d) => AppError::Transport(d),
            _ => AppError::Internal,
        }
    }
}

#[cfg(feature = "ssr")]
impl From<crate::db::StoreError> for AppError {
    fn from(e: crate::db::StoreError) -> Self {
        use crate::db::{Refusal, StoreError};
        match e {
            StoreError::Db(e) => AppError::from(e),
            StoreError::Refused(Refusal::NotFound) => AppError::NotFound,
            StoreError::Refused(Refusal::Stale(key)) => AppError::invalid("", Msg::new(key)),
            StoreError::Refused(Refusal::Rule { field, key }) => {
                AppError::invalid(&field, Msg::new(key))
            }
            StoreError::Refused(Refusal::Throttled(minutes)) => AppError::Throttled { minutes },
        }
    }
}

#[cfg(feature = "ssr")]
impl From<sqlx::Error> for AppError {
    fn from(e: sqlx::Error) -> Self {
        tracing::error!(error = %e, "database error");
        AppError::Internal
    }
}

/// An error as an island shows it: (field, message) pairs in the reader's language, from the
/// message templates the server-rendered page handed it (`messages`: key name → template).
/// Islands carry no translation tables, so unknown keys fall back to `failed`.
pub fn explain(
    e: &AppError,
    messages: &[(String, String)],
    failed: &str,
    offline: &str,
) -> Vec<(String, String)> {
    match e {
        AppError::Invalid(list) => list
            .iter()
            .map(|fe| {
                let template = messages
                    .iter()
                    .find(|(k, _)| k == fe.msg.key.name())
                    .map(|(_, v)| v.as_str())
                    .unwrap_or(failed);
                let args: Vec<(&str, &str)> = fe
                    .msg
                    .args
                    .iter()
                    .map(|(a, b)| (a.as_str(), b.as_str()))
                    .collect();
                (fe.field.clone(), crate::i18n::fill(template, &args))
            })
            .collect(),
        AppError::Transport(_) => vec![(String::new(), offline.to_string())],
        _ => vec![(String::new(), failed.to_string())],
    }
}
