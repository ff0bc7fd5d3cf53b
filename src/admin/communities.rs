//! `/admin/communities`: every community, secret ones too, with its managers; archive or
//! reopen one, hand one to a new manager, allow per-person figures with a reason.

use actix_web::{HttpResponse, web};
use serde::Deserialize;

use crate::auth::Admin;
use crate::communities::administer;
use crate::db::Db;
use crate::error::AppError;
use crate::people::pick;
use crate::web::confirm::{Confirmation, Question};
use crate::web::{Done, Ui, see_other};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/admin/communities", web::get().to(list))
        .route("/admin/communities/{slug}", web::post().to(update));
}

#[derive(Deserialize)]
struct Search {
    q: Option<String>,
}

async fn list(
    _admin: Admin,
    ui: Ui,
    db: web::Data<Db>,
    query: web::Query<Search>,
    done: web::Query<Done>,
) -> Result<HttpResponse, AppError> {
    let query = query.into_inner();
    page(
        &ui,
        &db,
        query.q.unwrap_or_default(),
        done.among(&["saved"]).is_some(),
        None,
    )
    .await
}

async fn page(
    ui: &Ui,
    db: &Db,
    q: String,
    done: bool,
    error: Option<(actix_web::http::StatusCode, String)>,
) -> Result<HttpResponse, AppError> {
    let s = q.clone();
    let communities = db.run(move |c| administer::all(c, &s)).await?;
    let mut ctx = ui.context();
    ctx.insert("q", &q);
    ctx.insert("communities", &communities);
    ctx.insert("done", &done);
    ui.render_form("admin/communities.html", ctx, error)
}

#[derive(Deserialize)]
struct Action {
    /// archive, reopen, transfer (with `uid`), person-figures-on (with `reason`) or
    /// person-figures-off
    action: String,
    uid: Option<String>,
    reason: Option<String>,
    #[serde(flatten)]
    confirmation: Confirmation,
}

async fn update(
    admin: Admin,
    ui: Ui,
    db: web::Data<Db>,
    slug: web::Path<String>,
    form: web::Form<Action>,
) -> Result<HttpResponse, AppError> {
    let (slug, form) = (slug.into_inner(), form.into_inner());
    if form.action == "archive" && !form.confirmation.given() {
        let s = slug.clone();
        let archiving = db.run(move |c| administer::archiving(c, &s)).await?;
        return ui.ask(
            &Question::new(
                ui.t_args("confirm-archive", &[("community", archiving.name.into())]),
                ui.t_args("confirm-archive-what", &[("members", archiving.members.into())]),
                ui.t("admin-communities-archive"),
                &format!("/admin/communities/{slug}"),
                "/admin/communities",
            )
            .with_field("action", "archive")
            .undoable(),
        );
    }
    let done = match form.action.as_str() {
        "archive" | "reopen" => {
            let archived = form.action == "archive";
            db.run(move |c| administer::set_archived(c, &admin.0, &slug, archived))
                .await
        }
        // The new manager by name, user name or mail; an ambiguous name is refused with the reason.
        "transfer" => {
            let typed = form.uid.unwrap_or_default();
            db.run(move |c| {
                let uid = pick::find_all(c, &typed, &pick::Choice::default())?.must_one("uid")?;
                administer::transfer(c, &admin.0, &slug, &uid)
            })
            .await
        }
        "person-figures-on" => {
            let reason = form.reason.unwrap_or_default();
            db.run(move |c| crate::communities::permits::grant(c, &admin.0, &slug, &reason))
                .await
        }
        "person-figures-off" => {
            db.run(move |c| crate::communities::permits::withdraw(c, &admin.0, &slug))
                .await
        }
        _ => Err(crate::domain::Invalid::new("action", "unknown-value").into()),
    };
    match done {
        Ok(()) => Ok(see_other("/admin/communities?done=saved")),
        Err(e) if crate::web::shown_on_form(&e) => page(&ui, &db, String::new(), false, Some(ui.form_error(&e))).await,
        Err(e) => Err(e),
    }
}
