//! The latest-judgements view over an index of graded fixtures
//! (`tests/fixtures/latest` and the real Wakefield reports), the router asked
//! in-process.

use std::net::{IpAddr, Ipv4Addr};
use std::path::Path;
use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::http::{Request, header};
use tower::ServiceExt;

use super::live::Live;
use super::{App, router};
use crate::index::{IndexOptions, update};
use crate::store::Store;

struct Served {
    _dir: tempfile::TempDir,
    router: Router,
    runtime: tokio::runtime::Runtime,
}

fn served() -> Served {
    let dir = tempfile::tempdir().expect("temp dir");
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).expect("corpus dir");
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    for set in ["latest", "wakefield"] {
        for entry in std::fs::read_dir(fixtures.join(set)).expect("fixtures") {
            let path = entry.expect("entry").path();
            let name = format!("{set}_{}", path.file_name().unwrap().to_string_lossy());
            std::fs::copy(&path, corpus.join(name)).expect("copy");
        }
    }
    let index = dir.path().join("index");
    let mut opts = IndexOptions::new(vec![corpus]);
    opts.writer_threads = 1;
    opts.writer_memory = 32 << 20;
    update(&Store::new(&index), &opts).expect("index the fixtures");
    let app = Arc::new(App {
        live: Live::open(Store::new(&index)).expect("open the index"),
        max_query_bytes: crate::query::MAX_QUERY_BYTES,
        loopback_only: true,
        bound_ip: IpAddr::V4(Ipv4Addr::LOCALHOST),
    });
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    Served {
        _dir: dir,
        router: router(app),
        runtime,
    }
}

struct Reply {
    status: u16,
    content_type: String,
    disposition: String,
    body: String,
}

fn get(s: &Served, target: &str) -> Reply {
    let request = Request::builder()
        .uri(target)
        .header(header::HOST, "127.0.0.1")
        .body(Body::empty())
        .expect("a valid request");
    let response = s
        .runtime
        .block_on(s.router.clone().oneshot(request))
        .expect("the router answers");
    let header_of = |name| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_string()
    };
    let (content_type, disposition) = (
        header_of(header::CONTENT_TYPE),
        header_of(header::CONTENT_DISPOSITION),
    );
    let status = response.status().as_u16();
    let body = s
        .runtime
        .block_on(axum::body::to_bytes(response.into_body(), usize::MAX))
        .expect("the body");
    Reply {
        status,
        content_type,
        disposition,
        body: String::from_utf8_lossy(&body).into_owned(),
    }
}

/// The LA codes of the table's rows, in order.
fn row_codes(html: &str) -> Vec<&str> {
    html.split("<tr data-la-code=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .collect()
}

/// The HTML of the row of `code`.
fn row<'a>(html: &'a str, code: &str) -> &'a str {
    let start = html
        .find(&format!("<tr data-la-code=\"{code}\""))
        .unwrap_or_else(|| panic!("no row {code}"));
    let rest = &html[start..];
    &rest[..rest.find("</tr>").unwrap_or(rest.len())]
}

#[test]
fn the_latest_page_shows_every_authority_with_grade_colours() {
    let s = served();
    let r = get(&s, "/latest?as_of=2025-01-01");
    assert_eq!(r.status, 200, "{}", r.body);
    assert!(r.content_type.starts_with("text/html"));
    let codes = row_codes(&r.body);
    assert_eq!(codes.len(), 153, "every authority of the day");
    // Cumbria was abolished in 2023: its successor is a row, it is not.
    assert!(!codes.contains(&"909") && codes.contains(&"942"));
    let leeds = row(&r.body, "383");
    assert!(
        leeds.contains("<span class=\"badge j-good\">good</span>"),
        "{leeds}"
    );
    assert!(leeds.contains("j-outstanding"), "children in care: {leeds}");
    // Wakefield's 2025 ILACS ended after the day: the 2021 one stands.
    let wakefield = row(&r.body, "384");
    assert!(wakefield.contains("2021-11-19"), "{wakefield}");
    assert!(row(&r.body, "800").contains("not inspected"));
    assert!(r.body.contains("data-total=\"153\""));
    assert!(r.body.contains("href=\"/latest.csv?as_of=2025-01-01\""));
    let search = get(&s, "/");
    assert!(
        search.body.contains("href=\"/latest\""),
        "linked from the search page"
    );
}

#[test]
fn columns_sort_with_plain_links() {
    let s = served();
    let r = get(&s, "/latest?as_of=2025-01-01&sort=judgement");
    assert_eq!(r.status, 200, "{}", r.body);
    // Good (by name), then requires improvement, then the not inspected.
    assert_eq!(row_codes(&r.body)[..4], ["942", "383", "384", "941"]);
    assert!(r.body.contains(
        "aria-sort=\"ascending\"><a href=\"/latest?as_of=2025-01-01&amp;sort=-judgement\""
    ));
    let r = get(&s, "/latest?as_of=2025-01-01&sort=-inspected");
    assert_eq!(row_codes(&r.body)[..2], ["942", "383"], "latest first");
}

#[test]
fn the_csv_download_is_the_command_lines_table() {
    let s = served();
    let target = "/latest.csv?as_of=2025-01-01&region=yorkshire+and+humber";
    let r = get(&s, target);
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.content_type, "text/csv; charset=utf-8");
    assert_eq!(
        r.disposition,
        "attachment; filename=\"ofsearch-latest-2025-01-01.csv\""
    );
    let mut reader = ::csv::Reader::from_reader(r.body.as_bytes());
    let headers = reader.headers().expect("a header row").clone();
    let col = |name: &str| headers.iter().position(|h| h == name).expect(name);
    let rows: Vec<::csv::StringRecord> = reader.records().map(|r| r.expect("a row")).collect();
    assert!(
        rows.iter()
            .all(|r| &r[col("region")] == "Yorkshire and the Humber")
    );
    let inspected: Vec<(&str, &str)> = rows
        .iter()
        .filter(|r| &r[col("inspected")] == "true")
        .map(|r| (&r[col("la_code")], &r[col("judgement")]))
        .collect();
    assert_eq!(inspected, [("383", "good"), ("384", "good")]);
}

#[test]
fn bad_parameters_are_refused_with_a_message() {
    let s = served();
    for (target, words) in [
        ("/latest?as_of=2025-13-01", "not a date"),
        ("/latest?kind=focused_visit", "no overall judgement"),
        ("/latest?sort=colour", "unknown column"),
        ("/latest?colour=red", "unknown parameter"),
        (
            "/latest?as_of=2020-01-01&as_of=2021-01-01",
            "more than once",
        ),
        ("/latest.csv?region=%3Cscript%3E", "unknown region"),
    ] {
        let r = get(&s, target);
        assert_eq!(r.status, 400, "{target}: {}", r.body);
        assert!(r.body.contains(words), "{target}: {}", r.body);
        assert!(!r.body.contains("<script>"), "{target}: escaped");
    }
}
