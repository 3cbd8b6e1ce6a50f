//! Request parameters: the URL query string read into a `Params`, checked with the
//! same rules as the command line (`Filters::from_pairs`, `facet_field`), and
//! written back into links.

use axum::http::StatusCode;

use serde::Deserialize;

use crate::error::Error;
use crate::filters::{self, Filters};
use crate::search::{SearchRequest, Sort};

/// Hits per page of the HTML interface (and the API's default `limit`).
pub const PAGE_SIZE: usize = 10;
/// Largest `limit` accepted: each hit's stored text is scanned for snippets.
pub const MAX_LIMIT: usize = 100;
/// Largest `offset` accepted: the top-documents heap grows with offset + limit.
pub const MAX_OFFSET: usize = 10_000;
/// Largest `snippets` accepted.
pub const MAX_SNIPPETS: usize = 10;
/// Snippets per hit unless asked otherwise (as `--snippets`).
pub const DEFAULT_SNIPPETS: usize = 3;

/// Whether `key` is a filter parameter (named as the filters; `sub` may be
/// repeated, the others given once).
fn is_filter(key: &str) -> bool {
    filters::spec(key).is_some()
}

/// Which endpoint is being asked: decides the parameters it accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Route {
    Page,
    Api,
    Doc,
}

/// A request refused before any search: status and a one-line message.
#[derive(Debug, Clone)]
pub struct Rejection {
    pub status: StatusCode,
    pub message: String,
}

fn bad(message: impl Into<String>) -> Rejection {
    Rejection {
        status: StatusCode::BAD_REQUEST,
        message: message.into(),
    }
}

fn too_large(message: impl Into<String>) -> Rejection {
    Rejection {
        status: StatusCode::PAYLOAD_TOO_LARGE,
        message: message.into(),
    }
}

/// The parameters of a request, as given (not yet validated against the index).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Params {
    pub q: String,
    /// `(parameter, value)` in the order of the filters; empty values dropped.
    pub filters: Vec<(&'static str, String)>,
    pub facets: Vec<&'static str>,
    pub limit: Option<usize>,
    pub offset: usize,
    pub sort: Option<Sort>,
    pub snippets: Option<usize>,
    /// `/doc`: the document's path as shown in hits.
    pub path: Option<String>,
}

/// The longest raw query string accepted for a `q` of at most `max_query_bytes`:
/// room for percent-encoding every byte plus the other parameters.
pub fn raw_limit(max_query_bytes: usize) -> usize {
    max_query_bytes.saturating_mul(3).saturating_add(4096)
}

fn number(name: &str, value: &str, max: usize) -> Result<usize, String> {
    let n: usize = value
        .trim()
        .parse()
        .map_err(|_| format!("{name}: '{value}' is not a number"))?;
    if n > max {
        return Err(format!("{name}: {n} is more than the limit of {max}"));
    }
    Ok(n)
}

fn sort_of(value: &str) -> Result<Sort, String> {
    match value.trim() {
        "relevance" | "" => Ok(Sort::Relevance),
        "date" => Ok(Sort::Date),
        "-date" => Ok(Sort::DateDesc),
        other => Err(format!(
            "sort: unknown order '{other}' (relevance, date, -date)"
        )),
    }
}

fn sort_name(sort: Sort) -> &'static str {
    match sort {
        Sort::Relevance => "relevance",
        Sort::Date => "date",
        Sort::DateDesc => "-date",
    }
}

/// The query string of `/` and `/api/search`, values checked as they are read.
/// The filters are checked later, with `Filters::from_pairs`.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct SearchQuery {
    q: String,
    #[serde(deserialize_with = "de::offset")]
    offset: usize,
    #[serde(deserialize_with = "de::limit")]
    limit: Option<usize>,
    #[serde(deserialize_with = "de::sort")]
    sort: Option<Sort>,
    /// `/api/search` only.
    #[serde(deserialize_with = "de::facets")]
    facet: Vec<&'static str>,
    /// `/api/search` only.
    #[serde(deserialize_with = "de::snippets")]
    snippets: Option<usize>,
    /// The filters, read from the raw pairs (their names come from the field
    /// registry, not from this struct).
    #[serde(skip)]
    filters: Vec<(&'static str, String)>,
}

/// The query string of `/doc` and `/api/doc`.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct DocQuery {
    q: String,
    path: Option<String>,
}

/// Reading the values of [`SearchQuery`], with the messages of this API.
mod de {
    use serde::de::{Deserialize, Deserializer, Error};

