//! Partner organisations: the public directory (`/community`: filters, search, pages, and the
//! charts of how the community grew and where it is), each organisation's page (its practices
//! and initiatives), and who changes it: administrators directly; a partner account linked to
//! the organisation proposes, and an administrator approves what the public reads (a new
//! organisation, changes to its texts and its logo) before it shows.
pub mod api;
#[cfg(feature = "ssr")]
pub mod store;
pub mod ui;

use super::{Names, OrgKind, Stats};
use crate::error::AppError;
use crate::form::{Checker, Choice};
use crate::i18n::{k, Msg};
use serde::{Deserialize, Serialize};

/// An organisation as the directory lists it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct OrgSummary {
    pub id: i64,
    #[cfg_attr(feature = "ssr", sqlx(flatten))]
    pub names: Names,
    pub kind: String,
    pub region: String,
    pub joined_year: i64,
    pub logo: Option<String>,
    pub description: String,
}

/// What the directory's filters ask for (from the page's query string).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Filters {
    pub q: String,
    pub kind: String,
    pub region: String,
    pub field: String,
    pub page: i64,
}

impl Filters {
    /// The link that asks for the same filters on page `page`.
    pub fn href(&self, base: &str, page: usize) -> String {
        crate::ui::query_href(
            base,
            &[
                ("q", &self.q),
                ("kind", &self.kind),
                ("region", &self.region),
                ("field", &self.field),
            ],
            page,
        )
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Directory {
    pub orgs: Vec<OrgSummary>,
    pub total: i64,
    pub stats: Stats,
    /// the taxonomy's fields (id, name), for the focus filter
    pub fields: Vec<(i64, String)>,
}

/// An organisation's page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OrgPage {
    pub org: OrgDetail,
    /// its focus areas (field ids, and their names in the reader's language)
    pub field_ids: Vec<i64>,
    pub field_names: Vec<String>,
    pub practices: Vec<super::practices::PracticeSummary>,
    pub initiatives: Vec<super::initiatives::InitiativeSummary>,
    /// the viewer may change it (an administrator, or one of its partners)
    pub can_edit: bool,
    /// the representative's last proposed change, while it waits or when it was refused
    pub edit: Option<Edit>,
    /// its partner accounts (administrators only)
    pub partners: Vec<Partner>,
    /// every field of the taxonomy (id, name), for the form
    pub taxonomy: Vec<(i64, String)>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct OrgDetail {
    pub id: i64,
    #[cfg_attr(feature = "ssr", sqlx(flatten))]
    pub names: Names,
    pub kind: String,
    pub region: String,
    pub website: String,
    pub description: String,
    pub joined_year: i64,
    pub logo: Option<String>,
    pub status: String,
    pub reason: String,
    /// when it last changed (a decision is made on what the administrator read)
    pub updated_at: i64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Partner {
    pub account_id: i64,
    pub display_name: String,
    pub email: String,
}

/// A representative's proposed change to her organisation's page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Edit {
    pub id: i64,
    pub org_id: i64,
    /// the proposed texts; none when she proposed only a new logo
    pub proposed: Option<OrgInput>,
    pub logo: Option<String>,
    pub status: String,
    pub reason: String,
    pub submitted_at: i64,
}

/// An organisation's fields, checked (also what a waiting edit keeps, as JSON).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct OrgInput {
    pub names: Names,
    pub kind: String,
    pub region: String,
    pub website: String,
    pub description: String,
    pub joined_year: i64,
    pub fields: Vec<i64>,
}

/// The organisation form's fields, as posted.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct OrgFields {
    pub name_ky: String,
    pub name_ru: String,
    pub name_en: String,
    pub kind: String,
    pub region: String,
    pub website: String,
    pub description: String,
    pub joined_year: String,
}

