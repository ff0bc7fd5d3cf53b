use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::{ama_comments, ama_questions, amas, votes};

#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = amas)]
pub struct Ama {
    pub id: i64,
    pub community_id: i64,
    pub created_by: Option<i64>,
    pub title: String,
    pub description: String,
    pub description_html: String,
    pub time_zone: String,
    pub opens_at: NaiveDateTime,
    pub answering_from: NaiveDateTime,
    pub closes_at: NaiveDateTime,
    pub audience: crate::domain::Audience,
    pub anonymous_allowed: bool,
    pub moderated: bool,
    /// The last state the schedule announced.
    pub announced: String,
    pub summary_post_id: Option<i64>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

impl Ama {
    /// The question window as scheduled.
    pub fn window(&self) -> crate::domain::AmaWindow {
        crate::domain::AmaWindow {
            opens_at: self.opens_at,
            answering_from: self.answering_from,
            closes_at: self.closes_at,
            tz: crate::domain::TimeZone::stored(&self.time_zone),
        }
    }
}

/// A question in an AMA. `asker_id` is never shown for an anonymous question (see the
/// migration and `amas::service::QuestionView`).
#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = ama_questions)]
pub struct AmaQuestion {
    pub id: i64,
    pub ama_id: i64,
    pub asker_id: Option<i64>,
    pub anonymous: bool,
    pub body: String,
    pub body_html: String,
    pub state: crate::domain::QuestionState,
    pub reason: String,
    pub merged_into: Option<i64>,
    pub pinned: bool,
    pub votes: i64,
    pub answer: Option<String>,
    pub answer_html: Option<String>,
    pub answered_by: Option<i64>,
    pub answered_at: Option<NaiveDateTime>,
    pub answer_edited_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = ama_comments)]
pub struct AmaComment {
    pub id: i64,
    pub question_id: i64,
    pub author_id: Option<i64>,
    pub body: String,
    pub body_html: String,
    pub created_at: NaiveDateTime,
}

/// A question as the large demo writes many at once.
#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = ama_questions, treat_none_as_default_value = false)]
pub struct NewAmaQuestion {
    pub ama_id: i64,
    pub asker_id: Option<i64>,
    pub anonymous: bool,
    pub body: String,
    pub body_html: String,
    pub state: crate::domain::QuestionState,
    pub reason: String,
    pub pinned: bool,
    pub votes: i64,
    pub answer: Option<String>,
    pub answer_html: Option<String>,
    pub answered_by: Option<i64>,
    pub answered_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = votes, treat_none_as_default_value = false)]
pub struct NewVote {
    pub subject: String,
    pub subject_id: i64,
    pub person_id: i64,
    pub created_at: NaiveDateTime,
}
