#!/usr/bin/env bash
# rhea evidence end to end on a model-first repository written with git (fixed dates): the JSON
# document's exact keys and types, dates against git's own, --at/--commit, --rq, every format,
# judgments overriding, usage and file errors; and rhea report --rq all with judgments.
#   2018-01-01  train.py: import tensorflow, model.fit       (first ML code)
#   2018-03-01  README.md: a sentence naming tensorflow, "## Ethics" heading
#   2019-01-15  gui.py: import tkinter                        (first UI code: +379 days)
# By hand: trajectory model-first, first_ml_date 2018-01-01, first_ui_date 2019-01-15, model
# source self-trained, pipeline manual steps, responsible_ai true, no TensorFlow hit in README.md.
source "$(dirname "$0")/lib.sh"
command -v git >/dev/null || { echo "SKIP: git not installed"; exit 77; }
R=$WORK/repo
DB=$WORK/r.sqlite
git init -q "$R"
commit() { # DATE MESSAGE
  (cd "$R" && git add -A && GIT_AUTHOR_DATE="$1T12:00:00Z" GIT_COMMITTER_DATE="$1T12:00:00Z" \
    git -c user.name=Ann -c user.email=ann@example.com commit -qm "$2")
}
printf 'import tensorflow as tf\nmodel.fit(x, y)\n' >"$R/train.py"
commit 2018-01-01 model
printf '# Tool\nWe use tensorflow.\n## Ethics\nBe kind.\n' >"$R/README.md"
commit 2018-03-01 readme
printf '# the window\nimport tkinter as tk\n' >"$R/gui.py"
commit 2019-01-15 gui
C1=$(git -C "$R" rev-list --max-parents=0 HEAD)
C2=$(git -C "$R" rev-parse HEAD~1)
C3=$(git -C "$R" rev-parse HEAD)
expect_exit 0 "$RHEA" analyze "$R" --product p --db "$DB" --quiet

expect_exit 0 "$RHEA" evidence --product p --db "$DB" --format json
printf '%s' "$OUT" >"$WORK/e.json"
python3 - "$WORK/e.json" "$C1" "$C3" <<'PY' || fail "evidence JSON"
import json, sys
d = json.load(open(sys.argv[1]))
c1, c3 = sys.argv[2], sys.argv[3]
required = {"product", "commit", "date", "signals", "verdicts", "missing_blobs"}
assert required <= set(d), set(d)
assert d["product"] == "p" and d["commit"] == c3 and d["date"] == "2019-01-15", d
assert d["missing_blobs"] == 0
v = d["verdicts"]
keys = ["model_source", "multiple_models", "pipeline", "model_docs", "data_docs", "big_data",
        "cloud", "trajectory", "first_ml_date", "first_ui_date", "software_tests", "model_eval",
        "data_validation", "retraining", "telemetry", "mlops", "responsible_ai"]
assert list(v) == keys, list(v)
for k in ["multiple_models", "model_docs", "data_docs", "big_data", "cloud", "software_tests",
          "model_eval", "data_validation", "telemetry", "mlops", "responsible_ai"]:
    assert isinstance(v[k], bool), (k, v[k])
assert v["trajectory"] == "model-first", v
assert (v["first_ml_date"], v["first_ui_date"]) == ("2018-01-01", "2019-01-15"), v
assert v["model_source"] == "self-trained" and v["pipeline"] == "manual steps", v
assert v["responsible_ai"] is True and v["telemetry"] is False, v
for s in d["signals"]:
    assert set(s) == {"rq", "kind", "name", "path", "line", "text", "first_commit", "first_date"}, s
tf = [s for s in d["signals"] if s["name"] == "TensorFlow"]
assert [(s["path"], s["line"], s["first_commit"], s["first_date"]) for s in tf] == [
    ("train.py", 1, c1, "2018-01-01")], tf
assert not [s for s in d["signals"] if s["path"] == "README.md" and s["rq"] == 2], d["signals"]
tk = [s for s in d["signals"] if s["name"] == "Tkinter"]
assert [(s["path"], s["line"], s["text"]) for s in tk] == [("gui.py", 2, "import tkinter as tk")], tk
assert d["basis"]["trajectory"] == "heuristic"
PY

