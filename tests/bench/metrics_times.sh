#!/usr/bin/env bash
# metrics_times.sh DB PRODUCT [RHEA] [RHEA_BEFORE]: times `rhea contributors` and `rhea coupling`
# (1000 permutations and 1000 bootstrap resamples, the defaults, written out) on one product of
# a database, against issue 13's target of 100 ms each. With RHEA_BEFORE (another build), both
# binaries run alternately on the same database, and their outputs (JSON and text) must be
# identical: a speed-up may not change a statistic.
#
# Each command runs RUNS times (default 7) after one warm-up; the figures are medians of wall and
# CPU (user + system) time from bash's `time` (milliseconds: GNU time's 10 ms steps were a tenth of
# the target). No git counterpart exists for these figures, so no ratio to git is printed; the
# load average at the start says how far wall time can be trusted.
set -euo pipefail
DB=${1:?usage: metrics_times.sh DB PRODUCT [RHEA] [RHEA_BEFORE]}
PRODUCT=${2:?usage: metrics_times.sh DB PRODUCT [RHEA] [RHEA_BEFORE]}
RHEA=${3:-$(dirname "$0")/../../build/rhea}
BEFORE=${4:-}
RUNS=${RUNS:-7}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

args() { # COMMAND
  if [ "$1" = coupling ]; then
    echo "coupling --db $DB --product $PRODUCT --permutations 1000 --bootstrap 1000"
  else
    echo "contributors --db $DB --product $PRODUCT --permutations 1000"
  fi
}
run() { # LABEL BINARY COMMAND
  local TIMEFORMAT='%3R %3U %3S'
  # shellcheck disable=SC2046
  { time "$2" $(args "$3") >/dev/null; } 2>>"$TMP/$1.$3"
}
median() {
  awk "{print $2}" "$TMP/$1" | sort -g | awk '{v[NR]=$1} END{
    if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

load=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)
for cmd in contributors coupling; do
  if [ -n "$BEFORE" ]; then
    for format in json text; do
      # shellcheck disable=SC2046
      "$BEFORE" $(args $cmd) --format $format >"$TMP/before.out"
      # shellcheck disable=SC2046
      "$RHEA" $(args $cmd) --format $format >"$TMP/after.out"
      cmp -s "$TMP/before.out" "$TMP/after.out" ||
        { echo "metrics_times.sh: rhea $cmd --format $format: the two binaries disagree" >&2; exit 1; }
    done
    run warm "$BEFORE" $cmd
  fi
  run warm "$RHEA" $cmd
  for _ in $(seq "$RUNS"); do
    [ -n "$BEFORE" ] && run before "$BEFORE" $cmd
    run after "$RHEA" $cmd
  done
done
echo "$DB $PRODUCT: medians of $RUNS runs (load average $load); target 100 ms"
for cmd in contributors coupling; do
  line=$(printf '  %-13s wall %.3f s  cpu %.3f s' "$cmd" "$(median after.$cmd '$1')" \
    "$(median after.$cmd '$2 + $3')")
  if [ -n "$BEFORE" ]; then
    line="$line$(printf '   (before: wall %.3f s  cpu %.3f s; JSON and text identical)' \
      "$(median before.$cmd '$1')" "$(median before.$cmd '$2 + $3')")"
  fi
  echo "$line"
done
