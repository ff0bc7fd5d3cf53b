//! `/api/v1/communities…`

use actix_web::{HttpResponse, web};
use serde::{Deserialize, Serialize};

use super::members::{self, MemberChange};
use super::policy;
use super::service::{self, CommunityDetail, CommunitySummary, ListFilter, MemberSummary, NewCommunityInput};
use super::settings::{self, CommunityChange};
use crate::api::pagination::{PageParams, Paged};
use crate::auth::ApiViewer;
use crate::config::CurrentSettings;
use crate::db::Db;
use crate::domain::{
    CommunityKind, CommunityName, CommunitySlug, Description, JoinPolicy, MembershipState, Module, Modules, Role, Uid,
    Visibility,
};
use crate::error::{AppError, Problem};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/communities", web::get().to(list))
        .route("/communities", web::post().to(create))
        .route("/communities/{slug}", web::get().to(get))
        .route("/communities/{slug}", web::patch().to(update))
        .route("/communities/{slug}/join", web::post().to(join))
        .route("/communities/{slug}/leave", web::post().to(leave))
        .route("/communities/{slug}/members", web::get().to(members))
        .route("/communities/{slug}/members", web::post().to(invite))
        .route("/communities/{slug}/members/{uid}", web::patch().to(change_member))
        .route("/communities/{slug}/members/{uid}", web::delete().to(remove_member));
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListQuery {
    /// organization, department, project or interest
    kind: Option<String>,
    /// Text contained in name or slug.
    q: Option<String>,
    limit: Option<String>,
    cursor: Option<String>,
}

/// Communities the caller may see.
#[utoipa::path(get, path = "/api/v1/communities", tag = "communities", params(ListQuery),
    responses((status = 200, body = Paged<CommunitySummary>), (status = 401, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub async fn list(
    viewer: ApiViewer,
    db: web::Data<Db>,
    query: web::Query<ListQuery>,
) -> Result<HttpResponse, AppError> {
    let query = query.into_inner();
    let kind = query.kind.as_deref().map(CommunityKind::parse).transpose()?;
    let page = PageParams {
        limit: query.limit,
        cursor: query.cursor,
    }
    .parse()?;
    let filter = ListFilter { kind, query: query.q };
    let list = db.run(move |c| service::list(c, &viewer.0, &filter, &page)).await?;
    Ok(HttpResponse::Ok().json(list))
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateCommunity {
    /// 3 to 80 characters, unique regardless of case.
    name: String,
    /// Made from the name when left out.
    slug: Option<String>,
    /// project or interest
    kind: String,
    /// Markdown, at most 10,000 characters.
    #[serde(default)]
    description: String,
    /// public (default), private or secret
    visibility: Option<String>,
    /// open (default), request or invite
    join_policy: Option<String>,
}

impl CreateCommunity {
    fn parse(self) -> Result<NewCommunityInput, AppError> {
        Ok(NewCommunityInput {
            name: CommunityName::parse("name", &self.name)?,
            slug: self.slug.as_deref().map(CommunitySlug::parse).transpose()?,
            kind: CommunityKind::parse(&self.kind)?,
            description: Description::parse("description", &self.description)?,
            visibility: self
                .visibility
                .as_deref()
                .map(Visibility::parse)
                .transpose()?
                .unwrap_or(Visibility::Public),
            join_policy: self
                .join_policy
                .as_deref()
                .map(JoinPolicy::parse)
                .transpose()?
                .unwrap_or(JoinPolicy::Open),
        })
    }
}

/// Starts a project or interest community with the caller as manager.
#[utoipa::path(post, path = "/api/v1/communities", tag = "communities", request_body = CreateCommunity,
    responses((status = 201, body = CommunityDetail), (status = 400, body = Problem), (status = 401, body = Problem),
        (status = 403, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub async fn create(
    viewer: ApiViewer,
    db: web::Data<Db>,
    settings: CurrentSettings,
    body: web::Json<CreateCommunity>,
) -> Result<HttpResponse, AppError> {
    let input = body.into_inner().parse()?;
    let rules = settings.communities.clone();
    let detail = db
        .run(move |c| {
            service::may_create(&viewer.0, input.kind, &rules)?;
            let community = service::create(c, &viewer.0, input)?;
            let access = policy::load(c, &viewer.0, &community.slug)?;
            Ok(service::detail(&access))
        })
        .await?;
    Ok(HttpResponse::Created()
        .insert_header(("Location", format!("/api/v1/communities/{}", detail.summary.slug)))
        .json(detail))
}

/// One community; secret communities are 404 for non-members.
#[utoipa::path(get, path = "/api/v1/communities/{slug}", tag = "communities",
    params(("slug" = String, Path)),
    responses((status = 200, body = CommunityDetail), (status = 401, body = Problem), (status = 404, body = Problem)),
    security(("bearer" = [])))]
pub async fn get(viewer: ApiViewer, db: web::Data<Db>, slug: web::Path<String>) -> Result<HttpResponse, AppError> {
    let slug = slug.into_inner();
    let detail = db
        .run(move |c| {
            let access = policy::load(c, &viewer.0, &slug)?;
            Ok(service::detail(&access))
        })
        .await?;
    Ok(HttpResponse::Ok().json(detail))
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct JoinResult {
    /// `active`, or `requested` when the community admits on request.
    state: MembershipState,
}

/// Joins, or asks to join; repeating it changes nothing.
#[utoipa::path(post, path = "/api/v1/communities/{slug}/join", tag = "communities",
    params(("slug" = String, Path)),
    responses((status = 200, body = JoinResult), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem)),
    security(("bearer" = [])))]
pub async fn join(viewer: ApiViewer, db: web::Data<Db>, slug: web::Path<String>) -> Result<HttpResponse, AppError> {
    let slug = slug.into_inner();
    let state = db.run(move |c| service::join(c, &viewer.0, &slug)).await?;
    Ok(HttpResponse::Ok().json(JoinResult { state }))
}

/// Leaves, or withdraws a request; the last manager cannot leave.
#[utoipa::path(post, path = "/api/v1/communities/{slug}/leave", tag = "communities",
    params(("slug" = String, Path)),
    responses((status = 204), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 409, body = Problem)),
    security(("bearer" = [])))]
