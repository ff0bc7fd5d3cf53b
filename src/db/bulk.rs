//! Multi-row inserts. Diesel's batch insert is not available through the MultiConnection
//! backend, so it is dispatched to the concrete connection here.

use diesel::prelude::*;

use super::DbConnection;
use super::models::{NewPerson, StagedEntry};
use super::schema::{directory_entries, people};

/// Inserts all rows in one statement (callers chunk to stay under parameter limits).
pub fn insert_people(conn: &mut DbConnection, rows: &[NewPerson]) -> QueryResult<usize> {
    match conn {
        DbConnection::Sqlite(c) => diesel::insert_into(people::table).values(rows).execute(c),
        DbConnection::Postgresql(c) => diesel::insert_into(people::table).values(rows).execute(c),
    }
}

/// Stages directory entries; an entry whose stable id was already staged in this run is
/// dropped (returns how many were inserted).
pub fn insert_staged_entries(conn: &mut DbConnection, rows: &[StagedEntry]) -> QueryResult<usize> {
    match conn {
        DbConnection::Sqlite(c) => diesel::insert_or_ignore_into(directory_entries::table)
            .values(rows)
            .execute(c),
        DbConnection::Postgresql(c) => diesel::insert_into(directory_entries::table)
            .values(rows)
            .on_conflict_do_nothing()
            .execute(c),
    }
}
