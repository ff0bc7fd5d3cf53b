//! Leases in the database, so that with several `serve` nodes each job runs on one at a time.

use chrono::Duration;
use diesel::prelude::*;

use crate::db::schema::job_leases;
use crate::db::{DbConnection, now, write_transaction};
use crate::error::AppError;

/// Takes the lease `name` for `holder` until `ttl` from now, if it is free, expired or already
/// `holder`'s. The conditional update lets only one of two racing nodes win.
pub fn try_acquire(conn: &mut DbConnection, name: &str, holder: &str, ttl: Duration) -> Result<bool, AppError> {
    write_transaction(conn, |conn| {
        let at = now();
        let taken = diesel::update(
            job_leases::table
                .filter(job_leases::name.eq(name))
                .filter(job_leases::holder.eq(holder).or(job_leases::expires_at.lt(at))),
        )
        .set((job_leases::holder.eq(holder), job_leases::expires_at.eq(at + ttl)))
        .execute(conn)?;
        if taken == 1 {
            return Ok(true);
        }
        let exists: i64 = job_leases::table
            .filter(job_leases::name.eq(name))
            .count()
            .get_result(conn)?;
        if exists > 0 {
            return Ok(false);
        }
        match diesel::insert_into(job_leases::table)
            .values((
                job_leases::name.eq(name),
                job_leases::holder.eq(holder),
                job_leases::expires_at.eq(at + ttl),
            ))
            .execute(conn)
        {
            Ok(_) => Ok(true),
            // Another node inserted it first.
            Err(diesel::result::Error::DatabaseError(diesel::result::DatabaseErrorKind::UniqueViolation, _)) => {
                Ok(false)
            }
            Err(e) => Err(e.into()),
        }
    })
}

/// Gives the lease back early (a job that finished).
pub fn release(conn: &mut DbConnection, name: &str, holder: &str) -> Result<(), AppError> {
    diesel::delete(
        job_leases::table
            .filter(job_leases::name.eq(name))
            .filter(job_leases::holder.eq(holder)),
    )
    .execute(conn)?;
    Ok(())
}
