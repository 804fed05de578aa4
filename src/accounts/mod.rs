//! Accounts: sign-up, sign-in, email confirmation (sign-out and the language switch, which
//! every page's header offers, are `auth::api`). Validation rules live here as plain functions
//! (both sides compile them; the server is the one that enforces them).
pub mod api;
#[cfg(all(test, feature = "ssr"))]
mod http_tests;
pub mod profiles;
#[cfg(all(test, feature = "ssr"))]
mod recovery_tests;
#[cfg(feature = "ssr")]
pub mod store;
pub mod ui;

use crate::auth::Role;
use crate::error::{AppError, FieldError};
use crate::i18n::{k, Msg};
use serde::{Deserialize, Serialize};

pub const EMAIL_MAX: usize = 254;
pub const NAME_MAX: usize = 80;
pub const PASSWORD_MIN: usize = 12;
pub const PASSWORD_MAX: usize = 128;

/// What the account page shows its owner.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AccountView {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub role: Role,
    pub created_at: i64,
    /// Voting in the award needs a confirmed address.
    pub email_confirmed: bool,
}

/// A sign-up that passed validation: email lower-cased and trimmed, name trimmed.
#[derive(Clone, Debug, PartialEq)]
pub struct ValidSignUp {
    pub email: String,
    pub display_name: String,
    pub password: String,
    pub role: Role,
}

pub fn normalize_email(raw: &str) -> Result<String, Msg> {
    let email = raw.trim().to_lowercase();
    if email.is_empty() {
        return Err(Msg::new(k::ERR_REQUIRED));
    }
    if email.chars().count() > EMAIL_MAX {
        return Err(Msg::new(k::ERR_TOO_LONG).with("max", EMAIL_MAX));
    }
    let valid = match email.rsplit_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && local.len() <= 64
                && !local.contains('@')
                && domain.contains('.')
                && domain.split('.').all(|label| !label.is_empty())
                && !email
                    .chars()
                    .any(|c| c.is_whitespace() || c.is_control() || "<>()[],;:\"\\".contains(c))
        }
        None => false,
    };
    if valid {
        Ok(email)
    } else {
        Err(Msg::new(k::ERR_EMAIL_INVALID))
    }
}

pub fn normalize_name(raw: &str) -> Result<String, Msg> {
    let name = raw.trim();
    if name.is_empty() {
        return Err(Msg::new(k::ERR_REQUIRED));
    }
    if name.chars().count() > NAME_MAX {
        return Err(Msg::new(k::ERR_TOO_LONG).with("max", NAME_MAX));
    }
    if name
        .chars()
        .any(|c| c.is_control() || crate::safeguard::reorders(c) || crate::safeguard::invisible(c))
    {
        return Err(Msg::new(k::ERR_INVALID_CHARS));
    }
    // everyone she writes to reads her name: no contact details in it
    if crate::safeguard::contains_contact(name) {
        return Err(Msg::new(k::ERR_CONTACT_HERE));
    }
    Ok(name.to_string())
}

/// Length only, no composition rules (NIST 800-63B).
pub fn check_password(password: &str) -> Result<(), Msg> {
    let n = password.chars().count();
    if n == 0 {
        Err(Msg::new(k::ERR_REQUIRED))
    } else if n < PASSWORD_MIN {
        Err(Msg::new(k::ERR_PASSWORD_SHORT))
    } else if n > PASSWORD_MAX {
        Err(Msg::new(k::ERR_PASSWORD_LONG))
    } else {
        Ok(())
    }
}

/// Only the roles a person may choose for herself; admin, jury and partner are granted.
pub fn parse_self_chosen_role(raw: &str) -> Result<Role, Msg> {
    Role::from_code(raw.trim())
        .filter(|r| Role::SELF_CHOSEN.contains(r))
        .ok_or_else(|| Msg::new(k::ERR_ROLE_UNKNOWN))
}

/// A new account's own fields as posted, but for the password (its own argument, so it is
/// never put back into a refused form): the sign-up form adds the role ([`SignUpFields`]); an
/// administrator's new-juror form (`awards::admin::api::create_juror`) posts just these.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct AccountFields {
    pub email: String,
    pub display_name: String,
}

/// The sign-up form's fields as posted: the account's own and the role she chooses.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SignUpFields {
    #[serde(flatten)]
    pub account: AccountFields,
    pub role: String,
}

