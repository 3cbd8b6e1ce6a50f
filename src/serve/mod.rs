//! `ofsearch serve`: a local web interface and JSON API over the index.
//!
//! - `GET /` the search page (server-rendered HTML, no scripts): results with
//!   highlighted snippets, facets that add filters, active filters, paging.
//! - `GET /doc?path=PATH[&q=QUERY]` a document's metadata and whole clean text,
//!   found through the index by the `path` shown in hits (never a file named by
//!   the request), matches of `q` marked.
//! - `GET /api/search?q=..&year=..&facet=year&limit=&offset=&sort=` the `--json`
//!   objects as one JSON document: `{"hits":[..],"facets":[..],"summary":{..}}`;
//!   a refused request is `{"error":"one-line message"}` with status 400 (413 when
//!   too long).
//! - `GET /api/doc?path=PATH` `{"doc":{..},"text":".."}`.
//!
//! Parameters are read into typed query structs (`params`) and the filters
//! checked as the command line's (`Filters::from_pairs`). Searches run on a small blocking pool; a panic answers
//! 500 and the server goes on. The index is reopened when `ofsearch index`
//! publishes a change (see `live`). Bound to loopback, the server answers only
//! requests addressed to a loopback name (no DNS rebinding).

mod live;
mod page;
mod params;
#[cfg(test)]
mod tests;

use std::any::Any;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::Arc;

use axum::Router;
use axum::extract::{RawQuery, Request, State};
use axum::http::{HeaderValue, StatusCode, Uri, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde_json::{Value, json};
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::limit::RequestBodyLimitLayer;

use crate::error::{Error, Result, io_err};
use crate::output::{doc_value, facet_value, hit_value, summary_value};
use crate::search::search;
use crate::snippet::{Matcher, snippets};
use crate::store::Store;
use live::Live;
use page::{Outcome, PAGE_FACETS};
use params::{Params, Rejection, Route};

/// Port used when none is given.
pub const DEFAULT_PORT: u16 = 7878;
/// Largest request body accepted (every endpoint is a GET).
const MAX_BODY_BYTES: usize = 16 * 1024;
/// Searches and document reads running at once; more wait their turn.
const BLOCKING_THREADS: usize = 4;
const STYLE_CSS: &str = include_str!("assets/style.css");
const CSP: &str = "default-src 'none'; style-src 'self'; img-src 'self' data:; \
form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/// How to run the server.
pub struct ServeOptions {
    /// Address to listen on; default `127.0.0.1:7878`. Port 0 picks a free port
    /// (reported to `on_ready`).
    pub addr: SocketAddr,
    /// Longest search text (`q`, after URL decoding) accepted, in bytes; a longer
    /// one, or a query string too long to hold one, is refused with 413. The
    /// query parser's own limit (`query::MAX_QUERY_BYTES`) applies as well.
    pub max_query_bytes: usize,
    /// Called once with the bound address when the server is ready for requests.
    pub on_ready: Option<Box<dyn FnOnce(SocketAddr) + Send>>,
}

impl Default for ServeOptions {
    fn default() -> ServeOptions {
        ServeOptions {
            addr: SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), DEFAULT_PORT),
            max_query_bytes: crate::query::MAX_QUERY_BYTES,
            on_ready: None,
        }
    }
}

impl std::fmt::Debug for ServeOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ServeOptions")
            .field("addr", &self.addr)
            .field("max_query_bytes", &self.max_query_bytes)
            .field("on_ready", &self.on_ready.is_some())
            .finish()
    }
}

/// Serve the index at `store` until the process ends. Fails at once when the
/// index cannot be opened or the address cannot be bound.
pub fn serve(store: Store, opts: ServeOptions) -> Result<()> {
    let live = Live::open(store)?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .max_blocking_threads(BLOCKING_THREADS)
        .thread_name("ofsearch-serve")
        .build()
        .map_err(io_err("cannot start the web server"))?;
    runtime.block_on(run(live, opts))
}

async fn run(live: Live, opts: ServeOptions) -> Result<()> {
    let listener = tokio::net::TcpListener::bind(opts.addr)
        .await
        .map_err(io_err(format!("cannot listen on {}", opts.addr)))?;
    let local = listener
        .local_addr()
        .map_err(io_err("cannot read the address listened on"))?;
    let app = Arc::new(App {
        live,
        max_query_bytes: opts.max_query_bytes,
        loopback_only: local.ip().is_loopback(),
        bound_ip: local.ip(),
    });
    let router = router(app);
    if let Some(ready) = opts.on_ready {
        ready(local);
    }
    axum::serve(listener, router)
        .await
        .map_err(io_err("the web server stopped"))
}

/// What every request handler shares.
struct App {
    live: Live,
    max_query_bytes: usize,
    /// Bound to a loopback address: answer only requests for a loopback host.
    loopback_only: bool,
    bound_ip: IpAddr,
}

type Shared = Arc<App>;

fn router(app: Shared) -> Router {
    let routes = Router::new()
        .route("/", get(search_page))
        .route("/doc", get(doc_page))
        .route("/api/search", get(api_search))
        .route("/api/doc", get(api_doc))
        .route("/assets/style.css", get(style_css));
    #[cfg(test)]
    let routes = tests::panic_routes(routes);
    routes
        .fallback(not_found)
        .layer(middleware::from_fn_with_state(app.clone(), host_guard))
        .layer(RequestBodyLimitLayer::new(MAX_BODY_BYTES))
        .layer(CatchPanicLayer::custom(panic_response))
        .layer(middleware::map_response(security_headers))
        .with_state(app)
}

// ---- responses -----------------------------------------------------------------

#[derive(Debug, Clone, Copy)]
enum Format {
    Html,
    Json,
}

