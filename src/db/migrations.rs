use diesel::migration::MigrationSource;
use diesel_migrations::{EmbeddedMigrations, MigrationHarness, embed_migrations};

use super::DbConnection;

const SQLITE: EmbeddedMigrations = embed_migrations!("migrations/sqlite");
const POSTGRES: EmbeddedMigrations = embed_migrations!("migrations/postgres");

type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// Applies what is pending and returns the names of the migrations it applied.
pub fn run_pending_migrations(conn: &mut DbConnection) -> Result<Vec<String>, BoxError> {
    match conn {
        DbConnection::Sqlite(c) => apply(c, SQLITE),
        DbConnection::Postgresql(c) => apply(c, POSTGRES),
    }
}

fn apply<C>(conn: &mut C, source: EmbeddedMigrations) -> Result<Vec<String>, BoxError>
where
    C: MigrationHarness<C::Backend> + diesel::Connection,
    EmbeddedMigrations: MigrationSource<C::Backend>,
{
    let pending = conn.pending_migrations(source)?;
    let mut applied = Vec::with_capacity(pending.len());
    for migration in pending {
        let name = migration.name().to_string();
        conn.run_migration(&*migration)?;
        applied.push(name);
    }
    Ok(applied)
}

/// Names of the migrations not applied yet (nothing is changed).
pub fn pending_migrations(conn: &mut DbConnection) -> Result<Vec<String>, BoxError> {
    let names = match conn {
        DbConnection::Sqlite(c) => c
            .pending_migrations(SQLITE)?
            .iter()
            .map(|m| m.name().to_string())
            .collect(),
        DbConnection::Postgresql(c) => c
            .pending_migrations(POSTGRES)?
            .iter()
            .map(|m| m.name().to_string())
            .collect(),
    };
    Ok(names)
}

/// Versions already applied, newest first.
pub fn applied_migrations(conn: &mut DbConnection) -> Result<Vec<String>, BoxError> {
    let versions = match conn {
        DbConnection::Sqlite(c) => c.applied_migrations()?,
        DbConnection::Postgresql(c) => c.applied_migrations()?,
    };
    Ok(versions.into_iter().map(|v| v.to_string()).collect())
}
