//! `/api/v1/communities/{slug}/meetings`, `/api/v1/meetings/{id}` (and `.ics`), answers,
//! agenda suggestions, minutes' outcomes, and action items made tasks.

use actix_web::{HttpResponse, web};
use serde::Deserialize;

use super::service::{self, MeetingChange, MeetingInput, MeetingSummary, MeetingView, OutcomeInput, When};
use crate::auth::ApiViewer;
use crate::config::CurrentSettings;
use crate::db::Db;
use crate::domain::{
    Invalid, MeetingItem, MeetingText, MeetingTitle, OnlineLink, OutcomeKind, Place, RsvpAnswer, TimeZone, Uid,
    parse_due_date,
};
use crate::error::{AppError, Problem};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/communities/{slug}/meetings", web::get().to(list))
        .route("/communities/{slug}/meetings", web::post().to(create))
        // Before `/meetings/{id}`, which would take "7.ics" for an id.
        .route("/meetings/{id}.ics", web::get().to(ics))
        .route("/meetings/{id}", web::get().to(get))
        .route("/meetings/{id}", web::patch().to(update))
        .route("/meetings/{id}/rsvp", web::post().to(rsvp))
        .route("/meetings/{id}/suggestions", web::post().to(suggest))
        .route("/meetings/{id}/outcomes", web::post().to(add_outcome))
        .route("/meeting-outcomes/{id}/task", web::post().to(make_task));
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListQuery {
    /// `upcoming` (default: those not over, soonest first) or `past` (latest first).
    when: Option<String>,
}

/// A community's meetings.
#[utoipa::path(get, path = "/api/v1/communities/{slug}/meetings", tag = "meetings", params(("slug" = String, Path), ListQuery),
    responses((status = 200, body = Vec<MeetingSummary>), (status = 403, body = Problem), (status = 404, body = Problem)),
    security(("bearer" = [])))]
pub async fn list(
    viewer: ApiViewer,
    db: web::Data<Db>,
    slug: web::Path<String>,
    query: web::Query<ListQuery>,
) -> Result<HttpResponse, AppError> {
    let upcoming = match query.when.as_deref().map(str::trim) {
        None | Some("" | "upcoming") => true,
        Some("past") => false,
        Some(_) => return Err(Invalid::new("when", "unknown-value").into()),
    };
    let slug = slug.into_inner();
    let list = db
        .run(move |c| {
            let access = super::policy::load_community(c, &viewer.0, &slug)?;
            service::list(c, &access, upcoming)
        })
        .await?;
    Ok(HttpResponse::Ok().json(list))
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewMeetingJson {
    title: String,
    /// Wall-clock time in `time_zone`, `YYYY-MM-DDTHH:MM`.
    starts_at: String,
    /// Wall-clock time in `time_zone`, after `starts_at`.
    ends_at: String,
    /// IANA name, e.g. `Europe/Berlin`.
    time_zone: String,
    #[serde(default)]
    place: String,
    /// http or https.
    online_url: Option<String>,
    /// Markdown.
    #[serde(default)]
    agenda: String,
}

fn when(tz: &str, starts: &str, ends: &str) -> Result<When, AppError> {
    Ok(When::local(TimeZone::parse(tz)?, starts, ends)?)
}

/// Calls a meeting (members of a community with the meetings module on).
#[utoipa::path(post, path = "/api/v1/communities/{slug}/meetings", tag = "meetings", params(("slug" = String, Path)),
    request_body = NewMeetingJson,
    responses((status = 201, body = MeetingView), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub async fn create(
    viewer: ApiViewer,
    db: web::Data<Db>,
    slug: web::Path<String>,
    body: web::Json<NewMeetingJson>,
) -> Result<HttpResponse, AppError> {
    let b = body.into_inner();
    let input = MeetingInput {
        title: MeetingTitle::parse("title", &b.title)?,
        when: when(&b.time_zone, &b.starts_at, &b.ends_at)?,
        place: Place::parse("place", &b.place)?,
        online_url: OnlineLink::parse(b.online_url.as_deref().unwrap_or(""))?,
        agenda: MeetingText::parse("agenda", &b.agenda)?,
    };
    let slug = slug.into_inner();
    let meeting = db
        .run(move |c| {
            let id = service::create(c, &viewer.0, &slug, input)?;
            service::get(c, &viewer.0, id)
        })
        .await?;
    Ok(HttpResponse::Created().json(meeting))
}

/// A meeting with its agenda, answers, suggestions and minutes.
#[utoipa::path(get, path = "/api/v1/meetings/{id}", tag = "meetings", params(("id" = i64, Path)),
    responses((status = 200, body = MeetingView), (status = 404, body = Problem)),
    security(("bearer" = [])))]
