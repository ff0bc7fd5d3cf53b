//! Building the application: database, session key, templates, routes, middleware.

use std::net::TcpListener;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use actix_session::SessionMiddleware;
use actix_session::config::{CookieContentSecurity, PersistentSession, TtlExtensionPolicy};
use actix_session::storage::CookieSessionStore;
use actix_web::cookie::{Key, SameSite};
use actix_web::dev::Server;
use actix_web::middleware::from_fn;
use actix_web::{App, HttpRequest, HttpServer, web};
use anyhow::Context;
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use tracing_actix_web::TracingLogger;

use crate::auth::{Authenticator, LocalPasswords};
use crate::clock::Clock;
use crate::config::Settings;
use crate::db::{DatabaseUrl, Db, DbPool, build_pool, run_pending_migrations};
use crate::error::AppError;
use crate::ops::Metrics;
use crate::templates::Templates;

pub struct Application {
    port: u16,
    server: Server,
    db: Db,
    outbox: crate::mail::Outbox,
    clock: Clock,
}

/// Opens the pool and brings the schema up to date; returns the names of the migrations applied.
pub fn open_database(settings: &Settings) -> anyhow::Result<(DbPool, Vec<String>)> {
    let url = DatabaseUrl::parse(&settings.database.url).map_err(|e| anyhow::anyhow!("key `database.url`: {e}"))?;
    let pool = build_pool(
        &url,
        settings.database.pool_size,
        Duration::from_secs(settings.database.pool_timeout_seconds),
        settings.database.sqlite_busy_timeout_ms,
    )
    .map_err(anyhow::Error::msg)?;
    let mut conn = pool
        .get()
        .with_context(|| format!("cannot connect to {}", url.redacted()))?;
    let applied = run_pending_migrations(&mut conn).map_err(|e| anyhow::anyhow!("migrations failed: {e}"))?;
    crate::communities::managed::ensure_organization(&mut conn, &settings.organization)
        .map_err(|e| anyhow::anyhow!("creating the organization community: {e}"))?;
    derive_after_migrations(&mut conn, &applied).map_err(|e| anyhow::anyhow!("updating existing content: {e}"))?;
    tracing::info!(database = %url.redacted(), backend = url.backend_name(), applied = ?applied, "database ready");
    Ok((pool, applied))
}

/// Content written before a migration added something derived from it (rendered HTML and
/// topics of posts, the search index) gets it now — once, right after that migration.
pub fn derive_after_migrations(conn: &mut crate::db::DbConnection, applied: &[String]) -> Result<(), AppError> {
    let ran = |suffix: &str| applied.iter().any(|m| m.ends_with(suffix));
    if ran("_blog") || ran("_topics") {
        crate::posts::service::refresh_derived(conn)?;
    }
    if ran("_search") {
        crate::search::index::rebuild(conn)?;
    }
    Ok(())
}

/// The cookie key from `session.secret`, or from `session.key_file` (created on first start).
pub fn session_key(settings: &Settings) -> anyhow::Result<Key> {
    let from_b64 = |text: &str, key: &str| -> anyhow::Result<Key> {
        let bytes = STANDARD
            .decode(text.trim())
            .map_err(|_| anyhow::anyhow!("key `{key}`: not base64"))?;
        if bytes.len() < 64 {
            anyhow::bail!("key `{key}`: needs at least 64 bytes, has {}", bytes.len());
        }
        Ok(Key::from(&bytes))
    };
    if !settings.session.secret.is_empty() {
        return from_b64(&settings.session.secret, "session.secret");
    }
    let path = Path::new(&settings.session.key_file);
    if path.exists() {
        let text = std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
        return from_b64(&text, "session.key_file");
    }
    let key = Key::generate();
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    }
    write_private(path, &STANDARD.encode(key.master()))?;
    tracing::info!(file = %path.display(), "generated a new session key");
    Ok(key)
}

fn write_private(path: &Path, text: &str) -> anyhow::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options
        .open(path)
        .with_context(|| format!("creating {}", path.display()))?;
    file.write_all(text.as_bytes())?;
    Ok(())
}

