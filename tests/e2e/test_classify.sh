#!/usr/bin/env bash
# rhea classify on the sample product: the labels its generator intends (samples/sample_product.c:
# model/ ML by samples/rules/sample.rules, the notebook ML by default, README.md, .mailmap and
# assets/logo.png excluded by default, the rest non-ML), counted here from git's own file list.
source "$(dirname "$0")/lib.sh"
DB=$WORK/r.sqlite
RULES=$SRC/samples/rules/sample.rules
"$SAMPLE_GEN" "$WORK/sample" >/dev/null
expect_exit 0 "$RHEA" analyze "$WORK/sample" --product wordwise --db "$DB" --rules "$RULES" -q

# every distinct path git log lists, labeled by the generator's intent
git -C "$WORK/sample" log --no-renames --name-only --format= | sort -u >"$WORK/paths"
[ "$(wc -l <"$WORK/paths")" = 11 ] || fail "the sample history has $(wc -l <"$WORK/paths") paths, not 11"
while read -r p; do
  case "$p" in
  model/*) echo "$p,ml,$RULES:3" ;;
  notebooks/explore.ipynb) echo "$p,ml,default:notebook" ;;
  README.md | .mailmap) echo "$p,exclude,default:documentation" ;;
  assets/logo.png) echo "$p,exclude,default:image" ;;
  *) echo "$p,nonml,default:other" ;;
  esac
done <"$WORK/paths" | LC_ALL=C sort >"$WORK/want.csv"

expect_exit 0 "$RHEA" classify --product wordwise --db "$DB" --format csv
printf '%s\n' "$OUT" | tr -d '\r' | tail -n +2 | LC_ALL=C sort >"$WORK/got.csv"
diff "$WORK/want.csv" "$WORK/got.csv" >&2 || fail "csv labels differ from the generator's intent"
[ "$(printf '%s\n' "$OUT" | head -1)" = $'path,label,rule\r' ] || fail "csv header or CRLF missing"

expect_exit 0 "$RHEA" classify --product wordwise --db "$DB" --format json
printf '%s' "$OUT" >"$WORK/out.json"
python3 - "$WORK/out.json" "$WORK/want.csv" <<'PY' || fail "json does not match"
import csv, json, sys
doc = json.load(open(sys.argv[1]))
want = {r[0]: (r[1], r[2]) for r in csv.reader(open(sys.argv[2]))}
assert doc["product"] == "wordwise", doc["product"]
assert doc["totals"] == {"ml": 4, "nonml": 4, "exclude": 3}, doc["totals"]
got = {f["path"]: (f["label"], f["rule"]) for f in doc["files"]}
assert got == want, (got, want)
assert [f["path"] for f in doc["files"]] == sorted(want), "files not sorted by path"
PY

expect_exit 0 "$RHEA" classify --product wordwise --db "$DB"
expect_match "$OUT" "totals: ml 4, nonml 4, exclude 3 \(11 files\)"
expect_match "$OUT" "app/main\.js +nonml +default:other"
expect_match "$OUT" "assets/logo\.png +exclude +default:image"

# an override file for this run only; the recorded rules stay
printf 'exclude app/\nml *.json\n' >"$WORK/o.rules"
expect_exit 0 "$RHEA" classify --product wordwise --db "$DB" --rules "$WORK/o.rules"
expect_match "$OUT" "totals: ml 2, nonml 3, exclude 6 \(11 files\)"
expect_match "$OUT" "package\.json +ml +$WORK/o\.rules:2"

# content signals: the model files import tensorflow, but a user rule already decides them; the
# rules-free product gets them from content instead
expect_exit 0 "$RHEA" analyze "$WORK/sample" --product bare --db "$DB" -q
expect_exit 0 "$RHEA" classify --product bare --db "$DB" --content-signals --format csv
expect_match "$OUT" "model/train\.py,ml,content:TensorFlow"
expect_match "$OUT" "model/predict\.py,ml,content:TensorFlow"
expect_match "$OUT" "model/vocab\.py,nonml,default:other" # deleted before the tip
expect_match "$OUT" "package\.json,nonml,default:other"   # a manifest, not a source file
expect_exit 0 "$RHEA" classify --product bare --db "$DB" --format csv
expect_match "$OUT" "model/train\.py,nonml,default:other"

# --explain lists every matching rule in order
expect_exit 0 "$RHEA" classify --product wordwise --db "$DB" --explain model/train.py
expect_match "$OUT" "^model/train\.py: ml \($RULES:3\)"
expect_match "$OUT" "$RULES:3 +ml +model/"
expect_match "$OUT" "default:other +nonml +\*\*"

# every format through the report writers, and --out: the same 11 paths in each
for f in md tex html csv json text; do
  expect_exit 0 "$RHEA" classify --product wordwise --db "$DB" --format "$f" --out "$WORK/classify.$f"
  [ -z "$OUT" ] || fail "classify --out $f also wrote to stdout"
  for p in app/main.js model/train.py notebooks/explore.ipynb assets/logo.png; do
    grep -qF "$p" "$WORK/classify.$f" || fail "classify --format $f lacks $p"
  done
done
grep -qF '| app/main.js | nonml | default:other |' "$WORK/classify.md" || fail "md row"
grep -qF 'app/main.js & nonml & default:other \\' "$WORK/classify.tex" || fail "tex row"
grep -qF '<td class="l">app/main.js</td><td class="l">nonml</td>' "$WORK/classify.html" || fail "html cell"
# JSON through --out is the same document as on stdout (the golden classify.json)
expect_exit 0 "$RHEA" classify --product wordwise --db "$DB" --format json
[ "$OUT" = "$(cat "$WORK/classify.json")" ] || fail "classify --out json differs from stdout"

# --explain in JSON is JSON (it printed text)
expect_exit 0 "$RHEA" classify --product wordwise --db "$DB" --explain model/train.py --format json
printf '%s' "$OUT" | python3 -c '
import json, sys
d = json.load(sys.stdin)
rules = sys.argv[1]
assert (d["path"], d["label"], d["rule"], d["in_history"]) == ("model/train.py", "ml", rules + ":3", True), d
assert [(m["rule"], m["label"], m["pattern"]) for m in d["matches"]] == [
    (rules + ":3", "ml", "model/"), ("default:other", "nonml", "**")], d["matches"]' "$RULES" ||
  fail "classify --explain --format json"
expect_exit 0 "$RHEA" classify --product wordwise --db "$DB" --explain docs/none.md --format json
printf '%s' "$OUT" | python3 -c '
import json, sys
d = json.load(sys.stdin)
assert (d["label"], d["rule"], d["in_history"]) == ("exclude", "default:documentation", False), d' ||
  fail "classify --explain of a path outside the history"

# usage and failures
expect_exit 2 "$RHEA" classify --db "$DB"
expect_match "$ERR" "missing --product"
expect_exit 2 "$RHEA" classify --product wordwise --db "$DB" --format xml
expect_exit 1 "$RHEA" classify --product nope --db "$DB"
expect_match "$ERR" "no product 'nope'"
one_line "$ERR"
expect_exit 1 "$RHEA" classify --product wordwise --db "$WORK/absent.sqlite"
printf 'ml a\nml !b\n' >"$WORK/bad.rules"
expect_exit 1 "$RHEA" classify --product wordwise --db "$DB" --rules "$WORK/bad.rules"
expect_match "$ERR" "bad\.rules:2: '!b': negation"
one_line "$ERR"
finish
