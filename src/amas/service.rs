//! AMA threads: scheduling one (hosts, window, audience, anonymity, moderation), changing it,
//! reading it and a community's list.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;

use super::policy::{self, AmaAccess, load_ama};
use crate::api::pagination::{PageRequest, Paged};
use crate::communities::policy::Access;
use crate::db::models::{Ama, NewAuditEntry, Person};
use crate::db::schema::{ama_hosts, ama_questions, amas, communities, memberships, people};
use crate::db::{DbConnection, write_transaction};
use crate::domain::{
    AmaDescription, AmaState, AmaTitle, AmaWindow, Audience, Invalid, MembershipState, QuestionState, Uid, Visibility,
};
use crate::error::AppError;
use crate::error::Code;
use crate::notifications::notices::{self as notifications, Kind, Notice};
use crate::references::{AuthorRef, authors};

/// At most this many hosts answer in one AMA.
const MAX_HOSTS: usize = 10;

#[derive(Debug)]
pub struct AmaInput {
    pub title: AmaTitle,
    pub description: AmaDescription,
    pub window: AmaWindow,
    /// The people who answer; active members of the community.
    pub hosts: Vec<Uid>,
    pub audience: Audience,
    pub anonymous_allowed: bool,
    pub moderated: bool,
}

/// What an edit changes; `None` leaves a field as it is.
#[derive(Debug, Default)]
pub struct AmaChange {
    pub title: Option<AmaTitle>,
    pub description: Option<AmaDescription>,
    pub window: Option<AmaWindow>,
    pub hosts: Option<Vec<Uid>>,
    pub anonymous_allowed: Option<bool>,
    pub moderated: Option<bool>,
    /// Closes it now.
    pub close: bool,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct AmaView {
    pub id: i64,
    /// The community's slug.
    pub community: String,
    pub community_name: String,
    pub title: String,
    /// Markdown source.
    pub description: String,
    pub description_html: String,
    /// The IANA zone the window was given in.
    pub time_zone: String,
    /// UTC.
    #[serde(serialize_with = "crate::domain::utc::write")]
    pub opens_at: NaiveDateTime,
    #[serde(serialize_with = "crate::domain::utc::write")]
    pub answering_from: NaiveDateTime,
    #[serde(serialize_with = "crate::domain::utc::write")]
    pub closes_at: NaiveDateTime,
    /// Wall-clock times in `time_zone`, `YYYY-MM-DDTHH:MM`.
    pub opens_local: String,
    pub answering_local: String,
    pub closes_local: String,
    pub audience: Audience,
    pub anonymous_allowed: bool,
    pub moderated: bool,
    pub state: AmaState,
    pub hosts: Vec<AuthorRef>,
    /// Shown questions, and how many of them are answered.
    pub questions: i64,
    pub answered: i64,
    /// Questions waiting for the organizers (organizers only, otherwise 0).
    pub waiting: i64,
    /// The summary post, once closed.
    pub summary_post_id: Option<i64>,
    pub accepts_questions: bool,
    pub is_host: bool,
    pub is_organizer: bool,
    pub can_edit: bool,
    /// Its organizers may still change its whole form: it has not opened for questions.
    pub can_reschedule: bool,
}

/// The hosts as people: each an active member of the community, none twice.
fn resolve_hosts(conn: &mut DbConnection, community_id: i64, uids: &[Uid]) -> Result<Vec<i64>, AppError> {
    if uids.is_empty() {
        return Err(Invalid::new("hosts", "required").into());
    }
    if uids.len() > MAX_HOSTS {
        return Err(Invalid::new("hosts", "too-many").into());
    }
    let mut ids = Vec::with_capacity(uids.len());
    for uid in uids {
        let person: Option<(i64, bool)> = people::table
            .filter(people::uid.eq(uid.as_str()))
            .select((people::id, people::active))
            .first(conn)
            .optional()?;
        let Some((id, true)) = person else {
            return Err(Invalid::new("hosts", "unknown-person").into());
        };
        let member: i64 = memberships::table
            .filter(memberships::community_id.eq(community_id))
            .filter(memberships::person_id.eq(id))
            .filter(memberships::state.eq(MembershipState::Active.as_str()))
            .count()
            .get_result(conn)?;
        if member == 0 {
            return Err(Invalid::new("hosts", "not-member").into());
        }
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    Ok(ids)
}

/// One AMA at a time per community: windows may not overlap.
fn refuse_overlap(
    conn: &mut DbConnection,
    community_id: i64,
    window: &AmaWindow,
    except: Option<i64>,
) -> Result<(), AppError> {
    let overlapping: i64 = amas::table
        .filter(amas::community_id.eq(community_id))
        .filter(amas::id.ne(except.unwrap_or(0)))
        .filter(amas::opens_at.lt(window.closes_at))
        .filter(amas::closes_at.gt(window.opens_at))
        .count()
        .get_result(conn)?;
    if overlapping > 0 {
        Err(AppError::Conflict {
            code: Code::OverlappingAma,
        })
    } else {
        Ok(())
    }
}

/// AMAs of one community are scheduled one after the other: this write locks the community's
/// row until commit, so the overlap check sees the other one.
fn lock_community(conn: &mut DbConnection, community_id: i64) -> QueryResult<()> {
    diesel::update(communities::table.find(community_id))
        .set(communities::updated_at.eq(communities::updated_at))
        .execute(conn)
        .map(|_| ())
}

fn set_hosts(conn: &mut DbConnection, ama_id: i64, hosts: &[i64]) -> QueryResult<()> {
    diesel::delete(ama_hosts::table.filter(ama_hosts::ama_id.eq(ama_id))).execute(conn)?;
    for host in hosts {
        diesel::insert_into(ama_hosts::table)
            .values((ama_hosts::ama_id.eq(ama_id), ama_hosts::person_id.eq(host)))
            .execute(conn)?;
    }
    Ok(())
}

/// Everyone an AMA is for: the community's active members, or everyone active.
pub(crate) fn audience_of(conn: &mut DbConnection, ama: &Ama) -> QueryResult<Vec<i64>> {
    if ama.audience == Audience::Organization {
        people::table
            .filter(people::active.eq(true))
            .select(people::id)
            .load(conn)
    } else {
        memberships::table
            .inner_join(people::table)
            .filter(memberships::community_id.eq(ama.community_id))
            .filter(memberships::state.eq(MembershipState::Active.as_str()))
            .filter(people::active.eq(true))
            .select(people::id)
            .load(conn)
    }
}

pub fn create(
    conn: &mut DbConnection,
    viewer: &Person,
    slug: &str,
    input: AmaInput,
    now: NaiveDateTime,
) -> Result<i64, AppError> {
    if input.window.closes_at <= now {
        return Err(Invalid::new("closes_at", "in-the-past").into());
    }
    write_transaction(conn, |conn| {
        let access = crate::communities::policy::load(conn, viewer, slug)?;
        policy::can_create(&access)?;
        if input.audience == Audience::Organization && access.community.visibility == Visibility::Secret {
            return Err(Invalid::new("audience", "secret-community").into());
        }
        lock_community(conn, access.community.id)?;
        let hosts = resolve_hosts(conn, access.community.id, &input.hosts)?;
        refuse_overlap(conn, access.community.id, &input.window, None)?;
        let at = crate::db::now();
        let description = input.description.as_str();
        let id = diesel::insert_into(amas::table)
            .values((
                amas::community_id.eq(access.community.id),
                amas::created_by.eq(Some(viewer.id)),
                amas::title.eq(input.title.as_str()),
                amas::description.eq(description),
                amas::description_html.eq(crate::markdown::to_safe_html(description)),
                amas::time_zone.eq(input.window.tz.name()),
                amas::opens_at.eq(input.window.opens_at),
                amas::answering_from.eq(input.window.answering_from),
                amas::closes_at.eq(input.window.closes_at),
                amas::audience.eq(input.audience.as_str()),
                amas::anonymous_allowed.eq(input.anonymous_allowed),
                amas::moderated.eq(input.moderated),
                amas::announced.eq(AmaState::Scheduled.as_str()),
                amas::created_at.eq(at),
                amas::updated_at.eq(at),
            ))
            .returning(amas::id)
            .get_result::<i64>(conn)?;
        set_hosts(conn, id, &hosts)?;
        NewAuditEntry::record(
            conn,
            Some(viewer.id),
            "ama.create",
            ("ama", &id.to_string()),
            serde_json::json!({ "community": access.community.slug }),
        )?;
        let ama: Ama = amas::table.find(id).select(Ama::as_select()).first(conn)?;
        let audience = audience_of(conn, &ama)?;
        notifications::notify_each(
            conn,
            &Notice::ama(Kind::AmaScheduled, 0, Some(viewer.id), id),
            &audience,
        )?;
        Ok(id)
    })
}

/// What closing an AMA early leaves behind, for the question asked first: published
/// questions nobody answered stay unanswered. Only for whoever may close it.
#[derive(Debug)]
pub struct Closing {
    pub title: String,
    pub unanswered: i64,
}

pub fn closing(conn: &mut DbConnection, viewer: &Person, id: i64, now: NaiveDateTime) -> Result<Closing, AppError> {
    let access = load_ama(conn, viewer, id)?;
    access.can_edit(now)?;
    let unanswered = ama_questions::table
        .filter(ama_questions::ama_id.eq(id))
        .filter(ama_questions::state.eq(crate::domain::QuestionState::Published.as_str()))
        .filter(ama_questions::answered_at.is_null())
        .count()
        .get_result(conn)?;
    Ok(Closing {
        title: access.ama.title,
        unanswered,
    })
}

pub fn update(
    conn: &mut DbConnection,
    viewer: &Person,
    id: i64,
    change: AmaChange,
    now: NaiveDateTime,
) -> Result<(), AppError> {
    write_transaction(conn, |conn| {
        let access = load_ama(conn, viewer, id)?;
        access.can_edit(now)?;
        lock_community(conn, access.ama.community_id)?;
        let a = &access.ama;
        if let Some(window) = &change.window {
            if access.state(now) != AmaState::Scheduled {
                return Err(AppError::Conflict { code: Code::AmaStarted });
            }
            if window.closes_at <= now {
                return Err(Invalid::new("closes_at", "in-the-past").into());
            }
            refuse_overlap(conn, a.community_id, window, Some(id))?;
        }
        if let Some(uids) = &change.hosts {
            let hosts = resolve_hosts(conn, a.community_id, uids)?;
            set_hosts(conn, id, &hosts)?;
        }
        let window = change.window.unwrap_or(access.window());
        let closes_at = if change.close {
            now.min(window.closes_at)
        } else {
            window.closes_at
        };
        let description = change
            .description
            .as_ref()
            .map_or(a.description.as_str(), |d| d.as_str());
        diesel::update(amas::table.find(id))
            .set((
                amas::title.eq(change.title.as_ref().map_or(a.title.as_str(), |t| t.as_str())),
                amas::description.eq(description),
                amas::description_html.eq(crate::markdown::to_safe_html(description)),
                amas::time_zone.eq(window.tz.name()),
                amas::opens_at.eq(window.opens_at.min(closes_at)),
                amas::answering_from.eq(window.answering_from.min(closes_at)),
                amas::closes_at.eq(closes_at),
                amas::anonymous_allowed.eq(change.anonymous_allowed.unwrap_or(a.anonymous_allowed)),
                amas::moderated.eq(change.moderated.unwrap_or(a.moderated)),
                amas::updated_at.eq(crate::db::now()),
            ))
            .execute(conn)?;
        NewAuditEntry::record(
            conn,
            Some(viewer.id),
            if change.close { "ama.close" } else { "ama.update" },
            ("ama", &id.to_string()),
            serde_json::json!({ "community": access.community.community.slug }),
        )?;
        Ok(())
    })
}

pub fn get(conn: &mut DbConnection, viewer: &Person, id: i64, now: NaiveDateTime) -> Result<AmaView, AppError> {
    let access = load_ama(conn, viewer, id)?;
    view(conn, &access, now)
}

pub(crate) fn view(conn: &mut DbConnection, access: &AmaAccess, now: NaiveDateTime) -> Result<AmaView, AppError> {
    let a = &access.ama;
    let window = access.window();
    let local = |t: NaiveDateTime| window.tz.utc_to_local(t);
    let host_ids: Vec<i64> = ama_hosts::table
        .filter(ama_hosts::ama_id.eq(a.id))
        .select(ama_hosts::person_id)
        .load(conn)?;
    let mut by_id = authors(conn, host_ids.iter().copied())?;
    let mut hosts: Vec<AuthorRef> = host_ids.iter().filter_map(|h| by_id.remove(h)).collect();
    hosts.sort_by(|x, y| x.display_name.cmp(&y.display_name));
    let in_state = |s: QuestionState| {
        ama_questions::table
            .filter(ama_questions::ama_id.eq(a.id))
            .filter(ama_questions::state.eq(s.as_str()))
    };
    let questions: i64 = in_state(QuestionState::Published).count().get_result(conn)?;
    let answered: i64 = in_state(QuestionState::Published)
        .filter(ama_questions::answered_at.is_not_null())
        .count()
        .get_result(conn)?;
    let waiting: i64 = if access.is_organizer() {
        in_state(QuestionState::Pending).count().get_result(conn)?
    } else {
        0
    };
    Ok(AmaView {
        id: a.id,
        community: access.community.community.slug.clone(),
        community_name: access.community.community.name.clone(),
        title: a.title.clone(),
        description: a.description.clone(),
        description_html: a.description_html.clone(),
        time_zone: a.time_zone.clone(),
        opens_at: a.opens_at,
        answering_from: a.answering_from,
        closes_at: a.closes_at,
        opens_local: local(a.opens_at),
        answering_local: local(a.answering_from),
        closes_local: local(a.closes_at),
        audience: access.audience(),
        anonymous_allowed: a.anonymous_allowed,
        moderated: a.moderated,
        state: access.state(now),
        hosts,
        questions,
        answered,
        waiting,
        summary_post_id: a.summary_post_id,
        accepts_questions: access.can_ask(now).is_ok(),
        is_host: access.is_host,
        is_organizer: access.is_organizer(),
        can_edit: access.can_edit(now).is_ok(),
        can_reschedule: access.can_reschedule(now).is_ok(),
    })
}

/// A community's AMAs, latest window first: all of them for its readers, those for the whole
/// organization for everyone else.
pub fn list(
    conn: &mut DbConnection,
    viewer: &Person,
    access: &Access,
    page: &PageRequest,
    now: NaiveDateTime,
) -> Result<Paged<AmaView>, AppError> {
    let readable = access.can_read();
    let mine = || {
        let q = amas::table
            .filter(amas::community_id.eq(access.community.id))
            .into_boxed();
        if readable {
            q
        } else {
            q.filter(amas::audience.eq(Audience::Organization.as_str()))
        }
    };
    let total: i64 = mine().count().get_result(conn)?;
    let mut q = mine();
    if let Some(id) = page.after_id()? {
        q = q.filter(amas::id.lt(id));
    }
    let rows: Vec<Ama> = q
        .order(amas::id.desc())
        .limit(page.limit + 1)
        .select(Ama::as_select())
        .load(conn)?;
    let mut items = Vec::with_capacity(rows.len());
    for ama in rows {
        let is_host = policy::is_host(conn, ama.id, viewer.id)?;
        let one = AmaAccess {
            community: access.clone(),
            ama,
            viewer_id: viewer.id,
            is_host,
        };
        items.push(view(conn, &one, now)?);
    }
    Ok(Paged::from_rows(items, page.limit, total, |a| vec![a.id.to_string()]))
}
