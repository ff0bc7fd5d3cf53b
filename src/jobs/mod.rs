//! Jobs that every `serve` node schedules (tokio-cron-scheduler, UTC); each job takes a lease
//! in the database, so one node at a time runs it.

pub mod lease;
pub mod runs;

use tokio_cron_scheduler::{Job, JobScheduler};

use crate::clock::Clock;
use crate::db::DbPool;
use crate::directory::sync::{self, SyncOptions};
use crate::error::AppError;
use crate::mail::Outbox;

/// Starts the scheduler with the jobs: task reminders, AMA windows, KPI days, departures and
/// mail always, the directory sync when a directory is configured.
pub async fn start(outbox: &Outbox, clock: Clock) -> anyhow::Result<JobScheduler> {
    // Schedules are the file's; what a run reads is what is in force when it starts.
    let (settings, pool) = (outbox.live.file(), outbox.db.pool().clone());
    let scheduler = JobScheduler::new().await?;
    if settings.ldap.enabled() {
        let live = outbox.live.clone();
        scheduler
            .add(blocking_job(&settings.ldap.schedule, pool.clone(), move |pool| {
                run_directory_sync(pool, &live.get().ldap)
            })?)
            .await?;
        tracing::info!(schedule = %settings.ldap.schedule, "directory sync scheduled (UTC)");
    }
    let tz = settings.i18n.default_timezone;
    scheduler
        .add(blocking_job(
            &settings.tasks.reminder_schedule,
            pool.clone(),
            move |pool| run_task_reminders(pool, tz),
        )?)
        .await?;
    let locale = settings.i18n.default_locale;
    scheduler
        .add(blocking_job(&settings.amas.schedule, pool.clone(), move |pool| {
            run_ama_schedule(pool, &clock, locale)
        })?)
        .await?;
    scheduler
        .add(blocking_job(&settings.kpi.schedule, pool.clone(), run_kpi_days)?)
        .await?;
    let live = outbox.live.clone();
    scheduler
        .add(blocking_job(&settings.privacy.schedule, pool.clone(), move |pool| {
            run_departures(pool, &live.get())
        })?)
        .await?;
    scheduler.add(mail_job(outbox.clone())?).await?;
    scheduler.start().await?;
    Ok(scheduler)
}

/// A job whose work blocks (diesel, ldap3): it runs off the async workers.
fn blocking_job(
    schedule: &crate::config::Schedule,
    pool: DbPool,
    work: impl Fn(&DbPool) + Send + Sync + Clone + 'static,
) -> anyhow::Result<Job> {
    let name = schedule.to_string();
    Ok(Job::new_async(schedule.as_str(), move |_, _| {
        let (pool, work, name) = (pool.clone(), work.clone(), name.clone());
        Box::pin(async move {
            if let Err(e) = tokio::task::spawn_blocking(move || work(&pool)).await {
                tracing::error!(error = %e, schedule = %name, "a scheduled job panicked");
            }
        })
    })?)
}

/// Runs `work` if this node gets the job's lease (another node running it: `None`), and
/// records the run for the jobs page.
fn leased<T: std::fmt::Debug>(
    pool: &DbPool,
    job: &str,
    work: impl FnOnce(&mut crate::db::DbConnection) -> Result<T, AppError>,
) -> Result<Option<T>, AppError> {
    let mut conn = pool.get().map_err(AppError::from)?;
    let holder = format!("{job}:{}:{:08x}", std::process::id(), rand::random::<u32>());
    if !lease::try_acquire(&mut conn, job, &holder, chrono::Duration::minutes(10))? {
        return Ok(None);
    }
    runs::started(&mut conn, job, &holder)?;
    let result = work(&mut conn);
    runs::finished(&mut conn, job, &result)?;
    lease::release(&mut conn, job, &holder)?;
    result.map(Some)
}

