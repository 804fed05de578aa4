//! Documents the programme shares with its community (the partnership strategy): PDFs that
//! administrators upload, each downloadable by everyone or by partners only, as set per
//! document, with every earlier version kept and listed (`/community/documents`).
pub mod api;
#[cfg(feature = "ssr")]
pub mod store;
pub mod ui;

use crate::form::choice;
use serde::{Deserialize, Serialize};

pub const TITLE_MAX: usize = 160;
pub const NOTE_MAX: usize = 500;

choice!(DocAudience {
    Public = "public" => DOCUMENT_PUBLIC,
    Partners = "partners" => DOCUMENT_PARTNERS,
});

/// A version of a document.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Version {
    pub version: i64,
    pub file: String,
    pub file_name: String,
    pub size: i64,
    pub note: String,
    pub created_at: i64,
}

/// A document with its versions, newest first (the first is the current one).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Document {
    pub id: i64,
    pub title: String,
    pub audience: String,
    pub versions: Vec<Version>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Documents {
    pub documents: Vec<Document>,
    /// the viewer uploads (an administrator)
    pub admin: bool,
}

/// "2.4 MB", "2,4 МБ", "310 KB" in the reader's language.
pub fn size_label(locale: crate::i18n::Locale, bytes: i64) -> String {
    use crate::i18n::k;
    if bytes >= 1024 * 1024 {
        let n = locale.decimal(bytes as f64 / (1024.0 * 1024.0), 1);
        locale.tf(k::DOCUMENT_MB, &[("n", &n)])
    } else {
        locale.tf(
            k::DOCUMENT_KB,
            &[("n", &((bytes + 1023) / 1024).to_string())],
        )
    }
}

#[cfg(test)]
mod rules {
    use super::*;
    use crate::i18n::Locale;

    #[test]
    fn sizes_read_as_people_write_them() {
        assert_eq!(size_label(Locale::En, 2_516_582), "2.4 MB");
        assert_eq!(size_label(Locale::Ru, 2_516_582), "2,4 МБ");
        assert_eq!(size_label(Locale::En, 1), "1 KB");
        assert_eq!(size_label(Locale::En, 317_440), "310 KB");
    }
}
