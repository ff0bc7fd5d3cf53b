//! A mail from its templates: `mail/<name>.subject.txt`, `.txt` and `.html` (inline styles,
//! no external images or fonts), rendered in the recipient's language and time zone.

use lettre::Message;
use lettre::message::header::{ContentType, HeaderName, HeaderValue};
use lettre::message::{Mailbox, MultiPart, SinglePart};
use tera::Context;

use super::{Mailer, Outgoing, SendError, Sender};
use crate::domain::{Locale, TimeZone};
use crate::error::AppError;
use crate::templates::Templates;

/// A rendered mail, before it is addressed.
#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
pub struct Composed {
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// Renders the mail `name` with `values` (each template also gets `lang` and `tz`).
pub fn compose(
    templates: &Templates,
    name: &str,
    locale: Locale,
    tz: TimeZone,
    mut values: Context,
) -> Result<Composed, AppError> {
    values.insert("lang", locale.as_str());
    values.insert("tz", tz.name());
    Ok(Composed {
        subject: templates
            .render(&format!("mail/{name}.subject.txt"), &values)?
            .trim()
            .to_string(),
        text: templates.render(&format!("mail/{name}.txt"), &values)?,
        html: templates.render(&format!("mail/{name}.html"), &values)?,
    })
}

impl Composed {
    /// The message for `to`: multipart (plain text first, HTML preferred), with Message-ID
    /// and Date, and for a list mail its one-click unsubscribe link (RFC 8058).
    ///
    /// lettre panics on some header texts it cannot encode (a line break in a name, say). What
    /// we store is one line by its type, but one recipient's message must never take a whole
    /// run down with it: a panic here is that message's permanent failure.
    pub fn to(self, sender: &Sender, to: Mailbox, unsubscribe: Option<&str>) -> Result<Outgoing, SendError> {
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.build(sender, to, unsubscribe)))
            .unwrap_or_else(|_| Err(SendError::Permanent("the message could not be built".into())))
    }

    fn build(self, sender: &Sender, to: Mailbox, unsubscribe: Option<&str>) -> Result<Outgoing, SendError> {
        let mut builder = Message::builder()
            .from(sender.from.clone())
            .to(to)
            .subject(one_line(&self.subject))
            .message_id(None);
        if let Some(reply_to) = &sender.reply_to {
            builder = builder.reply_to(reply_to.clone());
        }
        if let Some(url) = unsubscribe {
            builder = builder
                .raw_header(HeaderValue::new(
                    HeaderName::new_from_ascii_str("List-Unsubscribe"),
                    format!("<{url}>"),
                ))
                .raw_header(HeaderValue::new(
                    HeaderName::new_from_ascii_str("List-Unsubscribe-Post"),
                    "List-Unsubscribe=One-Click".into(),
                ));
        }
        builder
            .multipart(
                MultiPart::alternative()
                    .singlepart(
                        SinglePart::builder()
                            .header(ContentType::TEXT_PLAIN)
                            .body(crlf(self.text)),
                    )
                    .singlepart(
                        SinglePart::builder()
                            .header(ContentType::TEXT_HTML)
                            .body(crlf(self.html)),
                    ),
            )
            .map(Outgoing::from)
            .map_err(|e| SendError::Permanent(format!("the message could not be built: {e}")))
    }
}

/// `text` with CRLF line ends (as mail has them), made in one pass: lettre would insert each
/// missing `\r` in place, moving the rest of the text once per line (a digest's HTML has a
/// hundred lines; that was a fifth of making it).
fn crlf(text: String) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 16);
    for line in text.split_inclusive('\n') {
        match line.strip_suffix('\n') {
            Some(line) => {
                out.push_str(line.strip_suffix('\r').unwrap_or(line));
                out.push_str("\r\n");
            }
            None => out.push_str(line),
        }
    }
    out
}

/// `text` for a header: names stored before they were parsed as one line may still hold
/// line breaks or other control characters.
fn one_line(text: &str) -> String {
    text.split(char::is_control)
        .filter(|part| !part.trim().is_empty())
        .map(str::trim)
        .collect::<Vec<_>>()
        .join(" ")
}

/// The person's mailbox, or why they have none (a permanent failure: no retry helps).
pub fn mailbox(person: &crate::db::models::Person) -> Result<Mailbox, SendError> {
    let email = person.email.as_deref().unwrap_or_default();
    email
        .parse()
        .map(|address| Mailbox::new(Some(one_line(&person.display_name)), address))
        .map_err(|e| SendError::Permanent(format!("not a mail address: {e}")))
}

/// The test mail (`allmende mail test`, the admin page): says which transport sent it.
pub async fn send_test(
    templates: &Templates,
    mailer: &Mailer,
    settings: &crate::config::Settings,
    to: &crate::domain::Email,
    locale: Locale,
) -> Result<(), AppError> {
    let mut values = Context::new();
    values.insert("public_url", settings.server.public_url.as_str());
    values.insert("transport", &format!("{:?}", settings.mail.transport).to_lowercase());
    let composed = compose(templates, "test", locale, settings.i18n.default_timezone, values)?;
    let to = Mailbox::new(
        None,
        to.as_str()
            .parse()
            .map_err(|e| AppError::bad_request(format!("not a mail address: {e}")))?,
    );
    let message = composed
        .to(&mailer.sender, to, None)
        .map_err(|e| AppError::internal(anyhow::anyhow!("{e}")))?;
    mailer
        .send(&message)
        .await
        .map_err(|e| AppError::internal(anyhow::anyhow!("the mail server did not take the test mail: {e}")))
}

#[cfg(test)]
mod tests {
    use super::crlf;

    #[test]
    fn line_ends_become_crlf_once() {
        assert_eq!(crlf("a\nb\r\nc".into()), "a\r\nb\r\nc");
        assert_eq!(crlf("\n\nä\n".into()), "\r\n\r\nä\r\n");
        assert_eq!(crlf("no end\r".into()), "no end\r");
        assert_eq!(crlf(String::new()), "");
    }
}
