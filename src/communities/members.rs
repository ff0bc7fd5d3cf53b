//! Managing a community's members: invite, approve or decline requests, roles, remove, ban and
//! unban. Managers do this; a community always keeps at least one manager — checked inside the
//! write transaction, so two managers demoting each other at once cannot both succeed.

use diesel::prelude::*;
use serde::Serialize;

use super::policy::{self, Access};
use super::service::{self, MemberSummary, upsert_membership};
use crate::api::pagination::{PageRequest, Paged};
use crate::db::models::{Membership, NewAuditEntry, Person};
use crate::db::schema::{communities, memberships, people};
use crate::db::{DbConnection, write_transaction};
use crate::domain::{Invalid, MembershipState, Role, Uid};
use crate::error::AppError;
use crate::error::Code;
use crate::notifications::notices::{self as notifications, Kind, Notice};
use crate::people::pick;
use crate::people::service::{PeopleFilter, PersonSummary};
use crate::references::CommunityRef;

/// What a manager changes about a member.
#[derive(Debug, Clone, Copy)]
pub enum MemberChange {
    Role(Role),
    /// `Active` approves a request or lifts a ban; `Banned` bans.
    State(MembershipState),
}

fn managed_by(conn: &mut DbConnection, viewer: &Person, slug: &str) -> Result<Access, AppError> {
    // Member changes of one community happen one after the other: this write locks the
    // community's row until commit (on PostgreSQL; SQLite's write transaction already is one at
    // a time), so the memberships read next — and the last-manager check — see the other change.
    diesel::update(communities::table.filter(communities::slug.eq(slug)))
        .set(communities::updated_at.eq(communities::updated_at))
        .execute(conn)?;
    let access = policy::load(conn, viewer, slug)?;
    access.writable()?;
    access.must_manage()?;
    Ok(access)
}

fn person(conn: &mut DbConnection, uid: &Uid) -> Result<Person, AppError> {
    people::table
        .filter(people::uid.eq(uid.as_str()))
        .filter(people::active.eq(true))
        .select(Person::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| Invalid::new("uid", "unknown-value").into())
}

fn membership(conn: &mut DbConnection, community_id: i64, person_id: i64) -> Result<Option<Membership>, AppError> {
    Ok(memberships::table
        .filter(memberships::community_id.eq(community_id))
        .filter(memberships::person_id.eq(person_id))
        .select(Membership::as_select())
        .first(conn)
        .optional()?)
}

/// Whom a manager is about to remove or ban, for the question asked first. Declining a request
/// or withdrawing an invitation is not far-reaching: only an active member's removal is asked.
#[derive(Debug)]
pub struct Removal {
    pub name: String,
    pub community: String,
    pub active: bool,
}

pub fn removal(conn: &mut DbConnection, viewer: &Person, slug: &str, uid: &Uid) -> Result<Removal, AppError> {
    let access = policy::load(conn, viewer, slug)?;
    access.writable()?;
    access.must_manage()?;
    let target = person(conn, uid)?;
    let active = membership(conn, access.community.id, target.id)?.is_some_and(|m| m.is_active());
    // Where the directory keeps the members, nobody active is removed or banned by hand: refused
    // before asking, as `remove` and `ban` would refuse it.
    if active && access.kind().membership_is_managed() {
        return Err(AppError::Forbidden {
            code: Code::MembershipManaged,
        });
    }
    Ok(Removal {
        name: target.display_name,
        community: access.community.name,
        active,
    })
}

fn audit(conn: &mut DbConnection, viewer: &Person, action: &str, access: &Access, uid: &Uid) -> Result<(), AppError> {
    NewAuditEntry::record(
        conn,
        Some(viewer.id),
        action,
        ("community", &access.community.slug),
        serde_json::json!({ "person": uid.as_str() }),
    )?;
    Ok(())
}

/// What a manager's members page shows: the members (paged), who asks to join, who is
/// invited, who is banned, and people matching what the manager typed to invite.
#[derive(Debug, Serialize)]
pub struct Roster {
    pub community: CommunityRef,
    pub header: crate::references::CommunityHeader,
    pub members: Paged<MemberSummary>,
    pub requested: Vec<MemberSummary>,
    pub invited: Vec<MemberSummary>,
    pub banned: Vec<MemberSummary>,
    pub candidates: Vec<PersonSummary>,
    /// Department and organization members come from the directory: not removed by hand.
    pub membership_managed: bool,
}

