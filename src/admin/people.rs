//! `/admin/people`: find people, see their source and state, deactivate or reactivate by
//! hand, lock fields against the directory sync, grant admin rights, remove a departed
//! person's data on request.

use actix_web::{HttpResponse, web};
use serde::Deserialize;

use super::accounts::{self as administer, Change, LOCKABLE};
use crate::auth::Admin;
use crate::config::CurrentSettings;
use crate::db::Db;
use crate::error::AppError;
use crate::web::confirm::Question;
use crate::web::{Done, Ui, see_other};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/admin/people", web::get().to(list))
        .route("/admin/people/{id}", web::get().to(show))
        .route("/admin/people/{id}", web::post().to(update));
}

#[derive(Deserialize)]
struct Search {
    q: Option<String>,
}

async fn list(_admin: Admin, ui: Ui, db: web::Data<Db>, query: web::Query<Search>) -> Result<HttpResponse, AppError> {
    let q = query.into_inner().q.unwrap_or_default();
    let s = q.clone();
    let people = db.run(move |c| administer::search(c, &s)).await?;
    let mut ctx = ui.context();
    ctx.insert("q", &q);
    ctx.insert("people", &people);
    ui.render("admin/people.html", &ctx)
}

async fn show(
    _admin: Admin,
    ui: Ui,
    db: web::Data<Db>,
    id: web::Path<i64>,
    query: web::Query<Done>,
) -> Result<HttpResponse, AppError> {
    let done = query.among(&["saved"]).is_some();
    person_page(&ui, &db, id.into_inner(), done, None).await
}

async fn person_page(
    ui: &Ui,
    db: &Db,
    id: i64,
    done: bool,
    error: Option<(actix_web::http::StatusCode, String)>,
) -> Result<HttpResponse, AppError> {
    let person = db.run(move |c| administer::one(c, id)).await?;
    let mut ctx = ui.context();
    ctx.insert("person", &person);
    ctx.insert("lockable", &LOCKABLE);
    ctx.insert("done", &done);
    ui.render_form("admin/person.html", ctx, error)
}

/// One form per action: `action` = deactivate, reactivate, grant-admin, revoke-admin, locks
/// (with `locked` fields), anonymise (with `confirm`).
async fn update(
    admin: Admin,
    ui: Ui,
    db: web::Data<Db>,
    settings: CurrentSettings,
    id: web::Path<i64>,
    form: web::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let field = |name: &str| {
        form.iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let action = field("action");
    let settings = settings.into_inner();
    // Closing an account and erasing a person are asked first, by name.
    if matches!(action.as_str(), "deactivate" | "anonymise") && field("confirm") != "yes" {
        let person = db.run(move |c| administer::one(c, id)).await?;
        let name = [("name", person.display_name.into())];
        let days = [("days", settings.privacy.retention_days.into())];
        let (title, what, yes) = if action == "deactivate" {
            (
                ui.t_args("confirm-deactivate", &name),
                ui.t_args("confirm-deactivate-what", &days),
                ui.t("admin-people-deactivate-short"),
            )
        } else {
            (
                ui.t_args("confirm-anonymise", &name),
                ui.t("admin-people-erase-explained"),
                ui.t("admin-people-erase"),
            )
        };
        let path = format!("/admin/people/{id}");
        let question = Question::new(title, what, yes, &path, &path).with_field("action", &action);
        return ui.ask(&if action == "deactivate" {
            question.undoable()
        } else {
            question
        });
    }
    let done = if action == "anonymise" {
        db.run(move |c| administer::anonymise(c, &admin.0, id, &settings)).await
    } else {
        let change = match action.as_str() {
            "deactivate" => Change::Active(false),
            "reactivate" => Change::Active(true),
            "grant-admin" => Change::Admin(true),
            "revoke-admin" => Change::Admin(false),
            "locks" => Change::Locks(
                form.iter()
                    .filter(|(k, _)| k == "locked")
                    .map(|(_, v)| v.clone())
                    .collect(),
            ),
            _ => return Err(crate::domain::Invalid::new("action", "unknown-value").into()),
        };
        db.run(move |c| administer::change(c, &admin.0, id, change)).await
    };
    match done {
        Ok(()) => Ok(see_other(&format!("/admin/people/{id}?done=saved"))),
        Err(e) if crate::web::shown_on_form(&e) => person_page(&ui, &db, id, false, Some(ui.form_error(&e))).await,
        Err(e) => Err(e),
    }
}
