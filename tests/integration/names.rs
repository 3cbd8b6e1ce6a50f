//! People and places as users type them: one inspector written several ways is
//! one person (facets and `inspector:`), and authority names resolve through
//! their other names, with "did you mean" for a near miss.

use crate::util::*;
use std::fs;

/// A focused-visit letter to `council` naming `inspectors` (own words, the
/// shape of Ofsted's letters).
fn letter(council: &str, day: &str, inspectors: &str) -> String {
    format!(
        "{day}\n\nDirector of Children's Services\n{council} Council\n\nDear Director\n\n\
         Focused visit to {council} local authority children's services\n\n\
         This letter summarises the findings of a focused visit to {council} children's \
         services. The inspectors were {inspectors}.\n\n\
         Inspectors looked at the local authority's arrangements for children in need \
         and for children subject to a child protection plan. Managers know their \
         services well and the quality of practice is improving steadily.\n\n\
         Yours sincerely\n\n"
    )
}

fn four_letters() -> Sandbox {
    let sb = Sandbox::empty();
    let docs = [
        (
            "a.txt",
            letter(
                "Wakefield",
                "3 March 2021",
                "Máire Atherton, Her Majesty's Inspector, and Jenny-Ellen Scotland, HMI",
            ),
        ),
        (
            "b.txt",
            letter(
                "Leeds",
                "4 May 2021",
                "Maire Atherton and Jenny-ellen Scotland, Her Majesty's Inspectors",
            ),
        ),
        (
            "c.txt",
            letter(
                "Bradford",
                "5 June 2021",
                "Maire Atherton, Dominic Porter-Moore and Fiona J Millns, HMI",
            ),
        ),
        (
            "d.txt",
            letter(
                "Kirklees",
                "6 July 2021",
                "Dominic Porter Moore and Fiona Millns, Her Majesty's Inspectors",
            ),
        ),
    ];
    for (name, text) in docs {
        fs::write(sb.corpus().join(name), text).unwrap();
    }
    sb.index();
    sb
}

#[test]
fn one_inspector_written_several_ways_is_one_facet_value() {
    let sb = four_letters();
    // The documents keep the names as written.
    let listed = sb.json(&["list", "--json"], 0);
    let written: Vec<String> = listed
        .iter()
        .flat_map(|d| d["inspectors"].as_array().unwrap().clone())
        .map(|n| n.as_str().unwrap().to_string())
        .collect();
    assert!(
        written.contains(&"Máire Atherton".to_string()),
        "{written:?}"
    );
    assert!(
        written.contains(&"Maire Atherton".to_string()),
        "{written:?}"
    );
    let lines = sb.json(
        &[
            "kind:focused_visit",
            "--facet",
            "inspector",
            "--count",
            "--json",
        ],
        0,
    );
    assert_eq!(
        facet(&lines, "inspector"),
        pairs(&[
            ("Maire Atherton", 3),
            ("Dominic Porter-Moore", 2),
            ("Fiona Millns", 2),
            ("Jenny-Ellen Scotland", 2),
        ]),
        "the forms most documents use, the accents and capitals on a tie"
    );
}

#[test]
fn inspector_queries_and_filters_match_every_form_of_a_name() {
    let sb = four_letters();
    for (value, want) in [
        ("Máire Atherton", 3),
        ("maire atherton", 3),
        ("Atherton, Máire", 3),
        ("Maire Atherton HMI", 3),
        ("Jenny Ellen Scotland", 2),
        ("JENNY-ELLEN SCOTLAND", 2),
        ("Porter-Moore", 2),
        ("porter moore", 2),
        ("Fiona Millns", 2),
        ("Nick Stacey", 0),
    ] {
        assert_eq!(
            sb.count(&["--inspector", value]),
            want,
            "--inspector {value}"
        );
        let q = format!("inspector:\"{value}\"");
        assert_eq!(sb.count(&[&q]), want, "{q}");
    }
}

#[test]
fn authority_names_resolve_through_county_forms_and_childrens_trusts() {
    let sb = Sandbox::empty();
    fs::write(
        sb.corpus().join("durham.txt"),
        letter("Durham", "3 March 2021", "Nigel Parkes, HMI"),
    )
    .unwrap();
    fs::write(
        sb.corpus().join("birmingham.txt"),
        letter("Birmingham", "4 March 2021", "Nigel Parkes, HMI"),
    )
    .unwrap();
    sb.index();
    for name in [
        "Durham",
        "Co Durham",
        "Co. Durham",
        "County Durham",
        "Durham County Council",
    ] {
        assert_eq!(sb.count(&["--authority", name]), 1, "--authority {name}");
        let q = format!("authority:\"{name}\"");
        assert_eq!(sb.count(&[&q]), 1, "{q}");
    }
    assert_eq!(sb.count(&["--authority", "Birmingham Children's Trust"]), 1);
    let out = sb.run(&["--authority", "Achieving for Children"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("several councils (Kingston upon Thames, Richmond upon Thames"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_mistyped_authority_gets_did_you_mean_and_status_2() {
    let sb = Sandbox::seeds();
    sb.index();
    for args in [
        vec!["--authority", "Wakfield"],
        vec!["authority:Wakfield"],
        vec!["neglect", "--authority", "wakfield council"],
        vec!["timeline", "Wakfield"],
        vec!["trend", "neglect", "--authority", "Wakfield"],
    ] {
        let out = sb.run(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = stderr(&out);
        assert!(err.contains("did you mean Wakefield?"), "{args:?}: {err}");
        assert_eq!(err.lines().count(), 1, "{err}");
    }
    let out = sb.run(&["--authority", "Narnia"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(!stderr(&out).contains("did you mean"), "{}", stderr(&out));
}

#[test]
fn a_known_council_with_no_documents_says_so() {
    let sb = Sandbox::seeds();
    sb.index();
    for args in [
        vec!["--authority", "Calderdale"],
        vec!["neglect", "authority:Calderdale"],
    ] {
        let out = sb.run(&args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert!(
            stderr(&out).contains(
                "Calderdale is a known local authority, but the index has no document about it"
            ),
            "{args:?}: {}",
            stderr(&out)
        );
    }
    // A council with documents, none of which match, gets no such note.
    let out = sb.run(&["xylophone", "--authority", "Wakefield"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        !stderr(&out).contains("known local authority"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn the_no_hit_hint_is_a_command_sh_can_run() {
    let sb = Sandbox::seeds();
    sb.index();
    // The phrase is not in the seeds; its words are, apart.
    let out = sb.run(&[
        "neglect children's services wakefield",
        "--kind",
        "focused_visit",
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    let command = err
        .lines()
        .find_map(|l| l.split_once("all its words: ").map(|(_, c)| c.to_string()))
        .unwrap_or_else(|| panic!("no hint: {err}"));
    assert_eq!(
        command,
        r"ofsearch neglect 'children'\''s' services wakefield --kind focused_visit"
    );
    // Run by sh, the hint finds what it promised.
    let sh = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("{} --count", command.replacen("ofsearch", BIN, 1)))
        .current_dir(sb.path())
        .env_remove("OFSEARCH_INDEX")
        .output()
        .unwrap();
    assert_eq!(sh.status.code(), Some(0), "{}", stderr(&sh));
    let promised: u64 = err
        .split("; ")
        .nth(1)
        .and_then(|s| s.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap();
    assert_eq!(stdout(&sh).trim(), promised.to_string());
}
