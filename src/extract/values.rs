//! The value types of extracted fields: the kind of document and Ofsted grades.

use serde::Serialize;

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
