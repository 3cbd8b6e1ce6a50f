#!/usr/bin/env python3
"""The one-off large run: ofsearch alone on a generated corpus of 1M documents (about
10.6 GB), against the targets of the indexing issue. Not part of CI.

    python3 benches/million.py [--docs 1000000] [--workdir /tmp/ofsearch-bench]
                               [--gen PATH] [--jobs N] [--bin PATH] [--peer-bin PATH]
                               [--out BENCHMARKS.md]

It generates (or reuses) the seeded corpus with ../shared/bench/gen_corpus.py, then
measures: the build from scratch (wall, CPU, peak RSS of the child), the index size, an
incremental run over the unchanged corpus, and the warm whole-process
`ofsearch "chronic neglect" --facet year --json` (median of --runs runs after --warmup),
checking the phrase count against the generator's truth.jsonl. With --peer-bin (the
benches/tantivy_peer binary) it also builds plain tantivy's index of the same files with
stored text and the same writer settings, and times its facet query: the engine's own
ceiling in the same run. The Markdown section it
prints replaces the "## 1M documents" section of --out (the rest is kept).

Python 3.11 standard library only. Without the generator it says so and exits 0.
"""
import argparse
import datetime
import json
import shlex
import sys
from pathlib import Path

from common import MB, PHRASE, log
from run import (REPO, DEFAULT_GEN, dir_bytes, ensure_corpus, last_json, latency,
                 machine, remove, run_measured, warm_cache, writer_settings)

TARGETS = {"build_s": 150.0, "rss_mb": 1024.0, "incr_s": 5.0, "facet_ms": 15.0}


def section(n, corpus_bytes, m, mach, command):
    b, i, q = m["build"], m["incr"], m["facet"]
    rss_mb = b["rss_kb"] / 1024 if b["rss_kb"] else float("nan")
    mb_s = corpus_bytes / MB / b["wall_s"]
    ok = lambda good: "✓" if good else "✗"  # noqa: E731
    p = m.get("peer")
    peer = lambda v: f" | {v}" if p else ""  # noqa: E731
    lines = [
        f"## {n // 1000000 or n / 1e6}M documents (`benches/million.py`, {mach.get('date', '')[:10]})",
        "",
        f"Corpus: `{m['corpus']}` ({n} files, {corpus_bytes / MB:.0f} MB), machine as above "
        f"(load average at start: {mach.get('load', '?')}). Command: `{command}`.",
        "",
        "| measure | ofsearch | target" + (" | plain tantivy, stored text |" if p else " |"),
        "|---|---:|---:" + ("|---:|" if p else "|"),
        f"| index build, wall (s) | {b['wall_s']:.1f} | ≤ {TARGETS['build_s']:.0f}"
        + peer(f"{p['build']['wall_s']:.1f}" if p else "") + " |",
        f"| input throughput (MB/s) | {mb_s:.1f} | —"
        + peer(f"{corpus_bytes / MB / p['build']['wall_s']:.1f}" if p else "") + " |",
        f"| CPU time, user + system (s) | {b['cpu_s']:.1f} | —"
        + peer(f"{p['build']['cpu_s']:.1f}" if p else "") + " |",
        f"| peak RSS while indexing (MB) | {rss_mb:.0f} | ≤ {TARGETS['rss_mb']:.0f}"
        + peer(f"{p['build']['rss_kb'] / 1024:.0f}" if p else "") + " |",
        f"| index size on disk (MB) | {m['index_bytes'] / MB:.0f} "
        f"({100 * m['index_bytes'] / corpus_bytes:.0f} % of corpus) | —"
        + peer(f"{p['index_bytes'] / MB:.0f}" if p else "") + " |",
        f"| incremental run, unchanged corpus (s) | {i['wall_s']:.2f} | ≤ {TARGETS['incr_s']:.0f}"
        + peer("—") + " |",
        f"| `\"{PHRASE}\" --facet year --json`, warm whole process, median (ms) | "
        f"{q['median_ms']:.1f} (p90 {q['p90_ms']:.1f}) | ≤ {TARGETS['facet_ms']:.0f}"
        + peer(f"{p['facet']['median_ms']:.1f} (p90 {p['facet']['p90_ms']:.1f})" if p else "") + " |",
        "",
        f"- {ok(b['wall_s'] <= TARGETS['build_s'])} build ≤ {TARGETS['build_s']:.0f} s: {b['wall_s']:.1f} s",
        f"- {ok(rss_mb <= TARGETS['rss_mb'])} peak RSS ≤ 1 GB: {rss_mb:.0f} MB",
        f"- {ok(i['wall_s'] <= TARGETS['incr_s'])} unchanged incremental run ≤ {TARGETS['incr_s']:.0f} s: "
        f"{i['wall_s']:.2f} s",
        f"- {ok(q['median_ms'] <= TARGETS['facet_ms'])} facet query ≤ {TARGETS['facet_ms']:.0f} ms "
        f"whole-process: {q['median_ms']:.1f} ms",
        f"- phrase count (`--all-copies`) {m['count']} against the generator's {m['truth_count']}: "
        f"{'PASS' if m['count'] == m['truth_count'] else 'FAIL'}; with copies merged (the default) "
        f"{m.get('count_merged')}",
    ]
    if p:
        lines += [
            f"- against plain tantivy in the same run: build {b['wall_s'] / p['build']['wall_s']:.2f}× its "
            f"time ({100 * p['build']['wall_s'] / b['wall_s']:.0f} % of its throughput), CPU "
            f"{b['cpu_s'] / p['build']['cpu_s']:.2f}×, facet query "
            f"{q['median_ms'] / p['facet']['median_ms']:.2f}×; plain tantivy's phrase count "
            f"{p['count']}",
        ]
    return "\n".join(lines)


