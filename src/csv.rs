//! CSV files for spreadsheet programs: UTF-8 with a byte-order mark (so Excel reads Cyrillic
//! as Cyrillic), comma-separated, CRLF line ends, every cell text (never a formula). Every
//! download of a table (a cohort's pairs, the audit log, the dashboard's tables) is written
//! with [`Table`] and sent with [`download`].

/// One CSV cell that spreadsheet programs open as the text it is: quoted when it holds a comma,
/// a semicolon, a quote or a line break, and never read as a formula (a leading `=`, `+`, `-`,
/// `@` or tab gets a `'` first).
pub fn cell(text: &str) -> String {
    let text = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    };
    if text.contains([',', ';', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

/// A CSV file being written: the byte-order mark and the header row first, then rows.
pub struct Table {
    out: String,
}

impl Table {
    pub fn new(header: &[&str]) -> Table {
        let mut t = Table {
            out: String::from("\u{FEFF}"),
        };
        t.row(header);
        t
    }

    pub fn row(&mut self, cells: &[&str]) {
        for (i, c) in cells.iter().enumerate() {
            if i > 0 {
                self.out.push(',');
            }
            self.out.push_str(&cell(c));
        }
        self.out.push_str("\r\n");
    }

    pub fn finish(self) -> String {
        self.out
    }
}

/// A CSV file as a download named `name` (ASCII letters, digits, `-`, `_` and `.` only),
/// never cached.
#[cfg(feature = "ssr")]
pub fn download(name: &str, body: String) -> axum::response::Response {
    use axum::http::header;
    use axum::response::IntoResponse;
    let name: String = name
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        .collect();
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
            (header::CACHE_CONTROL, "no-store".to_string()),
        ],
        body,
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_stay_text() {
        assert_eq!(cell("Айгерим Т."), "Айгерим Т.");
        assert_eq!(cell("Asel, PhD"), "\"Asel, PhD\"");
        assert_eq!(cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(cell("+996"), "'+996");
        assert_eq!(cell("two\nlines"), "\"two\nlines\"");
    }

    #[test]
    fn a_table_has_its_mark_header_and_rows() {
        let mut t = Table::new(&["name", "count"]);
        t.row(&["Нарын", "12"]);
        assert_eq!(t.finish(), "\u{FEFF}name,count\r\nНарын,12\r\n");
    }
}
