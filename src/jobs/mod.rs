//! Jobs that every `serve` node schedules (tokio-cron-scheduler, UTC); each job takes a lease
//! in the database, so one node at a time runs it.

pub mod lease;

use tokio_cron_scheduler::{Job, JobScheduler};

use crate::config::Settings;
use crate::db::DbPool;
use crate::directory::sync::{self, SyncOptions};

/// Starts the scheduler with the jobs the configuration asks for (none: `Ok(None)`).
pub async fn start(settings: &Settings, pool: DbPool) -> anyhow::Result<Option<JobScheduler>> {
    if !settings.ldap.enabled() {
        return Ok(None);
    }
    let scheduler = JobScheduler::new().await?;
    let ldap = settings.ldap.clone();
    let job = Job::new_async(settings.ldap.schedule.as_str(), move |_, _| {
        let (pool, ldap) = (pool.clone(), ldap.clone());
        Box::pin(async move {
            // Diesel and ldap3 block: off the async workers. The sync takes the lease itself.
            let outcome = tokio::task::spawn_blocking(move || run_directory_sync(&pool, &ldap)).await;
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

fn run_directory_sync(pool: &DbPool, ldap: &crate::config::LdapSettings) {
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
        Err(crate::error::AppError::Conflict { .. }) => {
            tracing::debug!("a directory sync is already running elsewhere")
        }
        Err(e) => tracing::error!(error = %e, "scheduled directory sync failed"),
    }
}