fn run_task_reminders(pool: &DbPool, tz: crate::domain::TimeZone) {
    let today = chrono::Utc::now().with_timezone(&tz.0).date_naive();
    match leased(pool, "task-reminders", |conn| crate::tasks::reminders::run(conn, today)) {
        Ok(Some(n)) if n > 0 => tracing::info!(tasks = n, "reminded assignees of tasks due today"),
        Ok(_) => {}
        Err(e) => tracing::error!(error = %e, "task reminders failed"),
    }
}

/// Removes the personal data of people who left more than `privacy.retention_days` ago.
fn run_departures(pool: &DbPool, settings: &crate::config::Settings) {
    let now = crate::db::now();
    match leased(pool, "departures", |conn| {
        crate::privacy::departure::run(conn, now, settings)
    }) {
        Ok(Some(n)) if n > 0 => tracing::info!(people = n, "personal data of departed people removed"),
        Ok(_) => {}
        Err(e) => tracing::error!(error = %e, "removing departed people's data failed"),
    }
}

/// Adds up the past days' KPI figures (`kpi::daily::fill`).
fn run_kpi_days(pool: &DbPool) {
    let today = crate::kpi::service::today();
    match leased(pool, "kpi-days", |conn| crate::kpi::daily::fill(conn, today)) {
        Ok(Some(n)) if n > 0 => tracing::info!(days = n, "KPI days added up"),
        Ok(_) => {}
        Err(e) => tracing::error!(error = %e, "adding up the KPI days failed"),
    }
}

/// The leased jobs an admin may start at once (`/admin/jobs`), by name; false: no such job.
pub fn run_now(pool: &DbPool, settings: &crate::config::Settings, clock: &Clock, name: &str) -> bool {
    match name {
        "task-reminders" => run_task_reminders(pool, settings.i18n.default_timezone),
        "ama-schedule" => run_ama_schedule(pool, clock, settings.i18n.default_locale),
        "kpi-days" => run_kpi_days(pool),
        "departures" => run_departures(pool, settings),
        _ => return false,
    }
    true
}

/// Every scheduled job: its name (the lease's), its schedule, and whether an admin may start it.
pub fn catalogue(settings: &crate::config::Settings) -> Vec<(&'static str, crate::config::Schedule, bool)> {
    let mut jobs = Vec::new();
    if settings.ldap.enabled() {
        jobs.push(("directory-sync", settings.ldap.schedule.clone(), false));
    }
    jobs.extend([
        ("task-reminders", settings.tasks.reminder_schedule.clone(), true),
        ("ama-schedule", settings.amas.schedule.clone(), true),
        ("kpi-days", settings.kpi.schedule.clone(), true),
        ("departures", settings.privacy.schedule.clone(), true),
        ("mail", settings.mail.digest_schedule.clone(), false),
    ]);
    jobs
}

/// Personal digests and newsletters: every node looks; the ledger's claims let each mail go
/// out once.
fn mail_job(outbox: Outbox) -> anyhow::Result<Job> {
    let schedule = outbox.live.file().mail.digest_schedule.clone();
    Ok(Job::new_async(schedule.as_str(), move |_, _| {
        let outbox = outbox.clone();
        Box::pin(async move {
            let options = crate::digest::run::RunOptions::default();
            match crate::digest::run::run(&outbox, &options, crate::db::now()).await {
                Ok(r) if r.sent + r.failed > 0 => {
                    tracing::info!(sent = r.sent, empty = r.empty, failed = r.failed, "digests sent")
                }
                Ok(_) => {}
                Err(e) => tracing::error!(error = %e, "the digest run failed"),
            }
            if let Err(e) = crate::newsletters::deliver::run(&outbox, crate::db::now()).await {
                tracing::error!(error = %e, "the newsletter run failed");
            }
        })
    })?)
}

fn run_ama_schedule(pool: &DbPool, clock: &Clock, locale: crate::domain::Locale) {
    match leased(pool, "ama-schedule", |conn| {
        crate::amas::schedule::run(conn, clock.now(), locale)
    }) {
        Ok(Some(n)) if n > 0 => tracing::info!(amas = n, "AMAs moved on in their windows"),
        Ok(_) => {}
        Err(e) => tracing::error!(error = %e, "the AMA schedule failed"),
    }
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
