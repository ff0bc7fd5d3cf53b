//! Keeping the search documents in step with the content they describe. Deleted and hidden
//! content leaves the index. Posts, comments and communities are found by their words; the
//! other subjects are not indexed (yet), and refreshing one does nothing.

use diesel::prelude::*;

use crate::db::models::{Comment, Community, Post};
use crate::db::schema::{comments, communities, posts, search_documents};
use crate::db::{DbConnection, search::stems};
use crate::subjects::Subject;

/// Writes (or removes) the document for `subject` as the content is now.
pub fn refresh(conn: &mut DbConnection, subject: Subject) -> QueryResult<()> {
    if !matches!(
        subject,
        Subject::Post(_) | Subject::Comment { .. } | Subject::Community(_)
    ) {
        return Ok(());
    }
    let (kind, ref_id) = (subject.kind(), subject.id());
    diesel::delete(
        search_documents::table
            .filter(search_documents::kind.eq(kind))
            .filter(search_documents::ref_id.eq(ref_id)),
    )
    .execute(conn)?;
    let found: Option<(i64, Option<i64>, String, String, chrono::NaiveDateTime)> = match subject {
        Subject::Post(id) => posts::table
            .find(id)
            .select(Post::as_select())
            .first(conn)
            .optional()?
            .filter(|p| p.deleted_at.is_none() && p.hidden_at.is_none())
            .map(|p| (p.community_id, Some(p.id), p.title, p.body, p.created_at)),
        Subject::Comment { comment: id, .. } => {
            let comment = comments::table
                .find(id)
                .select(Comment::as_select())
                .first(conn)
                .optional()?
                .filter(|c| c.deleted_at.is_none() && c.hidden_at.is_none());
            match comment {
                // A comment is found by its own words only; its post's title is looked up for showing.
                Some(c) => {
                    let community: i64 = posts::table.find(c.post_id).select(posts::community_id).first(conn)?;
                    Some((community, Some(c.post_id), String::new(), c.body, c.created_at))
                }
                None => None,
            }
        }
        Subject::Community(id) => communities::table
            .find(id)
            .select(Community::as_select())
            .first(conn)
            .optional()?
            .map(|c| (c.id, None, c.name, c.description, c.created_at)),
        _ => None,
    };
    let Some((community_id, post_id, title, body, created_at)) = found else {
        return Ok(());
    };
    diesel::insert_into(search_documents::table)
        .values((
            search_documents::kind.eq(kind),
            search_documents::ref_id.eq(ref_id),
            search_documents::community_id.eq(community_id),
            search_documents::post_id.eq(post_id),
            search_documents::title_stems.eq(stems(&title)),
            search_documents::body_stems.eq(stems(&body)),
            search_documents::title.eq(title),
            search_documents::body.eq(body),
            search_documents::created_at.eq(created_at),
        ))
        .execute(conn)?;
    Ok(())
}

/// Writes every document again (after an upgrade added the index).
pub fn rebuild(conn: &mut DbConnection) -> QueryResult<()> {
    let posts: Vec<i64> = posts::table.select(posts::id).load(conn)?;
    let comments: Vec<(i64, i64)> = comments::table.select((comments::post_id, comments::id)).load(conn)?;
    let communities: Vec<i64> = communities::table.select(communities::id).load(conn)?;
    let subjects = posts
        .into_iter()
        .map(Subject::Post)
        .chain(
            comments
                .into_iter()
                .map(|(post, comment)| Subject::Comment { post, comment }),
        )
        .chain(communities.into_iter().map(Subject::Community));
    for subject in subjects {
        refresh(conn, subject)?;
    }
    Ok(())
}
