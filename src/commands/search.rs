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
                eprintln!("ofsearch: note: {note}");
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

/// After a search with no hit: say so when the words of a phrase would match
/// apart, or when the query looks like a mistyped command.
fn print_hints(opened: &Opened, request: &SearchRequest, hints: &Hints) {
    if let Some(words) = &hints.all_words {
        let mut anded = request.clone();
        anded.query = words.clone();
        anded.count_only = true;
        anded.facets.clear();
        // The hint is a courtesy: a query the phrase form accepted cannot fail here,
        // and if it did the search itself has already answered.
        if let Ok(r) = search(opened, &anded)
            && r.total_hits > 0
        {
            let phrase = words.replace(" AND ", " ");
            eprintln!(
                "ofsearch: no document has the exact phrase \"{phrase}\"; {} {} all its words: ofsearch {phrase}",
                r.total_hits,
                if r.total_hits == 1 { "has" } else { "have" }
            );
        }
    }
    if let Some(command) = hints.command {
        eprintln!(
            "ofsearch: searched for '{}'; did you mean the command `ofsearch {command}`?",
            request.query
        );
    }
}
