//! The settings in force: the file's, with what administrators changed at run time
//! (`setting_overrides`, see `tunables`) laid over them. Every node reads the table at start
//! and every `REFRESH` after; the node where an admin saves a change applies it at once.

use std::future::{Ready, ready};
use std::sync::{Arc, RwLock};
use std::time::Duration;

use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpRequest, web};
use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;

use super::{Settings, Tunable};
use crate::db::models::NewAuditEntry;
use crate::db::schema::setting_overrides;
use crate::db::{DbConnection, DbPool};
use crate::error::AppError;

/// How soon a change made on one node is in force on the others.
pub const REFRESH: Duration = Duration::from_secs(15);

/// The file's settings and the ones in force now; clones share them.
#[derive(Clone)]
pub struct LiveSettings {
    file: Arc<Settings>,
    current: Arc<RwLock<Arc<Settings>>>,
}

/// A value an administrator set, over the file's.
#[derive(Debug, Clone, Serialize, Queryable, Selectable)]
#[diesel(table_name = setting_overrides)]
pub struct Override {
    pub key: String,
    pub value: String,
    pub changed_by: Option<i64>,
    pub changed_at: NaiveDateTime,
}

impl LiveSettings {
    pub fn new(file: Settings) -> LiveSettings {
        let file = Arc::new(file);
        LiveSettings {
            current: Arc::new(RwLock::new(file.clone())),
            file,
        }
    }

    /// The settings in force now (a snapshot: a long run keeps the ones it started with).
    pub fn get(&self) -> Arc<Settings> {
        self.current.read().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// The configuration file's settings (and environment), without the admins' changes.
    pub fn file(&self) -> &Settings {
        &self.file
    }

    pub fn overrides(conn: &mut DbConnection) -> QueryResult<Vec<Override>> {
        setting_overrides::table
            .order(setting_overrides::key)
            .select(Override::as_select())
            .load(conn)
    }

    /// Reads the stored changes and puts them in force.
    pub fn reload(&self, conn: &mut DbConnection) -> Result<(), AppError> {
        let settings = self.compose(&Self::overrides(conn)?);
        *self.current.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(settings);
        Ok(())
    }

    /// The file's settings with `overrides` laid over them. One the rules refuse (a key an
    /// upgrade removed, a value a changed file no longer admits) is left out and logged.
    fn compose(&self, overrides: &[Override]) -> Settings {
        let mut settings = (*self.file).clone();
        for o in overrides {
            let applied = Tunable::find(&o.key)
                .ok_or_else(|| "not a setting that may change at run time".to_string())
                .and_then(|t| {
                    let value = serde_json::from_str(&o.value).map_err(|e| e.to_string())?;
                    t.apply(&settings, value)
                });
            match applied {
                Ok(changed) => settings = changed,
                Err(reason) => tracing::warn!(key = %o.key, %reason, "a stored setting is not applied"),
            }
        }
        settings
    }

    /// Sets `tunable` to what an admin typed, checked by the file's rules; audited with the
    /// value before and after, and in force on this node at once.
    pub fn change(&self, conn: &mut DbConnection, tunable: &Tunable, typed: &str, by: i64) -> Result<(), AppError> {
        let value = tunable.parse(typed);
        conn.transaction(|c| {
            let before = self.compose(&Self::overrides(c)?);
            // The page names the setting and its rule in the reader's language; the log keeps
            // the file's wording.
            tunable.apply(&before, value.clone()).map_err(|reason| {
                tracing::info!(%reason, "a setting was refused");
                crate::domain::Invalid::new(tunable.key, "not-allowed")
            })?;
            diesel::delete(setting_overrides::table.find(tunable.key)).execute(c)?;
            diesel::insert_into(setting_overrides::table)
                .values((
                    setting_overrides::key.eq(tunable.key),
                    setting_overrides::value.eq(value.to_string()),
                    setting_overrides::changed_by.eq(Some(by)),
                    setting_overrides::changed_at.eq(crate::db::now()),
                ))
                .execute(c)?;
            let details = serde_json::json!({ "from": tunable.value(&before), "to": value });
            NewAuditEntry::record(c, Some(by), "settings.change", ("setting", tunable.key), details)?;
            Ok::<_, AppError>(())
        })?;
        self.reload(conn)
    }

    /// Back to the file's value; audited.
    pub fn reset(&self, conn: &mut DbConnection, tunable: &Tunable, by: i64) -> Result<(), AppError> {
        conn.transaction(|c| {
            let before = tunable.value(&self.compose(&Self::overrides(c)?));
            if diesel::delete(setting_overrides::table.find(tunable.key)).execute(c)? > 0 {
                let details = serde_json::json!({ "from": before, "to": tunable.value(&self.file) });
                NewAuditEntry::record(c, Some(by), "settings.reset", ("setting", tunable.key), details)?;
            }
            Ok::<_, AppError>(())
        })?;
        self.reload(conn)
    }

    /// Keeps this node's settings in step with changes made on others, until dropped.
    pub async fn follow(self, pool: DbPool) {
        let mut tick = tokio::time::interval(REFRESH);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            let (live, pool) = (self.clone(), pool.clone());
            let reloaded = tokio::task::spawn_blocking(move || {
                let mut conn = pool.get().map_err(AppError::from)?;
                live.reload(&mut conn)
            })
            .await;
            if let Ok(Err(e)) = reloaded {
                tracing::warn!(error = %e, "the settings could not be reread");
            }
        }
    }
}

/// The settings in force for this request (`LiveSettings::get`).
pub struct CurrentSettings(Arc<Settings>);

impl CurrentSettings {
    pub fn into_inner(self) -> Arc<Settings> {
        self.0
    }
}

impl std::ops::Deref for CurrentSettings {
    type Target = Settings;

    fn deref(&self) -> &Settings {
        &self.0
    }
}

impl FromRequest for CurrentSettings {
    type Error = AppError;
    type Future = Ready<Result<Self, AppError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(
            req.app_data::<web::Data<LiveSettings>>()
                .map(|live| CurrentSettings(live.get()))
                .ok_or_else(|| AppError::internal(anyhow::anyhow!("settings not configured"))),
        )
    }
}
