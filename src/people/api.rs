//! `/api/v1/me` and `/api/v1/people…`

use actix_web::{HttpResponse, web};
use serde::{Deserialize, Serialize};

use super::service::{self, PeopleFilter, PersonProfile, PersonSummary};
use crate::api::pagination::{PageParams, Paged};
use crate::auth::ApiViewer;
use crate::db::Db;
use crate::error::{AppError, Problem};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/me", web::get().to(me))
        .route("/people", web::get().to(list))
        .route("/people/{uid}", web::get().to(get));
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Me {
    #[serde(flatten)]
    person: PersonSummary,
    is_admin: bool,
    /// `de`, `en`, or null to follow the browser.
    locale: Option<String>,
    timezone: Option<String>,
}

/// The caller.
#[utoipa::path(get, path = "/api/v1/me", tag = "people",
    responses((status = 200, body = Me), (status = 401, body = Problem)), security(("bearer" = [])))]
pub async fn me(viewer: ApiViewer, db: web::Data<Db>) -> Result<HttpResponse, AppError> {
    let person = viewer.0;
    let profile = {
        let p = person.clone();
        db.run(move |c| service::profile(c, &p, &p.uid)).await?
    };
    Ok(HttpResponse::Ok().json(Me {
        person: profile.person,
        is_admin: person.is_admin,
        locale: person.locale.map(|l| l.as_str().to_string()),
        timezone: person.timezone.map(|t| t.name().to_string()),
    }))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListQuery {
    /// Text contained in name, uid or mail.
    q: Option<String>,
    /// Department name or directory key.
    department: Option<String>,
    /// `true` (default): active people; `false`: people who left; `all`: both.
    active: Option<String>,
    limit: Option<String>,
    cursor: Option<String>,
}

/// People by name (active ones unless `active` says otherwise).
#[utoipa::path(get, path = "/api/v1/people", tag = "people", params(ListQuery),
    responses((status = 200, body = Paged<PersonSummary>), (status = 401, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub async fn list(
    _viewer: ApiViewer,
    db: web::Data<Db>,
    query: web::Query<ListQuery>,
) -> Result<HttpResponse, AppError> {
    let query = query.into_inner();
    let page = PageParams {
        limit: query.limit,
        cursor: query.cursor,
    }
    .parse()?;
    let active = match query.active.as_deref().map(str::trim) {
        None | Some("") | Some("true") => Some(true),
        Some("false") => Some(false),
        Some("all") => None,
        Some(_) => return Err(crate::domain::Invalid::new("active", "unknown-value").into()),
    };
    let filter = PeopleFilter {
        query: query.q,
        department: query.department,
        active,
        ..Default::default()
    };
    let list = db.run(move |c| service::list(c, &filter, &page)).await?;
    Ok(HttpResponse::Ok().json(list))
}

/// One person, with the communities the caller may see them in.
#[utoipa::path(get, path = "/api/v1/people/{uid}", tag = "people", params(("uid" = String, Path)),
    responses((status = 200, body = PersonProfile), (status = 401, body = Problem), (status = 404, body = Problem)),
    security(("bearer" = [])))]
pub async fn get(viewer: ApiViewer, db: web::Data<Db>, uid: web::Path<String>) -> Result<HttpResponse, AppError> {
    let uid = uid.into_inner();
    let profile = db.run(move |c| service::profile(c, &viewer.0, &uid)).await?;
    Ok(HttpResponse::Ok().json(profile))
}
