//! The people directory: list, profile, local accounts.

pub mod api;
pub mod pick;
pub mod routes;
pub mod service;
