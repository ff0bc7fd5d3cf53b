//! Writing notifications where things happen, listing them for their recipient. What a
//! notification is about is a `Subject`; the table keeps it in one foreign key per kind (so
//! that deleting a post, task, AMA or community deletes what told of it), converted in
//! `SubjectColumns` and nowhere else.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;

use crate::amas::policy::readable_by as amas_readable_by;
use crate::api::pagination::{PageRequest, Paged};
use crate::communities::policy::visible_to;
use crate::db::models::{NewNotification, Person};
use crate::db::schema::{amas, communities, notification_mutes, notifications, people, posts, tasks};
use crate::db::{DbConnection, now};
use crate::error::AppError;
use crate::posts::policy::readable_by;
use crate::references::{AuthorRef, CommunityRef, authors};
use crate::subjects::Subject;
use crate::subjects::visible::{Shown, shown_to as subjects_shown_to};
use crate::tasks::policy::readable_by as tasks_readable_by;

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

/// One notification to be written: about a post (or one of its comments), a community, a
/// task or an AMA.
pub struct Notice {
    pub kind: Kind,
    pub recipient: i64,
    pub actor: Option<i64>,
    /// `None` when what it was about no longer exists (a deleted post's report, handled).
    pub subject: Option<Subject>,
    pub detail: String,
}

impl Notice {
    pub fn about(kind: Kind, recipient: i64, actor: Option<i64>, subject: Option<Subject>) -> Self {
        Notice {
            kind,
            recipient,
            actor,
            subject,
            detail: String::new(),
        }
    }

    /// About a post, or one of its comments; `post` is `None` once the post is deleted.
    pub fn post(kind: Kind, recipient: i64, actor: Option<i64>, post: Option<i64>, comment: Option<i64>) -> Self {
        let subject = post.map(|post| match comment {
            Some(comment) => Subject::Comment { post, comment },
            None => Subject::Post(post),
        });
        Notice::about(kind, recipient, actor, subject)
    }

    pub fn community(kind: Kind, recipient: i64, actor: Option<i64>, community: i64) -> Self {
        Notice::about(kind, recipient, actor, Some(Subject::Community(community)))
    }

    pub fn task(kind: Kind, recipient: i64, actor: Option<i64>, task: i64) -> Self {
        Notice::about(kind, recipient, actor, Some(Subject::Task(task)))
    }

    pub fn ama(kind: Kind, recipient: i64, actor: Option<i64>, ama: i64) -> Self {
        Notice::about(kind, recipient, actor, Some(Subject::Ama(ama)))
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
    let may_know = match n.subject {
        Some(subject) => subjects_shown_to(conn, &recipient, &[subject])?.contains_key(&subject),
        None => true,
    };
    Ok(may_know.then_some(recipient))
}

/// A subject as the notifications table keeps it: one foreign key per kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = notifications)]
struct SubjectColumns {
    post_id: Option<i64>,
    comment_id: Option<i64>,
    community_id: Option<i64>,
    task_id: Option<i64>,
    ama_id: Option<i64>,
}

impl SubjectColumns {
    fn of(subject: Option<Subject>) -> SubjectColumns {
        let none = SubjectColumns::default();
        match subject {
            None => none,
            Some(Subject::Post(post)) => SubjectColumns {
                post_id: Some(post),
                ..none
            },
            Some(Subject::Comment { post, comment }) => SubjectColumns {
                post_id: Some(post),
                comment_id: Some(comment),
                ..none
            },
            Some(Subject::Community(id)) => SubjectColumns {
                community_id: Some(id),
                ..none
            },
            Some(Subject::Task(id)) => SubjectColumns {
                task_id: Some(id),
                ..none
            },
            Some(Subject::Ama(id)) => SubjectColumns {
                ama_id: Some(id),
                ..none
            },
            // Nobody is notified about a single AMA question: its answer tells of the AMA.
            Some(Subject::AmaQuestion(_)) => none,
        }
    }

