//! When digests are due: at the person's local hour (daily), or on their weekday at that hour
//! (weekly), in their time zone — computed per person with chrono-tz, so daylight saving moves
//! the UTC time and never the local one.

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, TimeZone as _};

use crate::domain::{DigestFrequency, DigestTime, TimeZone};

fn slot_on(day: NaiveDate, time: DigestTime, tz: TimeZone) -> NaiveDateTime {
    let local = day.and_hms_opt(time.hour as u32, 0, 0).unwrap_or_default();
    // A skipped hour (spring forward) sends at the first moment after it.
    tz.0.from_local_datetime(&local)
        .earliest()
        .or_else(|| tz.0.from_local_datetime(&(local + Duration::hours(1))).earliest())
        .map(|t| t.naive_utc())
        .unwrap_or(local)
}

fn days_around(tz: TimeZone, at: NaiveDateTime) -> impl DoubleEndedIterator<Item = NaiveDate> {
    let today = tz.0.from_utc_datetime(&at).date_naive();
    (-8..=8).map(move |d| today + Duration::days(d))
}

fn scheduled(frequency: DigestFrequency, time: DigestTime, day: NaiveDate) -> bool {
    match frequency {
        DigestFrequency::Daily => true,
        DigestFrequency::Weekly => day.weekday().number_from_monday() as i32 == time.weekday,
        DigestFrequency::Off => false,
    }
}

/// The latest slot at or before `now` (UTC); `None` when digests are off.
pub fn due(frequency: DigestFrequency, time: DigestTime, tz: TimeZone, now: NaiveDateTime) -> Option<NaiveDateTime> {
    days_around(tz, now)
        .rev()
        .filter(|d| scheduled(frequency, time, *d))
        .map(|d| slot_on(d, time, tz))
        .find(|slot| *slot <= now)
}

/// The first slot after `after` (UTC).
pub fn next(frequency: DigestFrequency, time: DigestTime, tz: TimeZone, after: NaiveDateTime) -> Option<NaiveDateTime> {
    days_around(tz, after)
        .filter(|d| scheduled(frequency, time, *d))
        .map(|d| slot_on(d, time, tz))
        .find(|slot| *slot > after)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
    }

    #[test]
    fn local_hours_across_daylight_saving() {
        let berlin = TimeZone::parse("Europe/Berlin").unwrap();
        let eight = DigestTime { weekday: 1, hour: 8 };
        // Winter: 8:00 in Berlin is 7:00 UTC; summer: 6:00 UTC.
        assert_eq!(
            due(DigestFrequency::Daily, eight, berlin, at("2026-01-15 07:30")),
            Some(at("2026-01-15 07:00"))
        );
        assert_eq!(
            due(DigestFrequency::Daily, eight, berlin, at("2026-07-15 06:30")),
            Some(at("2026-07-15 06:00"))
        );
        assert_eq!(
            due(DigestFrequency::Daily, eight, berlin, at("2026-07-15 05:59")),
            Some(at("2026-07-14 06:00"))
        );
        // Weekly on Mondays: 2026-03-30 is the Monday after the clocks went forward.
        assert_eq!(
            next(DigestFrequency::Weekly, eight, berlin, at("2026-03-25 12:00")),
            Some(at("2026-03-30 06:00"))
        );
        assert_eq!(
            due(DigestFrequency::Weekly, eight, berlin, at("2026-03-29 12:00")),
            Some(at("2026-03-23 07:00"))
        );
        assert_eq!(due(DigestFrequency::Off, eight, berlin, at("2026-03-29 12:00")), None);
        // 2:00 does not exist on 2026-03-29 in Berlin: that digest goes at 3:00 local.
        let two = DigestTime { weekday: 7, hour: 2 };
        assert_eq!(
            next(DigestFrequency::Weekly, two, berlin, at("2026-03-28 12:00")),
            Some(at("2026-03-29 01:00"))
        );
    }
}
