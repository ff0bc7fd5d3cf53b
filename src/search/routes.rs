//! `/search`: the search page.

use actix_web::{HttpResponse, web};
use serde::Deserialize;

use super::service;
use crate::api::pagination::PageParams;
use crate::auth::Viewer;
use crate::db::Db;
use crate::error::AppError;
use crate::web::Ui;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/search", web::get().to(search));
}

#[derive(Deserialize)]
struct SearchQuery {
    q: Option<String>,
    cursor: Option<String>,
}

async fn search(
    viewer: Viewer,
    ui: Ui,
    db: web::Data<Db>,
    query: web::Query<SearchQuery>,
) -> Result<HttpResponse, AppError> {
    let query = query.into_inner();
    let q = query.q.unwrap_or_default();
    let page = PageParams {
        limit: Some("20".into()),
        cursor: query.cursor,
    }
    .parse()?;
    let text = q.clone();
    let results = db.run(move |c| service::search(c, &viewer.0, &text, &page)).await?;
    let next = results.next_cursor.as_ref().map(|cursor| {
        let mut query = url::form_urlencoded::Serializer::new(String::new());
        query.append_pair("q", &q).append_pair("cursor", cursor);
        format!("/search?{}", query.finish())
    });
    let mut ctx = ui.context();
    ctx.insert("q", &q);
    ctx.insert("results", &results);
    ctx.insert("next_url", &next);
    ui.render("search.html", &ctx)
}
