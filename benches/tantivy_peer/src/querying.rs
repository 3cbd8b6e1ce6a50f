//! `query` and `bench`: TEXT as an exact phrase (one word: a term query), counted,
//! faceted by year and, for `query`, the top 10 by score with their paths and, when
//! the index stores the text, up to 3 snippets each: the work `ofsearch TEXT --facet
//! year --json` does. The output is JSON lines shaped like ofsearch's (hit lines, a
//! facet line, a summary line). Snippets are plain windows around each occurrence of
//! the lower-cased phrase: cheaper than ofsearch's token-aware ones, which favours
//! the peer.

use std::collections::HashMap;
use std::io::Write;
use std::path::PathBuf;
use std::time::Instant;
use tantivy::collector::{Collector, Count, SegmentCollector, TopDocs};
use tantivy::columnar::Column;
use tantivy::query::{PhraseQuery, Query, TermQuery};
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{
    DocId, Index, ReloadPolicy, Score, Searcher, SegmentOrdinal, SegmentReader, TantivyDocument,
    Term,
};

use crate::args::Args;
use crate::schema::{self, Fields};

const TOP: usize = 10;
const SNIPPETS: usize = 3;
const SNIPPET_BYTES: usize = 220;

pub struct Options {
    index_dir: PathBuf,
    text: String,
    facet: bool,
    count_only: bool,
    runs: usize,
}

impl Options {
    pub fn from_args(a: &Args) -> Result<Options, String> {
        let pos = a.positional(&["INDEXDIR", "TEXT"])?;
        let facet = match a.value("--facet") {
            None => false,
            Some("year") => true,
            Some(other) => return Err(format!("--facet {other}: only 'year' is indexed")),
        };
        Ok(Options {
            index_dir: PathBuf::from(&pos[0]),
            text: pos[1].clone(),
            facet,
            count_only: a.flag("--count"),
            runs: a.number("--runs", 200)?,
        })
    }
}

struct Opened {
    searcher: Searcher,
    fields: Fields,
    query: Box<dyn Query>,
}

/// Open the index (no reload watcher: a one-shot process) and build the query.
fn open(o: &Options) -> Result<Opened, String> {
    let index =
        Index::open_in_dir(&o.index_dir).map_err(|e| format!("{}: {e}", o.index_dir.display()))?;
    schema::register(&index);
    let fields = schema::fields_of(&index.schema())?;
    let reader = index
        .reader_builder()
        .reload_policy(ReloadPolicy::Manual)
        .try_into()
        .map_err(|e: tantivy::TantivyError| e.to_string())?;
    let mut terms = Vec::new();
    let mut stream = schema::analyzer();
    let mut tokens = stream.token_stream(&o.text);
    while tokens.advance() {
        terms.push(Term::from_field_text(fields.body, &tokens.token().text));
    }
    let query: Box<dyn Query> = match terms.len() {
        0 => return Err(format!("'{}' has no searchable words", o.text)),
        1 => Box::new(TermQuery::new(
            terms.remove(0),
            IndexRecordOption::WithFreqs,
        )),
        _ => Box::new(PhraseQuery::new(terms)),
    };
    Ok(Opened {
        searcher: reader.searcher(),
        fields,
        query,
    })
}

pub fn run_once(o: &Options) -> Result<(), String> {
    let started = Instant::now();
    let opened = open(o)?;
    let s = &opened.searcher;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    if o.count_only {
        let n = s
            .search(&*opened.query, &Count)
            .map_err(|e| e.to_string())?;
        let _ = writeln!(out, "{n}");
        return Ok(());
    }
    let facet = o.facet.then_some(YearFacet);
    let top = TopDocs::with_limit(TOP).order_by_score();
    let (total, years, top) = s
        .search(&*opened.query, &(Count, facet, top))
        .map_err(|e| e.to_string())?;
    let needle = phrase_needle(&o.text);
    for (rank, (score, addr)) in top.into_iter().enumerate() {
        let doc: TantivyDocument = s.doc(addr).map_err(|e| e.to_string())?;
        let path = doc.get_first(opened.fields.id).and_then(|v| v.as_str());
        let body = doc.get_first(opened.fields.body).and_then(|v| v.as_str());
        let snippets = body.map_or_else(Vec::new, |text| snippets(text, &needle));
        let hit = serde_json::json!({"type": "hit", "rank": rank + 1, "score": score,
                                     "path": path, "snippets": snippets});
        let _ = writeln!(out, "{hit}");
    }
    if let Some(years) = years {
        let line = serde_json::json!({"type": "facet", "field": "year", "counts": years});
        let _ = writeln!(out, "{line}");
    }
    let elapsed_ms = started.elapsed().as_secs_f64() * 1000.0;
    let summary =
        serde_json::json!({"type": "summary", "total_hits": total, "elapsed_ms": elapsed_ms});
    let _ = writeln!(out, "{summary}");
    Ok(())
}

