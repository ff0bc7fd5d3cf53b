//! `/api/v1/communities/{slug}/newsletters` and `/api/v1/newsletters/{id}` (edit and delete
//! until it goes out, send, test).

use actix_web::{HttpResponse, web};
use serde::Deserialize;

use super::service::{self, NewsletterInput, NewsletterView};
use crate::auth::ApiViewer;
use crate::clock::Clock;
use crate::domain::{NewsletterBody, NewsletterSubject};
use crate::error::{AppError, Problem};
use crate::mail::Outbox;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/communities/{slug}/newsletters", web::get().to(list))
        .route("/communities/{slug}/newsletters", web::post().to(create))
        .route("/newsletters/{id}", web::get().to(get))
        .route("/newsletters/{id}", web::patch().to(update))
        .route("/newsletters/{id}", web::delete().to(delete))
        .route("/newsletters/{id}/send", web::post().to(send))
        .route("/newsletters/{id}/test", web::post().to(test));
}

/// The community's issues, newest first: sent ones for its readers, all for its editors (with
/// how their delivery stands).
#[utoipa::path(get, path = "/api/v1/communities/{slug}/newsletters", tag = "newsletters",
    params(("slug" = String, Path)),
    responses((status = 200, body = Vec<NewsletterView>), (status = 403, body = Problem), (status = 404, body = Problem)),
    security(("bearer" = [])))]