def replace_section(out, heading_prefix, new):
    old = out.read_text(encoding="utf-8") if out.exists() else "# ofsearch benchmarks\n"
    parts = old.split("\n## ")
    kept = [parts[0].rstrip("\n")] + ["## " + p.rstrip("\n") for p in parts[1:]
                                      if not p.startswith(heading_prefix)]
    return "\n\n".join(kept + [new]) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0],
                                 formatter_class=argparse.ArgumentDefaultsHelpFormatter)
    ap.add_argument("--docs", type=int, default=1000000)
    ap.add_argument("--workdir", default="/tmp/ofsearch-bench")
    ap.add_argument("--gen", help=f"corpus generator (default: {DEFAULT_GEN} relative to the repository root)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--jobs", type=int, help="generator worker processes")
    ap.add_argument("--bin", default=str(REPO / "target/release/ofsearch"), help="ofsearch binary")
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--warmup", type=int, default=3)
    ap.add_argument("--peer-bin", help="benches/tantivy_peer binary: also measure plain tantivy")
    ap.add_argument("--out", default=str(REPO / "BENCHMARKS.md"))
    ap.add_argument("--keep", action="store_true", help="keep the index afterwards")
    a = ap.parse_args()
    gen = Path(a.gen).expanduser().resolve() if a.gen else (REPO / DEFAULT_GEN).resolve()
    if not gen.is_file():
        print(f"{gen} not found: the benchmark needs the corpus generator (../shared/bench); pass --gen")
        print("status: skipped")
        return 0
    if not Path(a.bin).is_file():
        print(f"{a.bin} not found: run `cargo build --release` or pass --bin", file=sys.stderr)
        return 2
    command = shlex.join(["python3", *sys.argv])
    mach = machine()
    workdir = Path(a.workdir).expanduser().resolve()
    workdir.mkdir(parents=True, exist_ok=True)
    corpus = ensure_corpus(gen, a.docs, a.seed, workdir, a.jobs)
    # Counted while streaming, not held: a child's peak RSS as wait4 reports it
    # starts from this process's size when it was forked, and 1M parsed rows
    # would be gigabytes of it.
    corpus_bytes = truth_count = 0
    with open(corpus / "truth.jsonl", encoding="utf-8") as f:
        for line in f:
            if line.strip():
                r = json.loads(line)
                corpus_bytes += r["bytes"]
                truth_count += 1 if r.get("chronic_neglect") else 0
    index = workdir / f"index-{a.docs}"
    remove(index)
    log("warming the page cache (reading the corpus once)")
    warm_cache(corpus)

    m = {"corpus": str(corpus)}
    log("building the index")
    build = run_measured([a.bin, "--index", str(index), "index", "--corpus", str(corpus), "--quiet", "--json"])
    if build["code"] != 0:
        raise RuntimeError(f"index failed: {build['stderr'].strip()[-1500:]}")
    m["build"] = {k: build[k] for k in ("wall_s", "rss_kb", "cpu_s")}
    m["build"]["summary"] = last_json(build["stdout"])
    m["index_bytes"] = dir_bytes(index)
    log(f"  {build['wall_s']:.1f} s, {m['index_bytes'] / MB:.0f} MB")
    incr = run_measured([a.bin, "--index", str(index), "index", "--corpus", str(corpus), "--quiet", "--json"])
    m["incr"] = {k: incr[k] for k in ("wall_s", "rss_kb")}
    log(f"  incremental: {incr['wall_s']:.2f} s")
    facet = latency([a.bin, "--index", str(index), PHRASE, "--facet", "year", "--json"], a.runs, a.warmup)
    m["facet"] = {k: facet[k] for k in ("median_ms", "p90_ms", "min_ms")}
    lines = [json.loads(x) for x in facet["stdout"].splitlines() if x.strip()]
    summary = next((x for x in lines if x.get("type") == "summary"), {})
    m["count_merged"] = summary.get("total_hits")
    # The generator's truth counts files; ofsearch counts a report saved twice
    # once (same council, kind, title, dates and judgements), so the check counts
    # with --all-copies.
    allc = run_measured([a.bin, "--index", str(index), PHRASE, "--all-copies", "--count"])
    m["count"] = int(allc["stdout"].strip() or -1) if allc["code"] in (0, 1) else None
    m["truth_count"] = truth_count
    log(f"  facet query: {facet['median_ms']:.1f} ms; count {m['count']} (truth {truth_count}, "
        f"merged {m['count_merged']})")
    if a.peer_bin:
        threads, writer_mb = writer_settings()
        pindex = workdir / f"peer-index-{a.docs}"
        remove(pindex)
        log("building plain tantivy's index (stored text)")
        pb = run_measured([a.peer_bin, "index", str(corpus), str(pindex), "--truth", str(corpus / "truth.jsonl"),
                           "--threads", str(threads), "--memory-mb", str(writer_mb), "--store"])
        if pb["code"] != 0:
            raise RuntimeError(f"tantivy peer failed: {pb['stderr'].strip()[-1500:]}")
        pq = latency([a.peer_bin, "query", str(pindex), PHRASE, "--facet", "year"], a.runs, a.warmup)
        pc = run_measured([a.peer_bin, "query", str(pindex), PHRASE, "--count"])
        m["peer"] = {"build": {k: pb[k] for k in ("wall_s", "rss_kb", "cpu_s")},
                     "index_bytes": dir_bytes(pindex),
                     "facet": {k: pq[k] for k in ("median_ms", "p90_ms", "min_ms")},
                     "count": pc["stdout"].strip().splitlines()[-1] if pc["stdout"].strip() else "?"}
        log(f"  plain tantivy: {pb['wall_s']:.1f} s; facet {pq['median_ms']:.1f} ms")
        if not a.keep:
            remove(pindex)
    text = section(a.docs, corpus_bytes, m, mach, command)
    print(text)
    out = Path(a.out)
    out.write_text(replace_section(out, f"{a.docs // 1000000}M documents", text), encoding="utf-8")
    (workdir / f"million-{a.docs}.json").write_text(json.dumps(m, indent=1, default=str), encoding="utf-8")
    if not a.keep:
        remove(index)
    log(f"wrote {out}; generated at {datetime.datetime.now().isoformat(timespec='seconds')}")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except RuntimeError as e:
        print(f"million.py: error: {e}", file=sys.stderr)
        sys.exit(2)
