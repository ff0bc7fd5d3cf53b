use std::collections::HashMap;

use diesel::prelude::*;
use serde::Serialize;

use super::policy::{self, Access, JoinEffect};
use crate::api::pagination::{PageRequest, Paged};
use crate::config::{CommunitySettings, CreatePolicy};
use crate::db::models::community_name_key;
use crate::db::models::{Community, Membership, NewAuditEntry, NewCommunity, NewMembership, Person};
use crate::db::schema::{communities, memberships, people};
use crate::db::{DbConnection, contains_pattern, now};
use crate::domain::{
    CommunityKind, CommunityName, CommunitySlug, Description, Invalid, JoinPolicy, MembershipState, Modules, Role,
    Visibility,
};
use crate::error::AppError;
use crate::error::Code;
use crate::notifications::notices::{self as notifications, Kind, Notice};

/// A community in lists, with the viewer's own standing.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct CommunitySummary {
    pub slug: String,
    pub name: String,
    pub kind: CommunityKind,
    pub visibility: Visibility,
    pub join_policy: JoinPolicy,
    pub archived: bool,
    pub member_count: i64,
    /// The viewer's membership state, if any.
    pub my_state: Option<MembershipState>,
    /// The viewer's role while an active member.
    pub my_role: Option<Role>,
    /// What joining would make the viewer, where they may join now: `active` (open) or
    /// `requested` (the managers decide); none for members, banned people, invitation-only,
    /// archived and directory-run communities.
    pub join_becomes: Option<MembershipState>,
}

/// One community, as its page and `GET /api/v1/communities/{slug}` show it.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct CommunityDetail {
    #[serde(flatten)]
    pub summary: CommunitySummary,
    /// Markdown source.
    pub description: String,
    /// Markdown source; shown before joining.
    pub code_of_conduct: String,
    #[serde(serialize_with = "crate::domain::utc::write")]
    pub created_at: chrono::NaiveDateTime,
    /// Whether the viewer may see members and content.
    pub can_read: bool,
    /// Modules on besides the blog: tasks.
    #[schema(value_type = Vec<String>)]
    pub modules: Modules,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct MemberSummary {
    pub uid: String,
    pub display_name: String,
    pub title: Option<String>,
    pub role: Role,
}

#[derive(Debug, Default, Clone)]
pub struct ListFilter {
    pub kind: Option<CommunityKind>,
    pub query: Option<String>,
}

/// Recounts the active members of these communities (of all, with `None`) after their
/// memberships changed; pages read the count from the community.
pub(crate) fn recount(conn: &mut DbConnection, ids: Option<&[i64]>) -> QueryResult<usize> {
    let active = memberships::table
        .filter(memberships::community_id.eq(communities::id))
        .filter(memberships::state.eq(MembershipState::Active.as_str()))
        .count()
        .single_value()
        .assume_not_null();
    match ids {
        Some(ids) => diesel::update(communities::table.filter(communities::id.eq_any(ids)))
            .set(communities::member_count.eq(active))
            .execute(conn),
        None => diesel::update(communities::table)
            .set(communities::member_count.eq(active))
            .execute(conn),
    }
}

fn my_memberships(conn: &mut DbConnection, viewer: &Person, ids: &[i64]) -> Result<HashMap<i64, Membership>, AppError> {
    let rows: Vec<Membership> = memberships::table
        .filter(memberships::community_id.eq_any(ids))
        .filter(memberships::person_id.eq(viewer.id))
        .select(Membership::as_select())
        .load(conn)?;
    Ok(rows.into_iter().map(|m| (m.community_id, m)).collect())
}

fn summaries(
    conn: &mut DbConnection,
    viewer: &Person,
    rows: Vec<Community>,
) -> Result<Vec<CommunitySummary>, AppError> {
    let ids: Vec<i64> = rows.iter().map(|c| c.id).collect();
    let mut mine = my_memberships(conn, viewer, &ids)?;
    Ok(rows
        .into_iter()
        .map(|c| {
            let access = Access {
                membership: mine.remove(&c.id),
                community: c,
            };
            summary(&access)
        })
        .collect())
}

fn summary(access: &Access) -> CommunitySummary {
    let c = &access.community;
    CommunitySummary {
        slug: c.slug.clone(),
        name: c.name.clone(),
        kind: c.kind,
        visibility: c.visibility,
        join_policy: c.join_policy,
        archived: c.archived,
        member_count: c.member_count,
        my_state: access.state(),
        my_role: access.role(),
        join_becomes: match access.join_effect() {
            Ok(crate::communities::policy::JoinEffect::Become(state)) => Some(state),
            _ => None,
        },
    }
}

