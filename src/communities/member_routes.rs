//! The managers' members page: invite by name, approve or decline requests, change roles,
//! remove, ban and lift bans — plain forms over `members`, so nothing needs JavaScript (a small
//! script only fills the invite field's suggestions).

use actix_web::{HttpResponse, web};
use serde::Deserialize;

use super::members::{self, InviteOutcome, MemberChange};
use crate::api::pagination::PageParams;
use crate::auth::Viewer;
use crate::db::Db;
use crate::db::models::Person;
use crate::domain::{Invalid, MembershipState, Role, Uid};
use crate::error::AppError;
use crate::web::confirm::{Confirmation, Question};
use crate::web::{Ui, next_url, see_other, shown_on_form};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/c/{slug}/members", web::get().to(roster))
        .route("/c/{slug}/members", web::post().to(invite))
        .route("/c/{slug}/members/{uid}", web::post().to(act));
}

#[derive(Deserialize, Default)]
struct RosterQuery {
    cursor: Option<String>,
    #[serde(default)]
    find: String,
    /// What was just done, to confirm it.
    done: Option<String>,
}

/// What the page says at its top: an error (with its status) or a confirmation.
enum Message {
    None,
    Error(AppError),
    Ambiguous,
}

async fn render(
    ui: &Ui,
    db: &Db,
    viewer: Person,
    slug: String,
    query: RosterQuery,
    message: Message,
) -> Result<HttpResponse, AppError> {
    let page = PageParams {
        limit: Some("50".into()),
        cursor: query.cursor,
    }
    .parse()?;
    let find = query.find.clone();
    let s = slug.clone();
    let roster = db.run(move |c| members::roster(c, &viewer, &s, &page, &find)).await?;
    let mut ctx = ui.context();
    ctx.insert("slug", &slug);
    ctx.insert("header", &roster.header);
    ctx.insert("find", &query.find);
    ctx.insert(
        "next_url",
        &next_url(&format!("/c/{slug}/members"), &[], &roster.members),
    );
    ctx.insert("roles", &Role::ALL.iter().map(|r| r.as_str()).collect::<Vec<_>>());
    ctx.insert(
        "done",
        &query
            .done
            .filter(|d| ["invited", "approved", "changed"].contains(&d.as_str())),
    );
    ctx.insert("roster", &roster);
    let error = match message {
        Message::None => None,
        Message::Error(e) => Some(ui.form_error(&e)),
        Message::Ambiguous => {
            let key = if roster.candidates.is_empty() {
                "members-nobody"
            } else {
                "members-choose"
            };
            Some((
                actix_web::http::StatusCode::UNPROCESSABLE_ENTITY,
                ui.t_args(key, &[("find", query.find.clone().into())]),
            ))
        }
    };
    ui.render_form("communities/members.html", ctx, error)
}

async fn roster(
    viewer: Viewer,
    ui: Ui,
    db: web::Data<Db>,
    slug: web::Path<String>,
    query: web::Query<RosterQuery>,
) -> Result<HttpResponse, AppError> {
    render(&ui, &db, viewer.0, slug.into_inner(), query.into_inner(), Message::None).await
}

#[derive(Deserialize)]
struct InviteForm {
    #[serde(default)]
    person: String,
}

async fn invite(
    viewer: Viewer,
    ui: Ui,
    db: web::Data<Db>,
    slug: web::Path<String>,
    form: web::Form<InviteForm>,
) -> Result<HttpResponse, AppError> {
    let slug = slug.into_inner();
    let person = form.into_inner().person;
    let (s, p, v) = (slug.clone(), person.clone(), viewer.0.clone());
    let outcome = db.run(move |c| members::invite_named(c, &v, &s, &p)).await;
    let again = RosterQuery {
        find: person,
        ..Default::default()
    };
    match outcome {
        Ok(InviteOutcome::Done(state)) => {
            let done = if state == MembershipState::Active {
                "approved"
            } else {
                "invited"
            };
            Ok(see_other(&format!("/c/{slug}/members?done={done}")))
        }
        Ok(InviteOutcome::Ambiguous) => render(&ui, &db, viewer.0, slug, again, Message::Ambiguous).await,
        Err(e) if shown_on_form(&e) => render(&ui, &db, viewer.0, slug, again, Message::Error(e)).await,
        Err(e) => Err(e),
    }
}

