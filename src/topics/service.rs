//! Topics are read from posts when they are saved (`post_topics`); lists here only show posts
//! the viewer may read (`posts::policy::readable_by`).

use diesel::prelude::*;
use serde::Serialize;

use crate::api::pagination::{PageRequest, Paged};
use crate::db::models::Person;
use crate::db::schema::{post_topics, posts, topic_follows};
use crate::db::{DbConnection, now};
use crate::domain::Invalid;
use crate::error::AppError;
use crate::posts::policy::readable_by;
use crate::posts::service::{PostView, newest};

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct TopicCount {
    pub topic: String,
    /// Its page.
    pub path: String,
    /// Posts naming it (in the period asked for).
    pub posts: i64,
}

/// Topics of the posts the viewer may read from the last `days` days, most named first.
pub fn trending(conn: &mut DbConnection, viewer: &Person, days: i64, limit: i64) -> Result<Vec<TopicCount>, AppError> {
    let since = now() - chrono::Duration::days(days);
    let rows: Vec<(String, i64)> = post_topics::table
        .filter(
            post_topics::post_id.eq_any(
                posts::table
                    .filter(readable_by(viewer.id))
                    .filter(posts::created_at.ge(since))
                    .select(posts::id),
            ),
        )
        .group_by(post_topics::topic)
        .select((post_topics::topic, diesel::dsl::count_star()))
        .order((diesel::dsl::count_star().desc(), post_topics::topic.asc()))
        .limit(limit)
        .load(conn)?;
    Ok(counted(rows))
}

/// Topics starting with `prefix` among the posts the viewer may read, most named first: what
/// the editor offers after a typed `#`, so that one topic keeps one spelling.
pub fn suggest(
    conn: &mut DbConnection,
    viewer: &Person,
    prefix: &str,
    limit: i64,
) -> Result<Vec<TopicCount>, AppError> {
    let prefix = crate::markdown::topic_key(prefix.trim().trim_start_matches('#'));
    if prefix.is_empty() {
        return Ok(Vec::new());
    }
    let rows: Vec<(String, i64)> = post_topics::table
        .filter(
            post_topics::topic
                .like(format!("{}%", crate::db::escape_like(&prefix)))
                .escape('\\'),
        )
        .filter(post_topics::post_id.eq_any(posts::table.filter(readable_by(viewer.id)).select(posts::id)))
        .group_by(post_topics::topic)
        .select((post_topics::topic, diesel::dsl::count_star()))
        .order((diesel::dsl::count_star().desc(), post_topics::topic.asc()))
        .limit(limit)
        .load(conn)?;
    Ok(counted(rows))
}

/// (topic, posts naming it) as the lists show them.
fn counted(rows: Vec<(String, i64)>) -> Vec<TopicCount> {
    rows.into_iter()
        .map(|(topic, posts)| TopicCount {
            path: crate::markdown::topic_path(&topic),
            topic,
            posts,
        })
        .collect()
}

/// The posts that name a topic, newest first.
pub fn posts(
    conn: &mut DbConnection,
    viewer: &Person,
    topic: &str,
    page: &PageRequest,
) -> Result<Paged<PostView>, AppError> {
    let topic = crate::markdown::topic_key(topic.trim());
    let named = posts::table
        .filter(
            posts::id.eq_any(
                post_topics::table
                    .filter(post_topics::topic.eq(topic))
                    .select(post_topics::post_id),
            ),
        )
        .into_boxed();
    newest(conn, viewer, page, vec![named])
}

pub fn follows(conn: &mut DbConnection, viewer: &Person, topic: &str) -> Result<bool, AppError> {
    Ok(diesel::select(diesel::dsl::exists(
        topic_follows::table
            .filter(topic_follows::person_id.eq(viewer.id))
            .filter(topic_follows::topic.eq(crate::markdown::topic_key(topic.trim()))),
    ))
    .get_result(conn)?)
}

/// Follows a topic (its posts come to the home feed), or stops following it.
pub fn set_follow(conn: &mut DbConnection, viewer: &Person, topic: &str, follow: bool) -> Result<(), AppError> {
    let topic = crate::markdown::topic_key(topic.trim());
    if topic.is_empty() || topic.chars().count() > 64 {
        return Err(Invalid::new("topic", "malformed").into());
    }
    let mine = topic_follows::table
        .filter(topic_follows::person_id.eq(viewer.id))
        .filter(topic_follows::topic.eq(&topic));
    diesel::delete(mine).execute(conn)?;
    if follow {
        diesel::insert_into(topic_follows::table)
            .values((
                topic_follows::person_id.eq(viewer.id),
                topic_follows::topic.eq(&topic),
                topic_follows::created_at.eq(now()),
            ))
            .execute(conn)?;
    }
    Ok(())
}
