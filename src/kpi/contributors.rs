//! Per-person activity figures: none anywhere, unless an administrator allows them for one
//! community with a recorded reason (`communities::permits`). Even then the list is by name,
//! not a ranking, and names only people who took part: nobody learns who did not.

use std::collections::BTreeMap;

use diesel::dsl::count_star;
use diesel::prelude::*;
use serde::Serialize;

use super::figures::Period;
use crate::communities::permits::{Permit, permit};
use crate::db::DbConnection;
use crate::db::schema::{comments, people, posts, reactions};
use crate::error::AppError;

/// One person's contributions to the community in the period.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Contribution {
    pub uid: String,
    pub name: String,
    pub posts: i64,
    pub comments: i64,
    pub reactions: i64,
}

/// Who contributed to `community` in `period` and how much, by name; only with a permit
/// (`None` without one, whoever asks).
pub fn contributions(
    conn: &mut DbConnection,
    community: i64,
    period: Period,
) -> Result<Option<(Permit, Vec<Contribution>)>, AppError> {
    let Some(permit) = permit(conn, community)? else {
        return Ok(None);
    };
    let (begin, end) = period.bounds();
    let mut counts: BTreeMap<i64, [i64; 3]> = BTreeMap::new();
    let authored: Vec<(Option<i64>, i64)> = posts::table
        .filter(posts::community_id.eq(community))
        .filter(posts::created_at.ge(begin))
        .filter(posts::created_at.lt(end))
        .filter(posts::deleted_at.is_null())
        .group_by(posts::author_id)
        .select((posts::author_id, count_star()))
        .load(conn)?;
    let commented: Vec<(Option<i64>, i64)> = comments::table
        .filter(comments::post_id.eq_any(super::people::posts_of(community)))
        .filter(comments::created_at.ge(begin))
        .filter(comments::created_at.lt(end))
        .filter(comments::deleted_at.is_null())
        .group_by(comments::author_id)
        .select((comments::author_id, count_star()))
        .load(conn)?;
    // A boxed query cannot group: one row per reaction of the community's period.
    let mut reacted: Vec<i64> = Vec::new();
    for q in super::people::reactions_in(Some(community)) {
        reacted.extend(
            q.filter(reactions::created_at.ge(begin))
                .filter(reactions::created_at.lt(end))
                .select(reactions::person_id)
                .load::<i64>(conn)?,
        );
    }
    let tallies = [(0, authored), (1, commented)].into_iter().flat_map(|(slot, rows)| {
        rows.into_iter()
            .filter_map(move |(person, n)| person.map(|p| (slot, p, n)))
    });
    let reacted = reacted.into_iter().map(|p| (2, p, 1));
    for (slot, person, n) in tallies.chain(reacted) {
        counts.entry(person).or_default()[slot] += n;
    }
    let ids: Vec<i64> = counts.keys().copied().collect();
    let names: Vec<(i64, String, String)> = people::table
        .filter(people::id.eq_any(&ids))
        .select((people::id, people::uid, people::display_name))
        .load(conn)?;
    let mut list: Vec<Contribution> = names
        .into_iter()
        .map(|(id, uid, name)| {
            let [posts, comments, reactions] = counts[&id];
            Contribution {
                uid,
                name,
                posts,
                comments,
                reactions,
            }
        })
        .collect();
    list.sort_by(|a, b| a.name.cmp(&b.name).then_with(|| a.uid.cmp(&b.uid)));
    Ok(Some((permit, list)))
}
