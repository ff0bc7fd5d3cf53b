//! `/api/v1/search`

use actix_web::{HttpResponse, web};
use serde::Deserialize;

use super::service::{self, Results};
use crate::api::pagination::PageParams;
use crate::auth::ApiViewer;
use crate::db::Db;
use crate::error::{AppError, Problem};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/search", web::get().to(search));
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SearchQuery {
    /// Words to find, in any form (German and English); any characters are fine.
    q: Option<String>,
    limit: Option<String>,
    cursor: Option<String>,
}

/// Posts, comments and communities matching the words (ranked), and people by name — only what
/// the caller may see.
#[utoipa::path(get, path = "/api/v1/search", tag = "search", params(SearchQuery),
    responses((status = 200, body = Results), (status = 401, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub async fn search(
    viewer: ApiViewer,
    db: web::Data<Db>,
    query: web::Query<SearchQuery>,
) -> Result<HttpResponse, AppError> {
    let query = query.into_inner();
    let page = PageParams {
        limit: query.limit,
        cursor: query.cursor,
    }
    .parse()?;
    let q = query.q.unwrap_or_default();
    let results = db.run(move |c| service::search(c, &viewer.0, &q, &page)).await?;
    Ok(HttpResponse::Ok().json(results))
}
