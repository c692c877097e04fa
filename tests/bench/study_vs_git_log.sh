#!/usr/bin/env bash
# study_vs_git_log.sh MANIFEST CLONES [RHEA]: times `rhea study MANIFEST --clones CLONES` into a
# fresh database with -j 1 and with -j JOBS (default 2) against the sum of git's times for the same
# repositories, each
#     git --git-dir=R log --no-merges --no-renames --name-only --format=%H HEAD >/dev/null
# run one after the other (the git floor of a study: every repository listed once).
#
# Rounds alternate (git sum, rhea -j 1, rhea -j JOBS), RUNS times (default 3) after one warm-up
# round, so that load from elsewhere hits all alike; each figure is the median over the rounds.
# Wall and CPU (user + system, children included) come from GNU time. Extra study options (e.g.
# --until 2023-08-01) go in STUDY_ARGS. Prints the medians, the ratios to git's sum and the
# speed-up of -j JOBS over -j 1, and the load average at the start.
# The study runs with --no-evidence --no-figures, so that the ingest is what is compared with git
# log (a study also stores each product's RQ2-RQ6 evidence and report figures by default;
# STUDY_EVIDENCE=1 keeps those steps).
#
# A repository is found in CLONES as rhea study finds it: owner+name/repo, owner+name, owner/name
# or name; rows with an empty repository or none of these are left out of both sides (rhea skips
# them).
set -euo pipefail
MANIFEST=${1:?usage: study_vs_git_log.sh MANIFEST CLONES [RHEA]}
CLONES=${2:?usage: study_vs_git_log.sh MANIFEST CLONES [RHEA]}
RHEA=${3:-$(dirname "$0")/../../build/rhea}
RUNS=${RUNS:-3}
JOBS=${JOBS:-2}
TIME=${TIME_BIN:-/usr/bin/time}
[ -x "$TIME" ] || { echo "study_vs_git_log.sh: needs GNU time at $TIME (apt-get install time)" >&2; exit 1; }
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

# the git directories of the manifest's repositories, in manifest order
col=$(head -1 "$MANIFEST" | tr '\t' '\n' | grep -nx repository | cut -d: -f1)
[ -n "$col" ] || { echo "study_vs_git_log.sh: $MANIFEST has no repository column" >&2; exit 1; }
tail -n +2 "$MANIFEST" | cut -f"$col" | while read -r r; do
  [ -n "$r" ] || continue
  owner=${r%%/*} name=${r#*/}
  for c in "$CLONES/$owner+$name/repo" "$CLONES/$owner+$name" "$CLONES/$r" "$CLONES/$name"; do
    if g=$(git -C "$c" rev-parse --absolute-git-dir 2>/dev/null); then
      echo "$g"
      break
    fi
  done
done >"$TMP/repos"
n=$(wc -l <"$TMP/repos")
[ "$n" -gt 0 ] || { echo "study_vs_git_log.sh: no repository of $MANIFEST found in $CLONES" >&2; exit 1; }

git_sum() {
  "$TIME" -f '%e %U %S' -a -o "$TMP/$1" bash -c 'while read -r g; do
    git --git-dir="$g" log --no-merges --no-renames --name-only --format=%H HEAD >/dev/null
  done' <"$TMP/repos"
}
study() { # OUTFILE JOBS
  rm -f "$TMP/s.sqlite" "$TMP/s.sqlite-wal" "$TMP/s.sqlite-shm"
  # shellcheck disable=SC2086
  "$TIME" -f '%e %U %S' -a -o "$TMP/$1" "$RHEA" study "$MANIFEST" --clones "$CLONES" \
    --db "$TMP/s.sqlite" --quiet -j "$2" $([ -n "${STUDY_EVIDENCE:-}" ] || echo --no-evidence --no-figures) \
    ${STUDY_ARGS:-} >/dev/null
}

load=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)
git_sum warm
study warm 1
for _ in $(seq "$RUNS"); do
  git_sum git
  study j1 1
  study jn "$JOBS"
done
commits=$(sqlite3 "$TMP/s.sqlite" "SELECT count(*) FROM commits" 2>/dev/null || echo '?')

median() {
  awk "{print $2}" "$TMP/$1" | sort -g | awk '{v[NR]=$1} END{
    if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
awk -v gw="$(median git '$1')" -v gc="$(median git '$2 + $3')" \
  -v w1="$(median j1 '$1')" -v c1="$(median j1 '$2 + $3')" \
  -v wn="$(median jn '$1')" -v cn="$(median jn '$2 + $3')" -v jobs="$JOBS" -v n="$n" \
  -v commits="$commits" -v runs="$RUNS" -v load="$load" -v m="$MANIFEST" 'BEGIN{
  printf "%s: %d repositories, %s commits stored; medians of %d rounds (load average %s)\n", m, n, commits, runs, load
  printf "  git log, one after the other: wall %.2f s  cpu %.2f s\n", gw, gc
  printf "  rhea study -j 1:               wall %.2f s  cpu %.2f s  wall ratio to git %.2f\n", w1, c1, w1 / gw
  printf "  rhea study -j %d:               wall %.2f s  cpu %.2f s  wall ratio to git %.2f\n", jobs, wn, cn, wn / gw
  printf "  speed-up of -j %d over -j 1: %.2fx\n", jobs, w1 / wn }'
