//! Who may see KPIs: a community's managers and the admins; the organization's, the admins and
//! the managers of the organization's community. Others who can see the community are refused;
//! a secret community stays unknown to outsiders (404).

use super::daily::Scope;
use crate::communities::policy::{self as communities, Access};
use crate::db::DbConnection;
use crate::db::models::{Community, Person};
use crate::error::AppError;
use crate::error::Code;

/// The one rule: admins, and the community's managers.
pub fn may_see(viewer: &Person, access: &Access) -> bool {
    access.can_see_kpis(viewer)
}

pub fn community(conn: &mut DbConnection, viewer: &Person, slug: &str) -> Result<(Community, Scope), AppError> {
    let access = communities::load(conn, viewer, slug)?;
    if may_see(viewer, &access) {
        let scope = Scope::Community(access.community.id);
        Ok((access.community, scope))
    } else if access.can_see() {
        Err(AppError::Forbidden {
            code: Code::ManagersOnly,
        })
    } else {
        Err(AppError::NotFound)
    }
}

pub fn organization(conn: &mut DbConnection, viewer: &Person) -> Result<(Community, Scope), AppError> {
    let id = super::figures::organization(conn)?;
    let access = communities::load_id(conn, viewer, id)?;
    if may_see(viewer, &access) {
        Ok((access.community, Scope::Organization { community: id }))
    } else {
        Err(AppError::Forbidden {
            code: Code::ManagersOnly,
        })
    }
}
