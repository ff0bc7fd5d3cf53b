use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use crate::db::schema::{meeting_outcomes, meetings};

#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = meetings)]
pub struct Meeting {
    pub id: i64,
    pub community_id: i64,
    pub organizer_id: Option<i64>,
    pub title: String,
    /// UTC.
    pub starts_at: NaiveDateTime,
    /// UTC.
    pub ends_at: NaiveDateTime,
    /// IANA name of the zone the meeting takes place in.
    pub time_zone: String,
    pub place: String,
    pub online_url: Option<String>,
    /// Markdown.
    pub agenda: String,
    /// Markdown.
    pub minutes: String,
    pub sequence: i32,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = meeting_outcomes)]
pub struct MeetingOutcome {
    pub id: i64,
    pub meeting_id: i64,
    pub kind: crate::domain::OutcomeKind,
    pub text: String,
    pub assignee_id: Option<i64>,
    pub due_on: Option<NaiveDate>,
    pub task_id: Option<i64>,
    pub created_at: NaiveDateTime,
}
