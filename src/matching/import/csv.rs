//! Reading a spreadsheet's CSV export: UTF-8 (a byte-order mark or not), comma or semicolon
//! (whichever the header line uses more), quoted cells with `""` for a quote and line breaks
//! inside, CRLF or LF. Pure: bytes in, a table or the one problem that stops the whole file.
use super::{Problem, FILE_MAX, ROWS_MAX};

/// The most columns a file may have (an import knows about 25).
pub const COLUMNS_MAX: usize = 100;
use crate::i18n::{k, Msg};

/// A file's header (trimmed, lower-case) and its rows, each with the line it starts on.
#[derive(Debug, PartialEq)]
pub struct Table {
    pub header: Vec<String>,
    pub rows: Vec<Row>,
}

#[derive(Debug, PartialEq)]
pub struct Row {
    /// The file's line the row starts on (the header is line 1).
    pub line: usize,
    pub cells: Vec<String>,
}

impl Table {
    /// Each column's position by its name, looked up once per file.
    pub fn columns(&self) -> std::collections::HashMap<&str, usize> {
        let mut columns = std::collections::HashMap::new();
        for (i, h) in self.header.iter().enumerate() {
            columns.entry(h.as_str()).or_insert(i);
        }
        columns
    }
}

impl Row {
    /// The trimmed cell of column `i` (empty when the row is shorter).
    pub fn cell(&self, i: Option<usize>) -> &str {
        i.and_then(|i| self.cells.get(i)).map_or("", |c| c.trim())
    }
}

fn whole_file(key: crate::i18n::Key) -> Problem {
    Problem::new(0, "", Msg::new(key))
}

/// Reads `bytes` as a CSV file; a problem that makes the whole file unreadable otherwise (too
/// big, not UTF-8 text, no header, too many rows, a quote never closed).
pub fn parse(bytes: &[u8]) -> Result<Table, Problem> {
    if bytes.len() > FILE_MAX {
        return Err(Problem::new(
            0,
            "",
            Msg::new(k::IMPORT_TOO_BIG).with("mb", FILE_MAX / (1024 * 1024)),
        ));
    }
    let text = std::str::from_utf8(bytes).map_err(|_| whole_file(k::IMPORT_NOT_UTF8))?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.contains('\0') {
        return Err(whole_file(k::IMPORT_NOT_TEXT));
    }
    let first = text.lines().next().unwrap_or("");
    let delimiter = if first.matches(';').count() > first.matches(',').count() {
        ';'
    } else {
        ','
    };
    let mut records = records(text, delimiter)?;
    if records.is_empty() {
        return Err(whole_file(k::IMPORT_EMPTY));
    }
    let head = records.remove(0);
    if head.cells.len() > COLUMNS_MAX {
        return Err(Problem::new(
            head.line,
            "",
            Msg::new(k::IMPORT_TOO_MANY_COLUMNS).with("max", COLUMNS_MAX),
        ));
    }
    let header = head.cells.iter().map(|h| h.trim().to_lowercase()).collect();
    Ok(Table {
        header,
        rows: records,
    })
}

/// The records of `text` that have something in them, each with the line it starts on; more
/// than the header and [`ROWS_MAX`] rows stop the reading.
fn records(text: &str, delimiter: char) -> Result<Vec<Row>, Problem> {
    let mut rows = Vec::new();
    let mut cells = Vec::new();
    let mut cell = String::new();
    // whether the cell so far is only spaces (a quote there opens a quoted cell)
    let mut blank = true;
    let mut line = 1;
    let mut start = 1;
    let mut quoted = false;
    let mut quote_line = 0;
    let mut end_row = |cells: &mut Vec<String>, start: usize| -> Result<(), Problem> {
        if cells.iter().any(|c| !c.trim().is_empty()) {
            if rows.len() > ROWS_MAX {
                return Err(Problem::new(
                    0,
                    "",
                    Msg::new(k::IMPORT_TOO_MANY_ROWS).with("max", ROWS_MAX),
                ));
            }
            rows.push(Row {
                line: start,
                cells: std::mem::take(cells),
            });
        }
        cells.clear();
        Ok(())
    };
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    cell.push('"');
                }
                '"' => quoted = false,
                '\n' => {
                    line += 1;
                    cell.push('\n');
                }
                '\r' => {}
                c => cell.push(c),
            }
            continue;
        }
        match c {
            '"' if blank => {
                cell.clear();
                blank = false;
                quoted = true;
                quote_line = line;
            }
            c if c == delimiter => {
                cells.push(std::mem::take(&mut cell));
                blank = true;
                if cells.len() >= COLUMNS_MAX {
                    return Err(Problem::new(
                        start,
                        "",
                        Msg::new(k::IMPORT_TOO_MANY_COLUMNS).with("max", COLUMNS_MAX),
                    ));
                }
            }
            '\r' => {}
            '\n' => {
                cells.push(std::mem::take(&mut cell));
                blank = true;
                end_row(&mut cells, start)?;
                line += 1;
                start = line;
            }
            c => {
                blank &= c.is_whitespace();
                cell.push(c);
            }
        }
    }
    if quoted {
        return Err(Problem::new(quote_line, "", Msg::new(k::IMPORT_QUOTE_OPEN)));
    }
    cells.push(cell);
    end_row(&mut cells, start)?;
    Ok(rows)
}

