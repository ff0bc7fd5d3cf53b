//! Meeting pages: a community's meetings and calendar link, calling and changing a meeting,
//! answering, suggesting agenda items, minutes with decisions and action items; calendar files.

use actix_web::{HttpResponse, web};
use serde::{Deserialize, Serialize};

use super::api::OutcomeJson;
use super::feed::{self, FeedKey};
use super::service::{self, MeetingChange, MeetingInput, When};
use crate::auth::Viewer;
use crate::config::CurrentSettings;
use crate::db::Db;
use crate::domain::{MeetingItem, MeetingText, MeetingTitle, OnlineLink, Place, RsvpAnswer, TimeZone};
use crate::error::AppError;
use crate::people::pick;
use crate::references::CommunityRef;
use crate::web::{Ui, see_other, shown_on_form};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/c/{slug}/meetings", web::get().to(list))
        .route("/c/{slug}/meetings", web::post().to(create))
        .route("/c/{slug}/meetings/new", web::get().to(new_form))
        .route("/c/{slug}/calendar/renew", web::post().to(renew))
        .route("/c/{slug}/calendar/{credential}.ics", web::get().to(subscription))
        // Before `/meetings/{id}`, which would take "7.ics" for an id.
        .route("/meetings/{id}.ics", web::get().to(download))
        .route("/meetings/{id}", web::get().to(show))
        .route("/meetings/{id}/edit", web::get().to(edit_form))
        .route("/meetings/{id}/edit", web::post().to(edit))
        .route("/meetings/{id}/rsvp", web::post().to(rsvp))
        .route("/meetings/{id}/suggestions", web::post().to(suggest))
        .route("/meetings/{id}/suggestions/{suggestion}/adopt", web::post().to(adopt))
        .route("/meetings/{id}/minutes", web::post().to(minutes))
        .route("/meetings/{id}/outcomes", web::post().to(add_outcome))
        .route("/meeting-outcomes/{id}/task", web::post().to(make_task));
}

/// An `.ics` answer: calendar programs take it as a file to import or a feed to follow.
pub fn calendar_response(body: String, filename: &str) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/calendar; charset=utf-8")
        .insert_header(("Content-Disposition", format!("attachment; filename=\"{filename}\"")))
        .body(body)
}

async fn list(
    viewer: Viewer,
    ui: Ui,
    db: web::Data<Db>,
    key: web::Data<FeedKey>,
    settings: CurrentSettings,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let me = viewer.0.clone();
    let slug = slug.into_inner();
    let key = key.get_ref().clone();
    let (upcoming, past, access, link) = db
        .run(move |c| {
            let access = super::policy::load_community(c, &viewer.0, &slug)?;
            let upcoming = service::list(c, &access, true)?;
            let past = service::list(c, &access, false)?;
            let link = feed::link(c, &key, &viewer.0, &access)?;
            Ok((upcoming, past, access, link))
        })
        .await?;
    let mut ctx = ui.context();
    ctx.insert("community", &CommunityRef::from(&access.community));
    ctx.insert("header", &access.header(&me));
    ctx.insert("can_create", &super::policy::can_create(&access).is_ok());
    ctx.insert("upcoming", &upcoming);
    ctx.insert("past", &past);
    let base = settings.server.public_url.as_str().trim_end_matches('/');
    ctx.insert("feed_url", &format!("{base}{link}"));
    ui.render("meetings/list.html", &ctx)
}

/// The meeting form as sent, kept to show again when something is wrong.
#[derive(Debug, Default, Deserialize, Serialize)]
pub struct MeetingForm {
    #[serde(default)]
    title: String,
    #[serde(default)]
    starts_at: String,
    #[serde(default)]
    ends_at: String,
    #[serde(default)]
    time_zone: String,
    #[serde(default)]
    place: String,
    #[serde(default)]
    online_url: String,
    #[serde(default)]
    agenda: String,
}

impl MeetingForm {
    fn input(&self) -> Result<MeetingInput, AppError> {
        Ok(MeetingInput {
            title: MeetingTitle::parse("title", &self.title)?,
            when: When::local(TimeZone::parse(&self.time_zone)?, &self.starts_at, &self.ends_at)?,
            place: Place::parse("place", &self.place)?,
            online_url: OnlineLink::parse(&self.online_url)?,
            agenda: MeetingText::parse("agenda", &self.agenda)?,
        })
    }

