//! The CSV printers (`--csv`): one table per command, RFC 4180 (the `csv`
//! crate; quoted where needed, CRLF line ends), a header row, one value per
//! cell. Cells hold the `--json` values: nulls empty, lists joined with `; `,
//! each sub-judgement its own column named after its field. A search prints
//! its facet counts (`field,value,count`) when facets are asked for, else its
//! hits (rank, score, the printed fields and the copies' paths; snippets are
//! left to the other formats). Control characters other than line breaks and
//! tabs (an escape sequence in a file name) are written `\xHH`, so that a table
//! shown in a terminal cannot drive it.

use std::io::{self, Write};

use ::csv::{Terminator, WriterBuilder};

use crate::path_text::terminal_safe_lines;

use super::json::{HitLine, TrendLine};
use crate::analysis::latest::{self, Changes, Latest};
use crate::analysis::timeline::Timeline;
use crate::analysis::trend::Trend;
use crate::facets::FacetCounts;
use crate::fields::{self, FieldDef, Placement};
use crate::record::{DocRecord, format_date};
use crate::search::SearchResults;

/// A CSV table being written.
struct Table<W: Write> {
    writer: ::csv::Writer<W>,
}

impl<W: Write> Table<W> {
    fn new<S: AsRef<str>>(out: W, header: impl IntoIterator<Item = S>) -> io::Result<Table<W>> {
        let writer = WriterBuilder::new()
            .terminator(Terminator::CRLF)
            .from_writer(out);
        let mut table = Table { writer };
        table.row(header)?;
        Ok(table)
    }

    fn row<S: AsRef<str>>(&mut self, cells: impl IntoIterator<Item = S>) -> io::Result<()> {
        self.writer
            .write_record(
                cells
                    .into_iter()
                    .map(|c| terminal_safe_lines(c.as_ref()).into_owned()),
            )
            .map_err(io_error)
    }

    /// Flush what the writer holds: an error here (a closed pipe) must reach
    /// the caller, not be dropped with the writer.
    fn finish(mut self) -> io::Result<()> {
        self.writer.flush()
    }
}

/// The `io::Error` inside a CSV error, so a closed pipe stays `BrokenPipe`.
fn io_error(e: ::csv::Error) -> io::Error {
    match e.into_kind() {
        ::csv::ErrorKind::Io(e) => e,
        other => io::Error::other(format!("{other:?}")),
    }
}

/// The registry fields a document prints, in registry order.
fn printed_fields() -> impl Iterator<Item = &'static FieldDef> {
    fields::FIELDS
        .iter()
        .filter(|f| f.placement != Placement::StoredOnly)
}

fn headers(fields: impl Iterator<Item = &'static FieldDef>) -> Vec<String> {
    fields.map(|f| f.json_key().to_string()).collect()
}

fn record_cells(record: &DocRecord) -> impl Iterator<Item = String> + '_ {
    printed_fields().map(|f| f.value(record).to_text())
}

/// `list --csv`: every printed field of each document.
pub fn docs(out: &mut impl Write, records: &[DocRecord]) -> io::Result<()> {
    let mut t = Table::new(out, headers(printed_fields()))?;
    for r in records {
        t.row(record_cells(r))?;
    }
    t.finish()
}

/// A search's hits: rank, score, the printed fields, the paths of the
/// document's other copies, and the related documents' paths when asked for.
pub fn hits(out: &mut impl Write, results: &SearchResults) -> io::Result<()> {
    let related = results.hits.iter().any(|h| h.related.is_some());
    let mut header = vec!["rank".to_string(), "score".to_string()];
    header.extend(headers(printed_fields()));
    header.push("copies".into());
    if related {
        header.push("related".into());
    }
    let mut t = Table::new(out, header)?;
    for hit in &results.hits {
        let line = HitLine::of(hit);
        let mut cells = vec![line.rank.to_string(), line.score.to_string()];
        cells.extend(record_cells(&hit.record));
        cells.push(paths(hit.copies.iter().map(String::as_str)));
        if related {
            cells.push(paths(hit.related.iter().flatten().map(|r| r.path.as_str())));
        }
        t.row(cells)?;
    }
    t.finish()
}

/// Facet tables as one: `field,value,count` per value.
pub fn facets(out: &mut impl Write, facets: &[FacetCounts]) -> io::Result<()> {
    let mut t = Table::new(out, ["field", "value", "count"])?;
    for f in facets {
        for v in &f.counts {
            t.row([f.field.as_str(), v.value.as_str(), &v.count.to_string()])?;
        }
    }
    t.finish()
}

/// `--count --csv` without facets: the number of matching documents.
pub fn count(out: &mut impl Write, total_hits: u64) -> io::Result<()> {
    let mut t = Table::new(out, ["total_hits"])?;
    t.row([total_hits.to_string()])?;
    t.finish()
}

