//! A person's digest settings, with their language and time zone (kept on the person, shared
//! with the pages) and the communities they muted.

use diesel::prelude::*;
use serde::Serialize;

use crate::communities::policy;
use crate::config::I18nSettings;
use crate::db::models::Person;
use crate::db::schema::{communities, digest_mutes, mail_preferences, people};
use crate::db::{DbConnection, now, write_transaction};
use crate::domain::{DigestFrequency, DigestTime, Invalid, Locale, TimeZone};
use crate::error::AppError;

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Preferences {
    pub digest: DigestFrequency,
    /// 1 = Monday … 7 = Sunday.
    pub digest_weekday: i32,
    /// Local hour, 0–23, in `timezone`.
    pub digest_hour: i32,
    pub timezone: String,
    pub language: String,
    /// Slugs of the communities left out of the digest.
    pub muted: Vec<String>,
    /// Without a mail address no digest can be sent, whatever is chosen.
    pub has_email: bool,
}

#[derive(Debug)]
pub struct PreferencesInput {
    pub digest: DigestFrequency,
    pub time: DigestTime,
    pub timezone: TimeZone,
    pub language: Locale,
    /// Communities the person belongs to, by slug.
    pub muted: Vec<String>,
}

/// What a stored choice means (weekly on Monday at eight when there is none).
pub fn chosen(stored: Option<(String, i32, i32)>) -> (DigestFrequency, DigestTime) {
    match stored {
        Some((d, weekday, hour)) => (
            DigestFrequency::parse(&d).unwrap_or(DigestFrequency::Weekly),
            DigestTime { weekday, hour },
        ),
        None => (DigestFrequency::Weekly, DigestTime::DEFAULT),
    }
}

pub fn get(conn: &mut DbConnection, person: &Person, defaults: &I18nSettings) -> Result<Preferences, AppError> {
    let chosen: Option<(String, i32, i32)> = mail_preferences::table
        .find(person.id)
        .select((
            mail_preferences::digest,
            mail_preferences::digest_weekday,
            mail_preferences::digest_hour,
        ))
        .first(conn)
        .optional()?;
    let (digest, time) = self::chosen(chosen);
    let muted: Vec<String> = digest_mutes::table
        .inner_join(communities::table)
        .filter(digest_mutes::person_id.eq(person.id))
        .order(communities::slug.asc())
        .select(communities::slug)
        .load(conn)?;
    Ok(Preferences {
        digest,
        digest_weekday: time.weekday,
        digest_hour: time.hour,
        timezone: person.timezone.unwrap_or(defaults.default_timezone).name().to_string(),
        language: person.locale.unwrap_or(defaults.default_locale).as_str().to_string(),
        muted,
        has_email: person.email.is_some(),
    })
}

pub fn put(conn: &mut DbConnection, person: &Person, input: PreferencesInput) -> Result<(), AppError> {
    write_transaction(conn, |conn| {
        store(conn, person, input.digest, input.time, &input.muted)?;
        diesel::update(people::table.find(person.id))
            .set((
                people::timezone.eq(Some(input.timezone.name())),
                people::locale.eq(Some(input.language.as_str())),
            ))
            .execute(conn)?;
        Ok(())
    })
}

/// The digest part alone (the settings page keeps language and zone in its own form).
pub fn put_digest(
    conn: &mut DbConnection,
    person: &Person,
    digest: DigestFrequency,
    time: DigestTime,
    muted: &[String],
) -> Result<(), AppError> {
    write_transaction(conn, |conn| store(conn, person, digest, time, muted))
}

