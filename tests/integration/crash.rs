//! Crash safety: `kill -9` during `index` at random moments never leaves an
//! index that fails to open or holds a mix of the old and new corpus.
//!
//! The default suite runs a few cycles; set `OFSEARCH_CRASH_CYCLES=200` to run
//! many (`cargo test --test integration crash -- --nocapture`).

use crate::util::*;
use std::collections::BTreeSet;
use std::fs;
use std::process::Stdio;
use std::time::{Duration, Instant};

const DOCS: usize = 600;

/// Two corpus states: A has files 0..600 with the word "alphaset"; B drops
/// 0..100, rewrites 100..200 to "betaset" and adds 600..700 with "betaset".
fn body(i: usize, marker: &str) -> String {
    let mut s = format!("Monitoring visit letter number {i}\n\nDate: 3 March 2021\n\n");
    for k in 0..25 {
        s.push_str(&format!(
            "Paragraph {k} of document {i} about {marker} practice: social workers visit \
             children regularly and managers review plans for families number {i}{k}.\n\n"
        ));
    }
    s
}

fn name(i: usize) -> String {
    format!("letter-{i:04}.txt")
}

fn write_state(sb: &Sandbox, b: bool) -> BTreeSet<String> {
    let c = sb.corpus();
    let mut paths = BTreeSet::new();
    for i in 0..DOCS + 100 {
        let path = c.join(name(i));
        let (present, marker) = match (b, i) {
            (false, i) if i < DOCS => (true, "alphaset"),
            (false, _) => (false, ""),
            (true, i) if i < 100 => (false, ""),
            (true, i) if !(200..DOCS).contains(&i) => (true, "betaset"),
            (true, _) => (true, "alphaset"),
        };
        if present {
            fs::write(&path, body(i, marker)).unwrap();
            paths.insert(format!("corpus/{}", name(i)));
        } else if path.exists() {
            fs::remove_file(&path).unwrap();
        }
    }
    paths
}

fn indexed_state(sb: &Sandbox) -> Result<(BTreeSet<String>, u64, u64), String> {
    let out = sb.run(&["list", "--json"]);
    if out.status.code() != Some(0) {
        return Err(stderr(&out));
    }
    let paths = stdout(&out)
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            v["path"].as_str().unwrap().to_string()
        })
        .collect();
    Ok((paths, sb.count(&["alphaset"]), sb.count(&["betaset"])))
}

/// xorshift: a reproducible random delay per cycle.
fn rand(state: &mut u64) -> u64 {
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    *state
}

#[test]
fn kill_during_index_leaves_the_old_or_the_new_index() {
    let cycles: usize = std::env::var("OFSEARCH_CRASH_CYCLES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(4);
    let sb = Sandbox::empty();
    let state_a = write_state(&sb, false);
    let started = Instant::now();
    sb.index();
    let full = started.elapsed();
    let expect = |paths: &BTreeSet<String>| -> (BTreeSet<String>, u64, u64) {
        if paths.contains("corpus/letter-0000.txt") {
            (paths.clone(), DOCS as u64, 0)
        } else {
            (paths.clone(), 400, 200)
        }
    };
    let mut current = state_a.clone();
    let mut seed = 0x9e37_79b9_7f4a_7c15u64;
    let mut killed_midway = 0;
    for cycle in 0..cycles {
        let to_b = cycle % 2 == 0;
        let next = write_state(&sb, to_b);
        let rebuild = cycle % 3 == 2;
        let mut args = vec!["index", "--quiet"];
        if rebuild {
            args.push("--rebuild");
        }
        let mut child = sb
            .command(&args)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // An incremental run touches a third of the files; a rebuild all of them.
        let share = if rebuild { 12 } else { 6 };
        let window = full.as_micros() as u64 * share / 10 + 1;
        std::thread::sleep(Duration::from_micros(rand(&mut seed) % window));
        let finished_before_kill = child.try_wait().unwrap().is_some();
        let _ = child.kill();
        let _ = child.wait();
        if !finished_before_kill {
            killed_midway += 1;
        }

        let got = indexed_state(&sb)
            .unwrap_or_else(|e| panic!("cycle {cycle}: index does not open after kill: {e}"));
        assert!(
            got == expect(&current) || got == expect(&next),
            "cycle {cycle}: index holds neither the old nor the new corpus \
             ({} docs, alphaset {}, betaset {})",
            got.0.len(),
            got.1,
            got.2
        );
        // The next run completes the job and cleans up after the dead one.
        let done = sb.index();
        assert_eq!(
            done["docs"].as_u64(),
            Some(next.len() as u64),
            "cycle {cycle}"
        );
        assert_eq!(indexed_state(&sb).unwrap(), expect(&next), "cycle {cycle}");
        let generations = fs::read_dir(sb.path().join("index"))
            .unwrap()
            .filter(|e| {
                let name = e.as_ref().unwrap().file_name();
                name.to_string_lossy().starts_with("gen-")
            })
            .count();
        assert_eq!(generations, 1, "cycle {cycle}: stale generations left");
        current = next;
    }
    eprintln!(
        "crash safety: {cycles} cycles, {killed_midway} killed mid-run, \
         full index of {DOCS} docs took {full:?}"
    );
}
