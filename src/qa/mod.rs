//! Q&A: questions are posts of kind `question` whose top-level comments are answers; both are
//! upvoted (`crate::votes`), the asker or a moderator accepts one, and the community lists
//! what waits for an answer ("help wanted"). Who may do what is `posts::policy`.

pub mod api;
pub mod routes;
pub mod service;
