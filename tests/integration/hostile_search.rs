//! Searches over hostile documents and queries (issue 14): snippets used to
//! tokenise each hit's whole text and compare every token with every word of
//! the query (a 60 MB document of short lines took seconds and gigabytes).

use std::fs;
use std::time::{Duration, Instant};

use crate::util::{Sandbox, Server};

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

/// A hit's stored document is read whole: a 60 MB text cost 60 MB of work and
/// memory on every search that showed it (and on every small document stored
/// in the same block). Only the text's head is stored with it now; the whole
/// text, indexed in full, is kept beside the generation for `export`.
#[test]
fn a_long_text_is_stored_as_its_head_and_kept_whole_beside_the_index() {
    let sb = Sandbox::empty();
    let long = |tail: &str| format!("{}the last words are {tail}", "a\nb\n".repeat(2_300_000));
    let path = sb.corpus().join("long.txt");
    fs::write(&path, long("zebrafinch")).unwrap();
    fs::write(sb.corpus().join("small.txt"), "A short note on a visit.\n").unwrap();
    sb.index();
    let texts = |sb: &Sandbox| -> Vec<String> {
        let dir = sb.generation().join("texts");
        let mut names: Vec<String> = fs::read_dir(dir)
            .map(|d| {
                d.flatten()
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default();
        names.sort();
        names
    };
    let exported = |sb: &Sandbox| -> String {
        sb.json(&["export"], 0)
            .into_iter()
            .find(|d| d["path"] == "corpus/long.txt")
            .expect("the long document")["text"]
            .as_str()
            .unwrap()
            .to_string()
    };
    // Indexed in full, exported whole, one file beside the index.
    assert_eq!(sb.count(&["zebrafinch"]), 1);
    assert_eq!(sb.count(&["note"]), 1);
    let text = exported(&sb);
    assert_eq!(text.len(), long("zebrafinch").len());
    assert!(text.ends_with("zebrafinch"));
    let first = texts(&sb);
    assert_eq!(first.len(), 1, "{first:?}");
    // The web page and API show its head, and say so.
    let server = Server::start(&sb);
    let page = server.get("/doc?path=corpus/long.txt");
    assert!(
        page.contains("its first 8 MB are shown"),
        "{}",
        &page[..2000]
    );
    assert!(page.len() < 12 << 20, "{} bytes", page.len());
    let api = server.get("/api/doc?path=corpus/long.txt");
    assert!(api.contains("\"truncated\":true"));
    assert!(!api.contains("zebrafinch"));
    let small = server.get("/api/doc?path=corpus/small.txt");
    assert!(small.contains("\"truncated\":false"), "{small}");
    drop(server);
    // Changed: the new text replaces the old file.
    fs::write(&path, long("kingfisher")).unwrap();
    sb.index();
    assert_eq!(sb.count(&["zebrafinch"]), 0);
    assert!(exported(&sb).ends_with("kingfisher"));
    let second = texts(&sb);
    assert_eq!(second.len(), 1, "{second:?}");
    assert_ne!(first, second);
    // A rebuild keeps it in the new generation.
    assert_eq!(
        sb.json(&["index", "--rebuild", "--json", "--quiet"], 0)[0]["docs"],
        2
    );
    assert!(exported(&sb).ends_with("kingfisher"));
    assert_eq!(texts(&sb).len(), 1);
    // Removed: so is its file.
    fs::remove_file(&path).unwrap();
    sb.index();
    assert_eq!(texts(&sb).len(), 0);
    assert_eq!(sb.count(&["note"]), 1);
}
