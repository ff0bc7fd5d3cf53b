//! Headers every answer carries, error pages included, and `HEAD` for every page.

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::Method;
use actix_web::http::header::{self, HeaderValue};
use actix_web::middleware::Next;

/// Pages load only our own scripts, styles and images: markdown is sanitised, and should
/// anything slip through, the browser still runs nothing foreign.
const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
                   object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

/// Sets the security headers on whatever the inner layers answered (so this wraps the error
/// pages), and `Cache-Control: no-store` on everything but the static files: pages and API
/// answers are someone's view of the intranet, which no shared cache or back button should keep.
/// A `HEAD` is answered as the `GET` it asks about (the server sends no body for it).
pub async fn secure(
    mut req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    if req.method() == Method::HEAD {
        req.head_mut().method = Method::GET;
    }
    let cacheable = req.path().starts_with("/static/");
    let mut res = next.call(req).await?;
    let headers = res.headers_mut();
    for (name, value) in [
        (header::CONTENT_SECURITY_POLICY, CSP),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::REFERRER_POLICY, "same-origin"),
    ] {
        if !headers.contains_key(&name) {
            headers.insert(name, HeaderValue::from_static(value));
        }
    }
    if !cacheable {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    Ok(res)
}
