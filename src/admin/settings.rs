//! `/admin/settings`: the settings that may change while Allmende runs (`config::TUNABLES`),
//! with the file's value beside each and who changed it when; every change is audited.

use actix_web::{HttpResponse, web};
use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;

use crate::auth::Admin;
use crate::config::{Kind, LiveSettings, TUNABLES, Tunable};
use crate::db::Db;
use crate::db::schema::people;
use crate::error::AppError;
use crate::web::{Done, Ui, see_other};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/admin/settings", web::get().to(page))
        .route("/admin/settings/{key}", web::post().to(change));
}

#[derive(Serialize)]
struct Row {
    key: &'static str,
    /// The key as the messages name it (`kpi-min-group`).
    id: String,
    kind: Kind,
    value: serde_json::Value,
    file: serde_json::Value,
    /// A number as the page shows it: a share as a percentage, in the page's language.
    value_text: String,
    file_text: String,
    /// Who set the value in force, and when (none: the file's).
    changed: Option<(String, NaiveDateTime)>,
}

async fn page(
    _admin: Admin,
    ui: Ui,
    db: web::Data<Db>,
    live: web::Data<LiveSettings>,
    query: web::Query<Done>,
) -> Result<HttpResponse, AppError> {
    settings_page(&ui, &db, &live, query.among(&["saved"]).is_some(), None).await
}

async fn settings_page(
    ui: &Ui,
    db: &Db,
    live: &LiveSettings,
    done: bool,
    error: Option<(actix_web::http::StatusCode, String)>,
) -> Result<HttpResponse, AppError> {
    let overrides = db
        .run(|c| {
            let overrides = LiveSettings::overrides(c)?;
            let ids: Vec<i64> = overrides.iter().filter_map(|o| o.changed_by).collect();
            let names: Vec<(i64, String)> = people::table
                .filter(people::id.eq_any(ids))
                .select((people::id, people::display_name))
                .load(c)?;
            Ok(overrides
                .into_iter()
                .map(|o| {
                    let name = names.iter().find(|n| Some(n.0) == o.changed_by).map(|n| n.1.clone());
                    (o.key, (name.unwrap_or_default(), o.changed_at))
                })
                .collect::<Vec<_>>())
        })
        .await?;
    let (current, file) = (live.get(), live.file());
    let rows: Vec<Row> = TUNABLES
        .iter()
        .map(|t| Row {
            key: t.key,
            id: t.id(),
            kind: t.kind,
            value: t.value(&current),
            file: t.value(file),
            value_text: shown(t.kind, &t.value(&current), ui.lang),
            file_text: shown(t.kind, &t.value(file), ui.lang),
            changed: overrides.iter().find(|o| o.0 == t.key).map(|o| o.1.clone()),
        })
        .collect();
    let mut ctx = ui.context();
    ctx.insert("rows", &rows);
    ctx.insert("done", &done);
    ctx.insert("refresh_seconds", &crate::config::live::REFRESH.as_secs());
    ui.render_form("admin/settings.html", ctx, error)
}

/// Sets one value (`value`), or returns it to the file's (`reset`).
async fn change(
    admin: Admin,
    ui: Ui,
    db: web::Data<Db>,
    live: web::Data<LiveSettings>,
    key: web::Path<String>,
    form: web::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    let tunable = Tunable::find(&key).ok_or(AppError::NotFound)?;
    let field = |name: &str| form.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone());
    let (reset, value) = (field("reset").is_some(), field("value").unwrap_or_default());
    let (l, who) = (live.get_ref().clone(), admin.0.id);
    let done = db
        .run(move |c| {
            if reset {
                l.reset(c, tunable, who)
            } else {
                l.change(c, tunable, &value, who)
            }
        })
        .await;
    match done {
        Ok(()) => Ok(see_other("/admin/settings?done=saved")),
        Err(AppError::Invalid(_)) => {
            let name = crate::i18n::t(ui.lang, &format!("setting-{}", tunable.id()));
            let message = crate::i18n::t_args(ui.lang, "admin-settings-refused", &[("setting", name.into())]);
            let error = (actix_web::http::StatusCode::UNPROCESSABLE_ENTITY, message);
            settings_page(&ui, &db, &live, false, Some(error)).await
        }
        Err(e) => Err(e),
    }
}

/// A number setting as people read it: "10 %" of a share (0.1), "2,5" in German.
fn shown(kind: Kind, value: &serde_json::Value, lang: crate::domain::Locale) -> String {
    let Some(n) = value.as_f64() else {
        return value.to_string();
    };
    match kind {
        Kind::Share => lang.decimal(n * 100.0, 1),
        _ => lang.decimal(n, 3),
    }
}
