//! Who may see, read, join and leave a community. Every path (pages, API, lists,
//! later search, feeds and mail) asks here; nothing decides this on its own.

use std::collections::HashMap;

use diesel::dsl::{exists, not};
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::models::{Community, Membership, Person};
use crate::db::schema::{communities, memberships};
use crate::domain::{CommunityKind, JoinPolicy, MembershipState, Module, Role, Visibility};
use crate::error::AppError;
use crate::error::Code;
use crate::references::CommunityHeader;

/// A community together with the viewer's membership, once the viewer may know it exists.
#[derive(Debug, Clone)]
pub struct Access {
    pub community: Community,
    pub membership: Option<Membership>,
}

/// What joining does for this viewer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JoinEffect {
    Become(MembershipState),
    AlreadyMember,
}

impl Access {
    pub fn state(&self) -> Option<MembershipState> {
        self.membership.as_ref().map(|m| m.state)
    }

    pub fn role(&self) -> Option<Role> {
        self.membership.as_ref().filter(|m| m.is_active()).map(|m| m.role)
    }

    pub fn is_member(&self) -> bool {
        self.state() == Some(MembershipState::Active)
    }

    /// Secret communities exist only for their members and the people invited.
    pub fn can_see(&self) -> bool {
        match self.community.visibility {
            Visibility::Public | Visibility::Private => true,
            Visibility::Secret => matches!(self.state(), Some(MembershipState::Active | MembershipState::Invited)),
        }
    }

    /// Members list and content: everyone for public communities, members otherwise.
    pub fn can_read(&self) -> bool {
        readable(&self.community, self.membership.as_ref())
    }

    pub fn join_effect(&self) -> Result<JoinEffect, AppError> {
        if self.community.archived {
            return Err(AppError::Forbidden { code: Code::Archived });
        }
        if self.community.kind.membership_is_managed() {
            return Err(AppError::Forbidden {
                code: Code::MembershipManaged,
            });
        }
        match (self.state(), self.community.join_policy) {
            (Some(MembershipState::Active), _) => Ok(JoinEffect::AlreadyMember),
            (Some(MembershipState::Banned), _) => Err(AppError::Forbidden { code: Code::Banned }),
            (Some(MembershipState::Invited), _) | (None, JoinPolicy::Open) => {
                Ok(JoinEffect::Become(MembershipState::Active))
            }
            (Some(MembershipState::Requested), _) | (None, JoinPolicy::Request) => {
                Ok(JoinEffect::Become(MembershipState::Requested))
            }
            (None, JoinPolicy::Invite) => Err(AppError::Forbidden {
                code: Code::InvitationRequired,
            }),
        }
    }

    /// Leaving (or withdrawing a request). The caller still checks that a manager is left.
    pub fn can_leave(&self) -> Result<(), AppError> {
        if self.community.kind.membership_is_managed() {
            return Err(AppError::Forbidden {
                code: Code::MembershipManaged,
            });
        }
        match self.state() {
            Some(MembershipState::Active | MembershipState::Requested | MembershipState::Invited) => Ok(()),
            _ => Err(AppError::Conflict { code: Code::NotMember }),
        }
    }

    pub fn kind(&self) -> CommunityKind {
        self.community.kind
    }

    /// Managers and moderators look after the content.
    pub fn can_moderate(&self) -> bool {
        matches!(self.role(), Some(Role::Manager | Role::Moderator))
    }

    pub fn is_manager(&self) -> bool {
        self.role() == Some(Role::Manager)
    }

    /// A community's figures are for its managers and the administrators.
    pub fn can_see_kpis(&self, viewer: &Person) -> bool {
        viewer.is_admin || self.is_manager()
    }

    /// The community's header for this viewer: tabs only for those who may read it.
    pub fn header(&self, viewer: &Person) -> CommunityHeader {
        let c = &self.community;
        let mut tabs = Vec::new();
        if self.can_read() {
            tabs.extend(["blog", "qa", "amas"]);
            tabs.extend(c.modules().iter().map(|m| m.as_str()));
            if matches!(c.kind, CommunityKind::Organization | CommunityKind::Department) {
                tabs.push("newsletters");
            }
        }
        let mut manage = Vec::new();
        if self.is_manager() {
            manage.extend(["settings", "members"]);
        }
        if self.can_moderate() {
            manage.push("reports");
        }
        if self.can_see_kpis(viewer) {
            manage.push("kpis");
        }
        CommunityHeader {
            slug: c.slug.clone(),
            name: c.name.clone(),
            kind: c.kind,
            member_count: c.member_count,
            archived: c.archived,
            role: self.role(),
            state: self.state(),
            tabs,
            manage,
        }
    }

    /// Settings and members are the managers' (pages and API alike).
    pub fn must_manage(&self) -> Result<(), AppError> {
        if self.is_manager() {
            Ok(())
        } else {
            Err(AppError::Forbidden {
                code: Code::ManagersOnly,
            })
        }
    }

    /// A module's pages and content exist only while the community has it on (switched off,
    /// they are kept and come back when it is switched on again).
    pub fn module(&self, m: Module) -> Result<(), AppError> {
        if self.community.modules().contains(m) {
            Ok(())
        } else {
            Err(AppError::NotFound)
        }
    }

    /// Reading a module's content: the module is on and the viewer may read the community.
    pub fn can_read_module(&self, m: Module) -> Result<(), AppError> {
        self.module(m)?;
        if self.can_read() {
            Ok(())
        } else {
            Err(AppError::Forbidden {
                code: Code::MembersOnly,
            })
        }
    }

    /// An archived community is read-only for everyone.
    pub fn writable(&self) -> Result<(), AppError> {
        if self.community.archived {
            Err(AppError::Forbidden { code: Code::Archived })
        } else {
            Ok(())
        }
    }