pub async fn get(viewer: ApiViewer, db: web::Data<Db>, id: web::Path<i64>) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let meeting = db.run(move |c| service::get(c, &viewer.0, id)).await?;
    Ok(HttpResponse::Ok().json(meeting))
}

/// The meeting as an iCalendar file (RFC 5545), in its own time zone.
#[utoipa::path(get, path = "/api/v1/meetings/{id}.ics", tag = "meetings", params(("id" = i64, Path)),
    responses((status = 200, content_type = "text/calendar", body = String), (status = 404, body = Problem)),
    security(("bearer" = [])))]
pub async fn ics(
    viewer: ApiViewer,
    db: web::Data<Db>,
    settings: CurrentSettings,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let base = settings.server.public_url.clone();
    let body = db
        .run(move |c| super::feed::meeting_ics(c, &viewer.0, id, &base))
        .await?;
    Ok(super::routes::calendar_response(body, &format!("meeting-{id}.ics")))
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MeetingPatch {
    title: Option<String>,
    /// With `ends_at` and `time_zone`: all three or none.
    starts_at: Option<String>,
    ends_at: Option<String>,
    time_zone: Option<String>,
    place: Option<String>,
    /// `""` removes the link.
    online_url: Option<String>,
    agenda: Option<String>,
    /// Markdown, after the meeting.
    minutes: Option<String>,
}

/// Changes a meeting or writes its minutes (the organizer and the community's managers).
#[utoipa::path(patch, path = "/api/v1/meetings/{id}", tag = "meetings", params(("id" = i64, Path)),
    request_body = MeetingPatch,
    responses((status = 200, body = MeetingView), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub async fn update(
    viewer: ApiViewer,
    db: web::Data<Db>,
    id: web::Path<i64>,
    body: web::Json<MeetingPatch>,
) -> Result<HttpResponse, AppError> {
    let b = body.into_inner();
    let when = match (&b.starts_at, &b.ends_at, &b.time_zone) {
        (None, None, None) => None,
        (Some(s), Some(e), Some(tz)) => Some(when(tz, s, e)?),
        _ => return Err(Invalid::new("starts_at", "times-together").into()),
    };
    let change = MeetingChange {
        title: b
            .title
            .as_deref()
            .map(|t| MeetingTitle::parse("title", t))
            .transpose()?,
        when,
        place: b.place.as_deref().map(|p| Place::parse("place", p)).transpose()?,
        online_url: b.online_url.as_deref().map(OnlineLink::parse).transpose()?,
        agenda: b
            .agenda
            .as_deref()
            .map(|a| MeetingText::parse("agenda", a))
            .transpose()?,
        minutes: b
            .minutes
            .as_deref()
            .map(|a| MeetingText::parse("minutes", a))
            .transpose()?,
    };
    let id = id.into_inner();
    let meeting = db
        .run(move |c| {
            service::update(c, &viewer.0, id, change)?;
            service::get(c, &viewer.0, id)
        })
        .await?;
    Ok(HttpResponse::Ok().json(meeting))
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RsvpJson {
    /// yes, no or maybe
    answer: String,
}

/// Answers the invitation (members, until the meeting is over); a new answer replaces the old.
#[utoipa::path(post, path = "/api/v1/meetings/{id}/rsvp", tag = "meetings", params(("id" = i64, Path)),
    request_body = RsvpJson,
    responses((status = 200, body = MeetingView), (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub async fn rsvp(
    viewer: ApiViewer,
    db: web::Data<Db>,
    id: web::Path<i64>,
    body: web::Json<RsvpJson>,
) -> Result<HttpResponse, AppError> {
    let answer = RsvpAnswer::parse(&body.answer)?;
    let id = id.into_inner();
    let meeting = db
        .run(move |c| {
            service::rsvp(c, &viewer.0, id, answer)?;
            service::get(c, &viewer.0, id)
        })
        .await?;
    Ok(HttpResponse::Ok().json(meeting))
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SuggestionJson {
    /// 1 to 500 characters.
    text: String,
}

/// Suggests an agenda item (members).
#[utoipa::path(post, path = "/api/v1/meetings/{id}/suggestions", tag = "meetings", params(("id" = i64, Path)),
    request_body = SuggestionJson,
    responses((status = 201, body = MeetingView), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub async fn suggest(
    viewer: ApiViewer,
    db: web::Data<Db>,
    id: web::Path<i64>,
    body: web::Json<SuggestionJson>,
) -> Result<HttpResponse, AppError> {
    let text = MeetingItem::parse("text", &body.text)?;
    let id = id.into_inner();
    let meeting = db
        .run(move |c| {
            service::suggest(c, &viewer.0, id, text)?;
            service::get(c, &viewer.0, id)
        })
        .await?;
    Ok(HttpResponse::Created().json(meeting))
}

// Also the page's form, which carries its CSRF token: unknown fields are not refused here.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct OutcomeJson {
    /// decision or action
    kind: String,
    text: String,
    /// Action items: the member who does it (uid).
    assignee: Option<String>,
    /// Action items: `YYYY-MM-DD`.
    due_on: Option<String>,
}

impl OutcomeJson {
    pub fn parse(&self) -> Result<OutcomeInput, AppError> {
        let assignee = self
            .typed_assignee()
            .map(|u| Uid::parse(u).map_err(|_| Invalid::new("assignee", "unknown-person")))
            .transpose()?;
        self.parse_with_assignee(assignee)
    }

    /// The assignee as typed, if any.
    pub fn typed_assignee(&self) -> Option<&str> {
        self.assignee.as_deref().map(str::trim).filter(|s| !s.is_empty())
    }

    /// The outcome with the assignee already looked up (the page takes names).
    pub fn parse_with_assignee(&self, assignee: Option<Uid>) -> Result<OutcomeInput, AppError> {
        let given = |s: &Option<String>| {
            s.as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
        };
        Ok(OutcomeInput {
            kind: OutcomeKind::parse(&self.kind)?,
            text: MeetingItem::parse("text", &self.text)?,
            assignee,
            due_on: match given(&self.due_on) {
                Some(d) => parse_due_date(&d)?,
                None => None,
            },
        })
    }
}

/// Records a decision or an action item of the minutes (organizers).
#[utoipa::path(post, path = "/api/v1/meetings/{id}/outcomes", tag = "meetings", params(("id" = i64, Path)),
    request_body = OutcomeJson,
    responses((status = 201, body = MeetingView), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub async fn add_outcome(
    viewer: ApiViewer,
    db: web::Data<Db>,
    settings: CurrentSettings,
    id: web::Path<i64>,
    body: web::Json<OutcomeJson>,
) -> Result<HttpResponse, AppError> {
    let input = body.parse()?;
    let today = viewer.0.today(settings.i18n.default_timezone);
    let id = id.into_inner();
    let meeting = db
        .run(move |c| {
            service::add_outcome(c, &viewer.0, id, input, today)?;
            service::get(c, &viewer.0, id)
        })
        .await?;
    Ok(HttpResponse::Created().json(meeting))
}

/// Makes an action item a task of the community (organizers); answers with the task.
#[utoipa::path(post, path = "/api/v1/meeting-outcomes/{id}/task", tag = "meetings", params(("id" = i64, Path)),
    responses((status = 201, body = crate::tasks::service::TaskDetail), (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem)),
    security(("bearer" = [])))]
pub async fn make_task(
    viewer: ApiViewer,
    db: web::Data<Db>,
    settings: CurrentSettings,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let today = viewer.0.today(settings.i18n.default_timezone);
    let id = id.into_inner();
    let task = db
        .run(move |c| {
            let task = service::make_task(c, &viewer.0, id, today)?;
            crate::tasks::service::get(c, &viewer.0, task, today)
        })
        .await?;
    Ok(HttpResponse::Created().json(task))
}
