//! Dates and time zones, in one place, on jiff with its built-in zone database (a machine
//! without tzdata still knows every zone). The programme runs on Asia/Bishkek: "today", the end
//! of a closing day and the morning of the daily reminder are Bishkek's. Instants are stored as
//! unix seconds (UTC) and calendar dates as "YYYY-MM-DD" or a day number (days since
//! 1970-01-01); a reader's own zone (`zone`) is for the areas that show times of day.
use jiff::{civil::Date, tz::TimeZone, Timestamp};
use std::sync::OnceLock;

/// The programme's zone.
pub const PROGRAMME_ZONE: &str = "Asia/Bishkek";

/// Asia/Bishkek.
pub fn programme_zone() -> &'static TimeZone {
    static ZONE: OnceLock<TimeZone> = OnceLock::new();
    ZONE.get_or_init(|| {
        jiff::tz::db()
            .get(PROGRAMME_ZONE)
            .expect("the built-in zone database has Asia/Bishkek")
    })
}

/// The zones the account page offers (where the programme's people live: Central Asia and the
/// countries its international mentors work in); any other IANA name is refused there.
pub const ZONES: &[&str] = &[
    "Asia/Bishkek",
    "Asia/Almaty",
    "Asia/Tashkent",
    "Asia/Dushanbe",
    "Asia/Dubai",
    "Asia/Kolkata",
    "Asia/Shanghai",
    "Asia/Seoul",
    "Asia/Tokyo",
    "Asia/Singapore",
    "Australia/Sydney",
    "Europe/Moscow",
    "Europe/Istanbul",
    "Europe/Kyiv",
    "Europe/Berlin",
    "Europe/Paris",
    "Europe/London",
    "America/New_York",
    "America/Chicago",
    "America/Denver",
    "America/Los_Angeles",
    "America/Toronto",
];

/// A zone by its IANA name ("Asia/Tokyo", "Europe/Berlin"), if the database knows it.
pub fn zone(name: &str) -> Option<TimeZone> {
    let name = name.trim();
    if name.is_empty() || name.len() > 64 {
        return None;
    }
    jiff::tz::db().get(name).ok()
}

fn timestamp(unix_seconds: i64) -> Timestamp {
    Timestamp::from_second(unix_seconds).unwrap_or(if unix_seconds < 0 {
        Timestamp::MIN
    } else {
        Timestamp::MAX
    })
}

/// The day number of a calendar date.
fn day_of_date(date: Date) -> i64 {
    date.to_zoned(TimeZone::UTC)
        .map(|z| z.timestamp().as_second().div_euclid(86_400))
        .unwrap_or(0)
}

/// The calendar date of a day number.
fn date_of(day: i64) -> Date {
    timestamp(day.saturating_mul(86_400))
        .to_zoned(TimeZone::UTC)
        .date()
}

/// A calendar date "YYYY-MM-DD" (years 1970 to 2200) that exists, as its day number.
pub fn parse_date(s: &str) -> Option<i64> {
    let mut parts = s.trim().splitn(3, '-');
    let mut number = || -> Option<i64> {
        let p = parts.next()?;
        (!p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse().ok())
            .flatten()
    };
    let (y, m, d) = (number()?, number()?, number()?);
    if !(1970..=2200).contains(&y) {
        return None;
    }
    let date = Date::new(y as i16, i8::try_from(m).ok()?, i8::try_from(d).ok()?).ok()?;
    Some(day_of_date(date))
}

/// (year, month, day) of a day number.
pub fn civil(day: i64) -> (i64, u32, u32) {
    let d = date_of(day);
    (d.year() as i64, d.month() as u32, d.day() as u32)
}

/// "YYYY-MM-DD" of a day number (what date inputs and the database hold).
pub fn iso_date(day: i64) -> String {
    let (y, m, d) = civil(day);
    format!("{y:04}-{m:02}-{d:02}")
}

/// The day number of the date it is in `zone` at an instant.
pub fn day_in(unix_seconds: i64, zone: &TimeZone) -> i64 {
    day_of_date(timestamp(unix_seconds).to_zoned(zone.clone()).date())
}

/// The programme's date (Bishkek) at an instant, as a day number.
pub fn today(now: i64) -> i64 {
    day_in(now, programme_zone())
}

/// The hour of the day (0–23) in Bishkek at an instant.
pub fn programme_hour(now: i64) -> i8 {
    timestamp(now).to_zoned(programme_zone().clone()).hour()
}

/// The first instant after day `day` has ended in `zone` (its next midnight), in unix seconds.
pub fn end_of_day(day: i64, zone: &TimeZone) -> i64 {
    date_of(day.saturating_add(1))
        .to_zoned(zone.clone())
        .map(|z| z.timestamp().as_second())
        .unwrap_or(i64::MAX)
}

/// The day on which something that ends at `until` (an [`end_of_day`]) closes, in `zone`.
pub fn closing_day(until: i64, zone: &TimeZone) -> i64 {
    day_in(until.saturating_sub(1), zone)
}

