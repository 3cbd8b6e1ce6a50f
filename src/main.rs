//! Entry point: parse arguments, run, map the outcome to an exit status
//! (0 hit, 1 no hit, 2 error). A closed pipe ends quietly with status 0.

use std::process::ExitCode;

use ofsearch::cli;
use ofsearch::error::Error;

fn main() -> ExitCode {
    // SAFETY: first thing in `main`, before any thread exists.
    unsafe { cli::tidy_environment() };
    let outcome = cli::parse(std::env::args_os().collect())
        .and_then(|config| config.map_or(Ok(0), ofsearch::app::run));
    match outcome {
        Ok(status) => ExitCode::from(status as u8),
        Err(Error::Io { source, .. }) if source.kind() == std::io::ErrorKind::BrokenPipe => {
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("ofsearch: error: {e}");
            ExitCode::from(2)
        }
    }
}
