//! `/notifications`: the list, and marking read with plain forms.

use actix_web::{HttpResponse, web};
use serde::Deserialize;

use super::notices::Kind;
use super::service;
use crate::api::pagination::PageParams;
use crate::auth::Viewer;
use crate::db::Db;
use crate::error::AppError;
use crate::web::{Ui, next_url, see_other};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/notifications", web::get().to(list))
        .route("/notifications/read", web::post().to(read))
        .route("/settings/notifications", web::post().to(save_settings));
}

#[derive(Deserialize)]
struct ListQuery {
    cursor: Option<String>,
}

async fn list(
    viewer: Viewer,
    ui: Ui,
    db: web::Data<Db>,
    query: web::Query<ListQuery>,
) -> Result<HttpResponse, AppError> {
    let page = PageParams {
        limit: None,
        cursor: query.into_inner().cursor,
    }
    .parse()?;
    let list = db.run(move |c| service::list(c, &viewer.0, &page)).await?;
    let mut ctx = ui.context();
    ctx.insert("next_url", &next_url("/notifications", &[], &list.page));
    ctx.insert("notifications", &list);
    ui.render("notifications/list.html", &ctx)
}

#[derive(Deserialize)]
struct ReadForm {
    /// Empty: all.
    #[serde(default)]
    id: String,
}

async fn read(viewer: Viewer, db: web::Data<Db>, form: web::Form<ReadForm>) -> Result<HttpResponse, AppError> {
    let id = form.id.trim().parse::<i64>().ok();
    db.run(move |c| service::mark_read(c, &viewer.0, id)).await?;
    Ok(see_other("/notifications"))
}

/// The settings page's notification checkboxes: `on-<kind>` for each kind kept on.
async fn save_settings(
    viewer: Viewer,
    db: web::Data<Db>,
    form: web::Form<std::collections::HashMap<String, String>>,
) -> Result<HttpResponse, AppError> {
    let muted: Vec<Kind> = Kind::ALL
        .iter()
        .copied()
        .filter(|k| !form.contains_key(&format!("on-{}", k.as_str())))
        .collect();
    db.run(move |c| service::set_muted(c, &viewer.0, &muted)).await?;
    Ok(see_other("/settings?saved=1"))
}
