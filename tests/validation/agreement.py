#!/usr/bin/env python3
"""agreement.py: how often rhea's proposed verdicts agree with a person's readings (issue 11).

The readings are tests/validation/P*.tsv (written before looking at rhea's output, README.md in
this folder). For each product with a reading, this runs `rhea evidence --product P --db DB
--format json` and compares the 15 verdict keys after normalising spellings ("none found" and
"none", "manual steps" and "manual", booleans and yes/no). It prints a table per product (with each
disagreement: the reading's value, then rhea's), a table per key, and the total.

usage: agreement.py BUILD_DIR DB [--readings DIR] [--format md|tsv] [--judgments FILE]

Exit status: 0 when every product ran, 1 when rhea failed on a product, 2 on bad arguments. The
figure is a measurement, not a test: disagreement does not fail the run.
"""
import argparse
import collections
import glob
import json
import os
import re
import subprocess
import sys

KEYS = ['model_source', 'multiple_models', 'pipeline', 'model_docs', 'data_docs', 'big_data',
        'cloud', 'software_tests', 'model_eval', 'data_validation', 'retraining', 'telemetry',
        'mlops', 'responsible_ai', 'trajectory']

# rhea's spellings (docs/evidence.md) against the readings' (tests/validation/README.md)
NORM = {'none found': 'none', 'manual steps': 'manual', 'data retrieval only': 'data-retrieval',
        'training in the gui': 'training-in-gui', 'run time': 'run-time',
        'model first': 'model-first', 'product first': 'product-first'}


def norm(v):
    if isinstance(v, bool):
        return 'yes' if v else 'no'
    if v is None:
        return 'none'
    v = str(v).strip().lower()
    return NORM.get(v, v)


def read_reading(path):
    out = {}
    with open(path, encoding='utf-8') as f:
        for line in f:
            if line.startswith('#') or line.startswith('key\t') or not line.strip():
                continue
            cells = line.rstrip('\n').split('\t')
            if len(cells) >= 2:
                out[cells[0]] = cells[1]
    return out


def product_order(path):
    m = re.match(r'P(\d+)\.tsv$', os.path.basename(path))
    return int(m.group(1)) if m else 1 << 30


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('build_dir', help='the CMake build directory holding the rhea executable')
    ap.add_argument('db', help='a study database holding the products (rhea study)')
    ap.add_argument('--readings', default=here, help='folder of P*.tsv readings (default: here)')
    ap.add_argument('--format', choices=['md', 'tsv'], default='md')
    ap.add_argument('--judgments', help='pass a judgments file to rhea evidence (off by default: '
                    'the figure measures rhea\'s own proposals)')
    a = ap.parse_args()
    rhea = os.path.join(a.build_dir, 'rhea')
    if not os.access(rhea, os.X_OK):
        sys.exit('agreement.py: %s is not an executable; build rhea first or name the build '
                 'directory that holds it' % rhea)
    if not os.path.isfile(a.db):
        sys.exit('agreement.py: %s does not exist; give the study database (rhea study ... --db '
                 'PATH)' % a.db)
    files = sorted(glob.glob(os.path.join(a.readings, 'P*.tsv')), key=product_order)
    if not files:
        sys.exit('agreement.py: no P*.tsv readings in %s; name the folder with --readings'
                 % a.readings)

    sep = '\t' if a.format == 'tsv' else ' | '
    pre, post = ('', '') if a.format == 'tsv' else ('| ', ' |')

    def row(*cells):
        print(pre + sep.join(str(c) for c in cells) + post)

    per_key = collections.Counter()
    per_key_ok = collections.Counter()
    per_key_diff = collections.defaultdict(list)
    total = agree = 0
    failed = False
    row('product', 'agree', 'disagreements (reading -> rhea)')
    if a.format == 'md':
        row('---', '---', '---')
    for path in files:
        p = os.path.basename(path)[:-4]
        reading = read_reading(path)
        cmd = [rhea, 'evidence', '--product', p, '--db', a.db, '--format', 'json']
        if a.judgments:
            cmd += ['--judgments', a.judgments]
        r = subprocess.run(cmd, capture_output=True, text=True)
        if r.returncode != 0:
            row(p, 'error', r.stderr.strip().splitlines()[-1] if r.stderr.strip() else 'failed')
            failed = True
            continue
        verdicts = json.loads(r.stdout)['verdicts']
        ok = 0
        diffs = []
        for k in KEYS:
            got, want = norm(verdicts.get(k)), norm(reading.get(k))
            per_key[k] += 1
            if got == want:
                ok += 1
                per_key_ok[k] += 1
            else:
                diffs.append('%s: %s -> %s' % (k, want, got))
                per_key_diff[k].append(p)
        total += len(KEYS)
        agree += ok
        row(p, '%d/%d' % (ok, len(KEYS)), '; '.join(diffs) or '-')
    print()
    row('key', 'agree', 'products that disagree')
    if a.format == 'md':
        row('---', '---', '---')
    for k in KEYS:
        row(k, '%d/%d' % (per_key_ok[k], per_key[k]), ' '.join(per_key_diff[k]) or '-')
    print()
    if total:
        print('TOTAL %d/%d = %.0f%%' % (agree, total, 100.0 * agree / total))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
