//! Integration tests: every scenario runs against SQLite and PostgreSQL.

pub mod directory_fixture;
pub mod slapd;
pub mod support;

mod active_directory;
mod amas;
mod api;
mod auth;
mod browser;
mod cli;
mod confirmations;
mod contract;
mod delivery;
mod digest;
mod directory;
mod kpis;
mod mail;
mod meetings;
mod members;
mod migrations;
mod moderation;
mod newsletters;
mod notifications;
mod operations;
mod pages;
mod pickers;
mod polls;
mod posts;
mod privacy;
mod qa;
mod search;
mod security;
mod settings;
mod shell;
mod status;
mod subjects;
mod tasks;
