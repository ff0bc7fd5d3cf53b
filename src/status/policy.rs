//! Who may read and write a project's status reports: it follows from the community's access
//! and whether it has the status module on.

use crate::communities::policy::{self as communities, Access};
use crate::db::DbConnection;
use crate::db::models::Person;
use crate::domain::Module;
use crate::error::AppError;

/// A community's reports for this viewer: the module is on and they may read the community.
pub fn load(conn: &mut DbConnection, viewer: &Person, slug: &str) -> Result<Access, AppError> {
    let access = communities::load(conn, viewer, slug)?;
    access.can_read_module(Module::Status)?;
    Ok(access)
}

/// Reporting is for the project's managers, while the community is not archived.
pub fn can_report(access: &Access) -> Result<(), AppError> {
    access.can_read_module(Module::Status)?;
    access.writable()?;
    access.must_manage()
}
