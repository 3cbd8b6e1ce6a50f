#!/usr/bin/env python3
"""Benchmark ofsearch against plain tantivy, SQLite FTS5 and ripgrep on generated corpora,
in one run.

    python3 benches/run.py [--sizes 10000,100000] [--workdir /tmp/ofsearch-bench]
                           [--gen PATH] [--bin PATH] [--peer-bin PATH] [--out BENCHMARKS.md]

For each size it generates (or reuses) a seeded corpus with ../shared/bench/gen_corpus.py,
then measures in the same run: ofsearch indexing (wall time, peak RSS, MB/s, index size,
incremental run), plain tantivy indexing the files raw (benches/tantivy_peer, with and
without stored text), the SQLite FTS5 peer (benches/fts5_peer.py) and ripgrep; warm
whole-process query latency (median of --runs runs after --warmup runs) and in-process
latency (`ofsearch bench-query`, `tantivy-peer bench`, FTS5 inside Python). It checks
ofsearch's phrase count and year facet against the generator's truth.jsonl, prints a
Markdown report (report.py) and writes it to --out (default BENCHMARKS.md at the
repository root).

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
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from checks import correctness
from common import FTS_MATCH, MB, PHRASE, log, mb_kb
from report import BUILDS, BYTES, report

BENCHES = Path(__file__).resolve().parent
REPO = BENCHES.parent
DEFAULT_GEN = "../shared/bench/gen_corpus.py"  # relative to the repository root
FTS_PEER = BENCHES / "fts5_peer.py"
TANTIVY_PEER = BENCHES / "tantivy_peer"  # a cargo package of its own


# ------------------------------------------------------------------ processes


def child_env(drop=()):
    env = dict(os.environ)
    for k in ("OFSEARCH_INDEX", "OFSEARCH_CORPUS", "RIPGREP_CONFIG_PATH", *drop):
        env.pop(k, None)
    env["NO_COLOR"] = "1"
    return env


def run_measured(cmd, cwd=None):
    """Run cmd once as a fresh child. Returns wall seconds, the child's own peak RSS (kB)
    and CPU time (user + system seconds, from wait4's per-child rusage; None if
    unavailable), exit code, stdout and stderr."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        if hasattr(os, "wait4"):
            t0 = time.perf_counter()
            p = subprocess.Popen(cmd, stdout=out, stderr=err, env=child_env(), cwd=cwd)
            _, status, ru = os.wait4(p.pid, 0)
            wall = time.perf_counter() - t0
            p.returncode = code = os.waitstatus_to_exitcode(status)
            rss = ru.ru_maxrss  # kB on Linux
            cpu = ru.ru_utime + ru.ru_stime
        elif os.path.exists("/usr/bin/time"):
            with tempfile.NamedTemporaryFile("r", suffix=".rss") as tf:
                t0 = time.perf_counter()
                code = subprocess.call(["/usr/bin/time", "-f", "%M %U %S", "-o", tf.name, *cmd],
                                       stdout=out, stderr=err, env=child_env(), cwd=cwd)
                wall = time.perf_counter() - t0
                nums = re.findall(r"(\d+) ([\d.]+) ([\d.]+)\s*$", tf.read())
                rss = int(nums[-1][0]) if nums else None
                cpu = float(nums[-1][1]) + float(nums[-1][2]) if nums else None
        else:
            t0 = time.perf_counter()
            code = subprocess.call(cmd, stdout=out, stderr=err, env=child_env(), cwd=cwd)
            wall = time.perf_counter() - t0
            rss = cpu = None
        out.seek(0)
        err.seek(0)
        return {"wall_s": wall, "rss_kb": rss, "cpu_s": cpu, "code": code,
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


# ------------------------------------------------------------------ one size


def bench_size(n, a, tools, workdir):
    log(f"\n== {n} documents ==")
    corpus = ensure_corpus(a.gen_path, n, a.seed, workdir, a.jobs)
    truth = load_truth(corpus)
    corpus_bytes = sum(r["bytes"] for r in truth)
    r = {"n": n, "corpus": str(corpus), "corpus_bytes": corpus_bytes, "files": len(truth)}
    ofs = tools["ofsearch"]
    paths = {"ofs_index": workdir / f"index-{n}", "tan_store_index": workdir / f"tantivy-store-{n}",
             "tan_index": workdir / f"tantivy-{n}", "fts_index": workdir / f"fts5-{n}.db"}

    log("  warming the page cache (reading the corpus once)")
    warm_cache(corpus)

    # --- index builds from scratch, every engine in turn
    builds = build_commands(tools, corpus, paths, a)
    r.update(measure_builds(builds, paths, a.build_runs))
    for key in builds:
        r[BYTES[key]] = dir_bytes(paths[key])
        log(f"  {key}: median {r[key]['wall_s']:.2f} s, peak RSS {mb_kb(r[key]['rss_kb'])}, "
            f"on disk {r[BYTES[key]] / MB:.1f} MB")

    # --- ofsearch incremental run over the unchanged corpus
    index_dir = paths["ofs_index"]
    cmd = [ofs, "--index", str(index_dir), "index", "--corpus", str(corpus), "--quiet", "--json"]
    m = run_measured(cmd)
    if m["code"] != 0:
        raise RuntimeError(f"ofsearch incremental index failed: {m['stderr'].strip()[-1500:]}")
    r["ofs_incr"] = {k: m[k] for k in ("wall_s", "rss_kb")}
    r["ofs_incr"]["summary"] = last_json(m["stdout"])
    log(f"  ofsearch incremental (unchanged): {m['wall_s']:.2f} s")

    # --- warm whole-process latency
    lat = r["lat"] = {}
    for key, cmd in query_commands(tools, corpus, paths).items():
        log(f"  latency {key}: {shlex.join(cmd)}")
        lat[key] = latency(cmd, a.runs, a.warmup)
        lat[key]["cmd"] = shlex.join(cmd)
        log(f"    median {lat[key]['median_ms']:.2f} ms")

    # --- in-process latency
    inp = r["inproc"] = {}
    for key, (cmd, what) in inproc_commands(tools, paths, a.inproc_runs).items():
        inp[key] = json.loads(check_call_quiet(cmd, what).strip().splitlines()[-1])
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


def build_commands(tools, corpus, paths, a):
    """The index build of each engine available, by result key (report.BUILDS order)."""
    truth = str(corpus / "truth.jsonl")
    cmds = {"ofs_index": [tools["ofsearch"], "--index", str(paths["ofs_index"]), "index", "--corpus",
                          str(corpus), "--rebuild", "--quiet", "--json"]}
    if tools["tantivy"]:
        peer = [tools["tantivy"], "index", str(corpus), "--truth", truth,
                "--threads", str(a.writer_threads), "--memory-mb", str(a.writer_mb)]
        cmds["tan_store_index"] = peer[:3] + [str(paths["tan_store_index"])] + peer[3:] + ["--store"]
        cmds["tan_index"] = peer[:3] + [str(paths["tan_index"])] + peer[3:]
    if tools["fts5"]:
        cmds["fts_index"] = [sys.executable, str(FTS_PEER), "index", str(paths["fts_index"]), str(corpus), truth]
    return {k: cmds[k] for k in BUILDS if k in cmds}


def measure_builds(builds, paths, rounds):
    """Each build `rounds` times, the engines in turn within a round (so that a busy
    spell on the machine falls on all of them), each into an emptied target. Per engine:
    the median wall and CPU times, the highest peak RSS, and the summary it printed."""
    samples = {key: [] for key in builds}
    for i in range(rounds):
        for key, cmd in builds.items():
            remove(paths[key])
            log(f"  build {key}" + (f" (round {i + 1}/{rounds})" if rounds > 1 else "") + f": {shlex.join(cmd)}")
            m = run_measured(cmd)
            if m["code"] != 0:
                raise RuntimeError(f"{key} build failed (exit {m['code']}): {m['stderr'].strip()[-1500:]}")
            log(f"    {m['wall_s']:.2f} s, CPU {m['cpu_s'] or 0:.2f} s, peak RSS {mb_kb(m['rss_kb'])}")
            samples[key].append(m)
    out = {}
    for key, ms in samples.items():
        walls = [m["wall_s"] for m in ms]
        rss = [m["rss_kb"] for m in ms if m["rss_kb"] is not None]
        cpu = [m["cpu_s"] for m in ms if m["cpu_s"] is not None]
        out[key] = {"wall_s": statistics.median(walls), "walls_s": walls, "runs": len(ms),
                    "cpu_s": statistics.median(cpu) if cpu else None,
                    "rss_kb": max(rss) if rss else None, "summary": last_json(ms[-1]["stdout"])}
    return out


def remove(path):
    if path.is_dir():
        shutil.rmtree(path)
    elif path.exists():
        path.unlink()


def query_commands(tools, corpus, paths):
    ofs, index_dir = tools["ofsearch"], str(paths["ofs_index"])
    cmds = {
        "ofs_count": [ofs, "--index", index_dir, PHRASE, "--count"],
        "ofs_facet": [ofs, "--index", index_dir, PHRASE, "--facet", "year", "--json"],
    }
    if tools["tantivy"]:
        peer, stored, plain = tools["tantivy"], str(paths["tan_store_index"]), str(paths["tan_index"])
        cmds["tan_count"] = [peer, "query", stored, PHRASE, "--count"]
        cmds["tan_facet"] = [peer, "query", stored, PHRASE, "--facet", "year"]
        cmds["tan_facet_nostore"] = [peer, "query", plain, PHRASE, "--facet", "year"]
    if tools["fts5"]:
        fts_db = str(paths["fts_index"])
        cmds["fts_count"] = [sys.executable, str(FTS_PEER), "query", fts_db, FTS_MATCH]
        cmds["fts_facet"] = [sys.executable, str(FTS_PEER), "query", fts_db, FTS_MATCH, "--facet", "year"]
        cmds["py_start"] = [sys.executable, "-c", "pass"]
    if tools["rg"]:
        rg = [tools["rg"], "--no-config", "-i", "-F", "--glob", "!truth.jsonl"]
        cmds["rg_l"] = rg + ["-l", PHRASE, str(corpus)]
        cmds["rg_c"] = rg + ["-c", PHRASE, str(corpus)]
    return cmds


def inproc_commands(tools, paths, runs):
    """In-process latency commands (each prints one JSON line with median_ms)."""
    cmds = {}
    facets = (("count", []), ("facet", ["--facet", "year"]))
    for name, extra in facets:
        if tools["bench_query"]:
            cmds[f"ofs_{name}"] = ([tools["ofsearch"], "--index", str(paths["ofs_index"]), "bench-query", PHRASE,
                                    *extra, "--runs", str(runs)], "ofsearch bench-query")
        if tools["tantivy"]:
            cmds[f"tan_{name}"] = ([tools["tantivy"], "bench", str(paths["tan_store_index"]), PHRASE, *extra,
                                    "--runs", str(runs)], "tantivy-peer bench")
        if tools["fts5"]:
            cmds[f"fts_{name}"] = ([sys.executable, str(FTS_PEER), "bench", str(paths["fts_index"]), FTS_MATCH,
                                    *extra, "--runs", str(runs)], "FTS5 bench")
    return cmds


def last_json(text):
    for line in reversed(text.strip().splitlines()):
        try:
            return json.loads(line)
        except ValueError:
            continue
    return None


# ------------------------------------------------------------------ main


def cargo_build(package_dir, binary):
    """`cargo build --release` of the package in package_dir (honours CARGO_TARGET_DIR);
    the path of the binary built."""
    cargo = shutil.which("cargo")
    if not cargo:
        raise RuntimeError("cargo not found")
    log(f"building: cargo build --release --locked (in {package_dir}"
        + (f", CARGO_TARGET_DIR={os.environ['CARGO_TARGET_DIR']}" if os.environ.get("CARGO_TARGET_DIR") else "")
        + ")")
    r = subprocess.run([cargo, "build", "--release", "--locked"], cwd=package_dir, stdout=sys.stderr)
    if r.returncode != 0:
        raise RuntimeError(f"cargo build --release failed in {package_dir}")
    meta = json.loads(subprocess.run([cargo, "metadata", "--no-deps", "--format-version", "1"], cwd=package_dir,
                                     stdout=subprocess.PIPE, check=True).stdout)
    exe = Path(meta["target_directory"]) / "release" / (binary + (".exe" if os.name == "nt" else ""))
    if not exe.is_file():
        raise RuntimeError(f"built, but {exe} does not exist")
    return str(exe)


def build_ofsearch():
    if not shutil.which("cargo"):
        raise RuntimeError("cargo not found: install Rust or pass --bin PATH")
    return cargo_build(REPO, "ofsearch")


def locked_version(package_dir, crate):
    """The version of `crate` in package_dir's Cargo.lock ("?" if not found)."""
    try:
        lock = (package_dir / "Cargo.lock").read_text(encoding="utf-8")
    except OSError:
        return "?"
    m = re.search(r'name = "' + re.escape(crate) + r'"\nversion = "([^"]+)"', lock)
    return m.group(1) if m else "?"


def writer_settings():
    """ofsearch's writer threads and memory budget (MB): its defaults (cores clamped to
    1..4, 256 MB) unless OFSEARCH_WRITER_THREADS / OFSEARCH_WRITER_MB set them."""
    def env_number(name):
        try:
            n = int(os.environ.get(name, "").strip())
        except ValueError:
            return None
        return n if n > 0 else None

    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 2)
    return env_number("OFSEARCH_WRITER_THREADS") or min(max(cores, 1), 4), env_number("OFSEARCH_WRITER_MB") or 256


