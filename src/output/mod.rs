//! Printers: human (optionally coloured) and JSON Lines. Search code never formats.

mod human;
pub mod json;

pub use human::{
    Style, documents, human_docs, human_facets, human_index, human_results, human_timeline,
    human_trend,
};
pub use json::{
    doc_value, facet_value, hit_value, json_docs, json_facets, json_index, json_results,
    json_timeline, json_trend, summary_value,
};
