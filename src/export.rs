//! `ofsearch export --ndjson`: every document's metadata and clean text as
//! newline-delimited JSON, the input format of a Quickwit index built with
//! `quickwit/ofsearch-index.yaml`.

use crate::error::{Result, io_err};
use crate::fields::Printed;
use crate::output::json::ExportLine;
use crate::search::{Filters, list_addressed};
use crate::store::Opened;
use std::io::Write;

#[derive(Debug, Default)]
pub struct ExportSummary {
    pub written: usize,
}

/// Write every document, in path order, with the text stored in the index (the
/// text that was indexed, even if the file changed since).
pub fn export(opened: &Opened, out: &mut dyn Write) -> Result<ExportSummary> {
    let mut summary = ExportSummary::default();
    for (record, addr) in list_addressed(opened, &Filters::default())? {
        let text = opened.text_at(addr, &record)?;
        let line = ExportLine {
            doc: Printed(&record),
            text: &text,
        };
        crate::output::json::write_line(out, &line).map_err(io_err("cannot write the export"))?;
        summary.written += 1;
    }
    Ok(summary)
}
