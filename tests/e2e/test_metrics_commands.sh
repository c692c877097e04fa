#!/usr/bin/env bash
# rhea contributors / coupling / study / report / trend on the sample product, checked against the
# figures worked out by hand in docs/metrics.md ("Worked example").
source "$(dirname "$0")/lib.sh"
DB=$WORK/r.sqlite
REPO=$WORK/wordwise
"$SAMPLE_GEN" "$REPO" >/dev/null
expect_exit 0 "$RHEA" analyze "$REPO" --db "$DB" --rules "$SRC/samples/rules/sample.rules" --line-stats

# python3 asserts on a JSON document given on stdin
check_json() {
  python3 -c "import json,sys,math; d=json.load(sys.stdin); $1" || fail "json check: $1"
}

expect_exit 0 "$RHEA" contributors --product wordwise --db "$DB" --format json
printf '%s' "$OUT" | check_json '
assert d["commits"] == 11 and d["bot_commits"] == 1 and d["contributors"] == 3, d
assert d["threshold"] == 0.8 and d["core_count"] == 2
assert [c["name"] for c in d["core"]] == ["Alice Smith", "Bob Jones"]
a = d["core"][0]
assert a["emails"] == ["alice@example.com"] and a["commits"] == 5
assert (a["ml_commits"], a["nonml_commits"], a["both_commits"]) == (2, 4, 2)
assert abs(a["share"] - 5/11) < 1e-12
b = d["all"][1]
assert (b["ml_commits"], b["nonml_commits"], b["ml_lines"]) == (4, 0, 20)
assert d["all"][2]["name"] == "Carol Wu" and d["all"][2]["commits"] == 2'

expect_exit 0 "$RHEA" coupling --product wordwise --db "$DB" --format json --top 2
printf '%s' "$OUT" | check_json '
assert (d["transactions"], d["ml_files"], d["nonml_files"]) == (11, 4, 4)
assert (d["pairs"], d["cross_pairs"], d["both"]) == (10, 3, 2)
assert abs(d["eci"] - 0.3) < 1e-12 and abs(d["expected_eci"] - 4/7) < 1e-12
assert abs(d["rci"] - 0.525) < 1e-12
assert abs(d["eci_tx"] - 2/11) < 1e-12 and abs(d["expected_eci_tx"] - 34/77) < 1e-12
assert abs(d["rci_tx"] - 7/17) < 1e-12
assert 0 < d["p_value"] <= 1 and d["p_value"] == d["p_less"]
assert d["ci_low"] <= d["rci"] <= d["ci_high"] and d["seed"] == 20240414
t = d["top_pairs"][0]
assert (t["ml_file"], t["nonml_file"], t["together"]) == ("model/predict.py", "app/keyboard.js", 2)'

# without the null model and the bootstrap, their figures are null, not 0
expect_exit 0 "$RHEA" coupling --product wordwise --db "$DB" --format json --permutations 0 --bootstrap 0
printf '%s' "$OUT" | check_json 'assert d["p_value"] is None and d["ci_low"] is None and d["rci"] == 0.525'

# a window: commits before 2023-01-08 are days 0-5 (commits 1-6): Alice 3, Bob 2, Carol 1
expect_exit 0 "$RHEA" contributors --product wordwise --db "$DB" --until 2023-01-08 --format json
printf '%s' "$OUT" | check_json '
assert d["commits"] == 6 and d["bot_commits"] == 0
assert [c["commits"] for c in d["all"]] == [3, 2, 1]'
# --max-files 2 drops commit 10: 7 pairs, 1 crossing
expect_exit 0 "$RHEA" coupling --product wordwise --db "$DB" --max-files 2 --format json
printf '%s' "$OUT" | check_json 'assert (d["transactions"], d["pairs"], d["cross_pairs"]) == (10, 7, 1)'

# text output names the figures
expect_exit 0 "$RHEA" coupling --product wordwise --db "$DB"
expect_match "$OUT" "rci +0\.525"
expect_exit 0 "$RHEA" contributors --product wordwise --db "$DB" --format csv
[ "$(printf '%s\n' "$OUT" | python3 -c 'import csv,sys; r=list(csv.DictReader(sys.stdin)); print(r[1]["name"], r[1]["commits"])')" = "Bob Jones 4" ] ||
  fail "contributors CSV does not read back"

# usage errors exit 2, missing things exit 1, each one line
expect_exit 2 "$RHEA" contributors --db "$DB"
expect_match "$ERR" "missing --product"
expect_exit 2 "$RHEA" coupling --product wordwise --db "$DB" --since 2023-13-01
expect_match "$ERR" "--since '2023-13-01': not a date"
expect_exit 2 "$RHEA" coupling --product wordwise --db "$DB" --format docx
expect_exit 1 "$RHEA" coupling --product nosuch --db "$DB"
expect_match "$ERR" "no product 'nosuch'"
one_line "$ERR"
expect_exit 1 "$RHEA" contributors --product wordwise --db "$WORK/absent.sqlite"
expect_match "$ERR" "no such database"