pub async fn leave(viewer: ApiViewer, db: web::Data<Db>, slug: web::Path<String>) -> Result<HttpResponse, AppError> {
    let slug = slug.into_inner();
    db.run(move |c| service::leave(c, &viewer.0, &slug)).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Active members; for private and secret communities only members may list them.
#[utoipa::path(get, path = "/api/v1/communities/{slug}/members", tag = "communities",
    params(("slug" = String, Path), PageParams),
    responses((status = 200, body = Paged<MemberSummary>), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem)),
    security(("bearer" = [])))]
pub async fn members(
    viewer: ApiViewer,
    db: web::Data<Db>,
    slug: web::Path<String>,
    page: web::Query<PageParams>,
) -> Result<HttpResponse, AppError> {
    let slug = slug.into_inner();
    let page = page.parse()?;
    let list = db
        .run(move |c| {
            let access = policy::load(c, &viewer.0, &slug)?;
            service::members(c, &access, &page)
        })
        .await?;
    Ok(HttpResponse::Ok().json(list))
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Invitation {
    uid: String,
}

/// Invites a person (managers); someone who asked to join is let in.
#[utoipa::path(post, path = "/api/v1/communities/{slug}/members", tag = "communities", params(("slug" = String, Path)),
    request_body = Invitation,
    responses((status = 200, body = MembershipState), (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub async fn invite(
    viewer: ApiViewer,
    db: web::Data<Db>,
    slug: web::Path<String>,
    body: web::Json<Invitation>,
) -> Result<HttpResponse, AppError> {
    let uid = Uid::parse(&body.uid)?;
    let slug = slug.into_inner();
    let state = db.run(move |c| members::invite(c, &viewer.0, &slug, &uid)).await?;
    Ok(HttpResponse::Ok().json(serde_json::json!({ "state": state })))
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MemberPatch {
    /// manager, moderator or member
    role: Option<String>,
    /// active (approve a request, lift a ban) or banned
    state: Option<String>,
}

/// Changes a member's role, approves a request, bans or lifts a ban (managers). A community
/// always keeps one manager.
#[utoipa::path(patch, path = "/api/v1/communities/{slug}/members/{uid}", tag = "communities",
    params(("slug" = String, Path), ("uid" = String, Path)), request_body = MemberPatch,
    responses((status = 204), (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub async fn change_member(
    viewer: ApiViewer,
    db: web::Data<Db>,
    path: web::Path<(String, String)>,
    body: web::Json<MemberPatch>,
) -> Result<HttpResponse, AppError> {
    let (slug, uid) = path.into_inner();
    let uid = Uid::parse(&uid)?;
    let change = match (&body.role, &body.state) {
        (Some(role), None) => MemberChange::Role(Role::parse(role)?),
        (None, Some(state)) => MemberChange::State(MembershipState::parse(state)?),
        _ => return Err(crate::domain::Invalid::new("role", "required").into()),
    };
    db.run(move |c| members::change(c, &viewer.0, &slug, &uid, change))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Removes a member, or declines a request or an invitation (managers).
#[utoipa::path(delete, path = "/api/v1/communities/{slug}/members/{uid}", tag = "communities",
    params(("slug" = String, Path), ("uid" = String, Path)),
    responses((status = 204), (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem)),
    security(("bearer" = [])))]
pub async fn remove_member(
    viewer: ApiViewer,
    db: web::Data<Db>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let (slug, uid) = path.into_inner();
    let uid = Uid::parse(&uid)?;
    db.run(move |c| members::remove(c, &viewer.0, &slug, &uid)).await?;
    Ok(HttpResponse::NoContent().finish())
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CommunityPatch {
    name: Option<String>,
    /// Markdown.
    description: Option<String>,
    /// Markdown, shown to people before they join.
    code_of_conduct: Option<String>,
    /// public, private or secret
    visibility: Option<String>,
    /// open, request or invite
    join_policy: Option<String>,
    /// Archived communities are read-only.
    archived: Option<bool>,
    /// The modules on besides the blog (all of them: those left out are switched off), e.g. `["tasks"]`.
    modules: Option<Vec<String>>,
    /// Projects: the department running it (name or directory key; `""`: none). Its roll-up lists the project.
    department: Option<String>,
}

/// Changes a community's settings (managers).
#[utoipa::path(patch, path = "/api/v1/communities/{slug}", tag = "communities", params(("slug" = String, Path)),
    request_body = CommunityPatch,
    responses((status = 200, body = CommunityDetail), (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub async fn update(
    viewer: ApiViewer,
    db: web::Data<Db>,
    slug: web::Path<String>,
    body: web::Json<CommunityPatch>,
) -> Result<HttpResponse, AppError> {
    let b = body.into_inner();
    let change = CommunityChange {
        name: b.name.as_deref().map(|n| CommunityName::parse("name", n)).transpose()?,
        description: b
            .description
            .as_deref()
            .map(|d| Description::parse("description", d))
            .transpose()?,
        code_of_conduct: b
            .code_of_conduct
            .as_deref()
            .map(|d| Description::parse("code_of_conduct", d))
            .transpose()?,
        visibility: b.visibility.as_deref().map(Visibility::parse).transpose()?,
        join_policy: b.join_policy.as_deref().map(JoinPolicy::parse).transpose()?,
        archived: b.archived,
        modules: b
            .modules
            .map(|names| names.iter().map(|m| Module::parse(m)).collect::<Result<Vec<_>, _>>())
            .transpose()?
            .map(Modules::of),
        department: b.department,
    };
    let slug = slug.into_inner();
    let detail = db.run(move |c| settings::update(c, &viewer.0, &slug, change)).await?;
    Ok(HttpResponse::Ok().json(detail))
}
