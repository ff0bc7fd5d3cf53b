//! Daily KPI totals per community (`kpi::daily`).

use chrono::NaiveDate;
use diesel::prelude::*;

use crate::db::schema::kpi_days;

/// One community's day: counts of things and members, never who.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Queryable, QueryableByName, Selectable, Insertable)]
#[diesel(table_name = kpi_days)]
pub struct KpiDay {
    pub community_id: i64,
    pub day: NaiveDate,
    /// Active members at the end of the day.
    pub members: i64,
    pub joins: i64,
    pub leaves: i64,
    pub posts: i64,
    pub comments: i64,
    pub reactions: i64,
    pub questions: i64,
    pub tasks_done: i64,
    pub reports: i64,
}