def find_tools(a):
    """The engines to measure: ofsearch (built or --bin), plain tantivy (built or
    --peer-bin; skipped with --no-tantivy or without cargo), FTS5 and ripgrep when present."""
    tools = {}
    if a.bin:
        exe = shutil.which(a.bin) or a.bin
        if not os.path.isfile(exe):
            raise RuntimeError(f"--bin {a.bin}: no such file")
        tools["ofsearch"] = os.path.abspath(exe)
    else:
        tools["ofsearch"] = build_ofsearch()
    tools["ofsearch_version"] = version_of([tools["ofsearch"], "--version"])
    probe = subprocess.run([tools["ofsearch"], "bench-query", "--help"], stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)
    tools["bench_query"] = probe.returncode == 0
    if not tools["bench_query"]:
        log("ofsearch bench-query is not available: in-process ofsearch figures are n/a")
    tools["tantivy"] = None
    tools["tantivy_version"] = locked_version(TANTIVY_PEER, "tantivy")
    if a.peer_bin:
        if not os.path.isfile(a.peer_bin):
            raise RuntimeError(f"--peer-bin {a.peer_bin}: no such file")
        tools["tantivy"] = os.path.abspath(a.peer_bin)
    elif a.no_tantivy:
        tools["tantivy_why"] = "--no-tantivy"
    elif not shutil.which("cargo"):
        tools["tantivy_why"] = "cargo not found; pass --peer-bin"
        log("cargo not found: the plain tantivy column is skipped (pass --peer-bin PATH)")
    else:
        tools["tantivy"] = cargo_build(TANTIVY_PEER, "tantivy-peer")
    tools["fts5"] = subprocess.run([sys.executable, str(FTS_PEER), "check"]).returncode == 0
    if not tools["fts5"]:
        log("this Python's SQLite has no FTS5: the FTS5 column is skipped")
    tools["no_rg"] = a.no_rg
    tools["rg"] = None if a.no_rg else shutil.which("rg")
    if tools["rg"]:
        tools["rg_version"] = version_of([tools["rg"], "--version"])
    elif not a.no_rg:
        log("rg (ripgrep) not found on PATH: the ripgrep column is skipped (apt-get install ripgrep)")
    return tools


