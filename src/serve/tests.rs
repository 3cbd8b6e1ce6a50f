//! End-to-end tests over an index built in a temporary directory from a copy of
//! `corpus/`: the router driven in-process (`tower::ServiceExt::oneshot`), and a
//! real server on a free loopback port where the socket matters (the `Host`
//! check, what the HTTP layer refuses).

use std::io::{Read, Write};
use std::net::{IpAddr, Ipv4Addr, SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::{Arc, mpsc};
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::Body;
use axum::http::{Method, Request, header};
use axum::routing::get as route_get;
use serde_json::Value;
use tower::ServiceExt;

use super::live::Live;
use super::{App, ServeOptions, Shared, router, serve};
use crate::index::{IndexOptions, update};
use crate::store::Store;

/// Routes that panic, to check that the server survives them.
pub(super) fn panic_routes(routes: Router<Shared>) -> Router<Shared> {
    routes
        .route(
            "/__panic",
            route_get(|| async {
                if std::hint::black_box(true) {
                    panic!("test panic in an async handler");
                }
                "unreachable"
            }),
        )
        .route(
            "/__panic_blocking",
            route_get(|| async {
                super::respond::blocking(super::respond::Format::Json, || {
                    panic!("test panic in blocking work");
                })
                .await
            }),
        )
}

const FOCUSED_VISIT: &str = "003_af001f87f6699c88.txt";
const SCRIPT_DOC: &str = "zz_script_test.txt";

/// The router over an index, asked in-process.
struct Client {
    router: Router,
    runtime: tokio::runtime::Runtime,
}

struct Fixture {
    dir: tempfile::TempDir,
    app: Client,
}

impl Fixture {
    fn corpus(&self) -> PathBuf {
        self.dir.path().join("corpus")
    }
    fn index(&self) -> PathBuf {
        self.dir.path().join("index")
    }
}

/// A fixture also served on a real loopback socket.
struct Served {
    fixture: Fixture,
    addr: SocketAddr,
}

impl std::ops::Deref for Served {
    type Target = Fixture;
    fn deref(&self) -> &Fixture {
        &self.fixture
    }
}

/// Copy the repository's corpus (plus a document with markup in it) and index it.
fn fixture(max_query_bytes: usize) -> Fixture {
    let dir = tempfile::tempdir().expect("temp dir");
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).expect("corpus dir");
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    for entry in std::fs::read_dir(&source).expect("repo corpus") {
        let entry = entry.expect("entry");
        std::fs::copy(entry.path(), corpus.join(entry.file_name())).expect("copy");
    }
    std::fs::write(
        corpus.join(SCRIPT_DOC),
        "Zebracorn council notes\n\nThe zebracorn report said <script>alert('owned')</script> \
         and \"quoted\" & more about the zebracorn service.\n",
    )
    .expect("write script doc");
    reindex(&dir.path().join("index"), &corpus, false);
    let app = client(&dir.path().join("index"), max_query_bytes);
    Fixture { dir, app }
}

/// [`fixture`], and a real server over the same index.
fn served(max_query_bytes: usize) -> Served {
    let fixture = fixture(max_query_bytes);
    let addr = start(&fixture.index(), max_query_bytes);
    Served { fixture, addr }
}

fn reindex(index: &Path, corpus: &Path, rebuild: bool) {
    let mut opts = IndexOptions::new(vec![corpus.to_path_buf()]);
    opts.rebuild = rebuild;
    opts.writer_threads = 1;
    opts.writer_memory = 32 << 20;
    update(&Store::new(index), &opts).expect("index the corpus");
}

/// The router as `serve` builds it for a server bound to 127.0.0.1.
fn client(index: &Path, max_query_bytes: usize) -> Client {
    let app = Arc::new(App {
        live: Live::open(Store::new(index)).expect("open the index"),
        max_query_bytes,
        loopback_only: true,
        bound_ip: IpAddr::V4(Ipv4Addr::LOCALHOST),
    });
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    Client {
        router: router(app),
        runtime,
    }
}

