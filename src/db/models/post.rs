use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::{comments, posts};

#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = posts)]
pub struct Post {
    pub id: i64,
    pub community_id: i64,
    pub author_id: Option<i64>,
    pub title: String,
    /// Markdown source.
    pub body: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    /// Rendered and sanitised when saved.
    pub body_html: String,
    pub pinned: bool,
    pub announcement: bool,
    pub edited_at: Option<NaiveDateTime>,
    pub deleted_at: Option<NaiveDateTime>,
    pub deleted_by: Option<i64>,
    /// Hidden by a moderator, or automatically after enough reports.
    pub hidden_at: Option<NaiveDateTime>,
    pub hidden_by: Option<i64>,
    /// The post's time, or its newest comment's.
    pub last_activity_at: NaiveDateTime,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = posts)]
pub struct NewPost {
    pub community_id: i64,
    pub author_id: Option<i64>,
    pub title: String,
    pub body: String,
    pub body_html: String,
    pub pinned: bool,
    pub announcement: bool,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub last_activity_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = comments)]
pub struct Comment {
    pub id: i64,
    pub post_id: i64,
    pub parent_id: Option<i64>,
    pub author_id: Option<i64>,
    pub body: String,
    pub body_html: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub edited_at: Option<NaiveDateTime>,
    pub deleted_at: Option<NaiveDateTime>,
    pub deleted_by: Option<i64>,
    /// Hidden by a moderator, or automatically after enough reports.
    pub hidden_at: Option<NaiveDateTime>,
    pub hidden_by: Option<i64>,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = comments)]
pub struct NewComment {
    pub post_id: i64,
    pub parent_id: Option<i64>,
    pub author_id: Option<i64>,
    pub body: String,
    pub body_html: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}
