//! Multi-row inserts. Diesel's batch insert is not available through the MultiConnection
//! backend, so it is dispatched to the concrete connection here.

use diesel::prelude::*;

use super::DbConnection;
use super::models::NewPerson;
use super::schema::people;

/// Inserts all rows in one statement (callers chunk to stay under parameter limits).
pub fn insert_people(conn: &mut DbConnection, rows: &[NewPerson]) -> QueryResult<usize> {
    match conn {
        DbConnection::Sqlite(c) => diesel::insert_into(people::table).values(rows).execute(c),
        DbConnection::Postgresql(c) => diesel::insert_into(people::table).values(rows).execute(c),
    }
}
