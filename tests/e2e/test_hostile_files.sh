#!/usr/bin/env bash
# Hostile input files: rules files (analyze --rules, classify --rules), manifests (study) and
# backgrounds files (contributors --backgrounds, report --backgrounds) that are empty, binary,
# huge, CRLF, BOM-prefixed, or bad in the middle. Each gives the good file's result (CRLF and BOM
# versions: byte for byte the same output) or one `FILE:LINE: ...` line with exit 1, and the
# database stays as it was (its `sqlite3 .dump` is unchanged, or it is not created).
source "$(dirname "$0")/lib.sh"
REPO=$WORK/repo
"$SAMPLE_GEN" "$REPO" >/dev/null
F=$WORK/files
mkdir -p "$F"

# ---- the variants of a good file, written by python (not by rhea) ----
# mkvariants GOOD PREFIX: PREFIX.crlf, .bom, .bomcrlf, .empty, .nul (a NUL on line 3), .random
# (4 KiB of seeded random bytes, NUL-free), .randnul (with NULs), .long (one 50 MB line),
# .million (1M short lines, the last one bad).
mkvariants() {
  python3 - "$1" "$2" <<'EOF'
import random, sys
good = open(sys.argv[1], "rb").read()
p = sys.argv[2]
def w(ext, data):
    open(p + "." + ext, "wb").write(data)
w("crlf", good.replace(b"\n", b"\r\n"))
w("bom", b"\xef\xbb\xbf" + good)
w("bomcrlf", b"\xef\xbb\xbf" + good.replace(b"\n", b"\r\n"))
w("empty", b"")
lines = good.split(b"\n")
w("nul", b"\n".join(lines[:2] + [b"x\x00y" + lines[2]] + lines[3:]))
r = random.Random(6021)
w("random", bytes(r.choice(range(1, 256)) for _ in range(4096)))
w("randnul", bytes(r.randrange(256) for _ in range(4096)))
w("long", b"x" * (50 * 1024 * 1024))
w("million", b"# a comment\n" * 999999 + b"bad line\n")
EOF
}

dump() { sqlite3 "$1" .dump | sed -E 's/^(INSERT INTO products VALUES.*),[0-9]+\);$/\1,T);/'; }

# expect_file_error CMD...: exit 1, one line `rhea CMD: FILE:LINE: ...` naming $WANT_FILE and
# $WANT_LINE (a regex), at most 400 bytes.
expect_file_error() {
  expect_exit 1 "$@"
  one_line "$ERR"
  expect_match "$ERR" "^rhea [a-z]+: $(printf '%s' "$WANT_FILE" | sed 's/[.[\*^$/]/\\&/g'):$WANT_LINE: "
  [ "${#ERR}" -le 400 ] || fail "message of ${#ERR} bytes: ${ERR:0:200}"
}

# ===== rules files =====
GOOD=$F/good.rules
printf '# labels for the sample product\nnonml **\nml model/\nexclude *.css\n\nml app/keyboard.js\n' >"$GOOD"
mkvariants "$GOOD" "$F/rules"
printf 'nonml **\nml model/\nmlx app/\nexclude *.css\n' >"$F/rules.badlabel"
printf 'nonml **\nml model/\n  ml  \t\nexclude *.css\n' >"$F/rules.nopattern"
printf 'nonml **\nml model/\nexclude !x\n' >"$F/rules.negation"

