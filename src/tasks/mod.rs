//! Tasks: a community module for who does what by when — board, list, "my tasks", comments,
//! checklist, history, notifications and the reminder on the due date.

pub mod api;
pub mod policy;
pub mod reminders;
pub mod routes;
pub mod service;
