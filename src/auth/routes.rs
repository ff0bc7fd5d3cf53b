//! Sign-in, sign-out and the language switch for people not signed in.

use std::sync::Arc;

use actix_web::{HttpRequest, HttpResponse, ResponseError, web};
use serde::Deserialize;

use super::{Authenticator, session, sign_ins, throttle};
use crate::config::{CurrentSettings, Settings};
use crate::db::Db;
use crate::db::models::NewAuditEntry;
use crate::domain::Locale;
use crate::error::AppError;
use crate::web::forms::local_path;
use crate::web::{Ui, see_other};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/login", web::get().to(login_page))
        .route("/login", web::post().to(login))
        .route("/logout", web::post().to(logout))
        .route("/language", web::post().to(switch_language));
}

#[derive(Deserialize)]
struct NextQuery {
    next: Option<String>,
}

/// The sign-in form, again with what was typed and, after a refusal, why and with which status.
fn login_form(
    ui: &Ui,
    uid: &str,
    next: &str,
    error: Option<(actix_web::http::StatusCode, &str)>,
) -> Result<HttpResponse, AppError> {
    let mut ctx = ui.context();
    ctx.insert("uid", uid);
    ctx.insert("next", next);
    ui.render_form("login.html", ctx, error.map(|(status, key)| (status, ui.t(key))))
}

const REFUSED: actix_web::http::StatusCode = actix_web::http::StatusCode::UNAUTHORIZED;

async fn login_page(ui: Ui, query: web::Query<NextQuery>) -> Result<HttpResponse, AppError> {
    if session::uid(&ui.session).is_some() {
        return Ok(see_other(&local_path(query.next.as_deref())));
    }
    login_form(&ui, "", &local_path(query.next.as_deref()), None)
}

#[derive(Deserialize)]
struct LoginForm {
    #[serde(default)]
    uid: String,
    #[serde(default)]
    password: String,
    next: Option<String>,
}

async fn login(
    req: HttpRequest,
    ui: Ui,
    db: web::Data<Db>,
    settings: CurrentSettings,
    authenticator: web::Data<Arc<dyn Authenticator>>,
    form: web::Form<LoginForm>,
) -> Result<HttpResponse, AppError> {
    let form = form.into_inner();
    let next = local_path(form.next.as_deref());
    let account = form.uid.trim().to_lowercase();
    // A uid or a mail address; anything longer is no account (and is not stored as an attempt).
    let plausible = !account.is_empty() && account.len() <= crate::domain::Email::MAX_LEN;
    if !plausible || form.password.is_empty() || form.password.len() > super::password::MAX_LEN {
        return login_form(&ui, &form.uid, &next, Some((REFUSED, "login-failed")));
    }
    let address = client_address(&req, &settings);
    let limits = settings.auth.clone();
    let auth = authenticator.get_ref().clone();
    let password = form.password;
    let acct = account.clone();
    let lifetimes = sign_ins::Lifetimes::from(&settings.session);
    let outcome = db
        .run(move |conn| {
            throttle::check(conn, &limits, &acct, &address)?;
            let person = auth.authenticate(conn, &acct, &password)?;
            throttle::record(conn, &acct, &address, person.is_some())?;
            let Some(p) = person else { return Ok(None) };
            NewAuditEntry::record(
                conn,
                Some(p.id),
                "session.sign-in",
                ("person", &p.uid),
                serde_json::json!({}),
            )?;
            let id = sign_ins::start(conn, p.id, lifetimes)?;
            Ok(Some((p, id)))
        })
        .await;
    match outcome {
        Ok(Some((person, sign_in_id))) => {
            tracing::info!(uid = %person.uid, "signed in");
            session::sign_in(&ui.session, &person, &sign_in_id);
            Ok(see_other(&next))
        }
        Ok(None) => {
            tracing::info!(account = %account, "sign-in refused");
            login_form(&ui, &form.uid, &next, Some((REFUSED, "login-failed")))
        }
        Err(e @ AppError::TooManyRequests { retry_after_secs }) => {
            let mut res = login_form(&ui, &form.uid, &next, Some((e.status_code(), "login-throttled")))?;
            res.headers_mut().insert(
                actix_web::http::header::RETRY_AFTER,
                actix_web::http::header::HeaderValue::from(retry_after_secs),
            );
            Ok(res)
        }
        Err(e @ AppError::Unavailable(_)) => {
            tracing::error!(error = %e, "sign-in could not be checked");
            login_form(&ui, &form.uid, &next, Some((e.status_code(), "login-unavailable")))
        }
        Err(e) => Err(e),
    }
}

/// Whom to count failed sign-ins against.
fn client_address(req: &HttpRequest, settings: &Settings) -> String {
    crate::web::client::address(req, settings.server.trust_forwarded_headers)
        .map_or_else(|| "unknown".to_string(), |a| a.to_string())
}

async fn logout(ui: Ui, db: web::Data<Db>) -> Result<HttpResponse, AppError> {
    if let Some(id) = session::sign_in_id(&ui.session) {
        db.run(move |conn| sign_ins::end(conn, &id)).await?;
    }
    session::sign_out(&ui.session);
    Ok(see_other("/login"))
}

#[derive(Deserialize)]
struct LanguageForm {
    lang: String,
    next: Option<String>,
}

/// Changes the language of the pages, and for a signed-in person their saved choice too (the
/// one their mail and the settings page go by): one language setting, not two that disagree.
async fn switch_language(
    ui: Ui,
    viewer: Option<super::Viewer>,
    db: web::Data<Db>,
    form: web::Form<LanguageForm>,
) -> Result<HttpResponse, AppError> {
    let locale = Locale::parse(&form.lang)?;
    session::set_lang(&ui.session, Some(locale));
    if let Some(super::Viewer(person)) = viewer {
        db.run(move |c| {
            use crate::db::schema::people;
            use diesel::prelude::*;
            diesel::update(people::table.find(person.id))
                .set(people::locale.eq(Some(locale.as_str())))
                .execute(c)?;
            Ok(())
        })
        .await?;
    }
    Ok(see_other(&local_path(form.next.as_deref())))
}
