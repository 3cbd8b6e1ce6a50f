//! Facet counts over the matching documents, read from fast columns in one pass.

use std::collections::HashMap;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Column, StrColumn};
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

use crate::error::{Error, Result};
use crate::fields::{self, FacetOrder, Type};

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
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct FacetValue {
    pub value: String,
    pub count: u64,
}

/// Counts the matching documents by each requested field.
pub struct FacetCollector {
    pub fields: Vec<&'static str>,
}

enum FieldColumn {
    Year(Column<i64>, HashMap<i64, u64>),
    Str(StrColumn, Vec<u64>),
    Missing,
}

pub struct FacetSegment {
    columns: Vec<FieldColumn>,
}

type SegmentFruit = Vec<HashMap<String, u64>>;

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
                        let n = c.num_terms();
                        FieldColumn::Str(c, vec![0; n])
                    }
                    None => FieldColumn::Missing,
                }
            };
            columns.push(column);
        }
        Ok(FacetSegment { columns })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<SegmentFruit>) -> tantivy::Result<Vec<FacetCounts>> {
        let mut merged: Vec<HashMap<String, u64>> = vec![HashMap::new(); self.fields.len()];
        for fruit in fruits {
            for (total, part) in merged.iter_mut().zip(fruit) {
                for (value, count) in part {
                    *total.entry(value).or_default() += count;
                }
            }
        }
        Ok(self
            .fields
            .iter()
            .zip(merged)
            .map(|(field, counts)| ordered(field, counts))
            .collect())
    }
}

impl SegmentCollector for FacetSegment {
    type Fruit = SegmentFruit;

    fn collect(&mut self, doc: DocId, _score: Score) {
        for column in &mut self.columns {
            match column {
                FieldColumn::Year(c, counts) => {
                    if let Some(y) = c.first(doc) {
                        *counts.entry(y).or_default() += 1;
                    }
                }
                FieldColumn::Str(c, counts) => {
                    for ord in c.term_ords(doc) {
                        if let Some(n) = counts.get_mut(ord as usize) {
                            *n += 1;
                        }
                    }
                }
                FieldColumn::Missing => {}
            }
        }
    }

    fn harvest(self) -> SegmentFruit {
        self.columns
            .into_iter()
            .map(|column| match column {
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
            })
            .collect()
    }
}

/// Time-like facets in value order; the others by count, then value.
fn ordered(field: &str, counts: HashMap<String, u64>) -> FacetCounts {
    let mut values: Vec<FacetValue> = counts
        .into_iter()
        .map(|(value, count)| FacetValue { value, count })
        .collect();
    let order = fields::field(field).and_then(|f| f.facet);
    if order == Some(FacetOrder::ByValue) {
        values.sort_by(|a, b| a.value.cmp(&b.value));
    } else {
        values.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
    }
    FacetCounts {
        field: field.to_string(),
        counts: values,
    }
}
