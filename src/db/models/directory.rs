use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::{directory_entries, directory_sync_runs};

/// A person as one sync run read them from the directory (staged before anything is applied).
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = directory_entries)]
pub struct StagedEntry {
    pub run_id: i64,
    pub external_id: String,
    pub dn: String,
    pub dn_key: String,
    pub uid: String,
    pub display_name: String,
    pub email: Option<String>,
    pub title: Option<String>,
    pub phone: Option<String>,
    pub employee_number: Option<String>,
    /// JSON list of {key, name}.
    pub departments: String,
    pub manager_dn_key: Option<String>,
    pub disabled: bool,
}

#[derive(Debug, Clone, Queryable, Selectable, serde::Serialize)]
#[diesel(table_name = directory_sync_runs)]
pub struct SyncRun {
    pub id: i64,
    pub started_at: NaiveDateTime,
    pub finished_at: Option<NaiveDateTime>,
    pub status: String,
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
