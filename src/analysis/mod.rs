//! Analyst views over the index: an authority's timeline, phrase trends over
//! time, and the documents related to a hit (an article and the inspection it
//! reports on).

pub mod chart;
pub mod related;
pub mod timeline;
pub mod trend;

use time::Date;

use crate::record::{DocRecord, parse_date};

/// The date a document sits at on a time line: its own date, else the end or
/// start of the inspection it records.
pub fn when(record: &DocRecord) -> Option<Date> {
    record
        .date
        .as_deref()
        .or(record.inspection_end.as_deref())
        .or(record.inspection_start.as_deref())
        .and_then(parse_date)
}

/// Whether a document is press coverage rather than an inspection document.
pub fn is_article(record: &DocRecord) -> bool {
    record.kind == "article"
}
