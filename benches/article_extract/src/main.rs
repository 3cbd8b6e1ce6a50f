//! Article-body extraction benchmark: ofsearch's HTML ingest against Rust article
//! extractors, on the article benchmark's pages, with the benchmark's own metric
//! (4-token shingles, per-page normalised tp/fp/fn, P and R from their averages),
//! and single-core MB/s on those pages and on generated news pages.
//!
//! ```sh
//! cargo run --release -- [--data DIR] [--gen DIR] [--rounds N] [--only a,b] [--dump DIR]
//! ```
//!
//! `--data` defaults to `<repo>/../shared/data/article-benchmark`, `--gen` to
//! `/tmp/ofsearch-bench/corpus-10000-seed1` (made by `../../shared/bench/gen_corpus.py`;
//! only its `.html` files are read). A missing folder is reported and skipped.
//! `--dump DIR` writes each extractor's text of each page (evaluation data: keep it
//! out of the repository).

use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use regex::Regex;

type Extract = fn(&str) -> String;

/// The extractors compared, by name.
const EXTRACTORS: &[(&str, Extract)] = &[
    ("ofsearch", ofsearch_text),
    ("trafilatura", trafilatura_text),
    ("dom_smoothie", dom_smoothie_text),
    ("libreadability", libreadability_text),
    ("dom_smoothie+ofsearch", dom_smoothie_ofsearch),
];

/// ofsearch's clean text, as the benchmark's README scores it: without a first line
/// that is the title and without the reader's own "Published: YYYY-MM-DD" lines.
fn ofsearch_text(html: &str) -> String {
    match ofsearch::ingest::ingest_bytes(Path::new("page.html"), html.as_bytes()) {
        Ok(doc) => scored_text(&doc.text, doc.title.as_deref()),
        Err(_) => String::new(),
    }
}

fn scored_text(text: &str, title: Option<&str>) -> String {
    static PUBLISHED: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^Published: \d{4}-\d{2}-\d{2}$").expect("regex"));
    let mut lines: Vec<&str> = text.lines().collect();
    if let (Some(first), Some(t)) = (lines.first(), title)
        && first.trim() == t.trim()
    {
        lines.remove(0);
    }
    lines
        .into_iter()
        .filter(|l| !PUBLISHED.is_match(l.trim()))
        .collect::<Vec<_>>()
        .join("\n")
}

fn trafilatura_text(html: &str) -> String {
    trafilatura::extract(html, &trafilatura::Options::default())
        .map(|r| r.content_text)
        .unwrap_or_default()
}

fn dom_smoothie_text(html: &str) -> String {
    dom_smoothie::Readability::new(html, None, None)
        .and_then(|mut r| r.parse())
        .map(|a| a.text_content.to_string())
        .unwrap_or_default()
}

fn libreadability_text(html: &str) -> String {
    libreadability::extract(html, None)
        .map(|a| a.text_content)
        .unwrap_or_default()
}

/// dom_smoothie's article HTML read again by ofsearch's ingest (its cleaning).
fn dom_smoothie_ofsearch(html: &str) -> String {
    let content = dom_smoothie::Readability::new(html, None, None)
        .and_then(|mut r| r.parse())
        .map(|a| a.content.to_string())
        .unwrap_or_default();
    ofsearch_text(&content)
}

// ------------------------------------------------------------------ titles

/// Each reader's title of a page: ofsearch, trafilatura, dom_smoothie.
fn titles(html: &str) -> [String; 3] {
    let ours = ofsearch::ingest::ingest_bytes(Path::new("page.html"), html.as_bytes())
        .ok()
        .and_then(|d| d.title)
        .unwrap_or_default();
    let traf = trafilatura::extract(html, &trafilatura::Options::default())
        .map(|r| r.metadata.title)
        .unwrap_or_default();
    let ds = dom_smoothie::Readability::new(html, None, None)
        .and_then(|mut r| r.parse())
        .map(|a| a.title)
        .unwrap_or_default();
    [ours, traf, ds]
}

/// Words, lower-cased, for comparing titles.
fn title_key(t: &str) -> String {
    WORD.find_iter(&t.to_lowercase())
        .map(|m| m.as_str().to_string())
        .collect::<Vec<_>>()
        .join(" ")
}

// ------------------------------------------------------------------ the metric

static WORD: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\w+").expect("regex"));

/// 4-token shingles with their counts; fewer than 4 tokens make one shingle.
fn shingles(text: &str) -> HashMap<String, usize> {
    let tokens: Vec<&str> = WORD.find_iter(text).map(|m| m.as_str()).collect();
    let mut out = HashMap::new();
    let n = 4;
    for i in 0..tokens.len().saturating_sub(n - 1).max(1) {
        let s = tokens[i..(i + n).min(tokens.len())].join(" ");
        if !s.is_empty() {
            *out.entry(s).or_insert(0) += 1;
        }
    }
    out
}

