#!/usr/bin/env bash
# Hostile trees and refs, written with git itself (mktree -z, commit-tree): paths with newlines,
# tabs, quotes, backslashes, leading dashes and spaces, non-UTF-8 bytes; a file that becomes a
# symlink; submodules (gitlinks) added, moved and removed; an octopus merge; a detached HEAD; an
# unborn HEAD. The stored (commit, path bytes, kind) triples equal git log's, read with -z and
# compared in hex.
source "$(dirname "$0")/lib.sh"
R=$WORK/trees
DB=$WORK/r.sqlite
git init -q "$R"
git -C "$R" symbolic-ref HEAD refs/heads/main
export GIT_AUTHOR_NAME=Tess GIT_AUTHOR_EMAIL=tess@example.com GIT_COMMITTER_NAME=Tess \
  GIT_COMMITTER_EMAIL=tess@example.com GIT_AUTHOR_DATE="1600000000 +0000" \
  GIT_COMMITTER_DATE="1600000000 +0000"
blob() { printf '%s\n' "$1" | git -C "$R" hash-object -w --stdin; }
# tree ENTRY...: each entry "MODE TYPE ID<TAB>NAME" (printf %b expands \n, \t, \xNN in names)
tree() {
  for e in "$@"; do printf '%b\0' "$e"; done | git -C "$R" mktree -z
}
commit() { # TREE MESSAGE PARENT...
  local t=$1 m=$2
  shift 2
  git -C "$R" commit-tree "$t" -m "$m" $(for p in "$@"; do printf -- '-p %s ' "$p"; done)
}
b1=$(blob one) b2=$(blob two) b3=$(blob three)
sub1=$(printf '%040d' 1) sub2=$(printf '%040d' 2)
dir=$(tree "100644 blob $b1\t-x" "100644 blob $b1\tline\\nbreak")
t1=$(tree "100644 blob $b1\ta\\nb.txt" "100644 blob $b1\ttab\\there.py" \
  "100644 blob $b1\tquote\"d'.md" "100644 blob $b1\t-rf" "100644 blob $b1\t--help" \
  "100644 blob $b1\t leading space" "100644 blob $b1\tback\\\\slash" \
  "100644 blob $b1\t\\xff\\xfe.bin" "040000 tree $dir\tdir" "160000 commit $sub1\tsub")
c1=$(commit "$t1" "weird paths")
dir2=$(tree "100644 blob $b2\t-x" "100644 blob $b1\tline\\nbreak")
t2=$(tree "100644 blob $b2\ta\\nb.txt" "100644 blob $b1\ttab\\there.py" \
  "120000 blob $b3\tquote\"d'.md" "100644 blob $b1\t--help" \
  "100644 blob $b1\t leading space" "100644 blob $b1\tback\\\\slash" \
  "100644 blob $b2\t\\xff\\xfe.bin" "040000 tree $dir2\tdir" "160000 commit $sub2\tsub")
c2=$(commit "$t2" "modify, delete -rf, symlink, move the submodule" "$c1")
# octopus: three branches from c2, each adding one file, merged at once; then a commit on top
o1=$(commit "$(tree "100644 blob $b1\tbr1" "040000 tree $dir2\tdir")" br1 "$c2")
o2=$(commit "$(tree "100644 blob $b1\tbr2" "040000 tree $dir2\tdir")" br2 "$c2")
o3=$(commit "$(tree "100644 blob $b1\tbr3" "040000 tree $dir2\tdir")" br3 "$c2")
oct=$(commit "$(tree "100644 blob $b1\tbr1" "100644 blob $b1\tbr2" "100644 blob $b1\tbr3" \
  "040000 tree $dir2\tdir")" octopus "$o1" "$o2" "$o3")
top=$(commit "$(tree "100644 blob $b1\tbr1" "100644 blob $b1\tbr2" "040000 tree $dir2\tdir")" \
  "after the octopus" "$oct")
