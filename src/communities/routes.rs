//! Community pages: the directory, join and leave, create, settings. A community's own page
//! is its blog (`posts::routes`); the home page is the feed's.

use std::collections::HashMap;

use actix_web::{HttpResponse, web};
use serde::Deserialize;

use super::policy;
use super::service::{self, ListFilter, NewCommunityInput};
use super::settings::CommunityChange;
use crate::api::pagination::PageParams;
use crate::auth::Viewer;
use crate::config::CurrentSettings;
use crate::db::{Db, DbConnection};
use crate::domain::{
    CommunityKind, CommunityName, CommunitySlug, Description, JoinPolicy, MembershipState, Module, Modules, Visibility,
};
use crate::error::AppError;
use crate::references::CommunityHeader;
use crate::web::confirm::{Confirmation, Question};
use crate::web::{Ui, next_url, see_other, shown_on_form};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/communities", web::get().to(directory))
        .route("/communities", web::post().to(create))
        .route("/communities/new", web::get().to(new_form))
        .route("/c/{slug}/join", web::post().to(join))
        .route("/c/{slug}/leave", web::post().to(leave))
        .route("/c/{slug}/settings", web::get().to(settings_form))
        .route("/c/{slug}/settings", web::post().to(save_settings));
}

#[derive(Deserialize)]
struct DirectoryQuery {
    kind: Option<String>,
    q: Option<String>,
    cursor: Option<String>,
}

async fn directory(
    viewer: Viewer,
    ui: Ui,
    db: web::Data<Db>,
    query: web::Query<DirectoryQuery>,
) -> Result<HttpResponse, AppError> {
    let query = query.into_inner();
    let kind = query
        .kind
        .as_deref()
        .filter(|k| !k.is_empty())
        .map(CommunityKind::parse)
        .transpose()?;
    let page = PageParams {
        limit: None,
        cursor: query.cursor.clone(),
    }
    .parse()?;
    let filter = ListFilter {
        kind,
        query: query.q.clone(),
    };
    let list = db.run(move |c| service::list(c, &viewer.0, &filter, &page)).await?;
    let mut ctx = ui.context();
    ctx.insert("kind", &kind.map(|k| k.as_str()).unwrap_or(""));
    ctx.insert("q", &query.q.as_deref().unwrap_or(""));
    ctx.insert(
        "kinds",
        &CommunityKind::ALL.iter().map(|k| k.as_str()).collect::<Vec<_>>(),
    );
    ctx.insert(
        "next_url",
        &next_url(
            "/communities",
            &[("kind", query.kind.as_deref()), ("q", query.q.as_deref())],
            &list,
        ),
    );
    ctx.insert("total", &list.total);
    ctx.insert("communities", &list.items);
    ui.render("communities/directory.html", &ctx)
}

async fn join(viewer: Viewer, db: web::Data<Db>, slug: web::Path<String>) -> Result<HttpResponse, AppError> {
    let slug = slug.into_inner();
    let target = format!("/c/{slug}");
    let state = db.run(move |c| service::join(c, &viewer.0, &slug)).await?;
    // The community's page says what happened: in, or asked.
    let done = if state == MembershipState::Active {
        "joined"
    } else {
        "requested"
    };
    Ok(see_other(&format!("{target}?done={done}")))
}

async fn leave(
    viewer: Viewer,
    ui: Ui,
    db: web::Data<Db>,
    slug: web::Path<String>,
    form: web::Form<Confirmation>,
) -> Result<HttpResponse, AppError> {
    let slug = slug.into_inner();
    if !form.given() {
        let (v, s) = (viewer.0.clone(), slug.clone());
        let leaving = db.run(move |c| service::leaving(c, &v, &s)).await?;
        if leaving.active {
            let back = format!("/c/{slug}");
            let comeback = ui.t(&format!("confirm-leave-{}", leaving.join_policy.as_str()));
            return ui.ask(
                &Question::new(
                    ui.t_args("confirm-leave", &[("community", leaving.name.into())]),
                    comeback,
                    ui.t("action-leave"),
                    &format!("{back}/leave"),
                    &back,
                )
                .undoable(),
            );
        }
    }
    db.run(move |c| service::leave(c, &viewer.0, &slug)).await?;
    Ok(see_other("/communities"))
}

/// The create form's fields as sent, kept to show them again when something is wrong.
#[derive(Debug, Default, Deserialize, serde::Serialize)]
pub struct CommunityForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    slug: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    visibility: String,
    #[serde(default)]
    join_policy: String,
}

impl CommunityForm {
    fn parse(&self) -> Result<NewCommunityInput, AppError> {
        Ok(NewCommunityInput {
            name: CommunityName::parse("name", &self.name)?,
            slug: Some(self.slug.trim())
                .filter(|s| !s.is_empty())
                .map(CommunitySlug::parse)
                .transpose()?,
            kind: CommunityKind::parse(&self.kind)?,
            description: Description::parse("description", &self.description)?,
            visibility: Visibility::parse(&self.visibility)?,
            join_policy: JoinPolicy::parse(&self.join_policy)?,
        })
    }
}

fn form_page(ui: &Ui, form: &CommunityForm, error: Option<&AppError>) -> Result<HttpResponse, AppError> {
    let mut ctx = ui.context();
    ctx.insert("form", form);
    ui.render_form("communities/new.html", ctx, error.map(|e| ui.form_error(e)))
}

async fn new_form(_viewer: Viewer, ui: Ui) -> Result<HttpResponse, AppError> {
    let form = CommunityForm {
        kind: "interest".into(),
        visibility: "public".into(),
        join_policy: "open".into(),
        ..Default::default()
    };
    form_page(&ui, &form, None)
}

