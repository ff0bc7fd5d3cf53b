//! Communities: the directory, a community's page, joining and leaving.

pub mod administer;
pub mod api;
pub mod managed;
pub mod member_routes;
pub mod members;
pub mod permits;
pub mod policy;
pub mod routes;
pub mod service;
pub mod settings;
