//! `ofsearch QUERY`: the hits, facets or count, and hints on stderr when nothing
//! matches.

use std::io::Write;

use super::open::open_or_build;
use super::{ExitStatus, write_err};
use crate::analysis::related::add_related;
use crate::cli::{Hints, SearchConfig};
use crate::error::Result;
use crate::output::{self, Style};
use crate::search::{SearchRequest, SearchResults, search};
use crate::store::{Opened, Store};

pub fn run(
    store: &Store,
    c: &SearchConfig,
    style: Style,
    out: &mut impl Write,
) -> Result<ExitStatus> {
    let opened = open_or_build(store, c.quiet)?;
    let request = &c.request;
    let mut results = search(&opened, request)?;
    if !c.quiet {
        if !c.json {
            for note in &results.notes {
                let _ = writeln!(std::io::stderr(), "ofsearch: note: {note}");
            }
        }
        if results.total_hits == 0 {
            print_hints(&opened, request, &c.hints);
        }
    }
    if c.related {
        add_related(&opened, &mut results.hits)?;
    }
    if c.csv {
        csv_results(out, &results, request.count_only).map_err(write_err)?;
    } else if request.count_only && !c.json {
        writeln!(out, "{}", results.total_hits).map_err(write_err)?;
        output::human_facets(out, &results.facets, style).map_err(write_err)?;
    } else if c.json {
        output::json_results(out, &results).map_err(write_err)?;
    } else {
        output::human_results(out, &results, style).map_err(write_err)?;
    }
    Ok(ExitStatus::found(results.total_hits > 0))
}

/// `--csv`: one table, the facet counts when asked for, else the hits (or
/// with `--count`, the number).
fn csv_results(
    out: &mut impl Write,
    results: &SearchResults,
    count_only: bool,
) -> std::io::Result<()> {
    if !results.facets.is_empty() {
        output::csv::facets(out, &results.facets)
    } else if count_only {
        output::csv::count(out, results.total_hits)
    } else {
        output::csv::hits(out, results)
    }
}

/// After a search with no hit: say so when the words of a shell-quoted phrase
/// would match apart, when a known authority has no document, or when the
/// query looks like a mistyped command.
fn print_hints(opened: &Opened, request: &SearchRequest, hints: &Hints) {
    for hint in crate::hints::no_hit_hints(opened, request, hints.all_words.as_deref()) {
        match hint.command {
            Some(command) => {
                let _ = writeln!(std::io::stderr(), "ofsearch: {}: {command}", hint.message);
            }
            None => {
                let _ = writeln!(std::io::stderr(), "ofsearch: {}", hint.message);
            }
        }
    }
    if let Some(command) = hints.command {
        let _ = writeln!(
            std::io::stderr(),
            "ofsearch: searched for '{}'; did you mean the command `ofsearch {command}`?",
            request.query
        );
    }
}
