//! Meetings: time and place, agenda (with members' suggestions), answers, minutes with
//! decisions and action items that become tasks in one click.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use serde::Serialize;

use super::policy::{self, MeetingAccess, load_meeting};
use crate::communities::policy::Access;
use crate::db::models::{Meeting, MeetingOutcome, Person};
use crate::db::schema::{meeting_outcomes, meeting_rsvps, meeting_suggestions, meetings, people};
use crate::db::{DbConnection, now, write_transaction};
use crate::domain::Module;
use crate::domain::{
    Invalid, MeetingItem, MeetingText, MeetingTitle, OnlineLink, OutcomeKind, Place, RsvpAnswer, TaskDescription,
    TaskPriority, TaskStatus, TaskTitle, TimeZone, Uid,
};
use crate::error::AppError;
use crate::error::Code;
use crate::references::{AuthorRef, authors};
use crate::tasks::service::{self as tasks, TaskInput};

/// Longer than this is not a meeting but an event series.
const MAX_DAYS: i64 = 14;

/// When a meeting takes place: UTC times, and the zone it is held in.
#[derive(Debug, Clone, Copy)]
pub struct When {
    pub starts_at: NaiveDateTime,
    pub ends_at: NaiveDateTime,
    pub tz: TimeZone,
}

impl When {
    /// Wall-clock times as people type them, in the meeting's zone.
    pub fn local(tz: TimeZone, starts: &str, ends: &str) -> Result<When, Invalid> {
        let when = When {
            starts_at: tz.local_to_utc("starts_at", starts)?,
            ends_at: tz.local_to_utc("ends_at", ends)?,
            tz,
        };
        if when.ends_at <= when.starts_at {
            return Err(Invalid::new("ends_at", "before-start"));
        }
        if when.ends_at - when.starts_at > chrono::Duration::days(MAX_DAYS) {
            return Err(Invalid::new("ends_at", "too-long"));
        }
        Ok(when)
    }
}

#[derive(Debug)]
pub struct MeetingInput {
    pub title: MeetingTitle,
    pub when: When,
    pub place: Place,
    pub online_url: Option<OnlineLink>,
    pub agenda: MeetingText,
}

/// What an edit changes; `None` leaves a field as it is.
#[derive(Debug, Default)]
pub struct MeetingChange {
    pub title: Option<MeetingTitle>,
    pub when: Option<When>,
    pub place: Option<Place>,
    pub online_url: Option<Option<OnlineLink>>,
    pub agenda: Option<MeetingText>,
    pub minutes: Option<MeetingText>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct MeetingSummary {
    pub id: i64,
    /// The community's slug.
    pub community: String,
    pub community_name: String,
    pub title: String,
    /// UTC.
    #[serde(serialize_with = "crate::domain::utc::write")]
    pub starts_at: NaiveDateTime,
    /// UTC.
    #[serde(serialize_with = "crate::domain::utc::write")]
    pub ends_at: NaiveDateTime,
    /// IANA name of the zone it is held in.
    pub time_zone: String,
    /// Wall-clock start and end there (`YYYY-MM-DDTHH:MM`).
    pub starts_local: String,
    pub ends_local: String,
    pub place: String,
    pub online_url: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, utoipa::ToSchema)]
