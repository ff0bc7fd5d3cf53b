//! Writing a status report and reading a project's timeline of them.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;

use super::policy;
use crate::api::pagination::{PageRequest, Paged};
use crate::communities::policy::Access;
use crate::config::StatusSettings;
use crate::db::models::{NewAuditEntry, Person};
use crate::db::schema::{status_report_areas, status_reports};
use crate::db::{DbConnection, now, write_transaction};
use crate::domain::{Invalid, Module, RagStatus, ReportText};
use crate::error::AppError;
use crate::references::{AuthorRef, authors};

#[derive(Debug)]
pub struct ReportInput {
    pub overall: RagStatus,
    /// Configured areas with their status; areas left out were not rated this time.
    pub areas: Vec<(String, RagStatus)>,
    pub summary: ReportText,
    pub achievements: ReportText,
    pub next_steps: ReportText,
    pub risks: ReportText,
    pub help_needed: ReportText,
}

/// A part of a report: its markdown and the sanitised HTML made from it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Section {
    pub markdown: String,
    pub html: String,
}

impl Section {
    fn of(markdown: String) -> Section {
        Section {
            html: crate::markdown::to_safe_html(&markdown),
            markdown,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct AreaStatus {
    pub area: String,
    pub status: RagStatus,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ReportView {
    pub id: i64,
    /// The project's slug.
    pub community: String,
    pub author: Option<AuthorRef>,
    pub overall: RagStatus,
    pub areas: Vec<AreaStatus>,
    pub summary: Section,
    pub achievements: Section,
    pub next_steps: Section,
    pub risks: Section,
    pub help_needed: Section,
    #[serde(serialize_with = "crate::domain::utc::write")]
    pub created_at: NaiveDateTime,
    /// The overall status of the report before this one, if there was one.
    pub previous_overall: Option<RagStatus>,
}

type ReportRow = (
    i64,
    i64,
    Option<i64>,
    String,
    String,
    String,
    String,
    String,
    String,
    NaiveDateTime,
);

/// Reports by id with their areas in the configured order (areas no longer configured last).
pub(crate) fn load_reports(
    conn: &mut DbConnection,
    ids: &[i64],
    settings: &StatusSettings,
) -> Result<HashMap<i64, (ReportRow, Vec<AreaStatus>)>, AppError> {
    let rows: Vec<ReportRow> = status_reports::table
        .filter(status_reports::id.eq_any(ids))
        .select((
            status_reports::id,
            status_reports::community_id,
            status_reports::author_id,
            status_reports::overall,
            status_reports::summary,
            status_reports::achievements,
            status_reports::next_steps,
            status_reports::risks,
            status_reports::help_needed,
            status_reports::created_at,
        ))
        .load(conn)?;
    let mut areas: HashMap<i64, Vec<AreaStatus>> = HashMap::new();
    for (report, area, status) in status_report_areas::table
        .filter(status_report_areas::report_id.eq_any(ids))
        .select((
            status_report_areas::report_id,
            status_report_areas::area,
            status_report_areas::status,
        ))
        .load::<(i64, String, String)>(conn)?
    {
        areas.entry(report).or_default().push(AreaStatus {
            area,
            status: overall(&status),
        });
    }
    let rank = |a: &AreaStatus| settings.areas.iter().position(|x| *x == a.area).unwrap_or(usize::MAX);
    Ok(rows
        .into_iter()
        .map(|r| {
            let mut a = areas.remove(&r.0).unwrap_or_default();
            a.sort_by_key(rank);
            (r.0, (r, a))
        })
        .collect())
}

/// A stored traffic light (overall or an area's).
pub(crate) fn overall(stored: &str) -> RagStatus {
    // The CHECK constraints keep it in the enum; a damaged row reads as the alarming one.
    RagStatus::parse(stored).unwrap_or(RagStatus::Red)
}

pub fn create(
    conn: &mut DbConnection,
    viewer: &Person,
    slug: &str,
    input: ReportInput,
    settings: &StatusSettings,
) -> Result<i64, AppError> {
    let mut seen: Vec<&str> = Vec::new();
    for (area, _) in &input.areas {
        if !settings.areas.contains(area) {
            return Err(Invalid::new("areas", "unknown-value").into());
        }
        if seen.contains(&area.as_str()) {
            return Err(Invalid::new("areas", "duplicate").into());
        }
        seen.push(area);
    }
    write_transaction(conn, |conn| {
        let access = crate::communities::policy::load(conn, viewer, slug)?;
        policy::can_report(&access)?;
        let id = diesel::insert_into(status_reports::table)
            .values((
                status_reports::community_id.eq(access.community.id),
                status_reports::author_id.eq(Some(viewer.id)),
                status_reports::overall.eq(input.overall.as_str()),
                status_reports::summary.eq(input.summary.as_str()),
                status_reports::achievements.eq(input.achievements.as_str()),
                status_reports::next_steps.eq(input.next_steps.as_str()),
                status_reports::risks.eq(input.risks.as_str()),
                status_reports::help_needed.eq(input.help_needed.as_str()),
                status_reports::created_at.eq(now()),
            ))
            .returning(status_reports::id)
            .get_result::<i64>(conn)?;
        for (area, status) in &input.areas {
            diesel::insert_into(status_report_areas::table)
                .values((
                    status_report_areas::report_id.eq(id),
                    status_report_areas::area.eq(area),
                    status_report_areas::status.eq(status.as_str()),
                ))
                .execute(conn)?;
        }
        NewAuditEntry::record(
            conn,
            Some(viewer.id),
            "status.report",
            ("community", &access.community.slug),
            serde_json::json!({ "overall": input.overall.as_str() }),
        )?;
        Ok(id)
    })
}

/// A project's reports, newest first.
pub fn timeline(
    conn: &mut DbConnection,
    access: &Access,
    page: &PageRequest,
    settings: &StatusSettings,
) -> Result<Paged<ReportView>, AppError> {
    access.can_read_module(Module::Status)?;
    let mine = || {
        status_reports::table
            .filter(status_reports::community_id.eq(access.community.id))
            .into_boxed()
    };
    let total: i64 = mine().count().get_result(conn)?;
    let mut q = mine();
    if let Some(id) = page.after_id()? {
        q = q.filter(status_reports::id.lt(id));
    }
    // One more than the page to learn whether more follow, and one more to know the status
    // before the page's last report.
    let ids: Vec<(i64, String)> = q
        .order(status_reports::id.desc())
        .limit(page.limit + 2)
        .select((status_reports::id, status_reports::overall))
        .load(conn)?;
    let previous: HashMap<i64, RagStatus> = ids.windows(2).map(|w| (w[0].0, overall(&w[1].1))).collect();
    let shown: Vec<i64> = ids.iter().take(page.limit as usize + 1).map(|r| r.0).collect();
    let mut reports = load_reports(conn, &shown, settings)?;
    let names = authors(conn, reports.values().filter_map(|(r, _)| r.2))?;
    let items = shown
        .iter()
        .filter_map(|id| reports.remove(id))
        .map(|(r, areas)| ReportView {
            id: r.0,
            community: access.community.slug.clone(),
            author: r.2.and_then(|a| names.get(&a).cloned()),
            overall: overall(&r.3),
            areas,
            summary: Section::of(r.4),
            achievements: Section::of(r.5),
            next_steps: Section::of(r.6),
            risks: Section::of(r.7),
            help_needed: Section::of(r.8),
            created_at: r.9,
            previous_overall: previous.get(&r.0).copied(),
        })
        .collect();
    Ok(Paged::from_rows(items, page.limit, total, |r| vec![r.id.to_string()]))
}
