//! KPI pages: `/c/{slug}/kpis` (a community's managers, admins) and `/kpis` (the
//! organization), with period presets, charts with their data tables, and CSV downloads.

use actix_web::{HttpResponse, web};
use chrono::{Datelike, Duration, NaiveDate};
use serde::{Deserialize, Serialize};

use super::figures::Unit;
use super::privacy::Reading;
use super::service::{self, PeriodQuery, Report};
use crate::auth::Viewer;
use crate::config::{CurrentSettings, Settings};
use crate::db::Db;
use crate::domain::Locale;
use crate::error::AppError;
use crate::web::Ui;
use crate::web::csv::Dialect;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/c/{slug}/kpis", web::get().to(community_page))
        .route("/c/{slug}/kpis.csv", web::get().to(community_csv))
        .route("/kpis", web::get().to(organization_page))
        .route("/kpis.csv", web::get().to(organization_csv));
}

#[derive(Debug, Deserialize)]
struct CsvQuery {
    #[serde(flatten)]
    period: PeriodQuery,
    /// figures (default), weeks, or contributors (where allowed)
    table: Option<String>,
}

async fn load(
    viewer: Viewer,
    db: &Db,
    settings: &Settings,
    slug: Option<String>,
    query: PeriodQuery,
) -> Result<Report, AppError> {
    let kpi = settings.kpi.clone();
    db.run(move |c| service::report(c, &viewer.0, slug.as_deref(), &query, &kpi))
        .await
}

async fn community_page(
    viewer: Viewer,
    ui: Ui,
    db: web::Data<Db>,
    settings: CurrentSettings,
    slug: web::Path<String>,
    query: web::Query<PeriodQuery>,
) -> Result<HttpResponse, AppError> {
    let (slug, me) = (slug.into_inner(), viewer.0.clone());
    let report = load(viewer, &db, &settings, Some(slug.clone()), query.into_inner()).await?;
    let header = db
        .run(move |c| crate::communities::policy::header(c, &me, &slug))
        .await?;
    page(&ui, &report, Some(&header))
}

async fn organization_page(
    viewer: Viewer,
    ui: Ui,
    db: web::Data<Db>,
    settings: CurrentSettings,
    query: web::Query<PeriodQuery>,
) -> Result<HttpResponse, AppError> {
    let report = load(viewer, &db, &settings, None, query.into_inner()).await?;
    page(&ui, &report, None)
}

async fn community_csv(
    viewer: Viewer,
    ui: Ui,
    db: web::Data<Db>,
    settings: CurrentSettings,
    slug: web::Path<String>,
    query: web::Query<CsvQuery>,
) -> Result<HttpResponse, AppError> {
    let query = query.into_inner();
    let report = load(viewer, &db, &settings, Some(slug.into_inner()), query.period).await?;
    csv(&report, query.table.as_deref(), Dialect::of(ui.lang))
}

async fn organization_csv(
    viewer: Viewer,
    ui: Ui,
    db: web::Data<Db>,
    settings: CurrentSettings,
    query: web::Query<CsvQuery>,
) -> Result<HttpResponse, AppError> {
    let query = query.into_inner();
    let report = load(viewer, &db, &settings, None, query.period).await?;
    csv(&report, query.table.as_deref(), Dialect::of(ui.lang))
}

fn csv(report: &Report, table: Option<&str>, dialect: Dialect) -> Result<HttpResponse, AppError> {
    let (body, table) = match table.unwrap_or("figures") {
        "figures" => (service::figures_csv(report, dialect), "figures"),
        "weeks" => (service::weeks_csv(report, dialect), "weeks"),
        "contributors" => (service::contributors_csv(report, dialect)?, "contributors"),
        _ => return Err(crate::domain::Invalid::new("table", "unknown-value").into()),
    };
    Ok(crate::web::csv::download(body, &super::api::file_name(report, table)))
}

/// A period offered with one click.
#[derive(Debug, Serialize)]
struct Preset {
    key: &'static str,
    from: NaiveDate,
    to: NaiveDate,
}

fn presets(today: NaiveDate) -> Vec<Preset> {
    let quarter_start = |d: NaiveDate| NaiveDate::from_ymd_opt(d.year(), (d.month0() / 3) * 3 + 1, 1).unwrap_or(d);
    let this_quarter = quarter_start(today);
    let last_quarter = quarter_start(this_quarter - Duration::days(1));
    vec![
        Preset {
            key: "last-30-days",
            from: today - Duration::days(29),
            to: today,
        },
        Preset {
            key: "this-quarter",
            from: this_quarter,
            to: today,
        },
        Preset {
            key: "last-quarter",
            from: last_quarter,
            to: this_quarter - Duration::days(1),
        },
        Preset {
            key: "last-12-months",
            from: today - Duration::days(364),
            to: today,
        },
    ]
}

