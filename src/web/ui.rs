use std::future::Future;
use std::pin::Pin;

use actix_session::{Session, SessionExt};
use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{FromRequest, HttpRequest, HttpResponse, web};
use serde::Serialize;
use tera::Context;

use crate::auth::session;
use crate::config::LiveSettings;
use crate::db::{Db, DbConnection};
use crate::domain::Locale;
use crate::error::AppError;
use crate::templates::Templates;

/// What the header of every page shows about the signed-in person beyond the session: the
/// unread notifications. Features provide it (`notifications::shell::facts`), startup hands it
/// over as a `ShellSource`, so the page floor imports no feature.
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct ShellFacts {
    pub unread: i64,
}

pub type ShellSource = fn(&mut DbConnection, &str) -> Result<ShellFacts, AppError>;

/// The company's look, from `[branding]`.
#[derive(Serialize, Clone)]
struct Brand {
    name: String,
    /// The name's first letter, for the mark shown when there is no logo.
    mark: String,
    accent: String,
    logo: bool,
}

/// Renders pages: picks the language, carries the CSRF token and who is signed in.
pub struct Ui {
    templates: web::Data<Templates>,
    pub lang: Locale,
    pub session: Session,
    csrf_token: String,
    me: Option<Me>,
    path: String,
    path_and_query: String,
    tz: String,
    brand: Brand,
    shell: ShellFacts,
}

#[derive(Serialize, Clone)]
struct Me {
    uid: String,
    name: String,
    admin: bool,
}

/// The kinds of reaction as templates name them (`domain::ReactionKind::ALL`, in its order).
static REACTION_KINDS: std::sync::LazyLock<Vec<&'static str>> =
    std::sync::LazyLock::new(|| crate::domain::ReactionKind::ALL.iter().map(|k| k.as_str()).collect());

impl Ui {
    /// The page's time zone: times people type are read in it.
    pub fn time_zone(&self) -> crate::domain::TimeZone {
        crate::domain::TimeZone::parse(&self.tz).unwrap_or(crate::domain::TimeZone(chrono_tz::UTC))
    }

    pub fn from_http(req: &HttpRequest) -> Result<Ui, AppError> {
        let templates = req
            .app_data::<web::Data<Templates>>()
            .cloned()
            .ok_or_else(|| AppError::internal(anyhow::anyhow!("templates not configured")))?;
        let settings = req.app_data::<web::Data<LiveSettings>>().map(|l| l.get());
        let default = settings.as_ref().map(|s| s.i18n.default_locale).unwrap_or(Locale::De);
        let default_tz = settings
            .as_ref()
            .map(|s| s.i18n.default_timezone.name())
            .unwrap_or("UTC");
        let session = req.get_session();
        let lang = session::lang(&session)
            .or_else(|| {
                req.headers()
                    .get(header::ACCEPT_LANGUAGE)
                    .and_then(|v| v.to_str().ok())
                    .and_then(Locale::negotiate)
            })
            .unwrap_or(default);
        let csrf_token = session::csrf_token(&session);
        let me = session::uid(&session).map(|uid| Me {
            name: session::display_name(&session).unwrap_or_else(|| uid.clone()),
            admin: session::shows_admin_links(&session),
            uid,
        });
        let tz = session::timezone(&session).unwrap_or_else(|| default_tz.to_string());
        let brand = match &settings {
            Some(s) => Brand {
                name: s.branding.name.clone(),
                mark: s
                    .branding
                    .name
                    .chars()
                    .find(|c| c.is_alphanumeric())
                    .into_iter()
                    .flat_map(char::to_uppercase)
                    .collect(),
                accent: s.branding.accent.css(),
                logo: !s.branding.logo.is_empty(),
            },
            None => Brand {
                name: "Allmende".into(),
                mark: "A".into(),
                accent: "#0b5cad".into(),
                logo: false,
            },
        };
        Ok(Ui {
            templates,
            lang,
            session,
            csrf_token,
            me,
            path: req.path().to_string(),
            path_and_query: match req.query_string() {
                "" => req.path().to_string(),
                q => format!("{}?{q}", req.path()),
            },
            tz,
            brand,
            shell: ShellFacts::default(),
        })
    }

