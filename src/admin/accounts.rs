//! What administrators do to people: find them, see where they come from, deactivate or
//! reactivate by hand (the directory sync then leaves that alone), lock fields against the sync,
//! grant or withdraw admin rights, remove a departed person's data on request. Every change is
//! in the audit log.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;

use crate::config::Settings;
use crate::db::models::{NewAuditEntry, Person};
use crate::db::schema::people;
use crate::db::{DbConnection, write_transaction};
use crate::error::AppError;
use crate::error::Code;

/// The fields the directory sync would overwrite that an admin may hold against it.
pub const LOCKABLE: [&str; 6] = ["display_name", "email", "title", "phone", "manager", "departments"];

#[derive(Debug, Serialize, Queryable, Selectable)]
#[diesel(table_name = people)]
pub struct PersonRow {
    pub id: i64,
    pub uid: String,
    pub display_name: String,
    pub email: Option<String>,
    pub source: crate::domain::PersonSource,
    pub active: bool,
    pub deactivated_by_admin: bool,
    pub deactivated_at: Option<NaiveDateTime>,
    pub anonymised_at: Option<NaiveDateTime>,
    pub is_admin: bool,
    /// As a list of field names.
    #[serde(rename = "locked", serialize_with = "locked_list")]
    pub locked_fields: String,
}

fn locked_list<S: serde::Serializer>(stored: &str, s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(crate::db::models::locked_fields(stored))
}

/// People whose name, user name or address contains `q` (all without one), 100 at most.
pub fn search(conn: &mut DbConnection, q: &str) -> Result<Vec<PersonRow>, AppError> {
    let mut query = people::table.into_boxed();
    if !q.trim().is_empty() {
        query = query.filter(
            people::search_text
                .like(crate::db::contains_pattern(q.trim()))
                .escape('\\'),
        );
    }
    Ok(query
        .order((people::display_name, people::id))
        .limit(100)
        .select(PersonRow::as_select())
        .load(conn)?)
}

pub fn one(conn: &mut DbConnection, id: i64) -> Result<PersonRow, AppError> {
    Ok(people::table.find(id).select(PersonRow::as_select()).first(conn)?)
}

/// What an admin changes about a person.
#[derive(Debug, Clone)]
pub enum Change {
    /// Deactivated by hand (the sync does not reactivate them) or reactivated.
    Active(bool),
    Admin(bool),
    Locks(Vec<String>),
}

/// Removes a departed person's personal data now (right to erasure).
pub fn anonymise(conn: &mut DbConnection, admin: &Person, id: i64, settings: &Settings) -> Result<(), AppError> {
    match crate::privacy::departure::anonymise(conn, id, Some(admin.id), settings)? {
        true => Ok(()),
        false => Err(AppError::Conflict {
            code: Code::AlreadyAnonymised,
        }),
    }
}

pub fn change(conn: &mut DbConnection, admin: &Person, id: i64, change: Change) -> Result<(), AppError> {
    write_transaction(conn, |conn| {
        let target = one(conn, id)?;
        if target.anonymised_at.is_some() {
            return Err(AppError::Conflict {
                code: Code::AlreadyAnonymised,
            });
        }
        if target.id == admin.id && matches!(change, Change::Active(false) | Change::Admin(false)) {
            return Err(AppError::Conflict {
                code: Code::NotYourself,
            });
        }
        let (action, details) = match &change {
            Change::Active(active) => {
                diesel::update(people::table.find(id))
                    .set((
                        people::active.eq(active),
                        people::deactivated_by_admin.eq(!active),
                        people::updated_at.eq(crate::db::now()),
                    ))
                    .execute(conn)?;
                (
                    if *active {
                        "person.reactivate"
                    } else {
                        "person.deactivate"
                    },
                    serde_json::json!({}),
                )
            }
            Change::Admin(on) => {
                diesel::update(people::table.find(id))
                    .set(people::is_admin.eq(on))
                    .execute(conn)?;
                (
                    if *on {
                        "person.admin.grant"
                    } else {
                        "person.admin.revoke"
                    },
                    serde_json::json!({}),
                )
            }
            Change::Locks(fields) => {
                if let Some(bad) = fields.iter().find(|f| !LOCKABLE.contains(&f.as_str())) {
                    tracing::debug!(field = %bad, "not a lockable field");
                    return Err(crate::domain::Invalid::new("locked", "unknown-value").into());
                }
                let mut fields = fields.clone();
                fields.sort();
                fields.dedup();
                diesel::update(people::table.find(id))
                    .set(people::locked_fields.eq(fields.join(",")))
                    .execute(conn)?;
                ("person.locks", serde_json::json!({"locked": fields}))
            }
        };
        NewAuditEntry::record(conn, Some(admin.id), action, ("person", &target.uid), details)?;
        Ok(())
    })
}
