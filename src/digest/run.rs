//! Sending the digests that are due, each exactly once, through the ledger (`mail::ledger`):
//! a row per person and slot is claimed before sending and records the outcome after. A failed
//! or crashed send is taken up again by a later run; the next digest's window starts where the
//! last delivered one ended, so nothing falls through. Sends run concurrently within
//! `mail.concurrency` and the outbox's pace.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use diesel::prelude::*;
use futures_util::StreamExt;

use super::{content, preferences, preview, slots};
use crate::config::Settings;
use crate::db::DbConnection;
use crate::db::models::Person;
use crate::db::schema::{mail_deliveries, mail_preferences, people};
use crate::domain::{DigestFrequency, DigestTime};
use crate::error::AppError;
use crate::mail::ledger::{self, Claim, Key, Outcome, Start};
use crate::mail::outbox::Confirmations;
use crate::mail::unsubscribe::List;
use crate::mail::{Outbox, Outgoing, SendError};

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

/// A digest that is due: whose, which slot, and where its window starts.
struct Due {
    person: Person,
    slot: NaiveDateTime,
    since: NaiveDateTime,
}

/// What became of one person's digest.
enum Done {
    /// A dry run: the subject it would have.
    Would(String),
    Ended(Outcome),
}

/// Digests made together (`content::build_many`): what they share is read once per batch.
const BATCH: usize = 1000;

pub async fn run(outbox: &Outbox, options: &RunOptions, now: NaiveDateTime) -> Result<RunReport, AppError> {
    let (s, opts) = (outbox.settings(), options.clone());
    let due = outbox.db.run(move |c| due_digests(c, &s, &opts, now)).await?;
    let Some(earliest) = due.iter().map(|d| d.since).min() else {
        return Ok(RunReport::default());
    };
    // What the run's digests share is read once (one person's, with --uid: theirs only).
    let period = if options.uid.is_none() {
        Some(std::sync::Arc::new(
            outbox
                .db
                .run(move |c| content::Period::everyone(c, earliest, now))
                .await?,
        ))
    } else {
        None
    };
    // The next batch is made (blocking threads, one per core) while this one is sent (the
    // runtime's tasks). Batches are taken from one list as they are needed (split off its
    // front, each kept the whole rest's capacity: 500 MB of empty room at 50,000 people).
    let mut batches = pieces(due.into_iter(), BATCH);
    let mut made = match batches.next() {
        Some(batch) => Some(make(outbox, period.clone(), batch, options.dry_run, now).await?),
        None => None,
    };
    let mut outcomes: Vec<(String, Result<Option<Done>, AppError>)> = Vec::new();
    let confirm = outbox.confirmations();
    while let Some(current) = made.take() {
        let following = async {
            match batches.next() {
                Some(batch) => make(outbox, period.clone(), batch, options.dry_run, now)
                    .await
                    .map(Some),
                None => Ok(None),
            }
        };
        let (following, sent) = tokio::join!(following, send(outbox, &confirm, current, now));
        outcomes.extend(sent);
        made = following?;
    }
    confirm.close().await?;
    outcomes.sort_by(|a, b| a.0.cmp(&b.0));
    let mut report = RunReport::default();
    for (uid, outcome) in outcomes {
        let line = match outcome {
            Ok(None) => continue,
            Ok(Some(Done::Would(subject))) => format!("would get \"{subject}\""),
            Ok(Some(Done::Ended(Outcome::Sent))) => {
                report.sent += 1;
                "sent".to_string()
            }
            Ok(Some(Done::Ended(Outcome::Empty))) => {
                report.empty += 1;
                "empty".to_string()
            }
            Ok(Some(Done::Ended(Outcome::Failed(e)))) => {
                report.failed += 1;
                format!("failed ({e})")
            }
            Err(e) => {
                tracing::error!(uid = %uid, error = %e, "a digest could not be prepared");
                report.failed += 1;
                format!("failed ({e})")
            }
        };
        report.lines.push(format!("{uid}: {line}"));
    }
    Ok(report)
}

/// What became of making one person's digest.
enum Made {
    /// A dry run: the subject it would have (no message is built).
    Would(String),
    /// Nothing new: no mail.
    Empty,
    /// The message, or why there can be none.
    Mail(Result<Outgoing, SendError>),
}

