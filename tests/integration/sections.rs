//! Report sections through the real binary: `section:NAME` and `--section`
//! target a phrase inside one section, snippets name their section, the facet
//! counts sections, and improvement points reach `list`, `export` and the API.

use crate::util::{Sandbox, facet, stderr, stdout};

fn sandbox() -> Sandbox {
    let sb = Sandbox::fixtures("sections");
    sb.index();
    sb
}

#[test]
fn a_phrase_in_a_section_is_found_there_only() {
    let sb = sandbox();
    // "chronic neglect" is in the body of the ILACS report, the focused visit and
    // the article; inside an improvement section only in the two reports.
    assert_eq!(sb.count(&["\"chronic neglect\""]), 3);
    let scoped = sb.hit_paths(&["section:improve \"chronic neglect\""]);
    assert_eq!(
        scoped,
        sb.hit_paths(&["\"chronic neglect\"", "--section", "improve"])
    );
    let mut scoped = scoped;
    scoped.sort();
    assert_eq!(
        scoped,
        [
            "corpus/focused_visit_leeds_2019.txt",
            "corpus/ilacs_rotherham_2023.txt"
        ]
    );
    // The ILACS report has the phrase in its help and protection section too;
    // the focused visit has no such section.
    assert_eq!(
        sb.hit_paths(&["section:help \"chronic neglect\""]),
        ["corpus/ilacs_rotherham_2023.txt"]
    );
    // An alias; a phrase of another section does not match.
    assert_eq!(
        sb.count(&["section:recommendations \"multi-agency training\""]),
        1
    );
    assert_eq!(sb.count(&["section:summary", "\"by when\""]), 0);
    // Stemmed words are searched in the section too.
    assert_eq!(sb.count(&["section:priority", "interviews"]), 1);
}

#[test]
fn a_phrase_across_a_section_edge_does_not_match_inside_it() {
    let sb = sandbox();
    // The improvement points end with "... care leavers who are parents." and
    // the next heading follows: the phrase is in the body, in no section.
    let across = "\"who are parents the experiences and progress\"";
    assert_eq!(sb.count(&[across]), 1);
    assert_eq!(sb.count(&[&format!("section:improve {across}")]), 0);
    assert_eq!(sb.count(&[across, "--section", "help"]), 0);
    assert_eq!(sb.count(&["section:improve \"who are parents\""]), 1);
    // Every word form is checked against the section: sloppy phrases, NEAR,
    // wildcards and fuzzy words.
    assert_eq!(sb.count(&["section:improve \"families years\"~6"]), 1);
    assert_eq!(sb.count(&["section:improve \"families years\"~5"]), 0);
    assert_eq!(sb.count(&["section:summary \"families years\"~6"]), 0);
    assert_eq!(sb.count(&["section:improve", "written NEAR/3 plans"]), 1);
    assert_eq!(sb.count(&["section:improve", "parent*"]), 1);
    assert_eq!(sb.count(&["section:improve", "parens~1"]), 1);
    assert_eq!(sb.count(&["section:findings", "parent*"]), 0);
}

#[test]
fn snippets_say_which_section_they_come_from() {
    let sb = sandbox();
    let hits = sb.hits(&["\"chronic neglect\"", "--authority", "Rotherham"]);
    let sections: Vec<&str> = hits[0]["snippets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["section"].as_str().unwrap_or("none"))
        .collect();
    assert_eq!(sections, ["improve", "help_and_protection"]);
    // Scoped, the snippets come from the section only.
    let hits = sb.hits(&[
        "\"chronic neglect\"",
        "--section",
        "improve",
        "--authority",
        "Rotherham",
    ]);
    let snippets = hits[0]["snippets"].as_array().unwrap();
    assert_eq!(snippets.len(), 1);
    assert_eq!(snippets[0]["section"], "improve");
    let human = stdout(&sb.run(&[
        "section:improve \"chronic neglect\"",
        "--authority",
        "Rotherham",
    ]));
    assert!(human.contains("[improve] "), "{human}");
}

#[test]
fn the_section_facet_counts_reports_by_section() {
    let sb = sandbox();
    let lines = sb.json(
        &["--kind", "sif", "--facet", "section", "--count", "--json"],
        0,
    );
    let counts = facet(&lines, "section");
    for name in ["summary", "improve", "lscb", "adoption", "leadership"] {
        assert!(
            counts.iter().any(|(v, n)| v == name && *n == 1),
            "{name}: {counts:?}"
        );
    }
    // The article has no section.
    let lines = sb.json(
        &[
            "--kind", "article", "--facet", "section", "--count", "--json",
        ],
        0,
    );
    assert!(facet(&lines, "section").is_empty());
}

#[test]
fn improvement_points_are_listed_and_exported() {
    let sb = sandbox();
    let docs = sb.json(&["list", "--json"], 0);
    let ilacs = docs
        .iter()
        .find(|d| d["kind"] == "ilacs")
        .expect("the ILACS report");
    assert_eq!(ilacs["improvements"].as_array().unwrap().len(), 3);
    assert_eq!(ilacs["sections"][0], "summary");
    let article = docs.iter().find(|d| d["kind"] == "article").unwrap();
    assert_eq!(article["improvements"], serde_json::json!([]));
    assert_eq!(article["sections"], serde_json::json!([]));
    let export = sb.run(&["export", "--ndjson"]);
    let first: serde_json::Value = serde_json::from_str(
        stdout(&export)
            .lines()
            .find(|l| l.contains("\"ilacs\""))
            .unwrap(),
    )
    .unwrap();
    assert_eq!(first["improvements"], ilacs["improvements"]);
    assert!(first.get("section_spans").is_none(), "stored only");
}

#[test]
fn an_unknown_section_is_refused_with_the_names() {
    let sb = sandbox();
    for args in [
        vec!["neglect", "--section", "middle"],
        vec!["section:middle neglect"],
    ] {
        let out = sb.run(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = stderr(&out);
        assert!(
            err.contains("unknown section 'middle'") && err.contains("improve"),
            "{err}"
        );
        assert_eq!(err.lines().count(), 1, "{err}");
    }
}
