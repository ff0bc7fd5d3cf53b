//! Writing, listing and scheduling newsletter issues, and people's choice not to get them.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;

use super::policy::{self, NewsletterAccess};
use crate::communities::policy::Access;
use crate::db::models::{NewAuditEntry, Newsletter, Person};
use crate::db::schema::{mail_deliveries, newsletter_opt_outs, newsletters};
use crate::db::{DbConnection, now, write_transaction};
use crate::domain::{NewsletterBody, NewsletterState, NewsletterSubject};
use crate::error::AppError;
use crate::error::Code;
use crate::references::{AuthorRef, authors};

#[derive(Debug)]
pub struct NewsletterInput {
    pub subject: NewsletterSubject,
    pub body: NewsletterBody,
}

/// An issue as its readers (and, with `delivery`, its editors) get it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct NewsletterView {
    pub id: i64,
    pub community: String,
    pub subject: String,
    /// Markdown, as written.
    pub body: String,
    /// The body as sanitised HTML.
    pub html: String,
    pub state: NewsletterState,
    #[serde(serialize_with = "crate::domain::utc::write_option")]
    pub send_at: Option<NaiveDateTime>,
    #[serde(serialize_with = "crate::domain::utc::write_option")]
    pub sent_at: Option<NaiveDateTime>,
    #[serde(serialize_with = "crate::domain::utc::write")]
    pub created_at: NaiveDateTime,
    pub author: Option<AuthorRef>,
    /// For editors: how the deliveries stand.
    pub delivery: Option<DeliveryCounts>,
}

#[derive(Debug, Clone, Default, Serialize, utoipa::ToSchema)]
pub struct DeliveryCounts {
    pub sent: i64,
    /// Refused for good (the recipient's address), or the outcome of a cut-off hand-off.
    pub failed: i64,
    /// Claimed, being sent, or waiting for another try.
    pub pending: i64,
}

pub fn create(
    conn: &mut DbConnection,
    access: &Access,
    author: &Person,
    input: NewsletterInput,
) -> Result<i64, AppError> {
    policy::can_edit(access)?;
    write_transaction(conn, |conn| {
        let id = diesel::insert_into(newsletters::table)
            .values((
                newsletters::community_id.eq(access.community.id),
                newsletters::author_id.eq(author.id),
                newsletters::subject.eq(input.subject.as_str()),
                newsletters::body.eq(input.body.as_str()),
                newsletters::state.eq(NewsletterState::Draft.as_str()),
                newsletters::created_at.eq(now()),
                newsletters::updated_at.eq(now()),
            ))
            .returning(newsletters::id)
            .get_result::<i64>(conn)?;
        audit(
            conn,
            author,
            "newsletter.create",
            id,
            serde_json::json!({ "community": access.community.slug }),
        )?;
        Ok(id)
    })
}

fn changeable_states() -> [&'static str; 2] {
    NewsletterState::CHANGEABLE.map(|s| s.as_str())
}

/// A write that matched no row found the issue gone out since it was loaded (a send began).
fn went_out_meanwhile(rows: usize) -> Result<(), AppError> {
    if rows == 0 {
        Err(AppError::Conflict {
            code: Code::AlreadySent,
        })
    } else {
        Ok(())
    }
}

fn audit(
    conn: &mut DbConnection,
    by: &Person,
    action: &str,
    id: i64,
    details: serde_json::Value,
) -> Result<(), AppError> {
    NewAuditEntry::record(conn, Some(by.id), action, ("newsletter", &id.to_string()), details)?;
    Ok(())
}

/// Rewrites a draft or a scheduled issue (its schedule stays). Once it goes out it is what the
/// members got, and stays so.
pub fn update(
    conn: &mut DbConnection,
    access: &NewsletterAccess,
    viewer: &Person,
    input: NewsletterInput,
) -> Result<(), AppError> {
    access.must_change()?;
    let id = access.newsletter.id;
    write_transaction(conn, |conn| {
        let changed = diesel::update(newsletters::table.find(id))
            .filter(newsletters::state.eq_any(changeable_states()))
            .set((
                newsletters::subject.eq(input.subject.as_str()),
                newsletters::body.eq(input.body.as_str()),
                newsletters::updated_at.eq(now()),
            ))
            .execute(conn)?;
        went_out_meanwhile(changed)?;
        audit(
            conn,
            viewer,
            "newsletter.edit",
            id,
            serde_json::json!({ "community": access.community.community.slug }),
        )?;
        Ok(())
    })
}

/// Throws away a draft or a scheduled issue; one that went out stays in the archive.
pub fn delete(conn: &mut DbConnection, access: &NewsletterAccess, viewer: &Person) -> Result<(), AppError> {
    access.must_change()?;
    let id = access.newsletter.id;
    write_transaction(conn, |conn| {
        let deleted = diesel::delete(newsletters::table.find(id))
            .filter(newsletters::state.eq_any(changeable_states()))
            .execute(conn)?;
        went_out_meanwhile(deleted)?;
        audit(
            conn,
            viewer,
            "newsletter.delete",
            id,
            serde_json::json!({ "community": access.community.community.slug, "subject": access.newsletter.subject }),
        )?;
        Ok(())
    })
}

