//! Facet counts over the matching documents, read from fast columns in one pass.
//!
//! Each facet also counts the matching documents that have no value for the
//! field (`none`), and copies of one document (a report saved as text and as
//! PDF, see `DocRecord::copy_key`) count once, so a facet's counts add up to the
//! number of documents found. A limit keeps the most frequent values and says
//! how many values (and documents) it left out.

use std::collections::HashMap;
use std::sync::Arc;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Column, StrColumn};
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

use crate::error::{Error, Result};
use crate::fields::{self, FacetOrder, Type};
use crate::schema::col;

/// Check a facet name given by the user: a field of the registry that can be
/// faceted on.
pub fn facet_field(name: &str) -> Result<&'static str> {
    fields::field(name)
        .filter(|f| f.facet.is_some())
        .map(|f| f.name)
        .ok_or_else(|| {
            let names: Vec<&str> = fields::facet_fields().map(|f| f.name).collect();
            Error::Usage(format!(
                "cannot facet on '{name}' (facets: {})",
                names.join(", ")
            ))
        })
}

/// Counts of one facet, ordered for display.
#[derive(Debug, Clone, serde::Serialize)]
pub struct FacetCounts {
    pub field: String,
    pub counts: Vec<FacetValue>,
    /// Matching documents with no value for the field.
    pub none: u64,
    /// Values left out by the limit, and the documents they count.
    pub hidden_values: u64,
    pub hidden_count: u64,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct FacetValue {
    pub value: String,
    pub count: u64,
}

/// Counts the matching documents by each requested field.
pub struct FacetCollector {
    pub fields: Vec<&'static str>,
    /// Most values shown per facet (the most frequent; time-like facets keep
    /// their order); `None` for every value.
    pub limit: Option<usize>,
    /// Copy keys shared by several documents (sorted): each group counts once.
    /// Empty to count every document.
    pub groups: Arc<[u64]>,
}

impl FacetCollector {
    /// Every value of `fields`, every document counted.
    pub fn all(fields: Vec<&'static str>) -> FacetCollector {
        FacetCollector {
            fields,
            limit: None,
            groups: Arc::from(Vec::new()),
        }
    }
}

enum FieldColumn {
    Year(Column<i64>, HashMap<i64, u64>),
    Str(StrColumn, Vec<u64>),
    Missing,
}

pub struct FacetSegment {
    columns: Vec<FieldColumn>,
    none: Vec<u64>,
    groups: Arc<[u64]>,
    copy: Option<Column<u64>>,
    /// Documents of a copy group, counted at the merge (once per group).
    grouped: Vec<(u64, DocId)>,
}

/// A segment's counts: per field the values' counts and the documents with
/// none, plus each copy-group document met with its values.
pub struct SegmentFruit {
    counts: Vec<HashMap<String, u64>>,
    none: Vec<u64>,
    grouped: Vec<(u64, Vec<Vec<String>>)>,
}

impl Collector for FacetCollector {
    type Fruit = Vec<FacetCounts>;
    type Child = FacetSegment;

