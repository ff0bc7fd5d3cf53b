//! The communities that follow the organization and the directory rather than their members:
//! the organization's (everyone active belongs), a department's (its people, its head as
//! manager), a directory group's; and the demo's, made with their managers. Their memberships
//! come from here and from the sync, not from joining.

use diesel::prelude::*;

use super::service::{directory_name, insert_community, unique_slug, upsert_membership};
use crate::config::OrganizationSettings;
use crate::db::models::{Community, Membership, NewMembership, Person};
use crate::db::schema::{communities, memberships, people};
use crate::db::{DbConnection, now};
use crate::domain::{CommunityKind, CommunityName, CommunitySlug, JoinPolicy, MembershipState, Role, Visibility};
use crate::error::AppError;

/// The organization-wide community; created on first start.
pub fn ensure_organization(conn: &mut DbConnection, org: &OrganizationSettings) -> Result<Community, AppError> {
    let existing: Option<Community> = communities::table
        .filter(communities::kind.eq(CommunityKind::Organization.as_str()))
        .select(Community::as_select())
        .first(conn)
        .optional()?;
    if let Some(c) = existing {
        return Ok(c);
    }
    let name = CommunityName::parse("name", &org.name)?;
    crate::db::write_transaction(conn, |conn| {
        let community = insert_community(
            conn,
            &org.slug,
            name.as_str(),
            CommunityKind::Organization,
            "",
            (Visibility::Public, JoinPolicy::Invite),
            None,
        )?;
        let everyone: Vec<i64> = people::table
            .filter(people::active.eq(true))
            .select(people::id)
            .load(conn)?;
        for person_id in everyone {
            upsert_membership(conn, community.id, person_id, Role::Member, MembershipState::Active)?;
        }
        Ok(community)
    })
}

pub fn organization_id(conn: &mut DbConnection) -> Result<Option<i64>, AppError> {
    Ok(communities::table
        .filter(communities::kind.eq(CommunityKind::Organization.as_str()))
        .select(communities::id)
        .first(conn)
        .optional()?)
}

/// Creates a local account (`allmende user add`, the demo) as a member of the organization
/// community, in one transaction.
pub fn create_account(
    conn: &mut DbConnection,
    account: crate::people::service::NewAccount,
    actor: Option<i64>,
) -> Result<Person, AppError> {
    crate::db::write_transaction(conn, |conn| {
        let person = crate::people::service::create(conn, account, actor)?;
        add_to_organization(conn, person.id)?;
        Ok(person)
    })
}

/// Everyone active belongs to the organization community (once it exists).
pub fn add_to_organization(conn: &mut DbConnection, person_id: i64) -> Result<(), AppError> {
    if let Some(id) = organization_id(conn)? {
        upsert_membership(conn, id, person_id, Role::Member, MembershipState::Active)?;
    }
    Ok(())
}

/// The community of a department the directory reported; names follow the directory, so a
/// name another community already uses gets the department's key added.
pub fn create_department_community(
    conn: &mut DbConnection,
    department_id: i64,
    name: &str,
) -> Result<Community, AppError> {
    let base =
        CommunitySlug::from_name(name).or_else(|_| CommunitySlug::parse(&format!("abteilung-{department_id}")))?;
    let slug = unique_slug(conn, &base)?;
    let shown = directory_name(conn, name, &slug)?;
    let community = insert_community(
        conn,
        &slug,
        &shown,
        CommunityKind::Department,
        "",
        (Visibility::Public, JoinPolicy::Invite),
        None,
    )?;
    diesel::update(communities::table.find(community.id))
        .set(communities::department_id.eq(department_id))
        .execute(conn)?;
    Ok(community)
}

/// A community for a directory group: interests are open to everyone, projects private.
pub fn create_group_community(
    conn: &mut DbConnection,
    slug: &CommunitySlug,
    name: &str,
    kind: CommunityKind,
) -> Result<Community, AppError> {
    let access = match kind {
        CommunityKind::Project => (Visibility::Private, JoinPolicy::Request),
        _ => (Visibility::Public, JoinPolicy::Open),
    };
    let shown = directory_name(conn, name, slug)?;
    insert_community(conn, slug, &shown, kind, "", access, None)
}

/// Keeps a directory-managed community's members equal to `members`: adds the missing, removes
/// those the sync once added, makes `head` a manager and demotes the previous head.
/// Memberships people made themselves, and bans, are left alone.
pub fn sync_directory_members(
    conn: &mut DbConnection,
    community_id: i64,
    members: &[i64],
    head: Option<i64>,
    previous_head: Option<i64>,
) -> Result<(), AppError> {
    let wanted: std::collections::HashSet<i64> = members.iter().copied().collect();
    let existing: Vec<Membership> = memberships::table
        .filter(memberships::community_id.eq(community_id))
        .select(Membership::as_select())
        .load(conn)?;
    let at = now();
    let mut present = std::collections::HashSet::new();
    for m in &existing {
        present.insert(m.person_id);
        if !wanted.contains(&m.person_id) && m.from_directory && m.state != MembershipState::Banned {
            diesel::delete(memberships::table.find(m.id)).execute(conn)?;
        }
    }
    let new_rows: Vec<NewMembership> = wanted
        .iter()
        .filter(|id| !present.contains(id))
        .map(|&person_id| NewMembership {
            community_id,
            person_id,
            role: Role::Member,
            state: MembershipState::Active,
            created_at: at,
            updated_at: at,
            from_directory: true,
        })
        .collect();
    for chunk in new_rows.chunks(1000) {
        crate::db::bulk::insert_memberships(conn, chunk)?;
    }
    let set_role = |conn: &mut DbConnection, person: i64, role: Role, only_from: Role| -> Result<(), AppError> {
        diesel::update(
            memberships::table
                .filter(memberships::community_id.eq(community_id))
                .filter(memberships::person_id.eq(person))
                .filter(memberships::role.eq(only_from.as_str()))
                .filter(memberships::state.eq(MembershipState::Active.as_str())),
        )
        .set((memberships::role.eq(role.as_str()), memberships::updated_at.eq(now())))
        .execute(conn)?;
        Ok(())
    };
    if let Some(old) = previous_head {
        set_role(conn, old, Role::Member, Role::Manager)?;
    }
    if let Some(h) = head {
        for from in [Role::Member, Role::Moderator] {
            set_role(conn, h, Role::Manager, from)?;
        }
    }
    Ok(())
}

/// Used by the demo and the directory sync: a community with a given manager set.
pub fn create_managed(
    conn: &mut DbConnection,
    name: &str,
    kind: CommunityKind,
    description: &str,
    access: (Visibility, JoinPolicy),
    managers: &[i64],
    members: &[i64],
) -> Result<Community, AppError> {
    let slug = CommunitySlug::from_name(name)?;
    let community = insert_community(conn, &slug, name, kind, description, access, managers.first().copied())?;
    for id in members {
        upsert_membership(conn, community.id, *id, Role::Member, MembershipState::Active)?;
    }
    for id in managers {
        upsert_membership(conn, community.id, *id, Role::Manager, MembershipState::Active)?;
    }
    Ok(community)
}
