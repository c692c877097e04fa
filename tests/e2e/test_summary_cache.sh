#!/usr/bin/env bash
# Stored report figures end to end (docs/metrics.md, "Stored figures") on two products written
# with git (fixed dates). The reference is the report computed without storing (--read-only);
# every other run must give it byte for byte. That the store is read is shown by planting one
# product's stored figures under the other's key: the report then shows them. Each input that
# changes the figures (seed, backgrounds file, rules file, a new commit) must give the report a
# --read-only run gives for it.
#  - report --rq 1 (html, json, text): computed+stored, read back, -j 1 / -j 2, all identical;
#    a report that finds everything stored writes nothing;
#  - a planted entry is read; a damaged one is computed again and replaced;
#  - --seed, an edited --backgrounds file, an edited --rules file, a new commit: each a miss
#    whose report equals the --read-only one; the new commit drops the product's old entries;
#  - --read-only with a key not stored: nothing written;
#  - rhea study stores the figures of `rhea report`'s defaults at the study's date: the report
#    after it (no options) writes nothing and equals the --read-only one.
source "$(dirname "$0")/lib.sh"
command -v git >/dev/null || { echo "SKIP: git not installed"; exit 77; }
command -v sqlite3 >/dev/null || { echo "SKIP: sqlite3 not installed"; exit 77; }
cd "$WORK" || exit 1
mkdir clones
commit() { # REPO DATE AUTHOR MESSAGE
  (cd "$1" && git add -A && GIT_AUTHOR_DATE="$2T12:00:00Z" GIT_COMMITTER_DATE="$2T12:00:00Z" \
    git -c user.name="$3" -c user.email="$3@example.com" commit -qm "$4")
}
for p in p1 p2; do git init -q "clones/$p"; done
mkdir clones/p1/model clones/p1/app
printf 'net = 1\n' >clones/p1/model/net.py
printf 'main()\n' >clones/p1/app/main.js
commit clones/p1 2018-01-01 ann first
printf 'net = 2\n' >clones/p1/model/net.py
printf 'main(1)\n' >clones/p1/app/main.js
commit clones/p1 2018-02-01 bob both
printf 'main(2)\n' >clones/p1/app/main.js
commit clones/p1 2018-03-01 ann app
printf 'model = 1\n' >clones/p2/model.py
commit clones/p2 2018-02-01 cid model
printf '<html></html>\n' >clones/p2/index.html
commit clones/p2 2018-04-01 dee page
printf 'ml model/\nml /model.py\n' >ml.rules
printf 'id\trepository\trules\np1\tclones/p1\tml.rules\np2\tclones/p2\tml.rules\n' >m.tsv
expect_exit 0 "$RHEA" study m.tsv --db base.sqlite --no-evidence --no-figures --quiet
entries() { sqlite3 "$1" "SELECT count(*) FROM summary_cache ${2:+WHERE product = '$2'}"; }
[ "$(entries base.sqlite)" = 0 ] || fail "study --no-figures stored figures"
fresh() { rm -f "$1" "$1-wal" "$1-shm"; cp base.sqlite "$1"; }
dump() { sqlite3 "$1" .dump; }
report() { # DB FORMAT [OPTIONS...]: the report written to out.FORMAT (byte for byte)
  local db=$1 f=$2
  shift 2
  rm -f "out.$f"
  expect_exit 0 "$RHEA" report --db "$db" --rq 1 --format "$f" --permutations 40 --bootstrap 40 \
    -o "out.$f" "$@"
}
reference() { # NAME [OPTIONS...]: ref.NAME.html, computed on a fresh copy without storing
  local name=$1
  shift
  fresh r.sqlite
  report r.sqlite html --read-only "$@"
  [ "$(entries r.sqlite)" = 0 ] || fail "--read-only stored figures"
  mv out.html "ref.$name.html"
}

# the reference: computed, nothing stored
fresh ref.sqlite
BEFORE=$(dump ref.sqlite)
for f in html json text; do
  report ref.sqlite $f --read-only
  mv "out.$f" "ref.$f"
done
[ "$(dump ref.sqlite)" = "$BEFORE" ] || fail "--read-only changed the database"

# computed and stored, then read: identical in every format; -j 1 and -j 2 the same
fresh s.sqlite
report s.sqlite html -j 1
cmp -s out.html ref.html || fail "stored run (computing, -j 1) differs from the reference"
[ "$(entries s.sqlite)" = 2 ] || fail "after one report: $(entries s.sqlite) entries, want 2"
fresh s2.sqlite
report s2.sqlite html -j 2
cmp -s out.html ref.html || fail "stored run (computing, -j 2) differs from the reference"
[ "$(sqlite3 s.sqlite 'SELECT product, history, inputs, hex(data) FROM summary_cache ORDER BY 1')" = \
  "$(sqlite3 s2.sqlite 'SELECT product, history, inputs, hex(data) FROM summary_cache ORDER BY 1')" ] ||
  fail "-j 1 and -j 2 stored different entries"
