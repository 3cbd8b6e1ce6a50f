"""The Markdown report of a benchmark run (BENCHMARKS.md): machine and method, one
section per corpus size (figures, ratios, targets, correctness) and growth."""
import os
import platform
import sqlite3

from common import MB, PHRASE

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


# The engines whose builds are measured, their report columns and where their sizes are.
BUILDS = ("ofs_index", "tan_store_index", "tan_index", "fts_index")
BYTES = {"ofs_index": "ofs_index_bytes", "tan_store_index": "tan_store_bytes",
         "tan_index": "tan_bytes", "fts_index": "fts_db_bytes"}
COLUMNS = ("measure", "ofsearch", "plain tantivy, stored text", "plain tantivy, no store", "SQLite FTS5",
           "ripgrep", "ofsearch/tantivy (stored)", "ofsearch/FTS5", "ofsearch/rg")
# 70 % of plain tantivy's throughput is a build time at most 1/0.7 = 1.43× the peer's.
PEER_THROUGHPUT_TARGET = 70


def row(*cells):
    return "| " + " | ".join(cells) + " |"


def pct(a, b):
    """a as a percentage of b (throughputs: ofsearch's as a share of the peer's)."""
    if a is None or not b:
        return "—"
    return f"{100 * a / b:.0f} % of it"


def size_section(r, tools):
    n = r["n"]
    cmb = r["corpus_bytes"] / MB
    L = [f"## {size_label(n)} documents ({n} files, {cmb:.1f} MB)\n",
         f"Corpus: `{r['corpus']}`. Ratio columns: ofsearch / peer, **< 1 means ofsearch is faster or "
         "smaller**; for throughput, ofsearch's as a percentage of the peer's.\n"]
    L += figures_table(r, tools)
    L += ["", f"### Targets ({size_label(n)})\n"]
    L += [f"- {mark(ok)} {text}" for ok, text in targets(r)]
    if n not in (10000, 100000):
        L.append("- (the absolute time, RSS and latency targets are set for 10k and 100k documents only)")
    L.append("")
    c = r["checks"]
    L.append(f"### Correctness ({size_label(n)}): {'PASS' if c['ok'] else 'FAIL'}\n")
    L += [f"- **{v}** ofsearch {text}" for v, text in c["ofsearch"]]
    L += [f"- peer: {text}" for text in c["peers"]]
    L.append("")
    return "\n".join(L)


def figures_table(r, tools):
    cb = r["corpus_bytes"]
    o, ts, _, f = BUILDS
    wall = {k: get(r, k, "wall_s") for k in BUILDS}
    mbs = {k: cb / MB / w if w else None for k, w in wall.items()}
    rss = {k: (get(r, k, "rss_kb") or 0) / 1024 or None for k in BUILDS}
    cpu = {k: get(r, k, "cpu_s") for k in BUILDS}
    size = {k: r.get(BYTES[k]) for k in BUILDS}

    def sized(k):
        return "n/a" if not size[k] else f"{fnum(size[k] / MB, 1)} ({100 * size[k] / cb:.0f} % of corpus)"

    def builds_row(label, v, fmt, ratios=True, rg="—"):
        against = ratio if ratios else pct
        return row(label, *(fmt(v[k]) for k in BUILDS), rg, against(v[o], v[ts]), against(v[o], v[f]), "—")

    runs = get(r, "ofs_index", "runs") or 1
    L = [row(*COLUMNS), "|---|" + "---:|" * (len(COLUMNS) - 1),
         builds_row("index build, wall (s)" + (f", median of {runs}" if runs > 1 else ""), wall, fnum,
                    rg="— (no index)"),
         builds_row("input throughput (MB/s)", mbs, lambda x: fnum(x, 1), ratios=False),
         builds_row("CPU time while indexing, user + system (s)", cpu, fnum),
         builds_row("peak RSS while indexing (MB)", rss, lambda x: fnum(x, 0)),
         row("index size on disk (MB)", *(sized(k) for k in BUILDS), "—",
             ratio(size[o], size[ts]), ratio(size[o], size[f]), "—")]
    L.append(row("incremental run, unchanged corpus (s)", fnum(r["ofs_incr"]["wall_s"]), *["—"] * 7))
    L += latency_rows(r, tools)
    return L


