//! Property tests: arbitrary input to the query path, the normaliser, ingest and
//! extraction never panics, and errors stay one line.

use ofsearch::index::{IndexOptions, update};
use ofsearch::search::{Filters, SearchRequest, Sort, search};
use ofsearch::store::{Opened, Store};
use proptest::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

struct Fixture {
    _dir: tempfile::TempDir,
    opened: Opened,
}

/// One index of the seed corpus shared by all cases.
fn opened() -> &'static Opened {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    &FIXTURE
        .get_or_init(|| {
            let dir = tempfile::tempdir().unwrap();
            let corpus: PathBuf = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
            let store = Store::new(dir.path().join("index"));
            let mut opts = IndexOptions::new(vec![corpus]);
            opts.progress = false;
            update(&store, &opts).unwrap();
            let opened = store.open().unwrap();
            Fixture { _dir: dir, opened }
        })
        .opened
}

fn request(query: String) -> SearchRequest {
    SearchRequest {
        query,
        filters: Filters::default(),
        facets: vec!["year", "authority", "judgement", "inspector", "kind"],
        limit: 5,
        offset: 0,
        sort: Sort::Relevance,
        count_only: false,
        max_snippets: 3,
        ..SearchRequest::default()
    }
}

fn check_query(q: String) {
    match search(opened(), &request(q)) {
        Ok(_) => {}
        Err(e) => {
            let msg = e.to_string();
            assert!(!msg.is_empty());
            assert!(!msg.contains('\n'), "multi-line error: {msg}");
        }
    }
}

/// Strings built from the query language's own pieces, so that the parser's
/// deeper paths are reached, not only its first error.
fn query_like() -> impl Strategy<Value = String> {
    let atom = prop_oneof![
        Just("care".to_string()),
        Just("chronic".to_string()),
        Just("neglect".to_string()),
        Just("Wakefield".to_string()),
        Just("\"chronic neglect\"".to_string()),
        Just("\"".to_string()),
        Just("(".to_string()),
        Just(")".to_string()),
        Just("OR".to_string()),
        Just("AND".to_string()),
        Just("NOT".to_string()),
        Just("-".to_string()),
        Just("year:2020".to_string()),
        Just("year:2018..2020".to_string()),
        Just("kind:article".to_string()),
        Just("authority:wakefield".to_string()),
        Just("judgement:good".to_string()),
        Just("date:2020-12-18".to_string()),
        Just("nosuch:field".to_string()),
        Just(":".to_string()),
        Just("*".to_string()),
        "[a-zé]{1,8}",
    ];
    prop::collection::vec(atom, 0..12).prop_map(|v| v.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, .. ProptestConfig::default() })]

    #[test]
    fn arbitrary_strings_never_panic_the_query_path(q in any::<String>()) {
        check_query(q);
    }

    #[test]
    fn query_shaped_strings_never_panic(q in query_like()) {
        check_query(q);
    }

    #[test]
    fn the_normaliser_never_panics_and_is_idempotent(s in any::<String>()) {
        let once = ofsearch::ingest::normalize::normalize_text(&s);
        let twice = ofsearch::ingest::normalize::normalize_text(&once);
        prop_assert_eq!(once, twice);
    }

    #[test]
    fn ingest_and_extract_never_panic(
        bytes in prop::collection::vec(any::<u8>(), 0..2048),
        ext in prop_oneof![Just("txt"), Just("md"), Just("html"), Just("pdf"), Just("")],
    ) {
        let path = PathBuf::from(format!("doc.{ext}"));
        if let Ok(doc) = ofsearch::ingest::ingest_bytes(&path, &bytes) {
            let _ = ofsearch::extract::extract(&doc);
        }
    }

    #[test]
    fn extract_never_panics_on_letter_like_text(
        lines in prop::collection::vec(prop_oneof![
            Just("Inspection of Wakefield local authority children's services".to_string()),
            Just("Inspection dates: 12 to 23 November 2018".to_string()),
            Just("Lead inspector: Nigel Parkes, Her Majesty's Inspector".to_string()),
            Just("18 December 2020".to_string()),
            Just("Overall effectiveness Inadequate".to_string()),
            Just("Dear Ms Smith".to_string()),
            "[A-Za-z0-9 ,.:'-]{0,60}",
        ], 0..30)
    ) {
        let text = lines.join("\n");
        let _ = ofsearch::extract::extract_with(&text, Default::default());
    }
}
