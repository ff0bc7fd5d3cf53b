//! Sending newsletter issues whose time has come, to every member of the community once: a
//! ledger row per issue and person (`mail::ledger`), the same claims, retries and pace as the
//! digests. Membership, opt-out and paused mail are read at send time; an issue stays
//! `sending` until every member's row is done, so a relay that was down is caught up by the
//! next run.

use chrono::NaiveDateTime;
use diesel::dsl::{exists, not};
use diesel::prelude::*;
use futures_util::StreamExt;

use crate::db::DbConnection;
use crate::db::models::{Newsletter, Person};
use crate::db::schema::{communities, mail_deliveries, memberships, newsletter_opt_outs, newsletters, people};
use crate::domain::{MembershipState, NewsletterState};
use crate::error::AppError;
use crate::error::Code;
use crate::mail::ledger::{self, Claim, Key, Outcome, Start};
use crate::mail::unsubscribe::List;
use crate::mail::{Composed, Outbox};

#[derive(Debug, Default)]
pub struct Report {
    pub sent: usize,
    pub failed: usize,
}

/// Starts the issues whose time has come and goes on with those still going out.
pub async fn run(outbox: &Outbox, now: NaiveDateTime) -> Result<Report, AppError> {
    let issues = outbox.db.run(move |c| start_due(c, now)).await?;
    let mut report = Report::default();
    for issue in issues {
        let r = send_issue(outbox, issue, now).await?;
        report.sent += r.sent;
        report.failed += r.failed;
    }
    Ok(report)
}

fn start_due(conn: &mut DbConnection, now: NaiveDateTime) -> Result<Vec<Newsletter>, AppError> {
    diesel::update(newsletters::table)
        .filter(newsletters::state.eq(NewsletterState::Scheduled.as_str()))
        .filter(newsletters::send_at.le(now))
        .set(newsletters::state.eq(NewsletterState::Sending.as_str()))
        .execute(conn)?;
    Ok(newsletters::table
        .filter(newsletters::state.eq(NewsletterState::Sending.as_str()))
        .order(newsletters::id)
        .select(Newsletter::as_select())
        .load(conn)?)
}

/// Active members with a mail address whose mail is not paused, who did not opt out (where
/// they may), and who have not had this issue yet.
fn waiting(conn: &mut DbConnection, issue: &Newsletter, opt_out: bool) -> Result<Vec<Person>, AppError> {
    let mut q = people::table
        .inner_join(memberships::table.on(memberships::person_id.eq(people::id)))
        .filter(memberships::community_id.eq(issue.community_id))
        .filter(memberships::state.eq(MembershipState::Active.as_str()))
        .filter(people::active.eq(true))
        .filter(people::email.is_not_null())
        .filter(ledger::not_paused())
        .filter(not(exists(
            mail_deliveries::table
                .filter(mail_deliveries::newsletter_id.eq(issue.id))
                .filter(mail_deliveries::person_id.eq(people::id))
                .filter(mail_deliveries::state.eq_any(ledger::DONE)),
        )))
        .into_boxed();
    if opt_out {
        q = q.filter(not(exists(
            newsletter_opt_outs::table
                .filter(newsletter_opt_outs::person_id.eq(people::id))
                .filter(newsletter_opt_outs::community_id.eq(issue.community_id)),
        )));
    }
    Ok(q.order(people::id).select(Person::as_select()).load(conn)?)
}

async fn send_issue(outbox: &Outbox, issue: Newsletter, now: NaiveDateTime) -> Result<Report, AppError> {
    let opt_out = outbox.settings().mail.newsletter_opt_out;
    let (i, cid) = (issue.clone(), issue.community_id);
    let (recipients, community) = outbox
        .db
        .run(move |c| {
            let community: (String, String) = communities::table
                .find(cid)
                .select((communities::name, communities::slug))
                .first(c)?;
            Ok((waiting(c, &i, opt_out)?, community))
        })
        .await?;
    let slot = issue.send_at.unwrap_or(issue.created_at);
    let confirm = outbox.confirmations();
    let ready = recipients.into_iter().map(|person| {
        let claim = Claim {
            key: Key {
                person_id: person.id,
                newsletter_id: Some(issue.id),
                slot,
            },
            period: (slot, slot),
            start: Start::Sending,
        };
        let unsubscribe = opt_out.then(|| outbox.unsubscribe_url(person.id, List::Newsletter(issue.community_id)));
        let message = compose(outbox, &issue, &community, &person, unsubscribe.as_deref(), false)
            .map_err(|e| crate::mail::SendError::Permanent(e.to_string()))
            .and_then(|mail| {
                crate::mail::compose::mailbox(&person)
                    .and_then(|to| mail.to(&outbox.mailer.sender, to, unsubscribe.as_deref()))
            });
        (claim, (person.id, message))
    });
    let outcomes: Vec<Result<Option<Outcome>, AppError>> = outbox
        .claimed(futures_util::stream::iter(ready), now)
        .map(|((person, message), claimed)| {
            let confirm = &confirm;
            async move {
                let Some(id) = claimed? else {
                    return Ok(None);
                };
                Ok(Some(outbox.deliver(id, person, message, confirm).await?))
            }
        })
        .buffer_unordered(outbox.in_flight())
        .collect()
        .await;
    confirm.close().await?;
    let mut report = Report::default();
    for outcome in outcomes {
        match outcome? {
            Some(Outcome::Sent) => report.sent += 1,
            Some(Outcome::Failed(_)) => report.failed += 1,
            _ => {}
        }
    }
    let i = issue.clone();
    outbox
        .db
        .run(move |c| {
            if waiting(c, &i, opt_out)?.is_empty() {
                diesel::update(newsletters::table.find(i.id))
                    .filter(newsletters::state.eq(NewsletterState::Sending.as_str()))
                    .set((
                        newsletters::state.eq(NewsletterState::Sent.as_str()),
                        newsletters::sent_at.eq(Some(crate::db::now())),
                    ))
                    .execute(c)?;
            }
            Ok(())
        })
        .await?;
    tracing::info!(
        newsletter = issue.id,
        sent = report.sent,
        failed = report.failed,
        "newsletter run"
    );
    Ok(report)
}

