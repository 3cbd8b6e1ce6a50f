//! The endpoints: `/` and `/doc` (HTML), `/api/search` and `/api/doc` (JSON).
//! Each reads its parameters, runs on the blocking pool and answers.

use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde_json::json;

use super::page::{self, Outcome, PAGE_FACETS};
use super::params::{Params, Rejection, Route};
use super::respond::{
    Format, blocking, error_response, html, json_error, json_response, status_of,
};
use super::{App, Shared};
use crate::output::{doc_value, facet_value, hit_value, summary_value};
use crate::search::search;
use crate::snippet::{Matcher, snippets};

pub async fn search_page(State(app): State<Shared>, RawQuery(raw): RawQuery) -> Response {
    blocking(Format::Html, move || {
        search_page_now(&app, raw.as_deref().unwrap_or(""))
    })
    .await
}

pub async fn api_search(State(app): State<Shared>, RawQuery(raw): RawQuery) -> Response {
    blocking(Format::Json, move || {
        api_search_now(&app, raw.as_deref().unwrap_or(""))
    })
    .await
}

pub async fn doc_page(State(app): State<Shared>, RawQuery(raw): RawQuery) -> Response {
    blocking(Format::Html, move || {
        doc_now(&app, raw.as_deref().unwrap_or(""), Format::Html)
    })
    .await
}

pub async fn api_doc(State(app): State<Shared>, RawQuery(raw): RawQuery) -> Response {
    blocking(Format::Json, move || {
        doc_now(&app, raw.as_deref().unwrap_or(""), Format::Json)
    })
    .await
}

fn search_page_now(app: &App, raw: &str) -> Response {
    let p = match Params::parse(raw, Route::Page, app.max_query_bytes) {
        Ok(p) => p,
        Err(Rejection { status, message }) => {
            let page = page::search_page(
                &Params::default(),
                &Default::default(),
                Outcome::Error(&message),
            );
            return html(status, page);
        }
    };
    let filters = match p.to_filters() {
        Ok(f) => f,
        Err(e) => {
            let page = page::search_page(&p, &Default::default(), Outcome::Error(&e.to_string()));
            return html(status_of(&e), page);
        }
    };
    let snapshot = app.live.snapshot();
    // Without a query the filters' documents are browsed; with neither, the guide.
    if p.q.trim().is_empty() && filters.terms.is_empty() {
        let docs = snapshot.num_docs();
        return html(
            StatusCode::OK,
            page::search_page(&p, &filters, Outcome::Landing { docs }),
        );
    }
    let request = p.to_request(filters.clone(), PAGE_FACETS.to_vec());
    match search(&snapshot.opened, &request) {
        Ok(results) => {
            // Nothing found: the command line's hints (the phrase's words apart,
            // a council the index has no document about).
            let hints = if results.total_hits == 0 {
                let words = phrase_words(&p.q);
                crate::hints::no_hit_hints(&snapshot.opened, &request, words.as_deref())
            } else {
                Vec::new()
            };
            html(
                StatusCode::OK,
                page::search_page_with_hints(&p, &filters, Outcome::Results(&results), &hints),
            )
        }
        Err(e) => html(
            status_of(&e),
            page::search_page(&p, &filters, Outcome::Error(&e.to_string())),
        ),
    }
}

/// The words of a query that is one quoted phrase of several words (`"chronic
/// neglected"`), to suggest them apart when the phrase finds nothing.
fn phrase_words(q: &str) -> Option<Vec<String>> {
    let inner = q.trim().strip_prefix('"')?.strip_suffix('"')?;
    let words: Vec<String> = inner.split_whitespace().map(str::to_string).collect();
    (!inner.contains('"') && words.len() > 1).then_some(words)
}

fn api_search_now(app: &App, raw: &str) -> Response {
    let p = match Params::parse(raw, Route::Api, app.max_query_bytes) {
        Ok(p) => p,
        Err(r) => return json_error(r.status, &r.message),
    };
    let filters = match p.to_filters() {
        Ok(f) => f,
        Err(e) => return json_error(status_of(&e), &e.to_string()),
    };
    let request = p.to_request(filters, p.facets.clone());
    let snapshot = app.live.snapshot();
    match search(&snapshot.opened, &request) {
        Ok(results) => json_response(
            StatusCode::OK,
            &json!({
                "hits": results.hits.iter().map(hit_value).collect::<Vec<_>>(),
                "facets": results.facets.iter().map(facet_value).collect::<Vec<_>>(),
                "summary": summary_value(&results),
                "notes": results.notes,
            }),
        ),
        Err(e) => json_error(status_of(&e), &e.to_string()),
    }
}

fn doc_now(app: &App, raw: &str, format: Format) -> Response {
    let route_error = |status, message: &str| error_response(format, status, message);
    let p = match Params::parse(raw, Route::Doc, app.max_query_bytes) {
        Ok(p) => p,
        Err(r) => return route_error(r.status, &r.message),
    };
    let Some(path) = p.path.as_deref().filter(|p| !p.is_empty()) else {
        return route_error(StatusCode::BAD_REQUEST, "missing parameter 'path'");
    };
    let snapshot = app.live.snapshot();
    let record = match snapshot.record(path) {
        Ok(Some(record)) => record,
        Ok(None) => {
            return route_error(
                StatusCode::NOT_FOUND,
                &format!("no indexed document has the path '{path}'"),
            );
        }
        Err(e) => return route_error(status_of(&e), &e.to_string()),
    };
    let (text, truncated) = match snapshot.text(path) {
        Ok(Some(text)) => text,
        Ok(None) => {
            return route_error(
                StatusCode::NOT_FOUND,
                &format!("no indexed document has the path '{path}'"),
            );
        }
        Err(e) => return route_error(status_of(&e), &e.to_string()),
    };
    match format {
        Format::Json => json_response(
            StatusCode::OK,
            &json!({ "doc": doc_value(record), "text": text, "truncated": truncated }),
        ),
        Format::Html => {
            let highlights = text_highlights(&text, &p.q);
            html(
                StatusCode::OK,
                page::doc_page(record, &text, truncated, &highlights, &p.q),
            )
        }
    }
}

/// Byte ranges of the query's matches in the whole text: one snippet as wide as
/// the text, whose offsets are then those of the text itself.
fn text_highlights(text: &str, q: &str) -> Vec<[usize; 2]> {
    if q.trim().is_empty() || text.is_empty() {
        return Vec::new();
    }
    let Ok(node) = crate::query::parse(q) else {
        return Vec::new();
    };
    let matcher = Matcher::from_query(&node);
    let whole = snippets(text, &matcher, 1, text.len().saturating_mul(2));
    match whole.into_iter().next() {
        Some(s) if s.text.len() == text.len() => s.highlights,
        _ => Vec::new(),
    }
}
