//! AMA pages: a community's AMAs, scheduling one, the AMA with its questions, and plain forms
//! for asking, voting, answering and moderating (no JavaScript needed).

use actix_web::{HttpResponse, web};
use serde::{Deserialize, Serialize};

use super::api::SortQuery;
use super::questions::{self, Decision};
use super::service::{self, AmaInput};
use crate::api::pagination::PageParams;
use crate::auth::Viewer;
use crate::clock::Clock;
use crate::db::Db;
use crate::domain::{
    AmaDescription, AmaTitle, AmaWindow, AnswerBody, Audience, FollowUpBody, QuestionAction, QuestionBody,
    QuestionSort, TimeZone, Uid,
};
use crate::error::AppError;
use crate::people::pick;
use crate::references::CommunityRef;
use crate::web::confirm::{Confirmation, Question};
use crate::web::{Done, Ui, VoteForm, next_url, see_other, shown_on_form};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/c/{slug}/amas", web::get().to(list))
        .route("/c/{slug}/amas", web::post().to(create))
        .route("/c/{slug}/amas/new", web::get().to(new_form))
        .route("/amas/{id}", web::get().to(show))
        .route("/amas/{id}/edit", web::get().to(edit_form))
        .route("/amas/{id}/edit", web::post().to(edit))
        .route("/amas/{id}/questions", web::post().to(ask))
        .route("/amas/{id}/close", web::post().to(close))
        .route("/questions/{id}/vote", web::post().to(vote))
        .route("/questions/{id}/withdraw", web::post().to(withdraw))
        .route("/questions/{id}/answer", web::post().to(answer))
        .route("/questions/{id}/moderate", web::post().to(moderate))
        .route("/questions/{id}/comment", web::post().to(comment));
}

#[derive(Deserialize)]
struct CursorQuery {
    cursor: Option<String>,
}

async fn list(
    viewer: Viewer,
    ui: Ui,
    db: web::Data<Db>,
    clock: web::Data<Clock>,
    slug: web::Path<String>,
    query: web::Query<CursorQuery>,
) -> Result<HttpResponse, AppError> {
    let me = viewer.0.clone();
    let page = PageParams {
        limit: Some("20".into()),
        cursor: query.into_inner().cursor,
    }
    .parse()?;
    let (slug, now) = (slug.into_inner(), clock.now());
    let s = slug.clone();
    let (amas, access) = db
        .run(move |c| {
            let access = crate::communities::policy::load(c, &viewer.0, &s)?;
            Ok((service::list(c, &viewer.0, &access, &page, now)?, access))
        })
        .await?;
    let mut ctx = ui.context();
    ctx.insert("community", &CommunityRef::from(&access.community));
    ctx.insert("header", &access.header(&me));
    ctx.insert("can_create", &super::policy::can_create(&access).is_ok());
    ctx.insert("next_url", &next_url(&format!("/c/{slug}/amas"), &[], &amas));
    ctx.insert("amas", &amas.items);
    ui.render("amas/list.html", &ctx)
}

/// The AMA form as sent, kept to show again when something is wrong.
#[derive(Debug, Default, Deserialize, Serialize)]
pub struct AmaForm {
    #[serde(default)]
    title: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    time_zone: String,
    #[serde(default)]
    opens_at: String,
    #[serde(default)]
    answering_from: String,
    #[serde(default)]
    closes_at: String,
    /// People as typed: names, uids or mail addresses, separated by commas.
    #[serde(default)]
    hosts: String,
    #[serde(default)]
    audience: String,
    anonymous_allowed: Option<String>,
    moderated: Option<String>,
    #[serde(flatten, skip_serializing)]
    choice: pick::Choice,
}

impl AmaForm {
    /// The hosts as typed, looked up.
    async fn hosts(&self, db: &Db) -> Result<pick::Picked, AppError> {
        let (typed, choice) = (self.hosts.clone(), self.choice.clone());
        db.run(move |c| pick::find_all(c, &typed, &choice)).await
    }

