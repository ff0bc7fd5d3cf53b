//! Personal API tokens: shown once, stored as SHA-256.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use diesel::prelude::*;
use rand::RngCore;
use sha2::{Digest, Sha256};

use crate::db::models::{NewApiToken, NewAuditEntry, Person};
use crate::db::schema::{api_tokens, people};
use crate::db::{DbConnection, now};
use crate::error::AppError;

const PREFIX: &str = "alm_";

pub fn digest(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// Creates a token for the person and returns it; only its digest is kept.
pub fn create(conn: &mut DbConnection, person: &Person, label: &str) -> Result<String, AppError> {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    let token = format!("{PREFIX}{}", URL_SAFE_NO_PAD.encode(bytes));
    crate::db::write_transaction(conn, |conn| {
        diesel::insert_into(api_tokens::table)
            .values(NewApiToken {
                person_id: person.id,
                token_hash: digest(&token),
                label: label.to_string(),
                created_at: now(),
            })
            .execute(conn)?;
        NewAuditEntry::record(
            conn,
            Some(person.id),
            "token.create",
            ("person", &person.uid),
            serde_json::json!({ "label": label }),
        )
    })?;
    Ok(token)
}

/// The active person a bearer token belongs to.
pub fn authenticate(conn: &mut DbConnection, token: &str) -> Result<Option<Person>, AppError> {
    if !token.starts_with(PREFIX) || token.len() > 100 {
        return Ok(None);
    }
    let found: Option<(i64, Person)> = api_tokens::table
        .inner_join(people::table)
        .filter(api_tokens::token_hash.eq(digest(token)))
        .filter(people::active.eq(true))
        .select((api_tokens::id, Person::as_select()))
        .first(conn)
        .optional()?;
    if let Some((token_id, _)) = &found {
        diesel::update(api_tokens::table.find(token_id))
            .set(api_tokens::last_used_at.eq(now()))
            .execute(conn)?;
    }
    Ok(found.map(|(_, p)| p))
}
