//! Department newsletters: the head (or a delegated editor) writes an issue in the department's
//! community, sends a test to themself, then sends it now or schedules it to every member; the
//! ledger sends it to each once. Sent issues stay in the community as its archive.

pub mod api;
pub mod deliver;
pub mod policy;
pub mod routes;
pub mod service;