/// A timeline: one row per entry, its copies and articles as paths.
pub fn timeline(out: &mut impl Write, tl: &Timeline) -> io::Result<()> {
    let subs: Vec<&FieldDef> = fields::sub_judgement_fields().collect();
    let mut header: Vec<String> = [
        "authority",
        "la_code",
        "path",
        "title",
        "kind",
        "date",
        "inspection_start",
        "inspection_end",
        "judgement",
    ]
    .map(String::from)
    .to_vec();
    header.extend(subs.iter().map(|f| f.json_key().to_string()));
    header.extend(["lead_inspector", "copies", "articles"].map(String::from));
    let mut t = Table::new(out, header)?;
    let day = |d: Option<time::Date>| d.map(format_date).unwrap_or_default();
    for e in &tl.entries {
        let mut cells = vec![
            tl.authority.clone(),
            tl.la_code.clone(),
            e.path.clone(),
            e.title.clone(),
            e.kind.as_str().to_string(),
            day(e.date),
            day(e.inspection_start),
            day(e.inspection_end),
            e.judgement.map(|j| j.as_str()).unwrap_or_default().into(),
        ];
        cells.extend(subs.iter().map(|f| {
            e.judgements
                .get(f.name)
                .map(|j| j.as_str())
                .unwrap_or_default()
                .to_string()
        }));
        cells.push(e.lead_inspector.clone().unwrap_or_default());
        cells.push(paths(e.copies.iter().map(String::as_str)));
        cells.push(paths(e.articles.iter().map(|a| a.path.as_str())));
        t.row(cells)?;
    }
    t.finish()
}

/// A trend: one row per period (the undated count is in the other formats only).
pub fn trend(out: &mut impl Write, tr: &Trend) -> io::Result<()> {
    let mut t = Table::new(out, ["by", "period", "matching", "total", "share"])?;
    for r in &tr.rows {
        let line = TrendLine::of(tr, r);
        t.row([
            line.by.to_string(),
            line.period.to_string(),
            line.matching.to_string(),
            line.total.to_string(),
            line.share.to_string(),
        ])?;
    }
    t.finish()
}

/// `latest --csv`: one row per authority, as `latest --json` (the per-grade
/// counts of its summary line are the table's own to count).
pub fn latest(out: &mut impl Write, l: &Latest) -> io::Result<()> {
    let mut header = vec!["as_of".to_string()];
    header.extend(headers(latest::authority_fields()));
    header.push("inspected".into());
    header.extend(headers(latest::document_fields()));
    let mut t = Table::new(out, header)?;
    let as_of = format_date(l.as_of);
    for row in &l.rows {
        let mut cells = vec![as_of.clone()];
        cells.extend(latest::authority_fields().map(|f| row.value(f).to_text()));
        cells.push(row.latest().is_some().to_string());
        cells.extend(latest::document_fields().map(|f| row.value(f).to_text()));
        t.row(cells)?;
    }
    t.finish()
}

/// `latest --changes --csv`: one row per change, as `--json`.
pub fn changes(out: &mut impl Write, c: &Changes) -> io::Result<()> {
    let mut header: Vec<String> = ["from", "to", "direction"].map(String::from).to_vec();
    header.extend(headers(latest::authority_fields()));
    for side in ["from", "to"] {
        header.extend(latest::change_fields().map(|f| format!("{side}_{}", f.json_key())));
    }
    let mut t = Table::new(out, header)?;
    for change in &c.changes {
        let mut cells = vec![
            format_date(c.from),
            format_date(c.to),
            change.direction().as_str().to_string(),
        ];
        let row = latest::AuthorityRow::new(change.authority, None);
        cells.extend(latest::authority_fields().map(|f| row.value(f).to_text()));
        for record in [change.from.as_ref(), Some(&change.to)] {
            cells.extend(
                latest::change_fields()
                    .map(|f| record.map(|r| f.value(r).to_text()).unwrap_or_default()),
            );
        }
        t.row(cells)?;
    }
    t.finish()
}

fn paths<'a>(paths: impl Iterator<Item = &'a str>) -> String {
    paths.collect::<Vec<_>>().join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_quoted_where_needed_and_rows_end_in_crlf() {
        let mut out = Vec::new();
        let mut t = Table::new(&mut out, ["a", "b"]).unwrap();
        t.row(["x, y", "say \"hi\"\nthere"]).unwrap();
        t.finish().unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "a,b\r\n\"x, y\",\"say \"\"hi\"\"\nthere\"\r\n"
        );
    }

    /// A writer whose reader has gone away.
    struct Closed;

    impl Write for Closed {
        fn write(&mut self, _: &[u8]) -> io::Result<usize> {
            Err(io::ErrorKind::BrokenPipe.into())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_closed_pipe_is_reported_as_one() {
        let e = docs(&mut Closed, &[DocRecord::empty()]).unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::BrokenPipe);
    }
}
