//! The metadata record of one indexed document: stored in the index as JSON and
//! printed by `list`, `search --json` and the human printer.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use time::Date;

use crate::extract::Metadata;
use crate::ingest::Format;

/// Everything ofsearch knows about a document, in output form.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct DocRecord {
    /// The file, as found under the corpus directory given.
    pub path: String,
    pub title: String,
    pub kind: String,
    pub authority: Option<String>,
    pub la_code: Option<String>,
    pub ons_code: Option<String>,
    pub region: Option<String>,
    pub date: Option<String>,
    pub year: Option<i32>,
    pub academic_year: Option<String>,
    pub inspection_start: Option<String>,
    pub inspection_end: Option<String>,
    pub inspectors: Vec<String>,
    pub lead_inspector: Option<String>,
    pub judgement: Option<String>,
    /// Sub-judgements of a full inspection, by name; empty when none were given.
    pub judgements: BTreeMap<String, String>,
    pub format: String,
    /// Absolute path of the source file: the document's identity in the index
    /// (stored, not printed; snippets come from the stored text, not this file).
    pub source: String,
}

impl DocRecord {
    pub fn new(path: String, source: String, format: Format, meta: &Metadata) -> DocRecord {
        let sub = &meta.judgements;
        let judgements = [
            ("leadership", sub.leadership),
            ("help_and_protection", sub.help_and_protection),
            ("children_in_care", sub.children_in_care),
            ("care_leavers", sub.care_leavers),
            ("adoption", sub.adoption),
            ("lscb", sub.lscb),
        ]
        .into_iter()
        .filter_map(|(k, v)| v.map(|j| (k.to_string(), j.as_str().to_string())))
        .collect();
        DocRecord {
            path,
            title: meta.title.clone(),
            kind: meta.kind.as_str().to_string(),
            authority: meta.authority.map(|a| a.name.clone()),
            la_code: meta.authority.map(|a| a.la_code.clone()),
            ons_code: meta.authority.map(|a| a.ons_code.clone()),
            region: meta.authority.map(|a| a.region.clone()),
            date: meta.date.map(format_date),
            year: meta.when().map(|d| d.year()),
            academic_year: meta.when().map(academic_year),
            inspection_start: meta.inspection_start.map(format_date),
            inspection_end: meta.inspection_end.map(format_date),
            inspectors: meta.inspectors.clone(),
            lead_inspector: meta.lead_inspector.clone(),
            judgement: meta.judgement.map(|j| j.as_str().to_string()),
            judgements,
            format: format.as_str().to_string(),
            source,
        }
    }
}

/// `YYYY-MM-DD`.
pub fn format_date(d: Date) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
}

/// Parse `YYYY-MM-DD`.
pub fn parse_date(s: &str) -> Option<Date> {
    let mut it = s.trim().splitn(3, '-');
    let y: i32 = it.next()?.parse().ok()?;
    let m: u8 = it.next()?.parse().ok()?;
    let d: u8 = it.next()?.parse().ok()?;
    Date::from_calendar_date(y, time::Month::try_from(m).ok()?, d).ok()
}

/// Days since 1970-01-01, the date's fast-field value.
pub fn date_days(d: Date) -> i64 {
    i64::from(d.to_julian_day()) - i64::from(time::macros::date!(1970 - 01 - 01).to_julian_day())
}

/// The academic year (September to August) a date falls in, written `2019/20`.
pub fn academic_year(d: Date) -> String {
    let start = if u8::from(d.month()) >= 9 {
        d.year()
    } else {
        d.year() - 1
    };
    format!("{}/{:02}", start, (start + 1).rem_euclid(100))
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn academic_year_turns_in_september() {
        assert_eq!(academic_year(date!(2019 - 08 - 31)), "2018/19");
        assert_eq!(academic_year(date!(2019 - 09 - 01)), "2019/20");
        assert_eq!(academic_year(date!(1999 - 12 - 01)), "1999/00");
    }

    #[test]
    fn dates_round_trip_and_count_days() {
        let d = date!(2020 - 12 - 18);
        assert_eq!(parse_date(&format_date(d)), Some(d));
        assert_eq!(date_days(date!(1970 - 01 - 02)), 1);
        assert_eq!(parse_date("2020-13-01"), None);
        assert_eq!(parse_date("abc"), None);
    }
}
