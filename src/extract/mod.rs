//! Stage 2: metadata extraction from clean text.
//!
//! One file per field: authority (gazetteer), date, inspectors, judgement, kind,
//! title. Every rule is general (no rule keys on one document); fields that live at
//! the top of a document only look at its first few kilobytes.

mod authority;
mod date;
mod inspectors;
mod judgement;
mod kind;
mod title;

use serde::Serialize;
use time::Date;

pub use authority::{Authority, authorities, find_authority, find_region};

/// The kind of document, as in the CLI contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Ilacs,
    Sif,
    FocusedVisit,
    MonitoringVisit,
    AreaSend,
    Article,
    Other,
}

impl Kind {
    pub const ALL: [Kind; 7] = [
        Kind::Ilacs,
        Kind::Sif,
        Kind::FocusedVisit,
        Kind::MonitoringVisit,
        Kind::AreaSend,
        Kind::Article,
        Kind::Other,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Ilacs => "ilacs",
            Kind::Sif => "sif",
            Kind::FocusedVisit => "focused_visit",
            Kind::MonitoringVisit => "monitoring_visit",
            Kind::AreaSend => "area_send",
            Kind::Article => "article",
            Kind::Other => "other",
        }
    }
    pub fn parse(s: &str) -> Option<Kind> {
        let s = s.trim().to_ascii_lowercase().replace(['-', ' '], "_");
        Kind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// An Ofsted grade.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Judgement {
    Outstanding,
    Good,
    RequiresImprovement,
    Inadequate,
}

impl Judgement {
    pub const ALL: [Judgement; 4] = [
        Judgement::Outstanding,
        Judgement::Good,
        Judgement::RequiresImprovement,
        Judgement::Inadequate,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            Judgement::Outstanding => "outstanding",
            Judgement::Good => "good",
            Judgement::RequiresImprovement => "requires_improvement",
            Judgement::Inadequate => "inadequate",
        }
    }
    /// Accepts the contract's values and common spellings ("requires improvement").
    pub fn parse(s: &str) -> Option<Judgement> {
        let s = s.trim().to_ascii_lowercase().replace(['-', ' '], "_");
        match s.as_str() {
            "requires_improvement_to_be_good" | "ri" => Some(Judgement::RequiresImprovement),
            _ => Judgement::ALL.into_iter().find(|j| j.as_str() == s),
        }
    }
}

/// Sub-judgements of a full inspection (null when not given).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct SubJudgements {
    pub leadership: Option<Judgement>,
    pub help_and_protection: Option<Judgement>,
    pub children_in_care: Option<Judgement>,
    pub care_leavers: Option<Judgement>,
    pub adoption: Option<Judgement>,
    pub lscb: Option<Judgement>,
}

/// Everything extracted from one document.
#[derive(Debug, Clone)]
pub struct Metadata {
    pub title: String,
    pub kind: Kind,
    pub authority: Option<&'static Authority>,
    /// The document's own date (letter date, publication date, article date).
    pub date: Option<Date>,
    pub inspection_start: Option<Date>,
    pub inspection_end: Option<Date>,
    /// Inspectors, lead first.
    pub inspectors: Vec<String>,
    pub lead_inspector: Option<String>,
    pub judgement: Option<Judgement>,
    pub judgements: SubJudgements,
}

/// Bumped whenever ingestion or extraction rules change what a document yields:
/// `index` then re-reads every file instead of keeping stale metadata.
pub const EXTRACTOR_VERSION: u32 = 2;

impl Metadata {
    /// When the document belongs in time: its own date, or for a report that
    /// does not print one (ILACS) the last day of the inspection, else its first.
    /// `year`, `academic_year`, `--from/--to` and date sorting use this.
    pub fn when(&self) -> Option<Date> {
        self.date.or(self.inspection_end).or(self.inspection_start)
    }
}

/// Extract metadata from a document's clean text. `title_hint` is a title the
/// format supplied (HTML `<h1>`, front matter), if any. Never panics.
pub fn extract(text: &str, title_hint: Option<&str>) -> Metadata {
    let text = text.trim_start_matches('\u{feff}');
    let title = title::title(text, title_hint);
    let kind = kind::detect(text, &title);
    let date = date::document_date(text, kind);
    let dates = date::inspection_dates(text, kind, date);
    let authority = authority::detect(text, &title, date.or(dates.map(|d| d.1)));
    let (inspectors, lead_inspector) = if kind == Kind::Article {
        (Vec::new(), None)
    } else {
        inspectors::inspectors(text)
    };
    let (judgement, judgements) = judgement::judgements(text, kind, &title);
    Metadata {
        title,
        kind,
        authority,
        date,
        inspection_start: dates.map(|d| d.0),
        inspection_end: dates.map(|d| d.1),
        inspectors,
        lead_inspector,
        judgement,
        judgements,
    }
}