/// The communities the viewer may see, by name.
pub fn list(
    conn: &mut DbConnection,
    viewer: &Person,
    filter: &ListFilter,
    page: &PageRequest,
) -> Result<Paged<CommunitySummary>, AppError> {
    let base = || {
        let mut q = communities::table.filter(policy::visible_to(viewer.id)).into_boxed();
        if let Some(kind) = filter.kind {
            q = q.filter(communities::kind.eq(kind.as_str()));
        }
        if let Some(needle) = filter.query.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            q = q.filter(communities::search_text.like(contains_pattern(needle)).escape('\\'));
        }
        q
    };
    let total: i64 = base().count().get_result(conn)?;
    let mut q = base();
    if let Some([name_key]) = page.keys()? {
        q = q.filter(communities::name_key.gt(name_key.to_string()));
    }
    let rows: Vec<Community> = q
        .order(communities::name_key.asc())
        .limit(page.limit + 1)
        .select(Community::as_select())
        .load(conn)?;
    let keys: HashMap<String, String> = rows.iter().map(|c| (c.slug.clone(), c.name_key.clone())).collect();
    let items = summaries(conn, viewer, rows)?;
    Ok(Paged::from_rows(items, page.limit, total, |c| {
        vec![keys.get(&c.slug).cloned().unwrap_or_default()]
    }))
}

/// Where the viewer is an active member, by name.
pub fn mine(conn: &mut DbConnection, viewer: &Person) -> Result<Vec<CommunitySummary>, AppError> {
    let rows: Vec<Community> = communities::table
        .inner_join(memberships::table)
        .filter(memberships::person_id.eq(viewer.id))
        .filter(memberships::state.eq(MembershipState::Active.as_str()))
        .order(communities::name_key.asc())
        .select(Community::as_select())
        .load(conn)?;
    summaries(conn, viewer, rows)
}

pub fn detail(access: &Access) -> CommunityDetail {
    CommunityDetail {
        summary: summary(access),
        description: access.community.description.clone(),
        code_of_conduct: access.community.code_of_conduct.clone(),
        created_at: access.community.created_at,
        can_read: access.can_read(),
        modules: access.community.modules(),
    }
}

/// Active members, managers first, then by name; only for those who may read the community.
/// People whose membership is in this state (requests, invitations, bans), by name. The
/// caller decides who may see them.
pub fn in_state(
    conn: &mut DbConnection,
    community_id: i64,
    state: MembershipState,
    limit: i64,
) -> Result<Vec<MemberSummary>, AppError> {
    let rows: Vec<(String, String, Option<String>, String)> = memberships::table
        .inner_join(people::table)
        .filter(memberships::community_id.eq(community_id))
        .filter(memberships::state.eq(state.as_str()))
        .order((people::display_name.asc(), people::uid.asc()))
        .limit(limit)
        .select((people::uid, people::display_name, people::title, memberships::role))
        .load(conn)?;
    Ok(rows.into_iter().map(MemberSummary::from).collect())
}

impl From<(String, String, Option<String>, String)> for MemberSummary {
    fn from((uid, display_name, title, role): (String, String, Option<String>, String)) -> Self {
        MemberSummary {
            uid,
            display_name,
            title,
            role: Role::parse(&role).unwrap_or(Role::Member),
        }
    }
}

/// The people who joined last (the community page shows them; the whole list is paged).
pub fn newest_members(conn: &mut DbConnection, access: &Access, limit: i64) -> Result<Vec<MemberSummary>, AppError> {
    if !access.can_read() {
        return Err(AppError::Forbidden {
            code: Code::MembersOnly,
        });
    }
    let rows: Vec<(String, String, Option<String>, String)> = memberships::table
        .inner_join(people::table)
        .filter(memberships::community_id.eq(access.community.id))
        .filter(memberships::state.eq(MembershipState::Active.as_str()))
        .filter(people::active.eq(true))
        .order((memberships::created_at.desc(), memberships::id.desc()))
        .limit(limit)
        .select((people::uid, people::display_name, people::title, memberships::role))
        .load(conn)?;
    Ok(rows.into_iter().map(MemberSummary::from).collect())
}

