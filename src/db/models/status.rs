use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::{status_report_areas, status_reports};

/// A status report as the demo generator writes many at once.
#[derive(Debug, Insertable)]
#[diesel(table_name = status_reports, treat_none_as_default_value = false)]
pub struct NewStatusReport {
    pub community_id: i64,
    pub author_id: Option<i64>,
    pub overall: crate::domain::RagStatus,
    pub summary: String,
    pub achievements: String,
    pub next_steps: String,
    pub risks: String,
    pub help_needed: String,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = status_report_areas, treat_none_as_default_value = false)]
pub struct NewStatusReportArea {
    pub report_id: i64,
    pub area: String,
    pub status: crate::domain::RagStatus,
}
