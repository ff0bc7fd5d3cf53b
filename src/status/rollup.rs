//! The roll-up: every project (with the status module) the viewer may read, for the whole
//! organization or one department, with its latest status, how old it is and what changed
//! since the report before. Red and stale projects come first.

use std::collections::HashMap;

use chrono::{NaiveDate, TimeZone as _};
use diesel::dsl::max;
use diesel::prelude::*;
use serde::Serialize;

use super::service::{AreaStatus, load_reports, overall};
use crate::communities::policy::readable_to;
use crate::config::StatusSettings;
use crate::db::DbConnection;
use crate::db::models::Person;
use crate::db::schema::{communities, departments, status_reports};
use crate::domain::{CommunityKind, Module, RagStatus, TimeZone};
use crate::error::AppError;

/// One status that changed since the report before (`what` is `overall` or an area).
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct StatusChange {
    pub what: String,
    pub from: RagStatus,
    pub to: RagStatus,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct LatestReport {
    pub id: i64,
    pub overall: RagStatus,
    pub areas: Vec<AreaStatus>,
    #[schema(value_type = String, format = Date)]
    pub reported_on: NaiveDate,
    /// Days since the report.
    pub age_days: i64,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct RollupRow {
    pub slug: String,
    pub name: String,
    pub department: Option<String>,
    /// `None`: the project has not reported yet.
    pub latest: Option<LatestReport>,
    /// No report, or the latest is older than the configured number of days.
    pub stale: bool,
    /// What changed since the report before the latest.
    pub changes: Vec<StatusChange>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Rollup {
    /// The department asked for, if any.
    pub department: Option<String>,
    pub stale_after_days: u32,
    pub projects: Vec<RollupRow>,
}

pub fn rollup(
    conn: &mut DbConnection,
    viewer: &Person,
    department: Option<&str>,
    settings: &StatusSettings,
    tz: TimeZone,
) -> Result<Rollup, AppError> {
    // Days count where the viewer is: a report of 23:30 UTC is tomorrow's in Berlin.
    let local = |t: chrono::NaiveDateTime| tz.0.from_utc_datetime(&t).date_naive();
    let today = local(crate::db::now());
    let department = department
        .map(str::trim)
        .filter(|d| !d.is_empty())
        .map(|d| crate::people::service::department_named(conn, d))
        .transpose()?;
    let mut q = communities::table
        .filter(communities::kind.eq(CommunityKind::Project.as_str()))
        .filter(communities::archived.eq(false))
        .filter(communities::modules.like(Module::Status.stored_pattern()))
        .filter(readable_to(viewer.id))
        .into_boxed();
    if let Some((id, _)) = &department {
        q = q.filter(communities::reports_to_department_id.eq(*id));
    }
    let projects: Vec<(i64, String, String, Option<i64>)> = q
        .select((
            communities::id,
            communities::slug,
            communities::name,
            communities::reports_to_department_id,
        ))
        .load(conn)?;
    let ids: Vec<i64> = projects.iter().map(|p| p.0).collect();
    let latest = newest_per_project(conn, &ids, &[])?;
    let latest_ids: Vec<i64> = latest.values().copied().collect();
    let before = newest_per_project(conn, &ids, &latest_ids)?;
    let report_ids: Vec<i64> = latest_ids.iter().chain(before.values()).copied().collect();
    let reports = load_reports(conn, &report_ids, settings)?;
    let dept_ids: Vec<i64> = projects.iter().filter_map(|p| p.3).collect();
    let dept_names: HashMap<i64, String> = departments::table
        .filter(departments::id.eq_any(&dept_ids))
        .select((departments::id, departments::name))
        .load::<(i64, String)>(conn)?
        .into_iter()
        .collect();

    let mut rows: Vec<RollupRow> = projects
        .into_iter()
        .map(|(id, slug, name, dept)| {
            let latest = latest.get(&id).and_then(|r| reports.get(r));
            let before = before.get(&id).and_then(|r| reports.get(r));
            let latest_view = latest.map(|(r, areas)| {
                let reported_on = local(r.9);
                LatestReport {
                    id: r.0,
                    overall: overall(&r.3),
                    areas: areas.clone(),
                    reported_on,
                    age_days: (today - reported_on).num_days().max(0),
                }
            });
            let changes = match (latest, before) {
                (Some((now, now_areas)), Some((then, then_areas))) => {
                    changes(overall(&then.3), overall(&now.3), then_areas, now_areas)
                }
                _ => Vec::new(),
            };
            RollupRow {
                slug,
                name,
                department: dept.and_then(|d| dept_names.get(&d).cloned()),
                stale: latest_view
                    .as_ref()
                    .is_none_or(|l| l.age_days > i64::from(settings.stale_after_days)),
                latest: latest_view,
                changes,
            }
        })
        .collect();
    rows.sort_by_key(|r| {
        let red = r.latest.as_ref().is_some_and(|l| l.overall == RagStatus::Red);
        let severity = r.latest.as_ref().map_or(0, |l| l.overall.severity());
        (
            !(red || r.stale),
            std::cmp::Reverse(severity),
            !r.stale,
            r.name.to_lowercase(),
        )
    });
    Ok(Rollup {
        department: department.map(|d| d.1),
        stale_after_days: settings.stale_after_days,
        projects: rows,
    })
}

/// Each project's newest report, leaving out the reports in `except` (so that a second call
/// finds the report before the newest).
fn newest_per_project(conn: &mut DbConnection, ids: &[i64], except: &[i64]) -> QueryResult<HashMap<i64, i64>> {
    // `ne_all` of nothing would be `NOT IN ()`, which not every backend accepts; -1 is no id.
    let except = if except.is_empty() { &[-1][..] } else { except };
    Ok(status_reports::table
        .filter(status_reports::community_id.eq_any(ids))
        .filter(status_reports::id.ne_all(except))
        .group_by(status_reports::community_id)
        .select((status_reports::community_id, max(status_reports::id)))
        .load::<(i64, Option<i64>)>(conn)?
        .into_iter()
        .filter_map(|(c, r)| r.map(|r| (c, r)))
        .collect())
}

fn changes(from: RagStatus, to: RagStatus, before: &[AreaStatus], now: &[AreaStatus]) -> Vec<StatusChange> {
    let mut out = Vec::new();
    if from != to {
        out.push(StatusChange {
            what: "overall".into(),
            from,
            to,
        });
    }
    for a in now {
        if let Some(b) = before.iter().find(|b| b.area == a.area && b.status != a.status) {
            out.push(StatusChange {
                what: a.area.clone(),
                from: b.status,
                to: a.status,
            });
        }
    }
    out
}
