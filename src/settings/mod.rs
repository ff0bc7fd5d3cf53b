//! The personal settings page: language, time zone, which notifications, and the mail part
//! (digest and newsletters). It sits above the features whose choices it gathers on one page;
//! each part is saved by its own feature (`/settings/digest` by the digest).

use actix_web::{HttpResponse, web};
use serde::Deserialize;

use crate::auth::{Viewer, session};
use crate::db::DbConnection;
use crate::db::models::Person;
use crate::digest::preferences::{self, MailChoices};
use crate::domain::{Locale, NotificationKind, TimeZone};
use crate::error::AppError;
use crate::mail::Outbox;
use crate::notifications::service as notifications;
use crate::web::{Ui, see_other};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/settings", web::get().to(page))
        .route("/settings", web::post().to(save));
}

/// What the page shows besides the fields as sent.
struct Choices {
    muted: Vec<NotificationKind>,
    mail: MailChoices,
}

fn load(conn: &mut DbConnection, person: &Person, settings: &crate::config::Settings) -> Result<Choices, AppError> {
    Ok(Choices {
        muted: notifications::muted(conn, person.id)?,
        mail: preferences::page_view(conn, person, &settings.i18n, settings.mail.newsletter_opt_out)?,
    })
}

fn context(ui: &Ui, locale: &str, timezone: &str, choices: &Choices) -> tera::Context {
    let mut ctx = ui.context();
    let kinds: Vec<serde_json::Value> = NotificationKind::ALL
        .iter()
        .map(|k| serde_json::json!({ "kind": k.as_str(), "on": !choices.muted.contains(k) }))
        .collect();
    ctx.insert("notification_kinds", &kinds);
    ctx.insert("locale", locale);
    ctx.insert("timezone", timezone);
    ctx.insert("zone_groups", &crate::domain::TimeZone::choices_with(timezone, ui.lang));
    ctx.insert("saved", &false);
    ctx.insert("mail", &choices.mail.preferences);
    ctx.insert("my_communities", &choices.mail.communities);
    ctx.insert("has_newsletters", &choices.mail.has_newsletters());
    ctx.insert("weekdays", &(1..=7).collect::<Vec<i32>>());
    ctx.insert("hours", &(0..=23).collect::<Vec<i32>>());
    ctx
}

#[derive(Deserialize)]
struct PageQuery {
    saved: Option<String>,
}

async fn page(
    viewer: Viewer,
    ui: Ui,
    outbox: web::Data<Outbox>,
    query: web::Query<PageQuery>,
) -> Result<HttpResponse, AppError> {
    let person = viewer.0;
    let (p, o) = (person.clone(), outbox.settings());
    let choices = outbox.db.run(move |c| load(c, &p, &o)).await?;
    let tz = person.timezone.unwrap_or(outbox.settings().i18n.default_timezone);
    let mut ctx = context(&ui, person.locale.map_or("", Locale::as_str), tz.name(), &choices);
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

async fn save(
    viewer: Viewer,
    ui: Ui,
    outbox: web::Data<Outbox>,
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
            let choices = outbox.db.run(move |c| load(c, &p, &o)).await?;
            let ctx = context(&ui, &form.locale, &form.timezone, &choices);
            return ui.render_form("settings.html", ctx, Some(ui.form_error(&e)));
        }
    };
    let person = outbox
        .db
        .run(move |c| crate::people::service::update_settings(c, &viewer.0, locale, timezone))
        .await?;
    session::refresh_person(&ui.session, &person);
    Ok(see_other("/settings?saved=1"))
}
