#!/usr/bin/env bash
# A product id is bound to its repository (path and root commits): another repository under an
# existing id is refused with one line naming both and the fix, and the database is unchanged;
# --product NEW keeps both, --replace drops the old one. The same repository moved or cloned
# elsewhere, and a rewritten history at the same path, are read as before. The default id comes
# from the repository, however its path is spelled; ids that cannot be shown are refused.
source "$(dirname "$0")/lib.sh"
DB=$WORK/r.sqlite
dump() { sqlite3 "$DB" .dump | md5sum; }
export GIT_AUTHOR_NAME=A GIT_AUTHOR_EMAIL=a@example.com GIT_COMMITTER_NAME=A GIT_COMMITTER_EMAIL=a@example.com
export GIT_AUTHOR_DATE='2021-01-01T00:00:00Z' GIT_COMMITTER_DATE='2021-01-01T00:00:00Z'
# mkrepo DIR N TAG: N commits, the first file content TAG (so roots differ between TAGs)
mkrepo() {
  git init -q "$1"
  for i in $(seq 1 "$2"); do
    echo "$3 $i" >"$1/f$i.txt"
    git -C "$1" add -A
    git -C "$1" commit -qm "c$i"
  done
}
mkdir -p "$WORK/honkling" "$WORK/PoseOSC"
mkrepo "$WORK/honkling/repo" 5 honk
mkrepo "$WORK/PoseOSC/repo" 3 pose

# both default to the id "repo" (work trees named repo keep their name)
expect_exit 0 "$RHEA" analyze "$WORK/honkling/repo" --db "$DB"
expect_match "$OUT" "^repo: 5 new commits read"
before=$(dump)
expect_exit 2 "$RHEA" analyze "$WORK/PoseOSC/repo" --db "$DB"
one_line "$ERR"
root=$(git -C "$WORK/honkling/repo" rev-list --max-parents=0 HEAD | cut -c1-12)
expect_match "$ERR" "^rhea analyze: product 'repo' holds $WORK/honkling/repo \(root $root\), and $WORK/PoseOSC/repo is another repository \(no root commit in common\); pass --product NEW to keep both, or --replace to drop 'repo' and read this one(; see rhea analyze --help)?$"
[ "$(dump)" = "$before" ] || fail "the refused run changed the database"
# the same through a relative path and a trailing slash
(cd "$WORK/PoseOSC" && "$RHEA" analyze repo/ --db "$DB" >/dev/null 2>&1)
[ $? = 2 ] || fail "relative path: not refused"
[ "$(dump)" = "$before" ] || fail "the refused run changed the database"
# --product NEW keeps both
expect_exit 0 "$RHEA" analyze "$WORK/PoseOSC/repo" --db "$DB" --product pose
count() { sqlite3 "$DB" "SELECT count(*) FROM commits WHERE product = '$1'"; }
[ "$(count repo)" = 5 ] && [ "$(count pose)" = 3 ] || fail "counts $(count repo) $(count pose)"
# --replace drops the old product and reads the other repository
expect_exit 0 "$RHEA" analyze "$WORK/PoseOSC/repo" --db "$DB" --replace
expect_match "$ERR" "rhea analyze: repo: --replace: the data stored under this id was dropped"
[ "$(count repo)" = 3 ] || fail "after --replace: $(count repo) commits"
[ "$(sqlite3 "$DB" "SELECT repo_path FROM products WHERE id = 'repo'")" = "$WORK/PoseOSC/repo" ] ||
  fail "repo_path not replaced"
# --replace on the same repository reads it again whole
expect_exit 0 "$RHEA" analyze "$WORK/PoseOSC/repo" --db "$DB" --replace
expect_match "$OUT" "^repo: 3 new commits read"

