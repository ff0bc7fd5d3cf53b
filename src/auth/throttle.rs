//! Sign-in throttling per account and per client address, kept in the database so that
//! every node behind a load balancer counts the same attempts.

use chrono::Duration;
use diesel::prelude::*;

use crate::config::AuthSettings;
use crate::db::schema::login_attempts;
use crate::db::{DbConnection, now};
use crate::error::AppError;

pub fn check(conn: &mut DbConnection, limits: &AuthSettings, account: &str, address: &str) -> Result<(), AppError> {
    let window = Duration::minutes(limits.throttle_window_minutes.into());
    let since = now() - window;
    // Failures count for the account only since its last successful sign-in.
    let last_success: Option<chrono::NaiveDateTime> = login_attempts::table
        .filter(login_attempts::account.eq(account))
        .filter(login_attempts::succeeded.eq(true))
        .filter(login_attempts::attempted_at.gt(since))
        .select(diesel::dsl::max(login_attempts::attempted_at))
        .first(conn)?;
    let account_failures: i64 = login_attempts::table
        .filter(login_attempts::account.eq(account))
        .filter(login_attempts::succeeded.eq(false))
        .filter(login_attempts::attempted_at.gt(last_success.unwrap_or(since).max(since)))
        .count()
        .get_result(conn)?;
    let address_failures: i64 = login_attempts::table
        .filter(login_attempts::address.eq(address))
        .filter(login_attempts::succeeded.eq(false))
        .filter(login_attempts::attempted_at.gt(since))
        .count()
        .get_result(conn)?;
    if account_failures >= i64::from(limits.max_failures_per_account)
        || address_failures >= i64::from(limits.max_failures_per_address)
    {
        return Err(AppError::TooManyRequests {
            retry_after_secs: window.num_seconds() as u64,
        });
    }
    Ok(())
}

pub fn record(conn: &mut DbConnection, account: &str, address: &str, succeeded: bool) -> Result<(), AppError> {
    diesel::insert_into(login_attempts::table)
        .values((
            login_attempts::account.eq(account),
            login_attempts::address.eq(address),
            login_attempts::succeeded.eq(succeeded),
            login_attempts::attempted_at.eq(now()),
        ))
        .execute(conn)?;
    Ok(())
}
