//! Server-rendered HTML. Every piece of text from a request, the index or a
//! document goes through `Esc`; links are built percent-encoded and then escaped.

use std::fmt::{self, Display, Write};

use super::params::{MAX_OFFSET, PAGE_SIZE, Params, doc_url, sort_param};
use crate::facets::FacetCounts;
use crate::record::{DocRecord, format_date};
use crate::search::{Filters, Hit, SearchResults, Sort};
use crate::snippet::Snippet;

/// Text escaped for HTML element content and quoted attribute values.
pub struct Esc<'a>(pub &'a str);

impl Display for Esc<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut rest = self.0;
        while let Some(i) = rest.find(['&', '<', '>', '"', '\'']) {
            f.write_str(&rest[..i])?;
            f.write_str(match rest.as_bytes()[i] {
                b'&' => "&amp;",
                b'<' => "&lt;",
                b'>' => "&gt;",
                b'"' => "&quot;",
                _ => "&#39;",
            })?;
            rest = &rest[i + 1..];
        }
        f.write_str(rest)
    }
}

/// Facets shown on the page, each filtering by the parameter of the same name.
pub const PAGE_FACETS: [&str; 5] = ["year", "authority", "region", "judgement", "kind"];

/// `requires_improvement` -> `requires improvement`.
fn words(value: &str) -> String {
    value.replace('_', " ")
}

/// Text with the byte ranges `highlights` wrapped in `<mark>`, all escaped.
/// Ranges that are out of order, out of bounds or not on character boundaries
/// are skipped.
pub fn marked(text: &str, highlights: &[[usize; 2]]) -> String {
    let mut out = String::with_capacity(text.len() + 32);
    let mut at = 0;
    for &[start, end] in highlights {
        if start < at || end <= start {
            continue;
        }
        let (Some(before), Some(mark)) = (text.get(at..start), text.get(start..end)) else {
            continue;
        };
        let _ = write!(out, "{}<mark>{}</mark>", Esc(before), Esc(mark));
        at = end;
    }
    let _ = write!(out, "{}", Esc(text.get(at..).unwrap_or("")));
    out
}

fn snippet_html(s: &Snippet) -> String {
    marked(&s.text, &s.highlights)
}

/// The whole page around `body`.
pub fn layout(title: &str, params: &Params, body: &str) -> String {
    let mut out = String::with_capacity(body.len() + 2048);
    let _ = write!(
        out,
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
<title>{}</title>\n<link rel=\"stylesheet\" href=\"/assets/style.css\">\n</head>\n<body>\n\
<header class=\"top\"><div class=\"inner\">\n<a class=\"brand\" href=\"/\">of<span>search</span></a>\n{}\
</div></header>\n<main>\n{body}</main>\n\
<footer>Ofsted letters and reports on councils' children's services, and the news about them.</footer>\n\
</body>\n</html>\n",
        Esc(title),
        search_form(params),
    );
    out
}

