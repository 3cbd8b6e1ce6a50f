#!/usr/bin/env python3
"""Where the documents that use a word most end up in the ranking, before and
after a word's forms were scored as one term.

    python3 benches/stem_ranking.py --before OLD_BIN --after NEW_BIN \
        [--corpus ../shared/data/ofsted/texts] [--workdir /tmp/stem-ranking]

For each query word, the relevant documents are the 5 text files with the most
mentions of the word's forms per 1000 words (forms: words starting with the
stem shown, which for these words are the words sharing its English stem). Each
binary indexes the corpus into its own index; the table gives the rank of the
densest document, the mean rank of the 5 densest, and nDCG@10 with the density as
the gain. Python 3 standard library only; says so and exits 0 without a corpus.
"""
import argparse
import json
import math
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
QUERIES = [("neglect", "neglect"), ("exploitation", "exploit"), ("supervision", "supervis"),
           ("assessments", "assess"), ("safeguarding", "safeguard"), ("placements", "placement"),
           ("advocacy", "advoca"), ("missing", "missing")]


def density(path, prefix):
    text = open(path, encoding="utf-8", errors="replace").read().lower()
    words = re.findall(r"[a-z0-9]+", text)
    n = sum(1 for w in words if w.startswith(prefix))
    return 1000.0 * n / max(1, len(words)), n


def ranking(binary, index, word):
    p = subprocess.run([binary, "--index", index, "--json", "--limit", "1000", "--snippets", "0", word],
                       stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    paths = [json.loads(l)["path"] for l in p.stdout.splitlines() if '"type":"hit"' in l]
    return {os.path.basename(p): i + 1 for i, p in enumerate(paths)}


def ndcg(ranks, gains, k=10):
    dcg = sum(g / math.log2(ranks[f] + 1) for f, g in gains.items() if f in ranks and ranks[f] <= k)
    ideal = sum(g / math.log2(i + 2) for i, g in enumerate(sorted(gains.values(), reverse=True)[:k]))
    return dcg / ideal if ideal else 0.0


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--before", required=True)
    ap.add_argument("--after", required=True)
    ap.add_argument("--corpus", default=os.path.join(ROOT, "..", "shared", "data", "ofsted", "texts"))
    ap.add_argument("--workdir", default="/tmp/ofsearch-stem-ranking")
    a = ap.parse_args()
    if not os.path.isdir(a.corpus):
        print(f"stem_ranking: no corpus at {a.corpus} (give --corpus); skipped")
        return 0
    files = [os.path.join(a.corpus, f) for f in sorted(os.listdir(a.corpus)) if f.endswith(".txt")]
    indexes = {}
    for name, binary in (("before", a.before), ("after", a.after)):
        indexes[name] = os.path.join(a.workdir, name)
        subprocess.run([binary, "--index", indexes[name], "index", "--corpus", a.corpus, "--quiet"], check=True)
    print("| query | densest doc (mentions) | its rank before → after | mean rank of 5 densest before → after | nDCG@10 before → after |")
    print("|---|---|---|---|---|")
    for word, prefix in QUERIES:
        d = {os.path.basename(f): density(f, prefix) for f in files}
        top = sorted(d, key=lambda f: -d[f][0])[:5]
        gains = {f: d[f][0] for f in sorted(d, key=lambda f: -d[f][0])[:20]}
        r = {n: ranking(b, indexes[n], word) for n, b in (("before", a.before), ("after", a.after))}
        miss = 1001
        first = [r[n].get(top[0], miss) for n in ("before", "after")]
        mean = [sum(r[n].get(f, miss) for f in top) / len(top) for n in ("before", "after")]
        nd = [ndcg(r[n], gains) for n in ("before", "after")]
        print(f"| `{word}` | {top[0]} ({d[top[0]][1]}) | {first[0]} → {first[1]} | {mean[0]:.1f} → {mean[1]:.1f} | {nd[0]:.2f} → {nd[1]:.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
