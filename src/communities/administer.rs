//! What administrators do to communities, whoever manages them: see all of them (secret ones
//! too) with their managers, archive or reopen one, hand one to a new manager, allow or
//! withdraw per-person figures (`kpi::contributors`). Audited.

use std::collections::HashMap;

use diesel::prelude::*;
use serde::Serialize;

use crate::db::models::{NewAuditEntry, Person};
use crate::db::schema::{communities, memberships, people};
use crate::db::{DbConnection, write_transaction};
use crate::domain::{MembershipState, Role, Uid};
use crate::error::AppError;

#[derive(Debug, Serialize)]
pub struct CommunityRow {
    pub slug: String,
    pub name: String,
    pub kind: String,
    pub visibility: String,
    pub archived: bool,
    pub members: i64,
    /// Managers' names.
    pub managers: Vec<String>,
    /// Whether an admin allowed per-person figures here, and why.
    pub person_figures: Option<super::permits::Permit>,
}

/// What archiving a community touches, for the question asked first.
#[derive(Debug)]
pub struct Archiving {
    pub name: String,
    pub members: i64,
}

pub fn archiving(conn: &mut DbConnection, slug: &str) -> Result<Archiving, AppError> {
    let (name, members) = communities::table
        .filter(communities::slug.eq(slug))
        .select((communities::name, communities::member_count))
        .first::<(String, i64)>(conn)
        .optional()?
        .ok_or(AppError::NotFound)?;
    Ok(Archiving { name, members })
}

/// Every community whose name contains `q` (all without one), with its managers; 200 at most.
pub fn all(conn: &mut DbConnection, q: &str) -> Result<Vec<CommunityRow>, AppError> {
    let mut query = communities::table.into_boxed();
    if !q.trim().is_empty() {
        query = query.filter(
            communities::search_text
                .like(crate::db::contains_pattern(q.trim()))
                .escape('\\'),
        );
    }
    let found: Vec<(i64, String, String, String, String, bool, i64)> = query
        .order(communities::name)
        .limit(200)
        .select((
            communities::id,
            communities::slug,
            communities::name,
            communities::kind,
            communities::visibility,
            communities::archived,
            communities::member_count,
        ))
        .load(conn)?;
    let ids: Vec<i64> = found.iter().map(|c| c.0).collect();
    let mut managers: HashMap<i64, Vec<String>> = HashMap::new();
    for (community, name) in memberships::table
        .inner_join(people::table)
        .filter(memberships::community_id.eq_any(&ids))
        .filter(memberships::role.eq(Role::Manager.as_str()))
        .filter(memberships::state.eq(MembershipState::Active.as_str()))
        .order(people::display_name)
        .select((memberships::community_id, people::display_name))
        .load::<(i64, String)>(conn)?
    {
        managers.entry(community).or_default().push(name);
    }
    let mut permits: HashMap<i64, _> = super::permits::permits(conn, &ids)?.into_iter().collect();
    Ok(found
        .into_iter()
        .map(|(id, slug, name, kind, visibility, archived, members)| CommunityRow {
            slug,
            name,
            kind,
            visibility,
            archived,
            members,
            managers: managers.remove(&id).unwrap_or_default(),
            person_figures: permits.remove(&id),
        })
        .collect())
}

fn community(conn: &mut DbConnection, slug: &str) -> Result<i64, AppError> {
    Ok(communities::table
        .filter(communities::slug.eq(slug))
        .select(communities::id)
        .first(conn)?)
}

/// Archives (read-only, kept) or reopens a community.
pub fn set_archived(conn: &mut DbConnection, admin: &Person, slug: &str, archived: bool) -> Result<(), AppError> {
    write_transaction(conn, |conn| {
        let id = community(conn, slug)?;
        diesel::update(communities::table.find(id))
            .set((
                communities::archived.eq(archived),
                communities::updated_at.eq(crate::db::now()),
            ))
            .execute(conn)?;
        let action = if archived {
            "community.archive"
        } else {
            "community.reopen"
        };
        NewAuditEntry::record(conn, Some(admin.id), action, ("community", slug), serde_json::json!({}))?;
        Ok(())
    })
}

/// Makes `uid` a manager of the community (a member first if they were not); the managers
/// before stay unless they step down themselves.
pub fn transfer(conn: &mut DbConnection, admin: &Person, slug: &str, uid: &Uid) -> Result<(), AppError> {
    write_transaction(conn, |conn| {
        let id = community(conn, slug)?;
        let person: i64 = people::table
            .filter(people::uid.eq(uid.as_str()))
            .filter(people::active.eq(true))
            .select(people::id)
            .first(conn)
            .optional()?
            .ok_or(crate::domain::Invalid::new("uid", "unknown-person"))?;
        super::service::upsert_membership(conn, id, person, Role::Manager, MembershipState::Active)?;
        NewAuditEntry::record(
            conn,
            Some(admin.id),
            "community.transfer",
            ("community", slug),
            serde_json::json!({ "manager": uid.as_str() }),
        )?;
        Ok(())
    })
}
