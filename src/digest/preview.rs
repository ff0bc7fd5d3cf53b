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

/// Where the next digest's window starts: where the last delivered one ended; for someone who
/// never had one delivered, where their first try began (nothing of a refused digest falls
/// through), else a day (daily) or a week back. A digest covers a month at most: one after a
/// long pause is not an archive. `started` is what `started` below reads (the run reads it for
/// everyone at once).
pub fn since(started: Option<NaiveDateTime>, frequency: DigestFrequency, now: NaiveDateTime) -> NaiveDateTime {
    let since = started.unwrap_or_else(|| {
        now - match frequency {
            DigestFrequency::Daily => Duration::days(1),
            DigestFrequency::Weekly | DigestFrequency::Off => Duration::days(7),
        }
    });
    since.max(now - Duration::days(31))
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
    let since = since(started(conn, person.id)?, prefs.digest, now);
    preview(conn, templates, settings, person, since, now, unsubscribe)
}

/// The end of the person's last delivered digest, or the start of their first try.
fn started(conn: &mut DbConnection, person_id: i64) -> Result<Option<NaiveDateTime>, AppError> {
    use diesel::prelude::*;

    use crate::db::schema::mail_deliveries;
    let digests = mail_deliveries::table
        .filter(mail_deliveries::person_id.eq(person_id))
        .filter(mail_deliveries::newsletter_id.is_null());
    let delivered_end: Option<NaiveDateTime> = digests
        .filter(mail_deliveries::state.eq_any(crate::mail::ledger::DELIVERED))
        .select(diesel::dsl::max(mail_deliveries::period_end))
        .first(conn)?;
    if delivered_end.is_some() {
        return Ok(delivered_end);
    }
    Ok(digests
        .select(diesel::dsl::min(mail_deliveries::period_start))
        .first(conn)?)
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
    let tz = person.timezone.unwrap_or(settings.i18n.default_timezone);
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
    let locale = person.locale.unwrap_or(settings.i18n.default_locale);
    let tz = person.timezone.unwrap_or(settings.i18n.default_timezone);
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
