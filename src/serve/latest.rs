//! The latest-judgements view: `GET /latest` (a table per authority, grade
//! colours, sortable by column with plain links) and `GET /latest.csv` (the
//! same table as `latest --csv` prints, to download).
//!
//! Parameters: `as_of` (`YYYY-MM-DD`, default today), `kind` (a graded kind,
//! default ILACS and SIF), `sort` (a column, `-` first for descending) and the
//! filters of the search page (`region`, `authority`, `judgement`, ...), with
//! the command line's meaning and checks.

use std::cmp::Ordering;

use askama::Template;
use axum::extract::{RawQuery, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};

use super::page::{Layout, render, words};
use super::params::{Params, raw_limit};
use super::respond::{Format, blocking, error_response, html, status_of};
use super::{App, Shared};
use crate::analysis::latest::{AuthorityRow, Latest, LatestRequest, latest};
use crate::extract::{self, Judgement};
use crate::fields::{self, FieldDef};
use crate::filters::{self, Filters};
use crate::record::{DocRecord, format_date, parse_date};

/// The columns the table can be sorted by, as named in `sort`.
const SORTS: [&str; 8] = [
    "authority",
    "la_code",
    "region",
    "kind",
    "inspected",
    "published",
    "judgement",
    "lead_inspector",
];

/// A `/latest` request, read and checked.
#[derive(Debug, Clone, Default)]
struct LatestParams {
    as_of: Option<String>,
    kind: Option<String>,
    sort: Option<String>,
    /// The other filters, `(name, value)`, empty values dropped.
    filters: Vec<(&'static str, String)>,
}

impl LatestParams {
    fn parse(raw: &str) -> Result<LatestParams, String> {
        if raw.len() > raw_limit(crate::query::MAX_QUERY_BYTES) {
            return Err("the request's query string is too long".into());
        }
        let mut p = LatestParams::default();
        let mut seen: Vec<String> = Vec::new();
        for (key, value) in form_urlencoded::parse(raw.as_bytes()) {
            if key != "sub" {
                if seen.iter().any(|k| *k == key) {
                    return Err(format!("parameter '{key}' is given more than once"));
                }
                seen.push(key.to_string());
            }
            let value = value.trim().to_string();
            let slot = match key.as_ref() {
                "as_of" => &mut p.as_of,
                "kind" => &mut p.kind,
                "sort" => &mut p.sort,
                name => {
                    let spec =
                        filters::spec(name).ok_or_else(|| format!("unknown parameter '{name}'"))?;
                    if !value.is_empty() {
                        p.filters.push((spec.name, value));
                    }
                    continue;
                }
            };
            *slot = Some(value).filter(|v| !v.is_empty());
        }
        Ok(p)
    }

    fn as_of(&self) -> Result<time::Date, String> {
        match &self.as_of {
            None => Ok(time::OffsetDateTime::now_utc().date()),
            Some(d) => {
                parse_date(d).ok_or_else(|| format!("as_of: '{d}' is not a date (YYYY-MM-DD)"))
            }
        }
    }

    fn request(&self) -> Result<LatestRequest, crate::error::Error> {
        let kinds = LatestRequest::kinds_of(self.kind.as_deref())
            .map_err(|e| crate::error::Error::Usage(format!("kind: {e}")))?;
        let pairs = self.filters.iter().map(|(n, v)| (*n, v.as_str()));
        Ok(LatestRequest {
            kinds,
            filters: Filters::from_pairs(pairs)?,
        })
    }

    /// The sort column and whether it is descending.
    fn sort(&self) -> Result<(&str, bool), String> {
        let Some(sort) = self.sort.as_deref() else {
            return Ok(("authority", false));
        };
        let (name, descending) = match sort.strip_prefix('-') {
            Some(name) => (name, true),
            None => (sort, false),
        };
        let known = SORTS.contains(&name) || sub_field(name).is_some();
        if !known {
            return Err(format!("sort: unknown column '{name}'"));
        }
        Ok((name, descending))
    }

    /// The query string of these parameters (`sort` replaced by `sort`, if given).
    fn query_string(&self, sort: Option<&str>) -> String {
        let mut s = form_urlencoded::Serializer::new(String::new());
        for (name, value) in [("as_of", &self.as_of), ("kind", &self.kind)] {
            if let Some(v) = value {
                s.append_pair(name, v);
            }
        }
        for (name, value) in &self.filters {
            s.append_pair(name, value);
        }
        if let Some(sort) = sort.or(self.sort.as_deref()) {
            s.append_pair("sort", sort);
        }
        s.finish()
    }
}

fn sub_field(name: &str) -> Option<&'static FieldDef> {
    fields::sub_judgement_fields().find(|f| f.name == name)
}

