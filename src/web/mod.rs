//! What every page shares: the layout context, error pages, request ids, static files.

pub mod branding;
pub mod client;
pub mod confirm;
pub mod csv;
pub mod error_pages;
pub mod forms;
pub mod headers;
pub mod preview;
pub mod request_id;
mod ui;
pub mod when;

pub use error_pages::error_message;
pub use forms::{Done, VoteForm, local_path, next_url, shown_on_form};
pub use ui::see_other;

pub use ui::{ShellFacts, ShellSource, Ui};