/// The items of a list cell: separated by `|`, `;` or `,` (the cell is quoted when the
/// file's own separator is among them), trimmed, empty ones dropped.
pub fn items(cell: &str) -> Vec<&str> {
    cell.split(['|', ';', ','])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(t: &Table) -> Vec<Vec<&str>> {
        t.rows
            .iter()
            .map(|r| r.cells.iter().map(String::as_str).collect())
            .collect()
    }

    #[test]
    fn commas_semicolons_quotes_and_a_byte_order_mark() {
        let t = parse("\u{feff}Email;Name\r\naida@example.kg;\"Айда; \"\"Ая\"\"\"\r\n".as_bytes())
            .unwrap();
        assert_eq!(t.header, ["email", "name"]);
        assert_eq!(cells(&t), [["aida@example.kg", "Айда; \"Ая\""]]);
        let t = parse(b"email,name\n\"a@x.kg\",\"two\nlines\"\n\n,\nb@x.kg,B").unwrap();
        assert_eq!(
            cells(&t),
            [vec!["a@x.kg", "two\nlines"], vec!["b@x.kg", "B"]]
        );
        // a row starts on its own line, a quoted line break counted
        assert_eq!(t.rows.iter().map(|r| r.line).collect::<Vec<_>>(), [2, 6]);
        assert_eq!(t.columns().get("name"), Some(&1));
        assert_eq!(t.rows[1].cell(Some(5)), "");
    }

    #[test]
    fn unreadable_files_say_why() {
        let key = |bytes: &[u8]| parse(bytes).unwrap_err().msg.key;
        // Windows-1251 "Айда"
        assert_eq!(
            key(b"email,name\nx@y.kg,\xc0\xe9\xe4\xe0"),
            k::IMPORT_NOT_UTF8
        );
        assert_eq!(key(b"email\0name"), k::IMPORT_NOT_TEXT);
        assert_eq!(key(b"\n ,\n"), k::IMPORT_EMPTY);
        assert_eq!(key(&vec![b'a'; FILE_MAX + 1]), k::IMPORT_TOO_BIG);
        let open = parse(b"email,name\nx@y.kg,\"never closed\nmore").unwrap_err();
        assert_eq!((open.line, open.msg.key), (2, k::IMPORT_QUOTE_OPEN));
        let many = format!("email\n{}", "x@y.kg\n".repeat(ROWS_MAX + 1));
        assert_eq!(key(many.as_bytes()), k::IMPORT_TOO_MANY_ROWS);
        // blank lines do not count; the limit itself passes
        let most = format!("email\n{}", "x@y.kg\n,\n".repeat(ROWS_MAX));
        assert_eq!(parse(most.as_bytes()).unwrap().rows.len(), ROWS_MAX);
        assert_eq!(
            key("a,".repeat(COLUMNS_MAX).as_bytes()),
            k::IMPORT_TOO_MANY_COLUMNS
        );
        // a quote after other text is text; a million of them cost no more than their length
        let quotes = format!("email\n{}x{}", " ".repeat(100_000), "\"".repeat(100_000));
        assert_eq!(
            parse(quotes.as_bytes()).unwrap().rows[0].cells[0].len(),
            200_001
        );
    }

    #[test]
    fn list_cells_split_on_any_separator() {
        assert_eq!(items(" data | web;ai ,, "), ["data", "web", "ai"]);
        assert!(items("  ").is_empty());
    }
}
