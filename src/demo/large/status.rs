//! Half a year of weekly status reports for every project, each project reporting to a
//! department; some projects stopped reporting weeks ago (stale), a few are red.

use diesel::prelude::*;
use rand::prelude::*;
use rand::rngs::StdRng;

use super::{CHUNK, Table, next_id, written_up_to};
use crate::db::models::{NewStatusReport, NewStatusReportArea};
use crate::db::schema::{communities, departments, memberships};
use crate::db::{DbConnection, bulk, now};
use crate::domain::{CommunityKind, RagStatus, Role};
use crate::error::AppError;

const WEEKS: i64 = 26;
const AREAS: [&str; 3] = ["schedule", "budget", "scope"];

pub(super) fn reports(conn: &mut DbConnection, rng: &mut StdRng) -> Result<usize, AppError> {
    let departments: Vec<i64> = departments::table
        .select(departments::id)
        .order(departments::id)
        .load(conn)?;
    let projects: Vec<(i64, Option<i64>)> = communities::table
        .filter(communities::kind.eq(CommunityKind::Project.as_str()))
        .left_join(
            memberships::table.on(memberships::community_id
                .eq(communities::id)
                .and(memberships::role.eq(Role::Manager.as_str()))),
        )
        .order(communities::id)
        .select((communities::id, memberships::person_id.nullable()))
        .load(conn)?;
    let at = now();
    let mut reports = Vec::new();
    let mut areas = Vec::new();
    let first = next_id(conn, Table::StatusReports)?;
    let mut last_project = None;
    for (project, manager) in projects {
        // One row per manager: a project with two reports once.
        if last_project == Some(project) {
            continue;
        }
        last_project = Some(project);
        let department = departments[rng.gen_range(0..departments.len())];
        diesel::update(communities::table.find(project))
            .set(communities::reports_to_department_id.eq(Some(department)))
            .execute(conn)?;
        let silent_weeks = if rng.gen_bool(0.2) { rng.gen_range(3..10) } else { 0 };
        for week in (silent_weeks..WEEKS).rev() {
            let overall = *[RagStatus::Green, RagStatus::Green, RagStatus::Amber, RagStatus::Red]
                .choose(rng)
                .unwrap_or(&RagStatus::Green);
            let id = first + reports.len() as i64;
            reports.push(NewStatusReport {
                community_id: project,
                author_id: manager,
                overall,
                summary: format!("Woche {}: alles im Plan, bis auf die Lieferzeiten.", WEEKS - week),
                achievements: "- Meilenstein erreicht".into(),
                next_steps: "- Tests\n- Schulung".into(),
                risks: String::new(),
                help_needed: String::new(),
                created_at: at - chrono::Duration::weeks(week),
            });
            for area in AREAS {
                let status = if rng.gen_bool(0.8) { RagStatus::Green } else { overall };
                areas.push(NewStatusReportArea {
                    report_id: id,
                    area: area.to_string(),
                    status,
                });
            }
        }
    }
    for chunk in reports.chunks(CHUNK) {
        bulk::insert_status_reports(conn, chunk)?;
    }
    written_up_to(conn, Table::StatusReports, first, reports.len())?;
    for chunk in areas.chunks(CHUNK) {
        bulk::insert_status_report_areas(conn, chunk)?;
    }
    Ok(reports.len())
}
