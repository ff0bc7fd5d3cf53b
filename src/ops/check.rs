//! `allmende serve --check`: what a node needs before it serves — the configuration, the
//! database (reachable, migrations pending), the directory (the service account binds), mail
//! (the SMTP server answers), the address to listen on — checked and reported, then exit.
//! Nothing is changed and no secret is printed.

use crate::config::Settings;
use crate::db::DatabaseUrl;

/// One line of the report.
pub struct Finding {
    pub what: &'static str,
    pub outcome: Result<String, String>,
}

pub async fn run(settings: &Settings, config: &std::path::Path) -> Vec<Finding> {
    let mut found = vec![Finding {
        what: "configuration",
        outcome: Ok(format!("{} read and valid", config.display())),
    }];
    let s = settings.clone();
    found.push(Finding {
        what: "database",
        outcome: actix_web::web::block(move || database(&s))
            .await
            .unwrap_or_else(|e| Err(e.to_string())),
    });
    found.push(Finding {
        what: "directory",
        outcome: if settings.ldap.enabled() {
            let ldap = settings.ldap.clone();
            actix_web::web::block(move || {
                crate::directory::client::service_connection(&ldap)
                    .map(|mut conn| {
                        let _ = conn.unbind();
                        format!("{} binds as {}", ldap.url.trim(), ldap.bind_dn)
                    })
                    .map_err(|e| format!("{}: {e}", ldap.url.trim()))
            })
            .await
            .unwrap_or_else(|e| Err(e.to_string()))
        } else {
            Ok("no directory configured (ldap.url is empty): local accounts only".into())
        },
    });
    found.push(Finding {
        what: "mail",
        outcome: match crate::mail::Mailer::from_settings(&settings.mail) {
            Ok(mailer) => mailer.check(&settings.mail).await,
            Err(e) => Err(e.to_string()),
        },
    });
    found.push(Finding {
        what: "listen",
        outcome: std::net::TcpListener::bind(settings.server.bind)
            .map(|_| format!("{} is free", settings.server.bind))
            .map_err(|e| format!("{}: {e}", settings.server.bind)),
    });
    found
}

fn database(settings: &Settings) -> Result<String, String> {
    let url = DatabaseUrl::parse(&settings.database.url).map_err(|e| format!("database.url: {e}"))?;
    if let DatabaseUrl::Sqlite(path) = &url
        && !path.exists()
    {
        return Ok(format!("{} does not exist yet: it is created at start", path.display()));
    }
    let pool = crate::db::build_pool(
        &url,
        1,
        std::time::Duration::from_secs(settings.database.pool_timeout_seconds),
        settings.database.sqlite_busy_timeout_ms,
    )
    .map_err(|e| format!("{}: {e}", url.redacted()))?;
    let mut conn = pool.get().map_err(|e| format!("{}: {e}", url.redacted()))?;
    let pending = crate::db::migrations::pending_migrations(&mut conn).map_err(|e| e.to_string())?;
    Ok(match pending.len() {
        0 => format!(
            "{} ({}) reachable, schema up to date",
            url.redacted(),
            url.backend_name()
        ),
        n => format!(
            "{} ({}) reachable, {n} migrations to apply at start (the last: {})",
            url.redacted(),
            url.backend_name(),
            pending.last().map_or("", String::as_str)
        ),
    })
}

/// The report as printed, and whether everything passed.
pub fn report(found: &[Finding]) -> (String, bool) {
    let mut out = String::new();
    let mut ok = true;
    for f in found {
        let (mark, text) = match &f.outcome {
            Ok(t) => ("ok    ", t),
            Err(t) => {
                ok = false;
                ("FAILED", t)
            }
        };
        out.push_str(&format!("{mark} {:<14} {text}\n", f.what));
    }
    out.push_str(if ok {
        "All checks passed.\n"
    } else {
        "Some checks failed; Allmende would not work as configured.\n"
    });
    (out, ok)
}
