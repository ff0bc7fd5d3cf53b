//! Mail out: a message rendered from `templates/mail/<name>.html` and `.txt` in the recipient's
//! language, sent through the configured transport (SMTP relay, `.eml` files, or none).

pub mod compose;
pub mod ledger;
pub mod outbox;
pub mod transport;
pub mod unsubscribe;

pub use compose::{Composed, compose};
pub use outbox::Outbox;
pub use transport::{Mailer, Outgoing, SendError, Sender};
