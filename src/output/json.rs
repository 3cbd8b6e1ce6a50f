//! The JSON Lines contract: every object ofsearch prints (CLI `--json`, `list
//! --json`, `index --json`, `export`) and serves (`/api/...`) is one variant of
//! [`Line`], tagged by its `type`.

use serde::Serialize;
use serde::ser::SerializeMap;
use std::collections::BTreeMap;
use std::io::{self, Write};

use crate::analysis::latest::{self, AuthorityRow, Change, Changes, Direction, Latest};
use crate::analysis::timeline::{Entry, Timeline};
use crate::analysis::trend::{Row, Trend};
use crate::facets::FacetCounts;
use crate::fields::{FieldDef, JUDGEMENTS_KEY, Placement, Printed, Val};
use crate::index::IndexSummary;
use crate::record::{DocRecord, DocRef, format_date};
use crate::search::{Hit, SearchResults};
use crate::snippet::Snippet;

/// One JSON Lines object.
#[derive(Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Line<'a> {
    Hit(HitLine<'a>),
    Facet(&'a FacetCounts),
    /// `{"type":"note","text":...}`: a word no document holds, and what to try.
    Note {
        text: &'a str,
    },
    Summary(Summary<'a>),
    Doc(Printed<'a>),
    Timeline(TimelineLine<'a>),
    Trend(TrendLine<'a>),
    Index(&'a IndexSummary),
    Latest(LatestLine<'a>),
    Change(ChangeLine<'a>),
}

/// A search hit: rank, score, the document's fields, snippets, related documents.
#[derive(Serialize)]
pub struct HitLine<'a> {
    pub rank: usize,
    pub score: f64,
    #[serde(flatten)]
    pub doc: Printed<'a>,
    pub snippets: &'a [Snippet],
    /// The other files holding the same document, when there are any.
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    pub copies: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    pub related: Option<&'a [DocRef]>,
}

impl<'a> HitLine<'a> {
    pub fn of(hit: &'a Hit) -> HitLine<'a> {
        HitLine {
            rank: hit.rank,
            score: round(f64::from(hit.score), 1000.0),
            doc: Printed(&hit.record),
            snippets: &hit.snippets,
            copies: &hit.copies,
            related: hit.related.as_deref(),
        }
    }
}

/// The last line of a search or a trend.
#[derive(Serialize)]
#[serde(untagged)]
pub enum Summary<'a> {
    Search {
        total_hits: u64,
        returned: usize,
        elapsed_ms: f64,
    },
    Trend {
        query: &'a str,
        by: &'a str,
        total_hits: u64,
        undated: u64,
    },
    Latest(LatestSummary<'a>),
    Changes(ChangesSummary<'a>),
}

impl Summary<'_> {
    pub fn of_search(results: &SearchResults) -> Summary<'static> {
        Summary::Search {
            total_hits: results.total_hits,
            returned: results.hits.len(),
            elapsed_ms: round(results.elapsed_ms, 1000.0),
        }
    }

    pub fn of_trend(t: &Trend) -> Summary<'_> {
        Summary::Trend {
            query: &t.query,
            by: t.by,
            total_hits: t.rows.iter().map(|r| r.matching).sum::<u64>() + t.undated,
            undated: t.undated,
        }
    }
}

/// One entry of an authority's timeline.
#[derive(Serialize)]
pub struct TimelineLine<'a> {
    pub authority: &'a str,
    pub la_code: &'a str,
    #[serde(flatten)]
    pub entry: &'a Entry,
}

/// One period of a trend.
#[derive(Serialize)]
pub struct TrendLine<'a> {
    pub by: &'a str,
    pub period: &'a str,
    pub matching: u64,
    pub total: u64,
    pub share: f64,
}

impl<'a> TrendLine<'a> {
    pub fn of(t: &'a Trend, r: &'a Row) -> TrendLine<'a> {
        TrendLine {
            by: t.by,
            period: &r.period,
            matching: r.matching,
            total: r.total,
            share: round(r.share, 10000.0),
        }
    }
}

/// One authority of `latest`: the day, the authority, whether it has a graded
/// inspection, and that inspection's printed fields (null when it has none).
pub struct LatestLine<'a> {
    pub as_of: time::Date,
    pub row: &'a AuthorityRow,
}

impl Serialize for LatestLine<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(None)?;
        map.serialize_entry("as_of", &format_date(self.as_of))?;
        let value = |f: &FieldDef| self.row.value(f);
        write_fields(&mut map, latest::authority_fields(), value)?;
        map.serialize_entry("inspected", &self.row.latest().is_some())?;
        write_fields(&mut map, latest::document_fields(), value)?;
        map.end()
    }
}

