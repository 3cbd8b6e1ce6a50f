#!/usr/bin/env python3
"""Hostile inputs (issue 14): what each costs ofsearch, in time and memory.

    python3 benches/hostile.py [--bin PATH] [--only pdf,search,serve] [--timeout 60]

- pdf: each hostile PDF of benches/hostile_files.py (a form that draws itself,
  a page tree that loops, a double-Flate bomb, pages sharing one large content
  stream) in a corpus with a readable PDF: wall time and peak RSS of the
  `index` run (the process and its PDF workers, sampled from /proc), its exit
  status, the reason given, whether the readable PDF was indexed, and the time
  of a second run (the file is quarantined). A run is stopped after --timeout s.
- search: an index holding a 60 MB document of 30M short lines (and 150 small
  ones): `ofsearch a --limit 5` and a 4 KB query of 2,000 one-letter words at
  --limit 100, wall time and peak RSS (median of 3).
- serve: `ofsearch serve` on the seed corpus: 2,000 mixed good and hostile
  requests over 16 keep-alive connections (errors, p50/p99 latency, server RSS);
  then 5,000 idle connections held open while good requests are timed; then
  slow-header connections, timed until the server closes them.

Everything is generated in a temporary folder; nothing reads ../shared.
Python 3.11 standard library only; Linux (/proc) for the RSS figures.
"""
import argparse
import http.client
import json
import os
import re
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import hostile_files  # noqa: E402
from run import REPO, build_ofsearch, child_env, version_of  # noqa: E402


def log(msg):
    print(msg, file=sys.stderr, flush=True)


# ------------------------------------------------------------ process tree RSS


def tree_pids(root):
    pids, todo = [], [root]
    while todo:
        pid = todo.pop()
        pids.append(pid)
        try:
            for task in os.listdir(f"/proc/{pid}/task"):
                with open(f"/proc/{pid}/task/{task}/children") as f:
                    todo.extend(int(c) for c in f.read().split())
        except OSError:
            pass
    return pids


