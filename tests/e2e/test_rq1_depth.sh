#!/usr/bin/env bash
# Issue 14 on the command line, on the sample product (docs/metrics.md worked examples): silo,
# ownership and truck factor in contributors JSON; coupling between parts, the pair matrix and
# logical commits; rhea sensitivity's JSON rows; and the one-line errors for bad options.
source "$(dirname "$0")/lib.sh"
DB=$WORK/r.sqlite
REPO=$WORK/wordwise
"$SAMPLE_GEN" "$REPO" >/dev/null
expect_exit 0 "$RHEA" analyze "$REPO" --db "$DB" --rules "$SRC/samples/rules/sample.rules" --quiet

check_json() {
  python3 -c "import json,sys,math; d=json.load(sys.stdin); $1" || fail "json check: $1"
}

expect_exit 0 "$RHEA" contributors --product wordwise --db "$DB" --format json
printf '%s' "$OUT" | check_json '
assert abs(d["silo"]["nmi"] - (0.2*math.log(1.25) + 0.8*math.log(2.5)) / (0.8*math.log(2.5) + 0.2*math.log(5))) < 1e-12, d["silo"]
assert abs(d["silo"]["core"]["nmi"] - 2/3) < 1e-12
assert 0 < d["silo"]["p_value"] <= 1 and d["silo"]["permutations"] == 1000
assert d["truck_factor"] == 1 and d["truck_factor_authors"] == ["Alice Smith"]
assert d["ownership"]["ml"]["exclusive_owners"] == 1 and abs(d["ownership"]["nonml"]["mean_ownership"] - 0.8125) < 1e-12'
# --since leaves the truck factor on the history up to --until
expect_exit 0 "$RHEA" contributors --product wordwise --db "$DB" --format json --since 2023-01-08
printf '%s' "$OUT" | check_json 'assert d["truck_factor_files"] == 7 and d["truck_factor"] == 1'
expect_exit 0 "$RHEA" contributors --product wordwise --db "$DB" --depth
expect_match "$OUT" "truck_factor +1"
expect_match "$OUT" "silo_core_nmi +0.667"

printf 'app app/\nmodel model/\nbuild package.json\nnb *.ipynb\n' >"$WORK/p.parts"
expect_exit 0 "$RHEA" coupling --product wordwise --db "$DB" --format json --between app,model \
  --parts "$WORK/p.parts" --permutations 100 --bootstrap 100
printf '%s' "$OUT" | check_json '
assert (d["transactions"], d["pairs"], d["cross_pairs"]) == (10, 8, 3), d
assert abs(d["rci"] - 0.625) < 1e-12 and d["between"] == ["app", "model"]
assert d["null_low"] <= d["null_high"] and "random range" in d["interval_vs_test"]'
# without --parts the parts are ml and nonml: the default figures
expect_exit 0 "$RHEA" coupling --product wordwise --db "$DB" --format json --between ml,nonml
printf '%s' "$OUT" | check_json 'assert abs(d["rci"] - 0.525) < 1e-12'
expect_exit 0 "$RHEA" coupling --product wordwise --db "$DB" --format csv --matrix \
  --parts "$WORK/p.parts" --permutations 0 --bootstrap 0
expect_match "$OUT" "^app,model,10,3,3,0.375,0.625,"
[ "$(printf '%s\n' "$OUT" | wc -l)" = 7 ] || fail "matrix: want a header and 6 pairs: $OUT"
expect_exit 0 "$RHEA" coupling --product wordwise --db "$DB" --format json --logical-commits 1 \
  --permutations 0 --bootstrap 0
printf '%s' "$OUT" | check_json '
assert (d["transactions"], d["pairs"], d["cross_pairs"]) == (9, 15, 3) and abs(d["rci"] - 0.35) < 1e-12'

expect_exit 0 "$RHEA" sensitivity --product wordwise --db "$DB" --format json
printf '%s' "$OUT" | check_json '
rows = {(r["figure"], r["choice"]): r["value"] for r in d["rows"]}
assert set(d["rows"][0]) == {"figure", "choice", "value"}
assert abs(rows[("rci", "logical-commits=7")] - 0.5) < 1e-12 and rows[("core", "bots=in")] == 3
assert abs(d["rci_min"] - 0.35) < 1e-12 and d["rci_changes_side"] is False and d["core_max"] == 3'

# bad input: one line naming the thing, exit 2 for usage, 1 for a bad file
for args in "--between app" "--between app,app" "--between ,x" "--logical-commits -1" \
  "--between a,b --matrix" "--parts $WORK/p.parts"; do
  # shellcheck disable=SC2086
  expect_exit 2 "$RHEA" coupling --product wordwise --db "$DB" $args
  one_line "$ERR"
done
expect_exit 2 "$RHEA" coupling --product wordwise --db "$DB" --between app,nope --parts "$WORK/p.parts"
expect_match "$ERR" "no part 'nope' in"
expect_exit 1 "$RHEA" coupling --product wordwise --db "$DB" --between a,b --parts "$WORK/none"
expect_match "$ERR" "none: cannot read the parts file"
one_line "$ERR"
printf 'app app/\nbad/name x\n' >"$WORK/bad.parts"
expect_exit 1 "$RHEA" coupling --product wordwise --db "$DB" --matrix --parts "$WORK/bad.parts"
expect_match "$ERR" "bad.parts:2: part name 'bad/name'"
expect_exit 2 "$RHEA" contributors --product wordwise --db "$DB" --permutations -3
one_line "$ERR"
expect_exit 1 "$RHEA" sensitivity --product nope --db "$DB"
expect_match "$ERR" "no product 'nope'"
finish
