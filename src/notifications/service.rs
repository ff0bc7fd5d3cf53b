//! Writing notifications where things happen, listing them for their recipient.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;

use crate::amas::policy::{load_ama, readable_by as amas_readable_by};
use crate::api::pagination::{PageRequest, Paged};
use crate::communities::policy::{self, visible_to};
use crate::db::models::{NewNotification, Person};
use crate::db::schema::{amas, communities, notification_mutes, notifications, people, posts, tasks};
use crate::db::{DbConnection, now};
use crate::error::AppError;
use crate::posts::policy::{load_post, readable_by};
use crate::references::CommunityRef;
use crate::references::{AuthorRef, author_ref};
use crate::tasks::policy::{load_task, readable_by as tasks_readable_by};

/// An AMA named in a notification.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct AmaRef {
    pub id: i64,
    pub title: String,
}

/// A task named in a notification.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct TaskRef {
    pub id: i64,
    pub title: String,
}

pub use crate::domain::NotificationKind as Kind;

/// One notification to be written: about a post (or one of its comments), or about a community.
pub struct Notice {
    pub kind: Kind,
    pub recipient: i64,
    pub actor: Option<i64>,
    /// The post it is about; `None` when it no longer exists for the recipient (deleted).
    pub post_id: Option<i64>,
    pub comment_id: Option<i64>,
    pub community_id: Option<i64>,
    pub task_id: Option<i64>,
    pub ama_id: Option<i64>,
    pub detail: String,
}

impl Notice {
    pub fn post(kind: Kind, recipient: i64, actor: Option<i64>, post: Option<i64>, comment: Option<i64>) -> Self {
        Notice {
            kind,
            recipient,
            actor,
            post_id: post,
            comment_id: comment,
            community_id: None,
            task_id: None,
            ama_id: None,
            detail: String::new(),
        }
    }

    pub fn community(kind: Kind, recipient: i64, actor: Option<i64>, community: i64) -> Self {
        Notice {
            community_id: Some(community),
            ..Notice::post(kind, recipient, actor, None, None)
        }
    }

    pub fn task(kind: Kind, recipient: i64, actor: Option<i64>, task: i64) -> Self {
        Notice {
            task_id: Some(task),
            ..Notice::post(kind, recipient, actor, None, None)
        }
    }

    pub fn ama(kind: Kind, recipient: i64, actor: Option<i64>, ama: i64) -> Self {
        Notice {
            ama_id: Some(ama),
            ..Notice::post(kind, recipient, actor, None, None)
        }
    }

    pub fn with_detail(self, detail: impl Into<String>) -> Self {
        Notice {
            detail: detail.into(),
            ..self
        }
    }
}

fn recipient(conn: &mut DbConnection, n: &Notice) -> Result<Option<Person>, AppError> {
    if n.actor == Some(n.recipient) || muted(conn, n.recipient)?.contains(&n.kind) {
        return Ok(None);
    }
    let Some(recipient) = people::table
        .find(n.recipient)
        .filter(people::active.eq(true))
        .select(Person::as_select())
        .first(conn)
        .optional()?
    else {
        return Ok(None);
    };
    let may_know = match (n.post_id, n.community_id, n.task_id, n.ama_id) {
        (Some(post), ..) => load_post(conn, &recipient, post).is_ok(),
        (None, Some(community), ..) => policy::load_id(conn, &recipient, community).is_ok(),
        (None, None, Some(task), _) => load_task(conn, &recipient, task).is_ok(),
        (None, None, None, Some(ama)) => load_ama(conn, &recipient, ama).is_ok(),
        (None, None, None, None) => true,
    };
    Ok(may_know.then_some(recipient))
}

/// Writes a notification if its recipient may read the post (or see the community) it is
/// about, has not switched its kind off, and is not the one who caused it.
pub fn notify(conn: &mut DbConnection, n: Notice) -> Result<(), AppError> {
    if recipient(conn, &n)?.is_none() {
        return Ok(());
    }
    diesel::insert_into(notifications::table)
        .values((
            notifications::person_id.eq(n.recipient),
            notifications::kind.eq(n.kind.as_str()),
            notifications::actor_id.eq(n.actor),
            notifications::post_id.eq(n.post_id),
            notifications::comment_id.eq(n.comment_id),
            notifications::community_id.eq(n.community_id),
            notifications::task_id.eq(n.task_id),
            notifications::ama_id.eq(n.ama_id),
            notifications::detail.eq(n.detail),
            notifications::created_at.eq(now()),
        ))
        .execute(conn)?;
    Ok(())
}

