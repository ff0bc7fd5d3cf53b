//! iCalendar (RFC 5545) for meetings: one meeting to download, or a community's feed that
//! calendar programs subscribe to. Times are written in the meeting's own time zone with a
//! VTIMEZONE built from the time zone database, so a meeting after a daylight-saving change
//! stays at its wall-clock time.

use std::fmt::Write;

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, Offset, TimeZone};
use chrono_tz::{OffsetComponents, OffsetName, Tz};

/// One meeting as the calendar shows it. Times are UTC.
pub struct Event<'a> {
    pub uid: String,
    /// When it last changed (DTSTAMP).
    pub stamp: NaiveDateTime,
    pub starts_at: NaiveDateTime,
    pub ends_at: NaiveDateTime,
    pub tz: Tz,
    pub summary: &'a str,
    pub location: &'a str,
    /// The video call, if any: a calendar shows it as the meeting's conference link (RFC
    /// 7986), and where a room is the location, the description starts with it too.
    pub online: &'a str,
    pub description: &'a str,
    pub url: String,
    pub sequence: i32,
}

/// A calendar with these events (and a VTIMEZONE for each of their zones).
pub fn calendar(name: &str, events: &[Event]) -> String {
    let mut out = String::new();
    line(&mut out, "BEGIN:VCALENDAR");
    line(&mut out, "VERSION:2.0");
    line(&mut out, "PRODID:-//Allmende//Meetings//EN");
    line(&mut out, "CALSCALE:GREGORIAN");
    line(&mut out, "METHOD:PUBLISH");
    line(&mut out, &format!("X-WR-CALNAME:{}", text(name)));
    let mut zones: Vec<Tz> = events.iter().map(|e| e.tz).filter(|tz| *tz != Tz::UTC).collect();
    zones.sort_by_key(|tz| tz.name());
    zones.dedup();
    for tz in zones {
        let years = events
            .iter()
            .filter(|e| e.tz == tz)
            .flat_map(|e| [e.starts_at.year(), e.ends_at.year()]);
        let (first, last) = years.fold((i32::MAX, i32::MIN), |(a, b), y| (a.min(y), b.max(y)));
        vtimezone(&mut out, tz, first, last);
    }
    for e in events {
        line(&mut out, "BEGIN:VEVENT");
        line(&mut out, &format!("UID:{}", text(&e.uid)));
        line(&mut out, &format!("DTSTAMP:{}", utc(e.stamp)));
        line(&mut out, &format!("DTSTART{}", when(e.starts_at, e.tz)));
        line(&mut out, &format!("DTEND{}", when(e.ends_at, e.tz)));
        line(&mut out, &format!("SUMMARY:{}", text(e.summary)));
        if !e.location.is_empty() {
            line(&mut out, &format!("LOCATION:{}", text(e.location)));
        }
        let description = if !e.online.is_empty() && e.location != e.online {
            format!("{}\n\n{}", e.online, e.description).trim_end().to_string()
        } else {
            e.description.to_string()
        };
        if !description.is_empty() {
            line(&mut out, &format!("DESCRIPTION:{}", text(&description)));
        }
        if !e.online.is_empty() {
            line(&mut out, &format!("CONFERENCE;VALUE=URI;FEATURE=VIDEO:{}", e.online));
        }
        line(&mut out, &format!("URL:{}", e.url));
        line(&mut out, &format!("SEQUENCE:{}", e.sequence));
        line(&mut out, "END:VEVENT");
    }
    line(&mut out, "END:VCALENDAR");
    out
}

fn utc(t: NaiveDateTime) -> String {
    t.format("%Y%m%dT%H%M%SZ").to_string()
}

/// `;TZID=Europe/Berlin:20261025T100000`, or `:…Z` for UTC.
fn when(t: NaiveDateTime, tz: Tz) -> String {
    if tz == Tz::UTC {
        return format!(":{}", utc(t));
    }
    let local = tz.from_utc_datetime(&t).naive_local();
    format!(";TZID={}:{}", tz.name(), local.format("%Y%m%dT%H%M%S"))
}

fn offset(seconds: i32) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let s = seconds.abs();
    format!("{sign}{:02}{:02}", s / 3600, (s % 3600) / 60)
}

