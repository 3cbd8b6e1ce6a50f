//! `ofsearch timeline AUTHORITY`: a council's inspections in date order.

use std::io::Write;

use super::open::open_or_build;
use super::{ExitStatus, write_err};
use crate::analysis::timeline::timeline;
use crate::cli::TimelineConfig;
use crate::error::Result;
use crate::output::{self, Style};
use crate::store::Store;

pub fn run(
    store: &Store,
    c: &TimelineConfig,
    style: Style,
    out: &mut impl Write,
) -> Result<ExitStatus> {
    let opened = open_or_build(store, false)?;
    let t = timeline(&opened, c.authority)?;
    if c.json {
        output::json_timeline(out, &t).map_err(write_err)?;
    } else if c.csv {
        output::csv::timeline(out, &t).map_err(write_err)?;
    } else {
        output::human_timeline(out, &t, style).map_err(write_err)?;
    }
    Ok(ExitStatus::found(!t.entries.is_empty()))
}
