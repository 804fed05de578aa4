//! Calendars: an iCalendar (RFC 5545) file for one lecture and each person's feed of what she
//! registered for, at a secret address she can replace (which ends the old one). Times are
//! written in UTC (`…Z`), which every calendar program turns into its reader's own zone, so a
//! mentor in Tokyo and a mentee in Naryn see the same instant at their own hour. This file is
//! the writer (pure, unit-tested, with a reader for the tests); `store.rs` keeps the feeds'
//! secrets, `api.rs` serves the files.
pub mod api;
#[cfg(feature = "ssr")]
pub mod store;
pub mod ui;

/// One event of a calendar.
#[derive(Clone, Debug, PartialEq)]
pub struct Event {
    /// Unique and stable across downloads ("lecture-12@stem4all"), so a calendar program
    /// updates an event instead of adding a second.
    pub uid: String,
    pub starts_at: i64,
    pub ends_at: i64,
    pub title: String,
    pub description: String,
    /// The event's page.
    pub url: String,
    /// When this version of the event was written (the lecture's last change).
    pub stamp: i64,
}

/// "20261205T100000Z"
fn utc(unix_seconds: i64) -> String {
    let day = unix_seconds.div_euclid(86_400);
    let secs = unix_seconds.rem_euclid(86_400);
    let (y, m, d) = crate::time::civil(day);
    format!(
        "{y:04}{m:02}{d:02}T{:02}{:02}{:02}Z",
        secs / 3_600,
        secs % 3_600 / 60,
        secs % 60
    )
}

/// A text value escaped as RFC 5545 asks (backslash, semicolon, comma, line breaks); other
/// control characters are dropped.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends one content line, folded at 75 octets (never inside a character), ended by CRLF.
fn line(out: &mut String, text: &str) {
    let mut width = 0;
    for c in text.chars() {
        if width + c.len_utf8() > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += c.len_utf8();
    }
    out.push_str("\r\n");
}

/// A calendar of `events` named `name`.
pub fn ics(name: &str, events: &[Event]) -> String {
    let mut out = String::new();
    line(&mut out, "BEGIN:VCALENDAR");
    line(&mut out, "VERSION:2.0");
    line(&mut out, "PRODID:-//STEM4ALL Mentoring//Lectures//EN");
    line(&mut out, "CALSCALE:GREGORIAN");
    line(&mut out, "METHOD:PUBLISH");
    line(&mut out, &format!("X-WR-CALNAME:{}", escape(name)));
    for e in events {
        line(&mut out, "BEGIN:VEVENT");
        line(&mut out, &format!("UID:{}", escape(&e.uid)));
        line(&mut out, &format!("DTSTAMP:{}", utc(e.stamp)));
        line(&mut out, &format!("DTSTART:{}", utc(e.starts_at)));
        line(&mut out, &format!("DTEND:{}", utc(e.ends_at)));
        line(&mut out, &format!("SUMMARY:{}", escape(&e.title)));
        if !e.description.is_empty() {
            line(&mut out, &format!("DESCRIPTION:{}", escape(&e.description)));
        }
        line(&mut out, &format!("URL:{}", escape(&e.url)));
        line(&mut out, "END:VEVENT");
    }
    line(&mut out, "END:VCALENDAR");
    out
}

/// Reads back what [`ics`] wrote (unfolded, unescaped): each event's properties by name. For
/// the tests, which check the file the way a calendar program reads it.
#[cfg(test)]
pub fn read(text: &str) -> Vec<std::collections::HashMap<String, String>> {
    assert!(text.ends_with("\r\n"), "lines end with CRLF");
    let unfolded = text.replace("\r\n ", "");
    let mut events = Vec::new();
    let mut current: Option<std::collections::HashMap<String, String>> = None;
    for l in unfolded.split("\r\n").filter(|l| !l.is_empty()) {
        assert!(l.len() <= 75 * 8, "a line");
        match l {
            "BEGIN:VEVENT" => current = Some(Default::default()),
            "END:VEVENT" => events.push(current.take().expect("an event was open")),
            _ => {
                if let (Some(ev), Some((k, v))) = (current.as_mut(), l.split_once(':')) {
                    let v = v
                        .replace("\\n", "\n")
                        .replace("\\,", ",")
                        .replace("\\;", ";")
                        .replace("\\\\", "\\");
                    ev.insert(k.to_string(), v);
                }
            }
        }
    }
    events
}

/// An instant from "20261205T100000Z" (for the tests).
#[cfg(test)]
pub fn parse_utc(s: &str) -> Option<i64> {
    let s = s.strip_suffix('Z')?;
    let (date, time) = s.split_once('T')?;
    let day = crate::time::parse_date(&format!("{}-{}-{}", &date[..4], &date[4..6], &date[6..8]))?;
    let n = |a: usize| time[a..a + 2].parse::<i64>().ok();
    Some(day * 86_400 + n(0)? * 3_600 + n(2)? * 60 + n(4)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_read_back_at_the_same_instant_in_every_zone() {
        // 5 December 2026, 15:00 in Bishkek (UTC+6) = 09:00 UTC = 18:00 in Tokyo = 10:00 in Berlin
        let bishkek = crate::time::programme_zone();
        let start = crate::time::parse_datetime_local("2026-12-05T15:00", bishkek).expect("a time");
        let e = Event {
            uid: "lecture-7@stem4all".into(),
            starts_at: start,
            ends_at: start + 90 * 60,
            title: "Лидерство, команда; и время\\".into(),
            description: "Первая строка\nвторая, длинная ".repeat(8),
            url: "https://stem4all.example/lectures/7".into(),
            stamp: start - 86_400,
        };
        let text = ics("Лекции", std::slice::from_ref(&e));
        for l in text.split("\r\n") {
            assert!(l.len() <= 75, "folded at 75 octets: {l:?}");
        }
        let events = read(&text);
        assert_eq!(events.len(), 1);
        let got = &events[0];
        assert_eq!(got["SUMMARY"], e.title);
        assert_eq!(got["DESCRIPTION"], e.description);
        assert_eq!(got["DTSTART"], "20261205T090000Z");
        let back = parse_utc(&got["DTSTART"]).unwrap();
        assert_eq!(back, start);
        assert_eq!(parse_utc(&got["DTEND"]).unwrap(), start + 90 * 60);
        let tokyo = crate::time::zone("Asia/Tokyo").unwrap();
        let berlin = crate::time::zone("Europe/Berlin").unwrap();
        assert_eq!(
            crate::time::datetime_local(back, &tokyo),
            "2026-12-05T18:00"
        );
        assert_eq!(
            crate::time::datetime_local(back, &berlin),
            "2026-12-05T10:00"
        );
        // summer time: 1 July 2027, 15:00 Bishkek is 11:00 in Berlin (UTC+2)
        let july = crate::time::parse_datetime_local("2027-07-01T15:00", bishkek).unwrap();
        let text = ics(
            "x",
            &[Event {
                starts_at: july,
                ends_at: july + 60,
                ..e
            }],
        );
        let back = parse_utc(&read(&text)[0]["DTSTART"]).unwrap();
        assert_eq!(
            crate::time::datetime_local(back, &berlin),
            "2027-07-01T11:00"
        );
    }
}
