//! `/api/v1/reports…` and `/api/v1/communities/{slug}/reports`

use actix_web::{HttpResponse, web};
use serde::Deserialize;

use super::service::{self, QueueItem};
use crate::auth::ApiViewer;
use crate::config::CurrentSettings;
use crate::db::Db;
use crate::domain::{Invalid, ModerationAction, ModerationNote, ReportReason};
use crate::error::{AppError, Problem};
use crate::posts::service::Target;
use crate::subjects::SubjectKind;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/reports", web::post().to(create))
        .route("/reports/{id}/decision", web::post().to(decide))
        .route("/communities/{slug}/reports", web::get().to(queue))
        .route("/admin/reports", web::get().to(admin_queue));
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReportTarget {
    /// post or comment
    #[serde(rename = "type")]
    kind: String,
    id: i64,
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewReport {
    target: ReportTarget,
    /// spam, offensive, off-topic or other
    reason: String,
    /// At most 1,000 characters.
    #[serde(default)]
    note: String,
}

/// Reports a post or comment the caller can read to the community's moderators.
#[utoipa::path(post, path = "/api/v1/reports", tag = "moderation", request_body = NewReport,
    responses((status = 201), (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub async fn create(
    viewer: ApiViewer,
    db: web::Data<Db>,
    settings: CurrentSettings,
    body: web::Json<NewReport>,
) -> Result<HttpResponse, AppError> {
    let body = body.into_inner();
    let target = match SubjectKind::parse(&body.target.kind) {
        Ok(SubjectKind::Post) => Target::Post(body.target.id),
        Ok(SubjectKind::Comment) => Target::Comment(body.target.id),
        _ => return Err(Invalid::new("target", "unknown-value").into()),
    };
    let reason = ReportReason::parse(&body.reason)?;
    let note = ModerationNote::parse("note", &body.note)?;
    let auto_hide = settings.communities.auto_hide_reports;
    let post = db
        .run(move |c| service::report(c, &viewer.0, target, reason, note, auto_hide))
        .await?;
    Ok(HttpResponse::Created().json(serde_json::json!({ "post_id": post })))
}

/// The community's open reports, grouped by content (moderators).
#[utoipa::path(get, path = "/api/v1/communities/{slug}/reports", tag = "moderation", params(("slug" = String, Path)),
    responses((status = 200, body = Vec<QueueItem>), (status = 403, body = Problem), (status = 404, body = Problem)),
    security(("bearer" = [])))]
pub async fn queue(viewer: ApiViewer, db: web::Data<Db>, slug: web::Path<String>) -> Result<HttpResponse, AppError> {
    let slug = slug.into_inner();
    let items = db.run(move |c| service::queue(c, &viewer.0, &slug)).await?;
    Ok(HttpResponse::Ok().json(items))
}

/// The open reports of all communities (administrators; 404 for everyone else).
#[utoipa::path(get, path = "/api/v1/admin/reports", tag = "moderation",
    responses((status = 200, body = Vec<QueueItem>), (status = 404, body = Problem)),
    security(("bearer" = [])))]
pub async fn admin_queue(viewer: ApiViewer, db: web::Data<Db>) -> Result<HttpResponse, AppError> {
    let items = db.run(move |c| service::admin_queue(c, &viewer.0)).await?;
    Ok(HttpResponse::Ok().json(items))
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    /// dismiss, hide, delete, warn or ban (the author, from this community)
    action: String,
    /// Why; kept in the audit log.
    #[serde(default)]
    reason: String,
}

/// Decides on reported content; settles every open report of it.
#[utoipa::path(post, path = "/api/v1/reports/{id}/decision", tag = "moderation", params(("id" = i64, Path)),
    request_body = Decision,
    responses((status = 204), (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub async fn decide(
    viewer: ApiViewer,
    db: web::Data<Db>,
    id: web::Path<i64>,
    body: web::Json<Decision>,
) -> Result<HttpResponse, AppError> {
    let body = body.into_inner();
    let action = ModerationAction::parse(&body.action)?;
    let reason = ModerationNote::parse("reason", &body.reason)?;
    let id = id.into_inner();
    db.run(move |c| service::decide(c, &viewer.0, id, action, reason))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
