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
    // The readable posts first, then their topics: the readability rule is an expression on
    // `posts` alone, which diesel cannot carry into a join.
    let ids: Vec<i64> = posts::table
        .filter(readable_by(viewer.id))
        .filter(posts::created_at.ge(since))
        .select(posts::id)
        .load(conn)?;
    let mut counts: std::collections::HashMap<String, i64> = Default::default();
    for chunk in ids.chunks(10_000) {
        for (topic, n) in post_topics::table
            .filter(post_topics::post_id.eq_any(chunk))
            .group_by(post_topics::topic)
            .select((post_topics::topic, diesel::dsl::count_star()))
            .load::<(String, i64)>(conn)?
        {
            *counts.entry(topic).or_default() += n;
        }
    }
    let mut rows: Vec<(String, i64)> = counts.into_iter().collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    rows.truncate(limit.max(0) as usize);
    Ok(rows
        .into_iter()
        .map(|(topic, posts)| TopicCount {
            path: crate::markdown::topic_path(&topic),
            topic,
            posts,
        })
        .collect())
}

/// The posts that name a topic, newest first.
pub fn posts(
    conn: &mut DbConnection,
    viewer: &Person,
    topic: &str,
    page: &PageRequest,
) -> Result<Paged<PostView>, AppError> {
    let topic = crate::markdown::topic_key(topic.trim());
    newest(conn, viewer, page, || {
        posts::table
            .filter(
                posts::id.eq_any(
                    post_topics::table
                        .filter(post_topics::topic.eq(topic.clone()))
                        .select(post_topics::post_id),
                ),
            )
            .into_boxed()
    })
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
