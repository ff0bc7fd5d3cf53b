//! `/api/v1/communities/{slug}/qa` (list, ask), votes on questions and answers, and the
//! accepted answer.

use actix_web::{HttpResponse, web};
use serde::Deserialize;

use super::service::{self, QuestionItem};
use crate::api::pagination::{PageParams, Paged};
use crate::auth::ApiViewer;
use crate::db::Db;
use crate::domain::{PostBody, PostKind, PostTitle};
use crate::error::{AppError, Problem};
use crate::posts::service::{self as posts, PostDetail, PostInput};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/communities/{slug}/qa", web::get().to(list))
        .route("/communities/{slug}/qa", web::post().to(ask))
        .route("/posts/{id}/votes", web::post().to(vote_question))
        .route("/posts/{id}/votes", web::delete().to(unvote_question))
        .route("/comments/{id}/votes", web::post().to(vote_answer))
        .route("/comments/{id}/votes", web::delete().to(unvote_answer))
        .route("/posts/{id}/accepted-answer", web::post().to(accept))
        .route("/posts/{id}/accepted-answer", web::delete().to(unaccept));
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct QaQuery {
    /// `true`: only questions nobody has answered yet ("help wanted").
    #[serde(default)]
    unanswered: bool,
    limit: Option<String>,
    cursor: Option<String>,
}

/// A community's questions, newest first, with answer counts and how long each has waited.
#[utoipa::path(get, path = "/api/v1/communities/{slug}/qa", tag = "qa", params(("slug" = String, Path), QaQuery),
    responses((status = 200, body = Paged<QuestionItem>), (status = 403, body = Problem), (status = 404, body = Problem)),
    security(("bearer" = [])))]
pub async fn list(
    viewer: ApiViewer,
    db: web::Data<Db>,
    slug: web::Path<String>,
    query: web::Query<QaQuery>,
) -> Result<HttpResponse, AppError> {
    let q = query.into_inner();
    let page = PageParams {
        limit: q.limit,
        cursor: q.cursor,
    }
    .parse()?;
    let slug = slug.into_inner();
    let list = db
        .run(move |c| {
            let access = crate::communities::policy::load(c, &viewer.0, &slug)?;
            service::list(c, &viewer.0, &access, q.unanswered, &page)
        })
        .await?;
    Ok(HttpResponse::Ok().json(list))
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewQaQuestionJson {
    /// The question in short, 1 to 200 characters.
    title: String,
    /// Markdown: what was tried, what is needed.
    body: String,
}

/// Asks the community (members): a post of kind `question`.
#[utoipa::path(post, path = "/api/v1/communities/{slug}/qa", tag = "qa", params(("slug" = String, Path)),
    request_body = NewQaQuestionJson,
    responses((status = 201, body = PostDetail), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub async fn ask(
    viewer: ApiViewer,
    db: web::Data<Db>,
    slug: web::Path<String>,
    body: web::Json<NewQaQuestionJson>,
) -> Result<HttpResponse, AppError> {
    let b = body.into_inner();
    let input = PostInput {
        kind: PostKind::Question,
        title: PostTitle::parse("title", &b.title)?,
        body: PostBody::parse("body", &b.body)?,
        pinned: false,
        announcement: false,
    };
    let slug = slug.into_inner();
    let detail = db
        .run(move |c| {
            let id = posts::create(c, &viewer.0, &slug, input)?;
            posts::get(c, &viewer.0, id)
        })
        .await?;
    Ok(HttpResponse::Created().json(detail))
}

/// Runs an action on a question (or one of its answers) and answers with the question.
async fn on_question(
    viewer: ApiViewer,
    db: web::Data<Db>,
    act: impl FnOnce(&mut crate::db::DbConnection, &crate::db::models::Person) -> Result<i64, AppError> + Send + 'static,
) -> Result<HttpResponse, AppError> {
    let detail = db
        .run(move |c| {
            let post = act(c, &viewer.0)?;
            posts::get(c, &viewer.0, post)
        })
        .await?;
    Ok(HttpResponse::Ok().json(detail))
}

/// Upvotes a question (members, not one's own; one vote each).
#[utoipa::path(post, path = "/api/v1/posts/{id}/votes", tag = "qa", params(("id" = i64, Path)),
    responses((status = 200, body = PostDetail), (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem)),
    security(("bearer" = [])))]
pub async fn vote_question(viewer: ApiViewer, db: web::Data<Db>, id: web::Path<i64>) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    on_question(viewer, db, move |c, v| {
        service::vote_question(c, v, id, true).map(|_| id)
    })
    .await
}

/// Takes the vote for a question back.
#[utoipa::path(delete, path = "/api/v1/posts/{id}/votes", tag = "qa", params(("id" = i64, Path)),
    responses((status = 200, body = PostDetail), (status = 403, body = Problem), (status = 404, body = Problem)),
    security(("bearer" = [])))]
pub async fn unvote_question(
    viewer: ApiViewer,
    db: web::Data<Db>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    on_question(viewer, db, move |c, v| {
        service::vote_question(c, v, id, false).map(|_| id)
    })
    .await
}

/// Upvotes an answer (a top-level comment of a question).
#[utoipa::path(post, path = "/api/v1/comments/{id}/votes", tag = "qa", params(("id" = i64, Path)),
    responses((status = 200, body = PostDetail), (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem)),
    security(("bearer" = [])))]
pub async fn vote_answer(viewer: ApiViewer, db: web::Data<Db>, id: web::Path<i64>) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    on_question(viewer, db, move |c, v| service::vote_answer(c, v, id, true)).await
}

/// Takes the vote for an answer back.
#[utoipa::path(delete, path = "/api/v1/comments/{id}/votes", tag = "qa", params(("id" = i64, Path)),
    responses((status = 200, body = PostDetail), (status = 403, body = Problem), (status = 404, body = Problem)),
    security(("bearer" = [])))]
pub async fn unvote_answer(viewer: ApiViewer, db: web::Data<Db>, id: web::Path<i64>) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    on_question(viewer, db, move |c, v| service::vote_answer(c, v, id, false)).await
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AcceptJson {
    /// The answer (a top-level comment of the question).
    comment_id: i64,
}

/// Accepts an answer (the asker or a moderator); the answer's author is told.
#[utoipa::path(post, path = "/api/v1/posts/{id}/accepted-answer", tag = "qa", params(("id" = i64, Path)),
    request_body = AcceptJson,
    responses((status = 200, body = PostDetail), (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub async fn accept(
    viewer: ApiViewer,
    db: web::Data<Db>,
    id: web::Path<i64>,
    body: web::Json<AcceptJson>,
) -> Result<HttpResponse, AppError> {
    let (id, answer) = (id.into_inner(), body.comment_id);
    on_question(viewer, db, move |c, v| {
        service::accept(c, v, id, Some(answer)).map(|_| id)
    })
    .await
}

/// No answer is accepted any more.
#[utoipa::path(delete, path = "/api/v1/posts/{id}/accepted-answer", tag = "qa", params(("id" = i64, Path)),
    responses((status = 200, body = PostDetail), (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem)),
    security(("bearer" = [])))]
pub async fn unaccept(viewer: ApiViewer, db: web::Data<Db>, id: web::Path<i64>) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    on_question(viewer, db, move |c, v| service::accept(c, v, id, None).map(|_| id)).await
}
