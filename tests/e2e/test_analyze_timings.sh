#!/usr/bin/env bash
# rhea analyze --timings: one line on stderr with each step's wall time, whose parts fit in the
# total, and how many of the commits the worker process read; nothing of it without the option,
# and none after a failed run.
source "$(dirname "$0")/lib.sh"
DB=$WORK/r.sqlite
"$SAMPLE_GEN" "$WORK/repo" >/dev/null || fail "sample generator failed"

N='[0-9]+\.[0-9]'
LINE="^rhea analyze: timings: walk ($N) ms, read and store ($N) ms, indexes ($N) ms, commit ($N) ms, close ($N) ms; ($N) ms since the command started; the worker process read ([0-9]+) of ([0-9]+) commits$"
expect_exit 0 "$RHEA" analyze "$WORK/repo" --product p --db "$DB" --quiet --timings
expect_match "$ERR" "$LINE"
one_line "$ERR"
# the steps run one after another inside the command: their sum is at most its total
parts=$(sed -E "s/$LINE/\1 \2 \3 \4 \5 \6 \7 \8/" <<<"$ERR")
awk '{ if ($1 + $2 + $3 + $4 + $5 > $6 + 0.5) exit 1 }' <<<"$parts" ||
  fail "the steps ($parts) add up to more than the total"
# the sample's 13 commits were read, so reading took some time
awk '{ if ($2 <= 0) exit 1 }' <<<"$parts" || fail "no time for reading 13 commits ($parts)"
# 13 commits are too few for a worker process (256 or more): all read by rhea itself
awk '{ if ($7 != 0 || $8 != 13) exit 1 }' <<<"$parts" || fail "13 commits, none by the worker ($parts)"

expect_exit 0 "$RHEA" analyze "$WORK/repo" --product p --db "$DB" --quiet
[ -z "$ERR" ] || fail "timings without --timings: $ERR"
expect_exit 1 "$RHEA" analyze "$WORK/absent" --product q --db "$DB" --quiet --timings
grep -q timings <<<"$ERR" && fail "timings after a failed run: $ERR"
finish
