//! Probes and metrics for operators: `/healthz`, `/readyz`, `/metrics`; the start-up check.

pub mod check;

use actix_web::{HttpRequest, HttpResponse, web};
use diesel::RunQueryDsl;
use prometheus::{Encoder, IntGauge, Registry, TextEncoder};

use crate::config::CurrentSettings;
use crate::db::Db;
use crate::error::AppError;

/// The Prometheus registry (request metrics come from actix-web-prom) plus pool gauges.
pub struct Metrics {
    pub registry: Registry,
    pool_connections: IntGauge,
    pool_idle: IntGauge,
    pool_max: IntGauge,
}

impl Metrics {
    pub fn new() -> Result<Metrics, prometheus::Error> {
        let registry = Registry::new();
        let gauge = |name: &str, help: &str| -> Result<IntGauge, prometheus::Error> {
            let g = IntGauge::new(format!("allmende_db_pool_{name}"), help)?;
            registry.register(Box::new(g.clone()))?;
            Ok(g)
        };
        Ok(Metrics {
            pool_connections: gauge("connections", "Open database connections")?,
            pool_idle: gauge("idle_connections", "Idle database connections")?,
            pool_max: gauge("max_connections", "Configured pool size")?,
            registry,
        })
    }
}

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/healthz", web::get().to(healthz))
        .route("/readyz", web::get().to(readyz))
        .route("/metrics", web::get().to(metrics));
}

/// The process is up.
async fn healthz() -> HttpResponse {
    HttpResponse::Ok().content_type("text/plain").body("ok")
}

/// The database answers.
async fn readyz(db: web::Data<Db>) -> Result<HttpResponse, AppError> {
    db.run(|c| Ok(diesel::sql_query("SELECT 1").execute(c)?)).await?;
    Ok(HttpResponse::Ok().content_type("text/plain").body("ready"))
}

/// Metrics name routes, pool sizes and request counts: for the operators' scraper only.
fn may_read_metrics(req: &HttpRequest, settings: &crate::config::Settings) -> bool {
    let m = &settings.metrics;
    let from_allowed = crate::web::client::address(req, settings.server.trust_forwarded_headers)
        .is_some_and(|a| m.allow_from.contains(&a));
    let sent = req
        .headers()
        .get(actix_web::http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "));
    let with_token = match sent {
        Some(t) if !m.token.is_empty() => bool::from(subtle::ConstantTimeEq::ct_eq(t.as_bytes(), m.token.as_bytes())),
        _ => false,
    };
    from_allowed || with_token
}

async fn metrics(
    req: HttpRequest,
    settings: CurrentSettings,
    m: web::Data<Metrics>,
    db: web::Data<Db>,
) -> Result<HttpResponse, AppError> {
    if !may_read_metrics(&req, &settings) {
        return Err(AppError::Unauthenticated);
    }
    let state = db.pool().state();
    m.pool_connections.set(state.connections.into());
    m.pool_idle.set(state.idle_connections.into());
    m.pool_max.set(db.pool().max_size().into());
    let mut out = Vec::new();
    TextEncoder::new()
        .encode(&m.registry.gather(), &mut out)
        .map_err(AppError::internal)?;
    Ok(HttpResponse::Ok().content_type(prometheus::TEXT_FORMAT).body(out))
}
