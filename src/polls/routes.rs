//! Poll pages: a community's polls, asking one, rewriting it until the first vote, voting with
//! a plain form, closing.

use std::collections::HashMap;

use actix_web::{HttpResponse, web};
use serde::{Deserialize, Serialize};

use super::service::{self, PollInput};
use crate::api::pagination::PageParams;
use crate::auth::Viewer;
use crate::db::Db;
use crate::domain::{Invalid, PollOptions, PollQuestion};
use crate::error::AppError;
use crate::references::CommunityRef;
use crate::web::confirm::{Confirmation, Question};
use crate::web::{Done, Ui, next_url, see_other, shown_on_form};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/c/{slug}/polls", web::get().to(list))
        .route("/c/{slug}/polls", web::post().to(create))
        .route("/c/{slug}/polls/new", web::get().to(new_form))
        .route("/polls/{id}", web::get().to(show))
        .route("/polls/{id}/edit", web::get().to(edit_form))
        .route("/polls/{id}/edit", web::post().to(edit))
        .route("/polls/{id}/vote", web::post().to(vote))
        .route("/polls/{id}/close", web::post().to(close));
}

#[derive(Deserialize)]
struct CursorQuery {
    cursor: Option<String>,
}

async fn list(
    viewer: Viewer,
    ui: Ui,
    db: web::Data<Db>,
    slug: web::Path<String>,
    query: web::Query<CursorQuery>,
) -> Result<HttpResponse, AppError> {
    let me = viewer.0.clone();
    let page = PageParams {
        limit: Some("20".into()),
        cursor: query.into_inner().cursor,
    }
    .parse()?;
    let slug = slug.into_inner();
    let s = slug.clone();
    let (polls, access) = db
        .run(move |c| {
            let access = super::policy::load_community(c, &viewer.0, &s)?;
            Ok((service::list(c, &viewer.0, &access, &page)?, access))
        })
        .await?;
    let mut ctx = ui.context();
    ctx.insert("community", &CommunityRef::from(&access.community));
    ctx.insert("header", &access.header(&me));
    ctx.insert("can_create", &super::policy::can_create(&access).is_ok());
    ctx.insert("next_url", &next_url(&format!("/c/{slug}/polls"), &[], &polls));
    ctx.insert("polls", &polls.items);
    ui.render("polls/list.html", &ctx)
}

/// The poll form as sent, kept to show again when something is wrong.
#[derive(Debug, Default, Deserialize, Serialize)]
pub struct PollForm {
    #[serde(default)]
    question: String,
    /// One option per line.
    #[serde(default)]
    options: String,
    multiple: Option<String>,
    anonymous: Option<String>,
    results_before_close: Option<String>,
    /// `datetime-local`, in the page's time zone; empty: open until closed by hand.
    #[serde(default)]
    closes_at: String,
}

impl PollForm {
    fn parse(&self, ui: &Ui) -> Result<PollInput, AppError> {
        let options: Vec<&str> = self.options.lines().collect();
        Ok(PollInput {
            question: PollQuestion::parse("question", &self.question)?,
            options: PollOptions::parse(&options)?,
            multiple: self.multiple.is_some(),
            anonymous: self.anonymous.is_some(),
            results_before_close: self.results_before_close.is_some(),
            closes_at: match self.closes_at.trim() {
                "" => None,
                t => Some(ui.time_zone().local_to_utc("closes_at", t)?),
            },
        })
    }
}

