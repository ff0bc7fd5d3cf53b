//! The people directory: list, profile, local accounts and personal settings.

pub mod administer;
pub mod api;
pub mod routes;
pub mod service;