fn start(index: &Path, max_query_bytes: usize) -> SocketAddr {
    let (tx, rx) = mpsc::channel();
    let store = Store::new(index);
    std::thread::spawn(move || {
        let opts = ServeOptions {
            addr: "127.0.0.1:0".parse().expect("addr"),
            max_query_bytes,
            on_ready: Some(Box::new(move |addr| {
                let _ = tx.send(addr);
            })),
        };
        if let Err(e) = serve(store, opts) {
            eprintln!("server failed: {e}");
        }
    });
    rx.recv_timeout(Duration::from_secs(20))
        .expect("the server reports its address")
}

struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Reply {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
    fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }
}

/// Ask the router, as a browser on this machine would (`Host: 127.0.0.1`).
fn request(app: &Client, method: Method, target: &str, headers: &[(&str, &str)]) -> Reply {
    let mut builder = Request::builder()
        .method(method)
        .uri(target)
        .header(header::HOST, "127.0.0.1");
    for (name, value) in headers {
        builder = builder.header(*name, *value);
    }
    let request = builder.body(Body::empty()).expect("a valid request");
    let response = app
        .runtime
        .block_on(app.router.clone().oneshot(request))
        .expect("the router answers");
    let status = response.status().as_u16();
    let headers = response
        .headers()
        .iter()
        .map(|(n, v)| (n.to_string(), v.to_str().unwrap_or("").to_string()))
        .collect();
    let body = app
        .runtime
        .block_on(axum::body::to_bytes(response.into_body(), usize::MAX))
        .expect("the body");
    Reply {
        status,
        headers,
        body: String::from_utf8_lossy(&body).into_owned(),
    }
}

fn get(app: &Client, target: &str) -> Reply {
    request(app, Method::GET, target, &[])
}

/// Send raw bytes to a real server. The status is 0 if it closed without an answer.
fn send(addr: SocketAddr, raw: &str) -> Reply {
    let mut stream = TcpStream::connect(addr).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .expect("timeout");
    stream.write_all(raw.as_bytes()).expect("send");
    let mut bytes = Vec::new();
    // A server may close early on a huge request: keep what was answered.
    let _ = stream.read_to_end(&mut bytes);
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let status = text
        .lines()
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    Reply {
        status,
        headers: Vec::new(),
        body: text,
    }
}

/// `path?k=v&...`, percent-encoded.
fn url(path: &str, pairs: &[(&str, &str)]) -> String {
    let mut s = form_urlencoded::Serializer::new(String::new());
    for (k, v) in pairs {
        s.append_pair(k, v);
    }
    format!("{path}?{}", s.finish())
}

fn marked_texts(hit: &Value) -> Vec<String> {
    let mut out = Vec::new();
    for s in hit["snippets"].as_array().into_iter().flatten() {
        let text = s["text"].as_str().unwrap_or("");
        for h in s["highlights"].as_array().into_iter().flatten() {
            let (a, b) = (h[0].as_u64().unwrap_or(0), h[1].as_u64().unwrap_or(0));
            if let Some(t) = text.get(a as usize..b as usize) {
                out.push(t.to_string());
            }
        }
    }
    out
}

