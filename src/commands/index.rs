//! `ofsearch index`: build or update the index, then report what changed.

use std::io::{self, Write};
use std::time::Duration;

use super::{ExitStatus, write_err};
use crate::cli::IndexConfig;
use crate::error::Result;
use crate::index::{IndexOptions, update};
use crate::output;
use crate::store::Store;

pub fn run(store: &Store, c: &IndexConfig, out: &mut impl Write) -> Result<ExitStatus> {
    let mut opts = IndexOptions::new(c.corpora.clone());
    opts.lock_wait = Duration::from_secs(c.lock_wait);
    opts.rebuild = c.rebuild;
    opts.follow = c.follow;
    opts.add = c.add;
    opts.progress = !c.quiet;
    let summary = update(store, &opts)?;
    if c.json {
        output::json_index(out, &summary).map_err(write_err)?;
    } else if !c.quiet {
        // The report, not the result: a failing stderr does not fail the run.
        let _ = output::human_index(&mut io::stderr().lock(), &summary);
    }
    Ok(ExitStatus::Hit)
}
