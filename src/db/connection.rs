use std::path::PathBuf;

use diesel::{Connection, PgConnection, SqliteConnection};

/// One connection type for both backends; which one is decided by the URL at run time.
#[derive(diesel::MultiConnection)]
pub enum DbConnection {
    Postgresql(PgConnection),
    Sqlite(SqliteConnection),
}

/// `database.url` parsed: `sqlite://path`, `sqlite:path` or a plain path, or `postgres://…`.
#[derive(Clone)]
pub enum DatabaseUrl {
    Sqlite(PathBuf),
    Postgres(String),
}

impl DatabaseUrl {
    pub fn parse(raw: &str) -> Result<DatabaseUrl, String> {
        let raw = raw.trim();
        if raw.starts_with("postgres://") || raw.starts_with("postgresql://") {
            return Ok(DatabaseUrl::Postgres(raw.to_string()));
        }
        if let Some((scheme, _)) = raw.split_once("://")
            && scheme != "sqlite"
        {
            return Err(format!(
                "unsupported database scheme `{scheme}://` (use sqlite:// or postgres://)"
            ));
        }
        let path = raw
            .strip_prefix("sqlite://")
            .or_else(|| raw.strip_prefix("sqlite:"))
            .unwrap_or(raw);
        if path.is_empty() {
            return Err("the SQLite path is empty".into());
        }
        Ok(DatabaseUrl::Sqlite(PathBuf::from(path)))
    }

    pub fn backend_name(&self) -> &'static str {
        match self {
            DatabaseUrl::Sqlite(_) => "sqlite",
            DatabaseUrl::Postgres(_) => "postgres",
        }
    }

    /// For logs: the PostgreSQL password is replaced.
    pub fn redacted(&self) -> String {
        match self {
            DatabaseUrl::Sqlite(p) => format!("sqlite://{}", p.display()),
            DatabaseUrl::Postgres(u) => match url::Url::parse(u) {
                Ok(mut url) => {
                    if url.password().is_some() {
                        let _ = url.set_password(Some("***"));
                    }
                    url.to_string()
                }
                Err(_) => "postgres://(unparsable)".into(),
            },
        }
    }

    /// Opens one connection of the right kind, keeping the driver's own error message.
    pub fn connect(&self) -> Result<DbConnection, diesel::ConnectionError> {
        match self {
            DatabaseUrl::Sqlite(path) => {
                if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                    std::fs::create_dir_all(dir).map_err(|e| {
                        diesel::ConnectionError::BadConnection(format!("cannot create {}: {e}", dir.display()))
                    })?;
                }
                SqliteConnection::establish(&path.to_string_lossy()).map(DbConnection::Sqlite)
            }
            DatabaseUrl::Postgres(url) => PgConnection::establish(url).map(DbConnection::Postgresql),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_urls() {
        assert!(
            matches!(DatabaseUrl::parse("sqlite://data/a.db"), Ok(DatabaseUrl::Sqlite(p)) if p == std::path::Path::new("data/a.db"))
        );
        assert!(matches!(DatabaseUrl::parse("/tmp/x.db"), Ok(DatabaseUrl::Sqlite(_))));
        assert!(matches!(
            DatabaseUrl::parse("postgres://u@h/db"),
            Ok(DatabaseUrl::Postgres(_))
        ));
        assert!(DatabaseUrl::parse("mysql://x").is_err());
    }

    #[test]
    fn redacts_password() {
        let url = DatabaseUrl::parse("postgres://app:geheim@db:5432/allmende").unwrap();
        assert!(!url.redacted().contains("geheim"));
    }
}
