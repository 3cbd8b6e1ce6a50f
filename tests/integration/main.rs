//! Integration tests: the real binary on real files.

mod browse;
mod crash;
mod latest;
mod props;
mod reliability;
mod search;
mod sections;
mod util;
mod views;
