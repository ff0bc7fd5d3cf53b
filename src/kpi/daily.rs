//! Daily totals per community: what the KPI figures add up over a period. Past days are
//! counted once (`fill`, a scheduled job) and kept in `kpi_days`; today is counted when asked.
//! Only counts of things and of members are kept, never who.

use std::collections::{BTreeMap, HashMap};

use chrono::{Duration, NaiveDate, NaiveDateTime};
use diesel::prelude::*;

pub use crate::db::models::KpiDay as Day;
use crate::db::schema::{comments, kpi_days, kpi_filled, membership_events, posts, reactions, reports, tasks};
use crate::db::{DbConnection, write_transaction};
use crate::error::AppError;

fn start(day: NaiveDate) -> NaiveDateTime {
    day.and_hms_opt(0, 0, 0).unwrap_or_default()
}

/// Counts the days `from` up to (not including) `to` for every community: the rows `fill`
/// keeps, and today's when asked. A community has a row on a day when something happened or
/// its members changed; `read` carries members over the days between. With `members_of`, only
/// that community's members are counted (what `read` needs; adding up every community's
/// membership history is most of the cost of counting one day).
pub fn count(
    conn: &mut DbConnection,
    from: NaiveDate,
    to: NaiveDate,
    members_of: Option<i64>,
) -> Result<Vec<Day>, AppError> {
    let (begin, end) = (start(from), start(to));
    let mut days: BTreeMap<(i64, NaiveDate), Day> = BTreeMap::new();
    let mut bump = |community_id: i64, at: NaiveDateTime, f: &dyn Fn(&mut Day)| {
        let day = at.date();
        f(days.entry((community_id, day)).or_insert(Day {
            community_id,
            day,
            ..Day::default()
        }));
    };
    let events: Vec<(i64, i32, NaiveDateTime)> = membership_events::table
        .filter(membership_events::at.ge(begin))
        .filter(membership_events::at.lt(end))
        .select((
            membership_events::community_id,
            membership_events::delta,
            membership_events::at,
        ))
        .load(conn)?;
    for (c, delta, at) in events {
        bump(c, at, &|d| if delta > 0 { d.joins += 1 } else { d.leaves += 1 });
    }
    let posted: Vec<(i64, String, NaiveDateTime)> = posts::table
        .filter(posts::created_at.ge(begin))
        .filter(posts::created_at.lt(end))
        .select((posts::community_id, posts::kind, posts::created_at))
        .load(conn)?;
    let question = crate::domain::PostKind::Question.as_str();
    for (c, kind, at) in posted {
        if kind == question {
            bump(c, at, &|d| d.questions += 1);
        } else {
            bump(c, at, &|d| d.posts += 1);
        }
    }
    let commented: Vec<(i64, NaiveDateTime)> = comments::table
        .inner_join(posts::table)
        .filter(comments::created_at.ge(begin))
        .filter(comments::created_at.lt(end))
        .select((posts::community_id, comments::created_at))
        .load(conn)?;
    for (c, at) in commented {
        bump(c, at, &|d| d.comments += 1);
    }
    let on_posts: Vec<(i64, NaiveDateTime)> = reactions::table
        .inner_join(posts::table.on(posts::id.eq(reactions::target_id)))
        .filter(reactions::target_type.eq("post"))
        .filter(reactions::created_at.ge(begin))
        .filter(reactions::created_at.lt(end))
        .select((posts::community_id, reactions::created_at))
        .load(conn)?;
    let on_comments: Vec<(i64, NaiveDateTime)> = reactions::table
        .inner_join(comments::table.on(comments::id.eq(reactions::target_id)))
        .inner_join(posts::table.on(posts::id.eq(comments::post_id)))
        .filter(reactions::target_type.eq("comment"))
        .filter(reactions::created_at.ge(begin))
        .filter(reactions::created_at.lt(end))
        .select((posts::community_id, reactions::created_at))
        .load(conn)?;
    for (c, at) in on_posts.into_iter().chain(on_comments) {
        bump(c, at, &|d| d.reactions += 1);
    }
    let done: Vec<(i64, Option<NaiveDateTime>)> = tasks::table
        .filter(tasks::completed_at.ge(begin))
        .filter(tasks::completed_at.lt(end))
        .filter(tasks::deleted_at.is_null())
        .select((tasks::community_id, tasks::completed_at))
        .load(conn)?;
    for (c, at) in done {
        if let Some(at) = at {
            bump(c, at, &|d| d.tasks_done += 1);
        }
    }
    let reported: Vec<(i64, NaiveDateTime)> = reports::table
        .filter(reports::created_at.ge(begin))
        .filter(reports::created_at.lt(end))
        .select((reports::community_id, reports::created_at))
        .load(conn)?;
    for (c, at) in reported {
        bump(c, at, &|d| d.reports += 1);
    }

    // Members at the end of each day: those before the range, then each day's changes.
    let mut before = membership_events::table
        .filter(membership_events::at.lt(begin))
        .group_by(membership_events::community_id)
        .select((
            membership_events::community_id,
            diesel::dsl::sum(membership_events::delta),
        ))
        .into_boxed();
    if let Some(c) = members_of {
        before = before.filter(membership_events::community_id.eq(c));
    }
    let mut members: HashMap<i64, i64> = before
        .load::<(i64, Option<i64>)>(conn)?
        .into_iter()
        .map(|(c, n)| (c, n.unwrap_or(0)))
        .collect();
    // Keys sort by community, then day: a running count per community.
    let mut running = None;
    for ((c, _), d) in days.iter_mut() {
        let n = match running {
            Some((community, n)) if community == *c => n,
            _ => members.remove(c).unwrap_or(0),
        };
        d.members = n + d.joins - d.leaves;
        running = Some((*c, d.members));
    }
    Ok(days.into_values().collect())
}

