//! Dates and times as the minutes write them: in the meeting's time zone,
//! with the Japanese era (和暦) and the weekday for a Japanese report —
//! 令和8年12月4日（金） — and 14時27分.

use jiff::Timestamp;
use jiff::civil::{Date, Weekday};
use jiff::tz::TimeZone;

use crate::i18n::Lang;

/// The eras a city's papers date by: (name, first day).
const ERAS: [(&str, (i16, i8, i8)); 3] = [
    ("令和", (2019, 5, 1)),
    ("平成", (1989, 1, 8)),
    ("昭和", (1926, 12, 25)),
];

/// `date` in the Japanese era: 令和8年12月4日 (the first year is 元年);
/// before 昭和, the Western year.
pub fn wareki(date: Date) -> String {
    for (era, (y, m, d)) in ERAS {
        let Ok(first) = Date::new(y, m, d) else {
            continue;
        };
        if date >= first {
            let year = i32::from(date.year()) - i32::from(y) + 1;
            let year = if year == 1 {
                "元".to_string()
            } else {
                year.to_string()
            };
            return format!("{era}{year}年{}月{}日", date.month(), date.day());
        }
    }
    format!("{}年{}月{}日", date.year(), date.month(), date.day())
}

fn weekday_ja(w: Weekday) -> &'static str {
    match w {
        Weekday::Monday => "月",
        Weekday::Tuesday => "火",
        Weekday::Wednesday => "水",
        Weekday::Thursday => "木",
        Weekday::Friday => "金",
        Weekday::Saturday => "土",
        Weekday::Sunday => "日",
    }
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The date of `at` in `tz` as the minutes write it: 令和8年12月4日（金） in
/// Japanese, Friday 4 December 2026 in English.
pub fn day(at: Timestamp, tz: &TimeZone, lang: Lang) -> String {
    let local = at.to_zoned_datetime(tz.clone());
    let date = local.date();
    match lang {
        Lang::Ja => format!("{}（{}）", wareki(date), weekday_ja(date.weekday())),
        Lang::En => format!(
            "{:?} {} {} {}",
            date.weekday(),
            date.day(),
            MONTHS[(date.month() - 1) as usize],
            date.year()
        ),
    }
}

/// The Western date of `at` in `tz`, said beside the era's: 西暦2026年12月4日.
pub fn western(at: Timestamp, tz: &TimeZone) -> String {
    let date = at.to_zoned_datetime(tz.clone()).date();
    format!("西暦{}年{}月{}日", date.year(), date.month(), date.day())
}

/// The time of `at` in `tz`: 14時27分 in Japanese, 14:27 in English.
pub fn clock(at: Timestamp, tz: &TimeZone, lang: Lang) -> String {
    let local = at.to_zoned_datetime(tz.clone());
    match lang {
        Lang::Ja => format!("{}時{:02}分", local.hour(), local.minute()),
        Lang::En => format!("{:02}:{:02}", local.hour(), local.minute()),
    }
}

/// Whether `a` and `b` fall on one day in `tz`.
pub fn same_day(a: Timestamp, b: Timestamp, tz: &TimeZone) -> bool {
    a.to_zoned_datetime(tz.clone()).date() == b.to_zoned_datetime(tz.clone()).date()
}

/// The name of `tz` as the minutes say it once: Japan's time as people
/// say it (日本時間), UTC as UTC, another zone by its IANA name, a zone
/// without one by its offset (UTC+09:00).
pub fn zone_name(tz: &TimeZone, at: Timestamp, lang: Lang) -> String {
    match (tz.iana_name(), lang) {
        (Some("Asia/Tokyo" | "Japan"), Lang::Ja) => "日本時間".to_string(),
        (Some("Asia/Tokyo" | "Japan"), Lang::En) => "Japan time (Asia/Tokyo)".to_string(),
        (Some("Etc/UTC" | "UTC" | "Etc/Universal" | "Universal" | "Zulu"), _) => "UTC".to_string(),
        (Some(name), _) => name.to_string(),
        (None, _) => format!("UTC{}", tz.to_offset(at)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn eras_begin_on_their_first_day() {
        let d = |y, m, dd| Date::new(y, m, dd).unwrap();
        assert_eq!(wareki(d(2026, 12, 4)), "令和8年12月4日");
        assert_eq!(wareki(d(2019, 5, 1)), "令和元年5月1日");
        assert_eq!(wareki(d(2019, 4, 30)), "平成31年4月30日");
        assert_eq!(wareki(d(1989, 1, 7)), "昭和64年1月7日");
        assert_eq!(wareki(d(1900, 1, 1)), "1900年1月1日");
    }

    #[test]
    fn a_time_is_shown_in_the_meetings_zone() {
        let at: Timestamp = "2026-12-04T13:52:00Z".parse().unwrap();
        let tokyo = TimeZone::get("Asia/Tokyo").unwrap();
        assert_eq!(clock(at, &tokyo, Lang::Ja), "22時52分");
        assert_eq!(day(at, &tokyo, Lang::Ja), "令和8年12月4日（金）");
        assert_eq!(day(at, &tokyo, Lang::En), "Friday 4 December 2026");
        assert_eq!(clock(at, &TimeZone::UTC, Lang::En), "13:52");
        let late: Timestamp = "2026-12-04T15:30:00Z".parse().unwrap();
        assert!(!same_day(at, late, &tokyo) && same_day(at, late, &TimeZone::UTC));
        assert_eq!(zone_name(&tokyo, at, Lang::Ja), "日本時間");
        assert_eq!(zone_name(&TimeZone::UTC, at, Lang::En), "UTC");
    }
}
