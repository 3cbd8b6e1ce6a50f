#!/usr/bin/env python3
"""PDF indexing: ofsearch indexing a folder of PDFs vs one poppler `pdftotext` process
per file, run one after the other (what a shell loop over the folder costs).

    python3 benches/pdf.py [--pdfs DIR] [--bin PATH] [--runs 3] [--out FILE]

The default folder is ../shared/data/ofsted/pdfs relative to the repository root (the
25 real Ofsted PDFs). Before timing, every PDF is read once (warm page cache). Each side
runs --runs times, alternately; the report gives the median wall time, the CPU time
(user + system, of the child processes) and ofsearch's peak RSS. ofsearch's run is a
full `index --rebuild` into an empty folder (extraction, metadata, indexing, commit);
pdftotext only writes text files. ofsearch uses every core, one pdftotext process uses
one: the CPU column shows the work each does.

Python 3.11 standard library only. When the folder or pdftotext is missing it says so
and exits 0 (status: skipped).
"""
import argparse
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import MB, log
from run import REPO, build_ofsearch, child_env, last_json, run_measured, version_of

DEFAULT_PDFS = "../shared/data/ofsted/pdfs"  # relative to the repository root
TARGET_SPEEDUP = 2.0  # ofsearch at least 2× faster than one pdftotext process


def children_cpu():
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime


def time_ofsearch(ofs, pdfs, index_dir):
    if index_dir.exists():
        shutil.rmtree(index_dir)
    cmd = [ofs, "--index", str(index_dir), "index", "--corpus", str(pdfs), "--rebuild", "--quiet", "--json"]
    cpu = children_cpu()
    m = run_measured(cmd)
    m["cpu_s"] = children_cpu() - cpu
    if m["code"] != 0:
        raise RuntimeError(f"ofsearch index failed (exit {m['code']}): {m['stderr'].strip()[-1500:]}")
    m["summary"] = last_json(m["stdout"]) or {}
    return m


def time_pdftotext(pdftotext, files, out_dir):
    """One pdftotext process per file, sequentially; wall and CPU of the whole loop."""
    env = child_env()
    cpu = children_cpu()
    t0 = time.perf_counter()
    failed = []
    for f in files:
        r = subprocess.run([pdftotext, "-q", str(f), str(out_dir / (f.stem + ".txt"))],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        if r.returncode != 0:
            failed.append(f.name)
    wall = time.perf_counter() - t0
    return {"wall_s": wall, "cpu_s": children_cpu() - cpu, "failed": failed}


def report(files, total_bytes, ofs_runs, pdt_runs, tools, command):
    ow = statistics.median(m["wall_s"] for m in ofs_runs)
    pw = statistics.median(m["wall_s"] for m in pdt_runs)
    oc = statistics.median(m["cpu_s"] for m in ofs_runs)
    pc = statistics.median(m["cpu_s"] for m in pdt_runs)
    rss = max((m["rss_kb"] or 0) for m in ofs_runs) or None
    summary = ofs_runs[-1]["summary"]
    speedup = pw / ow if ow else 0.0
    mb = total_bytes / MB
    L = [f"## PDF indexing: {len(files)} PDFs ({mb:.1f} MB)\n",
         f"- command: `{command}`; ofsearch `{tools['ofsearch']}` ({tools['ofsearch_version']}), "
         f"{tools['pdftotext_version']}",
         f"- median of {len(ofs_runs)} runs each, warm page cache, run alternately\n",
         "| measure | ofsearch `index --rebuild` | `pdftotext` per file, sequential | ofsearch/pdftotext |",
         "|---|---:|---:|---:|",
         f"| wall (s) | {ow:.2f} | {pw:.2f} | {ow / pw:.2f}× |",
         f"| input throughput (MB/s) | {mb / ow:.1f} | {mb / pw:.1f} | — |",
         f"| CPU, user + system (s) | {oc:.2f} | {pc:.2f} | {oc / pc:.2f}× |",
         f"| peak RSS (MB) | {rss / 1024:.0f} | — | — |" if rss else "| peak RSS (MB) | n/a | — | — |",
         "",
         f"- {'✓' if speedup >= TARGET_SPEEDUP else '✗'} ofsearch at least {TARGET_SPEEDUP:g}× faster than "
         f"one pdftotext process per file: {speedup:.2f}× ({ow:.2f} s vs {pw:.2f} s)",
         f"- ofsearch indexed {summary.get('docs')} of {len(files)} PDFs"
         + (f"; skipped: {[s.get('path') for s in summary.get('skipped', [])][:5]}" if summary.get("skipped")
            else "")
         + (f"; {len(summary.get('warnings', []))} with warnings" if summary.get("warnings") else ""),
         f"- pdftotext failed on: {pdt_runs[-1]['failed'] or 'none'}",
         ""]
    return "\n".join(L)


def main():
    ap = argparse.ArgumentParser(description="ofsearch indexing PDFs vs one pdftotext process per file.")
    ap.add_argument("--pdfs", help=f"folder of PDFs (default: {DEFAULT_PDFS} relative to the repository root)")
    ap.add_argument("--bin", help="ofsearch binary to measure (default: cargo build --release)")
    ap.add_argument("--runs", type=int, default=3, help="timed runs of each side")
    ap.add_argument("--out", help="also write the Markdown section to this file")
    a = ap.parse_args()
    if a.runs < 1:
        ap.error("--runs must be >= 1")
    command = " ".join(["python3", *sys.argv])
    pdfs = Path(a.pdfs).expanduser().resolve() if a.pdfs else (REPO / DEFAULT_PDFS).resolve()
    files = sorted(p for p in pdfs.glob("*") if p.suffix.lower() == ".pdf" and p.is_file()) \
        if pdfs.is_dir() else []
    if not files:
        print(f"{pdfs}: no such folder or no PDFs in it: the PDF benchmark is skipped (pass --pdfs DIR)")
        print("status: skipped")
        return 0
    pdftotext = shutil.which("pdftotext")
    if not pdftotext:
        print("pdftotext not found (apt-get install poppler-utils): the PDF benchmark is skipped")
        print("status: skipped")
        return 0
    if a.bin and not Path(a.bin).is_file():
        print(f"pdf.py: --bin {a.bin}: no such file", file=sys.stderr)
        return 2
    tools = {"ofsearch": str(Path(a.bin).resolve()) if a.bin else build_ofsearch()}
    tools["ofsearch_version"] = version_of([tools["ofsearch"], "--version"])
    tools["pdftotext_version"] = version_of([pdftotext, "-v"])

    total_bytes = 0
    for f in files:  # warm the page cache
        total_bytes += len(f.read_bytes())
    ofs_runs, pdt_runs = [], []
    with tempfile.TemporaryDirectory(prefix="ofsearch-pdf-bench-") as tmp:
        tmp = Path(tmp)
        (tmp / "text").mkdir()
        for i in range(a.runs):
            ofs_runs.append(time_ofsearch(tools["ofsearch"], pdfs, tmp / "index"))
            pdt_runs.append(time_pdftotext(pdftotext, files, tmp / "text"))
            log(f"  run {i + 1}/{a.runs}: ofsearch {ofs_runs[-1]['wall_s']:.2f} s, "
                f"pdftotext {pdt_runs[-1]['wall_s']:.2f} s")
    text = report(files, total_bytes, ofs_runs, pdt_runs, tools, command)
    print(text)
    if a.out:
        Path(a.out).write_text(text, encoding="utf-8")
    print("status: ok")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        sys.exit(130)
    except RuntimeError as e:
        print(f"pdf.py: error: {e}", file=sys.stderr)
        sys.exit(2)