fn store(
    conn: &mut DbConnection,
    person: &Person,
    digest: DigestFrequency,
    time: DigestTime,
    muted_slugs: &[String],
) -> Result<(), AppError> {
    let mut muted = Vec::with_capacity(muted_slugs.len());
    for slug in muted_slugs {
        // Only communities the person belongs to can be muted; others are as unknown.
        let access = policy::load(conn, person, slug).map_err(|_| Invalid::new("muted", "unknown-value"))?;
        if !access.is_member() {
            return Err(Invalid::new("muted", "not-member").into());
        }
        muted.push(access.community.id);
    }
    diesel::delete(mail_preferences::table.find(person.id)).execute(conn)?;
    diesel::insert_into(mail_preferences::table)
        .values((
            mail_preferences::person_id.eq(person.id),
            mail_preferences::digest.eq(digest.as_str()),
            mail_preferences::digest_weekday.eq(time.weekday),
            mail_preferences::digest_hour.eq(time.hour),
            mail_preferences::updated_at.eq(now()),
        ))
        .execute(conn)?;
    diesel::delete(digest_mutes::table.filter(digest_mutes::person_id.eq(person.id))).execute(conn)?;
    for community in muted {
        diesel::insert_into(digest_mutes::table)
            .values((
                digest_mutes::person_id.eq(person.id),
                digest_mutes::community_id.eq(community),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// One of my communities on the settings page: in my digest or muted; for official ones,
/// whether I get their newsletter.
#[derive(Debug, Serialize)]
pub struct MyCommunity {
    pub slug: String,
    pub name: String,
    pub muted: bool,
    /// The community has a newsletter one may leave…
    pub newsletter_offered: bool,
    /// …and I get it.
    pub newsletter: bool,
}

/// What the settings page shows about my mail.
#[derive(Debug, Serialize)]
pub struct MailChoices {
    pub preferences: Preferences,
    /// My communities, by name.
    pub communities: Vec<MyCommunity>,
}

impl MailChoices {
    /// Whether any of my communities has a newsletter I may leave.
    pub fn has_newsletters(&self) -> bool {
        self.communities.iter().any(|m| m.newsletter_offered)
    }
}

pub fn page_view(
    conn: &mut DbConnection,
    person: &Person,
    defaults: &I18nSettings,
    newsletter_opt_out: bool,
) -> Result<MailChoices, AppError> {
    use crate::db::schema::{memberships, newsletter_opt_outs};
    let prefs = get(conn, person, defaults)?;
    let rows: Vec<(i64, String, String, String)> = communities::table
        .inner_join(memberships::table.on(memberships::community_id.eq(communities::id)))
        .filter(memberships::person_id.eq(person.id))
        .filter(memberships::state.eq(crate::domain::MembershipState::Active.as_str()))
        .order(communities::name.asc())
        .select((communities::id, communities::slug, communities::name, communities::kind))
        .load(conn)?;
    let opted_out: Vec<i64> = newsletter_opt_outs::table
        .filter(newsletter_opt_outs::person_id.eq(person.id))
        .select(newsletter_opt_outs::community_id)
        .load(conn)?;
    let mine = rows
        .into_iter()
        .map(|(id, slug, name, kind)| {
            let official = crate::domain::CommunityKind::parse(&kind).is_ok_and(|k| k.membership_is_managed());
            MyCommunity {
                muted: prefs.muted.contains(&slug),
                newsletter_offered: official && newsletter_opt_out,
                newsletter: !opted_out.contains(&id),
                slug,
                name,
            }
        })
        .collect();
    Ok(MailChoices {
        preferences: prefs,
        communities: mine,
    })
}

/// Switches the person's digest off (an unsubscribe link), keeping the day and hour chosen.
pub fn switch_off(conn: &mut DbConnection, person_id: i64) -> Result<(), AppError> {
    write_transaction(conn, |conn| {
        let off = DigestFrequency::Off.as_str();
        let changed = diesel::update(mail_preferences::table.find(person_id))
            .set((mail_preferences::digest.eq(off), mail_preferences::updated_at.eq(now())))
            .execute(conn)?;
        if changed == 0 {
            diesel::insert_into(mail_preferences::table)
                .values((
                    mail_preferences::person_id.eq(person_id),
                    mail_preferences::digest.eq(off),
                    mail_preferences::digest_weekday.eq(DigestTime::DEFAULT.weekday),
                    mail_preferences::digest_hour.eq(DigestTime::DEFAULT.hour),
                    mail_preferences::updated_at.eq(now()),
                ))
                .execute(conn)?;
        }
        Ok(())
    })
}
