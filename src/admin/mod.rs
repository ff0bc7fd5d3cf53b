//! Pages for administrators (everyone else gets 404): people, the directory sync's runs, mail,
//! jobs, the settings that may change at run time, the audit log.

mod accounts;
mod audit;
mod audit_text;
mod communities;
mod jobs;
mod mail;
mod overview;
mod people;
mod settings;

use actix_web::{HttpResponse, web};
use diesel::prelude::*;
use serde::Serialize;

use crate::auth::Admin;
use crate::db::Db;
use crate::db::models::SyncRun;
use crate::db::schema::directory_sync_runs;
use crate::error::AppError;
use crate::error::Code;
use crate::web::Ui;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.configure(overview::configure)
        .configure(mail::configure)
        .configure(people::configure)
        .configure(audit::configure)
        .configure(jobs::configure)
        .configure(communities::configure)
        .configure(settings::configure)
        .route("/admin/directory", web::get().to(directory_runs))
        .route("/admin/directory/run", web::post().to(directory_run_now))
        .route("/admin/directory/{id}", web::get().to(directory_run));
}

async fn directory_runs(
    _admin: Admin,
    ui: Ui,
    db: web::Data<Db>,
    settings: crate::config::CurrentSettings,
) -> Result<HttpResponse, AppError> {
    let runs: Vec<SyncRun> = db
        .run(|c| {
            Ok(directory_sync_runs::table
                .order(directory_sync_runs::id.desc())
                .limit(50)
                .select(SyncRun::as_select())
                .load(c)?)
        })
        .await?;
    let mut ctx = ui.context();
    ctx.insert("runs", &runs);
    ctx.insert("directory_enabled", &settings.ldap.enabled());
    ui.render("admin/directory.html", &ctx)
}

/// A stored change, as the page lists it.
#[derive(Serialize, serde::Deserialize)]
struct StoredChange {
    kind: String,
    subject: String,
    name: String,
    #[serde(default)]
    fields: Vec<(String, Option<String>, Option<String>)>,
}

/// Runs the directory sync now (`dry_run=1`: only says what would change), as its schedule
/// would, and shows the run. Audited.
async fn directory_run_now(
    admin: Admin,
    db: web::Data<Db>,
    settings: crate::config::CurrentSettings,
    form: web::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    if !settings.ldap.enabled() {
        return Err(AppError::Conflict {
            code: Code::NoDirectory,
        });
    }
    let dry_run = form.iter().any(|(k, v)| k == "dry_run" && v == "1");
    let (pool, ldap) = (db.pool().clone(), settings.ldap.clone());
    let options = crate::directory::sync::SyncOptions {
        dry_run,
        force: false,
        started_by: admin.0.uid.clone(),
    };
    let report = web::block(move || crate::directory::sync::run(&pool, &ldap, &options, &mut ()))
        .await
        .map_err(|e| AppError::Internal(anyhow::anyhow!("the sync thread failed: {e}")))??;
    let (who, run) = (admin.0.id, report.run_id);
    db.run(move |c| {
        Ok(crate::db::models::NewAuditEntry::record(
            c,
            Some(who),
            if dry_run { "sync.dry-run-now" } else { "sync.run-now" },
            ("sync-run", &run.to_string()),
            serde_json::json!({}),
        )?)
    })
    .await?;
    Ok(crate::web::see_other(&format!("/admin/directory/{run}")))
}

async fn directory_run(_admin: Admin, ui: Ui, db: web::Data<Db>, id: web::Path<i64>) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let run: SyncRun = db
        .run(move |c| {
            Ok(directory_sync_runs::table
                .find(id)
                .select(SyncRun::as_select())
                .first(c)?)
        })
        .await?;
    let changes: Vec<StoredChange> = serde_json::from_str(&run.changes).unwrap_or_default();
    let mut ctx = ui.context();
    ctx.insert("run", &run);
    ctx.insert("changes", &changes);
    ctx.insert("stored_max", &crate::directory::sync::STORED_CHANGES);
    ui.render("admin/run.html", &ctx)
}