/// One authority of `latest --changes`: both days, the direction, the
/// authority, and the two documents (`from_*` null when there was none).
pub struct ChangeLine<'a> {
    pub changes: &'a Changes,
    pub change: &'a Change,
}

impl Serialize for ChangeLine<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let c = self.change;
        let mut map = s.serialize_map(None)?;
        map.serialize_entry("from", &format_date(self.changes.from))?;
        map.serialize_entry("to", &format_date(self.changes.to))?;
        map.serialize_entry("direction", c.direction().as_str())?;
        let row = AuthorityRow::new(c.authority, None);
        write_fields(&mut map, latest::authority_fields(), |f| row.value(f))?;
        for (side, record) in [("from", c.from.as_ref()), ("to", Some(&c.to))] {
            for f in latest::change_fields() {
                let v = record.map_or(Val::Null, |r| f.value(r));
                map.serialize_entry(&format!("{side}_{}", f.json_key()), &v.to_json())?;
            }
        }
        map.end()
    }
}

/// The last line of `latest`: authorities per grade of their latest inspection.
pub struct LatestSummary<'a>(pub &'a Latest);

impl Serialize for LatestSummary<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let l = self.0;
        let counts = l.counts();
        let mut map = s.serialize_map(None)?;
        map.serialize_entry("as_of", &format_date(l.as_of))?;
        map.serialize_entry("kinds", &kind_names(&l.kinds))?;
        map.serialize_entry("authorities", &counts.total())?;
        for (grade, n) in &counts.grades {
            map.serialize_entry(grade.as_str(), n)?;
        }
        map.serialize_entry("not_inspected", &counts.not_inspected)?;
        map.end()
    }
}

/// The last line of `latest --changes`: changes by direction.
pub struct ChangesSummary<'a>(pub &'a Changes);

impl Serialize for ChangesSummary<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let c = self.0;
        let mut map = s.serialize_map(None)?;
        map.serialize_entry("from", &format_date(c.from))?;
        map.serialize_entry("to", &format_date(c.to))?;
        map.serialize_entry("kinds", &kind_names(&c.kinds))?;
        map.serialize_entry("authorities", &c.compared)?;
        map.serialize_entry("changed", &c.changes.len())?;
        for d in [Direction::Improved, Direction::Declined, Direction::Graded] {
            map.serialize_entry(d.as_str(), &c.count(d))?;
        }
        map.end()
    }
}

fn kind_names(kinds: &[crate::extract::Kind]) -> Vec<&'static str> {
    kinds.iter().map(|k| k.as_str()).collect()
}

/// Write registry fields into a JSON map, the sub-judgements as one
/// `judgements` object (non-null grades only, as in a document's JSON).
fn write_fields<'v, M: SerializeMap>(
    map: &mut M,
    fields: impl Iterator<Item = &'static FieldDef>,
    value: impl Fn(&FieldDef) -> Val<'v>,
) -> Result<(), M::Error> {
    let mut subs: Option<BTreeMap<&str, serde_json::Value>> = None;
    for f in fields {
        if f.placement == Placement::Judgements {
            let v = value(f);
            let subs = subs.get_or_insert_with(BTreeMap::new);
            if !v.is_null() {
                subs.insert(f.json_key(), v.to_json());
            }
            continue;
        }
        if let Some(subs) = subs.take() {
            map.serialize_entry(JUDGEMENTS_KEY, &subs)?;
        }
        map.serialize_entry(f.json_key(), &value(f).to_json())?;
    }
    if let Some(subs) = subs {
        map.serialize_entry(JUDGEMENTS_KEY, &subs)?;
    }
    Ok(())
}

