//! The delivery ledger, for every mail that must go out exactly once: a row per person and
//! digest slot, or per person and newsletter issue (unique keys refuse a second one).
//!
//! claimed → sending (being handed to the relay) → sent / empty (a digest with nothing new) /
//! failed (temporary: a later run takes it up again) / refused (permanent) / uncertain.
//! A claim whose node died is taken over once it expires. A row left in `sending` means the
//! node died while handing the message over, or just before (claims come in groups,
//! `Outbox::claimed`): whether the relay had it cannot be known, and sending it again could
//! deliver it twice, so it becomes `uncertain` and is not sent again.

use chrono::{Duration, NaiveDateTime};
use diesel::dsl::{exists, not};
use diesel::prelude::*;
use std::collections::HashMap;

use super::SendError;
use crate::db::models::NewDelivery;
use crate::db::schema::{mail_deliveries, mail_suppressions, people};
use crate::db::{DbConnection, write_transaction};
use crate::error::AppError;

/// Done with, and the next digest's window starts after it.
pub const DELIVERED: [&str; 3] = ["sent", "empty", "uncertain"];
/// Nothing more will be tried for this row.
pub const DONE: [&str; 4] = ["sent", "empty", "uncertain", "refused"];

/// How long a claim holds before another run may take it over (its node died).
const CLAIM: i64 = 10;

/// What a ledger row is for: a person's digest of one slot, or one newsletter issue to them.
#[derive(Debug, Clone, Copy)]
pub struct Key {
    pub person_id: i64,
    pub newsletter_id: Option<i64>,
    pub slot: NaiveDateTime,
}

/// How a delivery ended.
#[derive(Debug, Clone)]
pub enum Outcome {
    Sent,
    /// A digest with nothing new: no mail, and the next window starts after it.
    Empty,
    Failed(SendError),
}

/// How a claimed row starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Start {
    /// Held, to be sent later.
    Claimed,
    /// Composed and handed over now (the caller's next step is the send).
    Sending,
    /// A digest with nothing new: done as it is claimed.
    Empty,
}

impl Start {
    fn state(self) -> &'static str {
        match self {
            Start::Claimed => "claimed",
            Start::Sending => "sending",
            Start::Empty => "empty",
        }
    }
}

/// A delivery to claim: what for, the window it covers, and how it starts.
#[derive(Debug, Clone, Copy)]
pub struct Claim {
    pub key: Key,
    pub period: (NaiveDateTime, NaiveDateTime),
    pub start: Start,
}

impl Claim {
    fn until(&self, now: NaiveDateTime) -> Option<NaiveDateTime> {
        (self.start != Start::Empty).then(|| now + Duration::minutes(CLAIM))
    }

    fn attempts(&self) -> i32 {
        i32::from(self.start == Start::Sending)
    }
}

/// Claims deliveries (`Claim::start` says as what), each unless another run has it or it is
/// done: the rows' ids, in the order of `claims`. Claiming a composed message as `Sending`
/// costs one write instead of two before the send, and the usual case, rows not there yet, is
/// one statement for them all; only an existing row (a retry, a claim of a node that died,
/// another node's) needs a transaction of its own.
pub fn claim_many(conn: &mut DbConnection, claims: &[Claim], now: NaiveDateTime) -> Result<Vec<Option<i64>>, AppError> {
    let created_at = crate::db::now();
    let rows: Vec<NewDelivery> = claims
        .iter()
        .map(|c| NewDelivery {
            person_id: c.key.person_id,
            newsletter_id: c.key.newsletter_id,
            slot: c.key.slot,
            period_start: c.period.0,
            period_end: c.period.1,
            state: c.start.state(),
            claimed_until: c.until(now),
            attempts: c.attempts(),
            created_at,
        })
        .collect();
    let mut inserted: HashMap<(i64, Option<i64>, NaiveDateTime), i64> = HashMap::new();
    // Under SQLite's limit of bound parameters per statement.
    for chunk in rows.chunks(500) {
        for (person, newsletter, slot, id) in crate::db::bulk::insert_new_deliveries(conn, chunk)? {
            inserted.insert((person, newsletter, slot), id);
        }
    }
    claims
        .iter()
        .map(|c| {
            let key = c.key;
            match inserted.get(&(key.person_id, key.newsletter_id, key.slot)) {
                Some(id) => Ok(Some(*id)),
                None => claim_existing(conn, c, now),
            }
        })
        .collect()
}

