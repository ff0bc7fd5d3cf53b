//! `GET /api/v1/me/export`: everything Allmende holds about the caller.

use actix_web::{HttpResponse, web};

use super::export::{self, Export};
use crate::auth::ApiViewer;
use crate::db::Db;
use crate::error::{AppError, Problem};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/me/export", web::get().to(me_export));
}

/// All of the caller's data: profile, memberships, posts, comments, reactions, votes (not
/// anonymous ones), tasks, notifications, settings.
#[utoipa::path(get, path = "/api/v1/me/export", tag = "people",
    responses((status = 200, body = Export), (status = 401, body = Problem)), security(("bearer" = [])))]
pub async fn me_export(viewer: ApiViewer, db: web::Data<Db>) -> Result<HttpResponse, AppError> {
    let data = db.run(move |c| export::export(c, &viewer.0)).await?;
    Ok(HttpResponse::Ok().json(data))
}