pub fn members(conn: &mut DbConnection, access: &Access, page: &PageRequest) -> Result<Paged<MemberSummary>, AppError> {
    if !access.can_read() {
        return Err(AppError::Forbidden {
            code: Code::MembersOnly,
        });
    }
    let base = || {
        memberships::table
            .inner_join(people::table)
            .filter(memberships::community_id.eq(access.community.id))
            .filter(memberships::state.eq(MembershipState::Active.as_str()))
            .filter(people::active.eq(true))
            .into_boxed()
    };
    let total: i64 = base().count().get_result(conn)?;
    let mut q = base();
    if let Some([name, uid]) = page.keys()? {
        q = q.filter(crate::people::service::after_person(name.to_string(), uid.to_string()));
    }
    let rows: Vec<(String, String, Option<String>, String)> = q
        .order((people::display_name.asc(), people::uid.asc()))
        .limit(page.limit + 1)
        .select((people::uid, people::display_name, people::title, memberships::role))
        .load(conn)?;
    let items = rows.into_iter().map(MemberSummary::from).collect();
    Ok(Paged::from_rows(items, page.limit, total, |m| {
        vec![m.display_name.clone(), m.uid.clone()]
    }))
}

/// What someone fills in to start a community.
#[derive(Debug)]
pub struct NewCommunityInput {
    pub name: CommunityName,
    pub slug: Option<CommunitySlug>,
    pub kind: CommunityKind,
    pub description: Description,
    pub visibility: Visibility,
    pub join_policy: JoinPolicy,
}

pub fn may_create(viewer: &Person, kind: CommunityKind, rules: &CommunitySettings) -> Result<(), AppError> {
    let policy = match kind {
        CommunityKind::Project => rules.create_project,
        CommunityKind::Interest => rules.create_interest,
        CommunityKind::Organization | CommunityKind::Department => {
            return Err(Invalid::new("kind", "not-allowed").into());
        }
    };
    if policy == CreatePolicy::Admins && !viewer.is_admin {
        return Err(AppError::Forbidden {
            code: Code::CreateNotAllowed,
        });
    }
    Ok(())
}

/// Creates the community with the creator as its first manager.
pub fn create(conn: &mut DbConnection, creator: &Person, input: NewCommunityInput) -> Result<Community, AppError> {
    let slug = match input.slug {
        Some(s) => s,
        None => CommunitySlug::from_name(input.name.as_str())?,
    };
    crate::db::write_transaction(conn, |conn| {
        let community = insert_community(
            conn,
            &slug,
            input.name.as_str(),
            input.kind,
            input.description.as_str(),
            (input.visibility, input.join_policy),
            Some(creator.id),
        )?;
        upsert_membership(conn, community.id, creator.id, Role::Manager, MembershipState::Active)?;
        // A project belongs to its creator's department (its roll-up lists it) until its
        // managers say otherwise.
        if input.kind == CommunityKind::Project && creator.department_id.is_some() {
            diesel::update(communities::table.find(community.id))
                .set(communities::reports_to_department_id.eq(creator.department_id))
                .execute(conn)?;
        }
        NewAuditEntry::record(
            conn,
            Some(creator.id),
            "community.create",
            ("community", &community.slug),
            serde_json::json!({ "kind": input.kind.as_str(), "visibility": input.visibility.as_str() }),
        )?;
        Ok(community)
    })
}

pub(super) fn insert_community(
    conn: &mut DbConnection,
    slug: &CommunitySlug,
    name: &str,
    kind: CommunityKind,
    description: &str,
    (visibility, join_policy): (Visibility, JoinPolicy),
    created_by: Option<i64>,
) -> Result<Community, AppError> {
    // A secret community's address is not one an outsider can guess, or find taken.
    let slug = &match visibility {
        Visibility::Secret => secret_slug(slug)?,
        Visibility::Public | Visibility::Private => slug.clone(),
    };
    let name_key = community_name_key(name, visibility, slug.as_str());
    if visibility != Visibility::Secret && name_taken(conn, name)? {
        return Err(AppError::Conflict { code: Code::NameTaken });
    }
    if slug_taken(conn, slug.as_str())? {
        return Err(AppError::Conflict { code: Code::SlugTaken });
    }
    let at = now();
    diesel::insert_into(communities::table)
        .values(NewCommunity {
            slug: slug.as_str().to_string(),
            name: name.to_string(),
            search_text: community_search_text(name, slug.as_str()),
            name_key,
            kind,
            description: description.to_string(),
            visibility,
            join_policy,
            archived: false,
            department_id: None,
            created_by,
            created_at: at,
            updated_at: at,
            modules: crate::domain::Module::defaults(kind).to_stored(),
        })
        .returning(communities::all_columns)
        .get_result::<Community>(conn)
        .map_err(|e| match AppError::from(e) {
            // Someone else took the name between our check and the insert.
            AppError::Conflict { .. } => AppError::Conflict { code: Code::NameTaken },
            other => other,
        })
        .and_then(|c| {
            crate::search::index::refresh(conn, crate::subjects::Subject::Community(c.id))?;
            Ok(c)
        })
}