def rss_kb(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            m = re.search(r"VmRSS:\s+(\d+)", f.read())
            return int(m.group(1)) if m else 0
    except OSError:
        return 0


def hwm_kb(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            m = re.search(r"VmHWM:\s+(\d+)", f.read())
            return int(m.group(1)) if m else 0
    except OSError:
        return 0


def run_sampled(cmd, timeout, cwd=None):
    """Run cmd; wall seconds, peak RSS (kB) of the process tree (sampled every
    10 ms, and each process's own high-water mark), exit code (None when it was
    killed at the timeout), stdout, stderr."""
    out, err = tempfile.TemporaryFile(), tempfile.TemporaryFile()
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=out, stderr=err, env=child_env(), cwd=cwd, start_new_session=True)
    peak, seen_hwm = 0, {}
    killed = False
    while p.poll() is None:
        pids = tree_pids(p.pid)
        peak = max(peak, sum(rss_kb(x) for x in pids))
        for x in pids:
            seen_hwm[x] = max(seen_hwm.get(x, 0), hwm_kb(x))
        if time.perf_counter() - t0 > timeout:
            os.killpg(p.pid, 9)
            killed = True
            p.wait()
            break
        time.sleep(0.01)
    wall = time.perf_counter() - t0
    peak = max([peak, *seen_hwm.values()])
    out.seek(0), err.seek(0)
    return {"wall_s": wall, "rss_kb": peak, "code": None if killed else p.returncode,
            "stdout": out.read().decode(errors="replace"), "stderr": err.read().decode(errors="replace")}


# ------------------------------------------------------------------ PDFs


def bench_pdfs(ofs, tmp, timeout):
    rows = []
    for name, make in hostile_files.PDFS.items():
        d = tmp / f"pdf-{name}"
        corpus = d / "corpus"
        corpus.mkdir(parents=True)
        data = make()
        (corpus / f"{name}.pdf").write_bytes(data)
        (corpus / "readable.pdf").write_bytes(hostile_files.normal())
        cmd = [ofs, "--index", str(d / "index"), "index", "--corpus", str(corpus), "--json", "--quiet",
               "--lock-wait", "1"]
        first = run_sampled(cmd, timeout)
        row = {"class": name, "bytes": len(data), "wall_s": first["wall_s"], "rss_mb": first["rss_kb"] / 1024,
               "code": first["code"]}
        try:
            summary = json.loads(first["stdout"].strip().splitlines()[-1])
        except (ValueError, IndexError):
            summary = None
        if summary:
            reasons = [s["reason"] for s in summary.get("skipped", []) if s["path"].endswith(f"{name}.pdf")]
            row["reason"] = reasons[0] if reasons else "(indexed)"
            row["rest_indexed"] = summary.get("docs") == 1 and bool(reasons)
        else:
            tail = first["stderr"].strip().splitlines()[-1:] or [""]
            row["reason"] = "killed at the timeout" if first["code"] is None else f"run failed: {tail[0][:100]}"
            row["rest_indexed"] = False
        second = run_sampled(cmd, timeout)
        row["second_s"] = second["wall_s"]
        row["second_code"] = second["code"]
        rows.append(row)
        log(f"  {name}: {row['wall_s']:.2f} s, {row['rss_mb']:.0f} MB, exit {row['code']}, {row['reason']}")
    return rows


def report_pdfs(rows, timeout):
    L = ["## Hostile PDFs: one `index` run over the file and a readable PDF\n",
         f"(a run is killed after {timeout:g} s; RSS is the peak of the process and its workers)\n",
         "| class | file | wall | peak RSS | exit | readable PDF indexed | second run | reason |",
         "|---|---:|---:|---:|---:|---|---:|---|"]
    for r in rows:
        code = "killed" if r["code"] is None else r["code"]
        second = "killed" if r["second_code"] is None else f"{r['second_s']:.2f} s"
        L.append(f"| {r['class']} | {r['bytes']} B | {r['wall_s']:.2f} s | {r['rss_mb']:.0f} MB | {code} | "
                 f"{'yes' if r['rest_indexed'] else 'no'} | {second} | {r['reason']} |")
    ok = all(r["code"] == 0 and r["rest_indexed"] and r["wall_s"] <= 2.0 and r["rss_mb"] <= 500 for r in rows)
    L.append(f"\n- {'✓' if ok else '✗'} every hostile PDF skipped within 2 s and 500 MB, the rest indexed")
    return "\n".join(L) + "\n"


# ------------------------------------------------------------------ search


def bench_search(ofs, tmp, timeout):
    d = tmp / "search"
    corpus = d / "corpus"
    corpus.mkdir(parents=True)
    letters = "abcdefghijklmnopqrstuvwxyz"
    # 30M short lines, 60 MB: one letter each.
    line_block = "".join(f"{c}\n" for c in letters) * 40_000  # 2.08 MB
    with open(corpus / "huge.txt", "w") as f:
        written = 0
        while written < 60_000_000:
            f.write(line_block)
            written += len(line_block)
    for i in range(150):
        (corpus / f"small{i:03}.txt").write_text(
            f"Note {i} on a visit.\n\n" + " ".join(letters) + f" are the letters, and {i} the number.\n")
    log("  indexing the 60 MB document ...")
    built = run_sampled([ofs, "--index", str(d / "index"), "index", "--corpus", str(corpus), "--quiet"],
                        max(timeout, 600))
    if built["code"] != 0:
        return {"error": f"index failed: {built['stderr'].strip()[-300:]}"}
    query_file = d / "query.txt"
    query_file.write_text(" ".join(letters[i % 26] for i in range(2000)))  # 4 KB, 2,000 words
    cases = {
        "`a --limit 5`": [ofs, "--index", str(d / "index"), "a", "--limit", "5", "--json"],
        "2,000 one-letter words, `--limit 100`": [ofs, "--index", str(d / "index"), "--query-file",
                                                  str(query_file), "--limit", "100", "--json"],
    }
    out = {"index_s": built["wall_s"], "index_rss_mb": built["rss_kb"] / 1024}
    for label, cmd in cases.items():
        runs = [run_sampled(cmd, timeout) for _ in range(3)]
        out[label] = {"wall_s": statistics.median(r["wall_s"] for r in runs),
                      "rss_mb": max(r["rss_kb"] for r in runs) / 1024,
                      "codes": sorted({r["code"] for r in runs}, key=str)}
        log(f"  {label}: {out[label]['wall_s'] * 1000:.0f} ms, {out[label]['rss_mb']:.0f} MB")
    return out


def report_search(res):
    if "error" in res:
        return f"## Search over a 60 MB document\n\n{res['error']}\n"
    L = ["## Search over an index holding a 60 MB document (30M lines) and 150 small ones\n",
         f"(indexing it: {res['index_s']:.1f} s, {res['index_rss_mb']:.0f} MB)\n",
         "| query | wall (median of 3) | peak RSS | exit |", "|---|---:|---:|---|"]
    ok = True
    for label, r in res.items():
        if not isinstance(r, dict):
            continue
        L.append(f"| {label} | {r['wall_s'] * 1000:.0f} ms | {r['rss_mb']:.0f} MB | {r['codes']} |")
        ok &= r["wall_s"] <= 0.1 and r["rss_mb"] <= 200
    L.append(f"\n- {'✓' if ok else '✗'} each search answers in ≤ 100 ms with ≤ 200 MB")
    built = res["index_s"] <= 2 and res["index_rss_mb"] <= 500
    L.append(f"- {'✓' if built else '✗'} the 60 MB document indexed within 2 s and 500 MB "
             f"(only its first 12 MB of text are read: the text limit)")
    return "\n".join(L) + "\n"


# ------------------------------------------------------------------ serve


def start_server(ofs, tmp):
    d = tmp / "serve"
    corpus = d / "corpus"
    shutil.copytree(REPO / "corpus", corpus)
    subprocess.run([ofs, "--index", str(d / "index"), "index", "--corpus", str(corpus), "--quiet"],
                   check=True, env=child_env())
    p = subprocess.Popen([ofs, "--index", str(d / "index"), "serve", "--port", "0"],
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=child_env(), text=True)
    line = p.stderr.readline()
    m = re.search(r"http://([\d.]+):(\d+)/", line)
    if not m:
        p.kill()
        raise RuntimeError(f"serve did not start: {line.strip()}")
    threading.Thread(target=lambda: p.stderr.read(), daemon=True).start()
    return p, m.group(1), int(m.group(2))


GOOD = ["/api/search?q=neglect", "/?q=chronic+neglect", "/api/search?q=%22care+leavers%22&facet=year",
        "/api/search?authority=Wakefield", "/latest", "/assets/style.css"]
HOSTILE = [
    ("/api/search?q=" + "a" * 8000, 413),
    ("/api/search?q=" + "(" * 200 + "a" + ")" * 200, 400),
    ("/api/search?q=neglect&year=notayear", 400),
    ("/api/search?q=%00%01", 400),
    ("/api/search?q=%ff%fe", 400),
    ("/api/doc?path=../../../../etc/passwd", 404),
    ("/doc?path=%2Fetc%2Fshadow", 404),
    ("/nowhere/" + "x" * 1000, 404),
    ("/api/search?q=" + urllib.parse.quote(" ".join("abcdefghijklmnopqrstuvwxyz"[i % 26] for i in range(2000))),
     200),
]


def load(host, port, total, conns):
    """`total` requests, good and hostile in turn, over `conns` keep-alive
    connections. A hostile request is answered with any 4xx (its expected status
    is not checked); an error is a failed request or a 5xx."""
    per = total // conns
    lat, errors, lock = [], [], threading.Lock()

    def worker(k):
        c = http.client.HTTPConnection(host, port, timeout=10)
        for i in range(per):
            n = k * per + i
            if n % 2:
                path, want = HOSTILE[(n // 2) % len(HOSTILE)]
            else:
                path, want = GOOD[(n // 2) % len(GOOD)], 200
            t0 = time.perf_counter()
            try:
                c.request("GET", path, headers={"Host": f"127.0.0.1:{port}"})
                r = c.getresponse()
                r.read()
                ok = r.status < 500 and (want >= 400) == (r.status >= 400)
                if r.getheader("connection", "").lower() == "close":
                    c.close()
                    c = http.client.HTTPConnection(host, port, timeout=10)
            except (OSError, http.client.HTTPException) as e:
                ok = False
                c.close()
                c = http.client.HTTPConnection(host, port, timeout=10)
                r = e
            dt = time.perf_counter() - t0
            with lock:
                lat.append(dt)
                if not ok:
                    errors.append(f"{path[:60]}: {getattr(r, 'status', r)}")
        c.close()

    threads = [threading.Thread(target=worker, args=(k,)) for k in range(conns)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - t0
    lat.sort()
    return {"requests": len(lat), "errors": errors, "wall_s": wall,
            "p50_ms": lat[len(lat) // 2] * 1000, "p99_ms": lat[int(len(lat) * 0.99) - 1] * 1000,
            "max_ms": lat[-1] * 1000}


def good_latencies(host, port, n=20):
    out = []
    for _ in range(n):
        t0 = time.perf_counter()
        try:
            c = http.client.HTTPConnection(host, port, timeout=5)
            c.request("GET", "/api/search?q=neglect", headers={"Host": f"127.0.0.1:{port}"})
            r = c.getresponse()
            r.read()
            c.close()
            out.append((time.perf_counter() - t0) * 1000 if r.status == 200 else None)
        except (OSError, http.client.HTTPException):
            out.append(None)
    return out


def bench_serve(ofs, tmp, idle_count, slow_count):
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    p, host, port = start_server(ofs, tmp)
    res = {}
    try:
        res["load"] = load(host, port, 2000, 16)
        res["load"]["rss_mb"] = rss_kb(p.pid) / 1024
        log(f"  load: {res['load']['requests']} requests, {len(res['load']['errors'])} errors, "
            f"p99 {res['load']['p99_ms']:.1f} ms")
        idle = []
        t0 = time.perf_counter()
        for _ in range(min(idle_count, hard - 200)):
            s = socket.socket()
            s.settimeout(5)
            try:
                s.connect((host, port))
            except OSError:
                s.close()
                break
            idle.append(s)
        res["idle_opened"] = len(idle)
        res["idle_open_s"] = time.perf_counter() - t0
        lats = good_latencies(host, port)
        res["idle_good_ms"] = lats
        res["idle_rss_mb"] = rss_kb(p.pid) / 1024
        log(f"  {len(idle)} idle connections: good requests {[round(x) if x else x for x in lats[:5]]} ms")
        # How long until the server closes the idle connections.
        t0 = time.perf_counter()
        closed_after = None
        probe = idle[: min(50, len(idle))]
        for s in probe:
            s.settimeout(max(0.1, 60 - (time.perf_counter() - t0)))
        try:
            for s in probe:
                s.recv(1)
            closed_after = time.perf_counter() - t0
        except OSError:
            pass
        res["idle_closed_after_s"] = closed_after
        for s in idle:
            s.close()
        # Slow headers: a byte every half second.
        slow = []
        for _ in range(slow_count):
            s = socket.create_connection((host, port))
            s.sendall(b"GET /api/search?q=neglect HTTP/1.1\r\nHost: 127.0.0.1\r\n")
            slow.append(s)
        t0 = time.perf_counter()
        alive = list(slow)
        while alive and time.perf_counter() - t0 < 60:
            still = []
            for s in alive:
                try:
                    s.sendall(b"X-a: b\r\n")
                    still.append(s)
                except OSError:
                    pass
            alive = still
            time.sleep(0.5)
        res["slow_closed_after_s"] = None if alive else time.perf_counter() - t0
        for s in slow:
            s.close()
        res["final_good_ms"] = good_latencies(host, port, 5)
        res["peak_rss_mb"] = hwm_kb(p.pid) / 1024
    finally:
        p.kill()
        p.wait()
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))
    return res


def report_serve(res, idle_count, slow_count):
    ld = res["load"]
    L = ["## serve under hostile load (seed corpus)\n",
         f"- 2,000 requests (half hostile: 8 KB query, deep nesting, bad year, control bytes, bad UTF-8, path "
         f"traversal, unknown paths, a 2,000-word query) on 16 keep-alive connections: {ld['requests']} answered, "
         f"{len(ld['errors'])} errors, {ld['wall_s']:.2f} s, p50 {ld['p50_ms']:.1f} ms, p99 {ld['p99_ms']:.1f} ms, "
         f"max {ld['max_ms']:.1f} ms, server RSS {ld['rss_mb']:.0f} MB"]
    if ld["errors"]:
        L.append(f"  - first errors: {ld['errors'][:5]}")
    good = [x for x in res["idle_good_ms"] if x is not None]
    L.append(f"- {res['idle_opened']} of {idle_count} idle connections opened ({res['idle_open_s']:.1f} s); "
             f"meanwhile {len(good)}/{len(res['idle_good_ms'])} good requests answered"
             + (f" (median {statistics.median(good):.1f} ms, max {max(good):.1f} ms)" if good else "")
             + f"; server RSS {res['idle_rss_mb']:.0f} MB; idle connections closed by the server after "
             + (f"{res['idle_closed_after_s']:.1f} s" if res["idle_closed_after_s"] is not None else "more than 60 s"))
    L.append(f"- {slow_count} slow-header connections (a header line every 0.5 s): closed after "
             + (f"{res['slow_closed_after_s']:.1f} s" if res["slow_closed_after_s"] is not None else "more than 60 s"))
    fin = [x for x in res["final_good_ms"] if x is not None]
    L.append(f"- afterwards: {len(fin)}/{len(res['final_good_ms'])} good requests answered; server peak RSS "
             f"{res['peak_rss_mb']:.0f} MB")
    ok = (not ld["errors"] and ld["p99_ms"] <= 250 and res["peak_rss_mb"] <= 200
          and len(good) == len(res["idle_good_ms"]))
    L.append(f"\n- {'✓' if ok else '✗'} 0 errors, p99 ≤ 250 ms, RSS ≤ 200 MB, answering with "
             f"{idle_count} idle connections open")
    return "\n".join(L) + "\n"


def main():
    ap = argparse.ArgumentParser(description="What hostile inputs cost ofsearch.")
    ap.add_argument("--bin", help="ofsearch binary (default: cargo build --release)")
    ap.add_argument("--only", default="pdf,search,serve", help="comma-separated: pdf, search, serve")
    ap.add_argument("--timeout", type=float, default=60, help="seconds before a run is killed")
    ap.add_argument("--idle", type=int, default=5000, help="idle connections to hold open")
    ap.add_argument("--slow", type=int, default=200, help="slow-header connections")
    a = ap.parse_args()
    parts = {p.strip() for p in a.only.split(",") if p.strip()}
    if not sys.platform.startswith("linux"):
        print("hostile.py reads /proc for memory figures: Linux only; skipped")
        print("status: skipped")
        return 0
    ofs = str(Path(a.bin).resolve()) if a.bin else build_ofsearch()
    print(f"# Hostile inputs: `{ofs}` ({version_of([ofs, '--version'])}), {os.cpu_count()} cores\n")
    with tempfile.TemporaryDirectory(prefix="ofsearch-hostile-") as tmp:
        tmp = Path(tmp)
        if "pdf" in parts:
            log("hostile PDFs ...")
            print(report_pdfs(bench_pdfs(ofs, tmp, a.timeout), a.timeout))
        if "search" in parts:
            log("search over a 60 MB document ...")
            print(report_search(bench_search(ofs, tmp, a.timeout)))
        if "serve" in parts:
            log("serve under load ...")
            print(report_serve(bench_serve(ofs, tmp, a.idle, a.slow), a.idle, a.slow))
    print("status: ok")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        sys.exit(130)
    except RuntimeError as e:
        print(f"hostile.py: error: {e}", file=sys.stderr)
        sys.exit(2)
