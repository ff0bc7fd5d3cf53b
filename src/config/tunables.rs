//! The settings an administrator may change while Allmende runs (`/admin/settings`): each is
//! read where it is used, at the moment it is used, so a change needs no restart. Schedules,
//! connections, pools and the mail pace are built at start and stay in the file.

use serde_json::Value;

use super::Settings;

/// One setting that may change at run time: its key as in the file, and how it is read from
/// and written into the settings.
pub struct Tunable {
    pub key: &'static str,
    pub kind: Kind,
    get: fn(&Settings) -> Value,
    set: fn(&mut Settings, Value) -> Result<(), serde_json::Error>,
}

/// How the admin page offers a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Number,
    /// A fraction (0 to 1) the file holds, offered as a percentage: "10" is 0.1.
    Share,
    Switch,
    Choice(&'static [&'static str]),
}

macro_rules! tunables {
    ($($key:literal, $kind:expr => $($field:ident).+;)+) => {
        /// Every setting an administrator may change at run time, in the order the page shows.
        pub const TUNABLES: &[Tunable] = &[$(Tunable {
            key: $key,
            kind: $kind,
            get: |s| serde_json::to_value(&s.$($field).+).unwrap_or(Value::Null),
            set: |s, v| {
                s.$($field).+ = serde_json::from_value(v)?;
                Ok(())
            },
        }),+];
    };
}

tunables! {
    "communities.create_project", Kind::Choice(&["everyone", "admins"]) => communities.create_project;
    "communities.create_interest", Kind::Choice(&["everyone", "admins"]) => communities.create_interest;
    "communities.auto_hide_reports", Kind::Number => communities.auto_hide_reports;
    "auth.max_failures_per_account", Kind::Number => auth.max_failures_per_account;
    "auth.max_failures_per_address", Kind::Number => auth.max_failures_per_address;
    "auth.throttle_window_minutes", Kind::Number => auth.throttle_window_minutes;
    "ldap.max_deactivate_fraction", Kind::Share => ldap.max_deactivate_fraction;
    "mail.pause_after_failures", Kind::Number => mail.pause_after_failures;
    "mail.newsletter_opt_out", Kind::Switch => mail.newsletter_opt_out;
    "status.stale_after_days", Kind::Number => status.stale_after_days;
    "kpi.min_group", Kind::Number => kpi.min_group;
    "privacy.retention_days", Kind::Number => privacy.retention_days;
    "privacy.departed_content", Kind::Choice(&["keep", "delete"]) => privacy.departed_content;
}

impl Tunable {
    pub fn find(key: &str) -> Option<&'static Tunable> {
        TUNABLES.iter().find(|t| t.key == key)
    }

    /// The key as message ids spell it: `kpi.min_group` is `kpi-min-group`.
    pub fn id(&self) -> String {
        self.key.replace(['.', '_'], "-")
    }

    /// The value in `settings`, as the page shows it and the table stores it.
    pub fn value(&self, settings: &Settings) -> Value {
        (self.get)(settings)
    }

    /// What an admin typed, as JSON: numbers and switches as such (a share as the percentage
    /// typed, "10 %" or "2,5", over a hundred), anything else as a string.
    pub fn parse(&self, typed: &str) -> Value {
        let typed = typed.trim();
        match self.kind {
            Kind::Choice(_) => Value::String(typed.to_string()),
            Kind::Share => typed
                .trim_end_matches('%')
                .trim()
                .replace(',', ".")
                .parse::<f64>()
                .ok()
                .and_then(|percent| serde_json::Number::from_f64(percent / 100.0))
                .map_or_else(|| Value::String(typed.into()), Value::Number),
            Kind::Number | Kind::Switch => serde_json::from_str(typed).unwrap_or_else(|_| Value::String(typed.into())),
        }
    }

    /// `settings` with this key set to `value`, checked by the same rules as the file.
    pub fn apply(&self, settings: &Settings, value: Value) -> Result<Settings, String> {
        let mut changed = settings.clone();
        (self.set)(&mut changed, value).map_err(|e| format!("key `{}`: {e}", self.key))?;
        changed.validate().map_err(|e| e.to_string())?;
        Ok(changed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file() -> Settings {
        Settings::load(std::path::Path::new("config/default.toml")).expect("the default file loads")
    }

    #[test]
    fn every_key_reads_and_writes_its_own_field() {
        let base = file();
        for t in TUNABLES {
            let value = t.value(&base);
            assert!(!value.is_null(), "{} has no value", t.key);
            let again = t.apply(&base, value.clone()).expect("its own value is valid");
            assert_eq!(t.value(&again), value, "{}", t.key);
        }
    }

    #[test]
    fn a_share_is_typed_as_a_percentage() {
        let brake = Tunable::find("ldap.max_deactivate_fraction").unwrap();
        assert_eq!(brake.parse("10"), serde_json::json!(0.1));
        assert_eq!(brake.parse("2,5 %"), serde_json::json!(0.025));
        let base = file();
        assert!(brake.apply(&base, brake.parse("150")).is_err(), "more than all");
        assert!(brake.apply(&base, brake.parse("viel")).is_err());
    }

    #[test]
    fn values_pass_the_files_rules() {
        let base = file();
        let min_group = Tunable::find("kpi.min_group").unwrap();
        let raised = min_group.apply(&base, min_group.parse("8")).unwrap();
        assert_eq!(raised.kpi.min_group, 8);
        assert!(
            min_group
                .apply(&base, min_group.parse("4"))
                .unwrap_err()
                .contains("below 5")
        );
        assert!(
            min_group
                .apply(&base, min_group.parse("many"))
                .unwrap_err()
                .contains("kpi.min_group")
        );
        let policy = Tunable::find("communities.create_project").unwrap();
        let admins = policy.apply(&base, policy.parse("admins")).unwrap();
        assert_eq!(admins.communities.create_project, super::super::CreatePolicy::Admins);
        assert!(policy.apply(&base, policy.parse("nobody")).is_err());
        let switch = Tunable::find("mail.newsletter_opt_out").unwrap();
        assert!(
            !switch
                .apply(&base, switch.parse("false"))
                .unwrap()
                .mail
                .newsletter_opt_out
        );
        assert!(Tunable::find("database.url").is_none());
    }
}
