//! Entry point: parse arguments, run, map the outcome to an exit status
//! (0 hit, 1 no hit, 2 error). A closed pipe ends quietly with status 0.

use std::io::{ErrorKind, Write};
use std::process::ExitCode;

use ofsearch::cli;
use ofsearch::commands::{self, ExitStatus};
use ofsearch::error::Error;
use ofsearch::ingest::pdf_worker;

fn main() -> ExitCode {
    // SAFETY: first thing in `main`, before any thread exists.
    unsafe { cli::tidy_environment() };
    // A copy of this binary started to read PDFs for the one that indexes.
    if std::env::args_os().nth(1).as_deref() == Some(pdf_worker::WORKER_ARG.as_ref()) {
        return pdf_worker::worker_main();
    }
    if let Ok(exe) = std::env::current_exe() {
        pdf_worker::enable(exe);
    }
    let outcome = cli::parse(std::env::args_os().collect()).and_then(|config| match config {
        Some(config) => commands::run(config),
        // The help or the version was asked for, and printed.
        None => Ok(ExitStatus::Hit),
    });
    let status = match outcome {
        Ok(status) => status,
        Err(Error::Io { source, .. }) if source.kind() == ErrorKind::BrokenPipe => ExitStatus::Hit,
        Err(e) => {
            // One line, with no control character reaching the terminal (paths in
            // messages are the user's); a failing stderr is not a panic.
            let _ = writeln!(std::io::stderr(), "ofsearch: error: {}", e.terminal_line());
            ExitStatus::Error
        }
    };
    status.into()
}