/// The count and facet (no hits) `runs` times in one process, as `ofsearch
/// bench-query` does: median and 90th percentile in milliseconds, as JSON.
pub fn run_bench(o: &Options) -> Result<(), String> {
    let opened = open(o)?;
    let facet = o.facet.then_some(YearFacet);
    let once = || {
        opened
            .searcher
            .search(&*opened.query, &(Count, facet.clone()))
            .map_err(|e| e.to_string())
    };
    let (total, _) = once()?; // warm-up
    let mut times = Vec::with_capacity(o.runs);
    for _ in 0..o.runs {
        let t = Instant::now();
        once()?;
        times.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(f64::total_cmp);
    let median = if times.len() % 2 == 1 {
        times[times.len() / 2]
    } else {
        (times[times.len() / 2 - 1] + times[times.len() / 2]) / 2.0
    };
    let p90 = times[((times.len() - 1) as f64 * 0.9).round() as usize];
    let line = serde_json::json!({"median_ms": median, "p90_ms": p90, "runs": o.runs,
                                  "total_hits": total});
    println!("{line}");
    Ok(())
}

/// The phrase as it appears in lower-cased text: its words, one space apart.
fn phrase_needle(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_ascii_lowercase()
}

/// Up to `SNIPPETS` windows of about `SNIPPET_BYTES` around the needle's first
/// occurrences, whitespace collapsed.
fn snippets(text: &str, needle: &str) -> Vec<String> {
    let lower = text.to_ascii_lowercase(); // same byte offsets as `text`
    let mut out = Vec::new();
    let mut from = 0;
    while out.len() < SNIPPETS {
        let Some(at) = lower[from..].find(needle).map(|i| i + from) else {
            break;
        };
        let half = SNIPPET_BYTES.saturating_sub(needle.len()) / 2;
        let start = floor_char(text, at.saturating_sub(half));
        let end = floor_char(text, (at + needle.len() + half).min(text.len()));
        out.push(
            text[start..end]
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" "),
        );
        from = end.max(at + needle.len());
    }
    out
}

fn floor_char(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Matching documents counted by their `year` column (documents without one are not
/// counted), in year order.
#[derive(Clone)]
struct YearFacet;

struct YearSegment {
    column: Column<i64>,
    counts: HashMap<i64, u64>,
}

impl Collector for YearFacet {
    type Fruit = Vec<serde_json::Value>;
    type Child = YearSegment;

    fn for_segment(
        &self,
        _: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<Self::Child> {
        Ok(YearSegment {
            column: segment.fast_fields().i64(schema::YEAR)?,
            counts: HashMap::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<HashMap<i64, u64>>) -> tantivy::Result<Self::Fruit> {
        let mut total: HashMap<i64, u64> = HashMap::new();
        for fruit in fruits {
            for (year, n) in fruit {
                *total.entry(year).or_default() += n;
            }
        }
        let mut years: Vec<_> = total.into_iter().collect();
        years.sort_unstable();
        Ok(years
            .into_iter()
            .map(|(y, n)| serde_json::json!({"value": y.to_string(), "count": n}))
            .collect())
    }
}

impl SegmentCollector for YearSegment {
    type Fruit = HashMap<i64, u64>;

    fn collect(&mut self, doc: DocId, _: Score) {
        if let Some(year) = self.column.first(doc) {
            *self.counts.entry(year).or_default() += 1;
        }
    }

    fn harvest(self) -> Self::Fruit {
        self.counts
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippets_cut_on_character_boundaries() {
        // Multi-byte characters on every side of the phrase: the windows must not
        // split one (a slice through a character panics).
        let text = format!("{}Chronic neglect{}", "é".repeat(300), "ü".repeat(300));
        let found = snippets(&text, &phrase_needle("chronic  neglect"));
        assert_eq!(found.len(), 1);
        assert!(found[0].contains("Chronic neglect"));
        assert!(found[0].len() <= SNIPPET_BYTES);
    }

    #[test]
    fn snippets_stop_at_three() {
        let text = "chronic neglect. ".repeat(100);
        assert_eq!(snippets(&text, "chronic neglect").len(), SNIPPETS);
        assert!(snippets("nothing here", "chronic neglect").is_empty());
    }
}
