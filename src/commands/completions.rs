//! `ofsearch completions SHELL`: the shell's completion script.

use std::io::Write;

use super::ExitStatus;

pub fn run(shell: clap_complete::Shell, out: &mut impl Write) -> ExitStatus {
    crate::cli::completions(shell, out);
    ExitStatus::Hit
}
