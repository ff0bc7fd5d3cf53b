//! A person's next digest as it would be sent now: its period (since the last one: a day or a
//! week), content and the mail in their language.

use chrono::{Duration, NaiveDateTime};
use serde::Serialize;

use super::content::{self, Digest};
use super::preferences;
use crate::config::Settings;
use crate::db::DbConnection;
use crate::db::models::Person;
use crate::domain::DigestFrequency;
use crate::error::AppError;
use crate::templates::Templates;

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Preview {
    pub subject: String,
    pub text: String,
    pub html: String,
    /// Nothing new: this digest would not be sent.
    pub empty: bool,
    pub digest: Digest,
}

/// The period a digest made at `now` covers (a day for daily digests, else a week).
pub fn period(frequency: DigestFrequency, now: NaiveDateTime) -> (NaiveDateTime, NaiveDateTime) {
    let length = match frequency {
        DigestFrequency::Daily => Duration::days(1),
        DigestFrequency::Weekly | DigestFrequency::Off => Duration::days(7),
    };
    (now - length, now)
}

pub fn preview(
    conn: &mut DbConnection,
    templates: &Templates,
    settings: &Settings,
    person: &Person,
    now: NaiveDateTime,
) -> Result<Preview, AppError> {
    let prefs = preferences::get(conn, person, &settings.i18n)?;
    let (since, until) = period(prefs.digest, now);
    let digest = content::build(conn, person, since, until)?;
    let locale = person.locale().unwrap_or(settings.i18n.default_locale);
    let tz = person.timezone().unwrap_or(settings.i18n.default_timezone);
    let mut values = tera::Context::new();
    values.insert("digest", &digest);
    values.insert("name", &person.display_name);
    values.insert(
        "count",
        &(digest.announcements.len() + digest.groups.iter().map(|g| g.posts.len() + g.more).sum::<usize>()),
    );
    values.insert("public_url", settings.server.public_url.as_str().trim_end_matches('/'));
    let mail = crate::mail::compose(templates, "digest", locale, tz, values)?;
    Ok(Preview {
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        empty: digest.is_empty(),
        digest,
    })
}
