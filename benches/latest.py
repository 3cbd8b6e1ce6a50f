#!/usr/bin/env python3
"""Benchmark `ofsearch latest`: the national picture, warm whole-process.

    python3 benches/latest.py [--sizes 10000,100000] [--workdir /tmp/ofsearch-bench]
                              [--index-root DIR] [--gen PATH] [--bin PATH]
                              [--runs 20] [--warmup 3] [--as-of 2025-03-31]

For each size it reuses (or generates, with ../shared/bench/gen_corpus.py) the seeded
corpus `WORKDIR/corpus-N-seed1`, indexes it into `INDEX_ROOT/latest-N` (an incremental
run when that index exists, a rebuild when it is of an older format), then times `latest --kind ilacs --as-of DAY` for the human
table, `--json` and `--csv` (`--warmup` untimed runs, then the median of `--runs`). It
checks the JSON rows against `list --kind ilacs --json` (each authority's graded ILACS
with the latest day, the first path on a tie) and the summary against the rows, and
prints a Markdown table with the target (<= 50 ms at 100k documents). Exit status 1 when
a check fails; 0 (skipped) without the generator and corpus.
"""
import argparse
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

from common import log
from run import REPO, build_ofsearch, child_env, ensure_corpus, latency, parse_sizes

TARGET_MS = 50.0
TARGET_DOCS = 100_000
GRADES = ["outstanding", "good", "requires_improvement", "inadequate"]


def day_of(doc):
    """The day a document sits at in time: its date, else its inspection's last day."""
    return doc["date"] or doc["inspection_end"] or doc["inspection_start"]


def check(bin_path, index, as_of):
    """Differences between `latest --json` and the latest ILACS picked from `list`."""
    def lines(*args):
        out = subprocess.run([bin_path, "--index", index, *args], stdout=subprocess.PIPE,
                             env=child_env(), check=False).stdout
        return [json.loads(l) for l in out.decode("utf-8").splitlines() if l.strip()]

    rows = lines("latest", "--kind", "ilacs", "--as-of", as_of, "--json")
    summary, rows = rows[-1], rows[:-1]
    best = {}
    for d in lines("list", "--kind", "ilacs", "--json"):
        day = day_of(d)
        if d["judgement"] is None or d["authority"] is None or day is None or day > as_of:
            continue
        key = (day, [-ord(c) for c in d["path"]])
        if d["authority"] not in best or key > best[d["authority"]][0]:
            best[d["authority"]] = (key, d)
    problems = []
    for r in rows:
        want = best.get(r["authority"])
        got = r["path"] if r["inspected"] else None
        if want is not None and want[1]["path"] != got:
            problems.append(f"{r['authority']}: latest {got}, list says {want[1]['path']}")
        if want is None and got is not None:
            problems.append(f"{r['authority']}: latest {got}, list has no graded ILACS")
    counts = Counter(r["judgement"] for r in rows)
    for g in GRADES:
        if summary[g] != counts[g]:
            problems.append(f"summary {g}: {summary[g]}, rows: {counts[g]}")
    if summary["not_inspected"] != counts[None]:
        problems.append(f"summary not_inspected: {summary['not_inspected']}, rows: {counts[None]}")
    return rows, summary, problems


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--sizes", type=parse_sizes, default=[10000, 100000])
    p.add_argument("--workdir", type=Path, default=Path("/tmp/ofsearch-bench"))
    p.add_argument("--index-root", type=Path, default=None,
                   help="where the indexes go (default: WORKDIR)")
    p.add_argument("--gen", default=str(REPO / "../shared/bench/gen_corpus.py"))
    p.add_argument("--bin", default=None, help="the ofsearch binary (default: build it)")
    p.add_argument("--runs", type=int, default=20)
    p.add_argument("--warmup", type=int, default=3)
    p.add_argument("--jobs", type=int, default=2)
    p.add_argument("--as-of", default="2025-03-31")
    a = p.parse_args()
    gen = Path(a.gen)
    bin_path = a.bin or str(build_ofsearch())
    index_root = a.index_root or a.workdir
    results, failed = [], False
    for n in a.sizes:
        corpus = a.workdir / f"corpus-{n}-seed1"
        if not gen.exists() and not (corpus / "truth.jsonl").exists():
            log(f"skipped: no corpus generator at {gen} and no corpus at {corpus}")
            continue
        corpus = ensure_corpus(gen, n, 1, a.workdir, a.jobs)
        index = str(index_root / f"latest-{n}")
        log(f"{n} docs: indexing {corpus} into {index}")
        build = [bin_path, "--index", index, "index", "--corpus", str(corpus), "--quiet"]
        if subprocess.run(build, env=child_env()).returncode != 0:
            log("  the index is of another format: rebuilding it")
            subprocess.run(build + ["--rebuild"], env=child_env(), check=True)
        rows, summary, problems = check(bin_path, index, a.as_of)
        for problem in problems[:10]:
            log(f"  FAIL {problem}")
        failed |= bool(problems)
        base = [bin_path, "--index", index, "latest", "--kind", "ilacs", "--as-of", a.as_of]
        timed = {fmt: latency(base + extra, a.runs, a.warmup)
                 for fmt, extra in [("table", []), ("json", ["--json"]), ("csv", ["--csv"])]}
        results.append((n, len(rows), summary, timed, not problems))
    if not results:
        print("status: skipped")
        return 0
    print(f"`ofsearch latest --kind ilacs --as-of {a.as_of}`, warm whole process, median of "
          f"{a.runs} runs after {a.warmup} (p90 in brackets):\n")
    print("| docs | rows (graded) | table | `--json` | `--csv` | check |")
    print("|---:|---:|---:|---:|---:|---|")
    for n, rows, summary, timed, ok in results:
        cells = [f"{t['median_ms']:.1f} ms ({t['p90_ms']:.1f})" for t in timed.values()]
        graded = rows - summary["not_inspected"]
        print(f"| {n} | {rows} ({graded}) | {' | '.join(cells)} | {'PASS' if ok else 'FAIL'} |")
    for n, _, _, timed, _ in results:
        if n == TARGET_DOCS:
            worst = max(t["median_ms"] for t in timed.values())
            mark = "met" if worst <= TARGET_MS else "missed"
            print(f"\nTarget <= {TARGET_MS:.0f} ms at {n} docs: {mark} (slowest format {worst:.1f} ms).")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
