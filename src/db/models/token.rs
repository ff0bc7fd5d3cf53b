use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::api_tokens;

#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = api_tokens)]
pub struct ApiToken {
    pub id: i64,
    pub person_id: i64,
    pub token_hash: String,
    pub label: String,
    pub created_at: NaiveDateTime,
    pub last_used_at: Option<NaiveDateTime>,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = api_tokens)]
pub struct NewApiToken {
    pub person_id: i64,
    pub token_hash: String,
    pub label: String,
    pub created_at: NaiveDateTime,
}
