//! `ofsearch eval`: metadata extraction measured against a labelled folder.

use std::io::Write;

use super::{ExitStatus, write_err};
use crate::cli::EvalConfig;
use crate::error::{Error, Result};

pub fn run(c: &EvalConfig, out: &mut impl Write) -> Result<ExitStatus> {
    let status = crate::eval::run(&c.labels, c.dir.as_deref(), c.json, out)
        .map_err(|e| Error::Usage(format!("eval: {e:#}")))?;
    out.flush().map_err(write_err)?;
    Ok(match status {
        0 => ExitStatus::Hit,
        1 => ExitStatus::NoHit,
        _ => ExitStatus::Error,
    })
}
