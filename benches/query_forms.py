#!/usr/bin/env python3
"""Query forms against the plain phrase: warm whole-process time of
`ofsearch --count QUERY` for sloppy phrases, NEAR, wildcards, fuzzy words and a
zero-hit word (with its did-you-mean), as ratios to `"chronic neglect"`.

    python3 benches/query_forms.py --docs 100000 --workdir /tmp/qf
    python3 benches/query_forms.py --corpus DIR --bin target/release/ofsearch

The corpus comes from ../shared/bench/gen_corpus.py (next to the repository, or
--gen PATH) unless --corpus is given; without either it says so and exits 0.
Python 3 standard library only. Target: each form within 3x the phrase.
"""
import argparse
import os
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

QUERIES = [
    ('"chronic neglect"', "phrase (baseline)"),
    ("neglect", "word (stem forms)"),
    ('"chronic neglect"~3', "sloppy phrase"),
    ("chronic NEAR/3 neglect", "NEAR, either order"),
    ("neglec*", "prefix"),
    ("negl?ct", "wildcard"),
    ("safeguard*", "prefix, many forms"),
    ("neglet~1", "fuzzy, 1 edit"),
    ("neglet~2", "fuzzy, 2 edits"),
    ("neglet", "zero hits + did-you-mean"),
]


def timed(cmd, runs):
    for _ in range(3):
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    times = []
    out = b""
    for _ in range(runs):
        t = time.perf_counter()
        p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        times.append((time.perf_counter() - t) * 1000)
        out = p.stdout
    return statistics.median(times), out.decode().strip().splitlines()[0] if out else "-"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=100000)
    ap.add_argument("--corpus", help="an existing corpus directory (skips generation)")
    ap.add_argument("--gen", default=os.path.join(ROOT, "..", "shared", "bench", "gen_corpus.py"))
    ap.add_argument("--workdir", default="/tmp/ofsearch-query-forms")
    ap.add_argument("--bin", default=os.path.join(ROOT, "target", "release", "ofsearch"))
    ap.add_argument("--runs", type=int, default=15)
    a = ap.parse_args()
    os.makedirs(a.workdir, exist_ok=True)
    corpus = a.corpus
    if not corpus:
        corpus = os.path.join(a.workdir, f"corpus-{a.docs}")
        if not os.path.exists(os.path.join(corpus, "truth.jsonl")):
            if not os.path.exists(a.gen):
                print(f"query_forms: no corpus generator at {a.gen} (give --gen or --corpus); skipped")
                return 0
            subprocess.run([sys.executable, a.gen, "--docs", str(a.docs), "--out", corpus, "--force"], check=True)
    if not os.path.exists(a.bin):
        print(f"query_forms: no binary at {a.bin}; build with cargo build --release or give --bin")
        return 1
    index = os.path.join(a.workdir, "index-" + os.path.basename(os.path.normpath(corpus)))
    t = time.perf_counter()
    subprocess.run([a.bin, "--index", index, "index", "--corpus", corpus, "--quiet"], check=True)
    print(f"index {corpus}: {time.perf_counter() - t:.1f} s (incremental when it existed)\n")
    rows = []
    for q, what in QUERIES:
        ms, count = timed([a.bin, "--index", index, "--count", q], a.runs)
        rows.append((q, what, count, ms))
    base = rows[0][3]
    print("| query | form | hits | warm whole process, ms (median of %d) | / phrase |" % a.runs)
    print("|---|---|---|---|---|")
    for q, what, count, ms in rows:
        mark = "" if ms <= 3 * base else " ✗ over 3×"
        print(f"| `{q}` | {what} | {count} | {ms:.1f} | {ms / base:.2f}{mark} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
