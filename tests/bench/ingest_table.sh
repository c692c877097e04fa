#!/usr/bin/env bash
# ingest_table.sh [RHEA]: issue 13's table. Runs tests/bench/ingest_vs_git_log.sh on each repository
# of REPOS and prints one markdown table (commits, wall, CPU and peak RSS of rhea and git with their
# ratios, rhea's wall time per commit), then the spread of the per-commit times across the generated
# histories, (max - min) / min (issue 13's target: at most 25%), and the machine with its load.
# Peak RSS is GNU time's (the largest single process); peak PSS sums every process of the command
# (one extra run each, peak_memory.sh), the fair figure once rhea forks a reading worker.
#
# REPOS: paths of repositories, or synthetic:N for an N-commit history written by rhea-sample-repo
# --synthetic N --bare into CACHE (default ~/.cache/rhea-bench, outside the source tree) the first
# time it is needed; CACHE/generation.log keeps each generation's time, memory and size.
# Default: the five repositories of issue 13 under /work/.mirror and synthetic:10000,
# synthetic:100000, synthetic:1000000. RUNS (default 5) alternating runs per repository; histories of
# LARGE commits or more (default 1000000) get RUNS_LARGE (default 1) runs, said in the table.
# GEN: the generator (default: rhea-sample-repo next to RHEA). PAUSE_FUZZ=1: see lib.sh.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
source "$HERE/lib.sh"
RHEA=${1:-$HERE/../../build/rhea}
GEN=${GEN:-$(dirname "$RHEA")/rhea-sample-repo}
CACHE=${CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/rhea-bench}
RUNS=${RUNS:-5}
RUNS_LARGE=${RUNS_LARGE:-1}
LARGE=${LARGE:-1000000}
M=/work/.mirror
REPOS=${REPOS:-"$M/SanPen+GridCal/repo $M/Audiveris+audiveris/repo $M/ICIJ+datashare/repo \
$M/florisboard+florisboard/repo $M/SubtitleEdit+subtitleedit/repo synthetic:10000 synthetic:100000 \
synthetic:1000000"}
TIME_BIN=${TIME_BIN:-/usr/bin/time}
[ -x "$TIME_BIN" ] || { echo "ingest_table.sh: needs GNU time at $TIME_BIN (apt-get install time)" >&2; exit 1; }
[ -x "$RHEA" ] || { echo "ingest_table.sh: $RHEA is not an executable; build rhea or pass its path" >&2; exit 1; }
TMP=$(mktemp -d)
bench_on_exit 'rm -rf "$TMP"'
RES=$TMP/results.tsv
: >"$RES"
machine_before=$(bench_machine)

for r in $REPOS; do
  label=$r runs=$RUNS
  case $r in
  synthetic:*)
    n=${r#synthetic:}
    case $n in '' | *[!0-9]*) echo "ingest_table.sh: $r: write synthetic:N with a number of commits" >&2; exit 2 ;; esac
    [ -x "$GEN" ] || { echo "ingest_table.sh: generator $GEN missing; build rhea-sample-repo or set GEN" >&2; exit 1; }
    path=$(bench_synthetic "$GEN" "$CACHE" "$n") || { echo "ingest_table.sh: generating $r failed" >&2; exit 1; }
    label="synthetic $n"
    [ "$n" -lt "$LARGE" ] || runs=$RUNS_LARGE
    ;;
  *)
    path=$r
    if [ ! -e "$path" ]; then
      echo "ingest_table.sh: $r: not found, left out of the table (fetch it, or set REPOS)" >&2
      continue
    fi
    case $r in */.mirror/*+*/repo) label=$(basename "$(dirname "$r")" | tr + /) ;; esac
    ;;
  esac
  echo "== $label (RUNS=$runs)" >&2
  RUNS=$runs RESULT_FILE=$TMP/one.tsv bash "$HERE/ingest_vs_git_log.sh" "$path" "$RHEA" >&2
  # the label replaces the path in the first column
  tail -1 "$TMP/one.tsv" | awk -F'\t' -v OFS='\t' -v l="$label" '{$1 = l; print}' >>"$RES"
done

echo
echo "$machine_before (at the start)"
echo "$(bench_machine) (at the end)"
echo "rhea: $RHEA; medians of RUNS alternating runs after one warm-up each (GNU time)"
echo
awk -F'\t' '
function ratio(a, b) { return b > 0 ? sprintf("%.2fx", a / b) : "n/a" }
BEGIN {
  print "| repository | commits | runs | wall rhea / git | wall ratio | CPU rhea / git | CPU ratio | peak RSS rhea / git | RSS ratio | peak PSS rhea / git | PSS ratio | rhea wall per commit |"
  print "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
}
{
  printf "| %s | %d | %d | %.2f / %.2f s | %s | %.2f / %.2f s | %s | %.0f / %.0f MiB | %s | %.0f / %.0f MiB | %s | %.1f us |\n",
    $1, $2, $3, $4, $5, ratio($4, $5), $6, $7, ratio($6, $7), $8 / 1024, $9 / 1024, ratio($8, $9),
    $11 / 1024, $12 / 1024, ratio($11, $12), $4 * 1e6 / $2
  if ($1 ~ /^synthetic /) {
    w = $4 * 1e6 / $2; c = $6 * 1e6 / $2; n++
    if (n == 1 || w < wmin) { wmin = w; wlo = $1 }
    if (n == 1 || w > wmax) { wmax = w; whi = $1 }
    if (n == 1 || c < cmin) cmin = c
    if (n == 1 || c > cmax) cmax = c
  }
}
END {
  print ""
  if (n < 2) { print "per-commit spread: needs two or more synthetic histories"; exit }
  printf "per-commit spread across %d synthetic histories, (max - min) / min (target <= 25%%):\n", n
  printf "  wall %.1f%% (min %.1f us, %s; max %.1f us, %s)\n", (wmax - wmin) * 100 / wmin, wmin, wlo, wmax, whi
  if (cmin > 0)
    printf "  CPU  %.1f%% (min %.1f us, max %.1f us)\n", (cmax - cmin) * 100 / cmin, cmin, cmax
}' "$RES"
if [ -s "$CACHE/generation.log" ] && grep -q '^synthetic' <<<"$REPOS"; then
  echo
  echo "generation (CACHE/generation.log):"
  sed 's/^/  /' "$CACHE/generation.log"
fi
