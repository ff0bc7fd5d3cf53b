//! Upvotes, one mechanism for AMA questions, Q&A questions (posts) and their answers
//! (comments): one vote per person and thing, withdrawable, the count kept on the thing.
//!
//! Every change first locks the thing's row (`lock`) inside the caller's write transaction, so
//! concurrent votes on one thing happen one after the other: the count is recounted from the
//! votes under the lock, and no vote is counted twice or lost (also while a duplicate is merged).

use std::collections::HashSet;

use diesel::prelude::*;

use crate::db::schema::{ama_questions, comments, posts, votes};
use crate::db::{DbConnection, now};

/// What a vote is for: a kind of subject (`subjects`), with the id beside it. AMA questions,
/// posts and comments keep a count; nothing else is voted on.
pub use crate::subjects::SubjectKind as Subject;

/// Locks the thing's row until the transaction ends (PostgreSQL; SQLite's write transaction
/// already runs alone).
pub fn lock(conn: &mut DbConnection, subject: Subject, id: i64) -> QueryResult<()> {
    match subject {
        Subject::AmaQuestion => diesel::update(ama_questions::table.find(id))
            .set(ama_questions::votes.eq(ama_questions::votes))
            .execute(conn),
        Subject::Post => diesel::update(posts::table.find(id))
            .set(posts::votes.eq(posts::votes))
            .execute(conn),
        Subject::Comment => diesel::update(comments::table.find(id))
            .set(comments::votes.eq(comments::votes))
            .execute(conn),
        other => Err(not_votable(other)),
    }
    .map(|_| ())
}

fn of(subject: Subject, id: i64) -> votes::BoxedQuery<'static, crate::db::DbBackend> {
    votes::table
        .filter(votes::subject.eq(subject.as_str()))
        .filter(votes::subject_id.eq(id))
        .into_boxed()
}

/// Adds the person's vote (under `lock`); `false` if it was there already.
pub fn cast(conn: &mut DbConnection, subject: Subject, id: i64, person: i64) -> QueryResult<bool> {
    let there: i64 = of(subject, id)
        .filter(votes::person_id.eq(person))
        .count()
        .get_result(conn)?;
    if there > 0 {
        return Ok(false);
    }
    diesel::insert_into(votes::table)
        .values((
            votes::subject.eq(subject.as_str()),
            votes::subject_id.eq(id),
            votes::person_id.eq(person),
            votes::created_at.eq(now()),
        ))
        .execute(conn)?;
    recount(conn, subject, id)?;
    Ok(true)
}

/// Takes the person's vote back (under `lock`); `false` if there was none.
pub fn withdraw(conn: &mut DbConnection, subject: Subject, id: i64, person: i64) -> QueryResult<bool> {
    let gone = diesel::delete(
        votes::table
            .filter(votes::subject.eq(subject.as_str()))
            .filter(votes::subject_id.eq(id))
            .filter(votes::person_id.eq(person)),
    )
    .execute(conn)?;
    recount(conn, subject, id)?;
    Ok(gone > 0)
}

/// Moves the votes of `from` to `to` (both locked), leaving out people who voted for both and
/// `except` (who may not vote for `to`: its author); returns who voted for `from`.
pub fn merge(
    conn: &mut DbConnection,
    subject: Subject,
    from: i64,
    to: i64,
    except: Option<i64>,
) -> QueryResult<Vec<i64>> {
    let moving: Vec<i64> = of(subject, from).select(votes::person_id).load(conn)?;
    for person in &moving {
        if Some(*person) != except {
            cast(conn, subject, to, *person)?;
        }
    }
    remove_all(conn, subject, from)?;
    recount(conn, subject, from)?;
    recount(conn, subject, to)?;
    Ok(moving)
}

fn recount(conn: &mut DbConnection, subject: Subject, id: i64) -> QueryResult<()> {
    let n: i64 = of(subject, id).count().get_result(conn)?;
    match subject {
        Subject::AmaQuestion => diesel::update(ama_questions::table.find(id))
            .set(ama_questions::votes.eq(n))
            .execute(conn),
        Subject::Post => diesel::update(posts::table.find(id))
            .set(posts::votes.eq(n))
            .execute(conn),
        Subject::Comment => diesel::update(comments::table.find(id))
            .set(comments::votes.eq(n))
            .execute(conn),
        other => Err(not_votable(other)),
    }
    .map(|_| ())
}

/// A caller's mistake, refused before anything is written (`lock` comes first).
fn not_votable(subject: Subject) -> diesel::result::Error {
    diesel::result::Error::QueryBuilderError(format!("a {subject} has no votes").into())
}

/// Which of these things the person voted for.
pub fn voted(conn: &mut DbConnection, subject: Subject, ids: &[i64], person: i64) -> QueryResult<HashSet<i64>> {
    Ok(votes::table
        .filter(votes::subject.eq(subject.as_str()))
        .filter(votes::subject_id.eq_any(ids))
        .filter(votes::person_id.eq(person))
        .select(votes::subject_id)
        .load::<i64>(conn)?
        .into_iter()
        .collect())
}

/// Everyone who voted for the thing.
pub fn voters(conn: &mut DbConnection, subject: Subject, id: i64) -> QueryResult<Vec<i64>> {
    of(subject, id).select(votes::person_id).load(conn)
}

/// Forgets every vote for the thing (it is being deleted).
pub fn remove_all(conn: &mut DbConnection, subject: Subject, id: i64) -> QueryResult<()> {
    diesel::delete(
        votes::table
            .filter(votes::subject.eq(subject.as_str()))
            .filter(votes::subject_id.eq(id)),
    )
    .execute(conn)
    .map(|_| ())
}
