//! `/admin/jobs`: every scheduled job with its schedule (UTC), next run, last run on any node
//! and its outcome, and who holds its lease now; the leased ones can be started at once.

use actix_web::{HttpResponse, web};
use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;

use crate::auth::Admin;
use crate::clock::Clock;
use crate::config::{Cadence, CurrentSettings, Schedule};
use crate::db::Db;
use crate::db::models::NewAuditEntry;
use crate::db::schema::job_leases;
use crate::error::AppError;
use crate::web::{Ui, see_other};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/admin/jobs", web::get().to(page))
        .route("/admin/jobs/{name}/run", web::post().to(run));
}

#[derive(Serialize)]
struct JobRow {
    name: &'static str,
    /// The schedule in words ("alle 5 Minuten", "täglich um 02:40" in the reader's zone).
    schedule: String,
    /// As configured, for whoever wants the cron expression.
    cron: String,
    next: Option<NaiveDateTime>,
    can_run: bool,
    last: Option<crate::jobs::runs::Run>,
    last_failed: bool,
    lease: Option<Lease>,
}

#[derive(Serialize)]
struct Lease {
    holder: String,
    until: NaiveDateTime,
}

/// A schedule as people say it, in the reader's language and time zone.
fn in_words(ui: &Ui, schedule: &Schedule, today: chrono::NaiveDate) -> String {
    let n = |v: u32| fluent_templates::fluent_bundle::FluentValue::from(v);
    match schedule.cadence() {
        Cadence::EveryMinute => ui.t("schedule-every-minute"),
        Cadence::EveryMinutes(m) => ui.t_args("schedule-every-minutes", &[("count", n(m))]),
        Cadence::Hourly { minute } => ui.t_args("schedule-hourly", &[("minute", format!("{minute:02}").into())]),
        Cadence::Daily { hour, minute } => {
            let utc = today.and_hms_opt(hour, minute, 0).unwrap_or_default();
            let local = ui.time_zone().utc_to_local(utc);
            let time = local.split_once('T').map_or(local.as_str(), |(_, t)| t).to_string();
            ui.t_args("schedule-daily", &[("time", time.into())])
        }
        Cadence::Other => schedule.to_string(),
    }
}

async fn page(_admin: Admin, ui: Ui, db: web::Data<Db>, settings: CurrentSettings) -> Result<HttpResponse, AppError> {
    let (runs, leases) = db
        .run(|c| {
            let leases: Vec<(String, String, NaiveDateTime)> = job_leases::table
                .select((job_leases::name, job_leases::holder, job_leases::expires_at))
                .load(c)?;
            Ok((crate::jobs::runs::all(c)?, leases))
        })
        .await?;
    let now = crate::db::now();
    let jobs: Vec<JobRow> = crate::jobs::catalogue(&settings)
        .into_iter()
        .map(|(name, schedule, can_run)| {
            let last = runs.iter().find(|r| r.name == name).cloned();
            JobRow {
                name,
                next: schedule.next_after(now),
                schedule: in_words(&ui, &schedule, now.date()),
                cron: schedule.to_string(),
                can_run,
                last_failed: last.as_ref().is_some_and(|r| r.failed()),
                last,
                lease: leases.iter().find(|l| l.0 == name && l.2 > now).map(|l| Lease {
                    holder: l.1.clone(),
                    until: l.2,
                }),
            }
        })
        .collect();
    let mut ctx = ui.context();
    ctx.insert("jobs", &jobs);
    ui.render("admin/jobs.html", &ctx)
}

async fn run(
    admin: Admin,
    db: web::Data<Db>,
    settings: CurrentSettings,
    clock: web::Data<Clock>,
    name: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let name = name.into_inner();
    let (pool, settings, clock) = (db.pool().clone(), settings.into_inner(), clock.get_ref().clone());
    let job = name.clone();
    let known = web::block(move || crate::jobs::run_now(&pool, &settings, &clock, &job))
        .await
        .map_err(|e| AppError::Internal(anyhow::anyhow!("the job's thread failed: {e}")))?;
    if !known {
        return Err(AppError::NotFound);
    }
    let who = admin.0.id;
    db.run(move |c| {
        Ok(NewAuditEntry::record(
            c,
            Some(who),
            "job.run",
            ("job", &name),
            serde_json::json!({}),
        )?)
    })
    .await?;
    Ok(see_other("/admin/jobs"))
}
