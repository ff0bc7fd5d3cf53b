//! Sending the digests that are due, each exactly once: a ledger row per person and slot is
//! claimed before sending (the unique key refuses a second claim), marked sent, empty or failed
//! after. A failed or crashed send (its claim expires) is taken up again by a later run; the
//! next digest's window starts where the last sent one ended, so nothing falls through.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;

use super::{preferences, preview, slots};
use crate::config::Settings;
use crate::db::models::Person;
use crate::db::schema::{digest_deliveries, mail_preferences, people};
use crate::db::{Db, DbConnection, write_transaction};
use crate::domain::{DigestFrequency, DigestTime};
use crate::error::AppError;
use crate::mail::{Mailer, SendError};
use crate::templates::Templates;

/// Ledger states of a digest that is done with: it went out, or had nothing to say.
pub(super) const DELIVERED: [&str; 2] = ["sent", "empty"];

/// How long a claim holds before another run may take it over (a node died mid-send).
const CLAIM: i64 = 10;

#[derive(Debug, Clone, Default)]
pub struct RunOptions {
    /// Only this person.
    pub uid: Option<String>,
    /// Say who would get what; send and record nothing.
    pub dry_run: bool,
    /// Treat each person's next digest as due now (the ledger still allows one per slot).
    pub now: bool,
}

#[derive(Debug, Default)]
pub struct RunReport {
    pub sent: usize,
    pub empty: usize,
    pub failed: usize,
    /// One line per person acted on (uids only).
    pub lines: Vec<String>,
}

/// A digest claimed for sending.
struct Claimed {
    person: Person,
    delivery: i64,
    since: NaiveDateTime,
}

pub async fn run(
    db: &Db,
    mailer: &Mailer,
    templates: Arc<Templates>,
    settings: Arc<Settings>,
    options: &RunOptions,
    now: NaiveDateTime,
) -> Result<RunReport, AppError> {
    let (s, opts) = (settings.clone(), options.clone());
    let due = db.run(move |c| due_digests(c, &s, &opts, now)).await?;
    let mut report = RunReport::default();
    for (person, frequency, slot) in due {
        let opts = options.clone();
        let Some(claimed) = db.run(move |c| claim(c, person, frequency, slot, &opts, now)).await? else {
            continue;
        };
        let (s, t) = (settings.clone(), templates.clone());
        let person = claimed.person.clone();
        let mail = db
            .run(move |c| preview::preview(c, &t, &s, &person, claimed.since, now))
            .await?;
        let uid = claimed.person.uid.clone();
        if options.dry_run {
            report.lines.push(format!("{uid}: would get \"{}\"", mail.mail.subject));
            continue;
        }
        let outcome = if mail.empty {
            Ok(false)
        } else {
            let email = claimed.person.email.clone().unwrap_or_default();
            match email.parse() {
                Ok(address) => {
                    let to = lettre::message::Mailbox::new(Some(claimed.person.display_name.clone()), address);
                    match mail.mail.to(mailer, to) {
                        Ok(message) => mailer.send(message).await.map(|_| true),
                        Err(e) => Err(e),
                    }
                }
                Err(e) => Err(SendError::Permanent(format!("not a mail address: {e}"))),
            }
        };
        let delivery = claimed.delivery;
        let (state, error) = match &outcome {
            Ok(true) => ("sent", String::new()),
            Ok(false) => ("empty", String::new()),
            Err(e) => ("failed", e.to_string()),
        };
        db.run(move |c| {
            diesel::update(digest_deliveries::table.find(delivery))
                .set((
                    digest_deliveries::state.eq(state),
                    digest_deliveries::error.eq(&error),
                    digest_deliveries::sent_at.eq((state == "sent").then(crate::db::now)),
                    digest_deliveries::claimed_until.eq(None::<NaiveDateTime>),
                ))
                .execute(c)?;
            Ok(())
        })
        .await?;
        match outcome {
            Ok(true) => report.sent += 1,
            Ok(false) => report.empty += 1,
            Err(e) => {
                tracing::warn!(uid = %uid, error = %e, "a digest was not delivered");
                report.failed += 1;
            }
        }
        report.lines.push(format!("{uid}: {state}"));
    }
    Ok(report)
}