/// The same notification for many people whom the caller knows may read what it is about (an
/// AMA's audience): one multi-row insert per thousand, leaving out who caused it and who
/// switched the kind off. Returns how many were written.
pub fn notify_each(conn: &mut DbConnection, n: &Notice, recipients: &[i64]) -> Result<usize, AppError> {
    let muting: std::collections::HashSet<i64> = notification_mutes::table
        .filter(notification_mutes::kind.eq(n.kind.as_str()))
        .select(notification_mutes::person_id)
        .load::<i64>(conn)?
        .into_iter()
        .collect();
    let at = now();
    let rows: Vec<NewNotification> = recipients
        .iter()
        .filter(|r| Some(**r) != n.actor && !muting.contains(r))
        .map(|&person_id| NewNotification {
            person_id,
            kind: n.kind,
            actor_id: n.actor,
            post_id: n.post_id,
            comment_id: n.comment_id,
            detail: n.detail.clone(),
            created_at: at,
            read_at: None,
            community_id: n.community_id,
            task_id: n.task_id,
            ama_id: n.ama_id,
        })
        .collect();
    for chunk in rows.chunks(1000) {
        crate::db::bulk::insert_notifications(conn, chunk)?;
    }
    Ok(rows.len())
}

/// Reactions are summed up rather than told one by one: while the author has not read the
/// notification about a post or comment, a new reaction updates it (latest person, how many
/// people reacted) instead of adding another.
pub fn notify_reaction(conn: &mut DbConnection, n: Notice, reacted: i64) -> Result<(), AppError> {
    if recipient(conn, &n)?.is_none() {
        return Ok(());
    }
    let mut unread = diesel::update(notifications::table)
        .filter(notifications::person_id.eq(n.recipient))
        .filter(notifications::kind.eq(Kind::Reaction.as_str()))
        .filter(notifications::read_at.is_null())
        .into_boxed();
    unread = match n.post_id {
        Some(p) => unread.filter(notifications::post_id.eq(p)),
        None => unread.filter(notifications::post_id.is_null()),
    };
    unread = match n.comment_id {
        Some(c) => unread.filter(notifications::comment_id.eq(c)),
        None => unread.filter(notifications::comment_id.is_null()),
    };
    let updated = unread
        .set((
            notifications::actor_id.eq(n.actor),
            notifications::detail.eq(reacted.to_string()),
            notifications::created_at.eq(now()),
        ))
        .execute(conn)?;
    if updated == 0 {
        notify(conn, n.with_detail(reacted.to_string()))?;
    }
    Ok(())
}