def latency_rows(r, tools):
    lat, inp = r["lat"], r["inproc"]

    def lm(k):
        return get(lat, k, "median_ms")

    def im(k):
        return get(inp, k, "median_ms")

    rg_skip = "skipped (--no-rg)" if a_no_rg(tools) else "skipped (rg not installed)"
    rg_l = f"{fnum(lm('rg_l'))} (`-l`)" if "rg_l" in lat else rg_skip
    rg_f = f"{fnum(lm('rg_l'))} (`-l`, no facet)" if "rg_l" in lat else rg_skip
    L = [row(f'`"{PHRASE}"` count, warm whole process (ms)', fnum(lm("ofs_count")), fnum(lm("tan_count")), "—",
             fnum(lm("fts_count")), rg_l, ratio(lm("ofs_count"), lm("tan_count")),
             ratio(lm("ofs_count"), lm("fts_count")), ratio(lm("ofs_count"), lm("rg_l"))),
         row("phrase + year facet + top 10, warm whole process (ms)", fnum(lm("ofs_facet")),
             f"{fnum(lm('tan_facet'))} (with snippets)" if "tan_facet" in lat else "n/a",
             f"{fnum(lm('tan_facet_nostore'))} (paths only)" if "tan_facet_nostore" in lat else "n/a",
             f"{fnum(lm('fts_facet'))} (no hits)" if "fts_facet" in lat else "n/a", rg_f,
             ratio(lm("ofs_facet"), lm("tan_facet")), ratio(lm("ofs_facet"), lm("fts_facet")),
             ratio(lm("ofs_facet"), lm("rg_l")))]
    if "rg_c" in lat:
        L.append(row("`rg -c` (lines per file), whole process (ms)", *["—"] * 4, fnum(lm("rg_c")), "—", "—",
                     f"{ratio(lm('ofs_count'), lm('rg_c'))} (count)"))
    if "py_start" in lat:
        L.append(row("Python start-up alone, `python3 -c pass` (ms)", "—", "—", "—", fnum(lm("py_start")),
                     *["—"] * 4))
    na = "n/a (bench-query not available)"
    for label, o, t, f in (("phrase count, in-process (ms)", "ofs_count", "tan_count", "fts_count"),
                           ("phrase + year facet, in-process (ms)", "ofs_facet", "tan_facet", "fts_facet")):
        L.append(row(label, fnum(im(o), 3) if o in inp else na, fnum(im(t), 3), "—", fnum(im(f), 3), "—",
                     ratio(im(o), im(t)), ratio(im(o), im(f)), "—"))
    return L


def targets(r):
    """(met, text) for each target that applies at this size."""
    n, T = r["n"], []
    cmb = r["corpus_bytes"] / MB
    o_wall = r["ofs_index"]["wall_s"]
    o_mbs = cmb / o_wall if o_wall else None
    if o_mbs is not None:
        T.append((o_mbs >= 40, f"indexing ≥ 40 MB/s: {o_mbs:.1f} MB/s"))
    if n == 10000:
        T.append((o_wall <= 4, f"10k index build ≤ 4 s: {o_wall:.2f} s"))
    if n == 100000:
        T.append((o_wall <= 40, f"100k index build ≤ 40 s: {o_wall:.2f} s"))
    t_wall = get(r, "tan_store_index", "wall_s")
    if t_wall:
        share = 100 * t_wall / o_wall
        T.append((share >= PEER_THROUGHPUT_TARGET,
                  f"indexing ≥ {PEER_THROUGHPUT_TARGET} % of plain tantivy's throughput with stored text: "
                  f"{share:.0f} % (build {o_wall:.2f} s vs {t_wall:.2f} s, {o_wall / t_wall:.2f}× the peer's; "
                  f"the target is ≤ {100 / PEER_THROUGHPUT_TARGET:.2f}×)" + cpu_note(r)))
    f_wall = get(r, "fts_index", "wall_s")
    if f_wall:
        T.append((f_wall / o_wall >= 1.5, f"indexing ≥ 1.5× faster than FTS5: {f_wall / o_wall:.2f}× "
                                          f"({o_wall:.2f} s vs {f_wall:.2f} s)"))
    o_rss = r["ofs_index"]["rss_kb"]
    if n == 100000 and o_rss:
        T.append((o_rss / 1024 < 700, f"peak RSS < 700 MB at 100k: {o_rss / 1024:.0f} MB"))
    T += query_targets(r)
    if n == 100000:
        w = r["ofs_incr"]["wall_s"]
        T.append((w <= 3, f"incremental run over the unchanged 100k corpus ≤ 3 s: {w:.2f} s"))
    return T


def cpu_note(r):
    """CPU time is less disturbed than wall time by other work on the machine."""
    o, t = get(r, "ofs_index", "cpu_s"), get(r, "tan_store_index", "cpu_s")
    if not o or not t:
        return ""
    return f"; by CPU time {100 * t / o:.0f} % ({o:.2f} s vs {t:.2f} s)"


def query_targets(r):
    n, T = r["n"], []

    def lm(k):
        return get(r, "lat", k, "median_ms")

    def im(k):
        return get(r, "inproc", k, "median_ms")

    fac = lm("ofs_facet")
    if n == 10000:
        T.append((fac <= 10, f"warm whole-process facet query ≤ 10 ms at 10k: {fac:.2f} ms"))
    if n == 100000:
        T.append((fac <= 30, f"warm whole-process facet query ≤ 30 ms at 100k: {fac:.2f} ms"))
    if lm("tan_facet") is not None:
        t = lm("tan_facet")
        T.append((fac <= 1.3 * t, f"warm whole-process facet query within 1.3× of plain tantivy's (phrase, "
                                  f"count, year facet, top 10 with stored-text snippets): {fac:.2f} ms vs "
                                  f"{t:.2f} ms ({fac / t:.2f}×)"))
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
    return T