/// The active members of a community with one of these roles (who handles requests, reports).
pub fn with_roles(conn: &mut DbConnection, community_id: i64, roles: &[Role]) -> Result<Vec<i64>, AppError> {
    Ok(memberships::table
        .filter(memberships::community_id.eq(community_id))
        .filter(memberships::state.eq(MembershipState::Active.as_str()))
        .filter(memberships::role.eq_any(roles.iter().map(|r| r.as_str())))
        .select(memberships::person_id)
        .load(conn)?)
}

pub(crate) fn upsert_membership(
    conn: &mut DbConnection,
    community_id: i64,
    person_id: i64,
    role: Role,
    state: MembershipState,
) -> Result<(), AppError> {
    let at = now();
    let updated = diesel::update(
        memberships::table
            .filter(memberships::community_id.eq(community_id))
            .filter(memberships::person_id.eq(person_id)),
    )
    .set((
        memberships::role.eq(role.as_str()),
        memberships::state.eq(state.as_str()),
        memberships::updated_at.eq(at),
    ))
    .execute(conn)?;
    if updated == 0 {
        diesel::insert_into(memberships::table)
            .values(NewMembership {
                community_id,
                person_id,
                role,
                state,
                created_at: at,
                updated_at: at,
                from_directory: false,
            })
            .execute(conn)?;
    }
    recount(conn, Some(&[community_id]))?;
    Ok(())
}

/// Joins (or asks to join); returns the viewer's state afterwards.
pub fn join(conn: &mut DbConnection, viewer: &Person, slug: &str) -> Result<MembershipState, AppError> {
    crate::db::write_transaction(conn, |conn| {
        let access = policy::load(conn, viewer, slug)?;
        match access.join_effect()? {
            JoinEffect::AlreadyMember => Ok(MembershipState::Active),
            JoinEffect::Become(state) => {
                let role = access.membership.as_ref().map(|m| m.role).unwrap_or(Role::Member);
                upsert_membership(conn, access.community.id, viewer.id, role, state)?;
                if state == MembershipState::Requested && access.state() != Some(MembershipState::Requested) {
                    for manager in with_roles(conn, access.community.id, &[Role::Manager])? {
                        notifications::notify(
                            conn,
                            Notice::community(Kind::JoinRequest, manager, Some(viewer.id), access.community.id),
                        )?;
                    }
                }
                let action = if state == MembershipState::Active {
                    "community.join"
                } else {
                    "community.request"
                };
                NewAuditEntry::record(
                    conn,
                    Some(viewer.id),
                    action,
                    ("community", &access.community.slug),
                    serde_json::json!({}),
                )?;
                Ok(state)
            }
        }
    })
}

/// Leaves, or withdraws a request or invitation. The last manager cannot leave.
/// What leaving means, asked before an active member leaves: the community's name and how one
/// comes back. Refused as leaving itself would be (the last manager stays).
#[derive(Debug)]
pub struct Leaving {
    pub name: String,
    /// Only active members are asked; withdrawing a request or declining an invitation is not
    /// far-reaching.
    pub active: bool,
    pub join_policy: JoinPolicy,
}

pub fn leaving(conn: &mut DbConnection, viewer: &Person, slug: &str) -> Result<Leaving, AppError> {
    let access = policy::load(conn, viewer, slug)?;
    leaving_from(conn, &access)
}

/// As `leaving`, for a page that already loaded the community's access.
pub fn leaving_from(conn: &mut DbConnection, access: &Access) -> Result<Leaving, AppError> {
    must_be_able_to_leave(conn, access)?;
    Ok(Leaving {
        active: access.state() == Some(MembershipState::Active),
        name: access.community.name.clone(),
        join_policy: access.community.join_policy,
    })
}

fn must_be_able_to_leave(conn: &mut DbConnection, access: &Access) -> Result<(), AppError> {
    access.can_leave()?;
    if access.role() == Some(Role::Manager) {
        let managers: i64 = memberships::table
            .filter(memberships::community_id.eq(access.community.id))
            .filter(memberships::role.eq(Role::Manager.as_str()))
            .filter(memberships::state.eq(MembershipState::Active.as_str()))
            .count()
            .get_result(conn)?;
        if managers <= 1 {
            return Err(AppError::Conflict {
                code: Code::LastManager,
            });
        }
    }
    Ok(())
}

