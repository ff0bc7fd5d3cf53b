//! Questions in an AMA: asking (optionally anonymously), votes, the organizers' queue,
//! duplicates, pins, the hosts' answers and follow-up comments.
//!
//! An anonymous question keeps its asker's id (so that they can see and withdraw it and hear
//! when it is answered), but no view, notification, summary, audit entry or log line names
//! them: `QuestionView::author` is `None` for it whoever asks.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;

use super::policy::{AmaAccess, load_ama, load_question};
use crate::api::pagination::{PageRequest, Paged, parse_id_key};
use crate::db::models::{AmaComment, AmaQuestion, NewAuditEntry, Person};
use crate::db::schema::{ama_comments, ama_questions};
use crate::db::{DbConnection, write_transaction};
use crate::domain::{AnswerBody, FollowUpBody, Invalid, QuestionAction, QuestionBody, QuestionSort, QuestionState};
use crate::error::AppError;
use crate::error::Code;
use crate::notifications::notices::{self as notifications, Kind, Notice};
use crate::references::{AuthorRef, authors};
use crate::votes::{self, Subject};

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct AnswerView {
    pub body: String,
    pub body_html: String,
    pub by: Option<AuthorRef>,
    #[serde(serialize_with = "crate::domain::utc::write")]
    pub answered_at: NaiveDateTime,
    #[serde(serialize_with = "crate::domain::utc::write_option")]
    pub edited_at: Option<NaiveDateTime>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct FollowUpView {
    pub id: i64,
    pub author: Option<AuthorRef>,
    pub body_html: String,
    #[serde(serialize_with = "crate::domain::utc::write")]
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct QuestionView {
    pub id: i64,
    pub ama_id: i64,
    pub body: String,
    pub body_html: String,
    /// `None` for anonymous questions, for everyone.
    pub author: Option<AuthorRef>,
    pub anonymous: bool,
    pub state: QuestionState,
    /// Why it was rejected (its asker and the organizers).
    pub reason: Option<String>,
    /// The question it duplicates, once merged.
    pub merged_into: Option<i64>,
    pub pinned: bool,
    pub votes: i64,
    pub voted: bool,
    /// The viewer asked it.
    pub mine: bool,
    pub answer: Option<AnswerView>,
    pub comments: Vec<FollowUpView>,
    #[serde(serialize_with = "crate::domain::utc::write")]
    pub created_at: NaiveDateTime,
    pub can_vote: bool,
    pub can_withdraw: bool,
    pub can_answer: bool,
    pub can_moderate: bool,
    pub can_comment: bool,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct QuestionList {
    /// Shown questions in the order asked for, pinned first; a page of them.
    pub items: Vec<QuestionView>,
    pub next_cursor: Option<String>,
    /// Shown questions in this order (with the filter of `unanswered` / `answered`).
    pub total: i64,
    /// Waiting, rejected, hidden and merged questions: the asker's own, and all of them for
    /// the organizers (their queue).
    pub queue: Vec<QuestionView>,
}

pub fn ask(
    conn: &mut DbConnection,
    viewer: &Person,
    ama_id: i64,
    body: QuestionBody,
    anonymous: bool,
    now: NaiveDateTime,
) -> Result<i64, AppError> {
    write_transaction(conn, |conn| {
        let access = load_ama(conn, viewer, ama_id)?;
        access.can_ask(now)?;
        if anonymous && !access.ama.anonymous_allowed {
            return Err(Invalid::new("anonymous", "not-allowed").into());
        }
        let state = if access.ama.moderated {
            QuestionState::Pending
        } else {
            QuestionState::Published
        };
        Ok(diesel::insert_into(ama_questions::table)
            .values((
                ama_questions::ama_id.eq(ama_id),
                ama_questions::asker_id.eq(Some(viewer.id)),
                ama_questions::anonymous.eq(anonymous),
                ama_questions::body.eq(body.as_str()),
                ama_questions::body_html.eq(crate::markdown::to_safe_html(body.as_str())),
                ama_questions::state.eq(state.as_str()),
                ama_questions::created_at.eq(crate::db::now()),
            ))
            .returning(ama_questions::id)
            .get_result(conn)?)
    })
}

/// Its asker takes a question back: it is gone with its votes.
pub fn withdraw(conn: &mut DbConnection, viewer: &Person, id: i64, now: NaiveDateTime) -> Result<i64, AppError> {
    write_transaction(conn, |conn| {
        let (access, q) = load_question(conn, viewer, id)?;
        access.can_withdraw(&q, now)?;
        votes::lock(conn, Subject::AmaQuestion, id)?;
        votes::remove_all(conn, Subject::AmaQuestion, id)?;
        diesel::delete(ama_questions::table.find(id)).execute(conn)?;
        Ok(access.ama.id)
    })
}

/// Votes for a question; a vote on a question merged meanwhile counts for the one it was
/// merged into. Returns the AMA and the question the vote counts for.
pub fn vote(conn: &mut DbConnection, viewer: &Person, id: i64, now: NaiveDateTime) -> Result<(i64, i64), AppError> {
    write_transaction(conn, |conn| {
        votes::lock(conn, Subject::AmaQuestion, id)?;
        let merged_into: Option<Option<i64>> = ama_questions::table
            .find(id)
            .filter(ama_questions::state.eq(QuestionState::Merged.as_str()))
            .select(ama_questions::merged_into)
            .first(conn)
            .optional()?;
        let target = match merged_into {
            Some(Some(into)) => {
                votes::lock(conn, Subject::AmaQuestion, into)?;
                into
            }
            _ => id,
        };
        let (access, q) = load_question(conn, viewer, target)?;
        access.can_vote(&q, now)?;
        votes::cast(conn, Subject::AmaQuestion, q.id, viewer.id)?;
        Ok((access.ama.id, q.id))
    })
}

/// Takes the viewer's vote back; returns the AMA.
pub fn unvote(conn: &mut DbConnection, viewer: &Person, id: i64, now: NaiveDateTime) -> Result<i64, AppError> {
    write_transaction(conn, |conn| {
        votes::lock(conn, Subject::AmaQuestion, id)?;
        let (access, q) = load_question(conn, viewer, id)?;
        access.can_participate()?;
        if access.state(now) == crate::domain::AmaState::Closed {
            return Err(AppError::Conflict { code: Code::AmaClosed });
        }
        votes::withdraw(conn, Subject::AmaQuestion, q.id, viewer.id)?;
        Ok(access.ama.id)
    })
}

/// A host answers (or, with `edit`, changes the answer); the asker and everyone who voted for
/// the question hear of a first answer.
pub fn answer(
    conn: &mut DbConnection,
    viewer: &Person,
    id: i64,
    body: AnswerBody,
    edit: bool,
    now: NaiveDateTime,
) -> Result<i64, AppError> {
    write_transaction(conn, |conn| {
        let (access, q) = load_question(conn, viewer, id)?;
        access.can_answer(&q, now)?;
        let html = crate::markdown::to_safe_html(body.as_str());
        let at = crate::db::now();
        match (q.answered_at, edit) {
            (None, true) => {
                return Err(AppError::Conflict {
                    code: Code::NotAnswered,
                });
            }
            (Some(_), false) => {
                return Err(AppError::Conflict {
                    code: Code::AlreadyAnswered,
                });
            }
            (Some(_), true) => {
                diesel::update(ama_questions::table.find(id))
                    .set((
                        ama_questions::answer.eq(Some(body.as_str())),
                        ama_questions::answer_html.eq(Some(html)),
                        ama_questions::answer_edited_at.eq(Some(at)),
                    ))
                    .execute(conn)?;
            }
            (None, false) => {
                diesel::update(ama_questions::table.find(id))
                    .set((
                        ama_questions::answer.eq(Some(body.as_str())),
                        ama_questions::answer_html.eq(Some(html)),
                        ama_questions::answered_by.eq(Some(viewer.id)),
                        ama_questions::answered_at.eq(Some(at)),
                    ))
                    .execute(conn)?;
                let mut told = votes::voters(conn, Subject::AmaQuestion, id)?;
                told.extend(q.asker_id);
                told.sort_unstable();
                told.dedup();
                for person in told {
                    notifications::notify(
                        conn,
                        Notice::ama(Kind::QuestionAnswered, person, Some(viewer.id), access.ama.id)
                            .with_detail(id.to_string()),
                    )?;
                }
            }
        }
        Ok(access.ama.id)
    })
}

/// A follow-up comment on an answered question.
pub fn comment(
    conn: &mut DbConnection,
    viewer: &Person,
    id: i64,
    body: FollowUpBody,
    now: NaiveDateTime,
) -> Result<i64, AppError> {
    write_transaction(conn, |conn| {
        let (access, q) = load_question(conn, viewer, id)?;
        access.can_comment(&q, now)?;
        diesel::insert_into(ama_comments::table)
            .values((
                ama_comments::question_id.eq(id),
                ama_comments::author_id.eq(Some(viewer.id)),
                ama_comments::body.eq(body.as_str()),
                ama_comments::body_html.eq(crate::markdown::to_safe_html(body.as_str())),
                ama_comments::created_at.eq(crate::db::now()),
            ))
            .execute(conn)?;
        Ok(access.ama.id)
    })
}

/// What the organizers decide about a question.
#[derive(Debug)]
pub enum Decision {
    Approve,
    Reject(FollowUpBody),
    /// A duplicate of this question of the same AMA: its votes (and its asker's) move there.
    Merge(i64),
    Hide,
    Pin(bool),
}

impl Decision {
    pub fn parse(action: QuestionAction, reason: Option<&str>, into: Option<i64>) -> Result<Decision, Invalid> {
        Ok(match action {
            QuestionAction::Approve => Decision::Approve,
            QuestionAction::Reject => Decision::Reject(FollowUpBody::parse("reason", reason.unwrap_or(""))?),
            QuestionAction::Merge => Decision::Merge(into.ok_or(Invalid::new("into", "required"))?),
            QuestionAction::Hide => Decision::Hide,
            QuestionAction::Pin => Decision::Pin(true),
            QuestionAction::Unpin => Decision::Pin(false),
        })
    }

    fn action(&self) -> &'static str {
        match self {
            Decision::Approve => "approve",
            Decision::Reject(_) => "reject",
            Decision::Merge(_) => "merge",
            Decision::Hide => "hide",
            Decision::Pin(true) => "pin",
            Decision::Pin(false) => "unpin",
        }
    }
}

pub fn moderate(
    conn: &mut DbConnection,
    viewer: &Person,
    id: i64,
    decision: Decision,
    now: NaiveDateTime,
) -> Result<i64, AppError> {
    write_transaction(conn, |conn| {
        let (access, q) = load_question(conn, viewer, id)?;
        access.can_moderate(now)?;
        let state = q.state;
        let set_state = |conn: &mut DbConnection, s: QuestionState, reason: &str| {
            diesel::update(ama_questions::table.find(id))
                .set((ama_questions::state.eq(s.as_str()), ama_questions::reason.eq(reason)))
                .execute(conn)
        };
        match &decision {
            Decision::Approve if state == QuestionState::Pending || state == QuestionState::Hidden => {
                set_state(conn, QuestionState::Published, "")?;
            }
            Decision::Reject(reason) if state == QuestionState::Pending => {
                set_state(conn, QuestionState::Rejected, reason.as_str())?;
            }
            Decision::Hide if state == QuestionState::Published => {
                set_state(conn, QuestionState::Hidden, "")?;
            }
            Decision::Pin(pinned) if state == QuestionState::Published => {
                diesel::update(ama_questions::table.find(id))
                    .set(ama_questions::pinned.eq(pinned))
                    .execute(conn)?;
            }
            Decision::Merge(into) if matches!(state, QuestionState::Pending | QuestionState::Published) => {
                merge(conn, &access, &q, *into)?;
            }
            _ => {
                return Err(AppError::Conflict {
                    code: Code::QuestionState,
                });
            }
        }
        NewAuditEntry::record(
            conn,
            Some(viewer.id),
            &format!("ama.question.{}", decision.action()),
            ("ama-question", &id.to_string()),
            serde_json::json!({ "ama": access.ama.id }),
        )?;
        Ok(access.ama.id)
    })
}

/// Merges `dup` into `into`: the votes move (nobody counts twice), the duplicate's asker votes
/// for the kept question, and the duplicate points to it.
fn merge(conn: &mut DbConnection, access: &AmaAccess, dup: &AmaQuestion, into: i64) -> Result<(), AppError> {
    if into == dup.id {
        return Err(Invalid::new("into", "same-question").into());
    }
    // Both rows locked in one order, so two merges of the same pair cannot deadlock.
    for id in [dup.id.min(into), dup.id.max(into)] {
        votes::lock(conn, Subject::AmaQuestion, id)?;
    }
    let kept: AmaQuestion = ama_questions::table
        .find(into)
        .filter(ama_questions::ama_id.eq(access.ama.id))
        .filter(ama_questions::state.eq(QuestionState::Published.as_str()))
        .select(AmaQuestion::as_select())
        .first(conn)
        .optional()?
        .ok_or(Invalid::new("into", "unknown-value"))?;
    votes::merge(conn, Subject::AmaQuestion, dup.id, kept.id, kept.asker_id)?;
    if let Some(asker) = dup.asker_id.filter(|a| Some(*a) != kept.asker_id) {
        votes::cast(conn, Subject::AmaQuestion, kept.id, asker)?;
    }
    diesel::update(ama_questions::table.find(dup.id))
        .set((
            ama_questions::state.eq(QuestionState::Merged.as_str()),
            ama_questions::merged_into.eq(Some(kept.id)),
            ama_questions::pinned.eq(false),
        ))
        .execute(conn)?;
    Ok(())
}

pub fn list(
    conn: &mut DbConnection,
    viewer: &Person,
    ama_id: i64,
    sort: QuestionSort,
    page: &PageRequest,
    now: NaiveDateTime,
) -> Result<QuestionList, AppError> {
    let access = load_ama(conn, viewer, ama_id)?;
    list_for(conn, &access, sort, page, now)
}

/// At most this many questions wait in one queue view.
const QUEUE_MAX: i64 = 200;

/// A page of the shown questions (keyset over pinned, votes and id, or pinned and id for the
/// newest), and the queue the viewer may see.
pub(crate) fn list_for(
    conn: &mut DbConnection,
    access: &AmaAccess,
    sort: QuestionSort,
    page: &PageRequest,
    now: NaiveDateTime,
) -> Result<QuestionList, AppError> {
    let shown = || {
        let q = ama_questions::table
            .filter(ama_questions::ama_id.eq(access.ama.id))
            .filter(ama_questions::state.eq(QuestionState::Published.as_str()))
            .into_boxed();
        match sort {
            QuestionSort::Unanswered => q.filter(ama_questions::answered_at.is_null()),
            QuestionSort::Answered => q.filter(ama_questions::answered_at.is_not_null()),
            QuestionSort::Votes | QuestionSort::Newest => q,
        }
    };
    let total: i64 = shown().count().get_result(conn)?;
    let mut q = shown();
    let newest = sort == QuestionSort::Newest;
    // Newest first: pinned and id; by votes: pinned, votes and id.
    if newest && let Some([pinned, id]) = page.keys()? {
        let (pinned, id) = (pinned == "1", parse_id_key(id)?);
        q = q.filter(
            ama_questions::pinned
                .lt(pinned)
                .or(ama_questions::pinned.eq(pinned).and(ama_questions::id.lt(id))),
        );
    }
    if !newest && let Some([pinned, votes, id]) = page.keys()? {
        let (pinned, votes, id) = (pinned == "1", parse_id_key(votes)?, parse_id_key(id)?);
        q = q.filter(
            ama_questions::pinned
                .lt(pinned)
                .or(ama_questions::pinned.eq(pinned).and(ama_questions::votes.lt(votes)))
                .or(ama_questions::pinned
                    .eq(pinned)
                    .and(ama_questions::votes.eq(votes))
                    .and(ama_questions::id.gt(id))),
        );
    }
    q = if newest {
        q.order((ama_questions::pinned.desc(), ama_questions::id.desc()))
    } else {
        q.order((
            ama_questions::pinned.desc(),
            ama_questions::votes.desc(),
            ama_questions::id.asc(),
        ))
    };
    let rows: Vec<AmaQuestion> = q.limit(page.limit + 1).select(AmaQuestion::as_select()).load(conn)?;
    let items = views(conn, access, rows, now)?;
    let paged = Paged::from_rows(items, page.limit, total, |q| {
        let pinned = u8::from(q.pinned).to_string();
        if newest {
            vec![pinned, q.id.to_string()]
        } else {
            vec![pinned, q.votes.to_string(), q.id.to_string()]
        }
    });
    let mut waiting = ama_questions::table
        .filter(ama_questions::ama_id.eq(access.ama.id))
        .filter(ama_questions::state.ne(QuestionState::Published.as_str()))
        .into_boxed();
    if !access.is_organizer() {
        waiting = waiting.filter(ama_questions::asker_id.eq(access.viewer_id));
    }
    let waiting: Vec<AmaQuestion> = waiting
        .order(ama_questions::id.asc())
        .limit(QUEUE_MAX)
        .select(AmaQuestion::as_select())
        .load(conn)?;
    let queue = views(conn, access, waiting, now)?;
    Ok(QuestionList {
        items: paged.items,
        next_cursor: paged.next_cursor,
        total,
        queue,
    })
}

pub fn get(conn: &mut DbConnection, viewer: &Person, id: i64, now: NaiveDateTime) -> Result<QuestionView, AppError> {
    let (access, q) = load_question(conn, viewer, id)?;
    Ok(views(conn, &access, vec![q], now)?.remove(0))
}

fn views(
    conn: &mut DbConnection,
    access: &AmaAccess,
    rows: Vec<AmaQuestion>,
    now: NaiveDateTime,
) -> Result<Vec<QuestionView>, AppError> {
    let ids: Vec<i64> = rows.iter().map(|q| q.id).collect();
    let voted = votes::voted(conn, Subject::AmaQuestion, &ids, access.viewer_id)?;
    let comments: Vec<AmaComment> = ama_comments::table
        .filter(ama_comments::question_id.eq_any(&ids))
        .order(ama_comments::id.asc())
        .select(AmaComment::as_select())
        .load(conn)?;
    // Names are looked up for named askers, hosts and commenters only: an anonymous asker's
    // id never reaches a view.
    let named = rows
        .iter()
        .filter(|q| !q.anonymous)
        .filter_map(|q| q.asker_id)
        .chain(rows.iter().filter_map(|q| q.answered_by))
        .chain(comments.iter().filter_map(|c| c.author_id));
    let names = authors(conn, named)?;
    let mut by_question: HashMap<i64, Vec<FollowUpView>> = HashMap::new();
    for c in comments {
        by_question.entry(c.question_id).or_default().push(FollowUpView {
            id: c.id,
            author: c.author_id.and_then(|a| names.get(&a).cloned()),
            body_html: c.body_html,
            created_at: c.created_at,
        });
    }
    Ok(rows
        .into_iter()
        .map(|q| {
            let mine = q.asker_id == Some(access.viewer_id);
            let sees_reason = mine || access.is_organizer();
            QuestionView {
                id: q.id,
                ama_id: q.ama_id,
                author: if q.anonymous {
                    None
                } else {
                    q.asker_id.and_then(|a| names.get(&a).cloned())
                },
                anonymous: q.anonymous,
                state: q.state,
                reason: (sees_reason && !q.reason.is_empty()).then(|| q.reason.clone()),
                merged_into: q.merged_into,
                pinned: q.pinned,
                votes: q.votes,
                voted: voted.contains(&q.id),
                mine,
                answer: match (q.answer.clone(), q.answer_html.clone(), q.answered_at) {
                    (Some(body), Some(body_html), Some(answered_at)) => Some(AnswerView {
                        body,
                        body_html,
                        by: q.answered_by.and_then(|a| names.get(&a).cloned()),
                        answered_at,
                        edited_at: q.answer_edited_at,
                    }),
                    _ => None,
                },
                comments: by_question.remove(&q.id).unwrap_or_default(),
                created_at: q.created_at,
                can_vote: access.can_vote(&q, now).is_ok(),
                can_withdraw: access.can_withdraw(&q, now).is_ok(),
                can_answer: access.can_answer(&q, now).is_ok(),
                can_moderate: access.can_moderate(now).is_ok(),
                can_comment: access.can_comment(&q, now).is_ok(),
                body: q.body,
                body_html: q.body_html,
            }
        })
        .collect())
}
