//! People pages: the directory and a profile.

use actix_web::{HttpResponse, web};
use serde::Deserialize;

use super::{pick, service};
use crate::api::pagination::PageParams;
use crate::auth::Viewer;
use crate::db::Db;
use crate::error::AppError;
use crate::web::{Ui, next_url};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/people", web::get().to(directory))
        .route("/people/{uid}", web::get().to(profile))
        .route("/suggest/people", web::get().to(suggest));
}

#[derive(Deserialize)]
struct DirectoryQuery {
    q: Option<String>,
    cursor: Option<String>,
}

async fn directory(
    _viewer: Viewer,
    ui: Ui,
    db: web::Data<Db>,
    query: web::Query<DirectoryQuery>,
) -> Result<HttpResponse, AppError> {
    let query = query.into_inner();
    let page = PageParams {
        limit: None,
        cursor: query.cursor.clone(),
    }
    .parse()?;
    let filter = service::PeopleFilter {
        query: query.q.clone(),
        ..Default::default()
    };
    let list = db.run(move |c| service::list(c, &filter, &page)).await?;
    let mut ctx = ui.context();
    ctx.insert("q", &query.q.as_deref().unwrap_or(""));
    ctx.insert("next_url", &next_url("/people", &[("q", query.q.as_deref())], &list));
    ctx.insert("total", &list.total);
    ctx.insert("people", &list.items);
    ui.render("people/directory.html", &ctx)
}

async fn profile(viewer: Viewer, ui: Ui, db: web::Data<Db>, uid: web::Path<String>) -> Result<HttpResponse, AppError> {
    let uid = uid.into_inner();
    let profile = db.run(move |c| service::profile(c, &viewer.0, &uid)).await?;
    let mut ctx = ui.context();
    ctx.insert("profile", &profile);
    ui.render("people/profile.html", &ctx)
}

#[derive(Deserialize)]
struct SuggestQuery {
    #[serde(default)]
    q: String,
    /// A community's slug: only its members (for fields that take members only).
    #[serde(rename = "in")]
    within: Option<String>,
}

/// The live list behind every people field (`static/people.js`); the form works without it.
async fn suggest(viewer: Viewer, db: web::Data<Db>, query: web::Query<SuggestQuery>) -> Result<HttpResponse, AppError> {
    let query = query.into_inner();
    let found = db
        .run(move |c| {
            let among = match query.within.as_deref().filter(|s| !s.is_empty()) {
                Some(slug) => pick::members_of(c, &viewer.0, slug)?,
                None => pick::Among::Everyone,
            };
            pick::suggest(c, &query.q, among)
        })
        .await?;
    let list: Vec<pick::Candidate> = found.iter().map(pick::Candidate::from).collect();
    Ok(HttpResponse::Ok()
        .insert_header((actix_web::http::header::CACHE_CONTROL, "no-store"))
        .json(list))
}
