//! Task pages: a community's board and list, a task, its form, and "my tasks". Plain forms
//! throughout; the board's drag and drop (static/board.js) only submits the same forms.

use actix_web::{HttpResponse, web};
use serde::{Deserialize, Serialize};

use super::api::TaskQuery;
use super::service::{self, TaskChange, TaskInput};
use crate::api::pagination::PageParams;
use crate::auth::Viewer;
use crate::config::CurrentSettings;
use crate::db::Db;
use crate::db::models::Person;
use crate::domain::{
    ChecklistText, Invalid, TaskCommentBody, TaskDescription, TaskPriority, TaskStatus, TaskTitle, Uid, parse_due_date,
};
use crate::error::AppError;
use crate::people::pick;
use crate::web::confirm::{Confirmation, Question};
use crate::web::{Done, Ui, local_path, next_url, see_other, shown_on_form};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/c/{slug}/tasks", web::get().to(board))
        .route("/c/{slug}/tasks", web::post().to(create))
        .route("/c/{slug}/tasks/list", web::get().to(list))
        .route("/c/{slug}/tasks/new", web::get().to(new_form))
        .route("/tasks", web::get().to(mine))
        .route("/tasks/{id}", web::get().to(show))
        .route("/tasks/{id}/edit", web::get().to(edit_form))
        .route("/tasks/{id}/edit", web::post().to(edit))
        .route("/tasks/{id}/status", web::post().to(move_task))
        .route("/tasks/{id}/delete", web::post().to(delete))
        .route("/tasks/{id}/comments", web::post().to(comment))
        .route("/tasks/{id}/checklist", web::post().to(add_item))
        .route("/tasks/{id}/checklist/{item}", web::post().to(set_item));
}

fn statuses() -> Vec<&'static str> {
    TaskStatus::ALL.iter().map(|s| s.as_str()).collect()
}

fn priorities() -> Vec<&'static str> {
    TaskPriority::ALL.iter().map(|s| s.as_str()).collect()
}

async fn board(
    viewer: Viewer,
    ui: Ui,
    db: web::Data<Db>,
    settings: CurrentSettings,
    slug: web::Path<String>,
    moved: web::Query<Moved>,
) -> Result<HttpResponse, AppError> {
    let me = viewer.0.clone();
    let today = viewer.0.today(settings.i18n.default_timezone);
    let slug = slug.into_inner();
    let board = db.run(move |c| service::board(c, &viewer.0, &slug, today)).await?;
    let moved = moved.moved.and_then(|id| {
        board
            .columns
            .iter()
            .find_map(|c| c.tasks.iter().find(|t| t.id == id).map(|t| (t.title.clone(), c.status)))
    });
    let mut ctx = ui.context();
    ctx.insert(
        "community",
        &crate::references::CommunityRef::from(&board.access.community),
    );
    ctx.insert("header", &board.access.header(&me));
    ctx.insert("can_create", &super::policy::can_create(&board.access).is_ok());
    ctx.insert("columns", &board.columns);
    ctx.insert("statuses", &statuses());
    ctx.insert(
        "moved",
        &moved.map(|(title, status)| serde_json::json!({"title": title, "status": status.as_str()})),
    );
    ui.render("tasks/board.html", &ctx)
}

/// `?moved=<id>` after a move: the board says where that task went.
#[derive(Deserialize)]
struct Moved {
    moved: Option<i64>,
}

#[derive(Deserialize)]
struct ListQuery {
    #[serde(flatten)]
    filter: TaskQuery,
    cursor: Option<String>,
}

