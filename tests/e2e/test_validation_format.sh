#!/usr/bin/env bash
# The readings in tests/validation/ follow the format of its README (tests/validation_format_check.py),
# and the checker rejects each kind of bad file.
source "$(dirname "$0")/lib.sh"
CHECK="$SRC/tests/validation_format_check.py"
files=("$SRC"/tests/validation/P*.tsv "$SRC"/tests/validation/out-of-sample/P*.tsv)
[ -e "${files[0]}" ] || fail "no tests/validation/P*.tsv"
expect_exit 0 python3 "$CHECK" "${files[@]}"
expect_match "$OUT" "^${#files[@]} files, 0 problems$"

# bad files, each from the first reading with one change
good=${files[0]}
printf 'key\tvalue\tevidence\n' >"$WORK/header.tsv"
tail -n +2 "$good" | grep -v '^#' | grep -v '^key' >>"$WORK/header.tsv"
sed 's/^pipeline\t[^\t]*/pipeline\tsometimes/' "$good" >"$WORK/vocab.tsv"
grep -v '^telemetry' "$good" >"$WORK/missing.tsv"
{ cat "$good"; grep '^mlops' "$good"; } >"$WORK/twice.tsv"
sed 's/^first_ml_date\t[^\t]*/first_ml_date\t2018-3-12/' "$good" >"$WORK/date.tsv"
sed 's/^cloud\t\([^\t]*\)\t[^\t]*/cloud\t\1\t/' "$good" >"$WORK/evidence.tsv"
for bad in header:"the header must be" vocab:"pipeline 'sometimes' is not one of" \
  missing:"key 'telemetry' missing" twice:"key 'mlops' again" date:"is not YYYY-MM-DD" \
  evidence:"empty evidence"; do
  name=${bad%%:*}
  expect_exit 1 python3 "$CHECK" "$WORK/$name.tsv"
  expect_match "$OUT" "${bad#*:}"
done
finish
