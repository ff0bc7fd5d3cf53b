//! Reporting, the moderators' queue, and decisions. Every decision lands in the audit log with
//! who and why.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;

use crate::communities::policy as communities;
use crate::db::models::{Comment, Community, NewAuditEntry, Person, Post};
use crate::db::schema::{comments, people, posts, reports};
use crate::db::{DbConnection, now};
use crate::domain::{ModerationAction, ModerationNote, ReportReason, Role};
use crate::error::AppError;
use crate::error::Code;
use crate::notifications::notices::{self as notifications, Kind, Notice};
use crate::posts::policy::{load_comment, load_post};
use crate::posts::service::Target;
use crate::references::CommunityRef;
use crate::references::{AuthorRef, author_ref};
use crate::subjects::{Subject, SubjectKind};

/// Reported content, with its open reports counted by reason (who reported is not shown).
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct QueueItem {
    /// The report to decide on (deciding settles every open report of the same content).
    pub report_id: i64,
    /// post or comment
    pub target_type: SubjectKind,
    pub target_id: i64,
    pub post_id: i64,
    pub post_title: String,
    /// The reported text (markdown source).
    pub text: String,
    pub author: Option<AuthorRef>,
    pub reports: i64,
    pub reasons: BTreeMap<String, i64>,
    /// What reporters wrote, without their names.
    pub notes: Vec<String>,
    #[serde(serialize_with = "crate::domain::utc::write")]
    pub first_reported_at: NaiveDateTime,
    pub hidden: bool,
    pub community: CommunityRef,
}

/// What a stored report is about: a post, or a comment on its post.
fn reported(kind: SubjectKind, id: i64, post: i64) -> Result<Subject, AppError> {
    match kind {
        SubjectKind::Post => Ok(Subject::Post(id)),
        SubjectKind::Comment => Ok(Subject::Comment { post, comment: id }),
        other => Err(AppError::Internal(anyhow::anyhow!("a report about a {other}"))),
    }
}

/// Files a report and returns the post it concerns. Reporting the same content twice is
/// refused; enough reports from different people hide it until a moderator decides
/// (`communities.auto_hide_reports`).
pub fn report(
    conn: &mut DbConnection,
    viewer: &Person,
    target: Target,
    reason: ReportReason,
    note: ModerationNote,
    auto_hide: u32,
) -> Result<i64, AppError> {
    crate::db::write_transaction(conn, |conn| {
        let (community_id, subject) = match target {
            Target::Post(id) => {
                let access = load_post(conn, viewer, id)?;
                access.can_report(None)?;
                (access.post.community_id, Subject::Post(id))
            }
            Target::Comment(id) => {
                let (access, comment) = load_comment(conn, viewer, id)?;
                access.can_report(Some(&comment))?;
                let subject = Subject::Comment {
                    post: comment.post_id,
                    comment: id,
                };
                (access.post.community_id, subject)
            }
        };
        let (target_type, target_id) = (subject.kind(), subject.id());
        let post_id = subject.post().unwrap_or(target_id);
        let already: i64 = reports::table
            .filter(reports::target_type.eq(target_type))
            .filter(reports::target_id.eq(target_id))
            .filter(reports::reporter_id.eq(viewer.id))
            .count()
            .get_result(conn)?;
        if already > 0 {
            return Err(AppError::Conflict {
                code: Code::AlreadyReported,
            });
        }
        diesel::insert_into(reports::table)
            .values((
                reports::community_id.eq(community_id),
                reports::target_type.eq(target_type),
                reports::target_id.eq(target_id),
                reports::post_id.eq(post_id),
                reports::reporter_id.eq(Some(viewer.id)),
                reports::reason.eq(reason.as_str()),
                reports::note.eq(note.as_str()),
                reports::created_at.eq(now()),
            ))
            .execute(conn)?;
        let open: i64 = open_reports(subject).count().get_result(conn)?;
        if open == 1 {
            // The first open report brings the content to the moderators; later ones join it
            // in the queue without telling them again.
            let comment = match subject {
                Subject::Comment { comment, .. } => Some(comment),
                _ => None,
            };
            for moderator in
                crate::communities::service::with_roles(conn, community_id, &[Role::Manager, Role::Moderator])?
            {
                notifications::notify(
                    conn,
                    Notice::post(Kind::Report, moderator, None, Some(post_id), comment),
                )?;
            }
        }
        if auto_hide > 0 && open >= i64::from(auto_hide) && hide(conn, subject, None)? {
            crate::search::index::refresh(conn, subject)?;
            NewAuditEntry::record(
                conn,
                None,
                "moderation.auto-hide",
                (target_type.as_str(), &target_id.to_string()),
                serde_json::json!({ "reports": open }),
            )?;
        }
        Ok(post_id)
    })
}

