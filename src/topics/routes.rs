//! `/topics` (trending this week) and `/topics/{topic}` (its posts, and following it).

use actix_web::{HttpResponse, web};
use serde::Deserialize;

use super::service;
use crate::api::pagination::PageParams;
use crate::auth::Viewer;
use crate::db::Db;
use crate::error::AppError;
use crate::markdown::{topic_key, topic_path};
use crate::web::{Ui, next_url, see_other};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/topics", web::get().to(list))
        .route("/topics/{topic}", web::get().to(show))
        .route("/topics/{topic}/follow", web::post().to(follow))
        .route("/suggest/topics", web::get().to(suggest));
}

#[derive(Deserialize)]
struct SuggestQuery {
    #[serde(default)]
    q: String,
}

/// The live list after a typed `#` in the editor (`static/editor.js`).
async fn suggest(viewer: Viewer, db: web::Data<Db>, query: web::Query<SuggestQuery>) -> Result<HttpResponse, AppError> {
    let q = query.into_inner().q;
    let found = db.run(move |c| service::suggest(c, &viewer.0, &q, 8)).await?;
    Ok(HttpResponse::Ok()
        .insert_header((actix_web::http::header::CACHE_CONTROL, "no-store"))
        .json(found))
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
    let topic = topic_key(&topic.into_inner());
    let page = PageParams {
        limit: None,
        cursor: page.into_inner().cursor,
    }
    .parse()?;
    let t = topic.clone();
    let (list, following) = db
        .run(move |c| {
            Ok((
                service::posts(c, &viewer.0, &t, &page)?,
                service::follows(c, &viewer.0, &t)?,
            ))
        })
        .await?;
    let mut ctx = ui.context();
    ctx.insert("topic", &topic);
    ctx.insert("topic_path", &topic_path(&topic));
    ctx.insert("following", &following);
    ctx.insert("next_url", &next_url(&topic_path(&topic), &[], &list));
    ctx.insert("posts", &list);
    ui.render("topics/show.html", &ctx)
}

#[derive(Deserialize)]
struct FollowForm {
    /// "1" to follow, anything else to stop.
    #[serde(default)]
    follow: String,
}

async fn follow(
    viewer: Viewer,
    db: web::Data<Db>,
    topic: web::Path<String>,
    form: web::Form<FollowForm>,
) -> Result<HttpResponse, AppError> {
    let topic = topic.into_inner();
    let back = topic_path(&topic);
    let on = form.follow == "1";
    db.run(move |c| service::set_follow(c, &viewer.0, &topic, on)).await?;
    Ok(see_other(&back))
}
