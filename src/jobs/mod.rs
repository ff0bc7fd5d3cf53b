//! Jobs that every `serve` node schedules (tokio-cron-scheduler, UTC) and one node runs at a
//! time (a lease in the database).

pub mod lease;

use tokio_cron_scheduler::{Job, JobScheduler};

use crate::config::Settings;
use crate::db::DbPool;
use crate::directory::sync::{self, SyncOptions};

/// Long enough for any sync; a crashed node's lease expires after it.
const SYNC_LEASE_HOURS: i64 = 2;

/// This node's name in leases.
fn holder() -> String {
    let host = std::fs::read_to_string("/etc/hostname").unwrap_or_default();
    format!("{}:{}:{:08x}", host.trim(), std::process::id(), rand::random::<u32>())
}

/// Starts the scheduler with the jobs the configuration asks for (none: `Ok(None)`).
pub async fn start(settings: &Settings, pool: DbPool) -> anyhow::Result<Option<JobScheduler>> {
    if !settings.ldap.enabled() {
        return Ok(None);
    }
    let scheduler = JobScheduler::new().await?;
    let ldap = settings.ldap.clone();
    let holder = holder();
    let job = Job::new_async(settings.ldap.schedule.as_str(), move |_, _| {
        let (pool, ldap, holder) = (pool.clone(), ldap.clone(), holder.clone());
        Box::pin(async move {
            // Diesel and ldap3 block: off the async workers.
            let outcome = tokio::task::spawn_blocking(move || run_directory_sync(&pool, &ldap, &holder)).await;
            if let Err(e) = outcome {
                tracing::error!(error = %e, "the scheduled directory sync panicked");
            }
        })
    })?;
    scheduler.add(job).await?;
    scheduler.start().await?;
    tracing::info!(schedule = %settings.ldap.schedule, "directory sync scheduled (UTC)");
    Ok(Some(scheduler))
}

fn run_directory_sync(pool: &DbPool, ldap: &crate::config::LdapSettings, holder: &str) {
    const LEASE: &str = "directory-sync";
    let acquired = pool
        .get()
        .map_err(crate::error::AppError::from)
        .and_then(|mut c| lease::try_acquire(&mut c, LEASE, holder, chrono::Duration::hours(SYNC_LEASE_HOURS)));
    match acquired {
        Ok(true) => {}
        Ok(false) => {
            tracing::debug!("another node holds the directory sync lease");
            return;
        }
        Err(e) => {
            tracing::error!(error = %e, "cannot take the directory sync lease");
            return;
        }
    }
    let options = SyncOptions {
        dry_run: false,
        force: false,
        started_by: "schedule".into(),
    };
    match sync::run(pool, ldap, &options, &mut ()) {
        Ok(report) if report.aborted => {
            tracing::warn!(run = report.run_id, reason = ?report.reason, "scheduled directory sync aborted")
        }
        Ok(report) => tracing::info!(run = report.run_id, summary = %report.summary(), "scheduled directory sync"),
        Err(e) => tracing::error!(error = %e, "scheduled directory sync failed"),
    }
    if let Err(e) = pool
        .get()
        .map_err(crate::error::AppError::from)
        .and_then(|mut c| lease::release(&mut c, LEASE, holder))
    {
        tracing::error!(error = %e, "cannot release the directory sync lease");
    }
}
