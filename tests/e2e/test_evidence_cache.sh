#!/usr/bin/env bash
# Stored evidence end to end (docs/evidence.md, "Stored evidence") on three products written with
# git (fixed dates). The reference is the report computed without storing (--read-only on a
# database without entries); every other run must give it byte for byte. That the store is read,
# and that each input is in the key, is shown by moving the repositories away: a run that reads
# stored evidence does not open them and succeeds; a run whose key changed must read a tree and
# fails naming the repository.
#  - report --rq all (html, json, text): computed+stored, read back, -j 1 / -j 2, all identical;
#  - the repositories gone: the same report succeeds; with --read-only on a fresh copy it fails;
#    --rules, --until before the tip, another --catalog (rhea evidence) and a new tip each fail;
#  - --read-only and a schema 3 database: nothing written (dump and user_version unchanged);
#    (a file the user cannot write: test_evidence_cache_file_mode.sh);
#  - two reports at once on a fresh copy: both identical to the reference, integrity ok, one
#    entry per product;
#  - SIGKILL at spread-out moments of a storing report: integrity ok, and every entry left is
#    byte for byte one that a complete run stored;
#  - rhea study stores every product's evidence (the report after it reads it); --no-evidence
#    stores none.
source "$(dirname "$0")/lib.sh"
command -v git >/dev/null || { echo "SKIP: git not installed"; exit 77; }
command -v sqlite3 >/dev/null || { echo "SKIP: sqlite3 not installed"; exit 77; }
cd "$WORK" || exit 1
mkdir clones
commit() { # REPO DATE MESSAGE
  (cd "$1" && git add -A && GIT_AUTHOR_DATE="$2T12:00:00Z" GIT_COMMITTER_DATE="$2T12:00:00Z" \
    git -c user.name=Ann -c user.email=ann@example.com commit -qm "$3")
}
for p in p1 p2 p3; do git init -q "clones/$p"; done
printf 'import tensorflow as tf\nmodel.fit(x, y)\n' >clones/p1/train.py
commit clones/p1 2018-01-01 model
printf '# Tool\n## Ethics\nBe kind.\n' >clones/p1/README.md
commit clones/p1 2018-03-01 readme
printf 'import tkinter as tk\n' >clones/p1/gui.py
commit clones/p1 2019-01-15 gui
printf '<html><body>app</body></html>\n' >clones/p2/index.html
commit clones/p2 2018-02-01 page
printf 'from transformers import pipeline\n' >clones/p2/app.py
printf 'import pytest\n' >clones/p2/test_app.py
commit clones/p2 2018-09-01 model
printf 'import sklearn\nimport sentry_sdk\n' >clones/p3/main.py
commit clones/p3 2018-05-01 first
printf 'id\trepository\np1\tclones/p1\np2\tclones/p2\np3\tclones/p3\n' >m.tsv
expect_exit 0 "$RHEA" study m.tsv --db base.sqlite --no-evidence --quiet
entries() { sqlite3 "$1" "SELECT count(*) FROM evidence_cache"; }
[ "$(entries base.sqlite)" = 0 ] || fail "study --no-evidence stored evidence"
fresh() { cp base.sqlite "$1"; }
dump() { sqlite3 "$1" .dump; }
report() { # DB FORMAT [OPTIONS...]: the report written to out.FORMAT (byte for byte)
  local db=$1 f=$2
  shift 2
  rm -f "out.$f"
  expect_exit 0 "$RHEA" report --db "$db" --rq all --format "$f" --permutations 50 --bootstrap 50 \
    -o "out.$f" "$@"
}

# the reference: computed, nothing stored
fresh ref.sqlite
BEFORE=$(dump ref.sqlite)
for f in html json text; do
  report ref.sqlite $f --read-only
  mv "out.$f" "ref.$f"
done
[ "$(dump ref.sqlite)" = "$BEFORE" ] || fail "--read-only changed the database"
grep -q 'Tkinter\|tkinter' ref.html || fail "the reference report shows no evidence"

# computed and stored, then read: identical in every format; -j 1 and -j 2 the same
fresh s.sqlite
report s.sqlite html -j 1
cp s.sqlite alone.sqlite # before any other process opens it (sqlite3 checkpoints on close)
cmp -s out.html ref.html || fail "stored run (computing, -j 1) differs from the reference"
[ "$(entries s.sqlite)" = 3 ] || fail "after one report: $(entries s.sqlite) entries, want 3"
# the entries are in the database file itself, not only in its write-ahead log
[ "$(entries alone.sqlite)" = 3 ] || fail "a copy of the file alone: $(entries alone.sqlite) entries"
fresh s2.sqlite
report s2.sqlite html -j 2
cmp -s out.html ref.html || fail "stored run (computing, -j 2) differs from the reference"
[ "$(dump s.sqlite)" = "$(dump s2.sqlite)" ] || fail "-j 1 and -j 2 stored different entries"
STORED=$(dump s.sqlite)
for f in html json text; do
  report s.sqlite $f
  cmp -s out.$f "ref.$f" || fail "report --format $f read from the store differs"
done
[ "$(dump s.sqlite)" = "$STORED" ] || fail "a report that found everything stored wrote"

