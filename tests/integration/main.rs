//! Integration tests: the real binary on real files.

mod browse;
mod commands;
mod crash;
mod latest;
mod names;
mod props;
mod reliability;
mod search;
mod util;
mod views;
mod web;