/// Makes the batch's digests and their messages (each with its own unsubscribe link; in a dry
/// run only their subjects), encoded here, on blocking threads (one per core), so that the
/// task sending the batch before does little else.
async fn make(
    outbox: &Outbox,
    period: Option<std::sync::Arc<content::Period>>,
    batch: Vec<Due>,
    dry_run: bool,
    now: NaiveDateTime,
) -> Result<Vec<(Due, Result<Made, AppError>)>, AppError> {
    // Not the outbox itself: its SMTP pool must not be dropped on a blocking thread.
    let (templates, settings, links) = (outbox.templates.clone(), outbox.settings(), outbox.links.clone());
    let sender = outbox.mailer.sender.clone();
    outbox
        .db
        .run(move |c| {
            let wanted: Vec<content::Wanted<'_>> = batch
                .iter()
                .map(|d| content::Wanted {
                    person: &d.person,
                    since: d.since,
                    today: preview::today(&settings, &d.person, now),
                })
                .collect();
            let digests = match &period {
                Some(period) => content::build_with(c, period, &wanted)?,
                None => content::build_many(c, &wanted, now)?,
            };
            let work: Vec<(Due, content::Digest)> = batch.into_iter().zip(digests).collect();
            Ok(on_every_core(work, |(due, digest)| {
                let unsubscribe = links.url(&settings.server.public_url, due.person.id, List::Digest);
                let made = preview::render(&templates, &settings, &due.person, digest, &unsubscribe).map(|mail| {
                    if dry_run {
                        Made::Would(mail.mail.subject)
                    } else if mail.empty {
                        Made::Empty
                    } else {
                        Made::Mail(
                            crate::mail::compose::mailbox(&due.person)
                                .and_then(|to| mail.mail.to(&sender, to, Some(&unsubscribe))),
                        )
                    }
                });
                (due, made)
            }))
        })
        .await
}

/// `items` in pieces of `size` (the last may be smaller), each taken when it is asked for.
fn pieces<T>(mut items: impl Iterator<Item = T>, size: usize) -> impl Iterator<Item = Vec<T>> {
    std::iter::from_fn(move || {
        let piece: Vec<T> = items.by_ref().take(size).collect();
        (!piece.is_empty()).then_some(piece)
    })
}

