use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;

use crate::db::schema::newsletters;

#[derive(Debug, Clone, Queryable, Selectable, Identifiable, Serialize)]
#[diesel(table_name = newsletters)]
pub struct Newsletter {
    pub id: i64,
    pub community_id: i64,
    pub author_id: i64,
    pub subject: String,
    pub body: String,
    pub state: String,
    pub send_at: Option<NaiveDateTime>,
    pub sent_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}
