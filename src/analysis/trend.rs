//! `ofsearch trend PHRASE`: matching documents per period, and their share of
//! all documents of that period, so a busy year does not look like a trend.

use serde::Serialize;
use std::collections::BTreeMap;

use crate::error::Result;
use crate::search::{Filters, SearchRequest, Sort, facet_all, search};
use crate::store::Opened;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    Year,
    AcademicYear,
}

impl Period {
    pub fn field(self) -> &'static str {
        match self {
            Period::Year => "year",
            Period::AcademicYear => "academic_year",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Row {
    pub period: String,
    /// Documents of the period that match.
    pub matching: u64,
    /// All documents of the period (after filters).
    pub total: u64,
    /// `matching / total`, 0 when the period has no documents.
    pub share: f64,
    /// The period is not over yet (it holds today): its counts will grow.
    #[serde(skip)]
    pub partial: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct Trend {
    pub query: String,
    pub by: &'static str,
    pub rows: Vec<Row>,
    /// Matching documents without a date (not in any period).
    pub undated: u64,
    /// The filters, as a chart's title says them (`kind: ilacs, authority:
    /// Wakefield`); empty without filters.
    #[serde(skip)]
    pub filters: String,
}

/// Whether the period labelled `label` holds `day`.
pub fn holds(period: Period, label: &str, day: time::Date) -> bool {
    let Some(start) = start_year(label) else {
        return false;
    };
    match period {
        Period::Year => day.year() == start,
        Period::AcademicYear => {
            let academic = if u8::from(day.month()) >= 9 {
                day.year()
            } else {
                day.year() - 1
            };
            academic == start
        }
    }
}

/// Filters as words for a title: `kind: ilacs, authority: Wakefield`.
pub fn describe(filters: &Filters) -> String {
    filters
        .terms
        .iter()
        .map(|(f, v)| format!("{}: {}", f.replace('_', " "), v.replace('_', " ")))
        .collect::<Vec<_>>()
        .join(", ")
}

/// First year of a period label (`2019` or `2019/20`).
fn start_year(label: &str) -> Option<i32> {
    label.split('/').next()?.parse().ok()
}

fn label(period: Period, year: i32) -> String {
    match period {
        Period::Year => year.to_string(),
        Period::AcademicYear => format!("{}/{:02}", year, (year + 1).rem_euclid(100)),
    }
}

/// Combine per-period counts: every period between the first and the last one
/// with documents appears, so gaps show as zeros.
pub fn rows(period: Period, matching: &[(String, u64)], totals: &[(String, u64)]) -> Vec<Row> {
    let matching: BTreeMap<i32, u64> = matching
        .iter()
        .filter_map(|(l, n)| Some((start_year(l)?, *n)))
        .collect();
    let totals: BTreeMap<i32, u64> = totals
        .iter()
        .filter_map(|(l, n)| Some((start_year(l)?, *n)))
        .collect();
    let (Some(first), Some(last)) = (
        totals.keys().next().copied(),
        totals.keys().next_back().copied(),
    ) else {
        return Vec::new();
    };
    (first..=last)
        .map(|y| {
            let m = matching.get(&y).copied().unwrap_or(0);
            let t = totals.get(&y).copied().unwrap_or(0);
            Row {
                period: label(period, y),
                matching: m,
                total: t,
                share: if t == 0 { 0.0 } else { m as f64 / t as f64 },
                partial: false,
            }
        })
        .collect()
}

/// The trend of `query` by `period`; the period holding `today` is marked partial.
pub fn trend(
    opened: &Opened,
    query: &str,
    period: Period,
    filters: &Filters,
    today: time::Date,
) -> Result<Trend> {
    let field = period.field();
    let request = SearchRequest {
        query: query.to_string(),
        filters: filters.clone(),
        facets: vec![field],
        limit: 0,
        offset: 0,
        sort: Sort::Relevance,
        count_only: true,
        max_snippets: 0,
        ..SearchRequest::default()
    };
    let found = search(opened, &request)?;
    let pairs = |counts: &[crate::facets::FacetCounts]| -> Vec<(String, u64)> {
        counts
            .iter()
            .flat_map(|f| f.counts.iter().map(|v| (v.value.clone(), v.count)))
            .collect()
    };
    let matching = pairs(&found.facets);
    let totals = pairs(&facet_all(opened, filters, vec![field])?);
    let dated: u64 = matching.iter().map(|(_, n)| n).sum();
    let mut rows = rows(period, &matching, &totals);
    for r in &mut rows {
        r.partial = holds(period, &r.period, today);
    }
    Ok(Trend {
        query: query.to_string(),
        by: field,
        rows,
        undated: found.total_hits.saturating_sub(dated),
        filters: describe(filters),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(v: &[(&str, u64)]) -> Vec<(String, u64)> {
        v.iter().map(|(a, n)| (a.to_string(), *n)).collect()
    }

    #[test]
    fn shares_are_normalised_and_gaps_filled() {
        let r = rows(
            Period::Year,
            &p(&[("2018", 2), ("2020", 1)]),
            &p(&[("2018", 4), ("2020", 10), ("2021", 5)]),
        );
        let got: Vec<(&str, u64, u64)> = r
            .iter()
            .map(|r| (r.period.as_str(), r.matching, r.total))
            .collect();
        assert_eq!(
            got,
            [
                ("2018", 2, 4),
                ("2019", 0, 0),
                ("2020", 1, 10),
                ("2021", 0, 5)
            ]
        );
        assert_eq!(r[0].share, 0.5);
        assert_eq!(r[1].share, 0.0);
    }

    #[test]
    fn academic_years_keep_their_labels() {
        let r = rows(
            Period::AcademicYear,
            &p(&[("2019/20", 1)]),
            &p(&[("2018/19", 2), ("2019/20", 2)]),
        );
        assert_eq!(r[1].period, "2019/20");
        assert_eq!(r[0].period, "2018/19");
        assert_eq!(r[1].share, 0.5);
    }

    #[test]
    fn the_period_holding_a_day() {
        let day = time::macros::date!(2026 - 03 - 01);
        assert!(holds(Period::Year, "2026", day));
        assert!(!holds(Period::Year, "2025", day));
        assert!(holds(Period::AcademicYear, "2025/26", day));
        assert!(!holds(Period::AcademicYear, "2026/27", day));
        let autumn = time::macros::date!(2026 - 09 - 01);
        assert!(holds(Period::AcademicYear, "2026/27", autumn));
    }

    #[test]
    fn no_documents_no_rows() {
        assert!(rows(Period::Year, &[], &[]).is_empty());
    }
}
