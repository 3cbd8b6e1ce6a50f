//! The human printers of `latest`: aligned tables, one row per authority (or
//! per change), and the summary line the official tables give.

use std::io::{self, Write};

use super::human::Style;
use crate::analysis::latest::{AuthorityRow, Change, Changes, Direction, Latest};
use crate::extract::{Judgement, Kind};
use crate::fields::{self, FieldDef};
use crate::path_text::terminal_safe;
use crate::record::{DocRecord, format_date};

/// `requires_improvement` -> `requires improvement`.
fn words(value: &str) -> String {
    value.replace('_', " ")
}

fn grade(j: Option<Judgement>) -> String {
    j.map_or_else(|| "-".to_string(), |j| words(j.as_str()))
}

fn day(d: Option<time::Date>) -> String {
    d.map_or_else(|| "-".to_string(), format_date)
}

fn kinds(kinds: &[Kind]) -> String {
    kinds
        .iter()
        .map(|k| k.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The day an inspection counts from in a table: its last day (or first).
fn inspected(r: &DocRecord) -> String {
    day(r.meta.inspection_end.or(r.meta.inspection_start))
}

/// Print `rows` under `header`, each column as wide as its widest cell, the
/// last one unpadded.
fn aligned(
    out: &mut impl Write,
    header: &[String],
    rows: &[Vec<String>],
    style: Style,
) -> io::Result<()> {
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let line = |cells: &[String]| {
        let mut s = String::new();
        for (i, (cell, w)) in cells.iter().zip(&widths).enumerate() {
            if i > 0 {
                s.push_str("  ");
            }
            s.push_str(cell);
            if i + 1 < cells.len() {
                s.push_str(&" ".repeat(w.saturating_sub(cell.chars().count())));
            }
        }
        s.trim_end().to_string()
    };
    writeln!(out, "{}", style.bold(&line(header)))?;
    for row in rows {
        writeln!(out, "{}", line(row))?;
    }
    Ok(())
}

/// The sub-judgements graded in at least one row, in registry order.
fn graded_subs(rows: &[AuthorityRow]) -> Vec<&'static FieldDef> {
    fields::sub_judgement_fields()
        .filter(|f| rows.iter().any(|r| !r.value(f).is_null()))
        .collect()
}

pub fn human_latest(out: &mut impl Write, l: &Latest, style: Style) -> io::Result<()> {
    let subs = graded_subs(&l.rows);
    let mut header: Vec<String> = ["authority", "la code", "kind", "inspected", "published"]
        .map(String::from)
        .to_vec();
    header.push("judgement".into());
    header.extend(subs.iter().map(|f| words(f.name)));
    header.extend(["lead inspector", "path"].map(String::from));
    let rows: Vec<Vec<String>> = l
        .rows
        .iter()
        .map(|row| {
            let a = row.authority;
            let mut cells = vec![a.name.clone(), a.la_code.clone()];
            match row.latest() {
                Some(r) => {
                    cells.push(r.meta.kind.as_str().to_string());
                    cells.push(inspected(r));
                    cells.push(day(r.meta.date));
                    cells.push(grade(r.meta.judgement));
                    cells.extend(subs.iter().map(|f| match row.value(f).to_text() {
                        t if t.is_empty() => "-".to_string(),
                        t => words(&t),
                    }));
                    cells.push(r.meta.lead_inspector.clone().unwrap_or("-".into()));
                    cells.push(terminal_safe(&r.path).into_owned());
                }
                None => {
                    cells.extend(["-", "-", "-", "not inspected"].map(String::from));
                    cells.extend(subs.iter().map(|_| "-".to_string()));
                    cells.extend(["-", "-"].map(String::from));
                }
            }
            cells
        })
        .collect();
    aligned(out, &header, &rows, style)?;
    let counts = l.counts();
    let mut parts: Vec<String> = counts
        .grades
        .iter()
        .map(|(g, n)| format!("{n} {}", words(g.as_str())))
        .collect();
    parts.push(format!("{} not inspected", counts.not_inspected));
    writeln!(
        out,
        "{}",
        style.dim(&format!(
            "{} {} as of {} ({}): {}",
            counts.total(),
            authorities(counts.total()),
            format_date(l.as_of),
            kinds(&l.kinds),
            parts.join(", ")
        ))
    )
}

fn side(r: Option<&DocRecord>) -> [String; 3] {
    match r {
        Some(r) => [
            grade(r.meta.judgement),
            r.meta.kind.as_str().into(),
            inspected(r),
        ],
        None => ["none".into(), "-".into(), "-".into()],
    }
}

pub fn human_changes(out: &mut impl Write, c: &Changes, style: Style) -> io::Result<()> {
    let from = format_date(c.from);
    let to = format_date(c.to);
    let header: Vec<String> = vec![
        "authority".into(),
        "la code".into(),
        format!("as of {from}"),
        "kind".into(),
        "inspected".into(),
        format!("as of {to}"),
        "kind".into(),
        "inspected".into(),
        "change".into(),
        "path".into(),
    ];
    let rows: Vec<Vec<String>> = c
        .changes
        .iter()
        .map(|ch: &Change| {
            let mut cells = vec![ch.authority.name.clone(), ch.authority.la_code.clone()];
            cells.extend(side(ch.from.as_ref()));
            cells.extend(side(Some(&ch.to)));
            cells.push(ch.direction().as_str().to_string());
            cells.push(terminal_safe(&ch.to.path).into_owned());
            cells
        })
        .collect();
    aligned(out, &header, &rows, style)?;
    writeln!(
        out,
        "{}",
        style.dim(&format!(
            "{} of {} {} changed between {from} and {to} ({}): {} improved, {} declined, {} graded for the first time",
            c.changes.len(),
            c.compared,
            authorities(c.compared),
            kinds(&c.kinds),
            c.count(Direction::Improved),
            c.count(Direction::Declined),
            c.count(Direction::Graded),
        ))
    )
}

fn authorities(n: usize) -> &'static str {
    if n == 1 { "authority" } else { "authorities" }
}
