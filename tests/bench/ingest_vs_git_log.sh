#!/usr/bin/env bash
# ingest_vs_git_log.sh REPO [RHEA]: times a full `rhea analyze --quiet` of REPO into a fresh database
# against `git log --no-merges --no-renames --name-only --format=%H HEAD` (output to /dev/null) on
# the same repository, and prints both times and the ratio rhea/git. Both read every commit and list
# the paths each non-merge commit changed; rhea also writes them to SQLite.
#
# REPO may be a work tree or a bare repository. Each command runs RUNS times (default 3) after one
# warm-up run, and the best wall time counts: the best run is the one least disturbed by other load
# on the machine. With hyperfine installed, hyperfine does the timing instead and its minimum counts.
set -euo pipefail
REPO=${1:?usage: ingest_vs_git_log.sh REPO [RHEA]}
RHEA=${2:-$(dirname "$0")/../../build/rhea}
RUNS=${RUNS:-3}
GIT_DIR=$(git -C "$REPO" rev-parse --absolute-git-dir)
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
DB=$TMP/bench.sqlite

run_rhea() {
  rm -f "$DB" "$DB-wal" "$DB-shm"
  "$RHEA" analyze "$REPO" --product bench --db "$DB" --quiet >/dev/null
}
run_git() {
  git --git-dir="$GIT_DIR" log --no-merges --no-renames --name-only --format=%H HEAD >/dev/null
}

# best_of NAME: the minimum wall time in seconds of RUNS runs of run_NAME.
best_of() {
  local best="" t0 t1 t
  "run_$1"
  for _ in $(seq "$RUNS"); do
    t0=$(date +%s%N)
    "run_$1"
    t1=$(date +%s%N)
    t=$(((t1 - t0) / 1000))
    if [ -z "$best" ] || [ "$t" -lt "$best" ]; then best=$t; fi
  done
  awk -v us="$best" 'BEGIN{printf "%.3f", us / 1e6}'
}

if command -v hyperfine >/dev/null; then
  export -f run_rhea run_git
  export REPO RHEA GIT_DIR DB
  hyperfine -N --warmup 1 --runs "$RUNS" --export-json "$TMP/h.json" --style none \
    "bash -c run_rhea" "bash -c run_git" >/dev/null
  read -r rhea_s git_s < <(python3 -c 'import json,sys
r=json.load(open(sys.argv[1]))["results"]
print("%.3f %.3f" % (r[0]["min"], r[1]["min"]))' "$TMP/h.json")
else
  rhea_s=$(best_of rhea)
  git_s=$(best_of git)
fi
commits=$(git --git-dir="$GIT_DIR" rev-list --count HEAD)
awk -v r="$rhea_s" -v g="$git_s" -v c="$commits" -v repo="$REPO" 'BEGIN{
  printf "%s: %d commits; rhea analyze %.3f s, git log %.3f s, ratio rhea/git %.2f\n",
    repo, c, r, g, r / g }'
