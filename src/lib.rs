//! Allmende: an enterprise social network intranet module.

pub mod admin;
pub mod api;
pub mod auth;
pub mod cli;
pub mod communities;
pub mod config;
pub mod db;
pub mod demo;
pub mod directory;
pub mod domain;
pub mod error;
pub mod feed;
pub mod i18n;
pub mod jobs;
pub mod markdown;
pub mod moderation;
pub mod notifications;
pub mod ops;
pub mod people;
pub mod posts;
pub mod search;
pub mod startup;
pub mod telemetry;
pub mod templates;
pub mod topics;
pub mod web;
