"""Correctness of one benchmark size: ofsearch against the generator's truth.jsonl
(PASS/FAIL), and each peer against what it is expected to find (informational)."""
import json
import re

from common import PHRASE

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

    c["peers"] = peer_checks(r, truth, tools)
    return c


def facet_of(stdout):
    """The year facet from JSON lines (a `{"type": "facet"}` line) or one JSON object."""
    for line in stdout.splitlines():
        try:
            obj = json.loads(line)
        except ValueError:
            continue
        if obj.get("counts") is not None and obj.get("type") in (None, "facet"):
            return {str(x["value"]): x["count"] for x in obj["counts"]}
    return None


def total_of(stdout):
    for line in reversed(stdout.strip().splitlines()):
        try:
            obj = json.loads(line)
        except ValueError:
            continue
        if isinstance(obj, int):
            return obj
        if isinstance(obj, dict) and "total_hits" in obj:
            return obj["total_hits"]
    return None


def peer_checks(r, truth, tools):
    """Each peer's count and facet against the truth it should reproduce."""
    out = []
    want = sum(1 for t in truth if t["chronic_neglect"])
    in_file = sum(1 for t in truth if t["chronic_neglect_in_file"])
    in_file_years = by_year(truth, "chronic_neglect_in_file")

    def expect(got, wanted):
        return "as expected" if got == wanted else "differs from the expectation"

    if tools.get("tantivy"):
        for key, what in (("tan_store_index", "with stored text"), ("tan_index", "without")):
            docs = (r[key]["summary"] or {}).get("docs")
            out.append(f"plain tantivy ({what}) indexed {docs} documents from {len(truth)} files — "
                       + expect(docs, len(truth)))
        counts = {key: total_of(r["lat"][key]["stdout"])
                  for key in ("tan_count", "tan_facet", "tan_facet_nostore")}
        r["tan_count_value"] = got = counts["tan_count"]
        out.append(
            f"plain tantivy phrase count: {got} (facet runs: {counts['tan_facet']} with stored text, "
            f"{counts['tan_facet_nostore']} without); truth `chronic_neglect_in_file`: {in_file}; "
            f"body-only truth: {want} — {expect(set(counts.values()), {in_file})}. The peer indexes "
            "each file raw, so it also counts the phrase in HTML chrome (like FTS5); it would differ "
            "from `chronic_neglect_in_file` only where a tag splits the phrase or it occurs in markup "
            "alone (an attribute, a script)")
        bad, text = diff_counts(facet_of(r["lat"]["tan_facet"]["stdout"]) or {}, in_file_years)
        out.append("plain tantivy year facet (years from truth.jsonl) vs truth over "
                   "`chronic_neglect_in_file`: " + ("equal" if not bad else f"{len(bad)} years differ: {text}"))
    if tools["fts5"]:
        got = json.loads(r["lat"]["fts_count"]["stdout"])["total_hits"]
        r["fts_count_value"] = got
        out.append(
            f"FTS5 phrase count: {got}; truth `chronic_neglect_in_file` (phrase anywhere in the "
            f"visible text, site chrome included): {in_file}; body-only truth: {want} — "
            + expect(got, in_file))
        bad, text = diff_counts(facet_of(r["lat"]["fts_facet"]["stdout"]) or {}, in_file_years)
        out.append("FTS5 year facet (years from truth.jsonl) vs truth over `chronic_neglect_in_file`: "
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
        out.append(
            f"rg -l: {files} files; truth files with `chronic_neglect_lines` > 0: {want_files} "
            f"(a phrase wrapped over two lines is missed, chrome is counted; body-only truth {want}) — "
            + expect(files, want_files))
        out.append(f"rg -c: {lines} lines; truth sum of `chronic_neglect_lines`: {want_lines} — "
                   + expect(lines, want_lines))
    return out
