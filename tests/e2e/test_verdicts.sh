#!/usr/bin/env bash
# rhea verdicts: counts, Cohen's and Fleiss' kappa on a file worked by hand, and its errors.
# ann y n u y, bob y y n y, cy y n n n over four repositories:
#  Fleiss: P_i = 1, 1/3, 1/3, 1/3 so P-bar = 1/2; p = (6, 5, 1)/12 so Pe = 62/144; kappa = 10/82.
#  Cohen ann-bob: Po = 2/4; ann (.5,.25,.25), bob (.75,.25,0): Pe = .4375; kappa = 1/9.
source "$(dirname "$0")/lib.sh"
command -v python3 >/dev/null || { echo "SKIP: python3 missing"; exit 77; }
cat >"$WORK/v.csv" <<'CSV'
repository,ann,bob,cy
x/a,yes,yes,yes
x/b,no,yes,no
x/c,unsure,no,no
x/d,yes,yes,no
CSV
expect_exit 0 "$RHEA" verdicts "$WORK/v.csv" --format json
printf '%s' "$OUT" >"$WORK/v.json"
python3 - "$WORK/v.json" <<'PY' || fail "verdicts JSON values"
import json, sys
tables = {t["key"]: t for s in json.load(open(sys.argv[1]))["sections"] for t in s["tables"]}
def rows(key):
    return tables[key]["rows"]
ag = {(r["statistic"], r["raters"]): r for r in rows("agreement")}
assert abs(ag[("Fleiss' kappa", "all")]["kappa"] - 10 / 82) < 1e-12, ag
assert abs(ag[("Fleiss' kappa", "all")]["expected"] - 62 / 144) < 1e-12
assert abs(ag[("Cohen's kappa", "ann, bob")]["kappa"] - 1 / 9) < 1e-12
assert {r["rater"]: (r["yes"], r["no"], r["unsure"]) for r in rows("ratings")} == \
    {"ann": (2, 1, 1), "bob": (3, 1, 0), "cy": (1, 3, 0)}
assert {r["decision"]: r["repositories"] for r in rows("decisions")} == \
    {"all yes": 1, "all no": 0, "all unsure": 0, "split": 3}
assert [r["repository"] for r in rows("split")] == ["x/b", "x/c", "x/d"]
PY

# one category only: kappa is undefined, and said so
printf 'repository,a,b\nr1,no,no\nr2,no,no\n' >"$WORK/same.csv"
expect_exit 0 "$RHEA" verdicts "$WORK/same.csv" --format csv
expect_match "$OUT" "Cohen's kappa,\"a, b\",2,1,1,,,,,,,,\"every rating is in one category"

# errors: one line, exit 1 for a bad file, 2 for bad usage
printf 'repository,a,b\nr1,yes,perhaps\n' >"$WORK/bad.csv"
expect_exit 1 "$RHEA" verdicts "$WORK/bad.csv"
one_line "$ERR"
expect_match "$ERR" "bad.csv:2: verdict 'perhaps' of b is not yes, no or unsure"
expect_exit 1 "$RHEA" verdicts "$WORK/missing.csv"
one_line "$ERR"
expect_exit 2 "$RHEA" verdicts
expect_match "$ERR" "missing FILE"
expect_exit 2 "$RHEA" verdicts "$WORK/v.csv" extra
expect_exit 2 "$RHEA" verdicts "$WORK/v.csv" --format yaml
finish
