//! What goes into a person's digest for a period, decided when it is made (so that leaving a
//! community, or losing access, takes effect at once): new posts of the communities they
//! belong to and did not mute (title, author, excerpt — not the full text), the
//! organization's announcements first, grouped by community and capped with "and N more";
//! AMAs that opened or were answered (with the summary); new questions without an answer in
//! their interest communities; status changes of their projects; mentions they have not read;
//! and their tasks due this week or overdue.
//!
//! Digests are made for many people at once (`build_many`): what they share — the period's
//! posts with their excerpts, AMAs, questions, status reports — is read once for the batch, what
//! is each person's own (memberships, mutes, mentions, tasks) in one query per kind; each person's
//! digest is then put together by asking the communities' policy (`communities::policy::readable`)
//! of every item. A run of 50,000 digests costs a few queries per batch, not a dozen per person.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use serde::Serialize;

use crate::communities::policy::readable;
use crate::db::DbConnection;
use crate::db::models::{Community, Membership, Person, Post};
use crate::db::schema::{
    amas, communities, digest_mutes, memberships, notifications, people, posts, status_reports, task_assignees, tasks,
};
use crate::domain::{Audience, CommunityKind, Module, NotificationKind, PostKind, TaskStatus};
use crate::error::AppError;
use crate::references::CommunityRef;
use crate::references::authors;

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
    #[serde(serialize_with = "crate::domain::utc::write")]
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
    #[serde(serialize_with = "crate::domain::utc::write")]
    pub since: NaiveDateTime,
    #[serde(serialize_with = "crate::domain::utc::write")]
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

/// One person's digest to make: whose, from when, and their local date (for tasks due).
pub struct Wanted<'a> {
    pub person: &'a Person,
    pub since: NaiveDateTime,
    pub today: NaiveDate,
}

/// One person's digest, alone (the preview).
pub fn build(conn: &mut DbConnection, wanted: Wanted<'_>, until: NaiveDateTime) -> Result<Digest, AppError> {
    Ok(build_many(conn, &[wanted], until)?.remove(0))
}

