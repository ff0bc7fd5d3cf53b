use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::{comments, post_topics, posts, reactions, search_documents};

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
    /// `post` or `question` (Q&A).
    pub kind: crate::domain::PostKind,
    pub votes: i64,
    /// Questions: the answer (a top-level comment) the asker or a moderator accepted.
    pub accepted_comment_id: Option<i64>,
    /// Questions: when someone other than the asker first answered, and when an answer was
    /// accepted (the community's time-to-answer figures).
    pub first_answer_at: Option<NaiveDateTime>,
    pub accepted_at: Option<NaiveDateTime>,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = posts, treat_none_as_default_value = false)]
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
    pub kind: crate::domain::PostKind,
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
    /// Upvotes (answers to questions).
    pub votes: i64,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = comments, treat_none_as_default_value = false)]
pub struct NewComment {
    pub post_id: i64,
    pub parent_id: Option<i64>,
    pub author_id: Option<i64>,
    pub body: String,
    pub body_html: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = post_topics, treat_none_as_default_value = false)]
pub struct NewPostTopic {
    pub post_id: i64,
    pub topic: String,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = reactions, treat_none_as_default_value = false)]
pub struct NewReaction {
    /// post or comment
    pub target_type: String,
    pub target_id: i64,
    pub person_id: i64,
    pub kind: crate::domain::ReactionKind,
    pub created_at: NaiveDateTime,
}

/// A search document as `search::index` writes it (the demo generator writes many at once).
#[derive(Debug, Insertable)]
#[diesel(table_name = search_documents, treat_none_as_default_value = false)]
pub struct NewSearchDocument {
    pub kind: String,
    pub ref_id: i64,
    pub community_id: i64,
    pub post_id: Option<i64>,
    pub title: String,
    pub body: String,
    pub title_stems: String,
    pub body_stems: String,
    pub created_at: NaiveDateTime,
}