pub struct RsvpCounts {
    pub yes: i64,
    pub no: i64,
    pub maybe: i64,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct SuggestionView {
    pub id: i64,
    pub text: String,
    pub author: Option<AuthorRef>,
    /// Taken into the agenda.
    pub added: bool,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct OutcomeView {
    pub id: i64,
    pub kind: OutcomeKind,
    pub text: String,
    pub assignee: Option<AuthorRef>,
    #[schema(value_type = Option<String>, format = Date)]
    pub due_on: Option<NaiveDate>,
    /// The task an action item became.
    pub task_id: Option<i64>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct MeetingView {
    #[serde(flatten)]
    pub summary: MeetingSummary,
    pub organizer: Option<AuthorRef>,
    /// Markdown and its sanitised HTML.
    pub agenda: String,
    pub agenda_html: String,
    pub minutes: String,
    pub minutes_html: String,
    pub rsvp: RsvpCounts,
    /// Who said yes.
    pub attending: Vec<AuthorRef>,
    pub my_rsvp: Option<RsvpAnswer>,
    pub suggestions: Vec<SuggestionView>,
    pub decisions: Vec<OutcomeView>,
    pub actions: Vec<OutcomeView>,
    pub past: bool,
    pub can_take_part: bool,
    pub can_organize: bool,
}

pub fn create(conn: &mut DbConnection, viewer: &Person, slug: &str, input: MeetingInput) -> Result<i64, AppError> {
    write_transaction(conn, |conn| {
        let access = crate::communities::policy::load(conn, viewer, slug)?;
        policy::can_create(&access)?;
        let at = now();
        Ok(diesel::insert_into(meetings::table)
            .values((
                meetings::community_id.eq(access.community.id),
                meetings::organizer_id.eq(Some(viewer.id)),
                meetings::title.eq(input.title.as_str()),
                meetings::starts_at.eq(input.when.starts_at),
                meetings::ends_at.eq(input.when.ends_at),
                meetings::time_zone.eq(input.when.tz.name()),
                meetings::place.eq(input.place.as_str()),
                meetings::online_url.eq(input.online_url.as_ref().map(OnlineLink::as_str)),
                meetings::agenda.eq(input.agenda.as_str()),
                meetings::minutes.eq(""),
                meetings::sequence.eq(0),
                meetings::created_at.eq(at),
                meetings::updated_at.eq(at),
            ))
            .returning(meetings::id)
            .get_result(conn)?)
    })
}

pub fn update(conn: &mut DbConnection, viewer: &Person, id: i64, change: MeetingChange) -> Result<(), AppError> {
    write_transaction(conn, |conn| {
        let access = load_meeting(conn, viewer, id)?;
        access.can_organize()?;
        let m = &access.meeting;
        let when = change.when;
        let online_url = change
            .online_url
            .map_or(m.online_url.clone(), |u| u.map(|u| u.as_str().to_string()));
        diesel::update(meetings::table.find(id))
            .set((
                meetings::title.eq(change.title.as_ref().map_or(m.title.as_str(), |t| t.as_str())),
                meetings::starts_at.eq(when.map_or(m.starts_at, |w| w.starts_at)),
                meetings::ends_at.eq(when.map_or(m.ends_at, |w| w.ends_at)),
                meetings::time_zone.eq(when.map_or(m.time_zone.as_str(), |w| w.tz.name())),
                meetings::place.eq(change.place.as_ref().map_or(m.place.as_str(), |p| p.as_str())),
                meetings::online_url.eq(online_url),
                meetings::agenda.eq(change.agenda.as_ref().map_or(m.agenda.as_str(), |a| a.as_str())),
                meetings::minutes.eq(change.minutes.as_ref().map_or(m.minutes.as_str(), |a| a.as_str())),
                // Calendar programs take a higher sequence as the newer version.
                meetings::sequence.eq(m.sequence + 1),
                meetings::updated_at.eq(now()),
            ))
            .execute(conn)?;
        Ok(())
    })
}

pub fn rsvp(conn: &mut DbConnection, viewer: &Person, id: i64, answer: RsvpAnswer) -> Result<(), AppError> {
    write_transaction(conn, |conn| {
        let access = load_meeting(conn, viewer, id)?;
        access.can_take_part()?;
        if access.meeting.ends_at <= now() {
            return Err(AppError::Conflict {
                code: Code::MeetingOver,
            });
        }
        let mine = meeting_rsvps::table
            .filter(meeting_rsvps::meeting_id.eq(id))
            .filter(meeting_rsvps::person_id.eq(viewer.id));
        diesel::delete(mine).execute(conn)?;
        diesel::insert_into(meeting_rsvps::table)
            .values((
                meeting_rsvps::meeting_id.eq(id),
                meeting_rsvps::person_id.eq(viewer.id),
                meeting_rsvps::answer.eq(answer.as_str()),
                meeting_rsvps::updated_at.eq(now()),
            ))
            .execute(conn)?;
        Ok(())
    })
}

/// A member suggests an agenda item; the organizers take it into the agenda or leave it.
pub fn suggest(conn: &mut DbConnection, viewer: &Person, id: i64, text: MeetingItem) -> Result<(), AppError> {
    write_transaction(conn, |conn| {
        load_meeting(conn, viewer, id)?.can_take_part()?;
        diesel::insert_into(meeting_suggestions::table)
            .values((
                meeting_suggestions::meeting_id.eq(id),
                meeting_suggestions::author_id.eq(Some(viewer.id)),
                meeting_suggestions::text.eq(text.as_str()),
                meeting_suggestions::created_at.eq(now()),
            ))
            .execute(conn)?;
        Ok(())
    })
}

/// Takes a suggestion into the agenda (as its last item).
pub fn adopt_suggestion(conn: &mut DbConnection, viewer: &Person, id: i64, suggestion: i64) -> Result<(), AppError> {
    write_transaction(conn, |conn| {
        let access = load_meeting(conn, viewer, id)?;
        access.can_organize()?;
        let (text, added): (String, Option<NaiveDateTime>) = meeting_suggestions::table
            .find(suggestion)
            .filter(meeting_suggestions::meeting_id.eq(id))
            .select((meeting_suggestions::text, meeting_suggestions::added_at))
            .first(conn)
            .optional()?
            .ok_or(AppError::NotFound)?;
        if added.is_some() {
            return Err(AppError::Conflict {
                code: Code::AlreadyAdded,
            });
        }
        let agenda = format!("{}\n- {text}", access.meeting.agenda.trim_end());
        let agenda = MeetingText::parse("agenda", agenda.trim_start())?;
        diesel::update(meeting_suggestions::table.find(suggestion))
            .set(meeting_suggestions::added_at.eq(Some(now())))
            .execute(conn)?;
        let change = MeetingChange {
            agenda: Some(agenda),
            ..MeetingChange::default()
        };
        update(conn, viewer, id, change)
    })
}

/// A decision or an action item; an action item may name who does it (a member) and by when.
#[derive(Debug)]
pub struct OutcomeInput {
    pub kind: OutcomeKind,
    pub text: MeetingItem,
    pub assignee: Option<Uid>,
    pub due_on: Option<NaiveDate>,
}

/// Records a decision or an action item (organizers).
pub fn add_outcome(
    conn: &mut DbConnection,
    viewer: &Person,
    id: i64,
    input: OutcomeInput,
    today: NaiveDate,
) -> Result<(), AppError> {
    let OutcomeInput {
        kind,
        text,
        assignee,
        due_on,
    } = input;
    write_transaction(conn, |conn| {
        let access = load_meeting(conn, viewer, id)?;
        access.can_organize()?;
        if kind == OutcomeKind::Decision && (assignee.is_some() || due_on.is_some()) {
            return Err(Invalid::new("kind", "decision-has-no-assignee").into());
        }
        tasks::check_due(due_on, today)?;
        let assignee_id = match assignee {
            Some(uid) => tasks::resolve_assignees(conn, access.meeting.community_id, &[uid])?
                .first()
                .map(|(id, _)| *id),
            None => None,
        };
        diesel::insert_into(meeting_outcomes::table)
            .values((
                meeting_outcomes::meeting_id.eq(id),
                meeting_outcomes::kind.eq(kind.as_str()),
                meeting_outcomes::text.eq(text.as_str()),
                meeting_outcomes::assignee_id.eq(assignee_id),
                meeting_outcomes::due_on.eq(due_on),
                meeting_outcomes::created_at.eq(now()),
            ))
            .execute(conn)?;
        Ok(())
    })
}

/// Makes an action item a task of the community (its text the title, its assignee and due date
/// the task's); returns the task.
pub fn make_task(conn: &mut DbConnection, viewer: &Person, outcome: i64, today: NaiveDate) -> Result<i64, AppError> {
    write_transaction(conn, |conn| {
        let item: MeetingOutcome = meeting_outcomes::table
            .find(outcome)
            .select(MeetingOutcome::as_select())
            .first(conn)
            .optional()?
            .ok_or(AppError::NotFound)?;
        let access = load_meeting(conn, viewer, item.meeting_id)?;
        access.can_organize()?;
        if item.kind != OutcomeKind::Action {
            return Err(AppError::Conflict {
                code: Code::NotAnAction,
            });
        }
        if item.task_id.is_some() {
            return Err(AppError::Conflict {
                code: Code::AlreadyATask,
            });
        }
        let assignees = match item.assignee_id {
            Some(person) => vec![Uid::parse(
                &people::table.find(person).select(people::uid).first::<String>(conn)?,
            )?],
            None => Vec::new(),
        };
        let title: String = item.text.chars().take(200).collect();
        let input = TaskInput {
            title: TaskTitle::parse("title", &title)?,
            description: TaskDescription::parse(
                "description",
                &format!(
                    "[{}](/meetings/{})",
                    access.meeting.title.replace(['[', ']'], ""),
                    access.meeting.id
                ),
            )?,
            status: TaskStatus::Open,
            priority: TaskPriority::Normal,
            // A due date that has passed since the meeting is not carried over.
            due_on: item.due_on.filter(|d| *d >= today),
            assignees,
            checklist: Vec::new(),
        };
        let task = tasks::create(conn, viewer, &access.community.community.slug, input, today)?;
        diesel::update(meeting_outcomes::table.find(outcome))
            .set(meeting_outcomes::task_id.eq(Some(task)))
            .execute(conn)?;
        Ok(task)
    })
}

pub(crate) fn zone(m: &Meeting) -> TimeZone {
    TimeZone::stored(&m.time_zone)
}

fn summary(m: &Meeting, slug: &str, name: &str) -> MeetingSummary {
    let tz = zone(m);
    let local = |t: NaiveDateTime| tz.utc_to_local(t);
    MeetingSummary {
        id: m.id,
        community: slug.to_string(),
        community_name: name.to_string(),
        title: m.title.clone(),
        starts_at: m.starts_at,
        ends_at: m.ends_at,
        time_zone: m.time_zone.clone(),
        starts_local: local(m.starts_at),
        ends_local: local(m.ends_at),
        place: m.place.clone(),
        online_url: m.online_url.clone(),
    }
}

pub fn get(conn: &mut DbConnection, viewer: &Person, id: i64) -> Result<MeetingView, AppError> {
    let access = load_meeting(conn, viewer, id)?;
    view(conn, viewer, &access)
}

fn view(conn: &mut DbConnection, viewer: &Person, access: &MeetingAccess) -> Result<MeetingView, AppError> {
    let m = &access.meeting;
    let answers: Vec<(i64, String)> = meeting_rsvps::table
        .filter(meeting_rsvps::meeting_id.eq(m.id))
        .select((meeting_rsvps::person_id, meeting_rsvps::answer))
        .load(conn)?;
    let suggestions: Vec<(i64, String, Option<i64>, Option<NaiveDateTime>)> = meeting_suggestions::table
        .filter(meeting_suggestions::meeting_id.eq(m.id))
        .order(meeting_suggestions::id.asc())
        .select((
            meeting_suggestions::id,
            meeting_suggestions::text,
            meeting_suggestions::author_id,
            meeting_suggestions::added_at,
        ))
        .load(conn)?;
    let outcomes: Vec<MeetingOutcome> = meeting_outcomes::table
        .filter(meeting_outcomes::meeting_id.eq(m.id))
        .order(meeting_outcomes::id.asc())
        .select(MeetingOutcome::as_select())
        .load(conn)?;
    let names: HashMap<i64, AuthorRef> = authors(
        conn,
        answers
            .iter()
            .map(|a| a.0)
            .chain(suggestions.iter().filter_map(|s| s.2))
            .chain(outcomes.iter().filter_map(|o| o.assignee_id))
            .chain(m.organizer_id),
    )?;
    let name = |id: Option<i64>| id.and_then(|i| names.get(&i).cloned());
    let mut rsvp = RsvpCounts::default();
    let mut attending = Vec::new();
    let mut my_rsvp = None;
    for (person, answer) in &answers {
        let answer = RsvpAnswer::parse(answer).unwrap_or(RsvpAnswer::Maybe);
        match answer {
            RsvpAnswer::Yes => {
                rsvp.yes += 1;
                attending.extend(name(Some(*person)));
            }
            RsvpAnswer::No => rsvp.no += 1,
            RsvpAnswer::Maybe => rsvp.maybe += 1,
        }
        if *person == viewer.id {
            my_rsvp = Some(answer);
        }
    }
    attending.sort_by(|a, b| a.display_name.cmp(&b.display_name));
    let (decisions, actions): (Vec<OutcomeView>, Vec<OutcomeView>) = outcomes
        .into_iter()
        .map(|o| OutcomeView {
            id: o.id,
            kind: o.kind,
            assignee: name(o.assignee_id),
            text: o.text,
            due_on: o.due_on,
            task_id: o.task_id,
        })
        .partition(|o| o.kind == OutcomeKind::Decision);
    let c = &access.community.community;
    Ok(MeetingView {
        summary: summary(m, &c.slug, &c.name),
        organizer: name(m.organizer_id),
        agenda_html: crate::markdown::to_safe_html(&m.agenda),
        agenda: m.agenda.clone(),
        minutes_html: crate::markdown::to_safe_html(&m.minutes),
        minutes: m.minutes.clone(),
        rsvp,
        attending,
        my_rsvp,
        suggestions: suggestions
            .into_iter()
            .map(|(id, text, author, added)| SuggestionView {
                id,
                text,
                author: name(author),
                added: added.is_some(),
            })
            .collect(),
        decisions,
        actions,
        past: m.ends_at <= now(),
        can_take_part: access.can_take_part().is_ok(),
        can_organize: access.can_organize().is_ok(),
    })
}

/// A community's meetings: those still to come (soonest first), or those past (latest first).
pub fn list(conn: &mut DbConnection, access: &Access, upcoming: bool) -> Result<Vec<MeetingSummary>, AppError> {
    access.can_read_module(Module::Meetings)?;
    let c = &access.community;
    let q = meetings::table.filter(meetings::community_id.eq(c.id)).into_boxed();
    let q = if upcoming {
        q.filter(meetings::ends_at.gt(now())).order(meetings::starts_at.asc())
    } else {
        q.filter(meetings::ends_at.le(now())).order(meetings::starts_at.desc())
    };
    Ok(q.limit(200)
        .select(Meeting::as_select())
        .load(conn)?
        .iter()
        .map(|m| summary(m, &c.slug, &c.name))
        .collect())
}

/// The meetings a calendar feed shows: those to come and those of the last 90 days.
pub fn for_calendar(conn: &mut DbConnection, community_id: i64) -> Result<Vec<Meeting>, AppError> {
    Ok(meetings::table
        .filter(meetings::community_id.eq(community_id))
        .filter(meetings::ends_at.gt(now() - chrono::Duration::days(90)))
        .order(meetings::starts_at.asc())
        .limit(1000)
        .select(Meeting::as_select())
        .load(conn)?)
}
