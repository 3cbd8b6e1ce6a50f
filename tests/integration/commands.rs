//! Command-line niceties: `index --corpus` replacing or adding folders, shell
//! completions offering values, and the timeline's human output.

use crate::util::*;
use std::fs;
use std::path::Path;

#[test]
fn index_corpus_says_it_replaces_the_previous_folders_and_add_keeps_them() {
    let sb = Sandbox::seeds();
    let other = sb.path().join("other");
    fs::create_dir(&other).unwrap();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/wakefield");
    fs::copy(fixtures.join("doc_3f6104301c.txt"), other.join("a.txt")).unwrap();
    assert_eq!(sb.index()["docs"], 5);

    let out = sb.run(&["index", "--corpus", "other"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("corpus: no longer indexed: --corpus replaces the folders of the previous run (5 documents removed)"),
        "{err}"
    );
    assert!(err.contains("--add"), "{err}");
    assert_eq!(sb.json(&["list", "--json"], 0).len(), 1);

    let lines = sb.json(&["index", "--add", "--corpus", "corpus", "--json"], 0);
    assert_eq!(lines[0]["docs"], 6, "{lines:?}");
    assert_eq!(lines[0]["warnings"].as_array().unwrap().len(), 0);
    // Both folders are the index's now: a plain run keeps them.
    assert_eq!(sb.index()["docs"], 6);
    // --add needs a folder to add.
    assert_eq!(sb.run(&["index", "--add"]).status.code(), Some(2));
}

#[test]
fn a_relative_corpus_is_found_again_from_another_directory() {
    let sb = Sandbox::seeds();
    assert_eq!(sb.index()["docs"], 5);
    let elsewhere = sb.path().join("elsewhere");
    fs::create_dir(&elsewhere).unwrap();
    let index = sb.path().join("index");
    let out = sb
        .command(&["--index", index.to_str().unwrap(), "index", "--json"])
        .current_dir(&elsewhere)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let summary: serde_json::Value = serde_json::from_str(stdout(&out).trim()).unwrap();
    assert_eq!(summary["unchanged"], 5, "{summary}");
    assert_eq!(summary["removed"], 0, "{summary}");
}

#[test]
fn completions_offer_values_for_kind_judgement_facet_and_sub() {
    let sb = Sandbox::empty();
    let script = stdout(&sb.run(&["completions", "bash"]));
    // The search command's section of the script.
    let start = script
        .find("ofsearch__subcmd__search)")
        .expect("a search section");
    let bash = &script[start..];
    let offered = |option: &str| -> String {
        let at = bash
            .find(&format!("{option})"))
            .unwrap_or_else(|| panic!("{option} in the script"));
        let rest = &bash[at..];
        rest[..rest.find(";;").unwrap()].to_string()
    };
    assert!(offered("--kind").contains("ilacs sif focused_visit"), "{}", offered("--kind"));
    assert!(offered("--judgement").contains("requires_improvement"));
    assert!(offered("--facet").contains("inspector"), "{}", offered("--facet"));
    assert!(offered("--sub").contains("care_leavers=good"));
    for option in ["--kind", "--judgement", "--facet", "--sub"] {
        assert!(!offered(option).contains("compgen -f"), "{option}: not file names");
    }
    // Values are offered, not enforced here: the field's reader still explains.
    let out = sb.run(&["--kind", "visit"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("unknown kind 'visit'"), "{}", stderr(&out));
}

#[test]
fn the_timeline_shows_the_lead_inspector_and_which_date_each_row_is() {
    let sb = Sandbox::fixtures("wakefield");
    sb.index();
    let text = stdout(&sb.run(&["timeline", "Wakefield"]));
    // The 2018 ILACS prints no date: the row is at its inspection's last day.
    let ilacs = text
        .lines()
        .find(|l| l.contains("ilacs") && l.contains("inadequate"))
        .unwrap_or_else(|| panic!("{text}"));
    assert!(ilacs.starts_with("2018-06-15 inspection end"), "{ilacs}");
    let letter = text
        .lines()
        .find(|l| l.contains("focused_visit") && l.starts_with("2020"))
        .unwrap_or_else(|| panic!("{text}"));
    assert!(letter.starts_with("2020-12-18 document date"), "{letter}");
    assert!(text.contains("lead inspector: Nigel Parkes"), "{text}");
    assert!(text.contains("lead inspector: Neil Penswick"), "{text}");
}
