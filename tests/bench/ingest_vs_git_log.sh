#!/usr/bin/env bash
# ingest_vs_git_log.sh REPO [RHEA]: times a full `rhea analyze --quiet` of REPO into a fresh database
# against `git log --no-merges --no-renames --name-only --format=%H HEAD` (output to /dev/null) on
# the same repository. Both read every commit and list the paths each non-merge commit changed;
# rhea also writes them to SQLite.
#
# Runs alternate (rhea, git, rhea, git, ...) RUNS times each (default 5) after one warm-up of each,
# so that load from elsewhere hits both alike; each figure is the median over the runs: wall time
# from bash's EPOCHREALTIME around the run (microseconds; GNU time's %e counts hundredths, a tenth
# of a small repository's time), CPU seconds (user + system) and peak resident memory from GNU
# time. Prints the figures,
# the ratios rhea/git, rhea's wall and CPU time per commit, and the load average at the start
# (on a loaded machine wall ratios are noise; the CPU ratio is the steadier figure).
#
# REPO may be a work tree or a bare repository. RESULT_FILE=F appends the medians to F as one
# tab-separated line (repository, commits, runs, rhea wall, git wall, rhea cpu, git cpu, rhea
# peak KiB, git peak KiB, load, rhea PSS KiB, git PSS KiB) for tests/bench/ingest_table.sh.
# PAUSE_FUZZ=1 stops the background fuzzers during each run and resumes them after (lib.sh).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
REPO=${1:?usage: ingest_vs_git_log.sh REPO [RHEA]}
RHEA=${2:-$(dirname "$0")/../../build/rhea}
RUNS=${RUNS:-5}
TIME=${TIME_BIN:-/usr/bin/time}
[ -x "$TIME" ] || { echo "ingest_vs_git_log.sh: needs GNU time at $TIME (apt-get install time)" >&2; exit 1; }
GIT_DIR=$(git -C "$REPO" rev-parse --absolute-git-dir)
case $RUNS in '' | *[!0-9]* | 0) echo "ingest_vs_git_log.sh: RUNS=$RUNS: give a whole number >= 1" >&2; exit 2 ;; esac
TMP=$(mktemp -d)
bench_on_exit 'rm -rf "$TMP"' 
DB=$TMP/bench.sqlite

# wall FILE CMD...: runs CMD, appending its wall time in seconds (from EPOCHREALTIME) to FILE.wall
wall() {
  local file=$1 t0 t1
  shift
  t0=${EPOCHREALTIME/,/.} # a locale may write a comma
  "$@"
  t1=${EPOCHREALTIME/,/.}
  awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.6f\n", b - a}' >>"$TMP/$file.wall"
}
run_rhea() {
  rm -f "$DB" "$DB-wal" "$DB-shm"
  wall "$1" "$TIME" -f '%e %U %S %M' -a -o "$TMP/$1" "$RHEA" analyze "$REPO" --product bench \
    --db "$DB" --quiet >/dev/null
}
run_git() {
  wall "$1" "$TIME" -f '%e %U %S %M' -a -o "$TMP/$1" \
    git --git-dir="$GIT_DIR" log --no-merges --no-renames --name-only --format=%H HEAD >/dev/null
}

load=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)
# PAUSE_FUZZ=1: paused around each run, never across the series (lib.sh says why)
timed() {
  bench_pause_fuzz
  "$@"
  bench_resume_fuzz
}
timed run_rhea warm
timed run_git warm
for _ in $(seq "$RUNS"); do
  timed run_rhea rhea
  timed run_git git
done

# median FILE COLUMN-EXPRESSION: the median over the runs of an awk expression of the columns.
median() {
  awk "{print $2}" "$TMP/$1" | sort -g | awk '{v[NR]=$1} END{
    if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
rw=$(median rhea.wall '$1')
gw=$(median git.wall '$1')
rc=$(median rhea '$2 + $3')
gc=$(median git '$2 + $3')
rm_=$(median rhea '$4')
gm=$(median git '$4')
commits=$(git --git-dir="$GIT_DIR" rev-list --count HEAD)
awk -v rw="$rw" -v gw="$gw" -v rc="$rc" -v gc="$gc" -v rm="$rm_" -v gm="$gm" -v c="$commits" \
  -v repo="$REPO" -v runs="$RUNS" -v load="$load" '
  # GNU time counts in hundredths: a tiny repository can take "0.00 s"
  function ratio(a, b) { return b > 0 ? sprintf("%.2f", a / b) : "n/a" }
  BEGIN{
  printf "%s: %d commits; medians of %d alternating runs (load average %s)\n", repo, c, runs, load
  printf "  wall    rhea %.3f s  git %.3f s  ratio %s\n", rw, gw, ratio(rw, gw)
  printf "  cpu     rhea %.3f s  git %.3f s  ratio %s (user + system)\n", rc, gc, ratio(rc, gc)
  printf "  peakRSS rhea %.1f MiB  git %.1f MiB  ratio %s (largest single process, GNU time)\n", rm / 1024, gm / 1024, ratio(rm, gm)
  printf "  per commit: rhea wall %.1f us, cpu %.1f us\n", rw * 1e6 / c, rc * 1e6 / c }'

# Memory of every process together (rhea forks a reading worker): one more run of each, sampled by
# peak_memory.sh; PSS shares the pack pages both processes map, RSS counts them twice.
rm -f "$DB" "$DB-wal" "$DB-shm"
bench_pause_fuzz
read -r r_rss r_pss _ < <("$(dirname "$0")/peak_memory.sh" "$RHEA" analyze "$REPO" --product bench \
  --db "$DB" --quiet 2>&1 >/dev/null | tail -1)
read -r g_rss g_pss _ < <("$(dirname "$0")/peak_memory.sh" git --git-dir="$GIT_DIR" log --no-merges \
  --no-renames --name-only --format=%H HEAD 2>&1 >/dev/null | tail -1)
bench_resume_fuzz
awk -v rr="$r_rss" -v rp="$r_pss" -v gr="$g_rss" -v gp="$g_pss" '
  function ratio(a, b) { return b > 0 ? sprintf("%.2f", a / b) : "n/a" }
  BEGIN{
  printf "  all processes, sampled: PSS rhea %.1f MiB  git %.1f MiB  ratio %s; RSS sum rhea %.1f MiB  git %.1f MiB  ratio %s\n",
    rp / 1024, gp / 1024, ratio(rp, gp), rr / 1024, gr / 1024, ratio(rr, gr) }'
if [ -n "${RESULT_FILE:-}" ]; then
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$REPO" "$commits" "$RUNS" "$rw" "$gw" \
    "$rc" "$gc" "$rm_" "$gm" "$load" "${r_pss:-0}" "${g_pss:-0}" >>"$RESULT_FILE"
fi
