//! `GET /api/v1/communities/{slug}/kpis` and `GET /api/v1/kpis` (the organization): JSON, or
//! the figures as CSV with `Accept: text/csv`. Community managers and admins only.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};

use super::service::{self, PeriodQuery, Report};
use crate::auth::ApiViewer;
use crate::config::CurrentSettings;
use crate::db::Db;
use crate::error::{AppError, Problem};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/communities/{slug}/kpis", web::get().to(community))
        .route("/kpis", web::get().to(organization));
}

/// A community's health over a period beside the period before (`Accept: text/csv`: the
/// figures as CSV). Figures about fewer people than `kpi.min_group` are withheld.
#[utoipa::path(get, path = "/api/v1/communities/{slug}/kpis", tag = "kpi", params(("slug" = String, Path), PeriodQuery),
    responses((status = 200, description = "The figures (JSON), or with `Accept: text/csv` as CSV", content((Report = "application/json"), (String = "text/csv"))), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub async fn community(
    viewer: ApiViewer,
    request: HttpRequest,
    db: web::Data<Db>,
    settings: CurrentSettings,
    slug: web::Path<String>,
    query: web::Query<PeriodQuery>,
) -> Result<HttpResponse, AppError> {
    let kpi = settings.kpi.clone();
    let report = db
        .run(move |c| service::report(c, &viewer.0, Some(&slug), &query, &kpi))
        .await?;
    Ok(respond(&request, &report))
}

/// The organization's health (admins and the organization's managers), as above.
#[utoipa::path(get, path = "/api/v1/kpis", tag = "kpi", params(PeriodQuery),
    responses((status = 200, description = "The figures (JSON), or with `Accept: text/csv` as CSV", content((Report = "application/json"), (String = "text/csv"))), (status = 403, body = Problem),
        (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub async fn organization(
    viewer: ApiViewer,
    request: HttpRequest,
    db: web::Data<Db>,
    settings: CurrentSettings,
    query: web::Query<PeriodQuery>,
) -> Result<HttpResponse, AppError> {
    let kpi = settings.kpi.clone();
    let report = db
        .run(move |c| service::report(c, &viewer.0, None, &query, &kpi))
        .await?;
    Ok(respond(&request, &report))
}

fn respond(request: &HttpRequest, report: &Report) -> HttpResponse {
    let csv = request
        .headers()
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("text/csv"));
    if csv {
        crate::web::csv::download(
            service::figures_csv(report, crate::web::csv::Dialect::Comma),
            &file_name(report, "figures"),
        )
    } else {
        HttpResponse::Ok().json(report)
    }
}

/// `kpis-<community>-<from>-<to>-<table>.csv`
pub fn file_name(report: &Report, table: &str) -> String {
    format!(
        "kpis-{}-{}-{}-{table}.csv",
        report.community.slug, report.kpis.period.from, report.kpis.period.to
    )
}
