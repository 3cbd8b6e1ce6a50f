//! The query language's forms, each with its count on a small corpus written for
//! them (tests/fixtures/query_forms), or the status-2 error naming the syntax it
//! does not support. Issue 15: no query form is silently read as another.

use crate::util::{Sandbox, stderr, stdout};

enum Expect {
    /// The number of matching documents (status 0, or 1 for none).
    Count(u64),
    /// A status-2 error whose message holds this text.
    Error(&'static str),
}
use Expect::{Count, Error};

/// Six documents: a "chronic neglect"; b "chronic and long-standing neglect",
/// co-ordinated; c neglected, coordinated, housing, a web address; d abuse and
/// neglect, multiagency, well-being, housing; e neglectful; f abuse, "chronic
/// concerns. Neglect". a and b are focused visits.
const FORMS: &[(&[&str], Expect)] = &[
    (&["\"chronic neglect\""], Count(1)),
    (&["chronic neglect"], Count(1)),
    (&["\"chronic neglect\"~1"], Count(2)),
    (&["\"chronic neglect\"~2"], Count(2)),
    (&["\"chronic neglect\"~3"], Count(3)),
    (&["\"chronic neglect\"~"], Count(2)),
    (&["chronic NEAR/3 neglect"], Count(3)),
    (&["neglect NEAR/3 chronic"], Count(3)),
    (&["chronic NEAR/0 neglect"], Count(1)),
    (&["chronic NEAR neglect"], Count(3)),
    (&["abuse NEAR/2 neglect"], Count(1)),
    (&["chronic AND neglect"], Count(3)),
    (&["chronic", "neglect"], Count(3)),
    (&["+chronic +neglect"], Count(3)),
    (&["chronic && neglect"], Count(3)),
    (&["neglect"], Count(6)),
    (&["neglected"], Count(6)),
    (&["\"neglected\""], Count(1)),
    (&["neglect^2"], Count(6)),
    (&["\"chronic neglect\"^2"], Count(1)),
    (&["(chronic OR housing)^0.5"], Count(5)),
    (&["neglect !housing"], Count(4)),
    (&["neglect -housing"], Count(4)),
    (&["neglect NOT housing"], Count(4)),
    (&["!housing"], Count(4)),
    (&["abuse OR housing"], Count(3)),
    (&["neglec*"], Count(6)),
    (&["neglect*"], Count(6)),
    (&["negl?ct"], Count(4)),
    (&["neglect?d"], Count(1)),
    (&["neglet"], Count(0)),
    (&["neglet~1"], Count(4)),
    (&["neglet~2"], Count(4)),
    (&["http://www.example.org/reports"], Count(1)),
    (&["services: progress"], Count(1)),
    (&["services: AND progress"], Count(1)),
    (&["multi-agency"], Count(2)),
    (&["multiagency"], Count(2)),
    (&["\"multi agency\""], Count(1)),
    (&["co-ordinated"], Count(2)),
    (&["coordinated"], Count(2)),
    (&["well-being"], Count(2)),
    (&["wellbeing"], Count(2)),
    (&["kind:focused_visit chronic neglect"], Count(1)),
    (&["kind:focused_visit AND chronic AND neglect"], Count(2)),
    (&["neglect and abuse"], Error("'and' in lower case")),
    (&["neglect or abuse"], Error("'or' in lower case")),
    (&["neglect~3"], Error("at most 2 edits")),
    (&["\"chronic neglect\"~99"], Error("at most 50 apart")),
    (
        &["\"chronic neglect\"x"],
        Error("after a phrase is not supported"),
    ),
    (&["*glect"], Error("at least 2 letters")),
    (&["neglect^abc"], Error("a word may end with ~n")),
    (&["[a TO b]"], Error("range")),
    (&["/negl.ct/"], Error("regular expressions")),
    (&["negl\\ect"], Error("escapes")),
    (&["autority:Leeds"], Error("did you mean authority")),
    (
        &["chronic NEAR/3 (neglect OR abuse)"],
        Error("NEAR joins two"),
    ),
    (&["kind:focus*"], Error("not supported in field values")),
];

#[test]
fn every_query_form_has_its_count_or_names_what_is_unsupported() {
    assert!(FORMS.len() >= 40);
    let sb = Sandbox::fixtures("query_forms");
    sb.index();
    let mut wrong = Vec::new();
    for (args, expect) in FORMS {
        let mut full = args.to_vec();
        full.push("--count");
        let out = sb.run(&full);
        let (code, said) = (out.status.code(), stderr(&out));
        match expect {
            Count(n) => {
                let got: Option<u64> = stdout(&out).lines().next().and_then(|l| l.parse().ok());
                let status = if *n > 0 { 0 } else { 1 };
                if got != Some(*n) || code != Some(status) {
                    wrong.push(format!(
                        "{args:?}: expected {n}, got {got:?} (status {code:?}) {said}"
                    ));
                }
            }
            Error(text) => {
                if code != Some(2) || !said.contains(text) || said.lines().count() != 1 {
                    wrong.push(format!(
                        "{args:?}: expected an error with {text:?}, got {code:?} {said}"
                    ));
                }
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn a_word_no_document_holds_gets_a_did_you_mean_note() {
    let sb = Sandbox::fixtures("query_forms");
    sb.index();
    let out = sb.run(&["neglet"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("no document has 'neglet'; did you mean 'neglect'?"),
        "{}",
        stderr(&out)
    );
    let json = sb.run(&["chronic AND neglet", "--json"]);
    assert!(
        stdout(&json).contains(
            r#"{"type":"note","text":"no document has 'neglet'; did you mean 'neglect'?"}"#
        ),
        "{}",
        stdout(&json)
    );
}

#[test]
fn quotes_make_a_phrase_in_every_entry_point() {
    let sb = Sandbox::fixtures("query_forms");
    sb.index();
    // The query language ANDs words apart; quotes make the phrase.
    std::fs::write(sb.path().join("q.txt"), "chronic neglect\n").unwrap();
    let words = sb.count(&["--query-file", "q.txt"]);
    assert_eq!(words, sb.count(&["chronic AND neglect"]));
    std::fs::write(sb.path().join("q.txt"), "\"chronic neglect\"\n").unwrap();
    let from_file = sb.count(&["--query-file", "q.txt"]);
    let from_stdin = sb.run_with_stdin(&["--count", "--query-file", "-"], b"\"chronic neglect\"");
    assert_eq!(from_file, 1);
    assert!(words > from_file, "{words} documents have both words");
    assert_eq!(stdout(&from_stdin).trim(), "1");
    // On the command line an argument of plain words is the phrase the shell quoted.
    assert_eq!(sb.count(&["chronic neglect"]), 1);
    assert_eq!(sb.count(&["kind:focused_visit chronic neglect"]), 1);
    assert_eq!(sb.count(&["chronic neglect", "kind:focused_visit"]), 1);
}

/// A word's forms count as one term: the document repeating one form outranks
/// the one using three forms once each (before, each form was scored apart and
/// the three summed).
#[test]
fn forms_of_a_word_are_scored_as_one_term() {
    let sb = Sandbox::empty();
    let filler = "The service works with families across the area and reviews its plans. ";
    std::fs::write(
        sb.corpus().join("many.txt"),
        format!(
            "Notes\n\n{}{}",
            "Neglect remains. ".repeat(12),
            filler.repeat(3)
        ),
    )
    .unwrap();
    std::fs::write(
        sb.corpus().join("forms.txt"),
        format!(
            "Notes\n\nNeglect, neglected and neglecting. {}",
            filler.repeat(3)
        ),
    )
    .unwrap();
    for i in 0..6 {
        std::fs::write(
            sb.corpus().join(format!("other{i}.txt")),
            format!("Notes {i}\n\n{filler}"),
        )
        .unwrap();
    }
    sb.index();
    assert_eq!(
        sb.hit_paths(&["neglect"]),
        ["corpus/many.txt", "corpus/forms.txt"]
    );
}
