//! `/api/v1/communities/{slug}/amas`, `/api/v1/amas/{id}` (and its questions) and
//! `/api/v1/questions/{id}` (votes, answer, moderation, comments).

use actix_web::{HttpResponse, web};
use serde::Deserialize;

use super::questions::{self, Decision, QuestionList, QuestionView};
use super::service::{self, AmaChange, AmaInput, AmaView};
use crate::api::pagination::{DEFAULT_LIMIT, PageParams, PageRequest, Paged};
use crate::auth::ApiViewer;
use crate::clock::Clock;
use crate::db::Db;
use crate::domain::{
    AmaDescription, AmaTitle, AmaWindow, AnswerBody, Audience, FollowUpBody, QuestionAction, QuestionBody,
    QuestionSort, TimeZone, Uid,
};
use crate::error::{AppError, Problem};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/communities/{slug}/amas", web::get().to(list))
        .route("/communities/{slug}/amas", web::post().to(create))
        .route("/amas/{id}", web::get().to(get))
        .route("/amas/{id}", web::patch().to(update))
        .route("/amas/{id}/questions", web::get().to(questions_list))
        .route("/amas/{id}/questions", web::post().to(ask))
        .route("/questions/{id}", web::get().to(question))
        .route("/questions/{id}", web::delete().to(withdraw))
        .route("/questions/{id}/votes", web::post().to(vote))
        .route("/questions/{id}/votes", web::delete().to(unvote))
        .route("/questions/{id}/answer", web::post().to(answer))
        .route("/questions/{id}/answer", web::patch().to(edit_answer))
        .route("/questions/{id}/moderation", web::post().to(moderate))
        .route("/questions/{id}/comments", web::post().to(comment));
}

/// A community's AMAs, newest first (its readers see all; others those for the organization).
#[utoipa::path(get, path = "/api/v1/communities/{slug}/amas", tag = "amas", params(("slug" = String, Path), PageParams),
    responses((status = 200, body = Paged<AmaView>), (status = 404, body = Problem)),
    security(("bearer" = [])))]
