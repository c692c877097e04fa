#!/usr/bin/env bash
# The bench scripts (tests/bench) run end to end on tiny generated histories with RUNS=1: no figure
# is checked (speed is never asserted in a test), only what a person can count. ingest_table.sh
# prints one table row per repository with git's own commit count and the per-commit spread line,
# and logs each generation once; ingest_phases.sh prints one row of step medians per history;
# rerun.sh prints the no-op row and one row per k (each run is
# checked by the script to read exactly k new commits); the PAUSE_FUZZ mode stops exactly the
# processes whose program path matches and resumes them when the script ends, even by an error or
# a signal, and after PAUSE_MAX seconds at the latest.
# Skipped (77) without GNU time.
source "$(dirname "$0")/lib.sh"
BENCH=$SRC/tests/bench
[ -x /usr/bin/time ] || { echo "SKIP: GNU time (/usr/bin/time) is not installed"; exit 77; }
export CACHE=$WORK/cache GEN=$SAMPLE_GEN

# ingest_table.sh: two generated histories and a path that does not exist
expect_exit 0 env REPOS="synthetic:30 synthetic:45 $WORK/absent" RUNS=1 bash "$BENCH/ingest_table.sh" "$RHEA"
rows=$(grep -c '^| synthetic ' <<<"$OUT")
[ "$rows" = 2 ] || fail "ingest_table: $rows synthetic rows, want 2: $OUT"
for n in 30 45; do
  have=$(git --git-dir="$CACHE/synthetic-$n.git" rev-list --count HEAD)
  [ "$have" = "$n" ] || fail "generated synthetic-$n has $have commits"
  expect_match "$OUT" "^\| synthetic $n \| $have \| 1 \| "
done
expect_match "$OUT" "^\| repository \| commits \| runs \| wall rhea / git \|"
expect_match "$OUT" "^per-commit spread across 2 synthetic histories"
expect_match "$OUT" "^machine: [0-9]+ CPUs .*load average"
expect_match "$ERR" "$WORK/absent: not found, left out of the table"
[ "$(grep -c '^synthetic' "$CACHE/generation.log")" = 2 ] || fail "generation.log: $(cat "$CACHE/generation.log")"
# a second run reuses the cached histories: still two generation lines
expect_exit 0 env REPOS="synthetic:30" RUNS=1 bash "$BENCH/ingest_table.sh" "$RHEA"
[ "$(grep -c '^synthetic' "$CACHE/generation.log")" = 2 ] || fail "generated again: $(cat "$CACHE/generation.log")"
# refused values: one line, non-zero
expect_exit 2 env REPOS="synthetic:x" RUNS=1 bash "$BENCH/ingest_table.sh" "$RHEA"
one_line "$ERR"
expect_exit 2 env REPOS="synthetic:30" RUNS=0 bash "$BENCH/ingest_table.sh" "$RHEA"

# ingest_phases.sh: one row per history, each step's median, a path that does not exist left out
expect_exit 0 env REPOS="synthetic:30 $WORK/absent" RUNS=1 bash "$BENCH/ingest_phases.sh" "$RHEA"
expect_match "$OUT" "^\| repository \| runs \| walk \| read and store \| indexes \| commit \| close \|"
expect_match "$OUT" "^\| synthetic 30 \| 1 \| [0-9.]+ ms \| [0-9.]+ ms \| [0-9.]+ ms \| [0-9.]+ ms \| [0-9.]+ ms \| [0-9.]+ ms \| [0-9]+\.[0-9] ms \| -?[0-9]+% \|$"
# the process's wall time is measured, not GNU time's hundredths (which read 0 for a 5 ms run)
wall_ms=$(grep '^| synthetic 30 ' <<<"$OUT" | awk -F'|' '{ gsub(/[ ms]/, "", $10); print $10 }')
awk -v w="$wall_ms" 'BEGIN { exit !(w > 0) }' || fail "ingest_phases.sh: process wall $wall_ms ms"
expect_match "$ERR" "$WORK/absent: not found, left out of the table"
expect_exit 2 env REPOS="synthetic:30" RUNS=0 bash "$BENCH/ingest_phases.sh" "$RHEA"
one_line "$ERR"
expect_exit 2 env REPOS="synthetic:y" RUNS=1 bash "$BENCH/ingest_phases.sh" "$RHEA"
one_line "$ERR"

