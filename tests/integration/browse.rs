//! Each document counted once (copies of one report), browsing without a query,
//! and facet limits with a bucket for documents without a value.

use crate::util::*;
use std::fs;
use std::path::Path;

/// The seeds, Ofsted's Wakefield reports, and a second copy of the 2021 ILACS
/// report as another file (the same report saved twice, as text and PDF are).
fn with_a_copy() -> Sandbox {
    let sb = Sandbox::seeds();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/wakefield");
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        fs::copy(&path, sb.corpus().join(path.file_name().unwrap())).unwrap();
    }
    let report = fs::read_to_string(sb.corpus().join("doc_bdc7fe8a27.txt")).unwrap();
    // Not byte-identical (that would be skipped as the same content): a trailing
    // page line, as a second extraction of the same PDF would give.
    fs::write(
        sb.corpus().join("copy-of-the-2021-report.txt"),
        format!("{report}\n\n14\n"),
    )
    .unwrap();
    sb.index();
    sb
}

#[test]
fn copies_of_one_report_are_one_hit_one_count_and_one_facet_entry() {
    let sb = with_a_copy();
    let q = "\"help and protection\"";
    let once = sb.count(&[q, "kind:ilacs"]);
    let apart = sb.count(&[q, "kind:ilacs", "--all-copies"]);
    assert_eq!(apart, once + 1, "the copy counts apart only when asked");
    let lines = sb.json(
        &[
            q,
            "kind:ilacs",
            "--facet",
            "year",
            "--limit",
            "50",
            "--json",
        ],
        0,
    );
    let hits: Vec<_> = lines.iter().filter(|l| l["type"] == "hit").collect();
    assert_eq!(hits.len() as u64, once);
    let with_copy: Vec<_> = hits.iter().filter(|h| h.get("copies").is_some()).collect();
    assert_eq!(with_copy.len(), 1, "{hits:?}");
    let listed = with_copy[0]["copies"].as_array().unwrap();
    assert_eq!(listed.len(), 1);
    let pair = [
        with_copy[0]["path"].as_str().unwrap(),
        listed[0].as_str().unwrap(),
    ];
    assert!(
        pair.iter()
            .any(|p| p.ends_with("copy-of-the-2021-report.txt")),
        "{pair:?}"
    );
    assert!(
        pair.iter().any(|p| p.ends_with("doc_bdc7fe8a27.txt")),
        "{pair:?}"
    );
    let years: u64 = facet(&lines, "year").iter().map(|(_, n)| n).sum();
    assert_eq!(years, once, "the year facet adds up to the hits");
    // The timeline shows the copy under the report, by the same rule.
    let timeline = sb.json(&["timeline", "Wakefield", "--json"], 0);
    let entry = timeline
        .iter()
        .find(|e| {
            e.get("copies").is_some_and(|c| {
                c.to_string().contains("doc_bdc7fe8a27") || c.to_string().contains("copy-of")
            })
        })
        .expect("an entry with its copy");
    assert_eq!(entry["kind"], "ilacs");
}

#[test]
fn browsing_without_a_query_lists_the_filters_documents_newest_first() {
    let sb = with_a_copy();
    let lines = sb.json(
        &[
            "--authority",
            "Wakefield",
            "--kind",
            "ilacs",
            "--sort",
            "-date",
            "--json",
        ],
        0,
    );
    let dates: Vec<String> = lines
        .iter()
        .filter(|l| l["type"] == "hit")
        .map(|l| l["inspection_end"].as_str().unwrap().to_string())
        .collect();
    assert!(dates.len() >= 3, "{dates:?}");
    let mut sorted = dates.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(dates, sorted, "newest first");
    // Without --sort, browsing is newest first too; the count and facets work.
    assert_eq!(sb.count(&["--kind", "ilacs"]), dates.len() as u64);
    let plain = sb.hit_paths(&["--authority", "Wakefield", "--kind", "ilacs"]);
    assert_eq!(plain.len(), dates.len());
    // Neither a query nor a filter: a one-line error that says what to give.
    let out = sb.run(&["search"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--authority"), "{}", stderr(&out));
}

#[test]
fn facets_have_a_limit_and_a_none_bucket_so_counts_add_up() {
    let sb = with_a_copy();
    let lines = sb.json(
        &[
            "children",
            "--facet",
            "inspector",
            "--facet",
            "judgement",
            "--facet-limit",
            "2",
            "--count",
            "--json",
        ],
        0,
    );
    let total = lines.last().unwrap()["total_hits"].as_u64().unwrap();
    let judgement = lines
        .iter()
        .find(|l| l["type"] == "facet" && l["field"] == "judgement")
        .unwrap();
    let shown: u64 = judgement["counts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["count"].as_u64().unwrap())
        .sum();
    let none = judgement["none"].as_u64().unwrap();
    let hidden = judgement["hidden_count"].as_u64().unwrap();
    assert!(
        none > 0,
        "articles and visits have no judgement: {judgement}"
    );
    assert_eq!(shown + hidden + none, total, "{judgement}");
    let inspector = lines
        .iter()
        .find(|l| l["type"] == "facet" && l["field"] == "inspector")
        .unwrap();
    assert_eq!(inspector["counts"].as_array().unwrap().len(), 2);
    assert!(
        inspector["hidden_values"].as_u64().unwrap() > 0,
        "{inspector}"
    );
    let human = stdout(&sb.run(&[
        "children",
        "--facet",
        "inspector",
        "--facet-limit",
        "2",
        "--count",
    ]));
    assert!(human.contains("more values"), "{human}");
    assert!(human.contains("(none)"), "{human}");
}
