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

/// The fields the directory sync would overwrite that an admin may hold against it.
pub const LOCKABLE: [&str; 6] = ["display_name", "email", "title", "phone", "manager", "departments"];

#[derive(Debug, Serialize)]
pub struct PersonRow {
    pub id: i64,
    pub uid: String,
    pub display_name: String,
    pub email: Option<String>,
    /// local or directory
    pub source: String,
    pub active: bool,
    pub deactivated_by_admin: bool,
    pub deactivated_at: Option<NaiveDateTime>,
    pub anonymised_at: Option<NaiveDateTime>,
    pub is_admin: bool,
    pub locked: Vec<String>,
}

type Row = (
    i64,
    String,
    String,
    Option<String>,
    String,
    bool,
    bool,
    Option<NaiveDateTime>,
    Option<NaiveDateTime>,
    bool,
    String,
);

fn row(r: Row) -> PersonRow {
    let (
        id,
        uid,
        display_name,
        email,
        source,
        active,
        deactivated_by_admin,
        deactivated_at,
        anonymised_at,
        is_admin,
        locked,
    ) = r;
    PersonRow {
        id,
        uid,
        display_name,
        email,
        source,
        active,
        deactivated_by_admin,
        deactivated_at,
        anonymised_at,
        is_admin,
        locked: locked
            .split(',')
            .map(str::trim)
            .filter(|f| !f.is_empty())
            .map(str::to_string)
            .collect(),
    }
}

macro_rules! person_columns {
    () => {
        (
            people::id,
            people::uid,
            people::display_name,
            people::email,
            people::source,
            people::active,
            people::deactivated_by_admin,
            people::deactivated_at,
            people::anonymised_at,
            people::is_admin,
            people::locked_fields,
        )
    };
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
        .select(person_columns!())
        .load::<Row>(conn)?
        .into_iter()
        .map(row)
        .collect())
}

pub fn one(conn: &mut DbConnection, id: i64) -> Result<PersonRow, AppError> {
    Ok(row(people::table
        .find(id)
        .select(person_columns!())
        .first::<Row>(conn)?))
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
            code: "already-anonymised",
        }),
    }
}

pub fn change(conn: &mut DbConnection, admin: &Person, id: i64, change: Change) -> Result<(), AppError> {
    write_transaction(conn, |conn| {
        let target = one(conn, id)?;
        if target.anonymised_at.is_some() {
            return Err(AppError::Conflict {
                code: "already-anonymised",
            });
        }
        if target.id == admin.id && matches!(change, Change::Active(false) | Change::Admin(false)) {
            return Err(AppError::Conflict { code: "not-yourself" });
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
