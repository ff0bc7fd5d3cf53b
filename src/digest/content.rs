//! What goes into a person's digest for a period, decided when it is made (so that leaving a
//! community, or losing access, takes effect at once): new posts of the communities they
//! belong to and did not mute (title, author, excerpt — not the full text), the
//! organization's announcements first, grouped by community and capped with "and N more".

use std::collections::BTreeMap;

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;

use crate::communities::service::CommunityRef;
use crate::db::DbConnection;
use crate::db::models::{Community, Person, Post};
use crate::db::schema::{communities, digest_mutes, memberships, posts};
use crate::domain::{CommunityKind, MembershipState};
use crate::error::AppError;
use crate::posts::policy::readable_by;
use crate::posts::service::authors;

/// Posts shown per community; the rest are counted.
const PER_COMMUNITY: usize = 5;
/// Characters of a post's text shown.
const EXCERPT: usize = 200;

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct DigestPost {
    pub id: i64,
    pub title: String,
    pub author: Option<String>,
    pub excerpt: String,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct DigestGroup {
    pub community: CommunityRef,
    pub posts: Vec<DigestPost>,
    /// Posts of the period beyond those shown.
    pub more: usize,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Digest {
    pub since: NaiveDateTime,
    pub until: NaiveDateTime,
    pub announcements: Vec<DigestPost>,
    pub groups: Vec<DigestGroup>,
}

impl Digest {
    /// Nothing new: no mail.
    pub fn is_empty(&self) -> bool {
        self.announcements.is_empty() && self.groups.is_empty()
    }
}

pub fn build(
    conn: &mut DbConnection,
    person: &Person,
    since: NaiveDateTime,
    until: NaiveDateTime,
) -> Result<Digest, AppError> {
    let member_of = memberships::table
        .filter(memberships::person_id.eq(person.id))
        .filter(memberships::state.eq(MembershipState::Active.as_str()))
        .select(memberships::community_id);
    let muted = digest_mutes::table
        .filter(digest_mutes::person_id.eq(person.id))
        .select(digest_mutes::community_id);
    let organization = communities::table
        .filter(communities::kind.eq(CommunityKind::Organization.as_str()))
        .select(communities::id);
    let rows: Vec<Post> = posts::table
        .filter(readable_by(person.id))
        .filter(posts::hidden_at.is_null())
        .filter(posts::created_at.ge(since))
        .filter(posts::created_at.lt(until))
        .filter(posts::author_id.ne(person.id).or(posts::author_id.is_null()))
        .filter(
            posts::community_id
                .eq_any(member_of)
                .and(posts::community_id.ne_all(muted))
                .or(posts::announcement
                    .eq(true)
                    .and(posts::community_id.eq_any(organization))),
        )
        .order((posts::created_at.desc(), posts::id.desc()))
        .select(Post::as_select())
        .load(conn)?;
    let names = authors(conn, rows.iter().filter_map(|p| p.author_id))?;
    let ids: Vec<i64> = rows.iter().map(|p| p.community_id).collect();
    let by_id: BTreeMap<i64, Community> = communities::table
        .filter(communities::id.eq_any(&ids))
        .select(Community::as_select())
        .load(conn)?
        .into_iter()
        .map(|c| (c.id, c))
        .collect();
    let mut announcements = Vec::new();
    let mut grouped: BTreeMap<(String, i64), (CommunityRef, Vec<DigestPost>)> = BTreeMap::new();
    for p in rows {
        let Some(community) = by_id.get(&p.community_id) else {
            continue;
        };
        let item = DigestPost {
            id: p.id,
            author: p.author_id.and_then(|a| names.get(&a)).map(|a| a.display_name.clone()),
            excerpt: crate::markdown::excerpt(&p.body, EXCERPT),
            title: p.title,
            created_at: p.created_at,
        };
        if p.announcement && community.kind() == CommunityKind::Organization {
            announcements.push(item);
        } else {
            grouped
                .entry((community.name.to_lowercase(), community.id))
                .or_insert_with(|| (CommunityRef::from(community), Vec::new()))
                .1
                .push(item);
        }
    }
    let groups = grouped
        .into_values()
        .map(|(community, mut posts)| {
            let more = posts.len().saturating_sub(PER_COMMUNITY);
            posts.truncate(PER_COMMUNITY);
            DigestGroup { community, posts, more }
        })
        .collect();
    Ok(Digest {
        since,
        until,
        announcements,
        groups,
    })
}