pub async fn latest_page(State(app): State<Shared>, RawQuery(raw): RawQuery) -> Response {
    blocking(Format::Html, move || {
        latest_now(&app, raw.as_deref().unwrap_or(""), false)
    })
    .await
}

pub async fn latest_csv(State(app): State<Shared>, RawQuery(raw): RawQuery) -> Response {
    blocking(Format::Html, move || {
        latest_now(&app, raw.as_deref().unwrap_or(""), true)
    })
    .await
}

fn latest_now(app: &App, raw: &str, csv: bool) -> Response {
    let refuse = |status, message: &str| error_response(Format::Html, status, message);
    let p = match LatestParams::parse(raw) {
        Ok(p) => p,
        Err(message) => return refuse(StatusCode::BAD_REQUEST, &message),
    };
    let (as_of, sort) = match (p.as_of(), p.sort()) {
        (Ok(a), Ok(s)) => (a, s),
        (Err(message), _) | (_, Err(message)) => {
            return refuse(StatusCode::BAD_REQUEST, &message);
        }
    };
    let request = match p.request() {
        Ok(r) => r,
        Err(e) => return refuse(status_of(&e), &e.to_string()),
    };
    let snapshot = app.live.snapshot();
    let mut table = match latest(&snapshot.opened, &request, as_of) {
        Ok(t) => t,
        Err(e) => return refuse(status_of(&e), &e.to_string()),
    };
    sort_rows(&mut table.rows, sort.0, sort.1);
    if csv {
        csv_response(&table)
    } else {
        html(StatusCode::OK, latest_html(&p, &table, sort))
    }
}

fn csv_response(table: &Latest) -> Response {
    let mut body = Vec::new();
    if let Err(e) = crate::output::csv::latest(&mut body, table) {
        return error_response(
            Format::Html,
            StatusCode::INTERNAL_SERVER_ERROR,
            &e.to_string(),
        );
    }
    let disposition = format!(
        "attachment; filename=\"ofsearch-latest-{}.csv\"",
        format_date(table.as_of)
    );
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        body,
    )
        .into_response()
}

/// Best first; none last.
fn grade_rank(j: Option<Judgement>) -> usize {
    j.and_then(|j| Judgement::ALL.iter().position(|g| *g == j))
        .unwrap_or(Judgement::ALL.len())
}

fn inspected(r: Option<&DocRecord>) -> Option<time::Date> {
    r.and_then(|r| r.meta.inspection_end.or(r.meta.inspection_start))
}

/// Order rows by a column, then by authority name; not-inspected rows sort
/// after the others on a document's column, whichever the direction.
fn sort_rows(rows: &mut [AuthorityRow], column: &str, descending: bool) {
    let text = |row: &AuthorityRow| -> Option<String> {
        let r = row.latest();
        match column {
            "authority" => Some(row.authority.name.clone()),
            "la_code" => Some(row.authority.la_code.clone()),
            "region" => Some(row.authority.region.clone()),
            "kind" => r.map(|r| r.meta.kind.as_str().to_string()),
            "inspected" => inspected(r).map(format_date),
            "published" => r.and_then(|r| r.meta.date).map(format_date),
            "lead_inspector" => r.and_then(|r| r.meta.lead_inspector.clone()),
            _ => None,
        }
    };
    let grade = |row: &AuthorityRow| -> Option<usize> {
        let j = match sub_field(column) {
            Some(f) => Judgement::parse(&row.value(f).to_text()),
            None if column == "judgement" => row.judgement(),
            None => return None,
        };
        j.map(|j| grade_rank(Some(j)))
    };
    rows.sort_by(|a, b| {
        let by_column = match (grade(a), grade(b), text(a), text(b)) {
            (Some(x), Some(y), ..) => x.cmp(&y),
            (Some(_), None, ..) => return Ordering::Less,
            (None, Some(_), ..) => return Ordering::Greater,
            (None, None, Some(x), Some(y)) => x.cmp(&y),
            (None, None, Some(_), None) => return Ordering::Less,
            (None, None, None, Some(_)) => return Ordering::Greater,
            (None, None, None, None) => Ordering::Equal,
        };
        let by_column = if descending {
            by_column.reverse()
        } else {
            by_column
        };
        by_column.then_with(|| a.authority.name.cmp(&b.authority.name))
    });
}

/// A grade as the page shows it: CSS class and words.
struct Badge {
    class: &'static str,
    label: String,
}

fn badge(j: Option<Judgement>) -> Option<Badge> {
    j.map(|j| Badge {
        class: j.as_str(),
        label: words(j.as_str()),
    })
}

struct Column {
    label: String,
    href: String,
    /// `ascending` or `descending` when the table is sorted by it.
    sorted: Option<&'static str>,
}

