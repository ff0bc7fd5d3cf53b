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
}