/// The zone's observances from a year before `first` to the end of `last`: the offset in
/// effect then (as an observance since 1970) and every change after it.
fn vtimezone(out: &mut String, tz: Tz, first: i32, last: i32) {
    let start = NaiveDate::from_ymd_opt(first - 1, 1, 1).and_then(|d| d.and_hms_opt(0, 0, 0));
    let end = NaiveDate::from_ymd_opt(last + 1, 1, 1).and_then(|d| d.and_hms_opt(0, 0, 0));
    let (Some(start), Some(end)) = (start, end) else { return };
    let at = |t: NaiveDateTime| tz.offset_from_utc_datetime(&t);
    line(out, "BEGIN:VTIMEZONE");
    line(out, &format!("TZID:{}", tz.name()));
    let initial = at(start);
    let seconds = initial.fix().local_minus_utc();
    observance(out, &initial, seconds, seconds, "19700101T000000");
    let mut previous = seconds;
    let mut t = start;
    while t < end {
        let next = t + Duration::hours(1);
        let now = at(next).fix().local_minus_utc();
        if now != previous {
            // The change lies within this hour: find its minute.
            let mut change = t;
            while at(change).fix().local_minus_utc() == previous {
                change += Duration::minutes(1);
            }
            let local_before = change + Duration::seconds(i64::from(previous));
            observance(
                out,
                &at(change),
                previous,
                now,
                &local_before.format("%Y%m%dT%H%M%S").to_string(),
            );
            previous = now;
        }
        t = next;
    }
    line(out, "END:VTIMEZONE");
}

fn observance(out: &mut String, o: &chrono_tz::TzOffset, from: i32, to: i32, start: &str) {
    let kind = if o.dst_offset().num_seconds() != 0 {
        "DAYLIGHT"
    } else {
        "STANDARD"
    };
    line(out, &format!("BEGIN:{kind}"));
    line(out, &format!("DTSTART:{start}"));
    line(out, &format!("TZOFFSETFROM:{}", offset(from)));
    line(out, &format!("TZOFFSETTO:{}", offset(to)));
    if let Some(name) = o.abbreviation() {
        line(out, &format!("TZNAME:{}", text(name)));
    }
    line(out, &format!("END:{kind}"));
}

/// TEXT values escape backslash, semicolon, comma and line breaks (RFC 5545 3.3.11).
fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A content line, folded so that no line is longer than 75 octets (RFC 5545 3.1).
fn line(out: &mut String, content: &str) {
    let mut room = 75;
    let mut used = 0;
    for c in content.chars() {
        let n = c.len_utf8();
        if used + n > room {
            out.push_str("\r\n ");
            used = 0;
            room = 74;
        }
        out.push(c);
        used += n;
    }
    let _ = write!(out, "\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
    }

    #[test]
    fn lines_are_folded_at_75_octets_and_text_escaped() {
        let mut out = String::new();
        line(
            &mut out,
            &format!("SUMMARY:{}", text(&"Äpfel, Birnen; Kürbis\n".repeat(8))),
        );
        for l in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(l.len() <= 75, "{l:?}");
        }
        let unfolded = out.replace("\r\n ", "");
        assert!(unfolded.starts_with("SUMMARY:Äpfel\\, Birnen\\; Kürbis\\nÄpfel"));
    }

    #[test]
    fn berlin_changes_to_winter_time_in_october() {
        let e = Event {
            uid: "meeting-1@example".into(),
            stamp: at("2026-10-01 08:00"),
            // 10:00 in Berlin, the day the clocks go back, and a week later.
            starts_at: at("2026-10-25 09:00"),
            ends_at: at("2026-11-01 10:00"),
            tz: chrono_tz::Europe::Berlin,
            summary: "Planung",
            location: "",
            online: "",
            description: "",
            url: "https://example/meetings/1".into(),
            sequence: 0,
        };
        let ics = calendar("Projekt", &[e]);
        assert!(ics.contains("DTSTART;TZID=Europe/Berlin:20261025T100000\r\n"));
        assert!(ics.contains("DTEND;TZID=Europe/Berlin:20261101T110000\r\n"));
        assert!(ics.contains(
            "BEGIN:STANDARD\r\nDTSTART:20261025T030000\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nTZNAME:CET\r\n"
        ));
        assert!(ics.contains(
            "BEGIN:DAYLIGHT\r\nDTSTART:20260329T020000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nTZNAME:CEST\r\n"
        ));
        assert!(ics.ends_with("END:VCALENDAR\r\n"));
    }

    #[test]
    fn the_video_call_reaches_the_calendar_beside_the_room() {
        let e = Event {
            uid: "meeting-2@example".into(),
            stamp: at("2026-10-01 08:00"),
            starts_at: at("2026-10-02 08:00"),
            ends_at: at("2026-10-02 09:00"),
            tz: chrono_tz::UTC,
            summary: "Planung",
            location: "Raum 3",
            online: "https://meet.example/apfel",
            description: "1. Stand",
            url: "https://example/meetings/2".into(),
            sequence: 0,
        };
        let ics = calendar("Projekt", &[e]).replace("\r\n ", "");
        assert!(ics.contains("LOCATION:Raum 3\r\n"), "{ics}");
        assert!(
            ics.contains("CONFERENCE;VALUE=URI;FEATURE=VIDEO:https://meet.example/apfel\r\n"),
            "{ics}"
        );
        assert!(
            ics.contains("DESCRIPTION:https://meet.example/apfel\\n\\n1. Stand\r\n"),
            "{ics}"
        );
    }
}
