//! Bad files, bad queries and a damaged index: each gives a reason or a clear
//! one-line error, and nothing else is lost.

use crate::util::*;
use serde_json::Value;
use std::fs;
use std::io::Write;

const GOOD: &str = "Focused visit to Sunderland local authority children's services\n\n\
Inspectors found that where chronic neglect is a feature, plans are weak.\n";

fn skipped_reason(summary: &Value, name: &str) -> Option<String> {
    summary["skipped"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["path"].as_str().unwrap().ends_with(name))
        .map(|s| s["reason"].as_str().unwrap().to_string())
}

fn assert_one_line_error(out: &std::process::Output, what: &str) {
    assert_eq!(out.status.code(), Some(2), "{what}: {}", stderr(out));
    let err = stderr(out);
    assert_eq!(err.lines().count(), 1, "{what}: {err}");
    assert!(err.starts_with("ofsearch: error: "), "{what}: {err}");
    assert!(!err.contains("panicked"), "{what}: {err}");
}

#[test]
fn odd_files_are_skipped_with_a_reason_and_the_rest_is_indexed() {
    let sb = Sandbox::empty();
    let c = sb.corpus();
    fs::write(c.join("good.txt"), GOOD).unwrap();
    fs::write(c.join("later-copy.txt"), GOOD).unwrap();
    fs::write(c.join("empty.txt"), "").unwrap();
    let mut binary = b"\x7fELF\x02\x01\x01\0\0\0\0\0".to_vec();
    binary.extend((0..4096u32).map(|i| (i * 7 % 256) as u8));
    fs::write(c.join("binary.txt"), &binary).unwrap();
    fs::write(
        c.join("latin1.txt"),
        b"Monitoring visit to Sunderland\n\nThe caf\xe9 r\xf4le of chronic neglect.\n",
    )
    .unwrap();
    let depth = 100_000;
    let deep = format!(
        "<html><body>{}deeply nested marker{}</body></html>",
        "<div>".repeat(depth),
        "</div>".repeat(depth)
    );
    fs::write(c.join("deep.html"), deep).unwrap();
    // A file bigger than the limit: sparse, so the test does not write 100 MB.
    let big = fs::File::create(c.join("huge.txt")).unwrap();
    big.set_len(100 * 1024 * 1024).unwrap();
    drop(big);
    fs::write(
        c.join("truncated.pdf"),
        b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog",
    )
    .unwrap();
    // Named .pdf but plain text: the content decides the format.
    fs::write(
        c.join("misnamed.pdf"),
        b"Notes on adoption panels, kept as text.\n",
    )
    .unwrap();
    let mut garbage = b"%PDF-1.7\n".to_vec();
    garbage.extend((0..8192u32).map(|i| (i.wrapping_mul(2654435761) >> 13) as u8));
    fs::write(c.join("garbage.pdf"), &garbage).unwrap();
    // A dangling link cannot be read.
    std::os::unix::fs::symlink(c.join("nowhere.txt"), c.join("dangling.txt")).unwrap();
    // A loop back to the corpus root.
    fs::create_dir(c.join("sub")).unwrap();
    std::os::unix::fs::symlink(&c, c.join("sub/loop")).unwrap();
    // A directory named like a file, with a document inside.
    fs::create_dir(c.join("folder.txt")).unwrap();
    fs::write(
        c.join("folder.txt/inner.md"),
        "# Inner note about adoption panels\n\nAdoption panels met monthly.\n",
    )
    .unwrap();

    let out = sb.run(&["index", "--json", "--quiet"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let summary: Value = serde_json::from_str(stdout(&out).trim()).unwrap();

    for (name, reason) in [
        ("empty.txt", "empty"),
        ("binary.txt", "binary"),
        ("huge.txt", "too large"),
        ("truncated.pdf", "pdf"),
        ("garbage.pdf", "pdf"),
        ("dangling.txt", "no such file"),
        ("sub/loop", "loop"),
        ("later-copy.txt", "same content as corpus/good.txt"),
    ] {
        let got = skipped_reason(&summary, name)
            .unwrap_or_else(|| panic!("{name} should be skipped: {summary}"));
        assert!(
            got.to_lowercase().contains(reason),
            "{name}: reason {got:?} should mention {reason:?}"
        );
    }
    // good, latin1, deep, folder.txt/inner.md, misnamed.pdf
    assert_eq!(summary["added"], 5, "{summary}");
    assert_eq!(summary["docs"], 5);
    let warnings = summary["warnings"].to_string();
    assert!(warnings.contains("latin1.txt"), "{summary}");

    assert_eq!(sb.count(&["chronic neglect"]), 2);
    assert_eq!(sb.count(&["\"deeply nested marker\""]), 1);
    assert_eq!(sb.count(&["adoption panels"]), 2);
    assert_eq!(sb.count(&["\"kept as text\""]), 1);
    // Windows-1252 decoded, not mangled.
    assert_eq!(sb.count(&["café"]), 1);
    // A second run is still a no-op despite the odd files.
    let again = sb.index();
    assert_eq!(again["added"], 0);
    assert_eq!(again["updated"], 0);
    assert_eq!(again["removed"], 0);
    // ... that reports the same skipped files and warnings as the first.
    assert_eq!(again["skipped"], summary["skipped"]);
    assert_eq!(again["warnings"], summary["warnings"]);
}

#[test]
fn a_renamed_file_is_moved_not_duplicated() {
    let sb = Sandbox::empty();
    fs::write(sb.corpus().join("a.txt"), GOOD).unwrap();
    sb.index();
    fs::rename(sb.corpus().join("a.txt"), sb.corpus().join("b.txt")).unwrap();
    let s = sb.index();
    assert_eq!(
        (s["added"].as_u64(), s["removed"].as_u64()),
        (Some(1), Some(1))
    );
    assert_eq!(sb.hit_paths(&["chronic neglect"]), vec!["corpus/b.txt"]);
}

#[test]
fn bad_queries_are_one_line_errors() {
    let sb = Sandbox::seeds();
    sb.index();
    for q in [
        "",
        "   ",
        "\"chronic neglect",
        "(care OR leavers",
        "care)",
        "autority:Leeds",
        "care\u{7}bell",
        "NOT",
        "care OR",
    ] {
        assert_one_line_error(&sb.run(&[q]), &format!("query {q:?}"));
    }
    let deep = format!("{}care{}", "(".repeat(10_000), ")".repeat(10_000));
    assert_one_line_error(&sb.run(&[&deep]), "10,000 nested parentheses");
    // A 1 MB query cannot be an argument on Linux (128 KB per argument); stdin can.
    let huge = "care ".repeat(200_000);
    let out = sb.run_with_stdin(&["search", "--query-file", "-"], huge.as_bytes());
    assert_one_line_error(&out, "1 MB query");
    assert!(stderr(&out).contains("limit"), "{}", stderr(&out));
    let long_arg = "care ".repeat(20_000);
    assert_one_line_error(&sb.run(&[&long_arg]), "100 KB query");
    // The same file, but a sane query, works.
    let out = sb.run_with_stdin(&["search", "--query-file", "-", "--count"], b"Dwyer\n");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out).trim(), "2");
    for args in [
        vec!["care", "--year", "abc"],
        vec!["care", "--year", "2020..abc"],
        vec!["care", "--limit", "-1"],
        vec!["care", "--limit", "many"],
        vec!["care", "--sort", "sideways"],
        vec!["care", "--from", "yesterday"],
        vec!["care", "--judgement", "excellent"],
        vec!["care", "--nosuchoption"],
        vec!["list", "--kind", "novel"],
    ] {
        assert_one_line_error(&sb.run(&args), &format!("{args:?}"));
    }
}