    /// Commenting and reacting: members of a community that is not archived.
    pub fn can_participate(&self) -> Result<(), AppError> {
        self.writable()?;
        if self.is_member() {
            Ok(())
        } else {
            Err(AppError::Forbidden {
                code: Code::MembersOnly,
            })
        }
    }

    /// Writing posts: members, except where membership follows the directory (the organization
    /// and departments), whose blog is their managers' (the head's) and moderators'.
    pub fn can_post(&self) -> Result<(), AppError> {
        self.can_participate()?;
        if self.kind().membership_is_managed() && !self.can_moderate() {
            return Err(AppError::Forbidden {
                code: Code::ManagersPostHere,
            });
        }
        Ok(())
    }
}

/// Members list and content: everyone for public communities, members otherwise (`Access::can_read`
/// for what is already loaded, e.g. a digest's batch; `readable_to` is the same in SQL).
pub fn readable(community: &Community, membership: Option<&Membership>) -> bool {
    community.visibility == Visibility::Public || membership.is_some_and(Membership::is_active)
}

/// Loads a community by slug for this viewer; a community they may not see is `NotFound`,
/// exactly like one that does not exist.
/// The header of the community `slug` for this viewer (who must be able to see it).
pub fn header(conn: &mut DbConnection, viewer: &Person, slug: &str) -> Result<CommunityHeader, AppError> {
    Ok(load(conn, viewer, slug)?.header(viewer))
}

pub fn load(conn: &mut DbConnection, viewer: &Person, slug: &str) -> Result<Access, AppError> {
    let community: Community = communities::table
        .filter(communities::slug.eq(slug))
        .select(Community::as_select())
        .first(conn)
        .optional()?
        .ok_or(AppError::NotFound)?;
    access_for(conn, viewer, community)
}

/// The same for a community known by id (content names its community by id).
pub fn load_id(conn: &mut DbConnection, viewer: &Person, id: i64) -> Result<Access, AppError> {
    let community: Community = communities::table
        .find(id)
        .select(Community::as_select())
        .first(conn)
        .optional()?
        .ok_or(AppError::NotFound)?;
    access_for(conn, viewer, community)
}

/// The communities among `ids` the viewer may see, with their access (lists across
/// communities: two queries however many there are).
pub fn load_many(conn: &mut DbConnection, viewer: &Person, ids: &[i64]) -> Result<HashMap<i64, Access>, AppError> {
    let found: Vec<Community> = communities::table
        .filter(communities::id.eq_any(ids))
        .select(Community::as_select())
        .load(conn)?;
    let mut mine: HashMap<i64, Membership> = memberships::table
        .filter(memberships::community_id.eq_any(ids))
        .filter(memberships::person_id.eq(viewer.id))
        .select(Membership::as_select())
        .load(conn)?
        .into_iter()
        .map(|m| (m.community_id, m))
        .collect();
    Ok(found
        .into_iter()
        .map(|community| {
            let membership = mine.remove(&community.id);
            (community.id, Access { community, membership })
        })
        .filter(|(_, access)| access.can_see())
        .collect())
}

fn access_for(conn: &mut DbConnection, viewer: &Person, community: Community) -> Result<Access, AppError> {
    let membership = memberships::table
        .filter(memberships::community_id.eq(community.id))
        .filter(memberships::person_id.eq(viewer.id))
        .select(Membership::as_select())
        .first(conn)
        .optional()?;
    let access = Access { community, membership };
    if access.can_see() {
        Ok(access)
    } else {
        Err(AppError::NotFound)
    }
}

/// Who may act on a community's reported content: its managers and moderators, and
/// administrators in every community (they keep the queue over all of them). Anyone else gets
/// `Forbidden`, or `NotFound` where the community is secret to them.
pub fn moderation_of(conn: &mut DbConnection, viewer: &Person, community_id: i64) -> Result<Community, AppError> {
    if viewer.is_admin {
        return communities::table
            .find(community_id)
            .select(Community::as_select())
            .first(conn)
            .optional()?
            .ok_or(AppError::NotFound);
    }
    let access = load_id(conn, viewer, community_id)?;
    if access.can_moderate() {
        Ok(access.community)
    } else {
        Err(AppError::Forbidden {
            code: Code::ModeratorsOnly,
        })
    }
}

/// The same rule as `Access::can_see`, as SQL for lists (a concrete type, so that it can stand
/// inside joins and subqueries).
#[diesel::dsl::auto_type]
pub fn visible_to(viewer_id: i64) -> _ {
    let secret: &'static str = SECRET;
    let admitted: [&'static str; 2] = ADMITTED;
    not(communities::visibility.eq(secret)).or(exists(
        memberships::table
            .filter(memberships::community_id.eq(communities::id))
            .filter(memberships::person_id.eq(viewer_id))
            .filter(memberships::state.eq_any(admitted)),
    ))
}

/// The same rule as `Access::can_read`, as SQL: public communities, and those the viewer is an
/// active member of.
#[diesel::dsl::auto_type]
pub fn readable_to(viewer_id: i64) -> _ {
    let public: &'static str = PUBLIC;
    let active: &'static str = ACTIVE;
    communities::visibility.eq(public).or(exists(
        memberships::table
            .filter(memberships::community_id.eq(communities::id))
            .filter(memberships::person_id.eq(viewer_id))
            .filter(memberships::state.eq(active)),
    ))
}

const PUBLIC: &str = Visibility::Public.as_str();
const ACTIVE: &str = MembershipState::Active.as_str();
const SECRET: &str = Visibility::Secret.as_str();
const ADMITTED: [&str; 2] = [MembershipState::Active.as_str(), MembershipState::Invited.as_str()];
