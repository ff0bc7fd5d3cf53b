//! The reminder on the day a task falls due: its assignees are told once per due date (a
//! moved due date is reminded of again), whichever node and however often the job runs.

use chrono::NaiveDate;
use diesel::prelude::*;

use crate::db::schema::{task_assignees, tasks};
use crate::db::{DbConnection, write_transaction};
use crate::domain::TaskStatus;
use crate::error::AppError;
use crate::notifications::notices::{self as notifications, Kind, Notice};

/// Tells the assignees of open tasks due `today`; returns how many tasks were reminded of.
pub fn run(conn: &mut DbConnection, today: NaiveDate) -> Result<usize, AppError> {
    write_transaction(conn, |conn| {
        let due: Vec<i64> = tasks::table
            .filter(tasks::deleted_at.is_null())
            .filter(tasks::status.ne(TaskStatus::Done.as_str()))
            .filter(tasks::due_on.eq(today))
            .filter(tasks::reminded_for.is_null().or(tasks::reminded_for.ne(today)))
            .select(tasks::id)
            .load(conn)?;
        for &task in &due {
            let assignees: Vec<i64> = task_assignees::table
                .filter(task_assignees::task_id.eq(task))
                .select(task_assignees::person_id)
                .load(conn)?;
            // The notification checks that each may still read the task.
            for person in assignees {
                notifications::notify(conn, Notice::task(Kind::TaskDue, person, None, task))?;
            }
        }
        diesel::update(tasks::table.filter(tasks::id.eq_any(&due)))
            .set(tasks::reminded_for.eq(Some(today)))
            .execute(conn)?;
        Ok(due.len())
    })
}