/// Rewrite the schema version in the live generation's payload.
fn set_schema_version(sb: &Sandbox, version: u32) {
    let meta = sb.generation().join("meta.json");
    let text = fs::read_to_string(&meta).unwrap();
    let key = "\\\"schema_version\\\":";
    let at = text.find(key).expect("payload holds the schema version") + key.len();
    let end = at + text[at..].find(|c: char| !c.is_ascii_digit()).unwrap();
    let changed = format!("{}{version}{}", &text[..at], &text[end..]);
    fs::write(&meta, changed).unwrap();
}

#[test]
fn an_index_from_another_version_asks_for_a_rebuild() {
    let sb = Sandbox::seeds();
    sb.index();
    for version in [0, 99] {
        set_schema_version(&sb, version);
        for args in [&["Wakefield"][..], &["index"], &["list"]] {
            let out = sb.run(args);
            assert_one_line_error(&out, &format!("version {version}, {args:?}"));
            assert!(
                stderr(&out).contains("ofsearch index --rebuild"),
                "{}",
                stderr(&out)
            );
        }
    }
    // The advice works.
    let rebuilt = sb.json(&["index", "--rebuild", "--json", "--quiet"], 0);
    assert_eq!(rebuilt[0]["docs"], 5);
    assert_eq!(sb.run(&["Wakefield"]).status.code(), Some(0));
}

