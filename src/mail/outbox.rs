//! What every mail run shares: the transport, templates, settings, the unsubscribe key, and a
//! pace (messages per second) that all runs of a node keep together. One delivery: claimed
//! (with its group, after its turn) as being handed over, sent, tried again with backoff while
//! the relay refuses for now, its outcome recorded in the ledger.
//!
//! Failures are recorded one by one at once, so that a later run takes them up. Deliveries are
//! claimed in groups (`claimed`) and confirmed in groups (`Confirmations`: what was handed over
//! within a moment): a node that dies before a group is written leaves those rows `sending`,
//! which become `uncertain` — handed over (or about to be), so never sent twice; only the
//! ledger's word for them is weaker. Two statements per group of messages instead of two per
//! message.

use std::sync::Arc;
use std::time::Duration;

use chrono::NaiveDateTime;
use futures_util::{Stream, StreamExt};

use super::ledger::{self, Claim, Outcome, Start};
use super::unsubscribe::UnsubscribeKey;
use super::{Mailer, Outgoing, SendError};
use crate::config::{LiveSettings, Settings};
use crate::db::Db;
use crate::error::AppError;
use crate::templates::Templates;

#[derive(Clone)]
pub struct Outbox {
    pub db: Db,
    pub mailer: Arc<Mailer>,
    pub templates: Arc<Templates>,
    pub live: LiveSettings,
    pub links: UnsubscribeKey,
    pace: Arc<Pace>,
}

impl Outbox {
    pub fn new(live: LiveSettings, db: Db, templates: Arc<Templates>, session_key: &[u8]) -> anyhow::Result<Outbox> {
        let settings = live.file();
        Ok(Outbox {
            mailer: Arc::new(Mailer::from_settings(&settings.mail)?),
            pace: Arc::new(Pace::new(settings.mail.rate_per_second)),
            links: UnsubscribeKey::derive(session_key),
            db,
            templates,
            live,
        })
    }

    /// The settings in force now (the file's, with what admins changed since).
    pub fn settings(&self) -> Arc<Settings> {
        self.live.get()
    }

    /// The signed unsubscribe link of `person` for `list`, under the public URL.
    pub fn unsubscribe_url(&self, person: i64, list: super::unsubscribe::List) -> String {
        self.links.url(&self.settings().server.public_url, person, list)
    }

    /// How many deliveries a run keeps under way: more than the relay's hand-offs
    /// (`mail.concurrency`, the mailer's limit), so that the ledger writes of some overlap the
    /// sends of others instead of idling the relay's connections.
    pub fn in_flight(&self) -> usize {
        self.settings().mail.concurrency * 3
    }