    use super::{MAX_LIMIT, MAX_OFFSET, MAX_SNIPPETS, Sort, number, sort_of};
    use crate::facets::facet_field;

    fn read<'de, D: Deserializer<'de>, T>(
        d: D,
        parse: impl FnOnce(&str) -> Result<T, String>,
    ) -> Result<T, D::Error> {
        let value = String::deserialize(d)?;
        parse(&value).map_err(D::Error::custom)
    }

    pub fn offset<'de, D: Deserializer<'de>>(d: D) -> Result<usize, D::Error> {
        read(d, |v| number("offset", v, MAX_OFFSET))
    }

    pub fn limit<'de, D: Deserializer<'de>>(d: D) -> Result<Option<usize>, D::Error> {
        read(d, |v| number("limit", v, MAX_LIMIT).map(Some))
    }

    pub fn snippets<'de, D: Deserializer<'de>>(d: D) -> Result<Option<usize>, D::Error> {
        read(d, |v| number("snippets", v, MAX_SNIPPETS).map(Some))
    }

    pub fn sort<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Sort>, D::Error> {
        read(d, |v| sort_of(v).map(Some))
    }

    /// Each field once, in the order first asked for.
    pub fn facets<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<&'static str>, D::Error> {
        let mut fields = Vec::new();
        for value in Vec::<String>::deserialize(d)? {
            let field = facet_field(&value).map_err(|e| D::Error::custom(format!("facet: {e}")))?;
            if !fields.contains(&field) {
                fields.push(field);
            }
        }
        Ok(fields)
    }
}

impl Route {
    /// Whether this endpoint takes the parameter `key`.
    fn accepts(self, key: &str) -> bool {
        match self {
            Route::Doc => matches!(key, "q" | "path"),
            Route::Page | Route::Api => {
                matches!(key, "q" | "offset" | "limit" | "sort")
                    || is_filter(key)
                    || (self == Route::Api && matches!(key, "facet" | "snippets"))
            }
        }
    }
}

/// Every parameter is one this endpoint takes, and only `sub` and `facet` repeat.
fn check_names(raw: &str, route: Route) -> Result<(), Rejection> {
    let mut seen: Vec<String> = Vec::new();
    for (key, _) in form_urlencoded::parse(raw.as_bytes()) {
        let key = key.as_ref();
        if !matches!(key, "sub" | "facet") {
            if seen.iter().any(|k| k == key) {
                return Err(bad(format!("parameter '{key}' is given more than once")));
            }
            seen.push(key.to_string());
        }
        if !route.accepts(key) {
            return Err(bad(format!("unknown parameter '{key}'")));
        }
    }
    Ok(())
}

impl From<SearchQuery> for Params {
    fn from(s: SearchQuery) -> Params {
        Params {
            q: s.q,
            filters: s.filters,
            facets: s.facet,
            limit: s.limit,
            offset: s.offset,
            sort: s.sort,
            snippets: s.snippets,
            path: None,
        }
    }
}