/// Where the form goes: a new poll in a community, or the poll being rewritten.
enum Target<'a> {
    New(&'a str),
    Poll { id: i64, community: &'a str },
}

fn form_page(ui: &Ui, target: Target, form: &PollForm, error: Option<&AppError>) -> Result<HttpResponse, AppError> {
    let mut ctx = ui.context();
    match target {
        Target::New(slug) => {
            ctx.insert("slug", slug);
            ctx.insert("action", &format!("/c/{slug}/polls"));
        }
        Target::Poll { id, community } => {
            ctx.insert("slug", community);
            ctx.insert("poll_id", &id);
            ctx.insert("action", &format!("/polls/{id}/edit"));
        }
    }
    ctx.insert("form", form);
    ui.render_form("polls/form.html", ctx, error.map(|e| ui.form_error(e)))
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
    let form = PollForm {
        results_before_close: Some("on".into()),
        ..PollForm::default()
    };
    form_page(&ui, Target::New(&slug), &form, None)
}

async fn create(
    viewer: Viewer,
    ui: Ui,
    db: web::Data<Db>,
    slug: web::Path<String>,
    form: web::Form<PollForm>,
) -> Result<HttpResponse, AppError> {
    let (slug, form) = (slug.into_inner(), form.into_inner());
    let result = match form.parse(&ui) {
        Ok(input) => {
            let s = slug.clone();
            db.run(move |c| service::create(c, &viewer.0, &s, input)).await
        }
        Err(e) => Err(e),
    };
    match result {
        Ok(id) => Ok(see_other(&format!("/polls/{id}"))),
        Err(e) if shown_on_form(&e) => form_page(&ui, Target::New(&slug), &form, Some(&e)),
        Err(e) => Err(e),
    }
}

async fn edit_form(viewer: Viewer, ui: Ui, db: web::Data<Db>, id: web::Path<i64>) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let editable = db.run(move |c| service::editable(c, &viewer.0, id)).await?;
    let p = &editable.poll;
    let on = |b: bool| b.then(|| "on".to_string());
    let form = PollForm {
        question: p.question.clone(),
        options: editable.options.join("\n"),
        multiple: on(p.multiple),
        anonymous: on(p.anonymous),
        results_before_close: on(p.results_before_close),
        closes_at: p.closes_at.map(|t| ui.time_zone().utc_to_local(t)).unwrap_or_default(),
    };
    form_page(
        &ui,
        Target::Poll {
            id,
            community: &editable.community,
        },
        &form,
        None,
    )
}

async fn edit(
    viewer: Viewer,
    ui: Ui,
    db: web::Data<Db>,
    id: web::Path<i64>,
    form: web::Form<PollForm>,
) -> Result<HttpResponse, AppError> {
    let (id, form) = (id.into_inner(), form.into_inner());
    let result = match form.parse(&ui) {
        Ok(input) => {
            let v = viewer.0.clone();
            db.run(move |c| service::edit(c, &v, id, input)).await
        }
        Err(e) => Err(e),
    };
    match result {
        Ok(()) => Ok(see_other(&format!("/polls/{id}?done=saved"))),
        Err(e) if shown_on_form(&e) => {
            let editable = db.run(move |c| service::editable(c, &viewer.0, id)).await?;
            let target = Target::Poll {
                id,
                community: &editable.community,
            };
            form_page(&ui, target, &form, Some(&e))
        }
        Err(e) => Err(e),
    }
}

async fn show(
    viewer: Viewer,
    ui: Ui,
    db: web::Data<Db>,
    id: web::Path<i64>,
    done: web::Query<Done>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let poll = db.run(move |c| service::get(c, &viewer.0, id)).await?;
    let mut ctx = ui.context();
    ctx.insert("poll", &poll);
    ctx.insert("done", &done.among(&["saved"]));
    ui.render("polls/show.html", &ctx)
}

/// A single-choice poll sends `option=<id>`, a multiple-choice one `option-<id>=on` per box.
async fn vote(
    viewer: Viewer,
    db: web::Data<Db>,
    id: web::Path<i64>,
    form: web::Form<HashMap<String, String>>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let mut chosen: Vec<i64> = Vec::new();
    for (key, value) in form.iter() {
        let raw = match key.as_str() {
            "option" => value.as_str(),
            k => match k.strip_prefix("option-") {
                Some(option) => option,
                None => continue,
            },
        };
        chosen.push(raw.parse().map_err(|_| Invalid::new("option_ids", "unknown-value"))?);
    }
    db.run(move |c| service::vote(c, &viewer.0, id, &chosen)).await?;
    Ok(see_other(&format!("/polls/{id}")))
}

async fn close(
    viewer: Viewer,
    ui: Ui,
    db: web::Data<Db>,
    id: web::Path<i64>,
    form: web::Form<Confirmation>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    if !form.given() {
        let v = viewer.0.clone();
        let closing = db.run(move |c| service::closing(c, &v, id)).await?;
        let path = format!("/polls/{id}");
        return ui.ask(&Question::new(
            ui.t_args("confirm-poll-close", &[("question", closing.question.into())]),
            ui.t_args("confirm-poll-close-what", &[("voters", closing.voters.into())]),
            ui.t("poll-close"),
            &format!("{path}/close"),
            &path,
        ));
    }
    db.run(move |c| service::close(c, &viewer.0, id)).await?;
    Ok(see_other(&format!("/polls/{id}")))
}
