use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::directory_sync_runs;

#[derive(Debug, Clone, Queryable, Selectable, serde::Serialize)]
#[diesel(table_name = directory_sync_runs)]
pub struct SyncRun {
    pub id: i64,
    pub started_at: NaiveDateTime,
    pub finished_at: Option<NaiveDateTime>,
    pub status: crate::domain::SyncStatus,
    pub started_by: String,
    pub forced: bool,
    pub reason: Option<String>,
    pub entries_read: i64,
    pub skipped: i64,
    pub created: i64,
    pub updated: i64,
    pub moved: i64,
    pub deactivated: i64,
    pub reactivated: i64,
    pub unchanged: i64,
    pub departments_created: i64,
    pub communities_created: i64,
    pub changes: String,
}