/// People a text mentions, told if they may read the post (at most 50: a text naming a
/// thousand people notifies fifty).
pub fn notify_mentions(
    conn: &mut DbConnection,
    mentioned: &[i64],
    actor: i64,
    post_id: i64,
    comment_id: Option<i64>,
) -> Result<(), AppError> {
    const MAX: usize = 50;
    for &recipient in mentioned.iter().take(MAX) {
        notify(
            conn,
            Notice::post(Kind::Mentioned, recipient, Some(actor), Some(post_id), comment_id),
        )?;
    }
    Ok(())
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct NotificationView {
    pub id: i64,
    /// mentioned, comment, reply, report-handled, moderated, report, reaction, invited,
    /// join-request, join-approved, task-assigned, task-comment, task-status, task-due,
    /// ama-scheduled, ama-live, ama-starting, question-answered or answer-accepted
    pub kind: String,
    pub actor: Option<AuthorRef>,
    pub post_id: Option<i64>,
    pub post_title: Option<String>,
    pub comment_id: Option<i64>,
    /// The community it is about (invited, join request, join approved).
    pub community: Option<CommunityRef>,
    /// The task it is about (task-assigned, task-comment, task-status, task-due).
    pub task: Option<TaskRef>,
    /// The AMA it is about (ama-scheduled, ama-live, ama-starting, question-answered).
    pub ama: Option<AmaRef>,
    /// For moderation: the decision; for reactions: how many people reacted.
    pub detail: String,
    #[serde(serialize_with = "crate::domain::utc::write")]
    pub created_at: NaiveDateTime,
    pub read: bool,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct NotificationList {
    #[serde(flatten)]
    pub page: Paged<NotificationView>,
    pub unread: i64,
}

/// My notifications, newest first, leaving out those about what I may no longer read.
pub fn list(conn: &mut DbConnection, viewer: &Person, page: &PageRequest) -> Result<NotificationList, AppError> {
    let total: i64 = shown_to(viewer.id).count().get_result(conn)?;
    let unread = unread(conn, viewer)?;
    let mut q = shown_to(viewer.id);
    if let Some(id) = page.after_id()? {
        q = q.filter(notifications::id.lt(id));
    }
    #[allow(clippy::type_complexity)]
    let rows: Vec<(
        i64,
        String,
        Option<i64>,
        Option<i64>,
        Option<i64>,
        Option<i64>,
        Option<i64>,
        Option<i64>,
        String,
        NaiveDateTime,
        Option<NaiveDateTime>,
    )> = q
        .order(notifications::id.desc())
        .limit(page.limit + 1)
        .select((
            notifications::id,
            notifications::kind,
            notifications::actor_id,
            notifications::post_id,
            notifications::comment_id,
            notifications::community_id,
            notifications::task_id,
            notifications::ama_id,
            notifications::detail,
            notifications::created_at,
            notifications::read_at,
        ))
        .load(conn)?;
    let mut items = Vec::with_capacity(rows.len());
    for (id, kind, actor_id, post_id, comment_id, community_id, task_id, ama_id, detail, created_at, read_at) in rows {
        let post_title = match post_id {
            Some(p) => match load_post(conn, viewer, p) {
                Ok(access) if access.post.hidden_at.is_none() || access.community.can_moderate() => {
                    Some(access.post.title)
                }
                Ok(_) => None,
                // No longer readable: the notification says nothing about it.
                Err(_) => continue,
            },
            None => None,
        };
        let community = match community_id.map(|c| policy::load_id(conn, viewer, c)) {
            Some(Ok(access)) => Some(CommunityRef::from(&access.community)),
            Some(Err(AppError::NotFound)) => continue,
            Some(Err(e)) => return Err(e),
            None => None,
        };
        let task = match task_id.map(|t| load_task(conn, viewer, t)) {
            Some(Ok(access)) => Some(TaskRef {
                id: access.task.id,
                title: access.task.title,
            }),
            Some(Err(AppError::NotFound)) => continue,
            Some(Err(e)) => return Err(e),
            None => None,
        };
        let ama = match ama_id.map(|a| load_ama(conn, viewer, a)) {
            Some(Ok(access)) => Some(AmaRef {
                id: access.ama.id,
                title: access.ama.title,
            }),
            Some(Err(AppError::NotFound)) => continue,
            Some(Err(e)) => return Err(e),
            None => None,
        };
        let actor = author_ref(conn, actor_id)?;
        items.push(NotificationView {
            id,
            kind,
            actor,
            post_id,
            post_title,
            comment_id,
            community,
            task,
            ama,
            detail,
            created_at,
            read: read_at.is_some(),
        });
    }
    Ok(NotificationList {
        page: Paged::from_rows(items, page.limit, total, |n| vec![n.id.to_string()]),
        unread,
    })
}

/// Unread notifications the list would show.
pub fn unread(conn: &mut DbConnection, viewer: &Person) -> Result<i64, AppError> {
    Ok(shown_to(viewer.id)
        .filter(notifications::read_at.is_null())
        .count()
        .get_result(conn)?)
}

/// The person's notifications that they may still read what they are about: none about posts,
/// tasks or AMAs they may no longer read, or communities they may no longer see. Checked in the
/// query, before any limit, so that a page is full whenever more exist.
fn shown_to(viewer_id: i64) -> notifications::BoxedQuery<'static, crate::db::DbBackend> {
    notifications::table
        .filter(notifications::person_id.eq(viewer_id))
        .filter(
            notifications::post_id.is_null().or(notifications::post_id
                .assume_not_null()
                .eq_any(posts::table.filter(readable_by(viewer_id)).select(posts::id))),
        )
        .filter(
            notifications::task_id.is_null().or(notifications::task_id
                .assume_not_null()
                .eq_any(tasks::table.filter(tasks_readable_by(viewer_id)).select(tasks::id))),
        )
        .filter(
            notifications::ama_id.is_null().or(notifications::ama_id
                .assume_not_null()
                .eq_any(amas::table.filter(amas_readable_by(viewer_id)).select(amas::id))),
        )
        .filter(
            notifications::community_id.is_null().or(notifications::community_id
                .assume_not_null()
                .eq_any(communities::table.filter(visible_to(viewer_id)).select(communities::id))),
        )
        .into_boxed()
}

/// Marks one (or, with `None`, all) of my notifications as read.
pub fn mark_read(conn: &mut DbConnection, viewer: &Person, id: Option<i64>) -> Result<(), AppError> {
    let mut q = diesel::update(notifications::table)
        .filter(notifications::person_id.eq(viewer.id))
        .filter(notifications::read_at.is_null())
        .into_boxed();
    if let Some(id) = id {
        q = q.filter(notifications::id.eq(id));
    }
    q.set(notifications::read_at.eq(Some(now()))).execute(conn)?;
    Ok(())
}

/// The kinds a person switched off.
pub fn muted(conn: &mut DbConnection, person_id: i64) -> Result<Vec<Kind>, AppError> {
    Ok(notification_mutes::table
        .filter(notification_mutes::person_id.eq(person_id))
        .select(notification_mutes::kind)
        .load::<String>(conn)?
        .iter()
        .filter_map(|k| Kind::parse(k).ok())
        .collect())
}

/// Switches off exactly these kinds for the viewer (the others on).
pub fn set_muted(conn: &mut DbConnection, viewer: &Person, kinds: &[Kind]) -> Result<(), AppError> {
    crate::db::write_transaction(conn, |conn| {
        diesel::delete(notification_mutes::table.filter(notification_mutes::person_id.eq(viewer.id))).execute(conn)?;
        for kind in kinds {
            diesel::insert_into(notification_mutes::table)
                .values((
                    notification_mutes::person_id.eq(viewer.id),
                    notification_mutes::kind.eq(kind.as_str()),
                ))
                .execute(conn)?;
        }
        Ok(())
    })
}
