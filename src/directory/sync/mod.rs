//! Following the directory: one transaction reads it page by page (streamed) and applies each
//! page, then checks the guard and finishes departments and communities — and rolls everything
//! back when the guard refuses, the directory fails, or the run is dry.

use diesel::prelude::*;

use super::attributes::AttributeMap;
use super::report::{Change, SyncReport};
use crate::config::LdapSettings;
use crate::db::schema::{directory_sync_runs, people};
use crate::db::{DbConnection, DbPool, now};
use crate::domain::{PersonSource, SyncStatus};
use crate::error::AppError;
use crate::error::Code;

mod apply;
mod read;

use apply::apply;
pub(super) use read::new_person;
use read::read_groups;

/// Changes kept with the run for the admin page.
pub const STORED_CHANGES: usize = 500;

#[derive(Debug, Clone)]
pub struct SyncOptions {
    pub dry_run: bool,
    /// Apply even when the guard would refuse (a human looked).
    pub force: bool,
    /// "cli", "schedule" or an admin's uid.
    pub started_by: String,
}

/// Receives what happens while a run goes: entries read so far, and each change.
pub trait Observer {
    fn read(&mut self, _entries: u64) {}
    fn change(&mut self, _change: &Change) {}
}

impl Observer for () {}

/// Runs one sync. An aborted run is `Ok` with `aborted` set; `Err` only for our own failures.
pub fn run(
    pool: &DbPool,
    settings: &LdapSettings,
    options: &SyncOptions,
    observer: &mut dyn Observer,
) -> Result<SyncReport, AppError> {
    let mut conn = pool.get()?;
    let conn: &mut DbConnection = &mut conn;
    // One sync at a time, whoever starts it (a node's schedule, the command line).
    let holder = format!("sync:{}:{:08x}", std::process::id(), rand::random::<u32>());
    if !crate::jobs::lease::try_acquire(conn, LEASE, &holder, chrono::Duration::hours(LEASE_HOURS))? {
        return Err(AppError::Conflict {
            code: Code::SyncRunning,
        });
    }
    let result = run_holding_lease(conn, settings, options, observer);
    crate::jobs::lease::release(conn, LEASE, &holder)?;
    result
}

const LEASE: &str = "directory-sync";
/// Longer than any sync; the lease of a node that died expires after it.
const LEASE_HOURS: i64 = 2;

fn run_holding_lease(
    conn: &mut DbConnection,
    settings: &LdapSettings,
    options: &SyncOptions,
    observer: &mut dyn Observer,
) -> Result<SyncReport, AppError> {
    // Runs still marked running were cut off (we hold the lease now); their changes were rolled back.
    diesel::update(directory_sync_runs::table.filter(directory_sync_runs::status.eq(SyncStatus::Running)))
        .set((
            directory_sync_runs::status.eq(SyncStatus::Aborted),
            directory_sync_runs::reason.eq("interrupted (the process ended during the run)"),
            directory_sync_runs::finished_at.eq(now()),
        ))
        .execute(conn)?;
    let run_id: i64 = diesel::insert_into(directory_sync_runs::table)
        .values((
            directory_sync_runs::started_at.eq(now()),
            directory_sync_runs::status.eq(SyncStatus::Running),
            directory_sync_runs::started_by.eq(&options.started_by),
            directory_sync_runs::forced.eq(options.force),
        ))
        .returning(directory_sync_runs::id)
        .get_result(conn)?;
    let report = SyncReport {
        run_id,
        dry_run: options.dry_run,
        ..Default::default()
    };
    let map = AttributeMap::new(settings.preset, &settings.attributes);
    let result = match read_groups(settings, &map) {
        Err(e) => Ok(report.aborted(e.to_string())),
        Ok(groups) => apply(conn, settings, &map, options, report, &groups, observer),
    };
    let report = match result {
        Ok(r) => r,
        Err(e) => {
            let failed = SyncReport {
                run_id,
                ..Default::default()
            };
            record_end(conn, &failed.aborted(e.to_string()), &[])?;
            return Err(e);
        }
    };
    if report.aborted {
        tracing::warn!(
            run = run_id,
            reason = report.reason.as_deref().unwrap_or(""),
            "directory sync aborted"
        );
        record_end(conn, &report, &[])?;
    } else if !options.dry_run && report.created + report.deactivated + report.reactivated + report.moved > 0 {
        // The planner's statistics follow the tables' sizes; a quiet run leaves them as they are.
        crate::db::refresh_statistics(conn)?;
    }
    Ok(report)
}

pub(super) fn record_end(conn: &mut DbConnection, r: &SyncReport, changes: &[Change]) -> Result<(), AppError> {
    let status = if r.aborted {
        SyncStatus::Aborted
    } else if r.dry_run {
        SyncStatus::DryRun
    } else {
        SyncStatus::Applied
    };
    let n = |v: u64| v as i64;
    diesel::update(directory_sync_runs::table.find(r.run_id))
        .set((
            directory_sync_runs::finished_at.eq(now()),
            directory_sync_runs::status.eq(status),
            directory_sync_runs::reason.eq(&r.reason),
            directory_sync_runs::entries_read.eq(n(r.entries_read)),
            directory_sync_runs::skipped.eq(n(r.skipped)),
            directory_sync_runs::created.eq(n(r.created)),
            directory_sync_runs::updated.eq(n(r.updated)),
            directory_sync_runs::moved.eq(n(r.moved)),
            directory_sync_runs::deactivated.eq(n(r.deactivated)),
            directory_sync_runs::reactivated.eq(n(r.reactivated)),
            directory_sync_runs::unchanged.eq(n(r.unchanged)),
            directory_sync_runs::departments_created.eq(n(r.departments_created)),
            directory_sync_runs::communities_created.eq(n(r.communities_created)),
            directory_sync_runs::changes.eq(serde_json::to_string(changes).unwrap_or_else(|_| "[]".into())),
        ))
        .execute(conn)?;
    Ok(())
}

/// Refuses runs that look like a broken directory rather than a changed company: nobody
/// returned, or more people leaving than `ldap.max_deactivate_fraction` allows.
fn guard(max_fraction: f64, force: bool, returned: usize, active: i64, leaving: i64) -> Result<(), String> {
    if returned == 0 {
        return Err("the directory returned no people".into());
    }
    let allowed = (active as f64 * max_fraction).floor() as i64;
    if active > 0 && leaving > allowed && !force {
        return Err(format!(
            "would deactivate {leaving} of {active} active people ({:.0} %), more than ldap.max_deactivate_fraction ({:.0} %); \
             rerun with --force if this is right",
            100.0 * leaving as f64 / active as f64,
            100.0 * max_fraction
        ));
    }
    Ok(())
}

pub(super) fn directory_people() -> people::BoxedQuery<'static, crate::db::DbBackend> {
    people::table
        .filter(people::source.eq(PersonSource::Directory))
        .into_boxed()
}

#[cfg(test)]
mod tests {
    use super::guard;

    #[test]
    fn the_guard_refuses_an_empty_directory_and_too_many_leaving() {
        assert!(guard(0.1, true, 0, 100, 0).unwrap_err().contains("no people"));
        // 10 of 100 may leave; the 11th is refused unless forced.
        assert!(guard(0.1, false, 90, 100, 10).is_ok());
        let refused = guard(0.1, false, 89, 100, 11).unwrap_err();
        assert!(
            refused.contains("11 of 100") && refused.contains("--force"),
            "{refused}"
        );
        assert!(guard(0.1, true, 89, 100, 11).is_ok());
        // The first sync has nobody to lose.
        assert!(guard(0.1, false, 50, 0, 0).is_ok());
    }
}
