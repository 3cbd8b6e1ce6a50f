//! A trend as an SVG bar chart (plotters): the share of each period's
//! documents that match, with the counts in the labels.

use plotters::prelude::*;
use std::path::Path;

use super::trend::Trend;
use crate::error::{Error, Result};

pub fn write_svg(trend: &Trend, path: &Path) -> Result<()> {
    let fail = |e: String| Error::Usage(format!("cannot write chart {}: {e}", path.display()));
    let mut svg = String::new();
    draw(trend, &mut svg).map_err(|e| fail(format!("drawing failed: {e}")))?;
    std::fs::write(path, svg).map_err(|e| fail(e.to_string()))
}

/// Draw the chart as SVG text (written to the file only when complete).
fn draw(trend: &Trend, svg: &mut String) -> std::result::Result<(), String> {
    let width = (120 + 48 * trend.rows.len() as u32).clamp(480, 1600);
    let root = SVGBackend::with_string(svg, (width, 420)).into_drawing_area();
    root.fill(&WHITE).map_err(|e| e.to_string())?;
    let max_share = trend
        .rows
        .iter()
        .map(|r| r.share)
        .fold(0.0f64, f64::max)
        .max(0.01)
        * 1.15
        * 100.0;
    let n = trend.rows.len().max(1);
    let caption = format!(
        "{} — share of documents per {}",
        trend.query,
        trend.by.replace('_', " ")
    );
    let mut chart = ChartBuilder::on(&root)
        .caption(caption, ("sans-serif", 18))
        .margin(16)
        .x_label_area_size(48)
        .y_label_area_size(56)
        .build_cartesian_2d((0..n).into_segmented(), 0.0..max_share)
        .map_err(|e| e.to_string())?;
    let labels: Vec<String> = trend.rows.iter().map(|r| r.period.clone()).collect();
    chart
        .configure_mesh()
        .disable_x_mesh()
        .y_desc("% of documents")
        .x_labels(n)
        .x_label_formatter(&|v| match v {
            SegmentValue::CenterOf(i) => labels.get(*i).cloned().unwrap_or_default(),
            _ => String::new(),
        })
        .draw()
        .map_err(|e| e.to_string())?;
    let bar = RGBColor(49, 99, 149);
    chart
        .draw_series(trend.rows.iter().enumerate().map(|(i, r)| {
            let mut rect = Rectangle::new(
                [
                    (SegmentValue::Exact(i), 0.0),
                    (SegmentValue::Exact(i + 1), r.share * 100.0),
                ],
                bar.filled(),
            );
            rect.set_margin(0, 0, 6, 6);
            rect
        }))
        .map_err(|e| e.to_string())?;
    chart
        .draw_series(trend.rows.iter().enumerate().map(|(i, r)| {
            Text::new(
                format!("{}/{}", r.matching, r.total),
                (
                    SegmentValue::CenterOf(i),
                    r.share * 100.0 + max_share * 0.02,
                ),
                ("sans-serif", 11).into_font().color(&BLACK),
            )
        }))
        .map_err(|e| e.to_string())?;
    root.present().map_err(|e| e.to_string())?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::trend::{Period, rows};

    #[test]
    fn writes_an_svg_with_a_bar_per_period() {
        let trend = Trend {
            query: "\"chronic neglect\"".into(),
            by: "year",
            rows: rows(
                Period::Year,
                &[("2018".into(), 2), ("2020".into(), 1)],
                &[("2018".into(), 4), ("2020".into(), 10)],
            ),
            undated: 0,
        };
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.svg");
        write_svg(&trend, &path).unwrap();
        let svg = std::fs::read_to_string(&path).unwrap();
        assert!(svg.starts_with("<svg"), "{}", &svg[..80.min(svg.len())]);
        assert!(svg.contains("2019"));
        assert!(svg.contains("2/4"));
        assert!(svg.contains("&quot;chronic neglect&quot;") || svg.contains("chronic neglect"));
    }
}
