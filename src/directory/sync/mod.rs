//! Following the directory: read everything (paged, streamed into a staging table), check the
//! guard, then apply all changes in one transaction — or, dry, apply and roll back.

use diesel::prelude::*;

use super::attributes::AttributeMap;
use super::report::{Change, SyncReport};
use crate::config::LdapSettings;
use crate::db::schema::{directory_entries, directory_sync_runs, people};
use crate::db::{DbConnection, DbPool, now};
use crate::error::AppError;

mod apply;
mod stage;

use apply::apply;
use stage::{StageError, read_groups, stage};
pub(super) use stage::{new_person, staged};

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
        return Err(AppError::Conflict { code: "sync-running" });
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
    // Runs still marked running were cut off (we hold the lease now): close them and drop what they staged.
    let interrupted: Vec<i64> = directory_sync_runs::table
        .filter(directory_sync_runs::status.eq("running"))
        .select(directory_sync_runs::id)
        .load(conn)?;
    for id in interrupted {
        diesel::delete(directory_entries::table.filter(directory_entries::run_id.eq(id))).execute(conn)?;
        diesel::update(directory_sync_runs::table.find(id))
            .set((
                directory_sync_runs::status.eq("aborted"),
                directory_sync_runs::reason.eq("interrupted (the process ended during the run)"),
                directory_sync_runs::finished_at.eq(now()),
            ))
            .execute(conn)?;
    }
    let run_id: i64 = diesel::insert_into(directory_sync_runs::table)
        .values((
            directory_sync_runs::started_at.eq(now()),
            directory_sync_runs::status.eq("running"),
            directory_sync_runs::started_by.eq(&options.started_by),
            directory_sync_runs::forced.eq(options.force),
        ))
        .returning(directory_sync_runs::id)
        .get_result(conn)?;
    let mut report = SyncReport {
        run_id,
        dry_run: options.dry_run,
        ..Default::default()
    };
    let map = AttributeMap::new(settings.preset, &settings.attributes);

    let started = std::time::Instant::now();
    let outcome = stage(conn, settings, &map, run_id, &mut report, observer)
        .and_then(|()| read_groups(settings, &map).map_err(StageError::from))
        .map_err(|e| e.to_string())
        .and_then(|groups| guard(conn, settings, run_id, options.force, &report).map(|()| groups));
    let read_ms = started.elapsed().as_millis() as u64;
    let result = match outcome {
        Err(reason) => {
            report.aborted = true;
            report.reason = Some(reason);
            Ok(report)
        }
        Ok(groups) => apply(conn, run_id, options.dry_run, report, &groups, observer),
    };
    tracing::info!(
        run = run_id,
        read_ms,
        apply_ms = started.elapsed().as_millis() as u64 - read_ms,
        "directory sync phases"
    );
    // The staged entries have served their purpose either way.
    diesel::delete(directory_entries::table.filter(directory_entries::run_id.eq(run_id))).execute(conn)?;
    let report = match result {
        Ok(r) => r,
        Err(e) => {
            record_end(
                conn,
                &SyncReport {
                    run_id,
                    aborted: true,
                    reason: Some(e.to_string()),
                    ..Default::default()
                },
                &[],
            )?;
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
    } else if !options.dry_run {
        crate::db::refresh_statistics(conn)?;
    }
    Ok(report)
}

pub(super) fn record_end(conn: &mut DbConnection, r: &SyncReport, changes: &[Change]) -> Result<(), AppError> {
    let status = if r.aborted {
        "aborted"
    } else if r.dry_run {
        "dry-run"
    } else {
        "applied"
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

/// Refuses runs that look like a broken directory rather than a changed company.
fn guard(
    conn: &mut DbConnection,
    settings: &LdapSettings,
    run_id: i64,
    force: bool,
    report: &SyncReport,
) -> Result<(), String> {
    let fail = |e: diesel::result::Error| e.to_string();
    let staged: i64 = directory_entries::table
        .filter(directory_entries::run_id.eq(run_id))
        .count()
        .get_result(conn)
        .map_err(fail)?;
    if staged == 0 {
        return Err(format!(
            "the directory returned no people ({} entries read)",
            report.entries_read
        ));
    }
    let active: i64 = directory_people()
        .filter(people::active.eq(true))
        .count()
        .get_result(conn)
        .map_err(fail)?;
    let missing: i64 = directory_people()
        .filter(people::active.eq(true))
        .filter(diesel::dsl::not(diesel::dsl::exists(
            directory_entries::table
                .filter(directory_entries::run_id.eq(run_id))
                .filter(directory_entries::external_id.nullable().eq(people::external_id)),
        )))
        .count()
        .get_result(conn)
        .map_err(fail)?;
    let disabled: i64 = directory_people()
        .filter(people::active.eq(true))
        .filter(diesel::dsl::exists(
            directory_entries::table
                .filter(directory_entries::run_id.eq(run_id))
                .filter(directory_entries::external_id.nullable().eq(people::external_id))
                .filter(directory_entries::disabled.eq(true)),
        ))
        .count()
        .get_result(conn)
        .map_err(fail)?;
    let leaving = missing + disabled;
    let allowed = (active as f64 * settings.max_deactivate_fraction).floor() as i64;
    if active > 0 && leaving > allowed && !force {
        return Err(format!(
            "would deactivate {leaving} of {active} active people ({:.0} %), more than ldap.max_deactivate_fraction ({:.0} %); \
             rerun with --force if this is right",
            100.0 * leaving as f64 / active as f64,
            100.0 * settings.max_deactivate_fraction
        ));
    }
    Ok(())
}

pub(super) fn directory_people() -> people::BoxedQuery<'static, crate::db::DbBackend> {
    people::table.filter(people::source.eq("directory")).into_boxed()
}
