//! The record of one indexed document, and the date forms it uses.

use serde::Serialize;
use time::Date;

use crate::extract::{Judgement, Kind, Metadata, Sections, SubJudgements};
use crate::ingest::Format;

/// The first 8 bytes of the BLAKE3 hash of `bytes`: the 64-bit hashes the index
/// keeps (file contents, copy keys, long-text names).
pub fn hash64(bytes: &[u8]) -> u64 {
    let h = blake3::hash(bytes);
    let mut first = [0u8; 8];
    first.copy_from_slice(&h.as_bytes()[..8]);
    u64::from_le_bytes(first)
}

/// Everything ofsearch knows about a document: where it came from, how it was
/// read, and the metadata extracted from it. Stored in the index as JSON and
/// printed through the field registry (`crate::fields`), which decides the
/// names, order and form of every field.
#[derive(Debug, Clone)]
pub struct DocRecord {
    /// The file, as found under the corpus directory given.
    pub path: String,
    /// Absolute path of the source file: the document's identity in the index
    /// (stored, not printed; snippets come from the stored text, not this file).
    pub source: String,
    pub format: Format,
    pub meta: Metadata,
    /// The file beside the index that holds the whole clean text, when it is
    /// longer than what is stored with the document ([`crate::long_text`]).
    pub long_text: Option<String>,
}

impl DocRecord {
    pub fn new(path: String, source: String, format: Format, meta: Metadata) -> DocRecord {
        DocRecord {
            path,
            source,
            format,
            meta,
            long_text: None,
        }
    }

    /// A record with nothing known, to be filled in (reading a stored record).
    pub fn empty() -> DocRecord {
        DocRecord::new(
            String::new(),
            String::new(),
            Format::Text,
            Metadata {
                title: String::new(),
                kind: Kind::Other,
                authority: None,
                authorities: Vec::new(),
                date: None,
                inspection_start: None,
                inspection_end: None,
                inspectors: Vec::new(),
                lead_inspector: None,
                judgement: None,
                judgements: SubJudgements::default(),
                sections: Sections::default(),
            },
        )
    }

    /// When the document belongs in time (see [`Metadata::when`]).
    pub fn when(&self) -> Option<Date> {
        self.meta.when()
    }

    /// Whether the document is press coverage rather than an inspection document.
    pub fn is_article(&self) -> bool {
        self.meta.kind == Kind::Article
    }

    /// The canonical name of the authority the document is about.
    pub fn authority_name(&self) -> Option<&str> {
        self.meta.authority.map(|a| a.name.as_str())
    }

    /// The key shared by copies of one document (the same report saved as text
    /// and as PDF): the same authority, kind, title, stated date, inspection
    /// dates and judgements. Articles (different articles can agree on all of
    /// that) and documents with no date or no authority have none. `timeline`
    /// merges copies and search counts them once by this rule.
    pub fn copy_key(&self) -> Option<u64> {
        let m = &self.meta;
        if self.is_article() || self.when().is_none() || m.authority.is_none() {
            return None;
        }
        let title: String = m
            .title
            .chars()
            .filter(|c| c.is_alphanumeric() || c.is_whitespace())
            .flat_map(char::to_lowercase)
            .collect::<String>()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let day = |d: Option<Date>| d.map(format_date).unwrap_or_default();
        let grades: Vec<String> = self
            .judgements()
            .iter()
            .map(|(k, v)| format!("{k}={}", v.as_str()))
            .collect();
        let text = [
            m.authority.map_or("", |a| a.la_code.as_str()).to_string(),
            m.kind.as_str().to_string(),
            title,
            day(m.date),
            day(m.inspection_start),
            day(m.inspection_end),
            m.judgement.map_or("", |j| j.as_str()).to_string(),
            grades.join(","),
        ]
        .join("\u{1f}");
        // 0 stands for "no key" in the index's column.
        Some(hash64(text.as_bytes()).max(1))
    }

    /// A short reference to this document.
    pub fn reference(&self) -> DocRef {
        DocRef {
            path: self.path.clone(),
            title: self.meta.title.clone(),
            kind: self.meta.kind,
            date: self.when(),
            judgement: self.meta.judgement,
        }
    }
}

/// A short reference to a document (the related documents of a hit, the
/// articles under a timeline entry).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocRef {
    pub path: String,
    pub title: String,
    pub kind: Kind,
    #[serde(serialize_with = "day_opt")]
    pub date: Option<Date>,
    pub judgement: Option<Judgement>,
}

/// A day as `YYYY-MM-DD` in JSON.
pub fn day_opt<S: serde::Serializer>(d: &Option<Date>, s: S) -> Result<S::Ok, S::Error> {
    match d {
        Some(d) => s.serialize_str(&format_date(*d)),
        None => s.serialize_none(),
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