/// Everyone whose digest is due now (or, with `--now`, whose next one is), with its slot.
/// Preferences and the last slots sent are read for everyone at once, so a run that finds
/// nothing due costs three queries, however many people there are.
fn due_digests(
    conn: &mut DbConnection,
    settings: &Settings,
    options: &RunOptions,
    now: NaiveDateTime,
) -> Result<Vec<(Person, DigestFrequency, NaiveDateTime)>, AppError> {
    let mut q = people::table
        .filter(people::active.eq(true))
        .filter(people::email.is_not_null())
        .into_boxed();
    if let Some(uid) = &options.uid {
        q = q.filter(people::uid.eq(uid.clone()));
    }
    let recipients: Vec<Person> = q.order(people::id).select(Person::as_select()).load(conn)?;
    let chosen: HashMap<i64, (DigestFrequency, DigestTime)> = mail_preferences::table
        .select((
            mail_preferences::person_id,
            mail_preferences::digest,
            mail_preferences::digest_weekday,
            mail_preferences::digest_hour,
        ))
        .load::<(i64, String, i32, i32)>(conn)?
        .into_iter()
        .map(|(id, d, weekday, hour)| (id, preferences::chosen(Some((d, weekday, hour)))))
        .collect();
    let last: HashMap<i64, NaiveDateTime> = digest_deliveries::table
        .filter(digest_deliveries::state.eq_any(DELIVERED))
        .group_by(digest_deliveries::person_id)
        .select((digest_deliveries::person_id, diesel::dsl::max(digest_deliveries::slot)))
        .load::<(i64, Option<NaiveDateTime>)>(conn)?
        .into_iter()
        .filter_map(|(id, slot)| Some((id, slot?)))
        .collect();
    Ok(recipients
        .into_iter()
        .filter_map(|person| {
            let (frequency, time) = chosen
                .get(&person.id)
                .copied()
                .unwrap_or_else(|| preferences::chosen(None));
            let tz = person.timezone().unwrap_or(settings.i18n.default_timezone);
            let last = last.get(&person.id).copied();
            let due = slots::due(frequency, time, tz, now).filter(|d| last.is_none_or(|slot| *d > slot));
            let slot = match (due, options.now) {
                (Some(slot), _) => Some(slot),
                // The digest after the last one, even if its time has not come.
                (None, true) => slots::next(frequency, time, tz, last.map_or(now, |slot| slot.max(now))),
                (None, false) => None,
            }?;
            Some((person, frequency, slot))
        })
        .collect())
}

/// Claims the person's digest for `slot` unless somebody else has it (or it went out): returns
/// the ledger row and where its window starts.
fn claim(
    conn: &mut DbConnection,
    person: Person,
    frequency: DigestFrequency,
    slot: NaiveDateTime,
    options: &RunOptions,
    now: NaiveDateTime,
) -> Result<Option<Claimed>, AppError> {
    let since = preview::since(preview::last_sent(conn, person.id)?.map(|(_, end)| end), frequency, now);
    if options.dry_run {
        return Ok(Some(Claimed {
            person,
            delivery: 0,
            since,
        }));
    }
    let until = now + Duration::minutes(CLAIM);
    let delivery = write_transaction(conn, |conn| {
        let existing: Option<(i64, String, Option<NaiveDateTime>)> = digest_deliveries::table
            .filter(digest_deliveries::person_id.eq(person.id))
            .filter(digest_deliveries::slot.eq(slot))
            .select((
                digest_deliveries::id,
                digest_deliveries::state,
                digest_deliveries::claimed_until,
            ))
            .first(conn)
            .optional()?;
        match existing {
            None => Ok::<_, AppError>(Some(
                diesel::insert_into(digest_deliveries::table)
                    .values((
                        digest_deliveries::person_id.eq(person.id),
                        digest_deliveries::slot.eq(slot),
                        digest_deliveries::period_start.eq(since),
                        digest_deliveries::period_end.eq(now),
                        digest_deliveries::state.eq("claimed"),
                        digest_deliveries::claimed_until.eq(Some(until)),
                        digest_deliveries::attempts.eq(1),
                        digest_deliveries::created_at.eq(crate::db::now()),
                    ))
                    .returning(digest_deliveries::id)
                    .get_result::<i64>(conn)?,
            )),
            // A failed send, or a claim whose holder died: taken up again, once.
            Some((id, state, claimed_until))
                if state == "failed" || (state == "claimed" && claimed_until.is_some_and(|u| u < now)) =>
            {
                let taken = diesel::update(digest_deliveries::table.find(id))
                    .filter(digest_deliveries::state.eq(&state))
                    .set((
                        digest_deliveries::state.eq("claimed"),
                        digest_deliveries::claimed_until.eq(Some(until)),
                        digest_deliveries::period_start.eq(since),
                        digest_deliveries::period_end.eq(now),
                        digest_deliveries::attempts.eq(digest_deliveries::attempts + 1),
                    ))
                    .execute(conn)?;
                Ok((taken == 1).then_some(id))
            }
            Some(_) => Ok(None),
        }
    });
    match delivery {
        Ok(Some(delivery)) => Ok(Some(Claimed {
            person,
            delivery,
            since,
        })),
        Ok(None) => Ok(None),
        // Another node inserted the same slot a moment earlier: theirs.
        Err(AppError::Conflict { code: "duplicate" }) => Ok(None),
        Err(e) => Err(e),
    }
}
