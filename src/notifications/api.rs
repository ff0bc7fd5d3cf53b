//! `/api/v1/notifications`

use actix_web::{HttpResponse, web};
use serde::Deserialize;

use super::service::{self, NotificationList};
use crate::api::pagination::PageParams;
use crate::auth::ApiViewer;
use crate::db::Db;
use crate::error::{AppError, Problem};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/notifications", web::get().to(list))
        .route("/notifications/read", web::post().to(read));
}

/// My notifications, newest first, with the number unread.
#[utoipa::path(get, path = "/api/v1/notifications", tag = "notifications", params(PageParams),
    responses((status = 200, body = NotificationList), (status = 401, body = Problem)),
    security(("bearer" = [])))]
pub async fn list(
    viewer: ApiViewer,
    db: web::Data<Db>,
    page: web::Query<PageParams>,
) -> Result<HttpResponse, AppError> {
    let page = page.parse()?;
    let list = db.run(move |c| service::list(c, &viewer.0, &page)).await?;
    Ok(HttpResponse::Ok().json(list))
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MarkRead {
    /// One notification; left out: all of them.
    id: Option<i64>,
}

/// Marks one or all notifications as read.
#[utoipa::path(post, path = "/api/v1/notifications/read", tag = "notifications", request_body = MarkRead,
    responses((status = 204), (status = 401, body = Problem)),
    security(("bearer" = [])))]
pub async fn read(viewer: ApiViewer, db: web::Data<Db>, body: web::Json<MarkRead>) -> Result<HttpResponse, AppError> {
    let id = body.into_inner().id;
    db.run(move |c| service::mark_read(c, &viewer.0, id)).await?;
    Ok(HttpResponse::NoContent().finish())
}