# --at: the tree of the last commit before the date (the README, 2018-03-01); --commit: that one
expect_exit 0 "$RHEA" evidence --product p --db "$DB" --format json --at 2018-06-01
expect_match "$OUT" "\"commit\": \"$C2\""
expect_match "$OUT" '"trajectory": "unknown"'
expect_exit 0 "$RHEA" evidence --product p --db "$DB" --format json --commit "$C1"
expect_match "$OUT" "\"commit\": \"$C1\""
expect_match "$OUT" '"files": 1,'
# --rq 3: the user-interface signals only
expect_exit 0 "$RHEA" evidence --product p --db "$DB" --format json --rq 3
printf '%s' "$OUT" | python3 -c '
import json, sys
d = json.load(sys.stdin)
assert d["signals"] and all(s["rq"] == 3 for s in d["signals"]), d["signals"]' || fail "--rq 3"
for fmt in text md csv html; do
  expect_exit 0 "$RHEA" evidence --product p --db "$DB" --format "$fmt"
  expect_match "$OUT" "model-first"
done

# judgments override a verdict and supply the judged findings
printf 'product,key,value,note\np,trajectory,product-first,"read, by hand"\np,model_importance,core,\n' >"$WORK/j.csv"
expect_exit 0 "$RHEA" evidence --product p --db "$DB" --format json --judgments "$WORK/j.csv"
printf '%s' "$OUT" | python3 -c '
import json, sys
d = json.load(sys.stdin)
assert d["verdicts"]["trajectory"] == "product-first" and d["basis"]["trajectory"] == "judged", d
assert d["judged"] == {"model_importance": "core"}, d["judged"]
assert "j.csv:2" in d["decided_by"]["trajectory"], d["decided_by"]' || fail "judgments"

# rhea report --rq all: RQ2-RQ6 verdicts and the findings table of Findings 1-21
expect_exit 0 "$RHEA" report --db "$DB" --format json --judgments "$WORK/j.csv" --permutations 0 --bootstrap 0
printf '%s' "$OUT" | python3 -c '
import json, sys
d = json.load(sys.stdin)
tables = [t for s in d["sections"] for t in s["tables"]]
f = [t for t in tables if t["key"] == "findings"]
assert len(f) == 1, [t["key"] for t in tables]
rows = f[0]["rows"]
assert all(set(r) == {"finding", "measure", "count", "paper", "products", "basis"} for r in rows)
assert {int(r["finding"]) for r in rows} == set(range(1, 22)), sorted({r["finding"] for r in rows})
by = {r["measure"]: r for r in rows}
r = by["product-first trajectory"]
assert (r["count"], r["products"], r["basis"]) == ("1/1", "p", "judged"), r
r = by["model is the core functionality (judged)"]
assert (r["count"], r["basis"]) == ("1/1", "judged"), r
r = by["products with self-trained models"]
assert (r["count"], r["basis"]) == ("1/1", "heuristic"), r
keys = {t["key"] for t in tables}
assert {"rq2_verdicts", "rq3_code_trajectory", "rq4_verdicts", "rq5_verdicts", "rq6_verdicts"} <= keys, keys
' || fail "report findings 1-21"

# errors: usage (exit 2) and bad files (exit 1), one line each
expect_exit 2 "$RHEA" evidence --db "$DB"
one_line "$ERR"
expect_exit 2 "$RHEA" evidence --product p --db "$DB" --rq 7
expect_match "$ERR" "use 2 to 6"
expect_exit 2 "$RHEA" evidence --product p --db "$DB" --at 2018-06-01 --commit "$C1"
expect_exit 1 "$RHEA" evidence --product nope --db "$DB"
expect_match "$ERR" "no product 'nope'"
expect_exit 1 "$RHEA" evidence --product p --db "$DB" --commit deadbeef
one_line "$ERR"
printf 'product,key,value,note\np,trajectory,sideways,\n' >"$WORK/bad.csv"
expect_exit 1 "$RHEA" evidence --product p --db "$DB" --judgments "$WORK/bad.csv"
expect_match "$ERR" "bad.csv:2: key trajectory takes"
one_line "$ERR"
expect_exit 1 "$RHEA" report --db "$DB" --judgments "$WORK/bad.csv"
expect_match "$ERR" "bad.csv:2:"
printf '2\tml_library\tX\tpython\t(x)\tm\n' >"$WORK/cat.tsv"
expect_exit 1 "$RHEA" evidence --product p --db "$DB" --catalog "$WORK/cat.tsv"
expect_match "$ERR" "cat.tsv:1: the pattern has capturing groups"
finish
