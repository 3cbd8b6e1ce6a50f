#!/usr/bin/env python3
"""SQLite FTS5 peer for the ofsearch benchmark (Python 3.11 standard library only).

    fts5_peer.py index DB CORPUS TRUTH          build DB from the files under CORPUS
    fts5_peer.py query DB MATCH [--facet year]  one query, as a whole process
    fts5_peer.py bench DB MATCH [--facet year] [--runs N]
                                                the same query N times in-process (JSON)

The peer is deliberately plain: one FTS5 table (default unicode61 tokenizer, no
stemming) holding the path, the body and the year. HTML is reduced to text with a
crude regex stripper (script/style contents dropped, tags removed, entities decoded),
so site chrome ("Most read", job adverts) is indexed with the article. The year is
NOT extracted by the peer: it is taken from the generator's truth.jsonl, which favours
the peer (ofsearch has to find the date in the text itself).
"""
import argparse
import html
import json
import os
import re
import sqlite3
import sys
import time

EXTENSIONS = (".txt", ".md", ".markdown", ".html", ".htm")
DROP = re.compile(r"<(script|style)\b[^>]*>.*?</\1\s*>", re.I | re.S)
COMMENT = re.compile(r"<!--.*?-->", re.S)
TAG = re.compile(r"<[^>]+>")


def strip_html(text):
    text = DROP.sub(" ", text)
    text = COMMENT.sub(" ", text)
    text = TAG.sub(" ", text)
    return html.unescape(text)


def has_fts5():
    try:
        con = sqlite3.connect(":memory:")
        con.execute("CREATE VIRTUAL TABLE t USING fts5(a)")
        con.close()
        return True
    except sqlite3.OperationalError:
        return False


def years_from_truth(truth):
    years = {}
    with open(truth, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                row = json.loads(line)
                years[row["path"]] = row.get("year")
    return years


def walk(corpus):
    for root, dirs, files in os.walk(corpus):
        dirs.sort()
        for name in sorted(files):
            if name.lower().endswith(EXTENSIONS):
                full = os.path.join(root, name)
                yield full, os.path.relpath(full, corpus).replace(os.sep, "/")


def cmd_index(a):
    t0 = time.perf_counter()
    years = years_from_truth(a.truth)
    for suffix in ("", "-journal", "-wal", "-shm"):
        if os.path.exists(a.db + suffix):
            os.remove(a.db + suffix)
    con = sqlite3.connect(a.db)
    # No journal, no fsync: the fastest settings for a bulk load (favours the peer).
    con.execute("PRAGMA journal_mode=OFF")
    con.execute("PRAGMA synchronous=OFF")
    con.execute("CREATE VIRTUAL TABLE docs USING fts5(path UNINDEXED, body, year UNINDEXED)")

    stats = {"docs": 0, "bytes": 0}

    def rows():
        for full, rel in walk(a.corpus):
            with open(full, "rb") as fh:
                raw = fh.read()
            stats["docs"] += 1
            stats["bytes"] += len(raw)
            text = raw.decode("utf-8", errors="replace")
            if rel.lower().endswith((".html", ".htm")):
                text = strip_html(text)
            yield rel, text, years.get(rel)

    with con:
        con.executemany("INSERT INTO docs(path, body, year) VALUES (?, ?, ?)", rows())
    con.close()
    stats["seconds"] = round(time.perf_counter() - t0, 3)
    stats["db_bytes"] = os.path.getsize(a.db)
    print(json.dumps(stats))


def open_ro(db):
    return sqlite3.connect(f"file:{db}?mode=ro", uri=True)


def run_query(con, match, facet):
    if facet:
        rows = con.execute(
            "SELECT year, count(*) FROM docs WHERE docs MATCH ? GROUP BY year ORDER BY year",
            (match,),
        ).fetchall()
        return {"total_hits": sum(n for _, n in rows),
                "counts": [{"value": str(y), "count": n} for y, n in rows]}
    (n,) = con.execute("SELECT count(*) FROM docs WHERE docs MATCH ?", (match,)).fetchone()
    return {"total_hits": n}


def cmd_query(a):
    con = open_ro(a.db)
    print(json.dumps(run_query(con, a.match, a.facet == "year")))


def cmd_bench(a):
    import statistics

    con = open_ro(a.db)
    facet = a.facet == "year"
    run_query(con, a.match, facet)  # warm-up
    times = []
    result = None
    for _ in range(a.runs):
        t0 = time.perf_counter()
        result = run_query(con, a.match, facet)
        times.append((time.perf_counter() - t0) * 1000.0)
    times.sort()
    p90 = times[round((len(times) - 1) * 0.9)]
    print(json.dumps({"median_ms": statistics.median(times), "p90_ms": p90,
                      "runs": a.runs, "total_hits": result["total_hits"]}))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("index")
    p.add_argument("db")
    p.add_argument("corpus")
    p.add_argument("truth")
    for name in ("query", "bench"):
        p = sub.add_parser(name)
        p.add_argument("db")
        p.add_argument("match")
        p.add_argument("--facet", choices=["year"])
        if name == "bench":
            p.add_argument("--runs", type=int, default=200)
    sub.add_parser("check", help="exit 0 if this Python's SQLite has FTS5")
    a = ap.parse_args()
    if a.cmd == "check":
        sys.exit(0 if has_fts5() else 1)
    if a.cmd == "index" and not has_fts5():
        sys.exit("fts5_peer.py: this Python's SQLite is built without FTS5")
    {"index": cmd_index, "query": cmd_query, "bench": cmd_bench}[a.cmd](a)


if __name__ == "__main__":
    main()