    /// The context every template gets; pages add their own values.
    pub fn context(&self) -> Context {
        let mut ctx = Context::new();
        ctx.insert("lang", self.lang.as_str());
        ctx.insert("csrf_token", &self.csrf_token);
        ctx.insert("me", &self.me);
        ctx.insert("path", &self.path);
        ctx.insert("path_and_query", &self.path_and_query);
        ctx.insert("tz", &self.tz);
        ctx.insert("brand", &self.brand);
        ctx.insert("section", section(&self.path));
        ctx.insert("shell", &self.shell);
        // Posts in every list show their reactions, in this order.
        ctx.insert("reaction_kinds", &*REACTION_KINDS);
        ctx
    }

    pub fn t(&self, key: &str) -> String {
        crate::i18n::t(self.lang, key)
    }

    pub fn t_args(&self, key: &str, args: &[(&str, fluent_templates::fluent_bundle::FluentValue<'static>)]) -> String {
        crate::i18n::t_args(self.lang, key, args)
    }

    pub fn render(&self, template: &str, ctx: &Context) -> Result<HttpResponse, AppError> {
        self.render_status(actix_web::http::StatusCode::OK, template, ctx)
    }

    /// A form page: shown again with what was typed, a message and the status of what went wrong.
    pub fn render_form(
        &self,
        template: &str,
        mut ctx: Context,
        error: Option<(actix_web::http::StatusCode, String)>,
    ) -> Result<HttpResponse, AppError> {
        let status = error.as_ref().map_or(actix_web::http::StatusCode::OK, |(s, _)| *s);
        ctx.insert("error", &error.map(|(_, message)| message));
        self.render_status(status, template, &ctx)
    }

    /// Status and message for showing `err` on a form.
    pub fn form_error(&self, err: &AppError) -> (actix_web::http::StatusCode, String) {
        use actix_web::ResponseError;
        (err.status_code(), crate::web::error_message(self, err))
    }

    pub fn render_status(
        &self,
        status: actix_web::http::StatusCode,
        template: &str,
        ctx: &Context,
    ) -> Result<HttpResponse, AppError> {
        let html = self.templates.render(template, ctx)?;
        Ok(HttpResponse::build(status)
            .content_type("text/html; charset=utf-8")
            .insert_header((header::CONTENT_LANGUAGE, self.lang.as_str()))
            .insert_header((header::VARY, "Cookie, Accept-Language"))
            .body(html))
    }
}

/// Which entry of the main navigation a page belongs to (marked as the current one).
fn section(path: &str) -> &'static str {
    let under = |prefix: &str| path.starts_with(prefix);
    match path {
        "/" => "home",
        "/tasks" => "work",
        _ if under("/people") => "people",
        _ if under("/status") => "status",
        _ if under("/topics") => "topics",
        // The administration's pages lead back to its overview.
        _ if under("/admin/") => "admin",
        _ if [
            "/communities",
            "/c/",
            "/posts/",
            "/amas/",
            "/meetings/",
            "/polls/",
            "/newsletters/",
            "/tasks/",
        ]
        .iter()
        .any(|p| under(p)) =>
        {
            "communities"
        }
        _ => "",
    }
}

impl FromRequest for Ui {
    type Error = AppError;
    type Future = Pin<Box<dyn Future<Output = Result<Ui, AppError>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let ui = Ui::from_http(req);
        let source = req.app_data::<web::Data<ShellSource>>().map(|s| *s.get_ref());
        let db = req.app_data::<web::Data<Db>>().map(|d| d.get_ref().clone());
        Box::pin(async move {
            let mut ui = ui?;
            if let (Some(me), Some(source), Some(db)) = (&ui.me, source, db) {
                let uid = me.uid.clone();
                ui.shell = db.run(move |conn| source(conn, &uid)).await?;
            }
            Ok(ui)
        })
    }
}

/// 303 See Other: where a form post goes next.
pub fn see_other(location: &str) -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header((header::LOCATION, location))
        .finish()
}
