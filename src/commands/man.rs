//! `ofsearch man`: the man page (roff).

use std::io::Write;

use super::{ExitStatus, write_err};
use crate::error::Result;

pub fn run(out: &mut impl Write) -> Result<ExitStatus> {
    crate::cli::manpage::render(out).map_err(write_err)?;
    Ok(ExitStatus::Hit)
}