    fn parse(&self, hosts: Vec<Uid>) -> Result<AmaInput, AppError> {
        Ok(AmaInput {
            title: AmaTitle::parse("title", &self.title)?,
            description: AmaDescription::parse("description", &self.description)?,
            window: AmaWindow::local(
                TimeZone::parse(&self.time_zone)?,
                &self.opens_at,
                &self.answering_from,
                &self.closes_at,
            )?,
            hosts,
            audience: Audience::parse(&self.audience)?,
            anonymous_allowed: self.anonymous_allowed.is_some(),
            moderated: self.moderated.is_some(),
        })
    }

    /// The whole form as a change of a scheduled AMA (its audience stays).
    fn change(&self, hosts: Vec<Uid>) -> Result<service::AmaChange, AppError> {
        Ok(service::AmaChange {
            title: Some(AmaTitle::parse("title", &self.title)?),
            description: Some(AmaDescription::parse("description", &self.description)?),
            window: Some(AmaWindow::local(
                TimeZone::parse(&self.time_zone)?,
                &self.opens_at,
                &self.answering_from,
                &self.closes_at,
            )?),
            hosts: Some(hosts),
            anonymous_allowed: Some(self.anonymous_allowed.is_some()),
            moderated: Some(self.moderated.is_some()),
            close: false,
        })
    }
}

