//! A community's (or the organization's) health over a period, with the period before beside
//! it: the figures and the weekly series, each passed through `privacy::Rule`.

use chrono::{Duration, NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use serde::Serialize;

use super::daily::{self, Day, Scope};
use super::people::{self, Takers};
use super::privacy::{Reading, Rule};
use crate::db::DbConnection;
use crate::db::schema::{
    ama_questions, amas, communities, mail_preferences, newsletter_opt_outs, posts, reports, status_reports, tasks,
};
use crate::domain::Invalid;
use crate::error::AppError;

/// Days `from` to `to`, both included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Period {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

/// The longest period asked for at once.
const MAX_DAYS: i64 = 3 * 366;

impl Period {
    /// From the query's `from` and `to` (YYYY-MM-DD); without them the last 90 days.
    pub fn parse(from: Option<&str>, to: Option<&str>, today: NaiveDate) -> Result<Period, AppError> {
        let date = |field: &'static str, v: &str| {
            NaiveDate::parse_from_str(v.trim(), "%Y-%m-%d")
                .map_err(|_| AppError::from(Invalid::new(field, "not-a-date")))
        };
        let to = match to.filter(|v| !v.trim().is_empty()) {
            Some(v) => date("to", v)?,
            None => today,
        };
        let from = match from.filter(|v| !v.trim().is_empty()) {
            Some(v) => date("from", v)?,
            None => to - Duration::days(89),
        };
        if from > to {
            return Err(Invalid::new("from", "after-to").into());
        }
        if to > today {
            return Err(Invalid::new("to", "in-the-future").into());
        }
        if (to - from).num_days() >= MAX_DAYS {
            return Err(Invalid::new("from", "period-too-long").into());
        }
        Ok(Period { from, to })
    }

    pub fn days(&self) -> i64 {
        (self.to - self.from).num_days() + 1
    }

    /// As many days, just before.
    pub fn previous(&self) -> Period {
        Period {
            from: self.from - Duration::days(self.days()),
            to: self.from - Duration::days(1),
        }
    }

    fn end(&self) -> NaiveDate {
        self.to + Duration::days(1)
    }

    pub fn bounds(&self) -> (NaiveDateTime, NaiveDateTime) {
        let at = |d: NaiveDate| d.and_hms_opt(0, 0, 0).unwrap_or_default();
        (at(self.from), at(self.end()))
    }

    fn weeks(&self) -> f64 {
        self.days() as f64 / 7.0
    }
}

/// How a figure is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    People,
    Count,
    PerWeek,
    Share,
    Hours,
    Days,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Figure {
    /// members, joins, leaves, active_members, active_share, posts_per_week, comments_per_week,
    /// reactions_per_week, questions, answered_share, hours_to_first_answer,
    /// hours_to_accepted_answer, ama_participants, tasks_done_per_week, overdue_share,
    /// days_since_status_report, reports, hours_to_handle_report, mail_reach, unsubscribed
    pub key: &'static str,
    pub unit: Unit,
    pub current: Reading,
    pub previous: Reading,
}

