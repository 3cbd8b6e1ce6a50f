//! Server-rendered HTML: askama templates (`templates/`), every value escaped by
//! [`Escape`] unless a template says otherwise (only for the output of
//! `marked.html`, itself escaped). This module turns results into the plain
//! views the templates show; links are built percent-encoded, then escaped.

use askama::Template;
use std::fmt::{self, Write};

use super::params::{MAX_OFFSET, PAGE_SIZE, Params, doc_url, sort_param};
use crate::facets::FacetCounts;
use crate::filters::Filters;
use crate::help::{self, Construct};
use crate::record::{DocRecord, format_date};
use crate::search::{Hit, SearchResults, Sort};
use crate::snippet::Snippet;

/// The templates' escaper: text safe in element content and in quoted
/// attribute values.
#[derive(Debug, Clone, Copy, Default)]
pub struct Escape;

impl askama::filters::Escaper for Escape {
    fn write_escaped_str<W: Write>(&self, mut dest: W, text: &str) -> fmt::Result {
        let mut rest = text;
        while let Some(i) = rest.find(['&', '<', '>', '"', '\'']) {
            dest.write_str(&rest[..i])?;
            dest.write_str(match rest.as_bytes()[i] {
                b'&' => "&amp;",
                b'<' => "&lt;",
                b'>' => "&gt;",
                b'"' => "&quot;",
                _ => "&#39;",
            })?;
            rest = &rest[i + 1..];
        }
        dest.write_str(rest)
    }
}

/// Facets shown on the page, each filtering by the parameter of the same name.
pub const PAGE_FACETS: [&str; 6] = [
    "year",
    "authority",
    "region",
    "judgement",
    "kind",
    "section",
];

/// `requires_improvement` -> `requires improvement`.
pub(super) fn words(value: &str) -> String {
    value.replace('_', " ")
}

/// A piece of text, marked as a match or not.
struct Segment<'a> {
    text: &'a str,
    marked: bool,
}

#[derive(Template)]
#[template(path = "marked.html")]
struct Marked<'a> {
    segments: Vec<Segment<'a>>,
}

/// Text with the byte ranges `highlights` wrapped in `<mark>`, all escaped.
/// Ranges that are out of order, out of bounds or not on character boundaries
/// are skipped.
pub fn marked(text: &str, highlights: &[[usize; 2]]) -> String {
    let mut segments = Vec::new();
    let mut at = 0;
    for &[start, end] in highlights {
        if start < at || end <= start {
            continue;
        }
        let (Some(before), Some(mark)) = (text.get(at..start), text.get(start..end)) else {
            continue;
        };
        segments.push(Segment {
            text: before,
            marked: false,
        });
        segments.push(Segment {
            text: mark,
            marked: true,
        });
        at = end;
    }
    segments.push(Segment {
        text: text.get(at..).unwrap_or(""),
        marked: false,
    });
    render(&Marked { segments })
}

#[derive(Template)]
#[template(path = "steps.html")]
struct Steps<'a> {
    /// Each piece, with its match number (1-based) when it is a match.
    segments: Vec<(&'a str, Option<usize>)>,
    count: usize,
}

/// A document's text with each match numbered (`id="m3"`) and followed by
/// links to the previous and the next match, all escaped; and the number of
/// matches. Bad ranges are skipped as by [`marked`].
pub fn marked_steps(text: &str, highlights: &[[usize; 2]]) -> (String, usize) {
    let mut segments = Vec::new();
    let mut at = 0;
    let mut count = 0;
    for &[start, end] in highlights {
        if start < at || end <= start {
            continue;
        }
        let (Some(before), Some(mark)) = (text.get(at..start), text.get(start..end)) else {
            continue;
        };
        count += 1;
        segments.push((before, None));
        segments.push((mark, Some(count)));
        at = end;
    }
    segments.push((text.get(at..).unwrap_or(""), None));
    (render(&Steps { segments, count }), count)
}

fn snippet_html(s: &Snippet) -> String {
    let text = marked(&s.text, &s.highlights);
    match s.section {
        // Section names are the fixed words of `SectionName`: nothing to escape.
        Some(section) => format!("<span class=\"section\">{}</span> {text}", words(section)),
        None => text,
    }
}