def kept_sections(out, text):
    """The sections of the existing report that this run does not write (the figures of
    the other benchmarks: hostile inputs, query forms, article extraction), kept as they
    were."""
    if not out.exists():
        return ""
    old = out.read_text(encoding="utf-8")
    written = {line for line in text.splitlines() if line.startswith("## ")}
    kept = []
    for part in old.split("\n## ")[1:]:
        heading = "## " + part.splitlines()[0]
        if heading not in written and not heading.startswith(("## 10", "## Growth")):
            kept.append("\n\n## " + part.rstrip("\n"))
    return "".join(kept)


def main():
    ap = argparse.ArgumentParser(
        description="Benchmark ofsearch against plain tantivy, SQLite FTS5 and ripgrep on generated corpora.",
        formatter_class=argparse.ArgumentDefaultsHelpFormatter)
    ap.add_argument("--sizes", type=parse_sizes, default="10000,100000",
                    help="comma-separated corpus sizes in documents (10k, 1M accepted)")
    ap.add_argument("--workdir", default="/tmp/ofsearch-bench", help="corpora, indexes and databases go here")
    ap.add_argument("--gen", help=f"corpus generator (default: {DEFAULT_GEN} relative to the repository root)")
    ap.add_argument("--seed", type=int, default=1, help="generator seed")
    ap.add_argument("--jobs", type=int, help="generator worker processes (default: all cores)")
    ap.add_argument("--bin", help="ofsearch binary to measure (default: cargo build --release)")
    ap.add_argument("--peer-bin", help="tantivy-peer binary to measure (default: cargo build --release "
                                       "of benches/tantivy_peer)")
    ap.add_argument("--no-tantivy", action="store_true", help="skip the plain tantivy columns")
    ap.add_argument("--build-runs", type=int, default=1,
                    help="rounds of index builds (all engines in turn); the report shows the median")
    ap.add_argument("--out", default=str(REPO / "BENCHMARKS.md"), help="Markdown report to write")
    ap.add_argument("--runs", type=int, default=20, help="timed runs per whole-process latency")
    ap.add_argument("--warmup", type=int, default=3, help="untimed runs before each latency")
    ap.add_argument("--inproc-runs", type=int, default=200, help="runs per in-process latency")
    ap.add_argument("--no-rg", action="store_true", help="skip the ripgrep column")
    ap.add_argument("--strict", action="store_true", help="exit 1 when an ofsearch correctness check fails")
    a = ap.parse_args()
    if isinstance(a.sizes, str):
        a.sizes = parse_sizes(a.sizes)
    if a.runs < 1 or a.inproc_runs < 1 or a.build_runs < 1 or a.warmup < 0:
        ap.error("--runs, --inproc-runs and --build-runs must be >= 1, --warmup >= 0")
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
    a.writer_threads, a.writer_mb = writer_settings()
    tools = find_tools(a)

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
    text += kept_sections(out, text)
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
