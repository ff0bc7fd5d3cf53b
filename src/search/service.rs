//! Searching: the backend matches and ranks (`db::search`), the policies decide what the
//! searching person may see (`posts::policy::readable_by`, `communities::policy::visible_to`).

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;

use crate::api::pagination::{PageRequest, parse_id_key};
use crate::communities::policy::visible_to;
use crate::db::models::Person;
use crate::db::schema::{communities, people, posts, search_documents};
use crate::db::{DbConnection, contains_pattern, search::matcher};
use crate::domain::Invalid;
use crate::error::AppError;
use crate::posts::policy::readable_by;

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Hit {
    /// post, comment or community
    pub kind: String,
    /// The post's title (also for a comment), or the community's name.
    pub title: String,
    /// The start of the text (markdown source).
    pub excerpt: String,
    pub url: String,
    pub community: String,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct PersonHit {
    pub uid: String,
    pub display_name: String,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Results {
    pub items: Vec<Hit>,
    pub next_cursor: Option<String>,
    pub total: i64,
    /// People whose name, uid or mail contains the query (first page only).
    pub people: Vec<PersonHit>,
}

const EXCERPT: usize = 240;

pub fn search(conn: &mut DbConnection, viewer: &Person, query: &str, page: &PageRequest) -> Result<Results, AppError> {
    let query = query.trim();
    let offset = match page.after.as_deref() {
        None => 0,
        Some([offset]) => parse_id_key(offset)?,
        Some(_) => return Err(Invalid::new("cursor", "malformed").into()),
    };
    let mut results = Results {
        items: Vec::new(),
        next_cursor: None,
        total: 0,
        people: Vec::new(),
    };
    if query.chars().count() > 200 {
        return Err(Invalid::new("q", "too-long").into());
    }
    if offset == 0 && !query.is_empty() {
        results.people = people::table
            .filter(people::active.eq(true))
            .filter(people::search_text.like(contains_pattern(query)).escape('\\'))
            .order((people::display_name.asc(), people::uid.asc()))
            .limit(10)
            .select((people::uid, people::display_name))
            .load::<(String, String)>(conn)?
            .into_iter()
            .map(|(uid, display_name)| PersonHit { uid, display_name })
            .collect();
    }
    let me = viewer.id;
    let permitted = || {
        // A hidden post's own document is out of the index; its comments, which would show its
        // title, are left out here.
        let readable_posts = posts::table
            .filter(readable_by(me))
            .filter(posts::hidden_at.is_null())
            .select(posts::id);
        let visible_communities = communities::table.filter(visible_to(me)).select(communities::id);
        search_documents::kind
            .eq("community")
            .and(search_documents::community_id.eq_any(visible_communities))
            .or(search_documents::kind
                .ne("community")
                .and(search_documents::post_id.assume_not_null().eq_any(readable_posts)))
    };
    let Some((matches, _)) = matcher(conn, query) else {
        return Ok(results);
    };
    results.total = search_documents::table
        .filter(matches)
        .filter(permitted())
        .count()
        .get_result(conn)?;
    let Some((matches, rank)) = matcher(conn, query) else {
        return Ok(results);
    };
    #[allow(clippy::type_complexity)]
    let rows: Vec<(String, i64, i64, Option<i64>, String, String, NaiveDateTime)> = search_documents::table
        .filter(matches)
        .filter(permitted())
        .order((rank.desc(), search_documents::id.desc()))
        .offset(offset)
        .limit(page.limit + 1)
        .select((
            search_documents::kind,
            search_documents::ref_id,
            search_documents::community_id,
            search_documents::post_id,
            search_documents::title,
            search_documents::body,
            search_documents::created_at,
        ))
        .load(conn)?;
    if rows.len() as i64 > page.limit {
        results.next_cursor = Some(crate::api::pagination::encode_cursor(&[
            (offset + page.limit).to_string()
        ]));
    }
    let slugs: std::collections::HashMap<i64, String> = communities::table
        .filter(communities::id.eq_any(rows.iter().map(|r| r.2).collect::<Vec<_>>()))
        .select((communities::id, communities::slug))
        .load::<(i64, String)>(conn)?
        .into_iter()
        .collect();
    let post_titles: std::collections::HashMap<i64, String> = posts::table
        .filter(
            posts::id.eq_any(
                rows.iter()
                    .filter(|r| r.0 == "comment")
                    .filter_map(|r| r.3)
                    .collect::<Vec<_>>(),
            ),
        )
        .select((posts::id, posts::title))
        .load::<(i64, String)>(conn)?
        .into_iter()
        .collect();
    for (kind, ref_id, community_id, post_id, title, body, created_at) in rows.into_iter().take(page.limit as usize) {
        let title = match post_id {
            Some(post) if kind == "comment" => post_titles.get(&post).cloned().unwrap_or(title),
            _ => title,
        };
        let community = slugs.get(&community_id).cloned().unwrap_or_default();
        let url = match (kind.as_str(), post_id) {
            ("community", _) => format!("/c/{community}"),
            ("comment", Some(post)) => format!("/posts/{post}#comment-{ref_id}"),
            (_, Some(post)) => format!("/posts/{post}"),
            _ => continue,
        };
        results.items.push(Hit {
            kind,
            title,
            excerpt: body.chars().take(EXCERPT).collect(),
            url,
            community,
            created_at,
        });
    }
    Ok(results)
}
