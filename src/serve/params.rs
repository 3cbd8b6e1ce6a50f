//! Request parameters: the URL query string read into a `Params`, checked with the
//! same rules as the command line (`FilterArgs::into_filters`, `facet_field`), and
//! written back into links.

use axum::http::StatusCode;

use crate::cli::FilterArgs;
use crate::error::Error;
use crate::facets::facet_field;
use crate::search::{Filters, SearchRequest, Sort};

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

/// Filter parameters, named as the command line's options, in link order.
/// `sub` (`NAME=J`) may be repeated; the others may be given once.
pub const FILTER_PARAMS: [&str; 10] = [
    "authority",
    "year",
    "academic_year",
    "from",
    "to",
    "judgement",
    "inspector",
    "kind",
    "region",
    "sub",
];

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
    /// `(parameter, value)` in the order of `FILTER_PARAMS`; empty values dropped.
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

fn number(name: &str, value: &str, max: usize) -> Result<usize, Rejection> {
    let n: usize = value
        .trim()
        .parse()
        .map_err(|_| bad(format!("{name}: '{value}' is not a number")))?;
    if n > max {
        return Err(bad(format!("{name}: {n} is more than the limit of {max}")));
    }
    Ok(n)
}

fn sort_of(value: &str) -> Result<Sort, Rejection> {
    match value.trim() {
        "relevance" | "" => Ok(Sort::Relevance),
        "date" => Ok(Sort::Date),
        "-date" => Ok(Sort::DateDesc),
        other => Err(bad(format!(
            "sort: unknown order '{other}' (relevance, date, -date)"
        ))),
    }
}

fn sort_name(sort: Sort) -> &'static str {
    match sort {
        Sort::Relevance => "relevance",
        Sort::Date => "date",
        Sort::DateDesc => "-date",
    }
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
        let mut p = Params::default();
        let mut seen: Vec<String> = Vec::new();
        for (key, value) in form_urlencoded::parse(raw.as_bytes()) {
            let key = key.as_ref();
            let repeatable = key == "sub" || key == "facet";
            if !repeatable {
                if seen.iter().any(|k| k == key) {
                    return Err(bad(format!("parameter '{key}' is given more than once")));
                }
                seen.push(key.to_string());
            }
            let filter = FILTER_PARAMS.iter().find(|f| **f == key);
            match (key, route) {
                ("q", _) => p.q = value.into_owned(),
                ("path", Route::Doc) => p.path = Some(value.into_owned()),
                (_, Route::Page | Route::Api) if filter.is_some() => {
                    if !value.trim().is_empty() {
                        let name = filter.copied().unwrap_or("sub");
                        p.filters.push((name, value.into_owned()));
                    }
                }
                ("offset", Route::Page | Route::Api) => {
                    p.offset = number("offset", &value, MAX_OFFSET)?;
                }
                ("limit", Route::Page | Route::Api) => {
                    p.limit = Some(number("limit", &value, MAX_LIMIT)?);
                }
                ("sort", Route::Page | Route::Api) => p.sort = Some(sort_of(&value)?),
                ("facet", Route::Api) => {
                    let field = facet_field(&value).map_err(|e| bad(format!("facet: {e}")))?;
                    if !p.facets.contains(&field) {
                        p.facets.push(field);
                    }
                }
                ("snippets", Route::Api) => {
                    p.snippets = Some(number("snippets", &value, MAX_SNIPPETS)?);
                }
                _ => return Err(bad(format!("unknown parameter '{key}'"))),
            }
        }
        if p.q.len() > max_query_bytes {
            return Err(too_large(format!(
                "the query is {} bytes long; the limit is {max_query_bytes}",
                p.q.len()
            )));
        }
        p.filters.sort_by_key(|(name, _)| {
            FILTER_PARAMS
                .iter()
                .position(|f| f == name)
                .unwrap_or(usize::MAX)
        });
        Ok(p)
    }

    /// The filters checked and resolved exactly as the command line's options
    /// (`--year`, `--authority`, ...); messages name the parameter.
    pub fn to_filters(&self) -> Result<Filters, Error> {
        let mut args = FilterArgs::default();
        for (name, value) in &self.filters {
            let v = Some(value.clone());
            match *name {
                "authority" => args.authority = v,
                "year" => args.year = v,
                "academic_year" => args.academic_year = v,
                "from" => args.from = v,
                "to" => args.to = v,
                "judgement" => args.judgement = v,
                "inspector" => args.inspector = v,
                "kind" => args.kind = v,
                "region" => args.region = v,
                _ => args.sub.push(value.clone()),
            }
        }
        args.into_filters().map_err(|e| match e {
            Error::Usage(m) => Error::Usage(m.replace("--", "")),
            other => other,
        })
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
        p.filters.sort_by_key(|(n, _)| {
            FILTER_PARAMS
                .iter()
                .position(|f| f == n)
                .unwrap_or(usize::MAX)
        });
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
            "q=care+%26+%3Cb%3E&year=2020&kind=ilacs"
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
