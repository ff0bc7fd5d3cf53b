//! Who may see an AMA, ask, vote, answer and moderate its questions. Pages, API, notifications
//! and the summary all ask here.

use chrono::NaiveDateTime;
use diesel::dsl::exists;
use diesel::prelude::*;

use crate::communities::policy::{self as communities, Access, readable_to};
use crate::db::DbConnection;
use crate::db::models::{Ama, AmaQuestion, Person};
use crate::db::schema::{ama_hosts, ama_questions, amas, communities as communities_t};
use crate::domain::{AmaState, AmaWindow, Audience, QuestionState};
use crate::error::AppError;
use crate::error::Code;

/// Starting AMAs: a community's managers and moderators (a department's head, a delegate).
pub fn can_create(access: &Access) -> Result<(), AppError> {
    access.writable()?;
    if access.can_moderate() {
        Ok(())
    } else {
        Err(AppError::Forbidden {
            code: Code::ManagersOnly,
        })
    }
}

/// `AmaAccess::can_read` as SQL, for lists across communities (notifications): AMAs for the
/// whole organization, and those in a community the viewer may read.
#[diesel::dsl::auto_type(no_type_alias)]
pub fn readable_by(viewer_id: i64) -> _ {
    let organization: &'static str = ORGANIZATION;
    let community_readable: communities::readable_to = readable_to(viewer_id);
    amas::audience.eq(organization).or(exists(
        communities_t::table
            .filter(communities_t::id.eq(amas::community_id))
            .filter(community_readable),
    ))
}

const ORGANIZATION: &str = Audience::Organization.as_str();

#[derive(Debug, Clone)]
pub struct AmaAccess {
    pub community: Access,
    pub ama: Ama,
    pub viewer_id: i64,
    pub is_host: bool,
}

/// Loads an AMA for this viewer; one they may not read is `NotFound`, like one that does not
/// exist.
pub fn load_ama(conn: &mut DbConnection, viewer: &Person, id: i64) -> Result<AmaAccess, AppError> {
    let ama: Ama = amas::table
        .find(id)
        .select(Ama::as_select())
        .first(conn)
        .optional()?
        .ok_or(AppError::NotFound)?;
    let community = communities::load_id(conn, viewer, ama.community_id)?;
    let is_host = is_host(conn, id, viewer.id)?;
    let access = AmaAccess {
        community,
        ama,
        viewer_id: viewer.id,
        is_host,
    };
    if access.can_read() {
        Ok(access)
    } else {
        Err(AppError::NotFound)
    }
}

pub fn is_host(conn: &mut DbConnection, ama_id: i64, person_id: i64) -> QueryResult<bool> {
    Ok(ama_hosts::table
        .filter(ama_hosts::ama_id.eq(ama_id))
        .filter(ama_hosts::person_id.eq(person_id))
        .count()
        .get_result::<i64>(conn)?
        > 0)
}

/// Loads a question and its AMA for this viewer; a question they may not see is `NotFound`.
pub fn load_question(conn: &mut DbConnection, viewer: &Person, id: i64) -> Result<(AmaAccess, AmaQuestion), AppError> {
    let question: AmaQuestion = ama_questions::table
        .find(id)
        .select(AmaQuestion::as_select())
        .first(conn)
        .optional()?
        .ok_or(AppError::NotFound)?;
    let ama = load_ama(conn, viewer, question.ama_id)?;
    if ama.sees_question(&question) {
        Ok((ama, question))
    } else {
        Err(AppError::NotFound)
    }
}

impl AmaAccess {
    pub fn audience(&self) -> Audience {
        self.ama.audience
    }

    pub fn window(&self) -> AmaWindow {
        self.ama.window()
    }

    pub fn state(&self, now: NaiveDateTime) -> AmaState {
        self.window().state_at(now)
    }

    pub fn can_read(&self) -> bool {
        self.audience() == Audience::Organization || self.community.can_read()
    }

    /// Its hosts, whoever set it up, and the community's managers and moderators.
    pub fn is_organizer(&self) -> bool {
        self.is_host || self.ama.created_by == Some(self.viewer_id) || self.community.can_moderate()
    }