# rerun.sh: a 20-commit history with 1 and 3 new commits on top
expect_exit 0 env SIZES=20 KS="1 3" NOOP=2 REPEAT=1 bash "$BENCH/rerun.sh" "$RHEA"
for k in 0 1 3; do
  expect_match "$OUT" "^\| synthetic 20 \| $k \| "
done
[ "$(git --git-dir="$CACHE/synthetic-23.git" rev-list --count HEAD)" = 23 ] || fail "rerun's history is not 20 + 3"
expect_exit 2 env SIZES=20 KS="1 x" bash "$BENCH/rerun.sh" "$RHEA"
one_line "$ERR"

# PAUSE_FUZZ: a stand-in "fuzzer" under a pattern only this test uses
mkdir -p "$WORK/build-fuzz/tests"
cp "$(command -v sleep)" "$WORK/build-fuzz/tests/fuzz_standin"
"$WORK/build-fuzz/tests/fuzz_standin" 600 & # killed at the end; long enough for a slow machine
standin=$!
# a signal takes effect when the process is next scheduled: wait (up to 10 s) for the state wanted
state_soon() { # state_soon PID WANT: prints the state, WANT as soon as it is reached
  local s
  for _ in $(seq 100); do
    s=$(awk '{print $3}' "/proc/$1/stat")
    [ "$s" != "$2" ] || break
    sleep 0.1
  done
  echo "$s"
}
pattern="$WORK/build-fuzz/tests/fuzz_"
# the script stops the stand-in, then fails: the stand-in must be resumed by the exit trap
during=$(PAUSE_FUZZ=1 FUZZ_PATTERN=$pattern bash -c "source '$BENCH/lib.sh'
  bench_pause_fuzz; echo \$BENCH_PAUSED; false" 2>/dev/null) && fail "the failing script exited 0"
[ "$during" = "$standin" ] || fail "paused '$during', want exactly the stand-in $standin"
[ "$(state_soon "$standin" S)" = S ] || fail "stand-in not resumed after the script failed"
# while paused, it is stopped (T)
PAUSE_FUZZ=1 FUZZ_PATTERN=$pattern bash -c "source '$BENCH/lib.sh'; bench_pause_fuzz; sleep 5 >/dev/null 2>&1 & wait" &
pauser=$!
[ "$(state_soon "$standin" T)" = T ] || fail "stand-in not stopped while paused"
kill "$pauser"
wait "$pauser" 2>/dev/null
[ "$(state_soon "$standin" S)" = S ] || fail "stand-in not resumed after the pausing script was killed (TERM)"
# a pause longer than PAUSE_MAX is ended by the watchdog while the script still runs
PAUSE_FUZZ=1 PAUSE_MAX=1 FUZZ_PATTERN=$pattern bash -c "source '$BENCH/lib.sh'; bench_pause_fuzz; sleep 8 >/dev/null 2>&1 & wait" 2>"$WORK/watchdog.err" &
pauser=$!
[ "$(state_soon "$standin" T)" = T ] || fail "stand-in not stopped (PAUSE_MAX=1)"
[ "$(state_soon "$standin" S)" = S ] || fail "stand-in not resumed by the watchdog after PAUSE_MAX=1 s"
kill -0 "$pauser" 2>/dev/null || fail "the pausing script ended early; the watchdog was not what resumed"
kill "$pauser"
wait "$pauser" 2>/dev/null
expect_match "$(cat "$WORK/watchdog.err")" "resumed after PAUSE_MAX=1 s"
# without PAUSE_FUZZ=1 nothing is stopped
during=$(FUZZ_PATTERN=$pattern bash -c "source '$BENCH/lib.sh'; bench_pause_fuzz; echo \$BENCH_PAUSED")
[ -z "$during" ] || fail "stopped without PAUSE_FUZZ=1: $during"
kill -CONT "$standin" # in case a check above failed with it stopped
kill "$standin"
wait "$standin" 2>/dev/null
finish
