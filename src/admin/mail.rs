//! `/admin/mail`: how delivery stands (the ledger of the last 30 days by state), what failed,
//! whose mail is paused after repeated refusals (and resuming it), and a test mail.

use actix_web::{HttpResponse, web};
use chrono::Duration;
use diesel::prelude::*;
use serde::Serialize;

use crate::auth::Admin;
use crate::config::MailTransport;
use crate::db::models::NewAuditEntry;
use crate::db::schema::{mail_deliveries, mail_suppressions, people};
use crate::error::AppError;
use crate::error::Code;
use crate::mail::{Outbox, ledger};
use crate::web::{Done, Ui, see_other};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/admin/mail", web::get().to(overview))
        .route("/admin/mail/resume/{person}", web::post().to(resume))
        .route("/admin/mail/test", web::post().to(test));
}

#[derive(Serialize)]
struct Paused {
    person_id: i64,
    name: String,
    failures: i32,
    last_error: String,
    paused_at: chrono::NaiveDateTime,
}

#[derive(Serialize)]
struct Problem {
    person_id: i64,
    name: String,
    /// `digest` or `newsletter`.
    mail: &'static str,
    state: String,
    error: String,
    attempts: i32,
    created_at: chrono::NaiveDateTime,
}

async fn overview(
    admin: Admin,
    ui: Ui,
    outbox: web::Data<Outbox>,
    query: web::Query<Done>,
) -> Result<HttpResponse, AppError> {
    let since = crate::db::now() - Duration::days(30);
    let (counts, paused, problems) = outbox
        .db
        .run(move |c| {
            let counts: Vec<(String, i64)> = mail_deliveries::table
                .filter(mail_deliveries::created_at.ge(since))
                .group_by(mail_deliveries::state)
                .select((mail_deliveries::state, diesel::dsl::count_star()))
                .order(mail_deliveries::state)
                .load(c)?;
            let paused = mail_suppressions::table
                .inner_join(people::table)
                .filter(mail_suppressions::paused_at.is_not_null())
                .order(mail_suppressions::paused_at.desc())
                .select((
                    people::id,
                    people::display_name,
                    mail_suppressions::failures,
                    mail_suppressions::last_error,
                    mail_suppressions::paused_at.assume_not_null(),
                ))
                .load::<(i64, String, i32, String, chrono::NaiveDateTime)>(c)?
                .into_iter()
                .map(|(person_id, name, failures, last_error, paused_at)| Paused {
                    person_id,
                    name,
                    failures,
                    last_error,
                    paused_at,
                })
                .collect::<Vec<_>>();
            let problems = mail_deliveries::table
                .inner_join(people::table)
                .filter(mail_deliveries::state.eq_any(["failed", "refused", "uncertain"]))
                .order(mail_deliveries::id.desc())
                .limit(50)
                .select((
                    people::id,
                    people::display_name,
                    mail_deliveries::newsletter_id,
                    mail_deliveries::state,
                    mail_deliveries::error,
                    mail_deliveries::attempts,
                    mail_deliveries::created_at,
                ))
                .load::<(i64, String, Option<i64>, String, String, i32, chrono::NaiveDateTime)>(c)?
                .into_iter()
                .map(
                    |(person_id, name, newsletter, state, error, attempts, created_at)| Problem {
                        person_id,
                        name,
                        mail: if newsletter.is_some() { "newsletter" } else { "digest" },
                        state,
                        error,
                        attempts,
                        created_at,
                    },
                )
                .collect::<Vec<_>>();
            Ok((counts, paused, problems))
        })
        .await?;
    let mut ctx = ui.context();
    ctx.insert("counts", &counts);
    ctx.insert("paused", &paused);
    ctx.insert("problems", &problems);
    let mail = &outbox.settings().mail;
    ctx.insert(
        "transport",
        match mail.transport {
            MailTransport::Smtp => "smtp",
            MailTransport::File => "file",
            MailTransport::None => "none",
        },
    );
    ctx.insert("smtp_host", &format!("{}:{}", mail.smtp.host, mail.smtp.port));
    ctx.insert("outbox_dir", &mail.outbox_dir);
    ctx.insert("my_address", &admin.0.email);
    ctx.insert("pause_after", &outbox.settings().mail.pause_after_failures);
    ctx.insert("done", &query.among(&["resumed", "tested"]));
    ui.render("admin/mail.html", &ctx)
}

async fn resume(admin: Admin, outbox: web::Data<Outbox>, person: web::Path<i64>) -> Result<HttpResponse, AppError> {
    let person = person.into_inner();
    outbox
        .db
        .run(move |c| {
            crate::db::write_transaction(c, |c| {
                if !ledger::resume(c, person)? {
                    return Err(AppError::NotFound);
                }
                NewAuditEntry::record(
                    c,
                    Some(admin.0.id),
                    "mail.resume",
                    ("person", &person.to_string()),
                    serde_json::json!({}),
                )?;
                Ok(())
            })
        })
        .await?;
    Ok(see_other("/admin/mail?done=resumed"))
}

/// A test mail to the administrator's own address, in the page's language.
async fn test(admin: Admin, ui: Ui, outbox: web::Data<Outbox>) -> Result<HttpResponse, AppError> {
    let to = admin
        .0
        .email
        .as_deref()
        .and_then(|e| crate::domain::Email::parse(e).ok())
        .ok_or(AppError::Conflict { code: Code::NoEmail })?;
    crate::mail::compose::send_test(&outbox.templates, &outbox.mailer, &outbox.settings(), &to, ui.lang).await?;
    Ok(see_other("/admin/mail?done=tested"))
}