    /// Asking, voting, commenting: the audience, while the community is not archived.
    pub fn can_participate(&self) -> Result<(), AppError> {
        self.community.writable()?;
        match self.audience() {
            Audience::Organization => Ok(()),
            Audience::Community => self.community.can_participate(),
        }
    }

    /// Its whole form (window, hosts, text) is its organizers' to change until it opens;
    /// afterwards askers go by what it said.
    pub fn can_reschedule(&self, now: NaiveDateTime) -> Result<(), AppError> {
        self.can_edit(now)?;
        if now < self.window().opens_at {
            Ok(())
        } else {
            Err(AppError::Conflict { code: Code::AmaStarted })
        }
    }

    fn not_closed(&self, now: NaiveDateTime) -> Result<(), AppError> {
        if self.state(now) == AmaState::Closed {
            Err(AppError::Conflict { code: Code::AmaClosed })
        } else {
            Ok(())
        }
    }

    pub fn can_ask(&self, now: NaiveDateTime) -> Result<(), AppError> {
        self.can_participate()?;
        self.not_closed(now)?;
        if self.window().accepts_questions(now) {
            Ok(())
        } else {
            Err(AppError::Conflict { code: Code::AmaNotOpen })
        }
    }

    /// Voting on a shown question, not one's own, until the AMA closes.
    pub fn can_vote(&self, q: &AmaQuestion, now: NaiveDateTime) -> Result<(), AppError> {
        self.can_participate()?;
        self.not_closed(now)?;
        if q.asker_id == Some(self.viewer_id) {
            return Err(AppError::Forbidden {
                code: Code::OwnQuestion,
            });
        }
        if q.state != QuestionState::Published {
            return Err(AppError::Conflict {
                code: Code::QuestionNotPublished,
            });
        }
        Ok(())
    }

    /// Hosts answer shown questions while the AMA is live.
    pub fn can_answer(&self, q: &AmaQuestion, now: NaiveDateTime) -> Result<(), AppError> {
        self.community.writable()?;
        if !self.is_host {
            return Err(AppError::Forbidden { code: Code::HostsOnly });
        }
        if self.state(now) != AmaState::Live {
            return Err(AppError::Conflict { code: Code::AmaNotLive });
        }
        if q.state != QuestionState::Published {
            return Err(AppError::Conflict {
                code: Code::QuestionNotPublished,
            });
        }
        Ok(())
    }

    /// Follow-up comments on answered questions, until the AMA closes.
    pub fn can_comment(&self, q: &AmaQuestion, now: NaiveDateTime) -> Result<(), AppError> {
        self.can_participate()?;
        self.not_closed(now)?;
        if q.answered_at.is_none() {
            return Err(AppError::Conflict {
                code: Code::NotAnswered,
            });
        }
        Ok(())
    }

    /// The organizers approve, reject, merge, hide and pin, until the AMA closes.
    pub fn can_moderate(&self, now: NaiveDateTime) -> Result<(), AppError> {
        self.community.writable()?;
        if !self.is_organizer() {
            return Err(AppError::Forbidden {
                code: Code::OrganizersOnly,
            });
        }
        self.not_closed(now)
    }

    /// Changing the AMA itself: whoever set it up and the community's managers, until it closes.
    pub fn can_edit(&self, now: NaiveDateTime) -> Result<(), AppError> {
        self.community.writable()?;
        if self.ama.created_by != Some(self.viewer_id) && !self.community.can_moderate() {
            return Err(AppError::Forbidden {
                code: Code::ManagersOnly,
            });
        }
        self.not_closed(now)
    }

    /// Its asker withdraws a question until it is answered or the AMA closes.
    pub fn can_withdraw(&self, q: &AmaQuestion, now: NaiveDateTime) -> Result<(), AppError> {
        if q.asker_id != Some(self.viewer_id) {
            return Err(AppError::Forbidden { code: Code::NotAuthor });
        }
        self.not_closed(now)?;
        if q.answered_at.is_some() {
            return Err(AppError::Conflict {
                code: Code::AlreadyAnswered,
            });
        }
        Ok(())
    }

    /// Shown questions for every reader; the others (waiting, rejected, hidden, merged) for
    /// their asker and the organizers.
    pub fn sees_question(&self, q: &AmaQuestion) -> bool {
        q.state == QuestionState::Published || q.asker_id == Some(self.viewer_id) || self.is_organizer()
    }
}