#[test]
fn api_search_returns_the_json_contract() {
    let f = fixture(4096);
    let r = get(
        &f.app,
        &url(
            "/api/search",
            &[
                ("q", "\"chronic neglect\""),
                ("facet", "year"),
                ("facet", "kind"),
            ],
        ),
    );
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.header("content-type"), Some("application/json"));
    let v = r.json();
    let hits = v["hits"].as_array().expect("hits");
    assert_eq!(hits.len(), 1, "{v}");
    let hit = &hits[0];
    assert!(hit["path"].as_str().unwrap().ends_with(FOCUSED_VISIT));
    assert_eq!(hit["type"], "hit");
    assert_eq!(hit["rank"], 1);
    for field in [
        "score",
        "path",
        "title",
        "kind",
        "authority",
        "la_code",
        "date",
        "year",
        "inspectors",
        "judgement",
        "snippets",
    ] {
        assert!(hit.get(field).is_some(), "missing {field}: {hit}");
    }
    assert!(hit.get("source").is_none(), "the source path is not served");
    assert!(
        marked_texts(hit).iter().any(|t| t == "chronic neglect"),
        "{hit}"
    );
    let facets = v["facets"].as_array().expect("facets");
    assert_eq!(facets.len(), 2);
    assert_eq!(facets[0]["type"], "facet");
    assert_eq!(facets[0]["field"], "year");
    assert_eq!(facets[1]["field"], "kind");
    assert_eq!(v["summary"]["type"], "summary");
    assert_eq!(v["summary"]["total_hits"], 1);
    assert_eq!(v["summary"]["returned"], 1);

    // The same objects as `--json` prints.
    let opened = Store::new(f.index()).open().expect("open");
    let request = crate::search::SearchRequest {
        query: "\"chronic neglect\"".into(),
        filters: Default::default(),
        facets: vec!["year", "kind"],
        limit: 10,
        offset: 0,
        sort: crate::search::Sort::Relevance,
        count_only: false,
        max_snippets: 3,
        facet_limit: Some(crate::search::DEFAULT_FACET_LIMIT),
        all_copies: false,
    };
    let results = crate::search::search(&opened, &request).expect("search");
    assert_eq!(hit, &crate::output::hit_value(&results.hits[0]));
    assert_eq!(
        facets[1],
        crate::output::facet_value(&results.facets[1]),
        "facets as --json"
    );

    // Filters, paging and sorting are honoured.
    let kind = hit["kind"].as_str().unwrap();
    let r = get(
        &f.app,
        &url(
            "/api/search",
            &[
                ("q", "\"chronic neglect\""),
                ("kind", kind),
                ("sort", "-date"),
            ],
        ),
    );
    assert_eq!(r.json()["summary"]["total_hits"], 1);
    let other = if kind == "article" {
        "ilacs"
    } else {
        "article"
    };
    let r = get(
        &f.app,
        &url(
            "/api/search",
            &[("q", "\"chronic neglect\""), ("kind", other)],
        ),
    );
    assert_eq!(r.status, 200);
    assert_eq!(r.json()["summary"]["total_hits"], 0);
    let r = get(
        &f.app,
        &url(
            "/api/search",
            &[
                ("q", "zebracorn OR neglect"),
                ("limit", "1"),
                ("offset", "1"),
            ],
        ),
    );
    let v = r.json();
    assert_eq!(v["summary"]["returned"], 1, "{v}");
    assert_eq!(v["hits"][0]["rank"], 2);
}

#[test]
fn api_refuses_bad_requests_with_one_line_json_errors() {
    let f = fixture(4096);
    let cases: [(&[(&str, &str)], &str); 8] = [
        (&[("q", "\"unclosed")], "invalid query"),
        (&[("q", "")], "empty"),
        (&[("q", "(((neglect")], "invalid query"),
        (&[("q", "neglect"), ("year", "twenty")], "year:"),
        (&[("q", "neglect"), ("judgement", "superb")], "judgement"),
        (
            &[("q", "neglect"), ("colour", "red")],
            "unknown parameter 'colour'",
        ),
        (&[("q", "neglect"), ("facet", "colour")], "facet"),
        (&[("q", "neglect"), ("limit", "5000")], "limit"),
    ];
    for (pairs, expected) in cases {
        let r = get(&f.app, &url("/api/search", pairs));
        assert_eq!(r.status, 400, "{pairs:?}: {}", r.body);
        assert_eq!(r.header("content-type"), Some("application/json"));
        let v = r.json();
        let message = v["error"].as_str().expect("error message");
        assert!(message.contains(expected), "{pairs:?}: {message}");
        assert!(!message.contains('\n'));
        assert_eq!(v.as_object().unwrap().len(), 1);
    }
    let r = get(&f.app, "/api/nothing");
    assert_eq!(r.status, 404);
    assert!(r.json()["error"].is_string());
}

