//! `/api/v1/communities/{slug}/posts`, `/api/v1/posts…` and `/api/v1/comments…`

use actix_web::{HttpResponse, web};
use serde::Deserialize;

use super::comments;
use super::service::{self, CommentView, PostChange, PostDetail, PostInput, PostView, Target};
use crate::api::pagination::{PageParams, Paged};
use crate::auth::ApiViewer;
use crate::db::Db;
use crate::domain::{CommentBody, PostBody, PostKind, PostTitle, ReactionKind};
use crate::error::{AppError, Problem};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/communities/{slug}/posts", web::get().to(list))
        .route("/communities/{slug}/posts", web::post().to(create))
        .route("/posts/{id}", web::get().to(get))
        .route("/posts/{id}", web::patch().to(update))
        .route("/posts/{id}", web::delete().to(delete))
        .route("/posts/{id}/comments", web::post().to(comment))
        .route("/posts/{id}/reactions", web::post().to(react_post))
        .route("/comments/{id}", web::patch().to(update_comment))
        .route("/comments/{id}", web::delete().to(delete_comment))
        .route("/comments/{id}/reactions", web::post().to(react_comment));
}

/// A community's posts, pinned first, then newest first.
#[utoipa::path(get, path = "/api/v1/communities/{slug}/posts", tag = "posts", params(("slug" = String, Path), PageParams),
    responses((status = 200, body = Paged<PostView>), (status = 403, body = Problem), (status = 404, body = Problem)),
    security(("bearer" = [])))]
pub async fn list(
    viewer: ApiViewer,
    db: web::Data<Db>,
    slug: web::Path<String>,
    page: web::Query<PageParams>,
) -> Result<HttpResponse, AppError> {
    let page = page.parse()?;
    let slug = slug.into_inner();
    let list = db.run(move |c| service::list(c, &viewer.0, &slug, &page)).await?;
    Ok(HttpResponse::Ok().json(list))
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewPostJson {
    /// 1 to 200 characters.
    title: String,
    /// Markdown, at most 20,000 characters.
    body: String,
    /// Managers only.
    #[serde(default)]
    pinned: bool,
    /// Managers only.
    #[serde(default)]
    announcement: bool,
    /// `question` asks the community (Q&A: every member may); default `post`.
    kind: Option<PostKind>,
}

/// Writes a post (members; in department and organization communities their managers).
#[utoipa::path(post, path = "/api/v1/communities/{slug}/posts", tag = "posts", params(("slug" = String, Path)),
    request_body = NewPostJson,
    responses((status = 201, body = PostDetail), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub async fn create(
    viewer: ApiViewer,
    db: web::Data<Db>,
    slug: web::Path<String>,
    body: web::Json<NewPostJson>,
) -> Result<HttpResponse, AppError> {
    let body = body.into_inner();
    let input = PostInput {
        kind: body.kind.unwrap_or(PostKind::Post),
        title: PostTitle::parse("title", &body.title)?,
        body: PostBody::parse("body", &body.body)?,
        pinned: body.pinned,
        announcement: body.announcement,
    };
    let slug = slug.into_inner();
    let detail = db
        .run(move |c| {
            let id = service::create(c, &viewer.0, &slug, input)?;
            service::get(c, &viewer.0, id)
        })
        .await?;
    Ok(HttpResponse::Created().json(detail))
}

/// A post with its comments.
#[utoipa::path(get, path = "/api/v1/posts/{id}", tag = "posts", params(("id" = i64, Path)),
    responses((status = 200, body = PostDetail), (status = 404, body = Problem)),
    security(("bearer" = [])))]
pub async fn get(viewer: ApiViewer, db: web::Data<Db>, id: web::Path<i64>) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let detail = db.run(move |c| service::get(c, &viewer.0, id)).await?;
    Ok(HttpResponse::Ok().json(detail))
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PostPatch {
    title: Option<String>,
    body: Option<String>,
    /// Managers only.
    pinned: Option<bool>,
    /// Managers only.
    announcement: Option<bool>,
}

/// Edits a post (its author: title and body; managers: pinned and announcement).
#[utoipa::path(patch, path = "/api/v1/posts/{id}", tag = "posts", params(("id" = i64, Path)),
    request_body = PostPatch,
    responses((status = 200, body = PostDetail), (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub async fn update(
    viewer: ApiViewer,
    db: web::Data<Db>,
    id: web::Path<i64>,
    body: web::Json<PostPatch>,
) -> Result<HttpResponse, AppError> {
    let body = body.into_inner();
    let change = PostChange {
        title: body
            .title
            .as_deref()
            .map(|t| PostTitle::parse("title", t))
            .transpose()?,
        body: body.body.as_deref().map(|b| PostBody::parse("body", b)).transpose()?,
        pinned: body.pinned,
        announcement: body.announcement,
    };
    let id = id.into_inner();
    let detail = db.run(move |c| service::update(c, &viewer.0, id, change)).await?;
    Ok(HttpResponse::Ok().json(detail))
}

/// Deletes a post (its author, or a moderator); moderators still see it.
#[utoipa::path(delete, path = "/api/v1/posts/{id}", tag = "posts", params(("id" = i64, Path)),
    responses((status = 204), (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem)),
    security(("bearer" = [])))]
