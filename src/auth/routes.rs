//! Sign-in, sign-out and the language switch for people not signed in.

use std::sync::Arc;

use actix_web::{HttpRequest, HttpResponse, ResponseError, web};
use serde::Deserialize;

use super::{Authenticator, session, throttle};
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
    let outcome = db
        .run(move |conn| {
            throttle::check(conn, &limits, &acct, &address)?;
            let person = auth.authenticate(conn, &acct, &password)?;
            throttle::record(conn, &acct, &address, person.is_some())?;
            if let Some(p) = &person {
                NewAuditEntry::record(
                    conn,
                    Some(p.id),
                    "session.sign-in",
                    ("person", &p.uid),
                    serde_json::json!({}),
                )?;
            }
            Ok(person)
        })
        .await;
    match outcome {
        Ok(Some(person)) => {
            tracing::info!(uid = %person.uid, "signed in");
            session::sign_in(&ui.session, &person);
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

/// Whom to count failed sign-ins against: the peer, or the proxy's word for it when trusted.
fn client_address(req: &HttpRequest, settings: &Settings) -> String {
    if settings.server.trust_forwarded_headers {
        req.connection_info()
            .realip_remote_addr()
            .unwrap_or("unknown")
            .to_string()
    } else {
        req.peer_addr()
            .map(|a| a.ip().to_string())
            .unwrap_or_else(|| "unknown".into())
    }
}

async fn logout(ui: Ui) -> HttpResponse {
    session::sign_out(&ui.session);
    see_other("/login")
}

#[derive(Deserialize)]
struct LanguageForm {
    lang: String,
    next: Option<String>,
}

/// Changes the language of this session only; the saved setting is on the settings page.
async fn switch_language(ui: Ui, form: web::Form<LanguageForm>) -> Result<HttpResponse, AppError> {
    let locale = Locale::parse(&form.lang)?;
    session::set_lang(&ui.session, Some(locale));
    Ok(see_other(&local_path(form.next.as_deref())))
}
