//! What a text will look like once saved, for every editor: `POST /preview` renders markdown
//! as the saved text will be (sanitised, mentions of people who exist linked) and answers the
//! HTML fragment. `static/editor.js` shows it live beside the text; without JavaScript the
//! forms' own preview button renders the page again with the same fragment (`rendered`).

use actix_web::{HttpResponse, web};
use serde::Deserialize;

use crate::auth::Viewer;
use crate::db::{Db, DbConnection};
use crate::error::AppError;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/preview", web::post().to(preview));
}

/// Longer texts are refused by every form anyway; a preview stops at the same length.
const MAX: usize = 20_000;

#[derive(Deserialize)]
struct PreviewForm {
    #[serde(default)]
    body: String,
    /// `mail`: as a mail shows it (no mentions linked, pictures as links), for newsletters.
    #[serde(default, rename = "as")]
    shown_as: String,
}

/// `source` as it will read once saved.
pub fn rendered(conn: &mut DbConnection, source: &str) -> Result<String, AppError> {
    let mentioned = crate::references::Mentions::load(conn, [source])?;
    Ok(crate::markdown::render(source, &|uid| mentioned.name_of(uid)))
}

async fn preview(_viewer: Viewer, db: web::Data<Db>, form: web::Form<PreviewForm>) -> Result<HttpResponse, AppError> {
    let form = form.into_inner();
    let body: String = form.body.chars().take(MAX).collect();
    let html = if form.shown_as == "mail" {
        crate::markdown::to_mail_html(&body)
    } else {
        db.run(move |c| rendered(c, &body)).await?
    };
    Ok(HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .insert_header((actix_web::http::header::CACHE_CONTROL, "no-store"))
        .body(html))
}
