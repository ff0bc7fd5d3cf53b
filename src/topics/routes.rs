//! `/topics` (trending this week) and `/topics/{topic}` (its posts).

use actix_web::{HttpResponse, web};

use super::service;
use crate::api::pagination::PageParams;
use crate::auth::Viewer;
use crate::db::Db;
use crate::error::AppError;
use crate::web::{Ui, next_url};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/topics", web::get().to(list))
        .route("/topics/{topic}", web::get().to(show));
}

async fn list(viewer: Viewer, ui: Ui, db: web::Data<Db>) -> Result<HttpResponse, AppError> {
    let trending = db.run(move |c| service::trending(c, &viewer.0, 7, 30)).await?;
    let mut ctx = ui.context();
    ctx.insert("trending", &trending);
    ui.render("topics/list.html", &ctx)
}

async fn show(
    viewer: Viewer,
    ui: Ui,
    db: web::Data<Db>,
    topic: web::Path<String>,
    page: web::Query<PageParams>,
) -> Result<HttpResponse, AppError> {
    let topic = crate::markdown::topic_key(&topic.into_inner());
    let page = PageParams {
        limit: None,
        cursor: page.into_inner().cursor,
    }
    .parse()?;
    let t = topic.clone();
    let list = db.run(move |c| service::posts(c, &viewer.0, &t, &page)).await?;
    let mut ctx = ui.context();
    ctx.insert("topic", &topic);
    ctx.insert("next_url", &next_url(&crate::markdown::topic_path(&topic), &[], &list));
    ctx.insert("posts", &list);
    ui.render("topics/show.html", &ctx)
}