/// The filter parameters of a raw query string, in the order of the filters,
/// empty values dropped.
fn filter_pairs(raw: &str) -> Vec<(&'static str, String)> {
    let mut pairs: Vec<(&'static str, String)> = form_urlencoded::parse(raw.as_bytes())
        .filter_map(|(k, v)| Some((filters::spec(&k)?.name, v.into_owned())))
        .filter(|(_, v)| !v.trim().is_empty())
        .collect();
    pairs.sort_by_key(|(n, _)| filter_rank(n));
    pairs
}

/// Where a filter comes in links and checks.
fn filter_rank(name: &str) -> usize {
    filters::names()
        .position(|f| f == name)
        .unwrap_or(usize::MAX)
}

impl Params {
    /// Read a raw (still percent-encoded) query string. Refuses an over-long
    /// request or search text with 413, anything unknown or malformed with 400.
    pub fn parse(raw: &str, route: Route, max_query_bytes: usize) -> Result<Params, Rejection> {
        let limit = raw_limit(max_query_bytes);
        if raw.len() > limit {
            return Err(too_large(format!(
                "the request's query string is {} bytes long; the limit is {limit}",
                raw.len()
            )));
        }
        check_names(raw, route)?;
        let read = |e: serde::de::value::Error| bad(e.to_string());
        let p = match route {
            Route::Doc => {
                let d: DocQuery = serde_html_form::from_str(raw).map_err(read)?;
                Params {
                    q: d.q,
                    path: d.path,
                    ..Params::default()
                }
            }
            Route::Page | Route::Api => {
                let mut q: SearchQuery = serde_html_form::from_str(raw).map_err(read)?;
                q.filters = filter_pairs(raw);
                Params::from(q)
            }
        };
        if p.q.len() > max_query_bytes {
            return Err(too_large(format!(
                "the query is {} bytes long; the limit is {max_query_bytes}",
                p.q.len()
            )));
        }
        Ok(p)
    }

    /// The filters checked and resolved as the command line's options (`--year`,
    /// `--authority`, ...) are; messages name the parameter.
    pub fn to_filters(&self) -> Result<Filters, Error> {
        let pairs = self
            .filters
            .iter()
            .map(|(name, value)| (*name, value.as_str()));
        Ok(Filters::from_pairs(pairs)?)
    }

    /// The search this request asks for, with its checked filters.
    pub fn to_request(&self, filters: Filters, facets: Vec<&'static str>) -> SearchRequest {
        SearchRequest {
            query: self.q.clone(),
            filters,
            facets,
            limit: self.limit.unwrap_or(PAGE_SIZE),
            offset: self.offset,
            sort: self.sort.unwrap_or(Sort::Relevance),
            count_only: false,
            max_snippets: self.snippets.unwrap_or(DEFAULT_SNIPPETS),
            facet_limit: Some(crate::search::DEFAULT_FACET_LIMIT),
            all_copies: false,
        }
    }

    /// The value of a filter parameter, if given.
    pub fn filter(&self, name: &str) -> Option<&str> {
        self.filters
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
    }

    /// A copy with `name` set to `value` (replacing any value) and paging reset.
    pub fn with_filter(&self, name: &'static str, value: &str) -> Params {
        let mut p = self.without_filter(name, None);
        p.filters.push((name, value.to_string()));
        p.filters.sort_by_key(|(n, _)| filter_rank(n));
        p
    }

    /// A copy without the filter `name` (only the one with `value`, if given),
    /// paging reset.
    pub fn without_filter(&self, name: &str, value: Option<&str>) -> Params {
        let mut p = self.clone();
        p.filters
            .retain(|(n, v)| !(*n == name && value.is_none_or(|value| value == v)));
        p.offset = 0;
        p
    }

    /// A copy at another offset.
    pub fn at_offset(&self, offset: usize) -> Params {
        let mut p = self.clone();
        p.offset = offset;
        p
    }

    /// The query string of a link to the HTML page for these parameters
    /// (`q`, filters, `sort`, `limit`, `offset`), percent-encoded, without `?`.
    pub fn query_string(&self) -> String {
        let mut s = form_urlencoded::Serializer::new(String::new());
        if !self.q.is_empty() {
            s.append_pair("q", &self.q);
        }
        for (name, value) in &self.filters {
            s.append_pair(name, value);
        }
        if let Some(sort) = self.sort.filter(|s| *s != Sort::Relevance) {
            s.append_pair("sort", sort_name(sort));
        }
        if let Some(limit) = self.limit.filter(|l| *l != PAGE_SIZE) {
            s.append_pair("limit", &limit.to_string());
        }
        if self.offset > 0 {
            s.append_pair("offset", &self.offset.to_string());
        }
        s.finish()
    }

    /// A link to the HTML page for these parameters.
    pub fn page_url(&self) -> String {
        let qs = self.query_string();
        if qs.is_empty() {
            "/".to_string()
        } else {
            format!("/?{qs}")
        }
    }
}

/// A link to a document's page, keeping the query for highlighting.
pub fn doc_url(path: &str, q: &str) -> String {
    let mut s = form_urlencoded::Serializer::new(String::new());
    s.append_pair("path", path);
    if !q.is_empty() {
        s.append_pair("q", q);
    }
    format!("/doc?{}", s.finish())
}

/// The name of a sort order as used in the `sort` parameter.
pub fn sort_param(sort: Sort) -> &'static str {
    sort_name(sort)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_filters_paging_and_facets() {
        let p = Params::parse(
            "q=%22chronic+neglect%22&year=2020&kind=&facet=year&facet=kind&limit=5&offset=10&sort=-date&sub=care_leavers%3Dgood",
            Route::Api,
            4096,
        )
        .unwrap();
        assert_eq!(p.q, "\"chronic neglect\"");
        assert_eq!(
            p.filters,
            vec![
                ("year", "2020".to_string()),
                ("sub", "care_leavers=good".to_string())
            ]
        );
        assert_eq!(p.facets, vec!["year", "kind"]);
        assert_eq!(
            (p.limit, p.offset, p.sort),
            (Some(5), 10, Some(Sort::DateDesc))
        );
    }

    #[test]
    fn refuses_unknown_repeated_and_out_of_range() {
        let err = |raw: &str, route| Params::parse(raw, route, 4096).unwrap_err();
        assert!(err("q=a&yeer=1", Route::Api).message.contains("yeer"));
        assert!(
            err("q=a&q=b", Route::Api)
                .message
                .contains("more than once")
        );
        assert!(
            err("q=a&limit=x", Route::Api)
                .message
                .contains("not a number")
        );
        assert!(err("q=a&limit=1000", Route::Api).message.contains("limit"));
        assert!(
            err("q=a&offset=99999999999", Route::Page)
                .message
                .contains("offset")
        );
        assert!(err("q=a&sort=up", Route::Page).message.contains("sort"));
        assert!(
            err("q=a&facet=colour", Route::Api)
                .message
                .contains("facet")
        );
        assert!(err("q=a&facet=year", Route::Page).message.contains("facet"));
        assert!(err("path=x&year=2020", Route::Doc).message.contains("year"));
    }

    #[test]
    fn every_filter_is_read_and_messages_are_exact() {
        for name in filters::names() {
            let p = Params::parse(&format!("q=a&{name}=x"), Route::Page, 4096).unwrap();
            assert_eq!(p.filter(name), Some("x"), "{name}");
        }
        let message = |raw: &str| Params::parse(raw, Route::Api, 4096).unwrap_err().message;
        assert_eq!(message("limit=x"), "limit: 'x' is not a number");
        assert_eq!(message("limit="), "limit: '' is not a number");
        assert_eq!(
            message("snippets=11"),
            "snippets: 11 is more than the limit of 10"
        );
        assert_eq!(
            message("sort=up"),
            "sort: unknown order 'up' (relevance, date, -date)"
        );
        assert_eq!(message("q=a&colour=red"), "unknown parameter 'colour'");
        assert_eq!(
            message("year=1&year=2"),
            "parameter 'year' is given more than once"
        );
        assert!(message("facet=year&facet=colour").starts_with("facet: "));
    }

    #[test]
    fn refuses_long_queries_with_413() {
        let q = "a".repeat(5000);
        let e = Params::parse(&format!("q={q}"), Route::Api, 4096).unwrap_err();
        assert_eq!(e.status, StatusCode::PAYLOAD_TOO_LARGE);
        assert!(e.message.contains("5000 bytes"), "{}", e.message);
        let raw = "x".repeat(raw_limit(4096) + 1);
        let e = Params::parse(&raw, Route::Api, 4096).unwrap_err();
        assert_eq!(e.status, StatusCode::PAYLOAD_TOO_LARGE);
    }

    #[test]
    fn filters_are_checked_like_the_command_line() {
        let p = Params::parse("q=a&year=twenty", Route::Page, 4096).unwrap();
        let msg = p.to_filters().unwrap_err().to_string();
        assert!(msg.starts_with("year: "), "{msg}");
        let p = Params::parse("q=a&kind=nonsense", Route::Page, 4096).unwrap();
        assert!(p.to_filters().unwrap_err().to_string().contains("kind"));
        let p = Params::parse("q=a&year=2018..2020", Route::Page, 4096).unwrap();
        assert_eq!(
            p.to_filters().unwrap().terms,
            vec![("year".to_string(), "2018..2020".to_string())]
        );
    }

    #[test]
    fn links_round_trip() {
        let p =
            Params::parse("q=care+%26+%3Cb%3E&kind=ilacs&offset=20", Route::Page, 4096).unwrap();
        let with = p.with_filter("year", "2020");
        assert_eq!(
            with.query_string(),
            "q=care+%26+%3Cb%3E&kind=ilacs&year=2020"
        );
        let back = Params::parse(&with.query_string(), Route::Page, 4096).unwrap();
        assert_eq!(back, with);
        assert_eq!(
            with.without_filter("kind", None).page_url(),
            "/?q=care+%26+%3Cb%3E&year=2020"
        );
        assert_eq!(
            p.at_offset(30).query_string(),
            "q=care+%26+%3Cb%3E&kind=ilacs&offset=30"
        );
        assert_eq!(Params::default().page_url(), "/");
        assert_eq!(doc_url("corpus/a b.txt", ""), "/doc?path=corpus%2Fa+b.txt");
    }
}