impl Application {
    pub async fn build(settings: Settings) -> anyhow::Result<Application> {
        let (pool, _) = {
            let s = settings.clone();
            web::block(move || open_database(&s)).await??
        };
        Self::build_with_pool(settings, pool)
    }

    pub fn build_with_pool(settings: Settings, pool: DbPool) -> anyhow::Result<Application> {
        let key = session_key(&settings)?;
        let templates = Arc::new(Templates::load(&settings.server.templates_dir).map_err(anyhow::Error::msg)?);
        let listener = TcpListener::bind(settings.server.bind)
            .with_context(|| format!("key `server.bind`: cannot listen on {}", settings.server.bind))?;
        let port = listener.local_addr()?.port();
        let live = crate::config::LiveSettings::new(settings.clone());
        live.reload(&mut *pool.get()?)?;
        let db = Db::new(pool);
        let metrics = Metrics::new()?;
        let prometheus = actix_web_prom::PrometheusMetricsBuilder::new("allmende")
            .registry(metrics.registry.clone())
            .mask_unmatched_patterns("UNMATCHED")
            .exclude("/metrics")
            .build()
            .map_err(|e| anyhow::anyhow!("metrics: {e}"))?;
        let metrics = web::Data::new(metrics);
        let clock = Clock::default();
        let clock_data = web::Data::new(clock.clone());
        let feed_key = web::Data::new(crate::meetings::feed::FeedKey::derive(key.signing()));
        let outbox = crate::mail::Outbox::new(live.clone(), db.clone(), templates.clone(), key.signing())?;
        let templates = web::Data::from(templates);
        let authenticator: Arc<dyn Authenticator> = if settings.ldap.enabled() {
            Arc::new(crate::directory::DirectoryPasswords::new(settings.ldap.clone()))
        } else {
            Arc::new(LocalPasswords)
        };
        let authenticator = web::Data::new(authenticator);
        let secure = settings.cookies_secure();
        let static_dir = settings.server.static_dir.clone();
        let body_limit = settings.server.body_limit_bytes;
        let workers = settings.server.workers;
        let shutdown = settings.server.shutdown_timeout_seconds;
        let outbox_for_jobs = outbox.clone();
        let outbox = web::Data::new(outbox);
        let live = web::Data::new(live);
        let db_data = web::Data::new(db.clone());
        let logo = web::Data::new(match settings.branding.logo.as_str() {
            "" => None,
            path => {
                Some(crate::web::branding::Logo::read(path).map_err(|e| anyhow::anyhow!("key `branding.logo`: {e}"))?)
            }
        });
        let theme = web::Data::new(crate::web::branding::Theme::of(
            settings.branding.accent,
            &settings.branding.name,
        ));
        let shell: web::Data<crate::web::ShellSource> = web::Data::new(crate::notifications::shell::facts);

        let mut server = HttpServer::new(move || {
            let session = SessionMiddleware::builder(CookieSessionStore::default(), key.clone())
                .cookie_name(live.file().session.cookie_name.clone())
                .cookie_secure(secure)
                .cookie_http_only(true)
                .cookie_same_site(SameSite::Lax)
                .cookie_content_security(CookieContentSecurity::Private)
                // Renewed on every request: the session ends after max_idle_hours of idleness.
                .session_lifecycle(
                    PersistentSession::default()
                        .session_ttl(actix_web::cookie::time::Duration::hours(
                            live.file().session.max_idle_hours,
                        ))
                        .session_ttl_extension_policy(TtlExtensionPolicy::OnEveryRequest),
                )
                .build();
            App::new()
                .app_data(live.clone())
                .app_data(db_data.clone())
                .app_data(templates.clone())
                .app_data(metrics.clone())
                .app_data(feed_key.clone())
                .app_data(outbox.clone())
                .app_data(clock_data.clone())
                .app_data(authenticator.clone())
                .app_data(shell.clone())
                .app_data(logo.clone())
                .app_data(theme.clone())
                .app_data(extractor_errors::json(body_limit))
                .app_data(extractor_errors::form(body_limit))
                .app_data(extractor_errors::query())
                .app_data(extractor_errors::path())
                .app_data(web::PayloadConfig::new(body_limit))
                .wrap(from_fn(crate::auth::csrf::protect))
                .wrap(from_fn(crate::web::error_pages::render))
                .wrap(session)
                .wrap(prometheus.clone())
                .wrap(from_fn(crate::web::request_id::expose))
                .wrap(from_fn(crate::web::headers::secure))
                .wrap(TracingLogger::default())
                .configure(crate::ops::configure)
                .configure(crate::api::configure)
                .configure(crate::auth::routes::configure)
                .configure(crate::feed::configure)
                .configure(crate::communities::routes::configure)
                .configure(crate::communities::member_routes::configure)
                .configure(crate::people::routes::configure)
                .configure(crate::settings::configure)
                .configure(crate::posts::routes::configure)
                .configure(crate::moderation::routes::configure)
                .configure(crate::notifications::routes::configure)
                .configure(crate::search::routes::configure)
                .configure(crate::topics::routes::configure)
                .configure(crate::tasks::routes::configure)
                .configure(crate::status::routes::configure)
                .configure(crate::kpi::routes::configure)
                .configure(crate::privacy::routes::configure)
                .configure(crate::polls::routes::configure)
                .configure(crate::meetings::routes::configure)
                .configure(crate::amas::routes::configure)
                .configure(crate::qa::routes::configure)
                .configure(crate::digest::unsubscribe::configure)
                .configure(crate::digest::routes::configure)
                .configure(crate::newsletters::routes::configure)
                .configure(crate::admin::configure)
                .configure(crate::web::branding::configure)
                .configure(crate::web::preview::configure)
                .service(actix_files::Files::new("/static", &static_dir))
                .default_service(web::to(not_found))
        })
        .shutdown_timeout(shutdown)
        .listen(listener)?;
        if workers > 0 {
            server = server.workers(workers);
        }
        Ok(Application {
            port,
            server: server.run(),
            db,
            outbox: outbox_for_jobs,
            clock,
        })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    pub fn db(&self) -> &Db {
        &self.db
    }

    /// What mail runs send with (tests run digests and newsletters through it).
    pub fn outbox(&self) -> &crate::mail::Outbox {
        &self.outbox
    }

    /// The clock AMA windows go by (tests move it).
    pub fn clock(&self) -> &Clock {
        &self.clock
    }

    /// Runs until SIGTERM / SIGINT; running requests get `shutdown_timeout_seconds` to finish.
    /// The scheduled jobs run alongside (created here, once per node, not per worker).
    pub async fn run_until_stopped(self) -> anyhow::Result<()> {
        let mut scheduler = crate::jobs::start(&self.outbox, self.clock.clone()).await?;
        let follower = tokio::spawn(self.outbox.live.clone().follow(self.db.pool().clone()));
        let served = self.server.await;
        follower.abort();
        let _ = scheduler.shutdown().await;
        Ok(served?)
    }
}

async fn not_found(_req: HttpRequest) -> Result<actix_web::HttpResponse, AppError> {
    Err(AppError::NotFound)
}

/// Malformed JSON, forms, query strings and paths become problem bodies / error pages.
mod extractor_errors {
    use actix_web::web;

    use crate::error::AppError;

    pub fn json(limit: usize) -> web::JsonConfig {
        web::JsonConfig::default()
            .limit(limit)
            .error_handler(|err, _| AppError::bad_request(format!("the JSON body could not be read: {err}")).into())
    }

    pub fn form(limit: usize) -> web::FormConfig {
        web::FormConfig::default()
            .limit(limit)
            .error_handler(|err, _| AppError::bad_request(format!("the form could not be read: {err}")).into())
    }

    pub fn query() -> web::QueryConfig {
        web::QueryConfig::default()
            .error_handler(|err, _| AppError::bad_request(format!("the query string could not be read: {err}")).into())
    }

    pub fn path() -> web::PathConfig {
        web::PathConfig::default().error_handler(|_, _| AppError::NotFound.into())
    }
}