    fn subject(self) -> Option<Subject> {
        match self {
            SubjectColumns {
                post_id: Some(post),
                comment_id: Some(comment),
                ..
            } => Some(Subject::Comment { post, comment }),
            SubjectColumns {
                post_id: Some(post), ..
            } => Some(Subject::Post(post)),
            SubjectColumns {
                community_id: Some(id), ..
            } => Some(Subject::Community(id)),
            SubjectColumns { task_id: Some(id), .. } => Some(Subject::Task(id)),
            SubjectColumns { ama_id: Some(id), .. } => Some(Subject::Ama(id)),
            _ => None,
        }
    }
}

/// Writes a notification if its recipient may read the post (or see the community) it is
/// about, has not switched its kind off, and is not the one who caused it.
pub fn notify(conn: &mut DbConnection, n: Notice) -> Result<(), AppError> {
    if recipient(conn, &n)?.is_none() {
        return Ok(());
    }
    let about = SubjectColumns::of(n.subject);
    diesel::insert_into(notifications::table)
        .values((
            notifications::person_id.eq(n.recipient),
            notifications::kind.eq(n.kind),
            notifications::actor_id.eq(n.actor),
            notifications::post_id.eq(about.post_id),
            notifications::comment_id.eq(about.comment_id),
            notifications::community_id.eq(about.community_id),
            notifications::task_id.eq(about.task_id),
            notifications::ama_id.eq(about.ama_id),
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
    let (at, about) = (now(), SubjectColumns::of(n.subject));
    let rows: Vec<NewNotification> = recipients
        .iter()
        .filter(|r| Some(**r) != n.actor && !muting.contains(r))
        .map(|&person_id| NewNotification {
            person_id,
            kind: n.kind,
            actor_id: n.actor,
            post_id: about.post_id,
            comment_id: about.comment_id,
            detail: n.detail.clone(),
            created_at: at,
            read_at: None,
            community_id: about.community_id,
            task_id: about.task_id,
            ama_id: about.ama_id,
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
    let about = SubjectColumns::of(n.subject);
    unread = match about.post_id {
        Some(p) => unread.filter(notifications::post_id.eq(p)),
        None => unread.filter(notifications::post_id.is_null()),
    };
    unread = match about.comment_id {
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
    pub kind: Kind,
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

/// A notification as stored.
#[derive(Queryable, Selectable)]
#[diesel(table_name = notifications)]
struct Stored {
    id: i64,
    kind: Kind,
    actor_id: Option<i64>,
    #[diesel(embed)]
    about: SubjectColumns,
    detail: String,
    created_at: NaiveDateTime,
    read_at: Option<NaiveDateTime>,
}

/// My notifications, newest first, leaving out those about what I may no longer read.
pub fn list(conn: &mut DbConnection, viewer: &Person, page: &PageRequest) -> Result<NotificationList, AppError> {
    let total: i64 = shown_to(viewer.id).count().get_result(conn)?;
    let unread = unread(conn, viewer)?;
    let mut q = shown_to(viewer.id);
    if let Some(id) = page.after_id()? {
        q = q.filter(notifications::id.lt(id));
    }
    let rows: Vec<Stored> = q
        .order(notifications::id.desc())
        .limit(page.limit + 1)
        .select(Stored::as_select())
        .load(conn)?;
    let subjects: Vec<Subject> = rows.iter().filter_map(|r| r.about.subject()).collect();
    let shown = subjects_shown_to(conn, viewer, &subjects)?;
    let actors = authors(conn, rows.iter().filter_map(|r| r.actor_id))?;
    let mut items = Vec::with_capacity(rows.len());
    for row in rows {
        let subject = row.about.subject();
        // No longer visible: the notification says nothing about it (the query left out most).
        let shown = match subject.map(|s| shown.get(&s)) {
            Some(None) => continue,
            Some(Some(shown)) => shown.clone(),
            None => Shown::default(),
        };
        items.push(NotificationView {
            id: row.id,
            kind: row.kind,
            actor: row.actor_id.and_then(|a| actors.get(&a).cloned()),
            post_id: row.about.post_id,
            post_title: row.about.post_id.and(shown.title.clone()),
            comment_id: row.about.comment_id,
            community: shown.community,
            task: row
                .about
                .task_id
                .zip(shown.title.clone())
                .map(|(id, title)| TaskRef { id, title }),
            ama: row
                .about
                .ama_id
                .zip(shown.title.clone())
                .map(|(id, title)| AmaRef { id, title }),
            detail: row.detail,
            created_at: row.created_at,
            read: row.read_at.is_some(),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_stored_subject_reads_back_as_written() {
        let subjects = [
            Subject::Post(1),
            Subject::Comment { post: 1, comment: 2 },
            Subject::Community(3),
            Subject::Task(4),
            Subject::Ama(5),
        ];
        for subject in subjects {
            assert_eq!(SubjectColumns::of(Some(subject)).subject(), Some(subject));
        }
        assert_eq!(SubjectColumns::of(None).subject(), None);
    }
}
