//! What a viewer may do with a post or a comment. It follows from the community's access
//! (`communities::policy`), decided here once for pages, API, feed, search and notifications.

use diesel::dsl::exists;
use diesel::prelude::*;

use crate::communities::policy::{self as communities, Access};
use crate::db::DbConnection;
use crate::db::models::{Comment, Person, Post};
use crate::db::schema::{comments, communities as communities_t, posts};
use crate::domain::PostKind;
use crate::error::AppError;
use crate::error::Code;

/// `PostAccess::can_read` as SQL, for lists across communities (topics, feed, notifications):
/// not deleted, and in a community the viewer may read (`communities::policy::readable_to`).
/// (A concrete type, not a boxed one, so that it can stand inside joins and subqueries.)
#[diesel::dsl::auto_type(no_type_alias)]
pub fn readable_by(viewer_id: i64) -> _ {
    let community_readable: communities::readable_to = communities::readable_to(viewer_id);
    posts::deleted_at.is_null().and(exists(
        communities_t::table
            .filter(communities_t::id.eq(posts::community_id))
            .filter(community_readable),
    ))
}

/// Writing a post of this kind: questions are every member's (Q&A); articles follow
/// `Access::can_post` (in department and organization communities, their managers').
pub fn can_write(access: &Access, kind: PostKind) -> Result<(), AppError> {
    match kind {
        PostKind::Question => access.can_participate(),
        PostKind::Post => access.can_post(),
    }
}

/// A post the viewer may read, with the community's access.
#[derive(Debug, Clone)]
pub struct PostAccess {
    pub community: Access,
    pub post: Post,
    pub viewer_id: i64,
}

/// Loads a post for this viewer; one they may not read is `NotFound`, like one that does not exist.
pub fn load_post(conn: &mut DbConnection, viewer: &Person, id: i64) -> Result<PostAccess, AppError> {
    let post: Post = posts::table
        .find(id)
        .select(Post::as_select())
        .first(conn)
        .optional()?
        .ok_or(AppError::NotFound)?;
    let community = communities::load_id(conn, viewer, post.community_id)?;
    let access = PostAccess {
        community,
        post,
        viewer_id: viewer.id,
    };
    if access.can_read() {
        Ok(access)
    } else {
        Err(AppError::NotFound)
    }
}

/// Loads a comment and its post for this viewer, under the same rule.
pub fn load_comment(conn: &mut DbConnection, viewer: &Person, id: i64) -> Result<(PostAccess, Comment), AppError> {
    let comment: Comment = comments::table
        .find(id)
        .select(Comment::as_select())
        .first(conn)
        .optional()?
        .ok_or(AppError::NotFound)?;
    let post = load_post(conn, viewer, comment.post_id)?;
    if post.sees_comment(&comment) {
        Ok((post, comment))
    } else {
        Err(AppError::NotFound)
    }
}

impl PostAccess {
    /// Deleted posts stay visible to the community's moderators, marked as deleted.
    pub fn can_read(&self) -> bool {
        self.community.can_read() && (self.post.deleted_at.is_none() || self.community.can_moderate())
    }

    pub fn sees_comment(&self, c: &Comment) -> bool {
        c.deleted_at.is_none() || self.community.can_moderate()
    }

    fn is_author(&self, author: Option<i64>) -> bool {
        author == Some(self.viewer_id)
    }

    fn alive(&self) -> Result<(), AppError> {
        self.community.writable()?;
        if self.post.deleted_at.is_some() {
            return Err(AppError::Conflict { code: Code::Deleted });
        }
        Ok(())
    }

    /// Authors edit their own posts while they belong to the community.
    pub fn can_edit(&self) -> Result<(), AppError> {
        self.alive()?;
        if self.is_author(self.post.author_id) && self.community.is_member() {
            Ok(())
        } else {
            Err(AppError::Forbidden { code: Code::NotAuthor })
        }
    }

    /// Authors delete their own posts; moderators delete any.
    pub fn can_delete(&self) -> Result<(), AppError> {
        self.alive()?;
        if self.is_author(self.post.author_id) || self.community.can_moderate() {
            Ok(())
        } else {
            Err(AppError::Forbidden { code: Code::NotAuthor })
        }
    }

    /// Pinning and announcements are for the community's managers.
    pub fn can_flag(&self) -> Result<(), AppError> {
        if self.community.is_manager() {
            Ok(())
        } else {
            Err(AppError::Forbidden {
                code: Code::ManagersOnly,
            })
        }
    }

    /// Commenting and reacting.
    pub fn can_participate(&self) -> Result<(), AppError> {
        self.alive()?;
        self.community.can_participate()
    }

    pub fn can_edit_comment(&self, c: &Comment) -> Result<(), AppError> {
        self.comment_alive(c)?;
        if self.is_author(c.author_id) && self.community.is_member() {
            Ok(())
        } else {
            Err(AppError::Forbidden { code: Code::NotAuthor })
        }
    }

    pub fn can_delete_comment(&self, c: &Comment) -> Result<(), AppError> {
        self.comment_alive(c)?;
        if self.is_author(c.author_id) || self.community.can_moderate() {
            Ok(())
        } else {
            Err(AppError::Forbidden { code: Code::NotAuthor })
        }
    }

    /// Reporting a post (`comment`: None) or a comment to the moderators: whoever reads it,
    /// while it is there, and never its own author (one withdraws or edits one's own).
    pub fn can_report(&self, comment: Option<&Comment>) -> Result<(), AppError> {
        let (author, deleted) = match comment {
            Some(c) => (c.author_id, c.deleted_at.is_some()),
            None => (self.post.author_id, self.post.deleted_at.is_some()),
        };
        if deleted {
            return Err(AppError::Conflict { code: Code::Deleted });
        }
        if self.is_author(author) {
            return Err(AppError::Forbidden { code: Code::OwnContent });
        }
        Ok(())
    }

    pub fn is_question(&self) -> bool {
        self.post.kind == PostKind::Question
    }

    /// Upvoting a question or one of its answers (top-level comments): members, not their own.
    pub fn can_vote(&self, author: Option<i64>, answer: Option<&Comment>) -> Result<(), AppError> {
        self.can_participate()?;
        if let Some(c) = answer {
            self.comment_alive(c)?;
        }
        if !self.is_question() || answer.is_some_and(|c| c.parent_id.is_some()) {
            return Err(AppError::Conflict {
                code: Code::NotAQuestion,
            });
        }
        if self.is_author(author) {
            return Err(AppError::Forbidden { code: Code::OwnContent });
        }
        Ok(())
    }

    /// The asker, or the community's moderators, accept an answer.
    pub fn can_accept(&self) -> Result<(), AppError> {
        self.alive()?;
        if !self.is_question() {
            return Err(AppError::Conflict {
                code: Code::NotAQuestion,
            });
        }
        if self.is_author(self.post.author_id) || self.community.can_moderate() {
            Ok(())
        } else {
            Err(AppError::Forbidden { code: Code::NotAuthor })
        }
    }

    fn comment_alive(&self, c: &Comment) -> Result<(), AppError> {
        self.alive()?;
        if c.deleted_at.is_some() {
            return Err(AppError::Conflict { code: Code::Deleted });
        }
        Ok(())
    }
}
