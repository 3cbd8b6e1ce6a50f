//! Entry point: parse arguments, run, map the outcome to an exit status
//! (0 hit, 1 no hit, 2 error). A closed pipe ends quietly with status 0.

use clap::Parser;
use std::process::ExitCode;

use ofsearch::cli::{Cli, with_default_command};
use ofsearch::error::Error;

fn main() -> ExitCode {
    let args = with_default_command(std::env::args_os().collect());
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => return clap_error(e),
    };
    let outcome = cli.into_config().and_then(ofsearch::app::run);
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

/// Help and version go to stdout with status 0; usage errors are one line, status 2.
fn clap_error(e: clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            let _ = e.print();
            ExitCode::SUCCESS
        }
        _ => {
            let rendered = e.render().to_string();
            let line = rendered
                .lines()
                .find(|l| !l.trim().is_empty())
                .unwrap_or("invalid arguments")
                .trim_start_matches("error: ");
            eprintln!("ofsearch: error: {line}");
            ExitCode::from(2)
        }
    }
}
