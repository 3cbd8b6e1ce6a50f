//! `ofsearch bench-query` (hidden): the in-process latency of a query, for benchmarks.

use std::io::Write;
use std::time::Instant;

use super::{ExitStatus, write_err};
use crate::cli::BenchQueryConfig;
use crate::error::Result;
use crate::search::search;
use crate::store::Store;

pub fn run(store: &Store, c: &BenchQueryConfig, out: &mut impl Write) -> Result<ExitStatus> {
    let opened = store.open()?;
    let mut times = Vec::with_capacity(c.runs);
    let mut total = 0;
    for _ in 0..c.runs {
        let started = Instant::now();
        total = search(&opened, &c.request)?.total_hits;
        times.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(f64::total_cmp);
    let pick = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize];
    let v = serde_json::json!({
        "median_ms": pick(0.5), "p90_ms": pick(0.9), "runs": c.runs, "total_hits": total
    });
    writeln!(out, "{v}").map_err(write_err)?;
    Ok(ExitStatus::Hit)
}
