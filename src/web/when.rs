//! Times as people say them: "vor 5 Minuten", "gestern um 14:10", "Montag um 09:30",
//! "3. Dez.", in the reader's language and time zone. Pages put the full date in the `<time>`
//! element's title, so the short form never hides when exactly it was.

use chrono::{DateTime, Datelike, NaiveDateTime, Utc};
use chrono_tz::Tz;
use fluent_templates::fluent_bundle::FluentValue;

use crate::domain::Locale;
use crate::i18n::t_args;

const WEEKDAYS_DE: [&str; 7] = [
    "Montag",
    "Dienstag",
    "Mittwoch",
    "Donnerstag",
    "Freitag",
    "Samstag",
    "Sonntag",
];
const WEEKDAYS_EN: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
const MONTHS_DE: [&str; 12] = [
    "Jan.", "Feb.", "März", "Apr.", "Mai", "Juni", "Juli", "Aug.", "Sept.", "Okt.", "Nov.", "Dez.",
];
const MONTHS_EN: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// `at` (UTC) as seen at `now` by a reader in `tz`.
pub fn relative(at: NaiveDateTime, now: DateTime<Utc>, tz: Tz, locale: Locale) -> String {
    let local = at.and_utc().with_timezone(&tz);
    let today = now.with_timezone(&tz).date_naive();
    let minutes = (now - at.and_utc()).num_minutes();
    let say = |key: &str, args: &[(&str, FluentValue<'static>)]| t_args(locale, key, args);
    let count = |n: i64| FluentValue::from(n);
    let clock = local.format("%H:%M").to_string();
    let clock_arg = || ("time", FluentValue::from(clock.clone()));
    let days = (local.date_naive() - today).num_days();
    if (0..1).contains(&minutes) && days == 0 {
        return say("time-just-now", &[]);
    }
    if (1..60).contains(&minutes) {
        return say("time-minutes-ago", &[("count", count(minutes))]);
    }
    if (-59..0).contains(&minutes) {
        return say("time-in-minutes", &[("count", count(-minutes))]);
    }
    if (60..6 * 60).contains(&minutes) {
        return say("time-hours-ago", &[("count", count(minutes / 60))]);
    }
    match days {
        0 => say("time-today-at", &[clock_arg()]),
        -1 => say("time-yesterday-at", &[clock_arg()]),
        1 => say("time-tomorrow-at", &[clock_arg()]),
        -6..=6 => {
            let index = local.weekday().num_days_from_monday() as usize;
            let day = match locale {
                Locale::De => WEEKDAYS_DE[index],
                Locale::En => WEEKDAYS_EN[index],
            };
            say("time-weekday-at", &[("day", FluentValue::from(day)), clock_arg()])
        }
        _ => date(local.date_naive(), local.year() != today.year(), locale),
    }
}

/// "3. Dez." or "Dec 3", with the year when it is not this one.
pub fn date(day: chrono::NaiveDate, with_year: bool, locale: Locale) -> String {
    let month = day.month0() as usize;
    match (locale, with_year) {
        (Locale::De, false) => format!("{}. {}", day.day(), MONTHS_DE[month]),
        (Locale::De, true) => format!("{}. {} {}", day.day(), MONTHS_DE[month], day.year()),
        (Locale::En, false) => format!("{} {}", MONTHS_EN[month], day.day()),
        (Locale::En, true) => format!("{} {}, {}", MONTHS_EN[month], day.day(), day.year()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use chrono_tz::Europe::Berlin;

    fn at(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
    }

    #[test]
    fn times_read_as_people_say_them() {
        // Thursday, 3 December 2026, 15:00 in Berlin (14:00 UTC).
        let now = Utc.with_ymd_and_hms(2026, 12, 3, 14, 0, 0).unwrap();
        let de = |s: &str| relative(at(s), now, Berlin, Locale::De);
        let en = |s: &str| relative(at(s), now, Berlin, Locale::En);
        assert_eq!(de("2026-12-03 13:59"), "vor 1 Minute");
        assert_eq!(de("2026-12-03 13:55"), "vor 5 Minuten");
        assert_eq!(en("2026-12-03 13:59"), "1 minute ago");
        assert_eq!(de("2026-12-03 11:00"), "vor 3 Stunden");
        assert_eq!(de("2026-12-03 07:10"), "heute um 08:10");
        assert_eq!(de("2026-12-02 13:10"), "gestern um 14:10");
        assert_eq!(en("2026-12-02 13:10"), "yesterday at 14:10");
        assert_eq!(de("2026-11-30 08:30"), "Montag um 09:30");
        assert_eq!(de("2026-12-04 09:00"), "morgen um 10:00");
        assert_eq!(de("2026-12-03 14:20"), "in 20 Minuten");
        assert_eq!(de("2026-10-01 09:00"), "1. Okt.");
        assert_eq!(en("2025-10-01 09:00"), "Oct 1, 2025");
        assert_eq!(de("2026-12-03 14:00"), "gerade eben");
    }
}
