//! Everything that knows which database it talks to. Outside this folder, code sees
//! `DbConnection` and the query DSL; backend differences stay here.

pub mod bulk;
mod connection;
pub mod introspect;
pub mod kpi;
pub mod migrations;
pub mod models;
pub mod pool;
pub mod schema;
pub mod search;

pub use connection::{DatabaseUrl, DbConnection};
pub use migrations::{applied_migrations, run_pending_migrations};
pub use pool::{Db, DbPool, build_pool};

/// The backend type of `DbConnection`, for boxed queries and expressions.
pub type DbBackend = <DbConnection as diesel::Connection>::Backend;

/// SQLite plans queries from table statistics it only gathers when asked; without them it
/// walks an index where a scan is faster (see BENCHMARKS.md). Run on every new connection.
const SQLITE_OPTIMIZE_ON_OPEN: &str = "PRAGMA optimize = 0x10002;";

/// Refreshes the planner's statistics after bulk changes (directory sync, imports).
pub fn refresh_statistics(conn: &mut DbConnection) -> diesel::QueryResult<()> {
    use diesel::connection::SimpleConnection;
    match conn {
        DbConnection::Sqlite(c) => c.batch_execute("ANALYZE;"),
        DbConnection::Postgresql(c) => c.batch_execute("ANALYZE;"),
    }
}

/// A transaction that writes: on SQLite its first statement takes the write lock, so it
/// waits on busy_timeout instead of failing when it later upgrades from reading (SQLITE_BUSY).
pub fn write_transaction<T, E>(
    conn: &mut DbConnection,
    f: impl FnOnce(&mut DbConnection) -> Result<T, E>,
) -> Result<T, E>
where
    E: From<diesel::result::Error>,
{
    use diesel::{Connection, RunQueryDsl};
    conn.transaction(|conn| {
        if matches!(conn, DbConnection::Sqlite(_)) {
            diesel::sql_query("UPDATE job_leases SET name = name WHERE 0 = 1").execute(conn)?;
        }
        f(conn)
    })
}

/// UTC now, at the microsecond precision both backends store.
pub fn now() -> chrono::NaiveDateTime {
    let now = chrono::Utc::now().naive_utc();
    now.with_nanosecond((now.nanosecond() / 1000) * 1000).unwrap_or(now)
}

use chrono::Timelike;

diesel::define_sql_function!(fn lower(x: diesel::sql_types::Text) -> diesel::sql_types::Text);

/// A LIKE pattern that matches `needle`, lowercased, anywhere (for the lowercased search texts).
pub fn contains_pattern(needle: &str) -> String {
    format!("%{}%", escape_like(&needle.to_lowercase()))
}

/// `text` with LIKE's own wildcards escaped (escape char `\`), to build a pattern around.
pub fn escape_like(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}