/// Checks every field and reports all problems at once.
pub fn validate_sign_up(f: &SignUpFields, password: &str) -> Result<ValidSignUp, AppError> {
    let mut errors = Vec::new();
    let email =
        normalize_email(&f.account.email).map_err(|m| errors.push(FieldError::new("email", m)));
    let name = normalize_name(&f.account.display_name)
        .map_err(|m| errors.push(FieldError::new("display_name", m)));
    let pw = check_password(password).map_err(|m| errors.push(FieldError::new("password", m)));
    let role = parse_self_chosen_role(&f.role).map_err(|m| errors.push(FieldError::new("role", m)));
    match (email, name, pw, role) {
        (Ok(email), Ok(display_name), Ok(()), Ok(role)) => Ok(ValidSignUp {
            email,
            display_name,
            password: password.to_string(),
            role,
        }),
        _ => Err(AppError::Invalid(errors)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(e: AppError) -> Vec<(String, &'static str)> {
        match e {
            AppError::Invalid(v) => v.into_iter().map(|f| (f.field, f.msg.key.name())).collect(),
            other => panic!("expected Invalid, got {other:?}"),
        }
    }

    fn sign_up(email: &str, display_name: &str, role: &str) -> SignUpFields {
        SignUpFields {
            account: AccountFields {
                email: email.into(),
                display_name: display_name.into(),
            },
            role: role.into(),
        }
    }

    #[test]
    fn a_good_sign_up_is_normalized() {
        let v = validate_sign_up(
            &sign_up("  Aida@Example.KG ", " Aida K. ", "mentee"),
            "twelve chars",
        )
        .unwrap();
        assert_eq!(v.email, "aida@example.kg");
        assert_eq!(v.display_name, "Aida K.");
        assert_eq!(v.role, Role::Mentee);
    }

    #[test]
    fn every_bad_field_is_reported_at_once() {
        let errs = fields(validate_sign_up(&sign_up("", "", "admin"), "short").unwrap_err());
        assert_eq!(
            errs,
            vec![
                ("email".into(), "err.required"),
                ("display_name".into(), "err.required"),
                ("password".into(), "err.password_short"),
                ("role".into(), "err.role_unknown"),
            ]
        );
    }

    #[test]
    fn emails_are_checked() {
        for bad in [
            "a", "a@b", "@b.kg", "a b@c.kg", "a@b..kg", "a@@b.kg", "a@.kg", "a<b@c.kg",
        ] {
            assert_eq!(
                normalize_email(bad).unwrap_err().key,
                k::ERR_EMAIL_INVALID,
                "{bad}"
            );
        }
        let long = format!("{}@x.kg", "a".repeat(250));
        assert_eq!(normalize_email(&long).unwrap_err().key, k::ERR_TOO_LONG);
        assert_eq!(
            normalize_email("nurzat.t@mail.ru").unwrap(),
            "nurzat.t@mail.ru"
        );
    }

    #[test]
    fn password_length_is_counted_in_characters() {
        assert!(check_password("ааааааааааа").is_err()); // 11 Cyrillic letters, 22 bytes
        assert!(check_password("аааааааааааа").is_ok()); // 12
        assert_eq!(
            check_password(&"x".repeat(129)).unwrap_err().key,
            k::ERR_PASSWORD_LONG
        );
        assert!(check_password(&"x".repeat(128)).is_ok());
    }

    #[test]
    fn names_are_checked() {
        assert_eq!(
            normalize_name(&"я".repeat(81)).unwrap_err().key,
            k::ERR_TOO_LONG
        );
        assert!(normalize_name(&"я".repeat(80)).is_ok());
        assert_eq!(
            normalize_name("a\u{0007}b").unwrap_err().key,
            k::ERR_INVALID_CHARS
        );
        for name in [
            "Aigerim @aigerim_t",
            "Aida 0555 123 456",
            "aida.t@gmail.com",
        ] {
            assert_eq!(
                normalize_name(name).unwrap_err().key,
                k::ERR_CONTACT_HERE,
                "{name}"
            );
        }
        for name in [
            "Айгерим Т.",
            "Saltanat R.",
            "Dr. Asel Ibraimova",
            "Мээрим Асанбек кызы",
        ] {
            assert!(normalize_name(name).is_ok(), "{name}");
        }
    }

    #[test]
    fn only_mentee_and_mentor_are_self_chosen() {
        assert_eq!(parse_self_chosen_role("mentor").unwrap(), Role::Mentor);
        for r in ["admin", "jury", "partner", "", "boss"] {
            assert!(parse_self_chosen_role(r).is_err(), "{r}");
        }
    }
}
