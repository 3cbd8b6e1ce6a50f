//! Picking, in one pass over fast columns, the latest graded document of each
//! authority on each of some days: the judgement, authority, day and path
//! columns of the documents of the kinds asked for (the query), nothing stored.

use std::collections::HashMap;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Column, StrColumn};
use tantivy::{DocAddress, DocId, Score, SegmentOrdinal, SegmentReader};
use time::Date;

use crate::error::{Error, Result};
use crate::fields;
use crate::record::date_days;
use crate::schema::col;
use crate::store::Opened;

/// A document that may be an authority's latest.
#[derive(Debug, Clone)]
pub struct Candidate {
    /// Day number of its day in time.
    pub(super) day: i64,
    /// Breaks ties between documents of the same day (copies of one report):
    /// the first path wins, as in `list`.
    pub(super) path: String,
    pub(super) addr: DocAddress,
    /// The overall judgement, to compare two days without reading the records.
    pub(super) judgement: String,
}

impl Candidate {
    /// Whether `self` is later than `other` (or as late, with the first path).
    fn beats(&self, other: &Candidate) -> bool {
        (self.day, std::cmp::Reverse(&self.path)) > (other.day, std::cmp::Reverse(&other.path))
    }
}

/// Picks, per day, the latest graded document of each authority from fast columns.
pub struct LatestCollector {
    /// The days, as day numbers.
    days: Vec<i64>,
    authority: String,
    judgement: String,
}

impl LatestCollector {
    pub(super) fn new(opened: &Opened, days: &[Date]) -> Result<LatestCollector> {
        let column = |name: &str| {
            fields::field(name)
                .and_then(|def| opened.fields.of(def))
                .map(|f| opened.fields.name(f).to_string())
                .ok_or_else(|| Error::Internal(format!("the field '{name}' is not indexed")))
        };
        Ok(LatestCollector {
            days: days.iter().map(|d| date_days(*d)).collect(),
            authority: column("authority")?,
            judgement: column("judgement")?,
        })
    }
}

/// An authority's latest day so far in a segment, and the documents of that day.
type Slot = Option<(i64, Vec<DocId>)>;

pub struct LatestSegment {
    segment: SegmentOrdinal,
    days: Vec<i64>,
    /// `None` when the segment holds no value of a column: nothing to pick.
    columns: Option<(StrColumn, StrColumn, Column<i64>, StrColumn)>,
    /// Per day, per authority ordinal: the latest day and its documents.
    best: Vec<Vec<Slot>>,
}

impl Collector for LatestCollector {
    type Fruit = Vec<HashMap<String, Candidate>>;
    type Child = LatestSegment;

    fn for_segment(
        &self,
        segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<LatestSegment> {
        let ff = reader.fast_fields();
        let columns = match (
            ff.str(&self.authority)?,
            ff.str(&self.judgement)?,
            ff.i64(col::DATE)?,
            ff.str(col::ID)?,
        ) {
            (Some(a), Some(j), day, Some(id)) => Some((a, j, day, id)),
            _ => None,
        };
        let terms = match &columns {
            Some(c) => crate::schema::column_terms(&c.0, reader)?,
            None => 0,
        };
        Ok(LatestSegment {
            segment,
            days: self.days.clone(),
            columns,
            best: vec![vec![None; terms]; self.days.len()],
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(
        &self,
        fruits: Vec<Vec<HashMap<String, Candidate>>>,
    ) -> tantivy::Result<Self::Fruit> {
        let mut merged: Vec<HashMap<String, Candidate>> = vec![HashMap::new(); self.days.len()];
        for fruit in fruits {
            for (total, part) in merged.iter_mut().zip(fruit) {
                for (authority, c) in part {
                    match total.get(&authority) {
                        Some(best) if !c.beats(best) => {}
                        _ => {
                            total.insert(authority, c);
                        }
                    }
                }
            }
        }
        Ok(merged)
    }
}

impl SegmentCollector for LatestSegment {
    type Fruit = Vec<HashMap<String, Candidate>>;

    fn collect(&mut self, doc: DocId, _score: Score) {
        let Some((authority, judgement, day, _)) = &self.columns else {
            return;
        };
        let Some(a) = authority.term_ords(doc).next() else {
            return;
        };
        if judgement.term_ords(doc).next().is_none() {
            return;
        }
        let Some(day) = day.first(doc) else {
            return;
        };
        for (best, limit) in self.best.iter_mut().zip(&self.days) {
            if day > *limit {
                continue;
            }
            let Some(slot) = best.get_mut(a as usize) else {
                continue;
            };
            match slot {
                Some((d, docs)) if day == *d => docs.push(doc),
                Some((d, _)) if day < *d => {}
                _ => *slot = Some((day, vec![doc])),
            }
        }
    }

    fn harvest(self) -> Self::Fruit {
        let Some((authority, judgement, _, id)) = &self.columns else {
            return vec![HashMap::new(); self.days.len()];
        };
        let text = |column: &StrColumn, doc: DocId| {
            let mut s = String::new();
            if let Some(ord) = column.term_ords(doc).next() {
                let _ = column.ord_to_str(ord, &mut s);
            }
            s
        };
        self.best
            .iter()
            .map(|best| {
                let mut winners = HashMap::new();
                for (ord, slot) in best.iter().enumerate() {
                    let Some((day, docs)) = slot else { continue };
                    let mut name = String::new();
                    if !matches!(authority.ord_to_str(ord as u64, &mut name), Ok(true)) {
                        continue;
                    }
                    let first = docs
                        .iter()
                        .map(|&doc| Candidate {
                            day: *day,
                            path: text(id, doc),
                            addr: DocAddress::new(self.segment, doc),
                            judgement: text(judgement, doc),
                        })
                        .reduce(|a, b| if b.beats(&a) { b } else { a });
                    if let Some(c) = first {
                        winners.insert(name, c);
                    }
                }
                winners
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_later_day_wins_then_the_first_path() {
        let c = |day, path: &str| Candidate {
            day,
            path: path.into(),
            addr: DocAddress::new(0, 0),
            judgement: "good".into(),
        };
        assert!(c(10, "b").beats(&c(9, "a")));
        assert!(c(10, "a").beats(&c(10, "b")));
        assert!(!c(10, "b").beats(&c(10, "a")));
        assert!(!c(9, "a").beats(&c(10, "z")));
    }
}
