#!/usr/bin/env bash
# rhea trend --window quarter on a history written with git (the quarters history of
# tests/histories.h; figures worked by hand in tests/test_trend.c): per quarter, Q3 empty but
# listed; cumulative; the window's --since; a bad --window value.
source "$(dirname "$0")/lib.sh"
R=$WORK/q
git init -q -b main "$R"
# commit DATE NAME EMAIL PATH=TEXT...: writes the files and commits them at DATE (UTC)
commit() {
  local date=$1 name=$2 email=$3
  shift 3
  for kv in "$@"; do
    mkdir -p "$R/$(dirname "${kv%%=*}")"
    printf '%s\n' "${kv#*=}" >"$R/${kv%%=*}"
  done
  git -C "$R" add -A
  GIT_AUTHOR_DATE="$date" GIT_COMMITTER_DATE="$date" GIT_AUTHOR_NAME="$name" \
    GIT_AUTHOR_EMAIL="$email" GIT_COMMITTER_NAME="$name" GIT_COMMITTER_EMAIL="$email" \
    git -C "$R" commit -q -m "$date"
}
commit 2023-01-10T12:00:00Z "Alice Smith" alice@example.com "model/a.py=a = 1" "app/x.js=x = 1"
commit 2023-02-10T12:00:00Z "Bob Jones" bob@example.com "model/a.py=a = 2"
commit 2023-02-20T12:00:00Z "Alice Smith" alice@example.com "app/x.js=x = 2"
commit 2023-05-05T12:00:00Z "Carol Wu" carol@example.com "app/y.js=y = 1" "app/x.js=x = 3"
commit 2023-11-15T12:00:00Z "Bob Jones" bob@example.com "model/a.py=a = 3" "model/b.py=b = 1" "app/y.js=y = 2"
printf 'ml model/\n' >"$WORK/q.rules"
DB=$WORK/t.sqlite
expect_exit 0 "$RHEA" analyze "$R" --product q --db "$DB" --rules "$WORK/q.rules" --quiet
# csv ARGS...: rhea trend with exit 0 expected, its CSV in $OUT without the CRs of CSV line ends
csv() {
  expect_exit 0 "$RHEA" trend --product q --db "$DB" --format csv --permutations 0 --bootstrap 0 "$@"
  OUT=$(tr -d '\r' <<<"$OUT")
}

csv --window quarter
# no shuffles or resamples asked: interval, p-value and the random range of RCI are empty
WANT='product,period,commits,contributors,core,transactions,ml_share,rci,ci_low,ci_high,p_value,null_low,null_high
q,2023-Q1,3,2,2,3,0.6666666666666666,1,,,,,
q,2023-Q2,1,1,1,1,0,,,,,,
q,2023-Q3,0,0,0,0,,,,,,,
q,2023-Q4,1,1,1,1,1,1,,,,,'
[ "$OUT" = "$WANT" ] || fail "trend --window quarter: got
$OUT"

csv --window quarter --cumulative --metric rci
WANT='product,period,rci,ci_low,ci_high,p_value,null_low,null_high
q,2023-Q1,1,,,,,
q,2023-Q2,0.75,,,,,
q,2023-Q3,0.75,,,,,
q,2023-Q4,0.9,,,,,'
[ "$OUT" = "$WANT" ] || fail "trend --window quarter --cumulative: got
$OUT"

# from February: Q1 holds commits 2 and 3 (Bob's ML change, Alice's non-ML one)
csv --window quarter --since 2023-02-01 --metric ml-share
expect_match "$OUT" "^q,2023-Q1,2,0.5$"

# the text table names the quarters too
expect_exit 0 "$RHEA" trend --product q --db "$DB" --window quarter --permutations 0 --bootstrap 0
expect_match "$OUT" "2023-Q3"

expect_exit 2 "$RHEA" trend --product q --db "$DB" --window fortnight
one_line "$ERR"
expect_match "$ERR" "fortnight"
finish
