//! Hostile files and a hostile index folder (issue 14): none crashes, hangs or
//! exhausts a run, none loses data, and the rest of the corpus is indexed in the
//! same run. Every hostile file is generated here.

use crate::util::*;
use serde_json::Value;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::{Duration, Instant};

const GOOD: &str = "Focused visit to Sunderland local authority children's services\n\n\
Inspectors found that where chronic neglect is a feature, plans are weak.\n";

fn index_json(sb: &Sandbox, args: &[&str]) -> Value {
    let mut full = vec!["index", "--json", "--quiet"];
    full.extend_from_slice(args);
    let lines = sb.json(&full, 0);
    assert_eq!(lines.len(), 1);
    lines.into_iter().next().unwrap()
}

fn skipped(summary: &Value) -> Vec<(String, String)> {
    summary["skipped"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["path"].as_str().unwrap().to_string(),
                s["reason"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn assert_clean_error(out: &Output, what: &str) -> String {
    let err = stderr(out);
    assert_eq!(out.status.code(), Some(2), "{what}: {err}");
    assert_eq!(err.lines().count(), 1, "{what}: {err}");
    assert!(err.starts_with("ofsearch: error: "), "{what}: {err}");
    err
}

fn names(dir: &Path) -> Vec<String> {
    let mut n: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    n.sort();
    n
}

/// A seeded stream of bytes in `low..=255` (no `rand` crate needed).
fn noise(len: usize, low: u8, seed: u64) -> Vec<u8> {
    let mut state = seed;
    (0..len)
        .map(|_| {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            low + ((state >> 33) % (256 - u64::from(low))) as u8
        })
        .collect()
}

/// Class 1: a garbage `CURRENT`, or one naming a missing generation, followed by
/// `index --corpus`, deleted the live generation (it was taken for "no index").
#[test]
fn a_damaged_current_is_repaired_never_taken_for_no_index() {
    let sb = Sandbox::seeds();
    sb.index();
    let index = sb.path().join("index");
    for damage in ["garbage\n", "gen-999999\n", ""] {
        fs::write(index.join("CURRENT"), damage).unwrap();
        // Readers say what is wrong and what repairs it.
        let err = assert_clean_error(&sb.run(&["Wakefield"]), damage);
        assert!(err.contains("`ofsearch index`"), "{err}");
        // The writer repairs the pointer to the one complete generation.
        let summary = index_json(&sb, &["--corpus", "corpus"]);
        assert_eq!(summary["docs"], 5, "{damage:?}: {summary}");
        assert_eq!(summary["added"], 0, "{damage:?}: {summary}");
        assert!(
            summary["warnings"].to_string().contains("repaired"),
            "{summary}"
        );
        assert_eq!(
            fs::read_to_string(index.join("CURRENT")).unwrap(),
            "gen-000001\n"
        );
        assert_eq!(sb.count(&["chronic neglect"]), 1);
    }
    // A missing pointer with a complete generation beside it is repaired too.
    fs::remove_file(index.join("CURRENT")).unwrap();
    assert_eq!(index_json(&sb, &[])["docs"], 5);
    assert!(index.join("gen-000001").is_dir());
    // No complete generation to point at: refused (nothing is removed), and
    // `--rebuild` builds afresh.
    fs::write(index.join("CURRENT"), "garbage").unwrap();
    fs::remove_file(index.join("gen-000001/meta.json")).unwrap();
    let err = assert_clean_error(&sb.run(&["index"]), "no complete generation");
    assert!(err.contains("--rebuild"), "{err}");
    assert!(index.join("gen-000001").is_dir());
    let rebuilt = index_json(&sb, &["--rebuild"]);
    assert_eq!(rebuilt["docs"], 5, "{rebuilt}");
    assert_eq!(
        names(&index),
        ["CURRENT", "OFSEARCH-INDEX", "gen-000002", "lock"]
    );
}

/// Class 2: `--index DIR` on a user's folder holding `gen-2024/` (or a stray
/// `lock` or `CURRENT`) was accepted, and cleaning deleted `gen-2024/`.
#[test]
fn a_users_folder_is_never_taken_over_or_cleaned() {
    let sb = Sandbox::seeds();
    let user = sb.path().join("user");
    fs::create_dir_all(user.join("gen-2024")).unwrap();
    fs::write(user.join("gen-2024/notes.txt"), "precious").unwrap();
    for stray in ["lock", "CURRENT"] {
        fs::write(user.join(stray), "x").unwrap();
        let err = assert_clean_error(&sb.run(&["--index", "user", "index"]), stray);
        assert!(err.contains("OFSEARCH-INDEX"), "{err}");
        assert_eq!(names(&user), {
            let mut n = vec!["gen-2024".to_string(), stray.to_string()];
            n.sort();
            n
        });
        fs::remove_file(user.join(stray)).unwrap();
    }
    // A search that would build the index there is refused the same way.
    let out = sb.run(&["--index", "user", "neglect"]);
    assert_clean_error(&out, "search");
    assert_eq!(
        fs::read_to_string(user.join("gen-2024/notes.txt")).unwrap(),
        "precious"
    );

    // An index of an older ofsearch (no marker, exactly our layout) is adopted.
    sb.index();
    let index = sb.path().join("index");
    fs::remove_file(index.join("OFSEARCH-INDEX")).unwrap();
    let summary = index_json(&sb, &[]);
    assert_eq!(
        (summary["docs"].clone(), summary["added"].clone()),
        (5.into(), 0.into())
    );
    assert!(
        fs::read_to_string(index.join("OFSEARCH-INDEX"))
            .unwrap()
            .starts_with("ofsearch index format 1")
    );
    // Unmarked with anything else in it: refused, nothing written or removed.
    fs::remove_file(index.join("OFSEARCH-INDEX")).unwrap();
    fs::write(index.join("mine.txt"), "x").unwrap();
    let before = names(&index);
    assert_clean_error(&sb.run(&["index", "--rebuild"]), "unmarked");
    assert_eq!(names(&index), before);
    // An ofsearch index with a user's `gen-2024` inside: never removed.
    fs::remove_file(index.join("mine.txt")).unwrap();
    sb.index();
    fs::create_dir(index.join("gen-2024")).unwrap();
    index_json(&sb, &["--rebuild"]);
    assert!(index.join("gen-2024").is_dir());
}

/// Class 3: names that differ only in invalid UTF-8 bytes got one document id.
#[cfg(unix)]
#[test]
fn file_names_differing_only_in_invalid_utf8_are_two_documents() {
    use std::os::unix::ffi::OsStrExt;
    let sb = Sandbox::empty();
    let name = |b: &[u8]| sb.corpus().join(std::ffi::OsStr::from_bytes(b));
    fs::write(name(b"letter\xff.txt"), GOOD).unwrap();
    fs::write(name(b"letter\xfe.txt"), GOOD.replace("Sunderland", "Leeds")).unwrap();
    fs::write(name(b"letter\\xFF.txt"), GOOD.replace("Sunderland", "York")).unwrap();
    let first = index_json(&sb, &[]);
    assert_eq!(
        (first["added"].clone(), first["docs"].clone()),
        (3.into(), 3.into())
    );
    // Stable across runs: nothing is re-read, removed or added the second time.
    let second = index_json(&sb, &[]);
    assert_eq!(second["unchanged"], 3, "{second}");
    assert_eq!(second["added"], 0, "{second}");
    assert_eq!(second["removed"], 0, "{second}");
    let paths: Vec<String> = sb
        .json(&["list", "--json"], 0)
        .iter()
        .map(|d| d["path"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(paths.len(), 3);
    assert!(
        paths.contains(&"corpus/letter\\xFF.txt".to_string()),
        "{paths:?}"
    );
    assert!(
        paths.contains(&"corpus/letter\\xFE.txt".to_string()),
        "{paths:?}"
    );
    // One renamed: removed under the old name, added under the new one.
    fs::rename(name(b"letter\xfe.txt"), name(b"letter\xfd.txt")).unwrap();
    let renamed = index_json(&sb, &[]);
    assert_eq!(
        (renamed["added"].clone(), renamed["removed"].clone()),
        (1.into(), 1.into())
    );
}

/// Class 9: the size limit was checked after reading the whole file; a file that
/// says it is empty (`/proc/self/pagemap`) was read until memory ran out.
#[cfg(target_os = "linux")]
#[test]
fn a_file_that_reports_no_size_is_not_read_whole() {
    let sb = Sandbox::empty();
    fs::write(sb.corpus().join("good.txt"), GOOD).unwrap();
    std::os::unix::fs::symlink("/proc/self/pagemap", sb.corpus().join("pagemap.txt")).unwrap();
    let started = Instant::now();
    let summary = index_json(&sb, &["--follow"]);
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(summary["docs"], 1, "{summary}");
    let skipped = skipped(&summary);
    assert_eq!(skipped.len(), 1, "{summary}");
    assert!(skipped[0].0.ends_with("pagemap.txt"), "{summary}");
}

/// Class 10: only the first 8 KB were checked for binary content.
#[test]
fn text_followed_by_random_bytes_is_binary() {
    let sb = Sandbox::empty();
    fs::write(sb.corpus().join("good.txt"), GOOD).unwrap();
    let preface = "Plain English words about children's services and care leavers.\n".repeat(175);
    assert!(preface.len() > 11_000);
    for (name, low) in [("random.txt", 0u8), ("high.txt", 0x80)] {
        let mut bytes = preface.clone().into_bytes();
        bytes.extend(noise(2 << 20, low, 14));
        fs::write(sb.corpus().join(name), bytes).unwrap();
    }
    // A long text with a few Windows-1252 accents and a stray NUL is still text.
    let mut long = "Caf\u{e9}s and r\u{f4}les: a long letter on neglect. "
        .repeat(2000)
        .chars()
        .map(|c| if c == '\u{e9}' { '\u{1}' } else { c })
        .collect::<String>()
        .into_bytes();
    for b in long.iter_mut() {
        if *b == 1 {
            *b = 0xe9;
        }
    }
    long[50_000] = 0;
    fs::write(sb.corpus().join("cp1252.txt"), long).unwrap();
    let summary = index_json(&sb, &[]);
    let mut skipped = skipped(&summary);
    skipped.sort();
    assert_eq!(
        skipped,
        [
            ("corpus/high.txt".to_string(), "binary content".to_string()),
            (
                "corpus/random.txt".to_string(),
                "binary content".to_string()
            ),
        ],
        "{summary}"
    );
    assert_eq!(summary["docs"], 2, "{summary}");
}

/// Class 13: `ln -s /etc corpus/etc` indexed /etc.
#[cfg(unix)]
#[test]
fn symlinks_out_of_the_corpus_are_not_followed() {
    use std::os::unix::fs::symlink;
    let sb = Sandbox::empty();
    let outside = sb.path().join("private");
    fs::create_dir_all(&outside).unwrap();
    fs::write(
        outside.join("secret.txt"),
        GOOD.replace("chronic neglect", "zebra"),
    )
    .unwrap();
    fs::create_dir_all(sb.corpus().join("sub")).unwrap();
    fs::write(sb.corpus().join("sub/good.txt"), GOOD).unwrap();
    symlink(&outside, sb.corpus().join("private")).unwrap();
    symlink(outside.join("secret.txt"), sb.corpus().join("secret.txt")).unwrap();
    // A link that stays inside the corpus is followed (its file is a copy).
    symlink(sb.corpus().join("sub"), sb.corpus().join("inner")).unwrap();
    let summary = index_json(&sb, &[]);
    let skipped = skipped(&summary);
    for name in ["corpus/private", "corpus/secret.txt"] {
        let reason = &skipped
            .iter()
            .find(|(p, _)| p == name)
            .unwrap_or_else(|| panic!("{name} not skipped: {summary}"))
            .1;
        assert!(
            reason.contains("out of the corpus") && reason.contains("--follow"),
            "{reason}"
        );
    }
    assert!(
        skipped
            .iter()
            .any(|(p, r)| p == "corpus/sub/good.txt" && r.contains("same content")),
        "{summary}"
    );
    assert_eq!(sb.count(&["zebra"]), 0);
    assert_eq!(summary["docs"], 1, "{summary}");
    // `--follow` reads them.
    let followed = index_json(&sb, &["--follow"]);
    assert_eq!(followed["docs"], 2, "{followed}");
    assert_eq!(sb.count(&["zebra"]), 1);
    let human = sb.run(&["index", "--help"]);
    assert!(stdout(&human).contains("--follow"));
}

/// Class 14: an escape sequence in a file name reached the terminal raw.
#[cfg(unix)]
#[test]
fn control_characters_in_file_names_never_reach_the_terminal() {
    let sb = Sandbox::empty();
    let name = "letter\x1b[2J\x1b]0;owned\x07.txt";
    fs::write(sb.corpus().join(name), GOOD).unwrap();
    fs::write(sb.corpus().join("empty\x1b[31m.txt"), "").unwrap();
    let out = sb.run(&["index"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(!out.stderr.contains(&0x1b), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("empty\\x1B[31m.txt"),
        "{}",
        stderr(&out)
    );
    for args in [
        &["list"][..],
        &["list", "--csv"],
        &["chronic neglect"],
        &["chronic neglect", "--csv"],
        &["timeline", "Sunderland"],
        &["timeline", "Sunderland", "--csv"],
    ] {
        let out = sb.run(args);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
        assert!(!out.stdout.contains(&0x1b), "{args:?}: {}", stdout(&out));
        assert!(!out.stdout.contains(&0x07), "{args:?}: {}", stdout(&out));
        assert!(
            stdout(&out).contains("letter\\x1B[2J"),
            "{args:?}: {}",
            stdout(&out)
        );
    }
    // JSON keeps the name exactly (serde escapes it).
    let docs = sb.json(&["list", "--json"], 0);
    assert_eq!(docs[0]["path"], format!("corpus/{name}"));
}

/// Flip `flips` bits in every file ending in `ext` of the live generation.
fn flip_bits(sb: &Sandbox, ext: &str, seed: u64, flips: usize) -> Vec<(PathBuf, Vec<u8>)> {
    let mut saved = Vec::new();
    for entry in fs::read_dir(sb.generation()).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().and_then(|e| e.to_str()) != Some(ext) {
            continue;
        }
        let original = fs::read(&path).unwrap();
        let mut bytes = original.clone();
        let picks = noise(flips * 8, 0, seed ^ bytes.len() as u64);
        for pick in picks.chunks(8) {
            let at = pick[..4]
                .iter()
                .fold(0usize, |n, &b| n * 256 + usize::from(b))
                % bytes.len();
            bytes[at] ^= 1 << (pick[4] % 8);
        }
        fs::write(&path, bytes).unwrap();
        saved.push((path, original));
    }
    saved
}

/// Class 15: bit flips in a `.fast` file made search, `trend` and `index` panic
/// (status 101), or abort on a huge allocation.
#[test]
fn bit_flips_in_fast_files_are_a_clean_damaged_index_error() {
    let sb = Sandbox::seeds();
    sb.index();
    let commands: [&[&str]; 6] = [
        &["chronic neglect"],
        &["trend", "neglect"],
        &["neglect", "--facet", "year", "--facet", "authority"],
        &["latest"],
        &["list"],
        &["index"],
    ];
    let mut damaged = 0;
    for seed in 0..12 {
        let saved = flip_bits(&sb, "fast", seed, 5);
        for args in commands {
            let out = sb.run(args);
            let what = format!("seed {seed}, {args:?}");
            match out.status.code() {
                Some(0) | Some(1) => {}
                Some(2) => {
                    let err = assert_clean_error(&out, &what);
                    assert!(err.contains("ofsearch index --rebuild"), "{what}: {err}");
                    damaged += usize::from(err.contains("damaged"));
                }
                other => panic!("{what}: status {other:?}: {}", stderr(&out)),
            }
        }
        for (path, bytes) in saved {
            fs::write(path, bytes).unwrap();
        }
    }
    assert!(damaged > 0, "no run saw the damage");
    // `index` never builds on damaged bookkeeping: with the damage mended, the
    // index is as it was.
    assert_eq!(index_json(&sb, &[])["docs"], 5);
    let saved = flip_bits(&sb, "fast", 99, 3);
    let out = sb.run(&["index"]);
    let err = assert_clean_error(&out, "index on damaged fast files");
    assert!(err.contains("damaged"), "{err}");
    drop(saved);
    // The advice works.
    assert_eq!(index_json(&sb, &["--rebuild"])["docs"], 5);
    assert_eq!(sb.count(&["chronic neglect"]), 1);
}

/// `index --rebuild`, the advice for a damaged index, failed itself when the
/// damage was in fast-field headers: opening the old generation's reader made
/// tantivy panic before the rebuild could set the old generation aside.
#[test]
fn rebuild_after_damaged_fast_headers_builds_afresh() {
    let sb = Sandbox::seeds();
    for round in 0..4 {
        sb.index();
        // Garble the column index near the end of every fast file (where the
        // offsets tantivy slices by are kept).
        for entry in fs::read_dir(sb.generation()).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().and_then(|e| e.to_str()) == Some("fast") {
                let mut bytes = fs::read(&path).unwrap();
                let n = bytes.len();
                for b in &mut bytes[n.saturating_sub(150 + round * 5)..n.saturating_sub(110)] {
                    *b ^= 0x10;
                }
                fs::write(&path, bytes).unwrap();
            }
        }
        let out = sb.run(&["index", "--rebuild", "--json", "--quiet"]);
        assert_eq!(
            out.status.code(),
            Some(0),
            "round {round}: {}",
            stderr(&out)
        );
        assert_eq!(sb.count(&["chronic neglect"]), 1, "round {round}");
    }
}

/// Class 16: tantivy's meta.json and .managed.json were created 0600, so an
/// index one user built could not be searched by another.
#[cfg(unix)]
#[test]
fn meta_files_are_readable_as_the_umask_allows() {
    use std::os::unix::fs::PermissionsExt;
    let sb = Sandbox::seeds();
    sb.index();
    fs::write(sb.corpus().join("new.txt"), GOOD).unwrap();
    sb.index();
    let index = sb.path().join("index");
    let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
    let expected = mode(&index.join("lock"));
    for name in ["meta.json", ".managed.json"] {
        assert_eq!(
            mode(&index.join("gen-000001").join(name)),
            expected,
            "{name}"
        );
    }
}

/// Run `index` with writes capped at `blocks` KB (a full disk): `ulimit -f`, with
/// SIGXFSZ ignored so that a write past it fails instead of killing the process.
#[cfg(target_os = "linux")]
fn index_on_full_disk(sb: &Sandbox, blocks: u32) -> Output {
    std::process::Command::new("sh")
        .arg("-c")
        .arg(format!(
            "trap '' XFSZ; ulimit -f {blocks}; exec \"$0\" index"
        ))
        .arg(BIN)
        .current_dir(sb.path())
        .env_remove("OFSEARCH_INDEX")
        .env_remove("OFSEARCH_CORPUS")
        .output()
        .unwrap()
}

/// Class 17: a write failing on a full disk left a partial generation, or orphan
/// segment files in the live one.
#[cfg(target_os = "linux")]
#[test]
fn a_failed_write_leaves_no_debris() {
    let sb = Sandbox::empty();
    let big = |i: usize| {
        let mut text = format!("Report {i} on chronic neglect in Leeds.\n");
        let words = noise(40_000, 0, i as u64);
        for w in words.chunks(4) {
            text.push_str(&format!("w{:x}{:x} ", w[0], w[1] % 16));
        }
        text
    };
    for i in 0..20 {
        fs::write(sb.corpus().join(format!("d{i}.txt")), big(i)).unwrap();
    }
    // A first build that cannot be written: no generation is left.
    let out = index_on_full_disk(&sb, 100);
    let err = assert_clean_error(&out, "first build");
    assert!(err.contains("as it was"), "{err}");
    let index = sb.path().join("index");
    assert!(
        !names(&index).iter().any(|n| n.starts_with("gen-")),
        "{:?}",
        names(&index)
    );
    // An update that cannot be written: the live generation is as it was.
    assert_eq!(index_json(&sb, &[])["docs"], 20);
    let current = fs::read_to_string(index.join("CURRENT")).unwrap();
    let generation = index.join(current.trim());
    let before = names(&generation);
    for i in 20..40 {
        fs::write(sb.corpus().join(format!("d{i}.txt")), big(i)).unwrap();
    }
    let out = index_on_full_disk(&sb, 100);
    let err = assert_clean_error(&out, "update");
    assert!(err.contains("as it was"), "{err}");
    // No file is left that was not there before (the run may have collected
    // files of segments merged away earlier: that is no loss).
    let debris: Vec<String> = names(&generation)
        .into_iter()
        .filter(|n| !before.contains(n))
        .collect();
    assert!(debris.is_empty(), "{debris:?}: {err}");
    assert_eq!(sb.count(&["chronic neglect"]), 20);
    assert_eq!(index_json(&sb, &[])["docs"], 40);
}

/// Class 18: `ofsearch completions bash > /dev/full` panicked.
#[cfg(unix)]
#[test]
fn output_errors_are_clean_never_a_panic() {
    let sb = Sandbox::seeds();
    sb.index();
    let full = || fs::File::options().write(true).open("/dev/full").unwrap();
    for args in [
        &["completions", "bash"][..],
        &["man"],
        &["list"],
        &["chronic neglect"],
        &["--help"],
        &["latest", "--csv"],
    ] {
        let out = sb.command(args).stdout(full()).output().unwrap();
        let err = assert_clean_error(&out, &format!("{args:?}"));
        assert!(err.contains("cannot write output"), "{args:?}: {err}");
    }
    // A full stderr is not a panic either (the summary there is not the result).
    let out = sb.command(&["index"]).stderr(full()).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let out = sb.command(&["nosuchword"]).stderr(full()).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
}
