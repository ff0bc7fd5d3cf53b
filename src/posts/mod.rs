//! Community blogs: posts, comments and reactions.

pub mod api;
pub mod comments;
pub mod policy;
pub mod routes;
pub mod service;
