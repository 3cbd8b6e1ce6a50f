//! Plain tantivy over the benchmark corpus: the engine's own ceiling, to measure
//! ofsearch's indexing and query cost against (driven by `benches/run.py`).
//!
//! ```text
//! tantivy-peer index CORPUS INDEXDIR [--threads N] [--memory-mb MB] [--store] [--truth TRUTH]
//! tantivy-peer query INDEXDIR TEXT [--facet year] [--count]
//! tantivy-peer bench INDEXDIR TEXT [--facet year] [--runs N]
//! ```
//!
//! `index` reads every file raw (no HTML stripping, no metadata extraction) into one
//! document: a positional body field, a path id and a `year` fast column (from the
//! generator's truth file, so the facet is comparable). The writer is set up as
//! ofsearch sets up its own. `query` runs TEXT as a phrase, as a whole process, and
//! prints JSON lines shaped like `ofsearch --json`; `bench` runs it in-process.

mod args;
mod indexing;
mod querying;
mod schema;

use std::process::ExitCode;

const USAGE: &str = "usage:
  tantivy-peer index CORPUS INDEXDIR [--threads N] [--memory-mb MB] [--store] [--truth TRUTH]
  tantivy-peer query INDEXDIR TEXT [--facet year] [--count]
  tantivy-peer bench INDEXDIR TEXT [--facet year] [--runs N]";

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("tantivy-peer: error: {e}");
            ExitCode::from(2)
        }
    }
}

fn run() -> Result<(), String> {
    let mut argv = std::env::args().skip(1);
    let command = argv.next().ok_or_else(|| USAGE.to_string())?;
    let parsed = args::Args::parse(argv)?;
    match command.as_str() {
        "index" => indexing::run(&indexing::Options::from_args(&parsed)?),
        "query" => querying::run_once(&querying::Options::from_args(&parsed)?),
        "bench" => querying::run_bench(&querying::Options::from_args(&parsed)?),
        "-h" | "--help" | "help" => {
            println!("{USAGE}");
            Ok(())
        }
        other => Err(format!("unknown command '{other}'\n{USAGE}")),
    }
}
