//! A trend as an SVG bar chart (plotters), fit to publish: the query and its
//! filters in the title, the share of each period's documents that match on a
//! y axis in %, each bar with its period below it and its counts above it (all
//! placed from the same bar centre, so they line up), a period with no
//! documents at all shown as a gap ("no documents"), not as 0 %, and the period
//! still under way (it holds today) drawn lighter and marked "so far".

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use std::path::Path;

use super::trend::Trend;
use crate::error::{Error, Result};

const HEIGHT: u32 = 460;
const BAR: RGBColor = RGBColor(49, 99, 149);
const PARTIAL: RGBColor = RGBColor(168, 192, 218);
const MUTED: RGBColor = RGBColor(110, 118, 126);

pub fn write_svg(trend: &Trend, path: &Path) -> Result<()> {
    let fail = |e: String| Error::Usage(format!("cannot write chart {}: {e}", path.display()));
    let mut svg = String::new();
    draw(trend, &mut svg).map_err(|e| fail(format!("drawing failed: {e}")))?;
    std::fs::write(path, svg).map_err(|e| fail(e.to_string()))
}

/// The y axis' top, in %: a little above the highest share, at least 1 %.
fn y_top(trend: &Trend) -> f64 {
    let max = trend
        .rows
        .iter()
        .filter(|r| r.total > 0)
        .map(|r| r.share * 100.0)
        .fold(0.0f64, f64::max);
    (max * 1.18).max(1.0)
}

/// The chart's title lines: what is counted, then the filters (if any).
fn titles(trend: &Trend) -> (String, Option<String>) {
    let by = trend.by.replace('_', " ");
    let what = if trend.query.trim().is_empty() {
        format!("Share of documents per {by}")
    } else {
        format!("{}: share of documents per {by}", trend.query.trim())
    };
    let filters = (!trend.filters.is_empty()).then(|| format!("Documents with {}", trend.filters));
    (what, filters)
}

/// Draw the chart as SVG text (written to the file only when complete).
fn draw(trend: &Trend, svg: &mut String) -> std::result::Result<(), String> {
    let n = trend.rows.len().max(1);
    let width = (140 + 56 * n as u32).clamp(520, 1800);
    let root = SVGBackend::with_string(svg, (width, HEIGHT)).into_drawing_area();
    root.fill(&WHITE).map_err(|e| e.to_string())?;
    let (title, subtitle) = titles(trend);
    let centre = Pos::new(HPos::Center, VPos::Top);
    let w = i32::try_from(width).unwrap_or(i32::MAX);
    root.draw(&Text::new(
        title,
        (w / 2, 10),
        ("sans-serif", 18).into_font().color(&BLACK).pos(centre),
    ))
    .map_err(|e| e.to_string())?;
    let top = if let Some(sub) = subtitle {
        root.draw(&Text::new(
            sub,
            (w / 2, 34),
            ("sans-serif", 13).into_font().color(&MUTED).pos(centre),
        ))
        .map_err(|e| e.to_string())?;
        58
    } else {
        40
    };
    let partial = trend.rows.iter().any(|r| r.partial);
    let bottom = if partial { 30 } else { 12 };
    let area = root.margin(top, bottom, 16, 16);
    let y_max = y_top(trend);
    let decimals = if y_max < 5.0 { 1 } else { 0 };
    let mut chart = ChartBuilder::on(&area)
        .x_label_area_size(34)
        .y_label_area_size(60)
        .build_cartesian_2d(-0.5f64..(n as f64 - 0.5), 0.0..y_max)
        .map_err(|e| e.to_string())?;
    chart
        .configure_mesh()
        .disable_x_mesh()
        .x_labels(0)
        .y_desc("% of the period's documents")
        .y_label_formatter(&|v| format!("{v:.decimals$} %"))
        .draw()
        .map_err(|e| e.to_string())?;
    let label_font = ("sans-serif", 12).into_font().color(&BLACK);
    let small = ("sans-serif", 11).into_font();
    for (i, r) in trend.rows.iter().enumerate() {
        let x = i as f64;
        if r.total > 0 {
            let colour = if r.partial { PARTIAL } else { BAR };
            chart
                .draw_series([Rectangle::new(
                    [(x - 0.36, 0.0), (x + 0.36, r.share * 100.0)],
                    colour.filled(),
                )])
                .map_err(|e| e.to_string())?;
            let counts = if r.partial {
                format!("{}/{} so far", r.matching, r.total)
            } else {
                format!("{}/{}", r.matching, r.total)
            };
            chart
                .draw_series([Text::new(
                    counts,
                    (x, r.share * 100.0 + y_max * 0.01),
                    small
                        .clone()
                        .color(&BLACK)
                        .pos(Pos::new(HPos::Center, VPos::Bottom)),
                )])
                .map_err(|e| e.to_string())?;
        } else {
            // No document of the period at all: a gap, not a 0 % bar.
            chart
                .draw_series([Text::new(
                    "no documents",
                    (x, y_max * 0.02),
                    small
                        .clone()
                        .color(&MUTED)
                        .pos(Pos::new(HPos::Center, VPos::Bottom)),
                )])
                .map_err(|e| e.to_string())?;
        }
        // The period's label under the bar's centre, in the root's pixels.
        let (px, py) = chart.backend_coord(&(x, 0.0));
        root.draw(&Text::new(
            r.period.clone(),
            (px, py + 8),
            label_font.clone().pos(centre),
        ))
        .map_err(|e| e.to_string())?;
    }
    if partial {
        root.draw(&Text::new(
            "Lighter bar: the period is not over yet (counts so far)",
            (w / 2, i32::try_from(HEIGHT).unwrap_or(0) - 22),
            small.color(&MUTED).pos(centre),
        ))
        .map_err(|e| e.to_string())?;
    }
    root.present().map_err(|e| e.to_string())?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::trend::{Period, rows};

    fn chart(partial_last: bool, filters: &str) -> String {
        let mut rows = rows(
            Period::Year,
            &[("2018".into(), 2), ("2020".into(), 1)],
            &[("2018".into(), 4), ("2020".into(), 10)],
        );
        rows.last_mut().unwrap().partial = partial_last;
        let trend = Trend {
            query: "\"chronic neglect\"".into(),
            by: "year",
            rows,
            undated: 0,
            filters: filters.into(),
        };
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.svg");
        write_svg(&trend, &path).unwrap();
        std::fs::read_to_string(&path).unwrap()
    }

    #[test]
    fn writes_an_svg_with_a_bar_per_period() {
        let svg = chart(false, "");
        assert!(svg.starts_with("<svg"), "{}", &svg[..80.min(svg.len())]);
        assert!(svg.contains("2019"));
        assert!(svg.contains("2/4"));
        assert!(svg.contains("&quot;chronic neglect&quot;") || svg.contains("chronic neglect"));
        // 2019 has no document at all: a gap, not "0/0".
        assert!(svg.contains("no documents"));
        assert!(!svg.contains("0/0"));
        assert!(svg.contains("50 %"), "the y axis is in %");
        assert!(!svg.contains("so far"));
    }

    #[test]
    fn the_title_names_the_filters_and_a_partial_period_is_marked() {
        let svg = chart(true, "kind: ilacs, authority: Wakefield");
        assert!(svg.contains("Documents with kind: ilacs, authority: Wakefield"));
        assert!(svg.contains("1/10 so far"));
        assert!(svg.contains("not over yet"));
    }
}