#[test]
fn huge_queries_are_refused_and_the_server_goes_on() {
    let f = served(4096);
    let long = "neglect ".repeat(700);
    let r = get(&f.app, &url("/api/search", &[("q", &long)]));
    assert_eq!(r.status, 413, "{}", r.body);
    let message = r.json()["error"].as_str().unwrap().to_string();
    assert!(
        message.contains("5600 bytes") && message.contains("4096"),
        "{message}"
    );

    let r = get(&f.app, &url("/", &[("q", &long)]));
    assert_eq!(r.status, 413);
    assert!(r.body.contains("the limit is 4096"), "{}", r.body);
    assert!(
        !r.body.contains(&long[..200]),
        "a refused query is not echoed"
    );

    // Far past any limit: refused (by us or by the HTTP layer), never a crash.
    let huge = "x".repeat(300_000);
    let r = send(
        f.addr,
        &format!(
            "GET /api/search?q={huge} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
        ),
    );
    assert!(r.status == 0 || r.status >= 400, "status {}", r.status);

    // A request body is not accepted either.
    let r = send(
        f.addr,
        "POST /api/search HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1000000\r\nConnection: close\r\n\r\n",
    );
    assert!(r.status >= 400, "status {}", r.status);

    let r = get(&f.app, &url("/api/search", &[("q", "neglect")]));
    assert_eq!(r.status, 200, "still serving");

    // A smaller limit set by the caller.
    let small = client(&f.index(), 16);
    let r = get(
        &small,
        &url("/api/search", &[("q", "chronic neglect care")]),
    );
    assert_eq!(r.status, 413);
    let r = get(&small, &url("/api/search", &[("q", "neglect")]));
    assert_eq!(r.status, 200);
}

#[test]
fn page_shows_hits_with_marks_facets_filters_and_paging() {
    let f = fixture(4096);
    let q = "\"chronic neglect\"";
    let r = get(&f.app, &url("/", &[("q", q)]));
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.header("content-type"), Some("text/html; charset=utf-8"));
    let body = &r.body;
    assert!(body.contains("<mark>chronic neglect</mark>"), "{body}");
    assert!(body.contains(FOCUSED_VISIT));
    assert!(
        body.contains("value=\"&quot;chronic neglect&quot;\""),
        "query kept"
    );
    assert!(body.contains("data-total=\"1\""));
    assert!(body.contains("<span class=\"rank\">1.</span>"));
    assert!(body.contains("href=\"/doc?path="));

    // A facet entry adds its filter to the query; the filter then shows as
    // active with links that remove it.
    let api = get(&f.app, &url("/api/search", &[("q", q), ("facet", "year")])).json();
    let hit = &api["hits"][0];
    let kind = hit["kind"].as_str().unwrap();
    let link = format!(
        "href=\"/?q=%22chronic+neglect%22&amp;kind={}\"",
        kind.replace(' ', "+")
    );
    assert!(body.contains(&link), "no {link} in {body}");
    let facet = match hit["year"].as_i64() {
        Some(year) => ("year", year.to_string()),
        None => ("kind", kind.to_string()),
    };
    let r = get(&f.app, &url("/", &[("q", q), (facet.0, &facet.1)]));
    assert_eq!(r.status, 200);
    assert!(r.body.contains("<mark>chronic neglect</mark>"));
    assert!(r.body.contains(&format!("data-filter=\"{}\"", facet.0)));
    assert!(r.body.contains("<li class=\"active\">"), "{}", r.body);
    assert!(
        r.body.contains("href=\"/?q=%22chronic+neglect%22\""),
        "a link removes the filter"
    );
    assert!(
        r.body
            .contains(&format!("name=\"{}\" value=\"{}\"", facet.0, facet.1)),
        "a new search keeps the filter"
    );

    // Paging.
    let r = get(
        &f.app,
        &url("/", &[("q", "zebracorn OR neglect"), ("limit", "1")]),
    );
    assert_eq!(r.status, 200);
    assert!(r.body.contains("rel=\"next\""), "{}", r.body);
    assert!(r.body.contains("limit=1&amp;offset=1"));
    let r = get(
        &f.app,
        &url(
            "/",
            &[
                ("q", "zebracorn OR neglect"),
                ("limit", "1"),
                ("offset", "1"),
            ],
        ),
    );
    assert!(r.body.contains("rel=\"prev\""));
    assert!(r.body.contains("<span class=\"rank\">2.</span>"));

    // No query: a guide; the stylesheet is served.
    let r = get(&f.app, "/");
    assert_eq!(r.status, 200);
    assert!(r.body.contains("indexed documents"));
    let css = get(&f.app, "/assets/style.css");
    assert_eq!(css.status, 200);
    assert_eq!(css.header("content-type"), Some("text/css; charset=utf-8"));
    assert!(css.body.contains("mark"));
}

