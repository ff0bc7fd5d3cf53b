//! Mail out: a message rendered from `templates/mail/<name>.html` and `.txt` in the recipient's
//! language, sent through the configured transport (SMTP relay, `.eml` files, or none).

pub mod compose;
pub mod transport;

pub use compose::{Composed, compose};
pub use transport::{Mailer, SendError};
