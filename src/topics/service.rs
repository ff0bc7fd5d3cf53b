//! Topics are read from posts when they are saved (`post_topics`); lists here only show posts
//! the viewer may read (`posts::policy::readable_by`).

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;

use crate::api::pagination::{PageRequest, Paged, parse_id_key, parse_time_key, time_key};
use crate::db::models::{Person, Post};
use crate::db::schema::{post_topics, posts};
use crate::db::{DbConnection, now};
use crate::domain::Invalid;
use crate::error::AppError;
use crate::posts::policy::readable_by;
use crate::posts::service::{PostView, views_across};

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
    let tagged = || {
        posts::table
            .filter(readable_by(viewer.id))
            .filter(
                posts::id.eq_any(
                    post_topics::table
                        .filter(post_topics::topic.eq(topic.clone()))
                        .select(post_topics::post_id),
                ),
            )
            .into_boxed()
    };
    let total: i64 = tagged().count().get_result(conn)?;
    let mut q = tagged();
    if let Some(after) = &page.after {
        let (at, id) = cursor(after)?;
        q = q.filter(
            posts::created_at
                .lt(at)
                .or(posts::created_at.eq(at).and(posts::id.lt(id))),
        );
    }
    let rows: Vec<Post> = q
        .order((posts::created_at.desc(), posts::id.desc()))
        .limit(page.limit + 1)
        .select(Post::as_select())
        .load(conn)?;
    let views = views_across(conn, viewer, rows)?;
    Ok(Paged::from_rows(views, page.limit, total, |p| {
        vec![time_key(p.created_at), p.id.to_string()]
    }))
}

fn cursor(key: &[String]) -> Result<(NaiveDateTime, i64), Invalid> {
    match key {
        [at, id] => Ok((parse_time_key(at)?, parse_id_key(id)?)),
        _ => Err(Invalid::new("cursor", "malformed")),
    }
}
