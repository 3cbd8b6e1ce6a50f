//! Corpus-level checks of the ingest stage.
//!
//! The seed corpus test always runs. The others are `#[ignore]`d because they
//! need data outside the repository:
//!
//! - `bench_corpus_boilerplate`: `OFSEARCH_BENCH` (default `/tmp/bench10k`), a
//!   corpus from `shared/bench/gen_corpus.py`: for every file the phrase "chronic
//!   neglect" is in the ingested text exactly when the truth says it is in the
//!   body, and no chrome word (jobs, leisure, comments, cookie(s), newsletter,
//!   recruiter, subscribe) is left.
//! - `bench_throughput`: MB/s of `ingest_bytes` over the same corpus, by format.
//! - `real_letters_keep_their_lines`: `OFSEARCH_OFSTED_TEXTS` (default
//!   `/work/shared/data/ofsted/texts`): the share of lines boilerplate removal
//!   drops from real Ofsted letters and reports, and that their headings survive.
//! - `real_pdfs`: `OFSEARCH_OFSTED_PDFS`: every sample PDF ingests and matches
//!   its poppler text twin.
//!
//! Run with `cargo test --release --lib ingest::corpus_tests -- --ignored --nocapture`.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::time::Instant;

use super::{Format, SkipReason, boilerplate, ingest_bytes, normalize::normalize_text};

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn files_under(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            files_under(&p, out);
        } else {
            out.push(p);
        }
    }
}

#[test]
fn seed_corpus_loses_its_chrome_and_keeps_its_body() {
    let dir = repo().join("corpus");
    let mut files = Vec::new();
    files_under(&dir, &mut files);
    files.sort();
    let seeds: Vec<_> = files
        .iter()
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("00"))
        })
        .collect();
    if seeds.len() < 5 {
        eprintln!("seed corpus not found; skipped");
        return;
    }
    let mut all = String::new();
    for p in &seeds {
        let bytes = std::fs::read(p).expect("readable seed");
        let doc = ingest_bytes(p, &bytes).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
        let lower = doc.text.to_lowercase();
        for chrome in [
            "essex",
            "mackman",
            "comments are closed",
            "leisure support assistant",
            "right click to download",
            "highways",
        ] {
            assert!(
                !lower.contains(chrome),
                "{chrome:?} left in {}",
                p.display()
            );
        }
        all.push_str(&doc.text);
        all.push('\n');
        let name = p
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if name.starts_with("003_") {
            assert_eq!(doc.format, Format::Markdown);
            assert_eq!(
                doc.title.as_deref(),
                Some("Focused visit to Wakefield local authority children's services")
            );
            assert!(doc.text.contains("where chronic neglect is a key feature"));
            assert!(doc.text.contains("18 December 2020"));
            assert!(
                doc.text
                    .ends_with("Yours sincerely\n\nNigel Parkes\nHer Majesty's Inspector")
            );
        }
    }
    for body in [
        "Wakefield Council is making \"steady progress\" in improving its services",
        "The letter can be read on Ofsted's website.",
        "\"Serious and widespread failures\" have been identified at Wakefield",
        "The report makes a number of recommendations as to what needs to improve including:",
        "Social workers building good relationships",
        "\"We will not be complacent and working together with our partners",
        "Martin Ford 13 December 2018",
        "commissioner oversight should continue with further reviews every six months.",
        "Cllr Peter Box CBE, outgoing leader of Wakefield Council",
    ] {
        assert!(all.contains(body), "body text lost: {body}");
    }
}

fn bench_dir() -> PathBuf {
    std::env::var_os("OFSEARCH_BENCH").map_or_else(|| PathBuf::from("/tmp/bench10k"), PathBuf::from)
}

fn bench_truth(dir: &Path) -> Vec<serde_json::Value> {
    let truth =
        std::fs::read_to_string(dir.join("truth.jsonl")).expect("truth.jsonl in the bench corpus");
    truth
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).expect("truth line is JSON"))
        .collect()
}

const CHROME_WORDS: [&str; 8] = [
    "jobs",
    "leisure",
    "comments",
    "cookie",
    "cookies",
    "newsletter",
    "recruiter",
    "subscribe",
];

