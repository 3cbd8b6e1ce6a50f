//! Facet counts over the matching documents, read from fast columns in one pass.
//!
//! Each facet also counts the matching documents that have no value for the
//! field (`none`), and copies of one document (a report saved as text and as
//! PDF, see `DocRecord::copy_key`) count once, so a facet's counts add up to the
//! number of documents found. A limit keeps the most frequent values and says
//! how many values (and documents) it left out.
//!
//! People's names (`inspector`) are counted by person: the forms of one name
//! (`Máire Atherton`, `Maire Atherton`; see `extract::person_key`) are one value,
//! a document counted once however many of them it has, shown in the form most
//! documents use.

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
    Names(NameColumn),
    Missing,
}

/// A names column with its values grouped by person key.
struct NameColumn {
    column: StrColumn,
    /// For each ordinal of the column, its person's group.
    group_of: Vec<usize>,
    /// Each group's key.
    keys: Vec<String>,
    /// Documents per ordinal (how often each written form is used).
    forms: Vec<u64>,
    /// Documents per group, each document once.
    groups: Vec<u64>,
}

impl NameColumn {
    fn new(column: StrColumn) -> NameColumn {
        let mut group_of = Vec::with_capacity(column.num_terms());
        let mut keys: Vec<String> = Vec::new();
        let mut index: HashMap<String, usize> = HashMap::new();
        // The dictionary read in order, each block once (one ordinal per term).
        if let Ok(mut terms) = column.dictionary().stream() {
            while terms.advance() {
                let key = std::str::from_utf8(terms.key())
                    .map(crate::schema::inspector_key)
                    .unwrap_or_default();
                let next = keys.len();
                let g = *index.entry(key.clone()).or_insert(next);
                if g == next {
                    keys.push(key);
                }
                group_of.push(g);
            }
        }
        NameColumn {
            forms: vec![0; group_of.len()],
            groups: vec![0; keys.len()],
            column,
            group_of,
            keys,
        }
    }
}

