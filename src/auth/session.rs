//! What the session cookie holds: the id of the sign-in (kept on the server, `sign_ins`), the
//! signed-in uid and name for the layout, the CSRF token and the chosen language.

use actix_session::Session;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rand::RngCore;

use crate::db::models::Person;
use crate::domain::Locale;

const SIGN_IN: &str = "sid";
const UID: &str = "uid";
const NAME: &str = "name";
const ADMIN: &str = "admin";
const CSRF: &str = "csrf";
const LANG: &str = "lang";
const TZ: &str = "tz";

pub fn uid(session: &Session) -> Option<String> {
    session.get::<String>(UID).ok().flatten()
}

/// Whether to show administrators' links; the admin pages themselves ask the database.
pub fn shows_admin_links(session: &Session) -> bool {
    session.get::<bool>(ADMIN).ok().flatten().unwrap_or(false)
}

pub fn display_name(session: &Session) -> Option<String> {
    session.get::<String>(NAME).ok().flatten()
}

pub fn lang(session: &Session) -> Option<Locale> {
    session
        .get::<String>(LANG)
        .ok()
        .flatten()
        .and_then(|l| Locale::parse(&l).ok())
}

pub fn timezone(session: &Session) -> Option<String> {
    session.get::<String>(TZ).ok().flatten()
}

pub fn set_lang(session: &Session, locale: Option<Locale>) {
    match locale {
        Some(l) => {
            let _ = session.insert(LANG, l.as_str());
        }
        None => {
            session.remove(LANG);
        }
    }
}

/// The id of the sign-in this cookie carries (see `sign_ins`).
pub fn sign_in_id(session: &Session) -> Option<String> {
    session.get::<String>(SIGN_IN).ok().flatten()
}

/// 32 random bytes, URL-safe: CSRF tokens and sign-in ids.
pub fn random_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

/// The session's CSRF token, created on first use.
pub fn csrf_token(session: &Session) -> String {
    if let Some(t) = session.get::<String>(CSRF).ok().flatten() {
        return t;
    }
    let token = random_token();
    let _ = session.insert(CSRF, &token);
    token
}

pub fn stored_csrf_token(session: &Session) -> Option<String> {
    session.get::<String>(CSRF).ok().flatten()
}

/// A fresh session for the person: the old one (and its CSRF token) is dropped,
/// so a session fixed before sign-in is worthless after it.
pub fn sign_in(session: &Session, person: &Person, sign_in_id: &str) {
    // clear + renew, not purge: inserts after a purge are not saved.
    session.clear();
    let _ = session.insert(SIGN_IN, sign_in_id);
    let _ = session.insert(UID, &person.uid);
    refresh_person(session, person);
    session.renew();
}

/// What the layout shows without a database read: name, language and time zone.
pub fn refresh_person(session: &Session, person: &Person) {
    let _ = session.insert(ADMIN, person.is_admin);
    let _ = session.insert(NAME, &person.display_name);
    set_lang(session, person.locale);
    match &person.timezone {
        Some(tz) => {
            let _ = session.insert(TZ, tz.name());
        }
        None => {
            session.remove(TZ);
        }
    }
}

pub fn sign_out(session: &Session) {
    session.purge();
}