#[test]
fn a_corrupt_or_missing_index_says_how_to_rebuild() {
    let sb = Sandbox::seeds();
    sb.index();
    fs::write(sb.generation().join("meta.json"), "{ not json").unwrap();
    let out = sb.run(&["Wakefield"]);
    assert_one_line_error(&out, "corrupt meta.json");
    assert!(stderr(&out).contains("--rebuild"), "{}", stderr(&out));
    let rebuilt = sb.json(&["index", "--rebuild", "--json", "--quiet"], 0);
    assert_eq!(rebuilt[0]["docs"], 5);

    // CURRENT naming a generation that is gone.
    fs::write(sb.path().join("index/CURRENT"), "gen-999999\n").unwrap();
    let out = sb.run(&["Wakefield"]);
    assert_one_line_error(&out, "missing generation");
    assert!(stderr(&out).contains("--rebuild"), "{}", stderr(&out));

    // No index and no corpus to build it from.
    let empty = Sandbox::empty();
    fs::remove_dir(empty.corpus()).unwrap();
    let out = empty.run(&["list"]);
    assert_one_line_error(&out, "no index, no corpus");
    assert!(stderr(&out).contains("corpus"), "{}", stderr(&out));
}

#[test]
fn an_unwritable_index_location_is_an_error_and_keeps_the_old_index() {
    let sb = Sandbox::seeds();
    // The index path is a file.
    fs::write(sb.path().join("blocked"), "x").unwrap();
    let out = sb.run(&["--index", "blocked", "index"]);
    assert_one_line_error(&out, "index path is a file");
    assert!(stderr(&out).contains("blocked"), "{}", stderr(&out));
    assert_eq!(fs::read_to_string(sb.path().join("blocked")).unwrap(), "x");
}

#[test]
fn a_second_indexer_waits_for_the_lock_or_fails_clearly() {
    let sb = Sandbox::seeds();
    sb.index();
    // Hold the lock from this process, as a running indexer would.
    let lock = fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(sb.path().join("index/lock"))
        .unwrap();
    lock.try_lock().unwrap();
    let out = sb
        .command(&["index", "--quiet"])
        .env("OFSEARCH_LOCK_WAIT", "1")
        .output()
        .unwrap();
    assert_one_line_error(&out, "locked");
    assert!(stderr(&out).contains("lock"), "{}", stderr(&out));
    // Readers are not blocked by the writer lock.
    assert_eq!(sb.run(&["Wakefield", "--count"]).status.code(), Some(0));
    drop(lock);
    assert_eq!(sb.index()["unchanged"], 5);
}

