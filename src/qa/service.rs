//! Votes on questions and answers, accepting an answer, and a community's questions.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;

use crate::api::pagination::{PageRequest, Paged};
use crate::communities::policy::Access;
use crate::db::models::{Comment, Person, Post};
use crate::db::schema::{comments, posts};
use crate::db::{DbConnection, now, write_transaction};
use crate::domain::{Invalid, PostKind};
use crate::error::AppError;
use crate::error::Code;
use crate::notifications::notices::{self as notifications, Kind, Notice};
use crate::posts::policy::{load_comment, load_post};
use crate::posts::service::{PostView, views_across};
use crate::votes::{self, Subject};

/// Upvotes a question (`up`) or takes the vote back.
pub fn vote_question(conn: &mut DbConnection, viewer: &Person, post_id: i64, up: bool) -> Result<(), AppError> {
    write_transaction(conn, |conn| {
        votes::lock(conn, Subject::Post, post_id)?;
        let access = load_post(conn, viewer, post_id)?;
        if up {
            access.can_vote(access.post.author_id, None)?;
            votes::cast(conn, Subject::Post, post_id, viewer.id)?;
        } else {
            access.can_participate()?;
            votes::withdraw(conn, Subject::Post, post_id, viewer.id)?;
        }
        Ok(())
    })
}

/// Upvotes an answer (or takes the vote back); returns its question.
pub fn vote_answer(conn: &mut DbConnection, viewer: &Person, comment_id: i64, up: bool) -> Result<i64, AppError> {
    write_transaction(conn, |conn| {
        votes::lock(conn, Subject::Comment, comment_id)?;
        let (access, answer) = load_comment(conn, viewer, comment_id)?;
        if up {
            access.can_vote(answer.author_id, Some(&answer))?;
            votes::cast(conn, Subject::Comment, comment_id, viewer.id)?;
        } else {
            access.can_participate()?;
            votes::withdraw(conn, Subject::Comment, comment_id, viewer.id)?;
        }
        Ok(access.post.id)
    })
}

/// The asker (or a moderator) accepts one of the answers, or with `None` none any more; the
/// answer's author hears of it.
pub fn accept(conn: &mut DbConnection, viewer: &Person, post_id: i64, answer: Option<i64>) -> Result<(), AppError> {
    write_transaction(conn, |conn| {
        let access = load_post(conn, viewer, post_id)?;
        access.can_accept()?;
        let Some(answer) = answer else {
            diesel::update(posts::table.find(post_id))
                .set((
                    posts::accepted_comment_id.eq(None::<i64>),
                    posts::accepted_at.eq(None::<NaiveDateTime>),
                ))
                .execute(conn)?;
            return Ok(());
        };
        let chosen: Option<Comment> = comments::table
            .find(answer)
            .filter(comments::post_id.eq(post_id))
            .filter(comments::parent_id.is_null())
            .filter(comments::deleted_at.is_null())
            .select(Comment::as_select())
            .first(conn)
            .optional()?;
        let Some(chosen) = chosen else {
            return Err(Invalid::new("comment_id", "not-an-answer").into());
        };
        diesel::update(posts::table.find(post_id))
            .set((
                posts::accepted_comment_id.eq(Some(answer)),
                posts::accepted_at.eq(Some(now())),
            ))
            .execute(conn)?;
        if let Some(author) = chosen.author_id {
            notifications::notify(
                conn,
                Notice::post(
                    Kind::AnswerAccepted,
                    author,
                    Some(viewer.id),
                    Some(post_id),
                    Some(answer),
                ),
            )?;
        }
        Ok(())
    })
}

/// A question in a community's list, with how long it has waited.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct QuestionItem {
    #[serde(flatten)]
    pub post: PostView,
    /// Answers (top-level comments).
    pub answers: i64,
    /// Hours since it was asked.
    pub age_hours: i64,
    pub age_days: i64,
}

/// A community's questions, newest first; `unanswered`: only those nobody has answered yet
/// ("help wanted").
pub fn list(
    conn: &mut DbConnection,
    viewer: &Person,
    access: &Access,
    unanswered: bool,
    page: &PageRequest,
) -> Result<Paged<QuestionItem>, AppError> {
    if !access.can_read() {
        return Err(AppError::Forbidden {
            code: Code::MembersOnly,
        });
    }
    let mine = || {
        let q = posts::table
            .filter(posts::community_id.eq(access.community.id))
            .filter(posts::kind.eq(PostKind::Question.as_str()))
            .filter(posts::deleted_at.is_null())
            .into_boxed();
        if unanswered {
            q.filter(posts::first_answer_at.is_null())
        } else {
            q
        }
    };
    let total: i64 = mine().count().get_result(conn)?;
    let mut q = mine();
    if let Some(id) = page.after_id()? {
        q = q.filter(posts::id.lt(id));
    }
    let rows: Vec<Post> = q
        .order(posts::id.desc())
        .limit(page.limit + 1)
        .select(Post::as_select())
        .load(conn)?;
    let ids: Vec<i64> = rows.iter().map(|p| p.id).collect();
    let answers: std::collections::HashMap<i64, i64> = comments::table
        .filter(comments::post_id.eq_any(&ids))
        .filter(comments::parent_id.is_null())
        .filter(comments::deleted_at.is_null())
        .group_by(comments::post_id)
        .select((comments::post_id, diesel::dsl::count_star()))
        .load::<(i64, i64)>(conn)?
        .into_iter()
        .collect();
    let at = now();
    let items = views_across(conn, viewer, rows)?
        .into_iter()
        .map(|post| {
            let age_hours = (at - post.created_at).num_hours().max(0);
            QuestionItem {
                answers: answers.get(&post.id).copied().unwrap_or(0),
                age_hours,
                age_days: age_hours / 24,
                post,
            }
        })
        .collect();
    Ok(Paged::from_rows(items, page.limit, total, |q| {
        vec![q.post.id.to_string()]
    }))
}
