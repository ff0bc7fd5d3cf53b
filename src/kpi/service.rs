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
pub fn figures_csv(report: &Report) -> String {
    let k = &report.kpis;
    let mut out = format!(
        "figure,unit,{}..{},{}..{}\r\n",
        k.period.from, k.period.to, k.previous.from, k.previous.to
    );
    for f in &k.figures {
        out.push_str(&format!(
            "{},{},{},{}\r\n",
            f.key,
            serde_json::to_value(f.unit)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default(),
            cell(&f.current),
            cell(&f.previous)
        ));
    }
    out
}

/// The weekly series as CSV.
pub fn weeks_csv(report: &Report) -> String {
    let mut out = String::from("week_from,members,posts,comments,reactions,tasks_done\r\n");
    for w in &report.kpis.weeks {
        out.push_str(&format!(
            "{},{},{},{},{},{}\r\n",
            w.start,
            cell(&w.members),
            cell(&w.posts),
            cell(&w.comments),
            cell(&w.reactions),
            cell(&w.tasks_done)
        ));
    }
    out
}

/// The per-person figures as CSV, where allowed.
pub fn contributors_csv(report: &Report) -> Result<String, AppError> {
    let c = report.contributors.as_ref().ok_or(AppError::Forbidden {
        code: Code::PersonFiguresOff,
    })?;
    let mut out = String::from("uid,name,posts,comments,reactions\r\n");
    for p in &c.people {
        out.push_str(&format!(
            "{},{},{},{},{}\r\n",
            crate::web::csv::field(&p.uid),
            crate::web::csv::field(&p.name),
            p.posts,
            p.comments,
            p.reactions
        ));
    }
    Ok(out)
}

fn cell(r: &super::privacy::Reading) -> String {
    match (r.withheld, r.value) {
        (true, _) => "withheld".into(),
        (false, Some(v)) if v.fract() == 0.0 => format!("{v:.0}"),
        (false, Some(v)) => format!("{v:.3}"),
        (false, None) => String::new(),
    }
}
