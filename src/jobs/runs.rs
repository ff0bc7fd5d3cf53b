//! The last run of each leased job, as the admin's jobs page shows it.

use diesel::prelude::*;
use serde::Serialize;

use crate::db::schema::job_runs;
use crate::db::{DbConnection, now};
use crate::error::AppError;

pub fn started(conn: &mut DbConnection, job: &str, node: &str) -> Result<(), AppError> {
    diesel::delete(job_runs::table.find(job)).execute(conn)?;
    diesel::insert_into(job_runs::table)
        .values((
            job_runs::name.eq(job),
            job_runs::node.eq(node),
            job_runs::started_at.eq(now()),
            job_runs::outcome.eq(""),
        ))
        .execute(conn)?;
    Ok(())
}

pub fn finished<T: std::fmt::Debug>(
    conn: &mut DbConnection,
    job: &str,
    result: &Result<T, AppError>,
) -> Result<(), AppError> {
    let outcome = match result {
        Ok(done) => format!("ok: {done:?}"),
        Err(e) => format!("failed: {e}"),
    };
    diesel::update(job_runs::table.find(job))
        .set((job_runs::finished_at.eq(Some(now())), job_runs::outcome.eq(outcome)))
        .execute(conn)?;
    Ok(())
}

/// A job's last run on any node.
#[derive(Debug, Clone, Serialize, Queryable)]
pub struct Run {
    pub name: String,
    pub node: String,
    pub started_at: chrono::NaiveDateTime,
    pub finished_at: Option<chrono::NaiveDateTime>,
    /// `ok: …` with what it did, or `failed: …` with why.
    pub outcome: String,
}

impl Run {
    pub fn failed(&self) -> bool {
        self.outcome.starts_with("failed:")
    }
}

pub fn all(conn: &mut DbConnection) -> Result<Vec<Run>, AppError> {
    Ok(job_runs::table
        .select((
            job_runs::name,
            job_runs::node,
            job_runs::started_at,
            job_runs::finished_at,
            job_runs::outcome,
        ))
        .load(conn)?)
}