struct RowView {
    authority: String,
    la_code: String,
    region: String,
    kind: String,
    inspected: String,
    published: String,
    judgement: Option<Badge>,
    subs: Vec<Option<Badge>>,
    lead: String,
    /// The link to the document's page, and its path.
    doc: Option<(String, String)>,
}

struct KindOption {
    value: &'static str,
    label: &'static str,
    selected: bool,
}

struct Count {
    class: &'static str,
    label: String,
    count: usize,
}

#[derive(Template)]
#[template(path = "latest.html")]
struct LatestPage<'a> {
    layout: Layout<'a>,
    as_of: String,
    kinds: Vec<KindOption>,
    regions: Vec<(&'static str, bool)>,
    /// Filters other than the region, kept by the form.
    hidden: Vec<(&'static str, String)>,
    csv_href: String,
    columns: Vec<Column>,
    rows: Vec<RowView>,
    counts: Vec<Count>,
    total: usize,
}

fn latest_html(p: &LatestParams, table: &Latest, (sort, descending): (&str, bool)) -> String {
    let subs: Vec<&'static FieldDef> = fields::sub_judgement_fields()
        .filter(|f| table.rows.iter().any(|r| !r.value(f).is_null()))
        .collect();
    let mut names: Vec<&str> = SORTS[..7].to_vec();
    names.extend(subs.iter().map(|f| f.name));
    names.push("lead_inspector");
    let columns = names
        .iter()
        .map(|name| {
            let active = *name == sort;
            let next = if active && !descending {
                format!("-{name}")
            } else {
                name.to_string()
            };
            Column {
                label: words(name),
                href: format!("/latest?{}", p.query_string(Some(&next))),
                sorted: active.then_some(if descending {
                    "descending"
                } else {
                    "ascending"
                }),
            }
        })
        .collect();
    let counts = table.counts();
    let mut count_views: Vec<Count> = counts
        .grades
        .iter()
        .map(|(g, n)| Count {
            class: g.as_str(),
            label: words(g.as_str()),
            count: *n,
        })
        .collect();
    count_views.push(Count {
        class: "none",
        label: "not inspected".into(),
        count: counts.not_inspected,
    });
    let region = p.filters.iter().find(|(n, _)| *n == "region");
    let empty = Params::default();
    let page = LatestPage {
        layout: Layout::new("Latest judgements - ofsearch".into(), &empty),
        as_of: format_date(table.as_of),
        kinds: kind_options(p.kind.as_deref()),
        regions: regions(region.and_then(|(_, v)| extract::find_region(v))),
        hidden: p
            .filters
            .iter()
            .filter(|(n, _)| *n != "region")
            .cloned()
            .collect(),
        csv_href: format!("/latest.csv?{}", p.query_string(None)),
        columns,
        rows: table.rows.iter().map(|r| row_view(r, &subs)).collect(),
        counts: count_views,
        total: counts.total(),
    };
    render(&page)
}

fn kind_options(kind: Option<&str>) -> Vec<KindOption> {
    let chosen = kind
        .and_then(crate::extract::Kind::parse)
        .map(|k| k.as_str());
    [
        ("", "ILACS and SIF"),
        ("ilacs", "ILACS"),
        ("sif", "SIF"),
        ("other", "older types"),
    ]
    .into_iter()
    .map(|(value, label)| KindOption {
        value,
        label,
        selected: chosen.unwrap_or("") == value,
    })
    .collect()
}

fn regions(chosen: Option<&str>) -> Vec<(&'static str, bool)> {
    let mut list: Vec<&'static str> = extract::authorities()
        .iter()
        .map(|a| a.region.as_str())
        .collect();
    list.sort_unstable();
    list.dedup();
    list.into_iter().map(|r| (r, Some(r) == chosen)).collect()
}

fn row_view(row: &AuthorityRow, subs: &[&FieldDef]) -> RowView {
    let a = row.authority;
    let r = row.latest();
    let dash = || "-".to_string();
    RowView {
        authority: a.name.clone(),
        la_code: a.la_code.clone(),
        region: a.region.clone(),
        kind: r.map_or_else(dash, |r| words(r.meta.kind.as_str())),
        inspected: inspected(r).map_or_else(dash, format_date),
        published: r.and_then(|r| r.meta.date).map_or_else(dash, format_date),
        judgement: badge(row.judgement()),
        subs: subs
            .iter()
            .map(|f| badge(Judgement::parse(&row.value(f).to_text())))
            .collect(),
        lead: r
            .and_then(|r| r.meta.lead_inspector.clone())
            .unwrap_or_else(dash),
        doc: r.map(|r| (super::params::doc_url(&r.path, ""), r.path.clone())),
    }
}
