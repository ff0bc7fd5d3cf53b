use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use crate::db::schema::{task_checklist_items, task_comments, task_events, tasks};
use crate::domain::{TaskPriority, TaskStatus};

#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = tasks)]
pub struct Task {
    pub id: i64,
    pub community_id: i64,
    pub title: String,
    /// Markdown source.
    pub description: String,
    /// Rendered and sanitised when saved.
    pub description_html: String,
    pub status: TaskStatus,
    pub priority: TaskPriority,
    pub due_on: Option<NaiveDate>,
    pub created_by: Option<i64>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub completed_at: Option<NaiveDateTime>,
    /// The due date whose reminder went out.
    pub reminded_for: Option<NaiveDate>,
    pub deleted_at: Option<NaiveDateTime>,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = tasks, treat_none_as_default_value = false)]
pub struct NewTask {
    pub community_id: i64,
    pub title: String,
    pub description: String,
    pub description_html: String,
    pub status: TaskStatus,
    pub priority: TaskPriority,
    pub due_on: Option<NaiveDate>,
    pub created_by: Option<i64>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub completed_at: Option<NaiveDateTime>,
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = task_checklist_items)]
pub struct ChecklistItem {
    pub id: i64,
    pub task_id: i64,
    pub position: i32,
    pub text: String,
    pub done: bool,
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = task_comments)]
pub struct TaskComment {
    pub id: i64,
    pub task_id: i64,
    pub author_id: Option<i64>,
    pub body: String,
    pub body_html: String,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = task_events)]
pub struct TaskEvent {
    pub id: i64,
    pub task_id: i64,
    pub actor_id: Option<i64>,
    pub field: String,
    pub old_value: String,
    pub new_value: String,
    pub created_at: NaiveDateTime,
}