async fn list(
    viewer: Viewer,
    ui: Ui,
    db: web::Data<Db>,
    settings: CurrentSettings,
    slug: web::Path<String>,
    query: web::Query<ListQuery>,
) -> Result<HttpResponse, AppError> {
    let me = viewer.0.clone();
    let query = query.into_inner();
    let filter = query.filter.parse()?;
    let f2 = filter.clone();
    let page = PageParams {
        limit: None,
        cursor: query.cursor.clone(),
    }
    .parse()?;
    let today = viewer.0.today(settings.i18n.default_timezone);
    let slug = slug.into_inner();
    let s = slug.clone();
    let (list, access) = db
        .run(move |c| {
            let access = super::policy::load_board(c, &viewer.0, &s)?;
            Ok((service::list(c, &viewer.0, &access, &f2, &page, today)?, access))
        })
        .await?;
    let f = &query.filter;
    let flag = |b: bool| b.then_some("true");
    let path = format!("/c/{slug}/tasks/list");
    let mut ctx = ui.context();
    ctx.insert("community", &crate::references::CommunityRef::from(&access.community));
    ctx.insert("header", &access.header(&me));
    ctx.insert("can_create", &super::policy::can_create(&access).is_ok());
    ctx.insert(
        "next_url",
        &next_url(
            &path,
            &[
                ("mine", flag(filter.mine)),
                ("overdue", flag(filter.overdue)),
                ("unassigned", flag(filter.unassigned)),
                ("assignee", f.assignee.as_deref()),
                ("due_before", f.due_before.as_deref()),
                ("status", f.status.as_deref()),
            ],
            &list,
        ),
    );
    ctx.insert(
        "filter",
        &serde_json::json!({
            "mine": filter.mine,
            "overdue": filter.overdue,
            "unassigned": filter.unassigned,
            "assignee": f.assignee.as_deref().unwrap_or(""),
            "due_before": f.due_before.as_deref().unwrap_or(""),
            "status": f.status.as_deref().unwrap_or(""),
        }),
    );
    ctx.insert("statuses", &statuses());
    ctx.insert("total", &list.total);
    ctx.insert("tasks", &list.items);
    ui.render("tasks/list.html", &ctx)
}

async fn mine(viewer: Viewer, ui: Ui, db: web::Data<Db>, settings: CurrentSettings) -> Result<HttpResponse, AppError> {
    let today = viewer.0.today(settings.i18n.default_timezone);
    let tasks = db.run(move |c| service::mine(c, &viewer.0, today)).await?;
    let mut ctx = ui.context();
    ctx.insert("tasks", &tasks);
    ctx.insert("statuses", &statuses());
    ui.render("tasks/mine.html", &ctx)
}

/// Where a task is: a new one's community, or an existing task.
enum TaskPlace {
    Community(String),
    Task(i64),
}

/// The task form as sent, kept to show again when something is wrong.
#[derive(Debug, Default, Deserialize, Serialize)]
pub struct TaskForm {
    #[serde(default)]
    title: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    status: String,
    #[serde(default)]
    priority: String,
    #[serde(default)]
    due_on: String,
    /// People as typed: names, uids or mail addresses, separated by commas.
    #[serde(default)]
    assignees: String,
    /// One checklist line per line (new tasks only).
    #[serde(default)]
    checklist: String,
    #[serde(flatten, skip_serializing)]
    choice: pick::Choice,
}

impl TaskForm {
    /// The assignees as typed, looked up among the members of the task's community (given,
    /// or the task's own); the community's slug comes back for the field's live list.
    async fn assignees(&self, db: &Db, viewer: &Person, at: TaskPlace) -> Result<(pick::Picked, String), AppError> {
        let (typed, choice, viewer) = (self.assignees.clone(), self.choice.clone(), viewer.clone());
        db.run(move |c| {
            let slug = match at {
                TaskPlace::Community(slug) => slug,
                TaskPlace::Task(id) => super::policy::load_task(c, &viewer, id)?.community.community.slug,
            };
            let among = pick::members_of(c, &viewer, &slug)?;
            Ok((pick::find_among(c, &typed, &choice, among)?, slug))
        })
        .await
    }

    fn input(&self, assignees: Vec<Uid>) -> Result<TaskInput, AppError> {
        Ok(TaskInput {
            title: TaskTitle::parse("title", &self.title)?,
            description: TaskDescription::parse("description", &self.description)?,
            status: TaskStatus::parse(&self.status)?,
            priority: TaskPriority::parse(&self.priority)?,
            due_on: parse_due_date(&self.due_on)?,
            assignees,
            checklist: self
                .checklist
                .lines()
                .filter(|l| !l.trim().is_empty())
                .map(|l| ChecklistText::parse("checklist", l))
                .collect::<Result<_, _>>()?,
        })
    }

    fn change(&self, assignees: Vec<Uid>) -> Result<TaskChange, AppError> {
        Ok(TaskChange {
            title: Some(TaskTitle::parse("title", &self.title)?),
            description: Some(TaskDescription::parse("description", &self.description)?),
            status: Some(TaskStatus::parse(&self.status)?),
            priority: Some(TaskPriority::parse(&self.priority)?),
            due_on: Some(parse_due_date(&self.due_on)?),
            assignees: Some(assignees),
        })
    }
}