#[test]
fn everything_rendered_is_escaped() {
    let f = fixture(4096);
    let attack = "<script>alert(1)</script>";
    let r = get(&f.app, &url("/", &[("q", attack)]));
    assert!(r.status == 200 || r.status == 400, "{}", r.status);
    assert!(!r.body.contains("<script"), "{}", r.body);
    assert!(r.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    let r = get(
        &f.app,
        &url("/", &[("q", "neglect"), ("kind", "\"><script>x")]),
    );
    assert_eq!(r.status, 400);
    assert!(!r.body.contains("<script"), "{}", r.body);

    // A document whose text holds markup: in hits and on its page.
    let r = get(&f.app, &url("/api/search", &[("q", "zebracorn")]));
    let v = r.json();
    let path = v["hits"][0]["path"]
        .as_str()
        .expect("script doc found")
        .to_string();
    let page = get(&f.app, &url("/", &[("q", "zebracorn")]));
    assert!(page.body.contains("<mark>zebracorn</mark>"));
    assert!(!page.body.contains("<script"), "{}", page.body);
    let doc = get(&f.app, &url("/doc", &[("path", &path), ("q", "zebracorn")]));
    assert_eq!(doc.status, 200, "{}", doc.body);
    assert!(!doc.body.contains("<script"), "{}", doc.body);
    let text = get(&f.app, &url("/api/doc", &[("path", &path)])).json()["text"]
        .as_str()
        .unwrap_or("")
        .to_string();
    if text.contains("<script>") {
        assert!(
            doc.body
                .contains("&lt;script&gt;alert(&#39;owned&#39;)&lt;/script&gt;")
        );
    }
    assert!(
        doc.body.contains("<mark id=\"m3\">zebracorn</mark>"),
        "{}",
        doc.body
    );
    assert!(
        r.header("content-security-policy")
            .is_some_and(|c| c.contains("default-src 'none'"))
    );
    assert_eq!(r.header("x-content-type-options"), Some("nosniff"));
}

#[test]
fn a_bad_query_shows_its_error_on_the_page() {
    let f = fixture(4096);
    let r = get(&f.app, &url("/", &[("q", "\"chronic neglect")]));
    assert_eq!(r.status, 400);
    assert!(r.body.contains("Cannot search"), "{}", r.body);
    assert!(r.body.contains("invalid query"));
    assert!(r.body.contains("value=\"&quot;chronic neglect\""));
    let r = get(&f.app, &url("/", &[("q", "neglect"), ("year", "abc")]));
    assert_eq!(r.status, 400);
    assert!(r.body.contains("year: "), "{}", r.body);
    let r = get(&f.app, &url("/", &[("q", "neglect")]));
    assert_eq!(r.status, 200, "still serving");
}

#[test]
fn documents_are_found_through_the_index_only() {
    let f = fixture(4096);
    let api = get(&f.app, &url("/api/search", &[("q", "\"chronic neglect\"")])).json();
    let path = api["hits"][0]["path"].as_str().unwrap().to_string();

    let r = get(
        &f.app,
        &url("/doc", &[("path", &path), ("q", "\"chronic neglect\"")]),
    );
    assert_eq!(r.status, 200, "{}", r.body);
    assert!(r.body.contains("<mark id=\"m1\">chronic neglect</mark>"));
    assert!(r.body.contains("Back to the results"));

    let r = get(&f.app, &url("/api/doc", &[("path", &path)]));
    assert_eq!(r.status, 200);
    let v = r.json();
    assert_eq!(v["doc"]["type"], "doc");
    assert_eq!(v["doc"]["path"], path.as_str());
    assert!(v["doc"].get("source").is_none());
    assert!(v["text"].as_str().unwrap().contains("chronic neglect"));

    let cargo = Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml");
    for bad in [
        "/etc/passwd",
        "../../Cargo.toml",
        cargo.to_str().unwrap(),
        &f.corpus().join("missing.txt").to_string_lossy(),
    ] {
        let r = get(&f.app, &url("/doc", &[("path", bad)]));
        assert_eq!(r.status, 404, "{bad}");
        assert!(!r.body.contains("root:"), "{bad}");
        let r = get(&f.app, &url("/api/doc", &[("path", bad)]));
        assert_eq!(r.status, 404, "{bad}");
    }
    assert_eq!(get(&f.app, "/doc").status, 400);
    assert_eq!(get(&f.app, "/doc?path=x&year=2020").status, 400);
}

#[test]
fn panics_answer_500_and_the_server_goes_on() {
    let f = fixture(4096);
    let r = get(&f.app, "/__panic");
    assert_eq!(r.status, 500);
    assert!(r.body.contains("the server goes on"));
    let r = get(&f.app, "/__panic_blocking");
    assert_eq!(r.status, 500);
    assert!(r.json()["error"].is_string());
    // A query that trips a debug assertion inside tantivy (debug builds only).
    let tricky = "NOT \"chronic neglect\" OR judgement:good";
    let r = get(&f.app, &url("/api/search", &[("q", tricky)]));
    assert!(r.status == 200 || r.status == 500, "{}", r.status);
    assert!(r.json().is_object());
    let r = get(&f.app, &url("/", &[("q", tricky)]));
    assert!(r.status == 200 || r.status == 500, "{}", r.status);
    let r = get(&f.app, &url("/api/search", &[("q", "neglect")]));
    assert_eq!(r.status, 200);
}

#[test]
fn only_loopback_host_names_are_answered() {
    let f = served(4096);
    let ask = |host: &str| {
        send(
            f.addr,
            &format!("GET / HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"),
        )
        .status
    };
    assert_eq!(ask("evil.example"), 403);
    assert_eq!(ask("evil.example:80"), 403);
    assert_eq!(ask(&f.addr.to_string()), 200);
    assert_eq!(ask(&format!("localhost:{}", f.addr.port())), 200);
    assert_eq!(ask("[::1]:7878"), 200);
    assert!(super::loopback_host(
        "LOCALHOST.",
        "127.0.0.1".parse().unwrap()
    ));
    assert!(!super::loopback_host(
        "127.0.0.1.evil.example",
        "127.0.0.1".parse().unwrap()
    ));
}

fn total(app: &Client, q: &str) -> u64 {
    let r = get(app, &url("/api/search", &[("q", q)]));
    assert_eq!(r.status, 200, "{}", r.body);
    r.json()["summary"]["total_hits"].as_u64().unwrap()
}

fn wait_for_total(app: &Client, q: &str, want: u64) {
    let start = Instant::now();
    loop {
        let n = total(app, q);
        if n == want {
            return;
        }
        assert!(
            start.elapsed() < Duration::from_secs(15),
            "'{q}' still has {n} hits, expected {want}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn index_updates_are_served_without_a_restart() {
    let f = fixture(4096);
    assert_eq!(total(&f.app, "quagga"), 0);

    // An incremental update commits into the live generation.
    std::fs::write(
        f.corpus().join("new_quagga.txt"),
        "Quagga council\n\nA new letter about the quagga service and chronic neglect.\n",
    )
    .unwrap();
    reindex(&f.index(), &f.corpus(), false);
    wait_for_total(&f.app, "quagga", 1);
    let page = get(&f.app, &url("/", &[("q", "quagga")]));
    assert!(page.body.contains("<mark>quagga</mark>"));

    // A rebuild switches `CURRENT` to a new generation.
    let before = std::fs::read_to_string(f.index().join("CURRENT")).unwrap();
    std::fs::remove_file(f.corpus().join("new_quagga.txt")).unwrap();
    reindex(&f.index(), &f.corpus(), true);
    let after = std::fs::read_to_string(f.index().join("CURRENT")).unwrap();
    assert_ne!(before, after, "a rebuild publishes a new generation");
    wait_for_total(&f.app, "quagga", 0);
    assert_eq!(total(&f.app, "\"chronic neglect\""), 1);

    // An index that cannot be opened: the previous one keeps serving.
    std::fs::write(f.index().join("CURRENT"), "gen-999999\n").unwrap();
    std::thread::sleep(super::live::CHECK_EVERY * 2);
    assert_eq!(total(&f.app, "\"chronic neglect\""), 1);
    std::fs::write(f.index().join("CURRENT"), &after).unwrap();
    std::thread::sleep(super::live::CHECK_EVERY * 2);
    assert_eq!(total(&f.app, "\"chronic neglect\""), 1);
}

#[test]
fn serve_fails_at_once_without_an_index() {
    let dir = tempfile::tempdir().unwrap();
    let e = serve(Store::new(dir.path().join("none")), ServeOptions::default()).unwrap_err();
    assert!(e.to_string().contains("no index"), "{e}");
}

/// The page's section filters: a facet of the hits' sections whose entries scope
/// the query to a section, and snippets that name their section.
#[test]
fn page_filters_by_section_and_labels_snippets() {
    let f = fixture(4096);
    let q = "\"chronic neglect\"";
    let r = get(&f.app, &url("/", &[("q", q)]));
    assert_eq!(r.status, 200);
    assert!(
        r.body
            .contains("href=\"/?q=%22chronic+neglect%22&amp;section=improve\""),
        "{}",
        r.body
    );
    assert!(
        r.body.contains("<span class=\"section\">improve</span>"),
        "{}",
        r.body
    );
    let r = get(&f.app, &url("/", &[("q", q), ("section", "improve")]));
    assert_eq!(r.status, 200);
    assert!(r.body.contains("data-filter=\"section\""), "{}", r.body);
    assert!(
        !r.body.contains("<span class=\"section\">findings</span>"),
        "{}",
        r.body
    );
    let api = get(
        &f.app,
        &url("/api/search", &[("q", q), ("section", "improve")]),
    )
    .json();
    for s in api["hits"][0]["snippets"].as_array().unwrap() {
        assert_eq!(s["section"], "improve");
    }
    let bad = get(
        &f.app,
        &url("/api/search", &[("q", q), ("section", "middle")]),
    );
    assert_eq!(bad.status, 400);
    assert!(
        bad.json()["error"]
            .as_str()
            .unwrap()
            .contains("unknown section")
    );
}
