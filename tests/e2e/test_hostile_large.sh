#!/usr/bin/env bash
# Size: a 100k-file commit and a 100k-commit linear history (samples/synthetic.c writes both in
# seconds). Commit counts equal git rev-list's and the (commit, path) pairs equal git log's.
# RHEA_SKIP_LARGE=1 skips it (make memcheck does: valgrind would take an hour).
source "$(dirname "$0")/lib.sh"
if [ -n "${RHEA_SKIP_LARGE:-}" ]; then
  skip "RHEA_SKIP_LARGE is set"
  finish
fi
DB=$WORK/r.sqlite
pairs_git() {
  git -C "$1" log --no-merges --no-renames --name-only --format='@%H' HEAD |
    awk '/^@/{c=substr($0,2); next} NF{print c " " $0}' | sort
}
pairs_rhea() {
  sqlite3 "$DB" "SELECT c.sha || ' ' || p.path FROM commits c JOIN changes USING(cid)
    JOIN paths p USING(pid) WHERE c.product = '$1'" | sort
}

"$SAMPLE_GEN" --synthetic 2 --files 100000 --bare "$WORK/wide.git" >/dev/null || fail "generator"
expect_exit 0 "$RHEA" analyze "$WORK/wide.git" --product wide --db "$DB" --quiet
expect_match "$OUT" "^wide: 2 new commits read, 1000[0-9][0-9] changed paths"
[ "$(sqlite3 "$DB" "SELECT count(*) FROM changes JOIN commits USING(cid) WHERE parent_count = 0")" = 100000 ] ||
  fail "the first commit should add 100000 files"
[ "$(pairs_git "$WORK/wide.git")" = "$(pairs_rhea wide)" ] || fail "wide: pairs differ from git log"

start=$(date +%s)
"$SAMPLE_GEN" --synthetic 100000 --bare "$WORK/long.git" >/dev/null || fail "generator"
gen=$(($(date +%s) - start))
expect_exit 0 "$RHEA" analyze "$WORK/long.git" --product long --db "$DB" --quiet
ingest=$(($(date +%s) - start - gen))
expect_match "$OUT" "^long: 100000 new commits read"
[ "$(sqlite3 "$DB" "SELECT count(*) FROM commits WHERE product = 'long'")" = \
  "$(git -C "$WORK/long.git" rev-list --count HEAD)" ] || fail "long: commit count differs"
[ "$(pairs_git "$WORK/long.git")" = "$(pairs_rhea long)" ] || fail "long: pairs differ from git log"
# a second run finds nothing new and reads nothing
expect_exit 0 "$RHEA" analyze "$WORK/long.git" --product long --db "$DB" --quiet
expect_match "$OUT" "^long: 0 new commits read, 0 changed paths; 100000 commits stored"
echo "100k commits: generated in ${gen}s, ingested in ${ingest}s"
finish
