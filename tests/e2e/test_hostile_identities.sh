#!/usr/bin/env bash
# Hostile commit headers, written raw with git hash-object --literally: no author email, empty
# name, dates before 1970 and after 2100, odd and out-of-range offsets, control characters and
# invalid UTF-8 in names. rhea stores what git holds (bytes compared in hex with git log's output;
# times and offsets worked out by hand where git cannot show them), and a commit libgit2 cannot
# parse (a date that is not a number) stops the run with a one-line message naming it.
source "$(dirname "$0")/lib.sh"
R=$WORK/ids
DB=$WORK/r.sqlite
git init -q "$R"
git -C "$R" symbolic-ref HEAD refs/heads/main
T=$(git -C "$R" mktree </dev/null)
# mk PARENT AUTHOR COMMITTER SUMMARY: a raw commit of the empty tree (printf %b expands \xNN).
mk() {
  {
    printf 'tree %s\n' "$T"
    [ -n "$1" ] && printf 'parent %s\n' "$1"
    printf 'author %b\ncommitter %b\n\n%s\n' "$2" "$3" "$4"
  } | git -C "$R" hash-object -t commit -w --literally --stdin
}
c1=$(mk "" "Nobody <> 1000000000 +0000" "Nobody <> 1000000000 +0000" "no email")
c2=$(mk "$c1" " <anon@example.com> 1000000100 +0000" " <anon@example.com> 1000000100 +0000" "empty name")
c3=$(mk "$c2" "Old Timer <old@example.com> -1000000000 -0500" "Old Timer <old@example.com> -1000000000 -0500" "1938")
c4=$(mk "$c3" "Future <f@example.com> 4200000000 +1234" "Future <f@example.com> 4200000000 +1234" "2103")
c5=$(mk "$c4" "Odd <o@example.com> 1500000000 -0001" "Odd <o@example.com> 1500000000 -0001" "odd offset")
c6=$(mk "$c5" 'Ctl\x01\x07\x1b[31m\xff\xfeName <c\xc3@example.com> 1500000001 +0000' \
  'Ctl <c@example.com> 1500000001 +9999' "control")
c7=$(mk "$c6" "Big <b@example.com> 99999999999999 +0000" "Big <b@example.com> 1500000003 +0000" "huge")
git -C "$R" update-ref refs/heads/main "$c7"

expect_exit 0 "$RHEA" analyze "$R" --product ids --db "$DB"
expect_match "$OUT" "^ids: 7 new commits read, 0 changed paths"
q() { sqlite3 "$DB" "SELECT $1 FROM commits WHERE sha = '$2'"; }
# git's own bytes, hex, for a format field
ghex() { git -C "$R" log -1 --format="$1" "$2" | head -c -1 | xxd -p | tr -d '\n' | tr a-f A-F; }
for c in $c1 $c2 $c3 $c4 $c5 $c6 $c7; do
  [ "$(q 'hex(author_name)' "$c")" = "$(ghex %an "$c")" ] || fail "$c: author name differs from git's"
  [ "$(q 'hex(author_email)' "$c")" = "$(ghex %ae "$c")" ] || fail "$c: author email differs from git's"
  [ "$(q 'hex(committer_name)' "$c")" = "$(ghex %cn "$c")" ] || fail "$c: committer differs from git's"
done
[ "$(q "author_email = '' AND author_name = 'Nobody'" "$c1")" = 1 ] || fail "no email: not stored as empty"
[ "$(q "author_name = '' AND author_email = 'anon@example.com'" "$c2")" = 1 ] || fail "empty name"
# times and offsets (minutes east of UTC): git log --date=raw where git reads them, else by hand
[ "$(q "author_time || ' ' || author_offset" "$c3")" = "-1000000000 -300" ] || fail "1938 date"
[ "$(q "author_time || ' ' || author_offset" "$c4")" = "4200000000 754" ] || fail "2103 date, +1234"
[ "$(git -C "$R" log -1 --format=%ad --date=raw "$c4")" = "4200000000 +1234" ] || fail "git reads c4 otherwise"
[ "$(q "author_time || ' ' || author_offset" "$c5")" = "1500000000 -1" ] || fail "-0001 offset"
[ "$(q "author_time" "$c7")" = "$(git -C "$R" log -1 --format=%at "$c7")" ] || fail "year-3e6 date"
# +9999 is no offset (hours > 14): libgit2 reads it as UTC, and so does rhea
[ "$(q "committer_time || ' ' || committer_offset" "$c6")" = "1500000001 0" ] || fail "+9999 offset"
# the control characters are stored raw, not mangled: 01 07 1B and the invalid bytes FF FE
[ "$(q 'hex(author_name)' "$c6")" = "43746C01071B5B33316DFFFE4E616D65" ] || fail "control chars"
[ "$(q 'hex(author_email)' "$c6")" = "63C3406578616D706C652E636F6D" ] || fail "invalid UTF-8 email"
[ "$(sqlite3 "$DB" 'SELECT count(*) FROM commits')" = "$(git -C "$R" rev-list --count HEAD)" ] ||
  fail "commit count differs from git rev-list"

# A date that is not a number: git log shows the commit, libgit2 refuses to parse it. rhea stops
# with one line naming the commit, and what was stored stays as it was.
bad=$(mk "$c7" "Garbage <g@example.com> notadate +zzzz" "Garbage <g@example.com> 1500000002 +0000" "garbage")
top=$(mk "$bad" "After <a@example.com> 1500000004 +0000" "After <a@example.com> 1500000004 +0000" "after")
git -C "$R" update-ref refs/heads/main "$top"
before=$(sqlite3 "$DB" .dump)
expect_exit 1 "$RHEA" analyze "$R" --product ids --db "$DB"
one_line "$ERR"
expect_match "$ERR" "cannot read commit $bad .*invalid Unix timestamp"
[ "$(sqlite3 "$DB" .dump)" = "$before" ] || fail "a failed run changed the database"
git -C "$R" update-ref refs/heads/main "$bad"
expect_exit 1 "$RHEA" analyze "$R" --product ids --db "$DB"
one_line "$ERR"
expect_match "$ERR" "cannot read commit $bad \\(HEAD\\): .*invalid Unix timestamp"
finish
