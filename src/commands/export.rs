//! `ofsearch export`: every document as newline-delimited JSON, to stdout or a file.

use std::io::{BufWriter, Write};

use super::open::open_or_build;
use super::{ExitStatus, write_err};
use crate::cli::ExportConfig;
use crate::error::{Result, io_err};
use crate::export::export;
use crate::output::documents;
use crate::store::Store;

pub fn run(store: &Store, c: &ExportConfig, out: &mut impl Write) -> Result<ExitStatus> {
    let opened = open_or_build(store, false)?;
    let Some(path) = &c.output else {
        export(&opened, out)?;
        return Ok(ExitStatus::Hit);
    };
    let file =
        std::fs::File::create(path).map_err(io_err(format!("cannot create {}", path.display())))?;
    let mut w = BufWriter::new(file);
    let summary = export(&opened, &mut w)?;
    w.flush().map_err(write_err)?;
    let _ = writeln!(
        std::io::stderr(),
        "ofsearch: exported {} {}",
        summary.written,
        documents(summary.written as usize)
    );
    Ok(ExitStatus::Hit)
}