/// Where the form goes: a new AMA in a community, or the scheduled one being changed.
enum Target<'a> {
    New(&'a str),
    Ama { id: i64, community: &'a str },
}

fn form_page(
    ui: &Ui,
    target: Target,
    form: &AmaForm,
    picker: &pick::Field,
    error: Option<&AppError>,
) -> Result<HttpResponse, AppError> {
    let mut ctx = ui.context();
    match target {
        Target::New(slug) => {
            ctx.insert("slug", slug);
            ctx.insert("action", &format!("/c/{slug}/amas"));
        }
        Target::Ama { id, community } => {
            ctx.insert("slug", community);
            ctx.insert("ama_id", &id);
            ctx.insert("action", &format!("/amas/{id}/edit"));
        }
    }
    ctx.insert("form", form);
    ctx.insert("picker", picker);
    ctx.insert(
        "zone_groups",
        &crate::domain::TimeZone::choices_with(&form.time_zone, ui.lang),
    );
    ctx.insert(
        "audiences",
        &Audience::ALL.iter().map(|a| a.as_str()).collect::<Vec<_>>(),
    );
    ui.render_form("amas/form.html", ctx, error.map(|e| ui.form_error(e)))
}

async fn new_form(
    viewer: Viewer,
    ui: Ui,
    db: web::Data<Db>,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let slug = slug.into_inner();
    let s = slug.clone();
    let me = pick::Field::of([(viewer.0.display_name.as_str(), viewer.0.uid.as_str())]);
    db.run(move |c| super::policy::can_create(&crate::communities::policy::load(c, &viewer.0, &s)?))
        .await?;
    let form = AmaForm {
        time_zone: ui.time_zone().name().into(),
        audience: Audience::Community.as_str().into(),
        anonymous_allowed: Some("on".into()),
        ..AmaForm::default()
    };
    form_page(&ui, Target::New(&slug), &form, &me, None)
}

async fn create(
    viewer: Viewer,
    ui: Ui,
    db: web::Data<Db>,
    clock: web::Data<Clock>,
    slug: web::Path<String>,
    form: web::Form<AmaForm>,
) -> Result<HttpResponse, AppError> {
    let (slug, form, now) = (slug.into_inner(), form.into_inner(), clock.now());
    let picked = form.hosts(&db).await?;
    let result = match picked.must_all("hosts").and_then(|h| form.parse(h)) {
        Ok(input) => {
            let s = slug.clone();
            db.run(move |c| service::create(c, &viewer.0, &s, input, now)).await
        }
        Err(e) => Err(e),
    };
    match result {
        Ok(id) => Ok(see_other(&format!("/amas/{id}"))),
        Err(e) if shown_on_form(&e) => form_page(&ui, Target::New(&slug), &form, &picked.field(), Some(&e)),
        Err(e) => Err(e),
    }
}

/// A scheduled AMA as its organizers may still change it.
async fn reschedulable(
    viewer: Viewer,
    db: &Db,
    id: i64,
    now: chrono::NaiveDateTime,
) -> Result<service::AmaView, AppError> {
    db.run(move |c| {
        let access = super::policy::load_ama(c, &viewer.0, id)?;
        access.can_reschedule(now)?;
        service::view(c, &access, now)
    })
    .await
}

async fn edit_form(
    viewer: Viewer,
    ui: Ui,
    db: web::Data<Db>,
    clock: web::Data<Clock>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let ama = reschedulable(viewer, &db, id, clock.now()).await?;
    let on = |b: bool| b.then(|| "on".to_string());
    let form = AmaForm {
        title: ama.title.clone(),
        description: ama.description.clone(),
        time_zone: ama.time_zone.clone(),
        opens_at: ama.opens_local.clone(),
        answering_from: ama.answering_local.clone(),
        closes_at: ama.closes_local.clone(),
        hosts: String::new(),
        audience: ama.audience.as_str().into(),
        anonymous_allowed: on(ama.anonymous_allowed),
        moderated: on(ama.moderated),
        choice: pick::Choice::default(),
    };
    let hosts = pick::Field::of(ama.hosts.iter().map(|h| (h.display_name.as_str(), h.uid.as_str())));
    let target = Target::Ama {
        id,
        community: &ama.community,
    };
    form_page(&ui, target, &form, &hosts, None)
}

async fn edit(
    viewer: Viewer,
    ui: Ui,
    db: web::Data<Db>,
    clock: web::Data<Clock>,
    id: web::Path<i64>,
    form: web::Form<AmaForm>,
) -> Result<HttpResponse, AppError> {
    let (id, form, now) = (id.into_inner(), form.into_inner(), clock.now());
    let picked = form.hosts(&db).await?;
    let result = match picked.must_all("hosts").and_then(|h| form.change(h)) {
        Ok(change) => {
            let v = viewer.0.clone();
            db.run(move |c| service::update(c, &v, id, change, now)).await
        }
        Err(e) => Err(e),
    };
    match result {
        Ok(()) => Ok(see_other(&format!("/amas/{id}?done=saved"))),
        Err(e) if shown_on_form(&e) => {
            let ama = reschedulable(viewer, &db, id, now).await?;
            let target = Target::Ama {
                id,
                community: &ama.community,
            };
            form_page(&ui, target, &form, &picked.field(), Some(&e))
        }
        Err(e) => Err(e),
    }
}

async fn show(
    viewer: Viewer,
    ui: Ui,
    db: web::Data<Db>,
    clock: web::Data<Clock>,
    id: web::Path<i64>,
    query: web::Query<SortQuery>,
    done: web::Query<Done>,
) -> Result<HttpResponse, AppError> {
    let (sort, page) = query.parse()?;
    let (id, now) = (id.into_inner(), clock.now());
    let (ama, questions) = db
        .run(move |c| {
            let access = super::policy::load_ama(c, &viewer.0, id)?;
            let questions = questions::list_for(c, &access, sort, &page, now)?;
            Ok((service::view(c, &access, now)?, questions))
        })
        .await?;
    let mut ctx = ui.context();
    ctx.insert("ama", &ama);
    ctx.insert("done", &done.among(&["saved"]));
    ctx.insert("questions", &questions);
    ctx.insert("sort", sort.as_str());
    ctx.insert(
        "next_url",
        &questions
            .next_cursor
            .as_ref()
            .map(|c| format!("/amas/{id}?sort={}&cursor={c}", sort.as_str())),
    );
    ctx.insert(
        "sorts",
        &QuestionSort::ALL.iter().map(|s| s.as_str()).collect::<Vec<_>>(),
    );
    ui.render("amas/show.html", &ctx)
}

#[derive(Deserialize)]
struct AskForm {
    #[serde(default)]
    body: String,
    anonymous: Option<String>,
}

async fn ask(
    viewer: Viewer,
    db: web::Data<Db>,
    clock: web::Data<Clock>,
    id: web::Path<i64>,
    form: web::Form<AskForm>,
) -> Result<HttpResponse, AppError> {
    let (id, now) = (id.into_inner(), clock.now());
    let body = QuestionBody::parse("body", &form.body)?;
    let anonymous = form.anonymous.is_some();
    let q = db
        .run(move |c| questions::ask(c, &viewer.0, id, body, anonymous, now))
        .await?;
    Ok(see_other(&format!("/amas/{id}#q-{q}")))
}

async fn close(
    viewer: Viewer,
    ui: Ui,
    db: web::Data<Db>,
    clock: web::Data<Clock>,
    id: web::Path<i64>,
    form: web::Form<Confirmation>,
) -> Result<HttpResponse, AppError> {
    let (id, now) = (id.into_inner(), clock.now());
    if !form.given() {
        let v = viewer.0.clone();
        let closing = db.run(move |c| service::closing(c, &v, id, now)).await?;
        let path = format!("/amas/{id}");
        return ui.ask(&Question::new(
            ui.t_args("confirm-ama-close", &[("title", closing.title.into())]),
            ui.t_args("confirm-ama-close-what", &[("unanswered", closing.unanswered.into())]),
            ui.t("ama-close-now"),
            &format!("{path}/close"),
            &path,
        ));
    }
    let change = service::AmaChange {
        close: true,
        ..Default::default()
    };
    db.run(move |c| service::update(c, &viewer.0, id, change, now)).await?;
    Ok(see_other(&format!("/amas/{id}")))
}

/// Runs one question action and goes back to the question on its AMA's page.
async fn on_question(
    db: web::Data<Db>,
    id: i64,
    act: impl FnOnce(&mut crate::db::DbConnection) -> Result<i64, AppError> + Send + 'static,
) -> Result<HttpResponse, AppError> {
    let ama = db.run(act).await?;
    Ok(see_other(&format!("/amas/{ama}#q-{id}")))
}

/// The vote button sends `up=1`, taking the vote back `up=0`.
async fn vote(
    viewer: Viewer,
    db: web::Data<Db>,
    clock: web::Data<Clock>,
    id: web::Path<i64>,
    form: web::Form<VoteForm>,
) -> Result<HttpResponse, AppError> {
    let (id, now, up) = (id.into_inner(), clock.now(), form.up()?);
    let (ama, question) = db
        .run(move |c| {
            if up {
                questions::vote(c, &viewer.0, id, now)
            } else {
                Ok((questions::unvote(c, &viewer.0, id, now)?, id))
            }
        })
        .await?;
    Ok(see_other(&format!("/amas/{ama}#q-{question}")))
}

async fn withdraw(
    viewer: Viewer,
    db: web::Data<Db>,
    clock: web::Data<Clock>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let (id, now) = (id.into_inner(), clock.now());
    on_question(db, id, move |c| questions::withdraw(c, &viewer.0, id, now)).await
}

#[derive(Deserialize)]
struct TextForm {
    #[serde(default)]
    body: String,
}

async fn answer(
    viewer: Viewer,
    db: web::Data<Db>,
    clock: web::Data<Clock>,
    id: web::Path<i64>,
    form: web::Form<TextForm>,
) -> Result<HttpResponse, AppError> {
    let (id, now) = (id.into_inner(), clock.now());
    let body = AnswerBody::parse("body", &form.body)?;
    on_question(db, id, move |c| {
        let edit = questions::get(c, &viewer.0, id, now)?.answer.is_some();
        questions::answer(c, &viewer.0, id, body, edit, now)
    })
    .await
}

async fn comment(
    viewer: Viewer,
    db: web::Data<Db>,
    clock: web::Data<Clock>,
    id: web::Path<i64>,
    form: web::Form<TextForm>,
) -> Result<HttpResponse, AppError> {
    let (id, now) = (id.into_inner(), clock.now());
    let body = FollowUpBody::parse("body", &form.body)?;
    on_question(db, id, move |c| questions::comment(c, &viewer.0, id, body, now)).await
}

#[derive(Deserialize)]
struct ModerateForm {
    action: String,
    reason: Option<String>,
    into: Option<String>,
}

async fn moderate(
    viewer: Viewer,
    db: web::Data<Db>,
    clock: web::Data<Clock>,
    id: web::Path<i64>,
    form: web::Form<ModerateForm>,
) -> Result<HttpResponse, AppError> {
    let (id, now) = (id.into_inner(), clock.now());
    let into = match form.into.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(n) => Some(
            n.trim_start_matches('#')
                .parse::<i64>()
                .map_err(|_| crate::domain::Invalid::new("into", "unknown-value"))?,
        ),
    };
    let decision = Decision::parse(QuestionAction::parse(&form.action)?, form.reason.as_deref(), into)?;
    on_question(db, id, move |c| questions::moderate(c, &viewer.0, id, decision, now)).await
}
