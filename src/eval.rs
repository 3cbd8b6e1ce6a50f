//! Accuracy harness for metadata extraction.
//!
//! [`run`] compares `extract` (after `ingest`) with a labels file such as
//! `labels.csv` of the Ofsted dataset: per field, only where the label is filled.
//! [`run_bench`] does the same against the `truth.jsonl` of a generated bench corpus.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, Result};
use rayon::prelude::*;
use serde_json::json;

use crate::extract::{self, Judgement, Metadata};
use crate::ingest::{self, Format};
use crate::record::format_date;

/// Fields compared with `labels.csv`, in report order.
const FIELDS: [&str; 13] = [
    "la_code",
    "kind",
    "date",
    "inspection_start",
    "inspection_end",
    "overall_judgement",
    "leadership",
    "help_and_protection",
    "children_in_care",
    "care_leavers",
    "adoption",
    "lscb",
    "lead_inspector",
];

/// One compared value.
struct Outcome {
    file: String,
    field: &'static str,
    expected: String,
    got: String,
    ok: bool,
}

/// Case-, whitespace- and punctuation-insensitive form of a name.
fn norm_name(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

fn judgement_str(j: Option<Judgement>) -> String {
    j.map_or("none".to_string(), |j| j.as_str().to_string())
}

/// What `extract` gave for a labels.csv column.
fn got_value(meta: &Metadata, field: &str) -> String {
    let date = |d: Option<time::Date>| d.map(format_date).unwrap_or_default();
    let sub = &meta.judgements;
    match field {
        "la_code" => meta
            .authority
            .map(|a| a.la_code.clone())
            .unwrap_or_default(),
        "kind" => meta.kind.as_str().to_string(),
        "date" => date(meta.date),
        "inspection_start" => date(meta.inspection_start),
        "inspection_end" => date(meta.inspection_end),
        "overall_judgement" => judgement_str(meta.judgement),
        "leadership" => judgement_str(sub.leadership),
        "help_and_protection" => judgement_str(sub.help_and_protection),
        "children_in_care" => judgement_str(sub.children_in_care),
        "care_leavers" => judgement_str(sub.care_leavers),
        "adoption" => judgement_str(sub.adoption),
        "lscb" => judgement_str(sub.lscb),
        "lead_inspector" => meta.lead_inspector.clone().unwrap_or_default(),
        _ => String::new(),
    }
}

/// The labels.csv column a field is compared with.
fn label_column(field: &str) -> &str {
    match field {
        "date" => "date_stated",
        f => f,
    }
}

fn same(field: &str, expected: &str, got: &str) -> bool {
    match field {
        "lead_inspector" => norm_name(expected) == norm_name(got),
        "overall_judgement"
        | "leadership"
        | "help_and_protection"
        | "children_in_care"
        | "care_leavers"
        | "adoption"
        | "lscb" => {
            let e = if expected.trim().eq_ignore_ascii_case("none") {
                "none".to_string()
            } else {
                judgement_str(Judgement::parse(expected))
            };
            e == got
        }
        _ => expected.trim() == got.trim(),
    }
}

/// Ingest and extract one file; `None` when ingest skips it or (for a PDF) cannot
/// read PDFs yet.
fn extract_file(path: &Path, want_pdf: bool) -> Result<Option<Metadata>> {
    let bytes = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
    let Ok(doc) = ingest::ingest_bytes(path, &bytes) else {
        return Ok(None);
    };
    if want_pdf && doc.format != Format::Pdf {
        return Ok(None);
    }
    Ok(Some(extract::extract(&doc)))
}

/// Evaluate extraction against `labels` (a labels.csv). Texts are read from `dir`
/// (default: `texts/` beside the labels); PDFs in `pdfs/` beside the labels are
/// evaluated too when ingest reads PDFs. Prints a per-field table and the misses
/// (or JSON Lines when `json`). Returns the exit status (0 when it ran).
pub fn run(labels: &Path, dir: Option<&Path>, json: bool, out: &mut dyn Write) -> Result<i32> {
    let started = Instant::now();
    let base = labels.parent().unwrap_or(Path::new("."));
    if !labels.is_file() {
        anyhow::bail!("no labels file at {}", labels.display());
    }
    let mut rdr = csv::Reader::from_path(labels)
        .with_context(|| format!("reading labels {}", labels.display()))?;
    let headers = rdr.headers()?.clone();
    if !headers.iter().any(|h| h == "file") {
        anyhow::bail!(
            "{} is not a labels file: it has no `file` column",
            labels.display()
        );
    }
    let texts = dir.map_or_else(|| base.join("texts"), Path::to_path_buf);
    if !texts.is_dir() {
        anyhow::bail!(
            "no folder of labelled texts at {} (give it with --dir)",
            texts.display()
        );
    }
    let rows: Vec<BTreeMap<String, String>> = rdr
        .records()
        .map(|r| {
            r.map(|r| {
                headers
                    .iter()
                    .zip(r.iter())
                    .map(|(h, v)| (h.to_string(), v.to_string()))
                    .collect()
            })
        })
        .collect::<std::result::Result<_, _>>()
        .context("parsing labels")?;
    // Every texts file, plus a same-stem PDF when there is one.
    let pdf_dir = base.join("pdfs");
    let mut jobs: Vec<(usize, PathBuf, bool)> = Vec::new();
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
    let results: Vec<(usize, PathBuf, bool, Result<Option<Metadata>>)> = jobs
        .into_par_iter()
        .map(|(i, path, pdf)| {
            let r = extract_file(&path, pdf);
            (i, path, pdf, r)
        })
        .collect();
    let mut outcomes: Vec<Outcome> = Vec::new();
    let mut pdfs_read = 0usize;
    let mut pdfs_skipped = 0usize;
    let mut errors: Vec<String> = Vec::new();
    for (i, path, pdf, r) in results {
        let meta = match r {
            Ok(Some(m)) => m,
            Ok(None) => {
                if pdf {
                    pdfs_skipped += 1;
                } else {
                    errors.push(format!("{}: skipped by ingest", path.display()));
                }
                continue;
            }
            Err(e) => {
                errors.push(format!("{e:#}"));
                continue;
            }
        };
        if pdf {
            pdfs_read += 1;
        }
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let row = &rows[i];
        for field in FIELDS {
            let Some(expected) = row
                .get(label_column(field))
                .filter(|v| !v.trim().is_empty())
            else {
                continue;
            };
            let got = got_value(&meta, field);
            outcomes.push(Outcome {
                file: name.clone(),
                field,
                ok: same(field, expected, &got),
                expected: expected.clone(),
                got,
            });
        }
    }
    if let Some(first) = errors.first() {
        // A labelled file that cannot be read makes the figures incomplete: an error,
        // and no table of partial figures.
        for e in errors.iter().skip(1).take(9) {
            eprintln!("ofsearch: warning: {e}");
        }
        anyhow::bail!(
            "{} of {} labelled files could not be read (is --dir the folder of the labelled texts?), the first: {first}",
            errors.len(),
            rows.len()
        );
    }
    report(&outcomes, &FIELDS, json, out)?;
    let elapsed = started.elapsed().as_secs_f64() * 1000.0;
    if json {
        let summary = json!({"type": "summary", "files": rows.len(), "pdfs_read": pdfs_read,
            "pdfs_skipped": pdfs_skipped, "errors": errors, "elapsed_ms": elapsed});
        writeln!(out, "{summary}")?;
    } else {
        writeln!(
            out,
            "\n{} labelled files, {} read; PDFs evaluated: {pdfs_read}, unreadable: {pdfs_skipped}; {:.0} ms",
            rows.len(),
            rows.len() - errors.len(),
            elapsed
        )?;
    }
    Ok(0)
}

/// Print the per-field table and the misses.
fn report(outcomes: &[Outcome], fields: &[&str], json: bool, out: &mut dyn Write) -> Result<()> {
    let mut misses: Vec<&Outcome> = Vec::new();
    if !json {
        writeln!(
            out,
            "{:<22} {:>12} {:>9}",
            "field", "correct/total", "accuracy"
        )?;
    }
    for field in fields {
        let of: Vec<&Outcome> = outcomes.iter().filter(|o| o.field == *field).collect();
        let total = of.len();
        let correct = of.iter().filter(|o| o.ok).count();
        let acc = if total == 0 {
            100.0
        } else {
            100.0 * correct as f64 / total as f64
        };
        if json {
            let v = json!({"type": "field", "field": field, "correct": correct, "total": total,
                "accuracy": (acc * 100.0).round() / 100.0});
            writeln!(out, "{v}")?;
        } else {
            writeln!(
                out,
                "{:<22} {:>12} {:>8.1}%",
                field,
                format!("{correct}/{total}"),
                acc
            )?;
        }
        misses.extend(of.into_iter().filter(|o| !o.ok));
    }
    misses.sort_by(|a, b| (&a.file, a.field).cmp(&(&b.file, b.field)));
    if !json && !misses.is_empty() {
        writeln!(out, "\nmisses ({}):", misses.len())?;
    }
    for m in misses {
        if json {
            let v = json!({"type": "miss", "file": m.file, "field": m.field,
                "expected": m.expected, "got": m.got});
            writeln!(out, "{v}")?;
        } else {
            let got = if m.got.is_empty() { "-" } else { &m.got };
            writeln!(out, "{}  {}  {}  {}", m.file, m.field, m.expected, got)?;
        }
    }
    Ok(())
}

/// Evaluate extraction on a generated bench corpus (`gen_corpus.py`) against its
/// `truth.jsonl`: authority (resolved with `find_authority`), kind, date, year,
/// inspectors, judgement, title and sub-judgements. `formats` limits the files
/// (e.g. `["txt", "md"]`); empty means all.
pub fn run_bench(dir: &Path, formats: &[&str], json: bool, out: &mut dyn Write) -> Result<i32> {
    let truth_path = dir.join("truth.jsonl");
    let text = std::fs::read_to_string(&truth_path)
        .with_context(|| format!("reading {}", truth_path.display()))?;
    let truths: Vec<serde_json::Value> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(serde_json::from_str)
        .collect::<std::result::Result<_, _>>()
        .context("parsing truth.jsonl")?;
    let truths: Vec<&serde_json::Value> = truths
        .iter()
        .filter(|t| {
            formats.is_empty() || formats.contains(&t["format"].as_str().unwrap_or_default())
        })
        .collect();
    let fields = [
        "authority",
        "kind",
        "date",
        "year",
        "inspectors",
        "lead_inspector",
        "judgement",
        "sub_judgements",
        "title",
    ];
    let outcomes: Vec<Outcome> = truths
        .par_iter()
        .flat_map_iter(|t| {
            let rel = t["path"].as_str().unwrap_or_default().to_string();
            let meta = match extract_file(&dir.join(&rel), false) {
                Ok(Some(m)) => m,
                _ => return Vec::new(),
            };
            bench_outcomes(&rel, t, &meta)
        })
        .collect();
    report(&outcomes, &fields, json, out)?;
    Ok(0)
}

fn bench_outcomes(file: &str, t: &serde_json::Value, meta: &Metadata) -> Vec<Outcome> {
    let s = |v: &serde_json::Value| v.as_str().map(str::to_string);
    let mut v = Vec::new();
    let mut push = |field: &'static str, expected: String, got: String, ok: bool| {
        v.push(Outcome {
            file: file.to_string(),
            field,
            expected,
            got,
            ok,
        })
    };
    let want_auth = s(&t["authority"]).unwrap_or_default();
    let want_code = extract::find_authority(&want_auth).map(|a| a.la_code.clone());
    let got_auth = meta.authority.map(|a| a.name.clone()).unwrap_or_default();
    push(
        "authority",
        want_auth,
        got_auth,
        want_code.is_some() && want_code == meta.authority.map(|a| a.la_code.clone()),
    );
    let want_kind = s(&t["doc_kind"]).unwrap_or_default();
    let got_kind = meta.kind.as_str().to_string();
    push(
        "kind",
        want_kind.clone(),
        got_kind.clone(),
        want_kind == got_kind,
    );
    let want_date = s(&t["date"]).unwrap_or_default();
    let got_date = meta.date.map(format_date).unwrap_or_default();
    push(
        "date",
        want_date.clone(),
        got_date.clone(),
        want_date == got_date,
    );
    let want_year = t["year"]
        .as_i64()
        .map(|y| y.to_string())
        .unwrap_or_default();
    let got_year = meta.date.map(|d| d.year().to_string()).unwrap_or_default();
    push(
        "year",
        want_year.clone(),
        got_year.clone(),
        want_year == got_year,
    );
    let want_insp: Vec<String> = t["inspectors"]
        .as_array()
        .map(|a| a.iter().filter_map(&s).collect())
        .unwrap_or_default();
    let norm_list = |l: &[String]| l.iter().map(|x| norm_name(x)).collect::<Vec<_>>();
    push(
        "inspectors",
        want_insp.join("; "),
        meta.inspectors.join("; "),
        norm_list(&want_insp) == norm_list(&meta.inspectors),
    );
    if let Some(lead) = want_insp.first() {
        let got = meta.lead_inspector.clone().unwrap_or_default();
        push(
            "lead_inspector",
            lead.clone(),
            got.clone(),
            norm_name(lead) == norm_name(&got),
        );
    }
    let want_j = s(&t["judgement"]).unwrap_or_else(|| "none".into());
    let got_j = judgement_str(meta.judgement);
    push("judgement", want_j.clone(), got_j.clone(), want_j == got_j);
    if let Some(subs) = t["sub_judgements"].as_object().filter(|o| !o.is_empty()) {
        let j = &meta.judgements;
        for (k, want) in subs {
            let got = match k.as_str() {
                "leadership" => j.leadership,
                "help_and_protection" => j.help_and_protection,
                "children_in_care" | "in_care" | "looked_after" => j.children_in_care,
                "care_leavers" => j.care_leavers,
                "adoption" => j.adoption,
                _ => None,
            };
            let want = s(want).unwrap_or_default();
            let got = judgement_str(got);
            push(
                "sub_judgements",
                format!("{k}={want}"),
                format!("{k}={got}"),
                want == got,
            );
        }
    }
    let want_title = s(&t["title"]).unwrap_or_default();
    push(
        "title",
        want_title.clone(),
        meta.title.clone(),
        want_title.trim().eq_ignore_ascii_case(meta.title.trim()),
    );
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compares_normalised_values() {
        assert!(same(
            "lead_inspector",
            "Brenda  McLaughlin",
            "brenda mclaughlin."
        ));
        assert!(same("overall_judgement", "none", "none"));
        assert!(same(
            "leadership",
            "requires_improvement",
            "requires_improvement"
        ));
        assert!(!same("leadership", "good", "none"));
        assert!(same("date", "2020-12-18", "2020-12-18"));
    }

    #[test]
    fn runs_on_a_tiny_label_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::create_dir(dir.path().join("texts")).expect("mkdir");
        std::fs::write(
            dir.path().join("texts/a.txt"),
            "Ofsted\nPiccadilly Gate\nwww.gov.uk/ofsted\n\n18 December 2020\n\nDear Ms Wagner\n\n\
             Focused visit to Wakefield local authority children's services\n\n\
             This letter summarises the findings of a focused visit to Wakefield children's services \
             between 3 and 5 November 2020. The inspectors were Nigel Parkes and Neil Penswick, HMI.\n",
        )
        .expect("write");
        std::fs::write(
            dir.path().join("labels.csv"),
            "file,kind,la_code,date_stated,inspection_start,overall_judgement,lead_inspector\n\
             a.txt,focused_visit,384,2020-12-18,2020-11-03,none,Nigel Parkes\n",
        )
        .expect("write");
        let mut out = Vec::new();
        let code = run(&dir.path().join("labels.csv"), None, false, &mut out).expect("run");
        assert_eq!(code, 0);
        let out = String::from_utf8(out).expect("utf8");
        assert!(out.contains("la_code"), "{out}");
        assert!(!out.contains("misses"), "{out}");
        let mut out = Vec::new();
        run(&dir.path().join("labels.csv"), None, true, &mut out).expect("run");
        let first = String::from_utf8(out).expect("utf8");
        let v: serde_json::Value =
            serde_json::from_str(first.lines().next().expect("line")).expect("json");
        assert_eq!(v["type"], "field");
    }

    /// The accuracy targets on the labelled Ofsted set beside the repo
    /// (`cargo test --release --lib eval -- --ignored`).
    #[test]
    #[ignore = "needs ../shared/data/ofsted (the labelled Ofsted set)"]
    fn accuracy_on_shared_data_meets_the_targets() {
        let labels = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/ofsted/labels.csv");
        if !labels.exists() {
            eprintln!("skipped: no labelled data at {}", labels.display());
            return;
        }
        let mut out = Vec::new();
        run(&labels, None, true, &mut out).expect("eval");
        let targets = [
            ("la_code", 99.5),
            ("kind", 99.0),
            ("date", 98.0),
            ("inspection_start", 98.0),
            ("inspection_end", 98.0),
            ("overall_judgement", 99.0),
            ("leadership", 98.0),
            ("help_and_protection", 98.0),
            ("children_in_care", 98.0),
            ("care_leavers", 98.0),
            ("adoption", 98.0),
            ("lscb", 98.0),
            ("lead_inspector", 95.0),
        ];
        let text = String::from_utf8(out).expect("utf8");
        let lines: Vec<serde_json::Value> = text
            .lines()
            .map(|l| serde_json::from_str(l).expect("json line"))
            .collect();
        for (field, target) in targets {
            let row = lines
                .iter()
                .find(|v| v["type"] == "field" && v["field"] == field)
                .unwrap_or_else(|| panic!("no accuracy for {field}"));
            let accuracy = row["accuracy"].as_f64().expect("accuracy");
            assert!(
                accuracy >= target,
                "{field}: {accuracy}% < {target}%: {row}"
            );
        }
        let summary = lines.last().expect("summary");
        assert_eq!(summary["pdfs_read"], 25, "{summary}");
        assert_eq!(summary["pdfs_skipped"], 0, "{summary}");
    }

    /// Accuracy on a generated bench corpus (txt and md files).
    #[test]
    #[ignore]
    fn accuracy_on_bench_corpus() {
        let dir = std::env::var("BENCH_DIR").unwrap_or_default();
        let dir = [dir.as_str(), "/tmp/bench10k", "/tmp/bench2k"]
            .into_iter()
            .filter(|d| !d.is_empty())
            .map(Path::new)
            .find(|d| d.join("truth.jsonl").exists());
        let Some(dir) = dir else {
            eprintln!("no bench corpus");
            return;
        };
        let formats: Vec<String> = std::env::var("BENCH_FORMATS")
            .unwrap_or_else(|_| "txt,md".into())
            .split(',')
            .map(str::to_string)
            .collect();
        let formats: Vec<&str> = formats.iter().map(String::as_str).collect();
        let mut out = std::io::stdout();
        run_bench(dir, &formats, false, &mut out).expect("bench eval");
    }

    /// Extraction speed over the bench corpus texts (ingest excluded), one thread.
    #[test]
    #[ignore]
    fn extraction_speed() {
        let dir = std::env::var("SPEED_DIR").unwrap_or_default();
        let Some(dir) = [dir.as_str(), "/tmp/bench10k", "/tmp/bench2k"]
            .into_iter()
            .filter(|d| !d.is_empty())
            .map(Path::new)
            .find(|d| d.exists())
        else {
            eprintln!("no bench corpus");
            return;
        };
        let mut texts: Vec<ingest::Ingested> = Vec::new();
        let mut stack = vec![dir.to_path_buf()];
        while let Some(d) = stack.pop() {
            for e in std::fs::read_dir(&d).expect("read_dir").flatten() {
                let p = e.path();
                if p.is_dir() {
                    stack.push(p);
                } else if p.extension().is_some_and(|x| x != "jsonl") {
                    let bytes = std::fs::read(&p).expect("read");
                    if let Ok(doc) = ingest::ingest_bytes(&p, &bytes) {
                        texts.push(doc);
                    }
                }
            }
        }
        let bytes: usize = texts.iter().map(|t| t.text.len()).sum();
        // Warm the lazily built tables first (and time that once-only cost).
        let t_init = Instant::now();
        let _ = extract::find_authority("Wakefield");
        let t_list = t_init.elapsed();
        let _ = extract::extract_with(
            "Inspection of Wakefield local authority children's services",
            extract::Hints::default(),
        );
        println!(
            "first use: reference list {:.1} ms, all tables {:.1} ms",
            t_list.as_secs_f64() * 1e3,
            t_init.elapsed().as_secs_f64() * 1e3
        );
        let t0 = Instant::now();
        for doc in &texts {
            std::hint::black_box(extract::extract(doc));
        }
        let secs = t0.elapsed().as_secs_f64();
        println!(
            "{} docs, {:.1} MB: {:.1} us/doc, {:.1} MB/s (one thread, extraction only)",
            texts.len(),
            bytes as f64 / 1e6,
            secs * 1e6 / texts.len().max(1) as f64,
            bytes as f64 / 1e6 / secs
        );
    }
}
