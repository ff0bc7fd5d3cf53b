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
        .route("/topics/{topic}/posts", web::get().to(posts))
        .route("/topics/{topic}/follow", web::post().to(follow))
        .route("/topics/{topic}/follow", web::delete().to(unfollow));
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

/// Follows a topic: its posts come to the caller's feed.
#[utoipa::path(post, path = "/api/v1/topics/{topic}/follow", tag = "topics", params(("topic" = String, Path)),
    responses((status = 204), (status = 401, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub async fn follow(viewer: ApiViewer, db: web::Data<Db>, topic: web::Path<String>) -> Result<HttpResponse, AppError> {
    set(viewer, &db, topic.into_inner(), true).await
}

/// Stops following a topic.
#[utoipa::path(delete, path = "/api/v1/topics/{topic}/follow", tag = "topics", params(("topic" = String, Path)),
    responses((status = 204), (status = 401, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub async fn unfollow(
    viewer: ApiViewer,
    db: web::Data<Db>,
    topic: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    set(viewer, &db, topic.into_inner(), false).await
}

async fn set(viewer: ApiViewer, db: &Db, topic: String, follow: bool) -> Result<HttpResponse, AppError> {
    db.run(move |c| service::set_follow(c, &viewer.0, &topic, follow))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
