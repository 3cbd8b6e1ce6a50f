//! `ofsearch trend QUERY`: matching documents per period, and the chart.

use std::io::Write;

use super::open::open_or_build;
use super::{ExitStatus, write_err};
use crate::analysis::{chart, trend::trend};
use crate::cli::TrendConfig;
use crate::error::Result;
use crate::output::{self, Style};
use crate::store::Store;

pub fn run(
    store: &Store,
    c: &TrendConfig,
    style: Style,
    out: &mut impl Write,
) -> Result<ExitStatus> {
    let opened = open_or_build(store, false)?;
    let today = time::OffsetDateTime::now_utc().date();
    let t = trend(&opened, &c.query, c.period, &c.filters, today)?;
    if let Some(path) = &c.svg {
        chart::write_svg(&t, path)?;
    }
    if c.json {
        output::json_trend(out, &t).map_err(write_err)?;
    } else if c.csv {
        output::csv::trend(out, &t).map_err(write_err)?;
    } else {
        output::human_trend(out, &t, style).map_err(write_err)?;
    }
    Ok(ExitStatus::found(
        t.rows.iter().any(|r| r.matching > 0) || t.undated > 0,
    ))
}
