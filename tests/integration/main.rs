//! Integration tests: the real binary on real files.

mod articles;
mod browse;
mod crash;
mod hostile_pdf;
mod hostile_search;
mod hostile_serve;
mod hostile_store;
mod latest;
mod props;
mod reliability;
mod search;
mod util;
mod views;
mod names;
mod commands;
mod web;