/// Per-page (tp, fp, fn) divided by their sum.
fn page_scores(truth: &str, pred: &str) -> (f64, f64, f64) {
    let t = shingles(truth);
    let p = shingles(pred);
    let mut tp = 0;
    let mut fp = 0;
    for (s, &c) in &p {
        let tc = t.get(s).copied().unwrap_or(0);
        tp += c.min(tc);
        fp += c.saturating_sub(tc);
    }
    let fn_: usize = t
        .iter()
        .map(|(s, &c)| c.saturating_sub(p.get(s).copied().unwrap_or(0)))
        .sum();
    let all = (tp + fp + fn_) as f64;
    if all == 0.0 {
        return (1.0, 0.0, 0.0);
    }
    (tp as f64 / all, fp as f64 / all, fn_ as f64 / all)
}

/// Precision, recall, F1 from the pages' averaged normalised counts.
fn prf(scores: &[(f64, f64, f64)]) -> (f64, f64, f64) {
    let n = scores.len().max(1) as f64;
    let tp: f64 = scores.iter().map(|s| s.0).sum::<f64>() / n;
    let fp: f64 = scores.iter().map(|s| s.1).sum::<f64>() / n;
    let fn_: f64 = scores.iter().map(|s| s.2).sum::<f64>() / n;
    let p = if tp + fp > 0.0 { tp / (tp + fp) } else { 0.0 };
    let r = if tp + fn_ > 0.0 { tp / (tp + fn_) } else { 0.0 };
    let f = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    (f, p, r)
}

// ------------------------------------------------------------------ data

struct Page {
    id: String,
    html: String,
    truth: String,
}

fn load_benchmark(dir: &Path) -> Result<Vec<Page>, String> {
    let gt_path = dir.join("ground-truth.json");
    let gt: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(&gt_path).map_err(|e| format!("{}: {e}", gt_path.display()))?,
    )
    .map_err(|e| format!("{}: {e}", gt_path.display()))?;
    let obj = gt.as_object().ok_or("ground-truth.json is not an object")?;
    let mut pages = Vec::new();
    for (id, v) in obj {
        let truth = v["articleBody"].as_str().unwrap_or("").to_string();
        let p = dir.join("html").join(format!("{id}.html.gz"));
        let bytes = std::fs::read(&p).map_err(|e| format!("{}: {e}", p.display()))?;
        let mut raw = Vec::new();
        flate2::read::GzDecoder::new(&bytes[..])
            .read_to_end(&mut raw)
            .map_err(|e| format!("{}: {e}", p.display()))?;
        pages.push(Page {
            id: id.clone(),
            html: String::from_utf8_lossy(&raw).into_owned(),
            truth,
        });
    }
    pages.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(pages)
}

fn html_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    for e in rd.flatten() {
        let p = e.path();
        if p.is_dir() {
            html_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "html") {
            out.push(p);
        }
    }
}

/// This thread's CPU time in seconds (other processes on a busy machine do not
/// count, unlike wall time).
fn thread_cpu() -> f64 {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime writes into the timespec it is given.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    ts.tv_sec as f64 + ts.tv_nsec as f64 / 1e9
}

/// Best of `rounds` CPU times over all pages, as MB/s.
fn mb_per_s(f: Extract, pages: &[&str], rounds: usize) -> f64 {
    let bytes: usize = pages.iter().map(|p| p.len()).sum();
    let mut best = f64::INFINITY;
    for _ in 0..rounds.max(1) {
        let t = thread_cpu();
        let mut sink = 0usize;
        for p in pages {
            sink = sink.wrapping_add(f(p).len());
        }
        std::hint::black_box(sink);
        best = best.min(thread_cpu() - t);
    }
    bytes as f64 / 1e6 / best
}

struct Args {
    data: PathBuf,
    gen_dir: PathBuf,
    rounds: usize,
    only: Option<Vec<String>>,
    dump: Option<PathBuf>,
    gen_limit: usize,
}

