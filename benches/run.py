#!/usr/bin/env python3
"""Benchmark ofsearch against SQLite FTS5 and ripgrep on generated corpora, in one run.

    python3 benches/run.py [--sizes 10000,100000] [--workdir /tmp/ofsearch-bench]
                           [--gen PATH] [--bin PATH] [--out BENCHMARKS.md]

For each size it generates (or reuses) a seeded corpus with ../shared/bench/gen_corpus.py,
then measures in the same run: ofsearch indexing (wall time, peak RSS, MB/s, index size,
incremental run), the SQLite FTS5 peer (benches/fts5_peer.py) and ripgrep; warm
whole-process query latency (median of --runs runs after --warmup runs) and in-process
latency (`ofsearch bench-query`, FTS5 inside Python). It checks ofsearch's phrase count
and year facet against the generator's truth.jsonl, prints a Markdown report and writes
it to --out (default BENCHMARKS.md at the repository root).

Python 3.11 standard library only. hyperfine is not needed. When the corpus generator
is missing the benchmark is skipped (exit status 0).
"""
import argparse
import datetime
import json
import os
import platform
import re
import shlex
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCHES = Path(__file__).resolve().parent
REPO = BENCHES.parent
DEFAULT_GEN = "../shared/bench/gen_corpus.py"  # relative to the repository root
PEER = BENCHES / "fts5_peer.py"
PHRASE = "chronic neglect"
FTS_MATCH = '"chronic neglect"'
MB = 1e6  # the generator reports MB as 10^6 bytes; so do we


def log(msg=""):
    print(msg, file=sys.stderr, flush=True)


# ------------------------------------------------------------------ processes


def child_env(drop=()):
    env = dict(os.environ)
    for k in ("OFSEARCH_INDEX", "OFSEARCH_CORPUS", "RIPGREP_CONFIG_PATH", *drop):
        env.pop(k, None)
    env["NO_COLOR"] = "1"
    return env


