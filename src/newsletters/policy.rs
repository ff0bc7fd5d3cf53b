//! Who may write, send and read newsletters. Pages, API and delivery all ask here.

use diesel::dsl::exists;
use diesel::prelude::*;

use crate::communities::policy::{self as communities, Access};
use crate::db::DbConnection;
use crate::db::models::{Newsletter, Person};
use crate::db::schema::{communities as communities_t, newsletters};
use crate::domain::{CommunityKind, NewsletterState};
use crate::error::AppError;
use crate::error::Code;

/// Newsletters are official mail: the organization's and the departments' (whose members the
/// directory decides); other communities have none.
fn has_newsletters(access: &Access) -> Result<(), AppError> {
    if access.kind().membership_is_managed() {
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}

/// Writing and sending: the community's managers and moderators (the head, delegated editors).
pub fn can_edit(access: &Access) -> Result<(), AppError> {
    has_newsletters(access)?;
    access.writable()?;
    if access.can_moderate() {
        Ok(())
    } else {
        Err(AppError::Forbidden {
            code: Code::ManagersOnly,
        })
    }
}

/// The archive of sent issues: whoever may read the community.
pub fn can_read(access: &Access) -> Result<(), AppError> {
    has_newsletters(access)?;
    if access.can_read() {
        Ok(())
    } else {
        Err(AppError::Forbidden {
            code: Code::MembersOnly,
        })
    }
}

pub struct NewsletterAccess {
    pub community: Access,
    pub newsletter: Newsletter,
    pub can_edit: bool,
}

impl NewsletterAccess {
    pub fn must_edit(&self) -> Result<(), AppError> {
        if self.can_edit {
            Ok(())
        } else {
            Err(AppError::Forbidden {
                code: Code::ManagersOnly,
            })
        }
    }

    /// Whether editors may still rewrite or discard the issue: until it goes out.
    pub fn can_change(&self) -> bool {
        self.can_edit && NewsletterState::CHANGEABLE.contains(&self.newsletter.state)
    }

    pub fn must_change(&self) -> Result<(), AppError> {
        self.must_edit()?;
        if self.can_change() {
            Ok(())
        } else {
            Err(AppError::Conflict {
                code: Code::AlreadySent,
            })
        }
    }
}

/// Loads an issue for this viewer: a sent one for the community's readers, any for its
/// editors; others are `NotFound`, like one that does not exist.
pub fn load(conn: &mut DbConnection, viewer: &Person, id: i64) -> Result<NewsletterAccess, AppError> {
    let newsletter: Newsletter = newsletters::table
        .find(id)
        .select(Newsletter::as_select())
        .first(conn)
        .optional()?
        .ok_or(AppError::NotFound)?;
    let community = communities::load_id(conn, viewer, newsletter.community_id)?;
    can_read(&community).map_err(|_| AppError::NotFound)?;
    let can_edit = can_edit(&community).is_ok();
    if !can_edit && newsletter.state != NewsletterState::Sent {
        return Err(AppError::NotFound);
    }
    Ok(NewsletterAccess {
        community,
        newsletter,
        can_edit,
    })
}

/// `load`'s rule for readers as SQL: sent issues of an organization or department the viewer
/// may read. Editors also see drafts; lists across communities leave those to `load`.
#[diesel::dsl::auto_type(no_type_alias)]
pub fn readable_by(viewer_id: i64) -> _ {
    let community_readable: communities::readable_to = communities::readable_to(viewer_id);
    let managed: Vec<CommunityKind> = CommunityKind::ALL
        .iter()
        .copied()
        .filter(|kind| kind.membership_is_managed())
        .collect();
    let sent: NewsletterState = NewsletterState::Sent;
    newsletters::state.eq(sent).and(exists(
        communities_t::table
            .filter(communities_t::id.eq(newsletters::community_id))
            .filter(communities_t::kind.eq_any(managed))
            .filter(community_readable),
    ))
}
