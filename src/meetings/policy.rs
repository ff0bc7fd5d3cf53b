//! Who may see, answer, plan and minute a meeting: it follows from the community's access and
//! whether the community has the meetings module on.

use diesel::dsl::exists;
use diesel::prelude::*;

use crate::communities::policy::{self as communities, Access};
use crate::db::DbConnection;
use crate::db::models::{Meeting, Person};
use crate::db::schema::{communities as communities_t, meetings};
use crate::domain::Module;
use crate::error::AppError;
use crate::error::Code;

/// A community's meetings for this viewer: the module is on and they may read the community.
pub fn load_community(conn: &mut DbConnection, viewer: &Person, slug: &str) -> Result<Access, AppError> {
    let access = communities::load(conn, viewer, slug)?;
    access.can_read_module(Module::Meetings)?;
    Ok(access)
}

/// Calling a meeting: members of a community with the module on that is not archived.
pub fn can_create(access: &Access) -> Result<(), AppError> {
    access.can_read_module(Module::Meetings)?;
    access.can_participate()
}

#[derive(Debug, Clone)]
pub struct MeetingAccess {
    pub community: Access,
    pub meeting: Meeting,
    pub viewer_id: i64,
}

/// Loads a meeting for this viewer; one they may not read is `NotFound`, like one that does not exist.
pub fn load_meeting(conn: &mut DbConnection, viewer: &Person, id: i64) -> Result<MeetingAccess, AppError> {
    let meeting: Meeting = meetings::table
        .find(id)
        .select(Meeting::as_select())
        .first(conn)
        .optional()?
        .ok_or(AppError::NotFound)?;
    let community = communities::load_id(conn, viewer, meeting.community_id)?;
    if community.can_read_module(Module::Meetings).is_err() {
        return Err(AppError::NotFound);
    }
    Ok(MeetingAccess {
        community,
        meeting,
        viewer_id: viewer.id,
    })
}

impl MeetingAccess {
    /// Members answer, suggest agenda items and read the minutes.
    pub fn can_take_part(&self) -> Result<(), AppError> {
        self.community.can_participate()
    }

    /// The organizer and the community's managers change the meeting and write its minutes.
    pub fn can_organize(&self) -> Result<(), AppError> {
        self.community.can_participate()?;
        if self.meeting.organizer_id == Some(self.viewer_id) || self.community.is_manager() {
            Ok(())
        } else {
            Err(AppError::Forbidden {
                code: Code::OrganizersOnly,
            })
        }
    }
}

/// `load_meeting`'s rule as SQL, for lists across communities (what a notification is about).
#[diesel::dsl::auto_type(no_type_alias)]
pub fn readable_by(viewer_id: i64) -> _ {
    let community_readable: communities::readable_to = communities::readable_to(viewer_id);
    let pattern: String = Module::Meetings.stored_pattern();
    exists(
        communities_t::table
            .filter(communities_t::id.eq(meetings::community_id))
            .filter(communities_t::modules.like(pattern))
            .filter(community_readable),
    )
}