pub async fn list(
    viewer: ApiViewer,
    outbox: web::Data<Outbox>,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let slug = slug.into_inner();
    let list = outbox
        .db
        .run(move |c| {
            let access = crate::communities::policy::load(c, &viewer.0, &slug)?;
            service::list(c, &access)
        })
        .await?;
    Ok(HttpResponse::Ok().json(list))
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewNewsletterJson {
    /// 1 to 200 characters.
    subject: String,
    /// Markdown, up to 50,000 characters.
    body: String,
}

/// Writes a draft issue (the head of the department or a delegated editor: the community's
/// managers and moderators; only the organization and departments have newsletters).
#[utoipa::path(post, path = "/api/v1/communities/{slug}/newsletters", tag = "newsletters",
    params(("slug" = String, Path)), request_body = NewNewsletterJson,
    responses((status = 201, body = NewsletterView), (status = 403, body = Problem), (status = 404, body = Problem),
        (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub async fn create(
    viewer: ApiViewer,
    outbox: web::Data<Outbox>,
    slug: web::Path<String>,
    body: web::Json<NewNewsletterJson>,
) -> Result<HttpResponse, AppError> {
    let input = NewsletterInput {
        subject: NewsletterSubject::parse("subject", &body.subject)?,
        body: NewsletterBody::parse("body", &body.body)?,
    };
    let slug = slug.into_inner();
    let view = outbox
        .db
        .run(move |c| {
            let access = crate::communities::policy::load(c, &viewer.0, &slug)?;
            let id = service::create(c, &access, &viewer.0, input)?;
            let access = super::policy::load(c, &viewer.0, id)?;
            service::view(c, &access)
        })
        .await?;
    Ok(HttpResponse::Created().json(view))
}

#[utoipa::path(get, path = "/api/v1/newsletters/{id}", tag = "newsletters", params(("id" = i64, Path)),
    responses((status = 200, body = NewsletterView), (status = 404, body = Problem)),
    security(("bearer" = [])))]
pub async fn get(viewer: ApiViewer, outbox: web::Data<Outbox>, id: web::Path<i64>) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let view = outbox
        .db
        .run(move |c| {
            let access = super::policy::load(c, &viewer.0, id)?;
            service::view(c, &access)
        })
        .await?;
    Ok(HttpResponse::Ok().json(view))
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewsletterPatch {
    /// 1 to 200 characters; absent: as it is.
    subject: Option<String>,
    /// Markdown, up to 50,000 characters; absent: as it is.
    body: Option<String>,
}

/// Rewrites an issue that has not gone out (a scheduled one keeps its time).
#[utoipa::path(patch, path = "/api/v1/newsletters/{id}", tag = "newsletters", params(("id" = i64, Path)),
    request_body = NewsletterPatch,
    responses((status = 200, body = NewsletterView), (status = 403, body = Problem), (status = 404, body = Problem),
        (status = 409, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub async fn update(
    viewer: ApiViewer,
    outbox: web::Data<Outbox>,
    id: web::Path<i64>,
    body: web::Json<NewsletterPatch>,
) -> Result<HttpResponse, AppError> {
    let patch = body.into_inner();
    let subject = patch
        .subject
        .as_deref()
        .map(|s| NewsletterSubject::parse("subject", s))
        .transpose()?;
    let text = patch
        .body
        .as_deref()
        .map(|b| NewsletterBody::parse("body", b))
        .transpose()?;
    let id = id.into_inner();
    let view = outbox
        .db
        .run(move |c| {
            let access = super::policy::load(c, &viewer.0, id)?;
            let input = NewsletterInput {
                subject: match subject {
                    Some(s) => s,
                    None => NewsletterSubject::parse("subject", &access.newsletter.subject)?,
                },
                body: match text {
                    Some(b) => b,
                    None => NewsletterBody::parse("body", &access.newsletter.body)?,
                },
            };
            service::update(c, &access, &viewer.0, input)?;
            let access = super::policy::load(c, &viewer.0, id)?;
            service::view(c, &access)
        })
        .await?;
    Ok(HttpResponse::Ok().json(view))
}

/// Throws away an issue that has not gone out.
#[utoipa::path(delete, path = "/api/v1/newsletters/{id}", tag = "newsletters", params(("id" = i64, Path)),
    responses((status = 204, description = "Deleted"), (status = 403, body = Problem), (status = 404, body = Problem),
        (status = 409, body = Problem)),
    security(("bearer" = [])))]
pub async fn delete(
    viewer: ApiViewer,
    outbox: web::Data<Outbox>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    outbox
        .db
        .run(move |c| {
            let access = super::policy::load(c, &viewer.0, id)?;
            service::delete(c, &access, &viewer.0)
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SendJson {
    /// When it goes out (RFC 3339); absent or past: now.
    #[serde(default)]
    at: Option<chrono::DateTime<chrono::Utc>>,
}

/// Sends the issue to every member of the community, now or at `at`; each gets it once, and
/// members the relay could not reach for now get it from a later run.
#[utoipa::path(post, path = "/api/v1/newsletters/{id}/send", tag = "newsletters", params(("id" = i64, Path)),
    request_body = SendJson,
    responses((status = 202, body = NewsletterView), (status = 403, body = Problem), (status = 404, body = Problem),
        (status = 409, body = Problem)),
    security(("bearer" = [])))]
pub async fn send(
    viewer: ApiViewer,
    outbox: web::Data<Outbox>,
    clock: web::Data<Clock>,
    id: web::Path<i64>,
    body: Option<web::Json<SendJson>>,
) -> Result<HttpResponse, AppError> {
    let at = body.and_then(|b| b.into_inner().at).map(|at| at.naive_utc());
    let view = super::deliver::send_or_schedule(&outbox, clock.now(), viewer.0, id.into_inner(), at).await?;
    Ok(HttpResponse::Accepted().json(view))
}

/// Sends the issue to oneself only, as members would get it (no ledger, no unsubscribe link).
#[utoipa::path(post, path = "/api/v1/newsletters/{id}/test", tag = "newsletters", params(("id" = i64, Path)),
    responses((status = 202, description = "Sent to the caller's address"), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 409, body = Problem)),
    security(("bearer" = [])))]
pub async fn test(viewer: ApiViewer, outbox: web::Data<Outbox>, id: web::Path<i64>) -> Result<HttpResponse, AppError> {
    super::deliver::test_to_self(&outbox, viewer.0, id.into_inner()).await?;
    Ok(HttpResponse::Accepted().json(serde_json::json!({ "sent": true })))
}