pub async fn delete(viewer: ApiViewer, db: web::Data<Db>, id: web::Path<i64>) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    db.run(move |c| service::delete(c, &viewer.0, id)).await?;
    Ok(HttpResponse::NoContent().finish())
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewCommentJson {
    /// Markdown, at most 5,000 characters.
    body: String,
    /// A top-level comment of the same post to reply to.
    parent_id: Option<i64>,
}

/// Comments on a post (members of its community).
#[utoipa::path(post, path = "/api/v1/posts/{id}/comments", tag = "posts", params(("id" = i64, Path)),
    request_body = NewCommentJson,
    responses((status = 201, body = CommentView), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub async fn comment(
    viewer: ApiViewer,
    db: web::Data<Db>,
    id: web::Path<i64>,
    body: web::Json<NewCommentJson>,
) -> Result<HttpResponse, AppError> {
    let body = body.into_inner();
    let text = CommentBody::parse("body", &body.body)?;
    let post = id.into_inner();
    let view = db
        .run(move |c| {
            let id = comments::add_comment(c, &viewer.0, post, body.parent_id, text)?;
            comment_view(c, &viewer.0, post, id)
        })
        .await?;
    Ok(HttpResponse::Created().json(view))
}

fn comment_view(
    conn: &mut crate::db::DbConnection,
    viewer: &crate::db::models::Person,
    post: i64,
    id: i64,
) -> Result<CommentView, AppError> {
    let detail = service::get(conn, viewer, post)?;
    detail
        .comments
        .into_iter()
        .flat_map(|c| {
            let replies = c.replies.clone();
            std::iter::once(c).chain(replies)
        })
        .find(|c| c.id == id)
        .ok_or(AppError::NotFound)
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CommentPatch {
    body: String,
}

/// Edits a comment (its author).
#[utoipa::path(patch, path = "/api/v1/comments/{id}", tag = "posts", params(("id" = i64, Path)),
    request_body = CommentPatch,
    responses((status = 200, body = CommentView), (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub async fn update_comment(
    viewer: ApiViewer,
    db: web::Data<Db>,
    id: web::Path<i64>,
    body: web::Json<CommentPatch>,
) -> Result<HttpResponse, AppError> {
    let text = CommentBody::parse("body", &body.into_inner().body)?;
    let id = id.into_inner();
    let view = db
        .run(move |c| {
            let post = comments::update_comment(c, &viewer.0, id, text)?;
            comment_view(c, &viewer.0, post, id)
        })
        .await?;
    Ok(HttpResponse::Ok().json(view))
}

/// Deletes a comment (its author, or a moderator).
#[utoipa::path(delete, path = "/api/v1/comments/{id}", tag = "posts", params(("id" = i64, Path)),
    responses((status = 204), (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem)),
    security(("bearer" = [])))]
pub async fn delete_comment(
    viewer: ApiViewer,
    db: web::Data<Db>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    db.run(move |c| comments::delete_comment(c, &viewer.0, id)).await?;
    Ok(HttpResponse::NoContent().finish())
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReactionJson {
    /// like, celebrate, support, insightful or curious; null takes the reaction back.
    kind: Option<ReactionKind>,
}

/// Sets or takes back the caller's reaction to a post (one per person).
#[utoipa::path(post, path = "/api/v1/posts/{id}/reactions", tag = "posts", params(("id" = i64, Path)),
    request_body = ReactionJson,
    responses((status = 200, body = PostDetail), (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem)),
    security(("bearer" = [])))]
pub async fn react_post(
    viewer: ApiViewer,
    db: web::Data<Db>,
    id: web::Path<i64>,
    body: web::Json<ReactionJson>,
) -> Result<HttpResponse, AppError> {
    react(viewer, &db, Target::Post(id.into_inner()), body.into_inner()).await
}

/// Sets or takes back the caller's reaction to a comment (one per person).
#[utoipa::path(post, path = "/api/v1/comments/{id}/reactions", tag = "posts", params(("id" = i64, Path)),
    request_body = ReactionJson,
    responses((status = 200, body = PostDetail), (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem)),
    security(("bearer" = [])))]
pub async fn react_comment(
    viewer: ApiViewer,
    db: web::Data<Db>,
    id: web::Path<i64>,
    body: web::Json<ReactionJson>,
) -> Result<HttpResponse, AppError> {
    react(viewer, &db, Target::Comment(id.into_inner()), body.into_inner()).await
}

async fn react(viewer: ApiViewer, db: &Db, target: Target, body: ReactionJson) -> Result<HttpResponse, AppError> {
    let detail = db
        .run(move |c| {
            let post = comments::react(c, &viewer.0, target, body.kind)?;
            service::get(c, &viewer.0, post)
        })
        .await?;
    Ok(HttpResponse::Ok().json(detail))
}
