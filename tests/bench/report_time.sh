#!/usr/bin/env bash
# report_time.sh DB [RHEA] [RHEA_BEFORE]: times `rhea report --rq all --format html` (charts
# included) over every product of a study database, and `--rq 1` alone (the history metrics,
# without RQ2-RQ6's reading of each product's tree at the window's end), against issue 13's target
# of 1 s. With RHEA_BEFORE, both binaries run alternately and their reports must be identical.
# RUNS (default 3) runs after one warm-up; medians of wall and CPU (user + system) from GNU time.
set -euo pipefail
DB=${1:?usage: report_time.sh DB [RHEA] [RHEA_BEFORE]}
RHEA=${2:-$(dirname "$0")/../../build/rhea}
BEFORE=${3:-}
RUNS=${RUNS:-3}
TIME=${TIME_BIN:-/usr/bin/time}
[ -x "$TIME" ] || { echo "report_time.sh: needs GNU time at $TIME (apt-get install time)" >&2; exit 1; }
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

run() { # LABEL BINARY RQ
  "$TIME" -f '%e %U %S' -a -o "$TMP/$1.$3" "$2" report --db "$DB" --rq "$3" --format html \
    -o "$TMP/$1.$3.html" 2>/dev/null
}
median() {
  awk "{print $2}" "$TMP/$1" | sort -g | awk '{v[NR]=$1} END{
    if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
load=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)
products=$(sqlite3 "$DB" "SELECT count(*) FROM products" 2>/dev/null || echo '?')
for rq in 1 all; do
  [ -n "$BEFORE" ] && run warm "$BEFORE" $rq
  run warm "$RHEA" $rq
  for _ in $(seq "$RUNS"); do
    [ -n "$BEFORE" ] && run before "$BEFORE" $rq
    run after "$RHEA" $rq
  done
  if [ -n "$BEFORE" ]; then
    cmp -s "$TMP/before.$rq.html" "$TMP/after.$rq.html" ||
      { echo "report_time.sh: --rq $rq: the two binaries' reports differ" >&2; exit 1; }
  fi
done
echo "$DB: $products products; medians of $RUNS runs (load average $load); target 1 s"
for rq in 1 all; do
  line=$(printf '  report --rq %-3s --format html: wall %.2f s  cpu %.2f s' "$rq" \
    "$(median after.$rq '$1')" "$(median after.$rq '$2 + $3')")
  if [ -n "$BEFORE" ]; then
    line="$line$(printf '   (before: wall %.2f s  cpu %.2f s; reports identical)' \
      "$(median before.$rq '$1')" "$(median before.$rq '$2 + $3')")"
  fi
  echo "$line"
done