fn open_reports(subject: Subject) -> reports::BoxedQuery<'static, crate::db::DbBackend> {
    reports::table
        .filter(reports::target_type.eq(subject.kind()))
        .filter(reports::target_id.eq(subject.id()))
        .filter(reports::decided_at.is_null())
        .into_boxed()
}

/// Hides content that is not hidden yet; says whether it did.
fn hide(conn: &mut DbConnection, subject: Subject, by: Option<i64>) -> QueryResult<bool> {
    let at = Some(now());
    let changed = match subject {
        Subject::Post(id) => diesel::update(posts::table.find(id).filter(posts::hidden_at.is_null()))
            .set((posts::hidden_at.eq(at), posts::hidden_by.eq(by)))
            .execute(conn)?,
        Subject::Comment { comment, .. } => {
            diesel::update(comments::table.find(comment).filter(comments::hidden_at.is_null()))
                .set((comments::hidden_at.eq(at), comments::hidden_by.eq(by)))
                .execute(conn)?
        }
        _ => 0,
    };
    Ok(changed > 0)
}

/// The community's open reports, grouped by content, the most reported first.
pub fn queue(conn: &mut DbConnection, viewer: &Person, slug: &str) -> Result<Vec<QueueItem>, AppError> {
    let id = communities::load(conn, viewer, slug)?.community.id;
    let community = communities::moderation_of(conn, viewer, id)?;
    open_queue(conn, Some(community.id))
}

/// The open reports of all communities, for administrators (others: 404, as for the page).
pub fn admin_queue(conn: &mut DbConnection, viewer: &Person) -> Result<Vec<QueueItem>, AppError> {
    if !viewer.is_admin {
        return Err(AppError::NotFound);
    }
    open_queue(conn, None)
}

fn open_queue(conn: &mut DbConnection, community: Option<i64>) -> Result<Vec<QueueItem>, AppError> {
    let mut open = reports::table.filter(reports::decided_at.is_null()).into_boxed();
    if let Some(id) = community {
        open = open.filter(reports::community_id.eq(id));
    }
    #[allow(clippy::type_complexity)]
    let rows: Vec<(i64, i64, SubjectKind, i64, i64, String, String, NaiveDateTime)> = open
        .order(reports::id.asc())
        .select((
            reports::id,
            reports::community_id,
            reports::target_type,
            reports::target_id,
            reports::post_id,
            reports::reason,
            reports::note,
            reports::created_at,
        ))
        .load(conn)?;
    let mut items: Vec<QueueItem> = Vec::new();
    let mut names: HashMap<i64, CommunityRef> = HashMap::new();
    for (id, community_id, target_type, target_id, post_id, reason, note, at) in rows {
        if let Some(item) = items
            .iter_mut()
            .find(|i| i.target_type == target_type && i.target_id == target_id)
        {
            item.reports += 1;
            *item.reasons.entry(reason).or_default() += 1;
            if !note.is_empty() {
                item.notes.push(note);
            }
            continue;
        }
        let post: Post = posts::table.find(post_id).select(Post::as_select()).first(conn)?;
        let (text, author_id, hidden) = if target_type == SubjectKind::Post {
            (post.body.clone(), post.author_id, post.hidden_at.is_some())
        } else {
            let c: Comment = comments::table
                .find(target_id)
                .select(Comment::as_select())
                .first(conn)?;
            (c.body, c.author_id, c.hidden_at.is_some())
        };
        let author = author_ref(conn, author_id)?;
        let community = match names.get(&community_id) {
            Some(c) => c.clone(),
            None => {
                let c: Community = crate::db::schema::communities::table
                    .find(community_id)
                    .select(Community::as_select())
                    .first(conn)?;
                names.entry(community_id).or_insert(CommunityRef::from(&c)).clone()
            }
        };
        items.push(QueueItem {
            report_id: id,
            target_type,
            target_id,
            post_id,
            post_title: post.title,
            text,
            author,
            reports: 1,
            reasons: [(reason, 1)].into(),
            notes: Some(note).filter(|n| !n.is_empty()).into_iter().collect(),
            first_reported_at: at,
            hidden,
            community,
        });
    }
    items.sort_by(|a, b| {
        b.reports
            .cmp(&a.reports)
            .then(a.first_reported_at.cmp(&b.first_reported_at))
    });
    Ok(items)
}

/// A report a moderator is about to decide, as found.
struct OpenReport {
    community: crate::db::models::Community,
    subject: Subject,
    post_id: i64,
    /// The reported content's author.
    author: Option<i64>,
}

