//! A community's settings, changed by its managers: name, description, code of conduct,
//! visibility, join policy, modules, and archiving (read-only for everyone until unarchived).

use diesel::prelude::*;

use super::policy;
use super::service::{self, CommunityDetail};
use crate::db::models::{NewAuditEntry, Person};
use crate::db::schema::communities;
use crate::db::{DbConnection, now, write_transaction};
use crate::domain::{CommunityKind, CommunityName, Description, Invalid, JoinPolicy, Modules, Visibility};
use crate::error::AppError;
use crate::error::Code;

/// What a change sets; `None` leaves a setting as it is.
#[derive(Debug, Default)]
pub struct CommunityChange {
    pub name: Option<CommunityName>,
    pub description: Option<Description>,
    pub code_of_conduct: Option<Description>,
    pub visibility: Option<Visibility>,
    pub join_policy: Option<JoinPolicy>,
    pub archived: Option<bool>,
    /// The modules on besides the blog; switching one off hides it and keeps its content.
    pub modules: Option<Modules>,
    /// The department running a project (name or directory key; empty: none).
    pub department: Option<String>,
}

pub fn update(
    conn: &mut DbConnection,
    viewer: &Person,
    slug: &str,
    change: CommunityChange,
) -> Result<CommunityDetail, AppError> {
    write_transaction(conn, |conn| {
        let access = policy::load(conn, viewer, slug)?;
        access.must_manage()?;
        let c = &access.community;
        let only_unarchiving = change.archived == Some(false)
            && change.name.is_none()
            && change.description.is_none()
            && change.code_of_conduct.is_none()
            && change.visibility.is_none()
            && change.join_policy.is_none()
            && change.modules.is_none()
            && change.department.is_none();
        if !only_unarchiving {
            access.writable()?;
        }
        let mut changed: Vec<&str> = Vec::new();
        let renamed = change.name.as_ref().filter(|n| n.as_str() != c.name);
        if renamed.is_some() {
            if access.kind().membership_is_managed() {
                return Err(AppError::Forbidden {
                    code: Code::MembershipManaged,
                });
            }
            changed.push("name");
        }
        let description = change
            .description
            .as_ref()
            .map_or(c.description.as_str(), |d| d.as_str());
        let rules = change
            .code_of_conduct
            .as_ref()
            .map_or(c.code_of_conduct.as_str(), |d| d.as_str());
        for (field, new, old) in [
            ("description", description, c.description.as_str()),
            ("code_of_conduct", rules, c.code_of_conduct.as_str()),
            (
                "visibility",
                change.visibility.map_or(c.visibility.as_str(), |v| v.as_str()),
                c.visibility.as_str(),
            ),
            (
                "join_policy",
                change.join_policy.map_or(c.join_policy.as_str(), |j| j.as_str()),
                c.join_policy.as_str(),
            ),
        ] {
            if new != old {
                changed.push(field);
            }
        }
        let modules = change.modules.unwrap_or_else(|| c.modules());
        if modules != c.modules() {
            changed.push("modules");
        }
        let department = match change.department.as_deref().map(str::trim) {
            None => c.reports_to_department_id,
            Some(_) if access.kind() != CommunityKind::Project => {
                return Err(Invalid::new("department", "not-allowed").into());
            }
            Some("") => None,
            Some(named) => Some(crate::people::service::department_named(conn, named)?.0),
        };
        if department != c.reports_to_department_id {
            changed.push("department");
        }
        let archived = change.archived.unwrap_or(c.archived);
        if archived != c.archived {
            changed.push("archived");
        }
        diesel::update(communities::table.find(c.id))
            .set((
                communities::description.eq(description),
                communities::code_of_conduct.eq(rules),
                communities::visibility.eq(change.visibility.map_or(c.visibility.as_str(), |v| v.as_str())),
                communities::join_policy.eq(change.join_policy.map_or(c.join_policy.as_str(), |j| j.as_str())),
                communities::archived.eq(archived),
                communities::modules.eq(modules.to_stored()),
                communities::reports_to_department_id.eq(department),
                communities::updated_at.eq(now()),
            ))
            .execute(conn)?;
        if renamed.is_some() || changed.contains(&"visibility") {
            service::rename(conn, c.id, renamed.map_or(c.name.as_str(), |n| n.as_str()))?;
        }
        crate::search::index::refresh(conn, crate::subjects::Subject::Community(c.id))?;
        if !changed.is_empty() {
            NewAuditEntry::record(
                conn,
                Some(viewer.id),
                "community.update",
                ("community", &c.slug),
                serde_json::json!({ "fields": changed }),
            )?;
        }
        let access = policy::load(conn, viewer, slug)?;
        Ok(service::detail(&access))
    })
}