fn form_page(
    ui: &Ui,
    action: &str,
    back: &str,
    form: &TaskForm,
    picker: &pick::Field,
    error: Option<&AppError>,
) -> Result<HttpResponse, AppError> {
    let mut ctx = ui.context();
    ctx.insert("form", form);
    ctx.insert("picker", picker);
    ctx.insert("action", action);
    ctx.insert("back", back);
    ctx.insert("editing", &action.ends_with("/edit"));
    ctx.insert("statuses", &statuses());
    ctx.insert("priorities", &priorities());
    ui.render_form("tasks/form.html", ctx, error.map(|e| ui.form_error(e)))
}

async fn new_form(
    viewer: Viewer,
    ui: Ui,
    db: web::Data<Db>,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let slug = slug.into_inner();
    let s = slug.clone();
    db.run(move |c| super::policy::can_create(&crate::communities::policy::load(c, &viewer.0, &s)?))
        .await?;
    let form = TaskForm {
        status: TaskStatus::Open.as_str().into(),
        priority: TaskPriority::Normal.as_str().into(),
        ..TaskForm::default()
    };
    form_page(
        &ui,
        &format!("/c/{slug}/tasks"),
        &format!("/c/{slug}/tasks"),
        &form,
        &pick::Field::default().within(&slug),
        None,
    )
}

async fn create(
    viewer: Viewer,
    ui: Ui,
    db: web::Data<Db>,
    settings: CurrentSettings,
    slug: web::Path<String>,
    form: web::Form<TaskForm>,
) -> Result<HttpResponse, AppError> {
    let (slug, form) = (slug.into_inner(), form.into_inner());
    let today = viewer.0.today(settings.i18n.default_timezone);
    let (picked, _) = form
        .assignees(&db, &viewer.0, TaskPlace::Community(slug.clone()))
        .await?;
    let result = match picked.must_all("assignees").and_then(|a| form.input(a)) {
        Ok(input) => {
            let s = slug.clone();
            db.run(move |c| service::create(c, &viewer.0, &s, input, today)).await
        }
        Err(e) => Err(e),
    };
    match result {
        Ok(id) => Ok(see_other(&format!("/tasks/{id}?done=created"))),
        Err(e) if shown_on_form(&e) => {
            let back = format!("/c/{slug}/tasks");
            form_page(&ui, &back, &back, &form, &picked.field().within(&slug), Some(&e))
        }
        Err(e) => Err(e),
    }
}

async fn show(
    viewer: Viewer,
    ui: Ui,
    db: web::Data<Db>,
    settings: CurrentSettings,
    id: web::Path<i64>,
    done: web::Query<Done>,
) -> Result<HttpResponse, AppError> {
    let today = viewer.0.today(settings.i18n.default_timezone);
    let id = id.into_inner();
    let task = db.run(move |c| service::get(c, &viewer.0, id, today)).await?;
    let mut ctx = ui.context();
    ctx.insert("statuses", &statuses());
    ctx.insert("task", &task);
    ctx.insert("done", &done.among(&["created"]));
    ui.render("tasks/show.html", &ctx)
}

async fn edit_form(
    viewer: Viewer,
    ui: Ui,
    db: web::Data<Db>,
    settings: CurrentSettings,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let today = viewer.0.today(settings.i18n.default_timezone);
    let id = id.into_inner();
    let detail = db
        .run(move |c| {
            super::policy::load_task(c, &viewer.0, id)?.can_edit()?;
            service::get(c, &viewer.0, id, today)
        })
        .await?;
    let t = &detail.task;
    let form = TaskForm {
        title: t.title.clone(),
        description: t.description.clone(),
        status: t.status.as_str().into(),
        priority: t.priority.as_str().into(),
        due_on: t.due_on.map(|d| d.to_string()).unwrap_or_default(),
        assignees: String::new(),
        checklist: String::new(),
        choice: pick::Choice::default(),
    };
    let picker = pick::Field::of(t.assignees.iter().map(|a| (a.display_name.as_str(), a.uid.as_str())))
        .within(&detail.task.community);
    form_page(
        &ui,
        &format!("/tasks/{id}/edit"),
        &format!("/tasks/{id}"),
        &form,
        &picker,
        None,
    )
}

