//! Comments and reactions on posts: every function takes the viewer, asks the policy, then
//! acts, and tells whom it concerns.

use diesel::prelude::*;

use super::policy::{PostAccess, load_comment, load_post};
use super::service::{SavedText, Target};
use crate::db::models::{Comment, NewAuditEntry, NewComment, Person};
use crate::db::schema::{comments, posts, reactions};
use crate::db::{DbConnection, now};
use crate::domain::{CommentBody, Invalid, ReactionKind};
use crate::error::AppError;
use crate::error::Code;
use crate::notifications::notices as notifications;
use crate::search::index;
use crate::subjects::Subject;

/// A comment on a post, or a reply to a top-level comment (one level only).
pub fn add_comment(
    conn: &mut DbConnection,
    viewer: &Person,
    post_id: i64,
    parent_id: Option<i64>,
    body: CommentBody,
) -> Result<i64, AppError> {
    crate::db::write_transaction(conn, |conn| {
        let access = load_post(conn, viewer, post_id)?;
        access.can_participate()?;
        if let Some(parent) = parent_id {
            let parent: Option<Comment> = comments::table
                .find(parent)
                .filter(comments::post_id.eq(post_id))
                .select(Comment::as_select())
                .first(conn)
                .optional()?;
            match parent {
                Some(p) if p.parent_id.is_none() && p.deleted_at.is_none() => {}
                _ => return Err(Invalid::new("parent_id", "not-a-comment").into()),
            }
        }
        let at = now();
        let text = SavedText::of(conn, body.as_str())?;
        let id: i64 = diesel::insert_into(comments::table)
            .values(NewComment {
                post_id,
                parent_id,
                author_id: Some(viewer.id),
                body: body.as_str().to_string(),
                body_html: text.html.clone(),
                created_at: at,
                updated_at: at,
            })
            .returning(comments::id)
            .get_result(conn)?;
        diesel::update(posts::table.find(post_id))
            .set(posts::last_activity_at.eq(at))
            .execute(conn)?;
        // A question's first answer by someone else than its asker starts its answer times.
        if access.is_question() && parent_id.is_none() && access.post.author_id != Some(viewer.id) {
            diesel::update(posts::table.find(post_id))
                .filter(posts::first_answer_at.is_null())
                .set(posts::first_answer_at.eq(Some(at)))
                .execute(conn)?;
        }
        index::refresh(
            conn,
            Subject::Comment {
                post: post_id,
                comment: id,
            },
        )?;
        let parent_author: Option<i64> = match parent_id {
            Some(p) => comments::table.find(p).select(comments::author_id).first(conn)?,
            None => None,
        };
        let mut told = Vec::new();
        for (kind, recipient) in [
            (notifications::Kind::Reply, parent_author),
            (notifications::Kind::Comment, access.post.author_id),
        ] {
            if let Some(recipient) = recipient.filter(|r| !told.contains(r)) {
                told.push(recipient);
                notifications::notify(
                    conn,
                    notifications::Notice::post(kind, recipient, Some(viewer.id), Some(post_id), Some(id)),
                )?;
            }
        }
        notifications::notify_mentions(conn, &text.mentioned_ids(), viewer.id, post_id, Some(id))?;
        Ok(id)
    })
}

/// Returns the comment's post.
pub fn update_comment(conn: &mut DbConnection, viewer: &Person, id: i64, body: CommentBody) -> Result<i64, AppError> {
    crate::db::write_transaction(conn, |conn| {
        let (access, comment) = load_comment(conn, viewer, id)?;
        access.can_edit_comment(&comment)?;
        let text = SavedText::of(conn, body.as_str())?;
        let at = now();
        diesel::update(comments::table.find(id))
            .set((
                comments::body.eq(body.as_str()),
                comments::body_html.eq(&text.html),
                comments::edited_at.eq(Some(at)),
                comments::updated_at.eq(at),
            ))
            .execute(conn)?;
        index::refresh(
            conn,
            Subject::Comment {
                post: comment.post_id,
                comment: id,
            },
        )?;
        let told = text.newly_mentioned(&comment.body);
        notifications::notify_mentions(conn, &told, viewer.id, comment.post_id, Some(id))?;
        Ok(comment.post_id)
    })
}

