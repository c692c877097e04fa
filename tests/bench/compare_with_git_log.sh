#!/usr/bin/env bash
# compare_with_git_log.sh REPO [RHEA]: ingests REPO (a work tree or a bare repository) into a fresh
# database and checks it against git itself: the set of (commit, path) pairs stored for non-merge
# commits against `git log --no-merges --no-renames --name-only`, the commit count against
# `git rev-list --count HEAD` and the merge count against `--merges`. Prints the counts and OK, or
# DIFF with the first differing pairs; exits 1 on any difference.
#
# Rename detection stays off on both sides (rhea never detects renames). It also must: snapshots
# that lack large blobs make `git log` with rename detection fail.
set -euo pipefail
REPO=${1:?usage: compare_with_git_log.sh REPO [RHEA]}
RHEA=${2:-$(dirname "$0")/../../build/rhea}
GIT_DIR=$(git -C "$REPO" rev-parse --absolute-git-dir)
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
git_() { git --git-dir="$GIT_DIR" -c core.quotePath=false "$@"; }

"$RHEA" analyze "$REPO" --product p --db "$TMP/r.sqlite" --quiet >/dev/null

# A commit line is "@" and 40 hex digits; awk's regex intervals are not portable (mawk), so the
# line is matched by its first byte and length. A path of that exact shape would be misread.
git_ log --no-merges --no-renames --name-only --format='@%H' HEAD |
  awk 'substr($0,1,1)=="@" && length($0)==41{c=substr($0,2); next} NF{print c " " $0}' |
  LC_ALL=C sort >"$TMP/git"
sqlite3 "$TMP/r.sqlite" "SELECT c.sha || ' ' || p.path FROM commits c JOIN changes USING(cid)
                         JOIN paths p USING(pid) WHERE NOT c.is_merge" | LC_ALL=C sort >"$TMP/rhea"

commits_git=$(git_ rev-list --count HEAD)
merges_git=$(git_ rev-list --count --merges HEAD)
commits_rhea=$(sqlite3 "$TMP/r.sqlite" "SELECT count(*) FROM commits")
merges_rhea=$(sqlite3 "$TMP/r.sqlite" "SELECT count(*) FROM commits WHERE is_merge")
pairs_git=$(wc -l <"$TMP/git")
pairs_rhea=$(wc -l <"$TMP/rhea")

status=OK
[ "$commits_git" = "$commits_rhea" ] && [ "$merges_git" = "$merges_rhea" ] || status=DIFF
cmp -s "$TMP/git" "$TMP/rhea" || status=DIFF
printf '%s: commits git=%s rhea=%s; merges git=%s rhea=%s; pairs git=%s rhea=%s: %s\n' \
  "$REPO" "$commits_git" "$commits_rhea" "$merges_git" "$merges_rhea" "$pairs_git" "$pairs_rhea" \
  "$status"
if [ "$status" = DIFF ]; then
  diff "$TMP/git" "$TMP/rhea" | grep '^[<>]' | head -20 | sed 's/^</only git: /; s/^>/only rhea:/'
  exit 1
fi