/// `f` of every item, in order, the items shared out among the machine's cores: rendering and
/// encoding the mails is most of a run's work, and the thread that sends does little else.
fn on_every_core<T: Send, U: Send>(items: Vec<T>, f: impl Fn(T) -> U + Sync) -> Vec<U> {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let share = items.len().div_ceil(cores).max(1);
    let shares: Vec<Vec<T>> = pieces(items.into_iter(), share).collect();
    let f = &f;
    std::thread::scope(|scope| {
        let running: Vec<_> = shares
            .into_iter()
            .map(|share| scope.spawn(move || share.into_iter().map(f).collect::<Vec<U>>()))
            .collect();
        running
            .into_iter()
            .flat_map(|share| share.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
            .collect()
    })
}

/// Claims and sends a batch's made digests, `Outbox::in_flight` at a time (in a dry run: only
/// says what each would be). A digest is made before it is claimed, so that the claim says at
/// once whether it is being sent or had nothing new: one write before the send (shared by a
/// group of claims), and none after for an empty one.
async fn send(
    outbox: &Outbox,
    confirm: &Confirmations,
    made: Vec<(Due, Result<Made, AppError>)>,
    now: NaiveDateTime,
) -> Vec<(String, Result<Option<Done>, AppError>)> {
    let mut ended = Vec::new();
    let mut claims = Vec::new();
    for (Due { person, slot, since }, made) in made {
        let message = match made {
            Err(e) => {
                ended.push((person.uid, Err(e)));
                continue;
            }
            Ok(Made::Would(subject)) => {
                ended.push((person.uid, Ok(Some(Done::Would(subject)))));
                continue;
            }
            Ok(Made::Empty) => None,
            Ok(Made::Mail(message)) => Some(message),
        };
        let claim = Claim {
            key: Key {
                person_id: person.id,
                newsletter_id: None,
                slot,
            },
            period: (since, now),
            start: if message.is_some() {
                Start::Sending
            } else {
                Start::Empty
            },
        };
        claims.push((claim, (person, message)));
    }
    let sent: Vec<_> = outbox
        .claimed(futures_util::stream::iter(claims), now)
        .map(|((person, message), claimed)| async move {
            let outcome = match (claimed, message) {
                (Ok(Some(id)), Some(message)) => outbox
                    .deliver(id, person.id, message, confirm)
                    .await
                    .map(|outcome| Some(Done::Ended(outcome))),
                (Ok(Some(_)), None) => Ok(Some(Done::Ended(Outcome::Empty))),
                (Ok(None), _) => Ok(None),
                (Err(e), _) => Err(e),
            };
            (person.uid, outcome)
        })
        .buffer_unordered(outbox.in_flight())
        .collect()
        .await;
    ended.extend(sent);
    ended
}

/// Everyone whose digest is due now (or, with `--now`, whose next one is), with its slot and
/// window. Preferences and the last digests are read for everyone at once, so a run that finds
/// nothing due costs three queries, however many people there are.
fn due_digests(
    conn: &mut DbConnection,
    settings: &Settings,
    options: &RunOptions,
    now: NaiveDateTime,
) -> Result<Vec<Due>, AppError> {
    let mut q = people::table
        .filter(people::active.eq(true))
        .filter(people::email.is_not_null())
        .filter(ledger::not_paused())
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
    // The last slot dealt with (a refused one too: it is not tried again), and where the last
    // delivered window ended (windows only move forward, so the latest end is the last one's).
    let last: HashMap<i64, NaiveDateTime> = mail_deliveries::table
        .filter(mail_deliveries::newsletter_id.is_null())
        .filter(mail_deliveries::state.eq_any(ledger::DONE))
        .group_by(mail_deliveries::person_id)
        .select((mail_deliveries::person_id, diesel::dsl::max(mail_deliveries::slot)))
        .load::<(i64, Option<NaiveDateTime>)>(conn)?
        .into_iter()
        .filter_map(|(id, slot)| Some((id, slot?)))
        .collect();
    let delivered_end: HashMap<i64, NaiveDateTime> = mail_deliveries::table
        .filter(mail_deliveries::newsletter_id.is_null())
        .filter(mail_deliveries::state.eq_any(ledger::DELIVERED))
        .group_by(mail_deliveries::person_id)
        .select((
            mail_deliveries::person_id,
            diesel::dsl::max(mail_deliveries::period_end),
        ))
        .load::<(i64, Option<NaiveDateTime>)>(conn)?
        .into_iter()
        .filter_map(|(id, end)| Some((id, end?)))
        .collect();
    // Whoever never had one delivered: from where the first try began (`preview::since`).
    let first_start: HashMap<i64, NaiveDateTime> = mail_deliveries::table
        .filter(mail_deliveries::newsletter_id.is_null())
        .group_by(mail_deliveries::person_id)
        .select((
            mail_deliveries::person_id,
            diesel::dsl::min(mail_deliveries::period_start),
        ))
        .load::<(i64, Option<NaiveDateTime>)>(conn)?
        .into_iter()
        .filter_map(|(id, start)| Some((id, start?)))
        .collect();
    Ok(recipients
        .into_iter()
        .filter_map(|person| {
            let (frequency, time) = chosen
                .get(&person.id)
                .copied()
                .unwrap_or_else(|| preferences::chosen(None));
            let tz = person.timezone.unwrap_or(settings.i18n.default_timezone);
            let last_slot = last.get(&person.id).copied();
            // A slot that passed before the account existed was nobody's: a company's first
            // start on a Wednesday sends the Monday digest next Monday, not at once.
            let due = slots::due(frequency, time, tz, now).filter(|d| match last_slot {
                Some(slot) => *d > slot,
                None => *d >= person.created_at,
            });
            let slot = match (due, options.now) {
                (Some(slot), _) => Some(slot),
                // The digest after the last one, even if its time has not come.
                (None, true) => slots::next(frequency, time, tz, last_slot.map_or(now, |slot| slot.max(now))),
                (None, false) => None,
            }?;
            let started = delivered_end.get(&person.id).or(first_start.get(&person.id)).copied();
            let since = preview::since(started, frequency, now);
            Some(Due { person, slot, since })
        })
        .collect())
}
