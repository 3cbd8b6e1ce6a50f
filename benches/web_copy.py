#!/usr/bin/env python3
"""Chrome removal and headlines on plain-text copies of web pages.

    python3 benches/web_copy.py [--devset DIR] [--bin PATH] [--verbose]

Reads a labelled development set kept OUTSIDE the repository (page text is
evaluation data and is never committed): DIR/text/NNN.txt, plain-text copies of
article pages with their site chrome, and DIR/labels.jsonl, one object per page:
{"id", "url", "title" (the headline, or null), "chrome": [line numbers],
"meta": [bylines and datelines, not scored], "body": [line numbers]}. The default
DIR is /work/devset. The pages are indexed into a scratch index, exported, and
compared with the labels:

  chrome removed   labelled chrome lines absent from the clean text (aligned)
  body lost        sentences of body lines not found in the clean text
  titles           extracted title == labelled headline (after normalisation)

Python 3.11 standard library only. When the set is missing it says so and exits 0
(status: skipped). Without --bin it uses target/release/ofsearch, else
target/debug/ofsearch.
"""
import argparse, difflib, json, os, re, subprocess, sys, tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
def norm(s):
    s = re.sub('[\u2018\u2019\u201a\u201b\u2032`]', "'", s)
    s = re.sub('[\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb]', '"', s)
    s = re.sub('[\u2010-\u2015\u2212]', '-', s).replace('\u2026', '...')
    s = re.sub('[\u00ad\u200b-\u200d\u2060\ufeff]', '', s)
    return ' '.join(s.split())

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--devset', default='/work/devset')
    ap.add_argument('--bin')
    ap.add_argument('--verbose', action='store_true')
    a = ap.parse_args()
    ROOT = a.devset
    if not (Path(ROOT) / 'labels.jsonl').is_file() or not (Path(ROOT) / 'text').is_dir():
        print(f'status: skipped (no labelled dev set at {ROOT}: needs labels.jsonl and text/)')
        return 0
    binary = a.bin
    if binary is None:
        for b in ('target/release/ofsearch', 'target/debug/ofsearch'):
            if (REPO / b).is_file():
                binary = str(REPO / b)
                break
    if binary is None:
        print('status: skipped (no ofsearch binary: build it or pass --bin)')
        return 0
    verbose = a.verbose
    idx = tempfile.mkdtemp(prefix='devset-idx-')
    subprocess.run([binary, '--index', idx, 'index', '--corpus', f'{ROOT}/text', '--rebuild', '--quiet'], check=True)
    exp = subprocess.run([binary, '--index', idx, 'export', '--ndjson'], check=True, capture_output=True, text=True).stdout
    docs = {}
    for line in exp.splitlines():
        d = json.loads(line)
        path = d.get('path') or d.get('file') or ''
        docs[os.path.basename(path).split('.')[0]] = d
    labels = [json.loads(l) for l in open(f'{ROOT}/labels.jsonl')]
    ch_tot = ch_rm = sent_tot = sent_lost = t_tot = t_ok = 0
    for lab in labels:
        d = docs.get(lab['id'])
        if d is None:
            print('missing doc', lab['id']); continue
        raw = open(f"{ROOT}/text/{lab['id']}.txt", encoding='utf-8').read().split('\n')
        text = d.get('text') or d.get('body') or ''
        out = [norm(l) for l in text.split('\n') if norm(l)]
        src = [(i, norm(l)) for i, l in enumerate(raw) if norm(l)]
        sm = difflib.SequenceMatcher(None, [s for _, s in src], out, autojunk=False)
        kept = set()
        for a, b, n in sm.get_matching_blocks():
            for k in range(n):
                kept.add(src[a + k][0])
        flat = ' '.join(out)
        for i in lab['chrome']:
            ch_tot += 1
            if i not in kept:
                ch_rm += 1
            elif verbose:
                print(f"  {lab['id']} chrome kept: {raw[i].strip()[:100]}")
        for i in lab['body']:
            for s in re.split(r'(?<=[.!?])\s+', norm(raw[i])):
                if len(s.split()) < 1:
                    continue
                sent_tot += 1
                if s not in flat:
                    sent_lost += 1
                    print(f"  {lab['id']} BODY LOST: {s[:110]}")
        if lab['title']:
            t_tot += 1
            got = norm(d.get('title') or '')
            if got == norm(lab['title']):
                t_ok += 1
            else:
                print(f"  {lab['id']} title: got {got[:90]!r} want {norm(lab['title'])[:90]!r}")
    print(f"pages {len(labels)}  chrome removed {ch_rm}/{ch_tot} = {100*ch_rm/max(ch_tot,1):.1f}%  "
          f"body sentences lost {sent_lost}/{sent_tot}  titles {t_ok}/{t_tot} = {100*t_ok/max(t_tot,1):.1f}%")

if __name__ == '__main__':
    sys.exit(main())