fn has_word(lower: &str, word: &str) -> bool {
    lower.match_indices(word).any(|(i, _)| {
        let before = lower[..i].chars().next_back();
        let after = lower[i + word.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

fn has_phrase(lower: &str) -> bool {
    lower
        .split_whitespace()
        .collect::<Vec<_>>()
        .windows(2)
        .any(|w| {
            w[0].trim_start_matches(|c: char| !c.is_alphanumeric()) == "chronic"
                && w[1].trim_end_matches(|c: char| !c.is_alphanumeric()) == "neglect"
                && !w[0].ends_with(|c: char| !c.is_alphanumeric())
        })
}

#[test]
#[ignore = "needs a generated bench corpus (OFSEARCH_BENCH, default /tmp/bench10k)"]
fn bench_corpus_boilerplate() {
    let dir = bench_dir();
    let truth = bench_truth(&dir);
    let (mut checked, mut phrase_docs, mut wrong_phrase, mut chrome_left) =
        (0usize, 0usize, Vec::new(), Vec::new());
    let mut titles_ok = 0usize;
    for t in &truth {
        let rel = t["path"].as_str().expect("path");
        let path = dir.join(rel);
        let bytes = std::fs::read(&path).expect("bench file");
        let doc = ingest_bytes(&path, &bytes).unwrap_or_else(|e| panic!("{rel}: {e}"));
        assert_eq!(Some(doc.format.as_str()), t["format"].as_str(), "{rel}");
        let lower = doc.text.to_lowercase();
        let expected = t["chronic_neglect"].as_bool().expect("chronic_neglect");
        phrase_docs += usize::from(expected);
        if has_phrase(&lower) != expected {
            wrong_phrase.push(rel.to_string());
        }
        for w in CHROME_WORDS {
            if has_word(&lower, w) {
                chrome_left.push(format!("{rel}: {w}"));
            }
        }
        if let (Some(a), Some(b)) = (doc.title.as_deref(), t["title"].as_str())
            && normalize_text(b) == a
        {
            titles_ok += 1;
        }
        checked += 1;
    }
    eprintln!(
        "bench: {checked} files, {phrase_docs} with the phrase in the body, {} phrase mismatches, {} chrome words left, {titles_ok} titles equal to the truth",
        wrong_phrase.len(),
        chrome_left.len()
    );
    assert!(
        wrong_phrase.is_empty(),
        "phrase presence differs from the truth: {:?}",
        &wrong_phrase[..wrong_phrase.len().min(20)]
    );
    assert!(
        chrome_left.is_empty(),
        "chrome left: {:?}",
        &chrome_left[..chrome_left.len().min(20)]
    );
}

#[test]
#[ignore = "throughput over a bench corpus; run with --release"]
fn bench_throughput() {
    let dir = bench_dir();
    let mut files = Vec::new();
    files_under(&dir, &mut files);
    files.retain(|p| p.extension().is_some_and(|e| e != "jsonl"));
    let data: Vec<(PathBuf, Vec<u8>)> = files
        .into_iter()
        .map(|p| {
            let b = std::fs::read(&p).expect("bench file");
            (p, b)
        })
        .collect();
    let mut by_format: std::collections::BTreeMap<&'static str, (usize, f64)> = Default::default();
    let started = Instant::now();
    let mut total = 0usize;
    for _ in 0..2 {
        total = 0;
        for (p, b) in &data {
            let t = Instant::now();
            let doc = ingest_bytes(p, b).expect("ingests");
            let e = by_format.entry(doc.format.as_str()).or_insert((0, 0.0));
            e.0 += b.len();
            e.1 += t.elapsed().as_secs_f64();
            total += b.len();
        }
    }
    let secs = started.elapsed().as_secs_f64() / 2.0;
    eprintln!(
        "ingest: {:.1} MB in {:.2} s = {:.0} MB/s on one core",
        total as f64 / 1e6,
        secs,
        total as f64 / 1e6 / secs
    );
    for (f, (bytes, secs)) in by_format {
        eprintln!(
            "  {f}: {:.0} MB/s ({:.1} MB)",
            bytes as f64 / 1e6 / secs,
            bytes as f64 / 2e6
        );
    }
}

#[test]
#[ignore = "needs the real Ofsted texts (OFSEARCH_OFSTED_TEXTS)"]
fn real_letters_keep_their_lines() {
    let dir = std::env::var_os("OFSEARCH_OFSTED_TEXTS").map_or_else(
        || PathBuf::from("/work/shared/data/ofsted/texts"),
        PathBuf::from,
    );
    let mut files = Vec::new();
    files_under(&dir, &mut files);
    files.sort();
    assert!(!files.is_empty(), "no texts in {}", dir.display());
    let (mut lines_in, mut lines_out, mut page_numbers, mut copyright) =
        (0usize, 0usize, 0usize, 0usize);
    let mut removed_other: Vec<String> = Vec::new();
    let heading = regex::Regex::new(r"(?m)^\s*(Inspection of .* children.s services|Inspection dates?:.*|Lead inspector.*|Overall effectiveness.*|Yours sincerely)\s*$").expect("regex");
    let mut headings_lost = Vec::new();
    for p in &files {
        let text = std::fs::read_to_string(p).expect("utf-8 text");
        let stripped = boilerplate::strip(&text);
        let before: Vec<&str> = text
            .split(['\n', '\x0c'])
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        let after: HashSet<&str> = stripped
            .split(['\n', '\x0c'])
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        lines_in += before.len();
        for l in &before {
            if after.contains(l) {
                lines_out += 1;
            } else if l.bytes().all(|b| b.is_ascii_digit() || b == b' ')
                || l.to_ascii_lowercase().starts_with("page ")
            {
                page_numbers += 1;
            } else if l.starts_with('\u{a9}') {
                copyright += 1;
            } else {
                removed_other.push(format!(
                    "{}: {l}",
                    p.file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_default()
                ));
            }
        }
        for m in heading.find_iter(&text) {
            if !after.contains(m.as_str().trim()) {
                headings_lost.push(m.as_str().trim().to_string());
            }
        }
        let doc = ingest_bytes(p, text.as_bytes()).expect("ingests");
        assert_eq!(doc.format, Format::Text, "{}", p.display());
    }
    let removed = lines_in - lines_out;
    eprintln!(
        "real texts: {} files, {lines_in} non-blank lines, {removed} removed ({:.3} %): {page_numbers} page numbers, {copyright} copyright footers, {} other ({:.3} %)",
        files.len(),
        removed as f64 * 100.0 / lines_in as f64,
        removed_other.len(),
        removed_other.len() as f64 * 100.0 / lines_in as f64
    );
    let mut counts: std::collections::BTreeMap<String, usize> = Default::default();
    for r in &removed_other {
        let line = r.split_once(": ").map_or(r.as_str(), |(_, l)| l);
        *counts.entry(line.to_string()).or_default() += 1;
    }
    let mut counts: Vec<_> = counts.into_iter().collect();
    counts.sort_by_key(|c| std::cmp::Reverse(c.1));
    for (line, n) in counts.iter().take(40) {
        eprintln!("  removed {n:>4} x {line}");
    }
    assert!(headings_lost.is_empty(), "headings lost: {headings_lost:?}");
    assert!(
        removed_other.len() * 1000 < lines_in,
        "too many non-page-number lines removed"
    );
}

fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

#[test]
#[ignore = "needs the sample Ofsted PDFs (OFSEARCH_OFSTED_PDFS)"]
fn real_pdfs() {
    let dir = std::env::var_os("OFSEARCH_OFSTED_PDFS").map_or_else(
        || PathBuf::from("/work/shared/data/ofsted/pdfs"),
        PathBuf::from,
    );
    let mut files = Vec::new();
    files_under(&dir, &mut files);
    files.sort();
    let started = Instant::now();
    let (mut bytes, mut sum) = (0usize, 0.0f64);
    for p in &files {
        let data = std::fs::read(p).expect("pdf");
        bytes += data.len();
        let doc = ingest_bytes(p, &data).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
        assert_eq!(doc.format, Format::Pdf);
        let twin = p.with_extension("txt");
        let twin = dir
            .parent()
            .map(|d| d.join("texts").join(twin.file_name().expect("name")))
            .expect("texts dir");
        if let Ok(reference) = std::fs::read_to_string(&twin) {
            let reference = normalize_text(&reference);
            let got: HashSet<(String, String)> = words(&doc.text)
                .windows(2)
                .map(|w| (w[0].clone(), w[1].clone()))
                .collect();
            let want: Vec<(String, String)> = words(&reference)
                .windows(2)
                .map(|w| (w[0].clone(), w[1].clone()))
                .collect();
            let share =
                want.iter().filter(|b| got.contains(*b)).count() as f64 / want.len().max(1) as f64;
            sum += share;
            assert!(
                share > 0.95,
                "{}: only {share:.3} of the bigrams",
                p.display()
            );
        }
    }
    let secs = started.elapsed().as_secs_f64();
    eprintln!(
        "pdfs: {} files, {:.1} MB in {secs:.2} s, mean bigram share {:.3}",
        files.len(),
        bytes as f64 / 1e6,
        sum / files.len().max(1) as f64
    );
}

#[test]
fn skip_reasons() {
    let p = Path::new("x.txt");
    assert!(matches!(ingest_bytes(p, b""), Err(SkipReason::Empty)));
    assert!(matches!(
        ingest_bytes(p, b"\x00\x01\x02binary\x00stuff"),
        Err(SkipReason::Binary)
    ));
    assert!(matches!(
        ingest_bytes(p, b"   \n\n \t "),
        Err(SkipReason::NoText)
    ));
    assert!(matches!(
        ingest_bytes(Path::new("a.html"), b"<html><script>x()</script></html>"),
        Err(SkipReason::NoText)
    ));
    let fixture = |name: &str| {
        std::fs::read(repo().join("tests/fixtures/ingest").join(name)).expect("fixture")
    };
    for bad in ["encrypted.pdf", "truncated.pdf", "garbage.pdf"] {
        match ingest_bytes(Path::new(bad), &fixture(bad)) {
            Err(SkipReason::Pdf(reason)) => assert!(!reason.contains('\n'), "{reason}"),
            other => panic!("{bad}: {other:?}"),
        }
    }
    let ok = ingest_bytes(Path::new("simple.pdf"), &fixture("simple.pdf")).expect("simple pdf");
    assert_eq!(ok.format, Format::Pdf);
    assert!(ok.text.contains("chronic neglect"));
}

#[test]
fn formats_by_content() {
    let html = b"<!doctype html><html><head><title>Rated good | Gazette</title></head><body><article><h1>Rated good</h1><p>Inspectors praised the council.</p></article></body></html>";
    let doc = ingest_bytes(Path::new("page.txt"), html).expect("html in a .txt");
    assert_eq!(doc.format, Format::Html);
    assert_eq!(doc.title.as_deref(), Some("Rated good"));
    assert_eq!(doc.text, "Rated good\n\nInspectors praised the council.");
    // Windows-1252 text: decoded with a warning.
    let doc =
        ingest_bytes(Path::new("letter.txt"), b"Children\x92s services \x96 good").expect("cp1252");
    assert_eq!(doc.text, "Children's services - good");
    assert_eq!(doc.warnings.len(), 1);
    // UTF-16 with BOM.
    let mut u16 = vec![0xff, 0xfe];
    u16.extend(
        "Dear Ms Wagner\r\n\r\nThis letter"
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes()),
    );
    let doc = ingest_bytes(Path::new("letter.txt"), &u16).expect("utf-16");
    assert_eq!(doc.text, "Dear Ms Wagner\n\nThis letter");
    // A .pdf that is an HTML error page is read as HTML.
    let doc = ingest_bytes(
        Path::new("report.pdf"),
        b"<html><body><p>Not found</p></body></html>",
    )
    .expect("html");
    assert_eq!(doc.format, Format::Html);
}

mod robustness {
    use super::super::{html, ingest_bytes, markdown};
    use proptest::prelude::*;
    use std::path::Path;

    const HTML_PARTS: &[&str] = &[
        "<p>",
        "</p>",
        "<div class=\"comments\">",
        "<div>",
        "</div>",
        "<li>",
        "<ul>",
        "</ul>",
        "<script>",
        "</script>",
        "<style>",
        "<!--",
        "-->",
        "&amp;",
        "&#",
        "&#x",
        "&",
        "&pound",
        "<",
        ">",
        "\"",
        "'",
        "=",
        "text ",
        "word",
        "<a href=x>",
        "</a>",
        "<article>",
        "</article>",
        "<main>",
        "<nav>",
        "</nav>",
        "<br>",
        "<br/>",
        "<time datetime=\"2020-01-01\">",
        "</time>",
        "<h1>",
        "</h1>",
        "\u{e9}",
        "\u{2019}",
        "\n",
        " ",
        "<!doctype html>",
        "<title>",
        "</title>",
        "<pre>",
        "</pre>",
        "<![CDATA[",
        "]]>",
        "<td>",
        "<tr>",
        "<table>",
        "<svg>",
        "</svg>",
        "<meta property=\"og:title\" content=\"",
        "<p hidden>",
        "<x-y>",
        "</",
        "<?",
        "<!x",
        "<form>",
        "</form>",
        "<header>",
        "<plaintext>",
    ];
    const MD_PARTS: &[&str] = &[
        "---\n",
        "title: \"T\"\n",
        "date: 2020-01-02\n",
        "# ",
        "### **",
        "**",
        "*",
        "_",
        "__",
        "`",
        "```\n",
        "[",
        "]",
        "(",
        ")",
        "![",
        "](http://x)",
        "[1]: http://x\n",
        "> ",
        "- ",
        "| a | b |\n",
        "|---|\n",
        "\\",
        "<br>",
        "<http://x>",
        "~~",
        "text",
        " ",
        "\n",
        "  \n",
        "\u{e9}",
        "===\n",
        "+++\n",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        #[test]
        fn arbitrary_bytes_never_panic(
            bytes in proptest::collection::vec(any::<u8>(), 0..3000),
            ext in prop::sample::select(vec!["txt", "html", "md", "pdf", "bin"]),
        ) {
            let _ = ingest_bytes(Path::new(&format!("f.{ext}")), &bytes);
        }

        #[test]
        fn html_soup_never_panics(parts in proptest::collection::vec(prop::sample::select(HTML_PARTS), 0..300)) {
            let s: String = parts.concat();
            let _ = ingest_bytes(Path::new("x.html"), s.as_bytes());
            let _ = html::flat(&s);
            let _ = html::max_depth(s.as_bytes());
        }

        #[test]
        fn markdown_soup_never_panics(parts in proptest::collection::vec(prop::sample::select(MD_PARTS), 0..300)) {
            let s: String = parts.concat();
            let _ = markdown::to_text(&s);
            let _ = ingest_bytes(Path::new("x.md"), s.as_bytes());
        }

        #[test]
        fn damaged_pdfs_never_panic(flips in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..20)) {
            let mut pdf = std::fs::read(super::repo().join("tests/fixtures/ingest/simple.pdf")).expect("fixture");
            for (at, b) in flips {
                let i = at.index(pdf.len());
                pdf[i] = b;
            }
            let _ = ingest_bytes(Path::new("x.pdf"), &pdf);
        }
    }
}

/// A page in which the fast reader finds nothing but chrome is read again with
/// html2text when it holds prose; a page of menus alone stays unindexed.
#[test]
fn html2text_reads_a_page_the_fast_reader_finds_empty() {
    let p = Path::new("page.html");
    let linked = b"<html><body><p><a href=\"/x\">Inspectors found that chronic neglect \
        was not recognised quickly enough by social workers.</a></p></body></html>";
    let got = ingest_bytes(p, linked).expect("prose in a link is kept");
    assert!(got.text.contains("chronic neglect was not recognised"));
    assert!(!got.text.contains('['), "no link decoration: {}", got.text);
    assert_eq!(got.warnings.len(), 1, "{:?}", got.warnings);
    let menu = b"<html><body><nav><a href=\"/\">Home</a> <a href=\"/news\">News</a></nav>\
        <footer>Copyright 2020 Example Council</footer></body></html>";
    assert!(matches!(ingest_bytes(p, menu), Err(SkipReason::NoText)));
    // A page the fast reader understands never goes through the fallback.
    let plain = b"<html><body><article><p>Chronic neglect was found.</p></article></body></html>";
    assert!(ingest_bytes(p, plain).unwrap().warnings.is_empty());
}
