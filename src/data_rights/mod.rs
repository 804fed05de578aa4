//! People's data rights: each person downloads everything the platform holds about
//! her (`/account/data`), as JSON for machines and as a readable HTML page, each download
//! audited; and deletes her account (`store::erase`): her profile and private content go,
//! her open mentorships end with a notice, her votes stay counted without her name, and what
//! she wrote to others reads "Deleted account". An administrator does both for someone on her
//! written request; all of it is audited.
pub mod api;
#[cfg(feature = "ssr")]
pub mod store;
#[cfg(all(test, feature = "ssr"))]
mod tests;
pub mod ui;

/// How many downloads of one person's data an hour (each is audited).
pub const EXPORTS_PER_HOUR: i64 = 10;

/// The longest description of a written request to delete an account (kept in the audit log).
pub const REQUEST_MAX: usize = 500;

/// One part of her data: its name and its rows (column → value), as the database holds them;
/// times (`…_at`) are unix seconds, UTC.
#[cfg(feature = "ssr")]
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Part {
    pub name: &'static str,
    pub rows: Vec<serde_json::Map<String, serde_json::Value>>,
}

/// Everything about one person.
#[cfg(feature = "ssr")]
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Export {
    pub account_id: i64,
    pub generated_at: i64,
    pub parts: Vec<Part>,
}

#[cfg(feature = "ssr")]
impl Export {
    pub fn json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_else(|_| "{}".into())
    }

    /// A page a person reads in a browser, offline: each part a heading and a table, times
    /// written out (UTC), every value escaped.
    pub fn html(&self, locale: crate::i18n::Locale) -> String {
        use crate::i18n::k;
        fn esc(s: &str) -> String {
            s.replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('>', "&gt;")
                .replace('"', "&quot;")
        }
        let title = esc(locale.t(k::DATA_TITLE));
        let mut out = format!(
            "<!DOCTYPE html><html lang=\"{}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
             <title>{title}</title><style>body{{font-family:sans-serif;max-width:60rem;margin:1rem auto;padding:0 1rem}}\
             table{{border-collapse:collapse;margin:.5rem 0 1.5rem}}td,th{{border:1px solid #999;padding:.25rem .5rem;text-align:left;vertical-align:top}}</style></head>\
             <body><main><h1>{title}</h1><p>{}</p>",
            locale.code(),
            esc(&locale.tf(
                k::DATA_GENERATED,
                &[("date", &crate::audit::utc(self.generated_at))]
            )),
        );
        for part in &self.parts {
            out.push_str(&format!("<h2>{}</h2>", esc(part.name)));
            let Some(first) = part.rows.first() else {
                out.push_str(&format!("<p>{}</p>", esc(locale.t(k::DATA_NONE))));
                continue;
            };
            out.push_str("<table><thead><tr>");
            for col in first.keys() {
                out.push_str(&format!("<th scope=\"col\">{}</th>", esc(col)));
            }
            out.push_str("</tr></thead><tbody>");
            for row in &part.rows {
                out.push_str("<tr>");
                for (col, v) in row {
                    let text = match v {
                        serde_json::Value::Null => String::new(),
                        serde_json::Value::Number(n) if col.ends_with("_at") => n
                            .as_i64()
                            .map(|t| format!("{} UTC", crate::audit::utc(t)))
                            .unwrap_or_else(|| n.to_string()),
                        serde_json::Value::String(s) => {
                            crate::safeguard::readable(locale, s).to_string()
                        }
                        other => other.to_string(),
                    };
                    out.push_str(&format!(
                        "<td style=\"white-space:pre-line\">{}</td>",
                        esc(&text)
                    ));
                }
                out.push_str("</tr>");
            }
            out.push_str("</tbody></table>");
        }
        out.push_str("</main></body></html>");
        out
    }
}