    /// Claims deliveries as the returned stream is pulled, a group at a time (one statement
    /// for a group's new rows instead of one per message), each group after its messages'
    /// turns of the pace, so that a claimed message is handed over at once: a node that dies
    /// leaves at most a group and the deliveries under way `sending` (then `uncertain`).
    /// Each item comes back with its row's id, or `None` where another run has it or it is done.
    pub fn claimed<'a, T: 'a>(
        &'a self,
        items: impl Stream<Item = (Claim, T)> + 'a,
        now: NaiveDateTime,
    ) -> impl Stream<Item = (T, Result<Option<i64>, AppError>)> + 'a {
        items
            .chunks(self.claim_group())
            .then(move |group| async move {
                let sending = group.iter().filter(|(c, _)| c.start == Start::Sending).count();
                self.pace.turns(sending).await;
                let claims: Vec<Claim> = group.iter().map(|(c, _)| *c).collect();
                let ids = self.db.run(move |c| ledger::claim_many(c, &claims, now)).await;
                let ids: Vec<Result<Option<i64>, AppError>> = match ids {
                    Ok(ids) => ids.into_iter().map(Ok).collect(),
                    Err(e) => {
                        let why = e.to_string();
                        (0..group.len())
                            .map(|_| Err(AppError::Internal(anyhow::anyhow!("claiming failed: {why}"))))
                            .collect()
                    }
                };
                futures_util::stream::iter(group.into_iter().map(|(_, item)| item).zip(ids))
            })
            .flatten()
    }

    /// How many deliveries are claimed together: those under way, or what the pace lets go
    /// in a second if that is fewer.
    fn claim_group(&self) -> usize {
        let rate = self.settings().mail.rate_per_second;
        let in_flight = self.in_flight();
        if rate > 0.0 {
            (rate as usize).clamp(1, in_flight)
        } else {
            in_flight
        }
    }

    /// Confirms a run's deliveries in groups; `Confirmations::close` waits for the last.
    pub fn confirmations(&self) -> Confirmations {
        let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<(i64, i64)>();
        let db = self.db.clone();
        let task = tokio::spawn(async move {
            let mut group = Vec::new();
            while rx.recv_many(&mut group, GROUP).await > 0 {
                // Sends end one by one: what else ends in a moment joins the group, or the
                // database would write a transaction for every message or two.
                let until = tokio::time::Instant::now() + GATHER;
                while group.len() < GROUP {
                    let room = GROUP - group.len();
                    match tokio::time::timeout_at(until, rx.recv_many(&mut group, room)).await {
                        Ok(0) | Err(_) => break,
                        Ok(_) => {}
                    }
                }
                let written = std::mem::take(&mut group);
                db.run(move |c| ledger::sent(c, &written)).await?;
            }
            Ok(())
        });
        Confirmations { tx, task }
    }

    /// Sends delivery `id` (claimed as `Sending`, after its turn) to `person_id`, tries again
    /// while the relay refuses for now, and records the outcome (a delivery with `confirm`).
    /// A message that could not be built (no valid address, say) is recorded as failed.
    pub async fn deliver(
        &self,
        id: i64,
        person_id: i64,
        message: Result<Outgoing, SendError>,
        confirm: &Confirmations,
    ) -> Result<Outcome, AppError> {
        let message = match message {
            Ok(message) => message,
            Err(e) => return self.record(id, person_id, Outcome::Failed(e)).await,
        };
        let mail = &self.settings().mail;
        let mut wait = Duration::from_millis(mail.retry_backoff_ms);
        let mut tries = 1;
        let outcome = loop {
            match self.mailer.send(&message).await {
                Ok(()) => break Outcome::Sent,
                Err(SendError::Transient(e)) if tries < mail.retry_attempts => {
                    tracing::debug!(delivery = id, error = %e, "the relay refused for now; trying again");
                    self.db.run(move |c| ledger::handing_over(c, id, false)).await?;
                    tokio::time::sleep(wait).await;
                    wait *= 2;
                    tries += 1;
                    self.pace.turns(1).await;
                    self.db.run(move |c| ledger::handing_over(c, id, true)).await?;
                }
                Err(e) => break Outcome::Failed(e),
            }
        };
        if let Outcome::Sent = outcome {
            // The group writer ends only at `close`, which needs this sender.
            let _ = confirm.tx.send((id, person_id));
            return Ok(outcome);
        }
        self.record(id, person_id, outcome).await
    }

    /// Records how a claimed delivery ended (also one that needed no mail).
    pub async fn record(&self, id: i64, person_id: i64, outcome: Outcome) -> Result<Outcome, AppError> {
        let pause_after = self.settings().mail.pause_after_failures;
        let recorded = outcome.clone();
        self.db
            .run(move |c| ledger::finish(c, id, person_id, &recorded, pause_after))
            .await?;
        if let Outcome::Failed(e) = &outcome {
            tracing::warn!(delivery = id, error = %e, "a mail was not delivered");
        }
        Ok(outcome)
    }
}

/// At most this many deliveries are confirmed in one transaction.
const GROUP: usize = 256;
/// How long a group of confirmations waits for more.
const GATHER: Duration = Duration::from_millis(200);

/// A run's deliveries waiting to be recorded as sent (see the module's comment).
pub struct Confirmations {
    tx: tokio::sync::mpsc::UnboundedSender<(i64, i64)>,
    task: tokio::task::JoinHandle<Result<(), AppError>>,
}

impl Confirmations {
    /// Waits until every delivery handed over is recorded.
    pub async fn close(self) -> Result<(), AppError> {
        drop(self.tx);
        self.task
            .await
            .map_err(|e| AppError::Internal(anyhow::anyhow!("the ledger's writer stopped: {e}")))?
    }
}

/// Hands out turns at most `rate` per second (0: at once).
struct Pace {
    every: Option<Duration>,
    next: tokio::sync::Mutex<tokio::time::Instant>,
}

impl Pace {
    fn new(rate: f64) -> Pace {
        Pace {
            every: (rate > 0.0).then(|| Duration::from_secs_f64(1.0 / rate)),
            next: tokio::sync::Mutex::new(tokio::time::Instant::now()),
        }
    }

    /// Takes `n` turns: waits until the last of them.
    async fn turns(&self, n: usize) {
        let Some(every) = self.every else { return };
        if n == 0 {
            return;
        }
        let last = {
            let mut next = self.next.lock().await;
            let first = (*next).max(tokio::time::Instant::now());
            *next = first + every * n as u32;
            first + every * (n as u32 - 1)
        };
        tokio::time::sleep_until(last).await;
    }
}
