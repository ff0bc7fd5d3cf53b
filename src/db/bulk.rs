//! Multi-row inserts. Diesel's batch insert is not available through the MultiConnection
//! backend, so it is dispatched to the concrete connection here.

use diesel::prelude::*;

use super::DbConnection;
use super::models::{NewAuditEntry, NewMembership, NewPerson, NewPersonDepartment};
use super::schema::{audit_log, memberships, people, person_departments};

/// One multi-row INSERT per call; callers chunk (1,000 rows stay under both databases'
/// parameter limits).
macro_rules! insert_all {
    ($(#[$doc:meta])* $name:ident, $table:path, $row:ty) => {
        $(#[$doc])*
        pub fn $name(conn: &mut DbConnection, rows: &[$row]) -> QueryResult<usize> {
            if rows.is_empty() {
                return Ok(0);
            }
            match conn {
                DbConnection::Sqlite(c) => diesel::insert_into($table).values(rows).execute(c),
                DbConnection::Postgresql(c) => diesel::insert_into($table).values(rows).execute(c),
            }
        }
    };
}

insert_all!(insert_people, people::table, NewPerson);
insert_all!(
    insert_person_departments,
    person_departments::table,
    NewPersonDepartment
);
insert_all!(insert_memberships, memberships::table, NewMembership);
insert_all!(
    /// Audit entries, e.g. the changes of a directory sync.
    insert_audit_entries,
    audit_log::table,
    NewAuditEntry
);
