//! Integration tests: every scenario runs against SQLite and PostgreSQL.

pub mod support;

mod api;
mod auth;
mod browser;
mod cli;
mod migrations;
mod operations;
mod pages;