async fn edit(
    viewer: Viewer,
    ui: Ui,
    db: web::Data<Db>,
    settings: CurrentSettings,
    id: web::Path<i64>,
    form: web::Form<TaskForm>,
) -> Result<HttpResponse, AppError> {
    let (id, form) = (id.into_inner(), form.into_inner());
    let today = viewer.0.today(settings.i18n.default_timezone);
    let (picked, slug) = form.assignees(&db, &viewer.0, TaskPlace::Task(id)).await?;
    let result = match picked.must_all("assignees").and_then(|a| form.change(a)) {
        Ok(change) => db.run(move |c| service::update(c, &viewer.0, id, change, today)).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(()) => Ok(see_other(&format!("/tasks/{id}"))),
        Err(e) if shown_on_form(&e) => form_page(
            &ui,
            &format!("/tasks/{id}/edit"),
            &format!("/tasks/{id}"),
            &form,
            &picked.field().within(&slug),
            Some(&e),
        ),
        Err(e) => Err(e),
    }
}

#[derive(Deserialize)]
struct MoveForm {
    #[serde(default)]
    status: String,
    /// Where the form was sent from (the board, the list, the task).
    back: Option<String>,
}

async fn move_task(
    viewer: Viewer,
    db: web::Data<Db>,
    settings: CurrentSettings,
    id: web::Path<i64>,
    form: web::Form<MoveForm>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let status = TaskStatus::parse(&form.status)?;
    let today = viewer.0.today(settings.i18n.default_timezone);
    db.run(move |c| service::set_status(c, &viewer.0, id, status, today))
        .await?;
    // The page it came from says where the task went (the board's notice), then shows it.
    let back = local_path(form.back.as_deref());
    let sep = if back.contains('?') { '&' } else { '?' };
    Ok(see_other(&format!("{back}{sep}moved={id}#task-{id}")))
}

async fn delete(
    viewer: Viewer,
    ui: Ui,
    db: web::Data<Db>,
    id: web::Path<i64>,
    form: web::Form<Confirmation>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    if !form.given() {
        let title = db
            .run(move |c| {
                let access = super::policy::load_task(c, &viewer.0, id)?;
                access.can_delete()?;
                Ok(access.task.title)
            })
            .await?;
        let path = format!("/tasks/{id}");
        return ui.ask(&Question::new(
            ui.t("confirm-task-delete"),
            ui.t_args("confirm-task-delete-what", &[("title", title.into())]),
            ui.t("action-delete"),
            &format!("{path}/delete"),
            &path,
        ));
    }
    let slug = db
        .run(move |c| {
            let slug = super::policy::load_task(c, &viewer.0, id)?.community.community.slug;
            service::delete(c, &viewer.0, id)?;
            Ok(slug)
        })
        .await?;
    Ok(see_other(&format!("/c/{slug}/tasks")))
}

#[derive(Deserialize)]
struct TextForm {
    #[serde(default)]
    body: String,
}

async fn comment(
    viewer: Viewer,
    db: web::Data<Db>,
    id: web::Path<i64>,
    form: web::Form<TextForm>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let body = TaskCommentBody::parse("body", &form.body)?;
    let comment = db.run(move |c| service::comment(c, &viewer.0, id, body)).await?;
    Ok(see_other(&format!("/tasks/{id}#task-comment-{comment}")))
}

async fn add_item(
    viewer: Viewer,
    db: web::Data<Db>,
    id: web::Path<i64>,
    form: web::Form<TextForm>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let text = ChecklistText::parse("checklist", &form.body)?;
    db.run(move |c| service::add_item(c, &viewer.0, id, text)).await?;
    Ok(see_other(&format!("/tasks/{id}#checklist")))
}

#[derive(Deserialize)]
struct ItemForm {
    /// done, undo or remove
    #[serde(default)]
    action: String,
}

async fn set_item(
    viewer: Viewer,
    db: web::Data<Db>,
    path: web::Path<(i64, i64)>,
    form: web::Form<ItemForm>,
) -> Result<HttpResponse, AppError> {
    let (id, item) = path.into_inner();
    let done = match form.action.as_str() {
        "done" => Some(true),
        "undo" => Some(false),
        "remove" => None,
        _ => return Err(Invalid::new("action", "unknown-value").into()),
    };
    db.run(move |c| service::set_item(c, &viewer.0, id, item, done)).await?;
    Ok(see_other(&format!("/tasks/{id}#checklist")))
}
