//! The company directory (LDAP / Active Directory): reading it, following it, signing in with it.

mod attributes;
mod authenticator;
pub mod client;
mod groups;
mod report;
pub mod sync;

pub use attributes::{AttributeMap, AttributeOverrides, DirectoryPerson, Preset};
pub use authenticator::DirectoryPasswords;
pub use groups::GroupMapping;
pub use report::{Change, SyncReport};

/// The sync schedule: a cron expression with seconds (UTC), as tokio-cron-scheduler reads it.
pub fn validate_schedule(schedule: &str) -> Result<(), String> {
    croner::parser::CronParser::builder()
        .seconds(croner::parser::Seconds::Required)
        .build()
        .parse(schedule)
        .map(|_| ())
        .map_err(|e| format!("not a cron expression with seconds: {e}"))
}
