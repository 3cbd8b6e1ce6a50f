//! Plain-text copies of web pages (tests/fixtures/web_copies, written for the
//! tests in the shapes real saved pages have): their chrome is not indexed, every
//! sentence of the article is, and the title is the headline.

use crate::util::Sandbox;
use serde_json::Value;

fn exported(sb: &Sandbox) -> Vec<Value> {
    let out = sb.run(&["export", "--ndjson"]);
    assert!(out.status.success(), "{}", crate::util::stderr(&out));
    crate::util::stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).expect("json line"))
        .collect()
}

fn doc<'a>(docs: &'a [Value], file: &str) -> &'a Value {
    docs.iter()
        .find(|d| d["path"].as_str().is_some_and(|p| p.ends_with(file)))
        .unwrap_or_else(|| panic!("{file} not exported"))
}

#[test]
fn web_copy_chrome_is_dropped_and_headline_is_the_title() {
    let sb = Sandbox::fixtures("web_copies");
    sb.index();
    let docs = exported(&sb);
    let cases: [(&str, &str, &[&str], &[&str]); 3] = [
        (
            "broadcaster.txt",
            "Riverford children's services no longer 'inadequate', inspectors say",
            &[
                "Published",
                "coloured coats",
                "Image caption",
                "worked hard for three years",
                "Image source",
                "The town hall",
                "Related internet links",
                "not responsible",
            ],
            &[
                "Children's services in Riverford have improved",
                "'More to do'",
                "\"We are proud of our staff, but we are not complacent,\" she said.",
            ],
        ),
        (
            "regional_paper.txt",
            "Brookvale council's care for children rated 'good' by Ofsted",
            &[
                "Skip to main content",
                "Light rain",
                "Hide Ad",
                "Watch more",
                "Freeview",
                "Visit Newsreel",
                "mins read",
                "Cllr Jo Marsh, Brookvale",
                "Read More",
                "Bypass plans",
                "Most Read",
                "Lorry",
                "hours ago",
                "1 Comment",
            ],
            &[
                "By Sam Reporter",
                "Councillor Jo Marsh, cabinet member for children, said the result",
                "Inspectors said leaders knew their services well",
                "The council will publish its own response to the report next month.",
            ],
        ),
        (
            "trade_press.txt",
            "Eastmoor children's services found 'inadequate' after sharp decline",
            &[
                "browser",
                "cookies",
                "Learn more",
                "News\n",
                "Comment",
                "Register now",
                "Thank you for visiting",
                "subscriber-only",
                "Sign in",
                "More like this",
            ],
            &[
                "Eastmoor Council's children's services have been judged inadequate",
                "The council's chief executive said an improvement plan was already being put into place.",
            ],
        ),
    ];
    for (file, title, gone, kept) in cases {
        let d = doc(&docs, file);
        assert_eq!(d["title"], title, "{file}");
        assert_eq!(d["kind"], "article", "{file}");
        let text = d["text"].as_str().expect("text");
        for g in gone {
            assert!(!text.contains(g), "{file}: {g:?} still in\n{text}");
        }
        for k in kept {
            assert!(text.contains(k), "{file}: {k:?} lost from\n{text}");
        }
    }
    // Nothing of the chrome is searchable.
    assert_eq!(sb.count(&["\"hide ad\""]), 0);
    assert_eq!(sb.count(&["\"continue reading\""]), 0);
}

/// The pass is for web copies only: an Ofsted letter keeps every line, even one
/// that would be chrome on a news page.
#[test]
fn ofsted_letter_keeps_its_short_lines() {
    let sb = Sandbox::empty();
    std::fs::write(
        sb.corpus().join("letter.txt"),
        "Ofsted\nPiccadilly Gate\nManchester\n\n3 May 2022\n\nJo Bloggs\nDirector of Children's Services\nAnytown Council\n\nDear Ms Bloggs\n\nFocused visit to Anytown children's services\n\nThis letter summarises the findings of a focused visit to Anytown children's services on 5 and 6 April 2022.\n\nNews\n\nThe local authority has made progress.\n\nYours sincerely\n\nJane Smith\nHis Majesty's Inspector\n",
    )
    .expect("write");
    sb.index();
    let docs = exported(&sb);
    let text = doc(&docs, "letter.txt")["text"]
        .as_str()
        .expect("text")
        .to_string();
    for k in [
        "Piccadilly Gate",
        "\n\nNews\n\n",
        "Jane Smith\nHis Majesty's Inspector",
    ] {
        assert!(text.contains(k), "{k:?} lost from\n{text}");
    }
}