#[derive(Deserialize)]
struct ActionForm {
    #[serde(default)]
    action: String,
    #[serde(default)]
    role: String,
    #[serde(flatten)]
    confirmation: Confirmation,
}

/// One manager action on one person, as the buttons name it.
enum Action {
    Change(MemberChange),
    Remove,
}

impl Action {
    /// Taking someone out of the community; a ban or removal of an active member asks first.
    fn is_far_reaching(&self) -> bool {
        matches!(
            self,
            Action::Remove | Action::Change(MemberChange::State(MembershipState::Banned))
        )
    }
}

impl ActionForm {
    fn parse(&self) -> Result<Action, AppError> {
        Ok(match self.action.as_str() {
            "role" => Action::Change(MemberChange::Role(Role::parse(&self.role)?)),
            "approve" | "unban" => Action::Change(MemberChange::State(MembershipState::Active)),
            "ban" => Action::Change(MemberChange::State(MembershipState::Banned)),
            "remove" => Action::Remove,
            _ => return Err(Invalid::new("action", "unknown-value").into()),
        })
    }
}

async fn act(
    viewer: Viewer,
    ui: Ui,
    db: web::Data<Db>,
    path: web::Path<(String, String)>,
    form: web::Form<ActionForm>,
) -> Result<HttpResponse, AppError> {
    let (slug, uid) = path.into_inner();
    let form = form.into_inner();
    let done = if form.action == "approve" {
        "approved"
    } else {
        "changed"
    };
    let parsed = match (Uid::parse(&uid).map_err(AppError::from), form.parse()) {
        (Ok(uid), Ok(action)) => Ok((uid, action)),
        (Err(e), _) | (_, Err(e)) => Err(e),
    };
    let result = match parsed {
        Ok((uid, action)) => {
            let (s, v, u) = (slug.clone(), viewer.0.clone(), uid.clone());
            let asked = if action.is_far_reaching() && !form.confirmation.given() {
                db.run(move |c| members::removal(c, &v, &s, &u)).await.map(Some)
            } else {
                Ok(None)
            };
            match asked {
                Ok(Some(r)) if r.active => {
                    let back = format!("/c/{slug}/members");
                    let args = [("name", r.name.into()), ("community", r.community.into())];
                    let (title, what, yes) = match action {
                        Action::Remove => ("confirm-remove", "confirm-remove-what", "members-remove"),
                        _ => ("confirm-ban", "confirm-ban-what", "members-ban"),
                    };
                    return ui.ask(
                        &Question::new(
                            ui.t_args(title, &args),
                            ui.t_args(what, &args),
                            ui.t(yes),
                            &format!("{back}/{uid}"),
                            &back,
                        )
                        .with_field("action", &form.action)
                        .undoable(),
                    );
                }
                Ok(_) => {
                    let (s, v) = (slug.clone(), viewer.0.clone());
                    db.run(move |c| match action {
                        Action::Change(change) => members::change(c, &v, &s, &uid, change),
                        Action::Remove => members::remove(c, &v, &s, &uid),
                    })
                    .await
                }
                Err(e) => Err(e),
            }
        }
        Err(e) => Err(e),
    };
    match result {
        Ok(()) => Ok(see_other(&format!("/c/{slug}/members?done={done}"))),
        Err(e) if shown_on_form(&e) => {
            render(&ui, &db, viewer.0, slug, RosterQuery::default(), Message::Error(e)).await
        }
        Err(e) => Err(e),
    }
}
