//! The transports, and what a failed send means: worth retrying (4xx, connection lost,
//! timeout) or not (5xx: this recipient will not get it this way).

use std::time::Duration;

use lettre::address::Envelope;
use lettre::message::Mailbox;
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Tls, TlsParameters};
use lettre::{AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use crate::config::{MailSettings, MailTransport, SmtpTls};

enum Transport {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    File(AsyncFileTransport<Tokio1Executor>),
    None,
}

/// Who mail is from: the configured sender and reply-to address.
#[derive(Debug, Clone)]
pub struct Sender {
    pub from: Mailbox,
    pub reply_to: Option<Mailbox>,
}

/// A message ready to hand over: its envelope and its bytes, encoded once where it was made
/// (a digest run makes its messages on blocking threads, beside the task that sends them).
#[derive(Debug, Clone)]
pub struct Outgoing {
    envelope: Envelope,
    bytes: Vec<u8>,
}

impl From<Message> for Outgoing {
    fn from(message: Message) -> Outgoing {
        Outgoing {
            envelope: message.envelope().clone(),
            bytes: message.formatted(),
        }
    }
}

/// Sends messages from the configured sender; cheap to share (the SMTP pool is inside).
pub struct Mailer {
    transport: Transport,
    pub sender: Sender,
    timeout: Duration,
    /// At most `mail.concurrency` messages are being handed over at once, whoever sends them,
    /// so that callers may prepare and record more at a time without crowding the relay.
    handing_over: tokio::sync::Semaphore,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SendError {
    /// Try again later: the server said 4xx, the connection broke, or time ran out.
    #[error("temporary: {0}")]
    Transient(String),
    /// The server refused for good (5xx), or the message could not be built.
    #[error("permanent: {0}")]
    Permanent(String),
}

impl Mailer {
    pub fn from_settings(s: &MailSettings) -> anyhow::Result<Mailer> {
        let transport = match s.transport {
            MailTransport::None => Transport::None,
            MailTransport::File => {
                std::fs::create_dir_all(&s.outbox_dir)
                    .map_err(|e| anyhow::anyhow!("key `mail.outbox_dir`: cannot create {}: {e}", s.outbox_dir))?;
                Transport::File(AsyncFileTransport::<Tokio1Executor>::new(&s.outbox_dir))
            }
            MailTransport::Smtp => Transport::Smtp(smtp(s)?),
        };
        let from = Mailbox::new(
            Some(s.from_name.clone()).filter(|n| !n.trim().is_empty()),
            s.from_address
                .as_str()
                .parse()
                .map_err(|e| anyhow::anyhow!("key `mail.from_address`: {e}"))?,
        );
        let reply_to = match &s.reply_to {
            None => None,
            Some(r) => Some(Mailbox::new(
                None,
                r.as_str()
                    .parse()
                    .map_err(|e| anyhow::anyhow!("key `mail.reply_to`: {e}"))?,
            )),
        };
        Ok(Mailer {
            transport,
            sender: Sender { from, reply_to },
            timeout: Duration::from_secs(s.send_timeout_seconds),
            handing_over: tokio::sync::Semaphore::new(s.concurrency),
        })
    }

    /// Sends one message when a hand-off is free, bounded by `mail.send_timeout_seconds` as a whole.
    pub async fn send(&self, message: &Outgoing) -> Result<(), SendError> {
        let _turn = self
            .handing_over
            .acquire()
            .await
            .map_err(|_| SendError::Transient("the mailer is shutting down".into()))?;
        let sent = match &self.transport {
            Transport::None => return Ok(()),
            Transport::File(t) => tokio::time::timeout(self.timeout, t.send_raw(&message.envelope, &message.bytes))
                .await
                .map(|r| r.map(|_| ()).map_err(|e| SendError::Transient(e.to_string()))),
            Transport::Smtp(t) => tokio::time::timeout(self.timeout, t.send_raw(&message.envelope, &message.bytes))
                .await
                .map(|r| r.map(|_| ()).map_err(classify)),
        };
        sent.unwrap_or_else(|_| Err(SendError::Transient("timed out".into())))
    }
}

impl Mailer {
    /// Whether the transport can take mail now: the SMTP server answers (and accepts the
    /// credentials), the outbox directory is writable; a description of what was tried.
    pub async fn check(&self, s: &MailSettings) -> Result<String, String> {
        match &self.transport {
            Transport::None => Ok("mail is off (mail.transport = none)".into()),
            Transport::File(_) => {
                let probe = std::path::Path::new(&s.outbox_dir).join(".allmende-check");
                std::fs::write(&probe, b"")
                    .and_then(|_| std::fs::remove_file(&probe))
                    .map(|_| format!("writes .eml files into {}", s.outbox_dir))
                    .map_err(|e| format!("cannot write into {}: {e}", s.outbox_dir))
            }
            Transport::Smtp(t) => {
                let at = format!("{}:{}", s.smtp.host, s.smtp.port);
                match tokio::time::timeout(self.timeout, t.test_connection()).await {
                    Ok(Ok(true)) => Ok(format!("the SMTP server at {at} answers")),
                    Ok(Ok(false)) => Err(format!("the SMTP server at {at} did not accept a session")),
                    Ok(Err(e)) => Err(format!("the SMTP server at {at}: {e}")),
                    Err(_) => Err(format!("the SMTP server at {at} did not answer in time")),
                }
            }
        }
    }
}

fn smtp(s: &MailSettings) -> anyhow::Result<AsyncSmtpTransport<Tokio1Executor>> {
    let c = &s.smtp;
    let tls = || TlsParameters::new(c.host.clone()).map_err(|e| anyhow::anyhow!("key `mail.smtp.tls`: {e}"));
    let mut builder = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&c.host)
        .port(c.port)
        .timeout(Some(Duration::from_secs(s.send_timeout_seconds)))
        .tls(match c.tls {
            SmtpTls::None => Tls::None,
            SmtpTls::Starttls => Tls::Required(tls()?),
            SmtpTls::Tls => Tls::Wrapper(tls()?),
        });
    if !c.username.trim().is_empty() {
        // The password only ever comes from the environment; it is not logged.
        let password = std::env::var(&c.password_env).map_err(|_| {
            anyhow::anyhow!(
                "key `mail.smtp.password_env`: the variable {} is not set",
                c.password_env
            )
        })?;
        builder = builder.credentials(Credentials::new(c.username.clone(), password));
    }
    Ok(builder.build())
}

fn classify(e: lettre::transport::smtp::Error) -> SendError {
    if e.is_permanent() {
        SendError::Permanent(e.to_string())
    } else {
        SendError::Transient(e.to_string())
    }
}