/// A value as the page shows it, in the page's language (or that it is withheld).
#[derive(Debug, Serialize)]
struct Cell {
    text: Option<String>,
    withheld: bool,
}

fn cell(r: &Reading, unit: Unit, lang: Locale) -> Cell {
    Cell {
        text: r.value.map(|v| match unit {
            Unit::Share => format!("{} %", lang.decimal(v * 100.0, 0)),
            Unit::PerWeek | Unit::Hours | Unit::Days => lang.decimal(v, 1),
            Unit::People | Unit::Count => lang.decimal(v, 0),
        }),
        withheld: r.withheld,
    }
}

/// How a figure moved against the period before, where both can be read: "+4", "−2,5",
/// "+10" (percentage points for a share; the column says so).
#[derive(Debug, Serialize)]
struct Change {
    text: String,
    /// up, down or same, for the arrow.
    direction: &'static str,
    /// A share moves in percentage points.
    points: bool,
}

fn change(current: &Reading, previous: &Reading, unit: Unit, lang: Locale) -> Option<Change> {
    let (now, before) = (current.value?, previous.value?);
    let (delta, decimals) = match unit {
        Unit::Share => (((now - before) * 100.0).round(), 0),
        Unit::PerWeek | Unit::Hours | Unit::Days => (((now - before) * 10.0).round() / 10.0, 1),
        Unit::People | Unit::Count => (now - before, 0),
    };
    let magnitude = lang.decimal(delta.abs(), decimals);
    let (text, direction) = if delta > 0.0 {
        (format!("+{magnitude}"), "up")
    } else if delta < 0.0 {
        (format!("\u{2212}{magnitude}"), "down")
    } else {
        ("±0".to_string(), "same")
    };
    Some(Change {
        text,
        direction,
        points: unit == Unit::Share,
    })
}

/// The community part a figure is about, where it is one a community may leave out: a
/// department without a task board is not shown "0 tasks done".
fn module_of(figure: &str) -> Option<&'static str> {
    match figure {
        "tasks_done_per_week" | "overdue_share" => Some("tasks"),
        "days_since_status_report" => Some("status"),
        _ => None,
    }
}

#[derive(Debug, Serialize)]
struct FigureRow {
    key: &'static str,
    current: Cell,
    previous: Cell,
    change: Option<Change>,
}

#[derive(Debug, Serialize)]
struct WeekRow {
    start: NaiveDate,
    cells: Vec<Cell>,
}

fn page(
    ui: &Ui,
    report: &Report,
    header: Option<&crate::references::CommunityHeader>,
) -> Result<HttpResponse, AppError> {
    let mut ctx = ui.context();
    ctx.insert("report", report);
    ctx.insert("header", &header);
    let k = &report.kpis;
    ctx.insert("k", k);
    // The organization's figures span every community, so every part counts there.
    let has = |module: &str| header.is_none_or(|h| h.tabs.contains(&module));
    let rows: Vec<FigureRow> = k
        .figures
        .iter()
        .filter(|f| module_of(f.key).is_none_or(has))
        .map(|f| FigureRow {
            key: f.key,
            current: cell(&f.current, f.unit, ui.lang),
            previous: cell(&f.previous, f.unit, ui.lang),
            change: change(&f.current, &f.previous, f.unit, ui.lang),
        })
        .collect();
    let weeks: Vec<WeekRow> = k
        .weeks
        .iter()
        .map(|w| WeekRow {
            start: w.start,
            cells: [w.members, w.posts, w.comments, w.reactions, w.tasks_done]
                .iter()
                .map(|r| cell(r, Unit::Count, ui.lang))
                .collect(),
        })
        .collect();
    ctx.insert("figures", &rows);
    ctx.insert("weeks", &weeks);
    let charts: Vec<super::chart::Chart> = super::chart::weekly(&report.kpis.weeks)
        .into_iter()
        .filter(|c| c.id != "tasks" || has("tasks"))
        .collect();
    ctx.insert("charts", &charts);
    ctx.insert("has_tasks", &has("tasks"));
    ctx.insert("presets", &presets(service::today()));
    let base = if report.organization {
        "/kpis".to_string()
    } else {
        format!("/c/{}/kpis", report.community.slug)
    };
    ctx.insert("base", &base);
    ui.render("kpi/page.html", &ctx)
}
