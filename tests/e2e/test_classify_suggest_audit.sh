#!/usr/bin/env bash
# rhea classify --suggest and --audit on a git repository built here with known answers
# (docs/rules.md, "Suggesting and auditing rules"):
#   ml/        model.py and ml/sub/infer.py import torch/tensorflow, train.py is a training script
#              importing torch; ml/old.py existed and was deleted: uniformly ML -> one rule `/ml/`,
#              changing 4 history paths (the 3 files and old.py)
#   app/       mixed: detect.py imports sklearn, main.py and util.py do not -> a file rule
#   vision/    two .js files importing @tensorflow/tfjs beside a .tflite model (excluded by the
#              defaults) -> `/vision/**/*.js`, so the model stays excluded
#   notebooks/explore.ipynb is ML by default already; requirements.txt and package.json declare
#   ML libraries (no rule); main.py at the root has no evidence.
source "$(dirname "$0")/lib.sh"
command -v git >/dev/null || exit 77
R=$WORK/repo
DB=$WORK/a.sqlite
export GIT_AUTHOR_NAME=Ann GIT_AUTHOR_EMAIL=ann@example.org GIT_COMMITTER_NAME=Ann \
  GIT_COMMITTER_EMAIL=ann@example.org GIT_AUTHOR_DATE=2021-01-01T00:00:00Z \
  GIT_COMMITTER_DATE=2021-01-01T00:00:00Z
git init -q "$R"
mkdir -p "$R/ml/sub" "$R/app" "$R/vision" "$R/notebooks"
printf 'import torch\n\nclass Net(torch.nn.Module):\n    pass\n' >"$R/ml/model.py"
printf 'import torch\nfrom ml.model import Net\n' >"$R/ml/train.py"
printf 'import tensorflow as tf\n' >"$R/ml/sub/infer.py"
printf 'import numpy\n' >"$R/ml/old.py"
printf 'from sklearn.linear_model import LogisticRegression\n' >"$R/app/detect.py"
printf 'print("hello")\n' >"$R/app/main.py"
printf 'def add(a, b):\n    return a + b\n' >"$R/app/util.py"
printf "import * as tf from '@tensorflow/tfjs';\n" >"$R/vision/classify.js"
printf "const tf = require('@tensorflow/tfjs');\n" >"$R/vision/load.js"
printf 'TFL3\0\1' >"$R/vision/weights.tflite"
printf '{"cells": [], "nbformat": 4}\n' >"$R/notebooks/explore.ipynb"
printf 'torch==2.0.0\n' >"$R/requirements.txt"
printf '{\n  "dependencies": {\n    "@tensorflow/tfjs": "^4.0.0"\n  }\n}\n' >"$R/package.json"
printf 'print("main")\n' >"$R/main.py"
git -C "$R" add -A && git -C "$R" commit -qm one
GIT_COMMITTER_DATE=2021-01-02T00:00:00Z GIT_AUTHOR_DATE=2021-01-02T00:00:00Z \
  git -C "$R" rm -q ml/old.py
GIT_COMMITTER_DATE=2021-01-02T00:00:00Z GIT_AUTHOR_DATE=2021-01-02T00:00:00Z \
  git -C "$R" commit -qm two
expect_exit 0 "$RHEA" analyze "$R" --product fx --db "$DB" -q

# the audit of the defaults: every file with evidence but the notebook is nonml
expect_exit 0 "$RHEA" classify --product fx --db "$DB" --audit --format csv
printf '%s\n' "$OUT" | tr -d '\r' >"$WORK/audit0.csv"
python3 - "$WORK/audit0.csv" <<'PY' || fail "audit of the defaults"
import csv, sys
rows = list(csv.reader(open(sys.argv[1])))
flag = [r for r in rows if r and r[0] in ("nonml-with-evidence", "ml-without-evidence") and len(r) == 5]
got = sorted((r[0], r[1], r[3]) for r in flag)
want = sorted(("nonml-with-evidence", p, "default:other") for p in
              ["app/detect.py", "ml/model.py", "ml/sub/infer.py", "ml/train.py",
               "vision/classify.js", "vision/load.js"])
assert got == want, got
counts = {r[0]: r[1] for r in rows if len(r) == 2 and r[0] != "kind"}
assert counts == {"nonml-with-evidence": "6", "ml-without-evidence": "0"}, counts
PY

# the suggestion: exactly three rules, in this order, with their change counts
expect_exit 0 "$RHEA" classify --product fx --db "$DB" --suggest --out "$WORK/draft.rules"
[ -z "$OUT" ] || fail "--suggest --out wrote to stdout"
grep -v '^#' "$WORK/draft.rules" | grep -v '^$' >"$WORK/rules.only"
printf 'ml /app/detect.py\nml /ml/\nml /vision/**/*.js\n' | diff - "$WORK/rules.only" >&2 ||
  fail "suggested rules differ"
grep -B1 -x 'ml /ml/' "$WORK/draft.rules" | head -1 | grep -q '^# why: folder of 3 code files.*; changes 4 paths$' ||
  fail "the folder rule's why: $(grep -B1 -x 'ml /ml/' "$WORK/draft.rules" | head -1)"
grep -B1 -x 'ml /app/detect.py' "$WORK/draft.rules" | head -1 |
  grep -q '^# why: scikit-learn.*line 1: from sklearn.*; changes 1 path$' || fail "the file rule's why"
