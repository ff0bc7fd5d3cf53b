//! Who may see, vote in and close a poll: it follows from the community's access and whether
//! the community has the polls module on.

use diesel::prelude::*;

use crate::communities::policy::{self as communities, Access};
use crate::db::models::{Person, Poll};
use crate::db::schema::polls;
use crate::db::{DbConnection, now};
use crate::domain::Module;
use crate::error::AppError;
use crate::error::Code;

/// A community's polls for this viewer: the module is on and they may read the community.
pub fn load_community(conn: &mut DbConnection, viewer: &Person, slug: &str) -> Result<Access, AppError> {
    let access = communities::load(conn, viewer, slug)?;
    access.can_read_module(Module::Polls)?;
    Ok(access)
}

/// Asking: members of a community with the module on that is not archived.
pub fn can_create(access: &Access) -> Result<(), AppError> {
    access.can_read_module(Module::Polls)?;
    access.can_participate()
}

#[derive(Debug, Clone)]
pub struct PollAccess {
    pub community: Access,
    pub poll: Poll,
    pub viewer_id: i64,
}

/// Loads a poll for this viewer; one they may not read is `NotFound`, like one that does not exist.
pub fn load_poll(conn: &mut DbConnection, viewer: &Person, id: i64) -> Result<PollAccess, AppError> {
    let poll: Poll = polls::table
        .find(id)
        .filter(polls::deleted_at.is_null())
        .select(Poll::as_select())
        .first(conn)
        .optional()?
        .ok_or(AppError::NotFound)?;
    let community = communities::load_id(conn, viewer, poll.community_id)?;
    if community.can_read_module(Module::Polls).is_err() {
        return Err(AppError::NotFound);
    }
    Ok(PollAccess {
        community,
        poll,
        viewer_id: viewer.id,
    })
}

impl PollAccess {
    /// Closed early by hand, or its closing time has passed.
    pub fn is_closed(&self) -> bool {
        self.poll.closed_at.is_some() || self.poll.closes_at.is_some_and(|c| c <= now())
    }

    /// Members vote while the poll is open.
    pub fn can_vote(&self) -> Result<(), AppError> {
        self.community.can_participate()?;
        if self.is_closed() {
            return Err(AppError::Conflict { code: Code::PollClosed });
        }
        Ok(())
    }

    /// Its author or the community's moderators close it early.
    pub fn can_close(&self) -> Result<(), AppError> {
        self.community.writable()?;
        if self.is_closed() {
            return Err(AppError::Conflict { code: Code::PollClosed });
        }
        if self.poll.author_id == Some(self.viewer_id) || self.community.can_moderate() {
            Ok(())
        } else {
            Err(AppError::Forbidden { code: Code::NotAuthor })
        }
    }

    /// Its author or the community's moderators rewrite it while it is open and nobody has
    /// voted: a changed question or option would change what a voter answered.
    pub fn can_edit(&self, voters: i64) -> Result<(), AppError> {
        self.can_close()?;
        if voters > 0 {
            return Err(AppError::Conflict {
                code: Code::PollHasVotes,
            });
        }
        Ok(())
    }

    /// Results show once the poll is closed, or before if the poll says so.
    pub fn results_visible(&self) -> bool {
        self.poll.results_before_close || self.is_closed()
    }
}
