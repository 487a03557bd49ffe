#!/usr/bin/env python3
"""Check annotations.tsv of events development set 3 against the CoNLL-2003 text and the CAMEO code list.

Usage: python3 check.py [--data /work/shared/data] [--main /work/main]
"""
import argparse, os, sys
from collections import Counter

ap = argparse.ArgumentParser()
ap.add_argument('--data', default='../shared/data')
ap.add_argument('--main', default='.')
args = ap.parse_args()
here = os.path.dirname(os.path.abspath(__file__))

def load_docs(path):
    """Sentence counts per document: -DOCSTART- lines start documents, blank lines end sentences."""
    docs, n, in_sent = [], None, False
    for line in open(path, encoding='utf-8'):
        if line.startswith('-DOCSTART-'):
            if n is not None:
                docs.append(n + (1 if in_sent else 0))
            n, in_sent = 0, False
        elif line.strip():
            in_sent = True
        elif in_sent:
            n += 1; in_sent = False
    if n is not None:
        docs.append(n + (1 if in_sent else 0))
    return docs

codes = set()
for line in open(os.path.join(args.main, 'data/cameo/eventcodes.tsv'), encoding='utf-8'):
    f = line.rstrip('\n').split('\t')
    if f and f[0] != 'code':
        codes.add(f[0])

dev2 = set()
for line in open(os.path.join(args.main, 'corpus/events-dev2/annotations.tsv'), encoding='utf-8'):
    if line.startswith('#') or not line.strip():
        continue
    dev2.add(int(line.split('\t')[1]))

errors = []
rows, seen, cache = [], set(), {}
for i, line in enumerate(open(os.path.join(here, 'annotations.tsv'), encoding='utf-8'), 1):
    if line.startswith('#') or not line.strip():
        continue
    f = line.rstrip('\n').split('\t')
    if len(f) != 6:
        errors.append(f'line {i}: {len(f)} columns'); continue
    file, doc, sent, src, tgt, code = f
    if file != 'ner/conll2003/eng.train':
        errors.append(f'line {i}: file {file}')
    if file not in cache:
        cache[file] = load_docs(os.path.join(args.data, file))
    docs = cache[file]
    doc, sent = int(doc), int(sent)
    if not 0 <= doc < len(docs):
        errors.append(f'line {i}: no document {doc}')
    elif not 2 <= sent < docs[doc]:
        errors.append(f'line {i}: sentence {sent} not a body sentence of document {doc} ({docs[doc]} sentences)')
    if doc in dev2:
        errors.append(f'line {i}: document {doc} is in events-dev2')
    none = (src, tgt, code) == ('-', '-', '-')
    if not none:
        if '-' in (src, tgt, code):
            errors.append(f'line {i}: partial "-"')
        if code not in codes:
            errors.append(f'line {i}: code {code} not in eventcodes.tsv')
        if not src.isupper() or not tgt.isupper():
            errors.append(f'line {i}: actor codes {src} {tgt}')
    key = (file, doc, sent, src, tgt, code)
    if key in seen:
        errors.append(f'line {i}: duplicate row')
    seen.add(key)
    rows.append((doc, sent, none, code))

by_sent = {}
for doc, sent, none, code in rows:
    by_sent.setdefault((doc, sent), []).append(none)
for k, v in by_sent.items():
    if any(v) and not all(v):
        errors.append(f'document {k[0]} sentence {k[1]}: both "-" and events')
    if v.count(True) > 1:
        errors.append(f'document {k[0]} sentence {k[1]}: "-" row repeated')

events = [r for r in rows if not r[2]]
with_ev = {(r[0], r[1]) for r in events}
print(f'documents: {len({r[0] for r in rows})}')
print(f'sentences: {len(by_sent)} ({len(with_ev)} with events, {len(by_sent) - len(with_ev)} without)')
print(f'events: {len(events)}')
roots = Counter(r[3][:2] for r in events)
print('events per root: ' + ', '.join(f'{k}: {v}' for k, v in sorted(roots.items())))
if errors:
    print('\n'.join(errors)); sys.exit(1)
print('OK')
