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
//! - `GET /latest?as_of=DATE&kind=K&sort=COLUMN&region=..` every authority's
//!   latest graded inspection (`ofsearch latest`), sortable by column;
//!   `GET /latest.csv?...` the same table as `latest --csv`.
//!
//! Parameters are read into typed query structs (`params`) and the filters
//! checked as the command line's (`Filters::from_pairs`); `handlers` answers each
//! endpoint, `page` renders the HTML, `respond` makes the responses. Searches run
//! on a small blocking pool; a panic answers 500 and the server goes on; our own
//! faults (`Error::Internal`) are 500, the request's 400. The index is reopened
//! when `ofsearch index` publishes a change (see `live`). Bound to loopback, the
//! server answers only requests addressed to a loopback name (no DNS rebinding).

mod handlers;
mod latest;
#[cfg(test)]
mod latest_tests;
mod live;
mod page;
mod params;
mod respond;
#[cfg(test)]
mod tests;

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::Arc;

use axum::Router;
use axum::extract::{Request, State};
use axum::http::{StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::get;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::limit::RequestBodyLimitLayer;

use crate::error::{Result, io_err};
use crate::store::Store;
use handlers::{api_doc, api_search, doc_page, search_page};
use live::Live;
use respond::{Format, error_response, not_found, panic_response, security_headers, style_css};

/// Port used when none is given.
pub const DEFAULT_PORT: u16 = 7878;
/// Largest request body accepted (every endpoint is a GET).
const MAX_BODY_BYTES: usize = 16 * 1024;
/// Searches and document reads running at once; more wait their turn.
const BLOCKING_THREADS: usize = 4;

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
        .route("/latest", get(latest::latest_page))
        .route("/latest.csv", get(latest::latest_csv))
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