/// Returns the comment's post.
/// Whose comment deleting would remove (none: one's own), and on which post; only for whoever
/// may delete it.
#[derive(Debug)]
pub struct CommentDeletion {
    pub post: i64,
    pub author: Option<crate::references::AuthorRef>,
}

pub fn deletion(conn: &mut DbConnection, viewer: &Person, id: i64) -> Result<CommentDeletion, AppError> {
    let (access, comment) = load_comment(conn, viewer, id)?;
    access.can_delete_comment(&comment)?;
    let author = match comment.author_id {
        Some(a) if a != viewer.id => crate::references::author_ref(conn, Some(a))?,
        _ => None,
    };
    Ok(CommentDeletion {
        post: comment.post_id,
        author,
    })
}

pub fn delete_comment(conn: &mut DbConnection, viewer: &Person, id: i64) -> Result<i64, AppError> {
    crate::db::write_transaction(conn, |conn| {
        let (access, comment) = load_comment(conn, viewer, id)?;
        access.can_delete_comment(&comment)?;
        diesel::update(comments::table.find(id))
            .set((
                comments::deleted_at.eq(Some(now())),
                comments::deleted_by.eq(Some(viewer.id)),
            ))
            .execute(conn)?;
        index::refresh(
            conn,
            Subject::Comment {
                post: comment.post_id,
                comment: id,
            },
        )?;
        if comment.author_id != Some(viewer.id) {
            NewAuditEntry::record(
                conn,
                Some(viewer.id),
                "comment.delete",
                ("comment", &id.to_string()),
                serde_json::json!({ "post": comment.post_id }),
            )?;
        }
        Ok(comment.post_id)
    })
}

/// Sets (or with `None` takes back) the viewer's reaction; returns the post it belongs to.
pub fn react(
    conn: &mut DbConnection,
    viewer: &Person,
    target: Target,
    kind: Option<ReactionKind>,
) -> Result<i64, AppError> {
    crate::db::write_transaction(conn, |conn| {
        let (access, target_type, target_id) = match target {
            Target::Post(id) => (load_post(conn, viewer, id)?, "post", id),
            Target::Comment(id) => {
                let (access, comment) = load_comment(conn, viewer, id)?;
                if comment.deleted_at.is_some() {
                    return Err(AppError::Conflict { code: Code::Deleted });
                }
                (access, "comment", id)
            }
        };
        access.can_participate()?;
        let mine = reactions::table
            .filter(reactions::target_type.eq(target_type))
            .filter(reactions::target_id.eq(target_id))
            .filter(reactions::person_id.eq(viewer.id));
        let had_reacted = diesel::delete(mine).execute(conn)? > 0;
        if let Some(kind) = kind {
            diesel::insert_into(reactions::table)
                .values((
                    reactions::target_type.eq(target_type),
                    reactions::target_id.eq(target_id),
                    reactions::person_id.eq(viewer.id),
                    reactions::kind.eq(kind.as_str()),
                    reactions::created_at.eq(now()),
                ))
                .execute(conn)?;
            if !had_reacted {
                tell_about_reaction(conn, viewer, &access, target)?;
            }
        }
        Ok(access.post.id)
    })
}

/// Tells the author that someone reacted (a summary: see `notify_reaction`); changing one's
/// reaction tells nobody again.
fn tell_about_reaction(
    conn: &mut DbConnection,
    viewer: &Person,
    access: &PostAccess,
    target: Target,
) -> Result<(), AppError> {
    let (author, comment, target_type, target_id) = match target {
        Target::Post(id) => (access.post.author_id, None, "post", id),
        Target::Comment(id) => (
            comments::table.find(id).select(comments::author_id).first(conn)?,
            Some(id),
            "comment",
            id,
        ),
    };
    let Some(author) = author else { return Ok(()) };
    let reacted: i64 = reactions::table
        .filter(reactions::target_type.eq(target_type))
        .filter(reactions::target_id.eq(target_id))
        .filter(reactions::person_id.ne(author))
        .count()
        .get_result(conn)?;
    notifications::notify_reaction(
        conn,
        notifications::Notice::post(
            notifications::Kind::Reaction,
            author,
            Some(viewer.id),
            Some(access.post.id),
            comment,
        ),
        reacted,
    )
}
