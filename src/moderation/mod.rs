//! Reports and what moderators decide: anyone who can read a post or comment reports it; the
//! community's moderators see the open reports grouped by content and decide. Reporters are never
//! shown — not to the author, not in the queue.

pub mod api;
pub mod routes;
pub mod service;
