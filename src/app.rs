//! Runs a `Config`: the glue between stages and printers.

use std::io::{self, BufWriter, Write};

use crate::cli::{Action, Config};
use crate::error::{Error, Result};
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
            related,
            hints,
        } => {
            let opened = open_or_build(&store, quiet)?;
            let mut results = search(&opened, &request)?;
            if results.total_hits == 0 && !quiet {
                print_hints(&opened, &request, &hints)?;
            }
            if related {
                crate::analysis::related::add_related(&opened, &mut results.hits)?;
            }
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
        Action::Timeline { authority, json } => {
            let opened = open_or_build(&store, false)?;
            let t = crate::analysis::timeline::timeline(&opened, authority)?;
            if json {
                output::json_timeline(&mut out, &t).map_err(write_err)?;
            } else {
                output::human_timeline(&mut out, &t, style).map_err(write_err)?;
            }
            if t.entries.is_empty() {
                EXIT_NO_HIT
            } else {
                EXIT_HIT
            }
        }
        Action::Trend {
            query,
            period,
            filters,
            svg,
            json,
        } => {
            let opened = open_or_build(&store, false)?;
            let t = crate::analysis::trend::trend(&opened, &query, period, &filters)?;
            if let Some(path) = &svg {
                crate::analysis::chart::write_svg(&t, path)?;
            }
            if json {
                output::json_trend(&mut out, &t).map_err(write_err)?;
            } else {
                output::human_trend(&mut out, &t, style).map_err(write_err)?;
            }
            if t.rows.iter().any(|r| r.matching > 0) || t.undated > 0 {
                EXIT_HIT
            } else {
                EXIT_NO_HIT
            }
        }
        Action::Export { output: path } => {
            let opened = open_or_build(&store, false)?;
            let summary = match &path {
                Some(p) => {
                    let file = std::fs::File::create(p).map_err(crate::error::io_err(format!(
                        "cannot create {}",
                        p.display()
                    )))?;
                    let mut w = BufWriter::new(file);
                    let s = crate::export::export(&opened, &mut w)?;
                    w.flush().map_err(write_err)?;
                    s
                }
                None => crate::export::export(&opened, &mut out)?,
            };
            if path.is_some() {
                eprintln!(
                    "ofsearch: exported {} {}",
                    summary.written,
                    crate::output::documents(summary.written as usize)
                );
            }
            EXIT_HIT
        }
        Action::Completions(shell) => {
            let mut cmd = <crate::cli::Cli as clap::CommandFactory>::command();
            clap_complete::generate(shell, &mut cmd, "ofsearch", &mut out);
            EXIT_HIT
        }
        Action::Serve(addr) => {
            drop(open_or_build(&store, false)?);
            out.flush().map_err(write_err)?;
            let index = store.root().display().to_string();
            let opts = crate::serve::ServeOptions {
                addr,
                on_ready: Some(Box::new(move |a| {
                    eprintln!("ofsearch: serving {index} on http://{a}/ (Ctrl-C to stop)");
                })),
                ..Default::default()
            };
            crate::serve::serve(store, opts)?;
            EXIT_HIT
        }
        Action::Eval { labels, dir, json } => {
            let status = crate::eval::run(&labels, dir.as_deref(), json, &mut out)
                .map_err(|e| Error::Usage(format!("eval: {e:#}")))?;
            out.flush().map_err(write_err)?;
            status
        }
        Action::Man => {
            crate::manpage::render(&mut out).map_err(write_err)?;
            EXIT_HIT
        }
        Action::BenchQuery { request, runs } => {
            let opened = store.open()?;
            let mut times = Vec::with_capacity(runs);
            let mut total = 0;
            for _ in 0..runs {
                let started = std::time::Instant::now();
                total = search(&opened, &request)?.total_hits;
                times.push(started.elapsed().as_secs_f64() * 1000.0);
            }
            times.sort_by(f64::total_cmp);
            let pick = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize];
            let v = serde_json::json!({
                "median_ms": pick(0.5), "p90_ms": pick(0.9), "runs": runs, "total_hits": total
            });
            writeln!(out, "{v}").map_err(write_err)?;
            EXIT_HIT
        }
    };
    out.flush().map_err(write_err)?;
    Ok(status)
}

/// After a search with no hit: say so when the words of a shell-quoted phrase
/// would match apart, or when the query looks like a mistyped command.
fn print_hints(
    opened: &Opened,
    request: &crate::search::SearchRequest,
    hints: &crate::cli::Hints,
) -> Result<()> {
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
            eprintln!(
                "ofsearch: no document has the exact phrase \"{words}\"; {} {} all its words: ofsearch {words}",
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
    Ok(())
}

/// Open the index; on first use (no index yet) build it from the default corpus.
fn open_or_build(store: &Store, quiet: bool) -> Result<Opened> {
    store.check_root()?;
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
        if !quiet {
            eprintln!(
                "ofsearch: first use: indexing {} into {}",
                wanted
                    .iter()
                    .map(|c| folder(c))
                    .collect::<Vec<_>>()
                    .join(", "),
                folder(store.root())
            );
        }
        let mut opts = IndexOptions::new(corpora);
        opts.progress = !quiet;
        let summary = update(store, &opts)?;
        if !quiet {
            output::human_index(&mut io::stderr().lock(), &summary).map_err(write_err)?;
        }
    }
    store.open()
}

/// A folder as users write it: `index/`.
fn folder(path: &std::path::Path) -> String {
    format!("{}/", path.display().to_string().trim_end_matches('/'))
}

fn write_err(e: io::Error) -> crate::error::Error {
    crate::error::Error::Io {
        context: "cannot write output".into(),
        source: e,
    }
}
