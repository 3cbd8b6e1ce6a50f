//! `ofsearch export --ndjson`: every document's metadata and clean text as
//! newline-delimited JSON, the input format of a Quickwit index built with
//! `quickwit/ofsearch-index.yaml`.

use serde_json::Value;
use std::io::Write;
use std::path::Path;

use crate::error::{Result, io_err};
use crate::ingest::ingest_bytes;
use crate::output::doc_value;
use crate::search::{Filters, list};
use crate::store::Opened;

#[derive(Debug, Default)]
pub struct ExportSummary {
    pub written: usize,
    /// Documents whose source file could not be read again: (path, reason).
    pub missing: Vec<(String, String)>,
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

pub fn export(opened: &Opened, out: &mut dyn Write) -> Result<ExportSummary> {
    let mut summary = ExportSummary::default();
    for record in list(opened, &Filters::default())? {
        let text = std::fs::read(&record.source)
            .map_err(|e| e.to_string())
            .and_then(|bytes| {
                ingest_bytes(Path::new(&record.source), &bytes).map_err(|e| e.to_string())
            });
        match text {
            Ok(doc) => {
                serde_json::to_writer(&mut *out, &export_value(&record, &doc.text))
                    .map_err(|e| io_err("cannot write the export")(std::io::Error::other(e)))?;
                out.write_all(b"\n")
                    .map_err(io_err("cannot write the export"))?;
                summary.written += 1;
            }
            Err(reason) => summary.missing.push((record.path.clone(), reason)),
        }
    }
    Ok(summary)
}
