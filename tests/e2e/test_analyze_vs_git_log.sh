#!/usr/bin/env bash
# The (commit, path) pairs rhea stores for non-merge commits equal what git log lists, on the sample
# product and after an incremental run; commit counts and merges equal git rev-list's.
source "$(dirname "$0")/lib.sh"
DB=$WORK/r.sqlite
REPO=$WORK/sample
"$SAMPLE_GEN" "$REPO" >/dev/null

pairs_git() {
  git -C "$REPO" log --no-merges --no-renames --name-only --format='@%H' HEAD |
    awk '/^@/{c=substr($0,2); next} NF{print c " " $0}' | sort
}
pairs_rhea() {
  sqlite3 "$DB" "SELECT c.sha || ' ' || p.path FROM commits c JOIN changes USING(cid)
                 JOIN paths p USING(pid) WHERE c.product = 'sample'" | sort
}

expect_exit 0 "$RHEA" analyze "$REPO" --product sample --db "$DB" --quiet
expect_match "$OUT" "^sample: 13 new commits read, 24 changed paths"
[ "$(pairs_git)" = "$(pairs_rhea)" ] || fail "pairs differ from git log"
[ "$(pairs_git | wc -l)" = 24 ] || fail "git log lists $(pairs_git | wc -l) pairs, want 24"
[ "$(sqlite3 "$DB" "SELECT count(*) FROM commits")" = "$(git -C "$REPO" rev-list --count HEAD)" ] ||
  fail "commit count differs from git rev-list"
[ "$(sqlite3 "$DB" "SELECT count(*) FROM commits WHERE is_merge")" = \
  "$(git -C "$REPO" rev-list --count --merges HEAD)" ] || fail "merge count differs"

# two new commits with git itself, then an incremental run reads exactly those
git -C "$REPO" -c user.name=Dana -c user.email=dana@example.com commit -q --allow-empty -m empty
echo "x = 1" >"$REPO/model/extra.py"
git -C "$REPO" add model/extra.py
git -C "$REPO" -c user.name=Dana -c user.email=dana@example.com commit -q -m "extra"
expect_exit 0 "$RHEA" analyze "$REPO" --product sample --db "$DB"
expect_match "$OUT" "^sample: 2 new commits read, 1 changed paths; 15 commits stored"
[ "$(pairs_git)" = "$(pairs_rhea)" ] || fail "pairs differ from git log after the incremental run"

# default product id: the folder's name, so this is the same product, already up to date
expect_exit 0 "$RHEA" analyze "$REPO/" --db "$DB"
expect_match "$OUT" "^sample: 0 new commits read, 0 changed paths; 15 commits stored"
# the progress line: on a terminal only (script(1) gives rhea a pseudo-terminal), never with --quiet
if command -v script >/dev/null; then
  script -qec "$RHEA analyze $REPO --product tty --db $WORK/tty.sqlite" /dev/null >"$WORK/tty.out"
  grep -q "tty: 15/15 commits" "$WORK/tty.out" || fail "no progress line on a terminal"
  script -qec "$RHEA analyze $REPO --product quiet --db $WORK/tty.sqlite --quiet" /dev/null >"$WORK/tty.out"
  ! grep -q "commits, " "$WORK/tty.out" || fail "a progress line despite --quiet"
  "$RHEA" analyze "$REPO" --product pipe --db "$WORK/tty.sqlite" 2>"$WORK/pipe.err" >/dev/null
  [ ! -s "$WORK/pipe.err" ] || fail "stderr is not a terminal, yet rhea wrote: $(cat "$WORK/pipe.err")"
else
  skip "script(1) is not installed (bsdutils); the progress line on a terminal not checked"
fi
finish
