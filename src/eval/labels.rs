//! `eval --labels FILE`: extraction against a labels file, per field, where the
//! label is filled.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, Result};
use rayon::prelude::*;
use serde_json::json;

use super::{Outcome, extract_file, got_value, report, same};
use crate::extract::Metadata;
use crate::fields;
use crate::ingest::Format;
use crate::record::DocRecord;

/// One labelled file's row: column -> value.
type Row = BTreeMap<String, String>;

/// Evaluate extraction against `labels` (a labels.csv). Texts are read from `dir`
/// (default: `texts/` beside the labels); PDFs in `pdfs/` beside the labels are
/// evaluated too. Prints a per-field table and the misses (or JSON Lines when
/// `json`). Returns the exit status (0 when it ran).
pub fn run(labels: &Path, dir: Option<&Path>, json: bool, out: &mut dyn Write) -> Result<i32> {
    let started = Instant::now();
    let base = labels.parent().unwrap_or(Path::new("."));
    let (headers, rows) = read_labels(labels)?;
    let texts = dir.map_or_else(|| base.join("texts"), Path::to_path_buf);
    if !texts.is_dir() {
        anyhow::bail!(
            "no folder of labelled texts at {} (give it with --dir)",
            texts.display()
        );
    }
    let results: Vec<(usize, PathBuf, bool, Result<Option<Metadata>>)> =
        jobs(&rows, &texts, &base.join("pdfs"))
            .into_par_iter()
            .map(|(i, path, pdf)| {
                let r = extract_file(&path, pdf);
                (i, path, pdf, r)
            })
            .collect();
    let tally = compare_all(&rows, results);
    if let Some(first) = tally.errors.first() {
        // A labelled file that cannot be read makes the figures incomplete: an error,
        // and no table of partial figures.
        for e in tally.errors.iter().skip(1).take(9) {
            eprintln!("ofsearch: warning: {e}");
        }
        anyhow::bail!(
            "{} of {} labelled files could not be read (is --dir the folder of the labelled texts?), the first: {first}",
            tally.errors.len(),
            rows.len()
        );
    }
    // The columns of this labels file that a field is compared with, in
    // registry order.
    let columns: Vec<&str> = fields::labelled_fields()
        .map(|(_, l)| l.column)
        .filter(|c| headers.iter().any(|h| h == c))
        .collect();
    report(&tally.outcomes, &columns, json, out)?;
    let elapsed = started.elapsed().as_secs_f64() * 1000.0;
    if json {
        let summary = json!({"type": "summary", "files": rows.len(), "pdfs_read": tally.pdfs_read,
            "pdfs_skipped": tally.pdfs_skipped, "errors": tally.errors, "elapsed_ms": elapsed});
        writeln!(out, "{summary}")?;
    } else {
        writeln!(
            out,
            "\n{} labelled files, {} read; PDFs evaluated: {}, unreadable: {}; {:.0} ms",
            rows.len(),
            rows.len() - tally.errors.len(),
            tally.pdfs_read,
            tally.pdfs_skipped,
            elapsed
        )?;
    }
    Ok(0)
}

/// The header and rows of a labels file.
fn read_labels(labels: &Path) -> Result<(Vec<String>, Vec<Row>)> {
    if !labels.is_file() {
        anyhow::bail!("no labels file at {}", labels.display());
    }
    let mut rdr = csv::Reader::from_path(labels)
        .with_context(|| format!("reading labels {}", labels.display()))?;
    let headers: Vec<String> = rdr.headers()?.iter().map(str::to_string).collect();
    if !headers.iter().any(|h| h == "file") {
        anyhow::bail!(
            "{} is not a labels file: it has no `file` column",
            labels.display()
        );
    }
    let rows: Vec<Row> = rdr
        .records()
        .map(|r| {
            r.map(|r| {
                headers
                    .iter()
                    .cloned()
                    .zip(r.iter().map(str::to_string))
                    .collect()
            })
        })
        .collect::<std::result::Result<_, _>>()
        .context("parsing labels")?;
    Ok((headers, rows))
}

/// The files to read: every labelled text, plus a same-stem PDF when there is one.
fn jobs(rows: &[Row], texts: &Path, pdf_dir: &Path) -> Vec<(usize, PathBuf, bool)> {
    let mut jobs = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        let Some(file) = row.get("file").filter(|f| !f.is_empty()) else {
            continue;
        };
        jobs.push((i, texts.join(file), false));
        let stem = Path::new(file).file_stem().unwrap_or_default();
        let pdf = pdf_dir.join(format!("{}.pdf", stem.to_string_lossy()));
        if pdf.is_file() {
            jobs.push((i, pdf, true));
        }
    }
    jobs
}

/// Every comparison, and what could not be read.
#[derive(Default)]
struct Tally {
    outcomes: Vec<Outcome>,
    pdfs_read: usize,
    pdfs_skipped: usize,
    errors: Vec<String>,
}

fn compare_all(
    rows: &[Row],
    results: Vec<(usize, PathBuf, bool, Result<Option<Metadata>>)>,
) -> Tally {
    let mut tally = Tally::default();
    for (i, path, pdf, r) in results {
        let meta = match r {
            Ok(Some(m)) => m,
            Ok(None) if pdf => {
                tally.pdfs_skipped += 1;
                continue;
            }
            Ok(None) => {
                tally
                    .errors
                    .push(format!("{}: skipped by ingest", path.display()));
                continue;
            }
            Err(e) => {
                tally.errors.push(format!("{e:#}"));
                continue;
            }
        };
        if pdf {
            tally.pdfs_read += 1;
        }
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let record = DocRecord::new(String::new(), String::new(), Format::Text, meta);
        for (field, label) in fields::labelled_fields() {
            let Some(expected) = rows[i].get(label.column).filter(|v| !v.trim().is_empty()) else {
                continue;
            };
            let got = got_value(&record, field, label.compare);
            tally.outcomes.push(Outcome {
                file: name.clone(),
                field: label.column,
                ok: same(label.compare, expected, &got),
                expected: expected.clone(),
                got,
            });
        }
    }
    tally
}
