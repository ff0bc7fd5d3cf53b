//! Community health KPIs for community managers and admins: figures over a period beside the
//! period before, weekly series as SVG charts with their data, JSON and CSV — all under one
//! privacy rule (`privacy`): aggregates, never individuals.

pub mod api;
mod chart;
pub mod contributors;
pub mod daily;
pub mod figures;
mod people;
pub mod policy;
pub mod privacy;
pub mod routes;
pub mod service;
