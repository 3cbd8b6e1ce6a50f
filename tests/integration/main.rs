//! Integration tests: the real binary on real files.

mod articles;
mod browse;
mod commands;
mod crash;
mod hostile_pdf;
mod hostile_search;
mod hostile_serve;
mod hostile_store;
mod latest;
mod names;
mod props;
mod query_forms;
mod reliability;
mod search;
mod sections;
mod util;
mod views;
mod web;
mod web_copies;