fn html(status: StatusCode, body: String) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        body,
    )
        .into_response()
}

fn json_response(status: StatusCode, value: &Value) -> Response {
    match serde_json::to_string(value) {
        Ok(body) => (status, [(header::CONTENT_TYPE, "application/json")], body).into_response(),
        Err(e) => json_error(StatusCode::INTERNAL_SERVER_ERROR, &e.to_string()),
    }
}

/// The message on one line.
fn one_line(message: &str) -> String {
    message.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn json_error(status: StatusCode, message: &str) -> Response {
    let body = json!({ "error": one_line(message) }).to_string();
    (status, [(header::CONTENT_TYPE, "application/json")], body).into_response()
}

fn error_response(format: Format, status: StatusCode, message: &str) -> Response {
    match format {
        Format::Json => json_error(status, message),
        Format::Html => {
            let heading = status.canonical_reason().unwrap_or("Error");
            html(status, page::message_page(heading, &one_line(message)))
        }
    }
}

/// The status for an error of the search library: the request's fault or ours.
fn status_of(e: &Error) -> StatusCode {
    match e {
        Error::Query(_) | Error::Usage(_) => StatusCode::BAD_REQUEST,
        Error::NoIndex(_) | Error::Locked(..) => StatusCode::SERVICE_UNAVAILABLE,
        // Our own faults (`Internal`) and an index that cannot be read.
        _ => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

/// Run synchronous, CPU-bound work off the I/O thread. A panic in it is a 500.
async fn blocking<F>(format: Format, work: F) -> Response
where
    F: FnOnce() -> Response + Send + 'static,
{
    match tokio::task::spawn_blocking(work).await {
        Ok(response) => response,
        Err(_) => error_response(
            format,
            StatusCode::INTERNAL_SERVER_ERROR,
            "the request failed unexpectedly; the server goes on",
        ),
    }
}

fn panic_response(_: Box<dyn Any + Send + 'static>) -> Response {
    html(
        StatusCode::INTERNAL_SERVER_ERROR,
        page::message_page(
            "Internal Server Error",
            "the request failed unexpectedly; the server goes on",
        ),
    )
}

async fn security_headers(mut response: Response) -> Response {
    let h = response.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.entry(header::CACHE_CONTROL)
        .or_insert(HeaderValue::from_static("no-store"));
    response
}

/// Whether a `Host` header names this machine's loopback interface.
fn loopback_host(host: &str, bound: IpAddr) -> bool {
    let name = if let Some(rest) = host.strip_prefix('[') {
        rest.split(']').next().unwrap_or("")
    } else {
        match host.rsplit_once(':') {
            Some((name, port)) if port.bytes().all(|b| b.is_ascii_digit()) => name,
            _ => host,
        }
    };
    let name = name.trim_end_matches('.').to_ascii_lowercase();
    if name == "localhost" || name.ends_with(".localhost") {
        return true;
    }
    name.parse::<IpAddr>()
        .is_ok_and(|ip| ip.is_loopback() || ip == bound)
}

/// Refuse requests for other host names when bound to loopback: a web page
/// elsewhere cannot reach the server through a name it controls.
async fn host_guard(State(app): State<Shared>, request: Request, next: Next) -> Response {
    if app.loopback_only
        && let Some(host) = request.headers().get(header::HOST)
    {
        let allowed = host.to_str().is_ok_and(|h| loopback_host(h, app.bound_ip));
        if !allowed {
            return error_response(
                Format::Html,
                StatusCode::FORBIDDEN,
                "this server answers only requests for localhost or a loopback address",
            );
        }
    }
    next.run(request).await
}

async fn not_found(uri: Uri) -> Response {
    let format = if uri.path().starts_with("/api/") {
        Format::Json
    } else {
        Format::Html
    };
    error_response(format, StatusCode::NOT_FOUND, "there is no such page")
}

async fn style_css() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=300"),
        ],
        STYLE_CSS,
    )
        .into_response()
}

// ---- handlers ------------------------------------------------------------------

async fn search_page(State(app): State<Shared>, RawQuery(raw): RawQuery) -> Response {
    blocking(Format::Html, move || {
        search_page_now(&app, raw.as_deref().unwrap_or(""))
    })
    .await
}

async fn api_search(State(app): State<Shared>, RawQuery(raw): RawQuery) -> Response {
    blocking(Format::Json, move || {
        api_search_now(&app, raw.as_deref().unwrap_or(""))
    })
    .await
}

async fn doc_page(State(app): State<Shared>, RawQuery(raw): RawQuery) -> Response {
    blocking(Format::Html, move || {
        doc_now(&app, raw.as_deref().unwrap_or(""), Format::Html)
    })
    .await
}

async fn api_doc(State(app): State<Shared>, RawQuery(raw): RawQuery) -> Response {
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
    if p.q.trim().is_empty() {
        let docs = snapshot.num_docs();
        return html(
            StatusCode::OK,
            page::search_page(&p, &filters, Outcome::Landing { docs }),
        );
    }
    let request = p.to_request(filters.clone(), PAGE_FACETS.to_vec());
    match search(&snapshot.opened, &request) {
        Ok(results) => html(
            StatusCode::OK,
            page::search_page(&p, &filters, Outcome::Results(&results)),
        ),
        Err(e) => html(
            status_of(&e),
            page::search_page(&p, &filters, Outcome::Error(&e.to_string())),
        ),
    }
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
    let text = match snapshot.text(path) {
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
            &json!({ "doc": doc_value(record), "text": text }),
        ),
        Format::Html => {
            let highlights = text_highlights(&text, &p.q);
            html(
                StatusCode::OK,
                page::doc_page(record, &text, &highlights, &p.q),
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
