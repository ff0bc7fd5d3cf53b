//! Searching: the backend matches and ranks (`db::search`), the policies decide what the
//! searching person may see (`posts::policy::readable_by`, `communities::policy::visible_to`).

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;

use crate::api::pagination::PageRequest;
use diesel::dsl::{exists, not};

use crate::communities::policy::{readable_to, visible_to};
use crate::db::models::Person;
use crate::db::schema::{communities, people, posts, search_documents};
use crate::db::search::{MOST_RANKED, ranked};
use crate::db::{DbConnection, contains_pattern};
use crate::domain::Invalid;
use crate::error::AppError;
use crate::subjects::SubjectKind;

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Hit {
    /// post, comment or community
    pub kind: SubjectKind,
    /// The post's title (also for a comment), or the community's name.
    pub title: String,
    /// The start of the text, as read: without markup.
    pub excerpt: String,
    pub url: String,
    /// The community's slug and name.
    pub community: String,
    pub community_name: String,
    #[serde(serialize_with = "crate::domain::utc::write")]
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
    /// How many were found; at most `MOST_RANKED` (then `more` says so).
    pub total: i64,
    /// More were found than were ranked: the newest of them are.
    pub more: bool,
    /// People whose name, uid or mail contains the query (first page only).
    pub people: Vec<PersonHit>,
}

const EXCERPT: usize = 240;

/// What a person may find: documents of communities they may read (posts, comments) or see
/// (the communities themselves), leaving out comments under posts that are hidden or deleted
/// (a post's own document leaves the index with it). Checked per match by key, so it costs
/// what the matches cost, not what the whole company's content costs.
#[diesel::dsl::auto_type(no_type_alias)]
fn permitted(me: i64) -> _ {
    let community: SubjectKind = SubjectKind::Community;
    let can_read: readable_to = readable_to(me);
    let can_see: visible_to = visible_to(me);
    let readable = communities::table.filter(can_read).select(communities::id);
    let visible = communities::table.filter(can_see).select(communities::id);
    let gone = posts::table
        .filter(posts::id.nullable().eq(search_documents::post_id))
        .filter(posts::hidden_at.is_not_null().or(posts::deleted_at.is_not_null()));
    search_documents::kind
        .eq(community)
        .and(search_documents::community_id.eq_any(visible))
        .or(search_documents::kind
            .ne(community)
            .and(search_documents::community_id.eq_any(readable))
            .and(not(exists(gone))))
}

pub fn search(conn: &mut DbConnection, viewer: &Person, query: &str, page: &PageRequest) -> Result<Results, AppError> {
    let query = query.trim();
    let offset = page.after_id()?.unwrap_or(0);
    let mut results = Results {
        items: Vec::new(),
        next_cursor: None,
        total: 0,
        more: false,
        people: Vec::new(),
    };
    if query.chars().count() > 200 {
        return Err(Invalid::new("q", "too-long").into());
    }
    if offset == 0 && !query.is_empty() {
        // Sorted here, not by the database: ordering by name would walk the name index and
        // look up every person to test the text (ten times a plain scan; BENCHMARKS.md).
        let mut found: Vec<(String, String)> = people::table
            .filter(people::active.eq(true))
            .filter(people::search_text.like(contains_pattern(query)).escape('\\'))
            .limit(100)
            .select((people::display_name, people::uid))
            .load(conn)?;
        found.sort();
        results.people = found
            .into_iter()
            .take(10)
            .map(|(display_name, uid)| PersonHit { uid, display_name })
            .collect();
    }
    let Some(found) = ranked(conn, query, Box::new(permitted(viewer.id)))? else {
        return Ok(results);
    };
    results.total = found.len() as i64;
    results.more = results.total >= MOST_RANKED;
    let start = (offset.max(0) as usize).min(found.len());
    let end = (start + page.limit as usize).min(found.len());
    if end < found.len() {
        results.next_cursor = Some(crate::api::pagination::encode_cursor(&[end.to_string()]));
    }
    let on_page = &found[start..end];
    #[allow(clippy::type_complexity)]
    let mut rows: Vec<(i64, SubjectKind, i64, i64, Option<i64>, String, String, NaiveDateTime)> =
        search_documents::table
            .filter(search_documents::id.eq_any(on_page))
            .select((
                search_documents::id,
                search_documents::kind,
                search_documents::ref_id,
                search_documents::community_id,
                search_documents::post_id,
                search_documents::title,
                search_documents::body,
                search_documents::created_at,
            ))
            .load(conn)?;
    rows.sort_by_key(|r| on_page.iter().position(|id| *id == r.0));
    let rows: Vec<_> = rows
        .into_iter()
        .map(|(_, k, r, c, p, t, b, at)| (k, r, c, p, t, b, at))
        .collect();
    let named: std::collections::HashMap<i64, (String, String)> = communities::table
        .filter(communities::id.eq_any(rows.iter().map(|r| r.2).collect::<Vec<_>>()))
        .select((communities::id, communities::slug, communities::name))
        .load::<(i64, String, String)>(conn)?
        .into_iter()
        .map(|(id, slug, name)| (id, (slug, name)))
        .collect();
    let post_titles: std::collections::HashMap<i64, String> = posts::table
        .filter(
            posts::id.eq_any(
                rows.iter()
                    .filter(|r| r.0 == SubjectKind::Comment)
                    .filter_map(|r| r.3)
                    .collect::<Vec<_>>(),
            ),
        )
        .select((posts::id, posts::title))
        .load::<(i64, String)>(conn)?
        .into_iter()
        .collect();
    let mentioned = crate::references::Mentions::load(conn, rows.iter().map(|r| r.5.as_str()))?;
    for (kind, ref_id, community_id, post_id, title, body, created_at) in rows {
        let title = match post_id {
            Some(post) if kind == SubjectKind::Comment => post_titles.get(&post).cloned().unwrap_or(title),
            _ => title,
        };
        let (community, community_name) = named.get(&community_id).cloned().unwrap_or_default();
        let url = match (kind, post_id) {
            (SubjectKind::Community, _) => format!("/c/{community}"),
            (SubjectKind::Comment, Some(post)) => format!("/posts/{post}#comment-{ref_id}"),
            (_, Some(post)) => format!("/posts/{post}"),
            _ => continue,
        };
        results.items.push(Hit {
            kind,
            title,
            excerpt: crate::markdown::excerpt(&body, EXCERPT, &|uid| mentioned.name_of(uid)),
            url,
            community,
            community_name,
            created_at,
        });
    }
    Ok(results)
}
