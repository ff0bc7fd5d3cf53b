//! Newsletter pages: a community's archive with the form for a new issue (its editors), an
//! issue with test send and send / schedule buttons, and until it goes out its editing form
//! (with a preview) and a delete that asks first. Plain forms; JavaScript only previews live.

use actix_web::{HttpResponse, web};
use serde::{Deserialize, Serialize};

use super::service::{self, NewsletterInput};
use super::{deliver, policy};
use crate::auth::Viewer;
use crate::clock::Clock;
use crate::domain::{NewsletterBody, NewsletterSubject};
use crate::error::AppError;
use crate::mail::Outbox;
use crate::references::CommunityRef;
use crate::web::confirm::{Confirmation, Question};
use crate::web::{Done, Ui, see_other, shown_on_form};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/c/{slug}/newsletters", web::get().to(list))
        .route("/c/{slug}/newsletters", web::post().to(create))
        .route("/c/{slug}/newsletters/new", web::get().to(new_form))
        .route("/newsletters/{id}", web::get().to(show))
        .route("/newsletters/{id}/edit", web::get().to(edit_form))
        .route("/newsletters/{id}/edit", web::post().to(edit))
        .route("/newsletters/{id}/delete", web::post().to(delete))
        .route("/newsletters/{id}/test", web::post().to(test))
        .route("/newsletters/{id}/send", web::post().to(send));
}

#[derive(Debug, Default, Deserialize, Serialize)]
struct IssueForm {
    #[serde(default)]
    subject: String,
    #[serde(default)]
    body: String,
    /// Sent by the preview button: show the text rendered, save nothing.
    #[serde(default, skip_serializing)]
    preview: Option<String>,
}

impl IssueForm {
    fn parsed(&self) -> Result<NewsletterInput, AppError> {
        Ok(NewsletterInput {
            subject: NewsletterSubject::parse("subject", &self.subject)?,
            body: NewsletterBody::parse("body", &self.body)?,
        })
    }

    /// The body as the mail will show it, when the preview button was pressed.
    fn preview_html(&self) -> Option<String> {
        self.preview.as_ref().map(|_| crate::markdown::to_mail_html(&self.body))
    }
}

async fn list(
    viewer: Viewer,
    ui: Ui,
    outbox: web::Data<Outbox>,
    slug: web::Path<String>,
    done: web::Query<Done>,
) -> Result<HttpResponse, AppError> {
    let slug = slug.into_inner();
    let me = viewer.0.clone();
    let (issues, access) = outbox
        .db
        .run(move |c| {
            let access = crate::communities::policy::load(c, &viewer.0, &slug)?;
            Ok((service::list(c, &access)?, access))
        })
        .await?;
    let mut ctx = ui.context();
    ctx.insert("community", &CommunityRef::from(&access.community));
    ctx.insert("header", &access.header(&me));
    ctx.insert("can_edit", &policy::can_edit(&access).is_ok());
    ctx.insert("issues", &issues);
    ctx.insert("done", &done.among(&["deleted"]));
    ui.render("newsletters/list.html", &ctx)
}

/// Where an issue is written: `id` when it exists already.
struct Editing {
    community: CommunityRef,
    id: Option<i64>,
}

fn form_page(ui: &Ui, editing: &Editing, form: &IssueForm, error: Option<&AppError>) -> Result<HttpResponse, AppError> {
    let mut ctx = ui.context();
    ctx.insert("community", &editing.community);
    ctx.insert("issue_id", &editing.id);
    ctx.insert("preview_html", &form.preview_html());
    ctx.insert("form", form);
    ui.render_form("newsletters/form.html", ctx, error.map(|e| ui.form_error(e)))
}

/// A new issue is written where its community's editors may write one.
async fn new_issue(viewer: Viewer, outbox: &Outbox, slug: String) -> Result<Editing, AppError> {
    outbox
        .db
        .run(move |c| {
            let access = crate::communities::policy::load(c, &viewer.0, &slug)?;
            policy::can_edit(&access)?;
            Ok(Editing {
                community: CommunityRef::from(&access.community),
                id: None,
            })
        })
        .await
}

async fn new_form(
    viewer: Viewer,
    ui: Ui,
    outbox: web::Data<Outbox>,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let editing = new_issue(viewer, &outbox, slug.into_inner()).await?;
    form_page(&ui, &editing, &IssueForm::default(), None)
}

async fn create(
    viewer: Viewer,
    ui: Ui,
    outbox: web::Data<Outbox>,
    slug: web::Path<String>,
    form: web::Form<IssueForm>,
) -> Result<HttpResponse, AppError> {
    let (slug, form) = (slug.into_inner(), form.into_inner());
    if form.preview.is_some() {
        return form_page(&ui, &new_issue(viewer, &outbox, slug).await?, &form, None);
    }
    let created = match form.parsed() {
        Ok(input) => {
            let (s, v) = (slug.clone(), viewer.0.clone());
            outbox
                .db
                .run(move |c| {
                    let access = crate::communities::policy::load(c, &v, &s)?;
                    service::create(c, &access, &v, input)
                })
                .await
        }
        Err(e) => Err(e),
    };
    match created {
        Ok(id) => Ok(see_other(&format!("/newsletters/{id}"))),
        Err(e) if shown_on_form(&e) => form_page(&ui, &new_issue(viewer, &outbox, slug).await?, &form, Some(&e)),
        Err(e) => Err(e),
    }
}

