//! Newsletter pages: a community's archive with the form for a new issue (its editors), and an
//! issue with preview, test send and send / schedule buttons (plain forms, no JavaScript).

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
use crate::web::{Ui, see_other, shown_on_form};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/c/{slug}/newsletters", web::get().to(list))
        .route("/c/{slug}/newsletters", web::post().to(create))
        .route("/newsletters/{id}", web::get().to(show))
        .route("/newsletters/{id}/test", web::post().to(test))
        .route("/newsletters/{id}/send", web::post().to(send));
}

#[derive(Debug, Default, Deserialize, Serialize)]
struct IssueForm {
    #[serde(default)]
    subject: String,
    #[serde(default)]
    body: String,
}

async fn list_page(
    viewer: Viewer,
    ui: &Ui,
    outbox: &Outbox,
    slug: String,
    form: IssueForm,
    error: Option<&AppError>,
) -> Result<HttpResponse, AppError> {
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
    ctx.insert("form", &form);
    ui.render_form("newsletters/list.html", ctx, error.map(|e| ui.form_error(e)))
}

async fn list(
    viewer: Viewer,
    ui: Ui,
    outbox: web::Data<Outbox>,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    list_page(viewer, &ui, &outbox, slug.into_inner(), IssueForm::default(), None).await
}

async fn create(
    viewer: Viewer,
    ui: Ui,
    outbox: web::Data<Outbox>,
    slug: web::Path<String>,
    form: web::Form<IssueForm>,
) -> Result<HttpResponse, AppError> {
    let (slug, form) = (slug.into_inner(), form.into_inner());
    let parsed = NewsletterSubject::parse("subject", &form.subject)
        .and_then(|subject| Ok((subject, NewsletterBody::parse("body", &form.body)?)))
        .map_err(AppError::from);
    let created = match parsed {
        Ok((subject, body)) => {
            let (s, v) = (slug.clone(), viewer.0.clone());
            outbox
                .db
                .run(move |c| {
                    let access = crate::communities::policy::load(c, &v, &s)?;
                    service::create(c, &access, &v, NewsletterInput { subject, body })
                })
                .await
        }
        Err(e) => Err(e),
    };
    match created {
        Ok(id) => Ok(see_other(&format!("/newsletters/{id}"))),
        Err(e) if shown_on_form(&e) => list_page(viewer, &ui, &outbox, slug, form, Some(&e)).await,
        Err(e) => Err(e),
    }
}

#[derive(Deserialize)]
struct ShowQuery {
    #[serde(default)]
    done: Option<String>,
}

async fn show(
    viewer: Viewer,
    ui: Ui,
    outbox: web::Data<Outbox>,
    id: web::Path<i64>,
    query: web::Query<ShowQuery>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let (issue, community) = outbox
        .db
        .run(move |c| {
            let access = policy::load(c, &viewer.0, id)?;
            Ok((
                service::view(c, &access)?,
                CommunityRef::from(&access.community.community),
            ))
        })
        .await?;
    let mut ctx = ui.context();
    ctx.insert("issue", &issue);
    ctx.insert("community", &community);
    ctx.insert(
        "done",
        &query
            .done
            .as_deref()
            .filter(|d| ["tested", "sending", "scheduled"].contains(d)),
    );
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
