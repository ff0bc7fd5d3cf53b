//! Weekly series as SVG bar charts drawn on the server (no JavaScript): the geometry here, the
//! markup in `templates/kpi/chart.html`, with a title, a description and the data table beside.

use serde::Serialize;

use super::figures::Week;
use super::privacy::Reading;

const WIDTH: f64 = 640.0;
const HEIGHT: f64 = 200.0;
/// Room for the axis labels.
const LEFT: f64 = 48.0;
const BOTTOM: f64 = 24.0;

#[derive(Debug, Serialize)]
pub struct Chart {
    /// Also the fluent key's suffix: `kpi-chart-<id>`.
    pub id: &'static str,
    pub width: f64,
    pub height: f64,
    /// The top of the scale: a round whole number, as counts are.
    pub max: u64,
    pub bars: Vec<Bar>,
    /// Some week is withheld (drawn without a bar).
    pub withheld: bool,
    pub baseline: f64,
    pub left: f64,
}

#[derive(Debug, Serialize)]
pub struct Bar {
    pub week: chrono::NaiveDate,
    /// A week's count.
    pub value: Option<u64>,
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
}

/// One series of a week.
type Series = fn(&Week) -> Reading;

/// The charts of a period's weeks: members and the activity series. A series withheld or
/// nought in every week is not drawn (its column in the table says as much).
pub fn weekly(weeks: &[Week]) -> Vec<Chart> {
    let series: [(&'static str, Series); 5] = [
        ("members", |w| w.members),
        ("posts", |w| w.posts),
        ("comments", |w| w.comments),
        ("reactions", |w| w.reactions),
        ("tasks", |w| w.tasks_done),
    ];
    series
        .into_iter()
        .filter(|(_, get)| weeks.iter().any(|w| get(w).value.is_some_and(|v| v > 0.0)))
        .map(|(id, get)| bars(id, weeks.iter().map(|w| (w.start, get(w))).collect()))
        .collect()
}

fn bars(id: &'static str, values: Vec<(chrono::NaiveDate, Reading)>) -> Chart {
    let top = values.iter().filter_map(|(_, r)| r.value).fold(0.0, f64::max);
    let max = nice(top);
    let baseline = HEIGHT - BOTTOM;
    let slot = (WIDTH - LEFT) / values.len().max(1) as f64;
    let withheld = values.iter().any(|(_, r)| r.withheld);
    let bars = values
        .into_iter()
        .enumerate()
        .map(|(i, (week, r))| {
            let height = r.value.map_or(0.0, |v| v / max * (baseline - 8.0));
            Bar {
                week,
                value: r.value.map(|v| v.round() as u64),
                x: round(LEFT + i as f64 * slot + slot * 0.15),
                y: round(baseline - height),
                width: round(slot * 0.7),
                height: round(height),
            }
        })
        .collect();
    Chart {
        id,
        width: WIDTH,
        height: HEIGHT,
        max: max as u64,
        bars,
        withheld,
        baseline,
        left: LEFT,
    }
}

/// A round top for the scale (1, 2 or 5 times a power of ten), at least 1.
fn nice(top: f64) -> f64 {
    if top <= 1.0 {
        return 1.0;
    }
    let power = 10f64.powf(top.log10().floor());
    [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|m| m * power)
        .find(|v| *v >= top)
        .unwrap_or(10.0 * power)
}

fn round(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scales_end_on_round_numbers() {
        assert_eq!(nice(0.0), 1.0);
        assert_eq!(nice(7.0), 10.0);
        assert_eq!(nice(12.0), 20.0);
        assert_eq!(nice(480.0), 500.0);
    }

    #[test]
    fn the_highest_week_fills_the_chart_and_withheld_weeks_have_no_bar() {
        let day = |d| chrono::NaiveDate::from_ymd_opt(2026, 1, d).unwrap();
        let chart = bars(
            "posts",
            vec![
                (day(1), Reading::shown(Some(10.0))),
                (day(8), Reading::WITHHELD),
                (day(15), Reading::shown(Some(5.0))),
            ],
        );
        assert_eq!(chart.max, 10);
        assert_eq!(chart.bars[0].y, 8.0);
        assert_eq!(chart.bars[1].height, 0.0);
        assert_eq!(chart.bars[2].height, chart.bars[0].height / 2.0);
        assert!(chart.withheld);
    }
}