grep -B1 -x 'ml /vision/\*\*/\*.js' "$WORK/draft.rules" | head -1 | grep -q 'changes 2 paths$' ||
  fail "the per-extension rule's count"
grep -q '^# 7 code files with ML evidence, 1 of them labeled ml already; 3 rules suggested, changing 7 paths' \
  "$WORK/draft.rules" || fail "summary line: $(sed -n 4p "$WORK/draft.rules")"
grep -q '^# declared, no rule .*: package.json: ' "$WORK/draft.rules" || fail "package.json declaration"
# the same text on stdout
expect_exit 0 "$RHEA" classify --product fx --db "$DB" --suggest
[ "$OUT" = "$(cat "$WORK/draft.rules")" ] || fail "stdout differs from --out"

# applied, the draft parses and the audit is clean; the labels are the intended ones
expect_exit 0 "$RHEA" classify --product fx --db "$DB" --rules "$WORK/draft.rules" --audit --format json
python3 -c '
import json, sys
d = json.loads(sys.argv[1])
s = json.dumps(d)
assert "nonml-with-evidence" in s and "app/" not in s and "ml/model.py" not in s, s
' "$OUT" || fail "audit of the draft not clean: $OUT"
expect_exit 0 "$RHEA" classify --product fx --db "$DB" --rules "$WORK/draft.rules" --format csv
printf '%s\n' "$OUT" | tr -d '\r' | tail -n +2 | cut -d, -f1,2 | LC_ALL=C sort >"$WORK/labels"
cat <<'W' | diff - "$WORK/labels" >&2 || fail "labels under the draft"
app/detect.py,ml
app/main.py,nonml
app/util.py,nonml
main.py,nonml
ml/model.py,ml
ml/old.py,ml
ml/sub/infer.py,ml
ml/train.py,ml
notebooks/explore.ipynb,ml
package.json,nonml
requirements.txt,exclude
vision/classify.js,ml
vision/load.js,ml
vision/weights.tflite,exclude
W

# a deliberately wrong rules file: app/ is ML, the rest defaults
printf '# wrong on purpose\nml app/\n' >"$WORK/wrong.rules"
expect_exit 0 "$RHEA" classify --product fx --db "$DB" --rules "$WORK/wrong.rules" --audit --format csv
printf '%s\n' "$OUT" | tr -d '\r' | python3 -c '
import csv, sys
for r in csv.reader(sys.stdin):
    if len(r) == 5 and r[0].endswith("-evidence"):
        print(",".join((r[0], r[1], r[3])))' | LC_ALL=C sort >"$WORK/wrong.got"
cat <<W | diff - "$WORK/wrong.got" >&2 || fail "audit of the wrong rules"
ml-without-evidence,app/main.py,$WORK/wrong.rules:2
ml-without-evidence,app/util.py,$WORK/wrong.rules:2
nonml-with-evidence,ml/model.py,default:other
nonml-with-evidence,ml/sub/infer.py,default:other
nonml-with-evidence,ml/train.py,default:other
nonml-with-evidence,vision/classify.js,default:other
nonml-with-evidence,vision/load.js,default:other
W
# text and markdown carry the counts
expect_exit 0 "$RHEA" classify --product fx --db "$DB" --rules "$WORK/wrong.rules" --audit --format md
expect_match "$OUT" '\| nonml-with-evidence \| +5 \|'
expect_match "$OUT" '\| ml-without-evidence \| +2 \|'

# with recorded rules the draft keeps them first: app/ is ML already, so no app rule; the audit of
# the draft then flags only what the recorded rules decided (app/main.py, app/util.py)
expect_exit 0 "$RHEA" analyze "$R" --product fx2 --db "$DB" --rules "$WORK/wrong.rules" -q
expect_exit 0 "$RHEA" classify --product fx2 --db "$DB" --suggest --out "$WORK/draft2.rules"
sed -n '5,6p' "$WORK/draft2.rules" | diff - "$WORK/wrong.rules" >&2 || fail "recorded rules not kept first"
grep -v '^#' "$WORK/draft2.rules" | grep -v '^$' | tr '\n' ' ' >"$WORK/rules2.only"
[ "$(cat "$WORK/rules2.only")" = 'ml app/ ml /ml/ ml /vision/**/*.js ' ] ||
  fail "draft over recorded rules: $(cat "$WORK/rules2.only")"
expect_exit 0 "$RHEA" classify --product fx2 --db "$DB" --rules "$WORK/draft2.rules" --audit --format csv
printf '%s\n' "$OUT" | tr -d '\r' | python3 -c '
import csv, sys
rows = [r for r in csv.reader(sys.stdin) if len(r) == 5 and r[0].endswith("-evidence")]
assert sorted((r[0], r[1]) for r in rows) == [("ml-without-evidence", "app/main.py"),
                                               ("ml-without-evidence", "app/util.py")], rows
assert all(r[3].endswith("draft2.rules:6") for r in rows), rows' || fail "audit of the draft over recorded rules"

# errors: one line, exit 2 for exclusive modes, 1 for an unwritable --out
expect_exit 2 "$RHEA" classify --product fx --db "$DB" --suggest --audit
one_line "$ERR"
expect_exit 1 "$RHEA" classify --product fx --db "$DB" --suggest --out "$WORK/no/such/dir/x.rules"
one_line "$ERR"
expect_match "$ERR" 'cannot write the suggested rules'
finish