/// A week of the period (its last may be shorter).
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Week {
    pub start: NaiveDate,
    /// Members at the week's end.
    pub members: Reading,
    pub posts: Reading,
    pub comments: Reading,
    pub reactions: Reading,
    pub tasks_done: Reading,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Kpis {
    pub period: Period,
    pub previous: Period,
    /// The smallest group of people a figure describes.
    pub min_group: i64,
    pub figures: Vec<Figure>,
    pub weeks: Vec<Week>,
}

/// The scope's figures for `period` and the one before.
pub fn compute(conn: &mut DbConnection, scope: Scope, period: Period, rule: Rule) -> Result<Kpis, AppError> {
    let (current, days) = measure(conn, scope, period, rule)?;
    let (previous, _) = measure(conn, scope, period.previous(), rule)?;
    let figures = current
        .into_iter()
        .zip(previous)
        .map(|((key, unit, current), (_, _, previous))| Figure {
            key,
            unit,
            current,
            previous,
        })
        .collect::<Vec<_>>();
    let shown = |key: &str| figures.iter().any(|f| f.key == key && !f.current.withheld);
    let weeks = days
        .chunks(7)
        .map(|week| {
            let sum = |f: fn(&Day) -> i64, key: &str| {
                if shown(key) {
                    Reading::shown(Some(week.iter().map(f).sum::<i64>() as f64))
                } else {
                    Reading::WITHHELD
                }
            };
            let members = week.last().map_or(0, |d| d.members);
            Week {
                start: week[0].day,
                members: if members >= rule.min_group {
                    Reading::shown(Some(members as f64))
                } else {
                    Reading::WITHHELD
                },
                posts: sum(|d| d.posts, "posts_per_week"),
                comments: sum(|d| d.comments, "comments_per_week"),
                reactions: sum(|d| d.reactions, "reactions_per_week"),
                tasks_done: sum(|d| d.tasks_done, "tasks_done_per_week"),
            }
        })
        .collect();
    Ok(Kpis {
        period,
        previous: period.previous(),
        min_group: rule.min_group,
        figures,
        weeks,
    })
}

type Measured = Vec<(&'static str, Unit, Reading)>;

fn measure(
    conn: &mut DbConnection,
    scope: Scope,
    period: Period,
    rule: Rule,
) -> Result<(Measured, Vec<Day>), AppError> {
    let only = match scope {
        Scope::Community(c) => Some(c),
        Scope::Organization { .. } => None,
    };
    let (begin, end) = period.bounds();
    let days = daily::read(conn, scope, period.from, period.end())?;
    let members = days.last().map_or(0, |d| d.members);
    let total = |f: fn(&Day) -> i64| days.iter().map(f).sum::<i64>();
    let takers: Takers = people::takers(conn, only, begin, end)?;
    let weeks = period.weeks();
    let per_week = |n: i64| Some(n as f64 / weeks);

    let questions = questions(conn, only, begin, end)?;
    let ama_answers = ama_answers(conn, only, begin, end)?;
    let first_answers: Vec<Duration> = questions
        .iter()
        .filter_map(|(asked, first, _)| Some(*first.as_ref()? - *asked))
        .chain(
            ama_answers
                .iter()
                .filter_map(|(asked, answered)| Some(*answered.as_ref()? - *asked)),
        )
        .collect();
    let accepted: Vec<Duration> = questions
        .iter()
        .filter_map(|(asked, _, accepted)| Some(*accepted.as_ref()? - *asked))
        .collect();
    let answered_share = (!questions.is_empty())
        .then(|| questions.iter().filter(|(_, first, _)| first.is_some()).count() as f64 / questions.len() as f64);
    let handled = handled_reports(conn, only, begin, end)?;
    let (open, overdue) = open_tasks(conn, only, period.end())?;
    let status_age = status_age(conn, only, end)?;
    let unsubscribed = unsubscribed(conn, only, begin, end)?;

    let active = takers.active().len();
    let mut figures: Measured = vec![
        ("members", Unit::People, rule.people(members as usize, members)),
        (
            "joins",
            Unit::People,
            rule.people(total(|d| d.joins) as usize, members.max(total(|d| d.joins))),
        ),
        (
            "leaves",
            Unit::People,
            rule.people(total(|d| d.leaves) as usize, members.max(total(|d| d.leaves))),
        ),
        (
            "active_members",
            Unit::People,
            rule.people(active, members.max(active as i64)),
        ),
        (
            "active_share",
            Unit::Share,
            rule.share_of_people(active, members.max(active as i64)),
        ),
        (
            "posts_per_week",
            Unit::PerWeek,
            rule.made_by(per_week(total(|d| d.posts)), takers.posters.len()),
        ),
        (
            "comments_per_week",
            Unit::PerWeek,
            rule.made_by(per_week(total(|d| d.comments)), takers.commenters.len()),
        ),
        (
            "reactions_per_week",
            Unit::PerWeek,
            rule.made_by(per_week(total(|d| d.reactions)), takers.reactors.len()),
        ),
        (
            "questions",
            Unit::Count,
            rule.made_by(Some(questions.len() as f64), takers.questioners.len()),
        ),
        (
            "answered_share",
            Unit::Share,
            rule.made_by(answered_share, takers.questioners.len()),
        ),
        (
            "hours_to_first_answer",
            Unit::Hours,
            rule.made_by(
                median_hours(first_answers),
                takers.questioners.len().max(takers.ama.len()),
            ),
        ),
        (
            "hours_to_accepted_answer",
            Unit::Hours,
            rule.made_by(median_hours(accepted), takers.questioners.len()),
        ),
        (
            "ama_participants",
            Unit::People,
            rule.people(takers.ama.len(), members.max(takers.ama.len() as i64)),
        ),
        (
            "tasks_done_per_week",
            Unit::PerWeek,
            Reading::shown(per_week(total(|d| d.tasks_done))),
        ),
        (
            "overdue_share",
            Unit::Share,
            Reading::shown((open > 0).then(|| overdue as f64 / open as f64)),
        ),
        ("days_since_status_report", Unit::Days, Reading::shown(status_age)),
        (
            "reports",
            Unit::Count,
            rule.made_by(Some(total(|d| d.reports) as f64), takers.reporters.len()),
        ),
        (
            "hours_to_handle_report",
            Unit::Hours,
            rule.made_by(median_hours(handled), takers.moderators.len()),
        ),
        (
            "mail_reach",
            Unit::People,
            rule.people(takers.readers.len(), members.max(takers.readers.len() as i64)),
        ),
        (
            "unsubscribed",
            Unit::People,
            rule.people(unsubscribed, members.max(unsubscribed as i64)),
        ),
    ];
    // Nothing at all is shown of a group smaller than the rule's.
    if members < rule.min_group {
        for (_, _, reading) in &mut figures {
            *reading = Reading::WITHHELD;
        }
    }
    Ok((figures, days))
}

fn median_hours(mut spans: Vec<Duration>) -> Option<f64> {
    if spans.is_empty() {
        return None;
    }
    spans.sort();
    let n = spans.len();
    let minutes = if n % 2 == 1 {
        spans[n / 2].num_minutes() as f64
    } else {
        (spans[n / 2 - 1].num_minutes() + spans[n / 2].num_minutes()) as f64 / 2.0
    };
    Some((minutes / 60.0 * 10.0).round() / 10.0)
}

type Asked = (NaiveDateTime, Option<NaiveDateTime>, Option<NaiveDateTime>);

/// Q&A questions asked in the period: when, first answered, accepted.
fn questions(
    conn: &mut DbConnection,
    community: Option<i64>,
    begin: NaiveDateTime,
    end: NaiveDateTime,
) -> Result<Vec<Asked>, AppError> {
    let mut q = posts::table
        .filter(posts::kind.eq(crate::domain::PostKind::Question.as_str()))
        .filter(posts::deleted_at.is_null())
        .filter(posts::created_at.ge(begin))
        .filter(posts::created_at.lt(end))
        .into_boxed();
    if let Some(c) = community {
        q = q.filter(posts::community_id.eq(c));
    }
    Ok(
        q.select((posts::created_at, posts::first_answer_at, posts::accepted_at))
            .load(conn)?,
    )
}

/// AMA questions asked in the period: when, answered.
fn ama_answers(
    conn: &mut DbConnection,
    community: Option<i64>,
    begin: NaiveDateTime,
    end: NaiveDateTime,
) -> Result<Vec<(NaiveDateTime, Option<NaiveDateTime>)>, AppError> {
    let mut q = ama_questions::table
        .inner_join(amas::table)
        .filter(ama_questions::created_at.ge(begin))
        .filter(ama_questions::created_at.lt(end))
        .into_boxed();
    if let Some(c) = community {
        q = q.filter(amas::community_id.eq(c));
    }
    Ok(q.select((ama_questions::created_at, ama_questions::answered_at))
        .load(conn)?)
}

/// How long the reports decided in the period waited.
fn handled_reports(
    conn: &mut DbConnection,
    community: Option<i64>,
    begin: NaiveDateTime,
    end: NaiveDateTime,
) -> Result<Vec<Duration>, AppError> {
    let mut q = reports::table
        .filter(reports::decided_at.ge(begin))
        .filter(reports::decided_at.lt(end))
        .into_boxed();
    if let Some(c) = community {
        q = q.filter(reports::community_id.eq(c));
    }
    Ok(q.select((reports::created_at, reports::decided_at))
        .load::<(NaiveDateTime, Option<NaiveDateTime>)>(conn)?
        .into_iter()
        .filter_map(|(created, decided)| Some(decided? - created))
        .collect())
}

/// Tasks open at the end of the period, and how many of them were overdue then.
fn open_tasks(conn: &mut DbConnection, community: Option<i64>, end: NaiveDate) -> Result<(usize, usize), AppError> {
    let at = end.and_hms_opt(0, 0, 0).unwrap_or_default();
    let mut q = tasks::table
        .filter(tasks::created_at.lt(at))
        .filter(tasks::completed_at.is_null().or(tasks::completed_at.ge(at)))
        .filter(tasks::deleted_at.is_null().or(tasks::deleted_at.ge(at)))
        .into_boxed();
    if let Some(c) = community {
        q = q.filter(tasks::community_id.eq(c));
    }
    let due: Vec<Option<NaiveDate>> = q.select(tasks::due_on).load(conn)?;
    Ok((due.len(), due.iter().flatten().filter(|d| **d < end).count()))
}

/// Days from the latest status report to the end of the period (the organization: the median
/// over the projects that report).
fn status_age(conn: &mut DbConnection, community: Option<i64>, end: NaiveDateTime) -> Result<Option<f64>, AppError> {
    let mut q = status_reports::table
        .filter(status_reports::created_at.lt(end))
        .group_by(status_reports::community_id)
        .select((
            status_reports::community_id,
            diesel::dsl::max(status_reports::created_at),
        ))
        .into_boxed();
    if let Some(c) = community {
        q = q.filter(status_reports::community_id.eq(c));
    }
    let latest: Vec<(i64, Option<NaiveDateTime>)> = q.load(conn)?;
    let ages: Vec<Duration> = latest.into_iter().filter_map(|(_, at)| Some(end - at?)).collect();
    Ok(median_hours(ages).map(|h| (h / 24.0 * 10.0).round() / 10.0))
}

/// People who stopped a community's newsletter in the period (the organization: any
/// newsletter, or switched their digest off).
fn unsubscribed(
    conn: &mut DbConnection,
    community: Option<i64>,
    begin: NaiveDateTime,
    end: NaiveDateTime,
) -> Result<usize, AppError> {
    let mut q = newsletter_opt_outs::table
        .filter(newsletter_opt_outs::created_at.ge(begin))
        .filter(newsletter_opt_outs::created_at.lt(end))
        .into_boxed();
    if let Some(c) = community {
        q = q.filter(newsletter_opt_outs::community_id.eq(c));
    }
    let mut who: std::collections::HashSet<i64> = q
        .select(newsletter_opt_outs::person_id)
        .load::<i64>(conn)?
        .into_iter()
        .collect();
    if community.is_none() {
        who.extend(
            mail_preferences::table
                .filter(mail_preferences::digest.eq(crate::domain::DigestFrequency::Off.as_str()))
                .filter(mail_preferences::updated_at.ge(begin))
                .filter(mail_preferences::updated_at.lt(end))
                .select(mail_preferences::person_id)
                .load::<i64>(conn)?,
        );
    }
    Ok(who.len())
}

/// The organization's community (whose members are everyone active).
pub fn organization(conn: &mut DbConnection) -> Result<i64, AppError> {
    Ok(communities::table
        .filter(communities::kind.eq(crate::domain::CommunityKind::Organization.as_str()))
        .select(communities::id)
        .first(conn)?)
}
