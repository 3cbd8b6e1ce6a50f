//! The web page as a user sees it (`ofsearch serve` on a free port, plain HTTP):
//! dates of reports that print none, a page past the end, the command line's
//! hints when nothing matches, a phone-wide layout, and the document view's
//! match count and steps.

use crate::util::*;

fn wakefield() -> Sandbox {
    let sb = Sandbox::fixtures("wakefield");
    sb.index();
    sb
}

#[test]
fn ilacs_hits_show_their_inspection_dates_not_undated() {
    let sb = wakefield();
    let server = Server::start(&sb);
    let page = server.get("/?q=kind%3Ailacs&sort=date");
    assert!(
        page.contains(r#"<span class="date">inspected 2018-06-04 to 2018-06-15</span>"#),
        "{page}"
    );
    assert!(!page.contains(">undated<"), "{page}");
}

#[test]
fn a_page_past_the_end_says_so_and_links_the_last_page() {
    let sb = wakefield();
    let server = Server::start(&sb);
    let page = server.get("/?q=children&offset=500");
    assert!(
        page.contains("Page 51 is past the end: 8 matching documents on 1 page."),
        "{page}"
    );
    assert!(
        page.contains(r#"<a href="/?q=children">Go to the last page</a>"#),
        "{page}"
    );
}

#[test]
fn the_no_results_page_gives_the_command_lines_hints() {
    let sb = wakefield();
    let server = Server::start(&sb);
    let page = server.get("/?q=%22workers+children+leaders%22&kind=ilacs");
    assert!(page.contains("matching documents"), "{page}");
    assert!(
        page.contains("No document has the exact phrase &quot;workers children leaders&quot;"),
        "{page}"
    );
    assert!(
        page.contains(r#"<a href="/?q=workers+AND+children+AND+leaders&amp;kind=ilacs">"#),
        "{page}"
    );
    assert!(
        page.contains("<code>ofsearch workers children leaders --kind ilacs</code>"),
        "{page}"
    );
    let page = server.get("/?authority=Calderdale");
    assert!(
        page.contains(
            "Calderdale is a known local authority, but the index has no document about it"
        ),
        "{page}"
    );
}

#[test]
fn the_document_view_counts_the_matches_and_steps_between_them() {
    let sb = wakefield();
    let server = Server::start(&sb);
    let page = server.get("/doc?path=corpus%2Fdoc_3f6104301c.txt&q=%22chronic+neglect%22");
    assert!(
        page.contains(r#"<strong data-matches="3">3</strong> matches"#),
        "{page}"
    );
    assert!(page.contains(r##"<a href="#m3">Last</a>"##), "{page}");
    // The first match leads to the second; the second back to the first and on.
    let second = page.find(r#"<mark id="m2">"#).expect("a second match");
    let steps = &page[second..second + 400];
    assert!(
        steps.contains(r##"href="#m1""##) && steps.contains(r##"href="#m3""##),
        "{steps}"
    );
    let first = page.find(r#"<mark id="m1">"#).unwrap();
    assert!(!page[first..second].contains(r##"href="#m0""##));
    // No query: no count.
    let plain = server.get("/doc?path=corpus%2Fdoc_3f6104301c.txt");
    assert!(!plain.contains("data-matches"), "{plain}");
}

#[test]
fn the_stylesheet_has_a_layout_for_phone_wide_screens() {
    let sb = wakefield();
    let server = Server::start(&sb);
    let css = server.get("/assets/style.css");
    let narrow = css
        .split("@media (max-width: 520px)")
        .nth(1)
        .expect("a rule for screens narrower than 520 px (a 420 px phone)");
    for rule in ["form.search", "min-width: 0", "overflow-wrap: anywhere"] {
        assert!(narrow.contains(rule), "{rule} in the narrow layout");
    }
}

#[test]
fn the_browser_test_names_the_missing_package() {
    let script = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser/run.sh");
    let out = std::process::Command::new("bash")
        .arg(&script)
        .env("CHROMIUM", "/nonexistent/chromium")
        .env("CHROMEDRIVER", "/nonexistent/chromedriver")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let said = stdout(&out);
    assert!(
        said.contains(
            "missing chromium (package chromium), chromedriver (package chromium-driver)"
        ),
        "{said}"
    );
    assert!(
        said.contains("apt-get install -y chromium chromium-driver"),
        "{said}"
    );
}
