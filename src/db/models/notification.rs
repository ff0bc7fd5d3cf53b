use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::notifications;

/// A notification as many are written at once (`db::bulk::insert_notifications`).
#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = notifications, treat_none_as_default_value = false)]
pub struct NewNotification {
    pub person_id: i64,
    pub kind: crate::domain::NotificationKind,
    pub actor_id: Option<i64>,
    pub post_id: Option<i64>,
    pub comment_id: Option<i64>,
    pub detail: String,
    pub created_at: NaiveDateTime,
    pub read_at: Option<NaiveDateTime>,
    pub community_id: Option<i64>,
    pub task_id: Option<i64>,
    pub ama_id: Option<i64>,
}
