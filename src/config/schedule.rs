//! When a job runs: a cron expression with seconds, in UTC, as tokio-cron-scheduler reads it.
//! Checked once, when the file is read, so that a wrong schedule stops the start with the key
//! named instead of the job failing to be scheduled later.

use serde::Deserialize;

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(try_from = "String")]
pub struct Schedule(String);

impl Schedule {
    pub fn parse(text: &str) -> Result<Schedule, String> {
        croner::parser::CronParser::builder()
            .seconds(croner::parser::Seconds::Required)
            .build()
            .parse(text)
            .map(|_| Schedule(text.trim().to_string()))
            .map_err(|e| format!("not a cron expression with seconds: {e}"))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// When it next fires after `now` (UTC).
    pub fn next_after(&self, now: chrono::NaiveDateTime) -> Option<chrono::NaiveDateTime> {
        croner::parser::CronParser::builder()
            .seconds(croner::parser::Seconds::Required)
            .build()
            .parse(&self.0)
            .ok()?
            .find_next_occurrence(&now.and_utc(), false)
            .ok()
            .map(|t| t.naive_utc())
    }

    /// The usual shapes of a schedule, for saying them in words; anything else is `Other`
    /// and shown as written.
    pub fn cadence(&self) -> Cadence {
        let fields: Vec<&str> = self.0.split_whitespace().collect();
        let [sec, min, hour, "*", "*", "*"] = fields[..] else {
            return Cadence::Other;
        };
        if sec != "0" {
            return Cadence::Other;
        }
        let number = |f: &str| f.parse::<u32>().ok();
        match (min, hour) {
            ("*", "*") => Cadence::EveryMinute,
            (m, "*") if m.starts_with("*/") => number(&m[2..]).map_or(Cadence::Other, Cadence::EveryMinutes),
            (m, "*") => number(m).map_or(Cadence::Other, |minute| Cadence::Hourly { minute }),
            (m, h) => match (number(h), number(m)) {
                (Some(hour), Some(minute)) if hour < 24 && minute < 60 => Cadence::Daily { hour, minute },
                _ => Cadence::Other,
            },
        }
    }
}

/// How often a schedule fires, in the shapes people say ("alle 5 Minuten", "täglich um 02:20").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cadence {
    EveryMinute,
    EveryMinutes(u32),
    /// Every hour at this minute.
    Hourly {
        minute: u32,
    },
    /// Every day at this time, UTC.
    Daily {
        hour: u32,
        minute: u32,
    },
    Other,
}

impl TryFrom<String> for Schedule {
    type Error = String;

    fn try_from(text: String) -> Result<Schedule, String> {
        Schedule::parse(&text)
    }
}

impl std::fmt::Display for Schedule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cron_with_seconds_only() {
        assert_eq!(Schedule::parse("0 */5 * * * *").unwrap().as_str(), "0 */5 * * * *");
        assert!(Schedule::parse("*/5 * * * *").is_err(), "five fields: no seconds");
        assert!(Schedule::parse("jeden Montag").is_err());
    }

    #[test]
    fn usual_schedules_have_a_cadence() {
        let cadence = |s: &str| Schedule::parse(s).unwrap().cadence();
        assert_eq!(cadence("0 * * * * *"), Cadence::EveryMinute);
        assert_eq!(cadence("0 */30 * * * *"), Cadence::EveryMinutes(30));
        assert_eq!(cadence("0 5 * * * *"), Cadence::Hourly { minute: 5 });
        assert_eq!(cadence("0 40 1 * * *"), Cadence::Daily { hour: 1, minute: 40 });
        assert_eq!(cadence("0 0 8 * * Mon"), Cadence::Other);
        assert_eq!(cadence("30 * * * * *"), Cadence::Other);
    }
}
