#!/usr/bin/env bash
# A database file the user cannot write (mode 444) is read, never written: rhea report computes
# the evidence it finds no entry for and stores nothing; the report equals the one of a writable
# copy byte for byte. Root writes any file whatever its mode, so as root the test is skipped.
source "$(dirname "$0")/lib.sh"
command -v git >/dev/null || { echo "SKIP: git not installed"; exit 77; }
command -v sqlite3 >/dev/null || { echo "SKIP: sqlite3 not installed"; exit 77; }
[ "$(id -u)" != 0 ] || { echo "SKIP: root writes a file of any mode"; exit 77; }
cd "$WORK" || exit 1
git init -q repo
printf 'import torch\n' >repo/train.py
printf 'import tkinter\n' >repo/gui.py
(cd repo && git add -A && GIT_AUTHOR_DATE=2019-01-01T00:00:00Z GIT_COMMITTER_DATE=2019-01-01T00:00:00Z \
  git -c user.name=Ann -c user.email=ann@example.com commit -qm one)
expect_exit 0 "$RHEA" analyze repo --product p --db w.sqlite --quiet
cp w.sqlite ro.sqlite
chmod 444 ro.sqlite
RO=$(sqlite3 ro.sqlite .dump)
expect_exit 0 "$RHEA" report --db ro.sqlite --rq all --format html -o ro.html
# (LeakSanitizer may print its suppressions on stderr: only rhea's own lines count)
! grep -q '^rhea report:' <<<"$ERR" || fail "the read-only file: a write was tried: $ERR"
expect_exit 0 "$RHEA" report --db w.sqlite --rq all --format html -o w.html
cmp -s ro.html w.html || fail "the read-only file reports otherwise"
[ "$(sqlite3 ro.sqlite .dump)" = "$RO" ] || fail "the read-only file was written"
[ "$(sqlite3 w.sqlite 'SELECT count(*) FROM evidence_cache')" = 1 ] || fail "the writable copy stored nothing"
finish
