//! KPIs as the pages, the API and the CSV ask for them: one path, one privacy rule.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::contributors::{self, Contribution};
use super::figures::{self, Kpis, Period};
use super::privacy::Rule;
use crate::communities::permits::Permit;
use crate::config::KpiSettings;
use crate::db::DbConnection;
use crate::db::models::Person;
use crate::error::AppError;
use crate::error::Code;
use crate::references::CommunityRef;
use crate::web::csv::Dialect;

/// `?from=YYYY-MM-DD&to=YYYY-MM-DD` (both included; without them the last 90 days).
#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PeriodQuery {
    pub from: Option<String>,
    pub to: Option<String>,
}

/// KPIs of a community, or of the organization (`community` is then the organization's).
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Report {
    pub community: CommunityRef,
    pub organization: bool,
    #[serde(flatten)]
    pub kpis: Kpis,
    /// Per-person figures of the period: only where an administrator allowed them for this
    /// community, with the reason.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contributors: Option<Contributors>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Contributors {
    pub permit: Permit,
    pub people: Vec<Contribution>,
}

/// Days are UTC days: what happened is stored in UTC.
pub fn today() -> NaiveDate {
    crate::db::now().date()
}

/// `slug`'s KPIs, or the organization's without one, for whoever may see them.
pub fn report(
    conn: &mut DbConnection,
    viewer: &Person,
    slug: Option<&str>,
    query: &PeriodQuery,
    settings: &KpiSettings,
) -> Result<Report, AppError> {
    let (community, scope) = match slug {
        Some(slug) => super::policy::community(conn, viewer, slug)?,
        None => super::policy::organization(conn, viewer)?,
    };
    let today = today();
    let period = Period::parse(query.from.as_deref(), query.to.as_deref(), today)?;
    let rule = Rule {
        min_group: i64::from(settings.min_group),
    };
    let contributors = match slug {
        Some(_) => contributors::contributions(conn, community.id, period)?
            .map(|(permit, people)| Contributors { permit, people }),
        None => None,
    };
    Ok(Report {
        community: CommunityRef::from(&community),
        organization: slug.is_none(),
        kpis: figures::compute(conn, scope, period, rule)?,
        contributors,
    })
}

/// The figures as CSV: one row per figure, this period and the one before ("withheld" where
/// the privacy rule holds a value back, empty where there is nothing to measure).
pub fn figures_csv(report: &Report, csv: Dialect) -> String {
    let k = &report.kpis;
    let mut out = csv.row(&[
        "figure".to_string(),
        "unit".to_string(),
        format!("{}..{}", k.period.from, k.period.to),
        format!("{}..{}", k.previous.from, k.previous.to),
    ]);
    for f in &k.figures {
        let unit = serde_json::to_value(f.unit)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        out.push_str(&csv.row(&[f.key.to_string(), unit, cell(&f.current, csv), cell(&f.previous, csv)]));
    }
    out
}

/// The weekly series as CSV.
pub fn weeks_csv(report: &Report, csv: Dialect) -> String {
    let mut out = csv.row(&["week_from", "members", "posts", "comments", "reactions", "tasks_done"]);
    for w in &report.kpis.weeks {
        out.push_str(&csv.row(&[
            w.start.to_string(),
            cell(&w.members, csv),
            cell(&w.posts, csv),
            cell(&w.comments, csv),
            cell(&w.reactions, csv),
            cell(&w.tasks_done, csv),
        ]));
    }
    out
}

/// The per-person figures as CSV, where allowed.
pub fn contributors_csv(report: &Report, csv: Dialect) -> Result<String, AppError> {
    let c = report.contributors.as_ref().ok_or(AppError::Forbidden {
        code: Code::PersonFiguresOff,
    })?;
    let mut out = csv.row(&["uid", "name", "posts", "comments", "reactions"]);
    for p in &c.people {
        out.push_str(&csv.row(&[
            csv.field(&p.uid),
            csv.field(&p.name),
            p.posts.to_string(),
            p.comments.to_string(),
            p.reactions.to_string(),
        ]));
    }
    Ok(out)
}

fn cell(r: &super::privacy::Reading, csv: Dialect) -> String {
    match (r.withheld, r.value) {
        (true, _) => "withheld".into(),
        (false, Some(v)) => csv.number(v),
        (false, None) => String::new(),
    }
}
