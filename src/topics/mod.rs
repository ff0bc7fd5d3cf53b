//! #topics: pages listing the posts that name a topic, across the communities one may read,
//! and what is trending this week.

pub mod api;
pub mod routes;
pub mod service;