pub fn leave(conn: &mut DbConnection, viewer: &Person, slug: &str) -> Result<(), AppError> {
    crate::db::write_transaction(conn, |conn| {
        let access = policy::load(conn, viewer, slug)?;
        must_be_able_to_leave(conn, &access)?;
        diesel::delete(
            memberships::table
                .filter(memberships::community_id.eq(access.community.id))
                .filter(memberships::person_id.eq(viewer.id)),
        )
        .execute(conn)?;
        recount(conn, Some(&[access.community.id]))?;
        NewAuditEntry::record(
            conn,
            Some(viewer.id),
            "community.leave",
            ("community", &access.community.slug),
            serde_json::json!({}),
        )?;
        Ok(())
    })
}

/// Renames a community, keeping its uniqueness key and search text in step.
/// Called after a change of visibility too: a secret community's key differs (see
/// `community_name_key`).
pub fn rename(conn: &mut DbConnection, community_id: i64, name: &str) -> Result<(), AppError> {
    let (slug, visibility): (String, Visibility) = communities::table
        .find(community_id)
        .select((communities::slug, communities::visibility))
        .first(conn)?;
    diesel::update(communities::table.find(community_id))
        .set((
            communities::name.eq(name),
            communities::name_key.eq(community_name_key(name, visibility, &slug)),
            communities::search_text.eq(community_search_text(name, &slug)),
            communities::updated_at.eq(now()),
        ))
        .execute(conn)
        .map_err(|e| match AppError::from(e) {
            AppError::Conflict { .. } => AppError::Conflict { code: Code::NameTaken },
            other => other,
        })?;
    crate::search::index::refresh(conn, crate::subjects::Subject::Community(community_id))?;
    Ok(())
}

fn name_taken(conn: &mut DbConnection, name: &str) -> Result<bool, AppError> {
    let n: i64 = communities::table
        .filter(communities::name_key.eq(community_name_key(name, Visibility::Public, "")))
        .count()
        .get_result(conn)?;
    Ok(n > 0)
}

fn slug_taken(conn: &mut DbConnection, slug: &str) -> Result<bool, AppError> {
    let n: i64 = communities::table
        .filter(communities::slug.eq(slug))
        .count()
        .get_result(conn)?;
    Ok(n > 0)
}

pub(crate) fn community_search_text(name: &str, slug: &str) -> String {
    format!("{name} {slug}").to_lowercase()
}

/// Names of communities the directory makes follow the directory; when another community
/// already has the name, the slug is added to tell them apart.
pub(super) fn directory_name(conn: &mut DbConnection, name: &str, slug: &CommunitySlug) -> Result<String, AppError> {
    Ok(if name_taken(conn, name)? {
        format!("{name} ({slug})")
    } else {
        name.to_string()
    })
}

/// `base` with a random ending: `geheimprojekt-k3x9q2`.
fn secret_slug(base: &CommunitySlug) -> Result<CommunitySlug, AppError> {
    use rand::Rng;
    const LETTERS: &[u8] = b"abcdefghijkmnpqrstuvwxyz23456789";
    let mut rng = rand::thread_rng();
    let ending: String = (0..6)
        .map(|_| LETTERS[rng.gen_range(0..LETTERS.len())] as char)
        .collect();
    let mut start = base.as_str().to_string();
    start.truncate(CommunitySlug::MAX_LEN - ending.len() - 1);
    Ok(CommunitySlug::parse(&format!(
        "{}-{ending}",
        start.trim_end_matches('-')
    ))?)
}

/// A slug like `base` that no community has yet (`base`, `base-2`, `base-3`, …).
pub(super) fn unique_slug(conn: &mut DbConnection, base: &CommunitySlug) -> Result<CommunitySlug, AppError> {
    for n in 1..1000 {
        let candidate = if n == 1 {
            base.clone()
        } else {
            CommunitySlug::parse(&format!("{}-{n}", base.as_str()))?
        };
        if !slug_taken(conn, candidate.as_str())? {
            return Ok(candidate);
        }
    }
    Err(AppError::Conflict { code: Code::SlugTaken })
}

pub fn find_id(conn: &mut DbConnection, slug: &str) -> Result<Option<i64>, AppError> {
    Ok(communities::table
        .filter(communities::slug.eq(slug))
        .select(communities::id)
        .first(conn)
        .optional()?)
}
