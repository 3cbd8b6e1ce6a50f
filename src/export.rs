//! `ofsearch export --ndjson`: every document's metadata and clean text as
//! newline-delimited JSON, the input format of a Quickwit index built with
//! `quickwit/ofsearch-index.yaml`.

use crate::error::{Result, io_err};
use crate::output::doc_value;
use crate::search::{Filters, list_addressed, text_at};
use crate::store::Opened;
use serde_json::Value;
use std::io::Write;

#[derive(Debug, Default)]
pub struct ExportSummary {
    pub written: usize,
}

/// One exported document: the `list --json` fields without `type`, plus `text`.
pub fn export_value(record: &crate::record::DocRecord, text: &str) -> Value {
    let mut value = doc_value(record);
    if let Value::Object(map) = &mut value {
        map.shift_remove("type");
        map.insert("text".into(), Value::String(text.to_string()));
    }
    value
}

/// Write every document, in path order, with the text stored in the index (the
/// text that was indexed, even if the file changed since).
pub fn export(opened: &Opened, out: &mut dyn Write) -> Result<ExportSummary> {
    let mut summary = ExportSummary::default();
    for (record, addr) in list_addressed(opened, &Filters::default())? {
        let text = text_at(opened, addr)?;
        // Serialised in memory, so a closed pipe stays a `BrokenPipe` error.
        let mut line = serde_json::to_vec(&export_value(&record, &text))
            .map_err(|e| io_err("cannot write the export")(std::io::Error::other(e)))?;
        line.push(b'\n');
        out.write_all(&line)
            .map_err(io_err("cannot write the export"))?;
        summary.written += 1;
    }
    Ok(summary)
}