#[test]
fn concurrent_indexers_never_corrupt() {
    let sb = Sandbox::seeds();
    for i in 0..40 {
        let mut f = fs::File::create(sb.corpus().join(format!("extra-{i}.txt"))).unwrap();
        writeln!(
            f,
            "Monitoring visit number {i}\n\nA note about fosterwidget carers {i}."
        )
        .unwrap();
    }
    let children: Vec<_> = (0..3)
        .map(|_| {
            sb.command(&["index", "--json", "--quiet"])
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(
            matches!(out.status.code(), Some(0) | Some(2)),
            "{}",
            stderr(&out)
        );
    }
    let docs = sb.json(&["list", "--json"], 0);
    assert_eq!(docs.len(), 45);
    assert_eq!(sb.count(&["fosterwidget"]), 40);
}

/// A reader that stops early (`| head -1`) ends the run quietly with status 0, for
/// human and JSON output alike.
#[test]
fn a_closed_pipe_ends_quietly() {
    use std::io::{BufRead, BufReader};
    use std::process::Stdio;
    let sb = Sandbox::empty();
    // Enough output to fill the pipe, so that the writes after the first line fail.
    for i in 0..400 {
        let text = GOOD.replace("Sunderland", if i % 2 == 0 { "Leeds" } else { "York" });
        // Distinct content, so none is skipped as a duplicate.
        fs::write(
            sb.corpus().join(format!("letter{i:03}.txt")),
            format!("{text}\nReference {i}.\n"),
        )
        .unwrap();
    }
    sb.index();
    for args in [
        vec!["list"],
        vec!["list", "--json"],
        vec!["export", "--ndjson"],
        vec!["neglect", "--limit", "400", "--json"],
    ] {
        let mut child = sb
            .command(&args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut first = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut first)
            .unwrap();
        assert!(!first.is_empty(), "{args:?}");
        // stdout is closed here; the rest of the output meets a broken pipe.
        let out = child.wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).is_empty(), "{args:?}: {}", stderr(&out));
    }
}

/// Folder mistakes: nothing is written outside an index folder, the index is never
/// indexed, overlapping corpus folders count a file once, and an emptied sub-folder
/// (an unmounted drive) keeps its documents.
#[test]
fn folder_mistakes_lose_nothing_and_write_nothing() {
    let sb = Sandbox::empty();
    // No corpus at all: an error, and no index folder left behind.
    fs::remove_dir(sb.corpus()).unwrap();
    let out = sb.run(&["index"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(!sb.path().join("index").exists());
    // An existing folder of other files is not taken over.
    fs::create_dir_all(sb.path().join("notes")).unwrap();
    fs::write(sb.path().join("notes/todo.txt"), "x").unwrap();
    fs::create_dir_all(sb.path().join("corpus/sub")).unwrap();
    fs::write(sb.path().join("corpus/sub/a.txt"), GOOD).unwrap();
    let out = sb.run(&["--index", "notes", "index"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("no ofsearch index"),
        "{}",
        stderr(&out)
    );
    assert_eq!(fs::read_dir(sb.path().join("notes")).unwrap().count(), 1);
    // The index inside its own corpus is not indexed; overlapping folders count once.
    let idx = "corpus/idx";
    sb.json(&["--index", idx, "index", "--json"], 0);
    let again = sb.json(
        &[
            "--index",
            idx,
            "index",
            "--corpus",
            "corpus",
            "--corpus",
            "corpus/sub",
            "--json",
        ],
        0,
    );
    assert_eq!(again[0]["docs"], 1, "{}", again[0]);
    assert_eq!(again[0]["skipped"], serde_json::json!([]), "{}", again[0]);
    // An emptied sub-folder keeps its document, with a warning.
    fs::remove_file(sb.path().join("corpus/sub/a.txt")).unwrap();
    let emptied = sb.json(&["--index", idx, "index", "--json"], 0);
    assert_eq!(emptied[0]["docs"], 1, "{}", emptied[0]);
    assert!(
        emptied[0]["warnings"]
            .to_string()
            .contains("folder is empty")
    );
}

/// An empty `OFSEARCH_*` variable is "not set"; empty entries in OFSEARCH_CORPUS
/// are ignored.
#[test]
fn empty_environment_variables_are_unset() {
    let sb = Sandbox::empty();
    fs::write(sb.corpus().join("a.txt"), GOOD).unwrap();
    let run = |args: &[&str], env: &[(&str, &str)]| {
        sb.command(args).envs(env.iter().copied()).output().unwrap()
    };
    let out = run(
        &["index", "-q"],
        &[("OFSEARCH_CORPUS", ":corpus:"), ("OFSEARCH_LOCK_WAIT", "")],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let out = run(&["chronic neglect", "--count"], &[("OFSEARCH_INDEX", "")]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out).trim(), "1");
}
