//! Integration tests: the real binary on real files.

mod search;
mod util;
