#!/usr/bin/env bash
# rhea scan: the product and ML filters on fixture repositories with known answers (must-hit and
# near-miss), the ranking, unreadable repositories, the folder walk (symlinks not followed, no
# descent into a repository), --until, and a 4-shard scan through GNU Parallel equal to one scan.
source "$(dirname "$0")/lib.sh"
command -v python3 >/dev/null || { echo "SKIP: python3 missing"; exit 77; }
command -v parallel >/dev/null || { echo "SKIP: GNU parallel missing"; exit 77; }
cd "$WORK" || exit 1
export GIT_AUTHOR_NAME=T GIT_AUTHOR_EMAIL=t@example.com GIT_COMMITTER_NAME=T GIT_COMMITTER_EMAIL=t@example.com
export GIT_AUTHOR_DATE=2022-01-01T00:00:00Z GIT_COMMITTER_DATE=2022-01-01T00:00:00Z
# mkrepo DIR FILE=CONTENT...: a repository with one commit holding the files
mkrepo() {
  local dir=$1
  shift
  git init -q "$dir"
  for spec in "$@"; do
    local f=${spec%%=*} body=${spec#*=}
    mkdir -p "$dir/$(dirname "$f")"
    printf '%b\n' "$body" >"$dir/$f"
  done
  git -C "$dir" add -A
  git -C "$dir" commit -q -m init
}
R=$WORK/repos
mkdir -p "$R/group"
# an Android app running a TF Lite model: product and ML, mobile
mkrepo "$R/android-app" \
  'app/build.gradle=plugins {\n  id "com.android.application"\n}\ndependencies {\n  implementation "org.tensorflow:tensorflow-lite:2.9.0"\n}' \
  'app/src/main/AndroidManifest.xml=<manifest>\n<application>\n<activity android:name=".MainActivity"/>\n</application>\n</manifest>' \
  'app/src/main/java/a/MainActivity.java=package a;\nimport android.app.Activity;\nimport org.tensorflow.lite.Interpreter;\npublic class MainActivity extends Activity {}' \
  'app/src/main/assets/model.tflite=TFL3'
# a Flask web app with a scikit-learn model: product and ML, web
mkrepo "$R/group/flask-ml" \
  'app.py=from flask import Flask\nimport sklearn\napp = Flask(__name__)\n@app.route("/")\ndef index():\n    return "ok"' \
  'requirements.txt=flask\nscikit-learn'
# an ML library: ML, no user interface
mkrepo "$R/group/ml-lib" 'mllib/core.py=import torch\nimport numpy as np' 'setup.py=from setuptools import setup'
# a tutorial: everything under examples/ and docs/: neither filter
mkrepo "$R/tutorial" \
  'examples/web/app.py=from flask import Flask\nimport torch\napp = Flask(__name__)' \
  'docs/index.md=# How to use torch' \
  'README.md=A tutorial.'
# a notebook collection with widgets: not a product
mkrepo "$R/notebooks-book" \
  'ch1.ipynb={}' 'ch2.ipynb={}' 'ch3.ipynb={}' \
  'helpers.py=from ipywidgets import interact\nfrom sklearn.linear_model import LinearRegression'
# a plain web app, no ML: product only
mkrepo "$R/plain-web" 'server.py=from flask import Flask\napp = Flask(__name__)'
# a UI framework only declared, ML in code: ML, not a product
mkrepo "$R/declared-ui" 'requirements.txt=PyQt5\ntorch' 'train.py=import torch'
# near misses: the words in a comment and in prose are not imports
mkrepo "$R/near-miss" 'main.py=# we could import torch one day\nprint("tensorflow")' \
  'notes.txt=PyQt5 and torch are libraries.'
# keyword-only ML: a product whose README speaks of its predictions
mkrepo "$R/keyword-app" 'gui.py=import tkinter as tk\nroot = tk.Tk()' \
  'README.md=This app shows the predictions of a neural network.'
# unreadable: an empty repository and a gitfile pointing nowhere
git init -q "$R/empty-repo"
mkdir -p "$R/broken" && printf 'gitdir: /nonexistent/place\n' >"$R/broken/.git"
# not followed: a symlink to a repository outside; not descended: a repository inside a repository
mkrepo "$WORK/outside" 'x.py=import torch'
ln -s "$WORK/outside" "$R/link-to-outside"
mkrepo "$R/android-app/nested" 'y.py=import torch'

expect_exit 0 "$RHEA" scan "$R" --format json --evidence 50
printf '%s' "$OUT" >scan.json
python3 - scan.json "$R" <<'PY' || fail "scan verdicts"
import json, sys
d = json.load(open(sys.argv[1]))
root = sys.argv[2] + "/"
rows = {r["path"][len(root):]: r for r in d["repositories"]}
want = {  # name: (product, ml, genre)
    "android-app": (True, True, "mobile"), "group/flask-ml": (True, True, "web"),
    "group/ml-lib": (False, True, None), "tutorial": (False, False, None),
    "notebooks-book": (False, True, "web"), "plain-web": (True, False, "web"),
    "declared-ui": (False, True, None), "near-miss": (False, False, None),
    "keyword-app": (True, True, "desktop"),
}
assert set(rows) == set(want) | {"empty-repo", "broken"}, sorted(rows)
for name, (product, ml, genre) in want.items():
    r = rows[name]
    assert (r["product"], r["ml"], r["genre"]) == (product, ml, genre), (name, r["product"], r["ml"], r["genre"])
    assert r["error"] is None and len(r["head"]) == 40, name
assert rows["keyword-app"]["ml_basis"] == "keywords only" and rows["keyword-app"]["ml_hits"] == 0
assert rows["android-app"]["ml_by_kind"]["model_file"] == 1
assert rows["android-app"]["language"] == "Java" and rows["group/flask-ml"]["language"] == "Python"
assert rows["notebooks-book"]["language"] == "Jupyter Notebook"
assert all(not e["counted"] for e in rows["tutorial"]["evidence"]) and rows["tutorial"]["evidence"]
assert "no commits" in rows["empty-repo"]["error"] and "not a readable" in rows["broken"]["error"]
# ranking: survivors (product and ML) first, by priority, then the rest by priority
order = [r["path"][len(root):] for r in d["repositories"]]
surv = [n for n in order if rows[n]["product"] and rows[n]["ml"]]
assert order[:len(surv)] == surv and set(surv) == {"android-app", "group/flask-ml", "keyword-app"}
pr = [rows[n]["priority"] for n in surv]
assert pr == sorted(pr, reverse=True), pr
# keyword-app: two distinct UI entries (the tkinter import, the Tk root window) x 2, no ML entry,
# no model file, +1 for the keyword: 5
assert rows["keyword-app"]["priority"] == 2 * 2 + 1, rows["keyword-app"]["priority"]
s = {x["step"]: x for x in d["summary"]["steps"]}
assert d["summary"]["repositories"] == 11 and d["summary"]["unreadable"] == 2
assert s["scanned"]["count"] == 9 and s["ML filter"]["count"] == 6 and s["product filter"]["count"] == 3
assert s["product filter"]["by_genre"] == {"mobile": 1, "web": 1, "desktop": 1}, s["product filter"]
PY

# --until: the tree as it stood before a date (a later commit adds the model use)
GIT_COMMITTER_DATE=2023-06-01T00:00:00Z GIT_AUTHOR_DATE=2023-06-01T00:00:00Z \
  bash -c "printf 'import torch\n' >'$R/plain-web/model.py' && git -C '$R/plain-web' add -A && git -C '$R/plain-web' commit -q -m ml"
expect_exit 0 "$RHEA" scan "$R/plain-web" --format csv
expect_match "$OUT" "plain-web,[0-9a-f]{40},Python,web,yes,yes,"
expect_exit 0 "$RHEA" scan "$R/plain-web" --format csv --until 2023-01-01
expect_match "$OUT" "plain-web,[0-9a-f]{40},Python,web,yes,no,"
expect_exit 0 "$RHEA" scan "$R/plain-web" --format csv --until 2021-01-01
expect_match "$OUT" "no commit before the --until date"

# shards: every repository in exactly one of 4, and their CSV rows are one scan's rows
expect_exit 0 "$RHEA" scan "$R" --format csv
printf '%s\n' "$OUT" | tr -d '\r' | tail -n +2 | sort >single.rows
parallel -j 4 "$RHEA" scan "$R" --format csv --shard '{}/4' --out 'shard{}.csv' ::: 0 1 2 3 || fail "parallel scan"
for k in 0 1 2 3; do tr -d '\r' <"shard$k.csv" | tail -n +2; done | sort >merged.rows
diff single.rows merged.rows >&2 || fail "4 scan shards differ from one scan"
[ "$(wc -l <merged.rows)" = 11 ] || fail "the shards hold $(wc -l <merged.rows) rows, not 11"

# --out through a symlink writes its target and keeps the link, as the shell's > does
printf 'old\n' >target.json
ln -s target.json link.json
expect_exit 0 "$RHEA" scan "$R/plain-web" --format json --out link.json
[ -L link.json ] || fail "scan --out replaced the symlink by a file"
grep -q '"repositories"' target.json || fail "scan --out did not write the symlink's target"

# errors
expect_exit 1 "$RHEA" scan "$WORK/no-such-folder"
one_line "$ERR"
expect_match "$ERR" "no such folder"
expect_exit 2 "$RHEA" scan
expect_exit 2 "$RHEA" scan "$R" --shard 2/2
finish
