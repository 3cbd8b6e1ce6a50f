//! Entry point: parse arguments, run, map the outcome to an exit status
//! (0 hit, 1 no hit, 2 error). A closed pipe ends quietly with status 0.

use clap::Parser;
use std::process::ExitCode;

use ofsearch::cli::{Cli, with_default_command};
use ofsearch::error::Error;

fn main() -> ExitCode {
    tidy_environment();
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

/// An empty `OFSEARCH_*` variable means "not set" (clap would report a missing
/// value for the option instead), and empty entries in `OFSEARCH_CORPUS`
/// (`a::b`, a trailing `:`) are dropped.
fn tidy_environment() {
    for name in ["OFSEARCH_INDEX", "OFSEARCH_LOCK_WAIT", "OFSEARCH_CORPUS"] {
        let Some(value) = std::env::var_os(name) else {
            continue;
        };
        let value = if name == "OFSEARCH_CORPUS" {
            let entries = std::env::split_paths(&value).filter(|p| !p.as_os_str().is_empty());
            std::env::join_paths(entries).unwrap_or(value)
        } else {
            value
        };
        // SAFETY: called first thing in `main`, before any thread exists.
        unsafe {
            if value.is_empty() {
                std::env::remove_var(name);
            } else {
                std::env::set_var(name, value);
            }
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
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand | ErrorKind::MissingSubcommand => {
            eprintln!(
                "ofsearch: error: no query given: try `ofsearch \"chronic neglect\"`, \
                 `ofsearch index` or `ofsearch --help`"
            );
            ExitCode::from(2)
        }
        _ => {
            eprintln!("ofsearch: error: {}", one_line(&e.render().to_string()));
            ExitCode::from(2)
        }
    }
}

/// clap's message on one line: the error and its details (the missing arguments,
/// the possible values, a tip), without the usage block and the help pointer.
fn one_line(rendered: &str) -> String {
    let line = rendered
        .lines()
        .take_while(|l| !l.starts_with("Usage:") && !l.starts_with("For more information"))
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .fold(String::new(), |mut acc, l| {
            if !acc.is_empty() {
                acc.push_str(if l.starts_with("tip:") { "; " } else { " " });
            }
            acc.push_str(l);
            acc
        });
    let line = line.trim_start_matches("error: ");
    if line.is_empty() {
        "invalid arguments".to_string()
    } else {
        line.to_string()
    }
}
