//! Printers: human (optionally coloured), JSON Lines and CSV. Search code never formats.

pub mod csv;
mod human;
pub mod json;
mod table;

pub use human::{
    Style, documents, human_docs, human_facets, human_index, human_results, human_timeline,
    human_trend,
};
pub use json::{
    doc_value, facet_value, hit_value, json_changes, json_docs, json_index, json_latest,
    json_results, json_timeline, json_trend, summary_value,
};
pub use table::{human_changes, human_latest};
