//! `/api/v1/communities/{slug}/status-reports` and `/api/v1/status/rollup`.

use std::collections::BTreeMap;

use actix_web::{HttpResponse, web};
use serde::Deserialize;

use super::rollup::{self, Rollup};
use super::service::{self, ReportInput, ReportView};
use crate::api::pagination::{PageParams, Paged};
use crate::auth::ApiViewer;
use crate::config::CurrentSettings;
use crate::db::Db;
use crate::domain::{RagStatus, ReportText};
use crate::error::{AppError, Problem};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/communities/{slug}/status-reports", web::get().to(list))
        .route("/communities/{slug}/status-reports", web::post().to(create))
        .route("/status/rollup", web::get().to(rollup));
}

/// A project's status reports, newest first.
#[utoipa::path(get, path = "/api/v1/communities/{slug}/status-reports", tag = "status", params(("slug" = String, Path), PageParams),
    responses((status = 200, body = Paged<ReportView>), (status = 403, body = Problem), (status = 404, body = Problem)),
    security(("bearer" = [])))]
pub async fn list(
    viewer: ApiViewer,
    db: web::Data<Db>,
    settings: CurrentSettings,
    slug: web::Path<String>,
    page: web::Query<PageParams>,
) -> Result<HttpResponse, AppError> {
    let page = page.parse()?;
    let slug = slug.into_inner();
    let status = settings.status.clone();
    let list = db
        .run(move |c| {
            let access = super::policy::load(c, &viewer.0, &slug)?;
            service::timeline(c, &access, &page, &status)
        })
        .await?;
    Ok(HttpResponse::Ok().json(list))
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewReportJson {
    /// green, amber or red
    overall: String,
    /// Configured area (e.g. schedule, budget, scope) → green, amber or red.
    #[serde(default)]
    areas: BTreeMap<String, String>,
    /// Markdown, like the other parts.
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
}

impl NewReportJson {
    fn parse(&self) -> Result<ReportInput, AppError> {
        Ok(ReportInput {
            overall: RagStatus::parse(&self.overall)?,
            areas: self
                .areas
                .iter()
                .map(|(a, s)| Ok((a.clone(), RagStatus::parse(s)?)))
                .collect::<Result<_, AppError>>()?,
            summary: ReportText::parse("summary", &self.summary)?,
            achievements: ReportText::parse("achievements", &self.achievements)?,
            next_steps: ReportText::parse("next_steps", &self.next_steps)?,
            risks: ReportText::parse("risks", &self.risks)?,
            help_needed: ReportText::parse("help_needed", &self.help_needed)?,
        })
    }
}

/// Posts a status report (the project's managers).
#[utoipa::path(post, path = "/api/v1/communities/{slug}/status-reports", tag = "status", params(("slug" = String, Path)),
    request_body = NewReportJson,
    responses((status = 201, body = ReportView), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub async fn create(
    viewer: ApiViewer,
    db: web::Data<Db>,
    settings: CurrentSettings,
    slug: web::Path<String>,
    body: web::Json<NewReportJson>,
) -> Result<HttpResponse, AppError> {
    let input = body.parse()?;
    let slug = slug.into_inner();
    let status = settings.status.clone();
    let report = db
        .run(move |c| {
            service::create(c, &viewer.0, &slug, input, &status)?;
            let page = crate::api::pagination::PageRequest::first(1);
            let access = super::policy::load(c, &viewer.0, &slug)?;
            service::timeline(c, &access, &page, &status)?
                .items
                .pop()
                .ok_or(AppError::NotFound)
        })
        .await?;
    Ok(HttpResponse::Created().json(report))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RollupQuery {
    /// Department name or directory key; without it, the whole organization.
    department: Option<String>,
}

/// All projects the caller may read with their latest status: red and stale first.
#[utoipa::path(get, path = "/api/v1/status/rollup", tag = "status", params(RollupQuery),
    responses((status = 200, body = Rollup), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub async fn rollup(
    viewer: ApiViewer,
    db: web::Data<Db>,
    settings: CurrentSettings,
    query: web::Query<RollupQuery>,
) -> Result<HttpResponse, AppError> {
    let tz = viewer.0.timezone.unwrap_or(settings.i18n.default_timezone);
    let status = settings.status.clone();
    let department = query.into_inner().department;
    let rollup = db
        .run(move |c| rollup::rollup(c, &viewer.0, department.as_deref(), &status, tz))
        .await?;
    Ok(HttpResponse::Ok().json(rollup))
}