/// Takes over an existing row where that is right: a temporary failure or an expired claim
/// is taken up again; an expired hand-off becomes `uncertain`; anything else is left.
fn claim_existing(conn: &mut DbConnection, claim: &Claim, now: NaiveDateTime) -> Result<Option<i64>, AppError> {
    let (key, period) = (claim.key, claim.period);
    let (state, attempts, until) = (claim.start.state(), claim.attempts(), claim.until(now));
    write_transaction(conn, |conn| {
        let mut existing = mail_deliveries::table
            .filter(mail_deliveries::person_id.eq(key.person_id))
            .filter(mail_deliveries::slot.eq(key.slot))
            .select((
                mail_deliveries::id,
                mail_deliveries::state,
                mail_deliveries::claimed_until,
            ))
            .into_boxed();
        existing = match key.newsletter_id {
            Some(n) => existing.filter(mail_deliveries::newsletter_id.eq(n)),
            None => existing.filter(mail_deliveries::newsletter_id.is_null()),
        };
        let existing: Option<(i64, String, Option<NaiveDateTime>)> = existing.first(conn).optional()?;
        let expired = |u: Option<NaiveDateTime>| u.is_some_and(|u| u < now);
        match existing {
            Some((id, state, claimed_until)) if state == "sending" && expired(claimed_until) => {
                diesel::update(mail_deliveries::table.find(id))
                    .filter(mail_deliveries::state.eq("sending"))
                    .set((
                        mail_deliveries::state.eq("uncertain"),
                        mail_deliveries::claimed_until.eq(None::<NaiveDateTime>),
                        mail_deliveries::error.eq("the sending node stopped during the hand-off; not sent again, \
                                                   so that nobody gets it twice"),
                    ))
                    .execute(conn)?;
                tracing::warn!(delivery = id, "a mail's hand-off was cut off; recorded as uncertain");
                Ok(None)
            }
            // A temporary failure, or a claim whose holder died before sending: taken up again.
            Some((id, was, claimed_until)) if was == "failed" || (was == "claimed" && expired(claimed_until)) => {
                let taken = diesel::update(mail_deliveries::table.find(id))
                    .filter(mail_deliveries::state.eq(&was))
                    .set((
                        mail_deliveries::state.eq(state),
                        mail_deliveries::claimed_until.eq(until),
                        mail_deliveries::period_start.eq(period.0),
                        mail_deliveries::period_end.eq(period.1),
                        mail_deliveries::attempts.eq(mail_deliveries::attempts + attempts),
                    ))
                    .execute(conn)?;
                Ok((taken == 1).then_some(id))
            }
            _ => Ok(None),
        }
    })
}

/// The message is about to be handed over again (or, `false`, a try failed for now and it
/// waits: a node dying meanwhile leaves a claim that is taken over, not an uncertain send).
pub fn handing_over(conn: &mut DbConnection, id: i64, sending: bool) -> Result<(), AppError> {
    let set = if sending { "sending" } else { "claimed" };
    diesel::update(mail_deliveries::table.find(id))
        .set((
            mail_deliveries::state.eq(set),
            mail_deliveries::attempts.eq(mail_deliveries::attempts + i32::from(sending)),
        ))
        .execute(conn)?;
    Ok(())
}

/// Records deliveries (id, person) as sent, together: a delivery ends its person's run of
/// permanent refusals.
pub fn sent(conn: &mut DbConnection, deliveries: &[(i64, i64)]) -> Result<(), AppError> {
    let now = crate::db::now();
    let (ids, people): (Vec<i64>, Vec<i64>) = deliveries.iter().copied().unzip();
    write_transaction(conn, |conn| {
        diesel::update(mail_deliveries::table.filter(mail_deliveries::id.eq_any(&ids)))
            .set((
                mail_deliveries::state.eq("sent"),
                mail_deliveries::error.eq(""),
                mail_deliveries::sent_at.eq(now),
                mail_deliveries::claimed_until.eq(None::<NaiveDateTime>),
            ))
            .execute(conn)?;
        diesel::delete(mail_suppressions::table.filter(mail_suppressions::person_id.eq_any(&people))).execute(conn)?;
        Ok(())
    })
}

/// Records how the delivery ended, and the person's run of permanent refusals: a delivery ends
/// it, a refusal lengthens it and at `pause_after` pauses their mail.
pub fn finish(
    conn: &mut DbConnection,
    id: i64,
    person_id: i64,
    outcome: &Outcome,
    pause_after: i32,
) -> Result<(), AppError> {
    let now = crate::db::now();
    let (state, error) = match outcome {
        Outcome::Sent => return sent(conn, &[(id, person_id)]),
        Outcome::Empty => ("empty", String::new()),
        Outcome::Failed(e @ SendError::Transient(_)) => ("failed", e.to_string()),
        Outcome::Failed(e @ SendError::Permanent(_)) => ("refused", e.to_string()),
    };
    write_transaction(conn, |conn| {
        diesel::update(mail_deliveries::table.find(id))
            .set((
                mail_deliveries::state.eq(state),
                mail_deliveries::error.eq(&error),
                mail_deliveries::claimed_until.eq(None::<NaiveDateTime>),
            ))
            .execute(conn)?;
        if state == "refused" {
            let failures: i32 = mail_suppressions::table
                .find(person_id)
                .select(mail_suppressions::failures)
                .first(conn)
                .optional()?
                .unwrap_or(0)
                + 1;
            let paused = (failures >= pause_after).then_some(now);
            diesel::delete(mail_suppressions::table.find(person_id)).execute(conn)?;
            diesel::insert_into(mail_suppressions::table)
                .values((
                    mail_suppressions::person_id.eq(person_id),
                    mail_suppressions::failures.eq(failures),
                    mail_suppressions::last_error.eq(&error),
                    mail_suppressions::paused_at.eq(paused),
                    mail_suppressions::updated_at.eq(now),
                ))
                .execute(conn)?;
            if paused.is_some() {
                tracing::warn!(
                    person = person_id,
                    failures,
                    "mail to a person paused after repeated refusals"
                );
            }
        }
        Ok(())
    })
}

/// An administrator resumes a person's paused mail (after fixing their address).
pub fn resume(conn: &mut DbConnection, person_id: i64) -> Result<bool, AppError> {
    Ok(diesel::delete(mail_suppressions::table.find(person_id)).execute(conn)? == 1)
}

/// People whose mail is not paused (SQL, for recipient lists).
#[diesel::dsl::auto_type(no_type_alias)]
pub fn not_paused() -> _ {
    not(exists(
        mail_suppressions::table
            .filter(mail_suppressions::person_id.eq(people::id))
            .filter(mail_suppressions::paused_at.is_not_null()),
    ))
}