def run_measured(cmd, cwd=None):
    """Run cmd once as a fresh child. Returns wall seconds, the child's own peak RSS (kB,
    from wait4's per-child rusage; None if unavailable), exit code, stdout and stderr."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        if hasattr(os, "wait4"):
            t0 = time.perf_counter()
            p = subprocess.Popen(cmd, stdout=out, stderr=err, env=child_env(), cwd=cwd)
            _, status, ru = os.wait4(p.pid, 0)
            wall = time.perf_counter() - t0
            p.returncode = code = os.waitstatus_to_exitcode(status)
            rss = ru.ru_maxrss  # kB on Linux
        elif os.path.exists("/usr/bin/time"):
            with tempfile.NamedTemporaryFile("r", suffix=".rss") as tf:
                t0 = time.perf_counter()
                code = subprocess.call(["/usr/bin/time", "-f", "%M", "-o", tf.name, *cmd],
                                       stdout=out, stderr=err, env=child_env(), cwd=cwd)
                wall = time.perf_counter() - t0
                nums = re.findall(r"\d+", tf.read())
                rss = int(nums[-1]) if nums else None
        else:
            t0 = time.perf_counter()
            code = subprocess.call(cmd, stdout=out, stderr=err, env=child_env(), cwd=cwd)
            wall = time.perf_counter() - t0
            rss = None
        out.seek(0)
        err.seek(0)
        return {"wall_s": wall, "rss_kb": rss, "code": code,
                "stdout": out.read().decode("utf-8", "replace"),
                "stderr": err.read().decode("utf-8", "replace")}


def latency(cmd, runs, warmup, ok=(0, 1)):
    """Warm whole-process latency: `warmup` untimed runs, then the median of `runs`."""
    env = child_env()
    last = None
    for _ in range(warmup):
        last = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        last = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
        times.append((time.perf_counter() - t0) * 1000.0)
        if last.returncode not in ok:
            raise RuntimeError(f"{shlex.join(map(str, cmd))} exited {last.returncode}: "
                               f"{last.stderr.decode('utf-8', 'replace').strip()[:300]}")
    times.sort()
    return {"median_ms": statistics.median(times), "p90_ms": times[round((len(times) - 1) * 0.9)],
            "min_ms": times[0], "runs": runs, "stdout": last.stdout.decode("utf-8", "replace")}


def check_call_quiet(cmd, what, cwd=None):
    r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=child_env(), cwd=cwd)
    if r.returncode != 0:
        raise RuntimeError(f"{what} failed (exit {r.returncode}): {shlex.join(map(str, cmd))}\n"
                           + r.stderr.decode("utf-8", "replace")[-2000:])
    return r.stdout.decode("utf-8", "replace")


# ------------------------------------------------------------------ machine


def machine():
    cpu = "unknown"
    try:
        for line in open("/proc/cpuinfo", encoding="utf-8", errors="replace"):
            if line.lower().startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = "unknown"
    try:
        for line in open("/proc/meminfo", encoding="utf-8"):
            if line.startswith("MemTotal:"):
                ram = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
                break
    except OSError:
        pass
    osname = platform.system()
    try:
        for line in open("/etc/os-release", encoding="utf-8"):
            if line.startswith("PRETTY_NAME="):
                osname = line.split("=", 1)[1].strip().strip('"')
    except OSError:
        pass
    try:
        nproc = subprocess.run(["nproc"], stdout=subprocess.PIPE, text=True).stdout.strip()
    except OSError:
        nproc = str(os.cpu_count())
    load = " ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "n/a"
    return {"nproc": nproc, "cpu": cpu, "ram": ram, "os": f"{osname}, kernel {platform.release()}",
            "date": datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
            "load": load}


def version_of(cmd):
    try:
        r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        return (r.stdout or r.stderr).strip().splitlines()[0] if r.returncode == 0 else "?"
    except (OSError, IndexError):
        return "?"


# ------------------------------------------------------------------ corpus


def parse_sizes(text):
    sizes = []
    for part in text.split(","):
        part = part.strip().lower().replace("_", "")
        if not part:
            continue
        mult = 1
        if part.endswith("k"):
            mult, part = 1000, part[:-1]
        elif part.endswith("m"):
            mult, part = 1000000, part[:-1]
        try:
            n = int(float(part) * mult)
        except ValueError:
            raise argparse.ArgumentTypeError(f"bad size {part!r} in --sizes")
        if n <= 0:
            raise argparse.ArgumentTypeError("sizes must be positive")
        sizes.append(n)
    if not sizes:
        raise argparse.ArgumentTypeError("--sizes is empty")
    return sizes


def count_lines(path):
    try:
        with open(path, "rb") as fh:
            return sum(1 for line in fh if line.strip())
    except OSError:
        return -1


def ensure_corpus(gen, n, seed, workdir, jobs):
    corpus = workdir / f"corpus-{n}-seed{seed}"
    truth = corpus / "truth.jsonl"
    if count_lines(truth) == n:
        log(f"  corpus: reusing {corpus} ({n} docs)")
        return corpus
    if corpus.exists():
        log(f"  corpus: {corpus} is incomplete or stale; regenerating")
        shutil.rmtree(corpus)
    cmd = [sys.executable, str(gen), "--docs", str(n), "--out", str(corpus), "--seed", str(seed)]
    if jobs:
        cmd += ["--jobs", str(jobs)]
    log(f"  corpus: generating {n} docs: {shlex.join(cmd)}")
    t0 = time.perf_counter()
    out = check_call_quiet(cmd, "corpus generator")
    log(f"  corpus: done in {time.perf_counter() - t0:.1f} s {out.strip()[:200]}")
    if count_lines(truth) != n:
        raise RuntimeError(f"generator wrote {count_lines(truth)} truth rows, expected {n}")
    return corpus


def load_truth(corpus):
    rows = []
    with open(corpus / "truth.jsonl", encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                rows.append(json.loads(line))
    return rows


def warm_cache(corpus):
    """Read every corpus file once so that every engine starts from a warm page cache."""
    total = 0
    for root, _, files in os.walk(corpus):
        for name in files:
            with open(os.path.join(root, name), "rb") as fh:
                while chunk := fh.read(1 << 20):
                    total += len(chunk)
    return total


def dir_bytes(path):
    """Apparent size of every file under path (what `du --apparent-size` counts)."""
    total = 0
    if os.path.isfile(path):
        return os.path.getsize(path)
    for root, _, files in os.walk(path):
        for name in files:
            try:
                total += os.lstat(os.path.join(root, name)).st_size
            except OSError:
                pass
    return total


def by_year(rows, key):
    out = {}
    for r in rows:
        if r.get(key):
            y = "null" if r.get("year") is None else str(r["year"])
            out[y] = out.get(y, 0) + 1
    return out


def diff_counts(got, want, limit=6):
    keys = sorted(set(got) | set(want))
    bad = [(k, got.get(k, 0), want.get(k, 0)) for k in keys if got.get(k, 0) != want.get(k, 0)]
    return bad, ", ".join(f"{k}: {g} vs truth {w}" for k, g, w in bad[:limit]) + (
        f", ... ({len(bad)} years differ)" if len(bad) > limit else "")


# ------------------------------------------------------------------ one size


def bench_size(n, a, tools, workdir):
    log(f"\n== {n} documents ==")
    corpus = ensure_corpus(a.gen_path, n, a.seed, workdir, a.jobs)
    truth = load_truth(corpus)
    corpus_bytes = sum(r["bytes"] for r in truth)
    r = {"n": n, "corpus": str(corpus), "corpus_bytes": corpus_bytes, "files": len(truth)}
    ofs = tools["ofsearch"]
    index_dir = workdir / f"index-{n}"
    fts_db = workdir / f"fts5-{n}.db"

    log("  warming the page cache (reading the corpus once)")
    warm_cache(corpus)

    # --- ofsearch indexing, from scratch
    if index_dir.exists():
        shutil.rmtree(index_dir)
    cmd = [ofs, "--index", str(index_dir), "index", "--corpus", str(corpus), "--rebuild",
           "--quiet", "--json"]
    log(f"  ofsearch index: {shlex.join(cmd)}")
    m = run_measured(cmd)
    if m["code"] != 0:
        raise RuntimeError(f"ofsearch index failed (exit {m['code']}): {m['stderr'].strip()[-1500:]}")
    r["ofs_index"] = {k: m[k] for k in ("wall_s", "rss_kb")}
    r["ofs_index"]["summary"] = last_json(m["stdout"])
    r["ofs_index_bytes"] = dir_bytes(index_dir)
    log(f"    {m['wall_s']:.2f} s, peak RSS {mb_kb(m['rss_kb'])}, index {r['ofs_index_bytes'] / MB:.1f} MB")

    # --- ofsearch incremental run over the unchanged corpus
    cmd = [ofs, "--index", str(index_dir), "index", "--corpus", str(corpus), "--quiet", "--json"]
    m = run_measured(cmd)
    if m["code"] != 0:
        raise RuntimeError(f"ofsearch incremental index failed: {m['stderr'].strip()[-1500:]}")
    r["ofs_incr"] = {k: m[k] for k in ("wall_s", "rss_kb")}
    r["ofs_incr"]["summary"] = last_json(m["stdout"])
    log(f"  ofsearch incremental (unchanged): {m['wall_s']:.2f} s")

    # --- FTS5 peer indexing
    if tools["fts5"]:
        cmd = [sys.executable, str(PEER), "index", str(fts_db), str(corpus), str(corpus / "truth.jsonl")]
        log(f"  FTS5 index: {shlex.join(cmd)}")
        m = run_measured(cmd)
        if m["code"] != 0:
            raise RuntimeError(f"FTS5 peer failed: {m['stderr'].strip()[-1500:]}")
        r["fts_index"] = {k: m[k] for k in ("wall_s", "rss_kb")}
        r["fts_index"]["summary"] = last_json(m["stdout"])
        r["fts_db_bytes"] = dir_bytes(fts_db)
        log(f"    {m['wall_s']:.2f} s, peak RSS {mb_kb(m['rss_kb'])}, db {r['fts_db_bytes'] / MB:.1f} MB")

    # --- warm whole-process latency
    runs, warm = a.runs, a.warmup
    lat = r["lat"] = {}
    cmds = {
        "ofs_count": [ofs, "--index", str(index_dir), PHRASE, "--count"],
        "ofs_facet": [ofs, "--index", str(index_dir), PHRASE, "--facet", "year", "--json"],
    }
    if tools["fts5"]:
        cmds["fts_count"] = [sys.executable, str(PEER), "query", str(fts_db), FTS_MATCH]
        cmds["fts_facet"] = [sys.executable, str(PEER), "query", str(fts_db), FTS_MATCH, "--facet", "year"]
        cmds["py_start"] = [sys.executable, "-c", "pass"]
    if tools["rg"]:
        rg = [tools["rg"], "--no-config", "-i", "-F", "--glob", "!truth.jsonl"]
        cmds["rg_l"] = rg + ["-l", PHRASE, str(corpus)]
        cmds["rg_c"] = rg + ["-c", PHRASE, str(corpus)]
    for key, cmd in cmds.items():
        log(f"  latency {key}: {shlex.join(cmd)}")
        lat[key] = latency(cmd, runs, warm)
        lat[key]["cmd"] = shlex.join(cmd)
        log(f"    median {lat[key]['median_ms']:.2f} ms")

    # --- in-process latency
    inp = r["inproc"] = {}
    if tools["bench_query"]:
        for key, extra in (("ofs_count", []), ("ofs_facet", ["--facet", "year"])):
            cmd = [ofs, "--index", str(index_dir), "bench-query", PHRASE, *extra,
                   "--runs", str(a.inproc_runs)]
            inp[key] = json.loads(check_call_quiet(cmd, "ofsearch bench-query").strip().splitlines()[-1])
            inp[key]["cmd"] = shlex.join(cmd)
    if tools["fts5"]:
        for key, extra in (("fts_count", []), ("fts_facet", ["--facet", "year"])):
            cmd = [sys.executable, str(PEER), "bench", str(fts_db), FTS_MATCH, *extra,
                   "--runs", str(a.inproc_runs)]
            inp[key] = json.loads(check_call_quiet(cmd, "FTS5 bench").strip().splitlines()[-1])
            inp[key]["cmd"] = shlex.join(cmd)

    # Per-document years of the phrase hits (untimed), to explain facet differences.
    cmd = [ofs, "--index", str(index_dir), PHRASE, "--json", "--snippets", "0",
           "--limit", str(len(truth) + 1)]
    hits = []
    for line in check_call_quiet(cmd, "ofsearch hit listing").splitlines():
        obj = json.loads(line)
        if obj.get("type") == "hit":
            hits.append({k: obj.get(k) for k in ("path", "kind", "date", "year", "inspection_end")})
    r["ofs_hits"] = hits
    r["corpus_dir"] = str(corpus)
    r["checks"] = correctness(r, truth, tools)
    r.pop("ofs_hits", None)
    return r


def verdict_year_differences(r, truth, facet, bad, text, verdict):
    """The facet differs from truth.jsonl's years. ILACS reports do not print their
    publication date (truth's `date`): ofsearch leaves `date` null and counts them in the
    year their inspection ended. Differences from exactly those documents are explained;
    any other is a failure."""
    by_path = {t["path"]: t for t in truth}
    root = r["corpus_dir"].rstrip("/") + "/"
    hits = r.get("ofs_hits") or []
    own = {}
    explained, unexplained = [], []
    for h in hits:
        y = "null" if h["year"] is None else str(h["year"])
        own[y] = own.get(y, 0) + 1
        rel = h["path"].split(root, 1)[-1]
        t = by_path.get(rel)
        if t is None or t.get("year") == h["year"]:
            continue
        ok = (h["date"] is None and h["kind"] == "ilacs" and h.get("inspection_end")
              and str(h["year"]) == h["inspection_end"][:4])
        (explained if ok else unexplained).append((rel, t.get("date"), h.get("inspection_end")))
    consistent = own == facet
    verdict(consistent and not unexplained,
            f"`--facet year --json`: {len(bad)} of {len(facet)} years differ from truth.jsonl "
            f"({text}); every difference is one of {len(explained)} ILACS reports, which do not "
            "print their publication date (truth's year), counted in the year their inspection "
            "ended (the text's own date)"
            + ("" if not unexplained else
               f"; **{len(unexplained)} other documents differ**, e.g. {unexplained[:3]}")
            + ("" if consistent else "; **the facet does not agree with the hits' own years**"))


def last_json(text):
    for line in reversed(text.strip().splitlines()):
        try:
            return json.loads(line)
        except ValueError:
            continue
    return None


def correctness(r, truth, tools):
    """ofsearch must agree with the truth (PASS/FAIL); the peers are compared with what
    they are expected to find (informational)."""
    c = {"ofsearch": [], "peers": [], "ok": True}
    want = sum(1 for t in truth if t["chronic_neglect"])
    want_years = by_year(truth, "chronic_neglect")

    def verdict(ok, text):
        c["ofsearch"].append(("PASS" if ok else "FAIL", text))
        c["ok"] &= ok

    summary = r["ofs_index"]["summary"] or {}
    docs = summary.get("docs")
    skipped = summary.get("skipped") or []
    text = f"`index`: {docs} documents indexed from {len(truth)} files"
    if skipped:
        text += f"; {len(skipped)} skipped, e.g. " + "; ".join(
            f"{s.get('path')}: {s.get('reason')}" for s in skipped[:3])
    verdict(docs == len(truth), text)

    inc = r["ofs_incr"]["summary"] or {}
    changed = {k: inc.get(k) for k in ("added", "updated", "removed")}
    verdict(all(v == 0 for v in changed.values()),
            f"incremental run over the unchanged corpus: " + ", ".join(f"{k} {v}" for k, v in changed.items())
            + f", unchanged {inc.get('unchanged')}")

    out = r["lat"]["ofs_count"]["stdout"].strip()
    m = re.search(r"\d+", out)
    got = int(m.group()) if m else None
    r["ofs_count_value"] = got
    verdict(got == want, f'`"{PHRASE}" --count`: {got}, truth (`chronic_neglect`): {want}'
            + ("" if got == want or got is None else f" ({got - want:+d})"))

    facet, total = None, None
    for line in r["lat"]["ofs_facet"]["stdout"].splitlines():
        try:
            obj = json.loads(line)
        except ValueError:
            continue
        if obj.get("type") == "facet" and obj.get("field") == "year":
            facet = {str(x["value"]): x["count"] for x in obj.get("counts", [])}
        elif obj.get("type") == "summary":
            total = obj.get("total_hits")
    if facet is None:
        verdict(False, "`--facet year --json`: no year facet line in the output")
    else:
        bad, text = diff_counts(facet, want_years)
        if not bad:
            verdict(True, f"`--facet year --json`: {len(facet)} years, all equal to the truth")
        else:
            verdict_year_differences(r, truth, facet, bad, text, verdict)
    verdict(total == want, f"`--json` summary total_hits: {total}, truth {want}")
    if "ofs_facet" in r["inproc"]:
        t = r["inproc"]["ofs_facet"].get("total_hits")
        verdict(t == want, f"`bench-query` total_hits: {t}, truth {want}")

    if tools["fts5"]:
        in_file = sum(1 for t in truth if t["chronic_neglect_in_file"])
        got = json.loads(r["lat"]["fts_count"]["stdout"])["total_hits"]
        r["fts_count_value"] = got
        c["peers"].append(
            f"FTS5 phrase count: {got}; truth `chronic_neglect_in_file` (phrase anywhere in the "
            f"visible text, site chrome included): {in_file}; body-only truth: {want} — "
            + ("as expected" if got == in_file else "differs from the expectation"))
        fac = {x["value"]: x["count"] for x in json.loads(r["lat"]["fts_facet"]["stdout"])["counts"]}
        bad, text = diff_counts(fac, by_year(truth, "chronic_neglect_in_file"))
        c["peers"].append("FTS5 year facet (years from truth.jsonl) vs truth over `chronic_neglect_in_file`: "
                          + ("equal" if not bad else f"{len(bad)} years differ: {text}"))
    if tools["rg"]:
        files = len([x for x in r["lat"]["rg_l"]["stdout"].splitlines() if x.strip()])
        lines = 0
        for x in r["lat"]["rg_c"]["stdout"].splitlines():
            if x.strip():
                lines += int(x.rsplit(":", 1)[1])
        r["rg_files"], r["rg_lines"] = files, lines
        want_files = sum(1 for t in truth if t["chronic_neglect_lines"])
        want_lines = sum(t["chronic_neglect_lines"] for t in truth)
        c["peers"].append(
            f"rg -l: {files} files; truth files with `chronic_neglect_lines` > 0: {want_files} "
            f"(a phrase wrapped over two lines is missed, chrome is counted; body-only truth {want}) — "
            + ("as expected" if files == want_files else "differs from the expectation"))
        c["peers"].append(f"rg -c: {lines} lines; truth sum of `chronic_neglect_lines`: {want_lines} — "
                          + ("as expected" if lines == want_lines else "differs from the expectation"))
    return c


# ------------------------------------------------------------------ report


def mb_kb(kb):
    return "n/a" if kb is None else f"{kb / 1024:.0f} MB"


def fnum(x, digits=2):
    if x is None:
        return "n/a"
    if abs(x) >= 100:
        return f"{x:.0f}"
    if abs(x) >= 10:
        return f"{x:.1f}"
    return f"{x:.{digits}f}"


def ratio(a, b):
    if a is None or b is None or b == 0:
        return "—"
    return f"{a / b:.2f}×"


def a_no_rg(tools):
    return tools.get("no_rg", False)


def mark(ok):
    return "✓" if ok else "✗"


def get(d, *keys):
    for k in keys:
        if d is None:
            return None
        d = d.get(k) if isinstance(d, dict) else None
    return d


def size_label(n):
    if n % 1000000 == 0:
        return f"{n // 1000000}M"
    if n % 1000 == 0:
        return f"{n // 1000}k"
    return str(n)


def size_section(r, tools):
    n = r["n"]
    L = []
    cmb = r["corpus_bytes"] / MB
    L.append(f"## {size_label(n)} documents ({n} files, {cmb:.1f} MB)\n")
    L.append(f"Corpus: `{r['corpus']}`. Ratio column: ofsearch / peer, **< 1 means ofsearch is "
             f"faster or smaller**.\n")
    L.append("| measure | ofsearch | SQLite FTS5 | ripgrep | ofsearch/FTS5 | ofsearch/rg |")
    L.append("|---|---:|---:|---:|---:|---:|")
    oi, fi = r["ofs_index"], r.get("fts_index")
    o_wall, f_wall = oi["wall_s"], get(fi, "wall_s")
    L.append(f"| index build, wall (s) | {fnum(o_wall)} | {fnum(f_wall)} | — (no index) | {ratio(o_wall, f_wall)} | — |")
    o_mbs = cmb / o_wall if o_wall else None
    f_mbs = cmb / f_wall if f_wall else None
    L.append(f"| input throughput (MB/s) | {fnum(o_mbs, 1)} | {fnum(f_mbs, 1)} | — | — | — |")
    o_rss, f_rss = oi["rss_kb"], get(fi, "rss_kb")
    L.append(f"| peak RSS while indexing (MB) | {fnum(o_rss / 1024 if o_rss else None, 0)} | "
             f"{fnum(f_rss / 1024 if f_rss else None, 0)} | — | {ratio(o_rss, f_rss)} | — |")
    o_sz, f_sz = r["ofs_index_bytes"], r.get("fts_db_bytes")
    L.append(f"| index size on disk (MB) | {fnum(o_sz / MB, 1)} ({100 * o_sz / r['corpus_bytes']:.0f} % of corpus) | "
             + (f"{fnum(f_sz / MB, 1)} ({100 * f_sz / r['corpus_bytes']:.0f} %)" if f_sz else "n/a")
             + f" | — | {ratio(o_sz, f_sz)} | — |")
    L.append(f"| incremental run, unchanged corpus (s) | {fnum(r['ofs_incr']['wall_s'])} | — | — | — | — |")
    lat, inp = r["lat"], r["inproc"]

    def lm(k):
        return get(lat, k, "median_ms")

    rg_skip = "skipped (--no-rg)" if a_no_rg(tools) else "skipped (rg not installed)"
    rg_l = f"{fnum(lm('rg_l'))} (`-l`)" if "rg_l" in lat else rg_skip
    rg_f = f"{fnum(lm('rg_l'))} (`-l`, no facet)" if "rg_l" in lat else rg_skip
    L.append(f"| `\"{PHRASE}\"` count, warm whole process (ms) | {fnum(lm('ofs_count'))} | {fnum(lm('fts_count'))} | "
             f"{rg_l} | {ratio(lm('ofs_count'), lm('fts_count'))} | {ratio(lm('ofs_count'), lm('rg_l'))} |")
    L.append(f"| phrase + year facet, warm whole process (ms) | {fnum(lm('ofs_facet'))} | {fnum(lm('fts_facet'))} | "
             f"{rg_f} | {ratio(lm('ofs_facet'), lm('fts_facet'))} | "
             f"{ratio(lm('ofs_facet'), lm('rg_l'))} |")
    if "rg_c" in lat:
        L.append(f"| `rg -c` (lines per file), whole process (ms) | — | — | {fnum(lm('rg_c'))} | — | "
                 f"{ratio(lm('ofs_count'), lm('rg_c'))} (count) |")
    if "py_start" in lat:
        L.append(f"| Python start-up alone, `python3 -c pass` (ms) | — | {fnum(lm('py_start'))} | — | — | — |")

    def im(k):
        return get(inp, k, "median_ms")

    na = "n/a (bench-query not available)"
    o_c = fnum(im("ofs_count"), 3) if "ofs_count" in inp else na
    o_f = fnum(im("ofs_facet"), 3) if "ofs_facet" in inp else na
    L.append(f"| phrase count, in-process (ms) | {o_c} | {fnum(im('fts_count'), 3)} | — | "
             f"{ratio(im('ofs_count'), im('fts_count'))} | — |")
    L.append(f"| phrase + year facet, in-process (ms) | {o_f} | {fnum(im('fts_facet'), 3)} | — | "
             f"{ratio(im('ofs_facet'), im('fts_facet'))} | — |")
    L.append("")

    # targets
    L.append(f"### Targets ({size_label(n)})\n")
    T = []
    if o_mbs is not None:
        T.append((o_mbs >= 40, f"indexing ≥ 40 MB/s: {o_mbs:.1f} MB/s"))
    if n == 10000:
        T.append((o_wall <= 4, f"10k index build ≤ 4 s: {o_wall:.2f} s"))
    if n == 100000:
        T.append((o_wall <= 40, f"100k index build ≤ 40 s: {o_wall:.2f} s"))
    if f_wall:
        T.append((f_wall / o_wall >= 3, f"indexing ≥ 3× faster than FTS5: {f_wall / o_wall:.2f}× "
                                        f"({o_wall:.2f} s vs {f_wall:.2f} s)"))
    if n == 100000 and o_rss:
        T.append((o_rss / 1024 < 700, f"peak RSS < 700 MB at 100k: {o_rss / 1024:.0f} MB"))
    fac = lm("ofs_facet")
    if n == 10000:
        T.append((fac <= 10, f"warm whole-process facet query ≤ 10 ms at 10k: {fac:.2f} ms"))
    if n == 100000:
        T.append((fac <= 30, f"warm whole-process facet query ≤ 30 ms at 100k: {fac:.2f} ms"))
    if lm("fts_facet") is not None:
        T.append((fac < lm("fts_facet"), f"facet query faster than FTS5, whole process vs whole process "
                                          f"(the FTS5 process includes Python start-up): {fac:.2f} ms vs "
                                          f"{lm('fts_facet'):.2f} ms"))
    if im("fts_facet") is not None:
        T.append((fac < im("fts_facet"), f"facet query faster than FTS5, strict: ofsearch whole process vs "
                                          f"FTS5 in-process: {fac:.2f} ms vs {im('fts_facet'):.3f} ms"))
    if lm("rg_l") is not None:
        T.append((lm("rg_l") / fac >= 10, f"facet query ≥ 10× faster than rg (`rg -l`, which cannot facet): "
                                          f"{lm('rg_l') / fac:.1f}× ({fac:.2f} ms vs {lm('rg_l'):.2f} ms)"))
    if n == 100000:
        w = r["ofs_incr"]["wall_s"]
        T.append((w <= 3, f"incremental run over the unchanged 100k corpus ≤ 3 s: {w:.2f} s"))
    for ok, text in T:
        L.append(f"- {mark(ok)} {text}")
    if n not in (10000, 100000):
        L.append("- (the absolute time, RSS and latency targets are set for 10k and 100k documents only)")
    L.append("")

    # correctness
    c = r["checks"]
    L.append(f"### Correctness ({size_label(n)}): {'PASS' if c['ok'] else 'FAIL'}\n")
    for v, text in c["ofsearch"]:
        L.append(f"- **{v}** ofsearch {text}")
    for text in c["peers"]:
        L.append(f"- peer: {text}")
    L.append("")
    return "\n".join(L)


def metrics(r):
    """The figures that growth and extrapolation look at."""
    m = {
        "ofsearch index build (s)": r["ofs_index"]["wall_s"],
        "ofsearch peak RSS while indexing (MB)": (r["ofs_index"]["rss_kb"] or 0) / 1024 or None,
        "ofsearch index on disk (MB)": r["ofs_index_bytes"] / MB,
        "ofsearch incremental, unchanged (s)": r["ofs_incr"]["wall_s"],
        "ofsearch facet query, whole process (ms)": get(r, "lat", "ofs_facet", "median_ms"),
        "ofsearch facet query, in-process (ms)": get(r, "inproc", "ofs_facet", "median_ms"),
    }
    if r.get("fts_index"):
        m["FTS5 index build (s)"] = r["fts_index"]["wall_s"]
        m["FTS5 peak RSS while indexing (MB)"] = (r["fts_index"]["rss_kb"] or 0) / 1024 or None
        m["FTS5 database on disk (MB)"] = r["fts_db_bytes"] / MB
        m["FTS5 facet query, in-process (ms)"] = get(r, "inproc", "fts_facet", "median_ms")
    if "rg_l" in r["lat"]:
        m["rg -l, whole process (ms)"] = r["lat"]["rg_l"]["median_ms"]
    m["corpus (MB)"] = r["corpus_bytes"] / MB
    return m


def growth_section(results):
    L = []
    by_n = {r["n"]: r for r in results}
    if 10000 in by_n and 100000 in by_n:
        small, big = by_n[10000], by_n[100000]
    elif len(results) >= 2:
        ordered = sorted(results, key=lambda r: r["n"])
        small, big = ordered[0], ordered[-1]
    else:
        small, big = None, results[0]
    target = 1000000
    if small is not None:
        n1, n2 = small["n"], big["n"]
        L.append(f"## Growth from {size_label(n1)} to {size_label(n2)} documents ({n2 / n1:.0f}× the documents)\n")
        L.append(f"Linear extrapolation to {size_label(target)} documents: the straight line through the "
                 f"{size_label(n1)} and {size_label(n2)} points (fixed cost + cost per document). RSS is "
                 f"bounded by the writer's memory budget rather than by the corpus, so its line is an upper "
                 f"bound; disk and time should be close to linear.\n")
        L.append(f"| figure | {size_label(n1)} | {size_label(n2)} | growth ({size_label(n2)}/{size_label(n1)}) | "
                 f"linear extrapolation to {size_label(target)} |")
        L.append("|---|---:|---:|---:|---:|")
        m1, m2 = metrics(small), metrics(big)
        for k in m2:
            v1, v2 = m1.get(k), m2.get(k)
            if v1 is None or v2 is None:
                continue
            slope = (v2 - v1) / (n2 - n1)
            ext = v2 + slope * (target - n2)
            if ext < v2:  # a fall with size is noise: do not extrapolate it downwards
                ext = v2
            L.append(f"| {k} | {fnum(v1)} | {fnum(v2)} | {v2 / v1:.2f}× | {fnum(ext)} |" if v1 else
                     f"| {k} | {fnum(v1)} | {fnum(v2)} | — | {fnum(ext)} |")
    else:
        n2 = big["n"]
        L.append(f"## Extrapolation to {size_label(target)} documents\n")
        L.append(f"Only one size was run ({size_label(n2)}): build times and disk are scaled in proportion "
                 f"(×{target / n2:.0f}), which overstates fixed costs. Peak RSS and query latency are not "
                 f"proportional to the corpus (memory budget, start-up): run two sizes (e.g. "
                 f"`--sizes 10000,100000`) for a line through both.\n")
        L.append(f"| figure | {size_label(n2)} | proportional to {size_label(target)} |")
        L.append("|---|---:|---:|")
        for k, v in metrics(big).items():
            if v is None:
                continue
            if "RSS" in k or "query" in k or k.startswith("rg "):
                L.append(f"| {k} | {fnum(v)} | — (needs two sizes) |")
            else:
                L.append(f"| {k} | {fnum(v)} | {fnum(v * target / n2)} |")
    L.append("")
    return "\n".join(L)


def report(results, tools, mach, a, command):
    L = ["# ofsearch benchmarks\n",
         "Generated by `benches/run.py` (see `benches/README.md`). Numbers are from one run on the "
         "machine below; re-run on yours before quoting them.\n",
         "## Machine and run\n",
         f"- nproc: {mach['nproc']}",
         f"- CPU: {mach['cpu']}",
         f"- RAM: {mach['ram']}",
         f"- OS: {mach['os']}",
         f"- date: {mach['date']}",
         f"- load average at start: {mach['load']}",
         f"- command: `{command}` (in `{os.getcwd()}`)",
         f"- ofsearch: `{tools['ofsearch']}` ({tools['ofsearch_version']})",
         f"- SQLite {sqlite3.sqlite_version} with FTS5 via Python {platform.python_version()}"
         + ("" if tools["fts5"] else " — **FTS5 not available: column skipped**"),
         "- ripgrep: " + (tools["rg_version"] if tools["rg"] else "**skipped (--no-rg)**" if tools["no_rg"]
                          else "**not installed: column skipped** (apt-get install ripgrep)"),
         f"- corpora: `gen_corpus.py` seed {a.seed} (`{a.gen_path}`)",
         "",
         "## Method\n",
         f"- Before indexing, every corpus file is read once so that all engines start from a warm page cache.",
         "- Index build: `ofsearch --index DIR index --corpus CORPUS --rebuild --quiet --json` into an empty "
         "directory; wall clock and the child's own peak RSS (`wait4` rusage). Then `index` again over the "
         "unchanged corpus (incremental). Index size: apparent size of every file under the index directory.",
         "- SQLite FTS5 peer (`benches/fts5_peer.py index`), run as a child process measured the same way: one "
         "FTS5 table (unicode61, no stemming) with path, body and year; HTML reduced with a crude regex tag "
         "stripper (script/style dropped), so site chrome is indexed too; journal off and synchronous off. "
         "**The peer's year comes from truth.jsonl, not from the text: this favours the peer.**",
         "- ripgrep: `rg -i -F -l` (files) and `rg -i -F -c` (lines per file) over the corpus (truth.jsonl "
         "excluded). ripgrep cannot facet by year: the facet row times the same `rg -l` command (a facet "
         "would need more work on top).",
         f"- Warm whole-process latency: each command run {a.warmup} times untimed, then the median of "
         f"{a.runs} runs, wall clock around `subprocess.run` (process start-up included). ofsearch's facet "
         "command is `ofsearch \"chronic neglect\" --facet year --json`, which also prints the top 10 hits "
         "with snippets; the FTS5 process (`fts5_peer.py query`) only counts and includes Python start-up "
         "(shown on its own row).",
         f"- In-process latency: median of {a.inproc_runs} runs inside one process: "
         "`ofsearch bench-query` (count and facets, no hits) and the same SQL inside Python's sqlite3 "
         "(`SELECT count(*) ... MATCH` / `SELECT year, count(*) ... GROUP BY year`).",
         "",
         ]
    for r in results:
        L.append(size_section(r, tools))
    L.append(growth_section(results))
    return "\n".join(L)


# ------------------------------------------------------------------ main


def build_ofsearch():
    cargo = shutil.which("cargo")
    if not cargo:
        raise RuntimeError("cargo not found: install Rust or pass --bin PATH")
    log(f"building: cargo build --release (in {REPO}"
        + (f", CARGO_TARGET_DIR={os.environ['CARGO_TARGET_DIR']}" if os.environ.get("CARGO_TARGET_DIR") else "")
        + ")")
    r = subprocess.run([cargo, "build", "--release"], cwd=REPO, stdout=sys.stderr)
    if r.returncode != 0:
        raise RuntimeError("cargo build --release failed")
    meta = json.loads(subprocess.run([cargo, "metadata", "--no-deps", "--format-version", "1"], cwd=REPO,
                                     stdout=subprocess.PIPE, check=True).stdout)
    exe = Path(meta["target_directory"]) / "release" / ("ofsearch.exe" if os.name == "nt" else "ofsearch")
    if not exe.is_file():
        raise RuntimeError(f"built, but {exe} does not exist")
    return str(exe)


def main():
    ap = argparse.ArgumentParser(
        description="Benchmark ofsearch against SQLite FTS5 and ripgrep on generated corpora.",
        formatter_class=argparse.ArgumentDefaultsHelpFormatter)
    ap.add_argument("--sizes", type=parse_sizes, default="10000,100000",
                    help="comma-separated corpus sizes in documents (10k, 1M accepted)")
    ap.add_argument("--workdir", default="/tmp/ofsearch-bench", help="corpora, indexes and databases go here")
    ap.add_argument("--gen", help=f"corpus generator (default: {DEFAULT_GEN} relative to the repository root)")
    ap.add_argument("--seed", type=int, default=1, help="generator seed")
    ap.add_argument("--jobs", type=int, help="generator worker processes (default: all cores)")
    ap.add_argument("--bin", help="ofsearch binary to measure (default: cargo build --release)")
    ap.add_argument("--out", default=str(REPO / "BENCHMARKS.md"), help="Markdown report to write")
    ap.add_argument("--runs", type=int, default=20, help="timed runs per whole-process latency")
    ap.add_argument("--warmup", type=int, default=3, help="untimed runs before each latency")
    ap.add_argument("--inproc-runs", type=int, default=200, help="runs per in-process latency")
    ap.add_argument("--no-rg", action="store_true", help="skip the ripgrep column")
    ap.add_argument("--strict", action="store_true", help="exit 1 when an ofsearch correctness check fails")
    a = ap.parse_args()
    if isinstance(a.sizes, str):
        a.sizes = parse_sizes(a.sizes)
    if a.runs < 1 or a.inproc_runs < 1 or a.warmup < 0:
        ap.error("--runs and --inproc-runs must be >= 1, --warmup >= 0")
    command = shlex.join(["python3", *sys.argv])

    # 1. the generator
    if a.gen:
        gen = Path(a.gen).expanduser().resolve()
        if not gen.is_file():
            print(f"{a.gen} not found: pass --gen the path of gen_corpus.py", file=sys.stderr)
            return 2
    else:
        gen = (REPO / DEFAULT_GEN).resolve()
        if not gen.is_file():
            print(f"{DEFAULT_GEN} not found: the benchmark needs the corpus generator; pass --gen")
            print("status: skipped")
            return 0
    a.gen_path = gen

    # 2. tools
    tools = {}
    if a.bin:
        exe = shutil.which(a.bin) or a.bin
        if not os.path.isfile(exe):
            print(f"run.py: --bin {a.bin}: no such file", file=sys.stderr)
            return 2
        tools["ofsearch"] = os.path.abspath(exe)
    else:
        tools["ofsearch"] = build_ofsearch()
    tools["ofsearch_version"] = version_of([tools["ofsearch"], "--version"])
    probe = subprocess.run([tools["ofsearch"], "bench-query", "--help"], stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)
    tools["bench_query"] = probe.returncode == 0
    if not tools["bench_query"]:
        log("ofsearch bench-query is not available: in-process ofsearch figures are n/a")
    tools["fts5"] = subprocess.run([sys.executable, str(PEER), "check"]).returncode == 0
    if not tools["fts5"]:
        log("this Python's SQLite has no FTS5: the FTS5 column is skipped")
    tools["no_rg"] = a.no_rg
    tools["rg"] = None if a.no_rg else shutil.which("rg")
    if tools["rg"]:
        tools["rg_version"] = version_of([tools["rg"], "--version"])
    elif not a.no_rg:
        log("rg (ripgrep) not found on PATH: the ripgrep column is skipped (apt-get install ripgrep)")

    mach = machine()
    workdir = Path(a.workdir).expanduser().resolve()
    workdir.mkdir(parents=True, exist_ok=True)
    log(f"ofsearch: {tools['ofsearch']} ({tools['ofsearch_version']}); workdir {workdir}")

    results = []
    for n in a.sizes:
        results.append(bench_size(n, a, tools, workdir))

    text = report(results, tools, mach, a, command)
    print(text)
    out = Path(a.out)
    out.write_text(text + "\n", encoding="utf-8")
    raw = workdir / "results.json"
    raw.write_text(json.dumps({"machine": mach, "command": command, "results": results},
                              indent=1, default=str), encoding="utf-8")
    ok = all(r["checks"]["ok"] for r in results)
    log(f"\nwrote {out} (raw figures: {raw})")
    print(f"status: {'ok' if ok else 'correctness FAIL'}")
    return 1 if (a.strict and not ok) else 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        sys.exit(130)
    except RuntimeError as e:
        print(f"run.py: error: {e}", file=sys.stderr)
        sys.exit(2)
