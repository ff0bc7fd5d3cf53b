//! Per-person activity figures: none anywhere, unless an administrator allows them for one
//! community with a recorded reason (`person_figure_permits`). The reason is shown to the
//! community's members and on the privacy page, and granting or withdrawing is audited. Even
//! then the list is by name, not a ranking, and names only people who took part: nobody learns
//! who did not.

use std::collections::BTreeMap;

use chrono::NaiveDateTime;
use diesel::dsl::count_star;
use diesel::prelude::*;
use serde::Serialize;

use super::figures::Period;
use crate::db::models::{NewAuditEntry, Person};
use crate::db::schema::{comments, communities, people, person_figure_permits, posts, reactions};
use crate::db::{DbConnection, write_transaction};
use crate::domain::PermitReason;
use crate::error::AppError;

/// An administrator's permission for per-person figures in one community.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Permit {
    pub reason: String,
    /// Who granted it (empty when they were removed since).
    pub granted_by: String,
    pub granted_at: NaiveDateTime,
}

/// One person's contributions to the community in the period.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Contribution {
    pub uid: String,
    pub name: String,
    pub posts: i64,
    pub comments: i64,
    pub reactions: i64,
}

/// The permits of `ids`' communities, by community id.
pub fn permits(conn: &mut DbConnection, ids: &[i64]) -> QueryResult<Vec<(i64, Permit)>> {
    let rows: Vec<(i64, String, Option<String>, NaiveDateTime)> = person_figure_permits::table
        .left_join(people::table.on(people::id.nullable().eq(person_figure_permits::granted_by)))
        .filter(person_figure_permits::community_id.eq_any(ids))
        .select((
            person_figure_permits::community_id,
            person_figure_permits::reason,
            people::display_name.nullable(),
            person_figure_permits::granted_at,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(id, reason, by, at)| {
            let permit = Permit {
                reason,
                granted_by: by.unwrap_or_default(),
                granted_at: at,
            };
            (id, permit)
        })
        .collect())
}

pub fn permit(conn: &mut DbConnection, community: i64) -> QueryResult<Option<Permit>> {
    Ok(permits(conn, &[community])?.into_iter().next().map(|(_, p)| p))
}

/// How many communities have a permit (the privacy page says so, naming none: it is public).
pub fn count_permits(conn: &mut DbConnection) -> Result<i64, AppError> {
    Ok(person_figure_permits::table.count().get_result(conn)?)
}

fn community(conn: &mut DbConnection, slug: &str) -> Result<i64, AppError> {
    Ok(communities::table
        .filter(communities::slug.eq(slug))
        .select(communities::id)
        .first(conn)?)
}

/// Allows per-person figures in `slug`, for `reason` (replacing an earlier one). Audited.
pub fn grant(conn: &mut DbConnection, admin: &Person, slug: &str, reason: &str) -> Result<(), AppError> {
    let reason = PermitReason::parse("reason", reason)?;
    write_transaction(conn, |conn| {
        let id = community(conn, slug)?;
        diesel::delete(person_figure_permits::table.find(id)).execute(conn)?;
        diesel::insert_into(person_figure_permits::table)
            .values((
                person_figure_permits::community_id.eq(id),
                person_figure_permits::reason.eq(reason.as_str()),
                person_figure_permits::granted_by.eq(Some(admin.id)),
                person_figure_permits::granted_at.eq(crate::db::now()),
            ))
            .execute(conn)?;
        let details = serde_json::json!({ "reason": reason.as_str() });
        NewAuditEntry::record(
            conn,
            Some(admin.id),
            "community.person-figures-on",
            ("community", slug),
            details,
        )?;
        Ok(())
    })
}

/// Withdraws the permit: the figures disappear at once. Audited.
pub fn withdraw(conn: &mut DbConnection, admin: &Person, slug: &str) -> Result<(), AppError> {
    write_transaction(conn, |conn| {
        let id = community(conn, slug)?;
        if diesel::delete(person_figure_permits::table.find(id)).execute(conn)? > 0 {
            let details = serde_json::json!({});
            NewAuditEntry::record(
                conn,
                Some(admin.id),
                "community.person-figures-off",
                ("community", slug),
                details,
            )?;
        }
        Ok(())
    })
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
