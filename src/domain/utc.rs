//! Stored times are UTC without an offset (`NaiveDateTime`, as both databases keep them). In
//! JSON they must say so: the API documents them as RFC 3339 `date-time`, and a client that
//! reads "2026-12-03T14:09:52" takes it for its own local time. `#[serde(serialize_with =
//! "utc::write")]` (or `utc::write_option`) writes them with a `Z`; the page filter `local_time`
//! reads both spellings.

use chrono::NaiveDateTime;
use serde::Serializer;

fn rfc3339(time: &NaiveDateTime) -> String {
    time.and_utc().to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true)
}

pub fn write<S: Serializer>(time: &NaiveDateTime, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&rfc3339(time))
}

pub fn write_option<S: Serializer>(time: &Option<NaiveDateTime>, s: S) -> Result<S::Ok, S::Error> {
    match time {
        Some(time) => s.serialize_str(&rfc3339(time)),
        None => s.serialize_none(),
    }
}

#[cfg(test)]
mod tests {
    #[derive(serde::Serialize)]
    struct Stamped {
        #[serde(serialize_with = "super::write")]
        at: chrono::NaiveDateTime,
        #[serde(serialize_with = "super::write_option")]
        until: Option<chrono::NaiveDateTime>,
    }

    #[test]
    fn times_are_written_as_utc_with_an_offset() {
        let at = chrono::NaiveDate::from_ymd_opt(2026, 12, 3)
            .and_then(|d| d.and_hms_micro_opt(14, 9, 52, 230_596))
            .expect("a time");
        let json = serde_json::to_value(Stamped { at, until: None }).expect("json");
        assert_eq!(
            json,
            serde_json::json!({ "at": "2026-12-03T14:09:52.230596Z", "until": null })
        );
        let parsed = chrono::DateTime::parse_from_rfc3339(json["at"].as_str().expect("a string"));
        assert_eq!(parsed.map(|t| t.naive_utc()), Ok(at));
    }
}
