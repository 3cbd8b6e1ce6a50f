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
    assert!(written.contains(&"Máire Atherton".to_string()), "{written:?}");
    assert!(written.contains(&"Maire Atherton".to_string()), "{written:?}");
    let lines = sb.json(
        &["kind:focused_visit", "--facet", "inspector", "--count", "--json"],
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