/// The first `n` bytes of `s`, cut back to a character boundary.
pub(crate) fn head(s: &str, n: usize) -> &str {
    &s[..floor_boundary(s, n)]
}

/// The largest character boundary of `s` at or below `i`.
pub(crate) fn floor_boundary(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Collapse every run of whitespace (line breaks included) to one space.
pub(crate) fn flatten(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use time::macros::date;

    fn seed(name: &str) -> Metadata {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("corpus")
            .join(name);
        let bytes = std::fs::read(&path).expect("seed file");
        let doc = crate::ingest::ingest_bytes(&path, &bytes).expect("ingest");
        extract(&doc.text, doc.title.as_deref())
    }

    #[test]
    fn seed_corpus() {
        let fv = seed("003_af001f87f6699c88.txt");
        assert_eq!(fv.kind, Kind::FocusedVisit);
        assert_eq!(fv.date, Some(date!(2020 - 12 - 18)));
        assert_eq!(fv.inspection_start, Some(date!(2020 - 11 - 03)));
        assert_eq!(fv.inspection_end, Some(date!(2020 - 11 - 05)));
        assert_eq!(
            fv.inspectors,
            [
                "Nigel Parkes",
                "Neil Penswick",
                "Lorna Schlechte",
                "Tracey Scott",
                "Jane Spilsbury"
            ]
        );
        assert_eq!(fv.lead_inspector.as_deref(), Some("Nigel Parkes"));
        assert_eq!(fv.judgement, None);
        assert_eq!(
            fv.title,
            "Focused visit to Wakefield local authority children's services"
        );
        let press = seed("000_c35806854fbd723d.txt");
        assert_eq!(press.kind, Kind::Article);
        assert_eq!(press.date, Some(date!(2019 - 11 - 01)));
        assert_eq!(press.judgement, None);
        let failing = seed("001_30e2441464bf96ee.txt");
        assert_eq!(failing.kind, Kind::Article);
        assert_eq!(failing.judgement, Some(Judgement::Inadequate));
        let good = seed("002_5379b5b609084cf1.txt");
        assert_eq!(good.judgement, Some(Judgement::Good));
        let ford = seed("004_216aedfa8a412451.txt");
        assert_eq!(ford.date, Some(date!(2018 - 12 - 13)));
        assert_eq!(ford.judgement, Some(Judgement::Inadequate));
        for m in [fv, press, failing, good, ford] {
            assert_eq!(
                m.authority.map(|a| a.la_code.as_str()),
                Some("384"),
                "{}",
                m.title
            );
            if m.kind == Kind::Article {
                assert!(m.inspectors.is_empty(), "{:?}", m.inspectors);
            }
        }
    }

    /// Pieces of real layouts, glued at random: every offset a rule slices at
    /// (800, 1500, 2500, 3000, 6000 bytes) lands inside multi-byte characters.
    const PIECES: [&str; 24] = [
        "Inspection dates: 12 to 23 November 2018\n",
        "Lead inspector: Nigel Parkes, Her Majesty's Inspector\n",
        "Judgement Grade\n\n",
        "The impact of leaders on social work Requires improvement to\n",
        "be good\n\n",
        "Overall effectiveness Good\n",
        "Dear Ms Wagner\n\n",
        "Focused visit to Wakefield children's services\n\n",
        "The inspectors were Nigel Parkes, HMI, and ",
        "Yours sincerely\n\nNigel Parkes\nHer Majesty's Inspector\n",
        "Ž",
        "é",
        "’",
        "😀",
        "\n\n",
        " ",
        "-",
        ":",
        "(",
        ")",
        "requires\n1. Children who need help and protection\nimprovement\n",
        "Report published: 31/02/2015\n",
        "The effectiveness of the LSCB requires\n",
        "Stoke-on-\nTrent Bury bury Reading Hull Solihull ",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]
        #[test]
        fn never_panics_on_any_text(s in "\\PC{0,400}") {
            let m = extract(&s, None);
            prop_assert!(m.title.len() <= 300);
        }

        #[test]
        fn never_panics_on_layout_fragments(ix in proptest::collection::vec(0usize..24, 0..900)) {
            let text: String = ix.iter().map(|&i| PIECES[i]).collect();
            let _ = extract(&text, Some(&text));
        }
    }
}