/// A template's HTML. Writing into a `String` cannot fail, nor can any value a
/// view holds; should it ever, the page says so rather than being cut short.
pub(super) fn render(template: &impl Template) -> String {
    template
        .render()
        .unwrap_or_else(|e| format!("<p>the page cannot be shown: {e}</p>"))
}

/// What `layout.html` shows around every page: the title and the search form.
pub(super) struct Layout<'a> {
    pub(super) title: String,
    pub(super) q: &'a str,
    /// The filters and paging kept by a new search.
    pub(super) hidden: Vec<(&'a str, String)>,
    pub(super) sorts: Vec<SortOption>,
}

pub(super) struct SortOption {
    pub(super) value: &'static str,
    pub(super) label: &'static str,
    pub(super) selected: bool,
}

impl<'a> Layout<'a> {
    pub(super) fn new(title: String, p: &'a Params) -> Layout<'a> {
        let mut hidden: Vec<(&str, String)> =
            p.filters.iter().map(|(n, v)| (*n, v.clone())).collect();
        if let Some(limit) = p.limit.filter(|l| *l != PAGE_SIZE) {
            hidden.push(("limit", limit.to_string()));
        }
        let sort = p.sort.unwrap_or(Sort::Relevance);
        let sorts = [
            (Sort::Relevance, "Best match"),
            (Sort::DateDesc, "Newest first"),
            (Sort::Date, "Oldest first"),
        ]
        .into_iter()
        .map(|(s, label)| SortOption {
            value: sort_param(s),
            label,
            selected: s == sort,
        })
        .collect();
        Layout {
            title,
            q: &p.q,
            hidden,
            sorts,
        }
    }
}

/// What the search page shows under the form.
pub enum Outcome<'a> {
    /// No query yet: a short guide.
    Landing {
        docs: u64,
    },
    Results(&'a SearchResults),
    /// The query or a filter was refused.
    Error(&'a str),
}

#[derive(Template)]
#[template(path = "search.html")]
struct SearchPage<'a> {
    layout: Layout<'a>,
    chips: Vec<Chip>,
    /// The guide, with the number of documents.
    landing: Option<u64>,
    guide: [Construct; help::QUERY_LANGUAGE.len()],
    fields: String,
    error: Option<&'a str>,
    results: Option<ResultsView>,
}

/// A suggestion shown when nothing matched (the command line's hints).
pub(super) struct HintView {
    message: String,
    /// The search page of the query it suggests.
    href: Option<String>,
    /// The same as a command.
    command: Option<String>,
}

/// An active filter, with the link that removes it.
struct Chip {
    name: &'static str,
    label: String,
    value: String,
    remove: String,
}

struct ResultsView {
    facets: Vec<FacetView>,
    total: u64,
    noun: &'static str,
    /// `, showing 1–10`, or nothing.
    range: String,
    elapsed: String,
    hits: Vec<HitView>,
    pager: Option<PagerView>,
    /// Paged past the last hit: what there is, and a link to the last page.
    past_end: Option<(String, String)>,
    hints: Vec<HintView>,
    /// Words no document holds, with a "did you mean" (`SearchResults::notes`).
    notes: Vec<String>,
}

struct FacetView {
    param: &'static str,
    heading: String,
    entries: Vec<FacetEntry>,
    /// Matching documents with no value for the field.
    none: u64,
    /// "and 12 more" when the facet's values were cut.
    more: Option<String>,
}

struct FacetEntry {
    label: String,
    count: u64,
    /// The link that adds the filter, or removes it when active.
    href: String,
    active: bool,
}

struct HitView {
    path: String,
    rank: usize,
    href: String,
    title: String,
    authority: String,
    date: String,
    kind: String,
    /// CSS class and label of the overall judgement.
    judgement: Option<(String, String)>,
    inspectors: String,
    /// HTML from `marked.html`.
    snippets: Vec<String>,
    /// The other files holding the same document.
    copies: Vec<String>,
}

struct PagerView {
    prev: Option<String>,
    next: Option<String>,
    page: usize,
    pages: usize,
}

/// The search page: results with facets and paging, a guide, or an error.
pub fn search_page(p: &Params, active: &Filters, outcome: Outcome<'_>) -> String {
    search_page_with_hints(p, active, outcome, &[])
}

/// The search page, with the hints to show when nothing matched.
pub fn search_page_with_hints(
    p: &Params,
    active: &Filters,
    outcome: Outcome<'_>,
    hints: &[crate::hints::Hint],
) -> String {
    let title = if p.q.trim().is_empty() {
        "ofsearch".to_string()
    } else {
        format!("{} - ofsearch", p.q.trim())
    };
    let mut page = SearchPage {
        layout: Layout::new(title, p),
        chips: chips(p),
        landing: None,
        guide: help::QUERY_LANGUAGE,
        fields: help::fields(),
        error: None,
        results: None,
    };
    match outcome {
        Outcome::Landing { docs } => page.landing = Some(docs),
        Outcome::Error(message) => page.error = Some(message),
        Outcome::Results(results) => {
            let mut view = results_view(p, active, results);
            view.hints = hints
                .iter()
                .map(|h| HintView {
                    message: sentence(&h.message),
                    href: h.query.as_ref().map(|q| {
                        Params {
                            q: q.clone(),
                            ..p.at_offset(0)
                        }
                        .page_url()
                    }),
                    command: h.command.clone(),
                })
                .collect();
            page.results = Some(view);
        }
    }
    render(&page)
}

fn chips(p: &Params) -> Vec<Chip> {
    p.filters
        .iter()
        .map(|(name, value)| Chip {
            name,
            label: words(name),
            value: words(value),
            remove: p.without_filter(name, Some(value)).page_url(),
        })
        .collect()
}

fn results_view(p: &Params, active: &Filters, results: &SearchResults) -> ResultsView {
    let total = results.total_hits;
    let range = match (results.hits.first(), results.hits.last()) {
        (Some(first), Some(last)) => format!(", showing {}–{}", first.rank, last.rank),
        _ => String::new(),
    };
    ResultsView {
        facets: results
            .facets
            .iter()
            .filter_map(|f| facet_view(p, active, f))
            .collect(),
        total,
        noun: if total == 1 { "document" } else { "documents" },
        range,
        elapsed: format!("{:.1}", results.elapsed_ms),
        hits: results.hits.iter().map(|h| hit_view(p, h)).collect(),
        pager: pager(p, results),
        past_end: past_end(p, results),
        hints: Vec::new(),
        notes: results.notes.clone(),
    }
}

/// A message as a sentence: its first letter a capital.
fn sentence(message: &str) -> String {
    let mut chars = message.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

/// A page after the last hit: say so, with the number of hits and a link to
/// the last page.
fn past_end(p: &Params, results: &SearchResults) -> Option<(String, String)> {
    let total = usize::try_from(results.total_hits).unwrap_or(usize::MAX);
    if !results.hits.is_empty() || total == 0 || p.offset < total {
        return None;
    }
    let limit = p.limit.unwrap_or(PAGE_SIZE).max(1);
    let pages = total.div_ceil(limit);
    let last = (pages - 1)
        .saturating_mul(limit)
        .min(super::params::MAX_OFFSET);
    Some((
        format!(
            "Page {} is past the end: {total} matching {} on {pages} {}.",
            p.offset / limit + 1,
            if total == 1 { "document" } else { "documents" },
            if pages == 1 { "page" } else { "pages" },
        ),
        p.at_offset(last).page_url(),
    ))
}

fn facet_view(p: &Params, active: &Filters, facet: &FacetCounts) -> Option<FacetView> {
    let param = PAGE_FACETS.iter().find(|f| **f == facet.field).copied()?;
    let is_active = |value: &str| {
        active
            .terms
            .iter()
            .any(|(f, v)| f == param && v.eq_ignore_ascii_case(value))
    };
    if facet.counts.is_empty() && p.filter(param).is_none() {
        return None;
    }
    let entries = facet
        .counts
        .iter()
        .map(|v| {
            let active = is_active(&v.value);
            let href = if active {
                p.without_filter(param, None).page_url()
            } else {
                p.with_filter(param, &v.value).page_url()
            };
            FacetEntry {
                label: words(&v.value),
                count: v.count,
                href,
                active,
            }
        })
        .collect();
    let more = (facet.hidden_values > 0).then(|| {
        format!(
            "and {} more ({} {})",
            facet.hidden_values,
            facet.hidden_count,
            if facet.hidden_count == 1 {
                "document"
            } else {
                "documents"
            }
        )
    });
    Some(FacetView {
        param,
        heading: words(param),
        entries,
        none: facet.none,
        more,
    })
}

fn hit_view(p: &Params, hit: &Hit) -> HitView {
    let r = &hit.record;
    let m = &r.meta;
    HitView {
        path: r.path.clone(),
        rank: hit.rank,
        href: doc_url(&r.path, &p.q),
        title: untitled(&m.title),
        authority: match m.authority {
            Some(a) => format!("{} ({})", a.name, a.la_code),
            None => "authority unknown".to_string(),
        },
        date: shown_date(m),
        kind: words(m.kind.as_str()),
        judgement: m
            .judgement
            .map(|j| (j.as_str().to_string(), words(j.as_str()))),
        inspectors: m.inspectors.join(", "),
        snippets: hit.snippets.iter().map(snippet_html).collect(),
        copies: hit.copies.clone(),
    }
}

/// The day a hit shows: its own date, else (ILACS and area SEND reports print
/// none) its inspection's dates, else "undated".
fn shown_date(m: &crate::extract::Metadata) -> String {
    match (m.date, m.inspection_start, m.inspection_end) {
        (Some(d), _, _) => format_date(d),
        (None, Some(a), Some(b)) if a != b => {
            format!("inspected {} to {}", format_date(a), format_date(b))
        }
        (None, Some(d), _) | (None, None, Some(d)) => format!("inspected {}", format_date(d)),
        _ => "undated".into(),
    }
}

fn untitled(title: &str) -> String {
    if title.is_empty() {
        "(untitled)".to_string()
    } else {
        title.to_string()
    }
}

fn pager(p: &Params, results: &SearchResults) -> Option<PagerView> {
    let limit = p.limit.unwrap_or(PAGE_SIZE).max(1);
    let total = usize::try_from(results.total_hits).unwrap_or(usize::MAX);
    let has_prev = p.offset > 0;
    let next = p.offset.saturating_add(limit);
    let has_next = next < total && next <= MAX_OFFSET;
    if !has_prev && !has_next {
        return None;
    }
    Some(PagerView {
        prev: has_prev.then(|| p.at_offset(p.offset.saturating_sub(limit)).page_url()),
        next: has_next.then(|| p.at_offset(next).page_url()),
        page: p.offset / limit + 1,
        pages: total.div_ceil(limit).max(1),
    })
}

#[derive(Template)]
#[template(path = "doc.html")]
struct DocPage<'a> {
    layout: Layout<'a>,
    /// The link back to the results, when there was a query.
    back: Option<String>,
    path: &'a str,
    heading: String,
    /// The metadata shown, by label; empty values left out.
    rows: Vec<(String, String)>,
    /// HTML from `steps.html`.
    text: String,
    /// The number of matches marked, when there was a query.
    matches: Option<usize>,
    /// When only the first part of a long text is shown: its size in MB.
    truncated: Option<usize>,
}

/// A document's page: its metadata and whole clean text, query matches marked.
pub fn doc_page(
    record: &DocRecord,
    text: &str,
    truncated: bool,
    highlights: &[[usize; 2]],
    q: &str,
) -> String {
    let p = Params {
        q: q.to_string(),
        ..Params::default()
    };
    let page = DocPage {
        layout: Layout::new(format!("{} - ofsearch", record.meta.title), &p),
        back: (!q.trim().is_empty()).then(|| p.page_url()),
        path: &record.path,
        heading: untitled(&record.meta.title),
        rows: metadata_rows(record),
        text: String::new(),
        matches: None,
        truncated: truncated.then(|| (text.len() >> 20).max(1)),
    };
    let (text, count) = marked_steps(text, highlights);
    let page = DocPage {
        text,
        matches: (!q.trim().is_empty()).then_some(count),
        ..page
    };
    render(&page)
}

fn metadata_rows(record: &DocRecord) -> Vec<(String, String)> {
    let m = &record.meta;
    let visit = match (
        m.inspection_start.map(format_date),
        m.inspection_end.map(format_date),
    ) {
        (Some(a), Some(b)) if a != b => Some(format!("{a} to {b}")),
        (Some(a), _) | (None, Some(a)) => Some(a),
        _ => None,
    };
    let mut rows = vec![
        ("Kind".to_string(), Some(words(m.kind.as_str()))),
        (
            "Authority".to_string(),
            m.authority.map(|a| format!("{} ({})", a.name, a.la_code)),
        ),
        ("Region".to_string(), m.authority.map(|a| a.region.clone())),
        ("Date".to_string(), m.date.map(format_date)),
        (
            "Academic year".to_string(),
            record.when().map(crate::record::academic_year),
        ),
        ("Inspection".to_string(), visit),
        (
            "Judgement".to_string(),
            m.judgement.map(|j| words(j.as_str())),
        ),
    ];
    for (name, j) in &record.judgements() {
        rows.push((words(name), Some(words(j.as_str()))));
    }
    rows.extend([
        ("Inspectors".to_string(), Some(m.inspectors.join(", "))),
        ("Lead inspector".to_string(), m.lead_inspector.clone()),
        (
            "Format".to_string(),
            Some(record.format.as_str().to_string()),
        ),
        ("Path".to_string(), Some(record.path.clone())),
    ]);
    rows.into_iter()
        .filter_map(|(name, value)| Some((name, value.filter(|v| !v.is_empty())?)))
        .collect()
}

#[derive(Template)]
#[template(path = "message.html")]
struct MessagePage<'a> {
    layout: Layout<'a>,
    heading: &'a str,
    message: &'a str,
}

