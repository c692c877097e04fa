#!/usr/bin/env bash
# ingest_phases.sh [RHEA]: where a full ingest's wall time goes, step by step. Runs `rhea analyze
# --timings` RUNS times (default 5, after one warm-up) into a fresh database on each repository of
# REPOS and prints one markdown table of the medians: the walk (serial, before anything is read),
# reading and storing (both reading processes and the writer), the indexes built again, the last
# commit, closing the database, the command's own total, and the process's wall time (bash's
# EPOCHREALTIME around it, in microseconds: GNU time's hundredths read 0 for a 5 ms run), whose
# difference from the total is start-up and exit. The serial share is every step but reading
# and storing, over the wall time: the part a second core does not help.
#
# REPOS: paths of repositories, or synthetic:N as in ingest_table.sh (CACHE, GEN and
# generation.log alike, through lib.sh's bench_synthetic). Default:
# the five repositories of issue 13 under /work/.mirror. PAUSE_FUZZ=1: see lib.sh.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
source "$HERE/lib.sh"
RHEA=${1:-$HERE/../../build/rhea}
GEN=${GEN:-$(dirname "$RHEA")/rhea-sample-repo}
CACHE=${CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/rhea-bench}
RUNS=${RUNS:-5}
M=/work/.mirror
REPOS=${REPOS:-"$M/SanPen+GridCal/repo $M/Audiveris+audiveris/repo $M/ICIJ+datashare/repo \
$M/florisboard+florisboard/repo $M/SubtitleEdit+subtitleedit/repo"}
[ -x "$RHEA" ] || { echo "ingest_phases.sh: $RHEA is not an executable; build rhea or pass its path" >&2; exit 1; }
case $RUNS in '' | *[!0-9]* | 0) echo "ingest_phases.sh: RUNS=$RUNS: give a number of runs from 1" >&2; exit 2 ;; esac
TMP=$(mktemp -d)
bench_on_exit 'rm -rf "$TMP"'
echo "$(bench_machine) (at the start)"
echo
echo "| repository | runs | walk | read and store | indexes | commit | close | command total | process wall | serial share |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
for r in $REPOS; do
  label=$r
  case $r in
    synthetic:*)
      n=${r#synthetic:}
      case $n in '' | *[!0-9]*) echo "ingest_phases.sh: $r: write synthetic:N with a number of commits" >&2; exit 2 ;; esac
      [ -x "$GEN" ] || { echo "ingest_phases.sh: generator $GEN missing; build rhea-sample-repo or set GEN" >&2; exit 1; }
      r=$(bench_synthetic "$GEN" "$CACHE" "$n") || { echo "ingest_phases.sh: generating $label failed" >&2; exit 1; }
      label="synthetic $n" ;;
    *)
      if [ ! -d "$r" ]; then
        echo "ingest_phases.sh: $r: not found, left out of the table (fetch it, or set REPOS)" >&2
        continue
      fi
      case $r in */.mirror/*+*/repo) label=$(basename "$(dirname "$r")" | tr + /) ;; esac ;;
  esac
  : >"$TMP/rows"
  for i in $(seq 0 "$RUNS"); do
    rm -f "$TMP/db.sqlite" "$TMP/db.sqlite-wal" "$TMP/db.sqlite-shm" "$TMP/db.sqlite-journal"
    bench_pause_fuzz
    t0=${EPOCHREALTIME/,/.} # a locale may write a comma
    "$RHEA" analyze "$r" --product bench --db "$TMP/db.sqlite" --quiet --timings >/dev/null \
      2>"$TMP/err" || true # a failed run has no timings line: said below
    t1=${EPOCHREALTIME/,/.}
    bench_resume_fuzz
    [ "$i" -eq 0 ] && continue # the warm-up
    line=$(grep 'timings:' "$TMP/err") || { echo "ingest_phases.sh: no timings from $r: $(cat "$TMP/err")" >&2; exit 1; }
    # walk, read, indexes, commit, close, total (ms), then the wall (s)
    echo "$(sed -E 's/.*walk ([0-9.]+) ms, read and store ([0-9.]+) ms, indexes ([0-9.]+) ms, commit ([0-9.]+) ms, close ([0-9.]+) ms; ([0-9.]+) ms.*/\1 \2 \3 \4 \5 \6/' <<<"$line") $(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.6f", b - a }')" >>"$TMP/rows"
  done
  awk -v label="$label" -v runs="$RUNS" '
    { for (c = 1; c <= 7; c++) v[c, NR] = $c }
    END {
      for (c = 1; c <= 7; c++) {
        for (i = 1; i <= NR; i++) a[i] = v[c, i]
        for (i = 2; i <= NR; i++) { x = a[i]; for (j = i - 1; j >= 1 && a[j] > x; j--) a[j + 1] = a[j]; a[j + 1] = x }
        med[c] = a[int((NR + 1) / 2)]
      }
      wall = med[7] * 1000
      serial = wall - med[2]
      printf "| %s | %d | %.1f ms | %.1f ms | %.1f ms | %.1f ms | %.1f ms | %.1f ms | %.1f ms | %.0f%% |\n",
        label, runs, med[1], med[2], med[3], med[4], med[5], med[6], wall, (wall > 0 ? 100 * serial / wall : 0)
    }' "$TMP/rows"
done
echo
echo "$(bench_machine) (at the end)"
echo "rhea: $RHEA; medians of $RUNS runs after one warm-up each; the serial share counts start-up and exit too"
