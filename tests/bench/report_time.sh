#!/usr/bin/env bash
# report_time.sh DB [RHEA] [RHEA_BEFORE]: times `rhea report --format html` (charts included) over
# every product of a study database against issue 13's target of 1 s: `--rq 1` (the history
# metrics) and `--rq all`, each cold and warm. Cold: a copy of DB with nothing stored (schema 4's
# evidence_cache and schema 5's summary_cache emptied), so the report computes every product's
# figures and evidence and stores them; warm: the same report again on that copy, which reads
# what was stored. With RHEA_BEFORE, it runs alternately on its own copy of DB, with both tables
# dropped and the schema set back to 3 (any build from schema 3 on reads it; a later one upgrades
# it), and every report of both binaries, cold and warm, must be identical byte for byte.
# RUNS (default 3) runs after one warm-up; medians of wall and CPU (user + system) from GNU time.
set -euo pipefail
DB=${1:?usage: report_time.sh DB [RHEA] [RHEA_BEFORE]}
RHEA=${2:-$(dirname "$0")/../../build/rhea}
BEFORE=${3:-}
RUNS=${RUNS:-3}
TIME=${TIME_BIN:-/usr/bin/time}
[ -x "$TIME" ] || { echo "report_time.sh: needs GNU time at $TIME (apt-get install time)" >&2; exit 1; }
command -v sqlite3 >/dev/null || { echo "report_time.sh: needs sqlite3 (apt-get install sqlite3)" >&2; exit 1; }
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

run() { # LABEL BINARY RQ DB
  "$TIME" -f '%e %U %S' -a -o "$TMP/$1.$3" "$2" report --db "$4" --rq "$3" --format html \
    -o "$TMP/$1.$3.html" 2>/dev/null
  cmp -s "$TMP/$1.$3.html" "$TMP/ref.$3.html" 2>/dev/null || [ ! -e "$TMP/ref.$3.html" ] ||
    { echo "report_time.sh: --rq $3: $1's report differs from the first one" >&2; exit 1; }
  [ -e "$TMP/ref.$3.html" ] || cp "$TMP/$1.$3.html" "$TMP/ref.$3.html"
}
has_table() { [ -n "$(sqlite3 "$1" "SELECT name FROM sqlite_master WHERE name = '$2'")" ]; }
fresh() { # OUT: a copy of DB; a -wal file an earlier copy left at OUT would be replayed into it
  rm -f "$1" "$1-wal" "$1-shm"
  cp "$DB" "$1"
}
cold_copy() { # OUT: DB with nothing stored, as this build reads it
  fresh "$1"
  for t in evidence_cache summary_cache; do
    if has_table "$1" $t; then sqlite3 "$1" "DELETE FROM $t"; fi
  done
}
before_copy() { # OUT: DB as a schema 3 build reads it
  fresh "$1"
  # schema 6's changes table and commits columns back to version 5's shape first
  if [ "$(sqlite3 "$1" 'PRAGMA user_version')" -ge 6 ]; then
    sqlite3 "$1" <"$(dirname "$0")/../data/schema_v6_to_v5.sql"
  fi
  for t in evidence_cache summary_cache; do
    if has_table "$1" $t; then sqlite3 "$1" "DROP TABLE $t"; fi
  done
  sqlite3 "$1" "PRAGMA user_version = 3"
}
median() {
  awk "{print $2}" "$TMP/$1" | sort -g | awk '{v[NR]=$1} END{
    if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
load=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)
products=$(sqlite3 "$DB" "SELECT count(*) FROM products" 2>/dev/null || echo '?')
for i in $(seq 0 "$RUNS"); do # run 0: the warm-up
  label=cold warm=warm
  [ "$i" = 0 ] && label=warmup warm=warmup
  for rq in 1 all; do
    if [ -n "$BEFORE" ]; then
      before_copy "$TMP/before.sqlite"
      run "${label/cold/before}" "$BEFORE" $rq "$TMP/before.sqlite"
    fi
    cold_copy "$TMP/$rq.sqlite"
    run "$label" "$RHEA" $rq "$TMP/$rq.sqlite"
    run "$warm" "$RHEA" $rq "$TMP/$rq.sqlite"
  done
done
echo "$DB: $products products; medians of $RUNS runs (load average $load); target 1 s"
line() { # TEXT LABEL RQ
  printf '  %-44s wall %6.2f s  cpu %6.2f s\n' "$1" "$(median "$2.$3" '$1')" \
    "$(median "$2.$3" '$2 + $3')"
}
line "report --rq 1 --format html, cold" cold 1
line "report --rq 1 --format html, warm" warm 1
line "report --rq all --format html, cold" cold all
line "report --rq all --format html, warm" warm all
if [ -n "$BEFORE" ]; then
  line "before: report --rq 1" before 1
  line "before: report --rq all" before all
  echo "  every report of both binaries identical"
else
  echo "  cold and warm reports identical"
fi
