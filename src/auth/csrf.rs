//! CSRF protection for every state-changing page request, in one place: a middleware
//! that checks the Origin header and the form's `csrf_token` against the session.
//! The API is exempt because it accepts bearer tokens only, never cookies; so are signed
//! unsubscribe links.

use actix_session::SessionExt;
use actix_web::HttpMessage;
use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::{Method, header};
use actix_web::middleware::Next;
use actix_web::web::{Bytes, BytesMut};
use subtle::ConstantTimeEq;

use super::session;
use crate::error::AppError;

pub const FIELD: &str = "csrf_token";

pub async fn protect<B: MessageBody>(
    mut req: ServiceRequest,
    next: Next<B>,
) -> Result<ServiceResponse<EitherBody<B>>, actix_web::Error> {
    let safe = matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    // Unsubscribe links act for the person their signature names, without a session to abuse;
    // mail providers post to them (RFC 8058) without cookies or tokens.
    if safe || req.path().starts_with("/api/") || req.path().starts_with("/mail/unsubscribe/") {
        return Ok(next.call(req).await?.map_into_left_body());
    }
    // Refusals are responses (not Err) so the error page middleware can render them.
    let refuse = |req: ServiceRequest, e: AppError| Ok(req.error_response(e).map_into_right_body());
    if !same_origin(&req) {
        return refuse(req, AppError::Csrf);
    }
    let is_form = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| ct.starts_with("application/x-www-form-urlencoded"));
    if !is_form {
        return refuse(req, AppError::Csrf);
    }
    let body = match read_body(&mut req).await {
        Ok(b) => b,
        Err(e) => return refuse(req, e),
    };
    let sent = form_urlencoded_field(&body, FIELD);
    let expected = session::stored_csrf_token(&req.get_session());
    let valid = match (sent, expected) {
        (Some(s), Some(e)) => bool::from(s.as_bytes().ct_eq(e.as_bytes())),
        _ => false,
    };
    if !valid {
        return refuse(req, AppError::Csrf);
    }
    req.set_payload(actix_web::dev::Payload::from(body));
    Ok(next.call(req).await?.map_into_left_body())
}

/// A browser sends Origin on cross-site POSTs; when present it must be our own host.
fn same_origin(req: &ServiceRequest) -> bool {
    let Some(origin) = req.headers().get(header::ORIGIN).and_then(|v| v.to_str().ok()) else {
        return true;
    };
    let trusted = req
        .app_data::<actix_web::web::Data<crate::config::LiveSettings>>()
        .is_some_and(|s| s.file().server.trust_forwarded_headers);
    let host = crate::web::client::host(req.request(), trusted);
    url::Url::parse(origin)
        .ok()
        .and_then(|u| {
            u.host_str().map(|h| match u.port() {
                Some(p) => format!("{h}:{p}"),
                None => h.to_string(),
            })
        })
        .is_some_and(|o| o == host)
}

async fn read_body(req: &mut ServiceRequest) -> Result<Bytes, AppError> {
    use futures_util::StreamExt;
    let limit = req
        .app_data::<actix_web::web::Data<crate::config::LiveSettings>>()
        .map(|s| s.file().server.body_limit_bytes)
        .unwrap_or(256 * 1024);
    let mut payload = req.take_payload();
    let mut body = BytesMut::new();
    while let Some(chunk) = payload.next().await {
        let chunk = chunk.map_err(|e| AppError::bad_request(format!("the form could not be read: {e}")))?;
        if body.len() + chunk.len() > limit {
            return Err(AppError::bad_request("the form is too large"));
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body.freeze())
}

fn form_urlencoded_field(body: &[u8], name: &str) -> Option<String> {
    url::form_urlencoded::parse(body)
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.into_owned())
}
