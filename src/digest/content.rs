//! What goes into a person's digest for a period, decided when it is made (so that leaving a
//! community, or losing access, takes effect at once): new posts of the communities they
//! belong to and did not mute (title, author, excerpt — not the full text), the
//! organization's announcements first, grouped by community and capped with "and N more";
//! AMAs that opened or were answered (with the summary); new questions without an answer in
//! their interest communities; status changes of their projects; mentions they have not read;
//! and their tasks due this week or overdue. Every part asks the policy of what it lists.

use std::collections::BTreeMap;

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;

use crate::communities::service::CommunityRef;
use crate::db::DbConnection;
use crate::db::models::{Community, Person, Post};
use crate::db::schema::{communities, digest_mutes, memberships, posts};
use crate::domain::{CommunityKind, MembershipState};
use crate::error::AppError;
use crate::posts::policy::readable_by;
use crate::posts::service::authors;

/// Posts shown per community; the rest are counted.
const PER_COMMUNITY: usize = 5;
/// Characters of a post's text shown.
const EXCERPT: usize = 200;

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct DigestPost {
    pub id: i64,
    pub title: String,
    pub author: Option<String>,
    pub excerpt: String,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct DigestGroup {
    pub community: CommunityRef,
    pub posts: Vec<DigestPost>,
    /// Posts of the period beyond those shown.
    pub more: usize,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct DigestAma {
    pub id: i64,
    pub title: String,
    pub community: String,
    /// Opened in the period (questions welcome), or answered: closed with its summary.
    pub answered: bool,
    pub summary_post_id: Option<i64>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct DigestQuestion {
    pub id: i64,
    pub title: String,
    pub community: CommunityRef,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct DigestStatus {
    pub community: CommunityRef,
    /// The overall status before the period (none: the first report).
    pub from: Option<String>,
    pub to: String,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct DigestMention {
    pub post_id: i64,
    pub title: String,
    pub by: Option<String>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct DigestTask {
    pub id: i64,
    pub title: String,
    pub community_name: String,
    #[schema(value_type = Option<String>, format = Date)]
    pub due_on: Option<chrono::NaiveDate>,
    pub overdue: bool,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Digest {
    pub since: NaiveDateTime,
    pub until: NaiveDateTime,
    pub announcements: Vec<DigestPost>,
    pub groups: Vec<DigestGroup>,
    pub amas: Vec<DigestAma>,
    pub questions: Vec<DigestQuestion>,
    pub status: Vec<DigestStatus>,
    pub mentions: Vec<DigestMention>,
    /// Reminders, not news: they go along, but alone they send no digest.
    pub tasks: Vec<DigestTask>,
}

impl Digest {
    /// Nothing new: no mail.
    pub fn is_empty(&self) -> bool {
        self.announcements.is_empty()
            && self.groups.is_empty()
            && self.amas.is_empty()
            && self.questions.is_empty()
            && self.status.is_empty()
            && self.mentions.is_empty()
    }

    /// Posts and questions (the subject's count).
    pub fn posts(&self) -> usize {
        self.announcements.len()
            + self.groups.iter().map(|g| g.posts.len() + g.more).sum::<usize>()
            + self.questions.len()
    }
}

/// At most this many entries of the other parts.
const PER_PART: usize = 10;

pub fn build(
    conn: &mut DbConnection,
    person: &Person,
    since: NaiveDateTime,
    until: NaiveDateTime,
    today: chrono::NaiveDate,
) -> Result<Digest, AppError> {
    let mine = active_memberships(conn, person)?;
    let questions = unanswered_questions(conn, person, &mine, since, until)?;
    let muted = digest_mutes::table
        .filter(digest_mutes::person_id.eq(person.id))
        .select(digest_mutes::community_id);
    let organization = communities::table
        .filter(communities::kind.eq(CommunityKind::Organization.as_str()))
        .select(communities::id);
    let rows: Vec<Post> = posts::table
        .filter(readable_by(person.id))
        .filter(posts::hidden_at.is_null())
        .filter(posts::created_at.ge(since))
        .filter(posts::created_at.lt(until))
        .filter(posts::author_id.ne(person.id).or(posts::author_id.is_null()))
        .filter(
            posts::community_id
                .eq_any(&mine)
                .and(posts::community_id.ne_all(muted))
                .or(posts::announcement
                    .eq(true)
                    .and(posts::community_id.eq_any(organization))),
        )
        .filter(posts::id.ne_all(questions.iter().map(|q| q.id).collect::<Vec<_>>()))
        .order((posts::created_at.desc(), posts::id.desc()))
        .select(Post::as_select())
        .load(conn)?;
    let names = authors(conn, rows.iter().filter_map(|p| p.author_id))?;
    let by_id = communities_by_id(conn, rows.iter().map(|p| p.community_id))?;
    let mut announcements = Vec::new();
    let mut grouped: BTreeMap<(String, i64), (CommunityRef, Vec<DigestPost>)> = BTreeMap::new();
    for p in rows {
        let Some(community) = by_id.get(&p.community_id) else {
            continue;
        };
        let item = DigestPost {
            id: p.id,
            author: p.author_id.and_then(|a| names.get(&a)).map(|a| a.display_name.clone()),
            excerpt: crate::markdown::excerpt(&p.body, EXCERPT),
            title: p.title,
            created_at: p.created_at,
        };
        if p.announcement && community.kind() == CommunityKind::Organization {
            announcements.push(item);
        } else {
            grouped
                .entry((community.name.to_lowercase(), community.id))
                .or_insert_with(|| (CommunityRef::from(community), Vec::new()))
                .1
                .push(item);
        }
    }
    let groups = grouped
        .into_values()
        .map(|(community, mut posts)| {
            let more = posts.len().saturating_sub(PER_COMMUNITY);
            posts.truncate(PER_COMMUNITY);
            DigestGroup { community, posts, more }
        })
        .collect();
    Ok(Digest {
        since,
        until,
        announcements,
        groups,
        amas: amas(conn, person, &mine, since, until)?,
        questions,
        status: status_changes(conn, &mine, since, until)?,
        mentions: mentions(conn, person, since, until)?,
        tasks: tasks_due(conn, person, today)?,
    })
}

fn active_memberships(conn: &mut DbConnection, person: &Person) -> QueryResult<Vec<i64>> {
    memberships::table
        .filter(memberships::person_id.eq(person.id))
        .filter(memberships::state.eq(MembershipState::Active.as_str()))
        .select(memberships::community_id)
        .load(conn)
}

/// AMAs of my communities or for everyone that opened, or closed with a summary, in the period.
fn amas(
    conn: &mut DbConnection,
    person: &Person,
    mine: &[i64],
    since: NaiveDateTime,
    until: NaiveDateTime,
) -> Result<Vec<DigestAma>, AppError> {
    use crate::db::schema::amas;
    let rows: Vec<(i64, String, i64, NaiveDateTime, Option<i64>)> = amas::table
        .filter(crate::amas::policy::readable_by(person.id))
        .filter(
            amas::audience
                .eq(crate::domain::Audience::Organization.as_str())
                .or(amas::community_id.eq_any(mine)),
        )
        .filter(
            amas::opens_at
                .ge(since)
                .and(amas::opens_at.lt(until))
                .or(amas::closes_at
                    .ge(since)
                    .and(amas::closes_at.lt(until))
                    .and(amas::summary_post_id.is_not_null())),
        )
        .order(amas::opens_at.asc())
        .limit(PER_PART as i64)
        .select((
            amas::id,
            amas::title,
            amas::community_id,
            amas::closes_at,
            amas::summary_post_id,
        ))
        .load(conn)?;
    let names = communities_by_id(conn, rows.iter().map(|r| r.2))?;
    Ok(rows
        .into_iter()
        .map(|(id, title, community, closes_at, summary_post_id)| DigestAma {
            id,
            title,
            community: names.get(&community).map(|c| c.name.clone()).unwrap_or_default(),
            answered: closes_at < until && summary_post_id.is_some(),
            summary_post_id,
        })
        .collect())
}

/// New questions without an answer in my interest communities (not muted, not my own).
fn unanswered_questions(
    conn: &mut DbConnection,
    person: &Person,
    mine: &[i64],
    since: NaiveDateTime,
    until: NaiveDateTime,
) -> Result<Vec<DigestQuestion>, AppError> {
    let muted: Vec<i64> = digest_mutes::table
        .filter(digest_mutes::person_id.eq(person.id))
        .select(digest_mutes::community_id)
        .load(conn)?;
    let interest: Vec<i64> = communities::table
        .filter(communities::id.eq_any(mine))
        .filter(communities::kind.eq(CommunityKind::Interest.as_str()))
        .select(communities::id)
        .load(conn)?;
    let rows: Vec<(i64, String, i64)> = posts::table
        .filter(readable_by(person.id))
        .filter(posts::kind.eq(crate::domain::PostKind::Question.as_str()))
        .filter(posts::hidden_at.is_null())
        .filter(posts::first_answer_at.is_null())
        .filter(posts::created_at.ge(since).and(posts::created_at.lt(until)))
        .filter(posts::author_id.ne(person.id).or(posts::author_id.is_null()))
        .filter(posts::community_id.eq_any(&interest))
        .filter(posts::community_id.ne_all(&muted))
        .order(posts::created_at.desc())
        .limit(PER_PART as i64)
        .select((posts::id, posts::title, posts::community_id))
        .load(conn)?;
    let by_id = communities_by_id(conn, rows.iter().map(|r| r.2))?;
    Ok(rows
        .into_iter()
        .filter_map(|(id, title, c)| {
            Some(DigestQuestion {
                id,
                title,
                community: CommunityRef::from(by_id.get(&c)?),
            })
        })
        .collect())
}

fn communities_by_id(conn: &mut DbConnection, ids: impl Iterator<Item = i64>) -> QueryResult<BTreeMap<i64, Community>> {
    let ids: Vec<i64> = ids.collect();
    Ok(communities::table
        .filter(communities::id.eq_any(&ids))
        .select(Community::as_select())
        .load(conn)?
        .into_iter()
        .map(|c| (c.id, c))
        .collect())
}

/// My projects whose overall status changed in the period (the latest report against the one
/// before the period).
fn status_changes(
    conn: &mut DbConnection,
    mine: &[i64],
    since: NaiveDateTime,
    until: NaiveDateTime,
) -> Result<Vec<DigestStatus>, AppError> {
    use crate::db::schema::status_reports;
    let pattern = crate::domain::Module::Status.stored_pattern();
    let reported: Vec<Community> = communities::table
        .filter(communities::id.eq_any(mine))
        .filter(communities::modules.like(pattern))
        .filter(diesel::dsl::exists(
            status_reports::table
                .filter(status_reports::community_id.eq(communities::id))
                .filter(
                    status_reports::created_at
                        .ge(since)
                        .and(status_reports::created_at.lt(until)),
                ),
        ))
        .order(communities::name.asc())
        .limit(PER_PART as i64)
        .select(Community::as_select())
        .load(conn)?;
    let mut changes = Vec::new();
    for c in reported {
        let latest = |conn: &mut DbConnection, before: NaiveDateTime| -> QueryResult<Option<String>> {
            status_reports::table
                .filter(status_reports::community_id.eq(c.id))
                .filter(status_reports::created_at.lt(before))
                .order((status_reports::created_at.desc(), status_reports::id.desc()))
                .select(status_reports::overall)
                .first(conn)
                .optional()
        };
        let (from, to) = (latest(conn, since)?, latest(conn, until)?);
        if let Some(to) = to.filter(|to| from.as_ref() != Some(to)) {
            changes.push(DigestStatus {
                community: CommunityRef::from(&c),
                from,
                to,
            });
        }
    }
    Ok(changes)
}

/// Mentions of me in the period I have not read, where I may still read the post.
fn mentions(
    conn: &mut DbConnection,
    person: &Person,
    since: NaiveDateTime,
    until: NaiveDateTime,
) -> Result<Vec<DigestMention>, AppError> {
    use crate::db::schema::{notifications, people};
    let rows: Vec<(i64, String, Option<String>)> = notifications::table
        .inner_join(posts::table.on(posts::id.nullable().eq(notifications::post_id)))
        .left_join(people::table.on(people::id.nullable().eq(notifications::actor_id)))
        .filter(notifications::person_id.eq(person.id))
        .filter(notifications::kind.eq(crate::domain::NotificationKind::Mentioned.as_str()))
        .filter(notifications::read_at.is_null())
        .filter(
            notifications::created_at
                .ge(since)
                .and(notifications::created_at.lt(until)),
        )
        .filter(readable_by(person.id))
        .filter(posts::hidden_at.is_null())
        .order(notifications::created_at.desc())
        .limit(PER_PART as i64)
        .select((posts::id, posts::title, people::display_name.nullable()))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(post_id, title, by)| DigestMention { post_id, title, by })
        .collect())
}

/// My open tasks due within a week, or overdue, where I may still read them.
fn tasks_due(conn: &mut DbConnection, person: &Person, today: chrono::NaiveDate) -> Result<Vec<DigestTask>, AppError> {
    use crate::db::schema::{task_assignees, tasks};
    let week = today + chrono::Duration::days(6);
    let rows: Vec<(i64, String, i64, Option<chrono::NaiveDate>)> = tasks::table
        .filter(crate::tasks::policy::readable_by(person.id))
        .filter(tasks::status.ne(crate::domain::TaskStatus::Done.as_str()))
        .filter(tasks::due_on.le(week))
        .filter(
            tasks::id.eq_any(
                task_assignees::table
                    .filter(task_assignees::person_id.eq(person.id))
                    .select(task_assignees::task_id),
            ),
        )
        .order((tasks::due_on.asc(), tasks::id.asc()))
        .limit(PER_PART as i64)
        .select((tasks::id, tasks::title, tasks::community_id, tasks::due_on))
        .load(conn)?;
    let names = communities_by_id(conn, rows.iter().map(|r| r.2))?;
    Ok(rows
        .into_iter()
        .map(|(id, title, community, due_on)| DigestTask {
            id,
            title,
            community_name: names.get(&community).map(|c| c.name.clone()).unwrap_or_default(),
            overdue: due_on.is_some_and(|d| d < today),
            due_on,
        })
        .collect())
}
