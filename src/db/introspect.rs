//! What the migrations produced, read back from the database catalogue, so the two
//! migration folders can be compared.

use std::collections::BTreeSet;

use diesel::prelude::*;
use diesel::sql_types::{Bool, Text};

use super::DbConnection;

#[derive(QueryableByName)]
struct ColumnRow {
    #[diesel(sql_type = Text)]
    table_name: String,
    #[diesel(sql_type = Text)]
    column_name: String,
    #[diesel(sql_type = Bool)]
    not_null: bool,
}

/// (table, column, NOT NULL) for every application table. Each backend's own text search
/// index is left out: SQLite's search_fts tables, PostgreSQL's stored `document` vector.
pub fn columns(conn: &mut DbConnection) -> QueryResult<BTreeSet<(String, String, bool)>> {
    let rows: Vec<ColumnRow> = match conn {
        DbConnection::Sqlite(c) => diesel::sql_query(
            "SELECT m.name AS table_name, p.name AS column_name, (p.\"notnull\" = 1 OR p.pk > 0) AS not_null \
             FROM sqlite_master m JOIN pragma_table_info(m.name) p \
             WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name <> '__diesel_schema_migrations' \
             AND m.name NOT LIKE 'search\\_fts%' ESCAPE '\\'",
        )
        .load(c)?,
        DbConnection::Postgresql(c) => diesel::sql_query(
            "SELECT table_name::text AS table_name, column_name::text AS column_name, (is_nullable = 'NO') AS not_null \
             FROM information_schema.columns \
             WHERE table_schema = current_schema() AND table_name <> '__diesel_schema_migrations' \
             AND NOT (table_name = 'search_documents' AND column_name = 'document')",
        )
        .load(c)?,
    };
    Ok(rows
        .into_iter()
        .map(|r| (r.table_name, r.column_name, r.not_null))
        .collect())
}
