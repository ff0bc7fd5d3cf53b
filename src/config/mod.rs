//! Settings: `config/default.toml` (or `--config FILE`), overridden by `ALLMENDE__SECTION__KEY`.

use std::path::Path;

use figment::Figment;
use figment::providers::{Env, Format, Toml};
use serde::Deserialize;

use crate::domain::{CommunitySlug, Locale, TimeZone};

mod branding;
mod directory;
pub mod live;
mod schedule;
mod tunables;

pub use branding::{Accent, BrandingSettings};
pub use directory::{AttributeOverrides, GroupMapping, Preset};
pub use live::{CurrentSettings, LiveSettings, Override};
pub use schedule::{Cadence, Schedule};
pub use tunables::{Kind, TUNABLES, Tunable};

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    pub server: ServerSettings,
    pub database: DatabaseSettings,
    pub session: SessionSettings,
    pub auth: AuthSettings,
    pub organization: OrganizationSettings,
    pub branding: BrandingSettings,
    pub communities: CommunitySettings,
    pub i18n: I18nSettings,
    pub ldap: LdapSettings,
    pub tasks: TaskSettings,
    pub amas: AmaSettings,
    pub mail: MailSettings,
    pub status: StatusSettings,
    pub kpi: KpiSettings,
    pub privacy: PrivacySettings,
    pub log: LogSettings,
    pub metrics: MetricsSettings,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServerSettings {
    pub bind: std::net::SocketAddr,
    pub public_url: url::Url,
    pub workers: usize,
    pub body_limit_bytes: usize,
    pub trust_forwarded_headers: bool,
    pub shutdown_timeout_seconds: u64,
    pub templates_dir: String,
    pub static_dir: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DatabaseSettings {
    pub url: String,
    pub pool_size: u32,
    pub pool_timeout_seconds: u64,
    pub sqlite_busy_timeout_ms: u32,
}

#[derive(Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SessionSettings {
    pub secret: String,
    pub key_file: String,
    pub cookie_name: String,
    pub max_idle_hours: i64,
    pub max_age_hours: i64,
}

// The secret must never reach a log line, so Debug is written by hand.
impl std::fmt::Debug for SessionSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SessionSettings")
            .field("secret", &if self.secret.is_empty() { "" } else { "***" })
            .field("key_file", &self.key_file)
            .field("cookie_name", &self.cookie_name)
            .field("max_idle_hours", &self.max_idle_hours)
            .field("max_age_hours", &self.max_age_hours)
            .finish()
    }
}

/// Who may read `/metrics`: these client addresses, or whoever sends the token.
#[derive(Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MetricsSettings {
    pub allow_from: Vec<std::net::IpAddr>,
    pub token: String,
}

