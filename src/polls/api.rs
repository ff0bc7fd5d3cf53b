//! `/api/v1/communities/{slug}/polls`, `/api/v1/polls/{id}` and `/api/v1/polls/{id}/votes`.

use actix_web::{HttpResponse, web};
use serde::Deserialize;

use super::service::{self, PollInput, PollView};
use crate::api::pagination::{PageParams, Paged};
use crate::auth::ApiViewer;
use crate::db::Db;
use crate::domain::{Invalid, PollOptions, PollQuestion};
use crate::error::{AppError, Problem};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/communities/{slug}/polls", web::get().to(list))
        .route("/communities/{slug}/polls", web::post().to(create))
        .route("/polls/{id}", web::get().to(get))
        .route("/polls/{id}", web::patch().to(update))
        .route("/polls/{id}/votes", web::post().to(vote));
}

/// A community's polls, newest first.
#[utoipa::path(get, path = "/api/v1/communities/{slug}/polls", tag = "polls", params(("slug" = String, Path), PageParams),
    responses((status = 200, body = Paged<PollView>), (status = 403, body = Problem), (status = 404, body = Problem)),
    security(("bearer" = [])))]
pub async fn list(
    viewer: ApiViewer,
    db: web::Data<Db>,
    slug: web::Path<String>,
    page: web::Query<PageParams>,
) -> Result<HttpResponse, AppError> {
    let page = page.parse()?;
    let slug = slug.into_inner();
    let list = db
        .run(move |c| {
            let access = super::policy::load_community(c, &viewer.0, &slug)?;
            service::list(c, &viewer.0, &access, &page)
        })
        .await?;
    Ok(HttpResponse::Ok().json(list))
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewPollJson {
    /// 1 to 300 characters.
    question: String,
    /// 2 to 20 different options.
    options: Vec<String>,
    /// Several options may be chosen.
    #[serde(default)]
    multiple: bool,
    /// Nobody, not even the system, can tell who chose what; votes cannot be changed.
    #[serde(default)]
    anonymous: bool,
    /// Results show while the poll is open (otherwise once it closed).
    #[serde(default = "yes")]
    results_before_close: bool,
    /// RFC 3339 time with offset, in the future.
    closes_at: Option<chrono::DateTime<chrono::FixedOffset>>,
}

fn yes() -> bool {
    true
}

/// Asks a question (members of a community with the polls module on).
#[utoipa::path(post, path = "/api/v1/communities/{slug}/polls", tag = "polls", params(("slug" = String, Path)),
    request_body = NewPollJson,
    responses((status = 201, body = PollView), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub async fn create(
    viewer: ApiViewer,
    db: web::Data<Db>,
    slug: web::Path<String>,
    body: web::Json<NewPollJson>,
) -> Result<HttpResponse, AppError> {
    let b = body.into_inner();
    let input = PollInput {
        question: PollQuestion::parse("question", &b.question)?,
        options: PollOptions::parse(&b.options)?,
        multiple: b.multiple,
        anonymous: b.anonymous,
        results_before_close: b.results_before_close,
        closes_at: b.closes_at.map(|c| c.naive_utc()),
    };
    let slug = slug.into_inner();
    let poll = db
        .run(move |c| {
            let id = service::create(c, &viewer.0, &slug, input)?;
            service::get(c, &viewer.0, id)
        })
        .await?;
    Ok(HttpResponse::Created().json(poll))
}

/// A poll: question, options with `id` and `votes` (while results show), and the viewer's standing.
#[utoipa::path(get, path = "/api/v1/polls/{id}", tag = "polls", params(("id" = i64, Path)),
    responses((status = 200, body = PollView), (status = 404, body = Problem)),
    security(("bearer" = [])))]
pub async fn get(viewer: ApiViewer, db: web::Data<Db>, id: web::Path<i64>) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let poll = db.run(move |c| service::get(c, &viewer.0, id)).await?;
    Ok(HttpResponse::Ok().json(poll))
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PollPatch {
    /// `true` closes the poll now (its author or a moderator).
    closed: bool,
}

/// Closes a poll early.
#[utoipa::path(patch, path = "/api/v1/polls/{id}", tag = "polls", params(("id" = i64, Path)),
    request_body = PollPatch,
    responses((status = 200, body = PollView), (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub async fn update(
    viewer: ApiViewer,
    db: web::Data<Db>,
    id: web::Path<i64>,
    body: web::Json<PollPatch>,
) -> Result<HttpResponse, AppError> {
    if !body.closed {
        return Err(Invalid::new("closed", "unknown-value").into());
    }
    let id = id.into_inner();
    let poll = db
        .run(move |c| {
            service::close(c, &viewer.0, id)?;
            service::get(c, &viewer.0, id)
        })
        .await?;
    Ok(HttpResponse::Ok().json(poll))
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct VoteJson {
    /// The chosen options' ids: one, or several where the poll allows it.
    option_ids: Vec<i64>,
}

/// Votes; in a named poll a new vote replaces the earlier one until the poll closes.
#[utoipa::path(post, path = "/api/v1/polls/{id}/votes", tag = "polls", params(("id" = i64, Path)),
    request_body = VoteJson,
    responses((status = 200, body = PollView), (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub async fn vote(
    viewer: ApiViewer,
    db: web::Data<Db>,
    id: web::Path<i64>,
    body: web::Json<VoteJson>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let options = body.into_inner().option_ids;
    let poll = db
        .run(move |c| {
            service::vote(c, &viewer.0, id, &options)?;
            service::get(c, &viewer.0, id)
        })
        .await?;
    Ok(HttpResponse::Ok().json(poll))
}