/// The wall clock in `zone` at an instant: (day number, hour, minute).
pub fn wall_clock(unix_seconds: i64, zone: &TimeZone) -> (i64, i8, i8) {
    let z = timestamp(unix_seconds).to_zoned(zone.clone());
    (day_of_date(z.date()), z.hour(), z.minute())
}

/// "YYYY-MM-DDTHH:MM" in `zone` (what a `datetime-local` input holds) of an instant.
pub fn datetime_local(unix_seconds: i64, zone: &TimeZone) -> String {
    let (day, h, m) = wall_clock(unix_seconds, zone);
    format!("{}T{h:02}:{m:02}", iso_date(day))
}

/// An instant from "YYYY-MM-DDTHH:MM" (a `datetime-local` input; a space instead of the `T`
/// and seconds are taken too) read as the wall clock in `zone`. A time that a change of the
/// clocks skips is read as the later side of the gap; one that happens twice as the earlier.
pub fn parse_datetime_local(s: &str, zone: &TimeZone) -> Option<i64> {
    let s = s.trim();
    let (date, time) = s.split_once(['T', ' '])?;
    let day = parse_date(date)?;
    let mut parts = time.split(':');
    let mut number = |max: i8| -> Option<i8> {
        let p = parts.next()?;
        (p.len() == 2 && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse::<i8>().ok())
            .flatten()
            .filter(|n| *n <= max)
    };
    let (h, m) = (number(23)?, number(59)?);
    if let Some(sec) = parts.next() {
        if sec.len() != 2 || !sec.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
    }
    if parts.next().is_some() {
        return None;
    }
    date_of(day)
        .at(h, m, 0, 0)
        .to_zoned(zone.clone())
        .ok()
        .map(|z| z.timestamp().as_second())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_checked() {
        assert_eq!(parse_date("1970-01-01"), Some(0));
        assert_eq!(parse_date("2026-11-27"), Some(1_795_737_600 / 86_400));
        assert_eq!(parse_date(" 2024-02-29 "), Some(19_782));
        for bad in [
            "2025-02-29",
            "2026-13-01",
            "2026-00-10",
            "27.11.2026",
            "",
            "2026-11",
            "2026-11-",
            "1969-12-31",
            "2201-01-01",
            "2026-+1-05",
            "2026-11-27T00:00",
            "٢٠٢٦-11-27",
        ] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
        assert_eq!(iso_date(20_419), "2025-11-27");
        assert_eq!(civil(0), (1970, 1, 1));
        assert_eq!(civil(11_016), (2000, 2, 29));
    }

    #[test]
    fn the_programme_lives_in_bishkek() {
        let day = parse_date("2026-11-27").unwrap();
        let midnight_utc = day * 86_400;
        // 17:59 UTC is 23:59 in Bishkek, 18:00 UTC the next day there
        assert_eq!(today(midnight_utc + 17 * 3_600 + 59 * 60), day);
        assert_eq!(today(midnight_utc + 18 * 3_600), day + 1);
        assert_eq!(programme_hour(midnight_utc + 3 * 3_600), 9);
        // the 27th closes at 18:00 UTC (midnight in Bishkek), and that instant's day is the 27th
        let until = end_of_day(day, programme_zone());
        assert_eq!(until, midnight_utc + 18 * 3_600);
        assert_eq!(closing_day(until, programme_zone()), day);
        // other readers' zones, with their summer time
        let tokyo = zone("Asia/Tokyo").unwrap();
        assert_eq!(end_of_day(day, &tokyo), midnight_utc + 15 * 3_600);
        let berlin = zone("Europe/Berlin").unwrap();
        let july = parse_date("2026-07-01").unwrap();
        assert_eq!(end_of_day(july, &berlin), (july + 1) * 86_400 - 2 * 3_600);
        assert!(zone("Mars/Olympus").is_none());
        assert!(zone("").is_none());
        // the wall clock there, and back
        let noon = midnight_utc + 6 * 3_600;
        assert_eq!(wall_clock(noon, programme_zone()), (day, 12, 0));
        assert_eq!(wall_clock(noon, &tokyo), (day, 15, 0));
        assert_eq!(datetime_local(noon, &berlin), "2026-11-27T07:00");
        assert_eq!(
            parse_datetime_local("2026-11-27T12:00", programme_zone()),
            Some(noon)
        );
        assert_eq!(
            parse_datetime_local("2026-11-27 07:00:00", &berlin),
            Some(noon)
        );
        // Berlin's summer time: 12:00 there is 10:00 UTC
        assert_eq!(
            parse_datetime_local("2026-07-01T12:00", &berlin),
            Some(july * 86_400 + 10 * 3_600)
        );
        for bad in [
            "2026-11-27",
            "2026-11-27T24:00",
            "2026-11-27T9:00",
            "2026-11-27T12:60",
            "x",
            "2026-11-27T12:00:00:00",
        ] {
            assert_eq!(parse_datetime_local(bad, &berlin), None, "{bad}");
        }
        // out-of-range instants do not panic
        let _ = today(i64::MAX);
        let _ = today(i64::MIN);
    }
}
