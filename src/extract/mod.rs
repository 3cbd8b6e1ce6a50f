//! Stage 2: metadata extraction from clean text and what ingest found besides it
//! ([`Hints`]: the format's own title, front matter left at the top of the text).
//!
//! One module per field: authority (gazetteer, name patterns, detection), date,
//! inspectors, judgement, kind, title; `values` holds the value types and `text`
//! the slicing helpers they share. Every rule is general (no rule keys on one
//! document); fields that live at the top of a document only look at its first few
//! kilobytes.

mod article_grade;
mod authority;
mod date;
mod inspectors;
mod judgement;
mod kind;
mod person;
pub mod sections;
mod text;
mod title;
mod values;

use time::Date;

use crate::ingest::{FrontMatter, Ingested};

pub use authority::{
    Authority, authorities, existed_on, find_authority, find_region, regions, resolve_authority,
};
pub use person::person_key;
pub use sections::{Section, SectionName, Sections};
pub use values::{Judgement, Kind, SubJudgements};

/// Everything extracted from one document.
#[derive(Debug, Clone)]
pub struct Metadata {
    pub title: String,
    pub kind: Kind,
    pub authority: Option<&'static Authority>,
    /// Canonical names of every authority the document is about, the main one
    /// first: `[authority]` for an inspection document, several (and `authority`
    /// none) for an article about several councils.
    pub authorities: Vec<String>,
    /// The document's own date (letter date, publication date, article date).
    pub date: Option<Date>,
    pub inspection_start: Option<Date>,
    pub inspection_end: Option<Date>,
    /// Inspectors, lead first.
    pub inspectors: Vec<String>,
    pub lead_inspector: Option<String>,
    pub judgement: Option<Judgement>,
    pub judgements: SubJudgements,
    /// The report's sections and improvement points (none for an article).
    pub sections: Sections,
}

impl Metadata {
    /// When the document belongs in time: its own date, or for a report that
    /// does not print one (ILACS) the last day of the inspection, else its first.
    /// `year`, `academic_year`, `--from/--to` and date sorting use this.
    pub fn when(&self) -> Option<Date> {
        self.date.or(self.inspection_end).or(self.inspection_start)
    }
}

/// Bumped whenever ingestion or extraction rules change what a document yields:
/// `index` then re-reads every file instead of keeping stale metadata.
pub const EXTRACTOR_VERSION: u32 = 7;

/// What ingest found besides the text: a title the format supplied (HTML
/// `<h1>`, Markdown front matter or heading, PDF info) and front matter left at
/// the top of the text.
#[derive(Debug, Clone, Copy, Default)]
pub struct Hints<'a> {
    pub title: Option<&'a str>,
    pub front_matter: Option<&'a FrontMatter>,
}

/// Extract metadata from an ingested document. Never panics.
pub fn extract(doc: &Ingested) -> Metadata {
    extract_with(
        &doc.text,
        Hints {
            title: doc.title.as_deref(),
            front_matter: doc.front_matter.as_ref(),
        },
    )
}

/// Extract metadata from a document's clean text and what ingest found besides
/// it. Never panics.
pub fn extract_with(text: &str, hints: Hints<'_>) -> Metadata {
    let whole = text;
    let text = text.trim_start_matches('\u{feff}');
    let fm = hints.front_matter;
    let title = title::title(text, hints.title, fm);
    let kind = kind::detect(text, &title, fm);
    let date = date::document_date(text, kind, fm);
    let dates = date::inspection_dates(text, kind, date);
    let about = authority::about(
        text,
        &title,
        date.or(dates.map(|d| d.1)),
        kind == Kind::Article,
    );
    let (inspectors, lead_inspector) = if kind == Kind::Article {
        (Vec::new(), None)
    } else {
        inspectors::inspectors(text)
    };
    let (judgement, judgements) = if kind == Kind::Article {
        // An article about several councils or national figures (or naming no
        // council at all) reports no one inspection's outcome.
        let reported = about
            .main
            .is_some()
            .then(|| article_grade::reported(text, &title, date))
            .flatten();
        (reported, SubJudgements::default())
    } else {
        judgement::judgements(text, kind, &title)
    };
    // Section offsets are into the text as given (a byte-order mark included).
    let mut sections = sections::sections(text, kind);
    let shift = whole.len() - text.len();
    for s in &mut sections.spans {
        s.start += shift;
        s.end += shift;
    }
    Metadata {
        title,
        kind,
        authority: about.main,
        authorities: about.all.iter().map(|a| a.name.clone()).collect(),
        date,
        inspection_start: dates.map(|d| d.0),
        inspection_end: dates.map(|d| d.1),
        inspectors,
        lead_inspector,
        judgement,
        judgements,
        sections,
    }
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
        extract(&doc)
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

    /// Front matter left at the top of a plain-text file (indented keys do not make
    /// it Markdown) is read once by ingest and handed on: its title and date
    /// decide, and the text keeps it.
    #[test]
    fn front_matter_of_a_plain_text_file_reaches_extraction() {
        let text = "---\n  title: \"Sefton children's services improve\"\n  date: \"27 June 2019\"\n---\n\n\
                    Sefton Council has improved its services for children.\n";
        let path = std::path::Path::new("note.txt");
        let doc = crate::ingest::ingest_bytes(path, text.as_bytes()).expect("ingest");
        assert_eq!(doc.format, crate::ingest::Format::Text);
        assert!(doc.text.starts_with("---\ntitle:"), "{}", doc.text);
        let fm = doc.front_matter.as_ref().expect("front matter");
        assert_eq!(fm.dates, ["27 June 2019"]);
        let m = extract(&doc);
        assert_eq!(m.title, "Sefton children's services improve");
        assert_eq!(m.date, Some(date!(2019 - 06 - 27)));
        let without = extract_with(&doc.text, Hints::default());
        assert_ne!(
            without.title, m.title,
            "the title came from the front matter"
        );
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
            let m = extract_with(&s, Hints::default());
            prop_assert!(m.title.len() <= 300);
        }

        #[test]
        fn never_panics_on_layout_fragments(ix in proptest::collection::vec(0usize..24, 0..900)) {
            let text: String = ix.iter().map(|&i| PIECES[i]).collect();
            let _ = extract_with(&text, Hints { title: Some(&text), front_matter: None });
        }
    }
}
