//! Full-text search over posts, comments and communities (ranked, German and English word
//! forms), and people by name; only what the searching person may see.

pub mod api;
pub mod index;
pub mod routes;
pub mod service;
