//! Listing notifications for their recipient, marking them read, and which kinds they
//! switched off. Only those about what the recipient may still see are listed.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;

use super::notices::{Kind, SubjectColumns};
use crate::amas::policy::readable_by as amas_readable_by;
use crate::api::pagination::{PageRequest, Paged};
use crate::communities::policy::visible_to;
use crate::db::models::Person;
use crate::db::schema::{amas, communities, notification_mutes, notifications, posts, tasks};
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
