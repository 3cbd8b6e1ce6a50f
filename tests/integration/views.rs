//! Analyst views (timeline, trend, related), export and shell niceties.

use crate::util::*;
use serde_json::Value;
use std::fs;
use std::path::Path;

/// The seeds plus Ofsted's own Wakefield documents (real texts, in fixtures).
fn wakefield() -> Sandbox {
    let sb = Sandbox::seeds();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/wakefield");
    fs::create_dir(sb.corpus().join("ofsted")).unwrap();
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        fs::copy(
            &path,
            sb.corpus().join("ofsted").join(path.file_name().unwrap()),
        )
        .unwrap();
    }
    sb.index();
    sb
}

fn timeline_entry<'a>(lines: &'a [Value], file: &str) -> &'a Value {
    lines
        .iter()
        .find(|l| l["path"].as_str().unwrap().ends_with(file))
        .unwrap_or_else(|| panic!("{file} in the timeline"))
}

#[test]
fn the_wakefield_timeline_is_in_order_with_articles_attached() {
    let sb = wakefield();
    let lines = sb.json(&["timeline", "Wakefield Council", "--json"], 0);
    assert!(lines.iter().all(|l| l["type"] == "timeline"));
    assert!(lines.iter().all(|l| l["authority"] == "Wakefield"));
    let order: Vec<(String, Value)> = lines
        .iter()
        .filter(|l| l["kind"] != "article")
        .map(|l| {
            (
                l["kind"].as_str().unwrap().to_string(),
                l["judgement"].clone(),
            )
        })
        .collect();
    let kinds: Vec<&str> = order.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(
        kinds,
        [
            "sif",
            "focused_visit",
            "ilacs",
            "focused_visit",
            "ilacs",
            "focused_visit",
            "area_send",
            "ilacs"
        ],
        "{lines:#?}"
    );
    let judgements: Vec<Value> = order.iter().map(|(_, j)| j.clone()).collect();
    assert_eq!(
        judgements,
        [
            "requires_improvement".into(),
            Value::Null,
            "inadequate".into(),
            Value::Null,
            "good".into(),
            Value::Null,
            Value::Null,
            "good".into()
        ]
    );
    // Dates never go backwards.
    let dates: Vec<String> = lines
        .iter()
        .map(|l| {
            l["date"]
                .as_str()
                .or(l["inspection_end"].as_str())
                .unwrap_or("9999")
                .to_string()
        })
        .collect();
    let mut sorted = dates.clone();
    sorted.sort();
    assert_eq!(dates, sorted);
    // The 2018 inadequate inspection carries the two articles that report it;
    // the Community Care "good" article sits under the 2021 inspection.
    let inadequate = timeline_entry(&lines, "doc_aa9d607c5a.txt");
    let articles: Vec<&str> = inadequate["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["path"].as_str().unwrap())
        .collect();
    assert!(
        articles.contains(&"corpus/001_30e2441464bf96ee.txt"),
        "{articles:?}"
    );
    assert!(
        articles.contains(&"corpus/004_216aedfa8a412451.txt"),
        "{articles:?}"
    );
    // The seed letter and Ofsted's copy of it are one entry.
    let visit = lines
        .iter()
        .find(|l| l["date"] == "2020-12-18")
        .expect("the 2020 focused visit");
    let mut paths = vec![visit["path"].as_str().unwrap()];
    paths.extend(
        visit["copies"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c.as_str().unwrap()),
    );
    paths.sort();
    assert_eq!(
        paths,
        [
            "corpus/003_af001f87f6699c88.txt",
            "corpus/ofsted/doc_3f6104301c.txt"
        ]
    );
    let good = timeline_entry(&lines, "doc_bdc7fe8a27.txt");
    // The Community Care article prints no date and two inspections graded
    // good could be the one it reports: it is not guessed, it stands last.
    assert_eq!(good["articles"], Value::Array(vec![]));
    let last = lines.last().unwrap();
    assert_eq!(last["path"], "corpus/002_5379b5b609084cf1.txt");
    assert_eq!(last["date"], Value::Null);
    assert_eq!(last["judgement"], "good");
    assert_eq!(good["judgements"]["leadership"], "outstanding");
    // Human form: one block per document, articles underneath.
    let out = sb.run(&["timeline", "wakefield"]);
    let text = stdout(&out);
    assert!(text.starts_with("Wakefield (384)"), "{text}");
    assert!(text.contains("article:"), "{text}");
    // Unknown authorities are errors.
    assert_eq!(sb.run(&["timeline", "Narnia"]).status.code(), Some(2));
}

#[test]
fn related_documents_under_hits() {
    let sb = wakefield();
    let hits = sb.hits(&["\"Martin Ford\"", "--related"]);
    assert_eq!(hits.len(), 1);
    let related = hits[0]["related"].as_array().unwrap();
    assert_eq!(related.len(), 1);
    assert!(
        related[0]["path"]
            .as_str()
            .unwrap()
            .ends_with("doc_aa9d607c5a.txt")
    );
    assert_eq!(related[0]["judgement"], "inadequate");
    // Without --related the field is absent.
    let plain = sb.hits(&["\"Martin Ford\""]);
    assert!(plain[0].get("related").is_none());
    let out = sb.run(&["\"Martin Ford\"", "--related"]);
    assert!(stdout(&out).contains("related:"), "{}", stdout(&out));
}

#[test]
fn trend_counts_and_normalises_per_period() {
    let sb = wakefield();
    let lines = sb.json(&["trend", "social workers", "--json"], 0);
    let rows: Vec<&Value> = lines.iter().filter(|l| l["type"] == "trend").collect();
    assert!(!rows.is_empty());
    for r in &rows {
        let (m, t) = (
            r["matching"].as_u64().unwrap(),
            r["total"].as_u64().unwrap(),
        );
        assert!(m <= t, "{r}");
        let share = r["share"].as_f64().unwrap();
        let want = if t == 0 { 0.0 } else { m as f64 / t as f64 };
        assert!((share - want).abs() < 1e-3, "{r}");
    }
    let years: Vec<&str> = rows.iter().map(|r| r["period"].as_str().unwrap()).collect();
    let mut sorted = years.clone();
    sorted.sort();
    assert_eq!(years, sorted);
    // Per academic year, with a kind filter, and a chart.
    let svg = sb.path().join("trend.svg");
    let lines = sb.json(
        &[
            "trend",
            "social workers",
            "--by",
            "academic-year",
            "--kind",
            "ilacs",
            "--json",
            "--svg",
            svg.to_str().unwrap(),
        ],
        0,
    );
    let rows: Vec<&Value> = lines.iter().filter(|l| l["type"] == "trend").collect();
    assert!(
        rows.iter()
            .all(|r| r["period"].as_str().unwrap().contains('/'))
    );
    let total: u64 = rows.iter().map(|r| r["total"].as_u64().unwrap()).sum();
    assert_eq!(total, 3, "three ILACS reports: {rows:?}");
    let chart = fs::read_to_string(&svg).unwrap();
    assert!(chart.starts_with("<svg"));
    // Human table with bars.
    let text = stdout(&sb.run(&["trend", "social workers"]));
    assert!(text.contains('█'), "{text}");
    assert!(text.contains('%'), "{text}");
}

#[test]
fn academic_year_is_a_facet_and_a_filter() {
    let sb = Sandbox::seeds();
    sb.index();
    let lines = sb.json(&["Wakefield", "--json", "--facet", "academic_year"], 0);
    let counts = facet(&lines, "academic_year");
    assert!(counts.contains(&("2020/21".to_string(), 1)), "{counts:?}");
    assert_eq!(sb.count(&["Wakefield", "--academic-year", "2020/21"]), 1);
    assert_eq!(sb.count(&["Wakefield", "academic_year:2020/21"]), 1);
}

#[test]
fn export_round_trips_every_field_of_the_quickwit_mapping() {
    let sb = Sandbox::seeds();
    sb.index();
    let out = sb.run(&["export", "--ndjson"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let docs: Vec<Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let listed = sb.json(&["list", "--json"], 0);
    assert_eq!(docs.len(), listed.len());
    for (exported, listed) in docs.iter().zip(&listed) {
        let mut e = exported.as_object().unwrap().clone();
        let text = e.shift_remove("text").unwrap();
        assert!(text.as_str().unwrap().len() > 200);
        let mut l = listed.as_object().unwrap().clone();
        l.shift_remove("type");
        assert_eq!(e, l, "export and list agree on metadata");
    }
    // Every exported field is mapped in the Quickwit config (strict mode
    // rejects unknown fields), and every mapped field is exported.
    let config = fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("quickwit/ofsearch-index.yaml"),
    )
    .unwrap();
    let mapped: Vec<&str> = config
        .lines()
        .filter_map(|l| l.strip_prefix("    - name: "))
        .collect();
    let keys: Vec<&str> = docs[0]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    let mut a = mapped.clone();
    let mut b = keys.clone();
    a.sort();
    b.sort();
    assert_eq!(a, b);
    // The focused-visit letter's text holds the phrase.
    let letter = docs.iter().find(|d| d["path"] == FOCUSED_VISIT).unwrap();
    assert!(letter["text"].as_str().unwrap().contains("chronic neglect"));
    // To a file.
    let file = sb.path().join("out.ndjson");
    let out = sb.run(&["export", "--ndjson", "-o", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        fs::read_to_string(file).unwrap().lines().count(),
        docs.len()
    );
}

#[test]
fn completions_man_page_and_colour() {
    let sb = Sandbox::seeds();
    for shell in ["bash", "zsh", "fish"] {
        let out = sb.run(&["completions", shell]);
        assert_eq!(out.status.code(), Some(0));
        assert!(stdout(&out).contains("ofsearch"));
        assert!(stdout(&out).contains("timeline"), "{shell}");
    }
    assert_eq!(sb.run(&["completions", "tcsh"]).status.code(), Some(2));
    let man = stdout(&sb.run(&["man"]));
    assert!(
        man.starts_with(".ie") || man.contains(".TH"),
        "{}",
        &man[..100]
    );
    sb.index();
    // Not a terminal: no colour even when asked for automatically.
    let plain = stdout(&sb.run(&["chronic neglect"]));
    assert!(!plain.contains('\x1b'));
    assert!(plain.contains("**chronic neglect**"));
    let forced = stdout(&sb.run(&["--color", "always", "chronic neglect"]));
    assert!(forced.contains("\x1b["));
}