impl OrgFields {
    /// Checks the form: at least one name, a type and a region from their lists, a website
    /// address or none, a year the programme could have had partners in (up to `this_year`),
    /// a description without contact details (they go on the website).
    pub fn check(&self, fields: &[i64], this_year: i64) -> Result<OrgInput, AppError> {
        let mut c = Checker::default();
        let names = Names {
            name_ky: c.name("name_ky", &self.name_ky, super::NAME_MAX, true),
            name_ru: c.name("name_ru", &self.name_ru, super::NAME_MAX, true),
            name_en: c.name("name_en", &self.name_en, super::NAME_MAX, true),
        };
        for (field, name) in [
            ("name_ky", &names.name_ky),
            ("name_ru", &names.name_ru),
            ("name_en", &names.name_en),
        ] {
            c.no_contact(field, name);
        }
        if names.name_ky.is_empty() && names.name_ru.is_empty() && names.name_en.is_empty() {
            c.fail("name_en", Msg::new(k::COMMUNITY_ERR_NAME));
        }
        let kind = c.choice::<OrgKind>("kind", &self.kind);
        let region = c.choice::<crate::accounts::profiles::Region>("region", &self.region);
        let website = c.text("website", &self.website, super::WEBSITE_MAX, true);
        if !website.is_empty() && !super::valid_website(&website) {
            c.fail("website", Msg::new(k::COMMUNITY_ERR_WEBSITE));
        } else if crate::safeguard::messenger_link(&website) {
            // a messenger's link is a person's contact, not an organisation's website
            c.fail("website", Msg::new(k::ERR_CONTACT_HERE));
        }
        let description = c.public_text(
            "description",
            &self.description,
            super::DESCRIPTION_MAX,
            true,
        );
        let joined_year = c.number("joined_year", &self.joined_year, super::YEAR_MIN, this_year);
        let mut fields = fields.to_vec();
        fields.sort_unstable();
        fields.dedup();
        if fields.len() > 20 {
            c.fail("fields", Msg::new(k::ERR_CHOOSE_ONE));
        }
        c.finish(kind.zip(region).map(|(kind, region)| OrgInput {
            names,
            kind: kind.code().into(),
            region: region.code().into(),
            website,
            description,
            joined_year,
            fields,
        }))
    }
}

impl From<&OrgDetail> for OrgInput {
    /// An organisation's texts as they read now (its focus areas are read apart).
    fn from(o: &OrgDetail) -> OrgInput {
        OrgInput {
            names: o.names.clone(),
            kind: o.kind.clone(),
            region: o.region.clone(),
            website: o.website.clone(),
            description: o.description.clone(),
            joined_year: o.joined_year,
            fields: Vec::new(),
        }
    }
}

impl OrgInput {
    /// The form's fields with these values (a refused form, an edit's proposal).
    pub fn fields(&self) -> OrgFields {
        OrgFields {
            name_ky: self.names.name_ky.clone(),
            name_ru: self.names.name_ru.clone(),
            name_en: self.names.name_en.clone(),
            kind: self.kind.clone(),
            region: self.region.clone(),
            website: self.website.clone(),
            description: self.description.clone(),
            joined_year: self.joined_year.to_string(),
        }
    }
}

#[cfg(test)]
mod rules {
    use super::*;

    fn form() -> OrgFields {
        OrgFields {
            name_en: "Girls in Tech".into(),
            kind: "ngo".into(),
            region: "naryn".into(),
            website: "https://girls.kg".into(),
            description: "Coding clubs".into(),
            joined_year: "2023".into(),
            ..OrgFields::default()
        }
    }

    #[test]
    fn a_clean_form_passes() {
        let input = form().check(&[3, 1, 3], 2026).unwrap();
        assert_eq!(input.fields, vec![1, 3]);
        assert_eq!(input.kind, "ngo");
    }

    #[test]
    fn bad_forms_say_where() {
        let fields = |f: OrgFields| match f.check(&[], 2026) {
            Err(AppError::Invalid(errors)) => errors.into_iter().map(|e| e.field).collect(),
            _ => Vec::<String>::new(),
        };
        assert_eq!(
            fields(OrgFields {
                name_en: String::new(),
                ..form()
            }),
            vec!["name_en"]
        );
        assert_eq!(
            fields(OrgFields {
                kind: "cult".into(),
                region: "mars".into(),
                website: "javascript:alert(1)".into(),
                joined_year: "2027".into(),
                description: "write to girls@example.kg".into(),
                ..form()
            }),
            vec!["kind", "region", "website", "description", "joined_year"]
        );
    }
}
