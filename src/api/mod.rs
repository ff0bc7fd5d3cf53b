//! `/api/v1`: JSON for scripts and integrations, described at `/api/v1/openapi.json`.

pub mod pagination;

use actix_web::{HttpResponse, web};
use utoipa::openapi::content::{Content, ContentBuilder};
use utoipa::openapi::path::{Operation, ParameterIn};
use utoipa::openapi::response::{Response, ResponseBuilder};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::{Ref, RefOr};
use utoipa::{Modify, OpenApi};

use crate::{
    amas, communities, digest, feed, meetings, moderation, notifications, people, polls, posts, qa, search, status,
    tasks, topics,
};

#[derive(OpenApi)]
#[openapi(
    info(title = "Allmende API", version = "1", description = "Lists return `{items, next_cursor, total}` and take `limit` (1-200, default 50) and `cursor`. Errors are RFC 9457 problem bodies with a stable `code`. Authenticate with `Authorization: Bearer <token>` (`allmende token create`)."),
    paths(
        people::api::me,
        people::api::list,
        people::api::get,
        communities::api::list,
        communities::api::create,
        communities::api::get,
        communities::api::update,
        communities::api::join,
        communities::api::leave,
        communities::api::members,
        communities::api::invite,
        communities::api::change_member,
        communities::api::remove_member,
        posts::api::list,
        posts::api::create,
        posts::api::get,
        posts::api::update,
        posts::api::delete,
        posts::api::comment,
        posts::api::update_comment,
        posts::api::delete_comment,
        posts::api::react_post,
        posts::api::react_comment,
        feed::get,
        moderation::api::create,
        moderation::api::queue,
        moderation::api::admin_queue,
        moderation::api::decide,
        notifications::api::list,
        notifications::api::read,
        search::api::search,
        topics::api::trending,
        topics::api::posts,
        topics::api::follow,
        topics::api::unfollow,
        tasks::api::list,
        tasks::api::create,
        tasks::api::get,
        tasks::api::update,
        tasks::api::delete,
        tasks::api::comment,
        tasks::api::mine,
        status::api::list,
        crate::kpi::api::community,
        crate::privacy::api::me_export,
        crate::kpi::api::organization,
        status::api::create,
        status::api::rollup,
        polls::api::list,
        polls::api::create,
        polls::api::get,
        polls::api::update,
        polls::api::vote,
        meetings::api::list,
        meetings::api::create,
        meetings::api::get,
        meetings::api::update,
        meetings::api::ics,
        meetings::api::rsvp,
        meetings::api::suggest,
        meetings::api::add_outcome,
        meetings::api::make_task,
        amas::api::list,
        amas::api::create,
        amas::api::get,
        amas::api::update,
        amas::api::questions_list,
        amas::api::ask,
        amas::api::question,
        amas::api::withdraw,
        amas::api::vote,
        amas::api::unvote,
        amas::api::answer,
        amas::api::edit_answer,
        amas::api::moderate,
        amas::api::comment,
        qa::api::list,
        qa::api::ask,
        qa::api::vote_question,
        qa::api::unvote_question,
        qa::api::vote_answer,
        qa::api::unvote_answer,
        qa::api::accept,
        qa::api::unaccept,
        digest::api::get,
        digest::api::put,
        digest::api::preview,
        crate::newsletters::api::list,
        crate::newsletters::api::create,
        crate::newsletters::api::get,
        crate::newsletters::api::update,
        crate::newsletters::api::delete,
        crate::newsletters::api::send,
        crate::newsletters::api::test,
        crate::digest::unsubscribe::confirm,
        crate::digest::unsubscribe::unsubscribe,
    ),
    components(schemas(crate::error::Problem)),
    modifiers(&BearerAuth, &ProblemResponses),
    tags((name = "people"), (name = "communities"), (name = "posts"), (name = "topics"), (name = "moderation"), (name = "notifications"), (name = "search"), (name = "tasks"), (name = "status"), (name = "polls"), (name = "meetings"), (name = "amas"), (name = "qa"), (name = "newsletters"), (name = "mail"), (name = "kpi"))
)]
pub struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        if let Some(components) = openapi.components.as_mut() {
            components.add_security_scheme(
                "bearer",
                SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
            );
        }
    }
}

