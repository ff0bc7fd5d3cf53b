use std::time::Duration;

use diesel::connection::SimpleConnection;
use diesel::r2d2::{self, CustomizeConnection, ManageConnection, R2D2Connection};

use super::{DatabaseUrl, DbConnection};
use crate::error::AppError;

/// r2d2 manager that picks the backend from the URL itself (the derived `establish`
/// would try every backend in turn and report the wrong error).
pub struct Manager {
    url: DatabaseUrl,
}

impl ManageConnection for Manager {
    type Connection = DbConnection;
    type Error = diesel::r2d2::Error;

    fn connect(&self) -> Result<DbConnection, Self::Error> {
        self.url.connect().map_err(diesel::r2d2::Error::ConnectionError)
    }

    fn is_valid(&self, conn: &mut DbConnection) -> Result<(), Self::Error> {
        conn.ping().map_err(diesel::r2d2::Error::QueryError)
    }

    fn has_broken(&self, conn: &mut DbConnection) -> bool {
        conn.is_broken()
    }
}

/// Settings every new connection gets. SQLite: wait for the write lock instead of failing,
/// WAL so readers do not block the writer, and foreign keys (off by default). PostgreSQL: no
/// JIT — it compiled for most of a second before a search that then ran for a fraction of one
/// (BENCHMARKS.md); this application's queries are short.
#[derive(Debug)]
struct SessionSettings {
    busy_timeout_ms: u32,
}

impl CustomizeConnection<DbConnection, diesel::r2d2::Error> for SessionSettings {
    fn on_acquire(&self, conn: &mut DbConnection) -> Result<(), diesel::r2d2::Error> {
        match conn {
            DbConnection::Sqlite(c) => c.batch_execute(&format!(
                "PRAGMA busy_timeout = {}; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA cache_size = -32768; {}",
                self.busy_timeout_ms,
                super::SQLITE_OPTIMIZE_ON_OPEN
            )),
            DbConnection::Postgresql(c) => c.batch_execute("SET jit = off"),
        }
        .map_err(diesel::r2d2::Error::QueryError)
    }
}

pub type DbPool = r2d2::Pool<Manager>;

pub fn build_pool(
    url: &DatabaseUrl,
    size: u32,
    timeout: Duration,
    sqlite_busy_timeout_ms: u32,
) -> Result<DbPool, String> {
    r2d2::Pool::builder()
        .max_size(size)
        .connection_timeout(timeout)
        .connection_customizer(Box::new(SessionSettings {
            busy_timeout_ms: sqlite_busy_timeout_ms,
        }))
        .build(Manager { url: url.clone() })
        .map_err(|e| format!("cannot connect to the database {}: {e}", url.redacted()))
}

/// The pool as handlers use it: every query runs on the blocking thread pool.
#[derive(Clone)]
pub struct Db {
    pool: DbPool,
}

impl Db {
    pub fn new(pool: DbPool) -> Db {
        Db { pool }
    }

    pub fn pool(&self) -> &DbPool {
        &self.pool
    }

    pub async fn run<T, F>(&self, f: F) -> Result<T, AppError>
    where
        T: Send + 'static,
        F: FnOnce(&mut DbConnection) -> Result<T, AppError> + Send + 'static,
    {
        let pool = self.pool.clone();
        actix_web::web::block(move || {
            let mut conn = pool.get().map_err(AppError::from)?;
            f(&mut conn)
        })
        .await
        .map_err(|e| AppError::Internal(anyhow::anyhow!("blocking task failed: {e}")))?
    }
}
