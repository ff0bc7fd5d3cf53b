//! Q&A pages: a community's questions and what waits for an answer, and plain forms to vote
//! and to accept an answer on the question's page.

use actix_web::{HttpResponse, web};
use serde::Deserialize;

use super::service;
use crate::api::pagination::PageParams;
use crate::auth::Viewer;
use crate::db::Db;
use crate::domain::Invalid;
use crate::error::AppError;
use crate::references::CommunityRef;
use crate::web::{Ui, VoteForm, next_url, see_other};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/c/{slug}/qa", web::get().to(list))
        .route("/posts/{id}/vote", web::post().to(vote_question))
        .route("/comments/{id}/vote", web::post().to(vote_answer))
        .route("/posts/{id}/accept", web::post().to(accept));
}

#[derive(Deserialize)]
struct ListQuery {
    /// `1`: only unanswered questions.
    unanswered: Option<String>,
    cursor: Option<String>,
}

async fn list(
    viewer: Viewer,
    ui: Ui,
    db: web::Data<Db>,
    slug: web::Path<String>,
    query: web::Query<ListQuery>,
) -> Result<HttpResponse, AppError> {
    let me = viewer.0.clone();
    let query = query.into_inner();
    let unanswered = query.unanswered.as_deref().is_some_and(|u| !u.is_empty() && u != "0");
    let page = PageParams {
        limit: Some("20".into()),
        cursor: query.cursor,
    }
    .parse()?;
    let slug = slug.into_inner();
    let s = slug.clone();
    let (questions, access) = db
        .run(move |c| {
            let access = crate::communities::policy::load(c, &viewer.0, &s)?;
            Ok((service::list(c, &viewer.0, &access, unanswered, &page)?, access))
        })
        .await?;
    let mut ctx = ui.context();
    ctx.insert("community", &CommunityRef::from(&access.community));
    ctx.insert("header", &access.header(&me));
    ctx.insert(
        "can_ask",
        &crate::posts::policy::can_write(&access, crate::domain::PostKind::Question).is_ok(),
    );
    ctx.insert("unanswered", &unanswered);
    let filter = unanswered.then_some("1");
    ctx.insert(
        "next_url",
        &next_url(&format!("/c/{slug}/qa"), &[("unanswered", filter)], &questions),
    );
    ctx.insert("total", &questions.total);
    ctx.insert("questions", &questions.items);
    ui.render("qa/list.html", &ctx)
}

async fn vote_question(
    viewer: Viewer,
    db: web::Data<Db>,
    id: web::Path<i64>,
    form: web::Form<VoteForm>,
) -> Result<HttpResponse, AppError> {
    let (id, up) = (id.into_inner(), form.up()?);
    db.run(move |c| service::vote_question(c, &viewer.0, id, up)).await?;
    Ok(see_other(&format!("/posts/{id}")))
}

async fn vote_answer(
    viewer: Viewer,
    db: web::Data<Db>,
    id: web::Path<i64>,
    form: web::Form<VoteForm>,
) -> Result<HttpResponse, AppError> {
    let (id, up) = (id.into_inner(), form.up()?);
    let post = db.run(move |c| service::vote_answer(c, &viewer.0, id, up)).await?;
    Ok(see_other(&format!("/posts/{post}#comment-{id}")))
}

/// `comment_id` accepts that answer; empty accepts none.
#[derive(Deserialize)]
struct AcceptForm {
    #[serde(default)]
    comment_id: String,
}

async fn accept(
    viewer: Viewer,
    db: web::Data<Db>,
    id: web::Path<i64>,
    form: web::Form<AcceptForm>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let answer = match form.comment_id.trim() {
        "" => None,
        n => Some(
            n.parse::<i64>()
                .map_err(|_| Invalid::new("comment_id", "not-an-answer"))?,
        ),
    };
    db.run(move |c| service::accept(c, &viewer.0, id, answer)).await?;
    Ok(see_other(&format!("/posts/{id}")))
}
