use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::polls;

#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = polls)]
pub struct Poll {
    pub id: i64,
    pub community_id: i64,
    pub author_id: Option<i64>,
    pub question: String,
    pub multiple: bool,
    pub anonymous: bool,
    pub results_before_close: bool,
    pub closes_at: Option<NaiveDateTime>,
    pub closed_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
    pub deleted_at: Option<NaiveDateTime>,
}
