//! Personal digests: what each person chose (how often, when, which communities not), and
//! later the digest itself.

pub mod api;
pub mod content;
pub mod preferences;
pub mod preview;
pub mod routes;
pub mod run;
pub mod slots;
pub mod unsubscribe;
