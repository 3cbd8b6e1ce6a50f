//! Stage 2: metadata extraction from clean text.
//!
//! One file per field: authority, date, inspectors, judgement, kind, title.

use serde::Serialize;
use time::Date;

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

/// A local authority from the reference list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Authority {
    pub name: String,
    pub la_code: String,
    pub ons_code: String,
    pub region: String,
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

/// Extract metadata from a document's clean text. `title_hint` is a title the
/// format supplied (HTML `<h1>`, front matter), if any. Never panics.
pub fn extract(text: &str, title_hint: Option<&str>) -> Metadata {
    let title = title_hint
        .map(str::to_string)
        .or_else(|| {
            text.lines()
                .find(|l| !l.trim().is_empty())
                .map(|l| l.trim().to_string())
        })
        .unwrap_or_default();
    Metadata {
        title,
        kind: Kind::Other,
        authority: None,
        date: None,
        inspection_start: None,
        inspection_end: None,
        inspectors: Vec::new(),
        lead_inspector: None,
        judgement: None,
        judgements: SubJudgements::default(),
    }
}

// TEMPORARY shims so the rest of the crate compiles while the gazetteer is written
// (extract owner: replace these with the real gazetteer functions, same signatures).
/// Resolve a user-typed authority name to the reference authority.
pub fn find_authority(name: &str) -> Option<&'static Authority> {
    let _ = name;
    None
}
/// Resolve a user-typed region name to its canonical spelling.
pub fn find_region(name: &str) -> Option<&'static str> {
    let _ = name;
    None
}
