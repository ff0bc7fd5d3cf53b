//! Status pages: a project's timeline and report form, and the roll-up.

use std::collections::HashMap;

use actix_web::{HttpResponse, web};
use serde::Deserialize;

use super::service::{self, ReportInput};
use crate::api::pagination::PageParams;
use crate::auth::Viewer;
use crate::config::CurrentSettings;
use crate::db::Db;
use crate::domain::{RagStatus, ReportText};
use crate::error::AppError;
use crate::references::CommunityRef;
use crate::web::{Ui, next_url, see_other, shown_on_form};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/c/{slug}/status", web::get().to(timeline))
        .route("/c/{slug}/status", web::post().to(create))
        .route("/c/{slug}/status/new", web::get().to(new_form))
        .route("/status", web::get().to(rollup));
}

fn levels() -> Vec<&'static str> {
    RagStatus::ALL.iter().map(|s| s.as_str()).collect()
}

#[derive(Deserialize)]
struct CursorQuery {
    cursor: Option<String>,
}

async fn timeline(
    viewer: Viewer,
    ui: Ui,
    db: web::Data<Db>,
    settings: CurrentSettings,
    slug: web::Path<String>,
    query: web::Query<CursorQuery>,
) -> Result<HttpResponse, AppError> {
    let me = viewer.0.clone();
    let page = PageParams {
        limit: Some("20".into()),
        cursor: query.into_inner().cursor,
    }
    .parse()?;
    let slug = slug.into_inner();
    let s = slug.clone();
    let status = settings.status.clone();
    let (reports, access) = db
        .run(move |c| {
            let access = super::policy::load(c, &viewer.0, &s)?;
            Ok((service::timeline(c, &access, &page, &status)?, access))
        })
        .await?;
    let mut ctx = ui.context();
    ctx.insert("community", &CommunityRef::from(&access.community));
    ctx.insert("header", &access.header(&me));
    ctx.insert("can_report", &super::policy::can_report(&access).is_ok());
    ctx.insert("next_url", &next_url(&format!("/c/{slug}/status"), &[], &reports));
    ctx.insert("reports", &reports.items);
    ui.render("status/timeline.html", &ctx)
}

/// The report form as sent: the overall status, `area-<name>` per area, and the texts.
#[derive(Debug, Default, Deserialize, serde::Serialize)]
pub struct ReportForm {
    #[serde(default)]
    overall: String,
    #[serde(default)]
    summary: String,
    #[serde(default)]
    achievements: String,
    #[serde(default)]
    next_steps: String,
    #[serde(default)]
    risks: String,
    #[serde(default)]
    help_needed: String,
    #[serde(flatten)]
    areas: HashMap<String, String>,
}

impl ReportForm {
    fn parse(&self, configured: &[String]) -> Result<ReportInput, AppError> {
        let mut areas = Vec::new();
        for area in configured {
            match self.areas.get(&format!("area-{area}")).map(|s| s.trim()) {
                None | Some("") => {}
                Some(s) => areas.push((area.clone(), RagStatus::parse(s)?)),
            }
        }
        Ok(ReportInput {
            overall: RagStatus::parse(&self.overall)?,
            areas,
            summary: ReportText::parse("summary", &self.summary)?,
            achievements: ReportText::parse("achievements", &self.achievements)?,
            next_steps: ReportText::parse("next_steps", &self.next_steps)?,
            risks: ReportText::parse("risks", &self.risks)?,
            help_needed: ReportText::parse("help_needed", &self.help_needed)?,
        })
    }
}

fn form_page(
    ui: &Ui,
    slug: &str,
    configured: &[String],
    form: &ReportForm,
    started_from: Option<chrono::NaiveDateTime>,
    error: Option<&AppError>,
) -> Result<HttpResponse, AppError> {
    let mut ctx = ui.context();
    ctx.insert("slug", slug);
    ctx.insert("started_from", &started_from);
    ctx.insert("form", form);
    ctx.insert("levels", &levels());
    let areas: Vec<serde_json::Value> = configured
        .iter()
        .map(|a| {
            let chosen = form.areas.get(&format!("area-{a}")).cloned().unwrap_or_default();
            serde_json::json!({"name": a, "chosen": chosen})
        })
        .collect();
    ctx.insert("areas", &areas);
    ui.render_form("status/form.html", ctx, error.map(|e| ui.form_error(e)))
}

async fn new_form(
    viewer: Viewer,
    ui: Ui,
    db: web::Data<Db>,
    settings: CurrentSettings,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let slug = slug.into_inner();
    let (s, status) = (slug.clone(), settings.status.clone());
    let latest = db
        .run(move |c| {
            let access = crate::communities::policy::load(c, &viewer.0, &s)?;
            super::policy::can_report(&access)?;
            let one = PageParams {
                limit: Some("1".into()),
                cursor: None,
            }
            .parse()?;
            Ok(service::timeline(c, &access, &one, &status)?.items.into_iter().next())
        })
        .await?;
    // A report is mostly the last one moved on: it starts from there, not from nothing.
    let since = latest.as_ref().map(|last| last.created_at);
    let form = match latest {
        Some(last) => ReportForm {
            overall: last.overall.as_str().into(),
            summary: last.summary.markdown,
            achievements: last.achievements.markdown,
            next_steps: last.next_steps.markdown,
            risks: last.risks.markdown,
            help_needed: last.help_needed.markdown,
            areas: last
                .areas
                .into_iter()
                .map(|a| (format!("area-{}", a.area), a.status.as_str().to_string()))
                .collect(),
        },
        None => ReportForm {
            overall: RagStatus::Green.as_str().into(),
            ..ReportForm::default()
        },
    };
    form_page(&ui, &slug, &settings.status.areas, &form, since, None)
}

async fn create(
    viewer: Viewer,
    ui: Ui,
    db: web::Data<Db>,
    settings: CurrentSettings,
    slug: web::Path<String>,
    form: web::Form<ReportForm>,
) -> Result<HttpResponse, AppError> {
    let (slug, form) = (slug.into_inner(), form.into_inner());
    let status = settings.status.clone();
    let result = match form.parse(&status.areas) {
        Ok(input) => {
            let s = slug.clone();
            db.run(move |c| service::create(c, &viewer.0, &s, input, &status)).await
        }
        Err(e) => Err(e),
    };
    match result {
        Ok(id) => Ok(see_other(&format!("/c/{slug}/status#report-{id}"))),
        Err(e) if shown_on_form(&e) => form_page(&ui, &slug, &settings.status.areas, &form, None, Some(&e)),
        Err(e) => Err(e),
    }
}

#[derive(Deserialize)]
struct RollupQuery {
    department: Option<String>,
}

async fn rollup(
    viewer: Viewer,
    ui: Ui,
    db: web::Data<Db>,
    settings: CurrentSettings,
    query: web::Query<RollupQuery>,
) -> Result<HttpResponse, AppError> {
    let tz = viewer.0.timezone.unwrap_or(settings.i18n.default_timezone);
    let status = settings.status.clone();
    let department = query.into_inner().department;
    let (rollup, departments) = db
        .run(move |c| {
            let rollup = super::rollup::rollup(c, &viewer.0, department.as_deref(), &status, tz)?;
            Ok((rollup, crate::people::service::department_names(c)?))
        })
        .await?;
    let mut ctx = ui.context();
    ctx.insert("rollup", &rollup);
    ctx.insert("departments", &departments);
    ui.render("status/rollup.html", &ctx)
}
