//! Calendar files: one meeting, and a person's subscription to a community's meetings. The
//! subscription link carries a MAC over person, community and a generation number, so nothing
//! secret is stored and a new link (a higher generation) ends the old one. Every fetch checks
//! again that the person may still read the community's meetings.

use diesel::prelude::*;
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

use super::ics::{self, Event};
use super::policy;
use super::service::{for_calendar, zone};
use crate::communities::policy::Access;
use crate::db::DbConnection;
use crate::db::models::{Meeting, Person};
use crate::db::schema::{calendar_feeds, people};
use crate::domain::Module;
use crate::error::AppError;

/// The key the links are signed with, derived from the session key.
#[derive(Clone)]
pub struct FeedKey([u8; 32]);

impl FeedKey {
    pub fn derive(session_key: &[u8]) -> FeedKey {
        let mut h = Sha256::new();
        h.update(b"allmende calendar feeds\0");
        h.update(session_key);
        FeedKey(h.finalize().into())
    }

    fn token(&self, person: i64, community: i64, generation: i32) -> String {
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&self.0).expect("HMAC takes any key length");
        mac.update(format!("{person}:{community}:{generation}").as_bytes());
        hex::encode(mac.finalize().into_bytes())
    }
}

fn event<'a>(m: &'a Meeting, base: &url::Url) -> Event<'a> {
    let host = base.host_str().unwrap_or("allmende");
    Event {
        uid: format!("meeting-{}@{host}", m.id),
        stamp: m.updated_at,
        starts_at: m.starts_at,
        ends_at: m.ends_at,
        tz: zone(m).0,
        summary: &m.title,
        location: if m.place.is_empty() {
            m.online_url.as_deref().unwrap_or("")
        } else {
            &m.place
        },
        online: m.online_url.as_deref().unwrap_or(""),
        description: &m.agenda,
        url: base
            .join(&format!("meetings/{}", m.id))
            .map(String::from)
            .unwrap_or_default(),
        sequence: m.sequence,
    }
}

/// One meeting as an `.ics` file, for a viewer who may read it.
pub fn meeting_ics(conn: &mut DbConnection, viewer: &Person, id: i64, base: &url::Url) -> Result<String, AppError> {
    let access = policy::load_meeting(conn, viewer, id)?;
    let m = &access.meeting;
    Ok(ics::calendar(&m.title, &[event(m, base)]))
}

fn generation(conn: &mut DbConnection, person: i64, community: i64) -> QueryResult<Option<i32>> {
    calendar_feeds::table
        .find((person, community))
        .select(calendar_feeds::generation)
        .first(conn)
        .optional()
}

/// The viewer's subscription link path for a community's meetings (made on first use).
pub fn link(conn: &mut DbConnection, key: &FeedKey, viewer: &Person, access: &Access) -> Result<String, AppError> {
    access.can_read_module(Module::Meetings)?;
    let (community, slug) = (access.community.id, &access.community.slug);
    let generation = match generation(conn, viewer.id, community)? {
        Some(g) => g,
        None => {
            diesel::insert_into(calendar_feeds::table)
                .values((
                    calendar_feeds::person_id.eq(viewer.id),
                    calendar_feeds::community_id.eq(community),
                    calendar_feeds::generation.eq(0),
                ))
                .execute(conn)?;
            0
        }
    };
    Ok(format!(
        "/c/{slug}/calendar/{}-{}.ics",
        viewer.id,
        key.token(viewer.id, community, generation)
    ))
}

/// A new link; the old one stops working.
pub fn renew(conn: &mut DbConnection, key: &FeedKey, viewer: &Person, slug: &str) -> Result<String, AppError> {
    let access = policy::load_community(conn, viewer, slug)?;
    diesel::update(calendar_feeds::table.find((viewer.id, access.community.id)))
        .set(calendar_feeds::generation.eq(calendar_feeds::generation + 1))
        .execute(conn)?;
    link(conn, key, viewer, &access)
}

/// The feed behind a link `{person}-{token}`: `NotFound` for a wrong or old link, or for a
/// person who may no longer read the community's meetings.
pub fn subscription(
    conn: &mut DbConnection,
    key: &FeedKey,
    slug: &str,
    credential: &str,
    base: &url::Url,
) -> Result<String, AppError> {
    let (person, token) = credential.split_once('-').ok_or(AppError::NotFound)?;
    let person: i64 = person.parse().map_err(|_| AppError::NotFound)?;
    let viewer: Person = people::table
        .find(person)
        .filter(people::active.eq(true))
        .select(Person::as_select())
        .first(conn)
        .optional()?
        .ok_or(AppError::NotFound)?;
    let access = policy::load_community(conn, &viewer, slug).map_err(|_| AppError::NotFound)?;
    let generation = generation(conn, person, access.community.id)?.ok_or(AppError::NotFound)?;
    let expected = key.token(person, access.community.id, generation);
    if !bool::from(expected.as_bytes().ct_eq(token.as_bytes())) {
        return Err(AppError::NotFound);
    }
    let meetings = for_calendar(conn, access.community.id)?;
    let events: Vec<Event> = meetings.iter().map(|m| event(m, base)).collect();
    Ok(ics::calendar(&access.community.name, &events))
}