# Every variant is copied to the same path, so that the FILE:LINE the classify output cites is the
# same for all of them.
CUR=$F/cur.rules
# The helpers below leave their output in $RESULT (not printed: a $(...) subshell would lose the
# failures they count). CSV rows end in CRLF (RFC 4180); tr drops the CRs.
classify_with() { # classify_with VARIANT: analyze into a new database; RESULT = classify's CSV
  cp "$1" "$CUR"
  rm -f "$WORK/v.sqlite"
  expect_exit 0 "$RHEA" analyze "$REPO" --db "$WORK/v.sqlite" --rules "$CUR" --quiet
  expect_exit 0 "$RHEA" classify --product repo --db "$WORK/v.sqlite" --format csv
  RESULT=$(tr -d '\r' <<<"$OUT")
}
classify_with "$GOOD"
GOOD_CSV=$RESULT
# the good file's labels, by hand: line 3 model/, line 4 *.css, line 6 app/keyboard.js, line 2 **
for want in "model/train.py,ml,$CUR:3" "app/style.css,exclude,$CUR:4" \
  "app/keyboard.js,ml,$CUR:6" "app/main.js,nonml,$CUR:2" "README.md,nonml,$CUR:2"; do
  grep -qxF "$want" <<<"$GOOD_CSV" || fail "good rules: no row $want"
done
for v in crlf bom bomcrlf; do
  classify_with "$F/rules.$v"
  [ "$RESULT" = "$GOOD_CSV" ] || fail "rules.$v does not label like the good file"
done
# an empty rules file is the defaults alone: the same labels as an analyze without --rules
classify_with "$F/rules.empty"
EMPTY_CSV=$RESULT
rm -f "$WORK/v.sqlite"
expect_exit 0 "$RHEA" analyze "$REPO" --db "$WORK/v.sqlite" --quiet
expect_exit 0 "$RHEA" classify --product repo --db "$WORK/v.sqlite" --format csv
[ "$EMPTY_CSV" = "$(tr -d '\r' <<<"$OUT")" ] || fail "an empty rules file does not give the defaults"
grep -qxF "README.md,exclude,default:documentation" <<<"$EMPTY_CSV" || fail "empty rules: README.md"

# The bad files, against a database that already holds the product (analyzed with the good file)
# and against a database that does not exist yet.
DB=$WORK/rules.sqlite
expect_exit 0 "$RHEA" analyze "$REPO" --db "$DB" --rules "$GOOD" --quiet
BEFORE=$(dump "$DB")
check_bad_rules() { # check_bad_rules FILE LINE-REGEX
  WANT_FILE=$1 WANT_LINE=$2
  expect_file_error "$RHEA" analyze "$REPO" --db "$DB" --rules "$1" --quiet
  expect_file_error "$RHEA" analyze "$REPO" --db "$WORK/new.sqlite" --rules "$1" --quiet
  [ ! -e "$WORK/new.sqlite" ] || fail "analyze --rules $1 created the database"
  rm -f "$WORK/new.sqlite"
  expect_file_error "$RHEA" classify --product repo --db "$DB" --rules "$1"
  [ "$(dump "$DB")" = "$BEFORE" ] || fail "the database changed after --rules $1"
}
check_bad_rules "$F/rules.nul" 3
check_bad_rules "$F/rules.random" '[0-9]+'
check_bad_rules "$F/rules.randnul" '[0-9]+'
check_bad_rules "$F/rules.long" 1
expect_match "$ERR" "unknown label 'x{20,70}\.\.\.'"
check_bad_rules "$F/rules.million" 1000000
expect_match "$ERR" "unknown label 'bad'"
check_bad_rules "$F/rules.badlabel" 3
expect_match "$ERR" "unknown label 'mlx'"
check_bad_rules "$F/rules.nopattern" 3
check_bad_rules "$F/rules.negation" 3
# control characters and invalid UTF-8 from the file come back escaped, never raw
printf 'nonml **\n\033[31m\xff\rlabel x\n' >"$F/rules.control"
check_bad_rules "$F/rules.control" 2
expect_match "$ERR" "unknown label '\\\\x1b\[31m\\\\xff\\\\x0dlabel'"
LC_ALL=C grep -q $'[\x01-\x08\x0b-\x1f\x7f-\xff]' <<<"$ERR" && fail "raw control or non-ASCII bytes in: $ERR"

