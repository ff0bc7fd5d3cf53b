//! `/api/v1/topics…`

use actix_web::{HttpResponse, web};

use super::service::{self, TopicCount};
use crate::api::pagination::{PageParams, Paged};
use crate::auth::ApiViewer;
use crate::db::Db;
use crate::error::{AppError, Problem};
use crate::posts::service::PostView;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/topics", web::get().to(trending))
        .route("/topics/{topic}/posts", web::get().to(posts));
}

/// Topics of this week's posts the caller may read, most named first.
#[utoipa::path(get, path = "/api/v1/topics", tag = "topics",
    responses((status = 200, body = Vec<TopicCount>), (status = 401, body = Problem)),
    security(("bearer" = [])))]
pub async fn trending(viewer: ApiViewer, db: web::Data<Db>) -> Result<HttpResponse, AppError> {
    let list = db.run(move |c| service::trending(c, &viewer.0, 7, 50)).await?;
    Ok(HttpResponse::Ok().json(list))
}

/// Posts naming a topic, newest first, from the communities the caller may read.
#[utoipa::path(get, path = "/api/v1/topics/{topic}/posts", tag = "topics", params(("topic" = String, Path), PageParams),
    responses((status = 200, body = Paged<PostView>), (status = 401, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub async fn posts(
    viewer: ApiViewer,
    db: web::Data<Db>,
    topic: web::Path<String>,
    page: web::Query<PageParams>,
) -> Result<HttpResponse, AppError> {
    let page = page.parse()?;
    let topic = topic.into_inner();
    let list = db.run(move |c| service::posts(c, &viewer.0, &topic, &page)).await?;
    Ok(HttpResponse::Ok().json(list))
}