# the repositories gone: stored evidence needs none of them; anything else must read a tree
mv clones clones.away
report s.sqlite html
cmp -s out.html ref.html || fail "with the repositories gone: the stored report differs"
fresh gone.sqlite
expect_exit 1 "$RHEA" report --db gone.sqlite --rq all --read-only --permutations 50 --bootstrap 50
expect_match "$ERR" "cannot open the repository|cannot read"
printf 'ml **/*.py\n' >other.rules
expect_exit 1 "$RHEA" report --db s.sqlite --rq all --rules other.rules
expect_match "$ERR" "clones/p1"
expect_exit 1 "$RHEA" report --db s.sqlite --rq all --until 2018-06-01
expect_match "$ERR" "clones/p1"
expect_exit 0 "$RHEA" evidence --db s.sqlite --product p1 --format json
EV=$OUT
cp "$SRC/classifiers/evidence.tsv" other.tsv
printf '# one more comment\n' >>other.tsv
expect_exit 1 "$RHEA" evidence --db s.sqlite --product p1 --catalog other.tsv
expect_match "$ERR" "clones/p1"
expect_exit 1 "$RHEA" evidence --db s.sqlite --product p1 --max-size 1
expect_match "$ERR" "clones/p1"
mv clones.away clones
# rhea evidence alone matches the report's evidence (same key) and the computed document
expect_exit 0 "$RHEA" evidence --db gone.sqlite --product p1 --format json --read-only
[ "$OUT" = "$EV" ] || fail "rhea evidence read from the store differs from the computed one"

# a schema 3 database, read-only: the report works and the file stays version 3, untouched
fresh v3.sqlite
sqlite3 v3.sqlite <"$SRC/tests/data/schema_v6_to_v5.sql"
sqlite3 v3.sqlite "DROP TABLE evidence_cache; DROP TABLE summary_cache; PRAGMA user_version = 3;"
V3=$(dump v3.sqlite)
report v3.sqlite html --read-only
[ "$(dump v3.sqlite)" = "$V3" ] || fail "--read-only changed a schema 3 database"
[ "$(sqlite3 v3.sqlite 'PRAGMA user_version')" = 3 ] || fail "--read-only upgraded the schema"
# without --read-only it is upgraded, keeps its rows and stores the evidence
report v3.sqlite html
cmp -s out.html ref.html || fail "the upgraded schema 3 database reports otherwise"
[ "$(sqlite3 v3.sqlite 'PRAGMA user_version')" = 6 ] || fail "schema 3 not upgraded"
[ "$(entries v3.sqlite)" = 3 ] || fail "schema 3 after the report: $(entries v3.sqlite) entries"
[ "$(sqlite3 v3.sqlite 'SELECT count(*) FROM commits')" = 6 ] || fail "schema 3 lost commits"

# two reports at once on a database without entries
fresh c.sqlite
for i in 1 2; do
  "$RHEA" report --db c.sqlite --rq all --format html --permutations 50 --bootstrap 50 \
    -o "c$i.html" 2>"c$i.err" &
done
wait %1 || fail "concurrent report 1 failed: $(cat c1.err)"
wait %2 || fail "concurrent report 2 failed: $(cat c2.err)"
cmp -s c1.html ref.html || fail "concurrent report 1 differs"
cmp -s c2.html ref.html || fail "concurrent report 2 differs"
[ "$(sqlite3 c.sqlite 'PRAGMA integrity_check')" = ok ] || fail "concurrent reports: integrity"
[ "$(entries c.sqlite)" = 3 ] || fail "concurrent reports: $(entries c.sqlite) entries, want 3"

# SIGKILL at spread-out moments of a report that computes and stores: the database stays whole,
# and every entry it holds is byte for byte one a complete run stored (never a partial one)
rows() { sqlite3 "$1" "SELECT product || ' ' || hex(data) FROM evidence_cache ORDER BY 1"; }
rows s2.sqlite >clean.rows
for ms in 0 20 40 60 80 90 100 110 120 160 240; do
  fresh k.sqlite
  "$RHEA" report --db k.sqlite --rq all --format html --permutations 50 --bootstrap 50 \
    -o k.html 2>/dev/null &
  sleep "$(printf '0.%03d' "$ms")"
  kill -KILL $! 2>/dev/null
  wait $! 2>/dev/null
  [ "$(sqlite3 k.sqlite 'PRAGMA integrity_check')" = ok ] || fail "killed at $ms ms: integrity"
  rows k.sqlite >k.rows
  echo "killed at $ms ms: $(wc -l <k.rows) of 3 entries"
  [ -z "$(comm -23 k.rows clean.rows)" ] || fail "killed at $ms ms: an entry no clean run stored"
done

# rhea study stores every product's evidence; the report after it computes nothing
expect_exit 0 "$RHEA" study m.tsv --db st.sqlite --quiet
[ "$(entries st.sqlite)" = 3 ] || fail "study stored $(entries st.sqlite) entries, want 3"
mv clones clones.away
report st.sqlite html
cmp -s out.html ref.html || fail "the report after a study differs"
mv clones.away clones
# a new tip: p1 gains a commit after the window (--until); the tree read is the same commit,
# yet the history that dates the hits is another, so it is read again
printf 'notes\n' >clones/p1/NOTES.txt
commit clones/p1 2020-01-01 notes
expect_exit 0 "$RHEA" analyze clones/p1 --product p1 --db s.sqlite --quiet
mv clones clones.away
expect_exit 1 "$RHEA" report --db s.sqlite --rq all --until 2019-06-01 --read-only
expect_match "$ERR" "clones/p1"
mv clones.away clones
finish