    fn for_segment(
        &self,
        _: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<FacetSegment> {
        let ff = segment.fast_fields();
        let mut columns = Vec::with_capacity(self.fields.len());
        for name in &self.fields {
            let numeric = fields::field(name).is_some_and(|f| f.ty == Type::Year);
            let column = if numeric {
                FieldColumn::Year(ff.i64(name)?, HashMap::new())
            } else {
                match ff.str(name)? {
                    Some(c) => {
                        let n = crate::schema::column_terms(&c, segment)?;
                        FieldColumn::Str(c, vec![0; n])
                    }
                    None => FieldColumn::Missing,
                }
            };
            columns.push(column);
        }
        let copy = if self.groups.is_empty() {
            None
        } else {
            Some(ff.u64(col::COPY)?)
        };
        Ok(FacetSegment {
            none: vec![0; columns.len()],
            columns,
            groups: self.groups.clone(),
            copy,
            grouped: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<SegmentFruit>) -> tantivy::Result<Vec<FacetCounts>> {
        let n = self.fields.len();
        let mut merged: Vec<HashMap<String, u64>> = vec![HashMap::new(); n];
        let mut none = vec![0u64; n];
        let mut counted: std::collections::HashSet<u64> = Default::default();
        for fruit in fruits {
            for (total, part) in merged.iter_mut().zip(fruit.counts) {
                for (value, count) in part {
                    *total.entry(value).or_default() += count;
                }
            }
            for (total, part) in none.iter_mut().zip(fruit.none) {
                *total += part;
            }
            // A copy group counts as its first document met.
            for (key, values) in fruit.grouped {
                if !counted.insert(key) {
                    continue;
                }
                for (i, vals) in values.into_iter().enumerate() {
                    if vals.is_empty() {
                        none[i] += 1;
                    }
                    for v in vals {
                        *merged[i].entry(v).or_default() += 1;
                    }
                }
            }
        }
        Ok(self
            .fields
            .iter()
            .zip(merged)
            .zip(none)
            .map(|((field, counts), none)| ordered(field, counts, none, self.limit))
            .collect())
    }
}

impl SegmentCollector for FacetSegment {
    type Fruit = SegmentFruit;

    fn collect(&mut self, doc: DocId, _score: Score) {
        if let Some(key) = self.copy.as_ref().and_then(|c| c.first(doc))
            && self.groups.binary_search(&key).is_ok()
        {
            self.grouped.push((key, doc));
            return;
        }
        for (column, none) in self.columns.iter_mut().zip(&mut self.none) {
            match column {
                FieldColumn::Year(c, counts) => match c.first(doc) {
                    Some(y) => *counts.entry(y).or_default() += 1,
                    None => *none += 1,
                },
                FieldColumn::Str(c, counts) => {
                    let mut any = false;
                    for ord in c.term_ords(doc) {
                        any = true;
                        if let Some(n) = counts.get_mut(ord as usize) {
                            *n += 1;
                        }
                    }
                    if !any {
                        *none += 1;
                    }
                }
                FieldColumn::Missing => *none += 1,
            }
        }
    }

    fn harvest(self) -> SegmentFruit {
        let grouped = self
            .grouped
            .iter()
            .map(|&(key, doc)| {
                (
                    key,
                    self.columns.iter().map(|c| values_of(c, doc)).collect(),
                )
            })
            .collect();
        let counts = self.columns.into_iter().map(counts_of).collect();
        SegmentFruit {
            counts,
            none: self.none,
            grouped,
        }
    }
}

/// The values one document has for a facet.
fn values_of(column: &FieldColumn, doc: DocId) -> Vec<String> {
    match column {
        FieldColumn::Year(c, _) => c.first(doc).map(|y| y.to_string()).into_iter().collect(),
        FieldColumn::Str(c, _) => {
            let mut out = Vec::new();
            for ord in c.term_ords(doc) {
                let mut value = String::new();
                if c.ord_to_str(ord, &mut value).unwrap_or(false) {
                    out.push(value);
                }
            }
            out
        }
        FieldColumn::Missing => Vec::new(),
    }
}

/// A segment's counts by value.
fn counts_of(column: FieldColumn) -> HashMap<String, u64> {
    match column {
        FieldColumn::Year(_, counts) => counts
            .into_iter()
            .map(|(y, n)| (y.to_string(), n))
            .collect(),
        FieldColumn::Str(c, counts) => {
            // Values decoded in ordinal order, each dictionary block once.
            let (ords, ns): (Vec<u64>, Vec<u64>) = counts
                .into_iter()
                .enumerate()
                .filter(|(_, n)| *n > 0)
                .map(|(ord, n)| (ord as u64, n))
                .unzip();
            let mut out = HashMap::with_capacity(ords.len());
            let mut n = ns.into_iter();
            let _ = c.dictionary().sorted_ords_to_term_cb(&ords, |bytes| {
                if let (Some(n), Ok(value)) = (n.next(), std::str::from_utf8(bytes)) {
                    out.insert(value.to_string(), n);
                }
            });
            out
        }
        FieldColumn::Missing => HashMap::new(),
    }
}

/// Time-like facets in value order; the others by count, then value. With a
/// limit, the most frequent values are kept (time-like ones stay in order).
fn ordered(
    field: &str,
    counts: HashMap<String, u64>,
    none: u64,
    limit: Option<usize>,
) -> FacetCounts {
    let mut values: Vec<FacetValue> = counts
        .into_iter()
        .map(|(value, count)| FacetValue { value, count })
        .collect();
    let by_count =
        |a: &FacetValue, b: &FacetValue| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value));
    values.sort_by(by_count);
    let (mut hidden_values, mut hidden_count) = (0, 0);
    if let Some(limit) = limit
        && values.len() > limit
    {
        for v in values.drain(limit..) {
            hidden_values += 1;
            hidden_count += v.count;
        }
    }
    let order = fields::field(field).and_then(|f| f.facet);
    if order == Some(FacetOrder::ByValue) {
        values.sort_by(|a, b| a.value.cmp(&b.value));
    }
    FacetCounts {
        field: field.to_string(),
        counts: values,
        none,
        hidden_values,
        hidden_count,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts(pairs: &[(&str, u64)]) -> HashMap<String, u64> {
        pairs.iter().map(|(v, n)| (v.to_string(), *n)).collect()
    }

    #[test]
    fn a_limit_keeps_the_most_frequent_and_counts_the_rest() {
        let f = ordered(
            "authority",
            counts(&[("Leeds", 5), ("Hull", 7), ("York", 1), ("Bury", 1)]),
            2,
            Some(2),
        );
        let shown: Vec<(&str, u64)> = f
            .counts
            .iter()
            .map(|v| (v.value.as_str(), v.count))
            .collect();
        assert_eq!(shown, [("Hull", 7), ("Leeds", 5)]);
        assert_eq!((f.hidden_values, f.hidden_count, f.none), (2, 2, 2));
    }

    #[test]
    fn time_like_facets_keep_value_order_under_a_limit() {
        let f = ordered(
            "year",
            counts(&[("2019", 1), ("2018", 9), ("2020", 4)]),
            0,
            Some(2),
        );
        let shown: Vec<&str> = f.counts.iter().map(|v| v.value.as_str()).collect();
        assert_eq!(shown, ["2018", "2020"]);
        assert_eq!((f.hidden_values, f.hidden_count), (1, 1));
    }
}
