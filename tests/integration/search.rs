//! Searching the seed corpus and fixtures: hits, metadata, facets, filters, errors.

use crate::util::*;
use serde_json::Value;
use std::fs;

#[test]
fn first_search_builds_the_index_and_finds_the_focused_visit() {
    let sb = Sandbox::seeds();
    let out = sb.run(&["chronic neglect"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("first use: indexing corpus/ into index/"),
        "{}",
        stderr(&out)
    );
    let text = stdout(&out);
    assert!(text.contains(FOCUSED_VISIT), "{text}");
    assert!(text.contains("**chronic neglect**"), "{text}");
    assert!(text.contains("Wakefield (384)"), "{text}");
    assert!(text.contains("2020-12-18"), "{text}");
    assert!(text.contains("Nigel Parkes"), "{text}");
    assert!(text.contains("1 matching document"), "{text}");
    assert!(sb.path().join("index/CURRENT").is_file());
}

#[test]
fn json_hit_has_the_contract_fields() {
    let sb = Sandbox::seeds();
    let lines = sb.json(&["chronic neglect", "--json", "--facet", "year"], 0);
    assert_eq!(lines.len(), 3);
    let hit = &lines[0];
    assert_eq!(hit["type"], "hit");
    assert_eq!(hit["rank"], 1);
    assert_eq!(hit["path"], FOCUSED_VISIT);
    assert_eq!(
        hit["title"],
        "Focused visit to Wakefield local authority children's services"
    );
    assert_eq!(hit["kind"], "focused_visit");
    assert_eq!(hit["authority"], "Wakefield");
    assert_eq!(hit["la_code"], "384");
    assert_eq!(hit["date"], "2020-12-18");
    assert_eq!(hit["year"], 2020);
    assert_eq!(
        hit["inspectors"],
        serde_json::json!([
            "Nigel Parkes",
            "Neil Penswick",
            "Lorna Schlechte",
            "Tracey Scott",
            "Jane Spilsbury"
        ])
    );
    assert_eq!(hit["judgement"], Value::Null);
    let snippets = hit["snippets"].as_array().unwrap();
    assert!(snippets.len() > 1, "the phrase occurs three times");
    for s in snippets {
        let text = s["text"].as_str().unwrap();
        for h in s["highlights"].as_array().unwrap() {
            let (a, b) = (
                h[0].as_u64().unwrap() as usize,
                h[1].as_u64().unwrap() as usize,
            );
            assert_eq!(text[a..b].to_lowercase(), "chronic neglect");
        }
    }
    assert_eq!(facet(&lines, "year"), pairs(&[("2020", 1)]));
    assert_eq!(lines[2]["type"], "summary");
    assert_eq!(lines[2]["total_hits"], 1);
    assert_eq!(lines[2]["returned"], 1);
}

#[test]
fn site_chrome_is_not_searchable_in_the_seeds() {
    let sb = Sandbox::seeds();
    sb.index();
    for q in [
        "Essex",
        "Mackman",
        "\"Comments are closed\"",
        "\"Leisure Support Assistant\"",
        "\"right click to download\"",
        "Highways",
    ] {
        let out = sb.run(&[q]);
        assert_eq!(
            out.status.code(),
            Some(1),
            "{q} should not match: {}",
            stdout(&out)
        );
    }
    // ...while the article bodies are.
    assert_eq!(sb.count(&["Dwyer"]), 2);
}

#[test]
fn seed_metadata_is_extracted() {
    let sb = Sandbox::seeds();
    sb.index();
    let docs = sb.json(&["list", "--json"], 0);
    assert_eq!(docs.len(), 5);
    let by_path = |suffix: &str| {
        docs.iter()
            .find(|d| d["path"].as_str().unwrap().contains(suffix))
            .unwrap_or_else(|| panic!("{suffix} listed"))
            .clone()
    };
    for d in &docs {
        assert_eq!(d["type"], "doc");
        assert_eq!(d["authority"], "Wakefield", "{d}");
        assert_eq!(d["la_code"], "384", "{d}");
    }
    let press = by_path("000_");
    assert_eq!(press["date"], "2019-11-01");
    assert_eq!(press["kind"], "article");
    assert_eq!(press["inspectors"], serde_json::json!([]));
    assert_eq!(by_path("001_")["judgement"], "inadequate");
    assert_eq!(by_path("001_")["kind"], "article");
    assert_eq!(by_path("002_")["judgement"], "good");
    assert_eq!(by_path("002_")["kind"], "article");
    let letter = by_path("003_");
    assert_eq!(letter["kind"], "focused_visit");
    assert_eq!(letter["judgement"], Value::Null);
    assert_eq!(letter["inspectors"].as_array().unwrap().len(), 5);
    let ford = by_path("004_");
    assert_eq!(ford["date"], "2018-12-13");
    assert_eq!(ford["judgement"], "inadequate");
    assert_eq!(ford["kind"], "article");
    assert_eq!(ford["inspectors"], serde_json::json!([]));
}

#[test]
fn facets_count_matching_documents() {
    let sb = Sandbox::seeds();
    sb.index();
    let lines = sb.json(
        &[
            "Wakefield",
            "--json",
            "--facet",
            "authority",
            "--facet",
            "judgement",
            "--facet",
            "kind",
            "--facet",
            "inspector",
        ],
        0,
    );
    assert_eq!(facet(&lines, "authority"), pairs(&[("Wakefield", 5)]));
    assert_eq!(
        facet(&lines, "kind"),
        pairs(&[("article", 4), ("focused_visit", 1)])
    );
    let judgements = facet(&lines, "judgement");
    assert!(
        judgements.contains(&("inadequate".into(), 2)),
        "{judgements:?}"
    );
    assert!(judgements.contains(&("good".into(), 1)), "{judgements:?}");
    let inspectors = facet(&lines, "inspector");
    assert_eq!(inspectors.len(), 5);
    assert!(inspectors.iter().all(|(_, n)| *n == 1));
    // Human form: a table per facet.
    let out = sb.run(&["Wakefield", "--facet", "kind"]);
    let text = stdout(&out);
    assert!(text.contains("by kind"), "{text}");
    assert!(text.contains("focused_visit"), "{text}");
}

#[test]
fn phrases_are_exact_and_words_are_stemmed() {
    let sb = Sandbox::fixtures("phrases");
    sb.index();
    assert_eq!(sb.hit_paths(&["chronic neglect"]), vec!["corpus/exact.txt"]);
    assert_eq!(
        sb.hit_paths(&["\"chronic neglect\""]),
        vec!["corpus/exact.txt"]
    );
    // Unquoted words match stemmed forms and are ANDed.
    let mut both = sb.hit_paths(&["chronic", "neglect"]);
    both.sort();
    assert_eq!(both, vec!["corpus/exact.txt", "corpus/stemmed.md"]);
    assert_eq!(sb.hit_paths(&["neglecting"]).len(), 3);
    assert_eq!(
        sb.hit_paths(&["chronic", "-neglected"]),
        Vec::<String>::new()
    );
    assert_eq!(sb.hit_paths(&["tenacious OR acted"]).len(), 2);
    assert_eq!(
        sb.hit_paths(&["(tenacious OR acted) NOT chronically"]),
        vec!["corpus/page.html"]
    );
    // The HTML page's "Most read" box and script are not part of the article.
    assert_eq!(sb.count(&["shocks"]), 0);
    assert_eq!(sb.count(&["\"comments are closed\""]), 0);
    // A shell-quoted phrase that finds nothing says when its words would match apart.
    let out = sb.run(&["neglected chronic"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains(
            "no document has the exact phrase \"neglected chronic\"; 2 have all its words"
        ),
        "{err}"
    );
    assert!(stderr(&sb.run(&["-q", "neglected chronic"])).is_empty());
    // A one-word query that looks like a mistyped command says so.
    let out = sb.run(&["lsit"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("did you mean the command `ofsearch list`"));
}

#[test]
fn index_is_incremental_and_idempotent() {
    let sb = Sandbox::seeds();
    let first = sb.index();
    assert_eq!(first["added"], 5);
    assert_eq!(first["docs"], 5);
    let second = sb.index();
    for (field, want) in [
        ("added", 0),
        ("updated", 0),
        ("removed", 0),
        ("unchanged", 5),
    ] {
        assert_eq!(second[field], want, "second run: {field}");
    }
    // A changed file is re-indexed.
    let letter = sb.path().join(FOCUSED_VISIT);
    let text = fs::read_to_string(&letter).unwrap();
    fs::write(
        &letter,
        text.replace("chronic neglect", "persistent neglect"),
    )
    .unwrap();
    let third = sb.index();
    assert_eq!(third["updated"], 1);
    assert_eq!(third["added"], 0);
    assert_eq!(sb.count(&["chronic neglect"]), 0);
    assert_eq!(sb.count(&["persistent neglect"]), 1);
    // A deleted file disappears.
    fs::remove_file(sb.path().join("corpus/004_216aedfa8a412451.txt")).unwrap();
    let fourth = sb.index();
    assert_eq!(fourth["removed"], 1);
    assert_eq!(fourth["docs"], 4);
    assert_eq!(sb.count(&["Hinds"]), 0);
    // --rebuild starts from scratch.
    let rebuilt = sb.json(&["index", "--rebuild", "--json"], 0);
    assert_eq!(rebuilt[0]["added"], 4);
    assert_eq!(rebuilt[0]["unchanged"], 0);
    // A corpus folder that is suddenly empty (an unmounted drive) keeps its
    // documents, with a warning; --rebuild drops them.
    for entry in fs::read_dir(sb.corpus()).unwrap() {
        fs::remove_file(entry.unwrap().path()).unwrap();
    }
    let emptied = sb.index();
    assert_eq!(emptied["removed"], 0);
    assert_eq!(emptied["docs"], 4);
    let warning = emptied["warnings"][0]["reason"].as_str().unwrap();
    assert!(warning.contains("folder is empty"), "{warning}");
    assert_eq!(sb.count(&["Wakefield"]), 4);
    let dropped = sb.json(&["index", "--rebuild", "--json"], 0);
    assert_eq!(dropped[0]["docs"], 0);
}

#[test]
fn filters_sorting_and_paging() {
    let sb = Sandbox::seeds();
    sb.index();
    assert_eq!(sb.count(&["Wakefield", "--authority", "wakefield"]), 5);
    assert_eq!(
        sb.count(&["Wakefield", "--authority", "Wakefield Council"]),
        5
    );
    assert_eq!(sb.count(&["Wakefield", "--year", "2018"]), 1);
    assert_eq!(sb.count(&["Wakefield", "--year", "2018..2020"]), 3);
    assert_eq!(
        sb.count(&["Wakefield", "--from", "2019-01-01", "--to", "2020-12-31"]),
        2
    );
    assert_eq!(sb.count(&["Wakefield", "--judgement", "inadequate"]), 2);
    assert_eq!(sb.count(&["Wakefield", "--inspector", "nigel parkes"]), 1);
    assert_eq!(sb.count(&["Wakefield", "--inspector", "PARKES"]), 1);
    assert_eq!(sb.count(&["inspector:spilsbury"]), 1);
    assert_eq!(sb.count(&["Wakefield", "--inspector", "parke"]), 0);
    assert_eq!(sb.count(&["Wakefield", "--kind", "article"]), 4);
    assert_eq!(sb.count(&["Wakefield", "kind:focused_visit"]), 1);
    let dated = sb.hit_paths(&["Wakefield", "--year", "2018..2020", "--sort", "date"]);
    assert_eq!(
        dated,
        vec![
            "corpus/004_216aedfa8a412451.txt",
            "corpus/000_c35806854fbd723d.txt",
            FOCUSED_VISIT
        ]
    );
    let desc = sb.hit_paths(&["Wakefield", "--year", "2018..2020", "--sort=-date"]);
    assert_eq!(desc.first().map(String::as_str), Some(FOCUSED_VISIT));
    let page = sb.hit_paths(&[
        "Wakefield",
        "--sort",
        "date",
        "--year",
        "2018..2020",
        "--limit",
        "1",
        "--offset",
        "1",
    ]);
    assert_eq!(page, vec!["corpus/000_c35806854fbd723d.txt"]);
    let ranks: Vec<u64> = sb
        .hits(&["Wakefield", "--limit", "2", "--offset", "2"])
        .iter()
        .map(|h| h["rank"].as_u64().unwrap())
        .collect();
    assert_eq!(ranks, vec![3, 4]);
}

#[test]
fn exit_statuses_and_one_line_errors() {
    let sb = Sandbox::seeds();
    sb.index();
    assert_eq!(sb.run(&["Wakefield"]).status.code(), Some(0));
    let none = sb.run(&["zebracrossing"]);
    assert_eq!(none.status.code(), Some(1));
    for args in [
        vec!["\"unbalanced"],
        vec!["(a OR b"],
        vec!["autority:x"],
        vec![""],
        vec!["   "],
        vec!["care", "--year", "abc"],
        vec!["care", "--limit", "-1"],
        vec!["care", "--facet", "colour"],
        vec!["care", "--kind", "novel"],
        vec!["care", "--authority", "Narnia"],
        vec!["care", "--from", "2020-02-30"],
    ] {
        let out = sb.run(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = stderr(&out);
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
        assert!(err.starts_with("ofsearch: error: "), "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{err}");
    }
    // Usage errors keep clap's details on the one line.
    for (args, detail) in [
        (vec![], "no query given"),
        (vec!["search"], "<QUERY>"),
        (vec!["timeline"], "<AUTHORITY>"),
        (
            vec!["care", "--sort", "bogus"],
            "possible values: relevance, date, -date",
        ),
        (
            vec!["care", "--frm", "2020"],
            "tip: a similar argument exists: '--from'",
        ),
    ] {
        let out = sb.run(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = stderr(&out);
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
        assert!(err.contains(detail), "{args:?}: {err}");
    }
    // Huge paging values are answered, not a crash.
    for args in [
        vec!["neglect", "--limit", "18446744073709551615"],
        vec![
            "neglect",
            "--offset",
            "18446744073709551615",
            "--limit",
            "1",
        ],
        vec![
            "neglect",
            "--snippets",
            "18446744073709551615",
            "--limit",
            "2",
        ],
    ] {
        let out = sb.run(&args);
        assert!(
            matches!(out.status.code(), Some(0 | 1)),
            "{args:?}: {}",
            stderr(&out)
        );
        assert!(!stderr(&out).contains("panicked"), "{}", stderr(&out));
    }
    // `--sort -date` is an option value, not a negated word or a short flag.
    assert_eq!(
        sb.run(&["Wakefield", "--sort", "-date"]).status.code(),
        Some(0)
    );
    let deep = format!("{}care{}", "(".repeat(10_000), ")".repeat(10_000));
    let out = sb.run(&[&deep]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("nested"));
}

#[test]
fn missing_corpus_is_an_error() {
    let sb = Sandbox::seeds();
    let out = sb.run(&["index", "--corpus", "nowhere"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("nowhere"));
}