fn open_report(conn: &mut DbConnection, viewer: &Person, report_id: i64) -> Result<OpenReport, AppError> {
    #[allow(clippy::type_complexity)]
    let (community_id, target_type, target_id, post_id, decided): (
        i64,
        SubjectKind,
        i64,
        i64,
        Option<NaiveDateTime>,
    ) = reports::table
        .find(report_id)
        .select((
            reports::community_id,
            reports::target_type,
            reports::target_id,
            reports::post_id,
            reports::decided_at,
        ))
        .first(conn)
        .optional()?
        .ok_or(AppError::NotFound)?;
    let community = communities::moderation_of(conn, viewer, community_id)?;
    if decided.is_some() {
        return Err(AppError::Conflict {
            code: Code::AlreadyDecided,
        });
    }
    let subject = reported(target_type, target_id, post_id)?;
    let author: Option<i64> = match subject {
        Subject::Comment { comment, .. } => comments::table.find(comment).select(comments::author_id).first(conn)?,
        _ => posts::table.find(post_id).select(posts::author_id).first(conn)?,
    };
    Ok(OpenReport {
        community,
        subject,
        post_id,
        author,
    })
}

/// What a far-reaching decision is about, to ask the moderator first: the post's title, its
/// author's name, the community's (and its slug, for the way back to its queue).
pub struct Deciding {
    pub title: String,
    pub author: Option<String>,
    pub community: String,
    pub slug: String,
    pub comment: bool,
}

pub fn deciding(conn: &mut DbConnection, viewer: &Person, report_id: i64) -> Result<Deciding, AppError> {
    let open = open_report(conn, viewer, report_id)?;
    let title: String = posts::table.find(open.post_id).select(posts::title).first(conn)?;
    let author: Option<String> = match open.author {
        Some(id) => people::table
            .find(id)
            .select(people::display_name)
            .first(conn)
            .optional()?,
        None => None,
    };
    Ok(Deciding {
        title,
        author,
        slug: open.community.slug,
        community: open.community.name,
        comment: matches!(open.subject, Subject::Comment { .. }),
    })
}

/// A moderator's decision on reported content; settles all its open reports. Returns the
/// community's slug.
pub fn decide(
    conn: &mut DbConnection,
    viewer: &Person,
    report_id: i64,
    action: ModerationAction,
    reason: ModerationNote,
) -> Result<String, AppError> {
    crate::db::write_transaction(conn, |conn| {
        let OpenReport {
            community,
            subject,
            post_id,
            author,
        } = open_report(conn, viewer, report_id)?;
        let at = now();
        match action {
            ModerationAction::Dismiss | ModerationAction::Warn => {}
            ModerationAction::Hide => {
                hide(conn, subject, Some(viewer.id))?;
            }
            ModerationAction::Delete => match subject {
                Subject::Comment { comment: id, .. } => {
                    diesel::update(comments::table.find(id).filter(comments::deleted_at.is_null()))
                        .set((
                            comments::deleted_at.eq(Some(at)),
                            comments::deleted_by.eq(Some(viewer.id)),
                        ))
                        .execute(conn)?;
                }
                _ => {
                    diesel::update(posts::table.find(post_id).filter(posts::deleted_at.is_null()))
                        .set((posts::deleted_at.eq(Some(at)), posts::deleted_by.eq(Some(viewer.id))))
                        .execute(conn)?;
                }
            },
            ModerationAction::Ban => {
                let author = author.ok_or(AppError::Conflict { code: Code::AuthorGone })?;
                crate::communities::members::ban(conn, community.id, author, viewer.id)?;
            }
        }
        crate::search::index::refresh(conn, subject)?;
        let open: Vec<(i64, Option<i64>)> = open_reports(subject)
            .select((reports::id, reports::reporter_id))
            .load(conn)?;
        let reporters: Vec<i64> = open.iter().filter_map(|(_, r)| *r).collect();
        let open: Vec<i64> = open.into_iter().map(|(id, _)| id).collect();
        let settled = diesel::update(reports::table.filter(reports::id.eq_any(&open)))
            .set((
                reports::decision.eq(Some(action.as_str())),
                reports::decided_by.eq(Some(viewer.id)),
                reports::decided_at.eq(Some(at)),
                reports::decision_reason.eq(Some(reason.as_str())),
            ))
            .execute(conn)?;
        // The post is gone for everyone but moderators once it is deleted: then say nothing about it.
        let post = match (action, subject) {
            (ModerationAction::Delete, Subject::Post(_)) => None,
            _ => Some(post_id),
        };
        let comment = match subject {
            Subject::Comment { comment, .. } if action != ModerationAction::Delete => Some(comment),
            _ => None,
        };
        for reporter in reporters {
            notifications::notify(conn, Notice::post(Kind::ReportHandled, reporter, None, post, comment))?;
        }
        if let Some(author) = author.filter(|_| action != ModerationAction::Dismiss) {
            notifications::notify(
                conn,
                Notice::post(Kind::Moderated, author, None, post, comment).with_detail(action.as_str()),
            )?;
        }
        NewAuditEntry::record(
            conn,
            Some(viewer.id),
            &format!("moderation.{}", action.as_str()),
            (subject.kind().as_str(), &subject.id().to_string()),
            serde_json::json!({
                "community": community.slug,
                "reason": reason.as_str(),
                "reports": settled,
                "author": author,
            }),
        )?;
        Ok(community.slug)
    })
}
