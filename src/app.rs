//! Runs a `Config`: the glue between stages and printers.

use std::io::{self, BufWriter, Write};

use crate::cli::{Action, Config};
use crate::error::Result;
use crate::index::{IndexOptions, update};
use crate::output::{self, Style};
use crate::search::{list, search};
use crate::store::{Opened, Store};

/// Exit statuses of the contract.
pub const EXIT_HIT: i32 = 0;
pub const EXIT_NO_HIT: i32 = 1;

pub fn run(config: Config) -> Result<i32> {
    let store = Store::new(&config.index_dir);
    let style = Style {
        color: config.color,
    };
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let status = match config.command {
        Action::Index {
            corpora,
            rebuild,
            quiet,
            json,
            lock_wait,
        } => {
            let mut opts = IndexOptions::new(corpora);
            opts.lock_wait = std::time::Duration::from_secs(lock_wait);
            opts.rebuild = rebuild;
            opts.progress = !quiet;
            let summary = update(&store, &opts)?;
            if json {
                output::json_index(&mut out, &summary).map_err(write_err)?;
            } else if !quiet {
                output::human_index(&mut io::stderr().lock(), &summary).map_err(write_err)?;
            }
            EXIT_HIT
        }
        Action::Search {
            request,
            json,
            quiet,
        } => {
            let opened = open_or_build(&store, quiet)?;
            let results = search(&opened, &request)?;
            if request.count_only && !json {
                writeln!(out, "{}", results.total_hits).map_err(write_err)?;
                output::human_facets(&mut out, &results.facets, style).map_err(write_err)?;
            } else if json {
                output::json_results(&mut out, &results).map_err(write_err)?;
            } else {
                output::human_results(&mut out, &results, style).map_err(write_err)?;
            }
            if results.total_hits > 0 {
                EXIT_HIT
            } else {
                EXIT_NO_HIT
            }
        }
        Action::List { filters, json } => {
            let opened = open_or_build(&store, false)?;
            let records = list(&opened, &filters)?;
            if json {
                output::json_docs(&mut out, &records).map_err(write_err)?;
            } else {
                output::human_docs(&mut out, &records, style).map_err(write_err)?;
            }
            EXIT_HIT
        }
    };
    out.flush().map_err(write_err)?;
    Ok(status)
}

/// Open the index; on first use (no index yet) build it from the default corpus.
fn open_or_build(store: &Store, quiet: bool) -> Result<Opened> {
    if !store.exists() {
        let corpora: Vec<std::path::PathBuf> = std::env::var_os("OFSEARCH_CORPUS")
            .map(|v| std::env::split_paths(&v).collect())
            .unwrap_or_default();
        let default = [std::path::PathBuf::from("corpus")];
        let wanted = if corpora.is_empty() {
            &default[..]
        } else {
            &corpora[..]
        };
        if let Some(missing) = wanted.iter().find(|c| !c.is_dir()) {
            return Err(crate::error::Error::Usage(format!(
                "no index at {} and no corpus directory {} to build it from: \
                 run `ofsearch index --corpus DIR`",
                store.root().display(),
                missing.display()
            )));
        }
        let mut opts = IndexOptions::new(corpora);
        opts.progress = !quiet;
        if !quiet {
            eprintln!(
                "ofsearch: no index at {} yet; building it from the corpus (first use)",
                store.root().display()
            );
        }
        let summary = update(store, &opts)?;
        if !quiet {
            output::human_index(&mut io::stderr().lock(), &summary).map_err(write_err)?;
        }
    }
    store.open()
}

fn write_err(e: io::Error) -> crate::error::Error {
    crate::error::Error::Io {
        context: "cannot write output".into(),
        source: e,
    }
}