fn search_form(p: &Params) -> String {
    let mut out = String::new();
    let _ = write!(
        out,
        "<form class=\"search\" method=\"get\" action=\"/\" role=\"search\">\n\
<input type=\"search\" name=\"q\" value=\"{}\" placeholder='\"chronic neglect\", care leavers, kind:ilacs' \
aria-label=\"Search\" autofocus>\n",
        Esc(&p.q)
    );
    for (name, value) in &p.filters {
        let _ = writeln!(
            out,
            "<input type=\"hidden\" name=\"{}\" value=\"{}\">",
            Esc(name),
            Esc(value)
        );
    }
    if let Some(limit) = p.limit.filter(|l| *l != PAGE_SIZE) {
        let _ = writeln!(
            out,
            "<input type=\"hidden\" name=\"limit\" value=\"{limit}\">"
        );
    }
    let sort = p.sort.unwrap_or(Sort::Relevance);
    out.push_str("<select name=\"sort\" aria-label=\"Order\">");
    for (s, label) in [
        (Sort::Relevance, "Best match"),
        (Sort::DateDesc, "Newest first"),
        (Sort::Date, "Oldest first"),
    ] {
        let selected = if s == sort { " selected" } else { "" };
        let _ = write!(
            out,
            "<option value=\"{}\"{selected}>{label}</option>",
            sort_param(s)
        );
    }
    out.push_str("</select>\n<button type=\"submit\">Search</button>\n</form>\n");
    out
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

/// The search page: results with facets and paging, a guide, or an error.
pub fn search_page(p: &Params, active: &Filters, outcome: Outcome<'_>) -> String {
    let title = if p.q.trim().is_empty() {
        "ofsearch".to_string()
    } else {
        format!("{} - ofsearch", p.q.trim())
    };
    let mut body = String::new();
    match outcome {
        Outcome::Landing { docs } => {
            body.push_str(&active_filters(p));
            body.push_str(&landing(docs));
        }
        Outcome::Error(message) => {
            body.push_str(&active_filters(p));
            let _ = writeln!(
                body,
                "<div class=\"error\" role=\"alert\"><strong>Cannot search:</strong> {}</div>",
                Esc(message)
            );
        }
        Outcome::Results(results) => {
            body.push_str("<div class=\"layout\">\n<aside class=\"facets\">\n");
            for facet in &results.facets {
                body.push_str(&facet_section(p, active, facet));
            }
            body.push_str("</aside>\n<div class=\"results\">\n");
            body.push_str(&active_filters(p));
            body.push_str(&summary(results));
            body.push_str("<ol class=\"hits\">\n");
            for hit in &results.hits {
                body.push_str(&hit_html(p, hit));
            }
            body.push_str("</ol>\n");
            body.push_str(&pager(p, results));
            body.push_str("</div>\n</div>\n");
        }
    }
    layout(&title, p, &body)
}

fn landing(docs: u64) -> String {
    let mut out = String::new();
    let _ = write!(
        out,
        "<div class=\"panel help\">\n<p>Search {docs} indexed document{} \
(inspection letters and reports, and news articles).</p>\n<table>\n",
        if docs == 1 { "" } else { "s" }
    );
    for (query, meaning) in [
        ("care leavers", "all the words, in any form (stemmed)"),
        ("\"chronic neglect\"", "the exact phrase"),
        ("neglect OR abuse", "either word"),
        ("neglect -housing", "the first without the second"),
        ("kind:focused_visit judgement:inadequate", "metadata fields"),
        ("year:2018..2020 authority:Wakefield", "years and councils"),
    ] {
        let _ = writeln!(
            out,
            "<tr><td><code>{}</code></td><td>{}</td></tr>",
            Esc(query),
            Esc(meaning)
        );
    }
    out.push_str("</table>\n</div>\n");
    out
}

fn active_filters(p: &Params) -> String {
    if p.filters.is_empty() {
        return String::new();
    }
    let mut out = String::from(
        "<div class=\"active-filters\" aria-label=\"Active filters\"><span class=\"label\">Filters:</span>\n",
    );
    for (name, value) in &p.filters {
        let remove = p.without_filter(name, Some(value)).page_url();
        let _ = writeln!(
            out,
            "<span class=\"chip\" data-filter=\"{}\">{}: {} \
<a href=\"{}\" title=\"Remove this filter\" aria-label=\"Remove filter {}\">×</a></span>",
            Esc(name),
            Esc(&words(name)),
            Esc(&words(value)),
            Esc(&remove),
            Esc(name),
        );
    }
    out.push_str("</div>\n");
    out
}

fn facet_section(p: &Params, active: &Filters, facet: &FacetCounts) -> String {
    let Some(param) = PAGE_FACETS.iter().find(|f| **f == facet.field).copied() else {
        return String::new();
    };
    let is_active = |value: &str| {
        active
            .terms
            .iter()
            .any(|(f, v)| f == param && v.eq_ignore_ascii_case(value))
    };
    let given = p.filter(param);
    if facet.counts.is_empty() && given.is_none() {
        return String::new();
    }
    let mut out = String::new();
    let _ = write!(
        out,
        "<section data-facet=\"{}\">\n<h2>{}</h2>\n<ul>\n",
        Esc(param),
        Esc(&words(param))
    );
    for v in &facet.counts {
        if is_active(&v.value) {
            let remove = p.without_filter(param, None).page_url();
            let _ = writeln!(
                out,
                "<li class=\"active\"><span>{} <a class=\"remove\" href=\"{}\" title=\"Remove this filter\">×</a></span>\
<span class=\"count\">{}</span></li>",
                Esc(&words(&v.value)),
                Esc(&remove),
                v.count
            );
        } else {
            let add = p.with_filter(param, &v.value).page_url();
            let _ = writeln!(
                out,
                "<li><a href=\"{}\">{}</a><span class=\"count\">{}</span></li>",
                Esc(&add),
                Esc(&words(&v.value)),
                v.count
            );
        }
    }
    out.push_str("</ul>\n</section>\n");
    out
}

fn summary(results: &SearchResults) -> String {
    let total = results.total_hits;
    let noun = if total == 1 { "document" } else { "documents" };
    let range = match (results.hits.first(), results.hits.last()) {
        (Some(first), Some(last)) => format!(", showing {}–{}", first.rank, last.rank),
        _ => String::new(),
    };
    format!(
        "<p class=\"summary\"><strong data-total=\"{total}\">{total}</strong> matching {noun}{range} ({:.1} ms)</p>\n",
        results.elapsed_ms
    )
}

fn hit_html(p: &Params, hit: &Hit) -> String {
    let r = &hit.record;
    let mut out = String::new();
    let _ = write!(
        out,
        "<li class=\"hit\" data-path=\"{}\">\n<h3><span class=\"rank\">{}.</span><a href=\"{}\">{}</a></h3>\n<div class=\"meta\">",
        Esc(&r.path),
        hit.rank,
        Esc(&doc_url(&r.path, &p.q)),
        Esc(if r.meta.title.is_empty() {
            "(untitled)"
        } else {
            &r.meta.title
        }),
    );
    let authority = match r.meta.authority {
        Some(a) => format!("{} ({})", a.name, a.la_code),
        None => "authority unknown".to_string(),
    };
    let date = r.meta.date.map(format_date);
    let _ = write!(
        out,
        "<span class=\"authority\">{}</span><span class=\"date\">{}</span><span class=\"kind\">{}</span>",
        Esc(&authority),
        Esc(date.as_deref().unwrap_or("undated")),
        Esc(&words(r.meta.kind.as_str())),
    );
    if let Some(j) = r.meta.judgement.map(|j| j.as_str()) {
        let _ = write!(
            out,
            "<span class=\"badge j-{}\">{}</span>",
            Esc(j),
            Esc(&words(j))
        );
    }
    out.push_str("</div>\n");
    if !r.meta.inspectors.is_empty() {
        let _ = writeln!(
            out,
            "<div class=\"inspectors\">Inspectors: {}</div>",
            Esc(&r.meta.inspectors.join(", "))
        );
    }
    for s in &hit.snippets {
        let _ = writeln!(out, "<p class=\"snippet\">{}</p>", snippet_html(s));
    }
    let _ = write!(out, "<div class=\"path\">{}</div>\n</li>\n", Esc(&r.path));
    out
}

fn pager(p: &Params, results: &SearchResults) -> String {
    let limit = p.limit.unwrap_or(PAGE_SIZE).max(1);
    let total = usize::try_from(results.total_hits).unwrap_or(usize::MAX);
    let has_prev = p.offset > 0;
    let next = p.offset.saturating_add(limit);
    let has_next = next < total && next <= MAX_OFFSET;
    if !has_prev && !has_next {
        return String::new();
    }
    let mut out = String::from("<nav class=\"pager\" aria-label=\"Pages\">\n");
    if has_prev {
        let prev = p.at_offset(p.offset.saturating_sub(limit)).page_url();
        let _ = writeln!(
            out,
            "<a rel=\"prev\" href=\"{}\">← Previous</a>",
            Esc(&prev)
        );
    } else {
        out.push_str("<span class=\"disabled\">← Previous</span>\n");
    }
    let page = p.offset / limit + 1;
    let pages = total.div_ceil(limit).max(1);
    let _ = writeln!(out, "<span>Page {page} of {pages}</span>");
    if has_next {
        let _ = writeln!(
            out,
            "<a rel=\"next\" href=\"{}\">Next →</a>",
            Esc(&p.at_offset(next).page_url())
        );
    } else {
        out.push_str("<span class=\"disabled\">Next →</span>\n");
    }
    out.push_str("</nav>\n");
    out
}

/// A document's page: its metadata and whole clean text, query matches marked.
pub fn doc_page(record: &DocRecord, text: &str, highlights: &[[usize; 2]], q: &str) -> String {
    let p = Params {
        q: q.to_string(),
        ..Params::default()
    };
    let mut body = String::new();
    if !q.trim().is_empty() {
        let _ = writeln!(
            body,
            "<a class=\"back\" href=\"{}\">← Back to the results</a>",
            Esc(&p.page_url())
        );
    }
    let _ = write!(
        body,
        "<article class=\"panel doc\" data-path=\"{}\">\n<h1>{}</h1>\n<dl>\n",
        Esc(&record.path),
        Esc(if record.meta.title.is_empty() {
            "(untitled)"
        } else {
            &record.meta.title
        })
    );
    let mut row = |name: &str, value: Option<String>| {
        if let Some(v) = value.filter(|v| !v.is_empty()) {
            let _ = writeln!(body, "<dt>{}</dt><dd>{}</dd>", Esc(name), Esc(&v));
        }
    };
    let m = &record.meta;
    row("Kind", Some(words(m.kind.as_str())));
    row(
        "Authority",
        m.authority.map(|a| format!("{} ({})", a.name, a.la_code)),
    );
    row("Region", m.authority.map(|a| a.region.clone()));
    row("Date", m.date.map(format_date));
    row(
        "Academic year",
        record.when().map(crate::record::academic_year),
    );
    let visit = match (
        m.inspection_start.map(format_date),
        m.inspection_end.map(format_date),
    ) {
        (Some(a), Some(b)) if a != b => Some(format!("{a} to {b}")),
        (Some(a), _) | (None, Some(a)) => Some(a),
        _ => None,
    };
    row("Inspection", visit);
    row("Judgement", m.judgement.map(|j| words(j.as_str())));
    for (name, j) in &record.judgements() {
        row(&words(name), Some(words(j.as_str())));
    }
    row("Inspectors", Some(m.inspectors.join(", ")));
    row("Lead inspector", m.lead_inspector.clone());
    row("Format", Some(record.format.as_str().to_string()));
    row("Path", Some(record.path.clone()));
    body.push_str("</dl>\n<div class=\"text\">");
    body.push_str(&marked(text, highlights));
    body.push_str("</div>\n</article>\n");
    layout(&format!("{} - ofsearch", record.meta.title), &p, &body)
}

/// A page with only a message (not found, server error).
pub fn message_page(heading: &str, message: &str) -> String {
    let body = format!(
        "<div class=\"error\" role=\"alert\"><strong>{}:</strong> {}</div>\n<p><a href=\"/\">Start a new search</a></p>\n",
        Esc(heading),
        Esc(message)
    );
    layout(&format!("{heading} - ofsearch"), &Params::default(), &body)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn escape(s: &str) -> String {
        Esc(s).to_string()
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
        };
        assert_eq!(
            snippet_html(&s),
            "x <mark>&lt;script&gt;</mark>alert(1)&lt;/script&gt; y"
        );
    }
}