# the same repository moved, or another clone: accepted through the shared root commit
cp -r "$WORK/PoseOSC/repo" "$WORK/moved"
echo more >"$WORK/moved/f9.txt"
git -C "$WORK/moved" add -A && git -C "$WORK/moved" commit -qm c9
expect_exit 0 "$RHEA" analyze "$WORK/moved" --db "$DB" --product repo
expect_match "$OUT" "^repo: 1 new commits read"
git clone -q --bare "$WORK/moved" "$WORK/clone.git"
expect_exit 0 "$RHEA" analyze "$WORK/clone.git" --db "$DB" --product repo
expect_match "$OUT" "^repo: 0 new commits read"

# a rewritten history at the same path (every commit, root included, gets a new author): read
# again from scratch as before, and the count equals git's
mkrepo "$WORK/rw" 4 rw
expect_exit 0 "$RHEA" analyze "$WORK/rw" --db "$DB"
git -C "$WORK/rw" -c advice.detachedHead=false rebase -q --root --exec 'git commit -q --amend --no-edit --author="B <b@example.com>"' 2>/dev/null ||
  git -C "$WORK/rw" filter-branch -f --env-filter 'GIT_AUTHOR_NAME=B' HEAD >/dev/null 2>&1
[ "$(git -C "$WORK/rw" log --format=%an | sort -u)" = B ] || fail "the rewrite did not happen"
expect_exit 0 "$RHEA" analyze "$WORK/rw" --db "$DB"
expect_match "$ERR" "stored tip [0-9a-f]{12} is not an ancestor of HEAD"
expect_match "$OUT" "^rw: 4 new commits read"
[ "$(sqlite3 "$DB" "SELECT DISTINCT author_name FROM commits WHERE product = 'rw'")" = B ] || fail "old rows kept"

# default ids from the repository, not from the spelling of its path
DB2=$WORK/ids.sqlite
mkrepo "$WORK/x" 1 x
mkdir "$WORK/x/sub"
git clone -q --bare "$WORK/x" "$WORK/owner+name/repo"
git clone -q --bare "$WORK/x" "$WORK/y.git"
mkdir "$WORK/z" && git clone -q --bare "$WORK/x" "$WORK/z/.git"
check_id() { # PATH WANT [cd DIR]
  expect_exit 0 bash -c "cd '${3:-$WORK}' && '$RHEA' analyze '$1' --db '$DB2'"
  expect_match "$OUT" "^$2: 1 new commits read"
  sqlite3 "$DB2" "DELETE FROM changes; DELETE FROM parents; DELETE FROM commits; DELETE FROM products"
}
check_id "$WORK/x/.git" x
check_id "$WORK/x/." x
check_id "$WORK/x/" x
check_id x x
check_id .. x "$WORK/x/sub"
check_id . x "$WORK/x"
check_id "$WORK/owner+name/repo" 'owner\+name'
check_id "$WORK/owner+name/repo/" 'owner\+name'
check_id "$WORK/y.git" y
check_id "$WORK/z/.git" z

# ids that cannot be shown or are empty: refused by the option parser when given, by
# rhea_product_id_check when derived from a folder name; nothing created
for id in '' $'a\x01b' $'\xff\xfe' $'new\nline' $'tab\there'; do
  expect_exit 2 "$RHEA" analyze "$WORK/x" --db "$WORK/none.sqlite" --product "$id"
  one_line "$ERR"
  expect_match "$ERR" "^rhea analyze: (Invalid byte sequence in conversion input|--product '.*': (empty; give a value|holds control characters or invalid UTF-8))"
done
for dir in $'ctl\x01dir' $'esc\x1b[31m'; do
  mkrepo "$WORK/$dir" 1 c
  expect_exit 2 "$RHEA" analyze "$WORK/$dir" --db "$WORK/none.sqlite"
  one_line "$ERR"
  expect_match "$ERR" "^rhea analyze: product id '(ctl\\\\x01dir|esc\\\\x1b\\[31m)' cannot be used: it holds a control character; choose another with --product ID"
done
[ ! -e "$WORK/none.sqlite" ] || fail "a refused id created the database"
finish
