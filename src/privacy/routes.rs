//! `/settings/export` (one's data as a page, and `.json` to download) and `/privacy`.

use actix_web::http::header;
use actix_web::{HttpResponse, web};

use super::export;
use crate::auth::Viewer;
use crate::config::CurrentSettings;
use crate::db::Db;
use crate::error::AppError;
use crate::web::Ui;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/settings/export", web::get().to(page))
        .route("/settings/export.json", web::get().to(download))
        .route("/privacy", web::get().to(privacy));
}

async fn page(viewer: Viewer, ui: Ui, db: web::Data<Db>) -> Result<HttpResponse, AppError> {
    let data = db.run(move |c| export::export(c, &viewer.0)).await?;
    let mut ctx = ui.context();
    ctx.insert("data", &data);
    ui.render("settings/export.html", &ctx)
}

async fn download(viewer: Viewer, db: web::Data<Db>) -> Result<HttpResponse, AppError> {
    let uid = viewer.0.uid.clone();
    let data = db.run(move |c| export::export(c, &viewer.0)).await?;
    Ok(HttpResponse::Ok()
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"allmende-{uid}.json\""),
        ))
        .json(data))
}

/// What Allmende keeps, for how long and who sees it — from the settings in force.
async fn privacy(ui: Ui, db: web::Data<Db>, settings: CurrentSettings) -> Result<HttpResponse, AppError> {
    let permits = db.run(crate::communities::permits::count_permits).await?;
    let mut ctx = ui.context();
    ctx.insert("person_figures", &permits);
    ctx.insert("retention_days", &settings.privacy.retention_days);
    ctx.insert("departed_content", &settings.privacy.departed_content);
    ctx.insert("min_group", &settings.kpi.min_group);
    ctx.insert("directory", &settings.ldap.enabled());
    ctx.insert("newsletter_opt_out", &settings.mail.newsletter_opt_out);
    ctx.insert("mail", &settings.mail.sends());
    ui.render("privacy.html", &ctx)
}
