#!/usr/bin/env bash
# Damaged object stores (the sample product's objects are loose files, so one can be removed or
# overwritten): a commit whose root tree is missing, a missing subtree, a corrupt loose commit, and a
# missing blob under --line-stats. Each ends with a one-line message and an unchanged database, or
# (the blob) with a warning that counts the file versions git log --raw says used it, null line
# counts for exactly those, and the same (commit, path) pairs as git log.
source "$(dirname "$0")/lib.sh"
DB=$WORK/r.sqlite
fresh() { rm -rf "$WORK/s"; "$SAMPLE_GEN" "$WORK/s" >/dev/null; }
obj() { local id; id=$(git -C "$WORK/s" rev-parse "$1"); echo "$WORK/s/.git/objects/${id:0:2}/${id:2}"; }
dumpdb() { [ -e "$DB" ] && sqlite3 "$DB" .dump; }

# a missing root tree (the fourth commit's)
fresh
victim=$(git -C "$WORK/s" rev-list --reverse HEAD | sed -n 4p)
rm -f "$(obj "$victim^{tree}")"
expect_exit 1 "$RHEA" analyze "$WORK/s" --db "$DB" --quiet
one_line "$ERR"
expect_match "$ERR" "commit $victim: cannot read the root tree [0-9a-f]{40}"
[ "$(sqlite3 "$DB" 'SELECT count(*) FROM commits')" = 0 ] || fail "commits stored from a broken run"

# a missing subtree: model/ of the commit that modifies model/train.py last
fresh
rm -f "$DB"
victim=$(git -C "$WORK/s" log -1 --format=%H -- model/train.py)
rm -f "$(obj "$victim:model")"
expect_exit 1 "$RHEA" analyze "$WORK/s" --db "$DB" --quiet
one_line "$ERR"
expect_match "$ERR" "cannot read tree [0-9a-f]{40} at 'model/'"

# a corrupt loose commit (the tip): bytes that do not inflate
fresh
rm -f "$DB"
"$RHEA" analyze "$WORK/s" --db "$DB" --quiet >/dev/null || fail "clean run failed"
git -C "$WORK/s" -c user.name=Z -c user.email=z@example.com commit -q --allow-empty -m more
tip=$(git -C "$WORK/s" rev-parse HEAD)
f=$(obj HEAD)
chmod u+w "$f"
printf 'this is not zlib data' >"$f"
before=$(dumpdb)
expect_exit 1 "$RHEA" analyze "$WORK/s" --db "$DB" --quiet
one_line "$ERR"
expect_match "$ERR" "HEAD|$tip"
[ "$(dumpdb)" = "$before" ] || fail "a corrupt commit changed the database"

# a missing blob under --line-stats: tree work goes on, its versions' line counts are null
fresh
rm -f "$DB" "$WORK/clean.sqlite"
"$RHEA" analyze "$WORK/s" --db "$WORK/clean.sqlite" --quiet --line-stats >/dev/null
blob=$(git -C "$WORK/s" rev-parse "$(git -C "$WORK/s" rev-list --reverse HEAD | sed -n 3p):model/train.py")
uses=$(git -C "$WORK/s" log --no-merges --no-renames --raw --no-abbrev --format= HEAD | grep -c "$blob")
[ "$uses" -ge 2 ] || fail "the chosen blob is used $uses times, want >= 2"
rm -f "$(obj "$blob")"
expect_exit 0 "$RHEA" analyze "$WORK/s" --db "$DB" --quiet --line-stats
expect_match "$ERR" "warning: $uses file versions are missing"
one_line "$ERR"
nulls() { sqlite3 "$1" "SELECT count(*) FROM changes WHERE added IS NULL"; }
[ $(($(nulls "$DB") - $(nulls "$WORK/clean.sqlite"))) = "$uses" ] ||
  fail "want $uses more null line counts than a clean run, got $(($(nulls "$DB") - $(nulls "$WORK/clean.sqlite")))"
pairs_git() {
  git -C "$WORK/s" log --no-merges --no-renames --name-only --format='@%H' HEAD |
    awk '/^@/{c=substr($0,2); next} NF{print c " " $0}' | sort
}
[ "$(pairs_git)" = "$(sqlite3 "$DB" "SELECT c.sha || ' ' || p.path FROM commits c JOIN changes
  USING(cid) JOIN paths p USING(pid)" | sort)" ] || fail "pairs differ from git log with a blob missing"
finish
