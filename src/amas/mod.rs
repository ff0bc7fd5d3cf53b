//! Ask-Me-Anything threads: hosts answer the questions a community (or the organization)
//! asks and votes up within a window; anonymous questions name nobody anywhere.

pub mod api;
pub mod policy;
pub mod questions;
pub mod routes;
pub mod schedule;
pub mod service;