# a study: one product present, one absent; metadata kept; the date fixed
mkdir -p "$WORK/clones/acme+wordwise"
cp -r "$REPO/.git" "$WORK/clones/acme+wordwise/.git"
cp "$SRC/samples/rules/sample.rules" "$WORK/sample.rules"
printf 'id\tname\tgenre\trepository\tstars\trules\tskip\nS1\tWordwise\tmobile\tacme/wordwise\t42\tsample.rules\t\nS2\tGone\tweb\tacme/gone\t7\t\tsnapshot over 500 MB\n' >"$WORK/study.tsv"
SDB=$WORK/study.sqlite
expect_exit 0 "$RHEA" study "$WORK/study.tsv" --clones "$WORK/clones" --db "$SDB" --until 2023-01-13
expect_match "$OUT" "S2: skipped: acme/gone not found in $WORK/clones: snapshot over 500 MB"
expect_match "$OUT" "study: 1 products analyzed, 1 skipped, 0 failed; 13 new commits read; every command counts commits before 2023-01-13"
expect_exit 0 "$RHEA" report --db "$SDB" --format json --rq 1 --permutations 0 --bootstrap 0
printf '%s' "$OUT" | check_json '
def tables(o):
    if isinstance(o, dict):
        if "rows" in o and "columns" in o: yield o
        for v in o.values(): yield from tables(v)
    elif isinstance(o, list):
        for v in o: yield from tables(v)
ts = list(tables(d))
assert ts, "no tables"
s = json.dumps(d)
assert "before 2023-01-13" in s
assert "Wordwise" in s and "42" in s'
# before 2023-01-13: days 0-10 (commits 1-11), Alice loses commit 12 and Bob commit 13: 9 counted
# commits (Alice 4, Bob 3, Carol 2); 80% of 9 is 7.2 and 4 + 3 = 7 falls short, so all 3 are core
expect_exit 0 "$RHEA" report --db "$SDB" --format csv --rq 1 --permutations 0 --bootstrap 0
printf '%s\n' "$OUT" | python3 -c '
import csv, sys
rows = list(csv.DictReader(sys.stdin))
r = rows[0]
assert r["id"] == "S1" and r["commits"] == "9" and r["core"] == "3" and r["genre"] == "mobile", r
assert r["paper_stars"] == "42"
open(sys.argv[1], "w").write(r["rci"])' "$WORK/report_rci" || fail "report CSV"
# Finding 1 from a backgrounds file: Alice SE, Bob ML, Carol unsure; all three are core in this
# study's window, and Carol's unsure leaves 2 classified: 1 SE and 1 ML
printf 'email,background\nalice@example.com,SE\nBOB@example.com,ML\ncarol@example.com,unsure\n' >"$WORK/bg.csv"
expect_exit 0 "$RHEA" report --db "$SDB" --format csv --rq 1 --permutations 0 --bootstrap 0 --backgrounds "$WORK/bg.csv"
expect_match "$OUT" "1,SE-focused core contributors \(of those classified\),1/2,74/92,S1"
expect_match "$OUT" "1,ML-focused core contributors \(of those classified\),1/2,10/92,S1"
expect_exit 0 "$RHEA" contributors --product wordwise --db "$DB" --backgrounds "$WORK/bg.csv"
expect_match "$OUT" "SE +1"
expect_match "$OUT" "ML +1"
# trend reads the study's date as report does (rule 4): the 9 commits and 3 core contributors
# worked out above, not the 11 and 2 of the whole history, and the title says so
expect_exit 0 "$RHEA" trend --product S1 --db "$SDB" --window month --format csv --permutations 0 --bootstrap 0
expect_match "$OUT" "^product,period,commits,contributors,core"
expect_match "$OUT" "S1,2023-01,9,3,3"
expect_exit 0 "$RHEA" trend --product S1 --db "$SDB" --window month --permutations 0 --bootstrap 0
expect_match "$OUT" "^rhea trend: per month \(before 2023-01-13 \(the study's date\)\)$"
# --until overrides the study's date: the whole history's 11 commits and 2 core contributors
expect_exit 0 "$RHEA" trend --product S1 --db "$SDB" --window month --format csv --permutations 0 --bootstrap 0 --until 2030-01-01
expect_match "$OUT" "S1,2023-01,11,3,2"
# the same RCI as report's RQ1 table in the same window (computed by metrics/summary.c)
expect_exit 0 "$RHEA" trend --product S1 --db "$SDB" --window year --cumulative --metric rci --format csv --permutations 0 --bootstrap 0
expect_match "$OUT" "S1,2023,$(cat "$WORK/report_rci")(,|$)"
expect_exit 2 "$RHEA" trend --product S1 --db "$SDB" --window fortnight
finish
