//! Sign-ins kept on the server. The session cookie is signed and encrypted, but a cookie alone
//! cannot be taken back: one copied before signing out would work on. So the cookie names a
//! record here by a random id (only its SHA-256 is kept), and a page request counts as signed in
//! only while that record lives: signing out deletes it, a deactivation or a new password
//! deletes all of the person's (a database trigger, whichever path changes them), and the idle
//! and absolute lifetimes are checked here rather than trusted to the browser.

use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;

use crate::config::SessionSettings;
use crate::db::models::Person;
use crate::db::schema::{people, sessions};
use crate::db::{DbConnection, now};
use crate::error::AppError;

/// How often a session's last request is written: idleness is measured in hours, so a write
/// a minute per signed-in person is plenty, and most requests write nothing.
const TOUCH_EVERY: Duration = Duration::seconds(60);

/// How long a session may last: idle, and at most since signing in.
#[derive(Debug, Clone, Copy)]
pub struct Lifetimes {
    pub idle: Duration,
    pub absolute: Duration,
}

impl From<&SessionSettings> for Lifetimes {
    fn from(s: &SessionSettings) -> Self {
        Lifetimes {
            idle: Duration::hours(s.max_idle_hours),
            absolute: Duration::hours(s.max_age_hours),
        }
    }
}

fn digest(id: &str) -> String {
    super::tokens::digest(id)
}

/// Starts a session for the person and returns the id for the cookie. Sessions that ran out
/// are cleared on the way (an index on the last request keeps that cheap).
pub fn start(conn: &mut DbConnection, person_id: i64, limits: Lifetimes) -> Result<String, AppError> {
    let id = super::session::random_token();
    let at = now();
    diesel::delete(sessions::table.filter(sessions::last_seen_at.lt(at - limits.idle))).execute(conn)?;
    diesel::insert_into(sessions::table)
        .values((
            sessions::id_hash.eq(digest(&id)),
            sessions::person_id.eq(person_id),
            sessions::created_at.eq(at),
            sessions::last_seen_at.eq(at),
        ))
        .execute(conn)?;
    Ok(id)
}

/// The active person whose live session this is, or `None` (ended, ran out, deactivated).
pub fn resume(conn: &mut DbConnection, id: &str, limits: Lifetimes) -> Result<Option<Person>, AppError> {
    let at = now();
    let found: Option<(NaiveDateTime, Person)> = sessions::table
        .inner_join(people::table)
        .filter(sessions::id_hash.eq(digest(id)))
        .filter(sessions::last_seen_at.ge(at - limits.idle))
        .filter(sessions::created_at.ge(at - limits.absolute))
        .filter(people::active.eq(true))
        .select((sessions::last_seen_at, Person::as_select()))
        .first(conn)
        .optional()?;
    if let Some((last_seen, _)) = &found
        && at - *last_seen >= TOUCH_EVERY
    {
        diesel::update(sessions::table.find(digest(id)))
            .set(sessions::last_seen_at.eq(at))
            .execute(conn)?;
    }
    Ok(found.map(|(_, person)| person))
}

/// Ends this one session (signing out).
pub fn end(conn: &mut DbConnection, id: &str) -> Result<(), AppError> {
    diesel::delete(sessions::table.find(digest(id))).execute(conn)?;
    Ok(())
}