    fn change(&self) -> Result<MeetingChange, AppError> {
        let input = self.input()?;
        Ok(MeetingChange {
            title: Some(input.title),
            when: Some(input.when),
            place: Some(input.place),
            online_url: Some(input.online_url),
            agenda: Some(input.agenda),
            minutes: None,
        })
    }
}

fn form_page(
    ui: &Ui,
    action: &str,
    back: &str,
    form: &MeetingForm,
    error: Option<&AppError>,
) -> Result<HttpResponse, AppError> {
    let mut ctx = ui.context();
    ctx.insert("form", form);
    ctx.insert("action", action);
    ctx.insert("back", back);
    ctx.insert("editing", &action.ends_with("/edit"));
    ctx.insert(
        "zone_groups",
        &crate::domain::TimeZone::choices_with(&form.time_zone, ui.lang),
    );
    ui.render_form("meetings/form.html", ctx, error.map(|e| ui.form_error(e)))
}

async fn new_form(
    viewer: Viewer,
    ui: Ui,
    db: web::Data<Db>,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let slug = slug.into_inner();
    let s = slug.clone();
    db.run(move |c| super::policy::can_create(&crate::communities::policy::load(c, &viewer.0, &s)?))
        .await?;
    let form = MeetingForm {
        time_zone: ui.time_zone().name().into(),
        ..MeetingForm::default()
    };
    let back = format!("/c/{slug}/meetings");
    form_page(&ui, &back, &back, &form, None)
}

async fn create(
    viewer: Viewer,
    ui: Ui,
    db: web::Data<Db>,
    slug: web::Path<String>,
    form: web::Form<MeetingForm>,
) -> Result<HttpResponse, AppError> {
    let (slug, form) = (slug.into_inner(), form.into_inner());
    let result = match form.input() {
        Ok(input) => {
            let s = slug.clone();
            db.run(move |c| service::create(c, &viewer.0, &s, input)).await
        }
        Err(e) => Err(e),
    };
    match result {
        Ok(id) => Ok(see_other(&format!("/meetings/{id}"))),
        Err(e) if shown_on_form(&e) => {
            let back = format!("/c/{slug}/meetings");
            form_page(&ui, &back, &back, &form, Some(&e))
        }
        Err(e) => Err(e),
    }
}

async fn show(viewer: Viewer, ui: Ui, db: web::Data<Db>, id: web::Path<i64>) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let meeting = db.run(move |c| service::get(c, &viewer.0, id)).await?;
    let mut ctx = ui.context();
    ctx.insert("meeting", &meeting);
    ctx.insert(
        "answers",
        &RsvpAnswer::ALL.iter().map(|a| a.as_str()).collect::<Vec<_>>(),
    );
    ui.render("meetings/show.html", &ctx)
}

async fn edit_form(viewer: Viewer, ui: Ui, db: web::Data<Db>, id: web::Path<i64>) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let m = db
        .run(move |c| {
            super::policy::load_meeting(c, &viewer.0, id)?.can_organize()?;
            service::get(c, &viewer.0, id)
        })
        .await?;
    let form = MeetingForm {
        title: m.summary.title,
        starts_at: m.summary.starts_local,
        ends_at: m.summary.ends_local,
        time_zone: m.summary.time_zone,
        place: m.summary.place,
        online_url: m.summary.online_url.unwrap_or_default(),
        agenda: m.agenda,
    };
    form_page(
        &ui,
        &format!("/meetings/{id}/edit"),
        &format!("/meetings/{id}"),
        &form,
        None,
    )
}

async fn edit(
    viewer: Viewer,
    ui: Ui,
    db: web::Data<Db>,
    id: web::Path<i64>,
    form: web::Form<MeetingForm>,
) -> Result<HttpResponse, AppError> {
    let (id, form) = (id.into_inner(), form.into_inner());
    let result = match form.change() {
        Ok(change) => db.run(move |c| service::update(c, &viewer.0, id, change)).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(()) => Ok(see_other(&format!("/meetings/{id}"))),
        Err(e) if shown_on_form(&e) => form_page(
            &ui,
            &format!("/meetings/{id}/edit"),
            &format!("/meetings/{id}"),
            &form,
            Some(&e),
        ),
        Err(e) => Err(e),
    }
}