/// Counts and keeps the days not kept yet, up to yesterday (`today` in the organization's
/// zone): the first time from the first membership on, at most three years back. Returns the
/// number of days counted.
pub fn fill(conn: &mut DbConnection, today: NaiveDate) -> Result<usize, AppError> {
    let until: Option<NaiveDate> = kpi_filled::table
        .select(diesel::dsl::max(kpi_filled::until))
        .first(conn)?;
    let first = match until {
        Some(until) => until,
        None => {
            let first: Option<NaiveDateTime> = membership_events::table
                .select(diesel::dsl::min(membership_events::at))
                .first(conn)?;
            let Some(first) = first else { return Ok(0) };
            first.date().max(today - Duration::days(3 * 366))
        }
    };
    let mut from = first;
    let mut counted = 0;
    // A month at a time: a first fill of years of history does not hold it all at once.
    while from < today {
        let to = (from + Duration::days(31)).min(today);
        let days = count(conn, from, to, None)?;
        write_transaction(conn, |conn| {
            diesel::delete(
                kpi_days::table
                    .filter(kpi_days::day.ge(from))
                    .filter(kpi_days::day.lt(to)),
            )
            .execute(conn)?;
            for chunk in days.chunks(1000) {
                crate::db::bulk::insert_kpi_days(conn, chunk)?;
            }
            diesel::delete(kpi_filled::table).execute(conn)?;
            diesel::insert_into(kpi_filled::table)
                .values(kpi_filled::until.eq(to))
                .execute(conn)?;
            Ok::<_, AppError>(())
        })?;
        counted += (to - from).num_days() as usize;
        from = to;
    }
    Ok(counted)
}

/// Whose days: one community's, or the organization's (the activity of every community
/// added up; members, joins and leaves those of the organization's community: everyone).
#[derive(Debug, Clone, Copy)]
pub enum Scope {
    Community(i64),
    Organization { community: i64 },
}

impl Scope {
    /// The community whose members the scope's members are.
    pub fn members_of(self) -> i64 {
        match self {
            Scope::Community(c) | Scope::Organization { community: c } => c,
        }
    }

    fn only(self) -> Option<i64> {
        match self {
            Scope::Community(c) => Some(c),
            Scope::Organization { .. } => None,
        }
    }
}

/// The scope's days of `from` up to `to` (not including): the kept ones, and those not kept
/// yet (today; all past ones before the job's first run) counted now; a day without a row has
/// the members of the day before.
pub fn read(conn: &mut DbConnection, scope: Scope, from: NaiveDate, to: NaiveDate) -> Result<Vec<Day>, AppError> {
    let kept_until = kpi_filled::table
        .select(diesel::dsl::max(kpi_filled::until))
        .first::<Option<NaiveDate>>(conn)?
        .unwrap_or(from)
        .clamp(from, to);
    let own = |conn: &mut DbConnection, c: i64| {
        kpi_days::table
            .filter(kpi_days::day.ge(from))
            .filter(kpi_days::day.lt(kept_until))
            .filter(kpi_days::community_id.eq(c))
            .select(Day::as_select())
            .load(conn)
    };
    let mut rows: Vec<Day> = match scope {
        Scope::Community(c) => own(conn, c)?,
        // Every community's activity added up in the database (a row per day, not per
        // community and day), and the organization community's own rows for its members only.
        Scope::Organization { community } => {
            let mut rows = crate::db::kpi::organization_days(conn, from, kept_until)?;
            rows.extend(own(conn, community)?.into_iter().map(|d| Day {
                community_id: community,
                day: d.day,
                members: d.members,
                joins: d.joins,
                leaves: d.leaves,
                ..Day::default()
            }));
            rows
        }
    };
    if kept_until < to {
        rows.extend(
            count(conn, kept_until, to, Some(scope.members_of()))?
                .into_iter()
                .filter(|d| scope.only().is_none_or(|c| d.community_id == c)),
        );
    }
    let members_of = scope.members_of();
    let mut by_day: BTreeMap<NaiveDate, (Day, bool)> = BTreeMap::new();
    for r in &rows {
        let (day, changed) = by_day.entry(r.day).or_insert((
            Day {
                community_id: members_of,
                day: r.day,
                ..Day::default()
            },
            false,
        ));
        day.posts += r.posts;
        day.comments += r.comments;
        day.reactions += r.reactions;
        day.questions += r.questions;
        day.tasks_done += r.tasks_done;
        day.reports += r.reports;
        if r.community_id == members_of {
            (day.members, day.joins, day.leaves) = (r.members, r.joins, r.leaves);
            *changed = true;
        }
    }
    let mut members = members_before(conn, members_of, from)?;
    let mut out = Vec::new();
    let mut day = from;
    while day < to {
        let (mut d, changed) = by_day.remove(&day).unwrap_or((
            Day {
                community_id: members_of,
                day,
                ..Day::default()
            },
            false,
        ));
        if !changed {
            d.members = members;
        }
        members = d.members;
        out.push(d);
        day += Duration::days(1);
    }
    Ok(out)
}

/// Active members at the start of `day`, from the membership changes before it.
pub fn members_before(conn: &mut DbConnection, community: i64, day: NaiveDate) -> Result<i64, AppError> {
    Ok(membership_events::table
        .filter(membership_events::at.lt(start(day)))
        .filter(membership_events::community_id.eq(community))
        .select(diesel::dsl::sum(membership_events::delta))
        .first::<Option<i64>>(conn)?
        .unwrap_or(0))
}
