//! `/api/v1/communities/{slug}/tasks`, `/api/v1/tasks/{id}` and `/api/v1/me/tasks`.

use actix_web::{HttpResponse, web};
use serde::Deserialize;

use super::service::{self, TaskChange, TaskDetail, TaskFilter, TaskInput, TaskView};
use crate::api::pagination::{PageParams, Paged};
use crate::auth::ApiViewer;
use crate::config::CurrentSettings;
use crate::db::Db;
use crate::domain::{
    ChecklistText, TaskCommentBody, TaskDescription, TaskPriority, TaskStatus, TaskTitle, Uid, parse_due_date,
};
use crate::error::{AppError, Problem};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/communities/{slug}/tasks", web::get().to(list))
        .route("/communities/{slug}/tasks", web::post().to(create))
        .route("/tasks/{id}", web::get().to(get))
        .route("/tasks/{id}", web::patch().to(update))
        .route("/tasks/{id}", web::delete().to(delete))
        .route("/tasks/{id}/comments", web::post().to(comment))
        .route("/me/tasks", web::get().to(mine));
}

/// The list's filters, as query parameters.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TaskQuery {
    /// `true`: only tasks assigned to me.
    pub mine: Option<String>,
    /// `true`: only tasks due before today and not done.
    pub overdue: Option<String>,
    /// `true`: only tasks nobody is assigned to.
    pub unassigned: Option<String>,
    /// Only tasks assigned to this person (uid).
    pub assignee: Option<String>,
    /// Only tasks due on or before this day (`YYYY-MM-DD`).
    pub due_before: Option<String>,
    /// open, in-progress, blocked or done
    pub status: Option<String>,
}

impl TaskQuery {
    pub fn parse(&self) -> Result<TaskFilter, AppError> {
        let given = |s: &Option<String>| {
            s.as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
        };
        Ok(TaskFilter {
            mine: flag("mine", &self.mine)?,
            overdue: flag("overdue", &self.overdue)?,
            unassigned: flag("unassigned", &self.unassigned)?,
            assignee: given(&self.assignee).map(|u| Uid::parse(&u)).transpose()?,
            due_before: match given(&self.due_before) {
                Some(d) => parse_due_date(&d)?,
                None => None,
            },
            status: given(&self.status).map(|s| TaskStatus::parse(&s)).transpose()?,
        })
    }
}

/// A yes/no filter as links (`true`) and checkboxes (`on`) send it.
fn flag(field: &'static str, value: &Option<String>) -> Result<bool, AppError> {
    match value.as_deref().map(str::trim) {
        None | Some("" | "false" | "0") => Ok(false),
        Some("true" | "1" | "on") => Ok(true),
        Some(_) => Err(crate::domain::Invalid::new(field, "unknown-value").into()),
    }
}

/// A community's tasks by due date (those without one last), filtered.
#[utoipa::path(get, path = "/api/v1/communities/{slug}/tasks", tag = "tasks",
    params(("slug" = String, Path), TaskQuery, PageParams),
    responses((status = 200, body = Paged<TaskView>), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub async fn list(
    viewer: ApiViewer,
    db: web::Data<Db>,
    settings: CurrentSettings,
    slug: web::Path<String>,
    filter: web::Query<TaskQuery>,
    page: web::Query<PageParams>,
) -> Result<HttpResponse, AppError> {
    let (filter, page) = (filter.parse()?, page.parse()?);
    let today = viewer.0.today(settings.i18n.default_timezone);
    let slug = slug.into_inner();
    let list = db
        .run(move |c| {
            let access = super::policy::load_board(c, &viewer.0, &slug)?;
            service::list(c, &viewer.0, &access, &filter, &page, today)
        })
        .await?;
    Ok(HttpResponse::Ok().json(list))
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewTaskJson {
    /// 1 to 200 characters.
    title: String,
    /// Markdown.
    #[serde(default)]
    description: String,
    /// open (default), in-progress, blocked or done
    status: Option<String>,
    /// low, normal (default), high or urgent
    priority: Option<String>,
    /// `YYYY-MM-DD`, not in the past.
    due_on: Option<String>,
    /// uids of members of the community.
    #[serde(default)]
    assignees: Vec<String>,
    /// Checklist lines.
    #[serde(default)]
    checklist: Vec<String>,
}

/// Creates a task (members of a community with the tasks module on).
#[utoipa::path(post, path = "/api/v1/communities/{slug}/tasks", tag = "tasks", params(("slug" = String, Path)),
    request_body = NewTaskJson,
    responses((status = 201, body = TaskDetail), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub async fn create(
    viewer: ApiViewer,
    db: web::Data<Db>,
    settings: CurrentSettings,
    slug: web::Path<String>,
    body: web::Json<NewTaskJson>,
) -> Result<HttpResponse, AppError> {
    let b = body.into_inner();
    let input = TaskInput {
        title: TaskTitle::parse("title", &b.title)?,
        description: TaskDescription::parse("description", &b.description)?,
        status: b
            .status
            .as_deref()
            .map(TaskStatus::parse)
            .transpose()?
            .unwrap_or(TaskStatus::Open),
        priority: b
            .priority
            .as_deref()
            .map(TaskPriority::parse)
            .transpose()?
            .unwrap_or(TaskPriority::Normal),
        due_on: b.due_on.as_deref().map(parse_due_date).transpose()?.flatten(),
        assignees: parse_uids(&b.assignees)?,
        checklist: b
            .checklist
            .iter()
            .map(|t| ChecklistText::parse("checklist", t))
            .collect::<Result<_, _>>()?,
    };
    let today = viewer.0.today(settings.i18n.default_timezone);
    let slug = slug.into_inner();
    let detail = db
        .run(move |c| {
            let id = service::create(c, &viewer.0, &slug, input, today)?;
            service::get(c, &viewer.0, id, today)
        })
        .await?;
    Ok(HttpResponse::Created().json(detail))
}

fn parse_uids(uids: &[String]) -> Result<Vec<Uid>, AppError> {
    uids.iter()
        .map(|u| Uid::parse(u).map_err(|_| crate::domain::Invalid::new("assignees", "unknown-person").into()))
        .collect()
}

/// A task with its checklist, comments and history.
#[utoipa::path(get, path = "/api/v1/tasks/{id}", tag = "tasks", params(("id" = i64, Path)),
    responses((status = 200, body = TaskDetail), (status = 404, body = Problem)),
    security(("bearer" = [])))]
pub async fn get(
    viewer: ApiViewer,
    db: web::Data<Db>,
    settings: CurrentSettings,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let today = viewer.0.today(settings.i18n.default_timezone);
    let id = id.into_inner();
    let detail = db.run(move |c| service::get(c, &viewer.0, id, today)).await?;
    Ok(HttpResponse::Ok().json(detail))
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TaskPatch {
    title: Option<String>,
    description: Option<String>,
    status: Option<String>,
    priority: Option<String>,
    /// `YYYY-MM-DD`; `null` or `""` removes the date.
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>)]
    due_on: Option<Option<String>>,
    /// The full list of assignees (uids).
    assignees: Option<Vec<String>>,
}

