//! Meetings: a community module for time and place, agenda, answers, minutes whose action
//! items become tasks, and calendar files (one meeting, or a subscription per community).

pub mod api;
pub mod feed;
pub mod ics;
pub mod policy;
pub mod routes;
pub mod service;