# ===== manifests =====
GOODM=$F/good.tsv
printf 'id\trepository\tname\tgenre\trules\tstars\nP1\t%s\tWord wise\tmobile\tgood.rules\t12\n# a comment\n\nP2\t%s/missing\t\tdesktop\t\t3\n' \
  "$REPO" "$WORK" >"$GOODM"
mkvariants "$GOODM" "$F/man"
printf 'id\trepository\tgenre\nP1\t%s\tmobile\nP2\t%s\tgame\nP3\tx/y\tweb\n' "$REPO" "$REPO" >"$F/man.badgenre"
printf 'id\trepository\nP1\t%s\nP2\ta\tb\nP3\tx/y\n' "$REPO" >"$F/man.badcells"
printf 'id\trepository\nP1\t%s\nP1\tx/y\n' "$REPO" >"$F/man.twice"

CURM=$F/cur.tsv
study_with() { # study_with VARIANT: study into a new database; RESULT = its output and dump
  cp "$1" "$CURM"
  rm -f "$WORK/m.sqlite"
  expect_exit 0 "$RHEA" study "$CURM" --db "$WORK/m.sqlite" --quiet # P2 missing: skipped
  RESULT="$OUT
$(dump "$WORK/m.sqlite")"
}
study_with "$GOODM"
GOOD_STUDY=$RESULT
expect_match "$GOOD_STUDY" "^P2: skipped: $WORK/missing not found"
[ "$(sqlite3 "$WORK/m.sqlite" "SELECT count(*) FROM commits WHERE product = 'P1'")" = \
  "$(git -C "$REPO" rev-list --count HEAD)" ] || fail "study of the good manifest: commit count"
[ "$(sqlite3 "$WORK/m.sqlite" "SELECT group_concat(key || '=' || value, ';') FROM \
  (SELECT * FROM product_meta WHERE product = 'P1' ORDER BY key)")" = \
  "genre=mobile;name=Word wise;repository=$REPO;stars=12" ] || fail "study of the good manifest: metadata"
for v in crlf bom bomcrlf; do
  study_with "$F/man.$v"
  [ "$RESULT" = "$GOOD_STUDY" ] || fail "man.$v does not study like the good manifest"
done

DB=$WORK/study.sqlite
expect_exit 0 "$RHEA" study "$GOODM" --db "$DB" --quiet
BEFORE=$(dump "$DB")
check_bad_manifest() { # check_bad_manifest FILE LINE-REGEX
  WANT_FILE=$1 WANT_LINE=$2
  expect_file_error "$RHEA" study "$1" --db "$DB" --quiet
  expect_file_error "$RHEA" study "$1" --db "$WORK/new.sqlite" --quiet
  [ ! -e "$WORK/new.sqlite" ] || fail "study $1 created the database"
  rm -f "$WORK/new.sqlite"
  [ "$(dump "$DB")" = "$BEFORE" ] || fail "the database changed after study $1"
}
check_bad_manifest "$F/man.empty" 1
expect_match "$ERR" "empty manifest"
check_bad_manifest "$F/man.nul" 3
check_bad_manifest "$F/man.random" '[0-9]+'
check_bad_manifest "$F/man.randnul" '[0-9]+'
check_bad_manifest "$F/man.long" 1
check_bad_manifest "$F/man.million" 1000000
expect_match "$ERR" "header row"
printf 'id\trepository\n' >"$F/man.million"
python3 -c 'import sys; sys.stdout.write("".join("P%d\tx/y\n" % i for i in range(2, 1000000)) + "P1\tx/y\textra\n")' \
  >>"$F/man.million"
check_bad_manifest "$F/man.million" 1000000
expect_match "$ERR" "3 cells, but the header has 2 columns"
check_bad_manifest "$F/man.badgenre" 3
expect_match "$ERR" "genre 'game'"
check_bad_manifest "$F/man.badcells" 3
check_bad_manifest "$F/man.twice" 3
printf 'id\trepository\tgenre\nP1\ta/b\t\033]0;x\007%s\n' "$(head -c 100000 /dev/zero | tr '\0' y)" >"$F/man.control"
check_bad_manifest "$F/man.control" 2
expect_match "$ERR" "genre '\\\\x1b\]0;x\\\\x07y+\.\.\.'"

