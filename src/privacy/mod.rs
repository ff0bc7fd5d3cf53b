//! Data rights: each person's export (access, portability), departures and erasure, and the
//! privacy page that says what Allmende keeps, generated from the configuration.

pub mod api;
pub mod departure;
pub mod export;
pub mod routes;