/// Managers only. `find` searches people who could be invited.
pub fn roster(
    conn: &mut DbConnection,
    viewer: &Person,
    slug: &str,
    page: &PageRequest,
    find: &str,
) -> Result<Roster, AppError> {
    let access = policy::load(conn, viewer, slug)?;
    access.must_manage()?;
    let members = service::members(conn, &access, page)?;
    let mut in_state = |state: MembershipState| service::in_state(conn, access.community.id, state, 200);
    let (requested, invited, banned) = (
        in_state(MembershipState::Requested)?,
        in_state(MembershipState::Invited)?,
        in_state(MembershipState::Banned)?,
    );
    let candidates = invitable(conn, &access, find)?;
    Ok(Roster {
        community: CommunityRef::from(&access.community),
        header: access.header(viewer),
        members,
        requested,
        invited,
        banned,
        candidates,
        membership_managed: access.kind().membership_is_managed(),
    })
}

fn invitable(conn: &mut DbConnection, access: &Access, find: &str) -> Result<Vec<PersonSummary>, AppError> {
    if find.trim().is_empty() {
        return Ok(Vec::new());
    }
    let filter = PeopleFilter {
        query: Some(find.to_string()),
        invitable_to: Some(access.community.id),
        ..Default::default()
    };
    Ok(crate::people::service::list(conn, &filter, &PageRequest::first(10))?.items)
}

/// An invitation typed by a manager: a uid, or part of a name.
pub enum InviteOutcome {
    Done(MembershipState),
    /// The text named nobody, or more than one person: the roster's candidates for the same
    /// text are the people to choose from.
    Ambiguous,
}

/// Invites the person `text` names: its uid, or the one invitable person it matches.
pub fn invite_named(
    conn: &mut DbConnection,
    viewer: &Person,
    slug: &str,
    text: &str,
) -> Result<InviteOutcome, AppError> {
    if let pick::Found::One { person } = pick::find_one(conn, text)? {
        return invite(conn, viewer, slug, &Uid::parse(&person.uid)?).map(InviteOutcome::Done);
    }
    let access = policy::load(conn, viewer, slug)?;
    access.must_manage()?;
    match invitable(conn, &access, text)?.as_slice() {
        [only] => {
            let uid = Uid::parse(&only.uid)?;
            invite(conn, viewer, slug, &uid).map(InviteOutcome::Done)
        }
        _ => Ok(InviteOutcome::Ambiguous),
    }
}

/// Invites someone (or, if they asked to join, lets them in).
pub fn invite(conn: &mut DbConnection, viewer: &Person, slug: &str, uid: &Uid) -> Result<MembershipState, AppError> {
    write_transaction(conn, |conn| {
        let access = managed_by(conn, viewer, slug)?;
        let target = person(conn, uid)?;
        let state = match membership(conn, access.community.id, target.id)?.map(|m| m.state) {
            Some(MembershipState::Active) => {
                return Err(AppError::Conflict {
                    code: Code::AlreadyMember,
                });
            }
            Some(MembershipState::Banned) => return Err(AppError::Forbidden { code: Code::Banned }),
            Some(MembershipState::Requested) => MembershipState::Active,
            Some(MembershipState::Invited) | None => MembershipState::Invited,
        };
        upsert_membership(conn, access.community.id, target.id, Role::Member, state)?;
        audit(conn, viewer, "community.invite", &access, uid)?;
        let kind = match state {
            MembershipState::Active => Kind::JoinApproved,
            _ => Kind::Invited,
        };
        notifications::notify(
            conn,
            Notice::community(kind, target.id, Some(viewer.id), access.community.id),
        )?;
        Ok(state)
    })
}

