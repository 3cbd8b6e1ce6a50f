//! Integration tests: the real binary on real files.

mod browse;
mod crash;
mod latest;
mod props;
mod query_forms;
mod reliability;
mod search;
mod util;
mod views;