/// An issue that has not gone out, for its editors, with the form as saved.
async fn changeable(viewer: Viewer, outbox: &Outbox, id: i64) -> Result<(Editing, IssueForm), AppError> {
    outbox
        .db
        .run(move |c| {
            let access = policy::load(c, &viewer.0, id)?;
            access.must_change()?;
            let editing = Editing {
                community: CommunityRef::from(&access.community.community),
                id: Some(id),
            };
            let form = IssueForm {
                subject: access.newsletter.subject,
                body: access.newsletter.body,
                preview: None,
            };
            Ok((editing, form))
        })
        .await
}

async fn edit_form(
    viewer: Viewer,
    ui: Ui,
    outbox: web::Data<Outbox>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let (editing, form) = changeable(viewer, &outbox, id.into_inner()).await?;
    form_page(&ui, &editing, &form, None)
}

async fn edit(
    viewer: Viewer,
    ui: Ui,
    outbox: web::Data<Outbox>,
    id: web::Path<i64>,
    form: web::Form<IssueForm>,
) -> Result<HttpResponse, AppError> {
    let (id, form) = (id.into_inner(), form.into_inner());
    if form.preview.is_some() {
        return form_page(&ui, &changeable(viewer, &outbox, id).await?.0, &form, None);
    }
    let saved = match form.parsed() {
        Ok(input) => {
            let v = viewer.0.clone();
            outbox
                .db
                .run(move |c| {
                    let access = policy::load(c, &v, id)?;
                    service::update(c, &access, &v, input)
                })
                .await
        }
        Err(e) => Err(e),
    };
    match saved {
        Ok(()) => Ok(see_other(&format!("/newsletters/{id}?done=saved"))),
        Err(e) if shown_on_form(&e) => form_page(&ui, &changeable(viewer, &outbox, id).await?.0, &form, Some(&e)),
        Err(e) => Err(e),
    }
}

async fn delete(
    viewer: Viewer,
    ui: Ui,
    outbox: web::Data<Outbox>,
    id: web::Path<i64>,
    form: web::Form<Confirmation>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let confirmed = form.given();
    let v = viewer.0.clone();
    let outcome = outbox
        .db
        .run(move |c| {
            let access = policy::load(c, &v, id)?;
            access.must_change()?;
            let subject = access.newsletter.subject.clone();
            let slug = access.community.community.slug.clone();
            if confirmed {
                service::delete(c, &access, &v)?;
            }
            Ok((subject, slug))
        })
        .await?;
    let (subject, slug) = outcome;
    if !confirmed {
        let path = format!("/newsletters/{id}");
        return ui.ask(&Question::new(
            ui.t_args("confirm-newsletter-delete", &[("subject", subject.into())]),
            ui.t("confirm-newsletter-delete-what"),
            ui.t("newsletter-delete"),
            &format!("{path}/delete"),
            &path,
        ));
    }
    Ok(see_other(&format!("/c/{slug}/newsletters?done=deleted")))
}

async fn show(
    viewer: Viewer,
    ui: Ui,
    outbox: web::Data<Outbox>,
    id: web::Path<i64>,
    done: web::Query<Done>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let my_address = viewer.0.email.clone();
    let (issue, community, can_change) = outbox
        .db
        .run(move |c| {
            let access = policy::load(c, &viewer.0, id)?;
            Ok((
                service::view(c, &access)?,
                CommunityRef::from(&access.community.community),
                access.can_change(),
            ))
        })
        .await?;
    let mut ctx = ui.context();
    ctx.insert("issue", &issue);
    ctx.insert("can_change", &can_change);
    // Where nothing is sent, the page must not say that a mail is on its way.
    ctx.insert("mail_off", &!outbox.settings().mail.sends());
    ctx.insert("community", &community);
    ctx.insert("done", &done.among(&["tested", "sending", "scheduled", "saved"]));
    ctx.insert("my_address", &my_address);
    ui.render("newsletters/show.html", &ctx)
}

async fn test(viewer: Viewer, outbox: web::Data<Outbox>, id: web::Path<i64>) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    deliver::test_to_self(&outbox, viewer.0, id).await?;
    Ok(see_other(&format!("/newsletters/{id}?done=tested")))
}

#[derive(Deserialize)]
struct SendForm {
    /// Empty: now; otherwise a local time (`datetime-local`) in the page's zone.
    #[serde(default)]
    at: String,
    #[serde(flatten)]
    confirmation: Confirmation,
}

async fn send(
    viewer: Viewer,
    ui: Ui,
    outbox: web::Data<Outbox>,
    clock: web::Data<Clock>,
    id: web::Path<i64>,
    form: web::Form<SendForm>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let at = match form.at.trim() {
        "" => None,
        raw => Some(ui.time_zone().local_to_utc("at", raw)?),
    };
    let now = clock.now();
    // Sending now reaches every member at once: asked first, with their number. A scheduled
    // issue can still be moved or sent now, so scheduling is not asked.
    if at.is_none_or(|a| a <= now) && !form.confirmation.given() {
        let (v, opt_out) = (viewer.0.clone(), outbox.settings().mail.newsletter_opt_out);
        let audience = outbox.db.run(move |c| deliver::audience(c, &v, id, opt_out)).await?;
        let path = format!("/newsletters/{id}");
        let args = [
            ("count", audience.recipients.into()),
            ("community", audience.community.into()),
            ("kind", audience.kind.as_str().into()),
        ];
        return ui.ask(
            &Question::new(
                ui.t_args("confirm-newsletter-send", &args),
                ui.t_args("confirm-newsletter-send-what", &args),
                ui.t_args("newsletter-send-to", &args),
                &format!("{path}/send"),
                &path,
            )
            .with_field("at", &form.at),
        );
    }
    deliver::send_or_schedule(&outbox, now, viewer.0, id, at).await?;
    let done = if at.is_some_and(|a| a > now) {
        "scheduled"
    } else {
        "sending"
    };
    Ok(see_other(&format!("/newsletters/{id}?done={done}")))
}