fn args() -> Args {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut a = Args {
        data: repo.join("../shared/data/article-benchmark"),
        gen_dir: PathBuf::from("/tmp/ofsearch-bench/corpus-10000-seed1"),
        rounds: 3,
        only: None,
        dump: None,
        gen_limit: 1000,
    };
    let mut it = std::env::args().skip(1);
    while let Some(k) = it.next() {
        let mut v = || it.next().unwrap_or_default();
        match k.as_str() {
            "--data" => a.data = v().into(),
            "--gen" => a.gen_dir = v().into(),
            "--rounds" => a.rounds = v().parse().unwrap_or(3),
            "--gen-limit" => a.gen_limit = v().parse().unwrap_or(1000),
            "--only" => a.only = Some(v().split(',').map(str::to_string).collect()),
            "--dump" => a.dump = Some(v().into()),
            other => {
                eprintln!("unknown argument {other}");
                std::process::exit(2);
            }
        }
    }
    a
}

fn main() {
    let a = args();
    let chosen: Vec<(&str, Extract)> = EXTRACTORS
        .iter()
        .copied()
        .filter(|(n, _)| a.only.as_ref().is_none_or(|o| o.iter().any(|x| x == n)))
        .collect();
    let pages = match load_benchmark(&a.data) {
        Ok(p) => p,
        Err(e) => {
            println!("article benchmark skipped: {e}");
            Vec::new()
        }
    };
    let mut gen_paths = Vec::new();
    html_files(&a.gen_dir, &mut gen_paths);
    gen_paths.sort();
    gen_paths.truncate(a.gen_limit);
    let gen_pages: Vec<String> = gen_paths
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect();
    if gen_pages.is_empty() {
        println!(
            "generated pages skipped: no .html files under {} (make them with gen_corpus.py)",
            a.gen_dir.display()
        );
    }
    let bench_bytes: usize = pages.iter().map(|p| p.html.len()).sum();
    let gen_bytes: usize = gen_pages.iter().map(String::len).sum();
    println!(
        "{} benchmark pages ({:.1} MB), {} generated pages ({:.1} MB), best of {} rounds, one core, CPU time\n",
        pages.len(),
        bench_bytes as f64 / 1e6,
        gen_pages.len(),
        gen_bytes as f64 / 1e6,
        a.rounds
    );
    println!(
        "| extractor | F1 | precision | recall | MB/s (benchmark pages) | MB/s (generated pages) |"
    );
    println!("|---|---:|---:|---:|---:|---:|");
    if !pages.is_empty() {
        let mut agree = [0usize; 2];
        let mut rows = Vec::new();
        for p in &pages {
            let t = titles(&p.html);
            let k: Vec<String> = t.iter().map(|x| title_key(x)).collect();
            agree[0] += usize::from(!k[0].is_empty() && (k[0] == k[1] || k[0] == k[2]));
            agree[1] += usize::from(!k[1].is_empty() && k[1] == k[2]);
            rows.push(format!("{}\t{}\t{}\t{}", p.id, t[0], t[1], t[2]));
        }
        println!(
            "titles: ofsearch's equals trafilatura's or dom_smoothie's (words, case folded) on {} of {} pages; trafilatura's equals dom_smoothie's on {}\n",
            agree[0],
            pages.len(),
            agree[1]
        );
        if let Some(d) = &a.dump {
            let _ = std::fs::create_dir_all(d);
            let _ = std::fs::write(d.join("titles.tsv"), rows.join("\n") + "\n");
        }
    }
    for (name, f) in chosen {
        let mut scores = Vec::new();
        for p in &pages {
            let pred = f(&p.html);
            scores.push(page_scores(&p.truth, &pred));
            if let Some(d) = &a.dump {
                let dir = d.join(name);
                let _ = std::fs::create_dir_all(&dir);
                let _ = std::fs::write(dir.join(format!("{}.txt", p.id)), &pred);
            }
        }
        if let Some(d) = &a.dump {
            let per_page: Vec<String> = pages
                .iter()
                .zip(&scores)
                .map(|(p, s)| format!("{}\t{:.3}\t{:.3}\t{:.3}", p.id, s.0, s.1, s.2))
                .collect();
            let _ = std::fs::write(d.join(format!("{name}.tsv")), per_page.join("\n") + "\n");
        }
        let (f1, p, r) = prf(&scores);
        let refs: Vec<&str> = pages.iter().map(|p| p.html.as_str()).collect();
        let speed = if refs.is_empty() {
            "—".to_string()
        } else {
            format!("{:.1}", mb_per_s(f, &refs, a.rounds))
        };
        let grefs: Vec<&str> = gen_pages.iter().map(String::as_str).collect();
        let gspeed = if grefs.is_empty() {
            "—".to_string()
        } else {
            format!("{:.1}", mb_per_s(f, &grefs, a.rounds))
        };
        if pages.is_empty() {
            println!("| {name} | — | — | — | {speed} | {gspeed} |");
        } else {
            println!("| {name} | {f1:.3} | {p:.3} | {r:.3} | {speed} | {gspeed} |");
        }
    }
}
