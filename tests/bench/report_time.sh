#!/usr/bin/env bash
# report_time.sh DB [RHEA] [RHEA_BEFORE]: times `rhea report --format html` (charts included) over
# every product of a study database against issue 13's target of 1 s: `--rq 1` alone (the history
# metrics), and `--rq all` cold and warm. Cold: a copy of DB with no stored evidence (schema 4's
# evidence_cache emptied), so the report reads every product's tree and stores what it found;
# warm: the same report again on that copy, which reads the stored evidence. With RHEA_BEFORE, it
# runs alternately on its own copy of DB, with the stored evidence dropped and the schema set back
# to 3 (a build from before schema 4 reads it; a later one upgrades it), and every report of both
# binaries, cold and warm, must be identical byte for byte.
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
has_cache() { [ -n "$(sqlite3 "$1" "SELECT name FROM sqlite_master WHERE name = 'evidence_cache'")" ]; }
fresh() { # OUT: a copy of DB; a -wal file an earlier copy left at OUT would be replayed into it
  rm -f "$1" "$1-wal" "$1-shm"
  cp "$DB" "$1"
}
cold_copy() { # OUT: DB without stored evidence, as this build reads it
  fresh "$1"
  if has_cache "$1"; then sqlite3 "$1" "DELETE FROM evidence_cache"; fi
}
before_copy() { # OUT: DB as a schema 3 build reads it
  fresh "$1"
  if has_cache "$1"; then sqlite3 "$1" "DROP TABLE evidence_cache; PRAGMA user_version = 3"; fi
}
median() {
  awk "{print $2}" "$TMP/$1" | sort -g | awk '{v[NR]=$1} END{
    if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
load=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)
products=$(sqlite3 "$DB" "SELECT count(*) FROM products" 2>/dev/null || echo '?')
cold_copy "$TMP/rq1.sqlite"
[ -n "$BEFORE" ] && before_copy "$TMP/before-rq1.sqlite"
[ -n "$BEFORE" ] && run warmup "$BEFORE" 1 "$TMP/before-rq1.sqlite"
run warmup "$RHEA" 1 "$TMP/rq1.sqlite"
for _ in $(seq "$RUNS"); do
  [ -n "$BEFORE" ] && run before "$BEFORE" 1 "$TMP/before-rq1.sqlite"
  run after "$RHEA" 1 "$TMP/rq1.sqlite"
done
for i in $(seq 0 "$RUNS"); do # run 0: the warm-up
  label=cold warm=warm
  [ "$i" = 0 ] && label=warmup warm=warmup
  if [ -n "$BEFORE" ]; then
    before_copy "$TMP/before.sqlite"
    run "${label/cold/before}" "$BEFORE" all "$TMP/before.sqlite"
  fi
  cold_copy "$TMP/all.sqlite"
  run "$label" "$RHEA" all "$TMP/all.sqlite"
  run "$warm" "$RHEA" all "$TMP/all.sqlite"
done
echo "$DB: $products products; medians of $RUNS runs (load average $load); target 1 s"
line() { # TEXT LABEL RQ
  printf '  %-44s wall %6.2f s  cpu %6.2f s\n' "$1" "$(median "$2.$3" '$1')" \
    "$(median "$2.$3" '$2 + $3')"
}
line "report --rq 1 --format html" after 1
line "report --rq all --format html, cold" cold all
line "report --rq all --format html, warm" warm all
if [ -n "$BEFORE" ]; then
  line "before: report --rq 1" before 1
  line "before: report --rq all" before all
  echo "  every report of both binaries identical"
else
  echo "  cold and warm reports identical"
fi