# ===== backgrounds files =====
DB=$WORK/bg.sqlite
expect_exit 0 "$RHEA" analyze "$REPO" --db "$DB" --quiet
BEFORE=$(dump "$DB")
GOODB=$F/good.csv
printf 'email,background\nALICE@example.com,ML\n# carol asked to be left out\n\n"bob@example.com", se\n' >"$GOODB"
mkvariants "$GOODB" "$F/bg"
printf 'email,background\nalice@example.com,ML\nbob@example.com,data scientist\ncarol@example.com,SE\n' >"$F/bg.badvalue"
printf 'email,background\nalice@example.com,ML\nbob@example.com\n' >"$F/bg.onecell"
printf 'email,background\nalice@example.com,ML\n,SE\n' >"$F/bg.noemail"

CURB=$F/cur.csv
with_backgrounds() { # with_backgrounds VARIANT: RESULT = contributors (json) and report (md)
  cp "$1" "$CURB"
  expect_exit 0 "$RHEA" contributors --product repo --db "$DB" --backgrounds "$CURB" --format json
  RESULT=$OUT
  expect_exit 0 "$RHEA" report --db "$DB" --backgrounds "$CURB" --format md
  RESULT="$RESULT
$OUT"
}
with_backgrounds "$GOODB"
GOOD_BG=$RESULT
# by hand: Alice ML (e-mail case ignored), Bob SE (quotes and case), Carol not in the file
"$RHEA" contributors --product repo --db "$DB" --backgrounds "$CURB" --format json | python3 -c '
import json, sys
d = json.load(sys.stdin)
got = {c["name"]: c["background"] for c in d["all"]}
assert got == {"Alice Smith": "ML", "Bob Jones": "SE", "Carol Wu": None}, got' ||
  fail "good backgrounds file: wrong backgrounds"
for v in crlf bom bomcrlf; do
  with_backgrounds "$F/bg.$v"
  [ "$RESULT" = "$GOOD_BG" ] || fail "bg.$v does not read like the good file"
done
# a good report stores the product's evidence (docs/evidence.md, "Stored evidence"): the bad
# files are compared with the database as the good runs left it
BEFORE=$(dump "$DB")
check_bad_backgrounds() { # check_bad_backgrounds FILE LINE-REGEX
  WANT_FILE=$1 WANT_LINE=$2
  expect_file_error "$RHEA" contributors --product repo --db "$DB" --backgrounds "$1"
  expect_file_error "$RHEA" report --db "$DB" --backgrounds "$1"
  expect_file_error "$RHEA" report --db "$WORK/new.sqlite" --backgrounds "$1"
  [ ! -e "$WORK/new.sqlite" ] || fail "report --backgrounds $1 created a database"
  [ "$(dump "$DB")" = "$BEFORE" ] || fail "the database changed after --backgrounds $1"
}
check_bad_backgrounds "$F/bg.empty" 1
expect_match "$ERR" "empty backgrounds file"
check_bad_backgrounds "$F/bg.nul" 3
check_bad_backgrounds "$F/bg.random" '[0-9]+'
check_bad_backgrounds "$F/bg.randnul" '[0-9]+'
check_bad_backgrounds "$F/bg.long" 1
check_bad_backgrounds "$F/bg.million" 1000000
check_bad_backgrounds "$F/bg.badvalue" 3
expect_match "$ERR" "background 'data scientist' is not one of SE, ML, other, unsure"
check_bad_backgrounds "$F/bg.onecell" 3
check_bad_backgrounds "$F/bg.noemail" 3
expect_match "$ERR" "empty email"
finish
