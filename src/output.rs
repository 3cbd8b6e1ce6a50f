//! Printers: human (optionally coloured) and JSON Lines. Search code never formats.

use serde::Serialize;
use serde_json::{Value, json};
use std::io::{self, Write};

use crate::analysis::timeline::Timeline;
use crate::analysis::trend::Trend;
use crate::facets::FacetCounts;
use crate::index::IndexSummary;
use crate::record::DocRecord;
use crate::search::{Hit, SearchResults};
use crate::snippet::Snippet;

/// How highlights and titles are marked.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub color: bool,
}

impl Style {
    fn bold(&self, s: &str) -> String {
        if self.color {
            format!("\x1b[1m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }
    fn dim(&self, s: &str) -> String {
        if self.color {
            format!("\x1b[2m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }
    fn highlight(&self, s: &str) -> String {
        if self.color {
            format!("\x1b[1;31m{s}\x1b[0m")
        } else {
            format!("**{s}**")
        }
    }
}

/// A record as a JSON object with the contract's fields first.
fn record_json(kind: &str, record: &DocRecord) -> serde_json::Map<String, Value> {
    let mut map = serde_json::Map::new();
    map.insert("type".into(), json!(kind));
    if let Value::Object(fields) = serde_json::to_value(record).unwrap_or(Value::Null) {
        map.extend(fields);
    }
    map.shift_remove("source");
    map
}

/// One JSON line. Serialised in memory first, so that a write error reaches the
/// caller as the `io::Error` it is (a closed pipe must stay `BrokenPipe`).
fn write_json_line(out: &mut impl Write, value: &impl Serialize) -> io::Result<()> {
    let mut line = serde_json::to_vec(value).map_err(io::Error::other)?;
    line.push(b'\n');
    out.write_all(&line)
}

/// A hit as the JSON object printed by `--json` (also served by the web API).
pub fn hit_value(hit: &Hit) -> Value {
    let mut map = serde_json::Map::new();
    map.insert("type".into(), json!("hit"));
    map.insert("rank".into(), json!(hit.rank));
    map.insert(
        "score".into(),
        json!((f64::from(hit.score) * 1000.0).round() / 1000.0),
    );
    map.extend(record_json("hit", &hit.record).into_iter().skip(1));
    map.insert("snippets".into(), json!(hit.snippets));
    if let Some(related) = &hit.related {
        map.insert("related".into(), json!(related));
    }
    Value::Object(map)
}

/// A facet as the JSON object printed by `--json`.
pub fn facet_value(facet: &FacetCounts) -> Value {
    json!({"type": "facet", "field": facet.field, "counts": facet.counts})
}

/// The summary line printed by `--json`.
pub fn summary_value(results: &SearchResults) -> Value {
    json!({
        "type": "summary",
        "total_hits": results.total_hits,
        "returned": results.hits.len(),
        "elapsed_ms": (results.elapsed_ms * 1000.0).round() / 1000.0,
    })
}

/// A document's metadata as the JSON object printed by `list --json`.
pub fn doc_value(record: &DocRecord) -> Value {
    Value::Object(record_json("doc", record))
}

pub fn json_results(out: &mut impl Write, results: &SearchResults) -> io::Result<()> {
    for hit in &results.hits {
        write_json_line(out, &hit_value(hit))?;
    }
    json_facets(out, &results.facets)?;
    json_summary(out, results)
}

pub fn json_facets(out: &mut impl Write, facets: &[FacetCounts]) -> io::Result<()> {
    for facet in facets {
        write_json_line(out, &facet_value(facet))?;
    }
    Ok(())
}

pub fn json_summary(out: &mut impl Write, results: &SearchResults) -> io::Result<()> {
    write_json_line(out, &summary_value(results))
}

pub fn human_results(
    out: &mut impl Write,
    results: &SearchResults,
    style: Style,
) -> io::Result<()> {
    for hit in &results.hits {
        human_hit(out, hit, style)?;
    }
    human_facets(out, &results.facets, style)?;
    let shown = results.hits.len();
    let first = results.hits.first().map_or(0, |h| h.rank);
    let range = if shown > 0 {
        format!(", showing {}-{}", first, first + shown - 1)
    } else {
        String::new()
    };
    writeln!(
        out,
        "{}",
        style.dim(&format!(
            "{} matching {}{range} ({:.1} ms)",
            results.total_hits,
            documents(results.total_hits as usize),
            results.elapsed_ms
        ))
    )
}

fn human_hit(out: &mut impl Write, hit: &Hit, style: Style) -> io::Result<()> {
    let r = &hit.record;
    writeln!(out, "{}. {}", hit.rank, style.bold(&r.title))?;
    writeln!(out, "   {}", summary_line(r))?;
    if !r.inspectors.is_empty() {
        writeln!(out, "   inspectors: {}", r.inspectors.join(", "))?;
    }
    writeln!(out, "   {}", style.dim(&r.path))?;
    for snippet in &hit.snippets {
        writeln!(out, "   {}", render_snippet(snippet, style))?;
    }
    if let Some(related) = &hit.related {
        if related.is_empty() {
            writeln!(out, "   {}", style.dim("related: none found"))?;
        }
        for r in related {
            writeln!(
                out,
                "   {} {} | {} | {} | judgement: {} | {}",
                style.dim("related:"),
                r.title,
                r.date.as_deref().unwrap_or("undated"),
                r.kind,
                r.judgement.as_deref().unwrap_or("none"),
                style.dim(&r.path)
            )?;
        }
    }
    writeln!(out)
}

pub fn json_timeline(out: &mut impl Write, t: &Timeline) -> io::Result<()> {
    for e in &t.entries {
        let mut map = serde_json::Map::new();
        map.insert("type".into(), json!("timeline"));
        map.insert("authority".into(), json!(t.authority));
        map.insert("la_code".into(), json!(t.la_code));
        if let Value::Object(fields) = serde_json::to_value(e).unwrap_or(Value::Null) {
            map.extend(fields);
        }
        write_json_line(out, &map)?;
    }
    Ok(())
}

pub fn human_timeline(out: &mut impl Write, t: &Timeline, style: Style) -> io::Result<()> {
    writeln!(
        out,
        "{}",
        style.bold(&format!(
            "{} ({}): {} {}",
            t.authority,
            t.la_code,
            t.documents(),
            documents(t.documents())
        ))
    )?;
    for e in &t.entries {
        let date = e
            .date
            .as_deref()
            .or(e.inspection_end.as_deref())
            .or(e.inspection_start.as_deref())
            .unwrap_or("undated");
        let visit = match (&e.inspection_start, &e.inspection_end) {
            (Some(a), Some(b)) if a != b => format!("  visit {a}..{b}"),
            (Some(a), _) | (None, Some(a)) => format!("  visit {a}"),
            _ => String::new(),
        };
        writeln!(
            out,
            "{}",
            format!(
                "{date:<10}  {:<16}  {:<20}{visit}",
                e.kind,
                e.judgement.as_deref().unwrap_or("-"),
            )
            .trim_end()
        )?;
        writeln!(out, "            {}", e.title)?;
        if !e.judgements.is_empty() {
            let subs: Vec<String> = e
                .judgements
                .iter()
                .map(|(k, v)| format!("{k}: {v}"))
                .collect();
            writeln!(out, "            {}", subs.join(", "))?;
        }
        writeln!(out, "            {}", style.dim(&e.path))?;
        for c in &e.copies {
            writeln!(out, "            {} {}", style.dim("copy:"), style.dim(c))?;
        }
        for a in &e.articles {
            writeln!(
                out,
                "            {} {} ({}) {}",
                style.dim("article:"),
                a.title,
                a.date.as_deref().unwrap_or("undated"),
                style.dim(&a.path)
            )?;
        }
    }
    Ok(())
}

pub fn json_trend(out: &mut impl Write, t: &Trend) -> io::Result<()> {
    for r in &t.rows {
        write_json_line(
            out,
            &json!({"type": "trend", "by": t.by, "period": r.period, "matching": r.matching,
                    "total": r.total, "share": (r.share * 10000.0).round() / 10000.0}),
        )?;
    }
    write_json_line(
        out,
        &json!({"type": "summary", "query": t.query, "by": t.by,
                "total_hits": t.rows.iter().map(|r| r.matching).sum::<u64>() + t.undated,
                "undated": t.undated}),
    )
}

pub fn human_trend(out: &mut impl Write, t: &Trend, style: Style) -> io::Result<()> {
    let max = t.rows.iter().map(|r| r.share).fold(0.0f64, f64::max);
    let label = t.by.replace('_', " ");
    let width = t
        .rows
        .iter()
        .map(|r| r.period.len())
        .chain([label.len()])
        .max()
        .unwrap_or(4);
    writeln!(
        out,
        "{}",
        style.bold(&format!(
            "{:<width$}  {:>8}  {:>8}  {:>7}",
            label, "matching", "of all", "share"
        ))
    )?;
    if t.rows.is_empty() {
        writeln!(
            out,
            "{}",
            style.dim("no dated document in the index matches the filters")
        )?;
    }
    for r in &t.rows {
        let bar_len = if max > 0.0 {
            (r.share / max * 40.0).round() as usize
        } else {
            0
        };
        writeln!(
            out,
            "{}",
            format!(
                "{:<width$}  {:>8}  {:>8}  {:>6.1}%  {}",
                r.period,
                r.matching,
                r.total,
                r.share * 100.0,
                "█".repeat(bar_len)
            )
            .trim_end()
        )?;
    }
    if t.undated > 0 {
        writeln!(
            out,
            "{}",
            style.dim(&format!(
                "{} matching {} no date",
                t.undated,
                if t.undated == 1 {
                    "document has"
                } else {
                    "documents have"
                }
            ))
        )?;
    }
    Ok(())
}

/// `Wakefield (384) | 2020-12-18 | focused_visit | judgement: none`
fn summary_line(r: &DocRecord) -> String {
    let authority = match (&r.authority, &r.la_code) {
        (Some(a), Some(c)) => format!("{a} ({c})"),
        (Some(a), None) => a.clone(),
        _ => "authority unknown".into(),
    };
    let date = match (&r.date, &r.inspection_start, &r.inspection_end) {
        (Some(d), _, _) => d.clone(),
        (None, Some(a), Some(b)) if a != b => format!("inspected {a}..{b}"),
        (None, Some(a), _) | (None, None, Some(a)) => format!("inspected {a}"),
        (None, None, None) => "undated".into(),
    };
    let judgement = r.judgement.clone().unwrap_or_else(|| "none".into());
    format!("{authority} | {date} | {} | judgement: {judgement}", r.kind)
}

fn render_snippet(snippet: &Snippet, style: Style) -> String {
    let mut out = String::new();
    let mut at = 0;
    for [start, end] in &snippet.highlights {
        let (Some(before), Some(marked)) =
            (snippet.text.get(at..*start), snippet.text.get(*start..*end))
        else {
            continue;
        };
        out.push_str(before);
        out.push_str(&style.highlight(marked));
        at = *end;
    }
    out.push_str(snippet.text.get(at..).unwrap_or(""));
    out
}

pub fn human_facets(out: &mut impl Write, facets: &[FacetCounts], style: Style) -> io::Result<()> {
    for facet in facets {
        writeln!(out, "{}", style.bold(&format!("by {}", facet.field)))?;
        let width = facet
            .counts
            .iter()
            .map(|v| v.value.chars().count())
            .max()
            .unwrap_or(0);
        for v in &facet.counts {
            writeln!(out, "  {:<width$}  {:>6}", v.value, v.count)?;
        }
        if facet.counts.is_empty() {
            writeln!(out, "  (no values)")?;
        }
        writeln!(out)?;
    }
    Ok(())
}

pub fn json_docs(out: &mut impl Write, records: &[DocRecord]) -> io::Result<()> {
    for r in records {
        write_json_line(out, &record_json("doc", r))?;
    }
    Ok(())
}

pub fn human_docs(out: &mut impl Write, records: &[DocRecord], style: Style) -> io::Result<()> {
    for r in records {
        writeln!(out, "{}  {}", style.dim(&r.path), style.bold(&r.title))?;
        writeln!(out, "    {}", summary_line(r))?;
    }
    writeln!(
        out,
        "{}",
        style.dim(&format!("{} {}", records.len(), documents(records.len())))
    )
}

pub fn json_index(out: &mut impl Write, summary: &IndexSummary) -> io::Result<()> {
    let mut value = serde_json::to_value(summary).map_err(io::Error::other)?;
    if let Value::Object(map) = &mut value {
        let mut ordered = serde_json::Map::new();
        ordered.insert("type".into(), json!("index"));
        ordered.extend(std::mem::take(map));
        value = Value::Object(ordered);
    }
    write_json_line(out, &value)
}

/// "document" or "documents", to follow a count.
pub(crate) fn documents(n: usize) -> &'static str {
    if n == 1 { "document" } else { "documents" }
}

/// The one-paragraph report of an index run, for stderr.
pub fn human_index(out: &mut impl Write, summary: &IndexSummary) -> io::Result<()> {
    writeln!(
        out,
        "indexed: {} added, {} updated, {} removed, {} unchanged, {} skipped; {} {} ({:.0} ms)",
        summary.added,
        summary.updated,
        summary.removed,
        summary.unchanged,
        summary.skipped.len(),
        summary.docs,
        documents(summary.docs as usize),
        summary.elapsed_ms
    )?;
    for s in &summary.skipped {
        writeln!(out, "  skipped {}: {}", s.path, s.reason)?;
    }
    for w in &summary.warnings {
        writeln!(out, "  warning {}: {}", w.path, w.reason)?;
    }
    Ok(())
}