async fn create(
    viewer: Viewer,
    ui: Ui,
    db: web::Data<Db>,
    settings: CurrentSettings,
    form: web::Form<CommunityForm>,
) -> Result<HttpResponse, AppError> {
    let form = form.into_inner();
    let result = match form.parse() {
        Ok(input) => {
            let rules = settings.communities.clone();
            db.run(move |c| {
                service::may_create(&viewer.0, input.kind, &rules)?;
                service::create(c, &viewer.0, input)
            })
            .await
        }
        Err(e) => Err(e),
    };
    match result {
        Ok(community) => Ok(see_other(&format!("/c/{}", community.slug))),
        // Show the form again with what was typed, so nothing is lost.
        Err(e @ (AppError::Invalid(_) | AppError::Conflict { .. })) => form_page(&ui, &form, Some(&e)),
        Err(e) => Err(e),
    }
}

/// The settings form as sent, kept to show again when something is wrong.
#[derive(Debug, Default, Deserialize, serde::Serialize)]
pub struct SettingsForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    code_of_conduct: String,
    #[serde(default)]
    visibility: String,
    #[serde(default)]
    join_policy: String,
    archived: Option<String>,
    /// Projects only: the department's name (empty: none).
    department: Option<String>,
    /// `module-tasks=on` and the like, one checkbox per module.
    #[serde(flatten)]
    modules: HashMap<String, String>,
}

impl SettingsForm {
    fn module_field(m: Module) -> String {
        format!("module-{}", m.as_str())
    }

    fn parse(&self) -> Result<CommunityChange, AppError> {
        Ok(CommunityChange {
            name: Some(CommunityName::parse("name", &self.name)?),
            description: Some(Description::parse("description", &self.description)?),
            code_of_conduct: Some(Description::parse("code_of_conduct", &self.code_of_conduct)?),
            visibility: Some(Visibility::parse(&self.visibility)?),
            join_policy: Some(JoinPolicy::parse(&self.join_policy)?),
            archived: Some(self.archived.is_some()),
            department: self.department.clone(),
            modules: Some(Modules::of(
                Module::ALL
                    .iter()
                    .copied()
                    .filter(|m| self.modules.contains_key(&Self::module_field(*m))),
            )),
        })
    }
}

/// The departments a project may belong to; other kinds choose none.
fn department_choices(conn: &mut DbConnection, access: &policy::Access) -> Result<Option<Vec<String>>, AppError> {
    if access.kind() == CommunityKind::Project {
        Ok(Some(crate::people::service::department_names(conn)?))
    } else {
        Ok(None)
    }
}

fn settings_page(
    ui: &Ui,
    slug: &str,
    form: &SettingsForm,
    departments: Option<Vec<String>>,
    header: &CommunityHeader,
    error: Option<&AppError>,
) -> Result<HttpResponse, AppError> {
    let mut ctx = ui.context();
    ctx.insert("slug", slug);
    ctx.insert("header", header);
    ctx.insert("form", form);
    ctx.insert("departments", &departments);
    let modules: Vec<serde_json::Value> = Module::ALL
        .iter()
        .map(|m| serde_json::json!({"name": m.as_str(), "on": form.modules.contains_key(&SettingsForm::module_field(*m))}))
        .collect();
    ctx.insert("modules", &modules);
    ui.render_form("communities/settings.html", ctx, error.map(|e| ui.form_error(e)))
}

async fn settings_form(
    viewer: Viewer,
    ui: Ui,
    db: web::Data<Db>,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let slug = slug.into_inner();
    let s = slug.clone();
    let (form, departments, header) = db
        .run(move |conn| {
            let access = policy::load(conn, &viewer.0, &s)?;
            access.must_manage()?;
            let header = access.header(&viewer.0);
            let departments = department_choices(conn, &access)?;
            let department = access
                .community
                .reports_to_department_id
                .map(|id| crate::people::service::department_name(conn, id))
                .transpose()?;
            let c = access.community;
            let modules = c
                .modules()
                .iter()
                .map(|m| (SettingsForm::module_field(m), "on".to_string()))
                .collect();
            Ok(SettingsForm {
                name: c.name,
                description: c.description,
                code_of_conduct: c.code_of_conduct,
                visibility: c.visibility.to_string(),
                join_policy: c.join_policy.to_string(),
                archived: c.archived.then(|| "on".into()),
                department: departments.as_ref().map(|_| department.unwrap_or_default()),
                modules,
            })
            .map(|form| (form, departments, header))
        })
        .await?;
    settings_page(&ui, &slug, &form, departments, &header, None)
}

async fn save_settings(
    viewer: Viewer,
    ui: Ui,
    db: web::Data<Db>,
    slug: web::Path<String>,
    form: web::Form<SettingsForm>,
) -> Result<HttpResponse, AppError> {
    let slug = slug.into_inner();
    let form = form.into_inner();
    let person = viewer.0.clone();
    let result = match form.parse() {
        Ok(change) => {
            let s = slug.clone();
            db.run(move |c| crate::communities::settings::update(c, &viewer.0, &s, change))
                .await
        }
        Err(e) => Err(e),
    };
    match result {
        Ok(_) => Ok(see_other(&format!("/c/{slug}"))),
        Err(e) if shown_on_form(&e) => {
            let s = slug.clone();
            let (departments, header) = db
                .run(move |c| {
                    let access = policy::load(c, &person, &s)?;
                    Ok((department_choices(c, &access)?, access.header(&person)))
                })
                .await?;
            settings_page(&ui, &slug, &form, departments, &header, Some(&e))
        }
        Err(e) => Err(e),
    }
}
