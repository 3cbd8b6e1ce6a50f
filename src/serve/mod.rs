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
//!
//! Connections are bounded (issue 14: half-open connections used to exhaust the
//! file descriptors): the headers of each request must arrive within
//! [`HEADER_TIMEOUT`] (which is also how long a kept-alive connection may sit
//! idle), a request is answered within [`REQUEST_TIMEOUT`] (else 408), a
//! connection lives at most [`CONNECTION_LIFETIME`], and at most
//! [`max_connections`] are open at once: one more is answered 503 and closed.
//! The accept loop is our own (`accept_loop`), on hyper's HTTP/1 server.

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
use std::time::Duration;

use axum::Router;
use axum::extract::{Request, State};
use axum::http::{StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::get;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::timeout::TimeoutLayer;

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
/// Time for a request's headers to arrive, and for a kept-alive connection to
/// send its next request.
pub const HEADER_TIMEOUT: Duration = Duration::from_secs(10);
/// Time to answer a request, once read.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);
/// Longest a connection stays open (a client that stops reading a response).
pub const CONNECTION_LIFETIME: Duration = Duration::from_secs(300);

/// Connections open at once: what the descriptor limit allows (raised to its
/// hard limit) less a reserve for the index files, at most 10,000.
fn max_connections() -> usize {
    let fds = raise_fd_limit();
    fds.saturating_sub(256).clamp(16, 10_000)
}

/// Raise the soft limit on open files to the hard one; the limit now in force.
#[cfg(unix)]
fn raise_fd_limit() -> usize {
    // SAFETY: getrlimit/setrlimit on this process with a valid pointer.
    unsafe {
        let mut lim: libc::rlimit = std::mem::zeroed();
        if libc::getrlimit(libc::RLIMIT_NOFILE, &mut lim) != 0 {
            return 1024;
        }
        if lim.rlim_cur < lim.rlim_max {
            let raised = libc::rlimit {
                rlim_cur: lim.rlim_max,
                rlim_max: lim.rlim_max,
            };
            if libc::setrlimit(libc::RLIMIT_NOFILE, &raised) == 0 {
                lim.rlim_cur = lim.rlim_max;
            }
        }
        usize::try_from(lim.rlim_cur).unwrap_or(usize::MAX)
    }
}

#[cfg(not(unix))]
fn raise_fd_limit() -> usize {
    1024
}

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
    accept_loop(listener, router, max_connections()).await;
    Ok(())
}

/// Accept connections for ever, each served on its own task within the limits
/// (see the module docs).
async fn accept_loop(listener: tokio::net::TcpListener, router: Router, cap: usize) {
    use hyper_util::rt::{TokioIo, TokioTimer};
    use hyper_util::service::TowerToHyperService;

    let open = Arc::new(tokio::sync::Semaphore::new(cap));
    loop {
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            // Out of descriptors or a connection reset before it was accepted:
            // wait a little rather than spin, then go on.
            Err(_) => {
                tokio::time::sleep(Duration::from_millis(20)).await;
                continue;
            }
        };
        let _ = stream.set_nodelay(true);
        let Ok(permit) = open.clone().try_acquire_owned() else {
            tokio::spawn(refuse_busy(stream));
            continue;
        };
        let service = TowerToHyperService::new(router.clone());
        tokio::spawn(async move {
            let connection = hyper::server::conn::http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(HEADER_TIMEOUT)
                .max_buf_size(64 * 1024)
                .serve_connection(TokioIo::new(stream), service);
            let _ = tokio::time::timeout(CONNECTION_LIFETIME, connection).await;
            drop(permit);
        });
    }
}

/// One connection too many: a short 503, then close.
async fn refuse_busy(mut stream: tokio::net::TcpStream) {
    use tokio::io::AsyncWriteExt;
    const BUSY: &[u8] = b"HTTP/1.1 503 Service Unavailable\r\ncontent-type: text/plain\r\n\
        content-length: 26\r\nretry-after: 1\r\nconnection: close\r\n\r\ntoo many connections open\n";
    let _ = tokio::time::timeout(Duration::from_secs(1), stream.write_all(BUSY)).await;
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
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            REQUEST_TIMEOUT,
        ))
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