git -C "$R" update-ref refs/heads/main "$top"

# git's (commit, hex(path), kind) triples for non-merge commits, from -z output
git_triples() {
  git -C "$R" log -z --no-merges --no-renames --name-status --format=%x01%H "${1:-HEAD}" |
    python3 -c '
import sys
data = sys.stdin.buffer.read()
for chunk in data.split(b"\x01")[1:]:
    sha, rest = chunk[:40].decode(), chunk[40:].lstrip(b"\0\n")
    f = [x for x in rest.split(b"\0")]
    i = 0
    while i + 1 < len(f) and f[i]:
        print(sha, f[i + 1].hex().upper(), f[i].decode())
        i += 2
' | sort
}
rhea_triples() {
  sqlite3 "$DB" "SELECT c.sha || ' ' || hex(p.path) || ' ' || ch.kind FROM commits c
    JOIN changes ch USING(cid) JOIN paths p USING(pid) WHERE c.product = '$1'" | sort
}

expect_exit 0 "$RHEA" analyze "$R" --product t --db "$DB" --line-stats
expect_match "$OUT" "^t: 7 new commits read, 45 changed paths"
[ "$(git_triples)" = "$(rhea_triples t)" ] || fail "(commit, path, kind) differ from git log:
$(diff <(git_triples) <(rhea_triples t))"
# by hand: c1 adds 11 paths; c2 changes 6 (a\nb M, quote T, -rf D, \xff\xfe M, dir/-x M, sub M);
# o1..o3 each change 9 (8 deleted, br1 added); the octopus none; top deletes br3: 11+6+27+1 = 45
[ "$(sqlite3 "$DB" "SELECT count(*) FROM changes JOIN commits USING(cid) WHERE sha = '$c1'")" = 11 ] ||
  fail "c1: want 11 added paths"
[ "$(sqlite3 "$DB" "SELECT group_concat(kind, '') FROM (SELECT kind FROM changes JOIN commits
  USING(cid) WHERE sha = '$c2' ORDER BY kind)")" = DMMMMT ] || fail "c2: want D M M M M T"
[ "$(sqlite3 "$DB" "SELECT parent_count || is_merge FROM commits WHERE sha = '$oct'")" = 31 ] ||
  fail "octopus: want 3 parents, a merge"
[ "$(sqlite3 "$DB" "SELECT group_concat(parent_sha, ' ') FROM (SELECT parent_sha FROM parents
  JOIN commits USING(cid) WHERE sha = '$oct' ORDER BY idx)")" = "$o1 $o2 $o3" ] ||
  fail "octopus parents in order"
# gitlinks have no line counts; the symlink's target counts as a line
[ "$(sqlite3 "$DB" "SELECT ifnull(added, 'null') FROM changes JOIN paths USING(pid) JOIN commits
  USING(cid) WHERE path = 'sub' AND sha = '$c2'")" = null ] || fail "gitlink line stats not null"

# detached HEAD: read from the commit HEAD names
git -C "$R" update-ref --no-deref HEAD "$c2"
expect_exit 0 "$RHEA" analyze "$R" --product detached --db "$DB"
expect_match "$OUT" "^detached: 2 new commits read"
[ "$(git_triples "$c2")" = "$(rhea_triples detached)" ] || fail "detached HEAD differs from git log"

# unborn HEAD with other branches: nothing stored, and a message pointing to --ref
git -C "$R" symbolic-ref HEAD refs/heads/nothing-yet
expect_exit 0 "$RHEA" analyze "$R" --product unborn --db "$DB"
expect_match "$OUT" "no commits yet"
expect_match "$OUT" "--ref"
[ "$(sqlite3 "$DB" "SELECT count(*) FROM commits WHERE product = 'unborn'")" = 0 ] ||
  fail "unborn HEAD stored commits"
expect_exit 0 "$RHEA" analyze "$R" --product unborn --db "$DB" --ref main
expect_match "$OUT" "^unborn: 7 new commits read"
finish