/// The digests of `wanted` (in that order), each from its own `since` to `until`.
pub fn build_many(
    conn: &mut DbConnection,
    wanted: &[Wanted<'_>],
    until: NaiveDateTime,
) -> Result<Vec<Digest>, AppError> {
    let Some(earliest) = wanted.iter().map(|w| w.since).min() else {
        return Ok(Vec::new());
    };
    let ids: Vec<i64> = wanted.iter().map(|w| w.person.id).collect();
    let period = Period::load(conn, Some(&ids), earliest, until)?;
    build_with(conn, &period, wanted)
}

/// The digests of `wanted` from a period read before (`Period::everyone`: a whole run), whose
/// start is at or before every `since`.
pub fn build_with(conn: &mut DbConnection, period: &Period, wanted: &[Wanted<'_>]) -> Result<Vec<Digest>, AppError> {
    let until = period.until;
    let ids: Vec<i64> = wanted.iter().map(|w| w.person.id).collect();
    let mut member: HashMap<i64, HashMap<i64, Membership>> = HashMap::new();
    for m in memberships::table
        .filter(memberships::person_id.eq_any(&ids))
        .select(Membership::as_select())
        .load::<Membership>(conn)?
    {
        member.entry(m.person_id).or_default().insert(m.community_id, m);
    }
    let mut muted: HashMap<i64, HashSet<i64>> = HashMap::new();
    for (person, community) in digest_mutes::table
        .filter(digest_mutes::person_id.eq_any(&ids))
        .select((digest_mutes::person_id, digest_mutes::community_id))
        .load::<(i64, i64)>(conn)?
    {
        muted.entry(person).or_default().insert(community);
    }
    wanted
        .iter()
        .map(|w| {
            let mine = Mine {
                person: w.person.id,
                memberships: member.remove(&w.person.id).unwrap_or_default(),
                muted: muted.remove(&w.person.id).unwrap_or_default(),
            };
            Ok(Digest {
                since: w.since,
                until,
                announcements: period.announcements(&mine, w.since),
                groups: period.groups(&mine, w.since),
                amas: period.amas(&mine, w.since),
                questions: period.questions(&mine, w.since),
                status: period.status(&mine, w.since),
                mentions: period.mentions(&mine, w.since),
                tasks: period.tasks(&mine, w.today),
            })
        })
        .collect()
}

/// A person's memberships and mutes.
struct Mine {
    person: i64,
    memberships: HashMap<i64, Membership>,
    muted: HashSet<i64>,
}

impl Mine {
    fn is_member(&self, community: i64) -> bool {
        self.memberships.get(&community).is_some_and(Membership::is_active)
    }

    fn may_read(&self, c: &Community) -> bool {
        readable(c, self.memberships.get(&c.id))
    }
}

/// A post of the period with what the digest shows of it.
struct PeriodPost {
    post: Post,
    item: DigestPost,
    /// A question nobody answered yet, in an interest community: listed with the questions.
    open_question: bool,
}

/// What the digests of a batch, or of a whole run, share: read once.
pub struct Period {
    until: NaiveDateTime,
    communities: HashMap<i64, Community>,
    organization: Vec<i64>,
    /// Indices into `posts` per community, newest first.
    by_community: HashMap<i64, Vec<usize>>,
    /// Communities with a status report in the period, with their reports' overall status.
    reported: HashMap<i64, StatusHistory>,
    /// Newest first.
    posts: Vec<PeriodPost>,
    amas: Vec<(crate::db::models::Ama, String)>,
    /// Per person, newest first.
    mentions: HashMap<i64, Vec<Mentioned>>,
    /// Per person: open tasks due within a week of the latest "today", earliest first.
    tasks: HashMap<i64, Vec<TaskDue>>,
}

/// An unread mention of the period.
struct Mentioned {
    at: NaiveDateTime,
    post_id: i64,
    title: String,
    community: i64,
    by: Option<String>,
}

/// An open task of someone's with a due date.
struct TaskDue {
    id: i64,
    title: String,
    community: i64,
    due: NaiveDate,
}

impl Period {
    /// What everyone's digests share from `earliest` to `until` (a whole run): read once, and
    /// each batch of a run puts its people's digests together from it.
    pub fn everyone(
        conn: &mut DbConnection,
        earliest: NaiveDateTime,
        until: NaiveDateTime,
    ) -> Result<Period, AppError> {
        Period::load(conn, None, earliest, until)
    }

    /// The period for the people `ids` only, or (`None`) for everyone.
    fn load(
        conn: &mut DbConnection,
        ids: Option<&[i64]>,
        earliest: NaiveDateTime,
        until: NaiveDateTime,
    ) -> Result<Period, AppError> {
        // The organization's announcements reach everyone, members or not.
        let organization: Vec<i64> = communities::table
            .filter(communities::kind.eq(CommunityKind::Organization.as_str()))
            .select(communities::id)
            .load(conn)?;
        let mut posts = posts::table
            .filter(posts::deleted_at.is_null())
            .filter(posts::hidden_at.is_null())
            .filter(posts::created_at.ge(earliest))
            .filter(posts::created_at.lt(until))
            .into_boxed();
        if let Some(ids) = ids {
            posts = posts.filter(
                posts::community_id
                    .eq_any(
                        memberships::table
                            .filter(memberships::person_id.eq_any(ids))
                            .select(memberships::community_id)
                            .distinct(),
                    )
                    .or(posts::community_id.eq_any(&organization)),
            );
        }
        let posts: Vec<Post> = posts
            .order((posts::created_at.desc(), posts::id.desc()))
            .select(Post::as_select())
            .load(conn)?;
        let amas: Vec<crate::db::models::Ama> = amas::table
            .filter(
                amas::opens_at
                    .ge(earliest)
                    .and(amas::opens_at.lt(until))
                    .or(amas::closes_at
                        .ge(earliest)
                        .and(amas::closes_at.lt(until))
                        .and(amas::summary_post_id.is_not_null())),
            )
            .order(amas::opens_at.asc())
            .select(crate::db::models::Ama::as_select())
            .load(conn)?;
        let mut mentions: HashMap<i64, Vec<_>> = HashMap::new();
        let mut mentioned = notifications::table
            .inner_join(posts::table.on(posts::id.nullable().eq(notifications::post_id)))
            .left_join(people::table.on(people::id.nullable().eq(notifications::actor_id)))
            .into_boxed();
        if let Some(ids) = ids {
            mentioned = mentioned.filter(notifications::person_id.eq_any(ids));
        }
        for (person, at, post, title, community, by) in mentioned
            .filter(notifications::kind.eq(NotificationKind::Mentioned.as_str()))
            .filter(notifications::read_at.is_null())
            .filter(
                notifications::created_at
                    .ge(earliest)
                    .and(notifications::created_at.lt(until)),
            )
            .filter(posts::deleted_at.is_null().and(posts::hidden_at.is_null()))
            .order(notifications::created_at.desc())
            .select((
                notifications::person_id,
                notifications::created_at,
                posts::id,
                posts::title,
                posts::community_id,
                people::display_name.nullable(),
            ))
            .load::<(i64, NaiveDateTime, i64, String, i64, Option<String>)>(conn)?
        {
            mentions.entry(person).or_default().push(Mentioned {
                at,
                post_id: post,
                title,
                community,
                by,
            });
        }
        // Due within a week of any of the batch's "today"s (each person's own week below).
        let latest_week = (until + chrono::Duration::days(8)).date();
        let mut tasks_due: HashMap<i64, Vec<_>> = HashMap::new();
        let mut assigned = tasks::table.inner_join(task_assignees::table).into_boxed();
        if let Some(ids) = ids {
            assigned = assigned.filter(task_assignees::person_id.eq_any(ids));
        }
        for (person, id, title, community, due) in assigned
            .filter(tasks::deleted_at.is_null())
            .filter(tasks::status.ne(TaskStatus::Done.as_str()))
            .filter(tasks::due_on.le(latest_week))
            .order((tasks::due_on.asc(), tasks::id.asc()))
            .select((
                task_assignees::person_id,
                tasks::id,
                tasks::title,
                tasks::community_id,
                tasks::due_on.assume_not_null(),
            ))
            .load::<(i64, i64, String, i64, NaiveDate)>(conn)?
        {
            tasks_due.entry(person).or_default().push(TaskDue {
                id,
                title,
                community,
                due,
            });
        }
        let reported = StatusHistory::load(conn, ids, earliest, until)?;
        let mut wanted: HashSet<i64> = posts.iter().map(|p| p.community_id).collect();
        wanted.extend(reported.keys().copied());
        wanted.extend(amas.iter().map(|a| a.community_id));
        wanted.extend(mentions.values().flatten().map(|m| m.community));
        wanted.extend(tasks_due.values().flatten().map(|t| t.community));
        let wanted: Vec<i64> = wanted.into_iter().collect();
        let communities: HashMap<i64, Community> = communities::table
            .filter(communities::id.eq_any(&wanted))
            .select(Community::as_select())
            .load::<Community>(conn)?
            .into_iter()
            .map(|c| (c.id, c))
            .collect();
        let names = authors(conn, posts.iter().filter_map(|p| p.author_id))?;
        let mentioned = crate::references::Mentions::load(conn, posts.iter().map(|p| p.body.as_str()))?;
        let posts: Vec<PeriodPost> = posts
            .into_iter()
            .map(|p| {
                let interest = communities
                    .get(&p.community_id)
                    .is_some_and(|c| c.kind == CommunityKind::Interest);
                PeriodPost {
                    open_question: interest && p.kind == PostKind::Question && p.first_answer_at.is_none(),
                    item: DigestPost {
                        id: p.id,
                        author: p.author_id.and_then(|a| names.get(&a)).map(|a| a.display_name.clone()),
                        excerpt: crate::markdown::excerpt(&p.body, EXCERPT, &|uid| mentioned.name_of(uid)),
                        title: p.title.clone(),
                        created_at: p.created_at,
                    },
                    post: p,
                }
            })
            .collect();
        let amas = amas
            .into_iter()
            .filter_map(|a| {
                let name = communities.get(&a.community_id)?.name.clone();
                Some((a, name))
            })
            .collect();
        let mut by_community: HashMap<i64, Vec<usize>> = HashMap::new();
        for (i, p) in posts.iter().enumerate() {
            by_community.entry(p.post.community_id).or_default().push(i);
        }
        Ok(Period {
            until,
            organization,
            by_community,
            reported,
            communities,
            posts,
            amas,
            mentions,
            tasks: tasks_due,
        })
    }

    /// The period's posts this person may read, since `since`, not their own.
    /// Newest first; only the posts of my communities and the organization's are looked at.
    fn readable_posts<'a>(
        &'a self,
        mine: &'a Mine,
        since: NaiveDateTime,
    ) -> impl Iterator<Item = (&'a PeriodPost, &'a Community)> {
        let others = self.organization.iter().filter(|id| !mine.memberships.contains_key(id));
        let mut found: Vec<(&PeriodPost, &Community)> = mine
            .memberships
            .keys()
            .chain(others)
            .filter_map(|id| Some((self.communities.get(id)?, self.by_community.get(id)?)))
            .filter(|(c, _)| mine.may_read(c))
            .flat_map(|(c, posts)| posts.iter().map(move |&i| (&self.posts[i], c)))
            .filter(|(p, _)| p.post.created_at >= since && p.post.author_id != Some(mine.person))
            .collect();
        found.sort_by_key(|(p, _)| std::cmp::Reverse((p.post.created_at, p.post.id)));
        found.into_iter()
    }

    fn announcements(&self, mine: &Mine, since: NaiveDateTime) -> Vec<DigestPost> {
        self.readable_posts(mine, since)
            .filter(|(p, c)| p.post.announcement && c.kind == CommunityKind::Organization)
            .map(|(p, _)| p.item.clone())
            .collect()
    }

    fn groups(&self, mine: &Mine, since: NaiveDateTime) -> Vec<DigestGroup> {
        let mut grouped: BTreeMap<(String, i64), (CommunityRef, Vec<DigestPost>, usize)> = BTreeMap::new();
        for (p, c) in self.readable_posts(mine, since) {
            let announced = p.post.announcement && c.kind == CommunityKind::Organization;
            if announced || p.open_question || !mine.is_member(c.id) || mine.muted.contains(&c.id) {
                continue;
            }
            let group = grouped
                .entry((c.name.to_lowercase(), c.id))
                .or_insert_with(|| (CommunityRef::from(c), Vec::new(), 0));
            if group.1.len() < PER_COMMUNITY {
                group.1.push(p.item.clone());
            } else {
                group.2 += 1;
            }
        }
        grouped
            .into_values()
            .map(|(community, posts, more)| DigestGroup { community, posts, more })
            .collect()
    }

    /// New questions without an answer in my interest communities (not muted, not my own).
    fn questions(&self, mine: &Mine, since: NaiveDateTime) -> Vec<DigestQuestion> {
        self.readable_posts(mine, since)
            .filter(|(p, c)| p.open_question && mine.is_member(c.id) && !mine.muted.contains(&c.id))
            .take(PER_PART)
            .map(|(p, c)| DigestQuestion {
                id: p.post.id,
                title: p.post.title.clone(),
                community: CommunityRef::from(c),
            })
            .collect()
    }

    /// AMAs of my communities or for everyone that opened, or closed with a summary.
    fn amas(&self, mine: &Mine, since: NaiveDateTime) -> Vec<DigestAma> {
        self.amas
            .iter()
            .filter_map(|(a, community)| {
                let everyone = a.audience == Audience::Organization;
                let within = |t: NaiveDateTime| t >= since && t < self.until;
                let answered = a.summary_post_id.is_some() && within(a.closes_at);
                let c = self.communities.get(&a.community_id)?;
                // Everyone's AMAs, or those of a community I belong to and may read.
                let mine_to_see = everyone || (mine.is_member(a.community_id) && mine.may_read(c));
                (mine_to_see && (within(a.opens_at) || answered)).then(|| DigestAma {
                    id: a.id,
                    title: a.title.clone(),
                    community: community.clone(),
                    answered,
                    summary_post_id: a.summary_post_id,
                })
            })
            .take(PER_PART)
            .collect()
    }

    fn mentions(&self, mine: &Mine, since: NaiveDateTime) -> Vec<DigestMention> {
        self.mentions
            .get(&mine.person)
            .into_iter()
            .flatten()
            .filter(|m| m.at >= since && self.communities.get(&m.community).is_some_and(|c| mine.may_read(c)))
            .take(PER_PART)
            .map(|m| DigestMention {
                post_id: m.post_id,
                title: m.title.clone(),
                by: m.by.clone(),
            })
            .collect()
    }

    /// My open tasks due within a week of my today, or overdue, where I may read them.
    fn tasks(&self, mine: &Mine, today: NaiveDate) -> Vec<DigestTask> {
        let week = today + chrono::Duration::days(6);
        self.tasks
            .get(&mine.person)
            .into_iter()
            .flatten()
            .filter(|t| t.due <= week)
            .filter_map(|t| {
                let c = self.communities.get(&t.community)?;
                (c.modules().contains(Module::Tasks) && mine.may_read(c)).then(|| DigestTask {
                    id: t.id,
                    title: t.title.clone(),
                    community_name: c.name.clone(),
                    due_on: Some(t.due),
                    overdue: t.due < today,
                })
            })
            .take(PER_PART)
            .collect()
    }
}

/// A project's overall status over a run's period: the report before the period's start and
/// those in it, so that any person's window within the period needs no further query.
struct StatusHistory {
    before: Option<String>,
    /// Oldest first.
    within: Vec<(NaiveDateTime, String)>,
}

impl StatusHistory {
    /// The communities that reported from `earliest` to `until` (those of the people `ids`, or
    /// all), each with the latest report before `earliest`: two queries, however many projects.
    fn load(
        conn: &mut DbConnection,
        ids: Option<&[i64]>,
        earliest: NaiveDateTime,
        until: NaiveDateTime,
    ) -> Result<HashMap<i64, StatusHistory>, AppError> {
        let mut within = status_reports::table
            .filter(status_reports::created_at.ge(earliest))
            .filter(status_reports::created_at.lt(until))
            .into_boxed();
        if let Some(ids) = ids {
            within = within.filter(
                status_reports::community_id.eq_any(
                    memberships::table
                        .filter(memberships::person_id.eq_any(ids))
                        .select(memberships::community_id)
                        .distinct(),
                ),
            );
        }
        let mut reported: HashMap<i64, StatusHistory> = HashMap::new();
        for (community, at, overall) in within
            .order((status_reports::created_at.asc(), status_reports::id.asc()))
            .select((
                status_reports::community_id,
                status_reports::created_at,
                status_reports::overall,
            ))
            .load::<(i64, NaiveDateTime, String)>(conn)?
        {
            reported
                .entry(community)
                .or_insert_with(|| StatusHistory {
                    before: None,
                    within: Vec::new(),
                })
                .within
                .push((at, overall));
        }
        let communities: Vec<i64> = reported.keys().copied().collect();
        let last_before: Vec<(i64, Option<NaiveDateTime>)> = status_reports::table
            .filter(status_reports::community_id.eq_any(&communities))
            .filter(status_reports::created_at.lt(earliest))
            .group_by(status_reports::community_id)
            .select((
                status_reports::community_id,
                diesel::dsl::max(status_reports::created_at),
            ))
            .load(conn)?;
        let times: Vec<NaiveDateTime> = last_before.iter().filter_map(|(_, at)| *at).collect();
        let last_before: HashMap<i64, NaiveDateTime> =
            last_before.into_iter().filter_map(|(c, at)| Some((c, at?))).collect();
        // Those reports: rows of these communities at one of these times (the latest id of a
        // community's time wins, as a newest-first order by time and id would pick it).
        for (community, at, overall) in status_reports::table
            .filter(status_reports::community_id.eq_any(&communities))
            .filter(status_reports::created_at.eq_any(&times))
            .order(status_reports::id.asc())
            .select((
                status_reports::community_id,
                status_reports::created_at,
                status_reports::overall,
            ))
            .load::<(i64, NaiveDateTime, String)>(conn)?
        {
            if last_before.get(&community) == Some(&at)
                && let Some(history) = reported.get_mut(&community)
            {
                history.before = Some(overall);
            }
        }
        Ok(reported)
    }

    /// The overall status before `at` (none: no report yet).
    fn at(&self, at: NaiveDateTime) -> Option<&String> {
        self.within
            .iter()
            .rev()
            .find(|(created, _)| *created < at)
            .map(|(_, overall)| overall)
            .or(self.before.as_ref())
    }
}

impl Period {
    /// My projects whose overall status changed since `since`: the latest report against the
    /// one before `since`.
    fn status(&self, mine: &Mine, since: NaiveDateTime) -> Vec<DigestStatus> {
        let mut projects: Vec<(&Community, &StatusHistory)> = self
            .reported
            .iter()
            .filter(|(id, _)| mine.is_member(**id))
            .filter_map(|(id, history)| Some((self.communities.get(id)?, history)))
            .filter(|(c, _)| c.modules().contains(Module::Status))
            .collect();
        projects.sort_by(|(a, _), (b, _)| (a.name.as_str(), a.id).cmp(&(b.name.as_str(), b.id)));
        projects
            .into_iter()
            .filter_map(|(c, history)| {
                let (from, to) = (history.at(since), history.within.last().map(|(_, overall)| overall)?);
                (from != Some(to)).then(|| DigestStatus {
                    community: CommunityRef::from(c),
                    from: from.cloned(),
                    to: to.clone(),
                })
            })
            .take(PER_PART)
            .collect()
    }
}