/// The written forms of each person met, with how many documents use each.
type Forms = HashMap<String, HashMap<String, u64>>;

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
    /// Per field, counts by value (by person key for names).
    counts: Vec<HashMap<String, u64>>,
    /// Per field, the written forms of each person key (names only).
    forms: Vec<Forms>,
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
            let ty = fields::field(name).map(|f| f.ty);
            let column = if ty == Some(Type::Year) {
                FieldColumn::Year(ff.i64(name)?, HashMap::new())
            } else {
                match ff.str(name)? {
                    Some(c) if ty == Some(Type::Names) => FieldColumn::Names(NameColumn::new(c)),
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
        let mut forms: Vec<Forms> = vec![HashMap::new(); n];
        let names: Vec<bool> = self
            .fields
            .iter()
            .map(|f| fields::field(f).is_some_and(|f| f.ty == Type::Names))
            .collect();
        let mut none = vec![0u64; n];
        let mut counted: std::collections::HashSet<u64> = Default::default();
        for fruit in fruits {
            for (total, part) in merged.iter_mut().zip(fruit.counts) {
                for (value, count) in part {
                    *total.entry(value).or_default() += count;
                }
            }
            for (total, part) in forms.iter_mut().zip(fruit.forms) {
                for (key, written) in part {
                    let entry = total.entry(key).or_default();
                    for (form, count) in written {
                        *entry.entry(form).or_default() += count;
                    }
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
                    if !names[i] {
                        for v in vals {
                            *merged[i].entry(v).or_default() += 1;
                        }
                        continue;
                    }
                    let mut keys: Vec<String> = Vec::new();
                    for v in vals {
                        let key = crate::schema::inspector_key(&v);
                        *forms[i]
                            .entry(key.clone())
                            .or_default()
                            .entry(v)
                            .or_default() += 1;
                        if !keys.contains(&key) {
                            keys.push(key);
                        }
                    }
                    for key in keys {
                        *merged[i].entry(key).or_default() += 1;
                    }
                }
            }
        }
        Ok(self
            .fields
            .iter()
            .zip(merged)
            .zip(forms)
            .zip(none)
            .map(|(((field, counts), forms), none)| {
                let counts = if forms.is_empty() {
                    counts
                } else {
                    by_display_form(counts, &forms)
                };
                ordered(field, counts, none, self.limit)
            })
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
                FieldColumn::Names(c) => {
                    let mut met: Vec<usize> = Vec::new();
                    for ord in c.column.term_ords(doc) {
                        let Some(&g) = c.group_of.get(ord as usize) else {
                            continue;
                        };
                        c.forms[ord as usize] += 1;
                        if !met.contains(&g) {
                            met.push(g);
                            c.groups[g] += 1;
                        }
                    }
                    if met.is_empty() {
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
        let forms = self.columns.iter().map(forms_of).collect();
        let counts = self.columns.into_iter().map(counts_of).collect();
        SegmentFruit {
            counts,
            forms,
            none: self.none,
            grouped,
        }
    }
}

/// The values one document has for a facet.
fn values_of(column: &FieldColumn, doc: DocId) -> Vec<String> {
    match column {
        FieldColumn::Year(c, _) => c.first(doc).map(|y| y.to_string()).into_iter().collect(),
        FieldColumn::Str(c, _) | FieldColumn::Names(NameColumn { column: c, .. }) => {
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
        FieldColumn::Names(c) => c
            .keys
            .into_iter()
            .zip(c.groups)
            .filter(|(_, n)| *n > 0)
            .collect(),
        FieldColumn::Missing => HashMap::new(),
    }
}

/// A names column's written forms by person key (empty for other columns).
fn forms_of(column: &FieldColumn) -> Forms {
    let mut out = Forms::new();
    let FieldColumn::Names(c) = column else {
        return out;
    };
    let (ords, ns): (Vec<u64>, Vec<u64>) = c
        .forms
        .iter()
        .enumerate()
        .filter(|(_, n)| **n > 0)
        .map(|(ord, n)| (ord as u64, *n))
        .unzip();
    let mut at = ords.iter().zip(ns);
    let _ = c
        .column
        .dictionary()
        .sorted_ords_to_term_cb(&ords, |bytes| {
            if let (Some((&ord, n)), Ok(value)) = (at.next(), std::str::from_utf8(bytes)) {
                let key = &c.keys[c.group_of[ord as usize]];
                *out.entry(key.clone())
                    .or_default()
                    .entry(value.to_string())
                    .or_default() += n;
            }
        });
    out
}

/// Counts by person key turned into counts by each person's display form.
fn by_display_form(counts: HashMap<String, u64>, forms: &Forms) -> HashMap<String, u64> {
    let mut out: HashMap<String, u64> = HashMap::with_capacity(counts.len());
    for (key, count) in counts {
        let shown = forms.get(&key).and_then(display_form).unwrap_or(key);
        *out.entry(shown).or_default() += count;
    }
    out
}

/// The form of a name to show: the one most documents use; on a tie the one
/// that keeps the most of the name's marks: accents (`Máire` over `Maire`),
/// hyphens and apostrophes (`Porter-Moore`), no middle initial, capitals
/// (`Jenny-Ellen` over `Jenny-ellen`); then the first in order.
fn display_form(written: &HashMap<String, u64>) -> Option<String> {
    let marks = |s: &str| {
        (
            s.chars().filter(|c| !c.is_ascii()).count(),
            s.chars().filter(|c| matches!(c, '-' | '\'')).count(),
            std::cmp::Reverse(s.split_whitespace().count()),
            s.chars().filter(|c| c.is_uppercase()).count(),
        )
    };
    written
        .iter()
        .max_by(|(a, na), (b, nb)| {
            na.cmp(nb)
                .then_with(|| marks(a).cmp(&marks(b)))
                .then_with(|| b.cmp(a))
        })
        .map(|(s, _)| s.clone())
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
