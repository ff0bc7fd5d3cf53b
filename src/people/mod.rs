//! The people directory: list, profile, local accounts.

pub mod api;
pub mod routes;
pub mod service;
