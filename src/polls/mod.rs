//! Polls: a community module for deciding together — single or multiple choice, named or
//! anonymous, with a closing time and results as counts and bars.

pub mod api;
pub mod policy;
pub mod routes;
pub mod service;
