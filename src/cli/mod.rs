//! The command line: the clap definitions (`args`), the rewriting of the
//! arguments that makes `ofsearch QUERY` a search (`argv`), their conversion into
//! a plain [`Config`] (`config`), and what is generated from the definitions
//! (completions, the man page). Nothing outside this module sees clap types.

mod args;
mod argv;
mod config;
pub mod manpage;

use clap::{CommandFactory, Parser};
use std::ffi::OsString;
use std::io::Write;

use crate::error::{Error, Result};
use args::Cli;
pub use config::{
    Action, BenchQueryConfig, Config, EvalConfig, ExportConfig, Hints, IndexConfig, LatestConfig,
    LatestWhen, ListConfig, SearchConfig, TimelineConfig, TrendConfig, query_text,
};

/// Read the command line. `None` when it asked for the help or the version,
/// which have then been printed on stdout.
pub fn parse(args: Vec<OsString>) -> Result<Option<Config>> {
    match Cli::try_parse_from(argv::with_default_command(args)) {
        Ok(cli) => cli.into_config().map(Some),
        Err(e) => clap_error(e).map(|()| None),
    }
}

/// Help and version go to stdout; usage errors become one line.
fn clap_error(e: clap::Error) -> Result<()> {
    use clap::error::ErrorKind;
    match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            e.print().map_err(|source| Error::Io {
                context: "cannot write output".into(),
                source,
            })
        }
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand | ErrorKind::MissingSubcommand => {
            Err(Error::Usage(config::NO_QUERY.into()))
        }
        _ => Err(Error::Usage(one_line(&e.render().to_string()))),
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

/// An empty `OFSEARCH_*` variable means "not set" (clap would report a missing
/// value for the option instead), and empty entries in `OFSEARCH_CORPUS`
/// (`a::b`, a trailing `:`) are dropped.
///
/// # Safety
///
/// Changes the environment: call it before any other thread exists.
pub unsafe fn tidy_environment() {
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
        // SAFETY: the caller guarantees no other thread exists.
        unsafe {
            if value.is_empty() {
                std::env::remove_var(name);
            } else {
                std::env::set_var(name, value);
            }
        }
    }
}

/// Write the completion script for `shell`.
/// The completion script, written to `out`. clap_complete panics when its writer
/// fails, so the script is made in memory and written here, where a write error
/// (a full disk, a closed pipe) is an error like any other.
pub fn completions(shell: clap_complete::Shell, out: &mut impl Write) -> std::io::Result<()> {
    let mut cmd = Cli::command();
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut cmd, "ofsearch", &mut script);
    out.write_all(&script)
}