/// An exported document: its printed fields and its clean text (no `type`:
/// the input of a Quickwit index).
#[derive(Serialize)]
pub struct ExportLine<'a> {
    #[serde(flatten)]
    pub doc: Printed<'a>,
    pub text: &'a str,
}

fn round(x: f64, scale: f64) -> f64 {
    (x * scale).round() / scale
}

/// One JSON line. Serialised in memory first, so that a write error reaches the
/// caller as the `io::Error` it is (a closed pipe must stay `BrokenPipe`).
pub fn write_line(out: &mut (impl Write + ?Sized), value: &impl Serialize) -> io::Result<()> {
    let mut line = serde_json::to_vec(value).map_err(io::Error::other)?;
    line.push(b'\n');
    out.write_all(&line)
}

pub fn json_results(out: &mut impl Write, results: &SearchResults) -> io::Result<()> {
    for hit in &results.hits {
        write_line(out, &Line::Hit(HitLine::of(hit)))?;
    }
    json_facets(out, &results.facets)?;
    for text in &results.notes {
        write_line(out, &Line::Note { text })?;
    }
    write_line(out, &Line::Summary(Summary::of_search(results)))
}

pub fn json_facets(out: &mut impl Write, facets: &[FacetCounts]) -> io::Result<()> {
    for facet in facets {
        write_line(out, &Line::Facet(facet))?;
    }
    Ok(())
}

pub fn json_docs(out: &mut impl Write, records: &[DocRecord]) -> io::Result<()> {
    for r in records {
        write_line(out, &Line::Doc(Printed(r)))?;
    }
    Ok(())
}

pub fn json_timeline(out: &mut impl Write, t: &Timeline) -> io::Result<()> {
    for entry in &t.entries {
        let line = TimelineLine {
            authority: &t.authority,
            la_code: &t.la_code,
            entry,
        };
        write_line(out, &Line::Timeline(line))?;
    }
    Ok(())
}

pub fn json_trend(out: &mut impl Write, t: &Trend) -> io::Result<()> {
    for r in &t.rows {
        write_line(out, &Line::Trend(TrendLine::of(t, r)))?;
    }
    write_line(out, &Line::Summary(Summary::of_trend(t)))
}

pub fn json_latest(out: &mut impl Write, l: &Latest) -> io::Result<()> {
    for row in &l.rows {
        let line = LatestLine {
            as_of: l.as_of,
            row,
        };
        write_line(out, &Line::Latest(line))?;
    }
    write_line(out, &Line::Summary(Summary::Latest(LatestSummary(l))))
}

pub fn json_changes(out: &mut impl Write, c: &Changes) -> io::Result<()> {
    for change in &c.changes {
        let line = ChangeLine { changes: c, change };
        write_line(out, &Line::Change(line))?;
    }
    write_line(out, &Line::Summary(Summary::Changes(ChangesSummary(c))))
}

pub fn json_index(out: &mut impl Write, summary: &IndexSummary) -> io::Result<()> {
    write_line(out, &Line::Index(summary))
}

/// A JSON value of a line, for the web API's combined documents.
pub fn value(line: &Line<'_>) -> serde_json::Value {
    serde_json::to_value(line).unwrap_or(serde_json::Value::Null)
}

/// A hit as the JSON object printed by `--json` (also served by the web API).
pub fn hit_value(hit: &Hit) -> serde_json::Value {
    value(&Line::Hit(HitLine::of(hit)))
}

/// A facet as the JSON object printed by `--json`.
pub fn facet_value(facet: &FacetCounts) -> serde_json::Value {
    value(&Line::Facet(facet))
}

/// The summary line printed by `--json`.
pub fn summary_value(results: &SearchResults) -> serde_json::Value {
    value(&Line::Summary(Summary::of_search(results)))
}

/// A document's metadata as the JSON object printed by `list --json`.
pub fn doc_value(record: &DocRecord) -> serde_json::Value {
    value(&Line::Doc(Printed(record)))
}