/// The issue as `person` gets it, in their language (the text itself as written).
pub fn compose(
    outbox: &Outbox,
    issue: &Newsletter,
    community: &(String, String),
    person: &Person,
    unsubscribe: Option<&str>,
    test: bool,
) -> Result<Composed, AppError> {
    let settings = &outbox.settings();
    let mut values = tera::Context::new();
    values.insert("subject", &issue.subject);
    values.insert("body_html", &crate::markdown::to_mail_html(&issue.body));
    values.insert("body_text", &issue.body);
    values.insert("community", &community.0);
    values.insert("slug", &community.1);
    values.insert("id", &issue.id);
    values.insert("test", &test);
    values.insert("unsubscribe", &unsubscribe);
    values.insert("public_url", settings.server.public_url.as_str().trim_end_matches('/'));
    crate::mail::compose(
        &outbox.templates,
        "newsletter",
        person.locale.unwrap_or(settings.i18n.default_locale),
        person.timezone.unwrap_or(settings.i18n.default_timezone),
        values,
    )
}

/// A test of the issue to its editor only: no ledger row, no unsubscribe link.
async fn send_test(outbox: &Outbox, issue: &Newsletter, to: &Person) -> Result<(), AppError> {
    let cid = issue.community_id;
    let community: (String, String) = outbox
        .db
        .run(move |c| {
            Ok(communities::table
                .find(cid)
                .select((communities::name, communities::slug))
                .first(c)?)
        })
        .await?;
    let mail = compose(outbox, issue, &community, to, None, true)?;
    let mailbox = crate::mail::compose::mailbox(to).map_err(|_| AppError::Conflict { code: Code::NoEmail })?;
    let message = mail
        .to(&outbox.mailer.sender, mailbox, None)
        .map_err(|e| AppError::internal(anyhow::anyhow!("the test mail could not be built: {e}")))?;
    outbox
        .mailer
        .send(&message)
        .await
        .map_err(|e| AppError::internal(anyhow::anyhow!("the mail server did not take the test mail: {e}")))
}

/// Sends the issue now (at once, in the background; the schedule catches up what fails) or
/// schedules it for `at`.
pub async fn send_or_schedule(
    outbox: &Outbox,
    now: NaiveDateTime,
    viewer: Person,
    id: i64,
    at: Option<NaiveDateTime>,
) -> Result<super::service::NewsletterView, AppError> {
    let at = at.filter(|a| *a > now).unwrap_or(now);
    let view = outbox
        .db
        .run(move |c| {
            let access = super::policy::load(c, &viewer, id)?;
            super::service::schedule(c, &access, &viewer, at)?;
            let access = super::policy::load(c, &viewer, id)?;
            super::service::view(c, &access)
        })
        .await?;
    if at <= now {
        let outbox = outbox.clone();
        actix_web::rt::spawn(async move {
            if let Err(e) = run(&outbox, now).await {
                tracing::error!(error = %e, "the newsletter run failed");
            }
        });
    }
    Ok(view)
}

/// Whom an issue would reach if sent now, for the question asked first: the community and
/// how many members would get it. Only for its editors, and only while it is not sent.
#[derive(Debug)]
pub struct Audience {
    pub community: String,
    pub kind: crate::domain::CommunityKind,
    pub recipients: usize,
}

pub fn audience(conn: &mut DbConnection, viewer: &Person, id: i64, opt_out: bool) -> Result<Audience, AppError> {
    let access = super::policy::load(conn, viewer, id)?;
    super::policy::can_edit(&access.community)?;
    if ![NewsletterState::Draft, NewsletterState::Scheduled].contains(&access.newsletter.state) {
        return Err(AppError::Conflict {
            code: Code::AlreadySent,
        });
    }
    Ok(Audience {
        recipients: waiting(conn, &access.newsletter, opt_out)?.len(),
        kind: access.community.kind(),
        community: access.community.community.name,
    })
}

/// A test of the issue to the viewer, an editor of it.
pub async fn test_to_self(outbox: &Outbox, viewer: Person, id: i64) -> Result<(), AppError> {
    let v = viewer.clone();
    let issue = outbox
        .db
        .run(move |c| {
            let access = super::policy::load(c, &v, id)?;
            if !access.can_edit {
                return Err(AppError::Forbidden {
                    code: Code::ManagersOnly,
                });
            }
            Ok(access.newsletter)
        })
        .await?;
    send_test(outbox, &issue, &viewer).await
}
