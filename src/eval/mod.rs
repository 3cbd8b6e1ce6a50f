//! Accuracy harness for metadata extraction.
//!
//! [`run`] compares `extract` (after `ingest`) with a labels file such as
//! `labels.csv` of the Ofsted dataset: per field, only where the label is filled
//! (the columns compared are those of the field registry's labels).
//! [`run_bench`] does the same against the `truth.jsonl` of a generated bench corpus.

/// Extraction against a generated corpus's truth file: run by the ignored tests below.
#[cfg(test)]
mod bench;
mod labels;

#[cfg(test)]
use bench::run_bench;
pub use labels::run;

use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result};
use serde_json::json;

use crate::extract::{self, Judgement, Metadata};
use crate::fields::{Compare, FieldDef, Val};
use crate::ingest::{self, Format};
use crate::record::DocRecord;

/// One compared value.
struct Outcome {
    file: String,
    field: &'static str,
    expected: String,
    got: String,
    ok: bool,
}

/// Case-, whitespace- and punctuation-insensitive form of a name.
pub(crate) fn norm_name(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Case-, spacing- and quote-insensitive form of a text (titles).
fn norm_text(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace(['\u{2018}', '\u{2019}'], "'")
        .replace(['\u{201c}', '\u{201d}'], "\"")
        .replace(
            [
                '\u{2010}', '\u{2011}', '\u{2012}', '\u{2013}', '\u{2014}', '\u{2212}',
            ],
            "-",
        )
        .to_lowercase()
}

pub(crate) fn judgement_str(j: Option<Judgement>) -> String {
    j.map_or("none".to_string(), |j| j.as_str().to_string())
}

/// What extraction gave for a field, as a labels file writes it.
fn got_value(record: &DocRecord, field: &FieldDef, compare: Compare) -> String {
    match (field.value(record), compare) {
        (Val::Null, Compare::Grade) => "none".to_string(),
        (v, _) => v.to_text(),
    }
}

/// Whether extraction gave the labelled value. `none` labels a field that must
/// have no value (an article about several councils has no authority).
fn same(compare: Compare, expected: &str, got: &str) -> bool {
    if compare != Compare::Grade && expected.trim().eq_ignore_ascii_case("none") {
        return got.trim().is_empty();
    }
    match compare {
        Compare::Name => norm_name(expected) == norm_name(got),
        Compare::Text => norm_text(expected) == norm_text(got),
        Compare::Grade => {
            let e = if expected.trim().eq_ignore_ascii_case("none") {
                "none".to_string()
            } else {
                judgement_str(Judgement::parse(expected))
            };
            e == got
        }
        Compare::Exact => expected.trim() == got.trim(),
        Compare::Authority => {
            let e = authority_names(expected);
            e.is_some() && e == authority_names(got)
        }
        Compare::Authorities => {
            let (Some(e), Some(g)) = (authority_names(expected), authority_names(got)) else {
                return false;
            };
            let sorted = |v: &[String]| {
                let mut v = v.to_vec();
                v.sort();
                v
            };
            e.first() == g.first() && sorted(&e) == sorted(&g)
        }
    }
}

/// Canonical names of the authorities in a `;`-separated list; `None` when the
/// gazetteer does not know one of them (a misspelt label never matches).
fn authority_names(list: &str) -> Option<Vec<String>> {
    list.split(';')
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(|n| extract::find_authority(n).map(|a| a.name.clone()))
        .collect()
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Instant;

    #[test]
    fn compares_normalised_values() {
        assert!(same(
            Compare::Name,
            "Brenda  McLaughlin",
            "brenda mclaughlin."
        ));
        assert!(same(Compare::Grade, "none", "none"));
        assert!(same(
            Compare::Grade,
            "requires_improvement",
            "requires_improvement"
        ));
        assert!(!same(Compare::Grade, "good", "none"));
        assert!(same(Compare::Exact, "2020-12-18", "2020-12-18"));
        assert!(same(Compare::Exact, "none", ""));
        assert!(!same(Compare::Exact, "none", "384"));
        assert!(same(Compare::Authority, "Hull", "Kingston upon Hull"));
        assert!(same(Compare::Authority, "none", ""));
        assert!(!same(Compare::Authority, "none", "Leeds"));
        assert!(!same(Compare::Authority, "Narnia", "Narnia"));
        assert!(same(
            Compare::Authorities,
            "Merton; Stockport",
            "Merton; Stockport"
        ));
        assert!(same(
            Compare::Authorities,
            "York; Leeds; Hull",
            "York; Kingston upon Hull; Leeds"
        ));
        assert!(!same(Compare::Authorities, "Leeds; York", "York; Leeds"));
        assert!(!same(Compare::Authorities, "Leeds", "Leeds; York"));
        assert!(same(
            Compare::Text,
            "Ofsted rates  council \u{2018}good\u{2019}",
            "ofsted rates council 'good'"
        ));
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
            ("date_stated", 98.0),
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
