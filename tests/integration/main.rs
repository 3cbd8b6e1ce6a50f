//! Integration tests: the real binary on real files.

mod crash;
mod latest;
mod props;
mod reliability;
mod search;
mod util;
mod views;
