//! Writing notifications where things happen. What a notification is about is a `Subject`;
//! the table keeps it in one foreign key per kind (so that deleting a post, task, AMA or
//! community deletes what told of it), converted in `SubjectColumns` and nowhere else. Each is
//! written only for a recipient who may see its subject, has not switched its kind off, and
//! did not cause it.

use diesel::prelude::*;

use super::service::muted;
use crate::db::models::{NewNotification, Person};
use crate::db::schema::{notification_mutes, notifications, people};
use crate::db::{DbConnection, now};
use crate::error::AppError;
use crate::subjects::Subject;
use crate::subjects::visible::shown_to as subjects_shown_to;

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
pub(super) struct SubjectColumns {
    pub(super) post_id: Option<i64>,
    pub(super) comment_id: Option<i64>,
    pub(super) community_id: Option<i64>,
    pub(super) task_id: Option<i64>,
    pub(super) ama_id: Option<i64>,
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
            // Nobody is notified about a single AMA question (its answer tells of the AMA), nor
            // about a meeting or a newsletter (invitations and issues come by mail); a kind
            // that is told of gets its column, whose foreign key takes its notices along when
            // it is deleted.
            Some(Subject::AmaQuestion(_) | Subject::Meeting(_) | Subject::Newsletter(_)) => none,
        }
    }

    pub(super) fn subject(self) -> Option<Subject> {
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