STORED=$(dump s.sqlite)
for f in html json text; do
  report s.sqlite $f
  cmp -s "out.$f" "ref.$f" || fail "report --format $f read from the store differs"
done
[ "$(dump s.sqlite)" = "$STORED" ] || fail "a report that found everything stored wrote"

# the store is read: p2's figures planted under p1's key show in p1's row
fresh planted.sqlite
report planted.sqlite json
sqlite3 planted.sqlite "UPDATE summary_cache SET data = (SELECT data FROM summary_cache WHERE
  product = 'p2') WHERE product = 'p1'"
report planted.sqlite json
cmp -s out.json ref.json && fail "a planted entry was not read"
python3 - out.json ref.json <<'EOF' || fail "the planted entry's figures are not p2's"
import json, sys
def commits(path, product):
    d = json.load(open(path))
    for t in d["sections"]:
        for table in t.get("tables", []):
            for row in table.get("rows", []):
                if row.get("id") == product and "commits" in row:
                    return row["commits"]
planted, ref = sys.argv[1], sys.argv[2]
assert commits(planted, "p1") == commits(ref, "p2") != commits(ref, "p1"), (
    commits(planted, "p1"), commits(ref, "p1"), commits(ref, "p2"))
EOF
# a damaged entry is a miss: computed again and replaced by the right one
LEN=$(sqlite3 s.sqlite "SELECT length(data) FROM summary_cache WHERE product = 'p1'")
sqlite3 planted.sqlite "UPDATE summary_cache SET data = X'00ff' WHERE product = 'p1'"
report planted.sqlite json
cmp -s out.json ref.json || fail "a damaged entry was not computed again"
[ "$(sqlite3 planted.sqlite "SELECT length(data) FROM summary_cache WHERE product = 'p1'")" = "$LEN" ] ||
  fail "the damaged entry was not replaced"

# each changed input is a miss whose report is the --read-only one
reference seed --seed 5
report s.sqlite html --seed 5
cmp -s out.html ref.seed.html || fail "--seed 5 differs from its --read-only report"
[ "$(entries s.sqlite p1)" = 2 ] || fail "--seed 5: $(entries s.sqlite p1) entries of p1, want 2"
# edited FILE (an OPTION's): stored with TEXT1, then a miss with TEXT2; both the --read-only report
edited() { # NAME OPTION FILE TEXT1 TEXT2
  local name=$1 option=$2 file=$3
  printf '%b' "$4" >"$file"
  reference "${name}1" "$option" "$file"
  report s.sqlite html "$option" "$file"
  cmp -s out.html "ref.${name}1.html" || fail "$option differs from its --read-only report"
  printf '%b' "$5" >"$file"
  reference "${name}2" "$option" "$file"
  cmp -s "ref.${name}1.html" "ref.${name}2.html" && fail "the $name edit changes nothing: a useless check"
  report s.sqlite html "$option" "$file"
  cmp -s out.html "ref.${name}2.html" || fail "an edited $name file read the old entry"
}
edited backgrounds --backgrounds bg.csv 'email,background\nann@example.com,SE\n' \
  'email,background\nann@example.com,ML\n'
edited rules --rules other.rules 'ml model/\n' 'ml model/\nml app/\n'

# --read-only with a key not stored writes nothing
STORED=$(dump s.sqlite)
report s.sqlite html --read-only --seed 9
[ "$(dump s.sqlite)" = "$STORED" ] || fail "--read-only wrote the database"

# rhea study stores what a report with the defaults reads
expect_exit 0 "$RHEA" study m.tsv --db st.sqlite --no-evidence --until 2018-03-15 --quiet
[ "$(entries st.sqlite)" = 2 ] || fail "study stored $(entries st.sqlite) entries, want 2"
cp st.sqlite st-ro.sqlite
STUDIED=$(dump st.sqlite)
expect_exit 0 "$RHEA" report --db st.sqlite --rq 1 --format html -o st.html
[ "$(dump st.sqlite)" = "$STUDIED" ] || fail "the report after rhea study computed figures again"
sqlite3 st-ro.sqlite "DELETE FROM summary_cache"
expect_exit 0 "$RHEA" report --db st-ro.sqlite --rq 1 --format html -o st-ro.html --read-only
cmp -s st.html st-ro.html || fail "the figures rhea study stored differ from a report's own"
grep -q '2018-03-15' st.html || fail "the report after rhea study does not use the study's date"

# a new commit: the report is the --read-only one, and p1's old entries are dropped
printf 'net = 3\n' >clones/p1/model/net.py
commit clones/p1 2018-05-01 bob more
expect_exit 0 "$RHEA" analyze clones/p1 --db s.sqlite --product p1 --rules ml.rules
expect_exit 0 "$RHEA" analyze clones/p1 --db base.sqlite --product p1 --rules ml.rules
reference grown
cmp -s ref.grown.html ref.html && fail "the new commit changes nothing: a useless check"
report s.sqlite html
cmp -s out.html ref.grown.html || fail "after a new commit: the report read the old entry"
[ "$(entries s.sqlite p1)" = 1 ] || fail "after a new commit: $(entries s.sqlite p1) entries of p1"
finish