#[derive(Deserialize)]
struct AnswerForm {
    #[serde(default)]
    answer: String,
}

async fn rsvp(
    viewer: Viewer,
    db: web::Data<Db>,
    id: web::Path<i64>,
    form: web::Form<AnswerForm>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let answer = RsvpAnswer::parse(&form.answer)?;
    db.run(move |c| service::rsvp(c, &viewer.0, id, answer)).await?;
    Ok(see_other(&format!("/meetings/{id}#rsvp")))
}

#[derive(Deserialize)]
struct TextForm {
    #[serde(default)]
    text: String,
}

async fn suggest(
    viewer: Viewer,
    db: web::Data<Db>,
    id: web::Path<i64>,
    form: web::Form<TextForm>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let text = MeetingItem::parse("text", &form.text)?;
    db.run(move |c| service::suggest(c, &viewer.0, id, text)).await?;
    Ok(see_other(&format!("/meetings/{id}#agenda")))
}

async fn adopt(viewer: Viewer, db: web::Data<Db>, path: web::Path<(i64, i64)>) -> Result<HttpResponse, AppError> {
    let (id, suggestion) = path.into_inner();
    db.run(move |c| service::adopt_suggestion(c, &viewer.0, id, suggestion))
        .await?;
    Ok(see_other(&format!("/meetings/{id}#agenda")))
}

async fn minutes(
    viewer: Viewer,
    db: web::Data<Db>,
    id: web::Path<i64>,
    form: web::Form<TextForm>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let change = MeetingChange {
        minutes: Some(MeetingText::parse("minutes", &form.text)?),
        ..MeetingChange::default()
    };
    db.run(move |c| service::update(c, &viewer.0, id, change)).await?;
    Ok(see_other(&format!("/meetings/{id}#minutes")))
}

async fn add_outcome(
    viewer: Viewer,
    db: web::Data<Db>,
    settings: CurrentSettings,
    id: web::Path<i64>,
    form: web::Form<OutcomeJson>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let mut input = form.parse_with_assignee(None)?;
    // The page takes a name too; an ambiguous one is refused with the reason.
    if let Some(typed) = form.typed_assignee() {
        let typed = typed.to_string();
        let picked = db
            .run(move |c| pick::find_all(c, &typed, &pick::Choice::default()))
            .await?;
        input.assignee = Some(picked.must_one("assignee")?);
    }
    let today = viewer.0.today(settings.i18n.default_timezone);
    db.run(move |c| service::add_outcome(c, &viewer.0, id, input, today))
        .await?;
    Ok(see_other(&format!("/meetings/{id}#minutes")))
}

async fn make_task(
    viewer: Viewer,
    db: web::Data<Db>,
    settings: CurrentSettings,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let today = viewer.0.today(settings.i18n.default_timezone);
    let task = db.run(move |c| service::make_task(c, &viewer.0, id, today)).await?;
    Ok(see_other(&format!("/tasks/{task}")))
}

async fn download(
    viewer: Viewer,
    db: web::Data<Db>,
    settings: CurrentSettings,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let base = settings.server.public_url.clone();
    let body = db.run(move |c| feed::meeting_ics(c, &viewer.0, id, &base)).await?;
    Ok(calendar_response(body, &format!("meeting-{id}.ics")))
}

/// The subscription: no session (calendar programs have none), the link is the credential.
async fn subscription(
    db: web::Data<Db>,
    key: web::Data<FeedKey>,
    settings: CurrentSettings,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let (slug, credential) = path.into_inner();
    let key = key.get_ref().clone();
    let base = settings.server.public_url.clone();
    let body = db
        .run(move |c| feed::subscription(c, &key, &slug, &credential, &base))
        .await?;
    Ok(calendar_response(body, "meetings.ics"))
}

async fn renew(
    viewer: Viewer,
    db: web::Data<Db>,
    key: web::Data<FeedKey>,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let slug = slug.into_inner();
    let key = key.get_ref().clone();
    let s = slug.clone();
    db.run(move |c| feed::renew(c, &key, &viewer.0, &s)).await?;
    Ok(see_other(&format!("/c/{slug}/meetings#calendar")))
}
