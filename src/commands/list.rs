//! `ofsearch list`: every indexed document matching the filters.

use std::io::Write;

use super::open::open_or_build;
use super::{ExitStatus, write_err};
use crate::cli::ListConfig;
use crate::error::Result;
use crate::output::{self, Style};
use crate::search::list;
use crate::store::Store;

pub fn run(
    store: &Store,
    c: &ListConfig,
    style: Style,
    out: &mut impl Write,
) -> Result<ExitStatus> {
    let opened = open_or_build(store, false)?;
    let records = list(&opened, &c.filters)?;
    if c.json {
        output::json_docs(out, &records).map_err(write_err)?;
    } else if c.csv {
        output::csv::docs(out, &records).map_err(write_err)?;
    } else {
        output::human_docs(out, &records, style).map_err(write_err)?;
    }
    Ok(ExitStatus::Hit)
}
