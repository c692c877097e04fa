#!/usr/bin/env bash
# rerun.sh [RHEA]: what a re-run of `rhea analyze` costs (issue 13: under 50 ms with no new commit,
# O(k) with k new commits, whatever the history's length).
#
# For each N of SIZES (default 10000 100000) it takes the synthetic history of N + max(KS) commits
# (rhea-sample-repo --synthetic, cached in CACHE as ingest_table.sh does; its first N commits are
# the N-commit history, because the generator is deterministic and linear), ingests its first N
# commits (--ref <id of main~max(KS)>) into a database, then times
#   - the no-op re-run at the same ref, NOOP times (default 10): median and range;
#   - for each k of KS (default 1 10 100 1000): the run at main~(max(KS) - k), which reads exactly k
#     new commits, on a fresh copy of the N-commit database each time, REPEAT times (default 3):
#     median, and the median per new commit.
# Times are wall clock from bash's EPOCHREALTIME around the process (so they include its start-up).
# Each run's "K new commits read" line is checked, so a run that read more than k commits fails.
# PAUSE_FUZZ=1: see lib.sh.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
source "$HERE/lib.sh"
RHEA=${1:-$HERE/../../build/rhea}
GEN=${GEN:-$(dirname "$RHEA")/rhea-sample-repo}
CACHE=${CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/rhea-bench}
SIZES=${SIZES:-"10000 100000"}
KS=${KS:-"1 10 100 1000"}
NOOP=${NOOP:-10}
REPEAT=${REPEAT:-3}
for v in $SIZES $KS $NOOP $REPEAT; do
  case $v in '' | *[!0-9]* | 0) echo "rerun.sh: '$v' in SIZES, KS, NOOP or REPEAT: give whole numbers >= 1" >&2; exit 2 ;; esac
done
[ -x "$RHEA" ] || { echo "rerun.sh: $RHEA is not an executable; build rhea or pass its path" >&2; exit 1; }
[ -x "$GEN" ] || { echo "rerun.sh: generator $GEN missing; build rhea-sample-repo or set GEN" >&2; exit 1; }
KMAX=$(printf '%s\n' $KS | sort -n | tail -1)
TMP=$(mktemp -d)
bench_on_exit 'rm -rf "$TMP"'

# ms_since START: milliseconds from START (an EPOCHREALTIME value) to now.
ms_since() { awk -v a="$1" -v b="$EPOCHREALTIME" 'BEGIN{printf "%.1f\n", (b - a) * 1000}'; }

# analyze DB REF WANT: one timed run that must read WANT new commits; prints its milliseconds.
analyze() {
  local t0 out ms
  t0=$EPOCHREALTIME
  out=$("$RHEA" analyze "$REPO" --product bench --db "$1" --ref "$2" 2>&1) ||
    { echo "rerun.sh: rhea analyze failed: $out" >&2; return 1; }
  ms=$(ms_since "$t0")
  grep -q "^bench: $3 new commits read" <<<"$out" ||
    { echo "rerun.sh: expected $3 new commits, rhea said: $out" >&2; return 1; }
  echo "$ms"
}

# copy_db FROM TO: a fresh copy, on disk before the timed run: the copy's pages were dirty in the
# page cache, and the run's first fsync wrote the whole file (15-30 ms of a one-commit run on the
# 100k database, 41 MB), a cost of the copy, not of the re-run.
copy_db() {
  rm -f "$2" "$2-wal" "$2-shm"
  cp "$1" "$2"
  [ ! -e "$1-wal" ] || cp "$1-wal" "$2-wal"
  sync "$2"
}

echo "$(bench_machine)"
echo "rhea: $RHEA; wall times in ms (EPOCHREALTIME around the process)"
echo
echo "| history | new commits k | runs | median | min - max | median per new commit |"
echo "|---|---:|---:|---:|---:|---:|"
for n in $SIZES; do
  REPO=$(bench_synthetic "$GEN" "$CACHE" $((n + KMAX))) || { echo "rerun.sh: generation failed" >&2; exit 1; }
  DB=$TMP/base-$n.sqlite
  base_ref=$(git --git-dir="$REPO" rev-parse "main~$KMAX")
  analyze "$DB" "$base_ref" "$n" >/dev/null
  stored=$(git --git-dir="$REPO" rev-list --count "$base_ref")
  [ "$stored" = "$n" ] || { echo "rerun.sh: $REPO main~$KMAX has $stored commits, not $n" >&2; exit 1; }
  # PAUSE_FUZZ=1: paused around each series of short runs (seconds), not across sizes
  bench_pause_fuzz
  : >"$TMP/noop"
  for _ in $(seq "$NOOP"); do analyze "$DB" "$base_ref" 0 >>"$TMP/noop"; done
  bench_resume_fuzz
  for k in $KS; do
    ref=$(git --git-dir="$REPO" rev-parse "main~$((KMAX - k))")
    : >"$TMP/k$k"
    bench_pause_fuzz
    for _ in $(seq "$REPEAT"); do
      copy_db "$DB" "$TMP/k.sqlite"
      analyze "$TMP/k.sqlite" "$ref" "$k" >>"$TMP/k$k"
    done
    bench_resume_fuzz
  done
  for k in 0 $KS; do
    f=$TMP/k$k runs=$REPEAT
    [ "$k" != 0 ] || f=$TMP/noop runs=$NOOP
    med=$(bench_median <"$f")
    range=$(sort -g "$f" | sed -n '1p;$p' | paste -sd' ' | awk '{printf "%s - %s", $1, $2}')
    per=$([ "$k" = 0 ] && echo "-" || awk -v m="$med" -v k="$k" 'BEGIN{printf "%.2f", m / k}')
    printf '| synthetic %s | %s | %s | %s | %s | %s |\n' "$n" "$k" "$runs" "$med" "$range" "$per"
  done
done
echo
echo "k = 0 is the no-op re-run (target < 50 ms); the cost of k new commits should grow with k and"
echo "stay the same for the same k on histories of different length."