pub async fn list(
    viewer: ApiViewer,
    db: web::Data<Db>,
    clock: web::Data<Clock>,
    slug: web::Path<String>,
    page: web::Query<PageParams>,
) -> Result<HttpResponse, AppError> {
    let page = page.parse()?;
    let (slug, now) = (slug.into_inner(), clock.now());
    let list = db
        .run(move |c| {
            let access = crate::communities::policy::load(c, &viewer.0, &slug)?;
            service::list(c, &viewer.0, &access, &page, now)
        })
        .await?;
    Ok(HttpResponse::Ok().json(list))
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewAmaJson {
    /// 1 to 200 characters.
    title: String,
    /// Markdown.
    #[serde(default)]
    description: String,
    /// IANA zone of the three times, e.g. `Europe/Berlin`.
    time_zone: String,
    /// Wall-clock times in `time_zone`, `YYYY-MM-DDTHH:MM`: questions from `opens_at`, answers
    /// from `answering_from`, closed at `closes_at`.
    opens_at: String,
    answering_from: String,
    closes_at: String,
    /// uids of the people who answer: active members of the community.
    hosts: Vec<String>,
    #[serde(default = "community")]
    audience: Audience,
    #[serde(default)]
    anonymous_allowed: bool,
    #[serde(default)]
    moderated: bool,
}

fn community() -> Audience {
    Audience::Community
}

fn uids(raw: &[String]) -> Result<Vec<Uid>, AppError> {
    raw.iter()
        .map(|u| Uid::parse(u).map_err(|_| AppError::from(crate::domain::Invalid::new("hosts", "unknown-person"))))
        .collect()
}

/// Schedules an AMA (the community's managers and moderators).
#[utoipa::path(post, path = "/api/v1/communities/{slug}/amas", tag = "amas", params(("slug" = String, Path)),
    request_body = NewAmaJson,
    responses((status = 201, body = AmaView), (status = 403, body = Problem), (status = 404, body = Problem),
        (status = 409, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub async fn create(
    viewer: ApiViewer,
    db: web::Data<Db>,
    clock: web::Data<Clock>,
    slug: web::Path<String>,
    body: web::Json<NewAmaJson>,
) -> Result<HttpResponse, AppError> {
    let b = body.into_inner();
    let input = AmaInput {
        title: AmaTitle::parse("title", &b.title)?,
        description: AmaDescription::parse("description", &b.description)?,
        window: AmaWindow::local(
            TimeZone::parse(&b.time_zone)?,
            &b.opens_at,
            &b.answering_from,
            &b.closes_at,
        )?,
        hosts: uids(&b.hosts)?,
        audience: b.audience,
        anonymous_allowed: b.anonymous_allowed,
        moderated: b.moderated,
    };
    let (slug, now) = (slug.into_inner(), clock.now());
    let ama = db
        .run(move |c| {
            let id = service::create(c, &viewer.0, &slug, input, now)?;
            service::get(c, &viewer.0, id, now)
        })
        .await?;
    Ok(HttpResponse::Created().json(ama))
}

/// An AMA: window (UTC and local), state, hosts, counts and the viewer's standing.
#[utoipa::path(get, path = "/api/v1/amas/{id}", tag = "amas", params(("id" = i64, Path)),
    responses((status = 200, body = AmaView), (status = 404, body = Problem)),
    security(("bearer" = [])))]
pub async fn get(
    viewer: ApiViewer,
    db: web::Data<Db>,
    clock: web::Data<Clock>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let (id, now) = (id.into_inner(), clock.now());
    let ama = db.run(move |c| service::get(c, &viewer.0, id, now)).await?;
    Ok(HttpResponse::Ok().json(ama))
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AmaPatch {
    title: Option<String>,
    description: Option<String>,
    /// A new window: all four or none, only before answering starts.
    time_zone: Option<String>,
    opens_at: Option<String>,
    answering_from: Option<String>,
    closes_at: Option<String>,
    hosts: Option<Vec<String>>,
    anonymous_allowed: Option<bool>,
    moderated: Option<bool>,
    /// `true` closes it now.
    #[serde(default)]
    closed: bool,
}

/// Changes an AMA (whoever set it up, the community's managers and moderators) until it closes.
#[utoipa::path(patch, path = "/api/v1/amas/{id}", tag = "amas", params(("id" = i64, Path)),
    request_body = AmaPatch,
    responses((status = 200, body = AmaView), (status = 403, body = Problem), (status = 404, body = Problem),
        (status = 409, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub async fn update(
    viewer: ApiViewer,
    db: web::Data<Db>,
    clock: web::Data<Clock>,
    id: web::Path<i64>,
    body: web::Json<AmaPatch>,
) -> Result<HttpResponse, AppError> {
    let b = body.into_inner();
    let window = match (&b.time_zone, &b.opens_at, &b.answering_from, &b.closes_at) {
        (None, None, None, None) => None,
        (Some(tz), Some(o), Some(a), Some(c)) => Some(AmaWindow::local(TimeZone::parse(tz)?, o, a, c)?),
        _ => return Err(crate::domain::Invalid::new("timezone", "window-incomplete").into()),
    };
    let change = AmaChange {
        title: b.title.as_deref().map(|t| AmaTitle::parse("title", t)).transpose()?,
        description: b
            .description
            .as_deref()
            .map(|d| AmaDescription::parse("description", d))
            .transpose()?,
        window,
        hosts: b.hosts.as_deref().map(uids).transpose()?,
        anonymous_allowed: b.anonymous_allowed,
        moderated: b.moderated,
        close: b.closed,
    };
    let (id, now) = (id.into_inner(), clock.now());
    let ama = db
        .run(move |c| {
            service::update(c, &viewer.0, id, change, now)?;
            service::get(c, &viewer.0, id, now)
        })
        .await?;
    Ok(HttpResponse::Ok().json(ama))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct SortQuery {
    /// votes (default), newest, unanswered or answered.
    pub sort: Option<String>,
    /// Questions per page, 1 to 200 (default 50).
    pub limit: Option<String>,
    /// `next_cursor` of the previous page.
    pub cursor: Option<String>,
}

impl SortQuery {
    pub fn parse(&self) -> Result<(QuestionSort, PageRequest), AppError> {
        let sort = match self.sort.as_deref() {
            None | Some("") => QuestionSort::Votes,
            Some(s) => QuestionSort::parse(s)?,
        };
        let page = PageParams {
            limit: self.limit.clone(),
            cursor: self.cursor.clone(),
        }
        .parse()?;
        Ok((sort, page))
    }
}

/// An AMA's questions: a page of the shown ones sorted, pinned first, and the queue
/// (organizers: all waiting; askers: their own).
#[utoipa::path(get, path = "/api/v1/amas/{id}/questions", tag = "amas", params(("id" = i64, Path), SortQuery),
    responses((status = 200, body = QuestionList), (status = 404, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub async fn questions_list(
    viewer: ApiViewer,
    db: web::Data<Db>,
    clock: web::Data<Clock>,
    id: web::Path<i64>,
    query: web::Query<SortQuery>,
) -> Result<HttpResponse, AppError> {
    let (sort, page) = query.parse()?;
    let (id, now) = (id.into_inner(), clock.now());
    let list = db
        .run(move |c| questions::list(c, &viewer.0, id, sort, &page, now))
        .await?;
    Ok(HttpResponse::Ok().json(list))
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewAmaQuestionJson {
    /// Markdown, 1 to 2,000 characters.
    body: String,
    /// Nobody sees who asked (where the AMA allows it).
    #[serde(default)]
    anonymous: bool,
}

/// Asks a question while the AMA takes questions; in a moderated AMA it waits for approval.
#[utoipa::path(post, path = "/api/v1/amas/{id}/questions", tag = "amas", params(("id" = i64, Path)),
    request_body = NewAmaQuestionJson,
    responses((status = 201, body = QuestionView), (status = 403, body = Problem), (status = 404, body = Problem),
        (status = 409, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub async fn ask(
    viewer: ApiViewer,
    db: web::Data<Db>,
    clock: web::Data<Clock>,
    id: web::Path<i64>,
    body: web::Json<NewAmaQuestionJson>,
) -> Result<HttpResponse, AppError> {
    let b = body.into_inner();
    let text = QuestionBody::parse("body", &b.body)?;
    let (id, now) = (id.into_inner(), clock.now());
    let question = db
        .run(move |c| {
            let q = questions::ask(c, &viewer.0, id, text, b.anonymous, now)?;
            questions::get(c, &viewer.0, q, now)
        })
        .await?;
    Ok(HttpResponse::Created().json(question))
}

/// A question.
#[utoipa::path(get, path = "/api/v1/questions/{id}", tag = "amas", params(("id" = i64, Path)),
    responses((status = 200, body = QuestionView), (status = 404, body = Problem)),
    security(("bearer" = [])))]
pub async fn question(
    viewer: ApiViewer,
    db: web::Data<Db>,
    clock: web::Data<Clock>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let (id, now) = (id.into_inner(), clock.now());
    let q = db.run(move |c| questions::get(c, &viewer.0, id, now)).await?;
    Ok(HttpResponse::Ok().json(q))
}

/// Its asker withdraws a question (until answered or closed).
#[utoipa::path(delete, path = "/api/v1/questions/{id}", tag = "amas", params(("id" = i64, Path)),
    responses((status = 204), (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem)),
    security(("bearer" = [])))]
pub async fn withdraw(
    viewer: ApiViewer,
    db: web::Data<Db>,
    clock: web::Data<Clock>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let (id, now) = (id.into_inner(), clock.now());
    db.run(move |c| questions::withdraw(c, &viewer.0, id, now)).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Votes for a question (one vote each, not one's own; until the AMA closes). A question
/// merged meanwhile gets the vote for the one it was merged into.
#[utoipa::path(post, path = "/api/v1/questions/{id}/votes", tag = "amas", params(("id" = i64, Path)),
    responses((status = 200, body = QuestionView), (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem)),
    security(("bearer" = [])))]
pub async fn vote(
    viewer: ApiViewer,
    db: web::Data<Db>,
    clock: web::Data<Clock>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let (id, now) = (id.into_inner(), clock.now());
    let q = db
        .run(move |c| {
            let (_, counted) = questions::vote(c, &viewer.0, id, now)?;
            questions::get(c, &viewer.0, counted, now)
        })
        .await?;
    Ok(HttpResponse::Ok().json(q))
}

/// Takes the viewer's vote back.
#[utoipa::path(delete, path = "/api/v1/questions/{id}/votes", tag = "amas", params(("id" = i64, Path)),
    responses((status = 200, body = QuestionView), (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem)),
    security(("bearer" = [])))]
pub async fn unvote(
    viewer: ApiViewer,
    db: web::Data<Db>,
    clock: web::Data<Clock>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let (id, now) = (id.into_inner(), clock.now());
    let q = db
        .run(move |c| {
            questions::unvote(c, &viewer.0, id, now)?;
            questions::get(c, &viewer.0, id, now)
        })
        .await?;
    Ok(HttpResponse::Ok().json(q))
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TextJson {
    /// Markdown.
    body: String,
}

async fn answering(
    viewer: ApiViewer,
    db: web::Data<Db>,
    clock: web::Data<Clock>,
    id: i64,
    body: String,
    edit: bool,
) -> Result<HttpResponse, AppError> {
    let text = AnswerBody::parse("body", &body)?;
    let now = clock.now();
    let q = db
        .run(move |c| {
            questions::answer(c, &viewer.0, id, text, edit, now)?;
            questions::get(c, &viewer.0, id, now)
        })
        .await?;
    Ok(HttpResponse::Ok().json(q))
}

/// A host answers while the AMA is live.
#[utoipa::path(post, path = "/api/v1/questions/{id}/answer", tag = "amas", params(("id" = i64, Path)),
    request_body = TextJson,
    responses((status = 200, body = QuestionView), (status = 403, body = Problem), (status = 404, body = Problem),
        (status = 409, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub async fn answer(
    viewer: ApiViewer,
    db: web::Data<Db>,
    clock: web::Data<Clock>,
    id: web::Path<i64>,
    body: web::Json<TextJson>,
) -> Result<HttpResponse, AppError> {
    answering(viewer, db, clock, id.into_inner(), body.into_inner().body, false).await
}

/// A host changes an answer while the AMA is live.
#[utoipa::path(patch, path = "/api/v1/questions/{id}/answer", tag = "amas", params(("id" = i64, Path)),
    request_body = TextJson,
    responses((status = 200, body = QuestionView), (status = 403, body = Problem), (status = 404, body = Problem),
        (status = 409, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub async fn edit_answer(
    viewer: ApiViewer,
    db: web::Data<Db>,
    clock: web::Data<Clock>,
    id: web::Path<i64>,
    body: web::Json<TextJson>,
) -> Result<HttpResponse, AppError> {
    answering(viewer, db, clock, id.into_inner(), body.into_inner().body, true).await
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ModerationJson {
    /// approve, reject (with `reason`), merge (with `into`), hide, pin or unpin.
    action: QuestionAction,
    reason: Option<String>,
    /// The question a duplicate is merged into.
    into: Option<i64>,
}

/// The organizers' decisions: approve or reject a waiting question, merge a duplicate, hide,
/// pin. Returns the AMA's questions as the organizer sees them.
#[utoipa::path(post, path = "/api/v1/questions/{id}/moderation", tag = "amas", params(("id" = i64, Path)),
    request_body = ModerationJson,
    responses((status = 200, body = QuestionList), (status = 403, body = Problem), (status = 404, body = Problem),
        (status = 409, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub async fn moderate(
    viewer: ApiViewer,
    db: web::Data<Db>,
    clock: web::Data<Clock>,
    id: web::Path<i64>,
    body: web::Json<ModerationJson>,
) -> Result<HttpResponse, AppError> {
    let b = body.into_inner();
    let decision = Decision::parse(b.action, b.reason.as_deref(), b.into)?;
    let (id, now) = (id.into_inner(), clock.now());
    let list = db
        .run(move |c| {
            let ama = questions::moderate(c, &viewer.0, id, decision, now)?;
            questions::list(
                c,
                &viewer.0,
                ama,
                QuestionSort::Votes,
                &PageRequest::first(DEFAULT_LIMIT),
                now,
            )
        })
        .await?;
    Ok(HttpResponse::Ok().json(list))
}

/// A follow-up comment on an answered question.
#[utoipa::path(post, path = "/api/v1/questions/{id}/comments", tag = "amas", params(("id" = i64, Path)),
    request_body = TextJson,
    responses((status = 201, body = QuestionView), (status = 403, body = Problem), (status = 404, body = Problem),
        (status = 409, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub async fn comment(
    viewer: ApiViewer,
    db: web::Data<Db>,
    clock: web::Data<Clock>,
    id: web::Path<i64>,
    body: web::Json<TextJson>,
) -> Result<HttpResponse, AppError> {
    let text = FollowUpBody::parse("body", &body.into_inner().body)?;
    let (id, now) = (id.into_inner(), clock.now());
    let q = db
        .run(move |c| {
            questions::comment(c, &viewer.0, id, text, now)?;
            questions::get(c, &viewer.0, id, now)
        })
        .await?;
    Ok(HttpResponse::Created().json(q))
}