/// Tells a field sent as `null` (`Some(None)`) from one left out (`None`).
fn present<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Option<String>>, D::Error> {
    Ok(Some(Option::deserialize(d)?))
}

/// Changes a task (members); every change lands in its history.
#[utoipa::path(patch, path = "/api/v1/tasks/{id}", tag = "tasks", params(("id" = i64, Path)),
    request_body = TaskPatch,
    responses((status = 200, body = TaskDetail), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub async fn update(
    viewer: ApiViewer,
    db: web::Data<Db>,
    settings: CurrentSettings,
    id: web::Path<i64>,
    body: web::Json<TaskPatch>,
) -> Result<HttpResponse, AppError> {
    let b = body.into_inner();
    let change = TaskChange {
        title: b.title.as_deref().map(|t| TaskTitle::parse("title", t)).transpose()?,
        description: b
            .description
            .as_deref()
            .map(|d| TaskDescription::parse("description", d))
            .transpose()?,
        status: b.status.as_deref().map(TaskStatus::parse).transpose()?,
        priority: b.priority.as_deref().map(TaskPriority::parse).transpose()?,
        due_on: b
            .due_on
            .map(|d| d.as_deref().map(parse_due_date).transpose().map(Option::flatten))
            .transpose()?,
        assignees: b.assignees.as_deref().map(parse_uids).transpose()?,
    };
    let today = viewer.0.today(settings.i18n.default_timezone);
    let id = id.into_inner();
    let detail = db
        .run(move |c| {
            service::update(c, &viewer.0, id, change, today)?;
            service::get(c, &viewer.0, id, today)
        })
        .await?;
    Ok(HttpResponse::Ok().json(detail))
}

/// Deletes a task (whoever created it, or a moderator).
#[utoipa::path(delete, path = "/api/v1/tasks/{id}", tag = "tasks", params(("id" = i64, Path)),
    responses((status = 204), (status = 403, body = Problem), (status = 404, body = Problem)),
    security(("bearer" = [])))]
pub async fn delete(viewer: ApiViewer, db: web::Data<Db>, id: web::Path<i64>) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    db.run(move |c| service::delete(c, &viewer.0, id)).await?;
    Ok(HttpResponse::NoContent().finish())
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TaskCommentJson {
    /// Markdown, at most 5,000 characters.
    body: String,
}

/// Comments on a task; its assignees and creator are told.
#[utoipa::path(post, path = "/api/v1/tasks/{id}/comments", tag = "tasks", params(("id" = i64, Path)),
    request_body = TaskCommentJson,
    responses((status = 201, body = TaskDetail), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub async fn comment(
    viewer: ApiViewer,
    db: web::Data<Db>,
    settings: CurrentSettings,
    id: web::Path<i64>,
    body: web::Json<TaskCommentJson>,
) -> Result<HttpResponse, AppError> {
    let body = TaskCommentBody::parse("body", &body.body)?;
    let today = viewer.0.today(settings.i18n.default_timezone);
    let id = id.into_inner();
    let detail = db
        .run(move |c| {
            service::comment(c, &viewer.0, id, body)?;
            service::get(c, &viewer.0, id, today)
        })
        .await?;
    Ok(HttpResponse::Created().json(detail))
}

/// My open tasks across all communities, by due date: overdue first, those without a date last.
#[utoipa::path(get, path = "/api/v1/me/tasks", tag = "tasks",
    responses((status = 200, body = Vec<TaskView>)),
    security(("bearer" = [])))]
pub async fn mine(viewer: ApiViewer, db: web::Data<Db>, settings: CurrentSettings) -> Result<HttpResponse, AppError> {
    let today = viewer.0.today(settings.i18n.default_timezone);
    let tasks = db.run(move |c| service::mine(c, &viewer.0, today)).await?;
    Ok(HttpResponse::Ok().json(tasks))
}
