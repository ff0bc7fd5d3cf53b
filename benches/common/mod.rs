//! What the company-scale benchmarks share: sizes from the environment, and the databases to
//! run on — a SQLite file, and where PostgreSQL answers a database of their own, dropped when
//! done.
// Each benchmark uses the part it needs.
#![allow(dead_code)]

use diesel::prelude::*;

/// `name` from the environment as a number, else `default`.
pub fn env_or(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

pub struct Backends {
    /// (name, database URL): SQLite first.
    pub list: Vec<(&'static str, String)>,
    /// (admin URL, database) to drop at the end.
    postgres: Option<(String, String)>,
}

impl Backends {
    /// `<name>.db` in `dir`, and `allmende_bench_<name>_<pid>` on the PostgreSQL that
    /// ALLMENDE_TEST_PG_URL names (127.0.0.1:5432 by default), if it answers; BENCH_BACKENDS
    /// may name one of them.
    pub fn new(dir: &std::path::Path, name: &str) -> Backends {
        let admin_url = std::env::var("ALLMENDE_TEST_PG_URL")
            .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into());
        // BENCH_BACKENDS (e.g. "postgresql") picks the databases; both by default.
        let wanted =
            |backend: &str| std::env::var("BENCH_BACKENDS").map_or(true, |list| list.to_lowercase().contains(backend));
        let mut list = Vec::new();
        if wanted("sqlite") {
            list.push((
                "SQLite",
                format!("sqlite://{}", dir.join(format!("{name}.db")).display()),
            ));
        }
        let mut postgres = None;
        if wanted("postgresql")
            && let Ok(mut admin) = diesel::PgConnection::establish(&admin_url)
        {
            let database = format!("allmende_bench_{name}_{}", std::process::id());
            diesel::sql_query(format!("CREATE DATABASE {database}"))
                .execute(&mut admin)
                .unwrap();
            let mut url = url::Url::parse(&admin_url).unwrap();
            url.set_path(&database);
            list.push(("PostgreSQL", url.to_string()));
            postgres = Some((admin_url, database));
        }
        Backends { list, postgres }
    }
}

impl Drop for Backends {
    fn drop(&mut self) {
        if let Some((admin_url, database)) = &self.postgres
            && let Ok(mut admin) = diesel::PgConnection::establish(admin_url)
        {
            let _ = diesel::sql_query(format!("DROP DATABASE IF EXISTS {database} WITH (FORCE)")).execute(&mut admin);
        }
    }
}