def metrics(r):
    """The figures that growth and extrapolation look at."""
    m = {
        "ofsearch index build (s)": r["ofs_index"]["wall_s"],
        "ofsearch CPU time while indexing (s)": r["ofs_index"].get("cpu_s"),
        "ofsearch peak RSS while indexing (MB)": (r["ofs_index"]["rss_kb"] or 0) / 1024 or None,
        "ofsearch index on disk (MB)": r["ofs_index_bytes"] / MB,
        "ofsearch incremental, unchanged (s)": r["ofs_incr"]["wall_s"],
        "ofsearch facet query, whole process (ms)": get(r, "lat", "ofs_facet", "median_ms"),
        "ofsearch facet query, in-process (ms)": get(r, "inproc", "ofs_facet", "median_ms"),
    }
    if r.get("tan_store_index"):
        m["plain tantivy (stored text) index build (s)"] = r["tan_store_index"]["wall_s"]
        m["plain tantivy (stored text) CPU time while indexing (s)"] = r["tan_store_index"].get("cpu_s")
        m["plain tantivy (stored text) peak RSS while indexing (MB)"] = \
            (r["tan_store_index"]["rss_kb"] or 0) / 1024 or None
        m["plain tantivy (stored text) index on disk (MB)"] = r["tan_store_bytes"] / MB
        m["plain tantivy (no store) index build (s)"] = r["tan_index"]["wall_s"]
        m["plain tantivy facet query, whole process (ms)"] = get(r, "lat", "tan_facet", "median_ms")
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
         "- plain tantivy: " + (f"`{tools['tantivy']}` (benches/tantivy_peer, tantivy {tools['tantivy_version']})"
                                if tools.get("tantivy") else "**skipped: column empty** (" + tools.get(
                                    "tantivy_why", "not built") + ")"),
         f"- SQLite {sqlite3.sqlite_version} with FTS5 via Python {platform.python_version()}"
         + ("" if tools["fts5"] else " — **FTS5 not available: column skipped**"),
         "- ripgrep: " + (tools["rg_version"] if tools["rg"] else "**skipped (--no-rg)**" if tools["no_rg"]
                          else "**not installed: column skipped** (apt-get install ripgrep)"),
         f"- corpora: `gen_corpus.py` seed {a.seed} (`{a.gen_path}`)",
         "",
         "## Method\n",
         "- Before indexing, every corpus file is read once so that all engines start from a warm page cache.",
         "- Index build: `ofsearch --index DIR index --corpus CORPUS --rebuild --quiet --json` into an empty "
         "directory; wall clock, and the child's own peak RSS and CPU time (user + system: `wait4` rusage; less disturbed than wall time when other work shares the machine). Then `index` again over the "
         "unchanged corpus (incremental). Index size: apparent size of every file under the index directory. "
         "The builds of all engines run one after the other, in turn"
         + (f", {a.build_runs} rounds; the table shows each engine's median wall time and its highest peak RSS."
            if a.build_runs > 1 else "; one build each (`--build-runs N` for the median of N rounds)."),
         "- Plain tantivy (`benches/tantivy_peer`, the same tantivy version as ofsearch), measured the same way, "
         "twice: with the text stored (`--store`, as ofsearch stores it, for snippets) and without. Each file is "
         "read raw (HTML markup and site chrome indexed as words, no metadata extraction, no content hash) into "
         "one document: one positional body field with ofsearch's analyzer (simple tokenizer, long tokens "
         "dropped, lower case, ASCII folding), a path id (STRING, fast, stored) and a `year` fast column "
         f"taken from truth.jsonl (favours the peer). Writer as ofsearch's: {a.writer_threads} writer "
         f"threads, {a.writer_mb} MB budget; files read on one rayon thread per core and added straight to "
         "the writer; one commit. Its query (`tantivy-peer query`) is the same phrase with count, year facet "
         "and top 10 by score, with up to 3 plain substring snippets per hit from the stored text (paths only "
         "without `--store`): the work `ofsearch ... --facet year --json` does, minus ofsearch's query "
         "language, record decoding and token-aware snippets.",
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
         "(shown on its own row). Plain tantivy's count is `tantivy-peer query INDEX \"chronic neglect\" "
         "--count` on the stored-text index.",
         f"- In-process latency: median of {a.inproc_runs} runs inside one process: "
         "`ofsearch bench-query` (count and facets, no hits), `tantivy-peer bench` (the same collectors) and the same SQL inside Python's sqlite3 "
         "(`SELECT count(*) ... MATCH` / `SELECT year, count(*) ... GROUP BY year`).",
         "",
         ]
    for r in results:
        L.append(size_section(r, tools))
    L.append(growth_section(results))
    return "\n".join(L)

