//! Searches over hostile documents and queries (issue 14): snippets used to
//! tokenise each hit's whole text and compare every token with every word of
//! the query (a 60 MB document of short lines took seconds and gigabytes).

use std::fs;
use std::time::{Duration, Instant};

use crate::util::Sandbox;

#[test]
fn snippets_of_a_document_of_millions_of_short_lines_are_bounded() {
    let sb = Sandbox::empty();
    // 4M lines of one letter (8 MB), a phrase far past the scanned part.
    let mut text = "a\nb\n".repeat(2_000_000);
    text.push_str("where chronic neglect is a key feature\n");
    fs::write(sb.corpus().join("lines.txt"), &text).unwrap();
    fs::write(
        sb.corpus().join("small.txt"),
        "A short note: a b c, and chronic neglect once.\n",
    )
    .unwrap();
    sb.index();
    for _ in 0..2 {
        let started = Instant::now();
        let hits = sb.hits(&["a", "--limit", "5"]);
        let took = started.elapsed();
        assert_eq!(hits.len(), 2);
        // Before: 9 s and 2 GB in a release build; the 100 ms target is benches/hostile.py's.
        assert!(took < Duration::from_secs(30), "search took {took:?}");
        let frags = hits
            .iter()
            .find(|h| h["path"] == "corpus/lines.txt")
            .expect("the long document")["snippets"]
            .as_array()
            .unwrap()
            .len();
        assert_eq!(frags, 3);
    }
    // The first match is found past the scanned part.
    let hits = sb.hits(&["\"chronic neglect\""]);
    let long = hits
        .iter()
        .find(|h| h["path"] == "corpus/lines.txt")
        .expect("the long document");
    let snippet = &long["snippets"][0];
    let [a, b] = [0, 1].map(|i| snippet["highlights"][0][i].as_u64().unwrap() as usize);
    assert_eq!(&snippet["text"].as_str().unwrap()[a..b], "chronic neglect");
}

#[test]
fn a_query_of_two_thousand_one_letter_words_is_bounded() {
    let sb = Sandbox::seeds();
    let alphabet = "a b c d e f g h i j k l m n o p q r s t u v w x y z";
    for i in 0..40 {
        let body = format!("Note {i}: {}\n", format!("{alphabet} and ").repeat(200));
        fs::write(sb.corpus().join(format!("letters{i:02}.txt")), body).unwrap();
    }
    sb.index();
    // 2,000 one-letter words, 4 KB: every word of it matches every letter note.
    let words: Vec<String> = (0..2000)
        .map(|i| char::from(b'a' + (i % 26) as u8).to_string())
        .collect();
    // A marked word makes it the query language (plain words would be one phrase).
    let query = format!("+{}", words.join(" "));
    assert!(query.len() < 4096);
    let started = Instant::now();
    let out = sb.run_with_stdin(
        &["--query-file", "-", "--limit", "100", "--json", "--quiet"],
        query.as_bytes(),
    );
    let took = started.elapsed();
    assert_eq!(out.status.code(), Some(0), "{}", crate::util::stderr(&out));
    let hits = crate::util::stdout(&out)
        .lines()
        .filter(|l| l.contains("\"type\":\"hit\""))
        .count();
    assert_eq!(hits, 40);
    // Before: over a minute; the target is measured by benches/hostile.py.
    assert!(took < Duration::from_secs(30), "took {took:?}");
}