/// A page with only a message (not found, server error).
pub fn message_page(heading: &str, message: &str) -> String {
    let p = Params::default();
    render(&MessagePage {
        layout: Layout::new(format!("{heading} - ofsearch"), &p),
        heading,
        message,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn escape(s: &str) -> String {
        askama::filters::escape(s, Escape)
            .map(|e| e.to_string())
            .unwrap_or_default()
    }

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            escape(r#"<script>alert("x" & 'y')</script>"#),
            "&lt;script&gt;alert(&quot;x&quot; &amp; &#39;y&#39;)&lt;/script&gt;"
        );
        assert_eq!(escape("plain é text"), "plain é text");
        assert_eq!(escape(""), "");
    }

    #[test]
    fn marks_highlights_and_escapes_around_them() {
        let text = "<b>chronic neglect</b> & more";
        let start = text.find("chronic").unwrap();
        let html = marked(text, &[[start, start + "chronic neglect".len()]]);
        assert_eq!(
            html,
            "&lt;b&gt;<mark>chronic neglect</mark>&lt;/b&gt; &amp; more"
        );
        // Bad ranges are ignored, never a panic.
        let html = marked("café", &[[4, 5], [3, 2], [0, 99]]);
        assert_eq!(html, "café");
    }

    #[test]
    fn a_script_in_a_query_or_snippet_is_inert() {
        let p = Params {
            q: "<script>alert(1)</script>".into(),
            filters: vec![("year", "\"><script>".into())],
            ..Params::default()
        };
        let html = search_page(&p, &Filters::default(), Outcome::Error("bad <script>"));
        assert!(!html.contains("<script"), "{html}");
        assert!(html.contains("value=\"&lt;script&gt;alert(1)&lt;/script&gt;\""));
        let s = Snippet {
            text: "x <script>alert(1)</script> y".into(),
            highlights: vec![[2, 10]],
            section: None,
        };
        assert_eq!(
            snippet_html(&s),
            "x <mark>&lt;script&gt;</mark>alert(1)&lt;/script&gt; y"
        );
        let s = Snippet {
            section: Some("help_and_protection"),
            ..s
        };
        assert_eq!(
            snippet_html(&s),
            "<span class=\"section\">help and protection</span> x <mark>&lt;script&gt;</mark>alert(1)&lt;/script&gt; y"
        );
    }
}