/// The error answers every operation can give, whatever its handler lists: 401 where a token is
/// needed, 400 (unreadable JSON or query string) and 422 (a value out of bounds, a path's user
/// name among them) where it takes input, 404 where its path names something. And problem bodies are `application/problem+json`,
/// as the server sends them, not the `application/json` utoipa assumes.
struct ProblemResponses;

impl Modify for ProblemResponses {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        for item in openapi.paths.paths.values_mut() {
            let operations = [
                &mut item.get,
                &mut item.put,
                &mut item.post,
                &mut item.delete,
                &mut item.patch,
            ];
            for operation in operations.into_iter().flatten() {
                document_problems(operation);
            }
        }
    }
}

fn document_problems(operation: &mut Operation) {
    let takes = |place: ParameterIn| {
        operation
            .parameters
            .iter()
            .flatten()
            .any(|p| matches!(p, RefOr::T(p) if p.parameter_in == place))
    };
    let secured = operation.security.as_ref().is_some_and(|s| !s.is_empty());
    let input = operation.request_body.is_some() || takes(ParameterIn::Query) || takes(ParameterIn::Path);
    let generic = [
        (
            secured,
            "401",
            "No token, or one that is unknown, expired or of a deactivated person",
        ),
        (
            input,
            "400",
            "The request could not be read: malformed JSON or query string",
        ),
        (
            input,
            "422",
            "A value is out of bounds; `field` and `reason` say which and why",
        ),
        (
            takes(ParameterIn::Path),
            "404",
            "Not found, or not visible to the caller",
        ),
    ];
    for (applies, status, description) in generic {
        if applies {
            operation
                .responses
                .responses
                .entry(status.to_string())
                .or_insert_with(|| RefOr::T(problem(description)));
        }
    }
    for response in operation.responses.responses.values_mut() {
        if let RefOr::T(response) = response {
            response.content = std::mem::take(&mut response.content)
                .into_iter()
                .map(|(media, content)| match is_problem(&content) {
                    true => (PROBLEM_JSON.to_string(), content),
                    false => (media, content),
                })
                .collect();
        }
    }
}

const PROBLEM_JSON: &str = "application/problem+json";

fn problem(description: &str) -> Response {
    ResponseBuilder::new()
        .description(description)
        .content(
            PROBLEM_JSON,
            ContentBuilder::new()
                .schema(Some(Ref::from_schema_name("Problem")))
                .build(),
        )
        .build()
}

fn is_problem(content: &RefOr<Content>) -> bool {
    matches!(content, RefOr::T(Content { schema: Some(RefOr::Ref(r)), .. }) if r.ref_location.ends_with("/Problem"))
}

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::scope("/api/v1")
            .route("/openapi.json", web::get().to(openapi_json))
            .configure(people::api::configure)
            .configure(communities::api::configure)
            .configure(posts::api::configure)
            .configure(topics::api::configure)
            .configure(feed::configure_api)
            .configure(moderation::api::configure)
            .configure(notifications::api::configure)
            .configure(search::api::configure)
            .configure(tasks::api::configure)
            .configure(status::api::configure)
            .configure(polls::api::configure)
            .configure(meetings::api::configure)
            .configure(amas::api::configure)
            .configure(qa::api::configure)
            .configure(digest::api::configure)
            .configure(crate::newsletters::api::configure)
            .configure(crate::kpi::api::configure)
            .configure(crate::privacy::api::configure),
    );
}

async fn openapi_json() -> HttpResponse {
    HttpResponse::Ok().json(ApiDoc::openapi())
}