impl std::fmt::Debug for MetricsSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MetricsSettings")
            .field("allow_from", &self.allow_from)
            .field("token", &if self.token.is_empty() { "" } else { "***" })
            .finish()
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AuthSettings {
    pub max_failures_per_account: u32,
    pub max_failures_per_address: u32,
    pub throttle_window_minutes: u32,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OrganizationSettings {
    pub name: String,
    pub slug: CommunitySlug,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CreatePolicy {
    Everyone,
    Admins,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CommunitySettings {
    pub create_project: CreatePolicy,
    pub create_interest: CreatePolicy,
    /// Hide a post or comment once this many people reported it and no moderator decided yet (0: never).
    pub auto_hide_reports: u32,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TaskSettings {
    /// When to look for tasks due today and remind their assignees (cron with seconds, UTC).
    pub reminder_schedule: Schedule,
}

/// How mail leaves: an SMTP relay, `.eml` files in an outbox directory, or not at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MailTransport {
    Smtp,
    File,
    None,
}

/// How the SMTP connection is secured: plain, STARTTLS (usually port 587) or TLS from the
/// start (usually 465).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SmtpTls {
    None,
    Starttls,
    Tls,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MailSettings {
    pub transport: MailTransport,
    /// Where the `file` transport writes its `.eml` files.
    pub outbox_dir: String,
    pub from_address: crate::domain::Email,
    pub from_name: String,
    /// Empty: replies go to `from_address`.
    #[serde(deserialize_with = "crate::domain::optional_email")]
    pub reply_to: Option<crate::domain::Email>,
    /// Every send is bounded by this (lettre's own timeout covers only the connect).
    pub send_timeout_seconds: u64,
    /// When `serve` looks for digests due (cron with seconds, UTC); each person's own local
    /// hour decides whether theirs is due.
    pub digest_schedule: Schedule,
    /// Messages handed to the relay at once (per node).
    pub concurrency: usize,
    /// Messages per second at most (per node); 0: no limit.
    pub rate_per_second: f64,
    /// Tries per message when the relay refuses for now (4xx, connection lost, timeout).
    pub retry_attempts: u32,
    /// The wait before the second try; it doubles for each further one.
    pub retry_backoff_ms: u64,
    /// Permanent refusals (5xx) in a row after which a person's mail pauses until an
    /// administrator resumes it.
    pub pause_after_failures: i32,
    /// Whether people may unsubscribe from their department's newsletter (official mail).
    pub newsletter_opt_out: bool,
    pub smtp: SmtpSettings,
}

impl MailSettings {
    /// Whether mail goes anywhere: with the `none` transport digests, newsletters and
    /// notices reach nobody, and pages must not say they are on their way.
    pub fn sends(&self) -> bool {
        self.transport != MailTransport::None
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SmtpSettings {
    pub host: String,
    pub port: u16,
    pub tls: SmtpTls,
    /// Empty: no authentication.
    pub username: String,
    /// The environment variable holding the password (never the password itself).
    pub password_env: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AmaSettings {
    /// When to move AMAs through their windows: announce the live ones, close the finished
    /// ones with their summary (cron with seconds, UTC).
    pub schedule: Schedule,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KpiSettings {
    /// Figures about people are shown only for groups of at least this many (5 or more).
    pub min_group: u32,
    /// When the past days' figures are added up (cron with seconds, UTC).
    pub schedule: Schedule,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PrivacySettings {
    /// Days after someone's deactivation until their personal data is removed.
    pub retention_days: u32,
    /// What becomes of a departed person's posts and comments: kept under "former employee",
    /// or deleted.
    pub departed_content: DepartedContent,
    /// When departures past the retention are anonymised (cron with seconds, UTC).
    pub schedule: Schedule,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DepartedContent {
    Keep,
    Delete,
}

/// The smallest group figures about people may describe (the works council's floor).
pub const KPI_MIN_GROUP: u32 = 5;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatusSettings {
    /// The areas a status report rates besides the overall status.
    pub areas: Vec<String>,
    /// A project whose latest report is older than this is stale in the roll-up.
    pub stale_after_days: u32,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct I18nSettings {
    pub default_locale: Locale,
    pub default_timezone: TimeZone,
}

#[derive(Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LdapSettings {
    pub url: String,
    pub starttls: bool,
    pub ca_file: String,
    pub verify_tls: bool,
    pub bind_dn: String,
    pub bind_password: String,
    pub user_base: String,
    pub user_filter: String,
    pub group_base: String,
    pub group_filter: String,
    pub page_size: i32,
    pub connect_timeout_seconds: u64,
    pub operation_timeout_seconds: u64,
    pub schedule: Schedule,
    pub max_deactivate_fraction: f64,
    /// A group (DN) of department heads: a member heads the departments they belong to.
    pub head_group: String,
    pub preset: Preset,
    #[serde(default)]
    pub attributes: AttributeOverrides,
    #[serde(default)]
    pub group_mapping: Vec<GroupMapping>,
}

impl LdapSettings {
    pub fn enabled(&self) -> bool {
        !self.url.trim().is_empty()
    }
}

// The bind password must never reach a log line.
impl std::fmt::Debug for LdapSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LdapSettings")
            .field("url", &self.url)
            .field("bind_dn", &self.bind_dn)
            .field("bind_password", &if self.bind_password.is_empty() { "" } else { "***" })
            .field("user_base", &self.user_base)
            .field("preset", &self.preset)
            .finish_non_exhaustive()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    Human,
    Json,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LogSettings {
    pub format: LogFormat,
    pub level: String,
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("configuration file {0} not found")]
    Missing(String),
    #[error("configuration: {0}")]
    Invalid(String),
}

/// "key `database.pool_size`: invalid type … (from `ALLMENDE__` environment variable(s))",
/// with the key spelled as in the TOML file whatever its source.
fn describe(e: &figment::Error) -> String {
    let key = e.path.join(".").to_lowercase();
    let source = e
        .metadata
        .as_ref()
        .map(|m| format!(" (from {})", m.name))
        .unwrap_or_default();
    format!("key `{key}`: {}{source}", e.kind)
}

impl Settings {
    /// Reads the file, then the environment; names the offending key on error.
    pub fn load(file: &Path) -> Result<Settings, ConfigError> {
        if !file.exists() {
            return Err(ConfigError::Missing(file.display().to_string()));
        }
        Self::from_figment(
            Figment::new()
                .merge(Toml::file_exact(file))
                .merge(Env::prefixed("ALLMENDE__").split("__")),
        )
    }

    pub fn from_figment(figment: Figment) -> Result<Settings, ConfigError> {
        let settings: Settings = figment.extract().map_err(|errors| {
            ConfigError::Invalid(errors.into_iter().map(|e| describe(&e)).collect::<Vec<_>>().join("; "))
        })?;
        settings.validate()?;
        Ok(settings)
    }

    fn validate(&self) -> Result<(), ConfigError> {
        let bad = |key: &str, why: &str| Err(ConfigError::Invalid(format!("key `{key}`: {why}")));
        if self.database.url.trim().is_empty() {
            return bad("database.url", "must not be empty");
        }
        if self.branding.name.trim().is_empty() || self.branding.name.chars().count() > 60 {
            return bad("branding.name", "must be 1 to 60 characters");
        }
        if !self.branding.logo.is_empty() && crate::web::branding::Logo::read(&self.branding.logo).is_err() {
            return bad(
                "branding.logo",
                "must name a readable PNG, JPEG, WebP or SVG file of at most 1 MB",
            );
        }
        if self.database.pool_size == 0 {
            return bad("database.pool_size", "must be at least 1");
        }
        if self.server.body_limit_bytes < 1024 {
            return bad("server.body_limit_bytes", "must be at least 1024");
        }
        if self.auth.max_failures_per_account == 0 || self.auth.max_failures_per_address == 0 {
            return bad("auth.max_failures_per_account", "limits must be at least 1");
        }
        if self.session.max_idle_hours <= 0 {
            return bad("session.max_idle_hours", "must be at least 1");
        }
        if self.session.max_age_hours < self.session.max_idle_hours {
            return bad("session.max_age_hours", "must be at least session.max_idle_hours");
        }
        // Checked with the directory off too: an admin may set it before connecting one.
        if !(0.0..=1.0).contains(&self.ldap.max_deactivate_fraction) {
            return bad("ldap.max_deactivate_fraction", "must be between 0 and 1");
        }
        if self.ldap.enabled() {
            let l = &self.ldap;
            if !(l.url.starts_with("ldap://") || l.url.starts_with("ldaps://")) {
                return bad("ldap.url", "must start with ldap:// or ldaps://");
            }
            if l.user_base.trim().is_empty() {
                return bad("ldap.user_base", "must be set when ldap.url is");
            }
            if !(1..=10_000).contains(&l.page_size) {
                return bad("ldap.page_size", "must be between 1 and 10000");
            }
            for (i, mapping) in l.group_mapping.iter().enumerate() {
                if let Err(e) = mapping.validate() {
                    return Err(ConfigError::Invalid(format!("key `ldap.group_mapping[{i}]`: {e}")));
                }
            }
        }
        let area_ok = |a: &String| {
            !a.is_empty()
                && a.len() <= 40
                && a.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        };
        if self.status.areas.is_empty() || !self.status.areas.iter().all(area_ok) {
            return bad("status.areas", "must be a list of names of a-z, 0-9 and -");
        }
        if self.status.stale_after_days == 0 {
            return bad("status.stale_after_days", "must be at least 1");
        }
        if self.privacy.retention_days == 0 {
            return bad("privacy.retention_days", "must be at least 1");
        }
        if self.kpi.min_group < KPI_MIN_GROUP {
            return bad("kpi.min_group", "may be raised, not lowered below 5");
        }
        if self.mail.concurrency == 0 {
            return bad("mail.concurrency", "must be at least 1");
        }
        if !(self.mail.rate_per_second >= 0.0 && self.mail.rate_per_second.is_finite()) {
            return bad("mail.rate_per_second", "must be 0 (no limit) or more");
        }
        if self.mail.retry_attempts == 0 {
            return bad("mail.retry_attempts", "must be at least 1");
        }
        if self.mail.pause_after_failures < 1 {
            return bad("mail.pause_after_failures", "must be at least 1");
        }
        if self.mail.send_timeout_seconds == 0 {
            return bad("mail.send_timeout_seconds", "must be at least 1");
        }
        if self.mail.transport == MailTransport::Smtp && self.mail.smtp.host.trim().is_empty() {
            return bad("mail.smtp.host", "must not be empty for the smtp transport");
        }
        if tracing_subscriber::EnvFilter::try_new(&self.log.level).is_err() {
            return bad("log.level", "not a valid tracing filter");
        }
        Ok(())
    }

    /// Cookies are marked Secure exactly when people reach us over https.
    pub fn cookies_secure(&self) -> bool {
        self.server.public_url.scheme() == "https"
    }
}
