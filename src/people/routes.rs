//! People pages and the personal settings page.

use crate::domain::NotificationKind;
use crate::notifications::service as notifications;
use actix_web::{HttpResponse, web};
use serde::Deserialize;

use super::service;
use crate::api::pagination::PageParams;
use crate::auth::{Viewer, session};
use crate::db::Db;
use crate::domain::{Locale, TimeZone};
use crate::error::AppError;
use crate::web::{Ui, next_url, see_other};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/people", web::get().to(directory))
        .route("/people/{uid}", web::get().to(profile))
        .route("/settings", web::get().to(settings_page))
        .route("/settings", web::post().to(save_settings));
}

#[derive(Deserialize)]
struct DirectoryQuery {
    q: Option<String>,
    cursor: Option<String>,
}

async fn directory(
    _viewer: Viewer,
    ui: Ui,
    db: web::Data<Db>,
    query: web::Query<DirectoryQuery>,
) -> Result<HttpResponse, AppError> {
    let query = query.into_inner();
    let page = PageParams {
        limit: None,
        cursor: query.cursor.clone(),
    }
    .parse()?;
    let filter = service::PeopleFilter {
        query: query.q.clone(),
        ..Default::default()
    };
    let list = db.run(move |c| service::list(c, &filter, &page)).await?;
    let mut ctx = ui.context();
    ctx.insert("q", &query.q.as_deref().unwrap_or(""));
    ctx.insert("next_url", &next_url("/people", &[("q", query.q.as_deref())], &list));
    ctx.insert("total", &list.total);
    ctx.insert("people", &list.items);
    ui.render("people/directory.html", &ctx)
}

async fn profile(viewer: Viewer, ui: Ui, db: web::Data<Db>, uid: web::Path<String>) -> Result<HttpResponse, AppError> {
    let uid = uid.into_inner();
    let profile = db.run(move |c| service::profile(c, &viewer.0, &uid)).await?;
    let mut ctx = ui.context();
    ctx.insert("profile", &profile);
    ui.render("people/profile.html", &ctx)
}

fn settings_context(ui: &Ui, locale: &str, timezone: &str, muted: &[NotificationKind]) -> tera::Context {
    let mut ctx = ui.context();
    let kinds: Vec<serde_json::Value> = NotificationKind::ALL
        .iter()
        .map(|k| serde_json::json!({ "kind": k.as_str(), "on": !muted.contains(k) }))
        .collect();
    ctx.insert("notification_kinds", &kinds);
    ctx.insert("locale", locale);
    ctx.insert("timezone", timezone);
    ctx.insert(
        "timezones",
        &chrono_tz::TZ_VARIANTS.iter().map(|tz| tz.name()).collect::<Vec<_>>(),
    );
    ctx.insert("saved", &false);
    ctx
}

#[derive(Deserialize)]
struct SettingsQuery {
    saved: Option<String>,
}

async fn settings_page(
    viewer: Viewer,
    ui: Ui,
    outbox: web::Data<crate::mail::Outbox>,
    query: web::Query<SettingsQuery>,
) -> Result<HttpResponse, AppError> {
    let person = viewer.0;
    let (p, o) = (person.clone(), outbox.settings());
    let (muted, mail) = outbox
        .db
        .run(move |c| Ok((notifications::muted(c, p.id)?, crate::digest::routes::load(c, &p, &o)?)))
        .await?;
    let tz = person.timezone().unwrap_or(outbox.settings().i18n.default_timezone);
    let mut ctx = settings_context(&ui, person.locale.as_deref().unwrap_or(""), tz.name(), &muted);
    crate::digest::routes::insert(&mut ctx, &mail);
    ctx.insert("saved", &query.saved.is_some());
    ui.render_form("settings.html", ctx, None)
}

#[derive(Deserialize)]
struct SettingsForm {
    #[serde(default)]
    locale: String,
    #[serde(default)]
    timezone: String,
}

async fn save_settings(
    viewer: Viewer,
    ui: Ui,
    db: web::Data<Db>,
    outbox: web::Data<crate::mail::Outbox>,
    form: web::Form<SettingsForm>,
) -> Result<HttpResponse, AppError> {
    let parsed = (|| -> Result<_, AppError> {
        let locale = if form.locale.trim().is_empty() {
            None
        } else {
            Some(Locale::parse(&form.locale)?)
        };
        Ok((locale, TimeZone::parse(&form.timezone)?))
    })();
    let (locale, timezone) = match parsed {
        Ok(v) => v,
        Err(e) => {
            let (p, o) = (viewer.0.clone(), outbox.settings());
            let (muted, mail) = db
                .run(move |c| Ok((notifications::muted(c, p.id)?, crate::digest::routes::load(c, &p, &o)?)))
                .await?;
            let mut ctx = settings_context(&ui, &form.locale, &form.timezone, &muted);
            crate::digest::routes::insert(&mut ctx, &mail);
            return ui.render_form("settings.html", ctx, Some(ui.form_error(&e)));
        }
    };
    let person = db
        .run(move |c| service::update_settings(c, &viewer.0, locale, timezone))
        .await?;
    session::refresh_person(&ui.session, &person);
    Ok(see_other("/settings?saved=1"))
}
