//! Status reports: a project's managers report where it stands (overall and per area); a
//! timeline per project and a roll-up of all projects for the organization and each department.

pub mod api;
pub mod policy;
pub mod rollup;
pub mod routes;
pub mod service;
