//! Report forms on posts and comments, and the moderators' queue page.

use actix_web::{HttpResponse, web};
use serde::Deserialize;

use super::service;
use crate::auth::Viewer;
use crate::config::{CurrentSettings, Settings};
use crate::db::Db;
use crate::domain::{ModerationAction, ModerationNote, ReportReason};
use crate::error::AppError;
use crate::posts::service::Target;
use crate::web::confirm::{Confirmation, Question};
use crate::web::forms::local_path;
use crate::web::{Done, Ui, see_other};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/posts/{id}/report", web::post().to(report_post))
        .route("/comments/{id}/report", web::post().to(report_comment))
        .route("/c/{slug}/reports", web::get().to(queue))
        .route("/admin/reports", web::get().to(admin_queue))
        .route("/reports/{id}/decision", web::post().to(decide));
}

#[derive(Deserialize)]
struct ReportForm {
    #[serde(default)]
    reason: String,
    #[serde(default)]
    note: String,
}

async fn report(
    viewer: Viewer,
    db: &Db,
    settings: &Settings,
    target: Target,
    form: ReportForm,
) -> Result<HttpResponse, AppError> {
    let reason = ReportReason::parse(&form.reason)?;
    let note = ModerationNote::parse("note", &form.note)?;
    let auto_hide = settings.communities.auto_hide_reports;
    let post = db
        .run(move |c| service::report(c, &viewer.0, target, reason, note, auto_hide))
        .await?;
    Ok(see_other(&format!("/posts/{post}?reported=1")))
}

async fn report_post(
    viewer: Viewer,
    db: web::Data<Db>,
    settings: CurrentSettings,
    id: web::Path<i64>,
    form: web::Form<ReportForm>,
) -> Result<HttpResponse, AppError> {
    report(viewer, &db, &settings, Target::Post(id.into_inner()), form.into_inner()).await
}

async fn report_comment(
    viewer: Viewer,
    db: web::Data<Db>,
    settings: CurrentSettings,
    id: web::Path<i64>,
    form: web::Form<ReportForm>,
) -> Result<HttpResponse, AppError> {
    report(
        viewer,
        &db,
        &settings,
        Target::Comment(id.into_inner()),
        form.into_inner(),
    )
    .await
}

async fn queue(
    viewer: Viewer,
    ui: Ui,
    db: web::Data<Db>,
    slug: web::Path<String>,
    done: web::Query<Done>,
) -> Result<HttpResponse, AppError> {
    let slug = slug.into_inner();
    let s = slug.clone();
    let (items, header) = db
        .run(move |c| {
            let items = service::queue(c, &viewer.0, &s)?;
            Ok((items, crate::communities::policy::header(c, &viewer.0, &s)?))
        })
        .await?;
    render_queue(&ui, Some((&slug, &header)), &items, &done)
}

async fn admin_queue(
    viewer: Viewer,
    ui: Ui,
    db: web::Data<Db>,
    done: web::Query<Done>,
) -> Result<HttpResponse, AppError> {
    let items = db.run(move |c| service::admin_queue(c, &viewer.0)).await?;
    render_queue(&ui, None, &items, &done)
}

/// One community's queue, or (without a slug) the administrators' queue over all of them.
fn render_queue(
    ui: &Ui,
    community: Option<(&str, &crate::references::CommunityHeader)>,
    items: &[service::QueueItem],
    done: &Done,
) -> Result<HttpResponse, AppError> {
    let mut ctx = ui.context();
    let decisions: Vec<&'static str> = ModerationAction::ALL.iter().map(|a| a.as_str()).collect();
    ctx.insert("done", &done.among(&decisions));
    ctx.insert("slug", &community.map(|(slug, _)| slug));
    ctx.insert("header", &community.map(|(_, header)| header));
    ctx.insert("items", items);
    ctx.insert(
        "actions",
        &ModerationAction::ALL.iter().map(|a| a.as_str()).collect::<Vec<_>>(),
    );
    ui.render("moderation/queue.html", &ctx)
}

#[derive(Deserialize)]
struct DecisionForm {
    #[serde(default)]
    action: String,
    #[serde(default)]
    reason: String,
    /// The queue the decision was made in.
    back: Option<String>,
    #[serde(flatten)]
    confirmation: Confirmation,
}

async fn decide(
    viewer: Viewer,
    ui: Ui,
    db: web::Data<Db>,
    id: web::Path<i64>,
    form: web::Form<DecisionForm>,
) -> Result<HttpResponse, AppError> {
    let action = ModerationAction::parse(&form.action)?;
    let reason = ModerationNote::parse("reason", &form.reason)?;
    let id = id.into_inner();
    // Deleting takes the content from everyone, banning the author from the community: asked
    // first, with what and whom. Dismissing, hiding and warning are undone by a later decision.
    if matches!(action, ModerationAction::Delete | ModerationAction::Ban) && !form.confirmation.given() {
        let v = viewer.0.clone();
        let about = db.run(move |c| service::deciding(c, &v, id)).await?;
        // "Abbrechen" goes back to the queue it came from: the community's, or the admins'.
        let queue = match &form.back {
            Some(back) => local_path(Some(back)),
            None => format!("/c/{}/reports", about.slug),
        };
        let args = [
            ("title", about.title.into()),
            (
                "author",
                about.author.unwrap_or_else(|| ui.t("moderation-author-gone")).into(),
            ),
            ("community", about.community.into()),
            ("what", (if about.comment { "comment" } else { "post" }).into()),
        ];
        let key = format!("confirm-moderation-{}", action.as_str());
        let mut question = Question::new(
            ui.t_args(&key, &args),
            ui.t_args(&format!("{key}-what"), &args),
            ui.t(&format!("moderation-action-{}", action.as_str())),
            &format!("/reports/{id}/decision"),
            &queue,
        )
        .with_field("action", action.as_str())
        .with_field("reason", &form.reason);
        if let Some(back) = &form.back {
            question = question.with_field("back", back);
        }
        return ui.ask(&question);
    }
    let slug = db
        .run(move |c| service::decide(c, &viewer.0, id, action, reason))
        .await?;
    let back = match form.back.as_deref() {
        Some(back) => local_path(Some(back)),
        None => format!("/c/{slug}/reports"),
    };
    Ok(see_other(&format!("{back}?done={}", action.as_str())))
}
