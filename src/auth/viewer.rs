use std::future::Future;
use std::pin::Pin;

use actix_session::SessionExt;
use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{FromRequest, HttpRequest, web};

use super::{session, sign_ins, tokens};
use crate::db::Db;
use crate::db::models::Person;
use crate::error::AppError;

/// The signed-in person of a page request (session cookie). Missing or deactivated:
/// `Unauthenticated`, which pages turn into a redirect to the sign-in page.
pub struct Viewer(pub Person);

/// A signed-in administrator. Anyone else gets `NotFound`: admin pages do not admit they exist.
pub struct Admin(pub Person);

impl FromRequest for Admin {
    type Error = AppError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, AppError>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let viewer = Viewer::from_request(req, payload);
        Box::pin(async move {
            let Viewer(person) = viewer.await?;
            if person.is_admin {
                Ok(Admin(person))
            } else {
                Err(AppError::NotFound)
            }
        })
    }
}

/// The person behind an API request (`Authorization: Bearer …`). Cookies are not accepted
/// here, which keeps the API free of CSRF concerns.
pub struct ApiViewer(pub Person);

fn db_of(req: &HttpRequest) -> Result<Db, AppError> {
    req.app_data::<web::Data<Db>>()
        .map(|d| d.get_ref().clone())
        .ok_or_else(|| AppError::internal(anyhow::anyhow!("database not configured")))
}

impl FromRequest for Viewer {
    type Error = AppError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, AppError>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let session = req.get_session();
        let db = db_of(req);
        let limits = req
            .app_data::<web::Data<crate::config::LiveSettings>>()
            .map(|s| sign_ins::Lifetimes::from(&s.file().session));
        Box::pin(async move {
            let id = session::sign_in_id(&session).ok_or(AppError::Unauthenticated)?;
            let limits = limits.ok_or_else(|| AppError::internal(anyhow::anyhow!("settings not configured")))?;
            let person = db?.run(move |conn| sign_ins::resume(conn, &id, limits)).await?;
            match person {
                Some(p) => Ok(Viewer(p)),
                None => {
                    session::sign_out(&session);
                    Err(AppError::Unauthenticated)
                }
            }
        })
    }
}

impl FromRequest for ApiViewer {
    type Error = AppError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, AppError>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let token = req
            .headers()
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer ").or_else(|| v.strip_prefix("bearer ")))
            .map(|t| t.trim().to_string());
        let db = db_of(req);
        Box::pin(async move {
            let token = token.ok_or(AppError::Unauthenticated)?;
            let person = db?.run(move |conn| tokens::authenticate(conn, &token)).await?;
            person.map(ApiViewer).ok_or(AppError::Unauthenticated)
        })
    }
}
