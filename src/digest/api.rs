//! `GET/PUT /api/v1/me/preferences`.

use actix_web::{HttpResponse, web};
use serde::Deserialize;

use super::preferences::{self, Preferences, PreferencesInput};
use super::preview::Preview;
use crate::auth::ApiViewer;
use crate::config::CurrentSettings;
use crate::db::Db;
use crate::domain::{DigestFrequency, DigestTime, Locale, TimeZone};
use crate::error::{AppError, Problem};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/me/preferences", web::get().to(get))
        .route("/me/preferences", web::put().to(put))
        .route("/me/digest/preview", web::get().to(preview));
}

/// My digest settings, language and time zone.
#[utoipa::path(get, path = "/api/v1/me/preferences", tag = "people",
    responses((status = 200, body = Preferences)),
    security(("bearer" = [])))]
pub async fn get(viewer: ApiViewer, db: web::Data<Db>, settings: CurrentSettings) -> Result<HttpResponse, AppError> {
    let defaults = settings.i18n.clone();
    let prefs = db.run(move |c| preferences::get(c, &viewer.0, &defaults)).await?;
    Ok(HttpResponse::Ok().json(prefs))
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PreferencesJson {
    /// off, daily or weekly.
    digest: DigestFrequency,
    /// 1 = Monday … 7 = Sunday.
    digest_weekday: i64,
    /// Local hour, 0–23.
    digest_hour: i64,
    /// IANA zone, e.g. `Europe/Berlin`.
    timezone: String,
    /// de or en.
    language: String,
    /// Slugs of communities (I belong to) to leave out of the digest.
    #[serde(default)]
    muted: Vec<String>,
}

/// Replaces my digest settings (all fields).
#[utoipa::path(put, path = "/api/v1/me/preferences", tag = "people",
    request_body = PreferencesJson,
    responses((status = 200, body = Preferences), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub async fn put(
    viewer: ApiViewer,
    db: web::Data<Db>,
    settings: CurrentSettings,
    body: web::Json<PreferencesJson>,
) -> Result<HttpResponse, AppError> {
    let b = body.into_inner();
    let input = PreferencesInput {
        digest: b.digest,
        time: DigestTime::parse(b.digest_weekday, b.digest_hour)?,
        timezone: TimeZone::parse(&b.timezone)?,
        language: Locale::parse(&b.language)?,
        muted: b.muted,
    };
    let defaults = settings.i18n.clone();
    let prefs = db
        .run(move |c| {
            preferences::put(c, &viewer.0, input)?;
            // The person as now stored (language and zone changed).
            let me = crate::people::service::find_by_uid(c, &viewer.0.uid)?;
            preferences::get(c, &me, &defaults)
        })
        .await?;
    Ok(HttpResponse::Ok().json(prefs))
}

/// My next digest as it would go out now: subject, text and HTML in my language, and whether it
/// is empty (then none is sent).
#[utoipa::path(get, path = "/api/v1/me/digest/preview", tag = "people",
    responses((status = 200, body = Preview)),
    security(("bearer" = [])))]
pub async fn preview(viewer: ApiViewer, outbox: web::Data<crate::mail::Outbox>) -> Result<HttpResponse, AppError> {
    let unsubscribe = outbox.unsubscribe_url(viewer.0.id, crate::mail::unsubscribe::List::Digest);
    let (templates, settings) = (outbox.templates.clone(), outbox.settings());
    let preview = outbox
        .db
        .run(move |c| super::preview::next(c, &templates, &settings, &viewer.0, crate::db::now(), &unsubscribe))
        .await?;
    Ok(HttpResponse::Ok().json(preview))
}
