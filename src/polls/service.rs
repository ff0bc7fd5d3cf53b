//! Polls: one vote per person (changeable until the poll closes, except in anonymous polls),
//! results as counts. An anonymous poll stores who voted and how many chose each option,
//! never which person chose what: a vote there cannot be changed, since nothing says what it was.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;

use super::policy::{self, PollAccess, load_poll};
use crate::api::pagination::{PageRequest, Paged};
use crate::communities::policy::Access;
use crate::db::models::{NewAuditEntry, Person};
use crate::db::schema::{people, poll_options, poll_voters, poll_votes, polls};
use crate::db::{DbConnection, now, write_transaction};
use crate::domain::Module;
use crate::domain::{Invalid, PollOptions, PollQuestion};
use crate::error::AppError;
use crate::error::Code;
use crate::references::{AuthorRef, authors};

#[derive(Debug)]
pub struct PollInput {
    pub question: PollQuestion,
    pub options: PollOptions,
    pub multiple: bool,
    pub anonymous: bool,
    pub results_before_close: bool,
    /// UTC; must lie in the future.
    pub closes_at: Option<NaiveDateTime>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct OptionView {
    pub id: i64,
    pub text: String,
    /// `None` while results are hidden (before closing, when the poll says so).
    pub votes: Option<i64>,
    /// Share of the voters, 0 to 100, with `votes`.
    pub percent: Option<i64>,
    /// Who chose it (named polls, while results show).
    pub voters: Vec<AuthorRef>,
    /// Whether the viewer chose it (named polls).
    pub mine: bool,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct PollView {
    pub id: i64,
    /// The community's slug.
    pub community: String,
    pub community_name: String,
    pub question: String,
    pub author: Option<AuthorRef>,
    pub multiple: bool,
    pub anonymous: bool,
    pub results_before_close: bool,
    #[serde(serialize_with = "crate::domain::utc::write_option")]
    pub closes_at: Option<NaiveDateTime>,
    pub closed: bool,
    #[serde(serialize_with = "crate::domain::utc::write")]
    pub created_at: NaiveDateTime,
    pub options: Vec<OptionView>,
    /// How many people voted (with the results).
    pub voters: Option<i64>,
    pub results_visible: bool,
    pub voted: bool,
    pub can_vote: bool,
    pub can_close: bool,
    /// Its author or a moderator, while it is open and nobody has voted.
    pub can_edit: bool,
}

pub fn create(conn: &mut DbConnection, viewer: &Person, slug: &str, input: PollInput) -> Result<i64, AppError> {
    if input.closes_at.is_some_and(|c| c <= now()) {
        return Err(Invalid::new("closes_at", "in-the-past").into());
    }
    write_transaction(conn, |conn| {
        let access = crate::communities::policy::load(conn, viewer, slug)?;
        policy::can_create(&access)?;
        let id = diesel::insert_into(polls::table)
            .values((
                polls::community_id.eq(access.community.id),
                polls::author_id.eq(Some(viewer.id)),
                polls::question.eq(input.question.as_str()),
                polls::multiple.eq(input.multiple),
                polls::anonymous.eq(input.anonymous),
                polls::results_before_close.eq(input.results_before_close),
                polls::closes_at.eq(input.closes_at),
                polls::created_at.eq(now()),
            ))
            .returning(polls::id)
            .get_result::<i64>(conn)?;
        insert_options(conn, id, &input.options)?;
        Ok(id)
    })
}

/// One insert per option: batch inserts do not compile for both backends at once, and a poll
/// has a handful of options.
fn insert_options(conn: &mut DbConnection, poll: i64, options: &PollOptions) -> Result<(), AppError> {
    for (position, text) in options.iter().enumerate() {
        diesel::insert_into(poll_options::table)
            .values((
                poll_options::poll_id.eq(poll),
                poll_options::position.eq(position as i32),
                poll_options::text.eq(text.as_str()),
                poll_options::anonymous_votes.eq(0i64),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// An edit and a vote on one poll happen one after the other: each first locks the poll's row
/// until commit (PostgreSQL; SQLite's write transactions run alone), so an edit sees the vote
/// that came first and refuses, instead of deleting the options it was cast for.
fn lock(conn: &mut DbConnection, poll: i64) -> QueryResult<()> {
    diesel::update(polls::table.find(poll))
        .set(polls::question.eq(polls::question))
        .execute(conn)
        .map(|_| ())
}

fn voters(conn: &mut DbConnection, poll: i64) -> Result<i64, AppError> {
    Ok(poll_voters::table
        .filter(poll_voters::poll_id.eq(poll))
        .count()
        .get_result(conn)?)
}

/// Rewrites a poll nobody has voted in yet (see `PollAccess::can_edit`).
pub fn edit(conn: &mut DbConnection, viewer: &Person, id: i64, input: PollInput) -> Result<(), AppError> {
    if input.closes_at.is_some_and(|c| c <= now()) {
        return Err(Invalid::new("closes_at", "in-the-past").into());
    }
    write_transaction(conn, |conn| {
        lock(conn, id)?;
        let access = load_poll(conn, viewer, id)?;
        access.can_edit(voters(conn, id)?)?;
        diesel::update(polls::table.find(id))
            .set((
                polls::question.eq(input.question.as_str()),
                polls::multiple.eq(input.multiple),
                polls::anonymous.eq(input.anonymous),
                polls::results_before_close.eq(input.results_before_close),
                polls::closes_at.eq(input.closes_at),
            ))
            .execute(conn)?;
        diesel::delete(poll_options::table.filter(poll_options::poll_id.eq(id))).execute(conn)?;
        insert_options(conn, id, &input.options)?;
        NewAuditEntry::record(
            conn,
            Some(viewer.id),
            "poll.edit",
            ("poll", &id.to_string()),
            serde_json::json!({ "community": access.community.community.slug }),
        )?;
        Ok(())
    })
}

/// The poll as its form shows it for editing, for whoever may edit it.
pub fn editable(conn: &mut DbConnection, viewer: &Person, id: i64) -> Result<Editable, AppError> {
    let access = load_poll(conn, viewer, id)?;
    access.can_edit(voters(conn, id)?)?;
    let options: Vec<String> = poll_options::table
        .filter(poll_options::poll_id.eq(id))
        .order((poll_options::position.asc(), poll_options::id.asc()))
        .select(poll_options::text)
        .load(conn)?;
    Ok(Editable {
        community: access.community.community.slug.clone(),
        poll: access.poll,
        options,
    })
}

pub struct Editable {
    pub community: String,
    pub poll: crate::db::models::Poll,
    pub options: Vec<String>,
}

/// Votes for these options (all of them the poll's; one unless the poll allows several).
/// In a named poll a new vote replaces the previous one.
pub fn vote(conn: &mut DbConnection, viewer: &Person, id: i64, option_ids: &[i64]) -> Result<(), AppError> {
    let mut chosen = option_ids.to_vec();
    chosen.sort_unstable();
    chosen.dedup();
    write_transaction(conn, |conn| {
        lock(conn, id)?;
        let access = load_poll(conn, viewer, id)?;
        access.can_vote()?;
        let options: Vec<i64> = poll_options::table
            .filter(poll_options::poll_id.eq(id))
            .select(poll_options::id)
            .load(conn)?;
        if chosen.is_empty() || chosen.iter().any(|o| !options.contains(o)) {
            return Err(Invalid::new("option_ids", "unknown-value").into());
        }
        if chosen.len() > 1 && !access.poll.multiple {
            return Err(Invalid::new("option_ids", "one-only").into());
        }
        let voted = has_voted(conn, id, viewer.id)?;
        if !voted {
            // A second request racing this one fails on the key instead of voting twice.
            diesel::insert_into(poll_voters::table)
                .values((poll_voters::poll_id.eq(id), poll_voters::person_id.eq(viewer.id)))
                .execute(conn)?;
        }
        if access.poll.anonymous {
            if voted {
                return Err(AppError::Conflict {
                    code: Code::AlreadyVoted,
                });
            }
            diesel::update(poll_options::table.filter(poll_options::id.eq_any(&chosen)))
                .set(poll_options::anonymous_votes.eq(poll_options::anonymous_votes + 1))
                .execute(conn)?;
        } else {
            diesel::delete(
                poll_votes::table
                    .filter(poll_votes::poll_id.eq(id))
                    .filter(poll_votes::person_id.eq(viewer.id)),
            )
            .execute(conn)?;
            for option in &chosen {
                diesel::insert_into(poll_votes::table)
                    .values((
                        poll_votes::poll_id.eq(id),
                        poll_votes::option_id.eq(option),
                        poll_votes::person_id.eq(viewer.id),
                    ))
                    .execute(conn)?;
            }
        }
        Ok(())
    })
}

fn has_voted(conn: &mut DbConnection, poll: i64, person: i64) -> QueryResult<bool> {
    Ok(poll_voters::table
        .filter(poll_voters::poll_id.eq(poll))
        .filter(poll_voters::person_id.eq(person))
        .count()
        .get_result::<i64>(conn)?
        > 0)
}

/// Closes a poll before its closing time (its author or the community's moderators).
/// What ending a poll now settles, for the question asked first; only for whoever may end it.
#[derive(Debug)]
pub struct Closing {
    pub question: String,
    pub voters: i64,
}

pub fn closing(conn: &mut DbConnection, viewer: &Person, id: i64) -> Result<Closing, AppError> {
    let access = load_poll(conn, viewer, id)?;
    access.can_close()?;
    let voters = voters(conn, id)?;
    Ok(Closing {
        question: access.poll.question,
        voters,
    })
}

pub fn close(conn: &mut DbConnection, viewer: &Person, id: i64) -> Result<(), AppError> {
    write_transaction(conn, |conn| {
        let access = load_poll(conn, viewer, id)?;
        access.can_close()?;
        diesel::update(polls::table.find(id))
            .set(polls::closed_at.eq(Some(now())))
            .execute(conn)?;
        NewAuditEntry::record(
            conn,
            Some(viewer.id),
            "poll.close",
            ("poll", &id.to_string()),
            serde_json::json!({ "community": access.community.community.slug }),
        )?;
        Ok(())
    })
}

pub fn get(conn: &mut DbConnection, viewer: &Person, id: i64) -> Result<PollView, AppError> {
    let access = load_poll(conn, viewer, id)?;
    view(conn, viewer, access)
}

fn view(conn: &mut DbConnection, viewer: &Person, access: PollAccess) -> Result<PollView, AppError> {
    let p = &access.poll;
    let options: Vec<(i64, String, i64)> = poll_options::table
        .filter(poll_options::poll_id.eq(p.id))
        .order((poll_options::position.asc(), poll_options::id.asc()))
        .select((poll_options::id, poll_options::text, poll_options::anonymous_votes))
        .load(conn)?;
    let voters = voters(conn, p.id)?;
    let voted = has_voted(conn, p.id, viewer.id)?;
    let results_visible = access.results_visible();
    // Named polls: who chose what (the viewer's own choice always; everyone's with the results).
    let mut chosen_by: HashMap<i64, Vec<AuthorRef>> = HashMap::new();
    let mut mine: Vec<i64> = Vec::new();
    if !p.anonymous {
        let votes: Vec<(i64, i64, String, String)> = poll_votes::table
            .inner_join(people::table)
            .filter(poll_votes::poll_id.eq(p.id))
            .order(people::display_name.asc())
            .select((poll_votes::option_id, people::id, people::uid, people::display_name))
            .load(conn)?;
        for (option, person, uid, display_name) in votes {
            if person == viewer.id {
                mine.push(option);
            }
            chosen_by
                .entry(option)
                .or_default()
                .push(AuthorRef { uid, display_name });
        }
    }
    let author = p
        .author_id
        .and_then(|a| authors(conn, std::iter::once(a)).ok()?.remove(&a));
    let options = options
        .into_iter()
        .map(|(id, text, anonymous_votes)| {
            let names = chosen_by.remove(&id).unwrap_or_default();
            let count = if p.anonymous {
                anonymous_votes
            } else {
                names.len() as i64
            };
            OptionView {
                id,
                text,
                votes: results_visible.then_some(count),
                percent: results_visible.then(|| if voters > 0 { count * 100 / voters } else { 0 }),
                voters: if results_visible { names } else { Vec::new() },
                mine: mine.contains(&id),
            }
        })
        .collect();
    Ok(PollView {
        id: p.id,
        community: access.community.community.slug.clone(),
        community_name: access.community.community.name.clone(),
        question: p.question.clone(),
        author,
        multiple: p.multiple,
        anonymous: p.anonymous,
        results_before_close: p.results_before_close,
        closes_at: p.closes_at,
        closed: access.is_closed(),
        created_at: p.created_at,
        options,
        voters: results_visible.then_some(voters),
        results_visible,
        voted,
        can_vote: access.can_vote().is_ok() && !(voted && p.anonymous),
        can_close: access.can_close().is_ok(),
        can_edit: access.can_edit(voters).is_ok(),
    })
}

/// A community's polls, newest first.
pub fn list(
    conn: &mut DbConnection,
    viewer: &Person,
    access: &Access,
    page: &PageRequest,
) -> Result<Paged<PollView>, AppError> {
    access.can_read_module(Module::Polls)?;
    let mine = || {
        polls::table
            .filter(polls::community_id.eq(access.community.id))
            .filter(polls::deleted_at.is_null())
            .into_boxed()
    };
    let total: i64 = mine().count().get_result(conn)?;
    let mut q = mine();
    if let Some(id) = page.after_id()? {
        q = q.filter(polls::id.lt(id));
    }
    let rows: Vec<crate::db::models::Poll> = q
        .order(polls::id.desc())
        .limit(page.limit + 1)
        .select(crate::db::models::Poll::as_select())
        .load(conn)?;
    let mut items = Vec::with_capacity(rows.len());
    for poll in rows {
        let one = PollAccess {
            community: access.clone(),
            poll,
            viewer_id: viewer.id,
        };
        items.push(view(conn, viewer, one)?);
    }
    Ok(Paged::from_rows(items, page.limit, total, |p| vec![p.id.to_string()]))
}