pub fn change(
    conn: &mut DbConnection,
    viewer: &Person,
    slug: &str,
    uid: &Uid,
    change: MemberChange,
) -> Result<(), AppError> {
    write_transaction(conn, |conn| {
        let access = managed_by(conn, viewer, slug)?;
        let target = person(conn, uid)?;
        let current = membership(conn, access.community.id, target.id)?;
        let community = access.community.id;
        match change {
            MemberChange::Role(role) => {
                let m = current
                    .filter(Membership::is_active)
                    .ok_or(AppError::Conflict { code: Code::NotMember })?;
                diesel::update(memberships::table.find(m.id))
                    .set((
                        memberships::role.eq(role.as_str()),
                        memberships::updated_at.eq(crate::db::now()),
                    ))
                    .execute(conn)?;
                keeps_a_manager(conn, community)?;
                audit(conn, viewer, &format!("community.role.{}", role.as_str()), &access, uid)?;
            }
            MemberChange::State(MembershipState::Active) => match current.map(|m| (m.id, m.state)) {
                Some((_, MembershipState::Requested)) => {
                    upsert_membership(conn, community, target.id, Role::Member, MembershipState::Active)?;
                    audit(conn, viewer, "community.approve", &access, uid)?;
                    notifications::notify(
                        conn,
                        Notice::community(Kind::JoinApproved, target.id, Some(viewer.id), community),
                    )?;
                }
                Some((id, MembershipState::Banned)) => {
                    // Lifting a ban: they may join again like anyone else. Where the directory
                    // keeps the members (a ban from before that was refused), they are members
                    // again at once; the next sync removes them if the directory disagrees.
                    if access.kind().membership_is_managed() {
                        upsert_membership(conn, community, target.id, Role::Member, MembershipState::Active)?;
                    } else {
                        diesel::delete(memberships::table.find(id)).execute(conn)?;
                    }
                    service::recount(conn, Some(&[community]))?;
                    audit(conn, viewer, "community.unban", &access, uid)?;
                }
                _ => {
                    return Err(AppError::Conflict {
                        code: Code::NothingToChange,
                    });
                }
            },
            MemberChange::State(MembershipState::Banned) => {
                ban(conn, community, target.id, viewer.id)?;
                audit(conn, viewer, "community.ban", &access, uid)?;
            }
            MemberChange::State(_) => return Err(Invalid::new("state", "not-allowed").into()),
        }
        Ok(())
    })
}

/// Removes a member, or declines a request or an invitation.
pub fn remove(conn: &mut DbConnection, viewer: &Person, slug: &str, uid: &Uid) -> Result<(), AppError> {
    write_transaction(conn, |conn| {
        let access = managed_by(conn, viewer, slug)?;
        let target = person(conn, uid)?;
        let m = membership(conn, access.community.id, target.id)?.ok_or(AppError::NotFound)?;
        if m.is_active() && access.kind().membership_is_managed() {
            return Err(AppError::Forbidden {
                code: Code::MembershipManaged,
            });
        }
        diesel::delete(memberships::table.find(m.id)).execute(conn)?;
        service::recount(conn, Some(&[access.community.id]))?;
        keeps_a_manager(conn, access.community.id)?;
        audit(conn, viewer, "community.remove", &access, uid)?;
        Ok(())
    })
}

/// Bans a person from a community: they lose their membership and cannot rejoin (or, in a
/// secret community, see it). Managers are not banned; nobody bans themselves. The
/// organization's and departments' members follow the directory alone, so nobody is banned
/// from those (lifting the ban would otherwise leave a membership nobody can restore).
pub fn ban(conn: &mut DbConnection, community_id: i64, person: i64, by: i64) -> Result<(), AppError> {
    let kind: String = communities::table
        .find(community_id)
        .select(communities::kind)
        .first(conn)?;
    if crate::domain::CommunityKind::parse(&kind).is_ok_and(|k| k.membership_is_managed()) {
        return Err(AppError::Forbidden {
            code: Code::MembershipManaged,
        });
    }
    if person == by {
        return Err(AppError::Conflict {
            code: Code::CannotBanSelf,
        });
    }
    if let Some(m) = membership(conn, community_id, person)?
        && m.is_active()
        && m.role == Role::Manager
    {
        return Err(AppError::Conflict {
            code: Code::CannotBanManager,
        });
    }
    upsert_membership(conn, community_id, person, Role::Member, MembershipState::Banned)
}

/// Refuses (and so rolls back) a change that left the community without an active manager.
fn keeps_a_manager(conn: &mut DbConnection, community_id: i64) -> Result<(), AppError> {
    let managers: i64 = memberships::table
        .filter(memberships::community_id.eq(community_id))
        .filter(memberships::role.eq(Role::Manager.as_str()))
        .filter(memberships::state.eq(MembershipState::Active.as_str()))
        .count()
        .get_result(conn)?;
    if managers == 0 {
        Err(AppError::Conflict {
            code: Code::LastManager,
        })
    } else {
        Ok(())
    }
}
