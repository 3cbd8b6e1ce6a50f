//! The human printers: one block per hit, facet tables, timelines, trends and
//! index reports, coloured only on a terminal.

use std::io::{self, Write};

use crate::analysis::timeline::Timeline;
use crate::analysis::trend::Trend;
use crate::facets::FacetCounts;
use crate::index::IndexSummary;
use crate::path_text::terminal_safe as safe;
use crate::record::{DocRecord, format_date};
use crate::search::{Hit, SearchResults};
use crate::snippet::Snippet;

/// How highlights and titles are marked.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub color: bool,
}

impl Style {
    pub(super) fn bold(&self, s: &str) -> String {
        if self.color {
            format!("\x1b[1m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }
    pub(super) fn dim(&self, s: &str) -> String {
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
    writeln!(out, "{}. {}", hit.rank, style.bold(&r.meta.title))?;
    writeln!(out, "   {}", summary_line(r))?;
    if !r.meta.inspectors.is_empty() {
        writeln!(out, "   inspectors: {}", r.meta.inspectors.join(", "))?;
    }
    writeln!(out, "   {}", style.dim(&safe(&r.path)))?;
    for copy in &hit.copies {
        writeln!(out, "   {} {}", style.dim("copy:"), style.dim(&safe(copy)))?;
    }
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
                day_or(r.date, "undated"),
                r.kind.as_str(),
                r.judgement.map_or("none", |j| j.as_str()),
                style.dim(&safe(&r.path))
            )?;
        }
    }
    writeln!(out)
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
        // Which day the row sits at: the document's own date, else (an ILACS
        // report prints none) its inspection's last day, else its first.
        let date = day_or(e.when(), "undated");
        let which = match (e.date, e.inspection_end, e.inspection_start) {
            (Some(_), _, _) => "document date",
            (None, Some(_), _) => "inspection end",
            (None, None, Some(_)) => "inspection",
            _ => "",
        };
        let visit = match (
            e.inspection_start.map(format_date),
            e.inspection_end.map(format_date),
        ) {
            (Some(a), Some(b)) if a != b => format!("  visit {a}..{b}"),
            (Some(a), _) | (None, Some(a)) => format!("  visit {a}"),
            _ => String::new(),
        };
        writeln!(
            out,
            "{}",
            format!(
                "{date:<10} {which:<14}  {:<16}  {:<20}{visit}",
                e.kind.as_str(),
                e.judgement.map_or("-", |j| j.as_str()),
            )
            .trim_end()
        )?;
        writeln!(out, "            {}", e.title)?;
        if !e.judgements.is_empty() {
            let subs: Vec<String> = e
                .judgements
                .iter()
                .map(|(k, v)| format!("{k}: {}", v.as_str()))
                .collect();
            writeln!(out, "            {}", subs.join(", "))?;
        }
        if let Some(lead) = &e.lead_inspector {
            writeln!(out, "            lead inspector: {lead}")?;
        }
        writeln!(out, "            {}", style.dim(&safe(&e.path)))?;
        for c in &e.copies {
            writeln!(
                out,
                "            {} {}",
                style.dim("copy:"),
                style.dim(&safe(c))
            )?;
        }
        for a in &e.articles {
            writeln!(
                out,
                "            {} {} ({}) {}",
                style.dim("article:"),
                a.title,
                day_or(a.date, "undated"),
                style.dim(&safe(&a.path))
            )?;
        }
    }
    Ok(())
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
        // A period with no document at all has no share (not 0 %); the period
        // under way is marked, its counts are so far.
        let share = if r.total == 0 {
            "-".to_string()
        } else {
            format!("{:.1}%", r.share * 100.0)
        };
        let note = if r.partial { "  (so far)" } else { "" };
        writeln!(
            out,
            "{}",
            format!(
                "{:<width$}  {:>8}  {:>8}  {:>7}  {}{note}",
                r.period,
                r.matching,
                r.total,
                share,
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
    let m = &r.meta;
    let authority = match m.authority {
        Some(a) => format!("{} ({})", a.name, a.la_code),
        None => "authority unknown".into(),
    };
    let days = |d: Option<time::Date>| d.map(format_date);
    let date = match (
        days(m.date),
        days(m.inspection_start),
        days(m.inspection_end),
    ) {
        (Some(d), _, _) => d,
        (None, Some(a), Some(b)) if a != b => format!("inspected {a}..{b}"),
        (None, Some(a), _) | (None, None, Some(a)) => format!("inspected {a}"),
        (None, None, None) => "undated".into(),
    };
    let judgement = m.judgement.map_or("none", |j| j.as_str());
    format!(
        "{authority} | {date} | {} | judgement: {judgement}",
        m.kind.as_str()
    )
}

fn render_snippet(snippet: &Snippet, style: Style) -> String {
    let mut out = String::new();
    if let Some(section) = snippet.section {
        out.push_str(&style.dim(&format!("[{section}]")));
        out.push(' ');
    }
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
        let none = (facet.none > 0).then_some(("(none)", facet.none));
        let width = facet
            .counts
            .iter()
            .map(|v| v.value.chars().count())
            .chain(none.map(|(label, _)| label.len()))
            .max()
            .unwrap_or(0);
        for v in &facet.counts {
            writeln!(out, "  {:<width$}  {:>6}", v.value, v.count)?;
        }
        if let Some((label, n)) = none {
            writeln!(out, "  {}", style.dim(&format!("{label:<width$}  {n:>6}")))?;
        }
        if facet.hidden_values > 0 {
            let line = format!(
                "and {} more {} ({} {}; --facet-limit 0 shows all)",
                facet.hidden_values,
                if facet.hidden_values == 1 {
                    "value"
                } else {
                    "values"
                },
                facet.hidden_count,
                documents(facet.hidden_count as usize)
            );
            writeln!(out, "  {}", style.dim(&line))?;
        }
        if facet.counts.is_empty() && none.is_none() {
            writeln!(out, "  (no values)")?;
        }
        writeln!(out)?;
    }
    Ok(())
}

pub fn human_docs(out: &mut impl Write, records: &[DocRecord], style: Style) -> io::Result<()> {
    for r in records {
        writeln!(
            out,
            "{}  {}",
            style.dim(&safe(&r.path)),
            style.bold(&r.meta.title)
        )?;
        writeln!(out, "    {}", summary_line(r))?;
    }
    writeln!(
        out,
        "{}",
        style.dim(&format!("{} {}", records.len(), documents(records.len())))
    )
}

/// "document" or "documents", to follow a count.
pub fn documents(n: usize) -> &'static str {
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
        writeln!(out, "  skipped {}: {}", safe(&s.path), safe(&s.reason))?;
    }
    for w in &summary.warnings {
        writeln!(out, "  warning {}: {}", safe(&w.path), safe(&w.reason))?;
    }
    Ok(())
}

/// A day as `YYYY-MM-DD`, or `absent` when there is none.
fn day_or(d: Option<time::Date>, absent: &str) -> String {
    d.map_or_else(|| absent.to_string(), format_date)
}
