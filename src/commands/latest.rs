//! `ofsearch latest`: every authority's latest graded inspection as of a day,
//! or the authorities whose judgement changed between two days.

use std::io::Write;

use super::open::open_or_build;
use super::{ExitStatus, write_err};
use crate::analysis::latest::{changes, latest};
use crate::cli::{LatestConfig, LatestWhen};
use crate::error::Result;
use crate::output::{self, Style};
use crate::store::Store;

pub fn run(
    store: &Store,
    c: &LatestConfig,
    style: Style,
    out: &mut impl Write,
) -> Result<ExitStatus> {
    let opened = open_or_build(store, false)?;
    let any = match c.when {
        LatestWhen::AsOf(day) => {
            let l = latest(&opened, &c.request, day)?;
            if c.json {
                output::json_latest(out, &l)
            } else if c.csv {
                output::csv::latest(out, &l)
            } else {
                output::human_latest(out, &l, style)
            }
            .map_err(write_err)?;
            !l.rows.is_empty()
        }
        LatestWhen::Changes(from, to) => {
            let ch = changes(&opened, &c.request, from, to)?;
            if c.json {
                output::json_changes(out, &ch)
            } else if c.csv {
                output::csv::changes(out, &ch)
            } else {
                output::human_changes(out, &ch, style)
            }
            .map_err(write_err)?;
            !ch.changes.is_empty()
        }
    };
    Ok(ExitStatus::found(any))
}
