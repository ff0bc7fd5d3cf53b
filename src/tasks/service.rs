//! Tasks: every function takes the viewer, asks the policy, then acts; every change is written
//! to the task's history and told to the people it concerns.

use std::collections::{HashMap, HashSet};

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use serde::Serialize;

use super::policy::{self, TaskAccess, load_task};
use crate::api::pagination::{PageRequest, Paged, parse_id_key};
use crate::communities::policy::{self as communities, Access};
use crate::db::models::{ChecklistItem, NewTask, Person, Task, TaskComment, TaskEvent};
use crate::db::schema::{memberships, people, task_assignees, task_checklist_items, task_comments, task_events, tasks};
use crate::db::{DbConnection, now, write_transaction};
use crate::domain::{
    ChecklistText, Invalid, MembershipState, Module, TaskCommentBody, TaskDescription, TaskPriority, TaskStatus,
    TaskTitle, Uid,
};
use crate::error::AppError;
use crate::notifications::notices::{self as notifications, Kind, Notice};
use crate::references::{AuthorRef, authors};

/// More would be a team, not assignees; a task names at most this many.
pub const MAX_ASSIGNEES: usize = 20;
/// Checklists stay lists, not projects of their own.
pub const MAX_CHECKLIST: usize = 100;

/// A task as lists, the board and the API show it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct TaskView {
    pub id: i64,
    /// The community's slug.
    pub community: String,
    pub community_name: String,
    pub title: String,
    /// Markdown source.
    pub description: String,
    /// The source rendered and sanitised.
    pub description_html: String,
    pub status: TaskStatus,
    pub priority: TaskPriority,
    /// `YYYY-MM-DD`.
    #[schema(value_type = Option<String>, format = Date)]
    pub due_on: Option<NaiveDate>,
    /// Due before today (where the viewer is) and not done.
    pub overdue: bool,
    pub assignees: Vec<AuthorRef>,
    pub checklist_done: i64,
    pub checklist_total: i64,
    pub created_by: Option<AuthorRef>,
    #[serde(serialize_with = "crate::domain::utc::write")]
    pub created_at: NaiveDateTime,
    #[serde(serialize_with = "crate::domain::utc::write")]
    pub updated_at: NaiveDateTime,
    #[serde(serialize_with = "crate::domain::utc::write_option")]
    pub completed_at: Option<NaiveDateTime>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ChecklistItemView {
    pub id: i64,
    pub text: String,
    pub done: bool,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct TaskCommentView {
    pub id: i64,
    pub author: Option<AuthorRef>,
    pub body: String,
    pub body_html: String,
    #[serde(serialize_with = "crate::domain::utc::write")]
    pub created_at: NaiveDateTime,
}

/// One change in a task's history: what (`created`, `title`, `description`, `status`,
/// `priority`, `due_on`, `assigned`, `unassigned`, `checklist`), from what to what, by whom.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct TaskEventView {
    pub actor: Option<AuthorRef>,
    pub field: String,
    /// `assigned` and `unassigned`: the person (the values hold their user name).
    pub person: Option<AuthorRef>,
    pub old_value: String,
    pub new_value: String,
    #[serde(serialize_with = "crate::domain::utc::write")]
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct TaskDetail {
    #[serde(flatten)]
    pub task: TaskView,
    pub checklist: Vec<ChecklistItemView>,
    pub comments: Vec<TaskCommentView>,
    pub history: Vec<TaskEventView>,
    pub can_edit: bool,
    pub can_delete: bool,
}

#[derive(Debug)]
pub struct TaskInput {
    pub title: TaskTitle,
    pub description: TaskDescription,
    pub status: TaskStatus,
    pub priority: TaskPriority,
    pub due_on: Option<NaiveDate>,
    pub assignees: Vec<Uid>,
    pub checklist: Vec<ChecklistText>,
}

/// What an edit changes; `None` leaves a field as it is (`due_on: Some(None)` removes the date).
#[derive(Debug, Default)]
pub struct TaskChange {
    pub title: Option<TaskTitle>,
    pub description: Option<TaskDescription>,
    pub status: Option<TaskStatus>,
    pub priority: Option<TaskPriority>,
    pub due_on: Option<Option<NaiveDate>>,
    pub assignees: Option<Vec<Uid>>,
}

/// The list view's filters; all given ones apply.
#[derive(Debug, Default, Clone)]
pub struct TaskFilter {
    pub mine: bool,
    pub overdue: bool,
    pub unassigned: bool,
    pub assignee: Option<Uid>,
    /// Due on or before this day.
    pub due_before: Option<NaiveDate>,
    pub status: Option<TaskStatus>,
}

/// A new due date must not lie in the past (an unchanged one may: the task is overdue).
pub(crate) fn check_due(due: Option<NaiveDate>, today: NaiveDate) -> Result<(), AppError> {
    match due {
        Some(d) if d < today => Err(Invalid::new("due_on", "in-the-past").into()),
        _ => Ok(()),
    }
}

/// The people behind these uids, who must be active members of the community.
pub(crate) fn resolve_assignees(
    conn: &mut DbConnection,
    community_id: i64,
    uids: &[Uid],
) -> Result<Vec<(i64, String)>, AppError> {
    let mut wanted: Vec<&str> = uids.iter().map(Uid::as_str).collect();
    wanted.sort_unstable();
    wanted.dedup();
    if wanted.len() > MAX_ASSIGNEES {
        return Err(Invalid::new("assignees", "too-many").into());
    }
    let found: Vec<(i64, String, bool)> = people::table
        .filter(people::uid.eq_any(&wanted))
        .select((people::id, people::uid, people::active))
        .load(conn)?;
    let ids: Vec<i64> = found.iter().map(|p| p.0).collect();
    let members: HashSet<i64> = memberships::table
        .filter(memberships::community_id.eq(community_id))
        .filter(memberships::person_id.eq_any(&ids))
        .filter(memberships::state.eq(MembershipState::Active.as_str()))
        .select(memberships::person_id)
        .load::<i64>(conn)?
        .into_iter()
        .collect();
    let mut out = Vec::with_capacity(wanted.len());
    for uid in wanted {
        let Some((id, uid, active)) = found.iter().find(|p| p.1 == uid) else {
            return Err(Invalid::new("assignees", "unknown-person").into());
        };
        if !active {
            return Err(Invalid::new("assignees", "left-company").into());
        }
        if !members.contains(id) {
            return Err(Invalid::new("assignees", "not-member").into());
        }
        out.push((*id, uid.clone()));
    }
    Ok(out)
}

fn record(conn: &mut DbConnection, task_id: i64, actor: i64, field: &str, old: &str, new: &str) -> QueryResult<()> {
    diesel::insert_into(task_events::table)
        .values((
            task_events::task_id.eq(task_id),
            task_events::actor_id.eq(Some(actor)),
            task_events::field.eq(field),
            task_events::old_value.eq(old),
            task_events::new_value.eq(new),
            task_events::created_at.eq(now()),
        ))
        .execute(conn)?;
    Ok(())
}

fn due_text(d: Option<NaiveDate>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

fn assignee_ids(conn: &mut DbConnection, task_id: i64) -> QueryResult<Vec<i64>> {
    task_assignees::table
        .filter(task_assignees::task_id.eq(task_id))
        .select(task_assignees::person_id)
        .load(conn)
}

/// Sets who is assigned, records the difference, and tells the newly assigned.
fn assign(
    conn: &mut DbConnection,
    task_id: i64,
    actor: i64,
    wanted: &[(i64, String)],
    before: &[(i64, String)],
) -> Result<(), AppError> {
    for (id, uid) in before.iter().filter(|b| !wanted.contains(b)) {
        diesel::delete(
            task_assignees::table
                .filter(task_assignees::task_id.eq(task_id))
                .filter(task_assignees::person_id.eq(id)),
        )
        .execute(conn)?;
        record(conn, task_id, actor, "unassigned", uid, "")?;
    }
    for (id, uid) in wanted.iter().filter(|w| !before.contains(w)) {
        diesel::insert_into(task_assignees::table)
            .values((task_assignees::task_id.eq(task_id), task_assignees::person_id.eq(id)))
            .execute(conn)?;
        record(conn, task_id, actor, "assigned", "", uid)?;
        notifications::notify(conn, Notice::task(Kind::TaskAssigned, *id, Some(actor), task_id))?;
    }
    Ok(())
}

fn assigned(conn: &mut DbConnection, task_id: i64) -> QueryResult<Vec<(i64, String)>> {
    task_assignees::table
        .inner_join(people::table)
        .filter(task_assignees::task_id.eq(task_id))
        .select((people::id, people::uid))
        .load(conn)
}

/// Everyone a task concerns besides the actor: its assignees and whoever created it.
fn concerned(conn: &mut DbConnection, task: &Task) -> QueryResult<Vec<i64>> {
    let mut ids = assignee_ids(conn, task.id)?;
    ids.extend(task.created_by);
    ids.sort_unstable();
    ids.dedup();
    Ok(ids)
}

pub fn create(
    conn: &mut DbConnection,
    viewer: &Person,
    slug: &str,
    input: TaskInput,
    today: NaiveDate,
) -> Result<i64, AppError> {
    write_transaction(conn, |conn| {
        let access = communities::load(conn, viewer, slug)?;
        policy::can_create(&access)?;
        check_due(input.due_on, today)?;
        if input.checklist.len() > MAX_CHECKLIST {
            return Err(Invalid::new("checklist", "too-many").into());
        }
        let people = resolve_assignees(conn, access.community.id, &input.assignees)?;
        let at = now();
        let id = diesel::insert_into(tasks::table)
            .values(NewTask {
                community_id: access.community.id,
                title: input.title.as_str().to_string(),
                description: input.description.as_str().to_string(),
                description_html: crate::markdown::to_safe_html(input.description.as_str()),
                status: input.status,
                priority: input.priority,
                due_on: input.due_on,
                created_by: Some(viewer.id),
                created_at: at,
                updated_at: at,
                completed_at: (input.status == TaskStatus::Done).then_some(at),
            })
            .returning(tasks::id)
            .get_result(conn)?;
        record(conn, id, viewer.id, "created", "", input.title.as_str())?;
        for (position, text) in input.checklist.iter().enumerate() {
            insert_item(conn, id, position as i32, text)?;
        }
        assign(conn, id, viewer.id, &people, &[])?;
        Ok(id)
    })
}

fn insert_item(conn: &mut DbConnection, task_id: i64, position: i32, text: &ChecklistText) -> QueryResult<()> {
    diesel::insert_into(task_checklist_items::table)
        .values((
            task_checklist_items::task_id.eq(task_id),
            task_checklist_items::position.eq(position),
            task_checklist_items::text.eq(text.as_str()),
            task_checklist_items::done.eq(false),
        ))
        .execute(conn)?;
    Ok(())
}

pub fn update(
    conn: &mut DbConnection,
    viewer: &Person,
    id: i64,
    change: TaskChange,
    today: NaiveDate,
) -> Result<(), AppError> {
    write_transaction(conn, |conn| {
        let access = load_task(conn, viewer, id)?;
        access.can_edit()?;
        let t = &access.task;
        let mut fields: Vec<(&str, String, String)> = Vec::new();
        if let Some(title) = change.title.as_ref().filter(|v| v.as_str() != t.title) {
            fields.push(("title", t.title.clone(), title.as_str().to_string()));
        }
        if let Some(d) = change.description.as_ref().filter(|v| v.as_str() != t.description) {
            fields.push(("description", String::new(), d.as_str().to_string()));
        }
        if let Some(p) = change.priority.filter(|p| *p != t.priority) {
            fields.push(("priority", t.priority.to_string(), p.to_string()));
        }
        if let Some(due) = change.due_on.filter(|d| *d != t.due_on) {
            check_due(due, today)?;
            fields.push(("due_on", due_text(t.due_on), due_text(due)));
        }
        let status = change.status.filter(|s| *s != t.status);
        if let Some(s) = status {
            fields.push(("status", t.status.to_string(), s.to_string()));
        }
        let people = match &change.assignees {
            Some(uids) => Some(resolve_assignees(conn, t.community_id, uids)?),
            None => None,
        };
        let at = now();
        diesel::update(tasks::table.find(id))
            .set((
                tasks::title.eq(change.title.as_ref().map_or(t.title.as_str(), |v| v.as_str())),
                tasks::description.eq(change
                    .description
                    .as_ref()
                    .map_or(t.description.as_str(), |v| v.as_str())),
                tasks::description_html.eq(change.description.as_ref().map_or(t.description_html.clone(), |d| {
                    crate::markdown::to_safe_html(d.as_str())
                })),
                tasks::priority.eq(change.priority.unwrap_or(t.priority).as_str()),
                tasks::due_on.eq(change.due_on.unwrap_or(t.due_on)),
                tasks::status.eq(status.unwrap_or(t.status).as_str()),
                tasks::completed_at.eq(match status {
                    Some(TaskStatus::Done) => Some(at),
                    Some(_) => None,
                    None => t.completed_at,
                }),
                tasks::updated_at.eq(at),
            ))
            .execute(conn)?;
        for (field, old, new) in &fields {
            record(conn, id, viewer.id, field, old, new)?;
        }
        if let Some(people) = people {
            let before = assigned(conn, id)?;
            assign(conn, id, viewer.id, &people, &before)?;
        }
        if let Some(s) = status {
            for recipient in concerned(conn, t)? {
                notifications::notify(
                    conn,
                    Notice::task(Kind::TaskStatus, recipient, Some(viewer.id), id).with_detail(s.as_str()),
                )?;
            }
        }
        Ok(())
    })
}

/// Moving a task on the board: only its status changes.
pub fn set_status(
    conn: &mut DbConnection,
    viewer: &Person,
    id: i64,
    status: TaskStatus,
    today: NaiveDate,
) -> Result<(), AppError> {
    let change = TaskChange {
        status: Some(status),
        ..TaskChange::default()
    };
    update(conn, viewer, id, change, today)
}

/// Deleting keeps the row (its history stays for the audit) but takes it off every list.
pub fn delete(conn: &mut DbConnection, viewer: &Person, id: i64) -> Result<(), AppError> {
    write_transaction(conn, |conn| {
        let access = load_task(conn, viewer, id)?;
        access.can_delete()?;
        diesel::update(tasks::table.find(id))
            .set(tasks::deleted_at.eq(Some(now())))
            .execute(conn)?;
        record(conn, id, viewer.id, "deleted", "", "")?;
        crate::db::models::NewAuditEntry::record(
            conn,
            Some(viewer.id),
            "task.delete",
            ("task", &id.to_string()),
            serde_json::json!({ "community": access.community.community.slug, "title": access.task.title }),
        )?;
        Ok(())
    })
}

pub fn comment(conn: &mut DbConnection, viewer: &Person, id: i64, body: TaskCommentBody) -> Result<i64, AppError> {
    write_transaction(conn, |conn| {
        let access = load_task(conn, viewer, id)?;
        access.can_edit()?;
        let comment_id = diesel::insert_into(task_comments::table)
            .values((
                task_comments::task_id.eq(id),
                task_comments::author_id.eq(Some(viewer.id)),
                task_comments::body.eq(body.as_str()),
                task_comments::body_html.eq(crate::markdown::to_safe_html(body.as_str())),
                task_comments::created_at.eq(now()),
            ))
            .returning(task_comments::id)
            .get_result(conn)?;
        for recipient in concerned(conn, &access.task)? {
            notifications::notify(conn, Notice::task(Kind::TaskComment, recipient, Some(viewer.id), id))?;
        }
        Ok(comment_id)
    })
}

/// Adds a line to the checklist.
pub fn add_item(conn: &mut DbConnection, viewer: &Person, id: i64, text: ChecklistText) -> Result<(), AppError> {
    write_transaction(conn, |conn| {
        let access = load_task(conn, viewer, id)?;
        access.can_edit()?;
        let positions: Vec<i32> = task_checklist_items::table
            .filter(task_checklist_items::task_id.eq(id))
            .select(task_checklist_items::position)
            .load(conn)?;
        if positions.len() >= MAX_CHECKLIST {
            return Err(Invalid::new("checklist", "too-many").into());
        }
        let next = positions.iter().max().map_or(0, |p| p + 1);
        insert_item(conn, id, next, &text)?;
        record(conn, id, viewer.id, "checklist", "", text.as_str())?;
        Ok(())
    })
}

/// Ticks a checklist line (or unticks it), or with `done: None` removes it.
pub fn set_item(
    conn: &mut DbConnection,
    viewer: &Person,
    id: i64,
    item_id: i64,
    done: Option<bool>,
) -> Result<(), AppError> {
    write_transaction(conn, |conn| {
        let access = load_task(conn, viewer, id)?;
        access.can_edit()?;
        let item: ChecklistItem = task_checklist_items::table
            .find(item_id)
            .filter(task_checklist_items::task_id.eq(id))
            .select(ChecklistItem::as_select())
            .first(conn)
            .optional()?
            .ok_or(AppError::NotFound)?;
        let target = task_checklist_items::table.find(item_id);
        let (old, new) = match done {
            Some(done) => {
                diesel::update(target)
                    .set(task_checklist_items::done.eq(done))
                    .execute(conn)?;
                (mark(item.done, &item.text), mark(done, &item.text))
            }
            None => {
                diesel::delete(target).execute(conn)?;
                (mark(item.done, &item.text), String::new())
            }
        };
        if old != new {
            record(conn, id, viewer.id, "checklist", &old, &new)?;
        }
        Ok(())
    })
}

fn mark(done: bool, text: &str) -> String {
    format!("[{}] {text}", if done { "x" } else { " " })
}

/// Views of these tasks in the order given (four queries however many there are).
fn views(
    conn: &mut DbConnection,
    rows: Vec<Task>,
    access: &HashMap<i64, Access>,
    today: NaiveDate,
) -> Result<Vec<TaskView>, AppError> {
    let ids: Vec<i64> = rows.iter().map(|t| t.id).collect();
    let mut assignees: HashMap<i64, Vec<AuthorRef>> = HashMap::new();
    let pairs: Vec<(i64, String, String)> = task_assignees::table
        .inner_join(people::table)
        .filter(task_assignees::task_id.eq_any(&ids))
        .order(people::display_name.asc())
        .select((task_assignees::task_id, people::uid, people::display_name))
        .load(conn)?;
    for (task, uid, display_name) in pairs {
        assignees.entry(task).or_default().push(AuthorRef { uid, display_name });
    }
    let mut checklist: HashMap<i64, (i64, i64)> = HashMap::new();
    let items: Vec<(i64, bool)> = task_checklist_items::table
        .filter(task_checklist_items::task_id.eq_any(&ids))
        .select((task_checklist_items::task_id, task_checklist_items::done))
        .load(conn)?;
    for (task, done) in items {
        let e = checklist.entry(task).or_default();
        e.0 += i64::from(done);
        e.1 += 1;
    }
    let creators = authors(conn, rows.iter().filter_map(|t| t.created_by))?;
    Ok(rows
        .into_iter()
        .filter_map(|t| {
            let community = &access.get(&t.community_id)?.community;
            let status = t.status;
            let (done, total) = checklist.get(&t.id).copied().unwrap_or_default();
            Some(TaskView {
                id: t.id,
                community: community.slug.clone(),
                community_name: community.name.clone(),
                overdue: status != TaskStatus::Done && t.due_on.is_some_and(|d| d < today),
                status,
                priority: t.priority,
                due_on: t.due_on,
                assignees: assignees.remove(&t.id).unwrap_or_default(),
                checklist_done: done,
                checklist_total: total,
                created_by: t.created_by.and_then(|c| creators.get(&c).cloned()),
                created_at: t.created_at,
                updated_at: t.updated_at,
                completed_at: t.completed_at,
                title: t.title,
                description: t.description,
                description_html: t.description_html,
            })
        })
        .collect())
}

fn single(access: &Access) -> HashMap<i64, Access> {
    HashMap::from([(access.community.id, access.clone())])
}

pub fn get(conn: &mut DbConnection, viewer: &Person, id: i64, today: NaiveDate) -> Result<TaskDetail, AppError> {
    let access = load_task(conn, viewer, id)?;
    detail(conn, access, today)
}

fn detail(conn: &mut DbConnection, access: TaskAccess, today: NaiveDate) -> Result<TaskDetail, AppError> {
    let id = access.task.id;
    let can_edit = access.can_edit().is_ok();
    let can_delete = access.can_delete().is_ok();
    let task = views(conn, vec![access.task], &single(&access.community), today)?
        .pop()
        .ok_or(AppError::NotFound)?;
    let checklist = task_checklist_items::table
        .filter(task_checklist_items::task_id.eq(id))
        .order((task_checklist_items::position.asc(), task_checklist_items::id.asc()))
        .select(ChecklistItem::as_select())
        .load(conn)?
        .into_iter()
        .map(|i| ChecklistItemView {
            id: i.id,
            text: i.text,
            done: i.done,
        })
        .collect();
    let comments: Vec<TaskComment> = task_comments::table
        .filter(task_comments::task_id.eq(id))
        .order(task_comments::id.asc())
        .select(TaskComment::as_select())
        .load(conn)?;
    let events: Vec<TaskEvent> = task_events::table
        .filter(task_events::task_id.eq(id))
        .order(task_events::id.asc())
        .select(TaskEvent::as_select())
        .load(conn)?;
    let names = authors(
        conn,
        comments
            .iter()
            .filter_map(|c| c.author_id)
            .chain(events.iter().filter_map(|e| e.actor_id)),
    )?;
    let name = |id: Option<i64>| id.and_then(|i| names.get(&i).cloned());
    let assignee_uids: Vec<&str> = events
        .iter()
        .filter(|e| matches!(e.field.as_str(), "assigned" | "unassigned"))
        .map(|e| {
            if e.field == "assigned" {
                e.new_value.as_str()
            } else {
                e.old_value.as_str()
            }
        })
        .collect();
    let assignees: HashMap<String, AuthorRef> = people::table
        .filter(people::uid.eq_any(&assignee_uids))
        .select((people::uid, people::display_name))
        .load::<(String, String)>(conn)?
        .into_iter()
        .map(|(uid, display_name)| (uid.clone(), AuthorRef { uid, display_name }))
        .collect();
    Ok(TaskDetail {
        task,
        checklist,
        comments: comments
            .into_iter()
            .map(|c| TaskCommentView {
                id: c.id,
                author: name(c.author_id),
                body: c.body,
                body_html: c.body_html,
                created_at: c.created_at,
            })
            .collect(),
        history: events
            .into_iter()
            .map(|e| TaskEventView {
                actor: name(e.actor_id),
                person: match e.field.as_str() {
                    "assigned" => assignees.get(&e.new_value).cloned(),
                    "unassigned" => assignees.get(&e.old_value).cloned(),
                    _ => None,
                },
                field: e.field,
                old_value: e.old_value,
                new_value: e.new_value,
                created_at: e.created_at,
            })
            .collect(),
        can_edit,
        can_delete,
    })
}

/// The sort key of the list: due date (none last), then id.
fn list_key(t: &TaskView) -> Vec<String> {
    vec![due_text(t.due_on), t.id.to_string()]
}

/// A community's tasks matching the filter, by due date (those without one last); `access` as
/// `policy::load_board` gave it (the caller shows the community too).
pub fn list(
    conn: &mut DbConnection,
    viewer: &Person,
    access: &Access,
    filter: &TaskFilter,
    page: &PageRequest,
    today: NaiveDate,
) -> Result<Paged<TaskView>, AppError> {
    access.can_read_module(Module::Tasks)?;
    let community_id = access.community.id;
    let assignee_id = match &filter.assignee {
        Some(uid) => Some(
            people::table
                .filter(people::uid.eq(uid.as_str()))
                .select(people::id)
                .first::<i64>(conn)
                .optional()?
                .unwrap_or(-1),
        ),
        None => None,
    };
    let base = || {
        let mut q = tasks::table
            .filter(tasks::community_id.eq(community_id))
            .filter(tasks::deleted_at.is_null())
            .into_boxed();
        if filter.mine {
            q = q.filter(
                tasks::id.eq_any(
                    task_assignees::table
                        .filter(task_assignees::person_id.eq(viewer.id))
                        .select(task_assignees::task_id),
                ),
            );
        }
        if let Some(a) = assignee_id {
            q = q.filter(
                tasks::id.eq_any(
                    task_assignees::table
                        .filter(task_assignees::person_id.eq(a))
                        .select(task_assignees::task_id),
                ),
            );
        }
        if filter.unassigned {
            q = q.filter(diesel::dsl::not(diesel::dsl::exists(
                task_assignees::table.filter(task_assignees::task_id.eq(tasks::id)),
            )));
        }
        if filter.overdue {
            q = q
                .filter(tasks::due_on.lt(today))
                .filter(tasks::status.ne(TaskStatus::Done.as_str()));
        }
        if let Some(d) = filter.due_before {
            q = q.filter(tasks::due_on.le(d));
        }
        if let Some(s) = filter.status {
            q = q.filter(tasks::status.eq(s.as_str()));
        }
        q
    };
    let total: i64 = base().count().get_result(conn)?;
    let mut q = base();
    if let Some([due, id]) = page.keys()? {
        let id = parse_id_key(id)?;
        q = if due.is_empty() {
            q.filter(tasks::due_on.is_null().and(tasks::id.gt(id)))
        } else {
            let due = crate::api::pagination::parse_date_key(due)?;
            q.filter(
                tasks::due_on
                    .gt(due)
                    .or(tasks::due_on.eq(due).and(tasks::id.gt(id)))
                    .or(tasks::due_on.is_null()),
            )
        };
    }
    let rows: Vec<Task> = q
        .order((tasks::due_on.is_null().asc(), tasks::due_on.asc(), tasks::id.asc()))
        .limit(page.limit + 1)
        .select(Task::as_select())
        .load(conn)?;
    let items = views(conn, rows, &single(access), today)?;
    Ok(Paged::from_rows(items, page.limit, total, list_key))
}

/// The board: a column per status. Done shows the most recently finished ones.
pub struct Board {
    pub access: Access,
    pub columns: Vec<Column>,
}

#[derive(Debug, Serialize)]
pub struct Column {
    pub status: TaskStatus,
    pub tasks: Vec<TaskView>,
}

/// How many finished tasks the board's last column shows (the list has them all).
const BOARD_DONE: i64 = 30;
/// A board with more open tasks than this is a list's job; it shows the first ones by due date.
const BOARD_OPEN: i64 = 500;

pub fn board(conn: &mut DbConnection, viewer: &Person, slug: &str, today: NaiveDate) -> Result<Board, AppError> {
    let access = policy::load_board(conn, viewer, slug)?;
    let alive = || {
        tasks::table
            .filter(tasks::community_id.eq(access.community.id))
            .filter(tasks::deleted_at.is_null())
            .into_boxed()
    };
    let mut rows: Vec<Task> = alive()
        .filter(tasks::status.ne(TaskStatus::Done.as_str()))
        .order((tasks::due_on.is_null().asc(), tasks::due_on.asc(), tasks::id.asc()))
        .limit(BOARD_OPEN)
        .select(Task::as_select())
        .load(conn)?;
    rows.extend(
        alive()
            .filter(tasks::status.eq(TaskStatus::Done.as_str()))
            .order(tasks::completed_at.desc())
            .limit(BOARD_DONE)
            .select(Task::as_select())
            .load::<Task>(conn)?,
    );
    let all = views(conn, rows, &single(&access), today)?;
    let columns = TaskStatus::ALL
        .iter()
        .map(|s| Column {
            status: *s,
            tasks: all.iter().filter(|t| t.status == *s).cloned().collect(),
        })
        .collect();
    Ok(Board { access, columns })
}

/// My open tasks across all communities I may still read with the module on: by due date,
/// overdue first (they are due earliest), those without a date last.
pub fn mine(conn: &mut DbConnection, viewer: &Person, today: NaiveDate) -> Result<Vec<TaskView>, AppError> {
    let rows: Vec<Task> = tasks::table
        .filter(tasks::deleted_at.is_null())
        .filter(tasks::status.ne(TaskStatus::Done.as_str()))
        .filter(
            tasks::id.eq_any(
                task_assignees::table
                    .filter(task_assignees::person_id.eq(viewer.id))
                    .select(task_assignees::task_id),
            ),
        )
        .order((tasks::due_on.is_null().asc(), tasks::due_on.asc(), tasks::id.asc()))
        .limit(1000)
        .select(Task::as_select())
        .load(conn)?;
    let mut ids: Vec<i64> = rows.iter().map(|t| t.community_id).collect();
    ids.sort_unstable();
    ids.dedup();
    let readable: HashMap<i64, Access> = communities::load_many(conn, viewer, &ids)?
        .into_iter()
        .filter(|(_, a)| a.can_read_module(Module::Tasks).is_ok())
        .collect();
    views(conn, rows, &readable, today)
}