/// Sends the issue at `at` (now or later). A scheduled issue may be moved; one that went out
/// cannot be sent again.
pub fn schedule(
    conn: &mut DbConnection,
    access: &NewsletterAccess,
    viewer: &Person,
    at: NaiveDateTime,
) -> Result<(), AppError> {
    access.must_edit()?;
    let id = access.newsletter.id;
    write_transaction(conn, |conn| {
        let changed = diesel::update(newsletters::table.find(id))
            .filter(newsletters::state.eq_any(changeable_states()))
            .set((
                newsletters::state.eq(NewsletterState::Scheduled.as_str()),
                newsletters::send_at.eq(Some(at)),
                newsletters::updated_at.eq(now()),
            ))
            .execute(conn)?;
        went_out_meanwhile(changed)?;
        audit(
            conn,
            viewer,
            "newsletter.schedule",
            id,
            serde_json::json!({ "send_at": at }),
        )?;
        Ok(())
    })
}

/// The community's issues, newest first: the sent ones, and for editors the others too.
pub fn list(conn: &mut DbConnection, access: &Access) -> Result<Vec<NewsletterView>, AppError> {
    policy::can_read(access)?;
    let can_edit = policy::can_edit(access).is_ok();
    let mut q = newsletters::table
        .filter(newsletters::community_id.eq(access.community.id))
        .into_boxed();
    if !can_edit {
        q = q.filter(newsletters::state.eq(NewsletterState::Sent.as_str()));
    }
    let issues: Vec<Newsletter> = q
        .order(newsletters::id.desc())
        .limit(200)
        .select(Newsletter::as_select())
        .load(conn)?;
    views(conn, &access.community.slug, issues, can_edit)
}

pub fn view(conn: &mut DbConnection, access: &NewsletterAccess) -> Result<NewsletterView, AppError> {
    let mut v = views(
        conn,
        &access.community.community.slug,
        vec![access.newsletter.clone()],
        access.can_edit,
    )?;
    Ok(v.remove(0))
}

fn views(
    conn: &mut DbConnection,
    slug: &str,
    issues: Vec<Newsletter>,
    with_delivery: bool,
) -> Result<Vec<NewsletterView>, AppError> {
    let authors = authors(conn, issues.iter().map(|n| n.author_id))?;
    let mut counts = if with_delivery {
        counts(conn, issues.iter().map(|n| n.id).collect())?
    } else {
        HashMap::new()
    };
    issues
        .into_iter()
        .map(|n| {
            let delivery = with_delivery.then(|| counts.remove(&n.id).unwrap_or_default());
            Ok(NewsletterView {
                id: n.id,
                community: slug.to_string(),
                html: crate::markdown::to_safe_html(&n.body),
                state: n.state,
                author: authors.get(&n.author_id).cloned(),
                subject: n.subject,
                body: n.body,
                send_at: n.send_at,
                sent_at: n.sent_at,
                created_at: n.created_at,
                delivery,
            })
        })
        .collect()
}

/// How the deliveries of these issues stand, in one query.
fn counts(conn: &mut DbConnection, ids: Vec<i64>) -> Result<HashMap<i64, DeliveryCounts>, AppError> {
    let rows: Vec<(Option<i64>, String, i64)> = mail_deliveries::table
        .filter(mail_deliveries::newsletter_id.eq_any(ids))
        .group_by((mail_deliveries::newsletter_id, mail_deliveries::state))
        .select((
            mail_deliveries::newsletter_id,
            mail_deliveries::state,
            diesel::dsl::count_star(),
        ))
        .load(conn)?;
    let mut all: HashMap<i64, DeliveryCounts> = HashMap::new();
    for (id, state, n) in rows {
        let Some(id) = id else { continue };
        let c = all.entry(id).or_default();
        match state.as_str() {
            "sent" => c.sent += n,
            "refused" | "uncertain" => c.failed += n,
            _ => c.pending += n,
        }
    }
    Ok(all)
}

/// Whether the person gets a community's newsletter (`out`: not).
pub fn opt_out(conn: &mut DbConnection, person: i64, community: i64, out: bool) -> Result<(), AppError> {
    let row = newsletter_opt_outs::table.find((person, community));
    if out {
        if row.count().get_result::<i64>(conn)? == 0 {
            diesel::insert_into(newsletter_opt_outs::table)
                .values((
                    newsletter_opt_outs::person_id.eq(person),
                    newsletter_opt_outs::community_id.eq(community),
                    newsletter_opt_outs::created_at.eq(now()),
                ))
                .execute(conn)?;
        }
    } else {
        diesel::delete(row).execute(conn)?;
    }
    Ok(())
}
