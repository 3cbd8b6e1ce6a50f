//! Running a `Config`: one module per command, each the glue between the stages
//! it needs and the printers; this module only dispatches.

mod bench_query;
mod completions;
mod eval;
mod export;
mod index;
mod latest;
mod list;
mod man;
mod open;
mod search;
mod serve;
mod timeline;
mod trend;

use std::io::{self, BufWriter, Write};

use crate::cli::{Action, Config};
use crate::error::{Error, Result};
use crate::output::Style;
use crate::store::Store;

/// The exit statuses of the contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum ExitStatus {
    /// At least one hit, or a command that succeeded.
    Hit = 0,
    /// A search (or timeline, trend) with no hit.
    NoHit = 1,
    /// An error, reported on stderr.
    Error = 2,
}

impl ExitStatus {
    /// `Hit` when there is something, else `NoHit`.
    pub fn found(any: bool) -> ExitStatus {
        if any {
            ExitStatus::Hit
        } else {
            ExitStatus::NoHit
        }
    }
}

impl From<ExitStatus> for std::process::ExitCode {
    fn from(status: ExitStatus) -> std::process::ExitCode {
        std::process::ExitCode::from(status as u8)
    }
}

/// Run the command of `config`, its results on stdout.
pub fn run(config: Config) -> Result<ExitStatus> {
    let store = Store::new(&config.index_dir);
    let style = Style {
        color: config.color,
    };
    // A damaged index can make tantivy panic or fail deep in a command: either
    // becomes one clear error (see `Store::diagnose`), never a crash.
    let result = crate::ingest::guard::quietly(|| dispatch(config, &store, style));
    match result {
        Ok(Ok(status)) => Ok(status),
        Ok(Err(e)) => Err(store.diagnose(e)),
        Err(panic) => Err(store.diagnose(Error::Internal(panic))),
    }
}

fn dispatch(config: Config, store: &Store, style: Style) -> Result<ExitStatus> {
    let store = store.clone();
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let status = match config.command {
        Action::Index(c) => index::run(&store, &c, &mut out)?,
        Action::Search(c) => search::run(&store, &c, style, &mut out)?,
        Action::List(c) => list::run(&store, &c, style, &mut out)?,
        Action::Timeline(c) => timeline::run(&store, &c, style, &mut out)?,
        Action::Trend(c) => trend::run(&store, &c, style, &mut out)?,
        Action::Latest(c) => latest::run(&store, &c, style, &mut out)?,
        Action::Export(c) => export::run(&store, &c, &mut out)?,
        Action::Completions(shell) => completions::run(shell, &mut out)?,
        Action::Serve(addr) => serve::run(store, addr, &mut out)?,
        Action::Eval(c) => eval::run(&c, &mut out)?,
        Action::Man => man::run(&mut out)?,
        Action::BenchQuery(c) => bench_query::run(&store, &c, &mut out)?,
    };
    out.flush().map_err(write_err)?;
    Ok(status)
}

/// An error writing the results.
fn write_err(e: io::Error) -> Error {
    Error::Io {
        context: "cannot write output".into(),
        source: e,
    }
}
