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
    assert!(
        offered("--kind").contains("ilacs sif focused_visit"),
        "{}",
        offered("--kind")
    );
    assert!(offered("--judgement").contains("requires_improvement"));
    assert!(
        offered("--facet").contains("inspector"),
        "{}",
        offered("--facet")
    );
    assert!(offered("--sub").contains("care_leavers=good"));
    for option in ["--kind", "--judgement", "--facet", "--sub"] {
        assert!(
            !offered(option).contains("compgen -f"),
            "{option}: not file names"
        );
    }
    // Values are offered, not enforced here: the field's reader still explains.
    let out = sb.run(&["--kind", "visit"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("unknown kind 'visit'"),
        "{}",
        stderr(&out)
    );
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

/// The x positions of the SVG's texts and of its bars' centres.
fn svg_texts(svg: &str) -> Vec<(f64, String)> {
    let mut out = Vec::new();
    for piece in svg.split("<text ").skip(1) {
        let x: f64 = piece
            .split("x=\"")
            .nth(1)
            .and_then(|r| r.split('"').next())
            .and_then(|v| v.parse().ok())
            .unwrap();
        let body = piece.split('>').nth(1).unwrap_or("");
        let text = body.split('<').next().unwrap_or("").trim().to_string();
        out.push((x, text));
    }
    out
}

fn bar_centres(svg: &str) -> Vec<f64> {
    svg.split("<rect ")
        .skip(1)
        .filter(|r| r.contains("fill=\"#316395\"") || r.contains("fill=\"#A8C0DA\""))
        .map(|r| {
            let num = |key: &str| -> f64 {
                r.split(&format!("{key}=\""))
                    .nth(1)
                    .and_then(|v| v.split('"').next())
                    .and_then(|v| v.parse().ok())
                    .unwrap()
            };
            num("x") + num("width") / 2.0
        })
        .collect()
}

#[test]
fn a_trend_chart_is_fit_to_publish() {
    let sb = Sandbox::fixtures("wakefield");
    // A letter of this year: its period is under way.
    let year = time::OffsetDateTime::now_utc().year();
    fs::write(
        sb.corpus().join("this-year.txt"),
        format!(
            "2 January {year}\n\nFocused visit to Wakefield local authority children's services\n\n\
             This letter summarises the findings of a focused visit to Wakefield children's \
             services. The inspectors were Nigel Parkes and Jane Smith, HMI.\n"
        ),
    )
    .unwrap();
    sb.index();
    let svg_path = sb.path().join("chart.svg");
    let out = sb.run(&[
        "trend",
        "children",
        "--kind",
        "focused_visit",
        "--svg",
        svg_path.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let table = stdout(&out);
    // A year with no focused visit at all has no share, not 0 %.
    let gap = table
        .lines()
        .find(|l| l.split_whitespace().nth(2) == Some("0"))
        .unwrap_or_else(|| panic!("a year with no document: {table}"));
    assert!(gap.trim_end().ends_with('-'), "{gap}");
    let current = table
        .lines()
        .find(|l| l.starts_with(&year.to_string()))
        .unwrap_or_else(|| panic!("{table}"));
    assert!(current.ends_with("(so far)"), "{current}");

    let svg = fs::read_to_string(&svg_path).unwrap();
    let texts = svg_texts(&svg);
    let has = |t: &str| texts.iter().any(|(_, s)| s == t);
    assert!(has("children: share of documents per year"), "{texts:?}");
    assert!(has("Documents with kind: focused visit"), "{texts:?}");
    assert!(
        texts.iter().any(|(_, s)| s == "10 %" || s == "20 %"),
        "{texts:?}"
    );
    assert!(
        !texts.iter().any(|(_, s)| s.starts_with("0/0")),
        "{texts:?}"
    );
    assert!(has("no documents"), "{texts:?}");
    assert!(
        texts.iter().any(|(_, s)| s.ends_with("so far")),
        "{texts:?}"
    );
    // Every period label sits under a bar's centre or under its gap's note.
    let centres = bar_centres(&svg);
    let gaps: Vec<f64> = texts
        .iter()
        .filter(|(_, s)| s == "no documents")
        .map(|(x, _)| *x)
        .collect();
    for (x, label) in texts
        .iter()
        .filter(|(_, s)| s.len() == 4 && s.parse::<i32>().is_ok())
    {
        assert!(
            centres.iter().chain(&gaps).any(|c| (c - x).abs() < 1.5),
            "{label} at {x}: bars at {centres:?}, gaps at {gaps:?}"
        );
    }
}
