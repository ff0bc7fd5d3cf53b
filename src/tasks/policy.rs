//! What a viewer may do with a community's tasks. It follows from the community's access
//! (`communities::policy`) and whether the community has the tasks module on; pages, API,
//! "my tasks", notifications and reminders all ask here.

use diesel::dsl::exists;
use diesel::prelude::*;

use crate::communities::policy::{self as communities, Access};
use crate::db::DbConnection;
use crate::db::models::{Person, Task};
use crate::db::schema::{communities as communities_t, tasks};
use crate::domain::Module;
use crate::error::AppError;
use crate::error::Code;

/// A community's task board for this viewer: the module is on and they may read the community.
pub fn load_board(conn: &mut DbConnection, viewer: &Person, slug: &str) -> Result<Access, AppError> {
    let access = communities::load(conn, viewer, slug)?;
    access.can_read_module(Module::Tasks)?;
    Ok(access)
}

/// A task the viewer may read, with the community's access.
#[derive(Debug, Clone)]
pub struct TaskAccess {
    pub community: Access,
    pub task: Task,
    pub viewer_id: i64,
}

/// Loads a task for this viewer; one they may not read is `NotFound`, like one that does not exist.
pub fn load_task(conn: &mut DbConnection, viewer: &Person, id: i64) -> Result<TaskAccess, AppError> {
    let task: Task = tasks::table
        .find(id)
        .filter(tasks::deleted_at.is_null())
        .select(Task::as_select())
        .first(conn)
        .optional()?
        .ok_or(AppError::NotFound)?;
    let community = communities::load_id(conn, viewer, task.community_id)?;
    match community.can_read_module(Module::Tasks) {
        Ok(()) => Ok(TaskAccess {
            community,
            task,
            viewer_id: viewer.id,
        }),
        Err(_) => Err(AppError::NotFound),
    }
}

impl TaskAccess {
    /// The team works on its tasks together: every member may edit, move, assign and comment.
    pub fn can_edit(&self) -> Result<(), AppError> {
        self.community.can_participate()
    }

    /// Whoever created a task deletes it, and the community's moderators any.
    pub fn can_delete(&self) -> Result<(), AppError> {
        self.community.can_participate()?;
        if self.task.created_by == Some(self.viewer_id) || self.community.can_moderate() {
            Ok(())
        } else {
            Err(AppError::Forbidden { code: Code::NotAuthor })
        }
    }
}

/// Creating tasks: members of a community with the module on that is not archived.
pub fn can_create(access: &Access) -> Result<(), AppError> {
    access.can_read_module(Module::Tasks)?;
    access.can_participate()
}

/// `load_task`'s rule as SQL, for counts across communities (unread notifications).
#[diesel::dsl::auto_type(no_type_alias)]
pub fn readable_by(viewer_id: i64) -> _ {
    let community_readable: communities::readable_to = communities::readable_to(viewer_id);
    let pattern: String = Module::Tasks.stored_pattern();
    tasks::deleted_at.is_null().and(exists(
        communities_t::table
            .filter(communities_t::id.eq(tasks::community_id))
            .filter(communities_t::modules.like(pattern))
            .filter(community_readable),
    ))
}
