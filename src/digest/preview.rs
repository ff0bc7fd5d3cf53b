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
    /// Subject, text and HTML.
    #[serde(flatten)]
    pub mail: crate::mail::Composed,
    /// Nothing new: this digest would not be sent.
    pub empty: bool,
    pub digest: Digest,
}

/// Where the next digest's window starts: where the last sent one ended, or for a first one a
/// day (daily) or a week back.
pub fn since(last_end: Option<NaiveDateTime>, frequency: DigestFrequency, now: NaiveDateTime) -> NaiveDateTime {
    last_end.unwrap_or_else(|| {
        now - match frequency {
            DigestFrequency::Daily => Duration::days(1),
            DigestFrequency::Weekly | DigestFrequency::Off => Duration::days(7),
        }
    })
}

/// The person's next digest, as it would go out at `now`.
pub fn next(
    conn: &mut DbConnection,
    templates: &Templates,
    settings: &Settings,
    person: &Person,
    now: NaiveDateTime,
    unsubscribe: &str,
) -> Result<Preview, AppError> {
    let prefs = preferences::get(conn, person, &settings.i18n)?;
    let last_end = last_sent(conn, person.id)?.map(|(_, end)| end);
    preview(
        conn,
        templates,
        settings,
        person,
        since(last_end, prefs.digest, now),
        now,
        unsubscribe,
    )
}

/// The slot and the window's end of the person's last digest that went out (or had nothing).
pub fn last_sent(conn: &mut DbConnection, person_id: i64) -> Result<Option<(NaiveDateTime, NaiveDateTime)>, AppError> {
    use diesel::prelude::*;

    use crate::db::schema::mail_deliveries;
    Ok(mail_deliveries::table
        .filter(mail_deliveries::person_id.eq(person_id))
        .filter(mail_deliveries::newsletter_id.is_null())
        .filter(mail_deliveries::state.eq_any(crate::mail::ledger::DELIVERED))
        .order(mail_deliveries::slot.desc())
        .select((mail_deliveries::slot, mail_deliveries::period_end))
        .first(conn)
        .optional()?)
}

/// The digest of `since` to `until` for the person, rendered.
pub fn preview(
    conn: &mut DbConnection,
    templates: &Templates,
    settings: &Settings,
    person: &Person,
    since: NaiveDateTime,
    until: NaiveDateTime,
    unsubscribe: &str,
) -> Result<Preview, AppError> {
    let today = today(settings, person, until);
    let digest = content::build(conn, content::Wanted { person, since, today }, until)?;
    render(templates, settings, person, digest, unsubscribe)
}

/// The person's date at `at`, where they are.
pub fn today(settings: &Settings, person: &Person, at: NaiveDateTime) -> chrono::NaiveDate {
    let tz = person.timezone().unwrap_or(settings.i18n.default_timezone);
    chrono::TimeZone::from_utc_datetime(&tz.0, &at).date_naive()
}

/// The mail of a made digest, in the person's language and zone.
pub fn render(
    templates: &Templates,
    settings: &Settings,
    person: &Person,
    digest: Digest,
    unsubscribe: &str,
) -> Result<Preview, AppError> {
    let locale = person.locale().unwrap_or(settings.i18n.default_locale);
    let tz = person.timezone().unwrap_or(settings.i18n.default_timezone);
    let mut values = tera::Context::new();
    values.insert("digest", &digest);
    values.insert("name", &person.display_name);
    values.insert("count", &digest.posts());
    values.insert("public_url", settings.server.public_url.as_str().trim_end_matches('/'));
    values.insert("unsubscribe", unsubscribe);
    let mail = crate::mail::compose(templates, "digest", locale, tz, values)?;
    Ok(Preview {
        mail,
        empty: digest.is_empty(),
        digest,
    })
}
