//! `ofsearch completions SHELL`: the shell's completion script.

use std::io::Write;

use super::{ExitStatus, write_err};
use crate::error::Result;

pub fn run(shell: clap_complete::Shell, out: &mut impl Write) -> Result<ExitStatus> {
    crate::cli::completions(shell, out).map_err(write_err)?;
    Ok(ExitStatus::Hit)
}
