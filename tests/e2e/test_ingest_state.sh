#!/usr/bin/env bash
# A product whose ingest is in progress (its writer stopped with SIGSTOP after its first batch
# was committed) or incomplete (that writer then killed with SIGKILL, or a product without a tip)
# is flagged by contributors, coupling, report, trend and classify: a warning on stderr, an
# "Incomplete data" table (product, ingest, note) in text, md, csv, tex, json and html, an
# "ingest" member in the contributors/coupling/classify JSON; report --complete-only refuses it.
# A finished ingest carries none of these.
source "$(dirname "$0")/lib.sh"
command -v sqlite3 >/dev/null || { echo "SKIP: sqlite3 is not installed"; exit 77; }
DB=$WORK/r.sqlite
REPO=$WORK/big
"$SAMPLE_GEN" --synthetic 10000 "$REPO" >/dev/null
count() { sqlite3 "$DB" "SELECT count(*) FROM commits" 2>/dev/null || echo 0; }

# every reader, every format: flagged with STATE ("in progress" or "incomplete")
flagged() {
  local state=$1 f
  for cmd in contributors coupling; do
    for f in text md csv tex html; do
      expect_exit 0 "$RHEA" $cmd --product big --db "$DB" --format $f
      expect_match "$ERR" "^rhea $cmd: warning: product big is $state: "
      expect_match "$OUT" "Incomplete data|^product,ingest,note"
      expect_match "$OUT" "big.*$state"
    done
    expect_exit 0 "$RHEA" $cmd --product big --db "$DB" --format json
    expect_match "$OUT" "\"ingest\" *: *\"$state\""
  done
  for f in text md csv json html; do
    # --rq 1: RQ2-RQ6 read the tip's tree (rhea evidence), which an incomplete product lacks
    expect_exit 0 "$RHEA" report --db "$DB" --rq 1 --format $f --permutations 0 --bootstrap 0
    expect_match "$ERR" "^rhea report: warning: product big is $state: "
    expect_match "$OUT" "Incomplete data|^product,ingest,note"
    expect_match "$OUT" "\"$state\"|big.*$state"
  done
  expect_exit 1 "$RHEA" report --db "$DB" --complete-only
  one_line "$ERR"
  expect_match "$ERR" "rhea report: product big is $state and --complete-only was given; finish its ingest \(rhea analyze\) or leave it out with --product$"
  expect_exit 0 "$RHEA" trend --product big --window year --db "$DB" --format csv --permutations 0 --bootstrap 0
  expect_match "$ERR" "^rhea trend: warning: product big is $state"
  expect_match "$OUT" "^big,$state,"
  expect_exit 0 "$RHEA" classify --product big --db "$DB" --format json
  expect_match "$OUT" "\"ingest\" *: *\"$state\""
  for f in text csv; do
    expect_exit 0 "$RHEA" classify --product big --db "$DB" --format $f
    expect_match "$ERR" "^rhea classify: warning: product big is $state"
    expect_match "$OUT" "Incomplete data|^product,ingest,note"
    expect_match "$OUT" "big.*$state"
  done
}

# Readers read at any moment of a first load, and after a kill at any moment: stopped at a few
# points past the first commit (mid-transaction, mostly), and killed at the last of them.
MID=$WORK/mid.sqlite
"$RHEA" analyze "$REPO" --db "$MID" --quiet >/dev/null 2>&1 &
pid=$!
for _ in $(seq 1 6000); do
  [ "$(sqlite3 "$MID" "SELECT count(*) FROM commits" 2>/dev/null || echo 0)" -gt 0 ] && break
  sleep 0.01
done
for pause in 0 0.02 0.05 0.1; do
  sleep $pause
  kill -STOP "$pid" 2>/dev/null || break
  expect_exit 0 "$RHEA" contributors --product big --db "$MID" --format csv
  kill -CONT "$pid" 2>/dev/null
done
kill -KILL "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
expect_exit 0 "$RHEA" contributors --product big --db "$MID" --format csv

"$RHEA" analyze "$REPO" --db "$DB" --quiet >"$WORK/out" 2>"$WORK/err" &
pid=$!
# stop the writer once its first batch is committed (a loop on the database, not a timed wait)
for _ in $(seq 1 6000); do
  [ "$(count)" -gt 0 ] && break
  sleep 0.01
done
kill -STOP "$pid" 2>/dev/null
stored=$(count)
if ! kill -0 "$pid" 2>/dev/null || [ "$stored" = 10000 ]; then
  kill -CONT "$pid" 2>/dev/null
  echo "SKIP: the ingest finished before it could be stopped"
  exit 77
fi
echo "writer stopped with $stored of 10000 commits stored"
flagged "in progress"
kill -KILL "$pid"
kill -CONT "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
flagged "incomplete"

# the next run finishes it: no warning, no table, no member
expect_exit 0 "$RHEA" analyze "$REPO" --db "$DB" --quiet
[ "$(count)" = 10000 ] || fail "after resume: $(count) commits"
for cmd in contributors coupling; do
  expect_exit 0 "$RHEA" $cmd --product big --db "$DB" --format json
  [ -z "$ERR" ] || fail "$cmd warns after a complete ingest: $ERR"
  [[ "$OUT" != *'"ingest"'* ]] || fail "$cmd json has an ingest member when complete"
done
expect_exit 0 "$RHEA" report --db "$DB" --format csv --complete-only --permutations 0 --bootstrap 0
[[ "$OUT" != *"Incomplete"* && "$OUT" != *"product,ingest,note"* ]] || fail "report flags a complete product"

# a product stored without a tip and without a mark (a rhea from before marks, killed): incomplete
sqlite3 "$DB" "UPDATE products SET tip = NULL WHERE id = 'big'"
expect_exit 0 "$RHEA" contributors --product big --db "$DB" --format csv
expect_match "$ERR" "^rhea contributors: warning: product big is incomplete: its ingest was interrupted before the last commit was stored"
expect_match "$OUT" "^big,incomplete,"
finish
