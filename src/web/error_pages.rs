//! Turns errors on page routes into pages in the layout (or a redirect to sign in);
//! API routes keep the JSON problem body that `AppError` produces.

use actix_web::body::{BoxBody, EitherBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::StatusCode;
use actix_web::middleware::Next;
use actix_web::{HttpRequest, HttpResponse, ResponseError};

use super::{Ui, see_other};
use crate::error::AppError;
use crate::i18n;

pub async fn render(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<EitherBody<BoxBody>>, actix_web::Error> {
    let is_api = req.path().starts_with("/api/") || req.path() == "/metrics";
    // The request must not be cloned before routing (actix needs it unshared then).
    let res = next.call(req).await?.map_into_boxed_body();
    if is_api || res.status().as_u16() < 400 {
        return Ok(res.map_into_left_body());
    }
    // Only errors are replaced: pages that render their own 4xx (a refused sign-in) stay.
    let Some(error) = res.response().error() else {
        return Ok(res.map_into_left_body());
    };
    let http_req = res.request().clone();
    let page = match error.as_error::<AppError>() {
        Some(AppError::Unauthenticated) => {
            let next = match http_req.query_string() {
                "" => http_req.path().to_string(),
                q => format!("{}?{q}", http_req.path()),
            };
            see_other(&format!(
                "/login?next={}",
                url::form_urlencoded::byte_serialize(next.as_bytes()).collect::<String>()
            ))
        }
        Some(err) => error_page(&http_req, err.status_code(), err.code(), Some(err)),
        None => {
            let status = res.status();
            let code = match status {
                StatusCode::NOT_FOUND => "not-found",
                s if s.is_client_error() => "bad-request",
                _ => "internal",
            };
            error_page(&http_req, status, code, None)
        }
    };
    Ok(ServiceResponse::new(http_req, page)
        .map_into_boxed_body()
        .map_into_left_body())
}

/// The message a person reads for an error, in their language.
pub fn error_message(ui: &Ui, err: &AppError) -> String {
    match err {
        AppError::Invalid(inv) => i18n::t_args(
            ui.lang,
            &format!("invalid-{}", inv.code),
            &[("field", i18n::t(ui.lang, &format!("field-{}", inv.field)).into())],
        ),
        other => code_message(ui, other.code()),
    }
}

fn code_message(ui: &Ui, code: &str) -> String {
    let key = format!("error-{code}");
    i18n::t(
        ui.lang,
        if i18n::has(ui.lang, &key) {
            &key
        } else {
            "error-internal"
        },
    )
}

fn error_page(req: &HttpRequest, status: StatusCode, code: &str, err: Option<&AppError>) -> HttpResponse {
    let rendered = Ui::from_http(req).and_then(|ui| {
        let mut ctx = ui.context();
        ctx.insert("status", &status.as_u16());
        ctx.insert("code", code);
        ctx.insert(
            "message",
            &err.map(|e| error_message(&ui, e))
                .unwrap_or_else(|| code_message(&ui, code)),
        );
        ui.render_status(status, "error.html", &ctx)
    });
    // The error page itself failing must not hide the original status.
    rendered.unwrap_or_else(|e| {
        tracing::error!(error = %e, "rendering the error page failed");
        HttpResponse::build(status)
            .content_type("text/plain; charset=utf-8")
            .body(status.to_string())
    })
}
